package docs

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"

	"github.com/sdkgen/sdkgen/internal/files"
)

// CheckExamples reports the first Go example in the Markdown files that
// does not parse or is not as gofmt would print it: jennifer prints examples
// through go/format, and this holds the pages, after templating and tidying,
// to that. Tests, the corpus and FuzzGenerate run it over every SDK they
// generate.
func CheckExamples(out []files.File) error {
	for _, f := range out {
		if !strings.HasSuffix(f.Path, ".md") {
			continue
		}
		for n, src := range goExamples(f.Content) {
			want, err := format.Source(src)
			if err != nil {
				return fmt.Errorf("%s: example %d does not parse: %v\n%s", f.Path, n+1, err, numbered(string(src)))
			}
			if !bytes.Equal(want, src) {
				return fmt.Errorf("%s: example %d is not gofmt's layout:\n%s\ngofmt:\n%s", f.Path, n+1, numbered(string(src)), numbered(string(want)))
			}
		}
	}
	return nil
}

// goExamples returns the Go files in a page's ```go blocks.
func goExamples(page []byte) [][]byte {
	var out [][]byte
	for rest := page; ; {
		_, after, ok := bytes.Cut(rest, []byte("\n```go\n"))
		if !ok {
			return out
		}
		body, tail, ok := bytes.Cut(after, []byte("\n```\n"))
		if !ok {
			return out
		}
		if bytes.HasPrefix(body, []byte("package ")) {
			out = append(out, append(body, '\n'))
		}
		rest = tail
	}
}

// numbered numbers the lines of src, for error messages.
func numbered(src string) string {
	var b strings.Builder
	for i, line := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}
