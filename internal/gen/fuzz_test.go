package gen_test

import (
	"bytes"
	"context"
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
	g, err := gen.New()
	if err != nil {
		f.Fatal(err)
	}
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

	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		spec := filepath.Join(dir, "spec.yaml")
		if err := os.WriteFile(spec, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sdk := gen.SDK{Spec: spec, Out: filepath.Join(dir, "out"), Package: "fuzzed"}
		res, err := g.Run(context.Background(), sdk)
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
		if len(data) > typeCheckLimit {
			return
		}
		again, err := g.Run(context.Background(), sdk)
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
		conf := types.Config{Importer: imp}
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
			t.Fatalf("generated code does not type-check: %v", err)
		}
	})
}

func numberedLines(src []byte) string {
	var b strings.Builder
	for i, l := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, l)
	}
	return b.String()
}
