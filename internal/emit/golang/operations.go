package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/gotype"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// emitGroupFile writes a service: its type, its methods, and the params and
// response types its methods own. The root group's methods go on Client.
func (e *emitter) emitGroup(f *jen.File, g *ir.Group) {
	recvName := "c"
	if g.FieldName != "" {
		recvName = "s"
		desc := g.Description
		if desc == "" {
			desc = fmt.Sprintf("the %s operations", g.FieldName)
		}
		addDoc(f, fmt.Sprintf("%s groups %s", g.TypeName, lowerFirst(desc)), "Use it through Client."+g.FieldName+".")
		f.Type().Id(g.TypeName).Struct(jen.Id("cfg").Op("*").Id("config"))
	}
	for _, op := range g.Operations {
		e.emitOperation(f, recvName, g.TypeName, op)
		if op.ParamsName != "" {
			e.emitParams(f, op)
		}
		if op.Result.Kind == ir.ResultMulti {
			e.emitResultStruct(f, op)
		}
	}
}

func lowerFirst(s string) string {
	if s == "" || strings.ToUpper(s[:1]) != s[:1] || (len(s) > 1 && strings.ToUpper(s[1:2]) == s[1:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
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
	if op.Deprecated {
		paras = append(paras, "Deprecated: the API marks this operation as deprecated.")
	}
	return paras
}

// resultExpr is the Go type a method returns on success, and its zero value.
func resultExpr(op *ir.Operation) (typ jen.Code, zero jen.Code) {
	switch op.Result.Kind {
	case ir.ResultNone:
		return nil, nil
	case ir.ResultMulti:
		return jen.Op("*").Id(op.Result.Name), jen.Nil()
	}
	return valueResult(op.Result.Type, op.Result.Encoding)
}

// valueResult is the Go type of a decoded body of type t.
func valueResult(t ir.Type, enc ir.Encoding) (typ jen.Code, zero jen.Code) {
	if enc == ir.EncodingBinary {
		return jen.Qual("io", "ReadCloser"), jen.Nil()
	}
	inner, _ := ir.Unwrap(t)
	switch inner := inner.(type) {
	case *ir.Ref:
		return jen.Op("*").Id(inner.Decl.Name), jen.Nil()
	case *ir.Slice, *ir.Map:
		return typeExpr(inner), jen.Nil()
	case *ir.Prim:
		switch inner.Kind {
		case ir.Any, ir.Bytes:
			return typeExpr(inner), jen.Nil()
		case ir.String, ir.Binary:
			return jen.String(), jen.Lit("")
		case ir.Bool:
			return jen.Bool(), jen.False()
		case ir.DateTime:
			return jen.Qual("time", "Time"), jen.Qual("time", "Time").Values()
		}
		return typeExpr(inner), jen.Lit(0)
	}
	return typeExpr(inner), jen.Nil()
}

func (e *emitter) emitOperation(f *jen.File, recvName, recvType string, op *ir.Operation) {
	args := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, p := range op.PathParams {
		args = append(args, jen.Id(p.GoName).Add(typeExpr(stripNull(p.Type))))
	}
	if b := op.Body; b != nil {
		args = append(args, jen.Id(b.ArgName).Add(bodyExpr(b)))
	}
	if op.ParamsName != "" {
		if op.ParamsByValue() {
			args = append(args, jen.Id("params").Id(op.ParamsName))
		} else {
			args = append(args, jen.Id("params").Op("*").Id(op.ParamsName))
		}
	}
	args = append(args, jen.Id("opts").Op("...").Id("CallOption"))

	resType, zero := resultExpr(op)
	results := []jen.Code{jen.Error()}
	fail := func(err jen.Code) jen.Code { return jen.Return(err) }
	if resType != nil {
		results = []jen.Code{resType, jen.Error()}
		fail = func(err jen.Code) jen.Code { return jen.Return(zero, err) }
	}

	var body []jen.Code
	for _, p := range op.PathParams {
		missing := fail(jen.Id("missingPathParam").Call(jen.Lit(op.ID), jen.Lit(p.Name)))
		switch {
		case emptiable(p.Type):
			body = append(body, jen.If(jen.Len(jen.Id(p.GoName)).Op("==").Lit(0)).Block(missing))
		case isAny(stripNull(p.Type)):
			body = append(body, jen.If(jen.Id(p.GoName).Op("==").Nil()).Block(missing))
		}
	}
	path, pre := pathExpr(op, fail)
	body = append(body, pre...)
	body = append(body, jen.Id("req").Op(":=").Id("newRequest").Call(
		jen.Lit(op.ID), jen.Qual("net/http", "Method"+methodConst(op.Method)), path))
	body = append(body, e.paramStatements(op, fail)...)
	body = append(body, e.bodyStatements(op, fail)...)
	if accept := acceptOf(op); accept != "" {
		body = append(body, jen.Id("req").Dot("header").Dot("Set").Call(jen.Lit("Accept"), jen.Lit(accept)))
	}
	if !sameSecurity(op.Security, e.api.Security) {
		body = append(body,
			jen.Id("req").Dot("security").Op("=").Add(securityExpr(op.Security)),
			jen.Id("req").Dot("hasSecurity").Op("=").True(),
		)
	}
	if op.Retry != nil {
		body = append(body, jen.Id("req").Dot("retry").Op("=").Op("&").Add(retryExpr(op.Retry)))
	}
	body = append(body,
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id(recvName).Dot("cfg").Dot("do").Call(jen.Id("ctx"), jen.Id("req"), jen.Id("opts")),
		jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
	)
	body = append(body, e.responseStatements(op, fail)...)

	for _, c := range comment(methodDoc(op)...) {
		f.Add(c)
	}
	f.Func().Params(jen.Id(recvName).Op("*").Id(recvType)).Id(op.GoName).Params(args...).Params(results...).Block(body...)
}

func stripNull(t ir.Type) ir.Type {
	t, _ = ir.Unwrap(t)
	return t
}

func methodConst(m string) string {
	return strings.ToUpper(m[:1]) + strings.ToLower(m[1:])
}

// bodyExpr is the Go type of a request body argument.
func bodyExpr(b *ir.RequestBody) jen.Code {
	switch b.Encoding {
	case ir.EncodingBinary:
		return jen.Qual("io", "Reader")
	case ir.EncodingText:
		return jen.String()
	}
	t, _ := ir.Unwrap(b.Type)
	if b.ByPointer() {
		return jen.Op("*").Add(typeExpr(t))
	}
	return typeExpr(t)
}

// pathExpr builds the request path: literal segments and escaped
// arguments. pre holds statements that must run first: formatting a
// structured argument, which can fail.
func pathExpr(op *ir.Operation, fail func(jen.Code) jen.Code) (expr jen.Code, pre []jen.Code) {
	byName := map[string]*ir.Param{}
	for _, p := range op.PathParams {
		byName[p.Name] = p
	}
	var parts []jen.Code
	structured := 0 // structured arguments so far, each with a local
	rest := op.Path
	for rest != "" {
		i := strings.Index(rest, "{")
		j := strings.Index(rest, "}")
		if i < 0 || j < i {
			parts = append(parts, jen.Lit(rest))
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		p := byName[rest[i+1:j]]
		if e := pathParamExpr(p); e != nil {
			parts = append(parts, e)
		} else {
			// Structured: by its JSON form, formatted before the request.
			v := fmt.Sprintf("pathArg%d", structured)
			structured++
			pre = append(pre,
				jen.List(jen.Id(v), jen.Err()).Op(":=").Id("pathValue").Call(jen.Lit(p.Name), jen.Id(p.GoName), jen.Lit(p.Style), jen.Lit(p.Explode)),
				jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
			)
			parts = append(parts, jen.Id(v))
		}
		rest = rest[j+1:]
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

// pathParamExpr formats and escapes a path argument of text or map type in
// its style; nil for other types.
func pathParamExpr(p *ir.Param) jen.Code {
	t := stripNull(p.Type)
	v := jen.Id(p.GoName)
	simple := p.Style == "" || p.Style == "simple"
	styled := func(items jen.Code, object bool) jen.Code {
		return jen.Id("pathStyled").Call(jen.Lit(p.Name), items, jen.Lit(object), jen.Lit(p.Style), jen.Lit(p.Explode))
	}
	switch t := t.(type) {
	case *ir.Slice:
		if !scalarType(t.Elem) {
			return nil
		}
		// Each item escaped, the separators not: "a,b" is two items.
		return styled(listStrings(v, t.Elem), false)
	case *ir.Map:
		if !scalarType(t.Elem) {
			return nil
		}
		return styled(mapPairs(v, t.Elem), true)
	}
	if !scalarType(t) {
		return nil
	}
	if simple {
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
	t = stripNull(t)
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
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
	case *ir.Prim:
		switch t.Kind {
		case ir.String, ir.Binary:
			return v
		case ir.Int32:
			return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
		case ir.Int64:
			return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
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
func listStrings(v jen.Code, elem ir.Type) jen.Code {
	inner, ptr := elemPointer(elem)
	if p, ok := inner.(*ir.Prim); ok && p.Kind == ir.String && !ptr {
		return v
	}
	return jen.Func().Params().Index().String().Block(
		jen.Id("out").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(v)),
		jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
			jen.Id("out").Op("=").Append(jen.Id("out"), elemString(jen.Id("e"), elem)),
		),
		jen.Return(jen.Id("out")),
	).Call()
}

// mapPairs converts a map of scalars to alternating keys and values, sorted by key.
func mapPairs(v jen.Code, elem ir.Type) jen.Code {
	return jen.Func().Params().Index().String().Block(
		jen.Id("keys").Op(":=").Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(v)),
		jen.Id("out").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Lit(2).Op("*").Len(jen.Id("keys"))),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
			jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("k"), elemString(jen.Add(v).Index(jen.Id("k")), elem)),
		),
		jen.Return(jen.Id("out")),
	).Call()
}

// elemPointer splits the type of a list element or map value: its type
// without null, and whether the Go elements are pointers (nil for null).
func elemPointer(elem ir.Type) (ir.Type, bool) {
	inner, nullable := ir.Unwrap(elem)
	return inner, nullable && !gotype.Nilable(inner)
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

// paramStatements serialises query, header and cookie parameters.
func (e *emitter) paramStatements(op *ir.Operation, fail func(jen.Code) jen.Code) []jen.Code {
	var stmts []jen.Code
	for _, p := range op.Params {
		field := jen.Id("params").Dot(p.GoName)
		inner := stripNull(p.Type)
		send := func(v jen.Code) []jen.Code {
			if p.ContentType == "" {
				return sendParam(p, v, inner, fail)
			}
			// Described by content: the value travels JSON-encoded.
			return append([]jen.Code{
				jen.List(jen.Id("text"), jen.Err()).Op(":=").Id("jsonString").Call(jen.Lit(p.Name), v),
				jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
			}, sendParam(p, jen.Id("text"), &ir.Prim{Kind: ir.String}, fail)...)
		}
		switch shapeOf(p.Type, p.Required) {
		case gotype.Value:
			if code := send(field); len(code) > 1 {
				// It declares locals: a block of its own keeps them from
				// meeting another parameter's.
				stmts = append(stmts, jen.Block(code...))
			} else {
				stmts = append(stmts, code...)
			}
		case gotype.Pointer:
			stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(send(derefScalar(field, inner))...))
		case gotype.NilableValue:
			cond := jen.Len(field).Op(">").Lit(0)
			if isAny(inner) {
				cond = field.Clone().Op("!=").Nil()
			}
			stmts = append(stmts, jen.If(cond).Block(send(field)...))
		case gotype.NullableValue:
			stmts = append(stmts, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(send(jen.Id("v"))...))
		}
	}
	if op.ParamsName != "" && !op.ParamsByValue() {
		stmts = []jen.Code{jen.If(jen.Id("params").Op("!=").Nil()).Block(stmts...)}
	}
	if len(op.FixedQuery) > 0 || slices.ContainsFunc(op.Params, func(p *ir.Param) bool { return p.In == ir.InQuery }) {
		query := []jen.Code{jen.Var().Id("q").Id("query")}
		for _, qp := range op.FixedQuery {
			query = append(query, jen.Id("q").Dot("add").Call(jen.Lit(qp.Name), jen.Lit(qp.Value)))
		}
		stmts = append(append(query, stmts...), jen.Id("req").Dot("query").Op("=").Id("q").Dot("encode").Call())
	}
	return stmts
}

// sendParam puts a parameter's value v of type t where it travels.
func sendParam(p *ir.Param, v jen.Code, t ir.Type, fail func(jen.Code) jen.Code) []jen.Code {
	switch p.In {
	case ir.InQuery:
		return queryStatements(p, v, t, fail)
	case ir.InHeader:
		if !textType(t) {
			// Structured: by its JSON form, in style simple.
			return []jen.Code{
				jen.List(jen.Id("text"), jen.Err()).Op(":=").Id("paramText").Call(jen.Lit(p.Name), v, jen.Lit(p.Explode)),
				jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
				jen.Id("req").Dot("header").Dot("Set").Call(jen.Lit(p.Name), jen.Id("text")),
			}
		}
		return []jen.Code{jen.Id("req").Dot("header").Dot("Set").Call(jen.Lit(p.Name), headerValue(v, t))}
	}
	if !textType(t) {
		// Structured: by its JSON form, in style form.
		return []jen.Code{
			jen.List(jen.Id("cookies"), jen.Err()).Op(":=").Id("paramCookies").Call(jen.Lit(p.Name), v, jen.Lit(p.Explode)),
			jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
			jen.Id("req").Dot("cookies").Op("=").Append(jen.Id("req").Dot("cookies"), jen.Id("cookies").Op("...")),
		}
	}
	return []jen.Code{jen.Id("req").Dot("cookies").Op("=").Append(jen.Id("req").Dot("cookies"),
		jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(p.Name), jen.Id("Value"): headerValue(v, t)}))}
}

// textType reports whether a header or cookie value of type t is written
// directly: a scalar, or a list of scalars.
func textType(t ir.Type) bool {
	if s, ok := stripNull(t).(*ir.Slice); ok {
		return scalarType(s.Elem)
	}
	return scalarType(t)
}

func queryStatements(p *ir.Param, v jen.Code, t ir.Type, fail func(jen.Code) jen.Code) []jen.Code {
	switch t := t.(type) {
	case *ir.Slice:
		if scalarType(t.Elem) {
			return []jen.Code{jen.Id("q").Dot("addList").Call(jen.Lit(p.Name), listStrings(v, t.Elem), jen.Lit(p.Style), jen.Lit(p.Explode))}
		}
	case *ir.Map:
		if scalarType(t.Elem) {
			return []jen.Code{jen.Id("q").Dot("addObject").Call(jen.Lit(p.Name), mapPairs(v, t.Elem), jen.Lit(p.Style), jen.Lit(p.Explode))}
		}
	default:
		if scalarType(t) {
			return []jen.Code{jen.Id("q").Dot("add").Call(jen.Lit(p.Name), scalarString(v, t))}
		}
	}
	return []jen.Code{jen.If(jen.Err().Op(":=").Id("q").Dot("addValue").Call(jen.Lit(p.Name), v, jen.Lit(p.Style), jen.Lit(p.Explode)), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
}

// headerValue formats a header or cookie value (style simple).
func headerValue(v jen.Code, t ir.Type) jen.Code {
	if s, ok := t.(*ir.Slice); ok {
		return jen.Qual("strings", "Join").Call(listStrings(v, s.Elem), jen.Lit(","))
	}
	return scalarString(v, t)
}

// bodyStatements sets the request body.
func (e *emitter) bodyStatements(op *ir.Operation, fail func(jen.Code) jen.Code) []jen.Code {
	b := op.Body
	if b == nil {
		return nil
	}
	arg := jen.Id(b.ArgName)
	var set []jen.Code
	switch b.Encoding {
	case ir.EncodingJSON:
		set = []jen.Code{jen.If(jen.Err().Op(":=").Id("req").Dot("setJSONBody").Call(arg), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	case ir.EncodingText:
		set = []jen.Code{jen.Id("req").Dot("setBytesBody").Call(jen.Lit(b.MediaType), jen.Index().Byte().Call(arg))}
	case ir.EncodingBinary:
		set = []jen.Code{jen.Id("req").Dot("setStreamBody").Call(jen.Lit(b.MediaType), arg)}
	case ir.EncodingMultipart:
		set = multipartStatements(b, fail)
	case ir.EncodingForm:
		styles := jen.Nil()
		if len(b.Styles) > 0 {
			d := jen.Dict{}
			for _, st := range b.Styles {
				d[jen.Lit(st.Property)] = jen.Lit(st.Style)
			}
			styles = jen.Map(jen.String()).String().Values(d)
		}
		set = []jen.Code{jen.If(jen.Err().Op(":=").Id("req").Dot("setFormBody").Call(arg, styles), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))}
	}
	if b.ByPointer() || (!b.Required && b.Encoding == ir.EncodingBinary) {
		return []jen.Code{jen.If(arg.Clone().Op("!=").Nil()).Block(set...)}
	}
	return set
}

// acceptOf returns the Accept header of an operation whose success body is
// not JSON ("" keeps the runtime's application/json).
func acceptOf(op *ir.Operation) string {
	var types []string
	for _, r := range op.Responses {
		if r.IsSuccess() && r.MediaType != "" && !slices.Contains(types, r.MediaType) {
			types = append(types, r.MediaType)
		}
	}
	if len(types) == 0 || (len(types) == 1 && types[0] == "application/json") {
		return ""
	}
	return strings.Join(types, ", ")
}

// responseStatements decode the response by status.
func (e *emitter) responseStatements(op *ir.Operation, fail func(jen.Code) jen.Code) []jen.Code {
	type action struct {
		statuses []*ir.Response
		code     jen.Code
	}
	var actions []*action
	byKey := map[string]*action{}
	var fallback jen.Code = jen.Return(e.failValue(op), jen.Id("unexpectedStatus").Call(jen.Id("resp")))
	if op.Result.Kind == ir.ResultNone {
		fallback = jen.Return(jen.Id("unexpectedStatus").Call(jen.Id("resp")))
	}
	errorReturn := func(err jen.Code) jen.Code {
		if op.Result.Kind == ir.ResultNone {
			return jen.Return(err)
		}
		return jen.Return(e.failValue(op), err)
	}
	successIsDefault := !slices.ContainsFunc(op.Responses, (*ir.Response).IsSuccess)
	for _, r := range op.Responses {
		var key string
		var code jen.Code
		success := r.IsSuccess() || (r.Status == "default" && successIsDefault)
		switch {
		case success:
			key, code = e.successAction(op, r)
		default:
			d := declOf(r.Type)
			if d == nil || !d.IsError {
				continue // the fallback reports it as an *APIError
			}
			key = "error:" + d.Name
			code = errorReturn(jen.Id("decodeError").Call(jen.Id("resp"), jen.New(jen.Id(d.Name))))
		}
		if r.Status == "default" {
			fallback = code
			continue
		}
		a := byKey[key]
		if a == nil {
			a = &action{code: code}
			byKey[key] = a
			actions = append(actions, a)
		}
		a.statuses = append(a.statuses, r)
	}
	if len(actions) == 0 {
		return []jen.Code{fallback}
	}
	ranges := false
	for _, a := range actions {
		for _, r := range a.statuses {
			if r.Code == 0 {
				ranges = true
			}
		}
	}
	var cases []jen.Code
	for _, a := range actions {
		if ranges {
			var conds []jen.Code
			for _, r := range a.statuses {
				conds = append(conds, statusCond(r))
			}
			cond := jen.Add(conds[0])
			for _, c := range conds[1:] {
				cond = cond.Op("||").Add(c)
			}
			cases = append(cases, jen.Case(cond).Block(a.code))
			continue
		}
		var codes []jen.Code
		for _, r := range a.statuses {
			codes = append(codes, jen.Lit(r.Code))
		}
		cases = append(cases, jen.Case(codes...).Block(a.code))
	}
	sw := jen.Switch(jen.Id("resp").Dot("StatusCode")).Block(cases...)
	if ranges {
		sw = jen.Switch().Block(cases...)
	}
	return []jen.Code{sw, fallback}
}

// statusCond matches one response status.
func statusCond(r *ir.Response) jen.Code {
	if r.Code != 0 {
		return jen.Id("resp").Dot("StatusCode").Op("==").Lit(r.Code)
	}
	lo, _ := strconv.Atoi(r.Status[:1])
	return jen.Parens(jen.Id("resp").Dot("StatusCode").Op(">=").Lit(lo * 100).Op("&&").Id("resp").Dot("StatusCode").Op("<").Lit(lo*100 + 100))
}

func (e *emitter) failValue(op *ir.Operation) jen.Code {
	_, zero := resultExpr(op)
	return zero
}

// successAction decodes a success response into the method's result.
func (e *emitter) successAction(op *ir.Operation, r *ir.Response) (string, jen.Code) {
	switch op.Result.Kind {
	case ir.ResultNone:
		return "none", jen.Return(jen.Id("discardBody").Call(jen.Id("resp")))
	case ir.ResultSingle:
		if r.Type == nil {
			return "empty", jen.Return(e.failValue(op), jen.Id("discardBody").Call(jen.Id("resp")))
		}
		return "single", decodeReturn(r.Type, r.Encoding, nil, e.failValue(op))
	}
	// ResultMulti: fill the field for this response's type.
	if r.Type == nil {
		return "empty", jen.Return(jen.Op("&").Id(op.Result.Name).Values(jen.Dict{jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode")}), jen.Id("discardBody").Call(jen.Id("resp")))
	}
	for _, f := range op.Result.Fields {
		if ir.SameType(f.Type, r.Type) && f.Encoding == r.Encoding {
			return "field:" + f.Name, decodeReturn(r.Type, r.Encoding, &multiTarget{op.Result.Name, f.Name}, jen.Nil())
		}
	}
	return "unreachable", jen.Return(jen.Nil(), jen.Id("unexpectedStatus").Call(jen.Id("resp")))
}

type multiTarget struct{ typeName, field string }

// decodeReturn decodes a body of type t and returns it, or wraps it in the
// response struct when target is set. zero is the method's failure value.
func decodeReturn(t ir.Type, enc ir.Encoding, target *multiTarget, zero jen.Code) jen.Code {
	inner, _ := ir.Unwrap(t)
	switch {
	case enc == ir.EncodingBinary:
		if target == nil {
			return jen.Return(jen.Id("resp").Dot("Body"), jen.Nil())
		}
		return jen.Return(jen.Op("&").Id(target.typeName).Values(jen.Dict{
			jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode"), jen.Id(target.field): jen.Id("resp").Dot("Body"),
		}), jen.Nil())
	case enc == ir.EncodingText && target == nil:
		return jen.Return(jen.Id("decodeText").Call(jen.Id("resp")))
	}
	// The body is decoded with encoding/json through non-generic functions:
	// one compiled function for every result type.
	if r, ok := inner.(*ir.Ref); ok && enc == ir.EncodingJSON && target == nil {
		if _, enum := r.Decl.Kind.(*ir.Enum); !enum {
			typ := jen.Op("*").Id(r.Decl.Name)
			return jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("decodeJSON").Call(jen.Id("resp"), jen.New(jen.Id(r.Decl.Name))).Line().
				Return(jen.Id("v").Assert(typ), jen.Err())
		}
	}
	var get *jen.Statement
	if enc == ir.EncodingText {
		get = jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("decodeText").Call(jen.Id("resp")).Line().
			If(jen.Err().Op("!=").Nil())
	} else {
		typ := typeExpr(inner)
		if p, ok := inner.(*ir.Prim); ok && p.Kind == ir.Binary {
			typ = jen.String() // in JSON, binary is a string: the result's type (valueResult)
		}
		get = jen.Var().Id("v").Add(typ).Line().
			If(jen.Err().Op(":=").Id("decodeBody").Call(jen.Id("resp"), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil())
	}
	var result jen.Code = jen.Id("v")
	switch {
	case target != nil:
		result = jen.Op("&").Id(target.typeName).Values(jen.Dict{
			jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode"), jen.Id(target.field): jen.Op("&").Id("v"),
		})
	case declOf(inner) != nil:
		result = jen.Op("&").Id("v") // declared types are returned by pointer
	}
	return get.Block(jen.Return(zero, jen.Err())).Line().Return(result, jen.Nil())
}

// emitResultStruct writes the response type of an operation whose success
// responses have different types.
func (e *emitter) emitResultStruct(f *jen.File, op *ir.Operation) {
	fields := []jen.Code{
		jen.Comment("// StatusCode is the response's HTTP status."),
		jen.Id("StatusCode").Int(),
	}
	for _, rf := range op.Result.Fields {
		typ, _ := valueResult(rf.Type, rf.Encoding)
		// A declared type is decoded as a pointer already, nullable or not.
		if _, isPtr := stripNull(rf.Type).(*ir.Ref); !isPtr && rf.Encoding != ir.EncodingBinary {
			typ = jen.Op("*").Add(typ)
		}
		var statuses []string
		for _, r := range op.Responses {
			if r.Type != nil && ir.SameType(r.Type, rf.Type) && r.Encoding == rf.Encoding && r.IsSuccess() {
				statuses = append(statuses, r.Status)
			}
		}
		fields = append(fields,
			jen.Comment(fmt.Sprintf("// %s is set for status %s.", rf.Name, strings.Join(statuses, ", "))),
			jen.Id(rf.Name).Add(typ))
	}
	addDoc(f, fmt.Sprintf("%s is the result of %s: one field is set, by status.", op.Result.Name, op.GoName))
	f.Type().Id(op.Result.Name).Struct(fields...)
}

// emitParams writes an operation's params struct.
func (e *emitter) emitParams(f *jen.File, op *ir.Operation) {
	var fields []jen.Code
	for _, p := range op.Params {
		typ, _ := fieldExpr(p.Type, p.Required)
		doc := []string{p.Description, fmt.Sprintf("Sent as %s parameter %q.", p.In, p.Name)}
		if p.Required {
			doc[1] = fmt.Sprintf("Sent as %s parameter %q. Required.", p.In, p.Name)
		}
		if p.Deprecated {
			doc = append(doc, "Deprecated: the API marks this parameter as deprecated.")
		}
		fields = append(fields, comment(doc...)...)
		fields = append(fields, jen.Id(p.GoName).Add(typ))
	}
	addDoc(f, fmt.Sprintf("%s holds the query, header and cookie parameters of %s. A nil or zero field is not sent.", op.ParamsName, op.GoName))
	f.Type().Id(op.ParamsName).Struct(fields...)
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

// multipartStatements stream a body struct as multipart/form-data: files as
// file parts, scalars as text fields, arrays as repeated parts, anything else
// as a JSON-encoded part.
func multipartStatements(b *ir.RequestBody, fail func(jen.Code) jen.Code) []jen.Code {
	st := declOf(b.Type).Kind.(*ir.Struct)
	body := jen.Id(b.ArgName)
	if b.ByPointer() {
		body = jen.Parens(jen.Op("*").Id(b.ArgName))
	}
	stmts := []jen.Code{jen.Var().Id("parts").Index().Id("formPart")}
	add := func(part jen.Code) jen.Code {
		return jen.Id("parts").Op("=").Append(jen.Id("parts"), part)
	}
	for _, f := range st.Fields {
		field := body.Clone().Dot(f.Name)
		inner := stripNull(f.Type)
		one := func(v jen.Code, t ir.Type) []jen.Code {
			if p, ok := t.(*ir.Prim); ok && p.Kind == ir.Binary {
				return []jen.Code{add(jen.Id("filePart").Call(jen.Lit(f.JSONName), v))}
			}
			if scalarType(t) {
				return []jen.Code{add(jen.Id("fieldPart").Call(jen.Lit(f.JSONName), scalarString(v, t)))}
			}
			return []jen.Code{
				jen.List(jen.Id("p"), jen.Err()).Op(":=").Id("jsonPart").Call(jen.Lit(f.JSONName), v),
				jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err())),
				add(jen.Id("p")),
			}
		}
		send := func(v jen.Code) []jen.Code {
			if s, ok := inner.(*ir.Slice); ok && (scalarType(s.Elem) || isBinary(s.Elem)) {
				elem, ptr := elemPointer(s.Elem)
				if ptr {
					// A null element sends no part.
					return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
						jen.If(jen.Id("e").Op("!=").Nil()).Block(one(jen.Parens(jen.Op("*").Id("e")), elem)...))}
				}
				return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(v)).Block(one(jen.Id("e"), elem)...)}
			}
			return one(v, inner)
		}
		switch shapeOf(f.Type, f.Required) {
		case gotype.Value:
			if sent := send(field); len(sent) == 1 {
				stmts = append(stmts, sent...)
			} else {
				// In a block of its own: a JSON part declares p and err.
				stmts = append(stmts, jen.Block(sent...))
			}
		case gotype.Pointer:
			stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(send(derefScalar(field, inner))...))
		case gotype.NilableValue:
			stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(send(field)...))
		case gotype.NullableValue:
			stmts = append(stmts, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(send(jen.Id("v"))...))
		}
	}
	return append(stmts, jen.Id("req").Dot("setMultipartBody").Call(jen.Id("parts")))
}

// scalarType reports whether t is sent as a single text value.
func scalarType(t ir.Type) bool {
	switch t := stripNull(t).(type) {
	case *ir.Prim:
		return t.Kind != ir.Any && t.Kind != ir.Binary
	case *ir.Ref:
		_, ok := t.Decl.Kind.(*ir.Enum)
		return ok
	}
	return false
}

func isBinary(t ir.Type) bool {
	p, ok := stripNull(t).(*ir.Prim)
	return ok && p.Kind == ir.Binary
}

// emptiable reports whether a path argument's type has an empty value that
// would collapse its path segment: strings, string enums, lists and maps.
func emptiable(t ir.Type) bool {
	switch t := stripNull(t).(type) {
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
