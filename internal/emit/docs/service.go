package docs

import (
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// serviceView is a page under docs/sdks: one service and its operations.
type serviceView struct {
	Title        string
	Accessor     string
	ErrorsAnchor string // the README's Error Handling section
	Overview     []string
	Operations   []*operationView
}

// operationView is one operation's section of a service page.
type operationView struct {
	Name    string // the heading: the method name
	Anchor  string
	Summary string
	Paras   []string
	Example string
	// Pagination describes the iterator, with IterExample, when the
	// operation pages.
	Pagination  []string
	IterExample string
	Params      *table
	Response    []string
	Result      *table // the fields of a multi-result struct
	Headers     *table // the declared response headers' fields, if any
	Success     []string
	Errors      *table
}

const modelsFromService = "../../models/"

func (e *emitter) servicePage(g *ir.Group) (*serviceView, error) {
	v := &serviceView{Title: serviceTitle(g), ErrorsAnchor: e.errorsAnchor}
	if g.FieldName == "" {
		v.Accessor = "Methods of " + code("Client") + "."
	} else {
		v.Accessor = "(" + code("client."+goview.AccessPath(g)) + ", of type " + code("*"+g.TypeName) + ")"
	}
	if desc := block(g.Description); desc != "" {
		v.Overview = append(v.Overview, desc)
	}
	// OpenAPI 3.2's tag hierarchy: the parent, and the children.
	if p := g.Parent; p != nil {
		v.Overview = append(v.Overview, "Part of ["+serviceTitle(p)+"](../"+p.DocDir+"/README.md).")
	}
	var children []string
	for _, c := range e.view.API.Parts(g) {
		children = append(children, "["+serviceTitle(c)+"](../"+c.DocDir+"/README.md)")
	}
	if len(children) > 0 {
		v.Overview = append(v.Overview, "Its parts: "+strings.Join(children, ", ")+".")
	}
	for _, op := range g.Operations {
		ov, err := e.operationView(g, op)
		if err != nil {
			return nil, err
		}
		v.Operations = append(v.Operations, ov)
	}
	return v, nil
}

func (e *emitter) operationView(g *ir.Group, op *ir.Operation) (*operationView, error) {
	v := &operationView{Name: op.GoName, Anchor: e.anchors[op], Summary: inline(op.Summary)}
	if v.Summary == "" {
		v.Summary = "Calls " + code(op.ID) + "."
	}
	if op.Summary != "" && op.Summary != op.Description {
		v.Paras = append(v.Paras, inline(op.Summary))
	}
	if desc := block(op.Description); desc != "" {
		v.Paras = append(v.Paras, desc)
	}
	if op.Deprecated {
		v.Paras = append(v.Paras, "**Deprecated**: the API marks this operation as deprecated.")
	}
	v.Paras = append(v.Paras, code(op.Method+" "+op.Route()))
	if lr := op.LongRunning; lr != nil {
		v.Paras = append(v.Paras, "A long-running operation: "+code(lr.GoName)+" takes the same arguments, and waits for it to end "+
			"(following its status URL with the call's options, Retry-After respected) before it returns the result; "+
			"an operation that ends Failed or Canceled is an "+code("*OperationError")+".")
	}
	if len(op.FixedHeaders) > 0 {
		var hs []string
		for _, h := range op.FixedHeaders {
			hs = append(hs, code(h.Name+": "+h.Value))
		}
		v.Paras = append(v.Paras, "Sends "+strings.Join(hs, ", ")+".")
	}
	if !sameSecurity(op.Security, e.api.Security) {
		v.Paras = append(v.Paras, "Authentication: "+securityText(op.Security)+".")
	}
	if op.Retry != nil && !sameRetry(op.Retry, e.api.Retry) {
		v.Paras = append(v.Paras, "Retries: "+retryText(op.Retry))
	}
	if len(op.Servers) > 0 {
		v.Paras = append(v.Paras, operationServersText(op.Servers))
	}

	m := e.view.Method(op)
	var err error
	if v.Example, err = e.exampler().operationExample(m); err != nil {
		return nil, err
	}
	if m.Pager != nil {
		if v.Pagination, v.IterExample, err = e.iterDocs(m); err != nil {
			return nil, err
		}
	}
	v.Params = paramsTable(m)

	// Response.
	switch {
	case m.Result == nil:
		v.Response = append(v.Response, "The method returns only an "+code("error")+", nil on success.")
	case m.ResultFields != nil:
		v.Response = append(v.Response, "**"+code(m.Result.String())+"**", "One field is set, by status.")
		v.Result = &table{Head: []string{"Field", "Type", "Set For Status"}}
		v.Result.add(code("StatusCode"), code("int"), "every status: the response's HTTP status")
		for _, rf := range m.ResultFields {
			v.Result.add(code(rf.IR.Name), typeLink(rf.Type, modelsFromService), joinCell(andList(rf.Statuses)))
		}
	default:
		v.Response = append(v.Response, "**"+typeLink(m.Result, modelsFromService)+"**")
		if m.Result.IsStream() {
			v.Response = append(v.Response, "The response body, streamed: read it and close it.")
		}
	}
	for _, r := range successResponses(m) {
		line := code(r.Status)
		if r.Summary != "" {
			line += " " + inline(r.Summary)
		}
		if r.Description != "" {
			line += ": " + inline(r.Description)
		}
		v.Success = append(v.Success, line)
	}

	if m.Op.HeadersName != "" {
		v.Response = append(v.Response, "The response headers the operation declares are read into a "+code(m.Op.HeadersName)+" with the call option "+code("WithResponseHeaders(&headers)")+
			"; a header that is absent or does not parse as its type leaves its field nil.")
		v.Headers = &table{Head: []string{"Field", "Type", "Header", "Status", "Description"}}
		for _, h := range m.Op.ResponseHeaders {
			v.Headers.add(code(h.GoName), code(e.view.Field(h.Type, false).Type.String()), code(h.Name), joinCell(andList(h.Statuses)), joinCell(cell(h.Description)))
		}
	}

	v.Errors = &table{Head: []string{"Error Type", "Status Code", "Description"}}
	for _, row := range errorRows(m, e.api.CommonError) {
		typ := code("*APIError")
		if row.decl != nil {
			typ = typeLink(goview.Pointer(e.view.Decl(row.decl).Type), modelsFromService)
		}
		var descs []string
		for _, d := range row.descriptions {
			descs = append(descs, cell(d))
		}
		v.Errors.add(typ, row.statusText(), joinCell(descs...))
	}
	return v, nil
}

// paramsTable lists a method's arguments in order, with the params struct's
// fields under it.
func paramsTable(m *goview.Method) *table {
	t := &table{Head: []string{"Parameter", "Type", "Required", "Description"}}
	t.add(code(m.Ctx.Name), code(m.Ctx.Type.String()), checkMark, "The context of the call: cancel it to stop the call and its retries.")
	for _, a := range m.PathArgs {
		t.add(code(a.Name), typeLink(a.Type, modelsFromService), checkMark, joinCell(paramFacts(a.Param)...))
	}
	if a := m.Body; a != nil {
		b := m.Op.Body
		facts := []string{cell(b.Description), "The request body, sent as " + code(b.MediaType) + "."}
		if b.Encoding == ir.EncodingMultipart {
			switch t, _ := ir.Unwrap(b.Type); t := t.(type) {
			case *ir.Prim:
				if t.Kind == ir.Binary {
					facts = append(facts, "The file is its one part, named "+code("file")+".")
				} else {
					facts = append(facts, "The string is its one part, a text field named "+code("file")+".")
				}
			case *ir.Map:
				facts = append(facts, "Each entry is a part named by its key, in key order.")
			case *ir.Ref:
				if _, ok := t.Decl.Kind.(*ir.Union); ok {
					facts = append(facts, "The parts are the fields of the variant that is set; with none set the call fails before anything is sent.")
				}
			}
			for _, pt := range b.PartTypes {
				facts = append(facts, "A "+code("File")+" in "+code(pt.Property)+" without a "+code("ContentType")+" is sent as "+code(pt.ContentType)+".")
			}
		}
		if m.NilBody() {
			facts = append(facts, "nil sends no body.")
		}
		t.add(code(a.Name), typeLink(a.Type, modelsFromService), requiredMark(b.Required), joinCell(facts...))
	}
	if a := m.Params; a != nil {
		if m.ParamsByValue {
			t.add(code(a.Name), code(a.Type.String()), checkMark, "The query, header and cookie parameters; optional fields left nil are not sent.")
		} else {
			t.add(code(a.Name), code(a.Type.String()), minusMark, "The query, header and cookie parameters; nil sends none, and fields left nil are not sent.")
		}
		for _, pf := range m.ParamFields {
			p := pf.IR
			facts := paramFacts(p)
			if p.In == ir.InHeader && p.Name == m.Op.IdempotencyHeader {
				facts = append(facts, "When not set, the call sends a random key made once for it, the same on every retry.")
			}
			t.add(code(a.Name+"."+p.GoName), typeLink(pf.Type, modelsFromService), requiredMark(p.Required), joinCell(facts...))
		}
	}
	t.add(code(m.Opts.Name), code("..."+m.Opts.Type.String()), minusMark, "Options for this call: "+code("WithRetryConfig")+", "+code("WithTimeout")+", "+code("WithHeader")+".")
	return t
}

// paramFacts describe a parameter: its text, where it travels, its example.
func paramFacts(p *ir.Param) []string {
	facts := []string{cell(p.Description), capitalIn(p.In) + " parameter " + code(p.Name) + "."}
	if p.QueryString {
		facts[1] = "The whole query string (" + code(p.Name) + "): each property is a name=value pair."
	}
	if p.In == ir.InPath && p.AllowReserved {
		facts = append(facts, "It may span segments: its slashes are sent as they are.")
	}
	if p.Example != "" && len(p.Example) <= 80 {
		facts = append(facts, "Example: "+code(p.Example)+".")
	}
	if p.Deprecated {
		facts = append(facts, "**Deprecated**: the API marks this parameter as deprecated.")
	}
	return facts
}

// capitalIn names a parameter location at the start of a sentence.
func capitalIn(in ir.ParamIn) string {
	return [...]string{"Path", "Query", "Header", "Cookie"}[in]
}
