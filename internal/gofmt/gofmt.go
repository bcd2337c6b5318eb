package gofmt

import (
	"go/ast"
	"go/build/constraint"
	"go/token"
	"strings"
	"sync"
)

var printers = sync.Pool{New: func() any { return &printer{al: new(aligner)} }}

// Fprint appends f, parsed from fset with its comments, to dst as gofmt
// prints it, and reports whether it could: on false, dst is returned
// unchanged and the caller prints with go/printer.
func Fprint(dst []byte, fset *token.FileSet, f *ast.File) (out []byte, ok bool) {
	tf := fset.File(f.Pos())
	if tf == nil || !covered(f) {
		return dst, false
	}
	src := &source{base: tf.Base(), size: tf.Size(), lines: tf.Lines()}

	p := printers.Get().(*printer)
	defer printers.Put(p)
	al, sizes := p.al, p.nodeSizes
	if sizes == nil {
		sizes = make(map[ast.Node]int)
	}
	clear(sizes)
	p.reset(src, false, sizes)
	p.al = al
	al.reset(dst)
	defer func() {
		if r := recover(); r != nil {
			if _, bailed := r.(unsupported); !bailed {
				panic(r)
			}
			out, ok = dst, false
		}
	}()

	p.comments = f.Comments
	p.useNodeComments = p.comments == nil
	p.nextComment()
	p.file(f)
	p.impliedSemi = false
	p.flush(position{offset: infinity, line: infinity}, token.EOF)
	return al.finish(), true
}

// covered reports whether f's comments are all ones this printer handles:
// //-style, and neither build constraints nor line directives, which
// go/printer moves or unindents.
func covered(f *ast.File) bool {
	for _, g := range f.Comments {
		for _, c := range g.List {
			t := c.Text
			if !strings.HasPrefix(t, "//") || strings.ContainsAny(t, "\n\f") ||
				strings.HasPrefix(t, "//line ") || constraint.IsGoBuild(t) || constraint.IsPlusBuild(t) {
				return false
			}
		}
	}
	return true
}
