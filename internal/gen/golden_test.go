package gen_test

import (
	"bytes"
	"context"
	"flag"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

var update = flag.Bool("update", false, "rewrite generated/ and the testdata cases from the generator's output")

// moduleRoot is the repository root, where sdkgen.yaml lives.
const moduleRoot = "../.."

// TestGenerated checks that regenerating every SDK of sdkgen.yaml reproduces
// the checked-in output byte for byte: no file missing, extra or different.
func TestGenerated(t *testing.T) {
	cfg, err := gen.LoadConfig(filepath.Join(moduleRoot, "sdkgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g := gen.New()
	for _, sdk := range cfg.SDKs {
		t.Run(sdk.Package, func(t *testing.T) {
			res, err := g.Run(context.Background(), sdk)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if _, err := gen.Write(sdk.Out, res.Files); err != nil {
					t.Fatal(err)
				}
				return
			}
			changes, err := gen.Diff(sdk.Out, res.Files)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				t.Errorf("stale generated file %s/%s: would be %sd", sdk.Out, c.Path, map[string]string{"add": "adde", "update": "update", "remove": "remove"}[c.Kind])
			}
			if len(changes) > 0 {
				t.Log("run `go run ./cmd/gen` (or go test ./internal/gen -update) to regenerate")
			}
		})
	}
}

// TestExampleConfig checks that the repository's config generates each
// example's output (the SDK repository petsdk, the OpenAPI 3.2 catalog32)
// as the example's own config says.
func TestExampleConfig(t *testing.T) {
	root, err := gen.LoadConfig(filepath.Join(moduleRoot, "sdkgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"petsdk", "catalog32"} {
		example, err := gen.LoadConfig(filepath.Join(moduleRoot, "examples", name, "sdkgen.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range example.SDKs {
			i := slices.IndexFunc(root.SDKs, func(s gen.SDK) bool { return s.Out == want.Out })
			if i < 0 {
				t.Errorf("sdkgen.yaml does not generate %s", want.Out)
			} else if got := root.SDKs[i]; !reflect.DeepEqual(got, want) {
				t.Errorf("sdkgen.yaml generates %s as\n%+v\nbut its own config says\n%+v", want.Out, got, want)
			}
		}
	}
}

// TestDeterministic runs the generator twice on each SDK and expects the
// same bytes.
func TestDeterministic(t *testing.T) {
	cfg, err := gen.LoadConfig(filepath.Join(moduleRoot, "sdkgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, sdk := range cfg.SDKs {
		var runs [2]*gen.Result
		for i := range runs {
			// A fresh generator each time: no state may carry over.
			g := gen.New()
			if runs[i], err = g.Run(context.Background(), sdk); err != nil {
				t.Fatal(err)
			}
		}
		if len(runs[0].Files) != len(runs[1].Files) {
			t.Fatalf("%s: %d files, then %d", sdk.Package, len(runs[0].Files), len(runs[1].Files))
		}
		for i, f := range runs[0].Files {
			g := runs[1].Files[i]
			if f.Path != g.Path || !bytes.Equal(f.Content, g.Content) {
				t.Errorf("%s: %s differs between two runs", sdk.Package, f.Path)
			}
		}
	}
}

// TestGeneratedStaticcheck runs staticcheck over the checked-in SDKs: the
// generated code must pass it, not only go vet.
func TestGeneratedStaticcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs staticcheck")
	}
	bin := filepath.Join(t.TempDir(), "staticcheck")
	build := exec.Command("go", "build", "-o", bin, "honnef.co/go/tools/cmd/staticcheck")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building staticcheck: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "./generated/...")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("staticcheck reports on generated/:\n%s", out)
	}
}
