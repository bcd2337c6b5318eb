package lower

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// implicitDiscriminator finds the property that tells a union's object
// variants apart when the spec names none: one every variant requires, with
// a single string value of its own (event_type: {const: STARTED} in one,
// {const: FAILED} in the next; OpenAI's message roles, Stripe's object),
// which is a discriminator in all but name.
// Without it the variants, alike in their properties, could only be told
// apart by shape, and a value would decode as the first that fits. It
// returns nil when no property does, or when a variant is not an object.
//
// A property every variant requires is preferred. Failing one, a property
// every variant declares that way but some do not require (Clerk's
// verifications' object) is taken too, and optional is true: a value
// without it is then matched by shape, as before. The value is read where
// discriminatorValues reads it, in the variant's own parts.
func implicitDiscriminator(variants []variantRef) (disc *openapi3.Discriminator, optional bool) {
	if len(variants) < 2 {
		return nil, false
	}
	for _, v := range variants {
		if s := v.ref.Value; s == nil || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
			return nil, false
		}
	}
	var names []string
	for _, part := range ownParts(variants[0].ref.Value) {
		for name := range part.Properties {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	for _, needRequired := range []bool{true, false} {
		for _, name := range names {
			seen := map[string]bool{}
			ok := true
			for _, v := range variants {
				val, isValue := ownValue(v.ref.Value, name)
				if !isValue || seen[val] || needRequired && !slices.Contains(variantRequired(v.ref.Value), name) {
					ok = false
					break
				}
				seen[val] = true
			}
			if ok {
				return &openapi3.Discriminator{PropertyName: name}, !needRequired
			}
		}
	}
	return nil, false
}

// variantRequired are the properties an object variant requires itself or
// in its allOf parts, at any depth, each part read once.
func variantRequired(s *openapi3.Schema) []string {
	var out []string
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s.Required...)
		for _, p := range s.AllOf {
			if p != nil {
				walk(p.Value)
			}
		}
	}
	walk(s)
	return out
}
