package golang

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// iterDoc is the doc comment of an operation's iterator.
func iterDoc(m *goview.Method) []string {
	p := m.Pager
	how := map[ir.PageKind]string{
		ir.PageOffset:  "advancing the offset by the items received",
		ir.PageNumber:  "advancing the page number by one",
		ir.PageCursor:  "passing each page's cursor to the next request",
		ir.PageNextURL: "following the next page's URL that each page gives",
		ir.PageLink:    "following each response's Link header (rel=\"next\")",
	}[p.IR.Kind]
	if p.IR.NextGET {
		how += " with GET and no body"
	}
	return []string{
		fmt.Sprintf("%s iterates over the items of %s, page after page, %s. It fetches a page only when the loop needs it, sends every page's request with opts, and yields an error once, as the last value.", p.Name, m.Op.GoName, how),
		fmt.Sprintf("Pagination: %s.", p.IR.Source),
	}
}

// emitIter writes an operation's iterator: a call of the operation's
// method for each page, which the runtime's paginator drives. The items
// are yielded here, not by a runtime function generic in their type:
// that would be compiled once per item type (see the runtime's pageFetch).
//
//	func (s *S) ListIter(ctx context.Context, params *P, opts ...CallOption) iter.Seq2[Item, error] {
//		start := int64(0) // the caller's offset, if any
//		return func(yield func(Item, error) bool) {
//			var items []Item
//			err := offsetPages(ctx, start, opts, func(at *int64, pageOpts []CallOption) (int, pageMeta[int64], error) {
//				var meta pageMeta[int64]
//				var in P // the caller's params, with the page's offset
//				...
//				page, err := s.List(ctx, &in, pageOpts...)
//				... // the items, and what the page says of the next
//				return len(items), meta, nil
//			}, func(i int) bool { return yield(items[i], nil) })
//			if err != nil {
//				yield(*new(Item), err)
//			}
//		}
//	}
func (e *emitter) emitIter(f *jen.File, m *goview.Method) {
	b := &method{emitter: e, m: m, L: m.Locals}
	p, PL := m.Pager, m.Pager.Locals
	var args []jen.Code
	for _, a := range m.Args() {
		if a == m.Opts {
			args = append(args, id(a.Name).Op("...").Add(a.Type.Code()))
		} else {
			args = append(args, id(a.Name).Add(a.Type.Code()))
		}
	}
	cursor := p.Cursor.Code()
	meta := jen.Id("pageMeta").Types(cursor)
	withMeta := p.IR.Kind != ir.PageLink

	var body, fetch []jen.Code
	if withMeta {
		fetch = append(fetch, jen.Var().Id(PL.Meta).Add(meta))
	}
	fail := func(err jen.Code) jen.Code {
		if withMeta {
			return jen.Return(jen.Lit(0), id(PL.Meta), err)
		}
		return jen.Return(jen.Lit(0), err)
	}

	// The call's arguments: the caller's, but for the input's holder.
	var call []jen.Code
	for _, a := range m.Args() {
		switch {
		case a == m.Opts:
			call = append(call, id(PL.Opts).Op("..."))
		case p.Input != nil && a == p.Input.Arg:
			if a.Type.IsPointer() {
				call = append(call, jen.Op("&").Id(PL.Copy))
			} else {
				call = append(call, id(PL.Copy))
			}
		default:
			call = append(call, id(a.Name))
		}
	}
	if in := p.Input; in != nil {
		arg := id(in.Arg.Name)
		// A copy, so the caller's struct is never changed.
		if in.Arg.Type.IsPointer() {
			fetch = append(fetch,
				jen.Var().Id(PL.Copy).Add(in.Elem.Code()),
				jen.If(arg.Clone().Op("!=").Nil()).Block(id(PL.Copy).Op("=").Op("*").Add(arg)))
		} else {
			fetch = append(fetch, id(PL.Copy).Op(":=").Add(arg))
		}
		var v jen.Code = jen.Op("*").Id(PL.At)
		if in.Field.Value.String() != p.Cursor.String() {
			v = jen.Add(in.Field.Value.Code()).Call(v)
		}
		switch in.Field.Hold {
		case goview.HoldPointer:
			v = jen.Id("Ptr").Call(v)
		case goview.HoldNullable:
			v = jen.Id("NewNullable").Call(v)
		}
		fetch = append(fetch, jen.If(id(PL.At).Op("!=").Nil()).Block(setNested(id(PL.Copy), in.Via, PL.Via, in.Name, v)...))

		if p.Start != "" {
			n, _ := strconv.ParseInt(p.Start, 10, 64)
			body = append(body, id(PL.Start).Op(":=").Int64().Call(jen.Lit(int(n))))
			read := b.held(arg.Clone().Dot(in.Name), in.Field, func(v jen.Code) []jen.Code {
				if in.Field.Value.String() != "int64" {
					v = jen.Int64().Call(v)
				}
				return []jen.Code{id(PL.Start).Op("=").Add(v)}
			})
			if in.Arg.Type.IsPointer() {
				read = []jen.Code{jen.If(arg.Clone().Op("!=").Nil()).Block(read...)}
			}
			body = append(body, read...)
		}
	}
	page := id(PL.Page)
	fetch = append(fetch,
		jen.List(page.Clone(), id(b.L.Err)).Op(":=").Id(m.Group.Recv).Dot(m.Op.GoName).Call(call...),
		jen.If(id(b.L.Err).Op("!=").Nil()).Block(fail(id(b.L.Err))),
	)
	items := id(PL.Items)
	set := func(lhs ...jen.Code) func(v jen.Code) []jen.Code {
		return func(v jen.Code) []jen.Code {
			vals := []jen.Code{v}
			if len(lhs) == 2 {
				vals = append(vals, jen.True())
			}
			return []jen.Code{jen.List(lhs...).Op("=").List(vals...)}
		}
	}
	if m.Result.HasNil() && m.Result.IsPointer() {
		// A success without a body is an empty page.
		fetch = append(fetch, jen.If(page.Clone().Op("==").Nil()).Block(fail(jen.Nil())))
	}
	if plain(p.Results) {
		x := page.Clone()
		for _, s := range p.Results {
			x = x.Dot(s.Name)
		}
		fetch = append(fetch, items.Clone().Op("=").Add(x))
	} else {
		// Not left from the page before, when this one has none.
		fetch = append(fetch, items.Clone().Op("=").Nil())
		fetch = append(fetch, b.readPath(page, p.Results, set(items))...)
	}
	metaField := func(name string) jen.Code { return id(PL.Meta).Dot(name) }
	if p.NextCursor != nil {
		fetch = append(fetch, b.readPath(page, p.NextCursor, set(metaField("next"), metaField("hasNext")))...)
	}
	if p.NextURL != nil {
		fetch = append(fetch, b.readPath(page, p.NextURL, set(metaField("next"), metaField("hasNext")))...)
	}
	if p.LastItem != nil {
		last := items.Clone().Index(id(PL.N).Op("-").Lit(1))
		read := b.readPath(last, p.LastItem, set(metaField("next"), metaField("hasNext")))
		if p.Item.IsPointer() {
			read = []jen.Code{jen.If(last.Clone().Op("!=").Nil()).Block(read...)}
		}
		fetch = append(fetch, jen.If(id(PL.N).Op(":=").Len(items), id(PL.N).Op(">").Lit(0)).Block(read...))
	}
	if p.HasMore != nil {
		fetch = append(fetch, b.readPath(page, p.HasMore, set(metaField("more"), metaField("moreSet")))...)
	}
	if p.Total != nil {
		fetch = append(fetch, b.readPath(page, p.Total, func(v jen.Code) []jen.Code {
			if p.Total[len(p.Total)-1].Value.String() != "int64" {
				v = jen.Int64().Call(v)
			}
			return set(metaField("total"), metaField("totalSet"))(v)
		})...)
	}
	if withMeta {
		fetch = append(fetch, jen.Return(jen.Len(items), id(PL.Meta), jen.Nil()))
	} else {
		fetch = append(fetch, jen.Return(jen.Len(items), jen.Nil()))
	}

	optsParam := id(PL.Opts).Index().Id("CallOption")
	ctx, opts := id(m.Ctx.Name), id(m.Opts.Name)
	each := jen.Func().Params(id(PL.I).Int()).Bool().Block(
		jen.Return(id(PL.Yield).Call(items.Clone().Index(id(PL.I)), jen.Nil())))
	var run jen.Code
	switch p.IR.Kind {
	case ir.PageOffset, ir.PageNumber:
		fn := map[ir.PageKind]string{ir.PageOffset: "offsetPages", ir.PageNumber: "numberPages"}[p.IR.Kind]
		run = jen.Id(fn).Call(ctx, id(PL.Start), opts, jen.Func().Params(id(PL.At).Op("*").Add(cursor), optsParam).
			Params(jen.Int(), meta, jen.Error()).Block(fetch...), each)
	case ir.PageCursor:
		run = jen.Id("cursorPages").Call(ctx, opts, jen.Func().Params(id(PL.At).Op("*").Add(cursor), optsParam).
			Params(jen.Int(), meta, jen.Error()).Block(fetch...), each)
	case ir.PageNextURL:
		run = jen.Id("urlPages").Call(ctx, opts, jen.Lit(p.IR.NextGET), jen.Func().Params(optsParam).
			Params(jen.Int(), meta, jen.Error()).Block(fetch...), each)
	case ir.PageLink:
		run = jen.Id("linkPages").Call(ctx, opts, jen.Func().Params(optsParam).
			Params(jen.Int(), jen.Error()).Block(fetch...), each)
	}
	err := id(b.L.Err)
	body = append(body, jen.Return(jen.Func().Params(id(PL.Yield).Func().Params(p.Item.Code(), jen.Error()).Bool()).Block(
		jen.Var().Id(PL.Items).Index().Add(p.Item.Code()),
		err.Clone().Op(":=").Add(run),
		jen.If(err.Clone().Op("!=").Nil()).Block(id(PL.Yield).Call(jen.Op("*").New(p.Item.Code()), err)),
	)))
	for _, c := range comment(iterDoc(m)...) {
		f.Add(c)
	}
	f.Func().Params(id(m.Group.Recv).Op("*").Id(m.Group.Type)).Id(p.Name).Params(args...).
		Qual("iter", "Seq2").Types(p.Item.Code(), jen.Error()).Block(body...)
}

// readPath reads the value a path leads to from root and passes it to
// set, within the checks that each pointer or Nullable on the way holds
// one. An empty path is root itself.
func (b *method) readPath(root *jen.Statement, steps []goview.Step, set func(v jen.Code) []jen.Code) []jen.Code {
	if len(steps) == 0 {
		return set(root)
	}
	s := steps[0]
	x := root.Clone().Dot(s.Name)
	next := func(v *jen.Statement) []jen.Code {
		if len(steps) == 1 {
			return set(v)
		}
		return b.readPath(v, steps[1:], set)
	}
	switch s.Hold {
	case goview.HoldPointer:
		v := x.Clone()
		if len(steps) == 1 {
			v = jen.Op("*").Add(x.Clone())
		}
		return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(next(v)...)}
	case goview.HoldNullable:
		return []jen.Code{jen.If(jen.List(id(b.L.Value), id(b.L.OK)).Op(":=").Add(x).Dot("Get").Call(), id(b.L.OK)).Block(next(id(b.L.Value))...)}
	}
	return next(x)
}

// plain reports whether a path reaches its value through no pointer or
// Nullable, so that it is one expression.
func plain(steps []goview.Step) bool {
	for _, s := range steps {
		if s.Hold == goview.HoldPointer || s.Hold == goview.HoldNullable {
			return false
		}
	}
	return true
}

// setNested sets holder's field name to v through the structs via leads
// to (page.cursor): each is copied into a local of locals, so that the
// caller's is never changed, and put back.
func setNested(holder *jen.Statement, via []goview.Step, locals []string, name string, v jen.Code) []jen.Code {
	var out, back []jen.Code
	for i, st := range via {
		field, local := holder.Clone().Dot(st.Name), id(locals[i])
		switch st.Hold {
		case goview.HoldPointer:
			out = append(out,
				jen.Var().Add(local).Add(st.Value.Code()),
				jen.If(field.Clone().Op("!=").Nil()).Block(local.Clone().Op("=").Op("*").Add(field)))
			back = append(back, field.Clone().Op("=").Op("&").Add(local))
		case goview.HoldNullable:
			out = append(out, jen.List(local, jen.Id("_")).Op(":=").Add(field).Dot("Get").Call())
			back = append(back, field.Clone().Op("=").Id("NewNullable").Call(local))
		default:
			out = append(out, local.Clone().Op(":=").Add(field))
			back = append(back, field.Clone().Op("=").Add(local))
		}
		holder = local
	}
	out = append(out, holder.Clone().Dot(name).Op("=").Add(v))
	slices.Reverse(back)
	return append(out, back...)
}
