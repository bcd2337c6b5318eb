package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoad measures Load on the corpus's multi-file spec, DigitalOcean:
// about 10,000 $refs into a few hundred files, most into a few shared ones.
func BenchmarkLoad(b *testing.B) {
	spec := filepath.Join("..", "..", "..", "shared", "corpus", "digitalocean", "DigitalOcean-public.v2.yaml")
	if _, err := os.Stat(spec); err != nil {
		b.Skip("the corpus is not there")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(context.Background(), spec); err != nil {
			b.Fatal(err)
		}
	}
}
