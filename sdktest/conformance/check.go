package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// Target is an SDK to call against Prism.
type Target struct {
	Fixture *Fixture
	Mock    *prismtest.Mock // serves the spec the Fixture was loaded from
	// New returns a *Client of the SDK for serverURL that sends with hc,
	// has credentials for every security scheme and does not retry.
	New func(serverURL string, hc *http.Client) any
	// Known lists, by operation ID, the operations whose success response
	// from Prism (static mode) is invalid against the spec and that the SDK
	// is right not to decode.
	Known map[string]KnownProblem
	// Lenient logs instead of failing what a spec of its own can say
	// wrong: a success response that Prism itself finds invalid, or one
	// with an integer beyond int64 (an example written as a float), that
	// does not decode. The corpus run sets it; the Clerk tests list such
	// responses in Known instead.
	Lenient bool
	// CheckTypedError, when set, checks more of a typed error than Run does.
	CheckTypedError func(t *testing.T, o *Operation, err error)

	roundTrips atomic.Int64
}

// KnownProblem is a success response of Prism's that is invalid against
// the spec and that the SDK is right not to decode.
type KnownProblem struct {
	Reason   string
	Symptoms []string // parts of the call's error that show this problem and no other
}

// Shows reports whether err shows the problem.
func (k KnownProblem) Shows(err error) bool {
	for _, s := range k.Symptoms {
		if !strings.Contains(err.Error(), s) {
			return false
		}
	}
	return len(k.Symptoms) > 0
}

// Outcome is what one call did.
type Outcome struct {
	Call      *Call
	Result    reflect.Value
	Err       error
	Rec       *prismtest.Recorder
	exchanges []exchange
	pkg       string // the SDK's package path
}

// emptyBody reports whether the call's one response had no body, or null.
func (o *Outcome) emptyBody() bool {
	if len(o.exchanges) != 1 {
		return false
	}
	body := bytes.TrimSpace(o.exchanges[0].respBody)
	return len(body) == 0 || string(body) == "null"
}

// noBody reports whether the one response had no body at all.
func (o *Outcome) noBody() bool {
	return len(o.exchanges) == 1 && len(bytes.TrimSpace(o.exchanges[0].respBody)) == 0
}

func (o *Outcome) responseViolations() []prismtest.Violation {
	var out []prismtest.Violation
	for _, v := range o.Rec.Violations() {
		if !v.IsRequest() {
			out = append(out, v)
		}
	}
	return out
}

// Exercise calls o's method against Prism with arguments built for mode,
// sending header on the request as well.
func (tg *Target) Exercise(t *testing.T, o *Operation, mode Mode, header http.Header) *Outcome {
	t.Helper()
	capt := &capture{base: sharedTransport, extra: header}
	rec := &prismtest.Recorder{Base: capt}
	client := tg.New(tg.Mock.URL(t), rec.Client())
	c, err := Build(client, o, mode)
	if errors.Is(err, ErrSpecUnmet) {
		t.Skipf("%s: %v", o.Name(), err)
	}
	if err != nil {
		t.Fatalf("%s: cannot build a %s call: %v", o.Name(), mode, err)
	}
	res, callErr := c.Invoke(prismtest.Context(t))
	pkg := reflect.TypeOf(client).Elem().PkgPath()
	return &Outcome{Call: c, Result: res, Err: callErr, Rec: rec, exchanges: capt.exchanges(), pkg: pkg}
}

// CheckRequest fails t for each request-side violation, and for a request
// that does not carry what the call was given.
func (tg *Target) CheckRequest(t *testing.T, o *Operation, out *Outcome) {
	t.Helper()
	if len(out.exchanges) == 0 && out.Err != nil && cookieUnsendable.MatchString(out.Err.Error()) {
		// A cookie value no Cookie header can carry as it is (JSON's
		// quotes): the SDK refuses the call rather than change it.
		logged(t, "%s: the synthesised cookie value cannot be sent as it is: %v", o.Name(), out.Err)
		return
	}
	if len(out.exchanges) != 1 {
		t.Fatalf("%s: %d HTTP exchanges, want 1 (err %v)", o.Name(), len(out.exchanges), out.Err)
	}
	ex := out.exchanges[0]
	api := tg.Fixture.API
	t.Logf("%s: %s", o.Name(), describe(ex))
	// A JSON body sent as given: a oneOf Prism finds ambiguous is the
	// spec's, read without its discriminator (the value was checked
	// against the schema with it when it was made).
	var sent any
	asGiven := out.Call.HasBody && json.Unmarshal(ex.body, &sent) == nil && reflect.DeepEqual(sent, out.Call.Body)
	// Where Prism finds a oneOf ambiguous it also reports what each
	// variant the value is not misses: those go with it.
	var ambiguous []string
	for _, v := range out.Rec.RequestViolations() {
		if tg.Lenient && asGiven && v.Code == "oneOf" {
			ambiguous = append(ambiguous, strings.Join(v.Location, "."))
		}
	}
	for _, v := range out.Rec.RequestViolations() {
		if at := strings.Join(v.Location, "."); v.Code != "oneOf" && slices.ContainsFunc(ambiguous, func(a string) bool { return at == a || strings.HasPrefix(at, a+".") }) {
			logged(t, "%s: a variant of a oneOf Prism finds ambiguous: %s", o.Name(), v)
			continue
		}
		if tg.Lenient && strings.Contains(o.key, "?") && strings.HasPrefix(v.Code, "NO_") {
			// A path key with a query string ("/rides?page={page}"),
			// which the SDK sends as the query of the path before it.
			logged(t, "%s: Prism routes no path key with a query string: %s", o.Name(), v)
			continue
		}
		if tg.Lenient && strings.HasPrefix(v.Code, "NO_") && dottedParam.MatchString(o.key) {
			// grpc-gateway's "/workflows/{execution.workflow_id}" (Temporal):
			// Prism routes no path whose parameter name has a dot.
			logged(t, "%s: Prism routes no path with a dot in a parameter's name: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && len(v.Location) == 2 && v.Location[1] == "body" && bodyRequiresUndeclared(o, v.Message) {
			logged(t, "%s: the spec requires a body property it does not declare: %s", o.Name(), v)
			continue
		}
		if (v.Code == "401" || v.Code == "UNAUTHORIZED") && unsupportedSecurity(api, o.Raw.Security, tg.Fixture.Doc.Security) {
			// Every alternative needs a scheme the SDK has no option for
			// (HTTP Digest): the generator warns of it.
			logged(t, "%s: the spec's security requirement needs a scheme the SDK does not support: %s", o.Name(), v)
			continue
		}
		if v.Code == "401" && sharedCredentialHeader(api, o.Op) {
			// Two schemes of one requirement write one header (the
			// generator warns of it): no request carries both.
			logged(t, "%s: the spec's security requirement puts two credentials in one header: %s", o.Name(), v)
			continue
		}
		if tg.Lenient && (v.Code == "INVALID_CONTENT_TYPE" || v.Code == "415") && strings.Contains(v.Message, "No supported content types") {
			// A Swagger 2.0 body parameter with no consumes anywhere: Prism
			// takes no body at all, the SDK sends JSON.
			logged(t, "%s: Prism knows no media type for a body the spec declares: %s", o.Name(), v)
			continue
		}
		if v.Code == "NOT_ACCEPTABLE" && !anyMediaType(o.Op) {
			// No response has a body, so the SDK's default Accept
			// (application/json) names nothing Prism can match.
			logged(t, "%s: Prism finds no body for an Accept header where the spec declares none: %s", o.Name(), v)
			continue
		}
		if v.Code == "pattern" && lookaround.MatchString(v.Message) {
			// A lookahead or lookbehind, which Go's regular expressions
			// (and so the synthesiser) do not have: the value was made
			// for the pattern without it.
			logged(t, "%s: the synthesised value meets the pattern without its lookarounds only: %s", o.Name(), v)
			continue
		}
		if len(v.Location) >= 2 && v.Location[1] == "path" && strings.Contains(o.key, "}{") {
			// "/blog/{pageName}{mediaTypeExtension}": Prism does not
			// split parameters with nothing between them.
			logged(t, "%s: Prism cannot split adjacent path parameters: %s", o.Name(), v)
			continue
		}
		if name, ok := missingPathParam(v); ok {
			switch {
			case !hasPathParam(o, name):
				// Prism routed the call to another path, and misses its
				// parameter ("/v1/{entityType}:export" to "/v1/{name}:export").
				logged(t, "%s: Prism routes the call to another path: %s", o.Name(), v)
				continue
			case strings.ContainsFunc(name, func(r rune) bool { return !isNameRune(r) }):
				// "{insight_id:}": Prism's router reads names of letters,
				// digits and _ only.
				logged(t, "%s: Prism reads no path parameter whose name has other characters: %s", o.Name(), v)
				continue
			}
		}
		if len(v.Location) >= 3 && v.Location[1] == "path" && !hasPathParam(o, v.Location[2]) {
			// A parameter of another path: Prism routed the call there
			// ("/{y}.pbf" to "/{y}.{format}").
			logged(t, "%s: Prism routes the call to another path: %s", o.Name(), v)
			continue
		}
		if out.Call.HasParts && len(v.Location) >= 3 && v.Location[1] == "body" && formPart(o.Op, v.Location[2]) {
			// A part the encoding gives the form media type, sent as
			// name=value pairs: Prism reads it as text.
			logged(t, "%s: Prism reads no multipart part that is a form: %s", o.Name(), v)
			continue
		}
		if out.Call.HasParts && strings.Contains(v.Message, "Reserved characters used in request body") {
			// A multipart part with an encoding style (which OpenAPI
			// applies to form bodies only): Prism checks its bytes as
			// a form value's.
			logged(t, "%s: Prism checks a multipart part for a form's reserved characters: %s", o.Name(), v)
			continue
		}
		if out.Call.HasParts && len(out.Call.Fields) == 0 && out.Call.Files["file"] && v.Code == "type" && len(v.Location) == 2 && v.Location[1] == "body" {
			// A multipart body that is one file (type: string, format:
			// binary): Prism checks the parts it reads as an object.
			logged(t, "%s: Prism checks a whole-file multipart body's parts against the file's schema: %s", o.Name(), v)
			continue
		}
		if tg.Lenient && o.shared {
			logged(t, "%s: Prism may route the call to another operation of the same method and path template: %s", o.Name(), v)
			continue
		}
		if tg.Lenient && asGiven && v.Code == "oneOf" {
			logged(t, "%s: Prism finds the oneOf ambiguous: %s", o.Name(), v)
			continue
		}
		if out.Call.Form && len(ex.body) == 0 && v.Code == "required" && len(v.Location) == 1 {
			// An empty form body is how an object with nothing set is
			// sent; Prism takes it for no body.
			logged(t, "%s: Prism takes the empty form body for none: %s", o.Name(), v)
			continue
		}
		if out.Call.Form && len(v.Location) == 3 && v.Location[1] == "body" && deepObjectProperty(o.Op, v.Location[2]) {
			// A form property the encoding writes deepObject
			// (prop[member]=v): Prism reads no such names.
			logged(t, "%s: Prism reads no deepObject form property: %s", o.Name(), v)
			continue
		}
		if out.Call.Form && v.Code == "required" && objectMember(o, v.Message) {
			// A form sends an object member exploded (style form): its
			// own members as pairs, its name nowhere.
			logged(t, "%s: Prism looks for an exploded object member of the form by its name: %s", o.Name(), v)
			continue
		}
		if len(v.Location) == 2 && v.Location[1] == "header" && v.Code == "required" &&
			(strings.Contains(v.Message, "'content-type'") && len(ex.body) == 0 || strings.Contains(v.Message, "'accept'") || strings.Contains(v.Message, "'authorization'")) ||
			len(v.Location) == 3 && v.Location[1] == "header" && (v.Location[2] == "accept" || v.Location[2] == "authorization" || v.Location[2] == "content-type" && v.Code == "enum") {
			// OpenAPI says header parameters named Content-Type, Accept
			// and Authorization are ignored (the body, the responses and
			// the security schemes say them); Prism asks for them, and
			// checks their values, all the same.
			logged(t, "%s: Prism asks for a header parameter OpenAPI ignores: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && strings.Contains(v.Message, "Request query must have required property '") && strings.Contains(v.Message, "%") {
			// A name with reserved characters ("ids[]") is sent escaped,
			// as RFC 3986 says; Prism looks for the escaped name.
			logged(t, "%s: Prism reads an escaped query name as it is: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && len(v.Location) == 2 && v.Location[1] == "query" && otherAlternativeKey(api, o.Op, v.Message) {
			// Security alternatives ([{key}, {token}]): the SDK sends the
			// first that has credentials; Prism asks for every one's key.
			logged(t, "%s: Prism asks for the API key of every security alternative: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && len(v.Location) == 1 && string(ex.body) == "null" {
			// A body that is JSON null: Prism takes it for none.
			logged(t, "%s: Prism takes a body of JSON null for none: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && strings.Contains(v.Message, "'content-length'") && o.Op.Body == nil {
			// A Content-Length parameter of an operation with no body,
			// which no HTTP client sends (the generator warns of it).
			logged(t, "%s: Prism asks for a Content-Length with no body: %s", o.Name(), v)
			continue
		}
		if len(v.Location) >= 2 && v.Location[1] == "body" && oddMediaKey(o) {
			// A content key that is no media type (""), beside the one
			// the SDK sends: Prism may check the body against its schema.
			logged(t, "%s: Prism may read the body by the content key that is no media type: %s", o.Name(), v)
			continue
		}
		if v.Code == "type" && len(v.Location) == 3 && v.Location[1] == "query" && strings.HasSuffix(v.Message, "must be array,null") {
			// Prism splits no list that may also be null (nullable: true).
			logged(t, "%s: Prism reads no nullable list from the query: %s", o.Name(), v)
			continue
		}
		if v.Code == "required" && unsentOptionalParam(o.Op, ex, v.Location) {
			// An optional object parameter the call does not send:
			// Prism checks its required members all the same.
			logged(t, "%s: Prism checks an optional object parameter that is not sent: %s", o.Name(), v)
			continue
		}
		if len(v.Location) == 3 && v.Location[1] == "header" && v.Location[2] == "accept-encoding" && ex.header.Get("Accept-Encoding") == "" {
			// An Accept-Encoding the call does not set: Go's transport
			// asks for gzip below the SDK (and decodes it itself).
			logged(t, "%s: Go's transport sends its own Accept-Encoding: %s", o.Name(), v)
			continue
		}
		if v.Code == "enum" && len(v.Location) == 3 && untypedEnum(o, v.Location[1], v.Location[2]) {
			// An enum of booleans or numbers with no type: Prism reads
			// the parameter's text as a string, which no value equals.
			logged(t, "%s: Prism compares the text of an untyped parameter with an enum of other types: %s", o.Name(), v)
			continue
		}
		if len(v.Location) == 2 && v.Location[1] == "body" && v.Code == "type" && textJSON(ex.header.Get("Content-Type")) {
			// JSON under a text media type (text/json): the SDK sends
			// JSON; Prism reads the body as text.
			logged(t, "%s: Prism reads a text/json body as text: %s", o.Name(), v)
			continue
		}
		if delimitedQuery(o.Op, v.Location) {
			// Prism splits no spaceDelimited or pipeDelimited list.
			logged(t, "%s: Prism reads no delimited list: %s", o.Name(), v)
			continue
		}
		if v.Code == "type" && structuredQueryItem(o.Op, v.Location) {
			// OpenAPI gives a form list no encoding for an object or list
			// item; the SDK sends its JSON text, which Prism reads as text.
			logged(t, "%s: Prism reads a structured query item as text: %s", o.Name(), v)
			continue
		}
		if (out.Call.Form || out.Call.Fields != nil) && v.Code == "type" && strings.HasPrefix(v.Message, "Request body property ") && strings.Contains(v.Message, "must be array") {
			// Prism reads no list from a form without an encoding
			// object, however it is sent (a=1&a=2, a[]=1, a=1,2), nor
			// from a multipart body's parts of one name (OpenAPI 3.1.1:
			// a list's items are sent as parts of the list's name).
			logged(t, "%s: Prism reads no list from a form: %s", o.Name(), v)
			continue
		}
		if o.Op.Body != nil && (strings.HasPrefix(o.Op.Body.MediaType, "application/x-www-form-urlencoded") || strings.HasPrefix(o.Op.Body.MediaType, "multipart/")) &&
			v.Code == "type" && len(v.Location) == 2 && v.Location[1] == "body" && !strings.HasSuffix(v.Message, "must be object") {
			// A form or multipart body whose schema is a string (the
			// form's text itself): Prism parses it into an object and
			// then checks that against the schema.
			logged(t, "%s: Prism reads a form body as an object, whatever its schema: %s", o.Name(), v)
			continue
		}
		if out.Call.Fields != nil && v.Code == "type" && strings.HasPrefix(v.Message, "Request body property ") && strings.HasSuffix(v.Message, "must be object") {
			// A multipart part sent as JSON (Content-Type:
			// application/json) is text to Prism without an encoding
			// object.
			logged(t, "%s: Prism reads a JSON part as text: %s", o.Name(), v)
			continue
		}
		if o.Op.Body != nil && out.Call.Raw != nil && (isXML(o.Op.Body.MediaType) || v.Code == "type" && strings.HasSuffix(v.Message, "must be object") ||
			o.Op.Body.Encoding == ir.EncodingBinary && (v.Code == "pattern" || v.Code == "format")) &&
			len(v.Location) >= 2 && v.Location[1] == "body" {
			// The SDK sends an XML or binary body as the bytes the
			// caller gives; the test's are not the document the schema
			// describes (an XML object; Azure's type: object, format:
			// file for a blob; base64 text, format: byte, for an
			// image/jpeg upload).
			logged(t, "%s: the test's raw body is not the object the schema describes: %s", o.Name(), v)
			continue
		}
		if v.Severity == "Warning" {
			// A deprecated parameter, say, which the spec still allows.
			logged(t, "%s: Prism warns: %s", o.Name(), v)
			continue
		}
		t.Errorf("%s: Prism request violation: %s\nrequest: %s", o.Name(), v, describe(ex))
	}
	u, err := url.Parse(ex.url)
	if err != nil {
		t.Fatalf("request URL %q: %v", ex.url, err)
	}
	q := u.Query()
	for _, name := range out.Call.Query {
		if !q.Has(name) {
			t.Errorf("%s: query parameter %s was set but not sent: %s", o.Name(), name, u.RawQuery)
		}
	}
	for name := range q {
		if !slices.Contains(out.Call.Query, name) && !sentByMethod(api, o.Op, name) {
			t.Errorf("%s: query parameter %s sent but not set: %s", o.Name(), name, u.RawQuery)
		}
	}
	ct := ex.header.Get("Content-Type")
	switch {
	case out.Call.HasBody && out.Call.Body == nil && len(ex.body) == 0 && o.Op.Body != nil && !o.Op.Body.Required:
		// An optional body of any value given as nil is no body: Go's
		// nil cannot say JSON null there.
		logged(t, "%s: an optional body of any value, nil, is not sent", o.Name())
	case out.Call.HasBody:
		var sent any
		if err := json.Unmarshal(ex.body, &sent); err != nil {
			t.Errorf("%s: request body is not JSON: %v: %q", o.Name(), err, ex.body)
		} else if !reflect.DeepEqual(sent, out.Call.Body) {
			given, _ := json.Marshal(out.Call.Body)
			t.Errorf("%s: request body differs from the value given\ngiven: %s\nsent:  %s", o.Name(), given, ex.body)
		}
		want := o.Op.Body.MediaType
		if strings.Contains(want, "*") {
			want = "application/json" // a range names no type: JSON is sent as JSON
		}
		if mt, _, _ := mime.ParseMediaType(ct); mt != baseMediaType(want) || strings.Contains(want, ";") && ct != want {
			t.Errorf("%s: Content-Type %q, want %s", o.Name(), ct, want)
		}
	case out.Call.HasParts:
		checkMultipart(t, o, out.Call, ex)
	case out.Call.Raw != nil:
		if !bytes.Equal(ex.body, out.Call.Raw) {
			t.Errorf("%s: request body %q, want the %d bytes given", o.Name(), ex.body, len(out.Call.Raw))
		}
	case out.Call.Form:
		if _, err := url.ParseQuery(string(ex.body)); err != nil || ct != o.Op.Body.MediaType {
			t.Errorf("%s: form body %q (Content-Type %q): %v", o.Name(), ex.body, ct, err)
		}
	default:
		if len(ex.body) != 0 || ct != "" {
			t.Errorf("%s: no body given, but sent Content-Type %q and %q", o.Name(), ct, ex.body)
		}
	}
}

// delimitedQuery reports whether a violation's location is an item of a
// query parameter sent spaceDelimited or pipeDelimited.
func delimitedQuery(op *ir.Operation, location []string) bool {
	if len(location) != 4 || location[0] != "request" || location[1] != "query" {
		return false
	}
	for _, p := range op.Params {
		if p.In == ir.InQuery && strings.EqualFold(p.Name, location[2]) && (p.Style == "spaceDelimited" || p.Style == "pipeDelimited") {
			return true
		}
	}
	return false
}

// canonicalParts returns the field parts with each JSON object or list
// written in one way (members in name order): a struct's JSON follows its
// fields' order, a map's its keys'.
func canonicalParts(fields map[string][]string) map[string][]string {
	out := map[string][]string{}
	for name, values := range fields {
		for _, v := range values {
			var x any
			if (strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[")) && json.Unmarshal([]byte(v), &x) == nil {
				b, _ := json.Marshal(x)
				v = string(b)
			}
			out[name] = append(out[name], v)
		}
	}
	return out
}

// untypedEnum reports whether the parameter in at named name (Prism's
// lower case) has a schema with no type whose enum holds a value that is
// not a string.
func untypedEnum(o *Operation, in, name string) bool {
	for key, p := range o.params {
		if !strings.EqualFold(key, in+":"+name) || p.Schema == nil || p.Schema.Value == nil {
			continue
		}
		sc := p.Schema.Value
		return (sc.Type == nil || len(sc.Type.Slice()) == 0) && slices.ContainsFunc(sc.Enum, func(e any) bool {
			_, str := e.(string)
			return !str
		})
	}
	return false
}

// textJSON reports whether a Content-Type is JSON under the text type
// (text/json, text/x-json).
func textJSON(ct string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(ct), ";")
	mt = strings.TrimSpace(mt)
	return strings.HasPrefix(mt, "text/") && strings.HasSuffix(mt, "json")
}

// formPart reports whether the multipart body of op sends its property name
// as a part of the form media type.
func formPart(op *ir.Operation, name string) bool {
	return op.Body != nil && slices.ContainsFunc(op.Body.PartTypes, func(p ir.PartType) bool {
		return p.Property == name && strings.EqualFold(p.ContentType, "application/x-www-form-urlencoded")
	})
}

// deepObjectProperty reports whether the form body of op writes its
// property name with style deepObject.
func deepObjectProperty(op *ir.Operation, name string) bool {
	return op.Body != nil && slices.ContainsFunc(op.Body.Styles, func(s ir.PropertyStyle) bool {
		return s.Property == name && s.Style == "deepObject"
	})
}

// unsupportedSecurity reports whether every security alternative of an
// operation (its own requirements, else the document's) needs a scheme the
// SDK has no option for.
func unsupportedSecurity(api *ir.API, own *openapi3.SecurityRequirements, doc openapi3.SecurityRequirements) bool {
	reqs := doc
	if own != nil {
		reqs = *own
	}
	if len(reqs) == 0 {
		return false
	}
	for _, r := range reqs {
		unknown := false
		for name := range r {
			unknown = unknown || !slices.ContainsFunc(api.SecuritySchemes, func(s *ir.SecurityScheme) bool { return s.Name == name })
		}
		if !unknown {
			return false
		}
	}
	return true
}

// cookieUnsendable matches the SDK's refusal of a cookie value.
var cookieUnsendable = regexp.MustCompile(`cookie parameter "[^"]*" cannot be sent: http: invalid byte`)

// unsentOptionalParam reports whether location (request.query.<name>,
// Prism's name in lower case) is an optional query parameter of op that
// the exchange ex has none of: no pair of its name, deepObject's name[...]
// or, exploded as a form, of its members.
func unsentOptionalParam(op *ir.Operation, ex exchange, location []string) bool {
	if len(location) != 3 || location[0] != "request" || location[1] != "query" {
		return false
	}
	u, err := url.Parse(ex.url)
	if err != nil {
		return false
	}
	sent := u.Query()
	for _, p := range op.Params {
		if p.In != ir.InQuery || p.Required || !strings.EqualFold(p.Name, location[2]) {
			continue
		}
		for k := range sent {
			if k == p.Name || strings.HasPrefix(k, p.Name+"[") || p.Explode && p.Style == "form" && memberOf(p.Type, k) {
				return false
			}
		}
		return true
	}
	return false
}

// memberOf reports whether name is a property of the struct t stands for.
func memberOf(t ir.Type, name string) bool {
	if r, ok := t.(*ir.Ref); ok {
		if st, ok := r.Decl.Kind.(*ir.Struct); ok {
			return slices.ContainsFunc(st.Fields, func(f *ir.Field) bool { return f.JSONName == name })
		}
	}
	return false
}

// otherAlternativeKey reports whether msg asks for a query parameter that
// is the API key of a scheme in one of op's security alternatives, when it
// has more than one.
func otherAlternativeKey(api *ir.API, op *ir.Operation, msg string) bool {
	m := requiredProperty.FindStringSubmatch(msg)
	if m == nil || len(op.Security) < 2 {
		return false
	}
	for _, r := range op.Security {
		for _, name := range r.Schemes {
			for _, s := range api.SecuritySchemes {
				if s.Name == name && s.Kind == ir.SecurityAPIKey && s.In == ir.InQuery && s.ParamName == m[1] {
					return true
				}
			}
		}
	}
	return false
}

// oddMediaKey reports whether o's request body has a content key that is
// no media type (type/subtype) beside others.
func oddMediaKey(o *Operation) bool {
	rb := o.Raw.RequestBody
	if rb == nil || rb.Value == nil || len(rb.Value.Content) < 2 {
		return false
	}
	for key := range rb.Value.Content {
		if !strings.Contains(key, "/") {
			return true
		}
	}
	return false
}

// logged logs what the harness does not fail: Prism's limits and the
// spec's own faults. The corpus summary leaves such lines out of an
// operation's first error.
func logged(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf(LoggedMark+format, args...)
}

// LoggedMark starts each line logged.
const LoggedMark = "[logged] "

// placeholderTime reports whether err is a date-time that did not parse
// because it is the text "string".
func placeholderTime(err error) bool {
	var pe *time.ParseError
	return errors.As(err, &pe) && pe.Value == "string"
}

// structuredQueryItem reports whether location is an item of a form
// query list whose items are objects or lists (["request", "query",
// "filters", "0"]; Prism writes the name in lower case).
func structuredQueryItem(op *ir.Operation, location []string) bool {
	if len(location) != 4 || location[0] != "request" || location[1] != "query" {
		return false
	}
	for _, p := range op.Params {
		if p.In != ir.InQuery || !strings.EqualFold(p.Name, location[2]) || p.Style != "form" {
			continue
		}
		t, _ := ir.Unwrap(p.Type)
		if s, ok := t.(*ir.Slice); ok {
			return !ir.Scalar(s.Elem)
		}
	}
	return false
}

var requiredProperty = regexp.MustCompile(`must have required property '([^']*)'`)

// objectMember reports whether the property a "required" message names is
// an object in the schema of o's form body.
func objectMember(o *Operation, message string) bool {
	m, sc := requiredProperty.FindStringSubmatch(message), bodySchema(o)
	if m == nil || sc == nil {
		return false
	}
	p := sc.Properties[m[1]]
	return p != nil && p.Value != nil && typeOf(p.Value) == "object"
}

// bodySchema is the schema of the request body o sends, nil without one.
func bodySchema(o *Operation) *openapi3.Schema {
	if o.Raw.RequestBody == nil || o.Raw.RequestBody.Value == nil || o.Op.Body == nil {
		return nil
	}
	mt := o.Raw.RequestBody.Value.Content.Get(o.Op.Body.MediaType)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// bodyRequiresUndeclared reports whether the property a "required" message
// names is required by o's body schema and declared by none of it (Mist's
// multipart `required: ["file {}"]` beside a property `file`): no request
// can send it.
func bodyRequiresUndeclared(o *Operation, message string) bool {
	m, sc := requiredProperty.FindStringSubmatch(message), bodySchema(o)
	if m == nil || sc == nil {
		return false
	}
	props, _ := declared(sc, 0)
	return props[m[1]] == nil
}

// isXML reports whether mt is an XML media type (application/xml,
// text/xml, application/atom+xml).
func isXML(mt string) bool {
	mt = baseMediaType(mt)
	return strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml")
}

// isJSONMedia reports whether mt is a JSON media type (application/json,
// application/problem+json).
func isJSONMedia(mt string) bool {
	mt = baseMediaType(mt)
	return strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json")
}

func baseMediaType(mt string) string {
	base, _, _ := strings.Cut(mt, ";")
	return strings.ToLower(strings.TrimSpace(base))
}

// lookaround finds a lookahead or lookbehind in a pattern.
var lookaround = regexp.MustCompile(`\(\?<?[=!]`)

var missingPath = regexp.MustCompile(`^Request path must have required property '(.*)'$`)

// missingPathParam names the path parameter a violation says is missing.
func missingPathParam(v prismtest.Violation) (string, bool) {
	if v.Code != "required" || len(v.Location) != 2 || v.Location[1] != "path" {
		return "", false
	}
	m := missingPath.FindStringSubmatch(v.Message)
	if m == nil {
		return "", false
	}
	return m[1], true
}

var dottedParam = regexp.MustCompile(`\{[^{}]*\.[^{}]*\}`)

func isNameRune(r rune) bool {
	return r == '_' || r == '-' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// sentByMethod reports whether the method sends query parameter name
// itself: a global with a value (a required one is given one), or one with
// a single possible value.
func sentByMethod(api *ir.API, op *ir.Operation, name string) bool {
	for _, p := range op.FixedQuery {
		if p.Name == name {
			return true
		}
	}
	for _, g := range api.Globals {
		if g.In == ir.InQuery && g.Name == name && (g.Value != "" || g.Required) {
			return true
		}
	}
	// A credential the client sends in the query (an API key).
	for _, s := range api.SecuritySchemes {
		if s.Kind == ir.SecurityAPIKey && s.In == ir.InQuery && s.ParamName == name {
			return true
		}
	}
	return false
}

func checkMultipart(t *testing.T, o *Operation, c *Call, ex exchange) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ex.header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Errorf("%s: Content-Type %q, want multipart/form-data with a boundary", o.Name(), ex.header.Get("Content-Type"))
		return
	}
	r := multipart.NewReader(strings.NewReader(string(ex.body)), params["boundary"])
	files, fields := map[string]bool{}, map[string][]string{}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: malformed multipart body: %v", o.Name(), err)
			return
		}
		data, _ := io.ReadAll(p)
		if p.FileName() == "" {
			fields[p.FormName()] = append(fields[p.FormName()], string(data))
			continue
		}
		files[p.FormName()] = true
		if p.FileName() != FileName || p.Header.Get("Content-Type") != FileContentType || string(data) != string(TestPNG) {
			t.Errorf("%s: file part %s: filename %q, Content-Type %q, %d bytes; want %s, %s, the %d-byte PNG",
				o.Name(), p.FormName(), p.FileName(), p.Header.Get("Content-Type"), len(data), FileName, FileContentType, len(TestPNG))
		}
	}
	if !reflect.DeepEqual(files, c.Files) {
		t.Errorf("%s: file parts %v, want %v", o.Name(), files, c.Files)
	}
	if !reflect.DeepEqual(canonicalParts(fields), canonicalParts(c.Fields)) {
		t.Errorf("%s: field parts %v, want %v", o.Name(), fields, c.Fields)
	}
}

func describe(ex exchange) string {
	body := string(ex.body)
	if len(body) > 2000 {
		body = body[:2000] + "..."
	}
	return fmt.Sprintf("%s %s Content-Type %q body %s -> %d", ex.method, ex.url, ex.header.Get("Content-Type"), body, ex.status)
}

// apiError finds the SDK's *APIError in err's chain and returns its status
// and operation ID.
func apiError(err error, pkg string) (status int, opID string, ok bool) {
	typ, found := errorTypeIn(err, pkg, "APIError")
	if !found {
		return 0, "", false
	}
	target := reflect.New(typ)
	if !errorsAs(err, target) {
		return 0, "", false
	}
	e := target.Elem().Elem()
	return int(e.FieldByName("StatusCode").Int()), e.FieldByName("OperationID").String(), true
}

// CheckSuccess asserts that a schema-valid success response decodes into
// the method's result.
func (tg *Target) CheckSuccess(t *testing.T, o *Operation, out *Outcome) {
	t.Helper()
	respViolations := out.responseViolations()
	for _, v := range respViolations {
		logged(t, "%s: Prism response violation (Prism's answer, not the request): %s", o.Name(), v)
	}
	known, listed := tg.Known[o.Op.ID]
	if out.Err == nil {
		// A result of type any holds JSON null as nil.
		// So does a success status that declares no body and gets none,
		// and a body that is JSON null.
		if r := out.Result; r.IsValid() && nilable(r.Kind()) && r.Kind() != reflect.Interface && r.IsNil() && !out.emptyBody() {
			t.Errorf("%s: nil result and nil error", o.Name())
		}
		if listed {
			logged(t, "%s: decoded, although Known lists it (%s)", o.Name(), known.Reason)
		}
		tg.checkRoundTrip(t, o, out)
		return
	}
	status, _, ok := apiError(out.Err, out.pkg)
	if !ok && cookieUnsendable.MatchString(out.Err.Error()) {
		return // logged by CheckRequest
	}
	if !ok {
		t.Errorf("%s: call failed without a response: %v", o.Name(), out.Err)
		return
	}
	switch {
	case status == 500 && tg.Lenient && prismFailed(out):
		logged(t, "%s: Prism could not make a response: %v", o.Name(), out.Err)
	case status == 400 && o.Op.Body != nil && o.Op.Body.Encoding == ir.EncodingBinary && isJSONMedia(o.Op.Body.MediaType):
		// Data under a JSON media type (the schema says format: binary):
		// Prism parses it as JSON all the same.
		logged(t, "%s: Prism parses a JSON media type's data as JSON: %v", o.Name(), out.Err)
	case status >= 300:
		// Request violations already explain a rejected request; an
		// operation that declares no success response gets an error.
		if len(out.Rec.RequestViolations()) == 0 && declaresSuccess(o.Op) {
			t.Errorf("%s: Prism answered %d to a valid request: %v", o.Name(), status, out.Err)
		}
	case listed && known.Shows(out.Err):
		logged(t, "%s: known Prism response problem (%s): %v", o.Name(), known.Reason, out.Err)
	case len(respViolations) > 0 && tg.Lenient:
		logged(t, "%s: Prism's %d response is invalid against the spec and does not decode: %v", o.Name(), status, out.Err)
	case tg.Lenient && out.noBody():
		// A Swagger 2.0 operation that names no produces: Prism answers
		// with no body, which the declared schema does not allow.
		logged(t, "%s: Prism sent no body for a %d response that declares one: %v", o.Name(), status, out.Err)
	case tg.Lenient && breaksSchema(o, out, status):
		// Prism sends the spec's example without checking it.
		logged(t, "%s: the spec's %d example does not match its own schema: %v", o.Name(), status, out.Err)
	case tg.Lenient && responseSchemas(o, out, status, typelessMismatch):
		// JSON Schema lets any value match properties without a type;
		// every generator reads such a schema as an object.
		logged(t, "%s: the %d response has a non-object (a non-list) where the schema gives properties (items) without a type: %v", o.Name(), status, out.Err)
	case tg.Lenient && placeholderTime(out.Err):
		// Prism's static mode writes "string" for a date-time that has no
		// example, and does not find it invalid.
		logged(t, "%s: Prism's date-time is its placeholder %q: %v", o.Name(), "string", out.Err)
	case status == http.StatusSwitchingProtocols:
		// Docker's session endpoint: the connection becomes another
		// protocol, which no method of an HTTP SDK speaks.
		logged(t, "%s: a 101 response switches protocols: %v", o.Name(), out.Err)
	case tg.Lenient && beyondInt64(out):
		logged(t, "%s: the response has an integer beyond int64: %v", o.Name(), out.Err)
	case tg.Lenient && o.shared:
		// Vault's /{pki_mount_path}/roles/{name} and a dozen paths like it:
		// Prism answers for whichever it routes the call to.
		logged(t, "%s: Prism may answer for another operation of a path that differs only in parameter names: %v", o.Name(), out.Err)
	case !declaresSuccess(o.Op) && answersRedirect(o.Op):
		// Ory's authorize: a 302 and a default that is its error, which
		// Prism sends as a 200.
		logged(t, "%s: Prism sends the default response as %d; the operation's success is a redirect, and the default its error: %v", o.Name(), status, out.Err)
	case len(respViolations) > 0:
		t.Errorf("%s: Prism's %d response is invalid against the spec and does not decode; if the SDK is right to reject it, list %s in Known\nerror: %v",
			o.Name(), status, o.Op.ID, out.Err)
	default:
		t.Errorf("%s: schema-valid %d response does not decode: %v", o.Name(), status, out.Err)
	}
}

// checkRoundTrip re-encodes a decoded result and compares it with the
// response body it came from: decoding and encoding a schema-valid response
// must lose nothing (absent vs null, unknown enum values, union variants,
// extra properties). A response Prism itself flags as invalid (a required
// property missing, say) cannot round-trip through required fields.
func (tg *Target) checkRoundTrip(t *testing.T, o *Operation, out *Outcome) {
	t.Helper()
	if len(out.exchanges) != 1 || !out.Result.IsValid() || !nilable(out.Result.Kind()) || out.Result.IsNil() || len(out.responseViolations()) > 0 {
		return
	}
	ex := out.exchanges[0]
	body := ex.respBody
	if !json.Valid(body) {
		return // not a JSON body
	}
	result := out.Result
	if body, ok := statusBody(result); ok {
		result = body
	}
	if !result.IsValid() {
		return
	}
	if _, stream := result.Interface().(io.Reader); stream {
		return // data, not a decoded value (a JSON media type, format: binary)
	}
	again, err := json.Marshal(result.Interface())
	if err != nil {
		t.Errorf("%s: re-encoding the result: %v", o.Name(), err)
		return
	}
	tg.roundTrips.Add(1)
	var want, got any
	if json.Unmarshal(body, &want) != nil || json.Unmarshal(again, &got) != nil {
		t.Errorf("%s: re-encoded result is not JSON: %s", o.Name(), again)
		return
	}
	want, got = sameTimes(want), sameTimes(got)
	if reflect.DeepEqual(want, got) {
		return
	}
	if breaksSchema(o, out, ex.status) {
		// Prism sent the spec's example, which its own schema rejects
		// (a list of strings where it says objects): no SDK type holds it.
		logged(t, "%s: the %d response breaks its own schema, so it cannot round-trip: %s", o.Name(), ex.status, body)
		return
	}
	if nullItem(want, responseSchema(o, ex), 0) {
		// Go decodes null into a list's item as its zero value.
		logged(t, "%s: the response has a null item in a list whose items cannot be null: %s", o.Name(), body)
		return
	}
	// Properties the schema does not declare have no field to go to.
	want = prune(want, responseSchema(o, ex), o.subtypes, 0)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: decoding and re-encoding changed the response\nreceived:   %s\nre-encoded: %s", o.Name(), body, again)
	}
}

// prismFailed reports whether Prism answered with an error of its own (it
// could not generate a body, say).
func prismFailed(out *Outcome) bool {
	if len(out.exchanges) != 1 {
		return false
	}
	body := out.exchanges[0].respBody
	// Its own error, or a JavaScript exception it caught (a TypeError
	// writing a header it made up: "Invalid character in header content").
	return bytes.Contains(body, []byte("stoplight.io/prism/errors#")) || jsException.Match(body)
}

// jsException finds a problem document whose type is a JavaScript error.
var jsException = regexp.MustCompile(`^\{"type":"(Type|Range|Reference|Syntax)?Error"`)

// breaksSchema reports whether the call's JSON response is invalid against
// the schema the spec gives it for status.
func breaksSchema(o *Operation, out *Outcome, status int) bool {
	return responseSchemas(o, out, status, func(sc *openapi3.Schema, body any, _ int) bool {
		return sc.VisitJSON(body, openapi3.VisitAsResponse(), openapi3.MultiErrors()) != nil || breaksKind(sc, body, o.subtypes, 0) ||
			breaksOwnVariant(sc, body)
	})
}

// breaksOwnVariant reports whether v, or a value within it, is an object of
// a oneOf or anyOf without a discriminator that breaks the one variant that
// declares more of its members than any other: the union takes it through
// a variant that requires nothing (Zoom's lock settings: a boolean where
// the settings variant says string; Mist's access point, an integer
// written true), which the SDK decodes it as, holding less of it.
func breaksOwnVariant(sc *openapi3.Schema, v any) bool {
	return someWithin(sc, v, 0, parts, func(sc *openapi3.Schema, v any) (bool, *openapi3.Schema) {
		m, ok := v.(map[string]any)
		variants := slices.Concat(sc.OneOf, sc.AnyOf)
		if !ok || len(variants) < 2 || sc.Discriminator != nil {
			return false, nil
		}
		best, bestN, tie := (*openapi3.SchemaRef)(nil), 0, false
		for _, c := range variants {
			if c == nil || c.Value == nil {
				continue
			}
			n := 0
			props, _ := declared(c.Value, 0)
			for k := range m {
				if props[k] != nil {
					n++
				}
			}
			switch {
			case n > bestN:
				best, bestN, tie = c, n, false
			case n == bestN:
				tie = true
			}
		}
		if best == nil || tie {
			return false, nil
		}
		return best.Value.VisitJSON(v, openapi3.VisitAsResponse(), openapi3.MultiErrors()) != nil, nil
	})
}

// breaksKind reports whether v, or a value within it, names a kind of a
// polymorphic base (which the SDK decodes it as) whose schema it breaks:
// the validator reads it by the base alone.
func breaksKind(sc *openapi3.Schema, v any, kinds map[*openapi3.Schema][]*openapi3.SchemaRef, depth int) bool {
	return someWithin(sc, v, depth, parts, func(sc *openapi3.Schema, v any) (bool, *openapi3.Schema) {
		kind := namedKind(sc, v, kinds)
		if kind == nil {
			return false, nil
		}
		return kind.Value.VisitJSON(v, openapi3.VisitAsResponse(), openapi3.MultiErrors()) != nil, kind.Value
	})
}

// someWithin reports whether test holds for v and its schema sc, or for a
// value within v and the schema sc gives it: through the parts through
// returns, properties, additional properties and items. test may return
// another schema to read v's members by (the kind v names), else nil.
func someWithin(sc *openapi3.Schema, v any, depth int, through func(*openapi3.Schema) openapi3.SchemaRefs, test func(sc *openapi3.Schema, v any) (bool, *openapi3.Schema)) bool {
	if sc == nil || depth > 32 {
		return false
	}
	hit, by := test(sc, v)
	if hit {
		return true
	}
	if by != nil {
		sc = by
	}
	for _, part := range through(sc) {
		if part != nil && someWithin(part.Value, v, depth+1, through, test) {
			return true
		}
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := sc.Properties[k]
			if p == nil {
				p = sc.AdditionalProperties.Schema
			}
			if p != nil && someWithin(p.Value, x, depth+1, through, test) {
				return true
			}
		}
	case []any:
		if sc.Items != nil {
			for _, x := range v {
				if someWithin(sc.Items.Value, x, depth+1, through, test) {
					return true
				}
			}
		}
	}
	return false
}

// responseSchemas reports whether test holds for the call's JSON response
// and a schema the spec gives it for status under its media type.
func responseSchemas(o *Operation, out *Outcome, status int, test func(sc *openapi3.Schema, body any, depth int) bool) bool {
	if len(out.exchanges) != 1 || o.Raw.Responses == nil {
		return false
	}
	ex := out.exchanges[0]
	r := o.Raw.Responses.Status(status)
	if r == nil {
		r = o.Raw.Responses.Default()
	}
	if r == nil || r.Value == nil {
		return false
	}
	var body any
	if json.Unmarshal(ex.respBody, &body) != nil {
		return false
	}
	// Keys may carry parameters ("application/json; charset=utf-8").
	got := baseMediaType(ex.respHeader.Get("Content-Type"))
	for key, mt := range r.Value.Content {
		if baseMediaType(key) != got || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		if test(mt.Schema.Value, body, 0) {
			return true
		}
	}
	return false
}

// typelessMismatch reports whether v, or a value within it, is not an
// object where its schema gives no type but properties or additional
// properties, or not a list where it gives items.
func typelessMismatch(sc *openapi3.Schema, v any, depth int) bool {
	allOf := func(sc *openapi3.Schema) openapi3.SchemaRefs { return sc.AllOf }
	return someWithin(sc, v, depth, allOf, func(sc *openapi3.Schema, v any) (bool, *openapi3.Schema) {
		if v == nil || sc.Type != nil && len(sc.Type.Slice()) > 0 {
			return false, nil
		}
		_, isObject := v.(map[string]any)
		_, isList := v.([]any)
		return !isObject && (len(sc.Properties) > 0 || sc.AdditionalProperties.Schema != nil) || !isList && sc.Items != nil, nil
	})
}

var longInt = regexp.MustCompile(`[^\d.]\d{19,}[^\d.]`)

// beyondInt64 reports whether the response failed on a JSON number of 19
// digits or more where the SDK has an int64.
func beyondInt64(out *Outcome) bool {
	return len(out.exchanges) == 1 && strings.Contains(out.Err.Error(), "int64") && longInt.Match(out.exchanges[0].respBody)
}

// statusBody returns the body of a result that tells statuses apart (a
// struct with a StatusCode and a field per response body): the one body
// field set. ok is false for other results.
func statusBody(r reflect.Value) (body reflect.Value, ok bool) {
	v := r
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	// An int StatusCode: an API's own statusCode property may be of any type.
	if v.Kind() != reflect.Struct || v.FieldByName("StatusCode").Kind() != reflect.Int {
		return reflect.Value{}, false
	}
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		if name == "StatusCode" || name == "Headers" || !nilable(f.Kind()) || f.IsNil() {
			continue
		}
		if body.IsValid() {
			return reflect.Value{}, true // two bodies: nothing to compare
		}
		body = f
	}
	return body, true
}

// RoundTrips is how many responses were decoded, re-encoded and compared.
func (tg *Target) RoundTrips() int64 { return tg.roundTrips.Load() }

func errorsAs(err error, target reflect.Value) bool {
	return errors.As(err, target.Interface())
}

func nilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// declaresSuccess reports whether op declares a 2XX response, which Prism
// answers a valid request with.
// sharedCredentialHeader reports whether a requirement of op's combines two
// schemes that write the same header.
func sharedCredentialHeader(api *ir.API, op *ir.Operation) bool {
	for _, req := range op.Security {
		seen := map[string]bool{}
		for _, name := range req.Schemes {
			for _, s := range api.SecuritySchemes {
				if h := s.CredentialHeader(); s.Name == name && h != "" {
					if seen[h] {
						return true
					}
					seen[h] = true
				}
			}
		}
	}
	return false
}

// hasPathParam reports whether o's path key names the parameter name, in
// any case (Prism writes names in lower case).
func hasPathParam(o *Operation, name string) bool {
	return strings.Contains(strings.ToLower(o.key), "{"+strings.ToLower(name)+"}")
}

// anyMediaType reports whether any of op's responses has a body.
func anyMediaType(op *ir.Operation) bool {
	for _, r := range op.Responses {
		if r.MediaType != "" {
			return true
		}
	}
	return false
}

func declaresSuccess(op *ir.Operation) bool {
	for _, r := range op.Responses {
		if r.Code >= 200 && r.Code < 300 || r.Status == "2XX" {
			return true
		}
	}
	return false
}

// answersRedirect reports whether the operation's answer is a redirect.
func answersRedirect(op *ir.Operation) bool {
	return slices.ContainsFunc(op.Responses, func(r *ir.Response) bool { return r.Redirect })
}

// errorResponse picks the declared error response to ask Prism for:
// 422, 400 or 404 when declared, else the first declared error code.
func errorResponse(op *ir.Operation) *ir.Response {
	var declared []*ir.Response
	for _, r := range op.Responses {
		if r.Code >= 400 {
			declared = append(declared, r)
		}
	}
	for _, code := range []int{422, 400, 404} {
		for _, r := range declared {
			if r.Code == code {
				return r
			}
		}
	}
	if len(declared) > 0 {
		return declared[0]
	}
	return nil
}

// CheckError asserts that the declared error response comes back as its
// typed error wrapping an *APIError with the status.
func (tg *Target) CheckError(t *testing.T, o *Operation, want *ir.Response) {
	t.Helper()
	out := tg.Exercise(t, o, Full, http.Header{"Prefer": {"code=" + strconv.Itoa(want.Code)}})
	tg.CheckRequest(t, o, out)
	for _, v := range out.responseViolations() {
		logged(t, "%s: Prism response violation (Prism's answer, not the request): %s", o.Name(), v)
	}
	if len(out.exchanges) == 1 && out.exchanges[0].status != want.Code {
		t.Skipf("%s: Prism answered %d, not the %d asked for", o.Name(), out.exchanges[0].status, want.Code)
	}
	if out.Err == nil {
		t.Fatalf("%s with Prefer code=%d: no error", o.Name(), want.Code)
	}
	status, opID, ok := apiError(out.Err, out.pkg)
	if !ok {
		t.Fatalf("%s: err = %T %v, want it to wrap the SDK's *APIError", o.Name(), out.Err, out.Err)
	}
	if status != want.Code || opID != o.Op.ID {
		t.Errorf("%s: APIError status %d operation %q, want %d %q", o.Name(), status, opID, want.Code, o.Op.ID)
	}
	ref, ok := want.Type.(*ir.Ref)
	if !ok {
		return
	}
	name := ref.Decl.Name
	typ, found := errorTypeIn(out.Err, out.pkg, name)
	if !found && tg.Lenient && len(out.responseViolations()) > 0 {
		// The spec's own example does not match its error schema.
		logged(t, "%s: Prism's %d is invalid against the spec and does not decode as *%s: %v", o.Name(), want.Code, name, out.Err)
		return
	}
	if !found {
		t.Errorf("%s: %d error is %T (%v), want *%s in its chain", o.Name(), want.Code, out.Err, out.Err, name)
		return
	}
	if !errorsAs(out.Err, reflect.New(typ)) {
		t.Errorf("%s: errors.As does not find *%s", o.Name(), name)
		return
	}
	if tg.CheckTypedError != nil {
		tg.CheckTypedError(t, o, out.Err)
	}
}

// Run exercises every operation: a minimal and a full call, each request
// valid for Prism and each schema-valid response decoded without loss, and
// a declared error response as its typed error. It returns the IDs of the
// operations both of whose calls reached Prism.
func (tg *Target) Run(t *testing.T) map[string]bool {
	if len(tg.Fixture.Ops) == 0 {
		// Prism refuses a spec without operations (webhooks only).
		t.Skip("the spec has no operations to call")
	}
	tg.Mock.URL(t) // start Prism, or skip
	var mu sync.Mutex
	exercised := map[string]bool{}
	t.Run("op", func(t *testing.T) {
		for _, o := range tg.Fixture.Ops {
			// By method: an operation ID may hold a slash ("repos/get").
			t.Run(o.Name(), func(t *testing.T) {
				t.Parallel()
				if strings.Contains(o.key, "#") {
					t.Skipf("%s: Prism serves one operation per method and path, not %s's second one", o.Name(), o.key)
				}
				calls := 0
				for _, mode := range []Mode{Minimal, Full} {
					t.Run(mode.String(), func(t *testing.T) {
						out := tg.Exercise(t, o, mode, nil)
						if len(out.exchanges) > 0 {
							calls++
						}
						tg.CheckRequest(t, o, out)
						tg.CheckSuccess(t, o, out)
					})
				}
				if r := errorResponse(o.Op); r != nil {
					t.Run("error"+strconv.Itoa(r.Code), func(t *testing.T) { tg.CheckError(t, o, r) })
				}
				mu.Lock()
				exercised[o.Op.ID] = calls == 2
				mu.Unlock()
			})
		}
	})
	return exercised
}
