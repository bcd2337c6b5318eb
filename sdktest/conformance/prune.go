package conformance

import (
	"mime"
	"slices"
	"strconv"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// responseSchema returns the schema of the response ex got, or nil.
func responseSchema(o *Operation, ex exchange) *openapi3.SchemaRef {
	if o.Raw.Responses == nil {
		return nil
	}
	r := o.Raw.Responses.Value(strconv.Itoa(ex.status))
	if r == nil {
		r = o.Raw.Responses.Value(strconv.Itoa(ex.status/100) + "XX")
	}
	if r == nil {
		r = o.Raw.Responses.Default()
	}
	if r == nil || r.Value == nil {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(ex.respHeader.Get("Content-Type"))
	if m := r.Value.Content.Get(mt); m != nil {
		return m.Schema
	}
	for _, m := range r.Value.Content {
		return m.Schema
	}
	return nil
}

// prune removes from v, a decoded JSON value, the object members that sr
// does not declare where it does not allow others explicitly: the SDK has no
// field to keep them in. Where sr leaves it open (no properties, or
// additionalProperties given), v stays as it is.
//
// kinds lists each polymorphic base's kinds (see Operation): a value that
// names one is the kind's, as the SDK decodes it, and is pruned by its
// schema.
func prune(v any, sr *openapi3.SchemaRef, kinds map[*openapi3.Schema][]*openapi3.SchemaRef, depth int) any {
	if sr == nil || sr.Value == nil || depth > 64 {
		return v
	}
	if variant := matchingVariant(sr.Value, v); variant != nil {
		return prune(v, variant, kinds, depth+1)
	}
	if kind := namedKind(sr.Value, v, kinds); kind != nil {
		return prune(v, kind, kinds, depth+1)
	}
	switch x := v.(type) {
	case map[string]any:
		props, closed := declared(sr.Value, 0)
		required, extra := requiredOf(sr.Value, 0), additionalOf(sr.Value, 0)
		for name := range required {
			if p := props[name]; p != nil && p.Value != nil && allowsNull(p.Value) && !p.Value.ReadOnly {
				if _, ok := x[name]; !ok {
					// A required nullable field is a pointer sent as
					// null when nil: absent reads as null.
					x[name] = nil
				}
			}
		}
		for k, val := range x {
			p, ok := props[k]
			switch {
			case !ok && closed:
				delete(x, k)
				continue
			case !ok:
				// An additional property is held as its schema says.
				x[k] = prune(val, extra, kinds, depth+1)
				continue
			}
			if str, ok := val.(string); ok && p.Value != nil && p.Value.Format == "date-time" {
				if tm, err := time.Parse(time.RFC3339Nano, str); err == nil && tm.IsZero() {
					// Go's zero time is how the SDK holds an absent one.
					delete(x, k)
					continue
				}
			}
			if val == nil && p.Value != nil && !allowsNull(p.Value) {
				// null where the schema allows none reads as absent.
				delete(x, k)
				continue
			}
			if p.Value != nil && p.Value.ReadOnly && required[k] && (val == nil || !allowsNull(p.Value) && isZero(val)) {
				// A required read-only field is left out when zero, so
				// that a request does not send it: a value field at its
				// zero, a nullable one (a pointer) at null. An optional
				// one keeps its zero (a pointer) and its null (Nullable).
				delete(x, k)
				continue
			}
			x[k] = prune(val, p, kinds, depth+1)
		}
	case []any:
		items := itemsOf(sr.Value, 0)
		for i := range x {
			x[i] = prune(x[i], items, kinds, depth+1)
		}
	}
	return v
}

// namedKind returns the kind of sc, a polymorphic base (a discriminator of
// its own or inherited, schemas that include it by allOf), that the object
// v names, or nil.
func namedKind(sc *openapi3.Schema, v any, kinds map[*openapi3.Schema][]*openapi3.SchemaRef) *openapi3.SchemaRef {
	m, ok := v.(map[string]any)
	if !ok || len(kinds[sc]) == 0 || len(sc.OneOf)+len(sc.AnyOf) > 0 {
		return nil
	}
	d := sc.Discriminator
	if d == nil {
		d = inheritedDiscriminator(sc, 0)
	}
	if d == nil || d.PropertyName == "" {
		return nil
	}
	name, ok := m[d.PropertyName].(string)
	if !ok {
		return nil
	}
	for _, kind := range kinds[sc] {
		if kv, ok := kindValue(d, kind).(string); ok && kv == name && kind.Value != sc {
			return kind
		}
	}
	return nil
}

// nullItem reports whether v, valid or not against sr, has a null item in
// a list whose items the schema does not let be null.
func nullItem(v any, sr *openapi3.SchemaRef, depth int) bool {
	if sr == nil || sr.Value == nil || depth > 64 {
		return false
	}
	if variant := matchingVariant(sr.Value, v); variant != nil {
		return nullItem(v, variant, depth+1)
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := declared(sr.Value, 0)
		for k, val := range x {
			if p := props[k]; p != nil && nullItem(val, p, depth+1) {
				return true
			}
		}
	case []any:
		items := itemsOf(sr.Value, 0)
		for _, item := range x {
			if item == nil && items != nil && items.Value != nil && !allowsNull(items.Value) || nullItem(item, items, depth+1) {
				return true
			}
		}
	}
	return false
}

// matchingVariant returns the first variant of sc, a oneOf or anyOf and
// nothing else, that v is valid against: the one the SDK decodes v as,
// whose fields are what re-encoding keeps. It is nil for other schemas, and
// for an object, which the SDK may hold as its variants' fields merged (an
// anyOf) and whose pruning by all of them is what the corpus passes with.
func matchingVariant(sc *openapi3.Schema, v any) *openapi3.SchemaRef {
	if len(sc.OneOf)+len(sc.AnyOf) == 0 || len(sc.Properties) > 0 || len(sc.AllOf) > 0 || sc.Items != nil {
		return nil
	}
	if _, list := v.([]any); !list {
		return nil
	}
	for _, variant := range slices.Concat(sc.OneOf, sc.AnyOf) {
		if variant != nil && variant.Value != nil && variant.Value.VisitJSON(v, openapi3.VisitAsResponse()) == nil {
			return variant
		}
	}
	return nil
}

// allowsNull reports whether sc says null is a value of its own.
func allowsNull(sc *openapi3.Schema) bool {
	if sc.Nullable || sc.Type != nil && sc.Type.Includes("null") {
		return true
	}
	for _, v := range append(slices.Clone(sc.OneOf), sc.AnyOf...) {
		if v.Value != nil && allowsNull(v.Value) {
			return true
		}
	}
	return false
}

// sameTimes replaces each string of v that is an RFC 3339 time by its UTC
// form: "2020-01-08T23:48:37.000-08:00" is the time the SDK re-encodes as
// "2020-01-08T23:48:37-08:00".
func sameTimes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			x[k] = sameTimes(val)
		}
	case []any:
		for i := range x {
			x[i] = sameTimes(x[i])
		}
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

func isZero(v any) bool {
	switch v := v.(type) {
	case bool:
		return !v
	case float64:
		return v == 0
	case string:
		return v == ""
	}
	return false
}

// declared returns the properties sc declares, through allOf, oneOf and
// anyOf; closed is false when it allows others or declares none.
func declared(sc *openapi3.Schema, depth int) (props map[string]*openapi3.SchemaRef, closed bool) {
	props = map[string]*openapi3.SchemaRef{}
	closed = true
	var walk func(sc *openapi3.Schema, depth int)
	walk = func(sc *openapi3.Schema, depth int) {
		if sc == nil || depth > 32 {
			closed = false
			return
		}
		if sc.AdditionalProperties.Schema != nil || sc.AdditionalProperties.Has != nil && *sc.AdditionalProperties.Has {
			closed = false
		}
		if len(sc.Properties) == 0 && len(sc.Required) == 0 && len(sc.AllOf)+len(sc.OneOf)+len(sc.AnyOf) == 0 && (sc.Type == nil || sc.Type.Is("object")) {
			closed = false // a free-form part: the SDK keeps what it holds
		}
		for name, p := range sc.Properties {
			if _, ok := props[name]; !ok {
				props[name] = p
			}
		}
		for _, part := range parts(sc) {
			walk(part.Value, depth+1)
		}
	}
	walk(sc, depth)
	if len(props) == 0 {
		closed = false
	}
	return props, closed
}

// additionalOf returns the schema of sc's additional properties, through
// allOf, oneOf and anyOf, or nil.
func additionalOf(sc *openapi3.Schema, depth int) *openapi3.SchemaRef {
	return firstThrough(sc, depth, func(sc *openapi3.Schema) *openapi3.SchemaRef { return sc.AdditionalProperties.Schema })
}

// requiredOf returns the properties sc requires, through allOf, oneOf and
// anyOf.
func requiredOf(sc *openapi3.Schema, depth int) map[string]bool {
	out := map[string]bool{}
	if sc == nil || depth > 32 {
		return out
	}
	for _, name := range sc.Required {
		out[name] = true
	}
	for _, part := range parts(sc) {
		for name := range requiredOf(part.Value, depth+1) {
			out[name] = true
		}
	}
	return out
}

// itemsOf returns the items schema of an array schema, through allOf,
// oneOf and anyOf.
func itemsOf(sc *openapi3.Schema, depth int) *openapi3.SchemaRef {
	return firstThrough(sc, depth, func(sc *openapi3.Schema) *openapi3.SchemaRef { return sc.Items })
}

// firstThrough returns what get finds in sc or, first found first, in the
// schemas it is made of.
func firstThrough(sc *openapi3.Schema, depth int, get func(*openapi3.Schema) *openapi3.SchemaRef) *openapi3.SchemaRef {
	if sc == nil || depth > 32 {
		return nil
	}
	if r := get(sc); r != nil {
		return r
	}
	for _, part := range parts(sc) {
		if r := firstThrough(part.Value, depth+1, get); r != nil {
			return r
		}
	}
	return nil
}

// parts lists the schemas sc is made of: its allOf, oneOf and anyOf.
func parts(sc *openapi3.Schema) openapi3.SchemaRefs {
	return slices.Concat(sc.AllOf, sc.OneOf, sc.AnyOf)
}
