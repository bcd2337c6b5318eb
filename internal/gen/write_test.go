package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/gen"
)

// dirTree lists every file and directory under dir, with file contents.
func dirTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A write that fails half-way, here on a name the file system refuses,
// puts back what it already replaced and removes what it created.
func TestWriteFailureLeavesDirectoryAlone(t *testing.T) {
	dir := t.TempDir()
	gen1 := files.GoHeader + "\n\npackage p\n"
	for name, content := range map[string]string{
		"a.go":      gen1 + "// old a\n",
		"hand.go":   "package p\n",
		"stale.go":  gen1 + "// stale\n",
		"docs/x.md": files.MarkdownHeader + "\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := dirTree(t, dir)
	out := []files.File{
		{Path: "a.go", Content: []byte(gen1 + "// new a\n")},
		{Path: "b.go", Content: []byte(gen1)},
		{Path: "docs/new/y.md", Content: []byte(files.MarkdownHeader + "\n")},
		{Path: "sub/c.go", Content: []byte(gen1)},
		{Path: "zz/" + strings.Repeat("n", 300) + ".go", Content: []byte(gen1)},
	}
	if _, err := gen.Write(dir, out); err == nil {
		t.Fatal("Write succeeded")
	}
	after := dirTree(t, dir)
	for p, c := range before {
		if after[p] != c {
			t.Errorf("%s changed or removed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s left behind", p)
		}
	}
}

func TestDiffRefusesPathsOutsideTheDirectory(t *testing.T) {
	for _, p := range []string{"../x.go", "/abs.go", "a/../../x.go", ""} {
		if _, err := gen.Diff(t.TempDir(), []files.File{{Path: p, Content: []byte("x")}}); err == nil {
			t.Errorf("Diff accepted %q", p)
		}
	}
}

// A write adds, replaces and removes generated files, in new directories
// and in existing ones, and leaves no temporary file and no hand-written
// file touched.
func TestWriteBringsDirectoryInLine(t *testing.T) {
	dir := t.TempDir()
	gen1 := files.GoHeader + "\n\npackage p\n"
	for name, content := range map[string]string{
		"a.go":        gen1 + "// old a\n",
		"same.go":     gen1,
		"hand.go":     "package p\n",
		"old/gone.go": gen1,
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := []files.File{
		{Path: "a.go", Content: []byte(gen1 + "// new a\n")},
		{Path: "same.go", Content: []byte(gen1)},
		{Path: "b.go", Content: []byte(gen1 + "// b\n")},
		{Path: "docs/models/m.md", Content: []byte(files.MarkdownHeader + "\n")},
	}
	changes, err := gen.Write(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Kind+" "+c.Path)
	}
	want := []string{"update a.go", "add b.go", "add docs/models/m.md", "remove old/gone.go"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("changes = %v, want %v", got, want)
	}
	wantTree := map[string]string{
		"./": "", "docs/": "", "docs/models/": "",
		"a.go":             gen1 + "// new a\n",
		"same.go":          gen1,
		"hand.go":          "package p\n",
		"b.go":             gen1 + "// b\n",
		"docs/models/m.md": files.MarkdownHeader + "\n",
	}
	tree := dirTree(t, dir)
	for p, c := range wantTree {
		if got, ok := tree[p]; !ok || got != c {
			t.Errorf("%s: got %q (present %v), want %q", p, got, ok, c)
		}
	}
	for p := range tree {
		if _, ok := wantTree[p]; !ok {
			t.Errorf("%s left behind", p)
		}
	}
	if again, err := gen.Write(dir, out); err != nil || len(again) != 0 {
		t.Errorf("second Write: %v, %v; want no changes", again, err)
	}
}
