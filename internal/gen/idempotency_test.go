package gen_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// TestIdempotencyKeysOnTheWire runs a test of the idempotency case's SDK
// against a server that records the keys of its calls
// (testdata/idempotency): which operations send one, that retries repeat
// it, and that the caller's wins.
func TestIdempotencyKeysOnTheWire(t *testing.T) {
	testCaseSDK(t, "idempotency", "payments", filepath.Join("testdata", "idempotency", "keys_test.go.txt"))
}

// testCaseSDK generates the SDK of a case's spec as package pkg, adds the
// test file test to it and runs its tests with the race detector.
func testCaseSDK(t *testing.T, name, pkg, test string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds an SDK")
	}
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if f.Name == "spec.yaml" {
			if err := os.WriteFile(filepath.Join(dir, "spec.yaml"), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(dir, pkg)
	res, err := gen.New().Run(context.Background(), gen.SDK{Spec: filepath.Join(dir, "spec.yaml"), Out: out, Package: pkg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Write(out, res.Files); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(test)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "case_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "go.mod"), []byte("module example.com/"+pkg+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-race", ".")
	cmd.Dir = out
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the %s SDK's test failed:\n%s", name, out)
	}
}

func TestIdempotencyConfig(t *testing.T) {
	tests := []struct {
		yaml, want string
	}{
		{"idempotency: {header: X-Key, operations: mutations}", ""},
		{"idempotency: {operations: none}", ""},
		{"idempotency: true", "sdkgen.yaml:5:18: #/sdks/0/idempotency: idempotency must be an object with header or operations"},
		{"idempotency: {key: X}", "sdkgen.yaml:5:19: #/sdks/0/idempotency: unknown idempotency key \"key\" (known: header, operations)"},
		{"idempotency: {header: [X]}", "sdkgen.yaml:5:27: #/sdks/0/idempotency/header: idempotency header must be a string"},
		{"idempotency: {header: 12}", "sdkgen.yaml:5:27: #/sdks/0/idempotency/header: idempotency header must be a string"},
		{"idempotency: {header: \"\"}", "sdkgen.yaml:5:27: #/sdks/0/idempotency/header: \"\" is not a header name HTTP can carry"},
		{"idempotency: {header: \"Idem:Key\"}", "sdkgen.yaml:5:27: #/sdks/0/idempotency/header: \"Idem:Key\" is not a header name HTTP can carry"},
		{"idempotency: {operations: all}", "sdkgen.yaml:5:31: #/sdks/0/idempotency/operations: unknown idempotency operations \"all\" (known: declared, mutations, none)"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		path := filepath.Join(dir, "sdkgen.yaml")
		src := "sdks:\n  - spec: spec.yaml\n    out: out\n    package: p\n    " + tt.yaml + "\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := gen.LoadConfig(path)
		got := ""
		if err != nil {
			got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.yaml, got, tt.want)
		}
		if err == nil && cfg.SDKs[0].Idempotency == nil {
			t.Errorf("%s: not read", tt.yaml)
		}
	}
}
