package golang

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// emitGroup writes a service: its type, its methods, and the params and
// response types its methods own. The root group's methods go on Client.
func (e *emitter) emitGroup(f *jen.File, g *goview.Group) {
	if g.IR.FieldName != "" {
		// The tag's description follows whole, in its own paragraphs:
		// spliced into a sentence it would misread or be cut.
		use := "Use it through Client." + g.Access + "."
		if p := g.IR.Parent; p != nil {
			use = fmt.Sprintf("It is a part of %s, as the API's tags say. %s", p.TypeName, use)
		}
		head := fmt.Sprintf("%s holds the %s operations.", g.Type, g.Access)
		if g.IR.Namespace {
			head = fmt.Sprintf("%s holds the services of %s's parts; it has no operations of its own.", g.Type, g.Access)
		}
		addDoc(f, head, g.IR.Description, use)
		var fields []jen.Code
		for _, c := range e.api.Parts(g.IR) {
			fields = append(fields, serviceField(c)...)
		}
		if len(fields) > 0 {
			fields = append(fields, jen.Line())
		}
		f.Type().Id(g.Type).Struct(append(fields, jen.Id("cfg").Op("*").Id("config"))...)
	}
	for _, m := range g.Methods {
		e.emitMethod(f, m)
		if m.Pager != nil {
			e.emitIter(f, m)
		}
		if m.Op.LongRunning != nil {
			emitAwait(f, m)
		}
		if m.OwnsParams() {
			emitParams(f, m)
		}
		if m.ResultFields != nil {
			emitResultStruct(f, m)
		}
		if m.Op.HeadersName != "" {
			e.emitResponseHeaders(f, m)
		}
	}
}

// emitResponseHeaders writes the struct an operation's declared response
// headers are read into, and its readHeaders method.
func (e *emitter) emitResponseHeaders(f *jen.File, m *goview.Method) {
	op := m.Op
	var fields, reads []jen.Code
	for _, h := range op.ResponseHeaders {
		doc := []string{fmt.Sprintf("%s is header %q, declared for status %s; nil when absent or when it does not parse.", h.GoName, h.Name, strings.Join(h.Statuses, ", ")), h.Description}
		fields = append(fields, comment(doc...)...)
		fields = append(fields, jen.Id(h.GoName).Add(e.view.Field(h.Type, false).Type.Code()))
		read, elem := "headerValue", h.Type
		if sl, ok := h.Type.(*ir.Slice); ok {
			read, elem = "headerList", sl.Elem
		}
		reads = append(reads, jen.Id("h").Dot(h.GoName).Op("=").Id(read).Call(jen.Id("header"), jen.Lit(h.Name), e.headerParser(elem)))
	}
	addDoc(f, fmt.Sprintf("%s holds the response headers %s declares. Pass a pointer to one to %s with WithResponseHeaders to read them from its response.", op.HeadersName, op.GoName, op.GoName))
	f.Type().Id(op.HeadersName).Struct(fields...)
	f.Func().Params(jen.Id("h").Op("*").Id(op.HeadersName)).Id("readHeaders").Params(jen.Id("header").Qual("net/http", "Header")).Block(reads...)
}

// headerParser is the runtime function that parses a header value of
// scalar type t.
func (e *emitter) headerParser(t ir.Type) jen.Code {
	typ := e.view.Type(t).Code()
	kind := ir.String
	switch t := t.(type) {
	case *ir.Prim:
		kind = t.Kind
	case *ir.Ref:
		if en, ok := t.Decl.Kind.(*ir.Enum); ok {
			kind = en.Base
		}
	}
	switch kind {
	case ir.Int32, ir.Int64:
		return jen.Id("parseInt").Types(typ)
	case ir.Float32, ir.Float64:
		return jen.Id("parseFloat").Types(typ)
	case ir.Bool:
		return jen.Id("parseBool").Types(typ)
	case ir.DateTime:
		return jen.Id("parseTime")
	}
	return jen.Id("parseText").Types(typ)
}

// methodDoc is the doc comment of an operation's method.
func methodDoc(op *ir.Operation) []string {
	first := op.GoName + " calls " + op.ID + "."
	if op.Summary != "" {
		first = op.GoName + ": " + op.Summary
	}
	paras := []string{first}
	if op.Description != "" && op.Description != op.Summary {
		paras = append(paras, op.Description)
	}
	paras = append(paras, "\t"+op.Method+" "+op.Route())
	for _, h := range op.FixedHeaders {
		paras = append(paras, "\t"+h.Name+": "+h.Value) // the same code block
	}
	if redirects := op.Redirects(); len(redirects) > 0 {
		paras = append(paras, "The API answers with a redirect ("+strings.Join(redirects, ", ")+"), which the SDK returns rather than follows: "+
			"the answer is in its headers (Location), which WithResponse reads.")
	}
	if op.Deprecated {
		paras = append(paras, "Deprecated: the API marks this operation as deprecated.")
	}
	return paras
}

// method writes one method's body: it reads the method's view and its
// locals, and returns early through fail.
type method struct {
	*emitter
	m *goview.Method
	L goview.Locals
}

// id is a local or argument of the method.
func id(name string) *jen.Statement { return jen.Id(name) }

// fail returns err, with the zero result when the method has one.
func (b *method) fail(err jen.Code) jen.Code {
	if b.m.Result == nil {
		return jen.Return(err)
	}
	return jen.Return(b.m.Result.Zero(), err)
}

// check returns the error in local err, if any.
func (b *method) check() jen.Code {
	return jen.If(id(b.L.Err).Op("!=").Nil()).Block(b.fail(id(b.L.Err)))
}

func (e *emitter) emitMethod(f *jen.File, m *goview.Method) {
	b := &method{emitter: e, m: m, L: m.Locals}
	op, L := m.Op, m.Locals
	var args []jen.Code
	for _, a := range m.Args() {
		if a == m.Opts {
			args = append(args, id(a.Name).Op("...").Add(a.Type.Code()))
		} else {
			args = append(args, id(a.Name).Add(a.Type.Code()))
		}
	}
	results := []jen.Code{jen.Error()}
	if m.Result != nil {
		results = []jen.Code{m.Result.Code(), jen.Error()}
	}

	var body []jen.Code
	path, pre := b.pathExpr()
	body = append(body, pre...)
	body = append(body, id(L.Req).Op(":=").Id("newRequest").Call(
		jen.Lit(m.CallName), jen.Lit(op.ID), methodExpr(op.Method), path))
	for _, h := range op.FixedHeaders {
		body = append(body, id(L.Req).Dot("header").Dot("Set").Call(jen.Lit(h.Name), jen.Lit(h.Value)))
	}
	filled := map[*ir.Global]bool{}
	for _, s := range m.Path {
		if g := s.Global; g != nil && !filled[g] {
			filled[g] = true
			body = append(body, id(L.Req).Dot("clientPath").Call(jen.Lit(g.Name), jen.Lit(g.OptionName)))
		}
	}
	for _, a := range m.PathArgs {
		switch {
		case emptiable(a.Param.Type):
			body = append(body, id(L.Req).Dot("requirePath").Call(jen.Lit(a.Param.Name), jen.Len(id(a.Name)).Op("==").Lit(0)))
		case isAny(a.Param.Type):
			body = append(body, id(L.Req).Dot("requirePath").Call(jen.Lit(a.Param.Name), id(a.Name).Op("==").Nil()))
		case a.Text != "":
			// An object whose members are all left out (read-only, or
			// unset) is no text: the call would go to another path.
			body = append(body, id(L.Req).Dot("requirePath").Call(jen.Lit(a.Param.Name), jen.Len(id(a.Text)).Op("==").Lit(0)))
		}
	}
	body = append(body, b.paramStatements()...)
	body = append(body, b.bodyStatements()...)
	body = append(body, streamStatements(m)...)
	if accept := acceptOf(op); accept != "" {
		body = append(body, id(L.Req).Dot("header").Dot("Set").Call(jen.Lit("Accept"), jen.Lit(accept)))
	}
	if !sameSecurity(op.Security, e.api.Security) {
		body = append(body,
			id(L.Req).Dot("security").Op("=").Add(securityExpr(op.Security)),
			id(L.Req).Dot("hasSecurity").Op("=").True(),
		)
	}
	if op.Retry != nil {
		body = append(body, id(L.Req).Dot("retry").Op("=").Op("&").Add(retryExpr(op.Retry)))
	}
	if len(op.Redirects()) > 0 {
		body = append(body, id(L.Req).Dot("keepRedirect").Op("=").True())
	}
	if op.IdempotencyHeader != "" {
		body = append(body, id(L.Req).Dot("idempotent").Call(jen.Lit(op.IdempotencyHeader)))
	}
	if len(op.Servers) > 0 {
		body = append(body, id(L.Req).Dot("servers").Op("=").Add(serverList(op.Servers, false)))
	}
	body = append(body,
		jen.List(id(L.Resp), id(L.Err)).Op(":=").Id(m.Group.Recv).Dot("cfg").Dot("do").Call(id(m.Ctx.Name), id(L.Req), id(m.Opts.Name)),
		b.check(),
	)
	body = append(body, b.responseStatements()...)

	for _, c := range comment(append(methodDoc(op), streamDoc(m)...)...) {
		f.Add(c)
	}
	f.Func().Params(id(m.Group.Recv).Op("*").Id(m.Group.Type)).Id(op.GoName).Params(args...).Params(results...).Block(body...)
}

// methodExpr is net/http's constant for a method it names, else the
// method as the spec spells it (QUERY, additionalOperations' LINK).
func methodExpr(m string) jen.Code {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return jen.Qual("net/http", "Method"+strings.ToUpper(m[:1])+strings.ToLower(m[1:]))
	}
	return jen.Lit(m)
}

// pathExpr builds the request path: literal segments and escaped
// arguments. pre holds statements that must run first: formatting a
// structured argument, which can fail.
func (b *method) pathExpr() (expr jen.Code, pre []jen.Code) {
	var parts []jen.Code
	lit, inLit := "", false // literal text not yet added: one string however many pieces
	literal := func(s string) {
		lit, inLit = lit+s, true
	}
	formatted := map[*goview.Arg]bool{} // a template may name one parameter twice
	for _, s := range b.m.Path {
		if s.Arg == nil {
			if s.Global != nil {
				// Filled by the request when the call is made (clientPath).
				literal("{" + s.Global.Name + "}")
			} else {
				literal(s.Lit)
			}
			continue
		}
		if inLit {
			parts = append(parts, jen.Lit(lit))
			lit, inLit = "", false
		}
		switch a := s.Arg; {
		case a.Text != "" && formatted[a]:
			parts = append(parts, id(a.Text))
		case a.Text != "":
			// Structured: by its JSON form, formatted before the request.
			formatted[a] = true
			p := a.Param
			pre = append(pre,
				jen.List(id(a.Text), id(b.L.Err)).Op(":=").Id("pathValue").Call(jen.Lit(p.Name), id(a.Name), jen.Lit(p.Style), jen.Lit(p.Explode)),
				b.check(),
			)
			parts = append(parts, id(a.Text))
		default:
			parts = append(parts, b.pathArgExpr(a))
		}
	}
	if inLit {
		parts = append(parts, jen.Lit(lit))
	}
	if len(parts) == 0 {
		return jen.Lit(""), pre
	}
	e := jen.Add(parts[0])
	for _, p := range parts[1:] {
		e = e.Op("+").Add(p)
	}
	return e, pre
}

// pathArgExpr formats and escapes a path argument of scalar type, or a
// list or map of scalars, in its style.
func (b *method) pathArgExpr(a *goview.Arg) jen.Code {
	p := a.Param
	t, _ := ir.Unwrap(p.Type)
	v := id(a.Name)
	styled := func(items jen.Code, object bool) jen.Code {
		return jen.Id("pathStyled").Call(jen.Lit(p.Name), items, jen.Lit(object), jen.Lit(p.Style), jen.Lit(p.Explode))
	}
	switch t := t.(type) {
	case *ir.Slice:
		// Each item escaped, the separators not: "a,b" is two items.
		return styled(b.listStrings(v, t.Elem), false)
	case *ir.Map:
		return styled(b.mapPairs(v, t.Elem), true)
	}
	if p.Style == "" || p.Style == "simple" {
		if p.AllowReserved {
			return jen.Id("pathSegments").Call(scalarString(v, t))
		}
		return jen.Id("pathEscape").Call(scalarString(v, t))
	}
	return styled(jen.Index().String().Values(scalarString(v, t)), false)
}

// derefScalar is the value a pointer field of type t points to, as
// scalarString takes it: a time's Format has a value receiver, so the
// pointer serves, and *x.Format would not parse as meant.
func derefScalar(field jen.Code, t ir.Type) jen.Code {
	if p, ok := t.(*ir.Prim); ok && p.Kind == ir.DateTime {
		return field
	}
	return jen.Op("*").Add(field)
}

// scalarString converts a scalar value expression to its string form.
func scalarString(v jen.Code, t ir.Type) jen.Code {
	t, _ = ir.Unwrap(t)
	switch t := t.(type) {
	case *ir.Ref:
		en, _ := t.Decl.Kind.(*ir.Enum)
		if en == nil {
			break
		}
		switch en.Base {
		case ir.String:
			return jen.String().Call(v)
		case ir.Bool:
			return jen.Qual("strconv", "FormatBool").Call(jen.Bool().Call(v))
		case ir.Float32, ir.Float64:
			return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(v), jen.LitByte('g'), jen.Lit(-1), jen.Lit(64))
		}
		return jen.Id("formatInt").Call(jen.Int64().Call(v))
	case *ir.Prim:
		switch t.Kind {
		case ir.String, ir.Binary:
			return v
		case ir.Int32:
			return jen.Id("formatInt").Call(jen.Int64().Call(v))
		case ir.Int64:
			return jen.Id("formatInt").Call(v)
		case ir.Float32:
			return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(v), jen.LitByte('g'), jen.Lit(-1), jen.Lit(32))
		case ir.Float64:
			return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitByte('g'), jen.Lit(-1), jen.Lit(64))
		case ir.Bool:
			return jen.Qual("strconv", "FormatBool").Call(v)
		case ir.DateTime:
			return jen.Add(v).Dot("Format").Call(jen.Qual("time", "RFC3339Nano"))
		case ir.Bytes:
			return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(v)
		}
	}
	return jen.Qual("fmt", "Sprint").Call(v)
}

// listStrings converts a slice expression of scalars to []string.
func (b *method) listStrings(v jen.Code, elem ir.Type) jen.Code {
	inner, ptr := elemPointer(elem)
	if p, ok := inner.(*ir.Prim); ok && p.Kind == ir.String && !ptr {
		return v
	}
	out, e := id(b.L.Out), id(b.L.Elem)
	return jen.Func().Params().Index().String().Block(
		out.Clone().Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(v)),
		jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(v)).Block(
			out.Clone().Op("=").Append(out.Clone(), elemString(e.Clone(), elem)),
		),
		jen.Return(out.Clone()),
	).Call()
}

// mapPairs converts a map of scalars to alternating keys and values, sorted by key.
func (b *method) mapPairs(v jen.Code, elem ir.Type) jen.Code {
	out, keys, k := id(b.L.Out), id(b.L.Keys), id(b.L.Key)
	return jen.Func().Params().Index().String().Block(
		keys.Clone().Op(":=").Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(v)),
		out.Clone().Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Lit(2).Op("*").Len(keys.Clone())),
		jen.For(jen.List(jen.Id("_"), k.Clone()).Op(":=").Range().Add(keys.Clone())).Block(
			out.Clone().Op("=").Append(out.Clone(), k.Clone(), elemString(jen.Add(v).Index(k.Clone()), elem)),
		),
		jen.Return(out.Clone()),
	).Call()
}

// elemPointer splits the type of a list element or map value: its type
// without null, and whether the Go elements are pointers (nil for null).
func elemPointer(elem ir.Type) (ir.Type, bool) {
	inner, nullable := ir.Unwrap(elem)
	return inner, nullable && !goview.Nilable(inner)
}

// elemString converts an element v of a list or map to its string form; a
// null element is the empty string.
func elemString(v jen.Code, elem ir.Type) jen.Code {
	inner, ptr := elemPointer(elem)
	if !ptr {
		return scalarString(v, inner)
	}
	return jen.Func().Params().String().Block(
		jen.If(jen.Add(v).Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
		jen.Return(scalarString(jen.Parens(jen.Op("*").Add(v)), inner)),
	).Call()
}

// held calls send with the value of a field or parameter, when it has one,
// as it is held: a pointer's target, a Nullable's value.
func (b *method) held(field *jen.Statement, f goview.Field, send func(v jen.Code) []jen.Code) []jen.Code {
	switch f.Hold {
	case goview.HoldPointer:
		return []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(send(derefScalar(field, f.Elem))...)}
	case goview.HoldNil:
		// Empty is absent too, but for any, whose every value counts.
		cond := jen.Len(field).Op(">").Lit(0)
		if isAny(f.Elem) {
			cond = field.Clone().Op("!=").Nil()
		}
		return []jen.Code{jen.If(cond).Block(send(field)...)}
	case goview.HoldNullable:
		return []jen.Code{jen.If(jen.List(id(b.L.Value), id(b.L.OK)).Op(":=").Add(field).Dot("Get").Call(), id(b.L.OK)).Block(send(id(b.L.Value))...)}
	}
	code := send(field)
	if len(code) > 1 {
		// It declares locals: a block of its own keeps them from meeting
		// another's.
		return []jen.Code{jen.Block(code...)}
	}
	return code
}

// paramStatements serialise query, header and cookie parameters.
func (b *method) paramStatements() []jen.Code {
	m, L := b.m, b.L
	var stmts []jen.Code
	for _, pf := range m.ParamFields {
		p := pf.IR
		send := func(v jen.Code) []jen.Code {
			if p.ContentType == "" {
				return b.sendParam(p, v, pf.Elem)
			}
			// Described by content: the value travels JSON-encoded.
			return append([]jen.Code{
				jen.List(id(L.Text), id(L.Err)).Op(":=").Id("jsonString").Call(jen.Lit(p.Name), v),
				b.check(),
			}, b.sendParam(p, id(L.Text), &ir.Prim{Kind: ir.String})...)
		}
		stmts = append(stmts, b.held(id(m.Params.Name).Dot(p.GoName), pf.Field, send)...)
	}
	if m.Params != nil && !m.ParamsByValue {
		stmts = []jen.Code{jen.If(id(m.Params.Name).Op("!=").Nil()).Block(stmts...)}
	}
	if len(m.Op.FixedQuery) > 0 || slices.ContainsFunc(m.Op.Params, func(p *ir.Param) bool { return p.In == ir.InQuery }) {
		query := []jen.Code{jen.Var().Id(L.Query).Id("query")}
		for _, qp := range m.Op.FixedQuery {
			query = append(query, id(L.Query).Dot("add").Call(jen.Lit(qp.Name), jen.Lit(qp.Value)))
		}
		stmts = append(append(query, stmts...), id(L.Req).Dot("query").Op("=").Id(L.Query).Dot("encode").Call())
	}
	return stmts
}

// sendParam puts a parameter's value v of type t where it travels.
func (b *method) sendParam(p *ir.Param, v jen.Code, t ir.Type) []jen.Code {
	L := b.L
	switch p.In {
	case ir.InQuery:
		return b.queryStatements(p, v, t)
	case ir.InHeader:
		if !textType(t) {
			// Structured: by its JSON form, in style simple.
			return []jen.Code{
				jen.List(id(L.Text), id(L.Err)).Op(":=").Id("paramText").Call(jen.Lit(p.Name), v, jen.Lit(p.Explode)),
				b.check(),
				id(L.Req).Dot("header").Dot("Set").Call(jen.Lit(p.Name), id(L.Text)),
			}
		}
		return []jen.Code{id(L.Req).Dot("header").Dot("Set").Call(jen.Lit(p.Name), b.headerValue(v, t))}
	}
	cookies := id(L.Req).Dot("cookies")
	if !textType(t) {
		// Structured: by its JSON form, in style form.
		return []jen.Code{
			jen.List(id(L.Cookies), id(L.Err)).Op(":=").Id("paramCookies").Call(jen.Lit(p.Name), v, jen.Lit(p.Explode)),
			b.check(),
			cookies.Clone().Op("=").Append(cookies.Clone(), id(L.Cookies).Op("...")),
		}
	}
	if s, ok := t.(*ir.Slice); ok && p.Style == "cookie" && p.Explode {
		// OpenAPI 3.2's style cookie, exploded: a cookie per item.
		e := id(L.Elem)
		return []jen.Code{jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(v)).Block(
			cookies.Clone().Op("=").Append(cookies.Clone(),
				jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(p.Name), jen.Id("Value"): elemString(e.Clone(), s.Elem)})),
		)}
	}
	return []jen.Code{cookies.Clone().Op("=").Append(cookies.Clone(),
		jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(p.Name), jen.Id("Value"): b.headerValue(v, t)}))}
}

// textType reports whether a header or cookie value of type t is written
// directly: a scalar, or a list of scalars.
func textType(t ir.Type) bool {
	if s, ok := t.(*ir.Slice); ok {
		return ir.Scalar(s.Elem)
	}
	return ir.Scalar(t)
}

func (b *method) queryStatements(p *ir.Param, v jen.Code, t ir.Type) []jen.Code {
	q := id(b.L.Query)
	switch {
	case !goview.Textual(t):
	case isSlice(t):
		return []jen.Code{q.Clone().Dot("addList").Call(jen.Lit(p.Name), b.listStrings(v, t.(*ir.Slice).Elem), jen.Lit(p.Style), jen.Lit(p.Explode))}
	case isMap(t):
		return []jen.Code{q.Clone().Dot("addObject").Call(jen.Lit(p.Name), b.mapPairs(v, t.(*ir.Map).Elem), jen.Lit(p.Style), jen.Lit(p.Explode))}
	default:
		return []jen.Code{q.Clone().Dot("add").Call(jen.Lit(p.Name), scalarString(v, t))}
	}
	return []jen.Code{jen.If(id(b.L.Err).Op(":=").Add(q).Dot("addValue").Call(jen.Lit(p.Name), v, jen.Lit(p.Style), jen.Lit(p.Explode)), id(b.L.Err).Op("!=").Nil()).Block(b.fail(id(b.L.Err)))}
}

func isSlice(t ir.Type) bool { _, ok := t.(*ir.Slice); return ok }

func isMap(t ir.Type) bool { _, ok := t.(*ir.Map); return ok }

// headerValue formats a header or cookie value (style simple).
func (b *method) headerValue(v jen.Code, t ir.Type) jen.Code {
	if s, ok := t.(*ir.Slice); ok {
		return jen.Qual("strings", "Join").Call(b.listStrings(v, s.Elem), jen.Lit(","))
	}
	return scalarString(v, t)
}

// bodyStatements sets the request body.
func (b *method) bodyStatements() []jen.Code {
	a := b.m.Body
	if a == nil {
		return nil
	}
	rb, req := b.m.Op.Body, id(b.L.Req)
	arg := id(a.Name)
	var set []jen.Code
	switch rb.Encoding {
	case ir.EncodingJSON:
		set = []jen.Code{jen.If(id(b.L.Err).Op(":=").Add(req).Dot("setJSONBody").Call(arg), id(b.L.Err).Op("!=").Nil()).Block(b.fail(id(b.L.Err)))}
		if ct := jsonContentType(rb.MediaType); ct != "" {
			set = append(set, req.Clone().Dot("contentType").Op("=").Lit(ct))
		}
	case ir.EncodingText:
		set = []jen.Code{req.Clone().Dot("setBytesBody").Call(jen.Lit(sentMediaType(rb.MediaType, "text/plain")), jen.Index().Byte().Call(arg))}
	case ir.EncodingBinary:
		set = []jen.Code{req.Clone().Dot("setStreamBody").Call(jen.Lit(sentMediaType(rb.MediaType, "application/octet-stream")), arg)}
	case ir.EncodingMultipart:
		set = b.multipartStatements()
	case ir.EncodingForm:
		styles := jen.Nil()
		if len(rb.Styles) > 0 {
			d := jen.Dict{}
			for _, st := range rb.Styles {
				d[jen.Lit(st.Property)] = jen.Lit(st.Style)
			}
			styles = jen.Map(jen.String()).String().Values(d)
		}
		set = []jen.Code{jen.If(id(b.L.Err).Op(":=").Add(req).Dot("setFormBody").Call(arg, styles), id(b.L.Err).Op("!=").Nil()).Block(b.fail(id(b.L.Err)))}
	}
	if b.m.NilBody() {
		return []jen.Code{jen.If(arg.Clone().Op("!=").Nil()).Block(set...)}
	}
	return set
}

// jsonContentType is the Content-Type a JSON body is sent with when it is
// not the runtime's application/json: a JSON media type of the API's own
// (application/merge-patch+json, application/vnd.api+json), which a server
// may insist on. A range (application/*+json, */*) says nothing to send.
func jsonContentType(mt string) string {
	base, params, _ := strings.Cut(mt, ";")
	base = strings.ToLower(strings.TrimSpace(base))
	if base == "application/json" && strings.TrimSpace(params) == "" || strings.Contains(base, "*") {
		return ""
	}
	// Parameters are the API's to ask for (Azure Batch's
	// "application/json; odata=minimalmetadata"): sent as written.
	return mt
}

// sentMediaType is the Content-Type a body of media type mt is sent with: a
// range such as "*/*" or "image/*" names no type, so fallback is sent.
func sentMediaType(mt, fallback string) string {
	if strings.Contains(mt, "*") {
		return fallback
	}
	return mt
}

// acceptOf returns the Accept header of an operation whose success body is
// not JSON ("" keeps the runtime's application/json). An operation whose
// successes have no body accepts what its errors are written in, which a
// strict server may otherwise refuse to send (406).
func acceptOf(op *ir.Operation) string {
	var types []string
	for _, success := range []bool{true, false} {
		for _, r := range op.Responses {
			if r.IsSuccess() == success && r.MediaType != "" && !slices.Contains(types, r.MediaType) {
				types = append(types, r.MediaType)
			}
		}
		if len(types) > 0 {
			break
		}
	}
	if len(types) == 0 || (len(types) == 1 && types[0] == "application/json") {
		return ""
	}
	return strings.Join(types, ", ")
}

// responseStatements return what each status calls for: a switch over the
// cases, then the fallback.
func (b *method) responseStatements() []jen.Code {
	m := b.m
	var cases []*goview.Case
	ranges := false
	for _, c := range m.Cases {
		if m.SameAsFallback(c) {
			continue
		}
		cases = append(cases, c)
		for _, r := range c.Responses {
			ranges = ranges || r.Code == 0
		}
	}
	fallback := b.caseCode(m.Fallback)
	if len(cases) == 0 {
		return []jen.Code{fallback}
	}
	resp := id(b.L.Resp)
	var clauses []jen.Code
	for _, c := range cases {
		var conds []jen.Code
		for _, r := range c.Responses {
			switch {
			case !ranges:
				conds = append(conds, jen.Lit(r.Code))
			case r.Code != 0:
				conds = append(conds, resp.Clone().Dot("StatusCode").Op("==").Lit(r.Code))
			default:
				lo, _ := strconv.Atoi(r.Status[:1])
				conds = append(conds, jen.Parens(resp.Clone().Dot("StatusCode").Op(">=").Lit(lo*100).Op("&&").Add(resp).Dot("StatusCode").Op("<").Lit(lo*100+100)))
			}
		}
		if ranges {
			cond := jen.Add(conds[0])
			for _, c := range conds[1:] {
				cond = cond.Op("||").Add(c)
			}
			conds = []jen.Code{cond}
		}
		clauses = append(clauses, jen.Case(conds...).Block(b.caseCode(c)))
	}
	sw := jen.Switch(resp.Clone().Dot("StatusCode")).Block(clauses...)
	if ranges {
		sw = jen.Switch().Block(clauses...)
	}
	return []jen.Code{sw, fallback}
}

// caseCode returns what a case calls for.
func (b *method) caseCode(c *goview.Case) jen.Code {
	resp := id(b.L.Resp)
	withResult := func(err jen.Code) jen.Code {
		if b.m.Result == nil {
			return jen.Return(err)
		}
		return jen.Return(b.m.Result.Zero(), err)
	}
	switch c.Kind {
	case goview.CaseNone:
		return jen.Return(jen.Id("discardBody").Call(resp))
	case goview.CaseEmpty:
		if b.m.ResultFields != nil {
			return jen.Return(jen.Op("&").Id(b.m.Op.Result.Name).Values(jen.Dict{jen.Id("StatusCode"): resp.Clone().Dot("StatusCode")}), jen.Id("discardBody").Call(resp))
		}
		return withResult(jen.Id("discardBody").Call(resp))
	case goview.CaseResult:
		if b.m.Stream != nil {
			return b.streamReturn()
		}
		var target *multiTarget
		if c.Field != nil {
			target = &multiTarget{b.m.Op.Result.Name, c.Field.IR.Name}
		}
		return b.decodeReturn(c.Body.Type, c.Body.Encoding, target)
	case goview.CaseError:
		return withResult(jen.Id("decodeError").Call(resp, jen.New(b.view.Decl(c.Error).Type.Code())))
	}
	if b.view.API.CommonError != nil {
		return withResult(jen.Id("undeclaredError").Call(resp))
	}
	return withResult(jen.Id("unexpectedStatus").Call(resp))
}

type multiTarget struct{ typeName, field string }

// decodeReturn decodes a body of type t and returns it, or wraps it in the
// response struct when target is set.
func (b *method) decodeReturn(t ir.Type, enc ir.Encoding, target *multiTarget) jen.Code {
	resp, v, err := id(b.L.Resp), id(b.L.Value), id(b.L.Err)
	var zero jen.Code = jen.Nil()
	if target == nil {
		zero = b.m.Result.Zero()
	}
	inner, _ := ir.Unwrap(t)
	switch {
	case enc == ir.EncodingBinary:
		if target == nil {
			return jen.Return(resp.Clone().Dot("Body"), jen.Nil())
		}
		return jen.Return(jen.Op("&").Id(target.typeName).Values(jen.Dict{
			jen.Id("StatusCode"): resp.Clone().Dot("StatusCode"), jen.Id(target.field): resp.Clone().Dot("Body"),
		}), jen.Nil())
	case enc == ir.EncodingText && target == nil:
		return jen.Return(jen.Id("decodeText").Call(resp))
	}
	// The body is decoded with encoding/json through non-generic functions:
	// one compiled function for every result type.
	if d := declOf(inner); d != nil && enc == ir.EncodingJSON && target == nil {
		if _, enum := d.Kind.(*ir.Enum); !enum {
			return jen.List(v, err).Op(":=").Id("decodeJSON").Call(resp, jen.New(b.view.Type(inner).Code())).Line().
				Return(v.Clone().Assert(b.m.Result.Code()), err)
		}
	}
	if target == nil && enc != ir.EncodingText && declOf(inner) == nil {
		// decodeBody leaves v zero when it fails. err is the call's: the
		// decoding may be in the function's own scope (a default response).
		return jen.Var().Add(v).Add(b.m.Result.Code()).Line().
			Add(err).Op("=").Id("decodeBody").Call(resp, jen.Op("&").Add(v)).Line().
			Return(v, err)
	}
	var get *jen.Statement
	if enc == ir.EncodingText {
		get = jen.List(v, err).Op(":=").Id("decodeText").Call(resp).Line().If(err.Clone().Op("!=").Nil())
	} else {
		typ := b.view.Type(inner).Code()
		if isBinary(inner) {
			typ = jen.String() // in JSON, a binary value is a string: the result's type (View.Result)
		}
		get = jen.Var().Add(v).Add(typ).Line().
			If(err.Clone().Op(":=").Id("decodeBody").Call(resp, jen.Op("&").Add(v)), err.Clone().Op("!=").Nil())
	}
	var result jen.Code = v
	switch {
	case target != nil:
		result = jen.Op("&").Id(target.typeName).Values(jen.Dict{
			jen.Id("StatusCode"): resp.Clone().Dot("StatusCode"), jen.Id(target.field): jen.Op("&").Add(v),
		})
	case declOf(inner) != nil:
		result = jen.Op("&").Add(v) // declared types are returned by pointer
	}
	return get.Block(jen.Return(zero, err)).Line().Return(result, jen.Nil())
}

// emitResultStruct writes the response type of an operation whose success
// responses have different types.
func emitResultStruct(f *jen.File, m *goview.Method) {
	fields := []jen.Code{
		jen.Comment("// StatusCode is the response's HTTP status."),
		jen.Id("StatusCode").Int(),
	}
	for _, rf := range m.ResultFields {
		fields = append(fields,
			jen.Comment(fmt.Sprintf("// %s is set for status %s.", rf.IR.Name, strings.Join(rf.Statuses, ", "))),
			jen.Id(rf.IR.Name).Add(rf.Type.Code()))
	}
	addDoc(f, fmt.Sprintf("%s is the result of %s: one field is set, by status.", m.Op.Result.Name, m.Op.GoName))
	f.Type().Id(m.Op.Result.Name).Struct(fields...)
}

// emitParams writes an operation's params struct.
func emitParams(f *jen.File, m *goview.Method) {
	var fields []jen.Code
	for _, pf := range m.ParamFields {
		p := pf.IR
		doc := []string{p.Description, fmt.Sprintf("Sent as %s parameter %q.", p.In, p.Name)}
		if p.QueryString {
			doc[1] = "Sent as the whole query string, a name=value pair per property."
		}
		if p.Required {
			doc[1] += " Required."
		}
		if p.In == ir.InHeader && p.Name == m.Op.IdempotencyHeader {
			doc[1] += " When it is not set, the call sends a random key made once for it, the same on every retry."
		}
		if p.Deprecated {
			doc = append(doc, "Deprecated: the API marks this parameter as deprecated.")
		}
		fields = append(fields, comment(doc...)...)
		fields = append(fields, jen.Id(p.GoName).Add(pf.Type.Code()))
	}
	addDoc(f, fmt.Sprintf("%s holds the query, header and cookie parameters of %s. A nil or zero field is not sent.", m.Op.ParamsName, m.Op.GoName))
	f.Type().Id(m.Op.ParamsName).Struct(fields...)
}

// sameSecurity reports whether two requirements are the same.
func sameSecurity(a, b []ir.Requirement) bool {
	return slices.EqualFunc(a, b, func(x, y ir.Requirement) bool { return slices.Equal(x.Schemes, y.Schemes) })
}

// securityExpr is a requirement as [][]string.
func securityExpr(reqs []ir.Requirement) jen.Code {
	var alts []jen.Code
	for _, r := range reqs {
		var names []jen.Code
		for _, s := range r.Schemes {
			names = append(names, jen.Lit(s))
		}
		alts = append(alts, jen.Values(names...))
	}
	return jen.Index().Index().String().Values(alts...)
}

// retryExpr is a RetryConfig literal.
func retryExpr(p *ir.RetryPolicy) jen.Code {
	d := jen.Dict{}
	dur := durationExpr
	if len(p.StatusCodes) == 0 && !p.RetryConnectionErrors {
		return jen.Id("RetryConfig").Values()
	}
	d[jen.Id("InitialInterval")] = dur(p.InitialInterval)
	d[jen.Id("MaxInterval")] = dur(p.MaxInterval)
	d[jen.Id("MaxElapsedTime")] = dur(p.MaxElapsedTime)
	d[jen.Id("Exponent")] = jen.Lit(p.Exponent)
	var codes []jen.Code
	for _, c := range p.StatusCodes {
		codes = append(codes, jen.Lit(c))
	}
	if len(codes) > 0 {
		d[jen.Id("StatusCodes")] = jen.Index().String().Values(codes...)
	}
	if p.RetryConnectionErrors {
		d[jen.Id("RetryConnectionErrors")] = jen.True()
	}
	return jen.Id("RetryConfig").Values(d)
}

// durationExpr writes d in the largest unit that divides it.
func durationExpr(d time.Duration) jen.Code {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}} {
		if d >= u.d && d%u.d == 0 {
			if d == u.d {
				return jen.Qual("time", u.name)
			}
			return jen.Lit(int(d/u.d)).Op("*").Qual("time", u.name)
		}
	}
	return jen.Qual("time", "Duration").Call(jen.Lit(int64(d)))
}

// multipartStatements stream a body as multipart/form-data: a struct's
// fields (see structParts); for a union, those of the variant that is set;
// a body that is one file, as the single part "file".
func (b *method) multipartStatements() []jen.Code {
	L := b.L
	// A struct or union body's fields are selected through its pointer.
	body := id(b.m.Body.Name)
	t, _ := ir.Unwrap(b.m.Op.Body.Type)
	_, isPrim := t.(*ir.Prim)
	if b.m.Body.Type.IsPointer() && isPrim {
		body = jen.Op("*").Id(b.m.Body.Name)
	}
	parts := id(L.Parts)
	stmts := []jen.Code{jen.Var().Add(parts).Index().Id("formPart")}
	switch {
	case isBinary(t):
		stmts = append(stmts, parts.Clone().Op("=").Append(parts.Clone(), jen.Id("filePart").Call(jen.Lit("file"), body)))
	case isPrim:
		// A whole body that is one string is one text part, named as the
		// whole-body file is.
		stmts = append(stmts, parts.Clone().Op("=").Append(parts.Clone(), jen.Id("fieldPart").Call(jen.Lit("file"), body)))
		return append(stmts, id(L.Req).Dot("setMultipartBody").Call(parts))
	case isMapType(t):
		stmts = append(stmts, b.mapParts(t.(*ir.Map), body)...)
		return append(stmts, id(L.Req).Dot("setMultipartBody").Call(parts))
	}
	d := b.view.Decl(declOf(t))
	switch {
	case isBinary(t):
	case len(d.Variants) > 0:
		// The first variant set is sent, as MarshalJSON would; a value
		// with none (only Raw, or nothing) has no parts to send.
		var cases []jen.Code
		for _, v := range d.Variants {
			vd := b.view.Decl(declOf(v.IR.Type))
			field := body.Clone().Dot(v.IR.Name)
			// The field is a pointer, which selecting its fields derefs.
			cases = append(cases, jen.Case(field.Clone().Op("!=").Nil()).Block(b.structParts(vd, field)...))
		}
		cases = append(cases, jen.Default().Block(id(L.Req).Dot("noVariant").Call()))
		stmts = append(stmts, jen.Switch().Block(cases...))
	default:
		stmts = append(stmts, b.structParts(d, body)...)
	}
	return append(stmts, id(L.Req).Dot("setMultipartBody").Call(parts))
}

// structParts add the fields of the struct value body to the parts: files
// as file parts, scalars as text fields, arrays as repeated parts, a field
// of no type as what its value is (anyPart), anything else as a
// JSON-encoded part.
func (b *method) structParts(d *goview.Decl, body *jen.Statement) []jen.Code {
	L := b.L
	parts, e := id(L.Parts), id(L.Elem)
	var stmts []jen.Code
	add := func(part jen.Code) jen.Code {
		return parts.Clone().Op("=").Append(parts.Clone(), part)
	}
	for _, sf := range d.Fields {
		f := sf.IR
		one := func(v jen.Code, t ir.Type) []jen.Code {
			if isBinary(t) {
				if ct := b.partType(f.JSONName); ct != "" {
					return []jen.Code{add(jen.Id("typedFilePart").Call(jen.Lit(f.JSONName), v, jen.Lit(ct)))}
				}
				return []jen.Code{add(jen.Id("filePart").Call(jen.Lit(f.JSONName), v))}
			}
			if ir.Scalar(t) {
				return []jen.Code{add(jen.Id("fieldPart").Call(jen.Lit(f.JSONName), scalarString(v, t)))}
			}
			return []jen.Code{
				jen.List(id(L.Part), id(L.Err)).Op(":=").Id(structuredPart(t, b.partType(f.JSONName))).Call(jen.Lit(f.JSONName), v),
				b.check(),
				add(id(L.Part)),
			}
		}
		send := func(v jen.Code) []jen.Code {
			if s, ok := sf.Elem.(*ir.Slice); ok && (ir.Scalar(s.Elem) || isBinary(s.Elem)) {
				elem, ptr := elemPointer(s.Elem)
				if ptr {
					// A null element sends no part.
					return []jen.Code{jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(v)).Block(
						jen.If(e.Clone().Op("!=").Nil()).Block(one(jen.Parens(jen.Op("*").Add(e)), elem)...))}
				}
				return []jen.Code{jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(v)).Block(one(e.Clone(), elem)...)}
			}
			return one(v, sf.Elem)
		}
		stmts = append(stmts, b.held(body.Clone().Dot(f.Name), sf.Field, send)...)
	}
	return stmts
}

// structuredPart names the runtime function that makes the part of a value
// that is neither a file nor a scalar: anyPart for a value of no type, which
// is sent as what it holds, formTextPart where the API gives the part the
// form media type, else jsonPart.
func structuredPart(t ir.Type, partType string) string {
	switch {
	case isAny(t):
		return "anyPart"
	case strings.EqualFold(partType, "application/x-www-form-urlencoded"):
		return "formTextPart"
	}
	return "jsonPart"
}

// partType is the media type the spec gives the file part of property
// name, if any.
func (b *method) partType(name string) string {
	for _, pt := range b.m.Op.Body.PartTypes {
		if pt.Property == name {
			return pt.ContentType
		}
	}
	return ""
}

func isMapType(t ir.Type) bool {
	_, ok := t.(*ir.Map)
	return ok
}

// mapParts add each entry of the map body as a part named by its key, in
// key order so the request is the same every time: a file as a file part, a
// scalar as a text field, anything else JSON-encoded; a null entry sends
// no part.
func (b *method) mapParts(m *ir.Map, body *jen.Statement) []jen.Code {
	L := b.L
	parts, k := id(L.Parts), id(L.Key)
	elem, ptr := elemPointer(m.Elem)
	v := body.Clone().Index(k.Clone())
	if ptr {
		v = jen.Parens(jen.Op("*").Add(v))
	}
	var send []jen.Code
	switch {
	case isBinary(elem):
		send = []jen.Code{parts.Clone().Op("=").Append(parts.Clone(), jen.Id("filePart").Call(k.Clone(), v))}
	case ir.Scalar(elem):
		send = []jen.Code{parts.Clone().Op("=").Append(parts.Clone(), jen.Id("fieldPart").Call(k.Clone(), scalarString(v, elem)))}
	default:
		send = []jen.Code{
			jen.List(id(L.Part), id(L.Err)).Op(":=").Id(structuredPart(elem, "")).Call(k.Clone(), v),
			b.check(),
			parts.Clone().Op("=").Append(parts.Clone(), id(L.Part)),
		}
	}
	if ptr {
		send = []jen.Code{jen.If(body.Clone().Index(k.Clone()).Op("!=").Nil()).Block(send...)}
	}
	keys := jen.Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(body))
	return []jen.Code{jen.For(jen.List(jen.Id("_"), k).Op(":=").Range().Add(keys)).Block(send...)}
}

func isBinary(t ir.Type) bool {
	t, _ = ir.Unwrap(t)
	p, ok := t.(*ir.Prim)
	return ok && p.Kind == ir.Binary
}

func isAny(t ir.Type) bool {
	t, _ = ir.Unwrap(t)
	p, ok := t.(*ir.Prim)
	return ok && p.Kind == ir.Any
}

// declOf returns the declaration t refers to, if any.
func declOf(t ir.Type) *ir.Decl {
	t, _ = ir.Unwrap(t)
	if r, ok := t.(*ir.Ref); ok {
		return r.Decl
	}
	return nil
}

// emptiable reports whether a path argument's type has an empty value that
// would collapse its path segment: strings, string enums, lists and maps.
func emptiable(t ir.Type) bool {
	t, _ = ir.Unwrap(t)
	switch t := t.(type) {
	case *ir.Slice, *ir.Map:
		return true
	case *ir.Prim:
		return t.Kind == ir.String
	case *ir.Ref:
		en, ok := t.Decl.Kind.(*ir.Enum)
		return ok && en.Base == ir.String
	}
	return false
}
