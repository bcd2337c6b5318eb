package gofmt

import (
	"bytes"
	"fmt"
	"go/ast"
	goprinter "go/printer"
	"go/token"
	"strings"
)

// GoPrinter is go/printer with gofmt's settings: what prints the files
// Fprint does not cover, and what Fprint is checked against.
var GoPrinter = goprinter.Config{Mode: goprinter.UseSpaces | goprinter.TabIndent, Tabwidth: 8}

// SameAsGoPrinter reports, naming the first line that differs, whether got
// is not what GoPrinter prints for f.
func SameAsGoPrinter(fset *token.FileSet, f *ast.File, got []byte) error {
	var want bytes.Buffer
	if err := GoPrinter.Fprint(&want, fset, f); err != nil {
		return err
	}
	if bytes.Equal(got, want.Bytes()) {
		return nil
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(want.String(), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return l[i]
		}
		return "(end of file)"
	}
	return fmt.Errorf("internal/gofmt and go/printer differ at line %d:\n  internal/gofmt: %q\n  go/printer:     %q", i+1, line(g), line(w))
}
