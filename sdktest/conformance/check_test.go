package conformance

import (
	"slices"
	"testing"
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
