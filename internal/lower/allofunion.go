package lower

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// allOfUnion lowers an allOf of objects and one oneOf or anyOf of objects
// (allOf: [Base, {oneOf: [A, B]}]: Base and A, or Base and B) as a union of
// the objects merged with each member, rather than the objects alone: each
// variant has the common properties and its member's. The union's
// discriminator is the oneOf's. It returns nil for any other allOf.
func (l *lowerer) allOfUnion(s *openapi3.Schema, objects, typed []objectPart, ptr, ctx string, pinned bool) ir.Type {
	var union *objectPart
	for i, p := range typed {
		if !isObjectLike(p.s) {
			union = &typed[i]
		}
	}
	if union == nil || len(union.s.Properties) > 0 || (len(union.s.OneOf) == 0 && len(union.s.AnyOf) == 0) {
		return nil
	}
	members, anyOf := unionVariants(union.s)
	if len(members) < 2 {
		return nil
	}
	for _, m := range members {
		if !isObjectLike(m.ref.Value) {
			return nil
		}
	}
	at := ""
	if rest, ok := strings.CutPrefix(union.ptr, ptr); ok {
		at = rest
	}
	var variants []variantRef
	for i, m := range members {
		merged := &openapi3.Schema{Origin: s.Origin}
		for _, o := range objects {
			ref := o.ref
			if ref == nil {
				ref = &openapi3.SchemaRef{Value: o.s}
			}
			merged.AllOf = append(merged.AllOf, ref)
		}
		merged.AllOf = append(merged.AllOf, m.ref)
		l.split[merged] = fmt.Sprintf("allOf variant %d", i)
		name := variantSuffix(m, i)
		if m.ref.Ref != "" {
			name = pascalOr(refName(m.ref.Ref), name)
		}
		variants = append(variants, variantRef{ref: &openapi3.SchemaRef{Value: merged}, at: at + m.at, name: name, member: m.ref})
	}
	return l.unionDecl(s, union.s.Discriminator, variants, ptr, ctx, pinned, anyOf)
}
