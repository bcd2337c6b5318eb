package golang

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzComments checks that no spec text can end a comment, start a
// directive or break the file: SafeLine returns one clean line, and the
// lines of commentLines, placed above a declaration, parse back as exactly
// those // comments, with the declaration intact after them.
func FuzzComments(f *testing.F) {
	for _, s := range []string{
		"plain", "*/ package main /*", "a\nb\r\nc\rd\u2028e\u2029f\u0085g", "//go:generate rm -rf /",
		"\n//go:build ignore", "//line x.go:1", "\n/*line x.go:1*/", "\x00\ufeff\xff\xfe", "\u202eevil\u202c",
		"\tcode //go:embed x", "`raw` \"quoted\" \\", "Deprecated: x", "# Heading", "", " \t ",
	} {
		f.Add(s, "\t"+s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			line := SafeLine(s)
			if slow := safeRunes(s); line != slow {
				t.Fatalf("SafeLine(%q) = %q, the rune path gives %q", s, line, slow)
			}
			if !utf8.ValidString(line) {
				t.Fatalf("SafeLine(%q) = %q: invalid UTF-8", s, line)
			}
			for _, r := range line {
				if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == 0 || r == '\ufeff' ||
					unicode.Is(unicode.Bidi_Control, r) || (unicode.IsControl(r) && r != ' ') {
					t.Fatalf("SafeLine(%q) = %q: contains %U", s, line, r)
				}
			}
		}

		lines := commentLines(a, b, a+"\n"+b)
		for _, l := range lines {
			if l != "//" && !strings.HasPrefix(l, "// ") && !strings.HasPrefix(l, "//\t") {
				t.Fatalf("comment line %q could form a directive", l)
			}
		}
		src := "package p\n\n" + strings.Join(lines, "\n") + "\nvar x int\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("comments break the file: %v\n%s", err, src)
		}
		if len(file.Decls) != 1 || len(file.Comments) > 1 {
			t.Fatalf("comments changed the declarations:\n%s", src)
		}
		var got []string
		if len(file.Comments) == 1 {
			for _, c := range file.Comments[0].List {
				got = append(got, c.Text)
			}
		}
		if strings.Join(got, "\n") != strings.Join(lines, "\n") {
			t.Fatalf("comments read back as %q, written %q", got, lines)
		}
		if file.Doc != nil || file.Name.Name != "p" {
			t.Fatalf("comments changed the package clause:\n%s", src)
		}
	})
}
