package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/gotype"

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
		if gotype.Nilable(t.Elem) {
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

// fieldExpr is the Go type of a struct field or parameter (see
// gotype.ShapeOf), and whether it is left out of the JSON when zero.
func fieldExpr(t ir.Type, required bool) (code jen.Code, omit bool) {
	shape, inner := gotype.ShapeOf(t, required)
	switch shape {
	case gotype.Value:
		return typeExpr(inner), false
	case gotype.Pointer:
		return jen.Op("*").Add(typeExpr(inner)), !required
	case gotype.NilableValue:
		return typeExpr(inner), !required
	}
	return jen.Id("Nullable").Types(typeExpr(inner)), true
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

// shapeOf is gotype.ShapeOf's shape alone.
func shapeOf(t ir.Type, required bool) gotype.Shape {
	s, _ := gotype.ShapeOf(t, required)
	return s
}
