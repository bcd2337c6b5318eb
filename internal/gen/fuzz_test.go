package gen_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/emit/docs"
	"github.com/sdkgen/sdkgen/internal/emit/golang"
	"github.com/sdkgen/sdkgen/internal/gen"
)

// typeCheckLimit bounds the specs whose output FuzzGenerate type-checks:
// small ones, so that fuzzing stays fast.
const typeCheckLimit = 4 << 10

// FuzzGenerate feeds spec bytes through the whole pipeline. Generation may
// fail, but only with a located error; when it succeeds, every Go file
// parses, paths stay in the output directory, a second run gives the same
// bytes, and the output of small specs type-checks.
func FuzzGenerate(f *testing.F) {
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, c := range cases {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "spec.yaml" {
				f.Add(file.Data)
			}
		}
	}
	seeds, _ := filepath.Glob("testdata/fuzzseeds/*.yaml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	c := newFuzzChecker(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c.check(t, data, len(data) <= typeCheckLimit)
	})
}

// fuzzChecker runs the generator on fuzzed specs and checks its output.
type fuzzChecker struct {
	g   *gen.Generator
	imp types.Importer
}

func newFuzzChecker(f *testing.F) *fuzzChecker {
	g := gen.New()
	// With cgo on, the source importer runs the cgo tool for packages like
	// net; their pure Go files type-check the same, without a subprocess.
	build.Default.CgoEnabled = false
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil) // caches the standard library across inputs
	// Import the packages generated code uses now: the fuzzing engine
	// gives each input 10s, which the first import from source can take.
	for _, p := range []string{"context", "encoding/json", "net/http", "mime/multipart", "time", "strconv", "syscall"} {
		if _, err := imp.Import(p); err != nil {
			f.Fatal(err)
		}
	}
	return &fuzzChecker{g: g, imp: imp}
}

// check generates from spec. Generation may fail, but only with a located
// error; when it succeeds, every Go file parses and every path is local.
// With full set, a second run must give the same bytes and the output must
// type-check.
func (c *fuzzChecker) check(t *testing.T, data []byte, full bool) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sdk := gen.SDK{Spec: spec, Out: filepath.Join(dir, "out"), Package: "fuzzed"}
	res, err := c.g.Run(context.Background(), sdk)
	if err != nil {
		var located *diag.Error
		if !errors.As(err, &located) || located.Pos.File == "" {
			t.Fatalf("error without a location: %v", err)
		}
		return
	}
	fset := token.NewFileSet()
	var goFiles []*ast.File
	for _, f := range res.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) || strings.Contains(f.Path, `\`) {
			t.Fatalf("output path %q", f.Path)
		}
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		file, err := parser.ParseFile(fset, f.Path, f.Content, parser.ParseComments)
		if err != nil {
			t.Fatalf("%v\n%s", err, f.Content)
		}
		goFiles = append(goFiles, file)
	}
	if !full {
		return
	}
	again, err := c.g.Run(context.Background(), sdk)
	if err != nil {
		t.Fatalf("second run failed: %v", err)
	}
	if len(again.Files) != len(res.Files) {
		t.Fatalf("second run: %d files, first %d", len(again.Files), len(res.Files))
	}
	for i, f := range res.Files {
		if again.Files[i].Path != f.Path || !bytes.Equal(again.Files[i].Content, f.Content) {
			t.Fatalf("%s differs between two runs", f.Path)
		}
	}
	conf := types.Config{Importer: c.imp}
	if _, err := conf.Check("fuzzed", fset, goFiles, nil); err != nil {
		pos := fset.Position(0)
		var terr types.Error
		if errors.As(err, &terr) {
			pos = terr.Fset.Position(terr.Pos)
		}
		for _, f := range res.Files {
			if f.Path == pos.Filename {
				t.Logf("%s:\n%s", f.Path, numberedLines(f.Content))
			}
		}
		t.Fatalf("generated code does not type-check: %v\nspec:\n%s", err, data)
	}
	if err := cmp.Or(golang.CheckFormatted(res.Files), docs.CheckExamples(res.Files)); err != nil {
		t.Fatalf("%v\nspec:\n%s", err, data)
	}
}

// FuzzSchemaGraph builds specs from the input bytes, a few schemas that
// refer to each other through every construct (properties, items,
// additionalProperties, allOf, oneOf with and without a discriminator,
// anyOf, not, nullable, enums, odd property names), used as a response, a
// request body, a form body and parameters: byte-level mutation of YAML
// rarely reaches such shapes, and cycles among them are where lowering
// recurses.
func FuzzSchemaGraph(f *testing.F) {
	for _, seed := range []string{"\x00", "\x03\x04\x03\x01\x05\x03\x00", "\x02\x07\x03\x01\x03\x00\x07\x03\x00\x03\x01",
		"\x04\x0a\x03\x01\x03\x02\x04\x00\x04\x01\x0b\x06\x03\x00\x08\x03\x03\x03\x02", "\x05\x0c\x05\x0d\x03\x04\x09\x03\x00\x03\x01\x0e\x0f\x10\x11"} {
		f.Add([]byte(seed))
	}
	for i := byte(1); i < 8; i++ { // reaching the extras
		f.Add(append([]byte("\x03\x04\x03\x01\x05\x03\x00\x01\x02\x00\x01\x00\x01\x02\x00\x01\x02\x00\x01\x02"), i, i%6, i%5, i%4, 1, 1, 2, 0))
	}
	c := newFuzzChecker(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := json.MarshalIndent(schemaGraph(data), "", " ")
		if err != nil {
			t.Fatal(err)
		}
		c.check(t, spec, true)
	})
}

// schemaGraph turns bytes into a spec.
func schemaGraph(data []byte) map[string]any {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	n := 1 + next()%5
	name := func(i int) string { return fmt.Sprintf("S%d", i%n) }
	ref := func(i int) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name(i)} }
	props := []string{"a", "id", "type", "", "a,b", "-", "kind", "ID", "say \"hi\"", "名前"}
	var schema func(depth int) map[string]any
	schema = func(depth int) map[string]any {
		sub := func() map[string]any {
			if depth >= 3 {
				return ref(next())
			}
			return schema(depth + 1)
		}
		switch next() % 18 {
		case 0:
			return map[string]any{"type": "string"}
		case 1:
			return map[string]any{"type": "integer", "format": []string{"int32", "int64", ""}[next()%3]}
		case 2:
			return map[string]any{"type": []string{"string", "integer"}[next()%2], "enum": []any{"a", 1, "", "a b", nil}[:1+next()%5]}
		case 3:
			return ref(next())
		case 4:
			p := map[string]any{props[next()%len(props)]: sub(), props[next()%len(props)]: sub()}
			req := []any{}
			for k := range p {
				if next()%2 == 0 {
					req = append(req, k)
				}
			}
			s := map[string]any{"type": "object", "properties": p}
			if len(req) > 0 {
				s["required"] = req
			}
			return s
		case 5:
			return map[string]any{"type": "array", "items": sub()}
		case 6:
			return map[string]any{"type": "object", "additionalProperties": sub()}
		case 7:
			return map[string]any{"allOf": []any{sub(), sub()}}
		case 8:
			return map[string]any{"oneOf": []any{sub(), sub()}}
		case 9:
			return map[string]any{"anyOf": []any{sub(), sub()}}
		case 10:
			return map[string]any{"oneOf": []any{ref(next()), ref(next())}, "discriminator": map[string]any{"propertyName": props[next()%len(props)]}}
		case 11:
			s := sub()
			s["nullable"] = true
			return s
		case 12:
			return map[string]any{"not": sub()}
		case 13:
			return map[string]any{"type": "string", "format": []string{"date-time", "binary", "byte", "uuid"}[next()%4]}
		case 14:
			return map[string]any{}
		case 15:
			return map[string]any{"type": "object", "properties": map[string]any{"x": sub()}, "additionalProperties": next()%2 == 0}
		case 16:
			return map[string]any{"allOf": []any{ref(next())}, "description": "wrapped", "nullable": next()%2 == 0}
		}
		return map[string]any{"type": []string{"number", "boolean", "object"}[next()%3]}
	}
	schemas := map[string]any{}
	for i := range n {
		schemas[name(i)] = schema(0)
	}
	content := func(mt string, i int) map[string]any {
		return map[string]any{mt: map[string]any{"schema": ref(i)}}
	}
	op := map[string]any{
		"operationId": "op",
		"parameters": []any{
			map[string]any{"name": "q", "in": "query", "schema": ref(next())},
			map[string]any{"name": "h", "in": "header", "schema": ref(next())},
			map[string]any{"name": "p", "in": "path", "required": true, "schema": ref(next())},
		},
		"requestBody": map[string]any{"required": next()%2 == 0, "content": content([]string{"application/json", "multipart/form-data", "application/x-www-form-urlencoded"}[next()%3], next())},
		"responses": map[string]any{
			"200": map[string]any{"description": "ok", "content": content("application/json", next())},
			"201": map[string]any{"description": "ok", "content": content("application/json", next())},
			"4XX": map[string]any{"description": "error", "content": content("application/json", next())},
		},
	}
	// Bytes left over pick more parameter styles, responses, bodies,
	// security and a second operation; none are added when the input ends.
	params := op["parameters"].([]any)
	switch next() % 8 {
	case 1:
		params = append(params, map[string]any{"name": "d", "in": "query", "style": "deepObject", "explode": true, "schema": ref(next())})
	case 2:
		params = append(params, map[string]any{"name": "f", "in": "query", "explode": false, "schema": ref(next())})
	case 3:
		params = append(params, map[string]any{"name": "hs", "in": "header", "schema": map[string]any{"type": "array", "items": ref(next())}})
	case 4:
		params = append(params, map[string]any{"name": "ck", "in": "cookie", "schema": ref(next())})
	case 5:
		params = append(params, map[string]any{"name": "c", "in": "query", "content": content("application/json", next())})
	case 6:
		params = append(params, map[string]any{"name": "a", "in": "query", "required": true, "schema": map[string]any{"type": "array", "items": ref(next())}})
	case 7:
		params = append(params, map[string]any{"name": "hp", "in": "header", "required": true, "schema": ref(next())})
	}
	op["parameters"] = params
	responses := op["responses"].(map[string]any)
	switch next() % 6 {
	case 1:
		responses["default"] = map[string]any{"description": "other", "content": content("application/json", next())}
	case 2:
		responses["204"] = map[string]any{"description": "none"}
	case 3:
		responses["202"] = map[string]any{"description": "text", "content": map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}}
	case 4:
		responses["203"] = map[string]any{"description": "bytes", "content": map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
	case 5:
		delete(responses, "200")
		responses["default"] = map[string]any{"description": "anything"}
	}
	switch next() % 5 {
	case 1:
		op["requestBody"] = map[string]any{"content": map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}}
	case 2:
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
	case 3:
		delete(op, "requestBody")
	case 4:
		op["requestBody"] = map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "array", "items": ref(next())}}}}
	}
	components := map[string]any{"schemas": schemas}
	switch next() % 4 {
	case 1:
		components["securitySchemes"] = map[string]any{"key": map[string]any{"type": "apiKey", "in": "header", "name": "X-Key"}, "token": map[string]any{"type": "http", "scheme": "bearer"}}
		op["security"] = []any{map[string]any{"key": []any{}}, map[string]any{"token": []any{}}}
	case 2:
		components["securitySchemes"] = map[string]any{"basic": map[string]any{"type": "http", "scheme": "basic"}, "q": map[string]any{"type": "apiKey", "in": "query", "name": "key"}}
		op["security"] = []any{map[string]any{"basic": []any{}, "q": []any{}}, map[string]any{}}
	case 3:
		components["securitySchemes"] = map[string]any{"c": map[string]any{"type": "apiKey", "in": "cookie", "name": "session"}}
		op["security"] = []any{map[string]any{"c": []any{}}}
	}
	paths := map[string]any{"/x/{p}": map[string]any{"post": op}}
	if next()%2 == 1 {
		paths["/y/{id}/{n}"] = map[string]any{"get": map[string]any{
			"operationId": "get",
			"tags":        []any{"things"},
			"parameters": []any{
				map[string]any{"name": "id", "in": "path", "required": true, "schema": ref(next())},
				map[string]any{"name": "n", "in": "path", "required": true, "schema": map[string]any{"type": "array", "items": ref(next())}},
			},
			"responses": map[string]any{"200": map[string]any{"description": "ok", "content": content("application/json", next())}},
		}}
	}
	return map[string]any{
		"openapi":    "3.0.3",
		"info":       map[string]any{"title": "Graph", "version": "1"},
		"paths":      paths,
		"components": components,
	}
}

func numberedLines(src []byte) string {
	var b strings.Builder
	for i, l := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, l)
	}
	return b.String()
}
