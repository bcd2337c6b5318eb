package golang

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Every struct and union gets a decodeJSON method that reads its JSON in one pass
// with the runtime's jsonDecoder (templates/runtime/jsondecode.go): nested
// values are decoded in place, never scanned again by encoding/json.

// decodedDecls returns the declarations that get a decodeJSON method: what
// a JSON response may hold, and the unions and the structs with JSON methods
// of their own (whose UnmarshalJSON uses it), with every declaration they
// hold. Types only ever sent, such as most request bodies, need none: for
// Stripe's API that is two in three.
func decodedDecls(api *ir.API) map[*ir.Decl]bool {
	decoded := map[*ir.Decl]bool{}
	var walk func(t ir.Type)
	walk = func(t ir.Type) {
		switch t := t.(type) {
		case *ir.Slice:
			walk(t.Elem)
		case *ir.Map:
			walk(t.Elem)
		case *ir.Nullable:
			walk(t.Elem)
		case *ir.Ref:
			mark(decoded, t.Decl, walk)
		}
	}
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			for _, r := range op.Responses {
				if r.Type != nil && r.Encoding == ir.EncodingJSON {
					walk(r.Type)
				}
			}
		}
	}
	for _, d := range api.Decls {
		switch k := d.Kind.(type) {
		case *ir.Union:
			mark(decoded, d, walk)
		case *ir.Struct:
			if k.HasCodec() || d.IsError {
				mark(decoded, d, walk)
			}
		}
	}
	return decoded
}

// mark adds d and, through walk, the types it holds.
func mark(decoded map[*ir.Decl]bool, d *ir.Decl, walk func(ir.Type)) {
	if decoded[d] {
		return
	}
	decoded[d] = true
	switch k := d.Kind.(type) {
	case *ir.Struct:
		for _, f := range k.Fields {
			walk(f.Type)
		}
		if k.Additional != nil {
			walk(k.Additional)
		}
	case *ir.Union:
		for _, v := range k.Variants {
			walk(v.Type)
		}
	}
}

// decoder is the variable holding the *jsonDecoder in generated code.
var decoder = jen.Id("d")

// emitStructDecoder writes a struct's decodeJSON and UnmarshalJSON.
//
// A member is found by binary search in the sorted list of the struct's JSON
// names, and its case by that index: an integer switch compiles to a jump
// table, where a switch on strings cost the compiler about five times as
// much, which for a large API was most of the SDK's build time.
func emitStructDecoder(v *goview.View, f *jen.File, d *ir.Decl, st *ir.Struct) {
	fields := slices.Clone(st.Fields)
	slices.SortFunc(fields, func(a, b *ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
	// Declaration names are exported and the runtime has no jsonKeys*
	// names, so this one cannot collide.
	keysVar := "jsonKeys" + d.Name
	var keys, cases []jen.Code
	for i, fd := range fields {
		keys = append(keys, jen.Lit(fd.JSONName))
		cases = append(cases, jen.Case(jen.Lit(i)).Block(decodeField(v, jen.Id("v").Dot(fd.Name), fd.Type, fd.Required)))
	}
	var rest jen.Code = decoder.Clone().Dot("skip").Call()
	if st.Additional != nil {
		rest = jen.Id("decodeEntry").Call(jen.Op("&").Id("v").Dot(st.AdditionalName), decoder, decodeFunc(v, st.Additional))
	}
	var body jen.Code = rest
	var keysExpr jen.Code = jen.Nil()
	if len(cases) > 0 {
		cases = append(cases, jen.Default().Block(rest))
		body = jen.Switch(jen.Id("i")).Block(cases...)
		f.Var().Id(keysVar).Op("=").Index().String().Values(keys...)
		keysExpr = jen.Id(keysVar)
	}
	f.Comment("// decodeJSON reads the object's members, each by its name's index in the")
	f.Comment("// sorted names of the struct's fields (-1 when not there).")
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("decodeJSON").Params(decoderParam()).Block(
		jen.For(
			jen.Id("i").Op(":=").Add(decoder).Dot("beginFields").Call(jen.Lit(d.Name), keysExpr),
			jen.Id("i").Op("!=").Id("endOfObject"),
			jen.Id("i").Op("=").Add(decoder).Dot("nextField").Call(keysExpr),
		).Block(body),
	)
	if st.HasCodec() {
		// encoding/json decodes the other structs as decodeJSON does, but
		// for matching keys without regard to case.
		emitUnmarshal(f, d)
	}
}

// emitUnmarshal writes UnmarshalJSON for a type with a decodeJSON method, so
// that encoding/json uses the same decoder.
func emitUnmarshal(f *jen.File, d *ir.Decl) {
	f.Comment("// UnmarshalJSON decodes JSON into v.")
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshalJSON").Call(jen.Id("data"), jen.Id("v"))),
	)
}

func decoderParam() jen.Code {
	return jen.Id("d").Op("*").Id("jsonDecoder")
}

// decodeField decodes the current value into field, a struct field or
// variable of type t held as gotype.ShapeOf says.
func decodeField(v *goview.View, field *jen.Statement, t ir.Type, required bool) jen.Code {
	f := v.Field(t, required)
	inner := f.Elem
	switch f.Hold {
	case goview.HoldPointer:
		return decodePointer(v, field, inner)
	case goview.HoldNullable:
		return jen.Id("decodeNullable").Call(jen.Op("&").Add(field), decoder, decodeFunc(v, inner))
	}
	return decodeValue(v, field, inner)
}

// decodePointer decodes the current value into target, a *T where T is
// v.Type(t).Code(); null sets it to nil.
func decodePointer(v *goview.View, target *jen.Statement, t ir.Type) jen.Code {
	addr := jen.Op("&").Add(target)
	if isDecodable(t) {
		return jen.Id("decodeRef").Call(addr, decoder, jen.New(v.Type(t).Code()))
	}
	return jen.Id("decodePtr").Call(addr, decoder, decodeFunc(v, t))
}

// decodeValue decodes the current value into target, addressable and of
// Go type v.Type(t).Code().
func decodeValue(v *goview.View, target *jen.Statement, t ir.Type) jen.Code {
	addr := jen.Op("&").Add(target)
	if nesting(t) > maxDecoderNesting {
		return jen.Id("decodeFallback").Types(v.Type(t).Code()).Call(addr, decoder)
	}
	if isDecodable(t) {
		return target.Clone().Dot("decodeJSON").Call(decoder)
	}
	switch t := t.(type) {
	case *ir.Slice:
		return jen.Id("decodeSlice").Call(addr, decoder, decodeFunc(v, t.Elem))
	case *ir.Map:
		return jen.Id("decodeMap").Call(addr, decoder, decodeFunc(v, t.Elem))
	case *ir.Nullable:
		if goview.Nilable(t.Elem) {
			return decodeValue(v, target, t.Elem) // null is nil
		}
		return decodePointer(v, target, t.Elem)
	}
	return jen.Add(decodeFunc(v, t)).Call(addr, decoder)
}

// decodeFunc is a func(*T, *jsonDecoder) that decodes a T, where T is
// v.Type(t).Code().
func decodeFunc(v *goview.View, t ir.Type) jen.Code {
	if nesting(t) > maxDecoderNesting {
		return jen.Id("decodeFallback").Types(v.Type(t).Code())
	}
	switch t := t.(type) {
	case *ir.Prim:
		if name, ok := primDecoders[t.Kind]; ok {
			return jen.Id(name)
		}
		return jen.Id("decodeFallback").Types(v.Prim(t.Kind).Code())
	case *ir.Ref:
		if en, ok := t.Decl.Kind.(*ir.Enum); ok {
			// All enums of one base type share one instance of the generic
			// decoder: fewer functions to compile.
			return jen.Id(enumDecoders[en.Base]).Types(jen.Id(t.Decl.Name))
		}
		return jen.Parens(jen.Op("*").Id(t.Decl.Name)).Dot("decodeJSON")
	}
	// Slices, maps and nullable elements: a decoder made from the
	// element's (one small allocation per value; a function literal would
	// spell the type out at every level, quadratic in the nesting).
	switch t := t.(type) {
	case *ir.Slice:
		return jen.Id("sliceDecoder").Call(decodeFunc(v, t.Elem))
	case *ir.Map:
		return jen.Id("mapDecoder").Call(decodeFunc(v, t.Elem))
	case *ir.Nullable:
		if goview.Nilable(t.Elem) {
			return decodeFunc(v, t.Elem) // null is nil
		}
		return jen.Id("ptrDecoder").Call(decodeFunc(v, t.Elem))
	}
	panic("unreachable: unknown ir.Type")
}

// maxDecoderNesting bounds the slices, maps and pointers nested in a type
// that get decoders of their own: the compiler infers the type arguments of
// sliceDecoder and the others through every level, and gives up on a few
// thousand. Types nested deeper, which no real API has, go to encoding/json.
const maxDecoderNesting = 32

// nesting counts the slices, maps and nullable wrappers around t's element.
func nesting(t ir.Type) int {
	n := 0
	for {
		switch e := t.(type) {
		case *ir.Slice:
			t = e.Elem
		case *ir.Map:
			t = e.Elem
		case *ir.Nullable:
			t = e.Elem
		default:
			return n
		}
		n++
	}
}

// primDecoders are the runtime's decoders of built-in types; the others
// (a multipart file) go to encoding/json.
var primDecoders = map[ir.PrimKind]string{
	ir.String: "decodeString", ir.Int32: "decodeInt32", ir.Int64: "decodeInt64",
	ir.Float32: "decodeFloat32", ir.Float64: "decodeFloat64", ir.Bool: "decodeBool",
	ir.Bytes: "decodeBytes", ir.DateTime: "decodeTime", ir.Any: "decodeAny",
}

// enumDecoders are the runtime's enum decoders by base type.
var enumDecoders = map[ir.PrimKind]string{
	ir.String: "decodeStringEnum", ir.Int32: "decodeInt32Enum", ir.Int64: "decodeInt64Enum",
	ir.Float32: "decodeFloat32Enum", ir.Float64: "decodeFloat64Enum", ir.Bool: "decodeBoolEnum",
}

// isDecodable reports whether t is a struct or union: a type with a
// decodeJSON method.
func isDecodable(t ir.Type) bool {
	r, ok := t.(*ir.Ref)
	if !ok {
		return false
	}
	_, isEnum := r.Decl.Kind.(*ir.Enum)
	return !isEnum
}
