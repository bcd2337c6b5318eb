package ir

import "github.com/sdkgen/sdkgen/internal/diag"

// Type is a type expression: one of *Prim, *Slice, *Map, *Nullable, *Ref.
type Type interface{ isType() }

// PrimKind is a built-in type.
type PrimKind int

const (
	String   PrimKind = iota
	Int32             // integer, format int32
	Int64             // integer (unformatted or int64)
	Float32           // number, format float
	Float64           // number
	Bool              // boolean
	Bytes             // string, format byte: base64 in JSON
	DateTime          // string, format date-time
	Binary            // string, format binary: a stream, only in bodies and multipart parts
	Any               // any JSON value
)

// Prim is a built-in type.
type Prim struct {
	Kind PrimKind
}

// Slice is a JSON array.
type Slice struct {
	Elem Type
}

// Map is a JSON object with arbitrary keys and values of one type.
type Map struct {
	Elem Type
}

// Nullable is a value that may be JSON null.
type Nullable struct {
	Elem Type
}

// Ref refers to a named declaration.
type Ref struct {
	Decl *Decl
}

func (*Prim) isType()     {}
func (*Slice) isType()    {}
func (*Map) isType()      {}
func (*Nullable) isType() {}
func (*Ref) isType()      {}

// Unwrap strips a Nullable wrapper and reports whether there was one.
func Unwrap(t Type) (Type, bool) {
	if n, ok := t.(*Nullable); ok {
		return n.Elem, true
	}
	return t, false
}

// Decl is a named Go type declaration.
type Decl struct {
	Name        string // Go name
	File        string // Go file stem the declaration is emitted into
	DocFile     string // docs page stem under docs/models
	Description string
	Deprecated  bool
	SchemaName  string // the components.schemas key, "" for an inline schema
	IsError     bool   // the body of a declared error response: implements error
	Kind        DeclKind
	Pointer     string
	Pos         diag.Pos
	// Recursive says that a value of the type held in place (a required
	// or a nullable field) would contain itself: such fields are pointers.
	Recursive bool
	// Sent says that a value of the type may be part of a request body.
	Sent bool
}

// DeclKind is one of *Struct, *Enum, *Union.
type DeclKind interface{ isDeclKind() }

// Struct is a JSON object with known properties.
type Struct struct {
	Fields []*Field // in the spec's order (properties as written, allOf parts in order)
	// Additional, when non-nil, is the type of properties beyond Fields that
	// the schema allows explicitly; they are kept in an AdditionalProperties map.
	Additional     Type
	AdditionalName string // Go name of that map field
}

// HasCodec reports whether the struct needs JSON methods of its own: for
// additional properties, or for fields whose JSON names a struct tag cannot
// carry.
func (s *Struct) HasCodec() bool {
	if s.Additional != nil {
		return true
	}
	for _, f := range s.Fields {
		if f.Untagged {
			return true
		}
	}
	return false
}

// FillsFixed reports whether the struct's encoding sets its Fixed fields
// that the caller left zero: for a type sent in requests that has some.
func (s *Struct) FillsFixed(d *Decl) bool {
	if !d.Sent {
		return false
	}
	for _, f := range s.Fields {
		if f.Fixed != nil {
			return true
		}
	}
	return false
}

// Field is a property of a Struct.
type Field struct {
	Name     string // Go name
	JSONName string
	// Untagged says that encoding/json cannot take JSONName from a struct
	// tag (it is empty, or has a quote, comma, backslash, ...): the
	// struct's JSON methods encode and decode the field.
	Untagged    bool
	Type        Type
	Required    bool
	Description string
	Deprecated  bool
	ReadOnly    bool
	WriteOnly   bool
	Default     string   // JSON text of the default, "" when none
	Example     string   // JSON text of an example, "" when none
	Constraints []string // human-readable: "minimum: 1", "pattern: ^a"
	// Format is the schema's format ("uri", "email"), which a string's Go
	// type does not carry; "" when none.
	Format string
	// Fixed is the one value a required string or number field may have
	// (const, or an enum of one value), nil when it may have others:
	// string, int64 or float64.
	Fixed any
	Pos   diag.Pos
}

// Enum is a set of named constants of one base type.
type Enum struct {
	Base         PrimKind // String, Int32, Int64, Float64 or Bool
	Values       []*EnumValue
	AllowUnknown bool // x-speakeasy-unknown-values: allow
}

// EnumValue is one enum constant.
type EnumValue struct {
	Name  string // Go constant name
	Value any    // string, int64, float64 or bool
	// Label is the spec's own name for the value (x-enum-varnames,
	// x-enumNames, x-ms-enum, x-speakeasy-enums), "" when it gives none.
	Label       string
	Description string
}

// Union is a oneOf or anyOf: exactly one (oneOf) or at least one (anyOf)
// variant describes the value.
type Union struct {
	Variants      []*Variant
	Discriminator string // property name, "" when none
	// Default is the variant a value whose discriminator selects none is
	// decoded as (OpenAPI 3.2's defaultMapping); nil keeps it in Raw.
	Default *Variant
	AnyOf   bool
	// ShapeWithout says a value without the discriminator is matched by
	// its shape: the spec names no discriminator, and the property whose
	// values tell the variants apart is optional in some.
	ShapeWithout bool
}

// MergesObjects reports whether a value may be several of the union's
// variants at once, each holding some of its members: an anyOf without a
// discriminator with two or more object variants ({first, prev} and
// {last, next} page links). Such a union sets every object variant the
// value matches, and encodes them merged.
func (u *Union) MergesObjects() bool {
	if !u.AnyOf || u.Discriminator != "" {
		return false
	}
	n := 0
	for _, v := range u.Variants {
		if r, ok := v.Type.(*Ref); ok {
			if _, isStruct := r.Decl.Kind.(*Struct); isStruct {
				n++
			}
		}
	}
	return n >= 2
}

// Variant is one alternative of a Union.
type Variant struct {
	Name   string   // Go field name in the union struct
	Type   Type     // never Nullable
	Values []string // discriminator values selecting this variant
}

func (*Struct) isDeclKind() {}
func (*Enum) isDeclKind()   {}
func (*Union) isDeclKind()  {}

// Scalar reports whether a value of type t, nullable or not, is sent as one
// text value: a built-in type other than any and a file, or an enum.
func Scalar(t Type) bool {
	t, _ = Unwrap(t)
	switch t := t.(type) {
	case *Prim:
		return t.Kind != Any && t.Kind != Binary
	case *Ref:
		_, ok := t.Decl.Kind.(*Enum)
		return ok
	}
	return false
}
