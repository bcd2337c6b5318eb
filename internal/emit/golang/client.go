package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// emitClient writes the package doc, Client, New and the security options.
func (e *emitter) emitClient(f *jen.File) {
	api := e.api
	title := api.Title
	if title == "" {
		title = "the API"
	}
	intro := fmt.Sprintf("Package %s is a client for %s", api.Package, title)
	if api.Version != "" {
		intro += fmt.Sprintf(" (version %s)", api.Version)
	}
	paras := []string{intro + ".", api.Description}
	if len(api.Skipped) > 0 {
		left := fmt.Sprintf("This SDK leaves out %d operations that use constructs the generator does not support yet:", len(api.Skipped))
		paras = append(paras, left)
		for _, s := range api.Skipped {
			paras = append(paras, fmt.Sprintf("\t%s %s (%s): %s", s.Method, s.Path, s.OperationID, s.Reason.Msg))
		}
	}
	for _, l := range commentLines(paras...) {
		f.PackageComment(l)
	}

	e.emitServers(f)

	// Client.
	var fields []jen.Code
	var inits = jen.Dict{jen.Id("cfg"): jen.Id("cfg")}
	for _, g := range api.Groups {
		if g.FieldName == "" || len(g.Operations) == 0 {
			continue
		}
		desc := g.Description
		if desc == "" {
			desc = fmt.Sprintf("holds the %s operations.", g.FieldName)
		} else {
			desc = "holds the operations on " + lowerFirst(strings.TrimSuffix(desc, ".")) + "."
		}
		fields = append(fields, jen.Comment("// "+g.FieldName+" "+SafeLine(strings.SplitN(desc, "\n", 2)[0])))
		fields = append(fields, jen.Id(g.FieldName).Op("*").Id(g.TypeName))
		inits[jen.Id(g.FieldName)] = jen.Op("&").Id(g.TypeName).Values(jen.Dict{jen.Id("cfg"): jen.Id("cfg")})
	}
	fields = append(fields, jen.Line(), jen.Id("cfg").Op("*").Id("config"))
	addDoc(f, fmt.Sprintf("Client calls %s. Create one with New; it is safe for concurrent use.", title))
	f.Type().Id("Client").Struct(fields...)

	// New.
	retry := jen.Nil()
	retryDoc := "Requests are not retried unless WithRetryConfig says so."
	if api.Retry != nil {
		retry = jen.Op("&").Add(retryExpr(api.Retry))
		retryDoc = "Failed requests are retried as the API description says; WithRetryConfig changes that."
	}
	servers := jen.Code(jen.Nil())
	if len(api.Servers) > 0 {
		servers = jen.Id("apiServers")
	}
	addDoc(f, "New returns a client configured by opts. By default it sends requests to ServerURL with the SDK's own HTTP client (see WithHTTPClient). "+retryDoc)
	userAgent := fmt.Sprintf("%s/%s sdkgen-go", api.Package, api.Version)
	f.Func().Id("New").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(
		jen.Id("cfg").Op(":=").Id("newConfig").Call(
			servers, jen.Lit(userAgent), securityExpr(api.Security), retry, jen.Id("opts"),
		),
		jen.Return(jen.Op("&").Id("Client").Values(inits)),
	)

	for _, s := range api.SecuritySchemes {
		e.emitSecurityOption(f, s)
	}
}

func (e *emitter) emitSecurityOption(f *jen.File, s *ir.SecurityScheme) {
	var doc string
	var params []jen.Code
	var cred jen.Code
	switch s.Kind {
	case ir.SecurityBearer:
		doc = fmt.Sprintf("%s sets the token sent as \"Authorization: Bearer <token>\" for security scheme %q.", s.OptionName, s.Name)
		params = []jen.Code{jen.Id("token").String()}
		cred = jen.Id("bearerCredential").Call(jen.Id("token"))
	case ir.SecurityBasic:
		doc = fmt.Sprintf("%s sets the user name and password sent with HTTP basic authentication for security scheme %q.", s.OptionName, s.Name)
		params = []jen.Code{jen.List(jen.Id("username"), jen.Id("password")).String()}
		cred = jen.Id("basicCredential").Values(jen.Dict{jen.Id("username"): jen.Id("username"), jen.Id("password"): jen.Id("password")})
	case ir.SecurityAPIKey:
		doc = fmt.Sprintf("%s sets the API key sent as %s %q for security scheme %q.", s.OptionName, s.In, s.ParamName, s.Name)
		params = []jen.Code{jen.Id("key").String()}
		cred = jen.Id("apiKeyCredential").Values(jen.Dict{
			jen.Id("in"): jen.Lit(s.In.String()), jen.Id("name"): jen.Lit(s.ParamName), jen.Id("key"): jen.Id("key"),
		})
	}
	addDoc(f, doc, s.Description)
	f.Func().Id(s.OptionName).Params(params...).Id("Option").Block(
		jen.Return(jen.Id("withCredential").Call(jen.Lit(s.Name), cred)),
	)
}
