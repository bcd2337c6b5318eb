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
	specs = append(specs, exampleSpecs(t)...)
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
		case r.FormatErr != nil:
			t.Errorf("%s: %v", r.Spec.Name, r.FormatErr)
		case r.Methods+r.Skipped != r.Operations || r.Skipped > 0:
			t.Errorf("%s: %d operations, %d methods, %d skipped", r.Spec.Name, r.Operations, r.Methods, r.Skipped)
		}
	}
}

// exampleSpecs lists the feature-by-feature examples of @readme/oas-examples
// (MIT): small specs that each exercise one part of Swagger 2.0, OpenAPI 3.0
// or 3.1 (parameter styles, polymorphism, callbacks, webhooks, circular
// schemas, ...), in JSON and in YAML. `npm ci --prefix tools/oas-examples`
// installs them; CI does, and then they must be there.
func exampleSpecs(t *testing.T) []Spec {
	root := filepath.Join("..", "..", "tools", "oas-examples", "node_modules", "@readme", "oas-examples")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the oas-examples specs are not installed: %v", err)
		}
		t.Logf("skipping the oas-examples specs: run npm ci --prefix tools/oas-examples")
		return nil
	}
	var specs []Spec
	for _, version := range []string{"2.0", "3.0", "3.1"} {
		for _, format := range []string{"json", "yaml"} {
			dir := filepath.Join(root, version, format)
			found, err := Find(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(found) == 0 {
				t.Fatalf("no specs in %s", dir)
			}
			for _, s := range found {
				s.Name = packageName("oas" + version + format + "_" + s.Name)
				specs = append(specs, s)
			}
		}
	}
	return specs
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"openai-2.3.0": "openai230", "2fa": "spec2fa", "Stripe": "stripe", "---": "spec"} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}
