package lower

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// declInfo is a declaration under construction, with what naming needs.
type declInfo struct {
	decl     *ir.Decl
	base     string // first name candidate
	alt      string // second candidate, from the pointer's spec names
	pinned   bool   // the spec names it (x-speakeasy-name-override, x-go-name)
	fields   []*fieldInfo
	variants []*variantInfo
}

type fieldInfo struct {
	field  *ir.Field
	base   string
	pinned bool
}

type variantInfo struct {
	variant *ir.Variant
}

// typeOf lowers a schema reference. ptr is the JSON pointer of the schema and
// ctx the name a declaration for it would get if it is anonymous.
func (l *lowerer) typeOf(sref *openapi3.SchemaRef, ptr, ctx string) ir.Type {
	if sref == nil || sref.Value == nil {
		return &ir.Prim{Kind: ir.Any}
	}
	s := sref.Value
	pinned := false
	if sref.Ref != "" {
		ptr = l.refPointer(sref.Ref)
		ctx = pascalOr(refName(ptr), "Model")
	}
	if name := nameOverride(s.Extensions, sref.Ref == "" && isPropertyPointer(ptr)); name != "" {
		ctx, pinned = name, true
	}
	t := l.baseType(s, ptr, ctx, pinned)
	if isNullable(s) {
		if _, already := t.(*ir.Nullable); !already {
			t = &ir.Nullable{Elem: t}
		}
	}
	return t
}

// nameOverride returns the Go name the spec pins for a schema, if any. On
// a property written in place, x-go-name names the field, as go-swagger
// and oapi-codegen read it (Gitea's many "State" enums), not its type;
// oapi-codegen's x-go-type-name names the type there.
func nameOverride(ext map[string]any, property bool) string {
	keys := []string{"x-go-type-name", "x-go-name", "x-speakeasy-name-override"}
	if property {
		keys = []string{"x-go-type-name", "x-speakeasy-name-override"}
	}
	for _, key := range keys {
		if s := pascalOr(extString(ext, key), ""); s != "" {
			return s
		}
	}
	return ""
}

// isPropertyPointer reports whether ptr is a property's schema.
func isPropertyPointer(ptr string) bool {
	i := strings.LastIndexByte(ptr, '/')
	return i >= 0 && strings.HasSuffix(ptr[:i], "/properties")
}

// baseType lowers s ignoring its nullability.
func (l *lowerer) baseType(s *openapi3.Schema, ptr, ctx string, pinned bool) ir.Type {
	key := l.keyOf(s)
	if d := l.decls[key]; d != nil {
		return &ir.Ref{Decl: d.decl}
	}
	if l.inline[key] {
		l.warnf(l.posOf(s.Origin), ptr, "schema refers to itself without an object in between; typed as any")
		return &ir.Prim{Kind: ir.Any}
	}
	l.inline[key] = true
	defer delete(l.inline, key)

	if variants := l.subtypes(s, ptr); variants != nil {
		return l.polymorphicDecl(s, variants, ptr, ctx, pinned)
	}
	if len(s.AllOf) > 0 && constraintsOnly(s.AllOf) {
		// {type: array, items: …, allOf: [{maxItems: 3}]} (also what a 3.1
		// $ref with a constraint beside it becomes): the constraints add
		// nothing to the type, which is s's own.
		own := *s
		own.AllOf = nil
		s = &own
	}
	if len(s.AllOf) > 0 {
		return l.allOfType(s, ptr, ctx, pinned)
	}
	if t := l.constEnum(s, ptr, ctx, pinned); t != nil {
		return t
	}
	if variants, anyOf := unionVariants(s); len(variants) > 0 && len(s.Properties) == 0 {
		if len(variants) == 1 {
			return l.typeOf(variants[0].ref, variants[0].ptr(ptr), ctx)
		}
		if s.Discriminator != nil {
			return l.unionDecl(s, s.Discriminator, variants, ptr, ctx, pinned, anyOf)
		}
		disc, optional := implicitDiscriminator(variants)
		t := l.unionDecl(s, disc, variants, ptr, ctx, pinned, anyOf)
		if r, ok := t.(*ir.Ref); ok && disc != nil {
			r.Decl.Kind.(*ir.Union).ShapeWithout = optional
		}
		return t
	}
	types := nonNullTypes(s)
	if len(types) == 0 && s.Const != nil {
		types = constType(s.Const)
	}
	if s.Enum != nil && len(s.Enum) == 0 {
		l.errorf(l.fieldPos(s.Origin, "enum"), ptr+"/enum", "enum lists no values: no value is valid")
	}
	if len(s.Enum) > 0 {
		if t := l.enumType(s, types, ptr, ctx, pinned); t != nil {
			return t
		}
	}
	if len(types) > 1 {
		return l.unionDecl(s, s.Discriminator, l.typeVariants(s, types), ptr, ctx, pinned, false)
	}
	typ := ""
	if len(types) == 1 {
		typ = types[0]
	}
	switch {
	case typ == openapi3.TypeObject || (typ == "" && (len(s.Properties) > 0 || !additionalAbsent(s) || len(s.PatternProperties) > 0)):
		if len(s.Properties) == 0 {
			return l.mapType(s, ptr, ctx)
		}
		return l.structDecl(s, []objectPart{{s, ptr, ctx, nil}}, ptr, ctx, pinned)
	case typ == openapi3.TypeArray || (typ == "" && (s.Items != nil || len(s.PrefixItems) > 0)):
		if len(s.PrefixItems) > 0 {
			return l.tupleType(s, ptr, ctx)
		}
		if s.Items == nil {
			l.warnf(l.posOf(s.Origin), ptr, "array without items; elements typed as any")
			return &ir.Slice{Elem: &ir.Prim{Kind: ir.Any}}
		}
		return &ir.Slice{Elem: l.typeOf(s.Items, ptr+"/items", ctx+"Item")}
	case typ == openapi3.TypeString || typ == "" && s.Format == "binary":
		// format: binary without a type (a multipart part written
		// {format: binary}) says a file as plainly as with one.
		switch {
		case s.Format == "date-time":
			return &ir.Prim{Kind: ir.DateTime}
		case s.Format == "byte" || strings.EqualFold(s.ContentEncoding, "base64"):
			return &ir.Prim{Kind: ir.Bytes}
		case s.Format == "binary" || s.ContentEncoding == "" && isFileMedia(s.ContentMediaType):
			return &ir.Prim{Kind: ir.Binary}
		}
		return &ir.Prim{Kind: ir.String}
	case typ == openapi3.TypeInteger:
		if s.Format == "int32" {
			return &ir.Prim{Kind: ir.Int32}
		}
		return &ir.Prim{Kind: ir.Int64}
	case typ == openapi3.TypeNumber:
		// float64 even for format float: a float32 field would fail to
		// decode a whole response over one out-of-range number.
		return &ir.Prim{Kind: ir.Float64}
	case typ == openapi3.TypeBoolean:
		return &ir.Prim{Kind: ir.Bool}
	}
	return &ir.Prim{Kind: ir.Any}
}

// isFileMedia reports whether a string of OpenAPI 3.1's contentMediaType mt
// is raw data, as format: binary says in 3.0: a text or JSON media type is
// text.
func isFileMedia(mt string) bool {
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt != "" && !strings.HasPrefix(mt, "text/") && !isJSONMedia(mt) &&
		!strings.HasSuffix(mt, "+xml") && !strings.HasSuffix(mt, "/xml")
}

// constType infers the type of a schema that only gives a const.
func constType(v any) []string {
	switch v.(type) {
	case string:
		return []string{openapi3.TypeString}
	case bool:
		return []string{openapi3.TypeBoolean}
	case float64:
		return []string{openapi3.TypeNumber}
	case int, int64:
		return []string{openapi3.TypeInteger}
	}
	return nil
}

// schemaKey identifies a schema definition. The loader gives a schema in
// another file a new value for each reference to it, so the key is where it
// is defined; schemas without a position are keyed by identity. The position
// is that of the schema's first field: its Key is the key above it, which a
// sequence item shares with its own first field (in `- items: {...}` the item
// and its items schema both sit under "items"), while no two mappings start
// at the same field.
func schemaKey(s *openapi3.Schema) any {
	o := s.Origin
	if o == nil || o.Key == nil || o.Key.File == "" {
		return s
	}
	loc := *o.Key
	if len(o.Fields) > 0 {
		loc = o.Fields[0]
		for _, f := range o.Fields[1:] {
			if f.Line < loc.Line || (f.Line == loc.Line && f.Column < loc.Column) {
				loc = f
			}
		}
		return posKey{loc.File, loc.Line, loc.Column, true}
	}
	return posKey{loc.File, loc.Line, loc.Column, false}
}

// posKey is a schemaKey from a position; first tells a schema's first field
// from the key above a schema without fields.
type posKey struct {
	file         string
	line, column int
	first        bool
}

// nonNullTypes lists the schema's types other than "null", once each.
func nonNullTypes(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range s.Type.Slice() {
		if t != openapi3.TypeNull && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// isNullable reports whether null is a valid value of s, in any of the ways
// OpenAPI 3.0 and 3.1 say so.
func isNullable(s *openapi3.Schema) bool {
	if s.Nullable || (s.Type != nil && s.Type.Includes(openapi3.TypeNull)) {
		return true
	}
	if len(s.Enum) > 0 && slices.Contains(s.Enum, nil) {
		return true
	}
	for _, v := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if v != nil && v.Value != nil && (isNullSchema(v.Value) || (v.Value.Nullable && len(s.Properties) == 0)) {
			return true
		}
	}
	if len(s.AllOf) == 1 && s.AllOf[0].Value != nil && s.AllOf[0].Value.Nullable && len(s.Properties) == 0 {
		return true
	}
	return false
}

// isNullSchema reports whether s admits only null.
func isNullSchema(s *openapi3.Schema) bool {
	if s.Type != nil && len(s.Type.Slice()) == 1 && s.Type.Is(openapi3.TypeNull) {
		return true
	}
	return len(s.Enum) == 1 && s.Enum[0] == nil
}

// isAnnotation reports whether s only annotates or constrains (description,
// required, nullable, ...) and describes no type of its own.
func isAnnotation(s *openapi3.Schema) bool {
	return (s.Type == nil || len(s.Type.Slice()) == 0) && len(s.Properties) == 0 && s.Items == nil &&
		len(s.AllOf) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.Enum) == 0 && additionalAbsent(s)
}

// constraintsOnly reports whether every part of an allOf only annotates or
// constrains a value, adding no type, property or required one.
func constraintsOnly(parts openapi3.SchemaRefs) bool {
	return !slices.ContainsFunc(parts, func(p *openapi3.SchemaRef) bool {
		return p != nil && p.Value != nil && (!isAnnotation(p.Value) || len(p.Value.Required) > 0 || p.Value.Nullable)
	})
}

func additionalAbsent(s *openapi3.Schema) bool {
	return s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil
}

// variantRef is a union member with its index in oneOf or anyOf.
type variantRef struct {
	ref  *openapi3.SchemaRef
	at   string // the variant's pointer below the union's: "/oneOf/2", "/type/1"
	name string // for one of a type list, its type, to name it by
	base bool   // a polymorphic base's own properties: what a value naming no subtype decodes as
	// member is the oneOf or anyOf member as written, when ref is a schema
	// made from it (allOfUnion's), for its discriminator value.
	member *openapi3.SchemaRef
}

func (v variantRef) ptr(parent string) string { return parent + v.at }

// unionVariants returns the members of oneOf (else anyOf) that describe a
// value: null members only make the union nullable, and members that merely
// constrain (oneOf: [{required: [a]}, {required: [b]}]) are ignored.
func unionVariants(s *openapi3.Schema) ([]variantRef, bool) {
	list, anyOf := s.OneOf, false
	if len(list) == 0 {
		list, anyOf = s.AnyOf, true
	}
	var out []variantRef
	for i, v := range list {
		if v == nil || v.Value == nil || isNullSchema(v.Value) || (v.Ref == "" && isAnnotation(v.Value)) {
			continue
		}
		key := "oneOf"
		if anyOf {
			key = "anyOf"
		}
		out = append(out, variantRef{ref: v, at: fmt.Sprintf("/%s/%d", key, i)})
	}
	return out, anyOf
}

// typeVariants splits a schema of several types (3.1's type: [integer,
// string]) into one variant a type: the schema with that type alone and the
// enum values of that type, so the value is a union rather than any.
func (l *lowerer) typeVariants(s *openapi3.Schema, types []string) []variantRef {
	out := make([]variantRef, 0, len(types))
	seen := map[string]bool{}
	for i, t := range s.Type.Slice() {
		if !slices.Contains(types, t) || seen[t] {
			continue
		}
		seen[t] = true
		c := *s
		c.Type = &openapi3.Types{t}
		c.Nullable, c.Title = false, ""
		c.Enum = nil
		for _, v := range s.Enum {
			if isOfType(v, t) {
				c.Enum = append(c.Enum, v)
			}
		}
		l.split[&c] = t
		out = append(out, variantRef{ref: &openapi3.SchemaRef{Value: &c}, at: fmt.Sprintf("/type/%d", i), name: pascalOr(t, "")})
	}
	return out
}

// isOfType reports whether a JSON value is of a JSON Schema type.
func isOfType(v any, t string) bool {
	switch v := v.(type) {
	case string:
		return t == openapi3.TypeString
	case bool:
		return t == openapi3.TypeBoolean
	case int, int64:
		return t == openapi3.TypeInteger || t == openapi3.TypeNumber
	case float64:
		return t == openapi3.TypeNumber || (t == openapi3.TypeInteger && v == math.Trunc(v))
	case map[string]any:
		return t == openapi3.TypeObject
	case []any:
		return t == openapi3.TypeArray
	}
	return false
}

// keyOf is schemaKey, told apart for the schemas lowering makes from one
// (typeVariants', subtypes' and allOfUnion's), which share its position.
func (l *lowerer) keyOf(s *openapi3.Schema) any {
	if t, ok := l.split[s]; ok {
		return splitKey{schemaKey(s), t}
	}
	return schemaKey(s)
}

// splitKey is the key of a schema made from another: what it is (l.split)
// beside the other's key.
type splitKey struct {
	key any
	typ string
}

// mapType lowers an object without properties.
func (l *lowerer) mapType(s *openapi3.Schema, ptr, ctx string) ir.Type {
	if ap := s.AdditionalProperties.Schema; ap != nil {
		return &ir.Map{Elem: l.typeOf(ap, ptr+"/additionalProperties", ctx+"Value")}
	}
	if t := l.patternType(s, ptr, ctx); t != nil {
		return &ir.Map{Elem: t}
	}
	return &ir.Map{Elem: &ir.Prim{Kind: ir.Any}}
}

// patternType is the type of the members an object's patternProperties
// describe, when no others are allowed (additionalProperties: false) and
// the patterns agree on one; else nil, and such members are held as any
// (the SDK does not match the patterns).
func (l *lowerer) patternType(s *openapi3.Schema, ptr, ctx string) ir.Type {
	ap := s.AdditionalProperties
	if len(s.PatternProperties) == 0 || ap.Schema != nil || ap.Has == nil || *ap.Has {
		return nil
	}
	var t ir.Type
	for _, key := range sortedKeys(s.PatternProperties) {
		pt := l.typeOf(s.PatternProperties[key], diag.JoinPointer(ptr+"/patternProperties", key), ctx+"Value")
		if t != nil && !ir.SameType(t, pt) {
			return &ir.Prim{Kind: ir.Any}
		}
		t = pt
	}
	return t
}

// objectPart is a schema that contributes properties to a struct, with the
// pointer and name context its inline children are named from.
type objectPart struct {
	s   *openapi3.Schema
	ptr string
	ctx string
	ref *openapi3.SchemaRef // the part as written, to lower it on its own
}

// allOfType lowers an allOf. Object parts merge into one struct; a single
// typed part with mere annotations around it stands for the whole.
func (l *lowerer) allOfType(s *openapi3.Schema, ptr, ctx string, pinned bool) ir.Type {
	var typed, required []objectPart // typed parts; annotation parts that add required properties
	// A part included twice adds nothing (A and B and A is A and B); one
	// that includes a schema it is part of would be followed forever.
	seen := map[any]bool{schemaKey(s): true}
	active := map[any]bool{schemaKey(s): true}
	var collect func(s *openapi3.Schema, ptr, ctx string)
	collect = func(s *openapi3.Schema, ptr, ctx string) {
		for i, p := range s.AllOf {
			if p == nil || p.Value == nil {
				continue
			}
			key := schemaKey(p.Value)
			if active[key] {
				l.warnf(l.posOf(s.Origin), fmt.Sprintf("%s/allOf/%d", ptr, i), "allOf includes a schema it is part of; the cycle is ignored")
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			part := objectPart{p.Value, fmt.Sprintf("%s/allOf/%d", ptr, i), ctx, p}
			if p.Ref != "" {
				part.ptr = l.refPointer(p.Ref)
				part.ctx = pascalOr(refName(part.ptr), "Model")
			}
			switch {
			case len(p.Value.AllOf) > 0:
				active[key] = true
				collect(p.Value, part.ptr, part.ctx)
				delete(active, key)
				if len(p.Value.Properties) > 0 || len(p.Value.Required) > 0 {
					typed = append(typed, part)
				}
			case isAnnotation(p.Value):
				if len(p.Value.Required) > 0 {
					required = append(required, part)
				}
			default:
				typed = append(typed, part)
			}
		}
	}
	collect(s, ptr, ctx)
	own := len(s.Properties) > 0 || !additionalAbsent(s)
	if !own && len(typed) == 1 && (len(required) == 0 || !isObjectLike(typed[0].s)) && !l.isSubtypeOf(s, typed[0].s) {
		// allOf: [$ref] with annotations: the referenced type itself.
		return l.typeOf(typed[0].ref, typed[0].ptr, ctx)
	}
	var objects []objectPart
	for _, p := range typed {
		if isObjectLike(p.s) {
			objects = append(objects, p)
		}
	}
	if len(objects) == len(typed)-1 && !own && len(required) == 0 {
		if t := l.allOfUnion(s, objects, typed, ptr, ctx, pinned); t != nil {
			return t
		}
	}
	switch {
	case len(objects) == 0 && !own && len(typed) > 0:
		if !narrowsOneScalar(typed) {
			l.warnf(l.posOf(s.Origin), ptr, "allOf of schemas that are not objects; typed as the first")
		}
		return l.typeOf(typed[0].ref, typed[0].ptr, ctx)
	case len(objects) < len(typed):
		l.warnf(l.posOf(s.Origin), ptr, "allOf mixes objects with other schemas; only the object properties are kept")
	}
	parts := append(objects, required...)
	if own || len(s.Required) > 0 {
		parts = append(parts, objectPart{s, ptr, ctx, nil})
	}
	return l.structDecl(s, parts, ptr, ctx, pinned)
}

// disjointTypes reports whether no JSON value has one of the types a and
// one of the types b (an integer is a number too); no types is any type.
func disjointTypes(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	widen := func(ts []string) []string {
		if slices.Contains(ts, openapi3.TypeInteger) {
			return append(slices.Clone(ts), openapi3.TypeNumber)
		}
		return ts
	}
	a, b = widen(a), widen(b)
	return !slices.ContainsFunc(a, func(t string) bool { return slices.Contains(b, t) })
}

// narrowsOneScalar reports whether parts are all of one scalar type and only the
// first may list values: each later part then only narrows the first
// (allOf [{type: integer, minimum: -5}, {type: integer, maximum: 5}]), and
// the first's Go type holds every value the whole accepts.
func narrowsOneScalar(parts []objectPart) bool {
	first := nonNullTypes(parts[0].s)
	if len(first) != 1 || first[0] == openapi3.TypeArray || first[0] == openapi3.TypeObject {
		return false
	}
	return !slices.ContainsFunc(parts[1:], func(p objectPart) bool {
		return !slices.Equal(nonNullTypes(p.s), first) || len(p.s.Enum) > 0 || p.s.Format != "" && p.s.Format != parts[0].s.Format
	})
}

// isObjectLike reports whether s describes a JSON object with properties.
func isObjectLike(s *openapi3.Schema) bool {
	if len(s.Properties) > 0 {
		return true
	}
	types := nonNullTypes(s)
	return len(types) == 1 && types[0] == openapi3.TypeObject && len(s.OneOf) == 0 && len(s.AnyOf) == 0
}

// declScope starts lowering a declaration's children with no inline schema
// in progress, and returns what ends it. A schema met again below a
// declaration is not a cycle without an object in between: the declaration
// is that object, and a cycle through it ends at its registration. (An
// inline property that two structs share through allOf is met again so.)
func (l *lowerer) declScope() func() {
	saved := l.inline
	l.inline = map[any]bool{}
	return func() { l.inline = saved }
}

// newDecl registers a declaration for s before its children are lowered, so
// that recursive schemas refer to it.
func (l *lowerer) newDecl(s *openapi3.Schema, ptr, ctx string, pinned bool, kind ir.DeclKind) *declInfo {
	d := &declInfo{
		decl: &ir.Decl{
			Description: strings.TrimSpace(s.Description),
			Deprecated:  s.Deprecated,
			Kind:        kind,
			Pointer:     ptr,
			Pos:         l.posOf(s.Origin),
		},
		base:   ctx,
		alt:    pointerName(ptr),
		pinned: pinned,
	}
	if d.decl.Description == "" {
		d.decl.Description = strings.TrimSpace(s.Title)
	}
	if name, ok := strings.CutPrefix(ptr, "#/components/schemas/"); ok && !strings.Contains(name, "/") {
		d.decl.SchemaName = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
	}
	l.decls[l.keyOf(s)] = d
	l.declList = append(l.declList, d)
	return d
}

// isDiscriminator reports whether name is the discriminator property of one
// of parts, which the union encodes, declared or not.
func isDiscriminator(parts []objectPart, name string) bool {
	return slices.ContainsFunc(parts, func(p objectPart) bool {
		return p.s.Discriminator != nil && p.s.Discriminator.PropertyName == name
	})
}

// structDecl declares a struct from the properties of parts.
func (l *lowerer) structDecl(s *openapi3.Schema, parts []objectPart, ptr, ctx string, pinned bool) ir.Type {
	st := &ir.Struct{}
	d := l.newDecl(s, ptr, ctx, pinned, st)
	defer l.declScope()()
	type prop struct {
		ref  *openapi3.SchemaRef
		part objectPart
	}
	props := map[string]prop{}
	var order []string // property names as the spec writes them, parts in order
	required := map[string]bool{}
	for _, p := range parts {
		for _, name := range l.propertyOrder(p.s.Properties, p.ptr) {
			earlier, seen := props[name]
			if !seen {
				order = append(order, name)
			}
			later := p.s.Properties[name]
			switch {
			case seen && later != nil && later.Value != nil && earlier.ref != nil && earlier.ref.Value != nil &&
				later.Ref == "" && earlier.ref.Value != later.Value && isObjectLike(earlier.ref.Value) && isObjectLike(later.Value):
				// An inline object refining one another part declared
				// (rules: {required: [inbound_policy], ...} beside Firewall's
				// rules): the value is both, so its type is their allOf.
				both := &openapi3.Schema{AllOf: openapi3.SchemaRefs{earlier.ref, later}, Description: later.Value.Description}
				if both.Description == "" {
					both.Description = earlier.ref.Value.Description
				}
				props[name] = prop{&openapi3.SchemaRef{Value: both}, p}
			case !seen || later == nil || later.Value == nil || !isAnnotation(later.Value) ||
				earlier.ref == nil || earlier.ref.Value == nil || isAnnotation(earlier.ref.Value):
				// The later declaration wins, unless it only annotates or
				// constrains a property another part typed ({inbound:
				// {required: [...]}} beside a part's list): that type stays.
				if seen && later != nil && later.Value != nil && earlier.ref != nil && earlier.ref.Value != nil {
					was, is := nonNullTypes(earlier.ref.Value), nonNullTypes(later.Value)
					if disjointTypes(was, is) {
						l.warnf(l.posOf(later.Value.Origin), diag.JoinPointer(p.ptr+"/properties", name),
							"property %q is %s here and %s in another part of the allOf, which no value is both; typed as here",
							name, strings.Join(is, " or "), strings.Join(was, " or "))
					}
				}
				props[name] = prop{later, p}
			}
		}
		for _, r := range p.s.Required {
			required[r] = true
		}
		if ap := p.s.AdditionalProperties; ap.Schema != nil {
			st.Additional = l.typeOf(ap.Schema, p.ptr+"/additionalProperties", ctx+"Value")
		} else if ap.Has != nil && *ap.Has && st.Additional == nil {
			st.Additional = &ir.Prim{Kind: ir.Any}
		} else if t := l.patternType(p.s, p.ptr, ctx); t != nil && st.Additional == nil {
			st.Additional = t
		}
	}
	if st.Additional == nil {
		// The spec's slip (a renamed or forgotten property): the type
		// cannot hold the value, which a request may still add by name.
		for _, p := range parts {
			for i, name := range p.s.Required {
				if _, ok := props[name]; !ok && !isDiscriminator(parts, name) {
					l.warnf(l.fieldPos(p.s.Origin, "required"), fmt.Sprintf("%s/required/%d", p.ptr, i),
						"required property %q is not among the properties; the model has no field for it", name)
				}
			}
		}
	}
	for _, name := range order {
		p := props[name]
		fptr := diag.JoinPointer(p.part.ptr+"/properties", name)
		f := &ir.Field{
			JSONName: name,
			Untagged: !naming.IsJSONTagName(name),
			Required: required[name],
			Type:     l.typeOf(p.ref, fptr, p.part.ctx+pascalOr(name, "Field")),
			Pos:      l.posOf(p.ref.Value.Origin),
		}
		if v := p.ref.Value; v != nil {
			f.Description = strings.TrimSpace(v.Description)
			if f.Description == "" {
				f.Description = strings.TrimSpace(v.Title)
			}
			f.Deprecated = v.Deprecated
			f.ReadOnly = v.ReadOnly
			f.WriteOnly = v.WriteOnly
			f.Default = jsonText(v.Default)
			f.Example = exampleOf(v)
			f.Constraints = constraints(v)
			f.Format = v.Format
			f.Fixed = fixedValue(f, v)
		}
		fi := &fieldInfo{field: f, base: pascalOr(name, "Field")}
		// A $ref's extensions are its target's, which name the type, not
		// the field (Docker's cpu_stats and precpu_stats, both a
		// ContainerCPUStats whose x-go-name is "CPUStats").
		if n := pascalOr(cmp.Or(extString(p.ref.Value.Extensions, "x-go-name"), extString(p.ref.Value.Extensions, "x-ms-client-name")), ""); n != "" && p.ref.Ref == "" {
			fi.base, fi.pinned = n, true
		}
		st.Fields = append(st.Fields, f)
		d.fields = append(d.fields, fi)
	}
	return &ir.Ref{Decl: d.decl}
}

// fixedValue is the one value a required field's schema allows, when the
// field holds it as a plain string or integer: the SDK sends it when the
// caller leaves the field zero ("type": "function" in a request).
func fixedValue(f *ir.Field, s *openapi3.Schema) any {
	if !f.Required || isNullable(s) {
		return nil
	}
	t := f.Type
	if r, ok := t.(*ir.Ref); ok {
		en, ok := r.Decl.Kind.(*ir.Enum)
		if !ok || len(en.Values) != 1 {
			return nil
		}
		return nonZero(en.Values[0].Value)
	}
	p, ok := t.(*ir.Prim)
	if !ok {
		return nil
	}
	switch v := constValue(s).(type) {
	case string:
		if p.Kind == ir.String {
			return nonZero(v)
		}
	case float64:
		if n, ok := toInt64(v); ok && (p.Kind == ir.Int64 || p.Kind == ir.Int32) {
			return nonZero(n)
		}
		if p.Kind == ir.Float64 {
			return nonZero(v)
		}
	}
	return nil
}

// fixDiscriminator makes a variant's discriminator property, when one value
// selects the variant, a field the SDK fills in when the caller leaves it
// empty: a Cat is sent with "petType": "cat". A struct that two unions
// select by different values has none fixed.
func (l *lowerer) fixDiscriminator(t ir.Type, prop, value string) {
	r, ok := t.(*ir.Ref)
	if !ok {
		return
	}
	st, ok := r.Decl.Kind.(*ir.Struct)
	if !ok {
		return
	}
	for _, f := range st.Fields {
		if f.JSONName != prop || !f.Required || l.unfixed[f] {
			continue
		}
		if f.Fixed != nil {
			if f.Fixed != any(value) {
				f.Fixed, l.unfixed[f] = nil, true
			}
			continue
		}
		switch ft := f.Type.(type) {
		case *ir.Prim:
			if ft.Kind != ir.String {
				return
			}
		case *ir.Ref:
			if en, ok := ft.Decl.Kind.(*ir.Enum); !ok || en.Base != ir.String {
				return
			}
		default:
			return
		}
		f.Fixed = nonZero(value)
	}
}

// nonZero is v, or nil for the zero value, which needs no filling.
func nonZero(v any) any {
	if v == "" || v == int64(0) || v == float64(0) {
		return nil
	}
	return v
}

// propertyOrder returns the names of props, the properties of the schema
// at ptr, in the order the spec writes them, so that struct fields read
// like the spec (id and object first). Properties without an origin (a
// Swagger 2.0 document converted to OpenAPI 3) are placed by Locate;
// those it cannot place either follow in name order.
func (l *lowerer) propertyOrder(props openapi3.Schemas, ptr string) []string {
	names := sortedKeys(props)
	at := func(name string) (openapi3.Location, bool) {
		ref := props[name]
		if ref.Origin != nil && ref.Origin.Key != nil {
			return *ref.Origin.Key, true
		}
		// The schema's own origin is its key's only when it is written
		// in place: a $ref's value is the component's.
		if ref.Ref == "" && ref.Value != nil && ref.Value.Origin != nil && ref.Value.Origin.Key != nil {
			return *ref.Value.Origin.Key, true
		}
		if l.opts.Locate != nil && ptr != "" {
			if pos, _ := l.opts.Locate(diag.JoinPointer(ptr, "properties", name)); pos.Line > 0 {
				return openapi3.Location{File: pos.File, Line: pos.Line, Column: pos.Col}, true
			}
		}
		return openapi3.Location{}, false
	}
	type place struct {
		loc openapi3.Location
		ok  bool
	}
	places := make(map[string]place, len(names))
	for _, name := range names {
		loc, ok := at(name)
		places[name] = place{loc, ok}
	}
	slices.SortStableFunc(names, func(a, b string) int {
		la, oka := places[a].loc, places[a].ok
		lb, okb := places[b].loc, places[b].ok
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case !oka || la.File != lb.File:
			return 0
		}
		return cmp.Or(cmp.Compare(la.Line, lb.Line), cmp.Compare(la.Column, lb.Column))
	})
	return names
}

// exampleOf returns a schema's example as JSON text.
func exampleOf(s *openapi3.Schema) string {
	if s.Example != nil {
		return jsonText(s.Example)
	}
	if len(s.Examples) > 0 {
		return jsonText(s.Examples[0])
	}
	return ""
}

// constraints describes a schema's validation keywords for doc comments.
func constraints(s *openapi3.Schema) []string {
	var out []string
	num := func(f float64) string {
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return fmt.Sprintf("%d", int64(f))
		}
		return fmt.Sprintf("%g", f)
	}
	if s.Min != nil {
		out = append(out, "minimum: "+num(*s.Min))
	}
	if s.Max != nil {
		out = append(out, "maximum: "+num(*s.Max))
	}
	if s.MinLength > 0 {
		out = append(out, fmt.Sprintf("minLength: %d", s.MinLength))
	}
	if s.MaxLength != nil {
		out = append(out, fmt.Sprintf("maxLength: %d", *s.MaxLength))
	}
	if s.Pattern != "" {
		out = append(out, "pattern: "+s.Pattern)
	}
	if s.Const != nil {
		out = append(out, "always "+jsonText(s.Const))
	}
	if s.MinItems > 0 {
		out = append(out, fmt.Sprintf("minItems: %d", s.MinItems))
	}
	if s.MaxItems != nil {
		out = append(out, fmt.Sprintf("maxItems: %d", *s.MaxItems))
	}
	if s.Format != "" && !slices.Contains([]string{"int32", "int64", "float", "double", "date-time", "byte", "binary"}, s.Format) {
		out = append(out, "format: "+s.Format)
	}
	return out
}

// enumType declares an enum for string and integer enums; other enums are
// typed by their base type. It returns nil when s is not an enum after all.
func (l *lowerer) enumType(s *openapi3.Schema, types []string, ptr, ctx string, pinned bool) ir.Type {
	var values []any
	for _, v := range s.Enum {
		if v != nil {
			values = append(values, v)
		}
	}
	if len(values) == 0 {
		return nil
	}
	typ := ""
	declared := len(types) == 1
	if declared {
		typ = types[0]
	} else if len(types) == 0 {
		switch values[0].(type) {
		case string:
			typ = openapi3.TypeString
		case float64, int, int64:
			typ = openapi3.TypeInteger
		}
	}
	// A value of another type: an error when the schema declares its type,
	// else an enum of mixed types, which is typed as any.
	wrong := func(v any, want string) ir.Type {
		if declared {
			l.errorf(l.fieldPos(s.Origin, "enum"), ptr+"/enum", "enum value %s is not %s", jsonText(v), want)
		} else {
			l.warnf(l.posOf(s.Origin), ptr, "enum has values of different types; typed as any")
		}
		return nil
	}
	en := &ir.Enum{AllowUnknown: extString(s.Extensions, "x-speakeasy-unknown-values") == "allow"}
	switch typ {
	case openapi3.TypeString:
		en.Base = ir.String
		for _, v := range values {
			var str string
			switch v := v.(type) {
			case string:
				str = v
			case float64, int, int64, bool:
				if !declared {
					return wrong(v, "a string")
				}
				str = fmt.Sprint(v) // written without quotes in YAML
			default:
				return wrong(v, "a string")
			}
			en.Values = appendUnique(en.Values, str)
		}
	case openapi3.TypeInteger:
		en.Base = ir.Int64
		if s.Format == "int32" {
			en.Base = ir.Int32
		}
		quoted := false
		for _, v := range values {
			n, ok := toInt64(v)
			if str, isStr := v.(string); isStr && declared {
				// Common in converted specs: enum: ["1", "2"]. The meaning
				// is clear; a word ("BASIC") for an integer is not.
				if parsed, err := strconv.ParseInt(str, 10, 64); err == nil {
					n, ok, quoted = parsed, true, true
				}
			}
			if !ok {
				return wrong(v, "an integer")
			}
			en.Values = appendUnique(en.Values, n)
		}
		if quoted {
			l.warnf(l.fieldPos(s.Origin, "enum"), ptr+"/enum", "integer enum lists its values as strings; read as the integers they spell")
		}
	default:
		return nil
	}
	l.enumLabels(s, en, ptr)
	if name := pascalOr(enumTypeName(s.Extensions), ""); name != "" && !pinned && !isComponent(ptr) {
		ctx = name
	}
	d := l.newDecl(s, ptr, ctx, pinned, en)
	return &ir.Ref{Decl: d.decl}
}

func appendUnique(vals []*ir.EnumValue, v any) []*ir.EnumValue {
	for _, e := range vals {
		if e.Value == v {
			return vals
		}
	}
	return append(vals, &ir.EnumValue{Value: v})
}

func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > 1<<62 {
			return 0, false
		}
		return int64(n), true
	case int:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}

// unionDecl declares a oneOf or anyOf.
func (l *lowerer) unionDecl(s *openapi3.Schema, disc *openapi3.Discriminator, variants []variantRef, ptr, ctx string, pinned, anyOf bool) ir.Type {
	u := &ir.Union{AnyOf: anyOf}
	d := l.newDecl(s, ptr, ctx, pinned, u)
	defer l.declScope()()
	tags := map[string][]string{} // variant ref -> discriminator values
	def := ""                     // OpenAPI 3.2's defaultMapping: a variant's ref or schema name
	if disc != nil {
		u.Discriminator = disc.PropertyName
		def = extString(disc.Extensions, "defaultMapping")
		for _, key := range sortedKeys(disc.Mapping) {
			ref := disc.Mapping[key].Ref
			tags[ref] = append(tags[ref], key)
		}
	}
	claimed := map[string]bool{} // discriminator values already selecting a variant
	for _, v := range variants {
		vptr := v.ptr(ptr)
		vctx := ctx + variantSuffix(v, len(d.variants))
		t, _ := ir.Unwrap(l.typeOf(v.ref, vptr, vctx))
		if u.Discriminator == "" && slices.ContainsFunc(u.Variants, func(e *ir.Variant) bool { return ir.SameType(e.Type, t) }) {
			// oneOf: [$ref: Name, {type: string}] with Name a plain string:
			// no value can be the second, which the first takes.
			l.warnf(l.posOf(s.Origin), vptr, "variant has the Go type of an earlier one, which takes every value it could; left out")
			continue
		}
		iv := &ir.Variant{Type: t}
		if v.base {
			u.Default = iv
		} else if u.Discriminator != "" {
			tagged := v.ref
			if v.member != nil {
				tagged = v.member
			}
			for _, val := range l.discriminatorValues(tagged, u.Discriminator, tags) {
				if claimed[val] {
					l.warnf(l.posOf(s.Origin), vptr, "discriminator value %q already selects an earlier variant", val)
					continue
				}
				claimed[val] = true
				iv.Values = append(iv.Values, val)
			}
			if len(iv.Values) == 0 {
				l.warnf(l.posOf(s.Origin), vptr, "no discriminator value selects this variant; it is decoded only as unknown")
			}
			if len(iv.Values) == 1 {
				l.fixDiscriminator(t, u.Discriminator, iv.Values[0])
			}
		}
		u.Variants = append(u.Variants, iv)
		d.variants = append(d.variants, &variantInfo{variant: iv})
		if def != "" && v.ref.Ref != "" && (v.ref.Ref == def || refName(v.ref.Ref) == def) {
			u.Default = iv
		}
	}
	if def != "" && u.Default == nil {
		l.warnf(l.fieldPos(disc.Origin, "defaultMapping"), ptr+"/discriminator/defaultMapping", "defaultMapping %q names no variant of the union; a value the discriminator selects no variant for is kept in Raw", def)
	}
	return &ir.Ref{Decl: d.decl}
}

// variantSuffix names an inline variant: its title, else its position.
func variantSuffix(v variantRef, i int) string {
	if v.name != "" {
		return v.name
	}
	if v.ref.Value != nil {
		if t := pascalOr(v.ref.Value.Title, ""); t != "" {
			return t
		}
	}
	return fmt.Sprintf("Option%d", i+1)
}

// discriminatorValues lists the values of the discriminator property that
// select the variant: the mapping's keys for it, else the single value its
// schema allows for that property, else its schema name.
func (l *lowerer) discriminatorValues(v *openapi3.SchemaRef, prop string, tags map[string][]string) []string {
	if vals := tags[v.Ref]; len(vals) > 0 {
		return vals
	}
	if v.Ref != "" {
		// Mapping values may also be bare schema names.
		if vals := tags[refName(v.Ref)]; len(vals) > 0 {
			return vals
		}
	}
	if s := extString(v.Value.Extensions, "x-ms-discriminator-value"); s != "" {
		return []string{s}
	}
	if s, ok := ownValue(v.Value, prop); ok {
		return []string{s}
	}
	if v.Ref != "" {
		return []string{refName(v.Ref)}
	}
	return nil
}

// ownParts are a schema and its own allOf parts written in place (a
// subtype's: allOf: [$ref: Base, {properties: {kind: {enum: [x]}}}]): where
// a variant gives its discriminator property its value.
func ownParts(s *openapi3.Schema) []*openapi3.Schema {
	parts := []*openapi3.Schema{s}
	for _, p := range s.AllOf {
		if p != nil && p.Ref == "" && p.Value != nil {
			parts = append(parts, p.Value)
		}
	}
	return parts
}

// ownValue is the single string value a schema's own parts allow for
// property prop.
func ownValue(s *openapi3.Schema, prop string) (string, bool) {
	for _, part := range ownParts(s) {
		if p := part.Properties[prop]; p != nil && p.Value != nil {
			if v, ok := constValue(p.Value).(string); ok {
				return v, true
			}
		}
	}
	return "", false
}

// structural are JSON pointer tokens that carry no name.
var structural = map[string]bool{
	"properties": true, "items": true, "additionalProperties": true, "allOf": true, "oneOf": true,
	"anyOf": true, "content": true, "schema": true, "not": true,
}

// pointerName names a component schema's inline child after the spec names on
// its pointer ("#/components/schemas/verification_passkey/properties/object"
// is "VerificationPasskeyObject"), ignoring name overrides: the fallback when
// the name from the override is taken. It is "" for other pointers.
func pointerName(ptr string) string {
	rest, ok := strings.CutPrefix(ptr, "#/components/schemas/")
	if !ok {
		return ""
	}
	var words []string
	for _, tok := range strings.Split(rest, "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if structural[tok] || strings.Trim(tok, "0123456789") == "" {
			continue
		}
		words = append(words, tok)
	}
	return naming.Pascal(strings.Join(words, "_"))
}
