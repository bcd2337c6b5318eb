// Package corpus runs the generator over a directory of real-world specs and
// reports, per spec, what it produced and whether that builds and vets.
package corpus

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sdkgen/sdkgen/internal/emit/docs"
	"github.com/sdkgen/sdkgen/internal/emit/golang"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/load"
)

// Spec is one spec of the corpus.
type Spec struct {
	Name string // short name, also the Go package name
	Path string
}

// Find lists the specs of a corpus directory: every .yaml, .yml and .json
// file in it, and for each subdirectory (a multi-file spec) the file named
// by the subdirectory's root marker: its only top-level file that has an
// "openapi" or "swagger" key.
func Find(dir string) ([]Spec, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var specs []Spec
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			root, err := rootOf(p)
			if err != nil {
				return nil, err
			}
			if root != "" {
				specs = append(specs, Spec{Name: packageName(e.Name()), Path: root})
			}
			continue
		}
		if isSpecFile(e.Name()) {
			specs = append(specs, Spec{Name: packageName(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))), Path: p})
		}
	}
	return specs, nil
}

func isSpecFile(name string) bool {
	switch filepath.Ext(name) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// rootOf finds the root document of a multi-file spec directory.
func rootOf(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.IsDir() || !isSpecFile(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		head := b[:min(len(b), 4096)]
		if bytes.Contains(head, []byte("openapi:")) || bytes.Contains(head, []byte(`"openapi"`)) ||
			bytes.Contains(head, []byte("swagger:")) || bytes.Contains(head, []byte(`"swagger"`)) {
			return p, nil
		}
	}
	return "", nil
}

// packageName makes a Go package name of a file name: "openai-2.3.0" is
// "openai230".
func packageName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if out == "" || (out[0] >= '0' && out[0] <= '9') {
		out = "spec" + out
	}
	return out
}

// Row is the outcome for one spec.
type Row struct {
	Spec       Spec
	Version    string
	Operations int // operations in the spec
	Methods    int // methods generated
	Skipped    int
	Types      int
	LOC        int // lines of generated Go
	GenTime    time.Duration
	Err        error // generation failed
	BuildOK    bool
	VetOK      bool
	BuildOut   string // compiler or vet output when not OK
	FormatErr  error  // a Go file or docs example that is not as gofmt prints it
}

// Run generates every spec into module/<name> (a fresh Go module) and builds
// and vets each package.
func Run(ctx context.Context, specs []Spec, module string) ([]*Row, error) {
	g := gen.New()
	if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module corpus\n\ngo 1.26\n"), 0o644); err != nil {
		return nil, err
	}
	var rows []*Row
	for _, s := range specs {
		row := &Row{Spec: s}
		rows = append(rows, row)
		out := filepath.Join(module, s.Name)
		start := time.Now()
		res, err := g.Run(ctx, gen.SDK{Spec: s.Path, Out: out, Package: s.Name, SkipUnsupported: true})
		row.GenTime = time.Since(start)
		if err != nil {
			row.Err = err
			continue
		}
		row.Version = res.Version
		if row.Operations, err = countSpecOperations(ctx, s.Path); err != nil {
			return nil, err
		}
		row.Skipped = len(res.View.API.Skipped)
		row.Types = len(res.View.API.Decls)
		for _, grp := range res.View.API.Groups {
			for _, op := range grp.Operations {
				// A stream twin (XStream) is the second method of one
				// spec operation, which X already counts.
				if op.Twin == nil || op.Stream == nil {
					row.Methods++
				}
			}
		}
		for _, f := range res.Files {
			if strings.HasSuffix(f.Path, ".go") {
				row.LOC += bytes.Count(f.Content, []byte("\n"))
			}
		}
		row.FormatErr = cmp.Or(golang.CheckFormatted(res.Files), docs.CheckExamples(res.Files))
		if _, err := gen.Write(out, res.Files); err != nil {
			return nil, err
		}
		row.BuildOK, row.BuildOut = goCmd(ctx, module, "build", "./"+s.Name)
		if row.BuildOK {
			row.VetOK, row.BuildOut = goCmd(ctx, module, "vet", "./"+s.Name)
		}
	}
	return rows, nil
}

// countSpecOperations counts the operations of the loaded spec itself, so a
// generator that dropped one could not hide it.
func countSpecOperations(ctx context.Context, path string) (int, error) {
	res, err := load.Load(ctx, path)
	if err != nil {
		return 0, err
	}
	n := 0
	if res.Doc.Paths != nil {
		for _, item := range res.Doc.Paths.Map() {
			n += len(item.Operations())
		}
	}
	return n, nil
}

func goCmd(ctx context.Context, dir string, args ...string) (bool, string) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	return err == nil, string(out)
}

// Print writes the rows as a table.
func Print(w io.Writer, rows []*Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "spec\tversion\toperations\tmethods\tskipped\ttypes\tGo LOC\tgen time\tbuild\tvet\tdocs\t")
	sorted := slices.Clone(rows)
	for _, r := range sorted {
		status := func(ok bool) string {
			if r.Err != nil {
				return "-"
			}
			if ok {
				return "ok"
			}
			return "FAIL"
		}
		version := r.Version
		if r.Err != nil {
			version = "error"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", r.Spec.Name, version, r.Operations, r.Methods,
			r.Skipped, r.Types, r.LOC, r.GenTime.Round(time.Millisecond), status(r.BuildOK), status(r.VetOK), status(r.FormatErr == nil))
	}
	tw.Flush()
}
