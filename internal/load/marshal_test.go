package load

import (
	"reflect"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// TestMarshal checks that a document written entry by entry reads back as
// the same data as one written by a single Marshal, for values whose
// layout depends on indentation.
func TestMarshal(t *testing.T) {
	long := strings.Repeat("k", 1100)
	src := `openapi: 3.0.0
paths:
  /a/{id}:
    get:
      description: |4-
            indented first line

          after an empty line
      summary: "two\n\nlines with trailing space   "
  "a: b":
    x: 1
  ? |
    multi
    line key
  : {y: 1}
  200:
    folded: >
      one
      two
  ` + long + `: {z: 1}
  empty: {}
  list:
    - a
    - - b
      - c
components:
  schemas:
    S:
      type: string
      default: "  "
    T: []
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	// Each node's source is its own line in src.
	from := map[*yaml.Node]diag.Pos{}
	var note func(n *yaml.Node)
	note = func(n *yaml.Node) {
		from[n] = diag.Pos{File: "src", Line: n.Line, Col: n.Column}
		for _, c := range n.Content {
			note(c)
		}
	}
	note(doc.Content[0])
	text, lines, err := writeYAML(doc.Content[0], from)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := yaml.Unmarshal([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(text, &got); err != nil {
		t.Fatalf("%v in\n%s", err, text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back\n%#v\nwant\n%#v\ntext:\n%s", got, want, text)
	}
	if !strings.Contains(string(text), "\n  /a/{id}:\n") {
		t.Errorf("a path is not written under paths:\n%s", text)
	}
	// Every line that starts with a key maps to that key's line in src.
	srcLines := strings.Split(src, "\n")
	for i, line := range strings.Split(string(text), "\n") {
		key, _, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || key == "" || strings.ContainsAny(key, "'\"?|") {
			continue
		}
		if i >= len(lines) || lines[i].Line < 1 || lines[i].Line > len(srcLines) {
			t.Fatalf("line %d %q has no source (%v)", i+1, line, lines)
		}
		if got := strings.TrimSpace(srcLines[lines[i].Line-1]); !strings.HasPrefix(got, key+":") {
			t.Errorf("line %d %q maps to source line %d %q", i+1, line, lines[i].Line, got)
		}
	}
}
