// Package conformance calls every operation of a generated SDK against the
// Prism mock server with arguments synthesised from the spec: Prism validates
// each request, and each schema-valid response must decode and encode again
// without loss. It works on any SDK through reflection, guided by the IR the
// generator built it from.
package conformance

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// synth builds JSON values (map[string]any, []any, string, float64, bool)
// that are valid against a schema. Full values carry every optional
// property; minimal ones only the required properties.
type synth struct {
	full bool
	// skipBinary leaves out string properties of format binary: multipart
	// files, which travel as the SDK's File and not as JSON.
	skipBinary bool
	// subtypes lists each polymorphic base's kinds (see Operation).
	subtypes map[*openapi3.Schema][]*openapi3.SchemaRef
	// base is the base being built as part of one of its kinds, which
	// is built as itself there.
	base *openapi3.Schema
	// checks counts the validations of one value's alternatives (see
	// fits), shared by the copies gen makes of s.
	checks *int
}

// maxChecks bounds the alternatives one value tries: each union of a
// recursive schema (InfluxDB's Expression) validates the whole value
// below it against every variant, which grows exponentially with depth.
// Past it, an alternative is taken untried; the request's own validation
// still says what is wrong with it.
const maxChecks = 2000

// fits reports whether v is valid against sr, within the value's budget.
func (s synth) fits(sr *openapi3.SchemaRef, v any) bool {
	if s.checks != nil {
		if *s.checks >= maxChecks {
			return true
		}
		*s.checks++
	}
	return validate(sr, v) == nil
}

// maxDepth stops optional properties of recursive schemas from expanding
// forever; required ones still go deeper.
const maxDepth = 8

// value returns a valid value for sr.
func (s synth) value(sr *openapi3.SchemaRef) (any, error) {
	s.checks = new(int)
	return s.gen(sr, 0, "")
}

func (s synth) gen(sr *openapi3.SchemaRef, depth int, at string) (any, error) {
	if sr == nil || sr.Value == nil {
		return "value", nil
	}
	if depth > 40 {
		return nil, fmt.Errorf("%s: schema nests too deep to synthesise", at)
	}
	sc := sr.Value
	if sc.Const != nil {
		return sc.Const, nil
	}
	if len(sc.Enum) > 0 {
		// The first value valid against the schema: a spec's enum may
		// hold values of another type too (["0", "1", true, false] for
		// a boolean).
		first := any(nil)
		for _, e := range sc.Enum {
			if e != nil && sc.VisitJSON(e) == nil {
				return e, nil
			}
			if first == nil {
				first = e
			}
		}
		if first != nil {
			return first, nil
		}
	}
	if v, ok := s.subtype(sc, depth, at); ok {
		return v, nil
	}
	if len(sc.AllOf) > 0 {
		v, err := s.allOf(sc, depth, at)
		if m, ok := v.(map[string]any); ok && err == nil {
			s.nameKind(sr, m)
		}
		return v, err
	}
	if len(sc.OneOf) > 0 || len(sc.AnyOf) > 0 {
		if len(sc.Properties) > 0 {
			return s.objectUnion(sc, depth, at)
		}
		return s.union(sc, depth, at)
	}
	switch typeOf(sc) {
	case "string":
		return s.str(sc, at)
	case "integer":
		return integer(sc), nil
	case "number":
		if sc.Format == "int32" || sc.Format == "int64" {
			return integer(sc), nil
		}
		return number(sc), nil
	case "boolean":
		return true, nil
	case "array":
		return s.array(sc, depth, at)
	case "object":
		return s.object(sc, depth, at)
	}
	if isNullSchema(sc) {
		return nil, nil // type: "null", a value that is always null
	}
	// No type: any JSON value is valid.
	return "value", nil
}

// typeOf returns the schema's type, inferring object from properties.
func typeOf(sc *openapi3.Schema) string {
	if sc.Type != nil {
		for _, t := range sc.Type.Slice() {
			if t != "null" {
				return t
			}
		}
	}
	if len(sc.Properties) > 0 || sc.AdditionalProperties.Schema != nil {
		return "object"
	}
	if sc.Items != nil {
		return "array"
	}
	return ""
}

// allOf merges the objects its parts give; a single part (a $ref wrapped
// to add nullable or a description) stands for itself.
func (s synth) allOf(sc *openapi3.Schema, depth int, at string) (any, error) {
	own := *sc
	own.AllOf = nil
	// A part that only annotates (a description beside a $ref) adds
	// nothing to build.
	parts := slices.DeleteFunc(slices.Clone(sc.AllOf), func(p *openapi3.SchemaRef) bool {
		return p != nil && p.Value != nil && annotationOnly(p.Value)
	})
	if typeOf(&own) != "" || len(own.OneOf) > 0 || len(own.AnyOf) > 0 || len(own.Required) > 0 {
		parts = append(parts, &openapi3.SchemaRef{Value: &own})
	}
	if len(parts) == 0 {
		return "value", nil // no constraint at all
	}
	if len(parts) == 1 {
		return s.gen(parts[0], depth, at+"/allOf/0")
	}
	// A part may require what another declares: generate the merged object.
	if merged, ok := mergeObjects(parts); ok {
		return s.object(merged, depth, at)
	}
	out := map[string]any{}
	for i, part := range parts {
		v, err := s.gen(part, depth, fmt.Sprintf("%s/allOf/%d", at, i))
		if err != nil {
			return nil, err
		}
		m, ok := v.(map[string]any)
		if !ok {
			return s.gen(&openapi3.SchemaRef{Value: mergeScalars(parts)}, depth, at)
		}
		for k, x := range m {
			out[k] = x
		}
	}
	return out, nil
}

// annotationOnly reports whether sc says nothing a value must meet: only a
// title, a description, examples and the like.
func annotationOnly(sc *openapi3.Schema) bool {
	c := *sc
	c.Extensions, c.Origin = nil, nil
	c.Title, c.Description, c.Default, c.Example, c.Examples, c.ExternalDocs = "", "", nil, nil, nil, nil
	c.ReadOnly, c.WriteOnly, c.Deprecated, c.XML = false, false, false, nil
	return reflect.ValueOf(c).IsZero()
}

// untyped reports whether sc gives a value no type, properties, items or
// alternatives: it only annotates or constrains one.
func untyped(sc *openapi3.Schema) bool {
	return sc == nil || typeOf(sc) == "" && len(sc.Properties) == 0 && sc.Items == nil &&
		len(sc.AllOf)+len(sc.OneOf)+len(sc.AnyOf)+len(sc.Enum) == 0
}

// mergeScalars merges the constraints of allOf parts that describe one
// scalar (a string with a format in one part and a pattern in another).
func mergeScalars(parts openapi3.SchemaRefs) *openapi3.Schema {
	out := &openapi3.Schema{}
	for _, p := range parts {
		sc := p.Value
		if sc == nil {
			continue
		}
		if len(sc.AllOf) > 0 {
			sc = mergeScalars(append(slices.Clone(sc.AllOf), &openapi3.SchemaRef{Value: &openapi3.Schema{Type: sc.Type, Format: sc.Format, Pattern: sc.Pattern, Enum: sc.Enum}}))
		}
		if sc.Type != nil {
			out.Type = sc.Type
		}
		out.Format = cmp.Or(sc.Format, out.Format)
		out.Pattern = cmp.Or(sc.Pattern, out.Pattern)
		if len(sc.Enum) > 0 {
			out.Enum = sc.Enum
		}
		if sc.Const != nil {
			out.Const = sc.Const
		}
		out.MinLength = max(out.MinLength, sc.MinLength)
		if sc.MaxLength != nil {
			out.MaxLength = sc.MaxLength
		}
		if sc.Min != nil {
			out.Min = sc.Min
		}
		if sc.Max != nil {
			out.Max = sc.Max
		}
		if sc.Items != nil {
			out.Items = sc.Items
		}
	}
	return out
}

// mergeObjects merges allOf parts that are all objects (or only add
// required names) into one object schema; ok is false otherwise.
func mergeObjects(parts openapi3.SchemaRefs) (*openapi3.Schema, bool) {
	out := &openapi3.Schema{Properties: openapi3.Schemas{}}
	for _, p := range parts {
		sc := p.Value
		if sc != nil && len(sc.OneOf) == 0 && requiredOnly(sc.AnyOf) {
			// "At least one of these": the first alternative's names.
			out.Required = append(out.Required, sc.AnyOf[0].Value.Required...)
			own := *sc
			own.AnyOf = nil
			sc = &own
		}
		if sc == nil || len(sc.OneOf) > 0 || len(sc.AnyOf) > 0 || len(sc.Enum) > 0 {
			return nil, false
		}
		if len(sc.AllOf) > 0 {
			inner, ok := mergeObjects(sc.AllOf)
			if !ok {
				return nil, false
			}
			own := *sc
			own.AllOf = nil
			inner2, ok := mergeObjects(openapi3.SchemaRefs{{Value: inner}, {Value: &own}})
			if !ok {
				return nil, false
			}
			sc = inner2
		}
		if t := typeOf(sc); t != "" && t != "object" {
			return nil, false
		}
		for name, prop := range sc.Properties {
			earlier := out.Properties[name]
			switch {
			case earlier != nil && prop != nil && earlier.Value != nil && prop.Value != nil && earlier.Value != prop.Value &&
				typeOf(earlier.Value) == "object" && (typeOf(prop.Value) == "object" || untyped(prop.Value)):
				// An object declared again, refined or constrained
				// ({required: [...]}): the value is both, as the SDK's
				// field is.
				out.Properties[name] = &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{earlier, prop}}}
			case earlier == nil || untyped(earlier.Value) || !untyped(prop.Value):
				// The later declaration wins, unless it only constrains a
				// property another part typed ({required: [...]} on a list).
				out.Properties[name] = prop
			}
		}
		out.Required = append(out.Required, sc.Required...)
		if sc.AdditionalProperties.Schema != nil || sc.AdditionalProperties.Has != nil {
			out.AdditionalProperties = sc.AdditionalProperties
		}
		out.MinProps = max(out.MinProps, sc.MinProps)
	}
	return out, true
}

// requiredOnly reports whether alternatives is a list of schemas that only
// require names (anyOf: [{required: [a]}, {required: [b]}]).
func requiredOnly(alternatives openapi3.SchemaRefs) bool {
	for _, a := range alternatives {
		sc := a.Value
		if sc == nil || len(sc.Required) == 0 || len(sc.Properties) > 0 || len(sc.AllOf)+len(sc.OneOf)+len(sc.AnyOf) > 0 || typeOf(sc) != "" && typeOf(sc) != "object" {
			return false
		}
	}
	return len(alternatives) > 0
}

// union takes the first variant that is not the null alternative and
// gives a value the union accepts (exactly one variant of a oneOf), and
// sets the discriminator property to the value that selects it.
func (s synth) union(sc *openapi3.Schema, depth int, at string) (any, error) {
	variants, kw := sc.OneOf, "oneOf"
	if len(variants) == 0 {
		variants, kw = sc.AnyOf, "anyOf"
	}
	var first any
	var firstErr error
	for i, v := range variants {
		if v.Value != nil && (isNullSchema(v.Value) || len(v.Value.Enum) == 1 && v.Value.Enum[0] == nil) {
			continue
		}
		val, err := s.gen(v, depth, fmt.Sprintf("%s/%s/%d", at, kw, i))
		if err != nil {
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		if d := sc.Discriminator; d != nil && d.PropertyName != "" {
			if m, ok := val.(map[string]any); ok {
				m[d.PropertyName] = discriminatorValue(d, v)
			}
		}
		if s.fits(&openapi3.SchemaRef{Value: sc}, val) {
			return val, nil
		}
		if m, ok := val.(map[string]any); ok && kw == "oneOf" && v.Value != nil && addSingleValued(m, v.Value) &&
			s.fits(&openapi3.SchemaRef{Value: sc}, m) {
			return m, nil
		}
		if kw == "oneOf" && !s.full {
			// A minimal value may be several variants ({} of two objects
			// that require nothing); the variant's optional properties
			// may tell it apart (Okta's role assignments: {type: "..."}).
			full := s
			full.full = true
			if fv, err := full.gen(v, depth, fmt.Sprintf("%s/%s/%d", at, kw, i)); err == nil {
				if d := sc.Discriminator; d != nil && d.PropertyName != "" {
					if m, ok := fv.(map[string]any); ok {
						m[d.PropertyName] = discriminatorValue(d, v)
					}
				}
				if s.fits(&openapi3.SchemaRef{Value: sc}, fv) {
					return fv, nil
				}
			}
		}
		if first == nil {
			first = val
		}
	}
	if first != nil {
		return first, nil // the caller's validation says what is wrong
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, fmt.Errorf("%s: no usable %s variant", at, kw)
}

func isNullSchema(sc *openapi3.Schema) bool {
	return sc.Type != nil && len(sc.Type.Slice()) == 1 && sc.Type.Is("null")
}

// objectUnion handles an object whose oneOf or anyOf variants add to its
// own properties: its properties merged with the first variant's that
// gives a valid value, preferring variants that require no deprecated
// property.
func (s synth) objectUnion(sc *openapi3.Schema, depth int, at string) (any, error) {
	variants := slices.Clone(sc.OneOf)
	if len(variants) == 0 {
		variants = slices.Clone(sc.AnyOf)
	}
	slices.SortStableFunc(variants, func(a, b *openapi3.SchemaRef) int {
		return cmp.Compare(b2i(a.Value != nil && variantDeprecated(sc, a.Value)), b2i(b.Value != nil && variantDeprecated(sc, b.Value)))
	})
	own := *sc
	own.OneOf, own.AnyOf = nil, nil
	var first any
	for _, v := range variants {
		if v.Value == nil {
			continue
		}
		merged, ok := mergeObjects(openapi3.SchemaRefs{{Value: &own}, v})
		if !ok {
			continue
		}
		val, err := s.object(merged, depth, at)
		if err != nil {
			return nil, err
		}
		if d := sc.Discriminator; d != nil && d.PropertyName != "" {
			val.(map[string]any)[d.PropertyName] = discriminatorValue(d, v)
		}
		if len(sc.OneOf) > 0 {
			dropOthersRequired(val.(map[string]any), sc, v.Value)
		}
		if s.fits(&openapi3.SchemaRef{Value: sc}, val) {
			return val, nil
		}
		if first == nil {
			first = val
		}
	}
	if first != nil {
		return first, nil
	}
	return s.object(&own, depth, at)
}

// addSingleValued sets in m each property of v that may have one value
// only (a const, an enum of one) and is not set yet, which tells a value
// with no required property apart from the other variants'; it reports
// whether it set any.
func addSingleValued(m map[string]any, v *openapi3.Schema) bool {
	added := false
	for _, name := range slices.Sorted(maps.Keys(v.Properties)) {
		p := v.Properties[name]
		if _, set := m[name]; set || p == nil || p.Value == nil {
			continue
		}
		switch {
		case p.Value.Const != nil:
			m[name] = p.Value.Const
		case len(p.Value.Enum) == 1:
			m[name] = p.Value.Enum[0]
		default:
			continue
		}
		added = true
	}
	return added
}

// dropOthersRequired leaves out of m, a value built for the oneOf variant
// v of sc, the optional properties that another variant requires: with
// them the value would match that variant too (oneOf: [{required: [url]},
// {required: [html]}] over shared properties).
func dropOthersRequired(m map[string]any, sc, v *openapi3.Schema) {
	for _, other := range sc.OneOf {
		if other.Value == nil || other.Value == v {
			continue
		}
		for _, name := range other.Value.Required {
			if !slices.Contains(v.Required, name) && !slices.Contains(sc.Required, name) {
				delete(m, name)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func variantDeprecated(sc, v *openapi3.Schema) bool {
	for _, name := range v.Required {
		if p := sc.Properties[name]; p != nil && p.Value != nil && p.Value.Deprecated {
			return true
		}
	}
	return false
}

// subtype builds a value of a polymorphic base (a discriminator, no oneOf
// or anyOf, schemas that include it by allOf) as its first kind that gives
// a valid value, the discriminator naming it: the SDK reads the value as
// that kind, which may require more than the base.
func (s synth) subtype(sc *openapi3.Schema, depth int, at string) (any, bool) {
	d := sc.Discriminator
	if d == nil && len(s.subtypes[sc]) > 0 {
		// A kind that has kinds of its own, under a base's
		// discriminator: its own name may be no value the base allows.
		d = inheritedDiscriminator(sc, 0)
	}
	if d == nil || d.PropertyName == "" || len(sc.OneOf)+len(sc.AnyOf) > 0 || sc == s.base {
		return nil, false
	}
	inner := s
	inner.base = sc
	for _, kind := range s.subtypes[sc] {
		v, err := inner.gen(kind, depth, at)
		m, ok := v.(map[string]any)
		if err != nil || !ok {
			continue
		}
		if _, named := m[d.PropertyName]; !named || len(s.subtypes[kind.Value]) == 0 {
			// A kind with kinds of its own was built as one of them,
			// which its value names already.
			m[d.PropertyName] = kindValue(d, kind)
		}
		if s.fits(kind, m) {
			return m, true
		}
	}
	return nil, false
}

// inheritedDiscriminator returns the discriminator of the nearest allOf
// part of sc that has one.
func inheritedDiscriminator(sc *openapi3.Schema, depth int) *openapi3.Discriminator {
	if depth > 16 {
		return nil
	}
	for _, part := range sc.AllOf {
		if part == nil || part.Value == nil {
			continue
		}
		if d := part.Value.Discriminator; d != nil && d.PropertyName != "" {
			return d
		}
		if d := inheritedDiscriminator(part.Value, depth+1); d != nil {
			return d
		}
	}
	return nil
}

// nameKind sets the discriminator property of m, a value of sr, to the
// value that names sr when sr is a kind of a polymorphic base.
func (s synth) nameKind(sr *openapi3.SchemaRef, m map[string]any) {
	for _, part := range sr.Value.AllOf {
		if part == nil || part.Value == nil {
			continue
		}
		d := part.Value.Discriminator
		if d == nil || d.PropertyName == "" || len(part.Value.OneOf)+len(part.Value.AnyOf) > 0 {
			continue
		}
		for _, kind := range s.subtypes[part.Value] {
			if kind.Value == sr.Value {
				m[d.PropertyName] = kindValue(d, kind)
				return
			}
		}
	}
}

// kindValue is the discriminator value that names kind, a subtype of a
// polymorphic base: its x-ms-discriminator-value, else as for a oneOf
// variant.
func kindValue(d *openapi3.Discriminator, kind *openapi3.SchemaRef) any {
	if v, ok := kind.Value.Extensions["x-ms-discriminator-value"].(string); ok && v != "" {
		return v
	}
	return discriminatorValue(d, kind)
}

// subtypeIndex maps each schema to the component schemas that include it by
// an allOf $ref, in name order.
func subtypeIndex(doc *openapi3.T) map[*openapi3.Schema][]*openapi3.SchemaRef {
	out := map[*openapi3.Schema][]*openapi3.SchemaRef{}
	if doc.Components == nil {
		return out
	}
	names := slices.Sorted(maps.Keys(doc.Components.Schemas))
	for _, name := range names {
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, p := range ref.Value.AllOf {
			if p != nil && p.Ref != "" && p.Value != nil {
				out[p.Value] = append(out[p.Value], &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: ref.Value})
			}
		}
	}
	return out
}

func discriminatorValue(d *openapi3.Discriminator, v *openapi3.SchemaRef) any {
	// The variant's own property says best what selects it.
	if v.Value != nil {
		if p := v.Value.Properties[d.PropertyName]; p != nil && p.Value != nil {
			if p.Value.Const != nil {
				return p.Value.Const
			}
			if len(p.Value.Enum) > 0 {
				return p.Value.Enum[0]
			}
		}
	}
	keys := make([]string, 0, len(d.Mapping))
	for k := range d.Mapping {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		// A mapping names a schema by reference or by its bare name.
		if m := d.Mapping[k].Ref; m == v.Ref || !strings.Contains(m, "/") && strings.HasSuffix(v.Ref, "/"+m) {
			return k
		}
	}
	return v.Ref[strings.LastIndex(v.Ref, "/")+1:]
}

func (s synth) array(sc *openapi3.Schema, depth int, at string) (any, error) {
	// Two items where they may be: a list of one cannot be told from a
	// scalar in a query or a form (a=1), and servers (Prism too) read it
	// so. Near the top only, so that nested lists stay small.
	n := max(uint64(1), sc.MinItems)
	if !sc.UniqueItems && depth < 3 {
		n = max(2, n)
	}
	if sc.MaxItems != nil && n > *sc.MaxItems {
		n = *sc.MaxItems
	}
	out := []any{}
	for i := uint64(0); i < n; i++ {
		v, err := s.gen(sc.Items, depth+1, at+"/items")
		if err != nil {
			return nil, err
		}
		if sc.UniqueItems {
			v = distinct(v, int(i), sc.Items)
		}
		out = append(out, v)
	}
	return out, nil
}

// distinct makes the i-th item of a list whose items must differ differ
// from the others where it simply can: another enum value, another number.
func distinct(v any, i int, items *openapi3.SchemaRef) any {
	if i == 0 || items == nil || items.Value == nil {
		return v
	}
	if enum := items.Value.Enum; len(enum) > i {
		return enum[i]
	}
	if f, ok := v.(float64); ok && (items.Value.Max == nil || f+float64(i) <= *items.Value.Max) {
		return f + float64(i)
	}
	return v
}

func (s synth) object(sc *openapi3.Schema, depth int, at string) (any, error) {
	out := map[string]any{}
	names := make([]string, 0, len(sc.Properties))
	for name := range sc.Properties {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := sc.Properties[name]
		required := slices.Contains(sc.Required, name)
		if p.Value != nil && p.Value.ReadOnly {
			continue // a request leaves it out, required or not
		}
		if !required && (!s.full || depth >= maxDepth) {
			continue
		}
		if s.skipBinary && p.Value != nil && p.Value.Format == "binary" {
			continue
		}
		v, err := s.gen(p, depth+1, at+"/"+name)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	ap := sc.AdditionalProperties
	switch {
	case ap.Schema != nil && (s.full || sc.MinProps > 0):
		v, err := s.gen(ap.Schema, depth+1, at+"/additionalProperties")
		if err != nil {
			return nil, err
		}
		out["key"] = v
	case len(sc.Properties) == 0 && (ap.Has == nil || *ap.Has) && (s.full || sc.MinProps > 0):
		// A free-form object such as metadata.
		out["key"] = "value"
	}
	// maxProperties: optional members out, the last first.
	for i := len(names) - 1; i >= 0 && sc.MaxProps != nil && uint64(len(out)) > *sc.MaxProps; i-- {
		if !slices.Contains(sc.Required, names[i]) {
			delete(out, names[i])
		}
	}
	if _, extra := out["key"]; extra && sc.MaxProps != nil && uint64(len(out)) > *sc.MaxProps {
		delete(out, "key")
	}
	// minProperties: the optional properties first, then more entries.
	for i := 2; uint64(len(out)) < sc.MinProps && i < 100; i++ {
		name := ""
		for _, n := range names {
			if _, set := out[n]; !set && (sc.Properties[n].Value == nil || !sc.Properties[n].Value.ReadOnly) {
				name = n
				break
			}
		}
		schema := sc.Properties[name]
		if name == "" {
			if ap.Has != nil && !*ap.Has {
				break
			}
			name, schema = "key"+strconv.Itoa(len(out)+1), ap.Schema
		}
		v := any("value")
		if schema != nil {
			var err error
			if v, err = s.gen(schema, depth+1, at+"/"+name); err != nil {
				return nil, err
			}
		}
		out[name] = v
	}
	return out, nil
}

func (s synth) str(sc *openapi3.Schema, at string) (any, error) {
	if strings.EqualFold(sc.ContentEncoding, "base64") && sc.Format == "" || sc.Format == "byte" {
		// Bytes (3.1's contentEncoding says what format: byte does),
		// which the SDK sends base64-encoded.
		return base64Value(sc, at)
	}
	switch sc.Format {
	case "email":
		return "user@example.com", nil
	case "uri", "url":
		return "https://example.com/callback", nil
	case "date-time":
		return "2024-01-02T03:04:05Z", nil
	case "date":
		return "2024-01-02", nil
	case "uuid":
		return "123e4567-e89b-12d3-a456-426614174000", nil
	case "duration":
		return "PT1H", nil
	case "time":
		return "03:04:05Z", nil
	case "ipv4":
		return "192.0.2.1", nil
	case "ipv6":
		return "2001:db8::1", nil
	case "hostname":
		return "example.com", nil
	case "uri-reference":
		return "/path", nil
	}
	if sc.Pattern != "" {
		v, err := fromPattern(sc.Pattern, sc.MinLength, sc.MaxLength)
		if err == nil {
			return v, nil
		}
		// A pattern Go's regexp cannot read (a lookahead): the example, or
		// a match of the pattern without its lookarounds, or else a plain
		// value; the server's validation judges them.
		if ex, ok := sc.Example.(string); !ok || ex == "" {
			if _, perr := syntax.Parse(goPattern(sc.Pattern), syntax.Perl); perr == nil {
				return nil, fmt.Errorf("%s: %w", at, err)
			}
			if v, err := fromPattern(withoutLookaround(sc.Pattern), sc.MinLength, sc.MaxLength); err == nil {
				return v, nil
			}
		} else {
			return ex, nil
		}
	}
	if ex, ok := sc.Example.(string); ok && ex != "" && sc.VisitJSON(ex) == nil {
		return ex, nil
	}
	v := "value"
	for uint64(len(v)) < sc.MinLength {
		v += "x"
	}
	if sc.MaxLength != nil && uint64(len(v)) > *sc.MaxLength {
		v = v[:*sc.MaxLength]
	}
	return v, nil
}

// base64Value returns the base64 encoding of a few bytes that meets sc's
// pattern and lengths, which constrain the encoded text. Where no encoding
// of up to 64 bytes does (a pattern of one character), the spec cannot be
// met: the SDK holds bytes and always encodes them.
func base64Value(sc *openapi3.Schema, at string) (any, error) {
	var re *regexp.Regexp
	if sc.Pattern != "" {
		var err error
		if re, err = regexp.Compile(goPattern(sc.Pattern)); err != nil {
			return "aGVsbG8=", nil // a pattern Go cannot read: the server judges
		}
	}
	// "hello" first, then from one byte up.
	for i := range 65 {
		n := cmp.Or(i, 5)
		v := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("hello", n)[:n]))
		if (re == nil || re.MatchString(v)) && uint64(len(v)) >= sc.MinLength && (sc.MaxLength == nil || uint64(len(v)) <= *sc.MaxLength) {
			return v, nil
		}
	}
	return nil, fmt.Errorf("%w: %s: no base64 encoding of bytes meets pattern %q and its lengths", ErrSpecUnmet, at, sc.Pattern)
}

// integer returns 1, moved into the schema's range.
func integer(sc *openapi3.Schema) float64 {
	v := 1.0
	if sc.Min != nil && v <= *sc.Min {
		v = math.Ceil(*sc.Min)
		if sc.ExclusiveMin.IsTrue() && v == *sc.Min {
			v++
		}
	}
	if sc.Max != nil && v >= *sc.Max {
		v = math.Floor(*sc.Max)
		if sc.ExclusiveMax.IsTrue() && v == *sc.Max {
			v--
		}
	}
	return multipleOf(sc, v)
}

// multipleOf moves v to a multiple of the schema's multipleOf within its
// range, if it has one: the next one up, else the one below.
func multipleOf(sc *openapi3.Schema, v float64) float64 {
	if sc.MultipleOf == nil || *sc.MultipleOf <= 0 {
		return v
	}
	m := *sc.MultipleOf
	inRange := func(x float64) bool {
		return (sc.Min == nil || x > *sc.Min || x == *sc.Min && !sc.ExclusiveMin.IsTrue()) &&
			(sc.Max == nil || x < *sc.Max || x == *sc.Max && !sc.ExclusiveMax.IsTrue())
	}
	for _, x := range []float64{math.Ceil(v/m) * m, math.Floor(v/m) * m, (math.Ceil(v/m) + 1) * m} {
		if inRange(x) {
			return x
		}
	}
	return v
}

// number returns 1.5, moved into the schema's range: a fraction shows
// that the value is not truncated to an integer on the way.
func number(sc *openapi3.Schema) float64 {
	v := 1.5
	if sc.Min != nil && v <= *sc.Min {
		v = *sc.Min + 0.5
	}
	if sc.Max != nil && v >= *sc.Max {
		v = *sc.Max - 0.5
		if sc.Min != nil && v < *sc.Min {
			v = *sc.Min
		}
	}
	return multipleOf(sc, v)
}

// fromPattern returns a string matching pattern within the length bounds.
// It handles the simple patterns specs use for IDs and codes: literals,
// classes, groups, alternation (first branch) and repetition.
func fromPattern(pattern string, minLen uint64, maxLen *uint64) (string, error) {
	pattern = goPattern(pattern)
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", fmt.Errorf("pattern %q: %w", pattern, err)
	}
	check := regexp.MustCompile(pattern)
	fits := func(v string) bool {
		n := uint64(len([]rune(v)))
		return check.MatchString(v) && n >= minLen && (maxLen == nil || n <= *maxLen)
	}
	// One repetition of each * and +, then none, then as many as the
	// minimum length asks for, with each ? taken and then not.
	for _, reps := range []int{1, 0, int(min(minLen, 256))} {
		for _, quest := range []bool{reps > 0, false} {
			var b strings.Builder
			writeMatch(&b, re, reps, quest)
			v := b.String()
			if fits(v) {
				return v, nil
			}
			// A pattern is a search: one not anchored at its end still
			// matches with more after the match.
			if n := uint64(len([]rune(v))); n < minLen && fits(v+strings.Repeat("a", int(minLen-n))) {
				return v + strings.Repeat("a", int(minLen-n)), nil
			}
		}
	}
	return "", fmt.Errorf("no simple string matches pattern %q", pattern)
}

// goPattern reads an ECMAScript pattern as Go's regexp can: code points
// written \u002F are \x{002F}, and repetitions are capped (capRepeats).
func goPattern(pattern string) string {
	return capRepeats(codePoint.ReplaceAllString(pattern, `\x{$1}`))
}

var codePoint = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

var repeatBound = regexp.MustCompile(`\{(\d+),(\d+)\}`)

// capRepeats lowers the upper bounds of repetitions beyond Go's limit of
// 1,000 ("[a-z]{0,1023}", common in AWS's specs) to it: what the pattern
// then matches, the original does too.
func capRepeats(pattern string) string {
	return repeatBound.ReplaceAllStringFunc(pattern, func(m string) string {
		sub := repeatBound.FindStringSubmatch(m)
		lo, _ := strconv.Atoi(sub[1])
		hi, err := strconv.Atoi(sub[2])
		if err != nil || hi <= 1000 || lo > 1000 {
			return m
		}
		return fmt.Sprintf("{%d,1000}", lo)
	})
}

// withoutLookaround drops the lookahead and lookbehind groups of an
// ECMAScript pattern, which Go's regexp does not have: what is left matches
// a superset of what the pattern does.
func withoutLookaround(pattern string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '\\' && i+1 < len(pattern) {
			b.WriteString(pattern[i : i+2])
			i++
			continue
		}
		if c == '[' {
			end := classEnd(pattern, i)
			b.WriteString(pattern[i:end])
			i = end - 1
			continue
		}
		if c == '(' && (strings.HasPrefix(pattern[i:], "(?=") || strings.HasPrefix(pattern[i:], "(?!") ||
			strings.HasPrefix(pattern[i:], "(?<=") || strings.HasPrefix(pattern[i:], "(?<!")) {
			i = groupEnd(pattern, i) - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// classEnd returns the index after the character class that opens at i.
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++ // a leading ] is a literal
	}
	for ; j < len(p); j++ {
		switch p[j] {
		case '\\':
			j++
		case ']':
			return j + 1
		}
	}
	return len(p)
}

// groupEnd returns the index after the group that opens at i.
func groupEnd(p string, i int) int {
	depth := 0
	for j := i; j < len(p); j++ {
		switch p[j] {
		case '\\':
			j++
		case '[':
			j = classEnd(p, j) - 1
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j + 1
			}
		}
	}
	return len(p)
}

func writeMatch(b *strings.Builder, re *syntax.Regexp, reps int, quest bool) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(pickRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteRune('a')
	case syntax.OpCapture:
		writeMatch(b, re.Sub[0], reps, quest)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			writeMatch(b, sub, reps, quest)
		}
	case syntax.OpAlternate:
		writeMatch(b, re.Sub[0], reps, quest)
	case syntax.OpQuest:
		if quest {
			writeMatch(b, re.Sub[0], reps, quest)
		}
	case syntax.OpStar, syntax.OpPlus:
		n := reps
		if re.Op == syntax.OpPlus {
			n = max(n, 1)
		}
		for range n {
			writeMatch(b, re.Sub[0], reps, quest)
		}
	case syntax.OpRepeat:
		n := max(re.Min, min(reps, re.Max))
		if re.Max < 0 {
			n = max(re.Min, reps)
		}
		for range n {
			writeMatch(b, re.Sub[0], reps, quest)
		}
	}
}

// pickRune prefers a lower-case letter, then an upper-case one, then a
// digit, then the class's first rune.
func pickRune(ranges []rune) rune {
	in := func(r rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= r && r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	for _, r := range "aA0" {
		if in(r) {
			return r
		}
	}
	return ranges[0]
}

// validate checks v against sr as a request value: the synthesiser's own
// mistakes must not pass for the SDK's.
func validate(sr *openapi3.SchemaRef, v any) error {
	if sr == nil || sr.Value == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var norm any
	if err := json.Unmarshal(b, &norm); err != nil {
		return err
	}
	err = sr.Value.VisitJSON(norm, openapi3.VisitAsRequest(), openapi3.EnableFormatValidation(), openapi3.MultiErrors())
	if err != nil && strings.Contains(err.Error(), "error parsing regexp") {
		// A pattern Go cannot read (a lookahead) cannot judge the value;
		// Prism, which can, does.
		return nil
	}
	return err
}
