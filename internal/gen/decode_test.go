package gen_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// TestDecodeShapes generates an SDK whose types have every shape the SDK
// decodes (testdata/decode/spec.yaml) and runs testdata/decode/shapes_test.go
// against it: models decoded by encoding/json, each kind of union,
// additional properties, untagged names, Nullable's three states, unknown
// values, the responses of every kind of result decoded as json.Unmarshal
// decodes them, and the errors of malformed and mistyped bodies.
// testdata/decode31 does the same for a 3.1 schema of several types and
// for a base with a discriminator that other schemas include by allOf.
func TestDecodeShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated SDK")
	}
	for _, dir := range []string{"decode", "decode31", "azure", "aws"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			g := gen.New()
			res, err := g.Run(context.Background(), gen.SDK{Spec: "testdata/" + dir + "/spec.yaml", Out: "unused", Package: "shapes"})
			if err != nil {
				t.Fatal(err)
			}
			module := t.TempDir()
			out := filepath.Join(module, "shapes")
			if _, err := gen.Write(out, res.Files); err != nil {
				t.Fatal(err)
			}
			test, err := os.ReadFile("testdata/" + dir + "/shapes_test.go")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, "shapes_test.go"), test, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module shapes\n\ngo 1.26\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("go", "test", "./shapes")
			cmd.Dir = module
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go test of the generated SDK: %v\n%s", err, out)
			}
		})
	}
}
