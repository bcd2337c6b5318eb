package lower

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// tupleType returns the Go type of an array its prefixItems describe (a
// JSON Schema tuple, OpenAPI 3.1): a slice of the one schema its elements
// share (coordinates: [number, number]), else of any, with a warning. Go
// has no tuples; a slice keeps every element, in order.
func (l *lowerer) tupleType(s *openapi3.Schema, ptr, ctx string) ir.Type {
	items := s.PrefixItems
	if rest := s.Items; rest != nil && (rest.Ref != "" || rest.Value != nil && rest.Value.Type != nil && len(*rest.Value.Type) > 0) {
		// The elements after the tuple's are of this schema.
		items = append(slices.Clip(items), rest)
	}
	for _, it := range items[1:] {
		if !sameElement(items[0], it) {
			l.warnf(l.posOf(s.Origin), ptr+"/prefixItems", "a tuple of different schemas; elements typed as any")
			return &ir.Slice{Elem: &ir.Prim{Kind: ir.Any}}
		}
	}
	return &ir.Slice{Elem: l.typeOf(items[0], ptr+"/prefixItems/0", ctx+"Item")}
}

// sameElement reports whether two schemas of a tuple's elements are one:
// the same $ref, or the same type and format with nothing more to them.
func sameElement(a, b *openapi3.SchemaRef) bool {
	if a.Ref != "" || b.Ref != "" {
		return a.Ref == b.Ref
	}
	plain := func(s *openapi3.Schema) bool {
		return s != nil && s.Type != nil && len(s.Properties) == 0 && s.Items == nil && len(s.PrefixItems) == 0 &&
			len(s.Enum) == 0 && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0 && s.Not == nil
	}
	return plain(a.Value) && plain(b.Value) && slices.Equal(*a.Value.Type, *b.Value.Type) &&
		a.Value.Format == b.Value.Format && a.Value.Nullable == b.Value.Nullable
}
