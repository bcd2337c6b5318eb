package ir

// SameType reports whether two type expressions are identical.
func SameType(a, b Type) bool {
	switch a := a.(type) {
	case *Prim:
		b, ok := b.(*Prim)
		return ok && a.Kind == b.Kind
	case *Slice:
		b, ok := b.(*Slice)
		return ok && SameType(a.Elem, b.Elem)
	case *Map:
		b, ok := b.(*Map)
		return ok && SameType(a.Elem, b.Elem)
	case *Nullable:
		b, ok := b.(*Nullable)
		return ok && SameType(a.Elem, b.Elem)
	case *Ref:
		b, ok := b.(*Ref)
		return ok && a.Decl == b.Decl
	}
	return false
}
