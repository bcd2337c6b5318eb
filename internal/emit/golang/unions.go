package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// emitUnion writes a oneOf/anyOf as a struct with one pointer per variant, of
// which exactly one is set, plus Raw for a value no variant matches (a type
// added to the API later): decoding never fails and re-encoding is lossless.
func (e *emitter) emitUnion(f *jen.File, vd *goview.Decl, u *ir.Union) {
	d := vd.IR
	var fields []jen.Code
	for _, vv := range vd.Variants {
		v := vv.IR
		doc := fmt.Sprintf("// %s is set when the value is of type %s", v.Name, e.view.Type(v.Type))
		if len(v.Values) > 0 {
			doc += fmt.Sprintf(" (%s %s)", u.Discriminator, quoteList(v.Values))
		}
		fields = append(fields, jen.Comment(SafeLine(doc)+"."), jen.Id(v.Name).Add(vv.Type.Code()))
	}
	fields = append(fields,
		jen.Comment("// Raw holds a value that matched no variant, as received."),
		jen.Id("Raw").Qual("encoding/json", "RawMessage"),
	)
	if d.IsError {
		fields = append(fields, jen.Id("apiError").Op("*").Id("APIError"))
	}
	f.Type().Id(d.Name).Struct(fields...)

	// MarshalJSON: the set variant, else Raw, else null.
	var cases []jen.Code
	for _, v := range u.Variants {
		cases = append(cases, jen.Case(jen.Id("v").Dot(v.Name).Op("!=").Nil()).Block(
			jen.Return(jen.Id("marshalJSON").Call(jen.Id("v").Dot(v.Name))),
		))
	}
	cases = append(cases, jen.Case(jen.Id("v").Dot("Raw").Op("!=").Nil()).Block(
		jen.Return(jen.Id("v").Dot("Raw"), jen.Nil()),
	))
	// Value: the set variant, for type switches.
	var vcases []jen.Code
	for _, v := range u.Variants {
		vcases = append(vcases, jen.Case(jen.Id("v").Dot(v.Name).Op("!=").Nil()).Block(jen.Return(jen.Id("v").Dot(v.Name))))
	}
	vcases = append(vcases, jen.Case(jen.Id("v").Dot("Raw").Op("!=").Nil()).Block(jen.Return(jen.Id("v").Dot("Raw"))))
	f.Comment("// Value returns the variant that is set, for a type switch: one of the")
	f.Comment("// fields' types, json.RawMessage for Raw, or nil when nothing is set.")
	f.Func().Params(jen.Id("v").Id(d.Name)).Id("Value").Params().Any().Block(
		jen.Switch().Block(vcases...),
		jen.Return(jen.Nil()),
	)

	if u.MergesObjects() {
		args := []jen.Code{jen.Id("v").Dot("Raw")}
		for _, v := range u.Variants {
			args = append(args, jen.Id("v").Dot(v.Name))
		}
		f.Comment("// MarshalJSON encodes the variants that are set, their objects merged.")
		f.Func().Params(jen.Id("v").Id(d.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalAnyOf").Call(args...)),
		)
	} else {
		f.Comment("// MarshalJSON encodes the variant that is set.")
		f.Func().Params(jen.Id("v").Id(d.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Switch().Block(cases...),
			jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()),
		)
	}

	emitUnionUnmarshal(f, vd, u)
}

// emitUnionUnmarshal writes a union's UnmarshalJSON: the variant the
// discriminator names, or else the first variant, best match first, that
// the value decodes as; a value matching none is kept in Raw. The variants'
// shapes are package-level data, not a literal the method builds on each
// call: a union's lists of property names are then no code to compile.
func emitUnionUnmarshal(f *jen.File, vd *goview.Decl, u *ir.Union) {
	d := vd.IR
	body := []jen.Code{jen.Op("*").Id("v").Op("=").Id(d.Name).Values()}
	raw := jen.Op("&").Id("v").Dot("Raw")
	if u.Discriminator != "" {
		var cases []jen.Code
		for _, vr := range u.Variants {
			if len(vr.Values) == 0 {
				continue
			}
			var vals []jen.Code
			for _, s := range vr.Values {
				vals = append(vals, jen.Lit(s))
			}
			cases = append(cases, jen.Case(vals...).Block(
				jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v").Dot(vr.Name))),
			))
		}
		rest := jen.Return(jen.Id("unmarshalRaw").Call(jen.Id("data"), raw))
		if u.Default != nil {
			rest = jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v").Dot(u.Default.Name)))
		}
		tag := jen.Id("discriminatorValue").Call(jen.Id("data"), jen.Lit(u.Discriminator))
		if u.ShapeWithout {
			args := emitShapes(f, vd, u)
			body = append(body,
				jen.Id("tag").Op(":=").Add(tag),
				jen.Switch(jen.Id("tag")).Block(cases...),
				jen.If(jen.Id("tag").Op("==").Lit("")).Block(jen.Return(jen.Id("unmarshalUnion").Call(args...))),
				rest,
			)
			f.Comment("// UnmarshalJSON decodes the variant the property " + u.Discriminator + " names, a value")
			f.Comment("// without it the variant it matches best; a value naming none is kept in Raw.")
		} else {
			body = append(body, jen.Switch(tag).Block(cases...), rest)
			f.Comment("// UnmarshalJSON decodes the variant the discriminator names; a value")
			if u.Default != nil {
				f.Comment("// naming none is decoded as " + u.Default.Name + ", the API's default.")
			} else {
				f.Comment("// naming none is kept in Raw.")
			}
		}
	} else {
		args := emitShapes(f, vd, u)
		if u.MergesObjects() {
			body = append(body, jen.Return(jen.Id("unmarshalAnyOf").Call(args...)))
			f.Comment("// UnmarshalJSON decodes the variant the value matches best, and each other")
			f.Comment("// object variant whose properties it has; a value matching none is kept in Raw.")
		} else {
			body = append(body, jen.Return(jen.Id("unmarshalUnion").Call(args...)))
			f.Comment("// UnmarshalJSON decodes the variant the value matches, best match first;")
			f.Comment("// a value matching none is kept in Raw.")
		}
	}
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

// emitShapes writes the package-level shapes of a union's variants and
// returns the arguments of the runtime's unmarshalUnion for them.
func emitShapes(f *jen.File, vd *goview.Decl, u *ir.Union) []jen.Code {
	var shapes []jen.Code
	args := []jen.Code{jen.Id("data"), jen.Id(vd.Shapes), jen.Op("&").Id("v").Dot("Raw")}
	for _, vr := range u.Variants {
		shapes = append(shapes, shapeExpr(vr.Type, tellingMembers(vr, u.Variants)...))
		args = append(args, jen.Op("&").Id("v").Dot(vr.Name))
	}
	f.Comment(fmt.Sprintf("// %s is what the JSON of each of %s's variants looks like, in order.", vd.Shapes, vd.IR.Name))
	f.Var().Id(vd.Shapes).Op("=").Index().Id("variantShape").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, shapes...)
	f.Line()
	return args
}

// tellingMembers returns the fields of object variant v whose shapes tell
// it apart from another variant that declares and requires the same
// properties, so that its own properties cannot (InfluxDB's template exports
// by ID and by name differ only in what their resources' items require):
// fields of object or list-of-object type whose shape differs from that of
// the other's field of that name.
func tellingMembers(v *ir.Variant, all []*ir.Variant) []*ir.Field {
	own := structOf(v.Type)
	if own == nil {
		return nil
	}
	var out []*ir.Field
	for _, w := range all {
		other := structOf(w.Type)
		if w == v || other == nil || !sameProperties(own, other) {
			continue
		}
		for i, f := range own.Fields {
			if objectShaped(f.Type) && !slices.Contains(out, f) && shapeText(f.Type) != shapeText(other.Fields[i].Type) {
				out = append(out, f)
			}
		}
	}
	return out
}

// shapeText is shapeExpr's Go source for t, to compare two shapes.
func shapeText(t ir.Type) string {
	t, _ = ir.Unwrap(t)
	return fmt.Sprintf("%#v", shapeExpr(t))
}

// structOf is the struct a variant of type t is, or nil.
func structOf(t ir.Type) *ir.Struct {
	if r, ok := t.(*ir.Ref); ok {
		s, _ := r.Decl.Kind.(*ir.Struct)
		return s
	}
	return nil
}

// sameProperties reports whether two structs declare the same JSON
// properties in the same order, each required in both or in neither.
func sameProperties(a, b *ir.Struct) bool {
	return slices.EqualFunc(a.Fields, b.Fields, func(f, g *ir.Field) bool {
		return f.JSONName == g.JSONName && f.Required == g.Required
	})
}

// objectShaped reports whether a value of type t is an object, or a list of
// objects, whose shape shapeExpr describes.
func objectShaped(t ir.Type) bool {
	t, _ = ir.Unwrap(t)
	if s, ok := t.(*ir.Slice); ok {
		t = s.Elem
	}
	return structOf(t) != nil
}

// shapeExpr describes the JSON a variant's values look like; members are
// fields of an object variant whose shapes are described too.
func shapeExpr(t ir.Type, members ...*ir.Field) jen.Code {
	d := map[string]jen.Code{"kind": jen.Id(shapeKind(t))}
	switch t := t.(type) {
	case *ir.Prim:
		if t.Kind == ir.Int32 || t.Kind == ir.Int64 {
			d["integer"] = jen.True()
		}
	case *ir.Slice:
		// Lists of objects are told apart by their first item.
		if r, ok := t.Elem.(*ir.Ref); ok {
			if _, isStruct := r.Decl.Kind.(*ir.Struct); isStruct {
				d["items"] = jen.Op("&").Id("variantShape").Add(shapeExpr(t.Elem))
			}
		}
	case *ir.Ref:
		if shapes := goview.ShapesOf(t.Decl); shapes != "" {
			d["union"] = jen.Id(shapes) // a value its variants do not take is not its
		}
		if k, ok := t.Decl.Kind.(*ir.Struct); ok {
			var req, known []jen.Code
			for _, f := range k.Fields {
				known = append(known, jen.Lit(f.JSONName))
				if f.Required {
					req = append(req, jen.Lit(f.JSONName))
				}
			}
			if len(req) > 0 {
				d["required"] = jen.Index().String().Values(req...)
			}
			if len(known) > 0 {
				d["known"] = jen.Index().String().Values(known...)
			}
		}
	}
	if len(members) > 0 {
		var ms []jen.Code
		for _, f := range members {
			ft, _ := ir.Unwrap(f.Type)
			ms = append(ms, jen.Values(jen.Id("name").Op(":").Lit(f.JSONName), jen.Id("shape").Op(":").Id("variantShape").Add(shapeExpr(ft))))
		}
		d["members"] = jen.Index().Id("memberShape").Values(ms...)
	}
	// On one line, the fields in the order variantShape declares them.
	var fields []jen.Code
	for _, name := range []string{"kind", "integer", "required", "known", "items", "union", "members"} {
		if v, ok := d[name]; ok {
			fields = append(fields, jen.Id(name).Op(":").Add(v))
		}
	}
	return jen.Values(fields...)
}

// shapeKind names the kind of JSON a variant's values are: kindAny for a
// variant that may be any value, or a union of its own without a
// discriminator, whose shapes (shapeExpr's union) then say which values.
func shapeKind(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		switch t.Kind {
		case ir.String, ir.Bytes, ir.DateTime, ir.Binary:
			return "kindString"
		case ir.Int32, ir.Int64, ir.Float32, ir.Float64:
			return "kindNumber"
		case ir.Bool:
			return "kindBool"
		}
		return "kindAny"
	case *ir.Slice:
		return "kindArray"
	case *ir.Ref:
		switch k := t.Decl.Kind.(type) {
		case *ir.Enum:
			switch k.Base {
			case ir.String:
				return "kindString"
			case ir.Bool:
				return "kindBool"
			}
			return "kindNumber"
		case *ir.Union:
			if goview.ShapesOf(t.Decl) != "" {
				return "kindAny"
			}
		}
	}
	return "kindObject"
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, " or ")
}
