package docs

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// TestNumberHints: a spec's example number becomes the literal when the
// field's Go type holds it, and 0 when it does not; typed, it is converted
// to the type the goview gives.
func TestNumberHints(t *testing.T) {
	x := &exampler{emitter: &emitter{view: &goview.View{}}}
	for _, c := range []struct {
		kind  ir.PrimKind
		in    string
		typed bool
		want  string
	}{
		{ir.Float64, "1E5", false, "100000"},
		{ir.Float64, "2.5E-3", false, "0.0025"},
		{ir.Float64, "1.5", true, "float64(1.5)"},
		{ir.Float32, "0.1", false, "0.1"},
		{ir.Float32, "1e39", false, "0"},
		{ir.Float64, "2592000", false, "2592000"},
		{ir.Int32, "3000000000", false, "0"},
		{ir.Int64, "3000000000", true, "int64(3000000000)"},
		{ir.Int64, "1.5", false, "0"},
	} {
		if got := fmt.Sprintf("%#v", x.prim(c.kind, json.Number(c.in), c.typed, false)); got != c.want {
			t.Errorf("prim(%v, %s, typed %v) = %s, want %s", c.kind, c.in, c.typed, got, c.want)
		}
	}
}

// TestStringLiteralsKeepFences: a string from the spec is a Go string
// literal with no backtick, which could close the page's code fence.
func TestStringLiteralsKeepFences(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         `"plain"`,
		"a ``` b":       `"a \x60\x60\x60 b"`,
		"quote \" and ": `"quote \" and "`,
	} {
		if got := fmt.Sprintf("%#v", text(in)); got != want {
			t.Errorf("text(%q) = %s, want %s", in, got, want)
		}
	}
}
