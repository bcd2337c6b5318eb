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
func implicitDiscriminator(variants []variantRef) *openapi3.Discriminator {
	if len(variants) < 2 {
		return nil
	}
	var names []string
	for name := range variantProperties(variants[0].ref.Value) {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		seen := map[string]bool{}
		ok := true
		for _, v := range variants {
			p := variantProperties(v.ref.Value)[name]
			val, isString := any(nil), false
			if p != nil && p.Value != nil && slices.Contains(variantRequired(v.ref.Value), name) {
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
			return &openapi3.Discriminator{PropertyName: name}
		}
	}
	return nil
}

// variantProperties are the properties an object variant declares itself
// or in its allOf parts, as discriminatorValues reads them; nil for a schema
// that is no object.
func variantProperties(s *openapi3.Schema) openapi3.Schemas {
	if s == nil || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return nil
	}
	out := openapi3.Schemas{}
	for _, p := range s.AllOf {
		if p != nil && p.Value != nil {
			for name, ps := range variantProperties(p.Value) {
				out[name] = ps
			}
		}
	}
	for name, ps := range s.Properties {
		out[name] = ps
	}
	return out
}

// variantRequired are the properties an object variant requires itself or
// in its allOf parts.
func variantRequired(s *openapi3.Schema) []string {
	if s == nil {
		return nil
	}
	out := slices.Clone(s.Required)
	for _, p := range s.AllOf {
		if p != nil && p.Value != nil {
			out = append(out, variantRequired(p.Value)...)
		}
	}
	return out
}
