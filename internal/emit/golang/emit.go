// Package golang emits a Go SDK from the IR with jennifer.
//
// Output is split by concern so that a spec change touches only the files it
// concerns: client.go (Client, New, security options), one service_*.go per
// group, one model_*.go per declaration, and runtime_*.go, the parts of the
// runtime the SDK uses.
package golang

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// fixedNames are the package-level names the emitter itself declares.
var fixedNames = []string{"Client", "New", "ServerURL", "apiServers", "undeclaredError"}

// ReservedNames returns every package-level name the emitter and the runtime
// may declare; declarations from the spec must avoid them.
func ReservedNames(rt *Runtime) []string {
	return append(rt.Names(), fixedNames...)
}

type emitter struct {
	api  *ir.API
	view *goview.View
}

// Emit returns the SDK's Go files.
func Emit(view *goview.View, rt *Runtime) ([]files.File, error) {
	api := view.API
	e := &emitter{api: api, view: view}
	type job struct {
		name  string
		build func(f *jen.File)
	}
	jobs := []job{{"client.go", e.emitClient}}
	for _, g := range view.Groups {
		if g.IR.Present() {
			jobs = append(jobs, job{g.IR.File + ".go", func(f *jen.File) { e.emitGroup(f, g) }})
		}
	}
	for _, d := range view.Decls {
		jobs = append(jobs, job{d.IR.File + ".go", func(f *jen.File) { e.emitDecl(f, d) }})
	}

	// Files are independent: render them on every core, keeping their order.
	// Each worker keeps its own scratch buffer and set of the identifiers
	// its files mention, merged at the end.
	results := make([]rendered, len(jobs))
	workers := make([]*renderer, runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		r := newRenderer()
		workers[w] = r
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				f := e.newFile()
				jobs[i].build(f)
				results[i] = r.render(jobs[i].name, f)
			}
		})
	}
	wg.Wait()

	out := make([]files.File, 0, len(jobs))
	for i, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, files.File{Path: jobs[i].name, Content: r.src})
	}
	used := Used{Refs: map[string]bool{}, Sels: map[string]bool{}}
	for _, r := range workers {
		maps.Copy(used.Refs, r.used.Refs)
		maps.Copy(used.Sels, r.used.Sels)
	}
	for _, g := range view.Groups {
		for _, m := range g.Methods {
			if m.Op.HeadersName != "" {
				// The option that reads them, which no generated code calls.
				used.Refs["WithResponseHeaders"] = true
			}
		}
	}
	if usesOperationServers(api) {
		// Its call option is mentioned by no generated code, only by
		// the docs of the operations it serves.
		used.Refs["WithOperationServer"] = true
	}
	for _, rf := range rt.Copy(api.Package, used) {
		out = append(out, files.File{Path: "runtime_" + rf.Name, Content: withHeader(rf.Src)})
	}
	return out, nil
}

// newFile starts a file of the SDK's package, whose path the view
// qualifies the SDK's own identifiers with.
func (e *emitter) newFile() *jen.File {
	f := jen.NewFilePathName(e.view.Path, e.api.Package)
	f.NoFormat = true
	return f
}

// header starts every Go file.
const header = files.GoHeader + "\n\n"

func withHeader(src []byte) []byte {
	return append([]byte(header), src...)
}

// rendered is a formatted file.
type rendered struct {
	src []byte
	err error
}

// A renderer formats files one after another, reusing its scratch space,
// and collects the identifiers they mention.
type renderer struct {
	raw  bytes.Buffer // jennifer's output: growing it afresh per file was a sixth of all allocation
	used Used
}

func newRenderer() *renderer {
	return &renderer{used: Used{Refs: map[string]bool{}, Sels: map[string]bool{}}}
}

// render formats a file, parsing it once both to format it and to collect
// what it mentions. On failure the error shows the numbered source, so the
// emitter bug is easy to find.
func (r *renderer) render(name string, f *jen.File) rendered {
	buf := &r.raw
	buf.Reset()
	if err := f.Render(buf); err != nil {
		return rendered{err: fmt.Errorf("emitting %s: %w", name, err)}
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, buf.Bytes(), parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return rendered{err: fmt.Errorf("emitting %s: generated code does not parse: %w\n%s", name, err, numbered(buf.Bytes()))}
	}
	// The header goes first, and the buffer starts near its final size.
	out := bytes.NewBuffer(make([]byte, 0, len(header)+buf.Len()+buf.Len()/8))
	out.WriteString(header)
	if err := goPrinter.Fprint(out, fset, file); err != nil {
		return rendered{err: fmt.Errorf("emitting %s: %w\n%s", name, err, numbered(buf.Bytes()))}
	}
	addIdentRefs(file, r.used)
	return rendered{src: out.Bytes()}
}

// goPrinter is go/printer with gofmt's settings. Not go/format: it prints
// a file with an import block twice, to sort imports jennifer writes sorted.
var goPrinter = printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}

func numbered(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}
