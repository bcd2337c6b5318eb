// Package docs emits the Markdown documentation of a generated SDK: a README
// for the package, a page per service and a page per model, in the shape of
// Speakeasy's SDK docs, with Go examples that compile.
//
// It reads the Go view of the API (internal/goview), turns it into view
// models whose every field is ready to print (escaped, linked, formatted),
// and renders them with the templates in templates/docs, which hold no logic
// beyond range and if.
package docs

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/templates"
)

// table is a Markdown table whose cells are ready to print.
type table struct {
	Head []string
	Rows [][]string
}

func (t *table) add(cells ...string) { t.Rows = append(t.Rows, cells) }

// emitter holds what every page needs: lookups built once from the IR.
type emitter struct {
	api     *ir.API
	view    *goview.View
	names   *locals
	schemes map[string]*ir.SecurityScheme
	anchors map[*ir.Operation]string // heading anchors on the service pages
	raisers map[*ir.Decl][]raiser    // operations that return an error type
	// errorsAnchor is the README's Error Handling anchor. Only the title
	// comes before it and could take the same slug: spec headings in the
	// description become bold text.
	errorsAnchor string
}

// raiser is an operation that returns an error type, and for which statuses.
type raiser struct {
	group    *ir.Group
	op       *ir.Operation
	statuses string
}

// Emit returns the SDK's Markdown files: README.md, docs/sdks/<group>/README.md
// and docs/models/<model>.md.
func Emit(view *goview.View) ([]files.File, error) {
	api := view.API
	tmpl, err := template.New("docs").Option("missingkey=error").ParseFS(templates.Docs, "docs/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("docs: parsing templates: %w", err)
	}
	e := newEmitter(view)

	// A page is a path, a template and a function building its view.
	type page struct {
		path, tmpl string
		view       func() (any, error)
	}
	pages := []page{{"README.md", "readme.md.tmpl", func() (any, error) { return e.readme() }}}
	for _, g := range api.Groups {
		if g.Present() {
			pages = append(pages, page{servicePath(g), "service.md.tmpl", func() (any, error) { return e.servicePage(g) }})
		}
	}
	for _, d := range api.Decls {
		pages = append(pages, page{"docs/models/" + d.DocFile + ".md", "model.md.tmpl", func() (any, error) { return e.modelPage(d) }})
	}

	// Pages only read the emitter's lookups: render them on every core,
	// keeping their order.
	out := make([]files.File, len(pages))
	errs := make([]error, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // reused: the template writes each page into it
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				p := pages[i]
				view, err := p.view()
				if err != nil {
					errs[i] = err
					continue
				}
				buf.Reset()
				if err := tmpl.ExecuteTemplate(&buf, p.tmpl, view); err != nil {
					errs[i] = fmt.Errorf("docs: rendering %s: %w", p.path, err)
					continue
				}
				page := make([]byte, 0, len(files.MarkdownHeader)+2+buf.Len()+1)
				page = append(page, files.MarkdownHeader+"\n\n"...)
				out[i] = files.File{Path: p.path, Content: appendTidy(page, buf.String())}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func newEmitter(view *goview.View) *emitter {
	api := view.API
	e := &emitter{
		api:     api,
		view:    view,
		names:   newLocals(api.Package),
		schemes: map[string]*ir.SecurityScheme{},
		anchors: map[*ir.Operation]string{},
		raisers: map[*ir.Decl][]raiser{},
	}
	for _, s := range api.SecuritySchemes {
		e.schemes[s.Name] = s
	}
	rs := newSlugger()
	rs.slug(readmeTitleText(api))
	e.errorsAnchor = rs.slug("Error Handling")
	for _, g := range api.Groups {
		if !g.Present() {
			continue
		}
		// The headings of a service page, in order, as service.md.tmpl
		// writes them; GitHub numbers repeated anchors in page order.
		s := newSlugger()
		s.slug(serviceTitle(g))
		s.slug("Overview")
		s.slug("Available Operations")
		for _, op := range g.Operations {
			e.anchors[op] = s.slug(op.GoName)
			for _, h := range []string{"Example Usage", "Parameters", "Response", "Errors"} {
				s.slug(h)
			}
			for _, row := range errorRows(view.Method(op), nil) {
				if row.decl != nil {
					e.raisers[row.decl] = append(e.raisers[row.decl], raiser{group: g, op: op, statuses: row.statusText()})
				}
			}
		}
	}
	return e
}

// serviceTitle is the title of a service page: the service as the client
// reaches it ("Users", "Admin.Users"), or Client for the operations that
// are methods of Client itself.
func serviceTitle(g *ir.Group) string {
	if g.FieldName == "" {
		return "Client"
	}
	return goview.AccessPath(g)
}

// methodRef names an operation's method in prose: "SignInTokensService.Create".
func methodRef(g *ir.Group, op *ir.Operation) string {
	return g.TypeName + "." + op.GoName
}

// servicePath is the path of a group's page relative to the output root.
func servicePath(g *ir.Group) string {
	return "docs/sdks/" + g.DocDir + "/README.md"
}

// opLink links text to an operation's section; sdks is the path from the
// page to docs/sdks/.
func (e *emitter) opLink(text, sdks string, g *ir.Group, op *ir.Operation) string {
	return "[" + text + "](" + sdks + g.DocDir + "/README.md#" + e.anchors[op] + ")"
}

// typeLink renders a Go type for a table or paragraph: a code span, linked to
// the model page of the declaration it mentions. modelsDir is the relative
// path from the page to docs/models/, ending in a slash ("" on a model page).
func typeLink(t *goview.Type, modelsDir string) string {
	if t.Decl == nil {
		return code(t.String())
	}
	return "[" + code(t.String()) + "](" + modelsDir + t.Decl.DocFile + ".md)"
}

// joinCell joins the parts of a table cell that are not empty; "N/A" when
// all are.
func joinCell(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return "N/A"
	}
	return strings.Join(out, "<br/>")
}

const (
	checkMark = ":heavy_check_mark:"
	minusMark = ":heavy_minus_sign:"
)

func requiredMark(required bool) string {
	if required {
		return checkMark
	}
	return minusMark
}
