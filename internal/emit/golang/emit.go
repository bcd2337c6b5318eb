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
	"go/format"
	"go/parser"
	"go/token"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// fixedNames are the package-level names the emitter itself declares.
var fixedNames = []string{"Client", "New", "ServerURL"}

// ReservedNames returns every package-level name the emitter and the runtime
// may declare; declarations from the spec must avoid them.
func ReservedNames(rt *Runtime) []string {
	return append(rt.Names(), fixedNames...)
}

type emitter struct {
	api *ir.API
}

// Emit returns the SDK's Go files.
func Emit(api *ir.API, rt *Runtime) ([]files.File, error) {
	e := &emitter{api: api}
	var out []files.File
	used := Used{Refs: map[string]bool{}, Sels: map[string]bool{}}
	add := func(name string, f *jen.File) error {
		src, err := render(name, f)
		if err != nil {
			return err
		}
		collectIdents(src, used)
		out = append(out, files.File{Path: name, Content: withHeader(src)})
		return nil
	}

	if err := add("client.go", e.clientFile()); err != nil {
		return nil, err
	}
	for _, g := range api.Groups {
		if len(g.Operations) == 0 {
			continue
		}
		f := e.newFile()
		e.emitGroup(f, g)
		if err := add(g.File+".go", f); err != nil {
			return nil, err
		}
	}
	for _, d := range api.Decls {
		f := e.newFile()
		e.emitDecl(f, d)
		if err := add(d.File+".go", f); err != nil {
			return nil, err
		}
	}
	rtFiles, err := rt.Copy(api.Package, used)
	if err != nil {
		return nil, err
	}
	for _, rf := range rtFiles {
		out = append(out, files.File{Path: "runtime_" + rf.Name, Content: withHeader(rf.Src)})
	}
	return out, nil
}

func (e *emitter) newFile() *jen.File {
	f := jen.NewFile(e.api.Package)
	f.NoFormat = true
	return f
}

func withHeader(src []byte) []byte {
	return append([]byte(files.GoHeader+"\n\n"), src...)
}

// render formats a file. On failure the error shows the numbered source, so
// the emitter bug is easy to find.
func render(name string, f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("emitting %s: %w", name, err)
	}
	out, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("emitting %s: generated code does not parse: %w\n%s", name, err, numbered(buf.Bytes()))
	}
	return out, nil
}

func numbered(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}

// collectIdents records what a generated Go file mentions.
func collectIdents(src []byte, used Used) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return // render already checked that it parses
	}
	refs, sels := identRefs(f)
	for _, r := range refs {
		used.Refs[r] = true
	}
	for _, s := range sels {
		used.Sels[s] = true
	}
}
