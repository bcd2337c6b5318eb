// Package gotype spells IR types as the generated Go SDK declares them and
// decides how values are held (value, pointer, nil, Nullable). The Go
// emitter builds its code from these decisions, and the docs and the change
// report print these spellings, so all three agree by construction.
package gotype

import "github.com/sdkgen/sdkgen/internal/ir"

// Type is the Go type of a value of t where null needs no state beyond a
// nil pointer: elements, map values, required fields.
func Type(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		return Prim(t.Kind)
	case *ir.Slice:
		return "[]" + Type(t.Elem)
	case *ir.Map:
		return "map[string]" + Type(t.Elem)
	case *ir.Nullable:
		if Nilable(t.Elem) {
			return Type(t.Elem)
		}
		return "*" + Type(t.Elem)
	case *ir.Ref:
		return t.Decl.Name
	}
	panic("unreachable: unknown ir.Type")
}

// Prim is the Go type of a built-in kind.
func Prim(k ir.PrimKind) string {
	switch k {
	case ir.String:
		return "string"
	case ir.Binary:
		return "File" // a file part of a multipart body
	case ir.Int32:
		return "int32"
	case ir.Int64:
		return "int64"
	case ir.Float32:
		return "float32"
	case ir.Float64:
		return "float64"
	case ir.Bool:
		return "bool"
	case ir.Bytes:
		return "[]byte"
	case ir.DateTime:
		return "time.Time"
	}
	return "any"
}

// Nilable reports whether the Go type of t has a nil that means "nothing":
// slices, maps, []byte and any, which need no pointer.
func Nilable(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Slice, *ir.Map:
		return true
	case *ir.Prim:
		return t.Kind == ir.Any || t.Kind == ir.Bytes
	}
	return false
}

// Shape is how a struct field or parameter holds its value.
type Shape int

const (
	Value         Shape = iota // T
	Pointer                    // *T, nil when absent (or null when required)
	NilableValue               // slice, map or any: nil when absent
	NullableValue              // Nullable[T]
)

// ShapeOf says how a field or parameter of type t holds its value, and
// returns t without its Nullable wrapper:
//
//	required           T             nullable: *T (nil is null)
//	optional           *T, omitzero  nullable: Nullable[T], omitzero
//
// with slices, maps and any using nil instead of a pointer, and always *T
// for a recursive struct T.
func ShapeOf(t ir.Type, required bool) (Shape, ir.Type) {
	inner, nullable := ir.Unwrap(t)
	if r, ok := inner.(*ir.Ref); ok && r.Decl.Recursive {
		// A value in place would contain itself: nil is absent, and null
		// when the field is required.
		return Pointer, inner
	}
	switch {
	case required && !nullable:
		return Value, inner
	case required || !nullable:
		if Nilable(inner) {
			return NilableValue, inner
		}
		return Pointer, inner
	}
	return NullableValue, inner
}

// Field is the Go type of a struct field or parameter.
func Field(t ir.Type, required bool) string {
	shape, inner := ShapeOf(t, required)
	switch shape {
	case Pointer:
		return "*" + Type(inner)
	case NullableValue:
		return "Nullable[" + Type(inner) + "]"
	}
	return Type(inner)
}

// PathParam is the Go type of a path parameter's positional argument.
func PathParam(p *ir.Param) string {
	t, _ := ir.Unwrap(p.Type)
	return Type(t)
}

// Body is the Go type of a request body argument.
func Body(b *ir.RequestBody) string {
	switch b.Encoding {
	case ir.EncodingBinary:
		return "io.Reader"
	case ir.EncodingText:
		return "string"
	}
	t, _ := ir.Unwrap(b.Type)
	if b.ByPointer() {
		return "*" + Type(t)
	}
	return Type(t)
}

// Result is what a method returns besides error; "" for none.
func Result(op *ir.Operation) string {
	switch op.Result.Kind {
	case ir.ResultNone:
		return ""
	case ir.ResultMulti:
		return "*" + op.Result.Name
	}
	return ValueResult(op.Result.Type, op.Result.Encoding)
}

// ValueResult is the Go type of a decoded response body.
func ValueResult(t ir.Type, enc ir.Encoding) string {
	if enc == ir.EncodingBinary {
		return "io.ReadCloser"
	}
	inner, _ := ir.Unwrap(t)
	switch inner := inner.(type) {
	case *ir.Ref:
		return "*" + inner.Decl.Name
	case *ir.Prim:
		if inner.Kind == ir.Binary {
			return "string" // valueResult's String/Binary case
		}
	}
	return Type(inner)
}

// ResultField is the Go type of a field of a response struct.
func ResultField(rf *ir.ResultField) string {
	typ := ValueResult(rf.Type, rf.Encoding)
	if inner, _ := ir.Unwrap(rf.Type); !isRef(inner) && rf.Encoding != ir.EncodingBinary {
		typ = "*" + typ
	}
	return typ
}

func isRef(t ir.Type) bool {
	_, ok := t.(*ir.Ref)
	return ok
}

// Variant is the Go type of a union variant's field: nil when unset, so a
// pointer unless its type has a nil of its own.
func Variant(v *ir.Variant) string {
	if !PointerVariant(v.Type) {
		return Type(v.Type)
	}
	return "*" + Type(v.Type)
}

// PointerVariant reports whether a variant's field is a pointer: slices and
// maps use nil for "unset"; any needs a pointer to tell unset from null.
func PointerVariant(t ir.Type) bool {
	if p, ok := t.(*ir.Prim); ok && p.Kind == ir.Any {
		return true
	}
	return !Nilable(t)
}
