package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// request is an operation's request before it is sent.
type request struct {
	operationID string
	method      string
	path        string // escaped, appended to the server URL
	query       string // encoded query string, without "?"
	header      http.Header
	cookies     []*http.Cookie
	contentType string
	// body returns a fresh reader over the body for each attempt; nil when
	// there is none. replayable is false when a second reader cannot repeat
	// the first (a caller's stream), which rules out retries.
	body       func() (io.Reader, error)
	replayable bool
	// bytesBody is the body when it is held in memory (hasBytesBody), which
	// needs no body func.
	bytesBody    []byte
	hasBytesBody bool
	// security overrides the spec's default requirement when hasSecurity.
	security    [][]string
	hasSecurity bool
	retry       *RetryConfig // the operation's own retry policy, if the spec gives one
}

func newRequest(operationID, method, path string) *request {
	return &request{operationID: operationID, method: method, path: path, header: http.Header{}, replayable: true}
}

// setJSONBody encodes v as the JSON body. Encoding happens once, so every
// attempt sends the same bytes.
func (r *request) setJSONBody(v any) error {
	b, err := marshalJSON(v)
	if err != nil {
		return fmt.Errorf("%s: encoding request body: %w", r.operationID, err)
	}
	r.setBytesBody("application/json", b)
	return nil
}

// marshalJSON encodes v as JSON without escaping <, > and &: the SDK sends
// strings as they are. Types with their own MarshalJSON use it too, since
// the encoder keeps their output as it is.
func marshalJSON(v any) ([]byte, error) {
	e := jsonEncoders.Get().(*jsonEncoder)
	defer e.release()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))), nil
}

// jsonEncoder is a reusable encoder for marshalJSON, which would otherwise
// allocate an encoder and grow a fresh buffer for every value it encodes,
// nested ones included.
type jsonEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var jsonEncoders = sync.Pool{New: func() any {
	e := &jsonEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// maxPooledEncoder bounds the buffer kept for reuse, so that one large body
// does not pin its memory.
const maxPooledEncoder = 64 << 10

func (e *jsonEncoder) release() {
	if e.buf.Cap() > maxPooledEncoder {
		return
	}
	e.buf.Reset()
	jsonEncoders.Put(e)
}

// setBytesBody sends b as the body with the given content type.
func (r *request) setBytesBody(contentType string, b []byte) {
	r.contentType = contentType
	r.body = nil
	r.bytesBody, r.hasBytesBody = b, true
}

// response is a received response of an operation.
type response struct {
	*http.Response
	operationID string
	secrets     []string
}

// do sends r, retrying as the policy in force says, and returns the final
// response whatever its status. The caller must close the response body.
func (c *config) do(ctx context.Context, r *request, opts []CallOption) (response, error) {
	s := &c.callSettings
	if len(opts) > 0 {
		// Options take a pointer through an interface, so the copy they
		// change lives on the heap: make it only for calls that have some.
		cs := c.callSettings
		for _, o := range opts {
			if o != nil {
				o.applyCall(&cs)
			}
		}
		s = &cs
	}
	cancel := context.CancelFunc(func() {})
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
	}
	policy := s.retry
	if policy == nil {
		policy = r.retry
	}
	if policy == nil {
		policy = c.specRetry
	}
	if !r.replayable {
		policy = nil
	}
	secrets := c.secretList
	start := time.Now()
	for attempt := 0; ; attempt++ {
		resp, err := c.send(ctx, r, s.header)
		var wait time.Duration
		switch {
		case err != nil && ctx.Err() == nil && policy.enabled() && policy.RetryConnectionErrors && isConnectionError(err):
			wait = policy.backoff(attempt)
		case err != nil:
			cancel()
			return response{}, &requestError{operationID: r.operationID, err: err, secrets: secrets}
		case policy.enabled() && policy.retryStatus(resp.StatusCode):
			wait = policy.backoff(attempt)
			if d, ok := retryAfter(resp.Header, time.Now()); ok {
				wait = d
			}
		default:
			return c.respond(resp, r, s, cancel), nil
		}
		if policy.MaxElapsedTime > 0 && time.Since(start)+wait > policy.MaxElapsedTime {
			// No time left for another attempt: report what the last one got.
			if err != nil {
				cancel()
				return response{}, &requestError{operationID: r.operationID, err: err, secrets: secrets}
			}
			return c.respond(resp, r, s, cancel), nil
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			_ = resp.Body.Close()
		}
		if err := sleep(ctx, wait); err != nil {
			cancel()
			return response{}, &requestError{operationID: r.operationID, err: err, secrets: secrets}
		}
	}
}

// respond wraps the final response of a call. With a timeout, closing the
// body releases the call's context.
func (c *config) respond(resp *http.Response, r *request, s *callSettings, cancel context.CancelFunc) response {
	if s.timeout > 0 {
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	}
	return response{Response: resp, operationID: r.operationID, secrets: c.secretList}
}

// send makes one attempt.
func (c *config) send(ctx context.Context, r *request, extra http.Header) (*http.Response, error) {
	u := c.serverURL + r.path
	if r.query != "" {
		u += "?" + r.query
	}
	var body io.Reader
	if r.body != nil {
		b, err := r.body()
		if err != nil {
			return nil, err
		}
		body = b
	} else if r.hasBytesBody {
		body = bytes.NewReader(r.bytesBody)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return nil, err
	}
	if body != nil && req.GetBody == nil {
		// A stream of unknown length: net/http must not try to rewind it.
		req.ContentLength = -1
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	for _, ck := range r.cookies {
		req.AddCookie(ck)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	security := c.security
	if r.hasSecurity {
		security = r.security
	}
	c.authorize(req, security)
	for k, v := range extra {
		req.Header[k] = v
	}
	return c.httpClient.Do(req)
}

// cancelOnClose releases a call's timeout once its body has been read.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// requestError is a request that got no usable response.
type requestError struct {
	operationID string
	err         error
	secrets     []string
}

func (e *requestError) Error() string {
	return redact(e.operationID+": "+e.err.Error(), e.secrets)
}

func (e *requestError) Unwrap() error { return e.err }

// escapeQuery escapes s for use as a query name or value: everything but
// RFC 3986's unreserved characters is percent-encoded.
func escapeQuery(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// setStreamBody sends r as the body. A reader that can seek is rewound for
// each attempt; any other can be sent once, so the call is not retried.
func (req *request) setStreamBody(contentType string, r io.Reader) {
	req.contentType = contentType
	seeker, ok := r.(io.Seeker)
	if !ok {
		req.replayable = false
		req.body = func() (io.Reader, error) { return r, nil }
		return
	}
	start, err := seeker.Seek(0, io.SeekCurrent)
	req.body = func() (io.Reader, error) {
		if err != nil {
			return nil, err
		}
		if _, err := seeker.Seek(start, io.SeekStart); err != nil {
			return nil, err
		}
		return r, nil
	}
}

// pathEscape escapes a path parameter so that it stays one segment: "/" and
// "?" are escaped, and so are the dot segments "." and "..", which servers
// and proxies would otherwise resolve to another path.
//
// It is kept out of line, like unexpectedStatus: inlined into each of an
// SDK's hundreds of operations, such helpers took a large share of the
// compiler's CPU on the generated GitHub SDK, for nothing measurable per
// call.
//
//go:noinline
func pathEscape(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}

// missingPathParam reports a required path parameter left empty, which would
// address another resource.
func missingPathParam(operationID, name string) error {
	return fmt.Errorf("%s: path parameter %q is empty", operationID, name)
}
