package docs

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// pageHow says how an iterator goes from page to page.
var pageHow = map[ir.PageKind]string{
	ir.PageOffset:  "advancing the offset by the items received; it ends on an empty page",
	ir.PageNumber:  "advancing the page number by one; it ends on an empty page",
	ir.PageCursor:  "passing each page's cursor to the next request; it ends when there is no next cursor, more, or item",
	ir.PageNextURL: "following the next page's URL that each page gives; it ends without one",
	ir.PageLink:    "following each response's `Link` header (`rel=\"next\"`); it ends without one",
}

// howPages says how an iterator goes from page to page, and where it ends.
func howPages(p *ir.Pagination) string {
	s := pageHow[p.Kind]
	if p.NextGET {
		s += " with GET and no body"
	}
	switch {
	case p.Total != nil:
		s += ", or when " + code(p.Total.String()) + " items have come"
	case p.NumPages != nil:
		s += ", or after page " + code(p.NumPages.String())
	}
	if p.HasMore != nil {
		s += ", or when " + code(p.HasMore.String()) + " is false"
	}
	return s
}

// iterDocs are the paragraphs and example of an operation's iterator.
func (e *emitter) iterDocs(m *goview.Method) ([]string, string, error) {
	p := m.Pager
	paras := []string{
		code(p.Name) + " returns an " + code(p.Seq()) + " over the items of every page, " + howPages(p.IR) + ". " +
			"It takes the arguments of " + code(m.Op.GoName) + " and fetches a page only when the loop needs it; " +
			"breaking out of the loop sends no further request. Every page's request gets the call options; an error ends the iteration.",
		"Where the rule comes from: " + p.IR.Source + ".",
	}
	ex, err := e.exampler().iterExample(m)
	return paras, ex, err
}

// iterExample ranges over an operation's iterator.
func (x *exampler) iterExample(m *goview.Method) (string, error) {
	item := jen.Id("item")
	return x.main(x.ctx(), x.client(m.Op.Security), jen.Line(),
		jen.For(jen.List(item.Clone(), jen.Id(x.names.err)).Op(":=").Range().Add(x.invoke(m, m.Pager.Name))).Block(
			jen.If(jen.Id(x.names.err).Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Id(x.names.err))),
			jen.Qual("fmt", "Println").Call(item),
		))
}

// readmePagination is the README's Pagination section: what iterators do,
// which operations have one, and an example with the first.
func (e *emitter) readmePagination() ([]string, string, error) {
	var first *goview.Method
	var list []string
	urls := false
	for _, g := range e.view.Groups {
		for _, m := range g.Methods {
			if m.Pager == nil {
				continue
			}
			if first == nil {
				first = m
			}
			list = append(list, "* "+e.opLink(g.IR.TypeName+"."+m.Pager.Name, "docs/sdks/", g.IR, m.Op)+": "+howPages(m.Pager.IR)+".")
			urls = urls || m.Pager.IR.Kind == ir.PageNextURL || m.Pager.IR.Kind == ir.PageLink
		}
	}
	if first == nil {
		return nil, "", nil
	}
	paras := []string{
		"Each operation that returns a list in pages has an iterator besides its method: " + code("XIter") + " takes the arguments of " + code("X") +
			" and returns an " + code("iter.Seq2[Item, error]") + " over the items of every page. It fetches a page only when the loop needs it " +
			"(breaking out sends no further request), honours the context, sends every page's request with the same call options, " +
			"and yields an error once, as its last value. Your params struct is never changed. " +
			"A next position that repeats an earlier one ends the iteration with " + code("ErrPageLoop") + ".",
	}
	if urls {
		paras = append(paras, "A next-page URL on another scheme or host ends the iteration with "+code("ErrPageHost")+": credentials are never sent elsewhere.")
	}
	paras = append(paras, "These operations page:\n\n"+strings.Join(list, "\n"))
	ex, err := e.exampler().iterExample(first)
	return paras, ex, err
}
