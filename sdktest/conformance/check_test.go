package conformance

import (
	"slices"
	"testing"

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
