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
// without it is then matched by shape, as before.
func implicitDiscriminator(variants []variantRef) (disc *openapi3.Discriminator, optional bool) {
	if len(variants) < 2 {
		return nil, false
	}
	var names []string
	for name := range variantProperties(variants[0].ref.Value) {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, needRequired := range []bool{true, false} {
		for _, name := range names {
			seen := map[string]bool{}
			ok := true
			for _, v := range variants {
				p := variantProperties(v.ref.Value)[name]
				val, isString := any(nil), false
				if p != nil && p.Value != nil && (!needRequired || slices.Contains(variantRequired(v.ref.Value), name)) {
					val = constValue(p.Value)
					_, isString = val.(string)
				}
				if !isString || seen[val.(string)] {
					ok = false
					break
				}
				seen[val.(string)] = true
			}
			if ok {
				return &openapi3.Discriminator{PropertyName: name}, !needRequired
			}
		}
	}
	return nil, false
}

// variantProperties are the properties an object variant declares itself
// or in its allOf parts, as discriminatorValues reads them; nil for a schema
// that is no object. A part that includes a schema it is part of is read
// once.
func variantProperties(s *openapi3.Schema) openapi3.Schemas {
	if s == nil || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return nil
	}
	out := openapi3.Schemas{}
	for _, part := range allOfParts(s) {
		for name, ps := range part.Properties {
			out[name] = ps
		}
	}
	return out
}

// variantRequired are the properties an object variant requires itself or
// in its allOf parts.
func variantRequired(s *openapi3.Schema) []string {
	var out []string
	for _, part := range allOfParts(s) {
		out = append(out, part.Required...)
	}
	return out
}

// allOfParts is s and every schema its allOf includes, at any depth, each
// once, the included before the including (whose properties win).
func allOfParts(s *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, p := range s.AllOf {
			if p != nil {
				walk(p.Value)
			}
		}
		out = append(out, s)
	}
	walk(s)
	return out
}
