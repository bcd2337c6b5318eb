package gen_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// Stream constructs the generator works around are located warnings, and
// an operation's own name wins over a stream twin's.
func TestStreamWarnings(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: w, version: "1"}
paths:
  /a:
    post:
      operationId: answer
      x-speakeasy-sse-sentinel: 42
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {q: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {a: {type: string}}}
            text/event-stream:
              schema: {type: object, properties: {a: {type: string}}}
  /c:
    get:
      operationId: answerStream
      responses:
        '204': {description: none}
  /b:
    get:
      operationId: bare
      responses:
        '200':
          description: ok
          content:
            application/x-ndjson: {}
`
	dir := t.TempDir()
	path := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := gen.New().Run(context.Background(), gen.SDK{Spec: path, Out: dir, Package: "w"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
	}
	want := []string{
		"spec.yaml:5:5: #/paths/~1a/post: operation answers JSON or a stream, and its request body has no boolean \"stream\" property: the two methods differ only by their Accept header",
		"spec.yaml:7:7: #/paths/~1a/post/x-speakeasy-sse-sentinel: x-speakeasy-sse-sentinel must be a non-empty string; it is ignored",
		"spec.yaml:32:13: #/paths/~1b/get/responses/200/content/application~1x-ndjson: stream application/x-ndjson has no schema; its items are decoded as any JSON value",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing warning %q; got:\n%s", w, strings.Join(got, "\n"))
		}
	}
	var methods []string
	for _, g := range res.View.Groups {
		for _, m := range g.Methods {
			result := ""
			if m.Result != nil {
				result = m.Result.String()
			}
			methods = append(methods, m.Op.GoName+" "+result)
		}
	}
	slices.Sort(methods)
	if w := []string{"Answer *AnswerResponseBody", "AnswerStream ", "AnswerStreaming *Stream[AnswerStreamEvent]", "Bare *Stream[any]"}; !slices.Equal(methods, w) {
		t.Errorf("methods %q, want %q", methods, w)
	}
}
