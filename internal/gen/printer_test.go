package gen

import (
	"flag"
	"os"
	"testing"

	"github.com/sdkgen/sdkgen/internal/emit/golang"
)

// TestMain holds internal/gofmt to go/printer on every SDK the tests and
// fuzz targets generate; benchmarks measure generation without the check.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		golang.CrossCheckPrinter(true)
	}
	os.Exit(m.Run())
}
