package docs

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// servers fills the README's Servers section and adds the server options to
// its options table.
func (e *emitter) servers(v *readmeView) error {
	api := e.api
	if api.ServerType != "" {
		v.ServerOption = api.ServerOption
		v.Options.add(code(fmt.Sprintf("%s(s %s)", api.ServerOption, api.ServerType)),
			"One of the API's servers, by constant or index (see Servers). Default: "+code(api.Servers[0].ConstName)+".")
		v.Servers = &table{Head: []string{"Server", "Index", "URL", "Description"}}
		for i, s := range api.Servers {
			v.Servers.add(code(s.ConstName), fmt.Sprint(i), code(s.URL), cell(inline(s.Description)))
		}
	}
	if len(api.ServerVars) > 0 {
		v.ServerVars = &table{Head: []string{"Option", "Variable", "Values", "Description"}}
		for _, sv := range api.ServerVars {
			typ, values := "string", "any"
			if sv.TypeName != "" {
				typ = sv.TypeName
				var vals []string
				for i, val := range sv.Enum {
					vals = append(vals, code(sv.EnumNames[i])+" ("+code(val)+")")
				}
				values = strings.Join(vals, ", ")
			}
			v.Options.add(code(fmt.Sprintf("%s(value %s)", sv.OptionName, typ)), "Sets the server variable "+code(sv.Name)+" (see Servers).")
			v.ServerVars.add(code(sv.OptionName), code(sv.Name), values, cell(inline(sv.Description)))
		}
	}
	var ops []string
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			if len(op.Servers) > 0 {
				ops = append(ops, e.opLink(methodRef(g, op), "docs/sdks/", g, op))
			}
		}
	}
	v.ServerOps = strings.Join(ops, ", ")
	if v.Servers == nil && v.ServerVars == nil && v.ServerOps == "" {
		return nil
	}
	var err error
	v.ServersExample, err = e.exampler().serversExample()
	return err
}

// serversExample selects a server and sets each server variable: to an
// allowed value other than the default where there is one.
func (x *exampler) serversExample() (string, error) {
	api := x.api
	var opts []jen.Code
	if api.ServerType != "" {
		opts = append(opts, x.sdk(api.ServerOption).Call(x.sdk(api.Servers[1].ConstName)))
	}
	for _, sv := range api.ServerVars {
		if sv.TypeName != "" {
			opts = append(opts, x.sdk(sv.OptionName).Call(x.sdk(sv.EnumNames[len(sv.EnumNames)-1])))
			continue
		}
		opts = append(opts, x.sdk(sv.OptionName).Call(jen.Lit(serverVarExample(api, sv.Name))))
	}
	return x.configExample(nil, opts, "")
}

// serverVarExample is a variable's default in the first server that has it.
func serverVarExample(api *ir.API, name string) string {
	for _, s := range api.Servers {
		for _, v := range s.Variables {
			if v.Name == name {
				return v.Default
			}
		}
	}
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			for _, s := range op.Servers {
				for _, v := range s.Variables {
					if v.Name == name {
						return v.Default
					}
				}
			}
		}
	}
	return ""
}

// operationServersText says where an operation with servers of its own is
// called, and how to pick another of them.
func operationServersText(list []*ir.Server) string {
	var items []string
	for i, s := range list {
		item := fmt.Sprintf("* %d: %s", i, code(s.URL))
		if d := inline(s.Description); d != "" {
			item += ": " + d
		}
		if i == 0 {
			item += " (the default)"
		}
		items = append(items, item)
	}
	return "Servers: this operation is called on its own servers, not the client's, unless " + code("WithServerURL") +
		" sends every call to one URL. The call option " + code("WithOperationServer(i)") + " picks one by index:\n\n" +
		strings.Join(items, "\n")
}
