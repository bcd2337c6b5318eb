package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// emitServers writes ServerURL, the server list New resolves, and the
// options selecting a server and setting its variables.
func (e *emitter) emitServers(f *jen.File) {
	api := e.api
	serverURL := ""
	if len(api.Servers) > 0 {
		serverURL = api.Servers[0].Default
	}
	switch {
	case serverURL == "":
		addDoc(f, "ServerURL is empty: the API description names no server, so set one with WithServerURL.")
	case api.Servers[0].Relative:
		addDoc(f, "ServerURL is relative to where the API is served and names no host: set the whole URL, with this path, with WithServerURL.")
	case api.ServerType != "":
		addDoc(f, fmt.Sprintf("ServerURL is the server the client calls unless %s or WithServerURL names another.", api.ServerOption))
	default:
		addDoc(f, "ServerURL is the server the client calls unless WithServerURL names another.")
	}
	f.Const().Id("ServerURL").Op("=").Lit(serverURL)

	if len(api.Servers) > 0 {
		addDoc(f, "apiServers are the API's servers, the default first.")
		f.Var().Id("apiServers").Op("=").Add(serverList(api.Servers, true))
	}

	if api.ServerType != "" {
		addDoc(f, fmt.Sprintf("%s is one of the API's servers, for %s. Its value is the server's index in the API description's list.", api.ServerType, api.ServerOption))
		f.Type().Id(api.ServerType).Int()
		var consts []jen.Code
		for i, s := range api.Servers {
			doc := "is " + s.URL
			if s.Description != "" {
				doc += ": " + sentence(s.Description)
			} else {
				doc += "."
			}
			if i == 0 {
				doc += " It is the default."
			}
			for _, l := range commentLines(s.ConstName + " " + doc) {
				consts = append(consts, jen.Comment(l))
			}
			consts = append(consts, jen.Id(s.ConstName).Id(api.ServerType).Op("=").Lit(i))
		}
		f.Const().Defs(consts...)
		addDoc(f, fmt.Sprintf("%s sends requests to the API's server s (the first, %s, by default), with the server variables the options set. "+
			"A server that is not in the list fails every call. WithServerURL names a URL instead; the last of the two given wins.", api.ServerOption, api.Servers[0].ConstName))
		f.Func().Id(api.ServerOption).Params(jen.Id("s").Id(api.ServerType)).Id("Option").Block(
			jen.Return(jen.Id("withServerIndex").Call(jen.Int().Call(jen.Id("s")))),
		)
	}

	for _, v := range api.ServerVars {
		e.emitServerVar(f, v)
	}
}

// emitServerVar writes a server variable's option, and its enum type when
// the servers allow a fixed set of values.
func (e *emitter) emitServerVar(f *jen.File, v *ir.ServerVar) {
	param := jen.Id("value").String()
	value := jen.Id("value")
	if v.TypeName != "" {
		addDoc(f, fmt.Sprintf("%s is a value of the server variable %s, for %s.", v.TypeName, v.Name, v.OptionName))
		f.Type().Id(v.TypeName).String()
		var consts []jen.Code
		for i, val := range v.Enum {
			consts = append(consts, jen.Id(v.EnumNames[i]).Id(v.TypeName).Op("=").Lit(val))
		}
		f.Const().Defs(consts...)
		param = jen.Id("value").Id(v.TypeName)
		value = jen.String().Call(jen.Id("value"))
	}
	doc := fmt.Sprintf("%s sets the server variable %s in the URL of every server that has it; otherwise each server's default applies.", v.OptionName, v.Name)
	if len(v.Enum) > 0 {
		doc += " A value that is not one of the constants fails every call."
	} else {
		doc += " The value is used as given, without escaping."
	}
	addDoc(f, doc, v.Description)
	f.Func().Id(v.OptionName).Params(param).Id("Option").Block(
		jen.Return(jen.Id("withServerVariable").Call(jen.Lit(v.Name), value)),
	)
}

// serverList is a list of servers as the runtime's []serverTemplate.
// The API's first server, when it has no variables, is written ServerURL.
func serverList(list []*ir.Server, api bool) jen.Code {
	kv := func(k string, v jen.Code) jen.Code { return jen.Id(k).Op(":").Add(v) }
	var items []jen.Code
	for i, s := range list {
		url := jen.Lit(s.URL)
		if api && i == 0 && len(s.Variables) == 0 {
			url = jen.Id("ServerURL")
		}
		fields := []jen.Code{kv("url", url)}
		if len(s.Variables) > 0 {
			var vars []jen.Code
			for _, v := range s.Variables {
				vf := []jen.Code{kv("name", jen.Lit(v.Name)), kv("def", jen.Lit(v.Default))}
				if len(v.Enum) > 0 {
					var vals []jen.Code
					for _, e := range v.Enum {
						vals = append(vals, jen.Lit(e))
					}
					vf = append(vf, kv("enum", jen.Index().String().Values(vals...)))
				}
				vars = append(vars, jen.Values(vf...))
			}
			fields = append(fields, kv("vars", jen.Index().Id("serverVar").Custom(lines, vars...)))
		}
		items = append(items, jen.Values(fields...))
	}
	return jen.Index().Id("serverTemplate").Custom(lines, items...)
}

// lines writes a composite literal's elements one a line.
var lines = jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}

// usesOperationServers reports whether an operation has servers of its own,
// so that the SDK needs WithOperationServer.
func usesOperationServers(api *ir.API) bool {
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			if len(op.Servers) > 0 {
				return true
			}
		}
	}
	return false
}
