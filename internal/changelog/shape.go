package changelog

import "github.com/sdkgen/sdkgen/internal/ir"

// The shapes below write types as the Go SDK declares them, so that a
// change in a report is a change a Go user sees.

func primShape(k ir.PrimKind) string {
	return [...]string{"string", "int32", "int64", "float32", "float64", "bool", "[]byte", "time.Time", "File", "any"}[k]
}

// typeShape writes a type in element position: null is a nil pointer.
func typeShape(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		return primShape(t.Kind)
	case *ir.Slice:
		return "[]" + typeShape(t.Elem)
	case *ir.Map:
		return "map[string]" + typeShape(t.Elem)
	case *ir.Nullable:
		if nilable(t.Elem) {
			return typeShape(t.Elem)
		}
		return "*" + typeShape(t.Elem)
	case *ir.Ref:
		return t.Decl.Name
	}
	return "?"
}

// fieldShape writes the type of a field or parameter.
func fieldShape(t ir.Type, required bool) string {
	inner, nullable := ir.Unwrap(t)
	switch {
	case required && !nullable:
		return typeShape(inner)
	case !required && nullable:
		return "Nullable[" + typeShape(inner) + "]"
	case nilable(inner):
		return typeShape(inner)
	}
	return "*" + typeShape(inner)
}

func nilable(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Slice, *ir.Map:
		return true
	case *ir.Prim:
		return t.Kind == ir.Any || t.Kind == ir.Bytes
	}
	return false
}
