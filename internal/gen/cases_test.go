package gen_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/gen"
)

// A case is a txtar archive in testdata/cases:
//
//	-- spec.yaml --      the spec (other files beside it for external refs)
//	-- want/<file> --    expected generated files (all but runtime_*.go and docs)
//	-- error --          instead of want/: the expected error, exactly
//	-- warnings --       optional: the expected warnings, exactly, one a line
//	-- flags --          optional: "skip-unsupported"; "overlay NAME" (one a
//	                     line) applies the case's file NAME as an overlay
//	-- sdkgen.yaml --    optional: a config whose first SDK's settings (pagination, globals, credentials, idempotency, errorSchema, renames) apply
//
// Every case that generates is also compiled and vetted, all in one module.
// `go test ./internal/gen -update` rewrites want/ and error sections.

func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no cases")
	}
	g := gen.New()
	module := t.TempDir()
	var built []string
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		pkg := "case" + strings.NewReplacer("-", "", "_", "").Replace(name)
		ok := t.Run(name, func(t *testing.T) {
			out := runCase(t, g, path, pkg)
			if out == nil {
				return
			}
			dir := filepath.Join(module, pkg)
			if _, err := gen.Write(dir, out); err != nil {
				t.Fatal(err)
			}
			built = append(built, pkg)
		})
		_ = ok
	}
	if len(built) == 0 {
		return
	}
	t.Run("compile", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module cases\n\ngo 1.26\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		vetAndStaticcheck(t, module)
	})
}

// vetAndStaticcheck runs go vet and staticcheck over every package of a
// module of generated code.
func vetAndStaticcheck(t *testing.T, module string) {
	t.Helper()
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generated code does not vet:\n%s", out)
	}
	bin := filepath.Join(t.TempDir(), "staticcheck")
	build := exec.Command("go", "build", "-o", bin, "honnef.co/go/tools/cmd/staticcheck")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building staticcheck: %v\n%s", err, out)
	}
	sc := exec.Command(bin, "./...")
	sc.Dir = module
	sc.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := sc.CombinedOutput(); err != nil {
		t.Fatalf("staticcheck reports on generated code:\n%s", out)
	}
}

// runCase generates one case and compares it; it returns the output files
// when the case is expected to generate.
func runCase(t *testing.T, g *gen.Generator, path, pkg string) []files.File {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var wantErr, wantWarnings *txtar.File
	skip := false
	var overlays []string
	want := map[string][]byte{}
	for i := range ar.Files {
		f := &ar.Files[i]
		switch {
		case f.Name == "error":
			wantErr = f
		case f.Name == "warnings":
			wantWarnings = f
		case f.Name == "flags":
			skip = strings.Contains(string(f.Data), "skip-unsupported")
			for line := range strings.Lines(string(f.Data)) {
				if name, ok := strings.CutPrefix(strings.TrimSpace(line), "overlay "); ok {
					overlays = append(overlays, filepath.Join(dir, filepath.FromSlash(name)))
				}
			}
		case strings.HasPrefix(f.Name, "want/"):
			want[strings.TrimPrefix(f.Name, "want/")] = f.Data
		default:
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	sdk := gen.SDK{Spec: filepath.Join(dir, "spec.yaml"), Out: "unused", Package: pkg, SkipUnsupported: skip, Overlays: overlays}
	var res *gen.Result
	if _, statErr := os.Stat(filepath.Join(dir, "sdkgen.yaml")); statErr == nil {
		var cfg *gen.Config
		if cfg, err = gen.LoadConfig(filepath.Join(dir, "sdkgen.yaml")); err == nil {
			sdk.Pagination, sdk.Globals, sdk.CredentialEnv, sdk.Idempotency = cfg.SDKs[0].Pagination, cfg.SDKs[0].Globals, cfg.SDKs[0].CredentialEnv, cfg.SDKs[0].Idempotency
			sdk.ErrorSchema, sdk.ErrorSchemaPos = cfg.SDKs[0].ErrorSchema, cfg.SDKs[0].ErrorSchemaPos
			sdk.Renames = cfg.SDKs[0].Renames
		}
	}
	if err == nil {
		res, err = g.Run(context.Background(), sdk)
	}
	if wantWarnings != nil && err == nil {
		var lines []string
		for _, w := range res.Warnings {
			lines = append(lines, strings.ReplaceAll(w.Error(), dir+string(filepath.Separator), ""))
		}
		got := strings.Join(lines, "\n")
		if strings.TrimSpace(got) != strings.TrimSpace(string(wantWarnings.Data)) {
			t.Errorf("warnings:\n%s\nwant:\n%s", got, wantWarnings.Data)
		}
	}
	if wantErr != nil || (err != nil && *update) {
		got := ""
		if err != nil {
			got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
		}
		if *update {
			rewriteCase(t, path, ar, nil, got, "")
			return nil
		}
		if err == nil {
			t.Fatalf("generation succeeded; want error:\n%s", wantErr.Data)
		}
		if strings.TrimSpace(got) != strings.TrimSpace(string(wantErr.Data)) {
			t.Errorf("error:\n%s\nwant:\n%s", got, wantErr.Data)
		}
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	warnings := ""
	for _, w := range res.Warnings {
		warnings += strings.ReplaceAll(w.Error(), dir+string(filepath.Separator), "") + "\n"
	}
	golden := map[string][]byte{}
	for _, f := range res.Files {
		if isGoldenFile(f.Path) {
			golden[f.Path] = f.Content
		}
	}
	if *update {
		rewriteCase(t, path, ar, golden, "", warnings)
		return res.Files
	}
	var wantW string
	if wantWarnings != nil {
		wantW = string(wantWarnings.Data)
	}
	if warnings != wantW {
		t.Errorf("warnings:\n%s\nwant:\n%s", warnings, wantW)
	}
	for name, data := range golden {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("unexpected file %s", name)
		case !bytes.Equal(w, data):
			t.Errorf("%s differs:\n%s", name, lineDiff(string(w), string(data)))
		}
	}
	for name := range want {
		if _, ok := golden[name]; !ok {
			t.Errorf("missing file %s", name)
		}
	}
	return res.Files
}

// isGoldenFile reports whether a case records a generated file: the runtime
// and the docs are tested on their own.
func isGoldenFile(path string) bool {
	return strings.HasSuffix(path, ".go") && !strings.HasPrefix(path, "runtime_") && !strings.Contains(path, "/")
}

// rewriteCase replaces a case's want/, error and warnings sections.
func rewriteCase(t *testing.T, path string, ar *txtar.Archive, golden map[string][]byte, errText, warnings string) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if f.Name != "error" && f.Name != "warnings" && !strings.HasPrefix(f.Name, "want/") || f.Name == "flags" {
			kept = append(kept, f)
		}
	}
	if errText != "" {
		kept = append(kept, txtar.File{Name: "error", Data: []byte(errText + "\n")})
	}
	if warnings != "" {
		kept = append(kept, txtar.File{Name: "warnings", Data: []byte(warnings)})
	}
	names := make([]string, 0, len(golden))
	for n := range golden {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		kept = append(kept, txtar.File{Name: "want/" + n, Data: golden[n]})
	}
	ar.Files = kept
	if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want: %q\n  got: %q", i+1, w, g)
		}
	}
	return "(same lines)"
}
