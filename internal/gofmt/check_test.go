package gofmt

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestSameAsGoPrinter: the check passes go/printer's own bytes and
// names the first line that differs.
func TestSameAsGoPrinter(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", "package p\ntype T struct{\nA int\nBB string\n}\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if err := SameAsGoPrinter(fset, f, []byte("package p\n\ntype T struct {\n\tA  int\n\tBB string\n}\n")); err != nil {
		t.Errorf("gofmt's output rejected: %v", err)
	}
	err = SameAsGoPrinter(fset, f, []byte("package p\n\ntype T struct {\n\tA int\n\tBB string\n}\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("unaligned output: got %v, want a difference at line 4", err)
	}
}
