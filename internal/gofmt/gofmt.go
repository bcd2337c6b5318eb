package gofmt

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/token"
	"strings"
	"sync"
)

var printers = sync.Pool{New: func() any { return &printer{al: new(aligner)} }}

// ErrNotCovered is returned for a file that uses something this printer
// leaves to go/printer.
var ErrNotCovered = errors.New("gofmt: construct not covered")

// Fprint appends f, parsed from fset with its comments, to dst as gofmt
// prints it. On an error dst is returned unchanged and the caller prints
// with go/printer: ErrNotCovered for what this printer does not cover, or
// a failure of the printer itself, which is a bug to report.
func Fprint(dst []byte, fset *token.FileSet, f *ast.File) (out []byte, err error) {
	tf := fset.File(f.Pos())
	if tf == nil || !covered(f) {
		return dst, ErrNotCovered
	}
	src := &source{base: tf.Base(), size: tf.Size(), lines: tf.Lines()}

	p := printers.Get().(*printer)
	defer printers.Put(p)
	sizes := p.nodeSizes
	if sizes == nil {
		sizes = make(map[ast.Node]int)
	}
	clear(sizes)
	p.reset(src, false, sizes)
	p.al.reset(dst)
	defer func() {
		switch r := recover().(type) {
		case nil:
		case unsupported:
			out, err = dst, ErrNotCovered
		default:
			// Generation goes on with go/printer; tests see the error.
			out, err = dst, fmt.Errorf("gofmt: printing %s: %v", tf.Name(), r)
		}
	}()

	p.comments = f.Comments
	p.useNodeComments = p.comments == nil
	p.nextComment()
	p.file(f)
	p.impliedSemi = false
	p.flush(position{offset: infinity, line: infinity}, token.EOF)
	return p.al.finish(), nil
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
