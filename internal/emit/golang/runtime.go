package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/templates"
)

// optionalMarker, in a runtime declaration's doc comment, keeps an exported
// declaration out of an SDK that does not use it.
const optionalMarker = "//sdkgen:optional"

// Runtime is the SDK runtime: the hand-written, tested plumbing every SDK
// shares. Copy emits only the declarations an SDK uses, so no SDK carries
// dead code.
type Runtime struct {
	fset  *token.FileSet
	files []*runtimeFile
}

type runtimeFile struct {
	name    string // "request.go"
	file    *ast.File
	imports map[string]string // local name -> import path
	units   []*unit
}

// unit is a top-level declaration: a function, a method, or a whole GenDecl
// (a const block with iota must stay together).
type unit struct {
	decl     ast.Decl
	names    []string // declared names; for a method, its name
	recv     string   // receiver type name for methods
	refs     []string // identifiers that may name package-level declarations
	sels     []string // selector names: fields and methods
	optional bool
	text     []byte   // the declaration as gofmt prints it, markers removed
	pkgs     []string // local names of the packages it uses
}

// gofmt prints as go/format does.

// LoadRuntime parses the runtime package and prints each of its
// declarations once, for Copy to put together.
func LoadRuntime() (*Runtime, error) {
	rt := &Runtime{fset: token.NewFileSet()}
	entries, err := fs.ReadDir(templates.Runtime, "runtime")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		src, err := fs.ReadFile(templates.Runtime, path.Join("runtime", e.Name()))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(rt.fset, e.Name(), src, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("runtime: %w", err)
		}
		rf, err := newRuntimeFile(rt.fset, e.Name(), f)
		if err != nil {
			return nil, fmt.Errorf("runtime: %w", err)
		}
		rt.files = append(rt.files, rf)
	}
	return rt, nil
}

// newRuntimeFile splits a runtime file into units, each printed once here:
// Copy only puts the texts of the units an SDK uses together.
func newRuntimeFile(fset *token.FileSet, name string, f *ast.File) (*runtimeFile, error) {
	rf := &runtimeFile{name: name, file: f, imports: map[string]string{}}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		local := path.Base(p)
		if imp.Name != nil {
			local = imp.Name.Name
		} else if strings.HasPrefix(local, "v") && strings.Contains(p, "/") {
			// "math/rand/v2" is package rand.
			if _, err := strconv.Atoi(local[1:]); err == nil {
				local = path.Base(path.Dir(p))
			}
		}
		rf.imports[local] = p
	}
	for _, d := range f.Decls {
		u := &unit{decl: d}
		switch d := d.(type) {
		case *ast.FuncDecl:
			u.names = []string{d.Name.Name}
			if d.Recv != nil {
				u.recv = receiverName(d.Recv.List[0].Type)
			}
			u.optional = hasMarker(d.Doc)
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					u.names = append(u.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						u.names = append(u.names, n.Name)
					}
				}
			}
			u.optional = hasMarker(d.Doc)
		}
		u.refs, u.sels = identRefs(d)
		var text bytes.Buffer
		if err := goPrinter.Fprint(&text, fset, &printer.CommentedNode{Node: d, Comments: f.Comments}); err != nil {
			return nil, err
		}
		u.text = stripMarkers(text.Bytes())
		seen := map[string]bool{}
		ast.Inspect(d, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && rf.imports[id.Name] != "" && !seen[id.Name] {
					seen[id.Name] = true
					u.pkgs = append(u.pkgs, id.Name)
				}
			}
			return true
		})
		rf.units = append(rf.units, u)
	}
	return rf, nil
}

// identRefs splits the identifiers of a node into those that may refer to
// package-level declarations and selector names (fields, methods). Struct
// field names and composite literal keys are neither. The runtime never
// shadows a package-level name with a local one, which keeps this exact.
func identRefs(n ast.Node) (refs, sels []string) {
	visitIdents(n,
		func(id string) { refs = append(refs, id) },
		func(id string) { sels = append(sels, id) })
	return refs, sels
}

// addIdentRefs adds the identifiers of a node to used, as identRefs splits
// them.
func addIdentRefs(n ast.Node, used Used) {
	visitIdents(n,
		func(id string) { used.Refs[id] = true },
		func(id string) { used.Sels[id] = true })
}

// visitIdents walks n, passing identifiers that may name package-level
// declarations to ref and selector names to sel. It does not descend into
// the names that are neither (a field's, a method's, a literal's key), so
// no set of them is kept.
func visitIdents(n ast.Node, ref, sel func(string)) {
	var visit func(ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			sel(n.Sel.Name)
			ast.Inspect(n.X, visit)
			return false
		case *ast.StructType:
			for _, f := range n.Fields.List {
				ast.Inspect(f.Type, visit)
			}
			return false
		case *ast.InterfaceType:
			for _, f := range n.Methods.List {
				for _, name := range f.Names {
					sel(name.Name)
				}
				ast.Inspect(f.Type, visit)
			}
			return false
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); ok {
				ast.Inspect(n.Value, visit)
				return false
			}
		case *ast.Ident:
			ref(n.Name)
		}
		return true
	}
	ast.Inspect(n, visit)
}

func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.IndexExpr:
		return receiverName(e.X)
	case *ast.IndexListExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

func hasMarker(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if c.Text == optionalMarker {
			return true
		}
	}
	return false
}

// Names returns every top-level name the runtime declares, used or not, so
// that generated names never depend on which parts an SDK uses.
func (rt *Runtime) Names() []string {
	var out []string
	for _, f := range rt.files {
		for _, u := range f.units {
			if u.recv == "" {
				out = append(out, u.names...)
			}
		}
	}
	slices.Sort(out)
	return out
}

// RuntimeFile is a runtime file ready to be written into an SDK.
type RuntimeFile struct {
	Name string // "request.go"
	Src  []byte // formatted, without the generated-code header
}

// Used is what generated code mentions: identifiers that may name
// package-level declarations, and selector names.
type Used struct {
	Refs, Sels map[string]bool
}

// Copy returns the runtime declarations that generated code needs,
// transitively, plus every exported declaration not marked optional, as files
// of package pkg.
func (rt *Runtime) Copy(pkg string, used Used) []RuntimeFile {
	refs, sels := maps.Clone(used.Refs), maps.Clone(used.Sels)
	included := map[*unit]bool{}
	for changed := true; changed; {
		changed = false
		for _, f := range rt.files {
			for _, u := range f.units {
				if included[u] || !wanted(u, refs, sels) {
					continue
				}
				included[u] = true
				changed = true
				for _, r := range u.refs {
					refs[r] = true
				}
				for _, s := range u.sels {
					sels[s] = true
				}
			}
		}
	}
	var out []RuntimeFile
	for _, f := range rt.files {
		if src := rt.render(pkg, f, included); src != nil {
			out = append(out, RuntimeFile{Name: f.name, Src: src})
		}
	}
	return out
}

// wanted reports whether u must be copied given the references seen so far.
func wanted(u *unit, refs, sels map[string]bool) bool {
	if u.recv != "" {
		// A method comes with its type when it is exported (part of the
		// type's API, or satisfying json.Marshaler and the like) or called.
		return refs[u.recv] && (ast.IsExported(u.names[0]) || sels[u.names[0]])
	}
	for _, n := range u.names {
		if refs[n] || (ast.IsExported(n) && !u.optional) {
			return true
		}
	}
	return false
}

// render puts a runtime file together from the texts of its included units,
// in gofmt's layout: TestRuntimeLayout holds it to go/format.
func (rt *Runtime) render(pkg string, f *runtimeFile, included map[*unit]bool) []byte {
	var body bytes.Buffer
	used := map[string]bool{}
	for _, u := range f.units {
		if !included[u] {
			continue
		}
		body.WriteString("\n")
		body.Write(u.text)
		body.WriteString("\n")
		for _, p := range u.pkgs {
			used[p] = true
		}
	}
	if body.Len() == 0 {
		return nil
	}
	var imports []string
	for local, p := range f.imports {
		if used[local] {
			imports = append(imports, strconv.Quote(p))
		}
	}
	slices.Sort(imports)
	var src bytes.Buffer
	src.Grow(body.Len() + 256)
	fmt.Fprintf(&src, "package %s\n", pkg)
	if len(imports) > 0 {
		fmt.Fprintf(&src, "\nimport (\n\t%s\n)\n", strings.Join(imports, "\n\t"))
	}
	src.Write(body.Bytes())
	return src.Bytes()
}

// stripMarkers removes the optional markers and the blank comment line that
// separates them from the doc text.
func stripMarkers(src []byte) []byte {
	return bytes.ReplaceAll(src, []byte("//\n"+optionalMarker+"\n"), nil)
}
