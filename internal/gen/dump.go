package gen

import (
	"fmt"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// DumpIR returns a JSON-friendly view of the IR for -dump-ir: references
// become names, so the graph prints as a tree.
func DumpIR(api *ir.API) any {
	type field struct {
		Name, JSON, Type string
		Required         bool `json:",omitempty"`
	}
	type decl struct {
		Name, Kind, File, Pointer, Pos string
		Schema                         string   `json:",omitempty"`
		Fields                         []field  `json:",omitempty"`
		Values                         []string `json:",omitempty"`
		Variants                       []string `json:",omitempty"`
		Discriminator                  string   `json:",omitempty"`
		Additional                     string   `json:",omitempty"`
		IsError                        bool     `json:",omitempty"`
	}
	type param struct {
		Name, In, GoName, Type, Style string
		Explode, Required             bool
	}
	type response struct{ Status, MediaType, Type string }
	type op struct {
		ID, Method, Path, GoName, Pos string
		PathParams, Params            []param
		FixedQuery                    []ir.QueryPair `json:",omitempty"`
		Body                          string         `json:",omitempty"`
		Responses                     []response
		Security                      []ir.Requirement
	}
	type group struct {
		Key, TypeName, FieldName, File string
		Operations                     []op
	}
	out := struct {
		Package, Title, Version string
		Servers                 []*ir.Server
		Security                []ir.Requirement
		Schemes                 []*ir.SecurityScheme
		Retry                   *ir.RetryPolicy
		Groups                  []group
		Decls                   []decl
	}{Package: api.Package, Title: api.Title, Version: api.Version, Servers: api.Servers,
		Security: api.Security, Schemes: api.SecuritySchemes, Retry: api.Retry}
	for _, g := range api.Groups {
		gg := group{Key: g.Key, TypeName: g.TypeName, FieldName: g.FieldName, File: g.File}
		for _, o := range g.Operations {
			oo := op{ID: o.ID, Method: o.Method, Path: o.Path, GoName: o.GoName, Pos: o.Pos.String(), Security: o.Security, FixedQuery: o.FixedQuery}
			conv := func(ps []*ir.Param) []param {
				var out []param
				for _, p := range ps {
					out = append(out, param{p.Name, p.In.String(), p.GoName, typeString(p.Type), p.Style, p.Explode, p.Required})
				}
				return out
			}
			oo.PathParams, oo.Params = conv(o.PathParams), conv(o.Params)
			if o.Body != nil {
				oo.Body = o.Body.MediaType + " " + typeString(o.Body.Type)
			}
			for _, r := range o.Responses {
				oo.Responses = append(oo.Responses, response{r.Status, r.MediaType, typeString(r.Type)})
			}
			gg.Operations = append(gg.Operations, oo)
		}
		out.Groups = append(out.Groups, gg)
	}
	for _, d := range api.Decls {
		dd := decl{Name: d.Name, File: d.File, Pointer: d.Pointer, Pos: d.Pos.String(), Schema: d.SchemaName, IsError: d.IsError}
		switch k := d.Kind.(type) {
		case *ir.Struct:
			dd.Kind = "struct"
			for _, f := range k.Fields {
				dd.Fields = append(dd.Fields, field{f.Name, f.JSONName, typeString(f.Type), f.Required})
			}
			if k.Additional != nil {
				dd.Additional = typeString(k.Additional)
			}
		case *ir.Enum:
			dd.Kind = "enum"
			for _, v := range k.Values {
				dd.Values = append(dd.Values, fmt.Sprintf("%s=%v", v.Name, v.Value))
			}
		case *ir.Union:
			dd.Kind = "union"
			dd.Discriminator = k.Discriminator
			for _, v := range k.Variants {
				dd.Variants = append(dd.Variants, fmt.Sprintf("%s %s %v", v.Name, typeString(v.Type), v.Values))
			}
		}
		out.Decls = append(out.Decls, dd)
	}
	return out
}

func typeString(t ir.Type) string {
	switch t := t.(type) {
	case nil:
		return ""
	case *ir.Prim:
		return [...]string{"string", "int32", "int64", "float32", "float64", "bool", "bytes", "date-time", "binary", "any"}[t.Kind]
	case *ir.Slice:
		return "[]" + typeString(t.Elem)
	case *ir.Map:
		return "map[string]" + typeString(t.Elem)
	case *ir.Nullable:
		return "nullable " + typeString(t.Elem)
	case *ir.Ref:
		return t.Decl.Name
	}
	return "?"
}
