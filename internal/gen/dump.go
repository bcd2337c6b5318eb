package gen

import (
	"fmt"
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// DumpIR returns a JSON-friendly view of the IR and its Go view for
// -dump-ir: references become names, so the graph prints as a tree, and
// types are spelled as the SDK declares them.
func DumpIR(v *goview.View) any {
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
	type header struct{ Name, GoName, Type, Statuses string }
	type headers struct {
		TypeName string
		Fields   []header
	}
	type pager struct {
		Signature, Kind, Source, Pos string
	}
	type stream struct {
		MediaType, Item, Sentinel string
		Envelope                  bool
	}
	type op struct {
		ID, Method, Path, GoName, Pos string
		Signature                     string
		PathParams, Params            []param
		FixedQuery                    []ir.QueryPair `json:",omitempty"`
		Body                          string         `json:",omitempty"`
		Responses                     []response
		Security                      []ir.Requirement
		Iterator                      *pager       `json:",omitempty"`
		Stream                        *stream      `json:",omitempty"`
		Flag                          *ir.BodyFlag `json:",omitempty"`
		ResponseHeaders               *headers     `json:",omitempty"`
	}
	type group struct {
		Key, TypeName, FieldName, File string
		Operations                     []op
	}
	api := v.API
	out := struct {
		Package, Title, Version, ImportPath string
		Servers                             []*ir.Server
		Security                            []ir.Requirement
		Schemes                             []*ir.SecurityScheme
		Retry                               *ir.RetryPolicy
		Globals                             []*ir.Global `json:",omitempty"`
		Groups                              []group
		Decls                               []decl
	}{Package: api.Package, Title: api.Title, Version: api.Version, ImportPath: v.Path, Servers: api.Servers,
		Security: api.Security, Schemes: api.SecuritySchemes, Retry: api.Retry, Globals: api.Globals}
	for _, g := range v.Groups {
		gg := group{Key: g.IR.Key, TypeName: g.Type, FieldName: g.IR.FieldName, File: g.IR.File}
		for _, m := range g.Methods {
			o := m.Op
			oo := op{ID: o.ID, Method: o.Method, Path: o.Path, GoName: o.GoName, Pos: o.Pos.String(), Signature: signature(m),
				Security: o.Security, FixedQuery: o.FixedQuery, Flag: o.Flag}
			if o.HeadersName != "" {
				oo.ResponseHeaders = &headers{TypeName: o.HeadersName}
				for _, h := range o.ResponseHeaders {
					oo.ResponseHeaders.Fields = append(oo.ResponseHeaders.Fields, header{h.Name, h.GoName, v.Field(h.Type, false).Type.String(), strings.Join(h.Statuses, ",")})
				}
			}
			if st := m.Stream; st != nil {
				oo.Stream = &stream{st.IR.MediaType, st.Item.String(), st.IR.Sentinel, st.IR.Envelope}
			}
			for _, a := range m.PathArgs {
				p := a.Param
				oo.PathParams = append(oo.PathParams, param{p.Name, p.In.String(), a.Name, a.Type.String(), p.Style, p.Explode, p.Required})
			}
			for _, pf := range m.ParamFields {
				p := pf.IR
				oo.Params = append(oo.Params, param{p.Name, p.In.String(), p.GoName, pf.Type.String(), p.Style, p.Explode, p.Required})
			}
			if m.Body != nil {
				oo.Body = o.Body.MediaType + " " + m.Body.Type.String()
			}
			for _, r := range o.Responses {
				t := ""
				if r.Type != nil {
					t = v.Result(r.Type, r.Encoding).String()
				}
				oo.Responses = append(oo.Responses, response{r.Status, r.MediaType, t})
			}
			if p := m.Pager; p != nil {
				oo.Iterator = &pager{Signature: iterSignature(m), Kind: p.IR.Kind.String(), Source: p.IR.Source, Pos: p.IR.Pos.String()}
			}
			gg.Operations = append(gg.Operations, oo)
		}
		out.Groups = append(out.Groups, gg)
	}
	for _, vd := range v.Decls {
		d := vd.IR
		dd := decl{Name: d.Name, File: d.File, Pointer: d.Pointer, Pos: d.Pos.String(), Schema: d.SchemaName, IsError: d.IsError}
		switch k := d.Kind.(type) {
		case *ir.Struct:
			dd.Kind = "struct"
			for _, f := range vd.Fields {
				dd.Fields = append(dd.Fields, field{f.IR.Name, f.IR.JSONName, f.Type.String(), f.IR.Required})
			}
			if vd.Additional != nil {
				dd.Additional = vd.Additional.String()
			}
		case *ir.Enum:
			dd.Kind = "enum of " + vd.Base.String()
			for _, v := range k.Values {
				dd.Values = append(dd.Values, fmt.Sprintf("%s=%v", v.Name, v.Value))
			}
		case *ir.Union:
			dd.Kind = "union"
			dd.Discriminator = k.Discriminator
			for _, vv := range vd.Variants {
				dd.Variants = append(dd.Variants, fmt.Sprintf("%s %s %v", vv.IR.Name, vv.Type, vv.IR.Values))
			}
		}
		out.Decls = append(out.Decls, dd)
	}
	return out
}

// iterSignature is a method's iterator's signature as Go writes it.
func iterSignature(m *goview.Method) string {
	s := signature(m)
	s = s[:strings.Index(s, "...")] // through the options' name
	s += "..." + m.Opts.Type.String() + ") " + m.Pager.Seq()
	return strings.Replace(s, ") "+m.Op.GoName+"(", ") "+m.Pager.Name+"(", 1)
}

// signature is a method's signature as Go writes it.
func signature(m *goview.Method) string {
	s := "func (" + m.Group.Recv + " *" + m.Group.Type + ") " + m.Op.GoName + "("
	for i, a := range m.Args() {
		if i > 0 {
			s += ", "
		}
		if a == m.Opts {
			s += a.Name + " ..." + a.Type.String()
		} else {
			s += a.Name + " " + a.Type.String()
		}
	}
	s += ")"
	if m.Result != nil {
		return s + " (" + m.Result.String() + ", error)"
	}
	return s + " error"
}
