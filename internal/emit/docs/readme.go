package docs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// readmeView is the SDK's README.md.
type readmeView struct {
	Title       string
	Intro       []string
	Description string

	Install      []string
	UsageExample string

	Auth        *table
	AuthParas   []string
	AuthExample string
	FlowExample string // when a scheme has an OAuth2 flow

	Options        *table
	OptionParas    []string
	OptionsExample string
	GlobalsParas   []string // only when the SDK has globals
	GlobalsExample string

	Retry          []string
	RetryOverrides []string
	RetryExample   string

	Hooks          []string
	HooksExample   string
	HeadersExample string // when an operation declares response headers

	Extra        []string
	ExtraExample string

	// The Servers section, when the API has several servers, server
	// variables or operations with servers of their own.
	ServerOption   string
	Servers        *table
	ServerVars     *table
	ServerOps      string
	ServersExample string

	Pagination        []string // empty when no operation pages
	PaginationExample string

	Fields []string

	Streaming        []string // only when the SDK has stream methods
	StreamingExample string

	Errors        []string
	ErrorTypes    *table
	ErrorsExample string

	Services []*serviceEntry
	Skipped  *table
}

// serviceEntry is a service in the README's list, with its operations.
type serviceEntry struct {
	Title  string
	Link   string
	Parent string // a link to the parent's entry (OpenAPI 3.2 tag parent), if any
	Ops    []string
}

// maxErrorCell is how many operations the README's error table lists for
// one error type before it points to the type's page.
const maxErrorCell = 5

func (e *emitter) readme() (*readmeView, error) {
	api := e.api
	pkg := api.Package
	q := func(name string) string { return code(pkg + "." + name) }
	v := &readmeView{Title: readmeTitle(api)}
	intro := "Go client for " + v.Title
	if api.Version != "" {
		intro += ", API version " + code(api.Version)
	}
	v.Intro = append(v.Intro, intro+", generated as the package "+code(pkg)+".")
	v.Description = block(api.Description)

	// The first operation illustrates the sections that need a call; the
	// first that returns a typed error, the errors.
	var first, raising *goview.Method
	var typed *ir.Decl
	for _, g := range e.view.Groups {
		for _, m := range g.Methods {
			first = cmp.Or(first, m)
			for _, row := range errorRows(m, nil) {
				if row.decl != nil && typed == nil {
					raising, typed = m, row.decl
				}
			}
		}
	}

	v.Install = []string{
		"The package is plain Go source with no dependencies beyond the standard library: there is nothing to " + code("go get") + ". " +
			"Keep this directory in your module and import it by its path there.",
	}
	if api.Module != "" {
		v.Install = []string{
			"The SDK is a Go module with no dependencies beyond the standard library. Add it to your module with " + code("go get "+api.Module) + ", and import it as " + code(api.Module) + ".",
		}
	} else if api.ImportPath != "" {
		v.Install = append(v.Install, "Import it as "+code(api.ImportPath)+".")
	} else {
		v.Install = append(v.Install, "The examples in these docs import it as "+code(e.view.Path)+"; replace that with the package's import path in your module (or set importPath in sdkgen.yaml).")
	}
	var err error
	if first != nil {
		if v.UsageExample, err = e.exampler().operationExample(first); err != nil {
			return nil, err
		}
	}

	// Authentication.
	var flowScheme *ir.SecurityScheme
	var flowOpt *ir.OAuth2Flow
	if len(api.SecuritySchemes) > 0 {
		v.Auth = &table{Head: []string{"Option", "Scheme", "Sent As", "Description"}}
		for _, s := range api.SecuritySchemes {
			var sig, sent string
			switch s.Kind {
			case ir.SecurityBasic:
				sig, sent = "(username, password string)", "HTTP basic authentication"
			case ir.SecurityAPIKey:
				sig, sent = "(key string)", capitalIn(s.In)+" "+code(s.ParamName)
			case ir.SecurityAWSSigV4:
				sig, sent = "(credentials AWSCredentials)", "AWS Signature Version 4 for service "+code(s.SigningName)+" ("+code("Authorization")+", "+code("X-Amz-Date")+")"
			default:
				sig, sent = "(token string)", code("Authorization: Bearer <token>")
			}
			deprecated := ""
			if s.Deprecated {
				deprecated = "**Deprecated**: the API marks this scheme as deprecated."
			}
			v.Auth.add(code(s.OptionName+sig), code(s.Name), sent, joinCell(cell(s.Description), deprecated))
			fsig := "(token func(context.Context) (string, error))"
			switch s.Kind {
			case ir.SecurityBasic:
				fsig = "(credentials func(context.Context) (username, password string, err error))"
			case ir.SecurityAPIKey:
				fsig = "(key func(context.Context) (string, error))"
			case ir.SecurityAWSSigV4:
				fsig = "(credentials func(context.Context) (AWSCredentials, error))"
			}
			v.Auth.add(code(s.FuncOptionName+fsig), code(s.Name), sent, "The same, asked of the function before every attempt: for credentials that change.")
			for _, fl := range s.Flows {
				sig := "(clientID, clientSecret string, scopes ...string)"
				flow := "client credentials"
				if fl.Grant == "password" {
					sig, flow = "(username, password string, clientID, clientSecret string, scopes ...string)", "password"
				}
				v.Auth.add(code(fl.OptionName+sig), code(s.Name), sent, "Tokens the SDK gets itself with the OAuth2 "+flow+" flow at "+code(fl.TokenURL)+" and renews before they expire.")
				if flowScheme == nil {
					flowScheme, flowOpt = s, fl
				}
			}
		}
		v.AuthParas = append(v.AuthParas,
			"Pass "+code("New")+" an option for each scheme you have credentials for. "+
				"Each request applies the first alternative of its operation's requirement whose schemes all have credentials; "+
				"when none has, the request is sent without credentials.",
			"By default operations accept "+securityText(api.Security)+". Operations that differ say so on their pages.",
			"Credentials that change (rotated tokens, a secrets manager) take the "+code("Func")+" form: the SDK calls the function with the request's context before every attempt, retries included. "+
				"If it fails, the call fails with a "+code("*"+pkg+".CredentialError")+" wrapping its error, and nothing is sent. What it returns is redacted from errors and logs like any configured credential.")
		for _, s := range api.SecuritySchemes {
			if len(s.Env) > 0 {
				vars := "$" + strings.Join(s.Env, " and $")
				v.AuthParas = append(v.AuthParas, "When "+code("New")+" is given no option for "+code(s.Name)+", it reads the credential from "+code(vars)+" if set; an option wins over the environment.")
			}
		}
		if v.AuthExample, err = e.exampler().authFuncExample(api.SecuritySchemes[0]); err != nil {
			return nil, err
		}
		if flowScheme != nil {
			v.AuthParas = append(v.AuthParas, "With an OAuth2 flow option the SDK gets access tokens itself from the token endpoint: it asks for one when a request first needs it, "+
				"reuses it until shortly before it expires, fetches once for all the calls that need a new one at the same time, and sends a request answered 401 once more with a new token. "+
				"Without scopes it asks for those the API description's requirements name. A token request that fails makes the call fail with a "+code("*"+pkg+".CredentialError")+
				" wrapping a "+code("*"+pkg+".TokenError")+" (the endpoint's status, "+code("error")+" and "+code("error_description")+"); nothing is sent to the API.")
			if v.FlowExample, err = e.exampler().flowExample(flowOpt); err != nil {
				return nil, err
			}
		}
	}

	// Client options.
	serverURL := ""
	if len(api.Servers) > 0 {
		serverURL = api.Servers[0].Default
	}
	v.Options = &table{Head: []string{"Option", "Description"}}
	serverDesc := "The base URL that operation paths are appended to. Default: " + q("ServerURL")
	switch {
	case serverURL != "" && api.Servers[0].Relative:
		serverDesc += ", " + code(serverURL) + ", which names no host: the API description gives it relative to where it is served, so this option is required, with the whole URL"
	case serverURL != "":
		serverDesc += ", " + code(serverURL)
	default:
		serverDesc += ", which is empty: the API description names no server, so this option is required"
	}
	serverDesc += "."
	v.Options.add(code("WithServerURL(serverURL string)"), serverDesc)
	v.Options.add(code("WithHTTPClient(client HTTPClient)"), "The client that sends requests: anything with "+
		code("Do(*http.Request) (*http.Response, error)")+", such as "+code("*http.Client")+". Default: the SDK's own, which waits at most a minute for response headers (see Limits and Timeouts).")
	v.Options.add(code("WithMaxResponseBody(n int64)"), "The largest JSON or text body read into memory. Default: 32 MiB.")
	v.Options.add(code("WithMaxErrorBody(n int64)"), "How much of an error's body "+code("APIError.Body")+" keeps. Default: 64 KiB.")
	v.Options.add(code("WithRetryConfig(retry RetryConfig)"), "The retry policy, replacing the API description's (see Retries). Also a call option.")
	v.Options.add(code("WithTimeout(timeout time.Duration)"), "Bounds each call, retries and waits included. Also a call option.")
	v.Options.add(code("WithUserAgent(userAgent string)"), "The "+code("User-Agent")+" header of every request.")
	v.Options.add(code("WithHeader(key, value string)"), "A header set on every request, replacing one of the same name that the operation would send. Also a call option.")
	for _, g := range api.Globals {
		what := "Header " + code(g.Name)
		if g.In == ir.InQuery {
			what = "Query parameter " + code(g.Name)
		}
		desc := what + ", sent with every request unless the operation's own parameter sets it. "
		switch {
		case g.In == ir.InPath:
			desc = "Path parameter " + code(g.Name) + ", which the methods whose path names it take from here; without a value their calls fail. "
			if g.Value != "" {
				desc += "Default: " + code(g.Value) + "."
			} else {
				desc += "No default."
			}
		case g.Value != "":
			desc += "Default: " + code(g.Value) + "; " + code(`""`) + " sends none."
		case g.Required:
			desc += "Required by the API; no default."
		default:
			desc += "Not sent by default."
		}
		if d := inline(g.Description); d != "" {
			desc += " " + d
		}
		v.Options.add(code(g.OptionName+"(value string)"), desc+" Also a call option.")
	}
	v.Options.add(code("WithQueryParam(name, value string)"), "A query parameter set on every request, replacing those of the same name that the operation would send. Also a call option.")
	v.Options.add(code("WithMiddleware(mw ...Middleware)"), "Functions run around every attempt, in the order given (see Middleware, Logging and Responses). Also a call option, run inside the client's.")
	v.Options.add(code("WithDebugLog(logger *slog.Logger)"), "Logs every attempt at debug level, credentials redacted. Also a call option.")
	v.Options.add(code("WithResponse(resp **http.Response)"), "Call option only: keeps the call's final response.")
	v.Options.add(code("WithBodyField(name string, value any)"), "Call option only: sets a member of the JSON request body (see Undocumented Fields and Parameters).")
	v.Options.add(code("WithRawBody(raw *[]byte)"), "Call option only: keeps the success body the method decoded.")
	v.OptionParas = append(v.OptionParas,
		"Call options ("+code("WithRetryConfig")+", "+code("WithTimeout")+", "+code("WithHeader")+", "+code("WithQueryParam")+", "+code("WithMiddleware")+", "+code("WithDebugLog")+", "+code("WithResponse")+", "+code("WithBodyField")+" and "+code("WithRawBody")+") can also be passed to any method after its other arguments; a call's setting wins over the client's.")
	if err := e.servers(v); err != nil {
		return nil, err
	}
	if v.OptionsExample, err = e.exampler().optionsExample(first); err != nil {
		return nil, err
	}
	if len(api.Globals) > 0 {
		var names []string
		for _, g := range api.Globals {
			names = append(names, code(g.OptionName))
		}
		v.GlobalsParas = append(v.GlobalsParas, "Globals ("+strings.Join(names, ", ")+") are parameters the SDK sends with every request (a path parameter, with every request whose path names it), "+
			"set in the API description or the SDK's configuration. An option sets one for the client or, passed to a method, for one call; "+
			"an operation's own parameter of the same name, and "+code("WithHeader")+" or "+code("WithQueryParam")+", win over it.")
		shown := api.Globals[0] // one that is sent, if any: "" leaves it out
		for _, g := range api.Globals {
			if g.In != ir.InPath {
				shown = g
				break
			}
		}
		if v.GlobalsExample, err = e.exampler().globalsExample(first, shown); err != nil {
			return nil, err
		}
	}

	// Retries.
	v.Retry = append(v.Retry, retryText(api.Retry))
	v.Retry = append(v.Retry, "A call's "+code("WithRetryConfig")+" wins over the client's, which wins over the policy of the operation and then of the API. "+
		q("RetryConfig{}")+" turns retries off. A request whose body is a stream you pass in is never retried, since it cannot be sent twice.")
	if para := idempotencyText(api); para != "" {
		v.Retry = append(v.Retry, para)
	}
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			if op.Retry != nil && !sameRetry(op.Retry, api.Retry) {
				v.RetryOverrides = append(v.RetryOverrides, "* "+e.opLink(methodRef(g, op), "docs/sdks/", g, op)+": "+retryText(op.Retry))
			}
		}
	}
	if v.RetryExample, err = e.exampler().retryExample(first); err != nil {
		return nil, err
	}

	v.Hooks = []string{
		"* **Middleware.** " + code("WithMiddleware") + " takes functions of the type " + q("Middleware") + ", " + code("func(req *http.Request, next Next) (*http.Response, error)") + ". " +
			"Each runs once per attempt (a retried call runs them again), with the request the SDK built, credentials included; the first given is outermost, and a call's run inside the client's. " +
			"A middleware may change the request, answer without calling " + code("next") + ", or look at the response.",
		"* **Debug log.** " + code("WithDebugLog") + " logs every attempt to a " + code("*slog.Logger") + " at " + code("slog.LevelDebug") + ": method, URL, attempt number, status or error, duration, and the request and response headers. " +
			"Credentials never show: the values of " + code("Authorization") + ", " + code("Cookie") + ", " + code("Set-Cookie") + " and of every credential header are replaced, and every configured secret is redacted wherever else it appears, a query parameter included. Bodies are not logged.",
		"* **Response metadata.** " + code("WithResponse(&resp)") + " stores the call's final " + code("*http.Response") + " (after retries) in " + code("resp") + ", whether the call succeeded or failed, for its status and headers. " +
			"Its body has already been read, except for a binary or stream result, which the method returns. " + code("resp") + " is nil when no response arrived.",
	}
	if v.HooksExample, err = e.exampler().hooksExample(first); err != nil {
		return nil, err
	}
	v.Extra = []string{
		"The SDK follows the API description; the API may already have more. A call can send what the description lacks, and read what the models leave out:",
		"* " + code("WithBodyField(name, value)") + " sets a member of the JSON request body (encoded with " + code("encoding/json") + "), replacing one of that name or adding it; a call without a body sends an object of these members. " +
			code("WithQueryParam(name, value)") + " and " + code("WithHeader(key, value)") + " do the same for query parameters and headers.",
		"* " + code("WithRawBody(&raw)") + " keeps the success body the method decoded, byte for byte, and " + q("UnknownFields(raw, model)") + " returns its members that the model's type does not describe, as " + code("json.RawMessage") + " by name. " +
			"The models themselves decode exactly as " + code("json.Unmarshal") + " decodes, ignoring unknown fields (a model with additional properties keeps them in its own field).",
	}
	if v.ExtraExample, err = e.exampler().extraExample(first); err != nil {
		return nil, err
	}
	var withHeaders *goview.Method
	for _, g := range e.view.Groups {
		for _, m := range g.Methods {
			if m.Op.HeadersName != "" && withHeaders == nil {
				withHeaders = m
			}
		}
	}
	if withHeaders != nil {
		v.Hooks = append(v.Hooks, "* **Declared response headers.** An operation whose responses declare headers has an "+code("XResponseHeaders")+" type with a typed field for each, "+
			"such as "+q(withHeaders.Op.HeadersName)+". Pass a pointer to one with "+code("WithResponseHeaders")+" and the call fills it from its final response, successful or not; "+
			"a header that is absent or does not parse as its type leaves its field nil.")
		if v.HeadersExample, err = e.exampler().headersExample(withHeaders); err != nil {
			return nil, err
		}
	}

	if v.Pagination, v.PaginationExample, err = e.readmePagination(); err != nil {
		return nil, err
	}
	if v.Streaming, v.StreamingExample, err = e.streaming(); err != nil {
		return nil, err
	}

	// Optional and nullable fields.
	v.Fields = []string{
		"* A required field has its type " + code("T") + ".",
		"* An optional field is a pointer " + code("*T") + ": nil leaves it out. Set one with " + q("String(v)") + ", " + q("Bool(v)") + ", " + q("Int64(v)") + " or " + q("Float64(v)") + " (which take a plain constant: " + q("Int64(10)") + "), or " + q("Ptr(v)") + " for any other type; with Go 1.26, " + code("new(v)") + " works too. " +
			"Slices, maps, " + code("[]byte") + " and " + code("any") + " use nil instead of a pointer.",
		"* A required field that may be null is also " + code("*T") + ": nil sends null.",
	}
	v.Fields = append(v.Fields, "* A request body is passed by value when the operation requires it, and as a pointer when it is optional: nil sends no body. "+
		"A body that is a slice, a map or "+code("any")+" is passed as it is, nil for none; a binary body is an "+code("io.Reader")+" and a text body a "+code("string")+".")
	if e.view.UsesNullable() {
		v.Fields = append(v.Fields, "* An optional field that may be null is a "+code("Nullable[T]")+": its zero value leaves it out, "+
			q("NewNullable(v)")+" sends a value and "+q("Null[T]()")+" sends null. "+code("Get")+" and "+code("IsNull")+" read one.")
	}

	// Errors.
	v.Errors = append(v.Errors,
		"A method returns an error for every response it does not treat as success. Every such error is, or wraps, a "+code("*"+pkg+".APIError")+
			" with the response's "+code("StatusCode")+", "+code("Header")+" and "+code("Body")+" (and "+code("OperationID")+"); find it with "+code("errors.As")+".",
		"For the error responses the API describes with a body, the method returns the body decoded into a typed error, which wraps the "+code("*APIError")+". "+
			"Each operation's page lists its errors by status.",
		"Errors without a response (network failures, a canceled context) are neither; they wrap the cause, so "+code("errors.Is(err, context.DeadlineExceeded)")+" works.",
		"Responses whose bodies have the same shape share one error type, whichever operation and status they come from: one "+code("errors.As")+" target covers them all.")
	if ce := api.CommonError; ce != nil {
		v.Errors = append(v.Errors, "A status an operation does not declare whose body is "+q(ce.Name)+", the API's common error, gives a "+code("*"+pkg+"."+ce.Name)+" too, which wraps the "+code("*APIError")+
			" as the declared ones do; any other undeclared response is the "+code("*APIError")+" alone.")
	}
	if first != nil {
		v.Errors = append(v.Errors, "An error's message starts with the method called, as you wrote it after the client, then the status and the body: "+code(first.CallName+": 404 Not Found: {...}")+".")
	}
	for _, d := range api.Decls {
		rs := e.raisers[d]
		if len(rs) == 0 {
			continue
		}
		if v.ErrorTypes == nil {
			v.ErrorTypes = &table{Head: []string{"Error Type", "Returned By"}}
		}
		var by []string
		for i, r := range rs {
			if i == maxErrorCell && len(rs) > maxErrorCell+1 {
				// A type most operations return would make a cell of
				// thousands of characters: its own page lists them all.
				by = append(by, fmt.Sprintf("and %d more: see [the full list](docs/models/%s.md)", len(rs)-i, d.DocFile))
				break
			}
			by = append(by, e.opLink(methodRef(r.group, r.op), "docs/sdks/", r.group, r.op)+" ("+r.statuses+")")
		}
		v.ErrorTypes.add(typeLink(goview.Pointer(e.view.Decl(d).Type), "docs/models/"), strings.Join(by, "<br/>"))
	}
	if first != nil {
		if v.ErrorsExample, err = e.exampler().errorsExample(cmp.Or(raising, first), typed); err != nil {
			return nil, err
		}
	}

	// Services, each followed by its parts (OpenAPI 3.2 tag parents).
	for _, g := range servicesInTree(api.Groups) {
		se := &serviceEntry{Title: serviceTitle(g), Link: servicePath(g)}
		if g.Parent != nil {
			se.Parent = "[" + serviceTitle(g.Parent) + "](" + servicePath(g.Parent) + ")"
		}
		for _, op := range g.Operations {
			summary := inline(op.Summary)
			if summary == "" {
				summary = "Calls " + code(op.ID) + "."
			}
			se.Ops = append(se.Ops, e.opLink(op.GoName, "docs/sdks/", g, op)+" - "+summary)
		}
		v.Services = append(v.Services, se)
	}

	if len(api.Skipped) > 0 {
		v.Skipped = &table{Head: []string{"Method", "Path", "Operation ID", "Reason"}}
		for _, s := range api.Skipped {
			reason := ""
			if s.Reason != nil {
				reason = s.Reason.Msg
			}
			v.Skipped.add(code(s.Method), code(s.Path), joinCell(code(s.OperationID)), joinCell(cell(reason)))
		}
	}
	return v, nil
}

// readmeTitle is the README's title: the API's, else the package name.
func readmeTitle(api *ir.API) string {
	t := inline(api.Title)
	if t == "" {
		return api.Package
	}
	if strings.HasSuffix(t, "#") {
		// Trailing hashes would close the heading and vanish.
		t = t[:len(t)-1] + `\#`
	}
	return t
}

// readmeTitleText is the title's text as a renderer shows it, for its anchor.
func readmeTitleText(api *ir.API) string {
	if t := strings.Join(strings.Fields(cleanText(api.Title)), " "); t != "" {
		return t
	}
	return api.Package
}

// idempotencyText says which header carries the idempotency keys the SDK
// makes, and for how many operations; "" when none gets one.
func idempotencyText(api *ir.API) string {
	var headers []string
	n := 0
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			if op.IdempotencyHeader == "" {
				continue
			}
			n++
			if !slices.Contains(headers, code(op.IdempotencyHeader)) {
				headers = append(headers, code(op.IdempotencyHeader))
			}
		}
	}
	if n == 0 {
		return ""
	}
	slices.Sort(headers)
	which := "The operation that accepts an idempotency key sends"
	if n > 1 {
		which = fmt.Sprintf("The %d operations that accept an idempotency key send", n)
	}
	return which + " one in " + strings.Join(headers, " or ") + " with every call: a random key the SDK makes once per call, before the first attempt, so that every retry carries the same one " +
		"and the server acts on the call once. That makes a " + code("POST") + " or " + code("PATCH") + " safe to send again after its connection dropped. " +
		"A key you give wins: the operation's header parameter, if it has one, or " + code("WithHeader") + " passed to the call. " +
		"Do not give one to the client: every call would send the same key, and the server would take them for repeats of the first."
}

// servicesInTree orders the groups with operations as a tree of OpenAPI
// 3.2 tag parents: each group right after its parent, depth first, and in
// the given order otherwise. A group no walk from the top reaches (its
// parent has no entry) comes last.
func servicesInTree(groups []*ir.Group) []*ir.Group {
	var out []*ir.Group
	done := map[*ir.Group]bool{}
	var add func(parent *ir.Group)
	add = func(parent *ir.Group) {
		for _, g := range groups {
			if g.Parent == parent && !done[g] && g.Present() {
				done[g] = true
				out = append(out, g)
				add(g)
			}
		}
	}
	add(nil)
	for _, g := range groups {
		if !done[g] && g.Present() {
			out = append(out, g)
		}
	}
	return out
}
