package lower

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// A component schema with a discriminator and no oneOf or anyOf of its own
// is the base of the schemas that include it by allOf: OpenAPI 3.0's
// polymorphism and Swagger 2.0's discriminator. Where the API says the base,
// the value may be any of them, so the base is a union of its subtypes,
// chosen by the discriminator, and of its own properties (the "Base"
// variant), which a value naming no known subtype decodes as: a subtype the
// API adds later still gives its common fields.

// subtypeIndex maps each schema (by schemaKey) to the names of the component
// schemas that include it by an allOf $ref, in name order. It is built once.
func (l *lowerer) subtypeIndex() map[any][]string {
	if l.children != nil || l.doc.Components == nil {
		return l.children
	}
	l.children = map[any][]string{}
	for _, name := range sortedKeys(l.doc.Components.Schemas) {
		ref := l.doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, p := range ref.Value.AllOf {
			if p != nil && p.Ref != "" && p.Value != nil {
				key := schemaKey(p.Value)
				if !slices.Contains(l.children[key], name) {
					l.children[key] = append(l.children[key], name)
				}
			}
		}
	}
	return l.children
}

// subtypes returns the variants of a polymorphic base: the schemas its
// discriminator maps, then those that include it by allOf, directly or
// through another, each once; and last the base's own properties. It is nil
// when s is not such a base.
func (l *lowerer) subtypes(s *openapi3.Schema, ptr string) []variantRef {
	disc, inherited := l.discriminatorOf(s)
	if disc == nil || disc.PropertyName == "" || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || l.doc.Components == nil {
		return nil
	}
	if _, ok := l.split[s]; ok {
		return nil
	}
	self := schemaKey(s)
	var out []variantRef
	seen := map[any]bool{self: true}
	add := func(name, at string) {
		ref := l.doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil || seen[schemaKey(ref.Value)] {
			return
		}
		seen[schemaKey(ref.Value)] = true
		out = append(out, variantRef{ref: &openapi3.SchemaRef{Ref: diag.JoinPointer("#/components/schemas", name), Value: ref.Value}, at: at})
	}
	if !inherited {
		// An inherited mapping names the base's kinds, not only this one's.
		for _, key := range sortedKeys(disc.Mapping) {
			if name, ok := componentName(disc.Mapping[key].Ref); ok {
				add(name, diag.JoinPointer("/discriminator/mapping", key))
			}
		}
	}
	for _, name := range l.descendants(s) {
		add(name, "/discriminator")
	}
	if len(out) == 0 {
		return nil
	}
	if len(s.Properties) == 0 && len(s.AllOf) == 0 {
		return out // no properties of its own: a value of no known kind is kept in Raw
	}
	// The base's own properties: a copy without the discriminator, keyed
	// apart from the union the schema itself becomes.
	base := *s
	base.Discriminator = nil
	l.split[&base] = "base"
	name := "Base"
	if inherited {
		name = "Other" // a kind itself, not the base of its kinds ("FooBase" is often the base's own name)
	}
	return append(out, variantRef{ref: &openapi3.SchemaRef{Value: &base}, name: name, base: true})
}

// discriminatorOf returns the discriminator that makes s a polymorphic
// base: its own, or, for a component that is a kind of a base and has
// kinds of its own (a middle of the hierarchy), the nearest one its allOf
// parts have (inherited).
func (l *lowerer) discriminatorOf(s *openapi3.Schema) (d *openapi3.Discriminator, inherited bool) {
	if s.Discriminator != nil {
		return s.Discriminator, false
	}
	if len(s.AllOf) == 0 || len(l.subtypeIndex()[schemaKey(s)]) == 0 {
		return nil, false
	}
	var find func(s *openapi3.Schema, depth int) *openapi3.Discriminator
	find = func(s *openapi3.Schema, depth int) *openapi3.Discriminator {
		for _, p := range s.AllOf {
			if p == nil || p.Value == nil || depth > 16 {
				continue
			}
			if d := p.Value.Discriminator; d != nil && d.PropertyName != "" && len(p.Value.OneOf)+len(p.Value.AnyOf) == 0 {
				return d
			}
			if d := find(p.Value, depth+1); d != nil {
				return d
			}
		}
		return nil
	}
	if d := find(s, 0); d != nil {
		return d, true
	}
	return nil, false
}

// polymorphicDecl declares a base as the union of its subtypes, the last
// variant, when there is one, its own properties under a doc of their own.
func (l *lowerer) polymorphicDecl(s *openapi3.Schema, variants []variantRef, ptr, ctx string, pinned bool) ir.Type {
	disc, inherited := l.discriminatorOf(s)
	t := l.unionDecl(s, disc, variants, ptr, ctx, pinned, false)
	if last := variants[len(variants)-1]; last.base {
		if d := l.decls[l.keyOf(last.ref.Value)]; d != nil {
			name := strings.TrimPrefix(ptr, "#/components/schemas/")
			d.decl.SchemaName = ""
			d.decl.Description = fmt.Sprintf("The properties every kind of %q has. A value whose %q names no kind this SDK knows is decoded as this.",
				name, disc.PropertyName)
			if inherited {
				d.decl.Description = fmt.Sprintf("A %q that is none of its own kinds. A value whose %q names no kind this SDK knows is decoded as this.",
					name, disc.PropertyName)
			}
		}
	}
	return t
}

// isSubtypeOf reports whether s is a component schema that includes the
// polymorphic base by allOf, directly or through another that adds nothing
// (allOf: [$ref: Simple], Simple being allOf: [$ref: Base]): it is still a
// kind of its own, a struct, not the union the base stands for, which would
// hold itself. An inline allOf of the base alone, which only annotates it,
// is the base.
func (l *lowerer) isSubtypeOf(s, base *openapi3.Schema) bool {
	if d, _ := l.discriminatorOf(base); d == nil || len(base.OneOf) > 0 || len(base.AnyOf) > 0 {
		return false
	}
	if _, ok := l.split[base]; ok {
		return false
	}
	key := schemaKey(s)
	return slices.ContainsFunc(l.descendants(base), func(name string) bool {
		return schemaKey(l.doc.Components.Schemas[name].Value) == key
	})
}

// descendants returns the names of the component schemas that include s by
// an allOf $ref, directly or through one another, each once, nearest first.
func (l *lowerer) descendants(s *openapi3.Schema) []string {
	index := l.subtypeIndex()
	var out []string
	visited := map[any]bool{schemaKey(s): true}
	for queue := []any{schemaKey(s)}; len(queue) > 0; queue = queue[1:] {
		for _, name := range index[queue[0]] {
			if ref := l.doc.Components.Schemas[name]; ref != nil && ref.Value != nil && !visited[schemaKey(ref.Value)] {
				visited[schemaKey(ref.Value)] = true
				out = append(out, name)
				queue = append(queue, schemaKey(ref.Value))
			}
		}
	}
	return out
}

// componentName returns the component schema a mapping value names: a
// "#/components/schemas/" pointer or a bare name.
func componentName(ref string) (string, bool) {
	rest, ok := strings.CutPrefix(ref, "#/components/schemas/")
	if !ok && (ref == "" || strings.ContainsAny(ref, "#/.")) {
		return "", false
	}
	if strings.Contains(rest, "/") {
		return "", false
	}
	return strings.ReplaceAll(strings.ReplaceAll(rest, "~1", "/"), "~0", "~"), true
}
