package docs_test

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sdkgen/sdkgen/internal/emit/docs"
	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// The SDKs the tests generate, through the real entry point. Package names
// are chosen to collide with what examples use: "client" with the client
// variable, "log" and "context" with standard packages ("context" is the
// first one an example mentions).
var specs = []struct {
	name, spec, pkg string
}{
	{"signintokens", "../../../spec/signintokens.yaml", "signintokens"},
	{"clerk", "../../../spec/clerk-bapi.yaml", "clerk"},
	{"petstore", "testdata/petstore-expanded.yaml", "client"},
	{"tempo", "testdata/tempo.yaml", "tempo"},
	{"firecracker", "testdata/firecracker.json", "firecracker"},
	{"hostile", "testdata/hostile.yaml", "log"},
	{"context", "../../../spec/signintokens.yaml", "context"},
}

// The generator's feature cases, whose specs cover what the ones above may
// not; those that expect an error are left out. A "flags" file may ask for
// skip-unsupported, as in the generator's own test.
const casesGlob = "../../gen/testdata/cases/*.txtar"

type sdk struct {
	name  string
	pkg   string
	view  *goview.View
	files map[string][]byte
	paths []string // sorted
}

func (s *sdk) markdown() []string {
	var out []string
	for _, p := range s.paths {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	return out
}

var (
	genOnce sync.Once
	genSDKs []*sdk
	genErr  error
)

// generated runs the generator once for all tests.
func generated(t *testing.T) []*sdk {
	t.Helper()
	genOnce.Do(func() { genSDKs, genErr = generateAll() })
	if genErr != nil {
		t.Fatal(genErr)
	}
	return genSDKs
}

func generateAll() ([]*sdk, error) {
	g := gen.New()
	run := func(name, spec, pkg string, skip bool) (*sdk, error) {
		res, err := g.Run(context.Background(), gen.SDK{Spec: spec, Out: "unused", Package: pkg, SkipUnsupported: skip})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s := &sdk{name: name, pkg: pkg, view: res.View, files: map[string][]byte{}}
		for _, f := range res.Files {
			s.files[f.Path] = f.Content
			s.paths = append(s.paths, f.Path)
		}
		slices.Sort(s.paths)
		return s, nil
	}
	var out []*sdk
	for _, c := range specs {
		s, err := run(c.name, c.spec, c.pkg, false)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	cases, err := filepath.Glob(casesGlob)
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("no generator cases match %s", casesGlob)
	}
	tmp, err := os.MkdirTemp("", "docs-cases")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".txtar")
		ar, err := txtar.ParseFile(c)
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(tmp, name)
		wantsError, skip := false, false
		for _, f := range ar.Files {
			switch {
			case f.Name == "error":
				wantsError = true
				continue
			case f.Name == "flags":
				skip = strings.Contains(string(f.Data), "skip-unsupported")
				continue
			case strings.HasPrefix(f.Name, "want/"):
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return nil, err
			}
		}
		if wantsError {
			continue
		}
		s, err := run("case "+name, filepath.Join(dir, "spec.yaml"), "case"+strings.NewReplacer("-", "", "_", "").Replace(name), skip)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// example is one Go example of a page.
type example struct {
	page string
	n    int
	src  string
}

// examples returns the Go examples of an SDK's pages, after checking their
// number: one per operation and per model, and the README's usage, options,
// retries and errors examples (options and retries without operations), and
// its streaming example when the SDK streams.
func examples(t *testing.T, s *sdk) []example {
	t.Helper()
	var out []example
	for _, p := range s.markdown() {
		for i, src := range parseMD(string(s.files[p])).goBlocks() {
			out = append(out, example{page: p, n: i + 1, src: src})
		}
	}
	ops, streams, headers := 0, 0, 0
	// The README's Servers section has an example when there is a server to
	// choose or a variable to set.
	servers := 0
	if s.view.API.ServerType != "" || len(s.view.API.ServerVars) > 0 {
		servers = 1
	}
	for _, g := range s.view.API.Groups {
		ops += len(g.Operations)
		for _, op := range g.Operations {
			if op.Stream != nil {
				streams = 1 // the README's streaming example
			}
			if len(op.Servers) > 0 {
				servers = 1
			}
			if op.HeadersName != "" {
				headers = 1 // the README's response headers example
			}
		}
	}
	if len(s.view.API.SecuritySchemes) > 0 {
		headers++ // the README's credential function example
		for _, sc := range s.view.API.SecuritySchemes {
			if len(sc.Flows) > 0 {
				headers++ // and its OAuth2 flow example
				break
			}
		}
	}
	if len(s.view.API.Globals) > 0 {
		headers++ // the README's globals example
	}
	want := len(s.view.API.Decls) + ops + 3 + streams + headers + servers // the README's options, retry and middleware examples
	if ops > 0 {
		want += 3 // usage, errors, undocumented fields
	}
	// An iterator example per paginated operation, and the README's.
	iters := 0
	for _, g := range s.view.Groups {
		for _, m := range g.Methods {
			if m.Pager != nil {
				iters++
			}
		}
	}
	if iters > 0 {
		want += iters + 1
	}
	if len(out) != want {
		t.Errorf("%s: %d Go examples, want %d", s.name, len(out), want)
	}
	return out
}

// TestExamplesCompile type-checks every Go example of every page, as
// written, against the generated package imported by the path the examples
// use. go/types reports what the compiler does (unknown names, wrong types,
// unused variables and imports) without linking a thousand programs.
func TestExamplesCompile(t *testing.T) {
	std := importer.Default()
	total := 0
	for _, s := range generated(t) {
		fset := token.NewFileSet()
		var sdkFiles []*ast.File
		for _, p := range s.paths {
			if !strings.HasSuffix(p, ".go") {
				continue
			}
			f, err := parser.ParseFile(fset, s.pkg+"/"+p, s.files[p], 0)
			if err != nil {
				t.Fatal(err)
			}
			sdkFiles = append(sdkFiles, f)
		}
		sdkPath := s.view.Path
		sdkPkg, err := (&types.Config{Importer: std}).Check(sdkPath, fset, sdkFiles, nil)
		if err != nil {
			t.Fatalf("%s: the SDK does not type-check: %v", s.name, err)
		}
		imp := importerFunc(func(path string) (*types.Package, error) {
			if path == sdkPath {
				return sdkPkg, nil
			}
			return std.Import(path)
		})
		var mds []files.File
		for _, p := range s.paths {
			mds = append(mds, files.File{Path: p, Content: s.files[p]})
		}
		if err := docs.CheckExamples(mds); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
		for _, ex := range examples(t, s) {
			total++
			name := fmt.Sprintf("%s/%s#%d.go", s.name, ex.page, ex.n)
			f, err := parser.ParseFile(fset, name, ex.src, 0)
			if err != nil {
				t.Errorf("%v\n%s", err, ex.src)
				continue
			}
			var errs []string
			conf := &types.Config{Importer: imp, Error: func(err error) { errs = append(errs, err.Error()) }}
			_, _ = conf.Check(f.Name.Name, fset, []*ast.File{f}, nil)
			if len(errs) > 0 {
				t.Errorf("%s does not compile:\n%s\n%s", name, strings.Join(errs, "\n"), ex.src)
			}
		}
	}
	t.Logf("%d examples type-check", total)
}

// TestExampleNames checks the names examples use: the SDK is imported under
// its package name, no local hides an import (the specs' package names
// "client" and "log" collide with a local and a standard package), and no
// backtick can close the page's fence.
func TestExampleNames(t *testing.T) {
	for _, s := range generated(t) {
		for _, ex := range examples(t, s) {
			where := fmt.Sprintf("%s: %s#%d", s.name, ex.page, ex.n)
			if strings.Contains(ex.src, "`") {
				t.Errorf("%s has a backtick:\n%s", where, ex.src)
			}
			f, err := parser.ParseFile(token.NewFileSet(), "", ex.src, 0)
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			imported := map[string]bool{}
			for _, spec := range f.Imports {
				p := strings.Trim(spec.Path.Value, `"`)
				name := path.Base(p)
				switch {
				case spec.Name != nil:
					name = spec.Name.Name
				case p == s.view.Path:
					name = s.pkg
				}
				if p == s.view.Path && name != s.pkg {
					t.Errorf("%s imports the SDK as %s", where, name)
				}
				imported[name] = true
			}
			ast.Inspect(f, func(n ast.Node) bool {
				var names []*ast.Ident
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, e := range n.Lhs {
						if id, ok := e.(*ast.Ident); ok && n.Tok == token.DEFINE {
							names = append(names, id)
						}
					}
				case *ast.ValueSpec:
					names = n.Names
				}
				for _, id := range names {
					if imported[id.Name] {
						t.Errorf("%s: the local %s hides an import", where, id.Name)
					}
				}
				return true
			})
		}
	}
}

// TestExamplesBuild builds the examples of two SDKs with the go command, in
// a module whose path is the one the examples import: the documented way to
// use the SDK, end to end.
func TestExamplesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("links a program per example")
	}
	module := t.TempDir()
	write := func(p string, data []byte) {
		p = filepath.Join(module, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module "+goview.PlaceholderModule+"\n\ngo 1.26\n"))
	built := 0
	for _, s := range generated(t) {
		if s.name != "signintokens" && s.name != "hostile" {
			continue
		}
		for _, p := range s.paths {
			if strings.HasSuffix(p, ".go") {
				write(s.pkg+"/"+p, s.files[p])
			}
		}
		for _, ex := range examples(t, s) {
			dir := strings.NewReplacer("/", "_", ".", "_").Replace(ex.page)
			write(fmt.Sprintf("examples/%s/%s_%d/example.go", s.pkg, dir, ex.n), []byte(ex.src))
			built++
		}
	}
	if built == 0 {
		t.Fatal("no examples")
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("examples do not build:\n%s", out)
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// TestLinksResolve checks that every relative link of the generated pages
// names a generated file and, with a fragment, one of its headings.
func TestLinksResolve(t *testing.T) {
	for _, s := range generated(t) {
		pages := map[string]*mdPage{}
		for _, p := range s.markdown() {
			pages[p] = parseMD(string(s.files[p]))
		}
		checked := 0
		for _, p := range s.markdown() {
			for _, target := range pages[p].links() {
				if !ours(target) {
					continue
				}
				checked++
				file, frag, _ := strings.Cut(target, "#")
				dest := p
				if file != "" {
					dest = path.Join(path.Dir(p), file)
				}
				page, ok := pages[dest]
				if !ok {
					t.Errorf("%s: %s: link to %s, which is not generated", s.name, p, target)
					continue
				}
				if frag != "" && !page.githubSlugs()[frag] {
					t.Errorf("%s: %s: link to %s: %s has no heading with that anchor", s.name, p, target, dest)
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no links checked", s.name)
		}
	}
}

// ours reports whether a link target is one the emitter writes between
// pages: a relative link to a .md file, maybe with a fragment. Spec text
// holds links to its own site, fragments included ("#tag/Users"), which
// are not ours to check; links within a page are checked by
// TestPageStructure.
func ours(target string) bool {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "/") {
		return false
	}
	file, _, _ := strings.Cut(target, "#")
	return strings.HasSuffix(file, ".md")
}

// TestPageStructure checks that spec text cannot change a page's structure:
// the headings are exactly the emitter's, every table row has as many cells
// as its header, no fence is left open, and every page starts with the
// generated-code header.
func TestPageStructure(t *testing.T) {
	for _, s := range generated(t) {
		for _, p := range s.markdown() {
			content := string(s.files[p])
			if !strings.HasPrefix(content, files.MarkdownHeader+"\n") || !files.IsGenerated(s.files[p]) {
				t.Errorf("%s: %s does not start with the generated-code header", s.name, p)
			}
			page := parseMD(content)
			if page.unclosedFence() {
				t.Errorf("%s: %s ends inside a code fence", s.name, p)
			}
			for _, tb := range page.tables(0, len(page.lines)) {
				for _, row := range tb.rows {
					if len(row) != len(tb.head) {
						t.Errorf("%s: %s:%d: table row has %d cells, header %d: %q", s.name, p, tb.line+1, len(row), len(tb.head), row)
					}
				}
			}
		}
		for _, g := range s.view.API.Groups {
			if len(g.Operations) == 0 {
				continue
			}
			p := "docs/sdks/" + g.DocDir + "/README.md"
			page := parseMD(string(s.files[p]))
			title := goview.AccessPath(g)
			if title == "" {
				title = "Client"
			}
			want := []string{"1 " + title, "2 Overview"}
			if len(g.Operations) > 0 {
				want = append(want, "3 Available Operations")
			}
			var opHeadings []int // each operation's index in the page's headings
			for _, op := range g.Operations {
				opHeadings = append(opHeadings, len(want))
				want = append(want, "2 "+op.GoName, "3 Example Usage")
				if op.Pagination != nil {
					want = append(want, "3 Pagination")
				}
				want = append(want, "3 Parameters", "3 Response", "3 Errors")
			}
			if got := headingList(page); !slices.Equal(got, want) {
				t.Errorf("%s: %s headings:\n%q\nwant:\n%q", s.name, p, got, want)
				continue
			}
			// Each operation's entry in the list links to its own heading,
			// not to an earlier one with the same text.
			slugs := page.slugList()
			for i, op := range g.Operations {
				item := fmt.Sprintf("* [%s](#%s) - ", op.GoName, slugs[opHeadings[i]])
				if !slices.ContainsFunc(page.lines, func(l string) bool { return strings.HasPrefix(l, item) }) {
					t.Errorf("%s: %s: no list item %q", s.name, p, item)
				}
			}
		}
		for _, d := range s.view.API.Decls {
			p := "docs/models/" + d.DocFile + ".md"
			page := parseMD(string(s.files[p]))
			want := []string{"1 " + d.Name, "2 Example Usage"}
			switch d.Kind.(type) {
			case *ir.Struct:
				want = append(want, "2 Fields")
			case *ir.Enum:
				want = append(want, "2 Values")
			case *ir.Union:
				want = append(want, "2 Variants")
			}
			if got := headingList(page); !slices.Equal(got, want) {
				t.Errorf("%s: %s headings:\n%q\nwant:\n%q", s.name, p, got, want)
			}
		}
		readme := headingList(parseMD(string(s.files["README.md"])))
		if len(readme) == 0 || !strings.HasPrefix(readme[0], "1 ") {
			t.Errorf("%s: README.md has no title", s.name)
			continue
		}
		for _, h := range readme[1:] {
			if !strings.HasPrefix(h, "2 ") && !strings.HasPrefix(h, "3 [") {
				t.Errorf("%s: README.md: unexpected heading %q", s.name, h)
			}
		}
	}
}

func headingList(p *mdPage) []string {
	var out []string
	for _, h := range p.headings {
		out = append(out, fmt.Sprintf("%d %s", h.level, h.text))
	}
	return out
}

// TestTypesMatchGoCode reads the generated Go package and checks that every
// type the docs show is the one the code declares: struct fields, union
// variants, method arguments, params struct fields and results.
func TestTypesMatchGoCode(t *testing.T) {
	for _, s := range generated(t) {
		structs, methods := goDecls(t, s)
		for _, d := range s.view.API.Decls {
			p := "docs/models/" + d.DocFile + ".md"
			page := parseMD(string(s.files[p]))
			tables := page.tables(0, len(page.lines))
			var fields map[string]string
			switch d.Kind.(type) {
			case *ir.Struct, *ir.Union:
				fields = structs[d.Name]
				if fields == nil {
					t.Errorf("%s: no struct %s in the Go code", s.name, d.Name)
					continue
				}
			default:
				continue
			}
			if len(tables) == 0 {
				t.Errorf("%s: %s has no table", s.name, p)
				continue
			}
			seen := 0
			for _, row := range tables[0].rows {
				name, _ := codeOf(row[0])
				typ, _ := codeOf(row[1])
				goType, ok := fields[name]
				if !ok {
					t.Errorf("%s: %s: field %s is not in the Go struct", s.name, p, name)
					continue
				}
				seen++
				if typ != goType {
					t.Errorf("%s: %s: field %s has type %s in the docs, %s in the code", s.name, p, name, typ, goType)
				}
			}
			_, isUnion := d.Kind.(*ir.Union)
			exported := 0
			for n := range fields {
				// A union's Raw field is described in prose, not in the table.
				if ast.IsExported(n) && !(isUnion && n == "Raw") {
					exported++
				}
			}
			if seen != exported {
				t.Errorf("%s: %s documents %d fields; the Go struct has %d", s.name, p, seen, exported)
			}
		}
		for _, g := range s.view.API.Groups {
			if len(g.Operations) == 0 {
				continue
			}
			p := "docs/sdks/" + g.DocDir + "/README.md"
			page := parseMD(string(s.files[p]))
			for _, op := range g.Operations {
				checkOperation(t, s, page, p, g, op, methods[g.TypeName+"."+op.GoName], structs)
			}
		}
	}
}

type goFunc struct {
	params  []string // "name type"
	results []string
}

// goDecls parses the generated package: struct fields by type, and method
// signatures by "Type.Method".
func goDecls(t *testing.T, s *sdk) (structs map[string]map[string]string, methods map[string]*goFunc) {
	t.Helper()
	fset := token.NewFileSet()
	structs = map[string]map[string]string{}
	methods = map[string]*goFunc{}
	str := func(e ast.Expr) string {
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, e); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, p := range s.paths {
		if !strings.HasSuffix(p, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, s.files[p], parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					fields := map[string]string{}
					for _, fl := range st.Fields.List {
						for _, n := range fl.Names {
							fields[n.Name] = str(fl.Type)
						}
					}
					structs[ts.Name.Name] = fields
				}
			case *ast.FuncDecl:
				if decl.Recv == nil {
					continue
				}
				recv := decl.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				fn := &goFunc{}
				for _, fl := range decl.Type.Params.List {
					for _, n := range fl.Names {
						fn.params = append(fn.params, n.Name+" "+str(fl.Type))
					}
				}
				if decl.Type.Results != nil {
					for _, fl := range decl.Type.Results.List {
						fn.results = append(fn.results, str(fl.Type))
					}
				}
				methods[str(recv)+"."+decl.Name.Name] = fn
			}
		}
	}
	return structs, methods
}

func checkOperation(t *testing.T, s *sdk, page *mdPage, p string, g *ir.Group, op *ir.Operation, fn *goFunc, structs map[string]map[string]string) {
	t.Helper()
	where := s.name + ": " + p + ": " + op.GoName
	if fn == nil {
		t.Errorf("%s: no method %s.%s in the Go code", where, g.TypeName, op.GoName)
		return
	}
	h := page.find(-1, 2, op.GoName)
	if h < 0 {
		t.Errorf("%s: no section", where)
		return
	}
	params := page.find(h, 3, "Parameters")
	from, to := page.section(params)
	tables := page.tables(from, to)
	if len(tables) != 1 {
		t.Errorf("%s: %d parameter tables", where, len(tables))
		return
	}
	var args []string
	var paramsStruct map[string]string
	for _, row := range tables[0].rows {
		name, _ := codeOf(row[0])
		typ, _ := codeOf(row[1])
		if field, ok := strings.CutPrefix(name, "params."); ok {
			if paramsStruct == nil {
				t.Errorf("%s: params field %s before params", where, name)
				continue
			}
			if got := paramsStruct[field]; got != typ {
				t.Errorf("%s: %s has type %s in the docs, %s in the code", where, name, typ, got)
			}
			continue
		}
		args = append(args, name+" "+typ)
		if name == "params" {
			paramsStruct = structs[strings.TrimPrefix(typ, "*")]
			if paramsStruct == nil {
				t.Errorf("%s: no params struct %s", where, typ)
			}
		}
	}
	if !slices.Equal(args, fn.params) {
		t.Errorf("%s: arguments in the docs:\n%q\nin the code:\n%q", where, args, fn.params)
	}
	if paramsStruct != nil && len(paramsStruct) != len(op.Params) {
		t.Errorf("%s: the params struct has %d fields; the IR %d", where, len(paramsStruct), len(op.Params))
	}

	resp := page.find(h, 3, "Response")
	from, to = page.section(resp)
	var shown string
	for _, line := range page.lines[from:to] {
		if strings.HasPrefix(line, "**") {
			shown, _ = codeOf(strings.Trim(line, "*"))
			break
		}
	}
	want := ""
	if len(fn.results) == 2 {
		want = fn.results[0]
	}
	if shown != want {
		t.Errorf("%s: response %q in the docs, %q in the code", where, shown, want)
	}
}

// TestSignInTokensSeedCoverage checks the pages that the seed documents
// cover: the SignInToken model and the sign-in tokens service.
func TestSignInTokensSeedCoverage(t *testing.T) {
	s := generated(t)[0]
	if s.name != "signintokens" {
		t.Fatalf("first SDK is %s", s.name)
	}
	model := parseMD(string(s.files["docs/models/signintoken.md"]))
	if len(model.headings) == 0 || model.headings[0].text != "SignInToken" {
		t.Fatalf("signintoken.md: title %v", model.headings)
	}
	fields := model.find(0, 2, "Fields")
	if fields < 0 {
		t.Fatal("signintoken.md: no Fields section")
	}
	from, to := model.section(fields)
	tables := model.tables(from, to)
	if len(tables) != 1 {
		t.Fatalf("signintoken.md: %d field tables", len(tables))
	}
	// In the spec's order.
	wantFields := [][2]string{
		{"Object", ":heavy_check_mark:"},
		{"ID", ":heavy_check_mark:"},
		{"Status", ":heavy_check_mark:"},
		{"UserID", ":heavy_check_mark:"},
		{"Token", ":heavy_minus_sign:"},
		{"URL", ":heavy_minus_sign:"},
		{"CreatedAt", ":heavy_check_mark:"},
		{"UpdatedAt", ":heavy_check_mark:"},
	}
	if !slices.Equal(tables[0].head, []string{"Field", "Type", "Required", "Description"}) {
		t.Errorf("signintoken.md: header %q", tables[0].head)
	}
	var gotFields [][2]string
	for _, row := range tables[0].rows {
		name, _ := codeOf(row[0])
		gotFields = append(gotFields, [2]string{name, row[2]})
	}
	if !slices.Equal(gotFields, wantFields) {
		t.Errorf("signintoken.md fields:\n%q\nwant:\n%q", gotFields, wantFields)
	}
	if _, link := codeOf(tables[0].rows[2][1]); link != "signintokenstatus.md" {
		t.Errorf("Status links to %q", link)
	}
	if d := tables[0].rows[6][3]; d != "Unix timestamp of creation." {
		t.Errorf("CreatedAt description %q", d)
	}

	service := parseMD(string(s.files["docs/sdks/signintokens/README.md"]))
	overview := service.find(-1, 2, "Overview")
	avail := service.find(overview, 3, "Available Operations")
	if overview < 0 || avail < 0 {
		t.Fatal("service page: no Overview / Available Operations")
	}
	from, to = service.section(avail)
	var list []string
	for _, line := range service.lines[from:to] {
		if strings.HasPrefix(line, "* ") {
			list = append(list, line)
		}
	}
	wantList := []string{
		"* [Create](#create) - Create sign-in token",
		"* [Revoke](#revoke) - Revoke the given sign-in token",
	}
	if !slices.Equal(list, wantList) {
		t.Errorf("available operations:\n%q\nwant:\n%q", list, wantList)
	}
	for _, c := range []struct {
		op     string
		params []string
	}{
		{"Create", []string{"ctx", "body", "opts"}},
		{"Revoke", []string{"ctx", "signInTokenID", "opts"}},
	} {
		h := service.find(-1, 2, c.op)
		if h < 0 {
			t.Errorf("no %s section", c.op)
			continue
		}
		from, to := service.section(h)
		section := strings.Join(service.lines[from:to], "\n")
		if n := len(parseMD(section).goBlocks()); n != 1 {
			t.Errorf("%s: %d examples", c.op, n)
		}
		if !strings.Contains(section, "client.SignInTokens."+c.op+"(ctx, ") {
			t.Errorf("%s: the example does not call client.SignInTokens.%s", c.op, c.op)
		}
		pf, pt := service.section(service.find(h, 3, "Parameters"))
		tables := service.tables(pf, pt)
		if len(tables) != 1 {
			t.Errorf("%s: %d parameter tables", c.op, len(tables))
			continue
		}
		var names []string
		for _, row := range tables[0].rows {
			n, _ := codeOf(row[0])
			names = append(names, n)
		}
		if !slices.Equal(names, c.params) {
			t.Errorf("%s parameters %q, want %q", c.op, names, c.params)
		}
		rf, rt := service.section(service.find(h, 3, "Response"))
		if !slices.Contains(service.lines[rf:rt], "**[`*SignInToken`](../../models/signintoken.md)**") {
			t.Errorf("%s: response is not *SignInToken:\n%s", c.op, strings.Join(service.lines[rf:rt], "\n"))
		}
		ef, et := service.section(service.find(h, 3, "Errors"))
		errTables := service.tables(ef, et)
		if len(errTables) != 1 || len(errTables[0].rows) != 2 {
			t.Errorf("%s: errors table %v", c.op, errTables)
			continue
		}
		if typ, link := codeOf(errTables[0].rows[0][0]); typ != "*ClerkErrors" || link != "../../models/clerkerrors.md" {
			t.Errorf("%s: first error type %s (%s), want *ClerkErrors", c.op, typ, link)
		}
		if typ, _ := codeOf(errTables[0].rows[1][0]); typ != "*APIError" {
			t.Errorf("%s: last error type %s, want *APIError", c.op, typ)
		}
	}
}

// TestDeterministic emits twice from the same IR and compares the bytes,
// and checks that the generator's output holds exactly the docs.
func TestDeterministic(t *testing.T) {
	for _, s := range generated(t) {
		a, err := docs.Emit(s.view)
		if err != nil {
			t.Fatal(err)
		}
		b, err := docs.Emit(s.view)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", s.name, len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
				t.Errorf("%s: %s differs between runs", s.name, a[i].Path)
			}
			if !bytes.Equal(s.files[a[i].Path], a[i].Content) {
				t.Errorf("%s: %s is not in the generator's output as emitted", s.name, a[i].Path)
			}
		}
		if md := len(s.markdown()); md != len(a) {
			t.Errorf("%s: the generator's output has %d Markdown files; Emit returns %d", s.name, md, len(a))
		}
	}
}

// TestClerkExamplesAndErrorTable: an example sets the optional fields a user
// would set (in the spec's order, after those with an example), not the
// alphabetically first; the README's error table keeps its cells short by
// pointing to a type's page.
func TestClerkExamplesAndErrorTable(t *testing.T) {
	var clerk *sdk
	for _, s := range generated(t) {
		if s.name == "clerk" {
			clerk = s
		}
	}
	page := string(clerk.files["docs/sdks/users/README.md"])
	i := strings.Index(page, "client.Users.Update(ctx")
	if i < 0 {
		t.Fatal("no Users.Update example")
	}
	call := page[i : i+strings.Index(page[i:], "})")]
	for _, want := range []string{"ExternalID:", "FirstName:"} {
		if !strings.Contains(call, want) {
			t.Errorf("Users.Update example sets no %s:\n%s", want, call)
		}
	}
	if strings.Contains(call, "BackupCodes") {
		t.Errorf("Users.Update example sets BackupCodes, the alphabetically first field:\n%s", call)
	}
	for _, line := range strings.Split(string(clerk.files["README.md"]), "\n") {
		if len(line) > 2000 {
			t.Errorf("README line of %d characters: %.200s...", len(line), line)
		}
	}
	if !strings.Contains(string(clerk.files["README.md"]), "more: see [the full list](docs/models/clerkerrors.md)") {
		t.Error("the ClerkErrors row does not point to its page")
	}
}

// A file part's media type from the spec is documented with the body.
func TestPartTypesDocumented(t *testing.T) {
	for _, s := range generated(t) {
		if s.name != "case content-keywords" {
			continue
		}
		page := string(s.files["docs/sdks/client/README.md"])
		for _, want := range []string{"`scan` without a `ContentType` is sent as `application/pdf`", "`thumbnails` without a `ContentType` is sent as `image/jpeg`"} {
			if !strings.Contains(page, want) {
				t.Errorf("the upload's docs do not say %q", want)
			}
		}
		return
	}
	t.Fatal("no content-keywords case")
}
