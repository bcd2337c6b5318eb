package runtime

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// APIError is returned for every response whose status the operation does
// not treat as success, and for a success response whose body cannot be read.
// Typed errors for the responses an operation declares wrap it, so errors.As
// finds it behind any of them; so does the API's common error, returned for
// an undeclared status whose body is one. The credentials the client sends are
// redacted from it: from its headers and body too.
type APIError struct {
	Method      string      // the SDK method called, e.g. "Users.Get"
	OperationID string      // the operation's operationId
	StatusCode  int         // the HTTP status code
	Header      http.Header // the response headers
	Body        []byte      // the response body, at most WithMaxErrorBody's bytes of it
	Err         error       // why the body could not be used; nil when the status is the problem
}

// maxErrorBody is how much of the body an error message shows, and
// maxErrorString the longest message an error of the SDK has.
const (
	maxErrorBody   = 512
	maxErrorString = 1 << 10
)

// ErrNoServerURL is wrapped by the error of a call made through an
// *http.Client with no server URL that names a host: the API lists none, or
// only one relative to where its description is served ("/api/v1"). Give
// the whole URL with WithServerURL.
var ErrNoServerURL = errors.New("no host to call: set the server URL with WithServerURL")

// ErrBodyTooLarge is wrapped by the error of a response whose body is larger
// than the client reads (WithMaxResponseBody, WithMaxErrorBody).
var ErrBodyTooLarge = errors.New("response body too large")

func (e *APIError) Error() string {
	if e == nil {
		return "API error"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d %s", cmp.Or(e.Method, e.OperationID), e.StatusCode, http.StatusText(e.StatusCode))
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	// A success body is data, which may hold secrets the SDK does not know
	// (an issued token): only an error's body is shown.
	if body := strings.TrimSpace(string(e.Body)); body != "" && e.StatusCode/100 != 2 {
		b.WriteString(": ")
		b.WriteString(clip(body, maxErrorBody))
	}
	return clip(b.String(), maxErrorString)
}

func (e *APIError) Unwrap() error { return e.Err }

// clip cuts s to at most n bytes, between runes, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n -= len("...")
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// readAPIError consumes resp into an APIError, keeping at most the client's
// limit of its body and draining a little more, for the connection's sake.
func readAPIError(resp response) *APIError {
	limit := resp.cfg.maxErrorBody
	body, over, err := readBody(resp, limit, maxDrain)
	e := newAPIError(resp, body, err)
	if over && err == nil {
		e.Err = fmt.Errorf("%w: kept the first %d bytes", ErrBodyTooLarge, limit)
	}
	return e
}

// newAPIError reports resp with the body read from it; readErr is the error
// that stopped the reading, if any.
func newAPIError(resp response, body []byte, readErr error) *APIError {
	cfg := resp.cfg
	cut := readErr != nil || int64(len(body)) >= cfg.maxErrorBody
	body = body[:min(int64(len(body)), cfg.maxErrorBody)]
	e := &APIError{
		Method:      resp.name,
		OperationID: resp.operationID,
		StatusCode:  resp.StatusCode,
		Header:      redactHeader(resp.Header, cfg.redactions()),
		Body:        redactBody(body, cfg.redactions(), cut),
	}
	if readErr != nil {
		e.Err = fmt.Errorf("reading response body: %w", readErr)
	}
	return e
}

// readBody reads and closes the body of resp, up to limit bytes: over
// reports a longer one, of which it returns the first limit bytes after
// reading at most drain more, so that the connection can serve again.
func readBody(resp response, limit, drain int64) (b []byte, over bool, err error) {
	defer resp.Body.Close()
	if resp.ContentLength > limit && drain == 0 {
		return nil, true, nil // said to be too large: not worth reading
	}
	b, err = readAll(io.LimitReader(resp.Body, limit+1), min(resp.ContentLength, limit, maxPresize))
	if int64(len(b)) > limit {
		_, _ = io.CopyN(io.Discard, resp.Body, drain)
		return b[:limit], true, nil
	}
	return b, false, err
}

// maxPresize bounds the buffer a body's Content-Length sizes before
// anything is read: the header is the server's word, not yet the body.
const maxPresize = 16 << 20

// readAll reads r to its end into a buffer sized for the size the body
// says it has (bytes.Buffer reads without growing while MinRead bytes are
// free): a large body is then read without growing and copying the buffer
// again and again, as io.ReadAll does from 512 bytes.
func readAll(r io.Reader, size int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(max(size, 0)) + bytes.MinRead)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// readSuccess reads a success body that the SDK decodes, within the client's
// limit.
func readSuccess(resp response) ([]byte, error) {
	limit := resp.cfg.maxBody
	body, over, err := readBody(resp, limit, 0)
	if over {
		err = fmt.Errorf("%w: over %d bytes", ErrBodyTooLarge, limit)
		return nil, newAPIError(resp, nil, nil).with(err)
	}
	if err != nil {
		return nil, newAPIError(resp, body, err)
	}
	if resp.rawBody != nil {
		*resp.rawBody = body
	}
	return body, nil
}

// with sets e.Err and returns e.
func (e *APIError) with(err error) *APIError {
	e.Err = err
	return e
}

// decodeFailure says where a body failed to decode, not what it held: the
// body may hold secrets the SDK does not know, and a value may be huge.
// It wraps encoding/json's error, for errors.As.
func decodeFailure(what string, err error, v any) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var date *time.ParseError
	msg := fmt.Sprintf("%s does not decode into %T", what, v)
	switch {
	case errors.As(err, &date):
		// The layout, not the text: the value is the body's.
		msg = fmt.Sprintf("%s has a date-time that is not RFC 3339 (%s), decoding into %T", what, date.Layout, v)
	case errors.As(err, &syntax):
		msg = fmt.Sprintf("%s is not valid JSON (at offset %d)", what, syntax.Offset)
	case errors.As(err, &typ):
		kind, _, _ := strings.Cut(typ.Value, " ") // "number 123": the kind only
		place := "the body"
		if typ.Field != "" {
			place = typ.Struct + "." + typ.Field
		}
		msg = fmt.Sprintf("%s has a JSON %s where %s is %v (at offset %d)", what, kind, place, typ.Type, typ.Offset)
	}
	return &undecodable{msg: msg, err: err}
}

type undecodable struct {
	msg string
	err error
}

func (e *undecodable) Error() string { return e.msg }

func (e *undecodable) Unwrap() error { return e.err }

// unexpectedStatus reports a response the operation does not declare.
// Kept out of line, as pathEscape is.
//
//go:noinline
func unexpectedStatus(resp response) error {
	return readAPIError(resp)
}

// typedError is the Go type of a declared error response's body.
type typedError interface {
	error
	setAPIError(e *APIError)
}

// decodeError decodes a declared error response into e, its typed error,
// which wraps the APIError.
func decodeError(resp response, e typedError) error {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return apiErr
	}
	// No body at all (a HEAD response, a proxy's bare 404): the status
	// still chose the typed error, which then holds no fields.
	if len(bytes.TrimSpace(apiErr.Body)) == 0 {
		e.setAPIError(apiErr)
		return e
	}
	// The body is decoded redacted, so the typed error holds no secret either.
	if err := json.Unmarshal(apiErr.Body, e); err != nil {
		apiErr.Err = decodeFailure("error body", err, e)
		return apiErr
	}
	e.setAPIError(apiErr)
	return e
}

// decodeJSON decodes a success response's JSON body into v, a pointer to a
// struct or union, and returns v; when the body does not decode, or is JSON
// null, it returns a nil pointer of v's type, for the caller's type
// assertion.
func decodeJSON(resp response, v any) (any, error) {
	body, err := readSuccess(resp)
	if err == nil {
		err = unmarshalSuccess(resp, body, v)
	}
	if err != nil || string(trimSpaces(body)) == "null" {
		return reflect.Zero(reflect.TypeOf(v)).Interface(), err
	}
	return v, nil
}

// decodeBody decodes a success response's JSON body into v, a pointer, with
// encoding/json: as json.Unmarshal decodes the same bytes into the same
// type. A body that does not decode gives an *APIError whose Err wraps
// encoding/json's error.
func decodeBody(resp response, v any) error {
	body, err := readSuccess(resp)
	if err != nil {
		return err
	}
	return unmarshalSuccess(resp, body, v)
}

// unmarshalSuccess decodes body, a success response's, into v.
func unmarshalSuccess(resp response, body []byte, v any) error {
	if p, ok := v.(*any); ok && len(bytes.TrimSpace(body)) == 0 {
		// A response the spec gives no schema may be empty: nothing.
		*p = nil
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		// What was decoded before the error is not the result: the
		// caller gets the zero value with the error.
		reflect.ValueOf(v).Elem().SetZero()
		return newAPIError(resp, body, nil).with(decodeFailure("response body", err, v))
	}
	return nil
}

// discardBody consumes a success response that carries nothing the caller
// needs, reading a little of it for the connection's sake.
func discardBody(resp response) error {
	if _, _, err := readBody(resp, maxDrain, 0); err != nil {
		return newAPIError(resp, nil, err)
	}
	return nil
}

// decodeText returns a success response's body as text.
func decodeText(resp response) (string, error) {
	body, err := readSuccess(resp)
	return string(body), err
}

// decodeUndeclared reports a response whose status the operation does not
// declare: a non-2xx one as e, the API's common error, when the body is one (a JSON
// object with each of the required properties and at least one of the
// known ones), else as the *APIError alone. The typed error wraps the
// APIError, as a declared one does.
func decodeUndeclared(resp response, e typedError, required, known []string) error {
	apiErr := readAPIError(resp)
	// A success status the operation does not declare is no API error.
	if apiErr.Err != nil || resp.StatusCode/100 == 2 {
		return apiErr
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(apiErr.Body, &fields) != nil || fields == nil {
		return apiErr
	}
	for _, k := range required {
		if _, ok := fields[k]; !ok {
			return apiErr
		}
	}
	if !slices.ContainsFunc(known, func(k string) bool { _, ok := fields[k]; return ok }) {
		return apiErr
	}
	if json.Unmarshal(apiErr.Body, e) != nil {
		return apiErr
	}
	e.setAPIError(apiErr)
	return e
}
