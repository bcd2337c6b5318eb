package runtime

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func newTestResponse(status int, body string, secrets ...string) response {
	return response{
		Response: &http.Response{
			StatusCode: status,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(strings.NewReader(body)),
		},
		operationID: "Op",
		secrets:     secrets,
	}
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
	if !strings.Contains(msg, strings.Repeat("é", maxErrorBody/2)+"...") {
		t.Errorf("Error() = %q, want %d whole runes then ...", msg, maxErrorBody/2)
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

func TestDecodeError(t *testing.T) {
	err := decodeError[testError](newTestResponse(422, `{"code":"bad"}`))
	var te *testError
	if !errors.As(err, &te) || te.Code != "bad" {
		t.Fatalf("decodeError = %#v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || string(apiErr.Body) != `{"code":"bad"}` || apiErr.Err != nil {
		t.Errorf("APIError = %#v", apiErr)
	}

	// A body that does not decode still reports the status, with the reason.
	err = decodeError[testError](newTestResponse(422, `not json`))
	if errors.As(err, &te) {
		t.Error("undecodable body gave a typed error")
	}
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || apiErr.Err == nil || string(apiErr.Body) != "not json" {
		t.Errorf("APIError = %#v", apiErr)
	}
}

// decodeWith decodes a success response's JSON body with fn, as generated
// code does for results of types without a decodeJSON method.
func decodeWith[T any](resp response, fn func(*T, *jsonDecoder)) (*T, error) {
	v := new(T)
	if err := decodeBody(resp, decoderFunc(func(d *jsonDecoder) { fn(v, d) })); err != nil {
		return nil, err
	}
	return v, nil
}

func intMap(p *map[string]int64, d *jsonDecoder) { decodeMap(p, d, decodeInt64) }

func TestDecodeJSON(t *testing.T) {
	got, err := decodeWith(newTestResponse(200, `{"a":1}`), intMap)
	if err != nil || (*got)["a"] != 1 {
		t.Errorf("decodeJSON = %v, %v", got, err)
	}
	bad, err := decodeWith(newTestResponse(200, `{"a":`), intMap)
	var apiErr *APIError
	if bad != nil || !errors.As(err, &apiErr) || apiErr.Err == nil || string(apiErr.Body) != `{"a":` {
		t.Errorf("decodeJSON(malformed) = %v, %#v", bad, err)
	}
	v, err := decodeWith(newTestResponse(200, `["x"]`), func(p *[]string, d *jsonDecoder) { decodeSlice(p, d, decodeString) })
	if err != nil || len(*v) != 1 || (*v)[0] != "x" {
		t.Errorf("decodeJSON(slice) = %v, %v", v, err)
	}
	te, err := decodeJSON(newTestResponse(200, `{"code":"c"}`), new(testError))
	if err != nil || te.Code != "c" {
		t.Errorf("decodeJSON(typed) = %+v, %v", te, err)
	}
	if te, err := decodeJSON(newTestResponse(200, `{"code":1}`), new(testError)); te != nil || err == nil {
		t.Errorf("decodeJSON(wrong type) = %+v, %v", te, err)
	}
	if s, err := decodeText(newTestResponse(200, "plain")); err != nil || s != "plain" {
		t.Errorf("decodeText = %q, %v", s, err)
	}
	if err := discardBody(newTestResponse(204, "ignored")); err != nil {
		t.Errorf("discardBody = %v", err)
	}
}

func TestReadAPIErrorClosesBodyAndKeepsReadError(t *testing.T) {
	body := &failingBody{}
	resp := newTestResponse(200, "")
	resp.Body = body
	_, err := decodeWith(resp, decodeInt64)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, errRead) {
		t.Errorf("decodeJSON = %v, want the read error", err)
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

func (v *testError) decodeJSON(d *jsonDecoder) {
	for ok := d.beginObject("testError"); ok; ok = d.nextMember() {
		switch string(d.key) {
		case "code":
			decodeString(&v.Code, d)
		default:
			d.skip()
		}
	}
}

func (e *testError) Error() string             { return e.apiError.Error() }
func (e *testError) Unwrap() error             { return e.apiError }
func (e *testError) setAPIError(err *APIError) { e.apiError = err }
