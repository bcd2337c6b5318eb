package gen

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/version"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/files"
)

// GoNeed is the oldest Go release that builds the SDK correctly, and the
// first use that needs it.
type GoNeed struct {
	Version string // "1.24"
	Why     string // "json omitzero option (model_user.go:12)"
}

// baseGo is the floor when the output uses nothing newer: generics.
const baseGo = "1.18"

// goImports and goAPIs are what the output may use that older releases
// lack (or, for omitzero, silently ignore), with the release that added it.
// This is the one place that knows: the go.mod the generator writes and
// the check of the module it writes into both come from it.
var goImports = map[string]string{
	"cmp": "1.21", "maps": "1.21", "slices": "1.21", "log/slog": "1.21",
	"iter": "1.23", "unique": "1.23", "weak": "1.24",
}

var goAPIs = map[string]string{
	"strings.SplitSeq": "1.24", "strings.FieldsSeq": "1.24", "strings.Lines": "1.24",
	"bytes.SplitSeq": "1.24", "bytes.Lines": "1.24",
	"maps.Keys": "1.23", "maps.Values": "1.23", "maps.All": "1.23", "slices.Collect": "1.23",
	"slices.Sorted": "1.23", "slices.Values": "1.23", "slices.All": "1.23",
	"reflect.TypeFor": "1.22", "math/rand/v2.N": "1.22", "math/rand/v2.IntN": "1.22",
	"context.AfterFunc": "1.21", "context.WithoutCancel": "1.21", "context.WithDeadlineCause": "1.21",
	"sync.OnceValue": "1.21", "sync.OnceFunc": "1.21", "errors.Join": "1.20", "http.NewResponseController": "1.20",
}

// goBuiltins are builtin functions newer than the floor.
var goBuiltins = map[string]string{"min": "1.21", "max": "1.21", "clear": "1.21"}

// GoVersionNeeded reads the generated Go files and returns the newest
// release any of them needs.
func GoVersionNeeded(out []files.File) (GoNeed, error) {
	need := GoNeed{Version: baseGo, Why: "generics"}
	fset := token.NewFileSet()
	raise := func(v, why string, pos token.Pos) {
		if version.Compare("go"+v, "go"+need.Version) > 0 {
			p := fset.Position(pos)
			need = GoNeed{Version: v, Why: fmt.Sprintf("%s (%s:%d)", why, p.Filename, p.Line)}
		}
	}
	for _, f := range out {
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		file, err := parser.ParseFile(fset, f.Path, f.Content, parser.SkipObjectResolution)
		if err != nil {
			return need, err
		}
		local := map[string]string{} // import name in the file -> path
		for _, imp := range file.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if p == "math/rand/v2" {
				name = "rand"
			}
			if imp.Name != nil {
				name = imp.Name.Name
			}
			local[name] = p
			if v, ok := goImports[p]; ok {
				raise(v, "package "+p, imp.Pos())
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				if n.Tag != nil {
					tag, _ := strconv.Unquote(n.Tag.Value)
					if _, opts, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ","); hasOption(opts, "omitzero") {
						raise("1.24", "json omitzero option", n.Tag.Pos())
					}
				}
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && local[x.Name] != "" {
					p := local[x.Name]
					key := p[strings.LastIndex(p, "/")+1:] + "." + n.Sel.Name
					if p == "math/rand/v2" {
						key = p + "." + n.Sel.Name
					}
					if v, ok := goAPIs[key]; ok {
						raise(v, key, n.Pos())
					}
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok {
					if v, ok := goBuiltins[id.Name]; ok {
						raise(v, "builtin "+id.Name, n.Pos())
					}
				}
			case *ast.RangeStmt:
				// range over an integer: a literal or len(...).
				switch x := n.X.(type) {
				case *ast.BasicLit:
					if x.Kind == token.INT {
						raise("1.22", "range over an integer", n.Pos())
					}
				case *ast.CallExpr:
					if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "len" {
						raise("1.22", "range over an integer", n.Pos())
					}
				}
			}
			return true
		})
	}
	return need, nil
}

func hasOption(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// goModFile is the go.mod the generator writes for an SDK that is its own
// module: its go line is the release the SDK needs.
func goModFile(module string, need GoNeed) files.File {
	var b strings.Builder
	b.WriteString(files.GoHeader + "\n\n")
	fmt.Fprintf(&b, "module %s\n\n", modfile.AutoQuote(module))
	fmt.Fprintf(&b, "// The SDK needs Go %s: %s.\n", need.Version, need.Why)
	fmt.Fprintf(&b, "go %s\n", need.Version)
	return files.File{Path: "go.mod", Content: []byte(b.String())}
}

// gitattributesFile marks every generated file, so that code review and
// language statistics set them apart; files sdkgen did not write are not
// listed.
func gitattributesFile(out []files.File) files.File {
	var b strings.Builder
	b.WriteString(files.HashHeader + "\n")
	for _, f := range out {
		fmt.Fprintf(&b, "/%s linguist-generated=true\n", gitattrEscape(f.Path))
	}
	b.WriteString("/.gitattributes linguist-generated=true\n")
	return files.File{Path: ".gitattributes", Content: []byte(b.String())}
}

// gitattrEscape quotes the characters a .gitattributes pattern treats
// specially.
func gitattrEscape(p string) string {
	r := strings.NewReplacer(`\`, `\\`, " ", `[ ]`, "*", `\*`, "?", `\?`, "[", `\[`, "!", `\!`, "#", `\#`)
	return r.Replace(p)
}

// CheckModule fails when the module that out is written into declares a
// Go release older than the SDK needs: an older Go builds the SDK but
// silently ignores what it does not know (omitzero sends every absent
// optional field as null). An SDK whose go.mod the run writes needs no
// check.
func CheckModule(out string, res *Result) error {
	for _, f := range res.Files {
		if f.Path == "go.mod" {
			return nil
		}
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	gomod := ""
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "go.mod")
		if _, err := os.Stat(p); err == nil {
			gomod = p
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if filepath.Dir(d) == d {
			return nil // no module: GOPATH mode or go.mod still to write
		}
	}
	if rel, err := filepath.Rel(mustWd(), gomod); err == nil && filepath.IsLocal(rel) {
		gomod = rel
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return err
	}
	mf, err := modfile.ParseLax(gomod, data, nil)
	if err != nil {
		return err
	}
	need := res.GoNeed
	if mf.Go == nil {
		return diag.Errorf(diag.Pos{File: gomod, Line: 1, Col: 1}, "", "the module has no go line, so it builds as Go 1.16; the SDK in %s needs go %s or later (%s): add \"go %s\"", out, need.Version, need.Why, need.Version)
	}
	if version.Compare("go"+mf.Go.Version, "go"+need.Version) < 0 {
		pos := diag.Pos{File: gomod, Line: mf.Go.Syntax.Start.Line, Col: mf.Go.Syntax.Start.LineRune}
		return diag.Errorf(pos, "", "go %s is older than the SDK in %s needs: go %s or later (%s); older releases build it and silently misbehave. Raise it with: go mod edit -go=%s", mf.Go.Version, out, need.Version, need.Why, need.Version)
	}
	return nil
}

func mustWd() string {
	wd, _ := os.Getwd()
	return wd
}
