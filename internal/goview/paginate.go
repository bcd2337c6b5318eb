package goview

import (
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Pager is the Go view of a paginated operation's iterator: its name and
// signature (the method's arguments, an iter.Seq2 of the items), and the
// Go field paths to what each page says.
type Pager struct {
	IR   *ir.Pagination
	Name string // the iterator method's name
	Item *Type  // the items' type

	// Input is where a page's position goes: a field of the params struct
	// or of the body argument; nil for URL pagination.
	Input *PagerInput
	// Cursor is the Go type of the position: int64 for offsets and page
	// numbers, the cursor's own type for cursors, string for URLs.
	Cursor *Type
	// Start is the first page's offset or number when the caller gives
	// none: the parameter's default, else 0 for offsets and 1 for pages.
	Start string

	Results                                       []Step
	NextCursor, LastItem, HasMore, Total, NextURL []Step
	ItemPointer                                   bool // items are pointers (nullable elements)

	Locals PagerLocals
}

// PagerInput is the field the iterator sets for each page after the
// first.
type PagerInput struct {
	Arg   *Arg  // the params or body argument that holds it
	Field Field // how the field holds its value
	Name  string
	// Elem is the Go type of the struct the argument holds.
	Elem *Type
	// Via are the fields that lead from the argument's struct to the one
	// that holds the input, when it is nested in the body (page.cursor).
	Via []Step
}

// Step is a field on the way through a response.
type Step struct {
	Name string // Go field name
	Field
}

// PagerLocals are the names the iterator's body declares.
type PagerLocals struct {
	Start, At, Opts, Copy, Page, Meta, Items, N, Yield, I string
	// Via holds a copy of each struct on the way to a nested input.
	Via []string
}

// Seq is the iterator's result type: iter.Seq2[Item, error].
func (p *Pager) Seq() string { return "iter.Seq2[" + p.Item.String() + ", error]" }

func (v *View) newPager(m *Method, claim func(...string) string) *Pager {
	pg := m.Op.Pagination
	p := &Pager{IR: pg, Name: pg.GoName, Item: v.Type(pg.Item)}
	if _, nullable := ir.Unwrap(pg.Item); nullable && !Nilable(pg.Item) {
		p.ItemPointer = true
	}
	steps := func(path *ir.PagePath) []Step {
		if path == nil {
			return nil
		}
		var out []Step
		for _, f := range path.Fields {
			out = append(out, Step{Name: f.Name, Field: v.Field(f.Type, f.Required)})
		}
		return out
	}
	p.Results = steps(&pg.Results)
	p.NextCursor, p.LastItem, p.HasMore, p.NextURL = steps(pg.NextCursor), steps(pg.LastItem), steps(pg.HasMore), steps(pg.NextURL)
	p.Total = steps(pg.Total)
	if pg.NumPages != nil {
		p.Total = steps(pg.NumPages)
	}
	p.Cursor = ident("string")
	if in := pg.Input; in != nil {
		pi := &PagerInput{Name: in.Name}
		if in.Param != nil {
			pi.Arg, pi.Field, pi.Elem = m.Params, v.Field(in.Param.Type, in.Param.Required), v.own(m.Op.ParamsName, nil)
			for _, pf := range m.ParamFields {
				if pf.IR == in.Param {
					pi.Field = pf.Field
				}
			}
			p.Input = pi
			pi.Name = in.Param.GoName
		} else {
			pi.Arg, pi.Field, pi.Name = m.Body, v.Field(in.Field.Type, in.Field.Required), in.Field.Name
			for _, f := range in.Via {
				pi.Via = append(pi.Via, Step{Name: f.Name, Field: v.Field(f.Type, f.Required)})
			}
			pi.Elem = m.Body.Type
			if pi.Elem.IsPointer() {
				pi.Elem = pi.Elem.Elem()
			}
			p.Input = pi
		}
		switch pg.Kind {
		case ir.PageCursor:
			p.Cursor = pi.Field.Value
		default:
			p.Cursor = ident("int64")
			p.Start = "0"
			if pg.Kind == ir.PageNumber {
				p.Start = "1"
			}
			if in.Param != nil && in.Param.Default != "" {
				p.Start = in.Param.Default
			}
		}
	}
	p.Locals = PagerLocals{
		Start: claim("start"), At: claim("at"), Opts: claim("pageOpts"), Copy: claim("in"),
		Page: claim("page"), Meta: claim("meta"), Items: claim("items"), N: claim("n"),
		Yield: claim("yield"), I: claim("i"),
	}
	if p.Input != nil {
		for range p.Input.Via {
			p.Locals.Via = append(p.Locals.Via, claim("sub"))
		}
	}
	return p
}
