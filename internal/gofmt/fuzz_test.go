package gofmt

import (
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDocComment holds the plain-comment shortcut to go/doc/comment: a doc
// comment plainDoc lets through must come back from the full reformatting
// unchanged.
func FuzzDocComment(f *testing.F) {
	for _, s := range []string{
		"T is a thing.", "T is.\n\nMore text.", "Heading\n\nText after.", "# Heading", "[link]: https://x.y",
		"- item\n- item", "1. first", "\tcode", "``quoted''", "A. B", "Don't panic", "x\n\n\ny", "", "//go:generate x",
		"See https://example.com/a_b.", "Deprecated: use U.", "Section (two)\n\nbody\n\nmore",
		"Create: Create a token.\n\n\tPOST /tokens", "Text.\n\n\tcode\n\t\tmore\n\nAfter.", "Text.\n\n\t- item",
		"Text.\n\tcode", "\tcode only", "Text.\n\n\tcode\n}", "Text.\n\n\t1. x", "Text.\n\n\tcode\nafter",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var list []*ast.Comment
		for _, line := range strings.Split(text, "\n") {
			if strings.ContainsAny(line, "\r\f") {
				return
			}
			c := "//"
			if strings.HasPrefix(line, "\t") {
				c += line
			} else if line != "" {
				c += " " + line
			}
			list = append(list, &ast.Comment{Slash: 1, Text: c})
		}
		if !plainDoc(list) {
			return
		}
		out := formatDocComment(list)
		if len(out) != len(list) {
			t.Fatalf("plain comment %q reformats to %d lines", text, len(out))
		}
		for i := range out {
			if out[i].Text != list[i].Text {
				t.Fatalf("plain comment %q: line %d reformats to %q", text, i+1, out[i].Text)
			}
		}
	})
}

// FuzzFprint holds the printer to go/printer on whatever Go source the
// fuzzer makes of the generated SDKs' files.
func FuzzFprint(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "generated", "signintokens", "*.go"))
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("package p\nvar x = T{\nA: 1,\nBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 2,\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := compare("fuzz.go", src); err != nil {
			t.Fatal(err)
		}
	})
}
