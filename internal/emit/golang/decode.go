package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/gotype"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Every declaration gets a decodeJSON method that reads its JSON in one pass
// with the runtime's jsonDecoder (templates/runtime/jsondecode.go): nested
// values are decoded in place, never scanned again by encoding/json.

// decoder is the variable holding the *jsonDecoder in generated code.
var decoder = jen.Id("d")

// emitStructDecoder writes a struct's decodeJSON and UnmarshalJSON.
func emitStructDecoder(f *jen.File, d *ir.Decl, st *ir.Struct) {
	var cases []jen.Code
	for _, fd := range st.Fields {
		cases = append(cases, jen.Case(jen.Lit(fd.JSONName)).Block(decodeField(jen.Id("v").Dot(fd.Name), fd.Type, fd.Required)))
	}
	var rest jen.Code = decoder.Clone().Dot("skip").Call()
	if st.Additional != nil {
		rest = jen.Id("decodeEntry").Call(jen.Op("&").Id("v").Dot(st.AdditionalName), decoder, decodeFunc(st.Additional))
	}
	var body jen.Code = rest
	if len(cases) > 0 {
		cases = append(cases, jen.Default().Block(rest))
		body = jen.Switch(jen.String().Call(decoder.Clone().Dot("key"))).Block(cases...)
	}
	f.Comment("// decodeJSON reads the object's members, skipping those it does not know.")
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("decodeJSON").Params(decoderParam()).Block(
		jen.For(
			jen.Id("ok").Op(":=").Add(decoder).Dot("beginObject").Call(jen.Lit(d.Name)),
			jen.Id("ok"),
			jen.Id("ok").Op("=").Add(decoder).Dot("nextMember").Call(),
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

// emitEnumDecoder writes an enum's decodeJSON: its base type's decoder, so
// that values the SDK does not know decode too.
func emitEnumDecoder(f *jen.File, d *ir.Decl, en *ir.Enum) {
	f.Comment("// decodeJSON reads a value, known to this SDK or not.")
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("decodeJSON").Params(decoderParam()).Block(
		jen.Add(decodeFunc(&ir.Prim{Kind: en.Base})).Call(jen.Parens(jen.Op("*").Add(primExpr(en.Base))).Call(jen.Id("v")), decoder),
	)
}

func decoderParam() jen.Code {
	return jen.Id("d").Op("*").Id("jsonDecoder")
}

// decodeField decodes the current value into field, a struct field or
// variable of type t held as gotype.ShapeOf says.
func decodeField(field *jen.Statement, t ir.Type, required bool) jen.Code {
	shape, inner := gotype.ShapeOf(t, required)
	switch shape {
	case gotype.Pointer:
		return jen.Id("decodePtr").Call(jen.Op("&").Add(field), decoder, decodeFunc(inner))
	case gotype.NullableValue:
		return jen.Id("decodeNullable").Call(jen.Op("&").Add(field), decoder, decodeFunc(inner))
	}
	return decodeValue(field, inner)
}

// decodeValue decodes the current value into target, addressable and of
// Go type typeExpr(t).
func decodeValue(target *jen.Statement, t ir.Type) jen.Code {
	addr := jen.Op("&").Add(target)
	if nesting(t) > maxDecoderNesting {
		return jen.Id("decodeFallback").Types(typeExpr(t)).Call(addr, decoder)
	}
	switch t := t.(type) {
	case *ir.Ref:
		return target.Clone().Dot("decodeJSON").Call(decoder)
	case *ir.Slice:
		return jen.Id("decodeSlice").Call(addr, decoder, decodeFunc(t.Elem))
	case *ir.Map:
		return jen.Id("decodeMap").Call(addr, decoder, decodeFunc(t.Elem))
	case *ir.Nullable:
		if gotype.Nilable(t.Elem) {
			return decodeValue(target, t.Elem) // null is nil
		}
		return jen.Id("decodePtr").Call(addr, decoder, decodeFunc(t.Elem))
	}
	return jen.Add(decodeFunc(t)).Call(addr, decoder)
}

// decodeFunc is a func(*T, *jsonDecoder) that decodes a T, where T is
// typeExpr(t).
func decodeFunc(t ir.Type) jen.Code {
	if nesting(t) > maxDecoderNesting {
		return jen.Id("decodeFallback").Types(typeExpr(t))
	}
	switch t := t.(type) {
	case *ir.Prim:
		switch t.Kind {
		case ir.String:
			return jen.Id("decodeString")
		case ir.Int32:
			return jen.Id("decodeInt32")
		case ir.Int64:
			return jen.Id("decodeInt64")
		case ir.Float32:
			return jen.Id("decodeFloat32")
		case ir.Float64:
			return jen.Id("decodeFloat64")
		case ir.Bool:
			return jen.Id("decodeBool")
		case ir.Bytes:
			return jen.Id("decodeBytes")
		case ir.DateTime:
			return jen.Id("decodeTime")
		case ir.Any:
			return jen.Id("decodeAny")
		}
		return jen.Id("decodeFallback").Types(primExpr(t.Kind))
	case *ir.Ref:
		return jen.Parens(jen.Op("*").Id(t.Decl.Name)).Dot("decodeJSON")
	}
	// Slices, maps and nullable elements: a decoder made from the
	// element's (one small allocation per value; a function literal would
	// spell the type out at every level, quadratic in the nesting).
	switch t := t.(type) {
	case *ir.Slice:
		return jen.Id("sliceDecoder").Call(decodeFunc(t.Elem))
	case *ir.Map:
		return jen.Id("mapDecoder").Call(decodeFunc(t.Elem))
	case *ir.Nullable:
		if gotype.Nilable(t.Elem) {
			return decodeFunc(t.Elem) // null is nil
		}
		return jen.Id("ptrDecoder").Call(decodeFunc(t.Elem))
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
