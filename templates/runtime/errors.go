package runtime

import (
	"fmt"
	"io"
	"net/http"
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

// decodeError decodes a declared error response into its typed error, which
// wraps the APIError.
func decodeError[T any, P interface {
	*T
	error
	setAPIError(e *APIError)
	jsonDecodable
}](resp response) error {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return apiErr
	}
	p := P(new(T))
	if err := unmarshalJSON(apiErr.Body, p); err != nil {
		apiErr.Err = fmt.Errorf("decoding error body: %w", err)
		return apiErr
	}
	p.setAPIError(apiErr)
	return p
}

// decodeJSON decodes a success response's JSON body into out and returns
// it. Every P is a pointer: the compiler builds one instance for all. Kept
// out of line, as pathEscape is.
//
//go:noinline
func decodeJSON[P jsonDecodable](resp response, out P) (P, error) {
	if err := decodeBody(resp, out); err != nil {
		var zero P
		return zero, err
	}
	return out, nil
}

// decoderFunc is a function that decodes into a variable of its own.
type decoderFunc func(d *jsonDecoder)

func (f decoderFunc) decodeJSON(d *jsonDecoder) { f(d) }

// decodeBody decodes a success response's JSON body into v.
func decodeBody(resp response, v jsonDecodable) error {
	body, err := readBody(resp)
	if err != nil {
		return newAPIError(resp, body, err)
	}
	if err := unmarshalJSON(body, v); err != nil {
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
