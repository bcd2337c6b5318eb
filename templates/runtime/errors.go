package runtime

import (
	"encoding/json"
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
func readAPIError(resp *response) *APIError {
	defer resp.Body.Close()
	e := &APIError{OperationID: resp.operationID, StatusCode: resp.StatusCode, Header: resp.Header, secrets: resp.secrets}
	e.Body, e.Err = io.ReadAll(resp.Body)
	if e.Err != nil {
		e.Err = fmt.Errorf("reading response body: %w", e.Err)
	}
	return e
}

// unexpectedStatus reports a response the operation does not declare.
func unexpectedStatus(resp *response) error {
	return readAPIError(resp)
}

// decodeError decodes a declared error response into its typed error, which
// wraps the APIError.
func decodeError[T any, P interface {
	*T
	error
	setAPIError(e *APIError)
}](resp *response) error {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return apiErr
	}
	p := P(new(T))
	if err := json.Unmarshal(apiErr.Body, p); err != nil {
		apiErr.Err = fmt.Errorf("decoding error body: %w", err)
		return apiErr
	}
	p.setAPIError(apiErr)
	return p
}

// decodeJSON decodes a success response's JSON body into a new T.
func decodeJSON[T any](resp *response) (*T, error) {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return nil, apiErr
	}
	out := new(T)
	if err := json.Unmarshal(apiErr.Body, out); err != nil {
		apiErr.Err = fmt.Errorf("decoding response body: %w", err)
		return nil, apiErr
	}
	return out, nil
}

// decodeJSONValue is decodeJSON for results returned by value (slices, maps,
// built-in types).
func decodeJSONValue[T any](resp *response) (T, error) {
	out, err := decodeJSON[T](resp)
	if err != nil {
		var zero T
		return zero, err
	}
	return *out, nil
}

// discardBody consumes a success response that carries nothing the caller needs.
func discardBody(resp *response) error {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return apiErr
	}
	return nil
}

// decodeText returns a success response's body as text.
func decodeText(resp *response) (string, error) {
	apiErr := readAPIError(resp)
	if apiErr.Err != nil {
		return "", apiErr
	}
	return string(apiErr.Body), nil
}
