package signintokens_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/generated/signintokens"
)

const token = "sk_test_x"

// fullToken is a SignInToken with every property set.
const fullToken = `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"user_123",` +
	`"token":"tok_abc","url":"https://accounts.example.com/sign-in?ticket=tok_abc",` +
	`"created_at":1700000000000,"updated_at":1700000000001}`

const clerkErrors = `{"errors":[{"message":"m","long_message":"long m","code":"resource_not_found",` +
	`"meta":{"param_name":"user_id"}}],"clerk_trace_id":"trace_1"}`

// fastRetry retries 5XX quickly, so retry tests take milliseconds.
var fastRetry = signintokens.RetryConfig{
	InitialInterval: time.Millisecond,
	MaxInterval:     5 * time.Millisecond,
	MaxElapsedTime:  2 * time.Second,
	Exponent:        2,
	StatusCodes:     []string{"5XX"},
}

// seen is a request as the server received it.
type seen struct {
	Method     string
	RequestURI string // as sent on the wire, escaping included
	Path       string // r.URL.EscapedPath()
	Header     http.Header
	Body       []byte
	Length     int64
	At         time.Time // when the request arrived
}

// recorder is a test server that records every request and answers with
// respond, which gets the attempt number (0 for the first).
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newRecorder(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, attempt int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{
			Method:     r.Method,
			RequestURI: r.RequestURI,
			Path:       r.URL.EscapedPath(),
			Header:     r.Header.Clone(),
			Body:       body,
			Length:     r.ContentLength,
			At:         time.Now(),
		})
		n := len(rec.reqs) - 1
		rec.mu.Unlock()
		respond(w, r, n)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) requests() []seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seen(nil), rec.reqs...)
}

// only returns the single request the server got.
func (rec *recorder) only(t *testing.T) seen {
	t.Helper()
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

func (rec *recorder) client(opts ...signintokens.Option) *signintokens.Client {
	return signintokens.New(append([]signintokens.Option{
		signintokens.WithBearerAuth(token),
		signintokens.WithServerURL(rec.URL),
		signintokens.WithHTTPClient(rec.Client()),
	}, opts...)...)
}

func reply(status int, body string, header ...string) func(w http.ResponseWriter, r *http.Request, attempt int) {
	return func(w http.ResponseWriter, r *http.Request, attempt int) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestCreateSendsExactRequest(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(200, fullToken))
	c := signintokens.New(signintokens.WithBearerAuth(token), signintokens.WithServerURL(srv.URL))

	got, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "user_123"})
	if err != nil {
		t.Fatal(err)
	}

	req := srv.only(t)
	if req.Method != "POST" || req.RequestURI != "/sign_in_tokens" || req.Path != "/sign_in_tokens" {
		t.Errorf("request line = %s %s", req.Method, req.RequestURI)
	}
	wantHeader := map[string]string{
		"Authorization": "Bearer " + token,
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    "signintokens/2026-05-12 sdkgen-go",
	}
	for k, v := range wantHeader {
		if vs := req.Header.Values(k); len(vs) != 1 || vs[0] != v {
			t.Errorf("header %s = %q, want %q", k, vs, v)
		}
	}
	if want := `{"user_id":"user_123"}`; string(req.Body) != want || req.Length != int64(len(want)) {
		t.Errorf("body = %q (Content-Length %d), want %q", req.Body, req.Length, want)
	}

	want := signintokens.SignInToken{
		Object:    signintokens.SignInTokenObjectSignInToken,
		ID:        "sit_1",
		Status:    signintokens.SignInTokenStatusPending,
		UserID:    "user_123",
		Token:     signintokens.Ptr("tok_abc"),
		URL:       signintokens.NewNullable("https://accounts.example.com/sign-in?ticket=tok_abc"),
		CreatedAt: 1700000000000,
		UpdatedAt: 1700000000001,
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("decoded %+v\nwant    %+v", *got, want)
	}
	if !got.Status.IsKnown() || !got.Object.IsKnown() {
		t.Error("known enum values reported unknown")
	}
}

func TestServerURL(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ suffix, want string }{
		{"", "/sign_in_tokens"},
		{"/", "/sign_in_tokens"},
		{"/v1", "/v1/sign_in_tokens"},
		{"/v1/", "/v1/sign_in_tokens"},
	} {
		srv := newRecorder(t, reply(200, fullToken))
		c := srv.client(signintokens.WithServerURL(srv.URL + tt.suffix))
		if _, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"}); err != nil {
			t.Fatal(err)
		}
		if got := srv.only(t).RequestURI; got != tt.want {
			t.Errorf("server URL %q: request URI %q, want %q", srv.URL+tt.suffix, got, tt.want)
		}
	}
}

func TestCreateNullableFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body signintokens.CreateSignInTokenRequestBody
		want string
	}{
		{"absent", signintokens.CreateSignInTokenRequestBody{UserID: "user_123"},
			`{"user_id":"user_123"}`},
		{"org null", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.Null[string]()},
			`{"user_id":"user_123","org_id":null}`},
		{"org value", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.NewNullable("org_1")},
			`{"user_id":"user_123","org_id":"org_1"}`},
		{"org empty string", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.NewNullable("")},
			`{"user_id":"user_123","org_id":""}`},
		{"expiry null", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", ExpiresInSeconds: signintokens.Null[int64]()},
			`{"user_id":"user_123","expires_in_seconds":null}`},
		{"expiry value", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", ExpiresInSeconds: signintokens.NewNullable[int64](3600)},
			`{"user_id":"user_123","expires_in_seconds":3600}`},
		{"expiry zero", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", ExpiresInSeconds: signintokens.NewNullable[int64](0)},
			`{"user_id":"user_123","expires_in_seconds":0}`},
		{"both", signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.NewNullable("org_1"), ExpiresInSeconds: signintokens.Null[int64]()},
			`{"user_id":"user_123","org_id":"org_1","expires_in_seconds":null}`},
		// HTML-significant characters go out as they are, not as \u003c.
		{"no HTML escaping", signintokens.CreateSignInTokenRequestBody{UserID: "<a&b>"},
			`{"user_id":"<a&b>"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, reply(200, fullToken))
			if _, err := srv.client().SignInTokens.Create(context.Background(), tt.body); err != nil {
				t.Fatal(err)
			}
			if got := srv.only(t).Body; string(got) != tt.want {
				t.Errorf("body = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestResponseNullableStates(t *testing.T) {
	t.Parallel()
	base := `"object":"sign_in_token","id":"sit_1","status":"accepted","user_id":"u","created_at":1,"updated_at":2`
	tests := []struct {
		name      string
		body      string
		wantURL   string
		wantSet   bool
		wantNull  bool
		wantToken bool
	}{
		{"url absent", `{` + base + `}`, "", false, false, false},
		{"url null", `{` + base + `,"url":null}`, "", false, true, false},
		{"url value", `{` + base + `,"url":"https://x","token":"t"}`, "https://x", true, false, true},
		{"url empty", `{` + base + `,"url":""}`, "", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, reply(200, tt.body))
			got, err := srv.client().SignInTokens.Revoke(context.Background(), "sit_1")
			if err != nil {
				t.Fatal(err)
			}
			v, ok := got.URL.Get()
			if v != tt.wantURL || ok != tt.wantSet || got.URL.IsNull() != tt.wantNull || got.URL.IsZero() != (!tt.wantSet && !tt.wantNull) {
				t.Errorf("URL: Get %q %v, IsNull %v, IsZero %v", v, ok, got.URL.IsNull(), got.URL.IsZero())
			}
			if (got.Token != nil) != tt.wantToken {
				t.Errorf("Token = %v", got.Token)
			}
			// The state survives re-encoding.
			assertSameJSON(t, tt.body, got)
		})
	}
}

func TestSignInTokenRoundTrip(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		fullToken,
		`{"object":"sign_in_token","id":"a","status":"revoked","user_id":"u","url":null,"created_at":0,"updated_at":0}`,
		`{"object":"sign_in_token","id":"a","status":"accepted","user_id":"u","token":"","created_at":-1,"updated_at":9007199254740993}`,
		`{"object":"future_object","id":"a","status":"expired_new","user_id":"u","created_at":1,"updated_at":2}`,
	} {
		var tok signintokens.SignInToken
		if err := json.Unmarshal([]byte(in), &tok); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		assertSameJSON(t, in, tok)
	}
}

// assertSameJSON checks that v encodes to JSON equal to want, key order and
// spacing aside; numbers compare exactly.
func assertSameJSON(t *testing.T, want string, v any) {
	t.Helper()
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	decode := func(s []byte) any {
		d := json.NewDecoder(bytes.NewReader(s))
		d.UseNumber()
		var out any
		if err := d.Decode(&out); err != nil {
			t.Fatalf("decoding %s: %v", s, err)
		}
		return out
	}
	if !reflect.DeepEqual(decode(got), decode([]byte(want))) {
		t.Errorf("re-encoded\n %s\nwant\n %s", got, want)
	}
}

func TestUnknownEnumValues(t *testing.T) {
	t.Parallel()
	body := strings.NewReplacer(`"pending"`, `"expired_new"`, `"sign_in_token"`, `"sign_in_token_v2"`).Replace(fullToken)
	srv := newRecorder(t, reply(200, body))
	got, err := srv.client().SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "expired_new" || got.Status.IsKnown() {
		t.Errorf("Status = %q, IsKnown %v", got.Status, got.Status.IsKnown())
	}
	if got.Object != "sign_in_token_v2" || got.Object.IsKnown() {
		t.Errorf("Object = %q, IsKnown %v", got.Object, got.Object.IsKnown())
	}
	for _, s := range []signintokens.SignInTokenStatus{signintokens.SignInTokenStatusPending, signintokens.SignInTokenStatusAccepted, signintokens.SignInTokenStatusRevoked} {
		if !s.IsKnown() {
			t.Errorf("%q.IsKnown() = false", s)
		}
	}
}

func TestRevokePathEscaping(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, want string }{
		{"sit_1", "/sign_in_tokens/sit_1/revoke"},
		{"a/b?c", "/sign_in_tokens/a%2Fb%3Fc/revoke"},
		{"a#b", "/sign_in_tokens/a%23b/revoke"},
		{"a b", "/sign_in_tokens/a%20b/revoke"},
		{"100%", "/sign_in_tokens/100%25/revoke"},
		{"%2F", "/sign_in_tokens/%252F/revoke"},
		{"ü", "/sign_in_tokens/%C3%BC/revoke"},
	}
	for _, tt := range tests {
		srv := newRecorder(t, reply(200, fullToken))
		if _, err := srv.client().SignInTokens.Revoke(context.Background(), tt.id); err != nil {
			t.Fatalf("Revoke(%q): %v", tt.id, err)
		}
		req := srv.only(t)
		if req.Method != "POST" || req.RequestURI != tt.want || req.Path != tt.want {
			t.Errorf("Revoke(%q): %s %s (escaped path %s), want POST %s", tt.id, req.Method, req.RequestURI, req.Path, tt.want)
		}
		// Revoke has no body: nothing to describe.
		if len(req.Body) != 0 || req.Length != 0 || req.Header.Get("Content-Type") != "" {
			t.Errorf("Revoke(%q): body %q, Content-Length %d, Content-Type %q", tt.id, req.Body, req.Length, req.Header.Get("Content-Type"))
		}
		if got := req.Header.Get("Authorization"); got != "Bearer "+token {
			t.Errorf("Authorization = %q", got)
		}
	}
}

func TestDeclaredErrors(t *testing.T) {
	t.Parallel()
	create := func(c *signintokens.Client) error {
		_, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
		return err
	}
	revoke := func(c *signintokens.Client) error {
		_, err := c.SignInTokens.Revoke(context.Background(), "sit_1")
		return err
	}
	tests := []struct {
		op     string
		call   func(*signintokens.Client) error
		status int
	}{
		{"CreateSignInToken", create, 403},
		{"CreateSignInToken", create, 404},
		{"CreateSignInToken", create, 422},
		{"RevokeSignInToken", revoke, 400},
		{"RevokeSignInToken", revoke, 404},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.op, tt.status), func(t *testing.T) {
			srv := newRecorder(t, reply(tt.status, clerkErrors, "X-Request-Id", "req_1"))
			err := tt.call(srv.client())

			var ce *signintokens.ClerkErrors
			if !errors.As(err, &ce) {
				t.Fatalf("err = %T %v, want *ClerkErrors", err, err)
			}
			if len(ce.Errors) != 1 || ce.Errors[0].Code != "resource_not_found" || ce.Errors[0].LongMessage != "long m" ||
				ce.Errors[0].Meta["param_name"] != "user_id" || ce.ClerkTraceID == nil || *ce.ClerkTraceID != "trace_1" {
				t.Errorf("decoded %+v", ce)
			}
			var apiErr *signintokens.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T, want it to wrap *APIError", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.OperationID != tt.op || apiErr.Err != nil ||
				string(apiErr.Body) != clerkErrors || apiErr.Header.Get("X-Request-Id") != "req_1" {
				t.Errorf("APIError = %+v", apiErr)
			}
			method := map[string]string{"CreateSignInToken": "SignInTokens.Create", "RevokeSignInToken": "SignInTokens.Revoke"}[tt.op]
			if apiErr.Method != method {
				t.Errorf("APIError.Method = %q, want %q", apiErr.Method, method)
			}
			if msg, want := err.Error(), fmt.Sprintf("%s: %d %s: %s", method, tt.status, http.StatusText(tt.status), clerkErrors); msg != want {
				t.Errorf("Error() = %q, want %q", msg, want)
			}
			if len(srv.requests()) != 1 {
				t.Errorf("a 4XX was retried: %d requests", len(srv.requests()))
			}
		})
	}
}

func TestUndeclaredStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		call   func(*signintokens.Client) error
	}{
		{"teapot", 418, func(c *signintokens.Client) error {
			_, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
			return err
		}},
		// 400 is declared for Revoke, not for Create.
		{"400 on Create", 400, func(c *signintokens.Client) error {
			_, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
			return err
		}},
		{"422 on Revoke", 422, func(c *signintokens.Client) error {
			_, err := c.SignInTokens.Revoke(context.Background(), "x")
			return err
		}},
		{"201 is not 200", 201, func(c *signintokens.Client) error {
			_, err := c.SignInTokens.Revoke(context.Background(), "x")
			return err
		}},
	}
	// ClerkErrors is the API's common error: an undeclared error status
	// whose body is one gives it, wrapping the APIError; a success status,
	// or another body, gives the APIError alone.
	for _, tt := range tests {
		for _, body := range []string{clerkErrors, `{"message":"no"}`} {
			t.Run(tt.name, func(t *testing.T) {
				srv := newRecorder(t, reply(tt.status, body))
				err := tt.call(srv.client())
				var ce *signintokens.ClerkErrors
				typed := body == clerkErrors && tt.status/100 != 2
				if errors.As(err, &ce) != typed {
					t.Errorf("undeclared %d with %s: err %T, typed %v", tt.status, body, err, !typed)
				}
				if typed && (len(ce.Errors) != 1 || ce.Errors[0].Code != "resource_not_found") {
					t.Errorf("decoded %+v", ce)
				}
				var apiErr *signintokens.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || apiErr.Err != nil || string(apiErr.Body) != body {
					t.Errorf("err = %#v", err)
				}
			})
		}
	}
}

func TestMalformedBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"truncated JSON on 200", 200, `{"object":"sign_in_token","id":`},
		{"wrong type on 200", 200, `{"created_at":"yesterday"}`},
		{"not JSON on 200", 200, `<html>oops</html>`},
		{"empty 200", 200, ``},
		// A declared error whose body is not a ClerkErrors still reports the status.
		{"not JSON on 422", 422, `upstream failure`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, reply(tt.status, tt.body))
			got, err := srv.client().SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
			if got != nil {
				t.Errorf("result = %+v, want nil", got)
			}
			var apiErr *signintokens.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T %v, want *APIError", err, err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Err == nil || string(apiErr.Body) != tt.body {
				t.Errorf("APIError: status %d, Err %v, Body %q", apiErr.StatusCode, apiErr.Err, apiErr.Body)
			}
			var ce *signintokens.ClerkErrors
			if errors.As(err, &ce) {
				t.Error("undecodable body gave *ClerkErrors")
			}
			// A malformed body wraps encoding/json's *json.SyntaxError; a value
			// of the wrong type its *json.UnmarshalTypeError, which names the
			// member and the types.
			var syntax *json.SyntaxError
			if tt.name == "wrong type on 200" {
				var typeErr *json.UnmarshalTypeError
				if !errors.As(err, &typeErr) || typeErr.Field != "created_at" || typeErr.Value != "string" ||
					!strings.Contains(err.Error(), "a JSON string where SignInToken.created_at is int64") {
					t.Errorf("err %v does not name the member and the types", err)
				}
			} else if tt.body != "" && !errors.As(err, &syntax) {
				t.Errorf("err %v does not wrap the JSON syntax error", err)
			}
		})
	}
}

func TestRetry5xxResendsSameRequest(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
			if attempt < 2 {
				reply(status, `{"errors":[]}`)(w, r, attempt)
				return
			}
			reply(200, fullToken)(w, r, attempt)
		})
		body := signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.NewNullable("org_1"), ExpiresInSeconds: signintokens.Null[int64]()}
		got, err := srv.client(signintokens.WithRetryConfig(fastRetry)).SignInTokens.Create(context.Background(), body, idempotencyKey)
		if err != nil || got.ID != "sit_1" {
			t.Fatalf("%d: Create = %+v, %v", status, got, err)
		}
		reqs := srv.requests()
		if len(reqs) != 3 {
			t.Fatalf("%d: %d requests, want 3", status, len(reqs))
		}
		const want = `{"user_id":"user_123","org_id":"org_1","expires_in_seconds":null}`
		for i, req := range reqs {
			if string(req.Body) != want || req.Length != int64(len(want)) {
				t.Errorf("%d: attempt %d body %q (Content-Length %d), want %q", status, i, req.Body, req.Length, want)
			}
			if !reflect.DeepEqual(req.Header, reqs[0].Header) || req.Method != "POST" || req.RequestURI != "/sign_in_tokens" {
				t.Errorf("%d: attempt %d differs: %s %s %v", status, i, req.Method, req.RequestURI, req.Header)
			}
		}
	}
}

func TestSpecRetryPolicyIsTheDefault(t *testing.T) {
	t.Parallel()
	// The spec retries 5XX after 500ms less jitter; no retry option is given.
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		if attempt == 0 {
			reply(503, "")(w, r, attempt)
			return
		}
		reply(200, fullToken)(w, r, attempt)
	})
	start := time.Now()
	if _, err := srv.client().SignInTokens.Revoke(context.Background(), "x", idempotencyKey); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 375*time.Millisecond || el > 3*time.Second {
		t.Errorf("retry after %v, want about 375ms..500ms", el)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		if attempt == 0 {
			reply(503, "", "Retry-After", "1")(w, r, attempt)
			return
		}
		reply(200, fullToken)(w, r, attempt)
	})
	if _, err := srv.client(signintokens.WithRetryConfig(fastRetry)).SignInTokens.Revoke(context.Background(), "x", idempotencyKey); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	gap := reqs[1].At.Sub(reqs[0].At)
	// The backoff alone would be a millisecond or so.
	if gap < time.Second || gap > 3*time.Second {
		t.Errorf("second attempt %v after the first, want about 1s", gap)
	}
}

func TestRetryAfterBeyondMaxElapsedTimeStopsAtOnce(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(503, `{"errors":[]}`, "Retry-After", "30"))
	start := time.Now()
	_, err := srv.client(signintokens.WithRetryConfig(fastRetry)).SignInTokens.Revoke(context.Background(), "x", idempotencyKey)
	var apiErr *signintokens.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v, want the 503", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v: waited for a retry that could not happen in time", el)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestRetriesStopAtMaxElapsedTime(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(502, `{"errors":[]}`))
	policy := signintokens.RetryConfig{
		InitialInterval: 10 * time.Millisecond,
		MaxInterval:     10 * time.Millisecond,
		MaxElapsedTime:  150 * time.Millisecond,
		Exponent:        1,
		StatusCodes:     []string{"5XX"},
	}
	start := time.Now()
	_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"}, idempotencyKey)
	el := time.Since(start)
	var apiErr *signintokens.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || string(apiErr.Body) != `{"errors":[]}` {
		t.Fatalf("err = %v, want the last 502", err)
	}
	if el < 100*time.Millisecond || el > policy.MaxElapsedTime+500*time.Millisecond {
		t.Errorf("gave up after %v, want about %v", el, policy.MaxElapsedTime)
	}
	if n := len(srv.requests()); n < 5 || n > 20 {
		t.Errorf("%d attempts in %v with 7.5ms..10ms waits", n, el)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 1)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		reply(503, "")(w, r, attempt)
		arrived <- struct{}{}
	})
	slow := signintokens.RetryConfig{InitialInterval: time.Minute, Exponent: 1, StatusCodes: []string{"5XX"}}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		time.Sleep(20 * time.Millisecond) // let the client start waiting
		cancel()
	}()
	start := time.Now()
	_, err := srv.client(signintokens.WithRetryConfig(slow)).SignInTokens.Revoke(ctx, "x", idempotencyKey)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("returned %v after the call began", el)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestTimeoutDuringBackoff(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(503, ""))
	slow := signintokens.RetryConfig{InitialInterval: time.Minute, Exponent: 1, StatusCodes: []string{"5XX"}}
	start := time.Now()
	_, err := srv.client(signintokens.WithRetryConfig(slow), signintokens.WithTimeout(50*time.Millisecond)).SignInTokens.Revoke(context.Background(), "x", idempotencyKey)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("returned after %v", el)
	}
}

// hang answers after d unless the client gives up first.
func hang(d time.Duration) func(w http.ResponseWriter, r *http.Request, attempt int) {
	return func(w http.ResponseWriter, r *http.Request, attempt int) {
		select {
		case <-time.After(d):
			reply(200, fullToken)(w, r, attempt)
		case <-r.Context().Done():
		}
	}
}

func TestCallOptionsOverrideClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	body := signintokens.CreateSignInTokenRequestBody{UserID: "u"}

	t.Run("retry", func(t *testing.T) {
		// Each call below first gets a 503; the second and third get a 200 next.
		statuses := []int{503, 503, 200, 503, 200}
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
			reply(statuses[attempt], fullToken)(w, r, attempt)
		})
		// The key makes the creates safe to send again.
		c := srv.client(signintokens.WithRetryConfig(fastRetry), signintokens.WithHeader("Idempotency-Key", "k"))
		// RetryConfig{} turns retries off for this call only.
		_, err := c.SignInTokens.Create(ctx, body, signintokens.WithRetryConfig(signintokens.RetryConfig{}))
		var apiErr *signintokens.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Fatalf("err = %v, want the 503 unretried", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Fatalf("%d requests, want 1", n)
		}
		// The client's policy is untouched: the next call retries.
		if _, err := c.SignInTokens.Create(ctx, body); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.requests()); n != 3 {
			t.Errorf("%d requests, want 3", n)
		}
		// A per-call policy enables retries on a client that has none.
		c = srv.client(signintokens.WithRetryConfig(signintokens.RetryConfig{}), signintokens.WithHeader("Idempotency-Key", "k"))
		if _, err := c.SignInTokens.Create(ctx, body, signintokens.WithRetryConfig(fastRetry)); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.requests()); n != 5 {
			t.Errorf("%d requests, want 5", n)
		}
	})

	t.Run("timeout", func(t *testing.T) {
		srv := newRecorder(t, hang(100*time.Millisecond))
		none := signintokens.WithRetryConfig(signintokens.RetryConfig{})
		c := srv.client(none, signintokens.WithTimeout(20*time.Millisecond))
		if _, err := c.SignInTokens.Create(ctx, body); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("client timeout: err = %v, want DeadlineExceeded", err)
		}
		if _, err := c.SignInTokens.Create(ctx, body, signintokens.WithTimeout(5*time.Second)); err != nil {
			t.Errorf("longer call timeout: %v", err)
		}
		if _, err := c.SignInTokens.Create(ctx, body, signintokens.WithTimeout(0)); err != nil {
			t.Errorf("call timeout 0 lifts the client's: %v", err)
		}
		c = srv.client(none)
		if _, err := c.SignInTokens.Create(ctx, body, signintokens.WithTimeout(20*time.Millisecond)); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("call timeout: err = %v, want DeadlineExceeded", err)
		}
	})

	t.Run("header", func(t *testing.T) {
		srv := newRecorder(t, reply(200, fullToken))
		c := srv.client(signintokens.WithHeader("X-Trace", "client"), signintokens.WithHeader("X-Client", "1"))
		if _, err := c.SignInTokens.Create(ctx, body, signintokens.WithHeader("X-Trace", "call"), signintokens.WithHeader("Authorization", "Bearer other")); err != nil {
			t.Fatal(err)
		}
		if _, err := c.SignInTokens.Create(ctx, body); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		if got := reqs[0].Header.Values("X-Trace"); len(got) != 1 || got[0] != "call" {
			t.Errorf("call header: X-Trace %q, want [call]", got)
		}
		if got := reqs[0].Header.Get("Authorization"); got != "Bearer other" {
			t.Errorf("call header: Authorization %q", got)
		}
		if got := reqs[0].Header.Get("X-Client"); got != "1" {
			t.Errorf("client header lost when a call adds one: X-Client %q", got)
		}
		// The call's headers did not leak into the client.
		if got := reqs[1].Header.Get("X-Trace"); got != "client" {
			t.Errorf("next call: X-Trace %q, want client", got)
		}
		if got := reqs[1].Header.Get("Authorization"); got != "Bearer "+token {
			t.Errorf("next call: Authorization %q", got)
		}
	})

	t.Run("user agent", func(t *testing.T) {
		srv := newRecorder(t, reply(200, fullToken))
		if _, err := srv.client(signintokens.WithUserAgent("app/1.0")).SignInTokens.Create(ctx, body); err != nil {
			t.Fatal(err)
		}
		if got := srv.only(t).Header.Get("User-Agent"); got != "app/1.0" {
			t.Errorf("User-Agent = %q", got)
		}
	})
}

func TestErrorsNeverShowToken(t *testing.T) {
	t.Parallel()
	// The server echoes the request's credentials, as some proxies do.
	echo := func(status int) func(w http.ResponseWriter, r *http.Request, attempt int) {
		return func(w http.ResponseWriter, r *http.Request, attempt int) {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"errors":[{"message":"bad key %s","long_message":"%s","code":"c"}],"auth":%q}`,
				token, r.Header.Get("Authorization"), r.Header.Get("Authorization"))
		}
	}
	tests := []struct {
		name    string
		respond func(w http.ResponseWriter, r *http.Request, attempt int)
	}{
		{"declared", echo(403)},
		{"undeclared", echo(401)},
		{"5XX after retries", echo(500)},
		{"malformed 200", func(w http.ResponseWriter, r *http.Request, attempt int) {
			fmt.Fprintf(w, `{"id":"%s`, token)
		}},
		// The cut that shortens long bodies must not leave part of it.
		{"long body", func(w http.ResponseWriter, r *http.Request, attempt int) {
			w.WriteHeader(400)
			pad := strings.Repeat("x", 505)
			fmt.Fprintf(w, "%s%s%s", pad, token, strings.Repeat("y", 100))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, tt.respond)
			policy := fastRetry
			policy.MaxElapsedTime = 50 * time.Millisecond
			_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, leak := range []string{token, token[:5]} {
				if strings.Contains(msg, leak) {
					t.Errorf("Error() shows %q: %s", leak, msg)
				}
			}
			if fmt.Sprintf("%v|%s", err, err) != msg+"|"+msg {
				t.Error("formatting differs from Error()")
			}
		})
	}
}

// dropListener closes the first drops connections it accepts before any
// byte is read, so those requests get no response at all.
type dropListener struct {
	net.Listener
	drops    atomic.Int32
	accepted atomic.Int32
}

func (l *dropListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.accepted.Add(1)
		if l.drops.Add(-1) >= 0 {
			conn.Close()
			continue
		}
		return conn, nil
	}
}

func newDropServer(t *testing.T, drops int32) (*recorder, *dropListener) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{Method: r.Method, RequestURI: r.RequestURI, Header: r.Header.Clone(), Body: body, Length: r.ContentLength})
		rec.mu.Unlock()
		reply(200, fullToken)(w, r, 0)
	}))
	l := &dropListener{Listener: srv.Listener}
	l.drops.Store(drops)
	srv.Listener = l
	srv.Start()
	rec.Server = srv
	t.Cleanup(srv.Close)
	return rec, l
}

func TestConnectionErrorsRetried(t *testing.T) {
	t.Parallel()
	srv, l := newDropServer(t, 2)
	policy := fastRetry
	policy.RetryConnectionErrors = true
	body := signintokens.CreateSignInTokenRequestBody{UserID: "user_123", OrgID: signintokens.NewNullable("org_1")}
	got, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Create(context.Background(), body, idempotencyKey)
	if err != nil || got.ID != "sit_1" {
		t.Fatalf("Create = %+v, %v", got, err)
	}
	if n := l.accepted.Load(); n != 3 {
		t.Errorf("%d connections, want 3", n)
	}
	if req := srv.only(t); string(req.Body) != `{"user_id":"user_123","org_id":"org_1"}` {
		t.Errorf("body after reconnecting = %q", req.Body)
	}
}

func TestConnectionErrorsNotRetriedUnlessAsked(t *testing.T) {
	t.Parallel()
	srv, l := newDropServer(t, 1)
	_, err := srv.client(signintokens.WithRetryConfig(fastRetry)).SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
	if err == nil {
		t.Fatal("no error for a dropped connection")
	}
	var apiErr *signintokens.APIError
	if errors.As(err, &apiErr) {
		t.Errorf("err = %v: no response, so no *APIError", err)
	}
	if n := l.accepted.Load(); n != 1 {
		t.Errorf("%d connections, want 1", n)
	}
	if !strings.HasPrefix(err.Error(), "SignInTokens.Create: ") {
		t.Errorf("Error() = %q, want the method first", err)
	}
}

// countingClient counts the attempts a call makes.
type countingClient struct {
	client *http.Client
	n      atomic.Int32
}

func (c *countingClient) Do(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.client.Do(req)
}

func closedServerURL(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	return srv.URL
}

func TestClosedServer(t *testing.T) {
	t.Parallel()
	u := closedServerURL(t)
	for _, retryConn := range []bool{false, true} {
		hc := &countingClient{client: &http.Client{}}
		policy := fastRetry
		policy.MaxElapsedTime = 100 * time.Millisecond
		policy.RetryConnectionErrors = retryConn
		c := signintokens.New(signintokens.WithBearerAuth(token), signintokens.WithServerURL(u), signintokens.WithHTTPClient(hc), signintokens.WithRetryConfig(policy))
		start := time.Now()
		_, err := c.SignInTokens.Revoke(context.Background(), "x")
		var opErr *net.OpError
		if !errors.As(err, &opErr) {
			t.Errorf("RetryConnectionErrors %v: err = %v, want a *net.OpError", retryConn, err)
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("Error() shows the token: %v", err)
		}
		n := hc.n.Load()
		switch {
		case !retryConn && n != 1:
			t.Errorf("RetryConnectionErrors false: %d attempts, want 1", n)
		case retryConn && n < 3:
			t.Errorf("RetryConnectionErrors true: %d attempts, want several", n)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("RetryConnectionErrors %v: took %v", retryConn, el)
		}
	}
}

func TestAttemptTimeoutRetried(t *testing.T) {
	t.Parallel()
	// The first attempt outlives the HTTP client's own timeout; the call's
	// context is fine, so the attempt counts as a connection error.
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		if attempt == 0 {
			hang(time.Minute)(w, r, attempt)
			return
		}
		reply(200, fullToken)(w, r, attempt)
	})
	policy := fastRetry
	policy.RetryConnectionErrors = true
	hc := srv.Client()
	hc.Timeout = 50 * time.Millisecond
	c := srv.client(signintokens.WithHTTPClient(hc), signintokens.WithRetryConfig(policy))
	if _, err := c.SignInTokens.Revoke(context.Background(), "x", idempotencyKey); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestConfigurationErrorsNotRetried(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake is expected
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	tests := []struct {
		name, serverURL string
	}{
		{"unsupported scheme", "ftp://127.0.0.1:1"},
		{"no scheme", "127.0.0.1:1"},
		// A client that does not trust the server's certificate.
		{"untrusted certificate", tlsSrv.URL},
	}
	for _, tt := range tests {
		hc := &countingClient{client: &http.Client{Transport: &http.Transport{}}}
		policy := fastRetry
		policy.RetryConnectionErrors = true
		policy.MaxElapsedTime = time.Minute
		c := signintokens.New(signintokens.WithServerURL(tt.serverURL), signintokens.WithHTTPClient(hc), signintokens.WithRetryConfig(policy))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := c.SignInTokens.Revoke(ctx, "x")
		cancel()
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err = %v, want the configuration error", tt.name, err)
		}
		// A URL that does not parse fails before any attempt.
		if n := hc.n.Load(); n > 1 {
			t.Errorf("%s: %d attempts, want at most 1: retrying cannot help", tt.name, n)
		}
	}
}
