package golang

import (
	"fmt"
	"strconv"
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
	paras := append([]string{intro + "."}, markdownDoc(api.Description)...)
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
		if g.FieldName == "" || !g.Present() || g.Parent != nil {
			continue
		}
		fields = append(fields, serviceField(g)...)
		inits[jen.Id(g.FieldName)] = serviceInit(api, g)
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
	userAgent := fmt.Sprintf("%s/%s sdkgen-go", api.Package, api.Version)
	var defaults []jen.Code
	for _, g := range api.Globals {
		if g.Value != "" {
			defaults = append(defaults, jen.Id(g.OptionName).Call(jen.Lit(g.Value)))
		}
	}
	newDoc := ""
	for _, s := range api.SecuritySchemes {
		if len(s.Env) == 0 {
			continue
		}
		args := []jen.Code{jen.Id("v").Index(jen.Lit(0))}
		vars := []jen.Code{jen.Lit(s.Env[0])}
		what := "$" + s.Env[0]
		if len(s.Env) == 2 {
			args = append(args, jen.Id("v").Index(jen.Lit(1)))
			vars = append(vars, jen.Lit(s.Env[1]))
			what += " and $" + s.Env[1]
		}
		defaults = append(defaults, jen.Id("fromEnv").Call(
			jen.Func().Params(jen.Id("v").Op("...").String()).Id("Option").Block(jen.Return(jen.Id(s.OptionName).Call(args...))),
			jen.List(vars...)))
		newDoc += fmt.Sprintf(" When no option gives the credential of security scheme %q, it is read from %s, if set.", s.Name, what)
	}
	var first []jen.Code
	if len(defaults) > 0 {
		first = append(first, jen.Id("opts").Op("=").Append(jen.Index().Id("Option").Values(defaults...), jen.Id("opts").Op("...")))
	}
	addDoc(f, "New returns a client configured by opts. By default it sends requests to ServerURL with the SDK's own HTTP client (see WithHTTPClient). "+retryDoc+newDoc)
	f.Func().Id("New").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(append(first,
		jen.Id("cfg").Op(":=").Id("newConfig").Call(
			servers, jen.Lit(userAgent), securityExpr(api.Security), retry, jen.Id("opts"),
		),
		jen.Return(jen.Op("&").Id("Client").Values(inits)),
	)...)

	for _, s := range api.SecuritySchemes {
		e.emitSecurityOption(f, s)
	}
	for _, g := range api.Globals {
		what := "header"
		if g.In == ir.InQuery {
			what = "query parameter"
		}
		doc := fmt.Sprintf("%s sets %s %q, sent with every request unless the operation's own parameter (or WithHeader, WithQueryParam) sets it.", g.OptionName, what, g.Name)
		switch {
		case g.In == ir.InPath:
			doc = fmt.Sprintf("%s sets path parameter %q, which the methods whose path names it do not take: a call of one fails, sending nothing, while it has no value.", g.OptionName, g.Name)
			if g.Value != "" {
				doc += fmt.Sprintf(" By default it is %q.", g.Value)
			}
		case g.Value != "":
			doc += fmt.Sprintf(" By default the SDK sends %q; \"\" sends none.", g.Value)
		case g.Required:
			doc += " The API requires it and it has no default: set it, or the calls are sent without it."
		default:
			doc += " By default it is not sent; \"\" stops sending it."
		}
		addDoc(f, doc+" Also a call option.", g.Description)
		f.Func().Id(g.OptionName).Params(jen.Id("value").String()).Id("SharedOption").Block(
			jen.Return(jen.Id("withGlobal").Call(jen.Lit(g.In.String()), jen.Lit(g.Name), jen.Id("value"))),
		)
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
	case ir.SecurityAWSSigV4:
		doc = fmt.Sprintf("%s signs every request with AWS Signature Version 4 for service %q, with credentials, for security scheme %q. "+
			"The body is hashed into the signature (a stream that cannot be read twice is sent as UNSIGNED-PAYLOAD), and each attempt is signed anew; "+
			"the secret access key is never sent, and it and the session token are redacted from errors and logs.", s.OptionName, s.SigningName, s.Name)
		params = []jen.Code{jen.Id("credentials").Id("AWSCredentials")}
		cred = jen.Id("awsSigV4").Values(jen.Dict{jen.Id("service"): jen.Lit(s.SigningName), jen.Id("creds"): jen.Id("credentials")})
	}
	deprecated := ""
	if s.Deprecated {
		deprecated = "Deprecated: the API marks security scheme " + strconv.Quote(s.Name) + " as deprecated."
	}
	addDoc(f, doc, s.Description, deprecated)
	f.Func().Id(s.OptionName).Params(params...).Id("Option").Block(
		jen.Return(jen.Id("withCredential").Call(jen.Lit(s.Name), cred)),
	)

	// The dynamic form: a function asked for the credential on every
	// request (token rotation, a secrets manager).
	ctx := jen.Qual("context", "Context")
	fn := jen.Func().Params(ctx).Params(jen.String(), jen.Error())
	what := "token"
	switch s.Kind {
	case ir.SecurityBearer:
		cred = jen.Id("bearerFunc").Call(jen.Id("token"))
		params = []jen.Code{jen.Id("token").Add(fn)}
	case ir.SecurityBasic:
		what = "user name and password"
		fn = jen.Func().Params(ctx).Params(jen.Id("username"), jen.Id("password").String(), jen.Id("err").Error())
		cred = jen.Id("basicFunc").Call(jen.Id("credentials"))
		params = []jen.Code{jen.Id("credentials").Add(fn)}
	case ir.SecurityAPIKey:
		what = "API key"
		cred = jen.Id("apiKeyFunc").Values(jen.Dict{
			jen.Id("in"): jen.Lit(s.In.String()), jen.Id("name"): jen.Lit(s.ParamName), jen.Id("key"): jen.Id("key"),
		})
		params = []jen.Code{jen.Id("key").Add(fn)}
	case ir.SecurityAWSSigV4:
		what = "credentials (temporary ones from STS, say)"
		fn = jen.Func().Params(ctx).Params(jen.Id("AWSCredentials"), jen.Error())
		cred = jen.Id("awsSigV4").Values(jen.Dict{jen.Id("service"): jen.Lit(s.SigningName), jen.Id("fn"): jen.Id("credentials")})
		params = []jen.Code{jen.Id("credentials").Add(fn)}
	}
	addDoc(f, fmt.Sprintf("%s is %s with a function that returns the %s, called with the request's context before every attempt: for credentials that change (token rotation, a secrets manager). "+
		"When it fails, the call fails with a *CredentialError that wraps its error, before anything is sent. What it returns is redacted from errors and logs like a configured secret.", s.FuncOptionName, s.OptionName, what), deprecated)
	f.Func().Id(s.FuncOptionName).Params(params...).Id("Option").Block(
		jen.Return(jen.Id("withCredential").Call(jen.Lit(s.Name), cred)),
	)

	for _, fl := range s.Flows {
		e.emitFlowOption(f, s, fl)
	}
}

// emitFlowOption writes the option that runs an OAuth2 flow for scheme s.
func (e *emitter) emitFlowOption(f *jen.File, s *ir.SecurityScheme, fl *ir.OAuth2Flow) {
	flow := "client credentials"
	params := []jen.Code{jen.List(jen.Id("clientID"), jen.Id("clientSecret")).String(), jen.Id("scopes").Op("...").String()}
	var extra []jen.Code
	if fl.Grant == "password" {
		flow = "resource owner password"
		params = append([]jen.Code{jen.List(jen.Id("username"), jen.Id("password")).String()}, params...)
		extra = []jen.Code{jen.Lit("username"), jen.Id("username"), jen.Lit("password"), jen.Id("password")}
	}
	scopes := "none"
	defaults := jen.Nil()
	if len(fl.Scopes) > 0 {
		var lits []jen.Code
		var quoted []string
		for _, sc := range fl.Scopes {
			lits = append(lits, jen.Lit(sc))
			quoted = append(quoted, strconv.Quote(sc))
		}
		scopes = strings.Join(quoted, ", ")
		defaults = jen.Index().String().Values(lits...)
	}
	addDoc(f, fmt.Sprintf("%s gets the access tokens of security scheme %q itself, with the OAuth2 %s flow at %q. "+
		"It asks for a token when a request first needs one and reuses it until shortly before it expires, fetching once for all the calls that need a new one; "+
		"a request answered 401 is sent once more with a new token. "+
		"It asks for scopes, or, when none are given, for those the API description's requirements name: %s. "+
		"A failed token request fails the call with a *CredentialError that wraps a *TokenError; the client secret, password and tokens are redacted like any credential.",
		fl.OptionName, s.Name, flow, fl.TokenURL, scopes))
	args := append([]jen.Code{jen.Lit(fl.TokenURL), jen.Lit(fl.Grant), jen.Id("clientID"), jen.Id("clientSecret"), jen.Id("scopes"), defaults}, extra...)
	f.Func().Id(fl.OptionName).Params(params...).Id("Option").Block(
		jen.Return(jen.Id("withCredential").Call(jen.Lit(s.Name), jen.Id("newTokenSource").Call(args...))),
	)
}

// serviceField declares the field that holds the service of g.
func serviceField(g *ir.Group) []jen.Code {
	return []jen.Code{
		jen.Comment(fmt.Sprintf("// %s holds the %s operations (see %s).", g.FieldName, g.FieldName, g.TypeName)),
		jen.Id(g.FieldName).Op("*").Id(g.TypeName),
	}
}

// serviceInit is the service of g, and of the services under it, as New
// makes them.
func serviceInit(api *ir.API, g *ir.Group) jen.Code {
	d := jen.Dict{jen.Id("cfg"): jen.Id("cfg")}
	for _, c := range api.Parts(g) {
		d[jen.Id(c.FieldName)] = serviceInit(api, c)
	}
	return jen.Op("&").Id(g.TypeName).Values(d)
}
