package gofmt

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

type parsedFile struct {
	fset *token.FileSet
	file *ast.File
	size int
}

// parseGenerated parses the checked-in Clerk SDK once for the benchmarks.
func parseGenerated(b *testing.B) []parsedFile {
	files, _ := filepath.Glob(filepath.Join("..", "..", "generated", "clerk", "*.go"))
	var out []parsedFile
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, parsedFile{fset, f, len(src)})
	}
	return out
}

// BenchmarkFprint and BenchmarkGoPrinter print the Clerk SDK's files with
// this printer and with go/printer.
func BenchmarkFprint(b *testing.B) {
	files := parseGenerated(b)
	var buf []byte
	b.SetBytes(totalSize(files))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			var err error
			if buf, err = Fprint(buf[:0], f.fset, f.file); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkGoPrinter(b *testing.B) {
	files := parseGenerated(b)
	var buf bytes.Buffer
	b.SetBytes(totalSize(files))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			buf.Reset()
			if err := GoPrinter.Fprint(&buf, f.fset, f.file); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func totalSize(files []parsedFile) (n int64) {
	for _, f := range files {
		n += int64(f.size)
	}
	return n
}
