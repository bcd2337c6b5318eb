package runtime

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func newTestResponse(status int, body string, secrets ...string) response {
	return response{
		Response: &http.Response{
			StatusCode: status,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(strings.NewReader(body)),
		},
		name:        "Op",
		operationID: "Op",
		cfg:         testConfig(secrets...),
	}
}

// testConfig is a client's config with the default limits and secrets.
func testConfig(secrets ...string) *config {
	c := newConfig(testServers(""), "", nil, nil, nil)
	c.secretList = secretForms(secrets)
	return c
}

func TestAPIErrorMessage(t *testing.T) {
	e := readAPIError(newTestResponse(418, " {\"x\":1}\n"))
	if got, want := e.Error(), `Op: 418 I'm a teapot: {"x":1}`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = readAPIError(newTestResponse(500, ""))
	if got, want := e.Error(), "Op: 500 Internal Server Error"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var nilErr *APIError
	if nilErr.Error() != "API error" {
		t.Errorf("nil Error() = %q", nilErr.Error())
	}
}

func TestAPIErrorTruncatesLongBody(t *testing.T) {
	body := strings.Repeat("é", maxErrorBody) // two bytes each: the cut must not split one
	msg := readAPIError(newTestResponse(500, body)).Error()
	if !strings.HasSuffix(msg, "...") {
		t.Fatalf("Error() not truncated: %d bytes", len(msg))
	}
	// The cut and its mark fit in maxErrorBody bytes.
	if !strings.HasSuffix(msg, ": "+strings.Repeat("é", (maxErrorBody-3)/2)+"...") {
		t.Errorf("Error() = %q, want %d whole runes then ...", msg, (maxErrorBody-3)/2)
	}
}

func TestAPIErrorRedactsSecrets(t *testing.T) {
	const secret = "sk_live_0123456789abcdef0123456789abcdef"
	for _, at := range []int{0, 100, maxErrorBody - 30, maxErrorBody - 5, maxErrorBody - 1, maxErrorBody} {
		body := strings.Repeat("x", at) + secret + strings.Repeat("y", 100)
		msg := readAPIError(newTestResponse(401, body, secret)).Error()
		// Not even part of the secret may show, wherever the cut falls.
		if strings.Contains(msg, secret[:4]) {
			t.Errorf("secret at %d: Error() leaks it: %q", at, msg[max(0, len(msg)-80):])
		}
	}
}

func TestAPIErrorBodyRedacted(t *testing.T) {
	const secret = "sk_live_0123456789"
	// A whole body keeps its end, even where it could begin a secret.
	if e := readAPIError(newTestResponse(429, "key sk_live_0123456789 used too often: s", secret)); string(e.Body) != "key [REDACTED] used too often: s" {
		t.Errorf("Body = %q", e.Body)
	}
	// A body cut at the limit loses the part of a secret the cut left.
	resp := newTestResponse(400, strings.Repeat("x", 10)+secret, secret)
	resp.cfg.maxErrorBody = 15
	e := readAPIError(resp)
	if string(e.Body) != strings.Repeat("x", 10) || !errors.Is(e, ErrBodyTooLarge) {
		t.Errorf("cut Body = %q, Err %v", e.Body, e.Err)
	}
}

func TestDecodeError(t *testing.T) {
	err := decodeError(newTestResponse(422, `{"code":"bad"}`), new(testError))
	var te *testError
	if !errors.As(err, &te) || te.Code != "bad" {
		t.Fatalf("decodeError = %#v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || string(apiErr.Body) != `{"code":"bad"}` || apiErr.Err != nil {
		t.Errorf("APIError = %#v", apiErr)
	}

	// A body that does not decode still reports the status, with the reason.
	err = decodeError(newTestResponse(422, `not json`), new(testError))
	if errors.As(err, &te) {
		t.Error("undecodable body gave a typed error")
	}
	var syntax *json.SyntaxError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || !errors.As(err, &syntax) || string(apiErr.Body) != "not json" {
		t.Errorf("APIError = %#v", apiErr)
	}

	// No body (a HEAD response, a proxy's bare 404): the status chooses
	// the typed error, empty.
	for _, body := range []string{"", " \n"} {
		err = decodeError(newTestResponse(404, body), new(testError))
		te = nil
		if !errors.As(err, &te) || te.Code != "" {
			t.Errorf("body %q: decodeError = %#v, want an empty *testError", body, err)
		}
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Err != nil {
			t.Errorf("body %q: APIError = %#v", body, apiErr)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	v, err := decodeJSON(newTestResponse(200, `{"code":"c"}`), new(testError))
	if te := v.(*testError); err != nil || te.Code != "c" {
		t.Errorf("decodeJSON = %+v, %v", te, err)
	}
	// A body that does not decode gives a nil pointer of the type asked for.
	v, err = decodeJSON(newTestResponse(200, `{"code":1}`), new(testError))
	if te := v.(*testError); te != nil || err == nil {
		t.Errorf("decodeJSON(wrong type) = %+v, %v", te, err)
	}
	// A null body is no value: a nil pointer, and no error.
	v, err = decodeJSON(newTestResponse(200, " null\n"), new(testError))
	if te := v.(*testError); te != nil || err != nil {
		t.Errorf("decodeJSON(null) = %+v, %v", te, err)
	}
	var m map[string]int64
	if err := decodeBody(newTestResponse(200, `{"a":1}`), &m); err != nil || m["a"] != 1 {
		t.Errorf("decodeBody = %v, %v", m, err)
	}
	var s []string
	if err := decodeBody(newTestResponse(200, `["x"]`), &s); err != nil || len(s) != 1 || s[0] != "x" {
		t.Errorf("decodeBody(slice) = %v, %v", s, err)
	}
	if s, err := decodeText(newTestResponse(200, "plain")); err != nil || s != "plain" {
		t.Errorf("decodeText = %q, %v", s, err)
	}
	if err := discardBody(newTestResponse(204, "ignored")); err != nil {
		t.Errorf("discardBody = %v", err)
	}
}

// TestDecodeBodyErrors: a body that does not decode gives an *APIError that
// wraps encoding/json's own error, for errors.As to find either.
func TestDecodeBodyErrors(t *testing.T) {
	var m map[string]int64
	err := decodeBody(newTestResponse(200, `{"a":`), &m)
	var apiErr *APIError
	var syntax *json.SyntaxError
	if !errors.As(err, &apiErr) || !errors.As(err, &syntax) || string(apiErr.Body) != `{"a":` || apiErr.StatusCode != 200 {
		t.Errorf("decodeBody(malformed) = %#v", err)
	}
	if !strings.Contains(err.Error(), "Op: 200 OK: response body is not valid JSON (at offset 5)") {
		t.Errorf("message %q", err)
	}
	var te testError
	err = decodeBody(newTestResponse(200, `{"code":["x"]}`), &te)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &apiErr) || !errors.As(err, &typeErr) || typeErr.Field != "code" || typeErr.Value != "array" {
		t.Errorf("decodeBody(wrong type) = %#v", err)
	}
	var when struct {
		At time.Time `json:"at"`
	}
	err = decodeBody(newTestResponse(200, `{"at":"secret-looking text"}`), &when)
	var parseErr *time.ParseError
	if !errors.As(err, &apiErr) || !errors.As(err, &parseErr) || strings.Contains(err.Error(), "secret") ||
		!strings.Contains(err.Error(), "response body has a date-time that is not RFC 3339") {
		t.Errorf("decodeBody(bad date-time) = %v", err)
	}
	// encoding/json fills what it can before a type error; the caller
	// gets the zero value instead.
	list := []int64{7}
	if err := decodeBody(newTestResponse(200, `[1, 2, "x"]`), &list); err == nil || list != nil {
		t.Errorf("decodeBody(partly wrong) = %v, left %v", err, list)
	}
	// An empty body is nothing for a result without a schema (any), and
	// an error for a typed one.
	var anything any = "before"
	if err := decodeBody(newTestResponse(200, " "), &anything); err != nil || anything != nil {
		t.Errorf("decodeBody(empty, any) = %v, left %v", err, anything)
	}
	if err := decodeBody(newTestResponse(200, ""), &te); !errors.As(err, &syntax) {
		t.Errorf("decodeBody(empty, struct) = %v, want a syntax error", err)
	}
}

func TestReadAPIErrorClosesBodyAndKeepsReadError(t *testing.T) {
	body := &failingBody{}
	resp := newTestResponse(200, "")
	resp.Body = body
	var v int64
	err := decodeBody(resp, &v)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, errRead) {
		t.Errorf("decodeBody = %v, want the read error", err)
	}
	if !body.closed {
		t.Error("body not closed")
	}
}

var errRead = errors.New("read failed")

type failingBody struct{ closed bool }

func (b *failingBody) Read([]byte) (int, error) { return 0, errRead }
func (b *failingBody) Close() error             { b.closed = true; return nil }

type testError struct {
	Code     string `json:"code"`
	apiError *APIError
}

func (e *testError) Error() string             { return e.apiError.Error() }
func (e *testError) Unwrap() error             { return e.apiError }
func (e *testError) setAPIError(err *APIError) { e.apiError = err }

// shortReader returns its data a few bytes at a time, then err.
type shortReader struct {
	data []byte
	err  error
}

func (r *shortReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p[:min(len(p), 3)], r.data)
	r.data = r.data[n:]
	return n, nil
}

func (r *shortReader) Close() error { return nil }

func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	for _, length := range []int64{-1, 0, 10, int64(len(body)), int64(len(body)) + 50, 16<<20 + 1} {
		resp := response{Response: &http.Response{ContentLength: length, Body: &shortReader{data: []byte(body), err: io.EOF}}}
		got, over, err := readBody(resp, 1<<30, 0)
		if err != nil || over || string(got) != body {
			t.Errorf("Content-Length %d: readBody = %d bytes, %v", length, len(got), err)
		}
	}
	broken := errors.New("connection reset")
	resp := response{Response: &http.Response{ContentLength: 100, Body: &shortReader{data: []byte("partial"), err: broken}}, cfg: testConfig()}
	got, _, err := readBody(resp, 1<<30, 0)
	if !errors.Is(err, broken) || string(got) != "partial" {
		t.Errorf("readBody of a broken body = %q, %v", got, err)
	}
	resp.Body = &shortReader{data: []byte("partial"), err: broken}
	var v any
	if err := decodeBody(resp, &v); err == nil || !strings.Contains(err.Error(), "reading response body") {
		t.Errorf("decodeBody of a broken body: %v", err)
	}
}

// TestAPIErrorNamesMethod: the message names the method called, and falls
// back to the operationId.
func TestAPIErrorNamesMethod(t *testing.T) {
	resp := newTestResponse(422, `{}`)
	resp.name, resp.operationID = "Users.SetProfileImage", "SetUserProfileImage"
	e := readAPIError(resp)
	if got, want := e.Error(), "Users.SetProfileImage: 422 Unprocessable Entity: {}"; got != want || e.Method != "Users.SetProfileImage" || e.OperationID != "SetUserProfileImage" {
		t.Errorf("Error() = %q (%+v), want %q", got, e, want)
	}
	if got := (&APIError{OperationID: "op", StatusCode: 500}).Error(); got != "op: 500 Internal Server Error" {
		t.Errorf("without a method: %q", got)
	}
}

// TestDecodeUndeclared: a body with the common error's required properties
// gives the typed error; any other gives the APIError alone.
func TestDecodeUndeclared(t *testing.T) {
	tests := []struct {
		body  string
		typed bool
	}{
		{`{"code":"bad"}`, true},
		{`{"code":"bad","extra":1}`, true},
		{`{"message":"x"}`, false}, // no required property
		{`{}`, false},
		{`null`, false},
		{`[{"code":"bad"}]`, false},
		{`not json`, false},
		{`{"code":1}`, false}, // does not decode
	}
	for _, tt := range tests {
		err := decodeUndeclared(newTestResponse(503, tt.body), new(testError), []string{"code"}, []string{"code"})
		var te *testError
		var apiErr *APIError
		if errors.As(err, &te) != tt.typed {
			t.Errorf("%s: typed = %v, want %v", tt.body, !tt.typed, tt.typed)
		}
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || string(apiErr.Body) != tt.body {
			t.Errorf("%s: APIError = %+v", tt.body, apiErr)
		}
		if tt.typed && te.Code != "bad" {
			t.Errorf("%s: decoded %+v", tt.body, te)
		}
	}
	// An undeclared success status is never the API's error.
	if err := decodeUndeclared(newTestResponse(201, `{"code":"bad"}`), new(testError), []string{"code"}, []string{"code"}); errors.As(err, new(*testError)) {
		t.Errorf("201: typed %v", err)
	}
	// With no required property, one known property is enough.
	if err := decodeUndeclared(newTestResponse(503, `{"code":"bad"}`), new(testError), nil, []string{"code"}); !errors.As(err, new(*testError)) {
		t.Errorf("known property: %v", err)
	}
	if err := decodeUndeclared(newTestResponse(503, `{"other":"x"}`), new(testError), nil, []string{"code"}); errors.As(err, new(*testError)) {
		t.Errorf("unknown properties only: typed %v", err)
	}
}
