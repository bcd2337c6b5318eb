package clerk_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// prismMock is the Prism server the tests of this package share.
var prismMock = &prismtest.Mock{Spec: specPath}

func TestMain(m *testing.M) { os.Exit(prismMock.Run(m)) }

// specOperations is how many operations spec/clerk-bapi.yaml has.
const specOperations = 249

// knownResponseProblem is a success response of Prism's that is invalid
// against the spec and that the SDK is right not to decode.
type knownResponseProblem struct {
	reason   string
	symptoms []string // parts of the call's error that show this problem and no other
}

// shows reports whether err shows the problem.
func (k knownResponseProblem) shows(err error) bool {
	for _, s := range k.symptoms {
		if !strings.Contains(err.Error(), s) {
			return false
		}
	}
	return len(k.symptoms) > 0
}

// knownResponseProblems lists, by operation ID, the operations whose
// success response from Prism (static mode) is invalid against the spec
// and therefore does not decode. TestPrismKnownResponseProblems fails for
// an entry that no longer applies.
// None is needed today: Prism's placeholder for format: float (-2^128) once
// was, until such fields became float64.
var knownResponseProblems = map[string]knownResponseProblem{}

// outcome is what one call did.
type outcome struct {
	call      *call
	result    reflect.Value
	err       error
	rec       *prismtest.Recorder
	exchanges []exchange
}

func (o *outcome) responseViolations() []prismtest.Violation {
	var out []prismtest.Violation
	for _, v := range o.rec.Violations() {
		if !v.IsRequest() {
			out = append(out, v)
		}
	}
	return out
}

// exercise calls o's method against Prism with arguments built for mode.
func exercise(t *testing.T, o *operation, mode callMode, opts ...clerk.CallOption) *outcome {
	t.Helper()
	capt := &capture{base: sharedTransport}
	rec := &prismtest.Recorder{Base: capt}
	client := clerk.New(
		clerk.WithServerURL(prismMock.URL(t)),
		clerk.WithHTTPClient(rec.Client()),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
	c, err := buildCall(client, o, mode)
	if err != nil {
		t.Fatalf("%s: cannot build a %s call: %v", o.method(), mode, err)
	}
	res, callErr := c.invoke(prismtest.Context(t), opts...)
	return &outcome{call: c, result: res, err: callErr, rec: rec, exchanges: capt.exchanges()}
}

// checkRequest fails t for each request-side violation, and for a request
// that does not carry what the call was given.
func checkRequest(t *testing.T, o *operation, out *outcome) {
	t.Helper()
	if len(out.exchanges) != 1 {
		t.Fatalf("%s: %d HTTP exchanges, want 1 (err %v)", o.method(), len(out.exchanges), out.err)
	}
	ex := out.exchanges[0]
	t.Logf("%s: %s", o.method(), describe(ex))
	for _, v := range out.rec.RequestViolations() {
		t.Errorf("%s: Prism request violation: %s\nrequest: %s", o.method(), v, describe(ex))
	}
	u, err := url.Parse(ex.url)
	if err != nil {
		t.Fatalf("request URL %q: %v", ex.url, err)
	}
	q := u.Query()
	for _, name := range out.call.query {
		if !q.Has(name) {
			t.Errorf("%s: query parameter %s was set but not sent: %s", o.method(), name, u.RawQuery)
		}
	}
	for name := range q {
		if !slices.Contains(out.call.query, name) {
			t.Errorf("%s: query parameter %s sent but not set: %s", o.method(), name, u.RawQuery)
		}
	}
	ct := ex.header.Get("Content-Type")
	switch {
	case out.call.hasBody:
		var sent any
		if err := json.Unmarshal(ex.body, &sent); err != nil {
			t.Errorf("%s: request body is not JSON: %v: %q", o.method(), err, ex.body)
		} else if !reflect.DeepEqual(sent, out.call.body) {
			given, _ := json.Marshal(out.call.body)
			t.Errorf("%s: request body differs from the value given\ngiven: %s\nsent:  %s", o.method(), given, ex.body)
		}
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			t.Errorf("%s: Content-Type %q, want application/json", o.method(), ct)
		}
	case out.call.hasParts:
		checkMultipart(t, o, out.call, ex)
	default:
		if len(ex.body) != 0 || ct != "" {
			t.Errorf("%s: no body given, but sent Content-Type %q and %q", o.method(), ct, ex.body)
		}
	}
}

func checkMultipart(t *testing.T, o *operation, c *call, ex exchange) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ex.header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Errorf("%s: Content-Type %q, want multipart/form-data with a boundary", o.method(), ex.header.Get("Content-Type"))
		return
	}
	r := multipart.NewReader(strings.NewReader(string(ex.body)), params["boundary"])
	files, fields := map[string]bool{}, map[string]string{}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: malformed multipart body: %v", o.method(), err)
			return
		}
		data, _ := io.ReadAll(p)
		if p.FileName() == "" {
			fields[p.FormName()] = string(data)
			continue
		}
		files[p.FormName()] = true
		if p.FileName() != "avatar.png" || p.Header.Get("Content-Type") != "image/png" || string(data) != string(testPNG) {
			t.Errorf("%s: file part %s: filename %q, Content-Type %q, %d bytes; want avatar.png, image/png, the %d-byte PNG",
				o.method(), p.FormName(), p.FileName(), p.Header.Get("Content-Type"), len(data), len(testPNG))
		}
	}
	if !reflect.DeepEqual(files, c.files) {
		t.Errorf("%s: file parts %v, want %v", o.method(), files, c.files)
	}
	if !reflect.DeepEqual(fields, c.fields) {
		t.Errorf("%s: field parts %v, want %v", o.method(), fields, c.fields)
	}
}

func describe(ex exchange) string {
	body := string(ex.body)
	if len(body) > 2000 {
		body = body[:2000] + "..."
	}
	return fmt.Sprintf("%s %s Content-Type %q body %s -> %d", ex.method, ex.url, ex.header.Get("Content-Type"), body, ex.status)
}

// checkSuccess asserts that a schema-valid success response decodes into
// the method's result.
func checkSuccess(t *testing.T, o *operation, out *outcome) {
	t.Helper()
	respViolations := out.responseViolations()
	for _, v := range respViolations {
		t.Logf("%s: Prism response violation (Prism's answer, not the request): %s", o.method(), v)
	}
	known, listed := knownResponseProblems[o.op.ID]
	if out.err == nil {
		if r := out.result; r.IsValid() && nilable(r.Kind()) && r.IsNil() {
			t.Errorf("%s: nil result and nil error", o.method())
		}
		if listed {
			t.Logf("%s: decoded, although knownResponseProblems lists it (%s)", o.method(), known.reason)
		}
		checkRoundTrip(t, o, out)
		return
	}
	var apiErr *clerk.APIError
	if !errors.As(out.err, &apiErr) {
		t.Errorf("%s: call failed without a response: %v", o.method(), out.err)
		return
	}
	switch {
	case apiErr.StatusCode >= 300:
		// Request violations already explain a rejected request.
		if len(out.rec.RequestViolations()) == 0 {
			t.Errorf("%s: Prism answered %d to a valid request: %v", o.method(), apiErr.StatusCode, out.err)
		}
	case listed && known.shows(out.err):
		t.Logf("%s: known Prism response problem (%s): %v", o.method(), known.reason, out.err)
	case len(respViolations) > 0:
		t.Errorf("%s: Prism's %d response is invalid against the spec and does not decode; if the SDK is right to reject it, list %s in knownResponseProblems\nerror: %v",
			o.method(), apiErr.StatusCode, o.op.ID, out.err)
	default:
		t.Errorf("%s: schema-valid %d response does not decode: %v", o.method(), apiErr.StatusCode, out.err)
	}
}

// roundTrips counts the responses checkRoundTrip compared.
var roundTrips atomic.Int64

// checkRoundTrip re-encodes a decoded result and compares it with the
// response body it came from: decoding and encoding a schema-valid response
// must lose nothing (absent vs null, unknown enum values, union variants,
// extra properties). A response Prism itself flags as invalid (a required
// property missing, say) cannot round-trip through required fields.
func checkRoundTrip(t *testing.T, o *operation, out *outcome) {
	t.Helper()
	if len(out.exchanges) != 1 || !out.result.IsValid() || !nilable(out.result.Kind()) || out.result.IsNil() || len(out.responseViolations()) > 0 {
		return
	}
	body := out.exchanges[0].respBody
	if !json.Valid(body) {
		return // not a JSON body
	}
	again, err := json.Marshal(out.result.Interface())
	if err != nil {
		t.Errorf("%s: re-encoding the result: %v", o.method(), err)
		return
	}
	roundTrips.Add(1)
	var want, got any
	if json.Unmarshal(body, &want) != nil || json.Unmarshal(again, &got) != nil {
		t.Errorf("%s: re-encoded result is not JSON: %s", o.method(), again)
		return
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: decoding and re-encoding changed the response\nreceived:   %s\nre-encoded: %s", o.method(), body, again)
	}
}

func nilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
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

// checkError asserts that the declared error response comes back as its
// typed error wrapping an *APIError with the status.
func checkError(t *testing.T, o *operation, want *ir.Response) {
	t.Helper()
	out := exercise(t, o, full, clerk.WithHeader("Prefer", "code="+strconv.Itoa(want.Code)))
	checkRequest(t, o, out)
	for _, v := range out.responseViolations() {
		t.Logf("%s: Prism response violation (Prism's answer, not the request): %s", o.method(), v)
	}
	if out.err == nil {
		t.Fatalf("%s with Prefer code=%d: no error", o.method(), want.Code)
	}
	var apiErr *clerk.APIError
	if !errors.As(out.err, &apiErr) {
		t.Fatalf("%s: err = %T %v, want it to wrap *clerk.APIError", o.method(), out.err, out.err)
	}
	if apiErr.StatusCode != want.Code || apiErr.OperationID != o.op.ID {
		t.Errorf("%s: APIError status %d operation %q, want %d %q", o.method(), apiErr.StatusCode, apiErr.OperationID, want.Code, o.op.ID)
	}
	ref, ok := want.Type.(*ir.Ref)
	if !ok {
		if want.Type != nil {
			t.Errorf("%s: %d response type %T is not a declaration; this test expects a typed error", o.method(), want.Code, want.Type)
		}
		return
	}
	name := ref.Decl.Name
	typ, found := errorTypeIn(out.err, name)
	if !found {
		t.Errorf("%s: %d error is %T (%v), want *clerk.%s in its chain", o.method(), want.Code, out.err, out.err, name)
		return
	}
	target := reflect.New(typ)
	if !errors.As(out.err, target.Interface()) {
		t.Errorf("%s: errors.As does not find *clerk.%s", o.method(), name)
		return
	}
	if name == "ClerkErrors" {
		var ce *clerk.ClerkErrors
		if !errors.As(out.err, &ce) {
			t.Errorf("%s: errors.As does not find *clerk.ClerkErrors", o.method())
			return
		}
		if len(ce.Errors) == 0 || ce.Errors[0].Message == "" {
			t.Errorf("%s: ClerkErrors.Errors = %+v, want the response's errors decoded", o.method(), ce.Errors)
		}
		return
	}
	// Other error bodies also list their errors.
	if f := target.Elem().Elem().FieldByName("Errors"); f.IsValid() && f.Kind() == reflect.Slice && f.Len() == 0 {
		t.Errorf("%s: %s.Errors is empty, want the response's errors decoded", o.method(), name)
	}
}

func TestPrismOperations(t *testing.T) {
	f := mustFixture(t)
	prismMock.URL(t) // start Prism, or skip
	var mu sync.Mutex
	exercised := map[string]bool{} // operations whose calls reached Prism
	t.Run("op", func(t *testing.T) {
		for _, o := range f.ops {
			t.Run(o.op.ID, func(t *testing.T) {
				t.Parallel()
				calls := 0
				for _, mode := range []callMode{minimal, full} {
					t.Run(mode.String(), func(t *testing.T) {
						out := exercise(t, o, mode)
						if len(out.exchanges) > 0 {
							calls++
						}
						checkRequest(t, o, out)
						checkSuccess(t, o, out)
					})
				}
				if r := errorResponse(o.op); r != nil {
					t.Run("error"+strconv.Itoa(r.Code), func(t *testing.T) { checkError(t, o, r) })
				}
				mu.Lock()
				exercised[o.op.ID] = calls == 2
				mu.Unlock()
			})
		}
	})
	if filtered() {
		t.Logf("-run selects some operations: count check skipped")
		return
	}
	n := 0
	for _, ok := range exercised {
		if ok {
			n++
		}
	}
	if n != specOperations {
		t.Errorf("exercised %d operations, want all %d of the spec", n, specOperations)
	}
	if len(f.ops) != specOperations {
		t.Errorf("the IR has %d operations, want the spec's %d", len(f.ops), specOperations)
	}
	// Most success responses are schema-valid and must round-trip; far fewer
	// checked would mean the check stopped running.
	if n := roundTrips.Load(); n < 300 {
		t.Errorf("only %d responses were re-encoded and compared", n)
	} else {
		t.Logf("%d responses decoded and re-encoded without loss", n)
	}
}

// TestOperationCount checks that the spec, the IR and the SDK agree on the
// operations, so that TestPrismOperations, which walks the IR, covers every
// method of the SDK and every operation of the spec.
func TestOperationCount(t *testing.T) {
	f := mustFixture(t)
	inSpec := 0
	for _, item := range f.doc.Paths.Map() {
		inSpec += len(item.Operations())
	}
	if inSpec != specOperations {
		t.Errorf("%s has %d operations, want %d", specPath, inSpec, specOperations)
	}
	inIR := map[string]bool{}
	for _, o := range f.ops {
		inIR[o.method()] = true
	}
	if len(inIR) != len(f.ops) {
		t.Errorf("%d operations share %d method names", len(f.ops), len(inIR))
	}
	// A paginated operation's iterator is a method too, which calls the
	// operation's (sdktest/pages and TestPrismUsersIter test them).
	iters := 0
	for _, o := range f.ops {
		if p := o.op.Pagination; p != nil {
			inIR[strings.TrimSuffix(o.method(), o.op.GoName)+p.GoName] = true
			iters++
		}
	}
	inSDK := 0
	client := reflect.ValueOf(clerk.New())
	for i := range client.Elem().NumField() {
		field := client.Elem().Type().Field(i)
		if !field.IsExported() {
			continue
		}
		svc := client.Elem().Field(i)
		for j := range svc.NumMethod() {
			name := field.Name + "." + svc.Type().Method(j).Name
			inSDK++
			if !inIR[name] {
				t.Errorf("SDK method %s is no operation of the IR", name)
			}
		}
	}
	for j := range client.NumMethod() {
		name := "Client." + client.Type().Method(j).Name
		inSDK++
		if !inIR[name] {
			t.Errorf("SDK method %s is no operation of the IR", name)
		}
	}
	if inSDK != specOperations+iters {
		t.Errorf("the SDK has %d operation and iterator methods, want %d + %d", inSDK, specOperations, iters)
	}
}

// filtered reports whether -run names subtests, so that not every
// operation runs.
func filtered() bool {
	fl := flag.Lookup("test.run")
	return fl != nil && strings.Contains(fl.Value.String(), "/")
}

// TestPrismKnownResponseProblems checks that every entry of
// knownResponseProblems is still needed: the operation exists and its call
// still fails with the listed symptom.
func TestPrismKnownResponseProblems(t *testing.T) {
	f := mustFixture(t)
	byID := map[string]*operation{}
	for _, o := range f.ops {
		byID[o.op.ID] = o
	}
	for id, known := range knownResponseProblems {
		t.Run(id, func(t *testing.T) {
			o := byID[id]
			if o == nil {
				t.Fatalf("no operation %s: remove the entry", id)
			}
			out := exercise(t, o, full)
			switch {
			case out.err == nil:
				t.Errorf("%s now decodes: remove the entry (%s)", o.method(), known.reason)
			case !known.shows(out.err):
				t.Errorf("%s fails otherwise than listed (%q): %v", o.method(), known.symptoms, out.err)
			}
		})
	}
}

// TestPrismHarnessSeesViolations shows that the harness fails what it
// should: Prism validates this spec's query parameters and bodies, and the
// recorder reports what Prism finds.
func TestPrismHarnessSeesViolations(t *testing.T) {
	rec := prismtest.NewRecorder()
	client := clerk.New(
		clerk.WithServerURL(prismMock.URL(t)),
		clerk.WithHTTPClient(rec.Client()),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
	ctx := prismtest.Context(t)
	// limit has minimum 1.
	if _, err := client.Users.List(ctx, &clerk.GetUserListParams{Limit: clerk.Ptr(int64(0))}); err == nil {
		t.Error("Users.List with limit 0: no error")
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.query.limit" {
		t.Errorf("violations %v, want one at request.query.limit", vs)
	}
	rec.Reset()
	// expires_in_seconds has minimum 1.
	body := clerk.CreateSignInTokenRequestBody{UserID: "user_1", ExpiresInSeconds: clerk.NewNullable(int64(0))}
	if _, err := client.SignInTokens.Create(ctx, body); err == nil {
		t.Error("SignInTokens.Create with expires_in_seconds 0: no error")
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.body.expires_in_seconds" {
		t.Errorf("violations %v, want one at request.body.expires_in_seconds", vs)
	}
}
