package conformance

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// ErrSpecUnmet is the error of a call that no value of the SDK's types can
// make valid, because the spec contradicts itself (a required property it
// does not declare: the generator warns of each; an enum none of whose
// values has the schema's type). Such a call is skipped.
var ErrSpecUnmet = errors.New("the spec cannot be met")

// unmetBy returns ErrSpecUnmet, saying why, when err (from validating a
// request body built for root) is the spec's fault; else nil.
func unmetBy(root *openapi3.SchemaRef, v any, err error) error {
	if err == nil {
		return nil
	}
	if name, ok := undeclaredRequired(root, err); ok {
		return fmt.Errorf("%w: the request body requires %q, which its schema does not declare", ErrSpecUnmet, name)
	}
	if at, ok := enumOffType(err); ok {
		return fmt.Errorf("%w: no value of the enum at %s has its schema's type", ErrSpecUnmet, at)
	}
	if name, ok := closedPart(root, v, err, 0); ok {
		return fmt.Errorf("%w: the request body declares %q, which a part of its allOf with additionalProperties: false forbids", ErrSpecUnmet, name)
	}
	if name, ok := extraContradicts(root, err); ok {
		return fmt.Errorf("%w: the request body declares %q through allOf, and its own additionalProperties schema, which JSON Schema applies to that property too, contradicts it", ErrSpecUnmet, name)
	}
	if at, ok := overlappingOneOf(err); ok {
		return fmt.Errorf("%w: the oneOf at %s has variants that overlap: no value is exactly one of them", ErrSpecUnmet, at)
	}
	return nil
}

// overlappingOneOf reports whether every fault in err is a value matching
// more than one variant of a oneOf whose variants overlap: the fullest
// value built for each variant matches another too (Okta's
// AppUserUpdateRequest, two objects that require nothing; a oneOf of two
// plain strings). It names where the first is.
func overlappingOneOf(err error) (at string, ok bool) {
	var faults []*openapi3.SchemaError
	var walk func(err error) bool
	walk = func(err error) bool {
		var multi openapi3.MultiError
		if errors.As(err, &multi) {
			return len(multi) > 0 && !slices.ContainsFunc(multi, func(e error) bool { return !walk(e) })
		}
		var se *openapi3.SchemaError
		if !errors.As(err, &se) {
			return false
		}
		if se.SchemaField == "oneOf" && se.Schema != nil && strings.Contains(se.Reason, "more than one") {
			faults = append(faults, se)
			return overlapping(se.Schema)
		}
		return se.Origin != nil && walk(se.Origin)
	}
	if !walk(err) {
		return "", false
	}
	return "/" + strings.Join(faults[0].JSONPointer(), "/"), true
}

func overlapping(sc *openapi3.Schema) bool {
	for _, v := range sc.OneOf {
		val, err := synth{full: true}.value(v)
		if err != nil {
			return false
		}
		matches := 0
		for _, w := range sc.OneOf {
			if validate(w, val) == nil {
				matches++
			}
		}
		if matches == 1 {
			return false
		}
	}
	return true
}

// extraContradicts reports whether every fault in err is a property that
// an object declares only through its allOf parts failing the object's own
// additionalProperties schema (Azure's Factory: location a string in its
// Resource part, and additionalProperties {type: object}): JSON Schema
// applies additionalProperties to every property the object's own
// properties do not list, so no value is valid. It names one.
func extraContradicts(root *openapi3.SchemaRef, err error) (name string, ok bool) {
	leaves, ok := schemaLeaves(err)
	if !ok {
		return "", false
	}
	for _, se := range leaves {
		ptr := se.JSONPointer()
		if len(ptr) == 0 {
			return "", false
		}
		parent := schemaAt(root, ptr[:len(ptr)-1])
		prop := ptr[len(ptr)-1]
		if parent == nil || parent.Value == nil {
			return "", false
		}
		p := parent.Value
		extra := p.AdditionalProperties.Schema
		if extra == nil || extra.Value == nil || se.Schema != extra.Value || p.Properties[prop] != nil {
			return "", false
		}
		if props, _ := declared(p, 0); props[prop] == nil {
			return "", false
		}
		name = prop
	}
	return name, name != ""
}

var unsupported = regexp.MustCompile(`^property "(.*)" is unsupported$`)

// closedPart reports whether err, from validating v, a value built for
// root, is only about properties that the value's schema declares (through
// allOf) while one of its allOf parts allows no property it does not
// declare itself: no object with them is valid. It names one. Where the
// value is of a discriminated oneOf or anyOf, which the validator tries
// variant by variant, only the variant the value names is judged.
func closedPart(root *openapi3.SchemaRef, v any, err error, depth int) (name string, ok bool) {
	leaves, ok := schemaLeaves(err)
	if !ok || depth > 8 {
		return "", false
	}
	judged := map[string]bool{}
	for _, se := range leaves {
		ptr := se.JSONPointer()
		if m := unsupported.FindStringSubmatch(se.Reason); m != nil && (se.SchemaField == "additionalProperties" || se.SchemaField == "properties") {
			if at := schemaAt(root, ptr); at != nil && at.Value != nil && closedBesideUnion(at.Value, m[1]) {
				name = m[1]
				continue
			}
		}
		if at, n := namedVariant(root, v, ptr); at != nil {
			key := strings.Join(ptr[:n], "/")
			if !judged[key] {
				judged[key] = true
				sub := valueAt(v, ptr[:n])
				if name, ok = closedPart(at, sub, validate(at, sub), depth+1); !ok {
					return "", false
				}
			}
			continue
		}
		m := unsupported.FindStringSubmatch(se.Reason)
		if se.SchemaField != "additionalProperties" && se.SchemaField != "properties" || m == nil {
			return "", false
		}
		at := schemaAt(root, ptr)
		if at == nil || at.Value == nil || !closedDeclares(at.Value, m[1]) {
			return "", false
		}
		name = m[1]
	}
	return name, name != ""
}

// closedBesideUnion reports whether sc allows no property it does not list
// itself while a variant of its oneOf or anyOf declares name (Jira's
// CustomFieldContextDefaultValue: additionalProperties: false beside a
// oneOf of objects): no object with it is valid.
func closedBesideUnion(sc *openapi3.Schema, name string) bool {
	if closed := sc.AdditionalProperties.Has; closed == nil || *closed || sc.Properties[name] != nil {
		return false
	}
	return slices.ContainsFunc(slices.Concat(sc.OneOf, sc.AnyOf), func(c *openapi3.SchemaRef) bool {
		return c != nil && c.Value != nil && c.Value.Properties[name] != nil
	})
}

// closedDeclares reports whether sc, or one of its oneOf or anyOf variants
// (a value is one of them), is made of allOf parts and declares name.
func closedDeclares(sc *openapi3.Schema, name string) bool {
	for _, c := range append([]*openapi3.SchemaRef{{Value: sc}}, slices.Concat(sc.OneOf, sc.AnyOf)...) {
		if c == nil || c.Value == nil || len(c.Value.AllOf) == 0 {
			continue
		}
		if props, _ := declared(c.Value, 0); props[name] != nil {
			return true
		}
	}
	return false
}

// namedVariant returns the variant that the value at the shortest prefix
// of ptr holding a discriminated oneOf or anyOf names, and that prefix's
// length; nil if there is none.
func namedVariant(root *openapi3.SchemaRef, v any, ptr []string) (*openapi3.SchemaRef, int) {
	for n := 0; n <= len(ptr); n++ {
		at := schemaAt(root, ptr[:n])
		if at == nil || at.Value == nil {
			return nil, 0
		}
		d := at.Value.Discriminator
		if d == nil || d.PropertyName == "" || len(at.Value.OneOf)+len(at.Value.AnyOf) == 0 {
			continue
		}
		m, _ := valueAt(v, ptr[:n]).(map[string]any)
		kind, ok := m[d.PropertyName].(string)
		if !ok {
			return nil, 0
		}
		for _, variant := range slices.Concat(at.Value.OneOf, at.Value.AnyOf) {
			if variant != nil && variant.Value != nil && discriminatorValue(d, variant) == kind {
				return variant, n
			}
		}
		return nil, 0
	}
	return nil, 0
}

// valueAt returns the part of v at the JSON pointer ptr, or nil.
func valueAt(v any, ptr []string) any {
	for _, seg := range ptr {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// enumOffType reports whether every fault in err is at a schema whose enum
// holds no value of the schema's own type (type: string, enum: [169, 32]),
// which no value can satisfy, and gives the first one's value pointer.
func enumOffType(err error) (at string, ok bool) {
	leaves, ok := schemaLeaves(err)
	if !ok {
		return "", false
	}
	for _, se := range leaves {
		sc := se.Schema
		if sc == nil || len(sc.Enum) == 0 || sc.Type == nil || len(sc.Type.Slice()) == 0 {
			return "", false
		}
		for _, v := range sc.Enum {
			if sc.Type.Includes(jsonType(v)) || jsonType(v) == openapi3.TypeInteger && sc.Type.Is(openapi3.TypeNumber) {
				return "", false
			}
		}
		if at == "" {
			at = "/" + strings.Join(se.JSONPointer(), "/")
		}
	}
	return at, true
}

// jsonType names the JSON Schema type of a decoded JSON value.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return openapi3.TypeNull
	case bool:
		return openapi3.TypeBoolean
	case float64:
		if v == float64(int64(v)) {
			return openapi3.TypeInteger
		}
		return openapi3.TypeNumber
	case string:
		return openapi3.TypeString
	case []any:
		return openapi3.TypeArray
	default:
		return openapi3.TypeObject
	}
}

// schemaLeaves flattens err, from validating a value, into its innermost
// schema errors; ok is false if any part of it is not a schema error.
func schemaLeaves(err error) (leaves []*openapi3.SchemaError, ok bool) {
	var walk func(err error) bool
	walk = func(err error) bool {
		var multi openapi3.MultiError
		if errors.As(err, &multi) {
			for _, e := range multi {
				if !walk(e) {
					return false
				}
			}
			return len(multi) > 0
		}
		var se *openapi3.SchemaError
		if !errors.As(err, &se) {
			return false
		}
		if se.Origin != nil {
			return walk(se.Origin)
		}
		leaves = append(leaves, se)
		return true
	}
	return leaves, walk(err)
}

var missing = regexp.MustCompile(`^property "(.*)" is missing$`)

// undeclaredRequired reports whether err, from validating a value built for
// root, is only about properties that the value's schema requires but
// declares nowhere (through allOf, oneOf and anyOf), and names one.
func undeclaredRequired(root *openapi3.SchemaRef, err error) (name string, ok bool) {
	leaves, ok := schemaLeaves(err)
	if !ok {
		return "", false
	}
	for _, se := range leaves {
		m := missing.FindStringSubmatch(se.Reason)
		path := se.JSONPointer()
		if se.SchemaField != "required" || m == nil || len(path) == 0 || path[len(path)-1] != m[1] {
			return "", false
		}
		at := schemaAt(root, path[:len(path)-1])
		if at == nil || at.Value == nil {
			return "", false
		}
		if props, _ := declared(at.Value, 0); props[m[1]] != nil || additionalOf(at.Value, 0) != nil {
			return "", false
		}
		name = m[1]
	}
	return name, true
}

// schemaAt follows path, a value's JSON pointer, from root through
// properties and items.
func schemaAt(root *openapi3.SchemaRef, path []string) *openapi3.SchemaRef {
	sr := root
	for _, seg := range path {
		if sr == nil || sr.Value == nil {
			return nil
		}
		if _, err := strconv.Atoi(seg); err == nil {
			if items := itemsOf(sr.Value, 0); items != nil {
				sr = items
				continue
			}
		}
		props, _ := declared(sr.Value, 0)
		sr = props[seg]
	}
	return sr
}
