package docs

import (
	"github.com/sdkgen/sdkgen/internal/ir"
)

// The functions here spell Go types as the Go emitter declares them
// (internal/emit/golang/types.go and operations.go); the docs must show the
// SDK's real API, so each mirrors its counterpart rule for rule.

// typeText mirrors typeExpr: the Go type of a value of t where null needs no
// state beyond a nil pointer.
func typeText(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		return primText(t.Kind)
	case *ir.Slice:
		return "[]" + typeText(t.Elem)
	case *ir.Map:
		return "map[string]" + typeText(t.Elem)
	case *ir.Nullable:
		if nilable(t.Elem) {
			return typeText(t.Elem)
		}
		return "*" + typeText(t.Elem)
	case *ir.Ref:
		return t.Decl.Name
	}
	panic("unreachable: unknown ir.Type")
}

// primText mirrors primExpr.
func primText(k ir.PrimKind) string {
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

// nilable mirrors the emitter's nilable: slices, maps and any use nil for
// "nothing" instead of a pointer.
func nilable(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Slice, *ir.Map:
		return true
	case *ir.Prim:
		return t.Kind == ir.Any || t.Kind == ir.Bytes
	}
	return false
}

// fieldShape is how a struct field or parameter holds its value.
type fieldShape int

const (
	shapeValue    fieldShape = iota // T
	shapePointer                    // *T, nil when absent (or null when required)
	shapeNilable                    // slice, map or any: nil when absent
	shapeNullable                   // Nullable[T]
)

// fieldShapeOf mirrors fieldExpr's cases:
//
//	required           T             nullable: *T (nil is null)
//	optional           *T, omitzero  nullable: Nullable[T], omitzero
//
// with slices, maps and any using nil instead of a pointer.
func fieldShapeOf(t ir.Type, required bool) (fieldShape, ir.Type) {
	inner, nullable := ir.Unwrap(t)
	switch {
	case required && !nullable:
		return shapeValue, inner
	case required || !nullable:
		if nilable(inner) {
			return shapeNilable, inner
		}
		return shapePointer, inner
	}
	return shapeNullable, inner
}

// fieldText mirrors fieldExpr: the Go type of a struct field or parameter.
func fieldText(t ir.Type, required bool) string {
	shape, inner := fieldShapeOf(t, required)
	switch shape {
	case shapePointer:
		return "*" + typeText(inner)
	case shapeNullable:
		return "Nullable[" + typeText(inner) + "]"
	}
	return typeText(inner)
}

// pathParamText mirrors the positional argument of a path parameter.
func pathParamText(p *ir.Param) string {
	t, _ := ir.Unwrap(p.Type)
	return typeText(t)
}

// bodyText mirrors bodyExpr: the Go type of a request body argument.
func bodyText(b *ir.RequestBody) string {
	switch b.Encoding {
	case ir.EncodingBinary:
		return "io.Reader"
	case ir.EncodingText:
		return "string"
	}
	t, _ := ir.Unwrap(b.Type)
	if b.ByPointer() {
		return "*" + typeText(t)
	}
	return typeText(t)
}

// resultText mirrors resultExpr: what a method returns besides error; "" for
// none.
func resultText(op *ir.Operation) string {
	switch op.Result.Kind {
	case ir.ResultNone:
		return ""
	case ir.ResultMulti:
		return "*" + op.Result.Name
	}
	return valueResultText(op.Result.Type, op.Result.Encoding)
}

// valueResultText mirrors valueResult: the Go type of a decoded body.
func valueResultText(t ir.Type, enc ir.Encoding) string {
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
	return typeText(inner)
}

// resultFieldText mirrors the field types of emitResultStruct.
func resultFieldText(rf *ir.ResultField) string {
	typ := valueResultText(rf.Type, rf.Encoding)
	if _, isPtr := rf.Type.(*ir.Ref); !isPtr && rf.Encoding != ir.EncodingBinary {
		typ = "*" + typ
	}
	return typ
}

// variantText mirrors variantExpr: a union variant's field is nil when
// unset, so it is a pointer unless its type has a nil of its own.
func variantText(v *ir.Variant) string {
	if !pointerVariant(v.Type) {
		return typeText(v.Type)
	}
	return "*" + typeText(v.Type)
}

// pointerVariant mirrors the emitter's pointerVariant: slices and maps use
// nil for "unset"; any needs a pointer to tell unset from null.
func pointerVariant(t ir.Type) bool {
	if p, ok := t.(*ir.Prim); ok && p.Kind == ir.Any {
		return true
	}
	return !nilable(t)
}

// resultKind is how an example uses a method's result.
type resultKind int

const (
	resultNone    resultKind = iota // only an error
	resultNilable                   // a pointer, slice, map or interface: compare with nil
	resultStream                    // io.ReadCloser: read and close
	resultScalar                    // a value: print it
)

// resultKindOf classifies resultText's type.
func resultKindOf(op *ir.Operation) resultKind {
	switch op.Result.Kind {
	case ir.ResultNone:
		return resultNone
	case ir.ResultMulti:
		return resultNilable
	}
	if op.Result.Encoding == ir.EncodingBinary {
		return resultStream
	}
	inner, _ := ir.Unwrap(op.Result.Type)
	switch inner := inner.(type) {
	case *ir.Ref, *ir.Slice, *ir.Map:
		return resultNilable
	case *ir.Prim:
		if inner.Kind == ir.Any || inner.Kind == ir.Bytes {
			return resultNilable
		}
	}
	return resultScalar
}

// declIn returns the declaration a type expression mentions, if any: at most
// one, since slices, maps and nullables have a single element type.
func declIn(t ir.Type) *ir.Decl {
	for {
		switch tt := t.(type) {
		case *ir.Slice:
			t = tt.Elem
		case *ir.Map:
			t = tt.Elem
		case *ir.Nullable:
			t = tt.Elem
		case *ir.Ref:
			return tt.Decl
		default:
			return nil
		}
	}
}

// typeLink renders a Go type for a table or paragraph: a code span, linked to
// the model page of the declaration it mentions. modelsDir is the relative
// path from the page to docs/models/, ending in a slash ("" on a model page).
func typeLink(text string, d *ir.Decl, modelsDir string) string {
	if d == nil {
		return code(text)
	}
	return "[" + code(text) + "](" + modelsDir + d.DocFile + ".md)"
}
