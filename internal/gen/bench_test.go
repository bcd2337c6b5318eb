package gen_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// benchSpecs are the specs generation is measured on: the two checked-in
// SDKs, and from the corpus GitHub, Stripe, the largest OpenAPI 3.1 spec and
// the largest spec split over many files.
var benchSpecs = []struct{ name, path string }{
	{"signintokens", filepath.Join(moduleRoot, "spec", "signintokens.yaml")},
	{"clerk", filepath.Join(moduleRoot, "spec", "clerk-bapi.yaml")},
	{"github", filepath.Join(moduleRoot, "..", "shared", "corpus", "github.json")},
	{"stripe", filepath.Join(moduleRoot, "..", "shared", "corpus", "stripe.yaml")},
	{"adyen31", filepath.Join(moduleRoot, "..", "shared", "corpus", "adyen-checkout-v71.json")},
	{"digitalocean", filepath.Join(moduleRoot, "..", "shared", "corpus", "digitalocean", "DigitalOcean-public.v2.yaml")},
}

// BenchmarkGenerate measures Run (load, lower, emit Go, emit docs; no
// writing) per spec, with the time of each stage and the output size.
func BenchmarkGenerate(b *testing.B) {
	g := gen.New()
	for _, s := range benchSpecs {
		if _, err := os.Stat(s.path); err != nil {
			continue // the corpus is not there
		}
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			var t gen.Timings
			var lines, nfiles int
			for b.Loop() {
				res, err := g.Run(context.Background(), gen.SDK{Spec: s.path, Out: "-", Package: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				t.Load += res.Timings.Load
				t.Lower += res.Timings.Lower
				t.EmitGo += res.Timings.EmitGo
				t.EmitDocs += res.Timings.EmitDocs
				lines, nfiles = 0, len(res.Files)
				for _, f := range res.Files {
					if filepath.Ext(f.Path) == ".go" {
						lines += bytes.Count(f.Content, []byte("\n"))
					}
				}
			}
			n := float64(b.N)
			b.ReportMetric(float64(t.Load.Milliseconds())/n, "load-ms/op")
			b.ReportMetric(float64(t.Lower.Milliseconds())/n, "lower-ms/op")
			b.ReportMetric(float64(t.EmitGo.Milliseconds())/n, "emitgo-ms/op")
			b.ReportMetric(float64(t.EmitDocs.Milliseconds())/n, "emitdocs-ms/op")
			b.ReportMetric(float64(lines), "go-lines")
			b.ReportMetric(float64(nfiles), "files")
		})
	}
}

// BenchmarkWrite measures writing a generated SDK into an empty directory.
func BenchmarkWrite(b *testing.B) {
	g := gen.New()
	res, err := g.Run(context.Background(), gen.SDK{Spec: benchSpecs[1].path, Out: "-", Package: "clerk"})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dir := b.TempDir()
		if _, err := gen.Write(dir, res.Files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildClerk measures `go build` of generated/clerk with the
// standard library cached and the package itself not: a nonce file changes
// the package each time.
func BenchmarkBuildClerk(b *testing.B) {
	src := filepath.Join(moduleRoot, "generated", "clerk")
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module bench\n\ngo 1.26\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	pkg := filepath.Join(dir, "clerk")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		b.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".go" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, e.Name()), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	build := func(nonce int) {
		if err := os.WriteFile(filepath.Join(pkg, "zz_nonce.go"), []byte(fmt.Sprintf("package clerk\n\nconst benchNonce = %d\n", nonce)), 0o644); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command("go", "build", "./clerk")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
	}
	build(-1) // warm the standard library
	i := 0
	for b.Loop() {
		build(i)
		i++
	}
}
