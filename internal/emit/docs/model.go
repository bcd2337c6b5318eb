package docs

import (
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// modelView is a page under docs/models.
type modelView struct {
	Title      string
	Paras      []string
	Example    string
	Fields     *table   // structs
	Values     *table   // enums
	Variants   *table   // unions
	ReturnedBy []string // error types: the operations that return it
}

func (e *emitter) modelPage(d *ir.Decl) (*modelView, error) {
	vd := e.view.Decl(d)
	v := &modelView{Title: d.Name}
	desc := block(d.Description)
	if _, ok := d.Kind.(*ir.Union); ok && desc == "" {
		desc = code(d.Name) + " is one of several types."
	}
	if desc != "" { // no filler sentence for a type the spec does not describe
		v.Paras = append(v.Paras, desc)
	}
	if d.SchemaName != "" && d.SchemaName != d.Name {
		v.Paras = append(v.Paras, "The API calls it "+code(d.SchemaName)+".")
	}
	if d.Deprecated {
		v.Paras = append(v.Paras, "**Deprecated**: the API marks this type as deprecated.")
	}
	if d.IsError {
		v.Paras = append(v.Paras, "Operations return "+code("*"+d.Name)+" as their error for the responses listed below; "+
			"find it with "+code("errors.As")+". It wraps the "+code("*APIError")+" that holds the response's status, header and body.")
		for _, r := range e.raisers[d] {
			v.ReturnedBy = append(v.ReturnedBy, e.opLink(methodRef(r.group, r.op), "../sdks/", r.group, r.op)+" for status "+r.statuses)
		}
	}

	ex, err := e.exampler().modelExample(d)
	if err != nil {
		return nil, err
	}
	v.Example = ex

	switch k := d.Kind.(type) {
	case *ir.Struct:
		v.Fields = &table{Head: []string{"Field", "Type", "Required", "Description"}}
		for _, sf := range vd.Fields {
			f := sf.IR
			v.Fields.add(
				code(f.Name),
				typeLink(sf.Type, ""),
				requiredMark(f.Required),
				joinCell(append([]string{cell(f.Description)}, fieldFacts(f)...)...),
			)
		}
		if k.Additional != nil {
			v.Fields.add(
				code(k.AdditionalName),
				typeLink(vd.Additional, ""),
				minusMark,
				"Properties beyond those above, which the API allows. They are sent and received with the others.",
			)
		}
	case *ir.Enum:
		v.Paras = append(v.Paras, "Its Go type is "+code(vd.Base.String())+". The API may send values not listed here; they decode without error, and "+
			code("IsKnown")+" reports whether a value is one of these.")
		described := slices.ContainsFunc(k.Values, func(ev *ir.EnumValue) bool { return ev.Description != "" })
		v.Values = &table{Head: []string{"Name", "Value"}}
		if described {
			v.Values.Head = append(v.Values.Head, "Description")
		}
		for _, ev := range k.Values {
			row := []string{code(ev.Name), code(goLiteral(ev.Value))}
			if described {
				row = append(row, cell(ev.Description))
			}
			v.Values.add(row...)
		}
	case *ir.Union:
		head := []string{"Field", "Type"}
		if k.Discriminator != "" {
			head = append(head, "Discriminator Values")
			v.Paras = append(v.Paras, "The property "+code(k.Discriminator)+" selects the variant.")
		}
		rule := "Set exactly one field: the value is that variant."
		if k.AnyOf {
			rule = "Set one field: the value is that variant (the API accepts a value that matches several)."
		}
		decoding := " Decoding sets the variant the value matches, or "
		if k.MergesObjects() {
			rule = "Set one field or more: the value is that variant, or the objects set merged."
			decoding = " Decoding sets the variant the value matches best and each other object variant that holds members of the value the others do not, or "
		}
		v.Paras = append(v.Paras, rule+decoding+code("Raw")+", a "+code("json.RawMessage")+
			", when none does, so that values of types added to the API later survive a round trip.")
		v.Variants = &table{Head: head}
		for _, vv := range vd.Variants {
			vr := vv.IR
			row := []string{code(vr.Name), typeLink(vv.Type, "")}
			if k.Discriminator != "" {
				var vals []string
				for _, s := range vr.Values {
					vals = append(vals, code(goLiteral(s)))
				}
				row = append(row, joinCell(strings.Join(vals, ", ")))
			}
			v.Variants.add(row...)
		}
	}
	return v, nil
}
