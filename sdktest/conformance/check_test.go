package conformance

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// TestPrismFailed: Prism's own errors and the JavaScript exceptions it
// catches are told from a 500 the spec declares.
func TestPrismFailed(t *testing.T) {
	for body, want := range map[string]bool{
		`{"type":"TypeError","title":"Invalid character in header content [\"Location\"]","status":500,"detail":""}`: true,
		`{"type":"https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED","status":500}`:                              true,
		`{"type":"about:blank","title":"Internal Server Error","status":500}`:                                        false,
	} {
		out := &Outcome{exchanges: []exchange{{respBody: []byte(body)}}}
		if got := prismFailed(out); got != want {
			t.Errorf("prismFailed(%s) = %v, want %v", body, got, want)
		}
	}
}

// TestNoBody: only a response with nothing in its body (JSON null is a
// value) counts as Prism's missing body.
func TestNoBody(t *testing.T) {
	for body, want := range map[string]bool{"": true, " \n": true, "null": false, "[]": false} {
		out := &Outcome{exchanges: []exchange{{respBody: []byte(body)}}}
		if got := out.noBody(); got != want {
			t.Errorf("noBody(%q) = %v, want %v", body, got, want)
		}
	}
}

// TestDeepNames: a deepObject value is expected under the names the style
// nests it into, arrays indexed, and an empty member under none.
func TestDeepNames(t *testing.T) {
	v := map[string]any{
		"since":  "2024",
		"status": []any{"open", "closed"},
		"sort":   map[string]any{"by": "id"},
		"none":   []any{},
	}
	got := deepNames("filter", v)
	slices.Sort(got)
	want := []string{"filter[since]", "filter[sort][by]", "filter[status][0]", "filter[status][1]"}
	if !slices.Equal(got, want) {
		t.Errorf("deepNames = %q, want %q", got, want)
	}
}

// TestOtherAlternativeKey: Prism's demand for the key of another security
// alternative is told from a parameter the operation requires.
func TestOtherAlternativeKey(t *testing.T) {
	api := &ir.API{SecuritySchemes: []*ir.SecurityScheme{
		{Name: "api_key", Kind: ir.SecurityAPIKey, In: ir.InQuery, ParamName: "key"},
		{Name: "api_token", Kind: ir.SecurityAPIKey, In: ir.InQuery, ParamName: "token"},
	}}
	either := &ir.Operation{Security: []ir.Requirement{{Schemes: []string{"api_key"}}, {Schemes: []string{"api_token"}}}}
	both := &ir.Operation{Security: []ir.Requirement{{Schemes: []string{"api_key", "api_token"}}}}
	for _, c := range []struct {
		op   *ir.Operation
		msg  string
		want bool
	}{
		{either, "Request query must have required property 'token'", true},
		{either, "Request query must have required property 'limit'", false},
		{both, "Request query must have required property 'token'", false},
	} {
		if got := otherAlternativeKey(api, c.op, c.msg); got != c.want {
			t.Errorf("otherAlternativeKey(%v, %q) = %v, want %v", c.op.Security, c.msg, got, c.want)
		}
	}
}

// TestUnsentOptionalParam: Prism's demand for a required member of an
// optional object parameter is logged only when the request has none of
// it, in any of the ways the parameter's style writes it.
func TestUnsentOptionalParam(t *testing.T) {
	obj := &ir.Ref{Decl: &ir.Decl{Name: "Range", Kind: &ir.Struct{Fields: []*ir.Field{{JSONName: "min"}, {JSONName: "max"}}}}}
	op := &ir.Operation{Params: []*ir.Param{
		{Name: "formObject", In: ir.InQuery, Style: "form", Explode: true, Type: obj},
		{Name: "deepObject", In: ir.InQuery, Style: "deepObject", Explode: true, Type: obj},
		{Name: "needed", In: ir.InQuery, Style: "form", Explode: true, Type: obj, Required: true},
	}}
	for _, c := range []struct {
		url, param string
		want       bool
	}{
		{"http://h/a", "formobject", true},
		{"http://h/a?min=1", "formobject", false},
		{"http://h/a?min=1", "deepobject", true},
		{"http://h/a?deepObject%5Bmin%5D=1", "deepobject", false},
		{"http://h/a", "needed", false},
		{"http://h/a", "other", false},
	} {
		if got := unsentOptionalParam(op, exchange{url: c.url}, []string{"request", "query", c.param}); got != c.want {
			t.Errorf("unsentOptionalParam(%s, %s) = %v, want %v", c.url, c.param, got, c.want)
		}
	}
}

// TestUnsupportedSecurity: a 401 is the spec's when every alternative needs
// a scheme the SDK has no option for.
func TestUnsupportedSecurity(t *testing.T) {
	api := &ir.API{SecuritySchemes: []*ir.SecurityScheme{{Name: "bearer", Kind: ir.SecurityBearer}}}
	req := func(names ...string) openapi3.SecurityRequirement {
		r := openapi3.SecurityRequirement{}
		for _, n := range names {
			r[n] = []string{}
		}
		return r
	}
	for _, c := range []struct {
		own  *openapi3.SecurityRequirements
		doc  openapi3.SecurityRequirements
		want bool
	}{
		{&openapi3.SecurityRequirements{req("digest")}, nil, true},
		{&openapi3.SecurityRequirements{req("digest"), req("bearer")}, nil, false},
		{&openapi3.SecurityRequirements{req("bearer", "digest")}, nil, true},
		{nil, openapi3.SecurityRequirements{req("digest")}, true},
		{&openapi3.SecurityRequirements{}, openapi3.SecurityRequirements{req("digest")}, false},
		{nil, nil, false},
	} {
		if got := unsupportedSecurity(api, c.own, c.doc); got != c.want {
			t.Errorf("unsupportedSecurity(%v, %v) = %v, want %v", c.own, c.doc, got, c.want)
		}
	}
}

// TestBodyRequiresUndeclared: Prism's "required" for a body property the
// schema requires and never declares (Mist's "file {}") is the spec's.
func TestBodyRequiresUndeclared(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "object", "required": ["file {}"], "properties": {"file": {"type": "string", "format": "binary"}, "json": {"type": "string"}}}`), &sc); err != nil {
		t.Fatal(err)
	}
	body := openapi3.NewRequestBody().WithContent(openapi3.NewContentWithSchema(&sc, []string{"multipart/form-data"}))
	o := &Operation{Raw: &openapi3.Operation{RequestBody: &openapi3.RequestBodyRef{Value: body}}, Op: &ir.Operation{Body: &ir.RequestBody{MediaType: "multipart/form-data"}}}
	for msg, want := range map[string]bool{
		"Request body must have required property 'file {}'":  true,
		"Request body must have required property 'json'":     false,
		"Request body must match exactly one schema in oneOf": false,
	} {
		if got := bodyRequiresUndeclared(o, msg); got != want {
			t.Errorf("bodyRequiresUndeclared(%q) = %v, want %v", msg, got, want)
		}
	}
}
