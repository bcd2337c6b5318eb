package docs

import (
	"github.com/sdkgen/sdkgen/internal/ir"
)

// The functions here spell Go types as the Go emitter declares them
// (internal/emit/golang/types.go and operations.go); the docs must show the
// SDK's real API, so each mirrors its counterpart rule for rule.

// resultKind is how an example uses a method's result.
type resultKind int

const (
	resultNone    resultKind = iota // only an error
	resultNilable                   // a pointer, slice, map or interface: compare with nil
	resultStream                    // io.ReadCloser: read and close
	resultScalar                    // a value: print it
)

// resultKindOf classifies gotype.Result's type.
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
