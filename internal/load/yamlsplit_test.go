package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// yamlSpecs lists the YAML specs at hand: the project's, the test cases',
// the corpus and, when installed, @readme/oas-examples.
func yamlSpecs(t testing.TB) []string {
	return globSpecs(t,
		"../../spec/*.yaml",
		"../gen/testdata/*/spec.yaml",
		"../gen/testdata/cases/*/spec.yaml",
		"testdata/*/*.yaml",
		"../../../shared/corpus/*.yaml",
		"../../../shared/corpus/*/*.yaml",
		"../../tools/oas-examples/node_modules/@readme/oas-examples/3.*/yaml/*.yaml",
	)
}

// globSpecs returns the files the patterns match.
func globSpecs(t testing.TB, patterns ...string) []string {
	var specs []string
	for _, pattern := range patterns {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, m...)
	}
	return specs
}

// TestParseSplit parses every YAML spec at hand in parts of several sizes,
// down to a part per member, and requires the tree of the whole parse.
func TestParseSplit(t *testing.T) {
	specs := yamlSpecs(t)
	if len(specs) < 10 {
		t.Fatalf("only %d specs found", len(specs))
	}
	split := 0
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var whole yaml.Node
		if err := yaml.Unmarshal(data, &whole); err != nil {
			if parseSplit(data, 1) != nil {
				t.Errorf("%s: parsed in parts but not whole: %v", path, err)
			}
			continue
		}
		// Small parts cost a parse each and, padded, a pass over the lines
		// before them: the smallest only for the smaller specs.
		targets := []int{len(data) / 8}
		if len(data) < 1<<20 {
			targets = append(targets, 4<<10)
		}
		if len(data) < 128<<10 {
			targets = append(targets, 1, 200)
		}
		for _, target := range targets {
			got := parseSplit(data, target)
			if got == nil {
				continue
			}
			split++
			if d := diffNodes(&whole, got, "$"); d != "" {
				t.Errorf("%s, parts of %d bytes: %s", path, target, d)
			}
		}
	}
	t.Logf("%d splits compared", split)
	if split < 20 {
		t.Errorf("only %d specs split", split)
	}
}

// The split of a text with members at several depths, with what must stay
// whole: block scalars, sequences, flow collections, comments.
func TestParseSplitShapes(t *testing.T) {
	for _, text := range []string{
		"a: 1\nb:\n  c: 2\n  d:\n    e: 3\n    f: 4\n  g: 5\nh: 6\n",
		"a:\n  b: |\n    x: 1\n    y: 2\n  c: >-\n    z\n\n    w: 3\nd: 4\n",
		"a:\n- b: 1\n- c: 2\nd: 3\n",
		"a: {b: 1,\n  c: 2}\nd:\n  e: 1\n  f: 2\n",
		"# head\na: 1 # line\n\n# before b\nb:\n  # inside\n  c: 1\n  d: 2\n",
		"a: \"x\n  y: 1\"\nb: 2\nc: 3\n",
		"a: &x\n  b: 1\nc: *x\nd: 2\n",
		"'a:b':\n  \"c\": 1\n  d: 2\ne: 3\n",
		"a:\r\n  b: 1\r\n  c: 2\r\nd: 3\r\n",
		"a:\n    b: 1\n    c:\n      d: 1\n      e: 2\n    f: 3\ng: 1\n",
	} {
		var whole yaml.Node
		if err := yaml.Unmarshal([]byte(text), &whole); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		got := parseSplit([]byte(text), 1)
		if got == nil {
			continue
		}
		if d := diffNodes(&whole, got, "$"); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
	// A text that splits at all does so into a part per member.
	if got := parseSplit([]byte("a: 1\nb:\n  c: 2\n  d: 3\ne: 4\n"), 1); got == nil {
		t.Error("a plain nested mapping was not split")
	}
}

// FuzzParseSplit requires the split parse to give the whole parse's tree, or
// to give way to it.
func FuzzParseSplit(f *testing.F) {
	for _, s := range []string{
		"a: 1\nb:\n  c: 2\n  d:\n    e: 3\n    f: 4\n  g: 5\nh: 6\n",
		"a:\n  b: |\n    x: 1\n  c: 2\nd: 3\n",
		"a: [1,\n2]\nb: 1\n",
		"a: 'x\nb: 1'\nc: 2\n",
		"a:\n- 1\nb: 2\n",
	} {
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, data []byte, target int) {
		got := parseSplit(data, target)
		var whole yaml.Node
		err := yaml.Unmarshal(data, &whole)
		switch {
		case got == nil:
		case err != nil:
			t.Fatalf("parsed in parts but not whole: %v", err)
		default:
			if d := diffNodes(&whole, got, "$"); d != "" {
				t.Fatal(d)
			}
		}
	})
}

// diffNodes describes the first difference between two trees, comments
// aside: those may attach to a neighbouring node across a cut, and nothing
// reads them.
func diffNodes(want, got *yaml.Node, at string) string {
	if want == nil || got == nil {
		if want != got {
			return fmt.Sprintf("%s: node %v, want %v", at, got != nil, want != nil)
		}
		return ""
	}
	type fields struct {
		Kind          yaml.Kind
		Style         yaml.Style
		Tag, Value    string
		Anchor        string
		Line, Column  int
		Content       int
		Alias, Stream bool
	}
	f := func(n *yaml.Node) fields {
		return fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column, len(n.Content), n.Alias != nil, n.Stream != nil}
	}
	if w, g := f(want), f(got); w != g {
		return fmt.Sprintf("%s: %+v, want %+v", at, g, w)
	}
	// An alias's target is compared where it is defined; here only its place.
	if want.Alias != nil && (want.Alias.Line != got.Alias.Line || want.Alias.Column != got.Alias.Column) {
		return fmt.Sprintf("%s: alias of the node at %d:%d, want %d:%d", at, got.Alias.Line, got.Alias.Column, want.Alias.Line, want.Alias.Column)
	}
	for i := range want.Content {
		if d := diffNodes(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}
