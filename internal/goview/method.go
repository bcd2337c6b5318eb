package goview

import (
	"slices"
	"strconv"

	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// Group is a service type and its methods.
type Group struct {
	IR      *ir.Group
	Recv    string // the receiver's name
	Type    string // the receiver's type: the service, or Client
	Methods []*Method
	// Access is the service as a caller reaches it from the client, its
	// fields from the top: "Users", "Admin.Users"; "" for the client.
	Access string
}

// AccessPath is the selector path from the client to the service of g:
// "Users", "Admin.Users"; "" for the client's own methods.
func AccessPath(g *ir.Group) string {
	if g.FieldName == "" {
		return ""
	}
	if g.Parent != nil {
		return AccessPath(g.Parent) + "." + g.FieldName
	}
	return g.FieldName
}

// Method is an operation's method: its signature, its path, the locals its
// body declares, and what it returns for each response status.
type Method struct {
	Op    *ir.Operation
	Group *Group
	// CallName is the method as a caller writes it after the client,
	// "Users.Get" (a client method's is its name): errors name it.
	CallName string

	Ctx      *Arg   // context.Context
	PathArgs []*Arg // one per path parameter, in path order
	Body     *Arg   // nil when the operation takes no body
	Params   *Arg   // the params struct; nil when there are no parameters
	Opts     *Arg   // ...CallOption

	// ParamFields are the params struct's fields, in op.Params' order.
	ParamFields []*ParamField
	// ParamsByValue says the params struct is passed by value: a parameter
	// is required, so callers cannot leave it out with nil.
	ParamsByValue bool

	Result       *Type          // what the method returns besides error; nil for nothing
	Stream       *Stream        // set when Result is a stream (stream.go)
	ResultFields []*ResultField // the response struct's fields, when the result is one

	Path []Segment

	// Cases are what the method returns, by status, in the order of the
	// responses that first name each; Fallback is what every other status
	// returns.
	Cases    []*Case
	Fallback *Case

	Locals Locals

	// Pager is the operation's iterator; nil when it does not page.
	Pager *Pager
}

// Arg is an argument of a method.
type Arg struct {
	Name  string
	Type  *Type
	Param *ir.Param // for a path argument
	// Text is the local that holds a path argument's formatted value, for
	// a value formatted by its JSON form before the request is built; ""
	// for the others.
	Text string
}

// ParamField is a field of a params struct.
type ParamField struct {
	IR *ir.Param
	Field
}

// ResultField is a field of a response struct.
type ResultField struct {
	IR       *ir.ResultField
	Type     *Type
	Statuses []string // the success statuses that set it
}

// Segment is a piece of the request path: literal text, an argument, or
// a path parameter the client sets.
type Segment struct {
	Lit    string
	Arg    *Arg       // nil for literal text
	Global *ir.Global // the client's path parameter, filled when the call is made
}

// Locals are the names of the identifiers a method body declares, chosen
// not to hide an argument, a package the body uses or a package-level name.
type Locals struct {
	Req, Resp, Err string
	Value, OK      string // a Nullable's value, and whether it is set
	Text           string // a parameter's value, formatted
	Cookies        string
	Query          string
	Parts, Part    string // a multipart body's parts, and one of them
	Elem           string // a list's element in a loop
	Out, Keys, Key string // a list or map being formatted
}

// CaseKind is what a method does for a response status.
type CaseKind uint8

const (
	CaseNone     CaseKind = iota // success of a method without result: discard the body
	CaseEmpty                    // success without a body: the zero result, or a response struct with only the status
	CaseResult                   // success: decode the body into the result, or into its response struct field
	CaseError                    // decode the body into a typed error
	CaseAPIError                 // an *APIError with the status and body
)

// Case is what a method does for some response statuses.
type Case struct {
	Kind      CaseKind
	Responses []*ir.Response // the statuses it answers; for Fallback, the default response, if declared
	Error     *ir.Decl       // CaseError's type
	Field     *ResultField   // CaseResult's field of the response struct, if the result is one
	Body      *ir.Response   // CaseResult's response: the body's type and encoding
}

// stdPackages are the standard packages method bodies refer to; an argument
// or local of the same name would hide them.
var stdPackages = []string{
	"base64", "context", "fmt", "http", "io", "iter", "json", "maps", "slices", "strconv", "strings", "time",
}

// newMethodScope returns the scope a method's names are claimed in: Go's
// predeclared names, the packages its body uses, and package-level names.
func newMethodScope(reserved []string) *naming.Scope {
	s := naming.NewScope(naming.Predeclared...)
	s.Reserve(stdPackages...)
	s.Reserve(reserved...)
	return s
}

func (v *View) newMethod(g *Group, op *ir.Operation, outer *naming.Scope) *Method {
	m := &Method{Op: op, Group: g, CallName: op.GoName}
	if g.Access != "" {
		m.CallName = g.Access + "." + op.GoName
	}
	scope := outer.Child()
	scope.Reserve(g.Recv)
	claim := func(cands ...string) string {
		name, _ := scope.Claim(cands...)
		return name
	}

	m.Ctx = &Arg{Name: claim("ctx"), Type: qual("context", "Context")}
	if b := op.Body; b != nil {
		m.Body = &Arg{Name: claim("body"), Type: v.body(b)}
	}
	if len(op.Params) > 0 {
		m.ParamsByValue = slices.ContainsFunc(op.Params, func(p *ir.Param) bool { return p.Required })
		t := v.own(op.ParamsName, nil)
		if !m.ParamsByValue {
			t = Pointer(t)
		}
		m.Params = &Arg{Name: claim("params"), Type: t}
		for _, p := range op.Params {
			m.ParamFields = append(m.ParamFields, &ParamField{IR: p, Field: v.Field(p.Type, p.Required)})
		}
	}
	m.Opts = &Arg{Name: claim("opts"), Type: v.own("CallOption", nil)}
	byParam := map[*ir.Param]*Arg{}
	for _, p := range op.PathParams {
		base := naming.Camel(p.Name)
		if base == "" {
			base = "param"
		}
		inner, _ := ir.Unwrap(p.Type)
		a := &Arg{Name: claim(base, base+"Param"), Type: v.Type(inner), Param: p}
		m.PathArgs = append(m.PathArgs, a)
		byParam[p] = a
	}
	for _, part := range op.PathParts {
		switch {
		case part.Global != nil:
			m.Path = append(m.Path, Segment{Global: part.Global})
		case part.Param == nil:
			m.Path = append(m.Path, Segment{Lit: part.Lit})
		default:
			m.Path = append(m.Path, Segment{Arg: byParam[part.Param]})
		}
	}
	structured := 0
	for _, a := range m.PathArgs {
		if inner, _ := ir.Unwrap(a.Param.Type); !Textual(inner) {
			a.Text = claim("pathArg" + strconv.Itoa(structured))
			structured++
		}
	}
	m.Locals = Locals{
		Req: claim("req"), Resp: claim("resp"), Err: claim("err"),
		Value: claim("v"), OK: claim("ok"), Text: claim("text"), Cookies: claim("cookies"),
		Query: claim("q"), Parts: claim("parts"), Part: claim("p"), Elem: claim("e"),
		Out: claim("out"), Keys: claim("keys"), Key: claim("k"),
	}

	v.result(m)
	if op.Pagination != nil {
		m.Pager = v.newPager(m, claim)
	}
	return m
}

// body is the type of a request body argument: a pointer, nil meaning no
// body, when the body is optional and its type has no nil of its own.
func (v *View) body(b *ir.RequestBody) *Type {
	switch b.Encoding {
	case ir.EncodingBinary:
		return qual("io", "Reader")
	case ir.EncodingText:
		return ident("string")
	}
	inner, _ := ir.Unwrap(b.Type)
	t := v.Type(inner)
	if !b.Required && !t.HasNil() {
		return Pointer(t)
	}
	return t
}

// result sets the method's result type and its cases.
func (v *View) result(m *Method) {
	op := m.Op
	switch op.Result.Kind {
	case ir.ResultSingle:
		m.Result = v.Result(op.Result.Type, op.Result.Encoding)
	case ir.ResultMulti:
		m.Result = Pointer(v.own(op.Result.Name, nil))
		for _, rf := range op.Result.Fields {
			t := v.Result(rf.Type, rf.Encoding)
			if !t.IsPointer() && rf.Encoding != ir.EncodingBinary {
				t = Pointer(t) // nil when another status answered
			}
			f := &ResultField{IR: rf, Type: t}
			for _, r := range op.Responses {
				if r.IsSuccess() && r.Type != nil && ir.SameType(r.Type, rf.Type) && r.Encoding == rf.Encoding {
					f.Statuses = append(f.Statuses, r.Status)
				}
			}
			m.ResultFields = append(m.ResultFields, f)
		}
	}

	if op.Stream != nil && op.Result.Kind == ir.ResultSingle {
		v.stream(m)
	}

	// With no 2xx response declared, the default response is the success.
	successIsDefault := !slices.ContainsFunc(op.Responses, (*ir.Response).IsSuccess)
	m.Fallback = &Case{Kind: CaseAPIError}
	for _, r := range op.Responses {
		var c *Case
		if r.IsSuccess() || (r.Status == "default" && successIsDefault) {
			c = v.successCase(m, r)
		} else if d := declOf(r.Type); d != nil && d.IsError {
			c = &Case{Kind: CaseError, Error: d}
		} else {
			c = &Case{Kind: CaseAPIError}
		}
		c.Responses = []*ir.Response{r}
		if r.Status == "default" {
			m.Fallback = c
			continue
		}
		if i := slices.IndexFunc(m.Cases, c.same); i >= 0 {
			m.Cases[i].Responses = append(m.Cases[i].Responses, r)
			continue
		}
		m.Cases = append(m.Cases, c)
	}
}

// Success reports whether the case returns without error.
func (c *Case) Success() bool { return c.Kind <= CaseResult }

// same reports whether two cases do the same.
func (c *Case) same(o *Case) bool {
	return c.Kind == o.Kind && c.Error == o.Error && c.Field == o.Field
}

// SameAsFallback reports whether a case does what the method's fallback
// does, so that it needs no case of its own in code.
func (m *Method) SameAsFallback(c *Case) bool {
	return c.Kind == CaseAPIError && m.Fallback.Kind == CaseAPIError
}

func (v *View) successCase(m *Method, r *ir.Response) *Case {
	switch {
	case m.Op.Result.Kind == ir.ResultNone:
		return &Case{Kind: CaseNone}
	case r.Type == nil:
		return &Case{Kind: CaseEmpty}
	}
	c := &Case{Kind: CaseResult, Body: r}
	for _, f := range m.ResultFields {
		if ir.SameType(f.IR.Type, r.Type) && f.IR.Encoding == r.Encoding {
			c.Field = f
		}
	}
	return c
}

// declOf returns the declaration t names, through a Nullable.
func declOf(t ir.Type) *ir.Decl {
	t, _ = ir.Unwrap(t)
	if r, ok := t.(*ir.Ref); ok {
		return r.Decl
	}
	return nil
}

// NilBody reports whether the body argument may be nil to send no body: an
// optional body whose type has a nil.
func (m *Method) NilBody() bool {
	return m.Body != nil && !m.Op.Body.Required && m.Body.Type.HasNil()
}

// Args are the method's arguments in order, the variadic options last.
func (m *Method) Args() []*Arg {
	args := append([]*Arg{m.Ctx}, m.PathArgs...)
	if m.Body != nil {
		args = append(args, m.Body)
	}
	if m.Params != nil {
		args = append(args, m.Params)
	}
	return append(args, m.Opts)
}

// Textual reports whether a value of type t is written as text in a path,
// query or header directly: a scalar, or a list or map of scalars. Others
// go by their JSON form.
func Textual(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Slice:
		return ir.Scalar(t.Elem)
	case *ir.Map:
		return ir.Scalar(t.Elem)
	}
	return ir.Scalar(t)
}
