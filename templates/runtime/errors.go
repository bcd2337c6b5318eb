package runtime

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"
)

// APIError is returned for every response whose status the operation does
// not treat as success, and for a success response whose body cannot be read.
// Typed errors for the responses an operation declares wrap it, so errors.As
// finds it behind any of them.
type APIError struct {
	OperationID string      // the operation's operationId
	StatusCode  int         // the HTTP status code
	Header      http.Header // the response headers
	Body        []byte      // the response body, as received
	Err         error       // why the body could not be used; nil when the status is the problem
	secrets     []string
}

// maxErrorBody is how much of the body an error message shows.
const maxErrorBody = 512

func (e *APIError) Error() string {
	if e == nil {
		return "API error"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d %s", e.OperationID, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	// Redact before cutting, or the cut could leave part of a secret.
	if body := strings.TrimSpace(redact(string(e.Body), e.secrets)); body != "" {
		if len(body) > maxErrorBody {
			cut := maxErrorBody
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			body = body[:cut] + "..."
		}
		b.WriteString(": ")
		b.WriteString(body)
	}
	return redact(b.String(), e.secrets)
}

func (e *APIError) Unwrap() error { return e.Err }

// readAPIError consumes resp into an APIError.
func readAPIError(resp response) *APIError {
	body, err := readBody(resp)
	return newAPIError(resp, body, err)
}

// newAPIError reports resp with the body read from it; readErr is the error
// that stopped the reading, if any.
func newAPIError(resp response, body []byte, readErr error) *APIError {
	e := &APIError{OperationID: resp.operationID, StatusCode: resp.StatusCode, Header: resp.Header, Body: body, secrets: resp.secrets}
	if readErr != nil {
		e.Err = fmt.Errorf("reading response body: %w", readErr)
	}
	return e
}

// maxBodyHint bounds the buffer readBody allocates on the word of a
// Content-Length header, before any of the body has arrived.
const maxBodyHint = 16 << 20

// readBody reads and closes the body of resp. It is io.ReadAll, but sized
// by Content-Length when there is one, which saves growing and copying the
// buffer again and again while a large body arrives.
func readBody(resp response) ([]byte, error) {
	defer resp.Body.Close()
	size := 512
	if n := resp.ContentLength; n > 0 && n < maxBodyHint {
		size = int(n) + 1 // room to see io.EOF without growing
	}
	b := make([]byte, 0, size)
	for {
		n, err := resp.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

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
	if err := json.Unmarshal(apiErr.Body, e); err != nil {
		apiErr.Err = fmt.Errorf("decoding error body: %w", err)
		return apiErr
	}
	e.setAPIError(apiErr)
	return e
}

// decodeJSON decodes a success response's JSON body into v, a pointer to a
// struct or union, and returns v; when the body does not decode, it returns
// a nil pointer of v's type, for the caller's type assertion.
func decodeJSON(resp response, v any) (any, error) {
	if err := decodeBody(resp, v); err != nil {
		return reflect.Zero(reflect.TypeOf(v)).Interface(), err
	}
	return v, nil
}

// decodeBody decodes a success response's JSON body into v, a pointer, with
// encoding/json: as json.Unmarshal decodes the same bytes into the same
// type. A body that does not decode gives an *APIError whose Err wraps
// encoding/json's error.
func decodeBody(resp response, v any) error {
	body, err := readBody(resp)
	if err != nil {
		return newAPIError(resp, body, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		// What was decoded before the error is not the result: the
		// caller gets the zero value with the error.
		reflect.ValueOf(v).Elem().SetZero()
		apiErr := newAPIError(resp, body, nil)
		apiErr.Err = fmt.Errorf("decoding response body: %w", err)
		return apiErr
	}
	return nil
}

// discardBody consumes a success response that carries nothing the caller needs.
func discardBody(resp response) error {
	body, err := readBody(resp)
	if err != nil {
		return newAPIError(resp, body, err)
	}
	return nil
}

// decodeText returns a success response's body as text.
func decodeText(resp response) (string, error) {
	body, err := readBody(resp)
	if err != nil {
		return "", newAPIError(resp, body, err)
	}
	return string(body), nil
}
