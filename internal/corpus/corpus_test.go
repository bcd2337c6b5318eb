package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCorpus generates every spec of ../shared/corpus (or $SDKGEN_CORPUS_DIR),
// builds and vets each package, and checks that every operation became a
// method. It takes minutes, so it runs only when SDKGEN_CORPUS=1 (make corpus).
func TestCorpus(t *testing.T) {
	if os.Getenv("SDKGEN_CORPUS") != "1" {
		t.Skip("set SDKGEN_CORPUS=1 (make corpus) to run the corpus")
	}
	dir := os.Getenv("SDKGEN_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	specs, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) == 0 {
		t.Fatalf("no specs in %s", dir)
	}
	rows, err := Run(context.Background(), specs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	Print(os.Stdout, rows)
	for _, r := range rows {
		switch {
		case r.Err != nil:
			t.Errorf("%s: %v", r.Spec.Name, r.Err)
		case !r.BuildOK || !r.VetOK:
			t.Errorf("%s: does not build or vet:\n%s", r.Spec.Name, r.BuildOut)
		case r.Methods+r.Skipped != r.Operations || r.Skipped > 0:
			t.Errorf("%s: %d operations, %d methods, %d skipped", r.Spec.Name, r.Operations, r.Methods, r.Skipped)
		}
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"openai-2.3.0": "openai230", "2fa": "spec2fa", "Stripe": "stripe", "---": "spec"} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}
