package gen

import (
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/files"
)

// TestGoVersionNeeded: the newest thing a file uses sets the release, and
// the reason names it and where it is.
func TestGoVersionNeeded(t *testing.T) {
	tests := []struct {
		src, version, why string
	}{
		{"package p\n\ntype T[E any] struct{ V E }\n", "1.18", "generics"},
		{"package p\n\nfunc f(a, b int) int { return min(a, b) }\n", "1.21", "builtin min (a.go:3)"},
		{"package p\n\nfunc f() {\n\tfor range 3 {\n\t}\n}\n", "1.22", "range over an integer (a.go:4)"},
		{"package p\n\nimport \"iter\"\n\nvar _ iter.Seq[int]\n", "1.23", "package iter (a.go:3)"},
		{"package p\n\nimport \"strings\"\n\nvar _ = strings.SplitSeq\n", "1.24", "strings.SplitSeq (a.go:5)"},
		{"package p\n\nimport \"iter\"\n\nvar _ iter.Seq[int]\n\ntype T struct {\n\tA *int `json:\"a,omitzero\"`\n}\n", "1.24", "json omitzero option (a.go:8)"},
		{"package p\n\ntype T struct {\n\tA *int `json:\"omitzero\"`\n}\n", "1.18", "generics"}, // a name, not the option
	}
	for _, tt := range tests {
		need, err := GoVersionNeeded([]files.File{{Path: "a.go", Content: []byte(tt.src)}, {Path: "README.md", Content: []byte("omitzero")}})
		if err != nil {
			t.Fatal(err)
		}
		if need.Version != tt.version || need.Why != tt.why {
			t.Errorf("%s: got %s (%s), want %s (%s)", strings.ReplaceAll(tt.src, "\n", " "), need.Version, need.Why, tt.version, tt.why)
		}
	}
}
