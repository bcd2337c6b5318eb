// Package ir is the generator's intermediate representation: a typed, closed
// model of the SDK to emit, with every Go name already computed.
//
// The lowering pass builds it from the spec; emitters only read it. It holds
// no Go source text and imports neither kin-openapi nor jennifer. Slices, not
// maps, hold collections, so iteration order is explicit and deterministic.
package ir

import (
	"net/http"
	"strings"
	"time"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// API is a whole SDK.
type API struct {
	Package     string // Go package name
	ImportPath  string // the package's import path, when configured ("" when unknown)
	Module      string // the module the SDK is the root of, when it is its own ("" otherwise)
	Title       string
	Version     string // info.version
	Description string

	Servers []*Server // the document's servers; the first is the default
	// ServerVars are the variables of every server, the operations' own
	// too, one per name, sorted by name: each gets a client option.
	ServerVars []*ServerVar
	// ServerType is the Go type whose constants select a document server
	// ("Server"), and ServerOption the client option taking it
	// ("WithServer"); both "" unless there are several servers.
	ServerType, ServerOption string
	SecuritySchemes          []*SecurityScheme // sorted by spec name
	Security                 []Requirement     // the root security: alternatives, first match wins
	Retry                    *RetryPolicy      // root x-speakeasy-retries; nil means no retries by default
	Globals                  []*Global         // parameters sent on every call, sorted by option name

	// CommonError is the API's common error body: the configured schema, or
	// the one most operations declare for errors. A status an operation does
	// not declare whose body is one gives this typed error. Nil when none.
	CommonError *Decl

	Groups []*Group // sorted by Go field name
	Decls  []*Decl  // every named type, sorted by Go name

	Warnings []*diag.Warning // located findings that did not stop generation
	Skipped  []*Skipped      // operations left out under -skip-unsupported
}

// Global is a parameter the client sets for every call: a header or query
// parameter from the spec's x-speakeasy-globals, the configuration's
// globals or Azure's client parameters (x-ms-parameter-location: client),
// sent on every call; or a path parameter of Azure's, which fills the
// paths that name it.
type Global struct {
	Name        string  // wire name
	In          ParamIn // InHeader, InQuery or InPath
	Value       string  // the value sent unless the caller sets another; "" for none
	Required    bool    // an operation that names it requires it
	OptionName  string  // Go client and call option that sets it
	Description string
	Pos         diag.Pos
}

// SecurityKind is how a security scheme puts its credential on the request.
type SecurityKind int

const (
	SecurityBearer   SecurityKind = iota // Authorization: Bearer <token> (http bearer, oauth2, openIdConnect)
	SecurityBasic                        // Authorization: Basic base64(user:pass)
	SecurityAPIKey                       // a named header, query parameter or cookie
	SecurityAWSSigV4                     // AWS Signature Version 4 (x-amazon-apigateway-authtype: awsSigv4)
)

// SecurityScheme is a component security scheme.
type SecurityScheme struct {
	Name      string // key in components.securitySchemes
	Kind      SecurityKind
	In        ParamIn // for SecurityAPIKey
	ParamName string  // header, query or cookie name for SecurityAPIKey
	// SigningName is the service name SecurityAWSSigV4 signs for ("ec2").
	SigningName string
	OptionName  string // Go client option, e.g. "WithBearerAuth"
	// FuncOptionName is the option that takes a function returning the
	// credential for each request, e.g. "WithBearerAuthFunc".
	FuncOptionName string
	// Flows are the OAuth2 flows the SDK runs itself (client credentials,
	// password), each with an option of its own; empty for other schemes.
	Flows []*OAuth2Flow
	// Env names the environment variables the credential is read from when
	// no option gives it (sdkgen.yaml): the token or key, or the user name
	// and password; empty when none.
	Env         []string
	Description string
	// Deprecated is OpenAPI 3.2's deprecated: the API means to stop
	// accepting the scheme.
	Deprecated bool
	Pos        diag.Pos
}

// OAuth2Flow is an OAuth2 flow whose token the SDK gets and refreshes.
type OAuth2Flow struct {
	Grant      string   // "client_credentials" or "password"
	TokenURL   string   // as the spec gives it: absolute, or relative to the server
	Scopes     []string // the scopes the spec's requirements ask of the scheme, sorted
	OptionName string   // e.g. "WithOAuthClientCredentials"
}

// CredentialHeader is the canonical name of the header the scheme writes its
// credential to, or "" when it writes none (a query or cookie key).
func (s *SecurityScheme) CredentialHeader() string {
	switch {
	case s == nil:
		return ""
	case s.Kind == SecurityAPIKey && s.In == InHeader:
		return http.CanonicalHeaderKey(s.ParamName)
	case s.Kind == SecurityAPIKey:
		return ""
	}
	return "Authorization"
}

// Requirement is one alternative of a security requirement: every named scheme
// must be applied. An empty Requirement means anonymous access is allowed.
type Requirement struct {
	Schemes []string // spec names, in spec order
}

// RetryPolicy is a retry configuration from x-speakeasy-retries.
type RetryPolicy struct {
	InitialInterval       time.Duration
	MaxInterval           time.Duration
	MaxElapsedTime        time.Duration
	Exponent              float64
	StatusCodes           []string // "503", "5XX"
	RetryConnectionErrors bool
	Pos                   diag.Pos
}

// Group is a service: the operations that share an x-speakeasy-group (or first tag).
type Group struct {
	Key         string // the spec's group name, e.g. "signInTokens"
	TypeName    string // "SignInTokensService"
	FieldName   string // field of the Client, or of the parent's service: "SignInTokens"
	File        string // Go file stem, e.g. "sign_in_tokens"
	DocDir      string // docs directory under docs/sdks, e.g. "signintokens"
	Description string // from the matching tag, if any
	// Parent is the group of the tag's parent tag (OpenAPI 3.2), nil when
	// it has none or the parent has no operations: the service is a field
	// of the parent's service, and the docs list it under the parent.
	Parent     *Group
	Operations []*Operation
	// Namespace says the group is a parent tag's with no operations of its
	// own: its service only holds the services of the tags under it.
	Namespace bool
}

// Present reports whether the group has a service or methods in the SDK:
// operations of its own, or parts under it.
func (g *Group) Present() bool { return len(g.Operations) > 0 || g.Namespace }

// Parts lists the services whose tags' parent is g's, in the API's order:
// the fields of g's service.
func (a *API) Parts(g *Group) []*Group {
	var out []*Group
	for _, c := range a.Groups {
		if c.Parent == g && c.Present() {
			out = append(out, c)
		}
	}
	return out
}

// Operation is one HTTP operation, emitted as a method on its group's service.
type Operation struct {
	ID     string // operationId (synthesised from method and path when absent)
	GoName string // method name
	Method string // upper case: "GET", "POST", ...
	Path   string // path template, e.g. "/sign_in_tokens/{sign_in_token_id}/revoke"
	// PathParts is Path parsed: literal text and path parameters, in order.
	PathParts   []PathPart
	Summary     string
	Description string
	Deprecated  bool

	PathParams []*Param // positional arguments, in path order
	Params     []*Param // query, header and cookie parameters, sorted by Go name
	ParamsName string   // Go name of the params struct; "" when Params is empty
	// FixedQuery is the query a spec writes into the path key
	// ("/rest?method=search"), then the required query parameters that
	// may have one value only (AWS's Action=ListUsers), sent first on
	// every call, in order.
	FixedQuery []QueryPair
	// FixedHeaders are the required header parameters that may have one
	// value only (AWS's X-Amz-Target), sent on every call.
	FixedHeaders []QueryPair

	Body      *RequestBody // nil when the operation takes none
	Responses []*Response  // sorted by status: codes, then ranges, then default
	Result    Result
	// ResponseHeaders are the headers its responses declare, once per
	// name (the first declaration wins), sorted by Go name; HeadersName
	// is the Go name of the struct they are read into ("" when none).
	ResponseHeaders []*ResponseHeader
	HeadersName     string

	Security []Requirement // effective requirement
	Retry    *RetryPolicy  // the operation's own x-speakeasy-retries; nil means the API's policy
	// IdempotencyHeader is the header in which each call carries an
	// idempotency key, the caller's or one the SDK makes; "" for none.
	IdempotencyHeader string
	// Servers are the operation's own servers (its own, else its path
	// item's); nil when it uses the document's.
	Servers []*Server
	// Pagination, when set, says how the operation pages: it gets an
	// iterator over its items besides its one-page method.
	Pagination *Pagination
	// LongRunning, when set, says the operation goes on after its response
	// (Azure's x-ms-long-running-operation): it gets a method that waits
	// for it to end besides its method that returns the first response.
	LongRunning *LongRunning

	// Stream is set when the method returns a stream (see stream.go).
	Stream *Stream
	// Flag is a request body property the method sets itself: "stream"
	// true for the stream method, false for its JSON twin.
	Flag *BodyFlag
	// Twin is the other method of an operation that answers JSON or a
	// stream: the stream method of the JSON one, and the reverse. The two
	// share their parameters, body and params struct.
	Twin *Operation

	Pointer string
	Pos     diag.Pos
}

// Redirects lists the statuses of the redirects that are the operation's
// answer (Response.Redirect), in the order of its responses.
func (o *Operation) Redirects() []string {
	var out []string
	for _, r := range o.Responses {
		if r.Redirect {
			out = append(out, r.Status)
		}
	}
	return out
}

// Route is the operation's path as documentation shows it: with its fixed
// query, if any ("/rest?method=search").
func (o *Operation) Route() string {
	if len(o.FixedQuery) == 0 {
		return o.Path
	}
	pairs := make([]string, len(o.FixedQuery))
	for i, qp := range o.FixedQuery {
		pairs[i] = qp.Name + "=" + qp.Value
	}
	return o.Path + "?" + strings.Join(pairs, "&")
}

// PathPart is a piece of a path template: literal text, or the value of a
// path parameter.
type PathPart struct {
	Lit    string
	Param  *Param  // nil for literal text
	Global *Global // a path parameter the client sets, instead of Param
}

// QueryPair is a query parameter with a fixed value.
type QueryPair struct {
	Name, Value string
}

// ParamIn is where a parameter travels.
type ParamIn int

const (
	InPath ParamIn = iota
	InQuery
	InHeader
	InCookie
)

func (in ParamIn) String() string {
	return [...]string{"path", "query", "header", "cookie"}[in]
}

// Param is an operation parameter.
type Param struct {
	Name     string // wire name
	In       ParamIn
	GoName   string // field in the params struct; "" for path parameters, which goview names as arguments
	Type     Type
	Required bool
	Style    string // form, simple, label, matrix, spaceDelimited, pipeDelimited, deepObject
	Explode  bool
	// AllowReserved, on a path parameter, lets its value span segments: its
	// slashes are sent as they are, the rest escaped (Azure's
	// x-ms-skip-url-encoding, for a scope such as "subscriptions/1/resourceGroups/g").
	// A query parameter's value is escaped all the same, which a server
	// decodes to the same text.
	AllowReserved bool
	Description   string
	Deprecated    bool
	Example       string // JSON text, "" when the spec has none
	Default       string // JSON text, "" when the spec has none
	// ContentType is set when the spec describes the value by content
	// rather than a schema: the value is sent encoded so (application/json).
	ContentType string
	// QueryString marks OpenAPI 3.2's in: querystring: the object's
	// properties are the whole query string (In is InQuery, style form,
	// exploded).
	QueryString bool
	Pos         diag.Pos
}

// Encoding is the wire format of a body.
type Encoding int

const (
	EncodingJSON      Encoding = iota
	EncodingForm               // application/x-www-form-urlencoded
	EncodingMultipart          // multipart/form-data
	EncodingBinary             // raw bytes (application/octet-stream and any other non-text type)
	EncodingText               // text/plain and other text/*
)

// RequestBody is an operation's request body.
type RequestBody struct {
	MediaType   string
	Encoding    Encoding
	Type        Type // the body's type; nil for EncodingBinary (an io.Reader)
	Required    bool
	Description string
	// Styles gives the form style of the properties of a form body that
	// are not sent in the default style ("form", exploded), by property.
	Styles []PropertyStyle
	// PartTypes gives, by property, the media type of a multipart body's
	// file parts as the spec says it (its encoding's contentType, or
	// OpenAPI 3.1's contentMediaType): the type a File without one is sent
	// as. Sorted by property.
	PartTypes []PartType
	Pos       diag.Pos
}

// PartType is the media type a file part is sent as by default.
type PartType struct {
	Property    string
	ContentType string
}

// PropertyStyle is how a property of a form body is serialised.
type PropertyStyle struct {
	Property string
	Style    string // "form", "deepObject", "spaceDelimited", "pipeDelimited"
	Explode  bool
}

// Response is one declared response.
type Response struct {
	Status      string // "200", "4XX" or "default"
	Code        int    // the status code, or 0 for ranges and default
	Summary     string // OpenAPI 3.2's short summary, "" when none
	Description string
	MediaType   string
	Encoding    Encoding
	Type        Type // nil when the response has no body
	// Redirect marks a 3xx response of an operation that declares no 2xx
	// one: the redirect is its answer (a download's URL in Location), which
	// the SDK returns rather than follows.
	Redirect bool
	Pos      diag.Pos
}

// ResponseHeader is a header an operation's responses declare.
type ResponseHeader struct {
	Name        string // wire name, as the spec spells it
	GoName      string // field of the operation's headers struct
	Type        Type   // a scalar, or a slice of scalars (a comma-separated list)
	Description string
	Statuses    []string // the responses that declare it
	Pos         diag.Pos
}

// IsSuccess reports whether the response is a 2xx answer, or a redirect
// that is the operation's answer.
func (r *Response) IsSuccess() bool {
	return (r.Code >= 200 && r.Code < 300) || r.Status == "2XX" || r.Redirect
}

// ResultKind is the shape of an operation's success value.
type ResultKind int

const (
	ResultNone   ResultKind = iota // the method returns only an error
	ResultSingle                   // one type for every success response
	ResultMulti                    // distinct types per status: a generated response struct
)

// Result describes what a method returns on success.
type Result struct {
	Kind     ResultKind
	Type     Type // for ResultSingle
	Encoding Encoding
	Name     string         // Go name of the response struct, for ResultMulti
	Fields   []*ResultField // the response struct's fields, for ResultMulti
}

// ResultField is a field of a response struct: the body of the responses
// whose type it has.
type ResultField struct {
	Name     string
	Type     Type
	Encoding Encoding
}

// Skipped is an operation left out because it uses an unsupported construct.
type Skipped struct {
	Method, Path, OperationID string
	Reason                    *diag.Error
}

// LongRunning is how a long-running operation's end is awaited.
type LongRunning struct {
	GoName string // the method that waits ("CreateOrUpdateAndWait")
	// FinalVia is where the result is once the operation has ended, as
	// x-ms-long-running-operation-options' final-state-via says
	// ("location", "original-uri", "azure-async-operation"); "" for the
	// default of the method: the resource again for a PUT or PATCH, else
	// what Location answers.
	FinalVia string
}
