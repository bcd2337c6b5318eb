package goview

import (
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/ir"
)

var (
	str  = &ir.Prim{Kind: ir.String}
	i64  = &ir.Prim{Kind: ir.Int64}
	anyT = &ir.Prim{Kind: ir.Any}
)

func nullable(t ir.Type) ir.Type { return &ir.Nullable{Elem: t} }

func TestFieldHolding(t *testing.T) {
	pet := &ir.Decl{Name: "Pet", Kind: &ir.Struct{}}
	tree := &ir.Decl{Name: "Tree", Kind: &ir.Struct{}, Recursive: true}
	v := New(&ir.API{Package: "p"}, nil)
	for _, tt := range []struct {
		t        ir.Type
		required bool
		want     string
		hold     Hold
		omit     bool
	}{
		{str, true, "string", HoldValue, false},
		{str, false, "*string", HoldPointer, true},
		{nullable(str), true, "*string", HoldPointer, false},
		{nullable(str), false, "Nullable[string]", HoldNullable, true},
		{&ir.Slice{Elem: i64}, false, "[]int64", HoldNil, true},
		{nullable(&ir.Map{Elem: anyT}), true, "map[string]any", HoldNil, false},
		{&ir.Ref{Decl: pet}, true, "Pet", HoldValue, false},
		{&ir.Ref{Decl: tree}, true, "*Tree", HoldPointer, false},
		{&ir.Slice{Elem: nullable(&ir.Ref{Decl: pet})}, true, "[]*Pet", HoldValue, false},
		{&ir.Prim{Kind: ir.DateTime}, false, "*time.Time", HoldPointer, true},
	} {
		f := v.Field(tt.t, tt.required)
		if f.Type.String() != tt.want || f.Hold != tt.hold || f.Omit != tt.omit {
			t.Errorf("Field(%#v, %v) = %s hold %d omit %v; want %s hold %d omit %v", tt.t, tt.required, f.Type, f.Hold, f.Omit, tt.want, tt.hold, tt.omit)
		}
	}
}

// A path parameter may take any name: the locals give way to it, and it
// gives way to packages and package-level names.
func TestMethodNames(t *testing.T) {
	param := func(name string) *ir.Param { return &ir.Param{Name: name, In: ir.InPath, Type: str, Required: true} }
	req, ctx, pkg, rt := param("req"), param("ctx"), param("http"), param("pathEscape")
	op := &ir.Operation{ID: "get", GoName: "Get", Method: "GET", Path: "/{req}/{ctx}/{http}/{pathEscape}",
		PathParams: []*ir.Param{req, ctx, pkg, rt}}
	for _, p := range op.PathParams {
		op.PathParts = append(op.PathParts, ir.PathPart{Lit: "/"}, ir.PathPart{Param: p})
	}
	api := &ir.API{Package: "p", Groups: []*ir.Group{{TypeName: "Client", Operations: []*ir.Operation{op}}}}
	m := New(api, []string{"pathEscape", "newRequest"}).Method(op)
	var names []string
	for _, a := range m.Args() {
		names = append(names, a.Name)
	}
	if got, want := strings.Join(names, " "), "ctx req ctxParam httpParam pathEscapeParam opts"; got != want {
		t.Errorf("arguments %q, want %q", got, want)
	}
	if m.Locals.Req != "req2" || m.Locals.Resp != "resp" {
		t.Errorf("locals req %q resp %q", m.Locals.Req, m.Locals.Resp)
	}
	var path []string
	for _, s := range m.Path {
		if s.Arg != nil {
			path = append(path, "{"+s.Arg.Name+"}")
		} else {
			path = append(path, s.Lit)
		}
	}
	if got := strings.Join(path, ""); got != "/{req}/{ctxParam}/{httpParam}/{pathEscapeParam}" {
		t.Errorf("path %s", got)
	}
}

// Responses become cases: statuses that do the same share one, a typed
// default response is the fallback, and a status without a typed error
// then needs a case of its own.
func TestCases(t *testing.T) {
	pet := &ir.Decl{Name: "Pet", Kind: &ir.Struct{}}
	problem := &ir.Decl{Name: "Problem", Kind: &ir.Struct{}, IsError: true}
	ok := &ir.Response{Status: "200", Code: 200, Type: &ir.Ref{Decl: pet}}
	created := &ir.Response{Status: "201", Code: 201, Type: &ir.Ref{Decl: pet}}
	notFound := &ir.Response{Status: "404", Code: 404}
	def := &ir.Response{Status: "default", Type: &ir.Ref{Decl: problem}}
	op := &ir.Operation{ID: "get", GoName: "Get", Method: "GET", Path: "/",
		Responses: []*ir.Response{ok, created, notFound, def},
		Result:    ir.Result{Kind: ir.ResultSingle, Type: &ir.Ref{Decl: pet}}}
	api := &ir.API{Package: "p", Groups: []*ir.Group{{TypeName: "Client", Operations: []*ir.Operation{op}}}}
	m := New(api, nil).Method(op)
	if m.Result.String() != "*Pet" {
		t.Errorf("result %s", m.Result)
	}
	if len(m.Cases) != 2 || m.Cases[0].Kind != CaseResult || len(m.Cases[0].Responses) != 2 ||
		m.Cases[1].Kind != CaseAPIError || m.SameAsFallback(m.Cases[1]) {
		t.Errorf("cases %+v", m.Cases)
	}
	if m.Fallback.Kind != CaseError || m.Fallback.Error != problem {
		t.Errorf("fallback %+v", m.Fallback)
	}
}
