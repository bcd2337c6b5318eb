package lower

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestImplicitDiscriminatorCycle: a variant whose allOf includes a schema it
// is part of is read once, and its properties still count.
func TestImplicitDiscriminatorCycle(t *testing.T) {
	str := func(v string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Enum: []any{v}}}
	}
	a := &openapi3.Schema{Required: []string{"kind"}, Properties: openapi3.Schemas{"kind": str("a")}}
	b := &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Value: a}}}
	a.AllOf = openapi3.SchemaRefs{{Value: b}}
	c := &openapi3.Schema{Required: []string{"kind"}, Properties: openapi3.Schemas{"kind": str("c")}}
	d, optional := implicitDiscriminator([]variantRef{{ref: &openapi3.SchemaRef{Value: b}}, {ref: &openapi3.SchemaRef{Value: c}}})
	if d == nil || d.PropertyName != "kind" || optional {
		t.Fatalf("got %+v, %v, want kind, required", d, optional)
	}
	// Optional in one variant: still told apart, by shape without it.
	c.Required = nil
	if d, optional := implicitDiscriminator([]variantRef{{ref: &openapi3.SchemaRef{Value: b}}, {ref: &openapi3.SchemaRef{Value: c}}}); d == nil || !optional {
		t.Errorf("optional: got %+v, %v, want kind, optional", d, optional)
	}
	// A value shared by two variants tells nothing apart.
	c.Properties["kind"] = str("a")
	if d, _ := implicitDiscriminator([]variantRef{{ref: &openapi3.SchemaRef{Value: b}}, {ref: &openapi3.SchemaRef{Value: c}}}); d != nil {
		t.Errorf("shared value: got %+v, want none", d)
	}
}
