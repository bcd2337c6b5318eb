package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The speculative parse serves self-contained YAML documents, gives way to
// the bundler for documents with external references, and yields the same
// document the plain path loads.
func TestSpeculation(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// One operation whose response schema is A, referred to as given.
	spec := func(ref string) string {
		return `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: ` + ref + "\n"
	}
	const a = "A: {type: object, properties: {id: {type: string}}}\n"
	self := write("self.yaml", spec("'#/components/schemas/A'")+"components:\n  schemas:\n    "+a)
	write("other.yaml", a)
	multi := write("multi.yaml", spec(">-\n                  other.yaml#/A"))
	swagger := write("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n")
	if speculate(context.Background(), swagger, []byte("swagger: '2.0'\n")).wait() != nil {
		t.Error("a Swagger 2.0 document was parsed as OpenAPI 3")
	}
	for _, tc := range []struct {
		path string
		used bool
	}{{self, true}, {multi, false}} {
		data, err := os.ReadFile(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := speculate(context.Background(), tc.path, data).wait() != nil; got != tc.used {
			t.Errorf("%s: speculative document used = %v, want %v", filepath.Base(tc.path), got, tc.used)
		}
		res, err := Load(context.Background(), tc.path)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(tc.path), err)
		}
		op := res.Doc.Paths.Value("/a").Get
		s := op.Responses.Value("200").Value.Content["application/json"].Schema.Value
		if s == nil || s.Properties["id"] == nil {
			t.Fatalf("%s: schema not resolved", filepath.Base(tc.path))
		}
		if s.Origin == nil || s.Origin.Key == nil || s.Origin.Key.Line == 0 {
			t.Errorf("%s: schema has no source position", filepath.Base(tc.path))
		}
	}
}
