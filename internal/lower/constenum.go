package lower

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// constEnum lowers a oneOf or anyOf of constants, JSON Schema's way to name
// and describe each value of an enum (oneOf: [{const: r, title: Red,
// description: ...}, ...]), as an enum whose constants take the titles and
// descriptions. One member of the constants' type that admits any other
// value (anyOf: [{const: a}, {type: string}], an open enum) adds nothing:
// the SDK's enums decode unknown values anyway. It returns nil for any
// other oneOf or anyOf.
func (l *lowerer) constEnum(s *openapi3.Schema, ptr, ctx string, pinned bool) ir.Type {
	list := s.OneOf
	if len(list) == 0 {
		list = s.AnyOf
	}
	if len(list) == 0 || len(s.Properties) > 0 || len(s.Enum) > 0 {
		return nil
	}
	var members []*openapi3.Schema // the constants, in order
	var values []any
	typ, open := "", false
	for _, m := range list {
		// A member by reference is a type of its own (a named enum of one
		// value), kept as the union or the type it is.
		if m == nil || m.Value == nil || m.Ref != "" {
			return nil
		}
		v := m.Value
		if isNullSchema(v) {
			continue
		}
		if c := constValue(v); c != nil {
			t := constType(c)
			if len(t) != 1 || (typ != "" && !isOfType(c, typ)) {
				return nil
			}
			if typ == "" || typ == openapi3.TypeNumber {
				typ = t[0]
			}
			members, values = append(members, v), append(values, c)
			continue
		}
		if t := nonNullTypes(v); !open && len(t) == 1 && isPlainScalar(v) && (typ == "" || sameScalar(typ, t[0])) {
			open = true
			if typ == "" || typ == openapi3.TypeNumber {
				typ = t[0]
			}
			continue
		}
		return nil
	}
	// Two constants at least: one beside an open member is a special value
	// of a free one (Stripe's string or "" to unset), a union of the two.
	if len(members) < 2 || (typ != openapi3.TypeString && typ != openapi3.TypeInteger && typ != openapi3.TypeNumber) {
		return nil
	}
	if typ == openapi3.TypeNumber {
		// constType says number for every JSON number; enums are of
		// strings or integers.
		for _, v := range values {
			if !isOfType(v, openapi3.TypeInteger) {
				return nil
			}
		}
		typ = openapi3.TypeInteger
	}
	e := *s
	e.OneOf, e.AnyOf, e.Enum = nil, nil, values
	e.Type = &openapi3.Types{typ}
	t := l.enumType(&e, []string{typ}, ptr, ctx, pinned)
	ref, ok := t.(*ir.Ref)
	if !ok {
		return nil
	}
	en := ref.Decl.Kind.(*ir.Enum)
	for i, m := range members {
		for _, v := range en.Values {
			if enumKey(v.Value) == enumKey(values[i]) {
				if v.Label == "" {
					v.Label = strings.TrimSpace(m.Title)
				}
				if v.Description == "" {
					v.Description = strings.TrimSpace(m.Description)
				}
			}
		}
	}
	return t
}

// constValue is the one value a schema allows (const, or an enum of one),
// nil when it allows more or only null.
func constValue(s *openapi3.Schema) any {
	if s.Const != nil {
		return s.Const
	}
	if len(s.Enum) == 1 {
		return s.Enum[0]
	}
	return nil
}

// isPlainScalar reports whether s is a scalar type and nothing else: no
// values listed, nothing composed.
func isPlainScalar(s *openapi3.Schema) bool {
	t := nonNullTypes(s)
	return len(t) == 1 && t[0] != openapi3.TypeObject && t[0] != openapi3.TypeArray &&
		len(s.Enum) == 0 && s.Const == nil && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.AllOf) == 0
}

// sameScalar reports whether constants of type a (as constType gives it: a
// number for every JSON number) belong to a member of type b.
func sameScalar(a, b string) bool {
	if a == openapi3.TypeNumber {
		return b == openapi3.TypeNumber || b == openapi3.TypeInteger
	}
	return a == b
}
