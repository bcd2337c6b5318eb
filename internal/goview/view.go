// Package goview is the Go view of the IR: every decision about how the SDK
// looks in Go — each type's Go expression, how a field, parameter or result
// holds its value, each method's signature and the locals its body uses, the
// path as segments, what each response status returns — made once, here.
// The Go emitter, the docs (their tables and their examples), the change
// report and -dump-ir read it, so they agree by construction.
package goview

import (
	"github.com/sdkgen/sdkgen/internal/ir"
)

// View is the Go view of an SDK.
type View struct {
	API *ir.API
	// Path is the SDK's import path: its identifiers are qualified with it,
	// which jennifer drops inside the SDK.
	Path   string
	Decls  []*Decl  // in the IR's order
	Groups []*Group // in the IR's order

	decls   map[*ir.Decl]*Decl
	methods map[*ir.Operation]*Method
}

// PlaceholderModule is where the docs' examples say the SDK lives when the
// configuration does not give its import path; the README says to replace
// it.
const PlaceholderModule = "example.com/yourmodule"

// ImportPath is the import path of the SDK: the configured one, else a
// placeholder under PlaceholderModule.
func ImportPath(api *ir.API) string {
	if api.ImportPath != "" {
		return api.ImportPath
	}
	return PlaceholderModule + "/" + api.Package
}

// New computes the view of api. reserved are the package-level names the
// SDK declares besides the spec's types (the runtime's, the client's): a
// method's arguments and locals must not hide them.
func New(api *ir.API, reserved []string) *View {
	v := &View{API: api, Path: ImportPath(api), decls: map[*ir.Decl]*Decl{}, methods: map[*ir.Operation]*Method{}}
	for _, d := range api.Decls {
		vd := v.newDecl(d)
		v.Decls = append(v.Decls, vd)
		v.decls[d] = vd
	}
	outer := newMethodScope(reserved)
	for _, g := range api.Groups {
		vg := &Group{IR: g, Recv: "s", Type: g.TypeName, Access: AccessPath(g)}
		if g.FieldName == "" {
			vg.Recv = "c" // the root group's methods are the client's
		}
		for _, op := range g.Operations {
			m := v.newMethod(vg, op, outer)
			vg.Methods = append(vg.Methods, m)
			v.methods[op] = m
		}
		v.Groups = append(v.Groups, vg)
	}
	return v
}

// Decl returns the view of a declaration.
func (v *View) Decl(d *ir.Decl) *Decl { return v.decls[d] }

// Method returns the view of an operation's method.
func (v *View) Method(op *ir.Operation) *Method { return v.methods[op] }

// Decl is a named type: its fields, variants or enum base.
type Decl struct {
	IR   *ir.Decl
	Type *Type // the type itself

	Fields     []*StructField // a struct's, in the IR's order
	Additional *Type          // a struct's map of additional properties; nil without
	Variants   []*Variant     // a union's
	// Shapes names the package-level variable that holds the JSON shapes
	// of a union's variants, when it has no discriminator to pick one by.
	// Unexported and named from the exported type's name, it meets no
	// name of the spec's; the runtime declares none that begin so.
	Shapes string
	Base   *Type // an enum's underlying type
}

// StructField is a field of a struct declaration.
type StructField struct {
	IR *ir.Field
	Field
	// Tag is the field's json struct tag: the JSON name, ",omitzero" when
	// it is left out when zero (optional or read-only), or "-" when the
	// JSON name cannot be a tag.
	Tag string
}

// Variant is a union variant's field.
type Variant struct {
	IR   *ir.Variant
	Type *Type // nil when unset: see View.Variant
}

func (v *View) newDecl(d *ir.Decl) *Decl {
	vd := &Decl{IR: d, Type: v.own(d.Name, d)}
	switch k := d.Kind.(type) {
	case *ir.Struct:
		for _, f := range k.Fields {
			sf := &StructField{IR: f, Field: v.Field(f.Type, f.Required), Tag: f.JSONName}
			switch {
			case f.Untagged:
				sf.Tag = "-" // the struct's JSON methods carry it
			case sf.Omit || f.ReadOnly || f.WriteOnly:
				// A read-only field, even a required one, is the server's:
				// a request leaves it out unless the caller set it. A
				// write-only one (a secret) never comes back: a value read
				// and sent again must not send it empty.
				sf.Tag += ",omitzero"
			}
			vd.Fields = append(vd.Fields, sf)
		}
		if k.Additional != nil {
			vd.Additional = mapOf(v.Type(k.Additional))
		}
	case *ir.Union:
		for _, vr := range k.Variants {
			vd.Variants = append(vd.Variants, &Variant{IR: vr, Type: v.Variant(vr.Type)})
		}
		vd.Shapes = ShapesOf(d)
	case *ir.Enum:
		vd.Base = v.prim(k.Base)
	}
	return vd
}

// ShapesOf names the package-level variable that holds the JSON shapes of
// a union's variants, "" for a union with a discriminator (unless a value
// without it is matched by shape) or another type.
func ShapesOf(d *ir.Decl) string {
	if u, ok := d.Kind.(*ir.Union); ok && (u.Discriminator == "" || u.ShapeWithout) {
		return "shapes" + d.Name
	}
	return ""
}

// UsesNullable reports whether a field or parameter of the SDK is a
// Nullable, so that the runtime's Nullable, NewNullable and Null are in it.
func (v *View) UsesNullable() bool {
	for _, d := range v.Decls {
		for _, f := range d.Fields {
			if f.Hold == HoldNullable {
				return true
			}
		}
	}
	for _, g := range v.Groups {
		for _, m := range g.Methods {
			for _, p := range m.ParamFields {
				if p.Hold == HoldNullable {
					return true
				}
			}
		}
	}
	return false
}
