package gofmt

import (
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// compare prints src with both printers. It reports whether this one
// covered the file, and an error if it did and the bytes differ, or if
// it did not and changed dst.
func compare(name string, src []byte) (covered bool, err error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return false, nil
	}
	if err := GoPrinter.Fprint(io.Discard, fset, f); err != nil {
		return false, nil
	}
	const prefix = "prefix "
	got, err := Fprint([]byte(prefix), fset, f)
	if err != nil {
		if !errors.Is(err, ErrNotCovered) {
			return false, err
		}
		if string(got) != prefix {
			return false, fmt.Errorf("%s: not covered, yet the output changed", name)
		}
		return false, nil
	}
	if !bytes.HasPrefix(got, []byte(prefix)) {
		return true, fmt.Errorf("%s: dst was not kept", name)
	}
	if err := SameAsGoPrinter(fset, f, got[len(prefix):]); err != nil {
		return true, fmt.Errorf("%s: %w", name, err)
	}
	return true, nil
}

func compareFiles(t *testing.T, files []string) (covered int) {
	t.Helper()
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ok, err := compare(name, src)
		if err != nil {
			t.Error(err)
		}
		if ok {
			covered++
		}
	}
	return covered
}

// TestStdlib holds the printer to go/printer on standard library sources:
// code written by hand, in every construct Go has. What the printer does
// not cover must leave the output alone.
func TestStdlib(t *testing.T) {
	var files []string
	for _, dir := range []string{"go/printer", "go/ast", "go/types", "net/http", "encoding/json", "strings", "fmt", "os", "sort", "text/template", "runtime"} {
		m, _ := filepath.Glob(filepath.Join(build.Default.GOROOT, "src", dir, "*.go"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no standard library sources")
	}
	covered := compareFiles(t, files)
	t.Logf("covered %d of %d files", covered, len(files))
	if covered < len(files)/3 {
		t.Errorf("covered only %d of %d files", covered, len(files))
	}
}

// TestGenerated covers the checked-in SDKs, whole.
func TestGenerated(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "generated", "*", "*.go"))
	if len(files) == 0 {
		t.Fatal("no generated SDKs")
	}
	if covered := compareFiles(t, files); covered != len(files) {
		t.Errorf("covered %d of %d generated files", covered, len(files))
	}
}

// TestLayout covers what the emitter's raw output looks like (one line per
// token group, nothing indented, blank lines anywhere) for the constructs
// whose layout depends on lengths and lines: alignment runs broken by
// comments and blank lines, key sizes far apart, one-line bodies.
func TestLayout(t *testing.T) {
	for i, src := range []string{
		"package p\n\n\n// T is.\ntype T struct{\n// A is.\nA int `json:\"a\"`\nBB string\nCCCCCCCCCCCC *T `json:\"c,omitempty\"`\n\nD []map[string]any\n}\n",
		"package p\nvar x = map[string]int{\n\"a\": 1,\n\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\": 2,\n\"c\": 3,\n\"dd\": 4,\n}\n",
		"package p\nfunc (T) a() {}\nfunc (T) bbbbbbb() int { return 1 }\nfunc f(a, b int) (int, error) {\nif a > b && b < 2 || a*b+1 > 3 {\nreturn a, nil\n}\nswitch {\ncase a == 1:\n\nreturn 2, nil\ndefault:\n}\nreturn 0, nil\n}\n",
		"package p\nconst (\nA T = \"a\"\nBbbbbb T = \"b\"\n// C is.\nC T = \"c\"\n)\nconst (\nx = iota\nyy\n)\n",
		"package p\nfunc f() {\nx := T{A: 1,\nB: 2}\n_ = []int{\n1, 2,\n3,\n}\ng(a,\nb)\nfor i := 0; i < 3; i++ {\n}\nfor k, v := range m {\n_, _ = k, v\n}\n}\n",
		"package p\nfunc f() {\nL:\nfor {\nbreak L\n}\nM:\n}\nfunc g() {\nloooooong:\nfor {\ncontinue loooooong\n}\nx := 1\n}\n",
		"package p\nvar x = " + strings.Repeat("[]T{\nT{\n", 12) + strings.Repeat("},\n}", 12) + "\nfunc f() {\n" + strings.Repeat("if a {\n", 20) + "g()\n" + strings.Repeat("}\n", 20) + "}\n",
		"package p\n\nimport (\n\"a\"\n\n\"b/c\"\n)\n\ntype (\nA int\nBB string\n)\nvar _ = func() int { return 1 }\n",
	} {
		covered, err := compare(fmt.Sprintf("layout%d.go", i), []byte(src))
		if err != nil {
			t.Error(err)
		} else if !covered {
			t.Errorf("layout%d.go: not covered", i)
		}
	}
}

// TestNotCovered: constructs left to go/printer leave the output alone.
func TestNotCovered(t *testing.T) {
	for _, src := range []string{
		"package p\n/* block */\nvar x int\n",
		"//go:build linux\n\npackage p\n",
		"package p\nvar s = `a\nb`\n",
		"package p\n//line x.go:1\nvar x int\n",
	} {
		covered, err := compare("x.go", []byte(src))
		if err != nil {
			t.Error(err)
		}
		if covered {
			t.Errorf("covered:\n%s", src)
		}
	}
}
