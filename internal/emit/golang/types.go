package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// typeExpr is the Go type of a value of t where null needs no separate state
// beyond a nil pointer: elements, map values, required fields.
func typeExpr(t ir.Type) jen.Code {
	switch t := t.(type) {
	case *ir.Prim:
		return primExpr(t.Kind)
	case *ir.Slice:
		return jen.Index().Add(typeExpr(t.Elem))
	case *ir.Map:
		return jen.Map(jen.String()).Add(typeExpr(t.Elem))
	case *ir.Nullable:
		if nilable(t.Elem) {
			return typeExpr(t.Elem)
		}
		return jen.Op("*").Add(typeExpr(t.Elem))
	case *ir.Ref:
		return jen.Id(t.Decl.Name)
	}
	panic("unreachable: unknown ir.Type")
}

func primExpr(k ir.PrimKind) jen.Code {
	switch k {
	case ir.String:
		return jen.String()
	case ir.Binary:
		return jen.Id("File") // a file part of a multipart body
	case ir.Int32:
		return jen.Int32()
	case ir.Int64:
		return jen.Int64()
	case ir.Float32:
		return jen.Float32()
	case ir.Float64:
		return jen.Float64()
	case ir.Bool:
		return jen.Bool()
	case ir.Bytes:
		return jen.Index().Byte()
	case ir.DateTime:
		return jen.Qual("time", "Time")
	}
	return jen.Any()
}

// nilable reports whether the Go type of t has nil as a value that means
// "nothing" (slices, maps, interfaces).
func nilable(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Slice, *ir.Map:
		return true
	case *ir.Prim:
		return t.Kind == ir.Any || t.Kind == ir.Bytes
	}
	return false
}

// fieldExpr is the Go type of a struct field or parameter, and whether it is
// left out of the JSON when zero:
//
//	required           T             nullable: *T (nil is null)
//	optional           *T, omitzero  nullable: Nullable[T], omitzero
//
// Slices, maps and any use nil instead of a pointer.
func fieldExpr(t ir.Type, required bool) (code jen.Code, omit bool) {
	inner, nullable := ir.Unwrap(t)
	switch {
	case required && !nullable:
		return typeExpr(inner), false
	case required || (!nullable && !required):
		if nilable(inner) {
			return typeExpr(inner), !required
		}
		return jen.Op("*").Add(typeExpr(inner)), !required
	}
	return jen.Id("Nullable").Types(typeExpr(inner)), true
}

// fieldKind tells how generated code reads a field of fieldExpr's type.
type fieldKind int

const (
	fieldValue    fieldKind = iota // T: always present
	fieldPointer                   // *T: nil when absent
	fieldNilable                   // slice, map or any: nil when absent
	fieldNullable                  // Nullable[T]
)

func kindOfField(t ir.Type, required bool) fieldKind {
	inner, nullable := ir.Unwrap(t)
	switch {
	case required && !nullable:
		return fieldValue
	case !required && nullable:
		return fieldNullable
	case nilable(inner):
		return fieldNilable
	}
	return fieldPointer
}

// declOf returns the declaration t refers to, if any.
func declOf(t ir.Type) *ir.Decl {
	t, _ = ir.Unwrap(t)
	if r, ok := t.(*ir.Ref); ok {
		return r.Decl
	}
	return nil
}

func isAny(t ir.Type) bool {
	p, ok := t.(*ir.Prim)
	return ok && p.Kind == ir.Any
}
