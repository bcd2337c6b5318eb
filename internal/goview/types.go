package goview

import (
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// Type is a Go type expression of the SDK. The emitter builds code from it,
// the docs and the change report print it, so all of them agree.
type Type struct {
	kind kind
	name string // a predeclared type or an identifier
	path string // the identifier's import path: a standard package, or the SDK's own
	own  bool   // an identifier the SDK declares
	elem *Type  // pointer, slice, map value or Nullable's type argument
	// Decl is the declaration the expression mentions, if any: an element
	// type is single, so there is at most one.
	Decl *ir.Decl
}

type kind uint8

const (
	kindIdent kind = iota
	kindPointer
	kindSlice
	kindMap
	kindNullable
	kindGeneric // name[elem]: a generic type of the SDK (Stream[T])
)

func ident(name string) *Type { return &Type{name: name} }

func qual(pkgPath, name string) *Type { return &Type{name: name, path: pkgPath} }

// Pointer returns *t.
func Pointer(t *Type) *Type { return &Type{kind: kindPointer, elem: t, Decl: t.Decl} }

func sliceOf(t *Type) *Type { return &Type{kind: kindSlice, elem: t, Decl: t.Decl} }

func mapOf(t *Type) *Type { return &Type{kind: kindMap, elem: t, Decl: t.Decl} }

// Code is the type as jennifer code. The SDK's identifiers are qualified by
// its import path, which jennifer leaves out inside the SDK and writes
// (importing it) in code elsewhere, such as the docs' examples.
func (t *Type) Code() jen.Code {
	switch t.kind {
	case kindPointer:
		return jen.Op("*").Add(t.elem.Code())
	case kindSlice:
		return jen.Index().Add(t.elem.Code())
	case kindMap:
		return jen.Map(jen.String()).Add(t.elem.Code())
	case kindNullable:
		return jen.Qual(t.path, "Nullable").Types(t.elem.Code())
	case kindGeneric:
		return jen.Qual(t.path, t.name).Types(t.elem.Code())
	}
	if t.path == "" {
		return jen.Id(t.name)
	}
	return jen.Qual(t.path, t.name)
}

// String is the type as the SDK's own code spells it: "*SignInToken",
// "Nullable[string]", "time.Time".
func (t *Type) String() string {
	switch t.kind {
	case kindPointer:
		return "*" + t.elem.String()
	case kindSlice:
		return "[]" + t.elem.String()
	case kindMap:
		return "map[string]" + t.elem.String()
	case kindNullable:
		return "Nullable[" + t.elem.String() + "]"
	case kindGeneric:
		return t.name + "[" + t.elem.String() + "]"
	}
	if t.path == "" || t.own {
		return t.name
	}
	return path.Base(t.path) + "." + t.name
}

// Elem is the type a pointer points to, or a slice's element, a map's value
// or Nullable's argument; nil for an identifier.
func (t *Type) Elem() *Type { return t.elem }

// IsPointer reports whether t is a pointer type.
func (t *Type) IsPointer() bool { return t.kind == kindPointer }

// HasNil reports whether nil is a value of t: pointers, slices, maps, any
// and the io interfaces.
func (t *Type) HasNil() bool {
	switch t.kind {
	case kindPointer, kindSlice, kindMap:
		return true
	case kindIdent:
		return t.name == "any" || t.path == "io"
	}
	return false
}

// IsStream reports whether t is a body the caller reads and closes.
func (t *Type) IsStream() bool { return t.path == "io" && t.name == "ReadCloser" }

// Zero is the zero value of t, as a method's failure result.
func (t *Type) Zero() jen.Code {
	if t.HasNil() {
		return jen.Nil()
	}
	switch t.name {
	case "string":
		return jen.Lit("")
	case "bool":
		return jen.False()
	case "int32", "int64", "float32", "float64":
		return jen.Lit(0)
	}
	return jen.Add(t.Code()).Values()
}

// prim is the Go type of a built-in kind.
func (v *View) prim(k ir.PrimKind) *Type {
	switch k {
	case ir.String:
		return ident("string")
	case ir.Binary:
		return v.own("File", nil) // a file part of a multipart body
	case ir.Int32:
		return ident("int32")
	case ir.Int64:
		return ident("int64")
	case ir.Float32:
		return ident("float32")
	case ir.Float64:
		return ident("float64")
	case ir.Bool:
		return ident("bool")
	case ir.Bytes:
		return sliceOf(ident("byte"))
	case ir.DateTime:
		return qual("time", "Time")
	}
	return ident("any")
}

// own is an identifier the SDK declares.
func (v *View) own(name string, d *ir.Decl) *Type {
	return &Type{name: name, path: v.Path, own: true, Decl: d}
}

// Prim is the Go type of a built-in kind.
func (v *View) Prim(k ir.PrimKind) *Type { return v.prim(k) }

// Type is the Go type of a value of t where null needs no state beyond a
// nil pointer: elements, map values, required fields.
func (v *View) Type(t ir.Type) *Type {
	switch t := t.(type) {
	case *ir.Prim:
		return v.prim(t.Kind)
	case *ir.Slice:
		return sliceOf(v.Type(t.Elem))
	case *ir.Map:
		return mapOf(v.Type(t.Elem))
	case *ir.Nullable:
		if Nilable(t.Elem) {
			return v.Type(t.Elem)
		}
		return Pointer(v.Type(t.Elem))
	case *ir.Ref:
		return v.own(t.Decl.Name, t.Decl)
	}
	panic("unreachable: unknown ir.Type")
}

// nullable returns Nullable[t].
func (v *View) nullable(t *Type) *Type {
	return &Type{kind: kindNullable, path: v.Path, own: true, elem: t, Decl: t.Decl}
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

// Hold is how a struct field or parameter holds its value.
type Hold uint8

const (
	HoldValue    Hold = iota // T
	HoldPointer              // *T: nil is absent (or null, when required)
	HoldNil                  // a slice, map or any: nil is absent
	HoldNullable             // Nullable[T]
)

// Field is how a struct field or a parameter is declared.
type Field struct {
	Hold  Hold
	Type  *Type   // as declared: T, *T or Nullable[T]
	Value *Type   // the type of the value it holds: T
	Elem  ir.Type // the IR type of that value, without null
	Omit  bool    // left out of JSON when zero
}

// Field says how a field or parameter of type t is held:
//
//	required           T             nullable: *T (nil is null)
//	optional           *T, omitzero  nullable: Nullable[T], omitzero
//
// with slices, maps and any using nil instead of a pointer, and always *T
// for a recursive struct T, whose value in place would contain itself.
func (v *View) Field(t ir.Type, required bool) Field {
	inner, nullable := ir.Unwrap(t)
	val := v.Type(inner)
	f := Field{Value: val, Elem: inner, Omit: !required}
	r, recursive := inner.(*ir.Ref)
	recursive = recursive && r.Decl.Recursive
	switch {
	case recursive:
		f.Hold, f.Type = HoldPointer, Pointer(val)
	case required && !nullable:
		f.Hold, f.Type = HoldValue, val
	case required || !nullable:
		if Nilable(inner) {
			f.Hold, f.Type = HoldNil, val
		} else {
			f.Hold, f.Type = HoldPointer, Pointer(val)
		}
	default:
		f.Hold, f.Type, f.Omit = HoldNullable, v.nullable(val), true
	}
	return f
}

// Variant is the type of a union variant's field: nil when unset, so a
// pointer unless its type has a nil of its own (any needs a pointer to tell
// unset from null).
func (v *View) Variant(t ir.Type) *Type {
	if p, ok := t.(*ir.Prim); ok && p.Kind == ir.Any || !Nilable(t) {
		return Pointer(v.Type(t))
	}
	return v.Type(t)
}

// Result is the Go type of a decoded response body of type t.
func (v *View) Result(t ir.Type, enc ir.Encoding) *Type {
	if enc == ir.EncodingBinary {
		return qual("io", "ReadCloser")
	}
	inner, _ := ir.Unwrap(t)
	switch inner := inner.(type) {
	case *ir.Ref:
		return Pointer(v.Type(inner)) // declared types by pointer, nullable or not
	case *ir.Prim:
		if inner.Kind == ir.Binary {
			return ident("string") // in JSON, a binary value is a string
		}
	}
	return v.Type(inner)
}
