package gen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/gen"
)

// A hostile spec puts text meant to break out of comments and literals
// everywhere the generator copies spec text into code: descriptions, names,
// values, URLs, media types. The output must compile and vet, hold nothing
// from the spec outside comments and string literals, carry no directive,
// and keep every file inside the output directory.

// evil is text that would change the program if it escaped a comment or a
// string literal.
var evil = []string{
	"*/ package main /*",
	"/* unclosed",
	"a\nb\r\nc\rd\u2028e\u2029f\u0085g\vh\fi",
	"`backquoted` and ``",
	"//go:generate rm -rf /",
	"\n//go:generate rm -rf /\n",
	"\r//go:build ignore",
	"\u2028//go:generate rm -rf /",
	"\u0085//go:generate rm -rf /",
	"//line evil.go:1",
	"\n//line evil.go:1:1\n",
	"\n/*line evil.go:1*/",
	"package main\n\nfunc init() { panic(\"pwned\") }\n",
	"\"}\nfunc init() { panic(1) }\nvar _ = struct{ s string }{\"",
	"NUL \x00 byte",
	"\ufeffBOM at the start, \ufeff and inside",
	"quotes \" ' and \\ backslashes \\\" \\n",
	"../../../etc/passwd",
	"/abs/path",
	"a\\b\\..\\c",
	"\t//go:embed secret",
	"// +build ignore",
	"\x7f del, \x1b[31m escape, \u200b zero width, \u202e right-to-left",
}

// wireNames are JSON property names; most cannot be written in a struct tag.
var wireNames = []string{
	`a"b`, "a,b", `a\b`, "", "-", " ", "a b", "`", "'", "\n", "x\u2028y", "\x00",
	"名前", "é", "€", "😀", "a:b", "a;b", "../x", "/", "*/", "//go:generate rm -rf /", "omitempty", "a,omitempty",
}

func hostileSpec() map[string]any {
	text := func(i int) string { return evil[i%len(evil)] }
	props := func(typ string) map[string]any {
		m := map[string]any{}
		for i, n := range wireNames {
			m[n] = map[string]any{"type": typ, "description": text(i), "example": text(i + 1), "default": text(i + 2)}
		}
		return m
	}
	weirdOpen := map[string]any{"type": "object", "properties": props("integer"), "additionalProperties": map[string]any{"type": "string"}}
	schemas := map[string]any{
		"Weird": map[string]any{
			"type": "object", "title": text(3), "description": text(4),
			"required": []any{`a"b`, "", "-"}, "properties": props("string"),
		},
		"WeirdOpen": weirdOpen,
		"Evil": map[string]any{
			"type": "string", "description": text(5), "enum": anySlice(evil),
			"pattern": text(6), "format": text(7),
		},
		"EvilInts": map[string]any{"type": "integer", "enum": []any{-1, 0, 1 << 53}, "description": text(8)},
		"Union": map[string]any{
			"description": text(9),
			"oneOf":       []any{ref("VariantA"), ref("VariantB")},
			"discriminator": map[string]any{
				"propertyName": "kind\"\n*/",
				"mapping":      map[string]any{text(10): "#/components/schemas/VariantA", "*/\n//go:generate": "#/components/schemas/VariantB"},
			},
		},
		"VariantA": map[string]any{"type": "object", "properties": map[string]any{"kind\"\n*/": map[string]any{"type": "string"}, "a": map[string]any{"type": "string"}}},
		"VariantB": map[string]any{"type": "object", "properties": map[string]any{"kind\"\n*/": map[string]any{"type": "string"}, "b": map[string]any{"type": "integer"}}},
	}
	// Schemas named to reach outside the output directory, to collide with
	// the SDK's own files, or to be names Windows reserves.
	for i, name := range append(slices.Clone(evil), "runtime_request", "client", "Client", "client_operations", "model_weird", "service_x",
		"CON", "aux", "nul", "com1", "lpt1", "x_test", "x_windows", "x_amd64", "README", ".hidden", "..") {
		schemas[name] = map[string]any{"type": "object", "description": text(i), "properties": map[string]any{
			name: map[string]any{"type": "string", "description": text(i + 1)},
		}}
	}
	param := func(name, in string, i int) map[string]any {
		return map[string]any{"name": name, "in": in, "description": text(i), "example": text(i + 1),
			"schema": map[string]any{"type": "string", "default": text(i + 2)}}
	}
	op := func(id string, i int) map[string]any {
		return map[string]any{
			"operationId": id, "summary": text(i), "description": text(i + 1), "tags": []any{text(i + 2)},
			"parameters": []any{
				map[string]any{"name": "id\"`\n", "in": "path", "required": true, "description": text(i + 3), "schema": map[string]any{"type": "string"}},
				param(`q"uery`+"\n//go:generate", "query", i+4),
				param("X-Evil'`*|~^#", "header", i+5),
				param("c'o`o|kie", "cookie", i+6),
				param("*/", "query", i+7),
			},
			"requestBody": map[string]any{"description": text(i + 8), "content": map[string]any{
				"application/json; charset=\"utf-8\"; x=\"*/\n//go:generate\"": map[string]any{"schema": ref("Weird")},
			}},
			"responses": map[string]any{
				"200": map[string]any{"description": text(i + 9), "content": map[string]any{"application/json": map[string]any{"schema": ref("WeirdOpen")}}},
				"201": map[string]any{"description": text(i + 10), "content": map[string]any{"text/x-evil\"`\n//go:generate": map[string]any{"schema": map[string]any{"type": "string"}}}},
				"202": map[string]any{"description": text(i + 11), "content": map[string]any{"application/json": map[string]any{"schema": ref("Union")}}},
				"4XX": map[string]any{"description": text(i + 12), "content": map[string]any{"application/json": map[string]any{"schema": ref("Weird")}}},
			},
			"security":            []any{map[string]any{"key\"`\n//go:generate rm -rf /": []any{}}, map[string]any{"b*/": []any{}}},
			"x-speakeasy-retries": map[string]any{"strategy": "backoff", "statusCodes": []any{"5XX", "\"`\n"}, "retryConnectionErrors": true},
		}
	}
	paths := map[string]any{}
	for i, id := range []string{"//go:generate rm -rf /", "*/ package main /*", "../../x", "get\"`\n"} {
		p := fmt.Sprintf("/e%d/{id\"`\n}/\"q\"/`b`/*\\/%s", i, strings.ReplaceAll(text(i), "/", "%2F"))
		paths[p] = map[string]any{"post": op(id, i)}
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": text(0), "version": "1\"`\n//go:generate rm -rf /", "description": strings.Join(evil, "\n\n")},
		"servers": []any{map[string]any{"url": "https://example.com/{v}/\"`\n//go:generate rm -rf /*/", "description": text(1),
			"variables": map[string]any{"v": map[string]any{"default": "x\"`\\y\n*/"}}}},
		"tags": []any{
			map[string]any{"name": text(2), "description": text(3)},
			map[string]any{"name": text(4), "description": text(5)},
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"key\"`\n//go:generate rm -rf /": map[string]any{"type": "apiKey", "in": "query", "name": "X-Key\"`\n//go:generate", "description": text(6)},
				"b*/":                            map[string]any{"type": "http", "scheme": "bearer", "description": text(7)},
			},
		},
	}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// specJSON encodes a spec with every character that YAML would read as a
// line break or refuse escaped.
func specJSON(t *testing.T, spec any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(spec); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, r := range buf.String() {
		if r == '\ufeff' || r == '\u0085' || r == '\u2028' || r == '\u2029' || r == 0x7f || r == '\u200b' || r == '\u202e' {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

// allowedImports are the packages generated code may import: the runtime's
// and the emitter's.
var allowedImports = map[string]bool{
	"bytes": true, "cmp": true, "context": true, "crypto/rand": true, "encoding/base64": true, "encoding/hex": true,
	"encoding/json": true, "errors": true, "fmt": true, "io": true, "maps": true, "math": true,
	"log/slog": true, "math/rand/v2": true, "mime": true, "mime/multipart": true, "net": true, "net/http": true, "net/http/httptrace": true, "net/textproto": true,
	"net/url": true, "reflect": true, "slices": true, "sort": true, "strconv": true, "strings": true, "sync": true, "sync/atomic": true,
	"syscall": true, "time": true, "unicode": true, "unicode/utf16": true, "unicode/utf8": true,
}

// forbiddenIdents would only appear in code the spec smuggled in.
var forbiddenIdents = map[string]bool{"init": true, "main": true, "panic": true, "exec": true, "os": true, "unsafe": true, "pwned": true}

var (
	directiveRE = regexp.MustCompile(`(?m)^\s*//(go:|line |export |extern |sdkgen:|\s*\+build)`)
	safePathRE  = regexp.MustCompile(`^[\p{L}\p{N}_][\p{L}\p{N}_-]*(/[\p{L}\p{N}_][\p{L}\p{N}_-]*)*\.(go|md)$`)
)

func TestHostileSpec(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.json")
	if err := os.WriteFile(spec, specJSON(t, hostileSpec()), 0o644); err != nil {
		t.Fatal(err)
	}
	g := gen.New()
	res, err := g.Run(context.Background(), gen.SDK{Spec: spec, Out: "unused", Package: "hostile"})
	if err != nil {
		t.Fatal(err)
	}
	checkHostileOutput(t, res.Files)

	module := t.TempDir()
	if _, err := gen.Write(filepath.Join(module, "hostile"), res.Files); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module hostile\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, n := range wireNames {
		quoted = append(quoted, strconv.Quote(n))
	}
	names := "\nvar names = []string{" + strings.Join(quoted, ", ") + "}\n"
	if err := os.WriteFile(filepath.Join(module, "hostile", "wire_test.go"), []byte(wireTest+names), 0o644); err != nil {
		t.Fatal(err)
	}
	vetAndStaticcheck(t, module)
	// The names no struct tag can hold still travel as they are.
	cmd := exec.Command("go", "test", "./...")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wire test of the generated code: %v\n%s", err, out)
	}
}

// wireTest decodes and re-encodes objects with every awkward property name.
const wireTest = `package hostile

import (
	"encoding/json"
	"reflect"
	"testing"
)

func roundTrip[T any](t *testing.T, in map[string]any) {
	t.Helper()
	data, _ := json.Marshal(in)
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("%T: sent %s\nre-encoded %s", v, data, out)
	}
}

func TestWireNames(t *testing.T) {
	strs, ints := map[string]any{}, map[string]any{}
	for i, name := range names {
		strs[name] = "v" + name
		ints[name] = float64(i)
	}
	roundTrip[Weird](t, strs)
	ints["beyond"] = "an additional property"
	roundTrip[WeirdOpen](t, ints)
	// Absent optional properties stay absent; required ones are sent.
	out, _ := json.Marshal(Weird{})
	var got map[string]any
	json.Unmarshal(out, &got)
	for _, name := range []string{"a\"b", "", "-"} {
		if _, ok := got[name]; !ok {
			t.Errorf("required %q not sent: %s", name, out)
		}
	}
	if len(got) != 3 {
		t.Errorf("zero Weird encodes as %s", out)
	}
}
`

func checkHostileOutput(t *testing.T, out []files.File) {
	t.Helper()
	seen := map[string]string{}
	for _, f := range out {
		// Paths: local, of safe characters, unique however a file system
		// folds case, and no spec-derived file takes a runtime file's name.
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) || path.Clean(f.Path) != f.Path || !safePathRE.MatchString(f.Path) {
			t.Errorf("unsafe output path %q", f.Path)
		}
		for _, elem := range strings.Split(strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path)), "/") {
			switch strings.ToLower(elem) {
			case "con", "prn", "aux", "nul", "com1", "lpt1":
				t.Errorf("%s: a name Windows reserves", f.Path)
			}
		}
		for _, elem := range strings.Split(path.Dir(f.Path), "/") {
			switch strings.ToLower(elem) {
			case "con", "prn", "aux", "nul", "com1", "lpt1":
				t.Errorf("%s: a name Windows reserves", f.Path)
			}
		}
		if other, ok := seen[strings.ToLower(f.Path)]; ok {
			t.Errorf("%s and %s collide", f.Path, other)
		}
		seen[strings.ToLower(f.Path)] = f.Path
		if !utf8.Valid(f.Content) {
			t.Errorf("%s: invalid UTF-8", f.Path)
		}
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		if strings.HasSuffix(f.Path, "_test.go") || (!strings.HasPrefix(f.Path, "runtime_") && strings.Contains(f.Path, "/")) {
			t.Errorf("%s: not a package file", f.Path)
		}
		checkGoFile(t, f)
	}
}

func checkGoFile(t *testing.T, f files.File) {
	t.Helper()
	src := f.Content
	for _, bad := range []string{"\x00", "\ufeff", "\r", "\u2028", "\u2029", "\u0085", "\u202e"} {
		if bytes.Contains(src, []byte(bad)) {
			t.Errorf("%s contains %q", f.Path, bad)
		}
	}
	for _, loc := range directiveRE.FindAllIndex(src, -1) {
		line, rest, _ := bytes.Cut(src[loc[0]:], []byte("\n"))
		// The runtime keeps a few helpers out of line, and the emitter
		// undeclaredError; their text comes from templates/runtime and the
		// emitter, never from the spec.
		if string(line) == "//go:noinline" && (strings.HasPrefix(f.Path, "runtime_") || bytes.HasPrefix(rest, []byte("func undeclaredError("))) {
			continue
		}
		t.Errorf("%s: directive %q", f.Path, line)
	}
	if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
		t.Errorf("%s is not gofmt'ed (%v)", f.Path, err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, f.Path, src, parser.ParseComments)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	if file.Name.Name != "hostile" {
		t.Errorf("%s: package %s", f.Path, file.Name.Name)
	}
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); !allowedImports[p] || imp.Name != nil {
			t.Errorf("%s: import %s", f.Path, imp.Path.Value)
		}
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok == token.IMPORT && d != file.Decls[0] {
				t.Errorf("%s: import after a declaration", f.Path)
			}
		case *ast.FuncDecl:
			if d.Recv == nil && (d.Name.Name == "init" || d.Name.Name == "main") {
				t.Errorf("%s: func %s", f.Path, d.Name.Name)
			}
		default:
			t.Errorf("%s: unexpected declaration %T", f.Path, d)
		}
	}
	// Generated files have only // comments, one line each; spec text in
	// them never starts a line of its own.
	if !strings.HasPrefix(f.Path, "runtime_") {
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if !strings.HasPrefix(c.Text, "//") || strings.ContainsAny(c.Text, "\n") {
					t.Errorf("%s:%v: block or multi-line comment %q", f.Path, fset.Position(c.Pos()), c.Text)
				}
			}
		}
	}
	// Outside comments and literals, only identifiers the generator chose.
	var s scanner.Scanner
	tf := token.NewFileSet().AddFile(f.Path, -1, len(src))
	s.Init(tf, src, nil, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && forbiddenIdents[lit] {
			t.Errorf("%s: identifier %q at %v", f.Path, lit, tf.Position(pos))
		}
	}
}
