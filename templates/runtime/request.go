package runtime

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// request is an operation's request before it is sent.
type request struct {
	// name is the method the caller called ("Users.Get"), which error
	// messages name; operationID is the spec's name of the operation.
	name        string
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
	body       func(ctx context.Context) (io.Reader, error)
	replayable bool
	// bodyLength is a stream body's length when it is known and not zero:
	// net/http cannot learn it through the reader body returns.
	bodyLength int64
	// err is a problem found while the request was built, which do reports
	// before anything is sent.
	err error
	// fill completes the request from the call's settings before it is
	// sent (a path parameter the client sets); nil when nothing needs it.
	fill func(s *callSettings) error
	// bytesBody is the body when it is held in memory (hasBytesBody), which
	// needs no body func.
	bytesBody    []byte
	hasBytesBody bool
	// security overrides the spec's default requirement when hasSecurity.
	security    [][]string
	hasSecurity bool
	retry       *RetryConfig // the operation's own retry policy, if the spec gives one
	// keepRedirect is set for an operation whose answer is a redirect: the
	// client returns it rather than follows it (checkRedirect).
	keepRedirect bool
	// idempotencyHeader names the header that carries the call's
	// idempotency key, which newKey makes when the caller sets none.
	idempotencyHeader string
	newKey            func() string
	// servers are the operation's own, if any (server.go); base is the
	// server URL do chose for the call.
	servers []serverTemplate
	base    string
	// url, when set, replaces the server URL, path and query: a next
	// page's URL, which the response of the page before gave.
	url string
	// deadline, set for a stream (streaming), applies the call's timeout
	// instead of context.WithTimeout: to the wait for the headers only.
	deadline func(context.Context, time.Duration) (context.Context, context.CancelFunc, func())
}

// newRequest starts an operation's request. Every method calls it: not
// inlined, the package holds one copy of it rather than hundreds, which
// costs the compiler time and memory on a large API and saves nothing
// measurable beside an HTTP round trip.
//
//go:noinline
func newRequest(name, operationID, method, path string) *request {
	return &request{name: name, operationID: operationID, method: method, path: path, header: http.Header{}, replayable: true}
}

// setJSONBody encodes v as the JSON body. Encoding happens once, so every
// attempt sends the same bytes.
func (r *request) setJSONBody(v any) error {
	b, err := marshalJSON(v)
	if err != nil {
		return fmt.Errorf("%s: encoding request body: %w", r.name, err)
	}
	r.setBytesBody("application/json", b)
	return nil
}

// marshalJSON encodes v as JSON without escaping <, > and &: the SDK sends
// strings as they are. Types with their own MarshalJSON use it too, since
// the encoder keeps their output as it is.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
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
	name        string // the method called, as in request
	operationID string
	cfg         *config // for its limits and secrets
	rawBody     *[]byte // WithRawBody's, if any
}

// callHeader is the context key of a call's WithHeader values, for the
// redirect policy (checkRedirect) to find.
type callHeader struct{}

// keepRedirect is the context key that tells the redirect policy the
// operation's answer is the redirect itself.
type keepRedirect struct{}

// do sends r, retrying as the policy in force says, and returns the final
// response whatever its status. The caller must close the response body.
func (c *config) do(ctx context.Context, r *request, opts []CallOption) (response, error) {
	outer := ctx // the caller's, which a long-running operation's wait keeps to
	if r.err != nil {
		return response{}, r.err
	}
	for _, ck := range r.cookies {
		// net/http would drop the bytes it cannot send (a;b=c goes as ab=c).
		if err := ck.Valid(); err != nil {
			return response{}, fmt.Errorf("%s: cookie parameter %q cannot be sent: %w", r.name, ck.Name, err)
		}
	}
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
		if len(s.header) > 0 {
			ctx = context.WithValue(ctx, callHeader{}, s.header)
		}
	}
	if r.keepRedirect {
		ctx = context.WithValue(ctx, keepRedirect{}, true)
	}
	if c.err != nil {
		return response{}, fmt.Errorf("%s: %w", r.name, c.err)
	}
	if r.fill != nil {
		if err := r.fill(s); err != nil {
			return response{}, err
		}
	}
	base, err := c.baseURL(r, s)
	if err != nil {
		return response{}, fmt.Errorf("%s: %w", r.name, err)
	}
	if _, std := c.httpClient.(*http.Client); std && !hasHost(base) {
		// net/http sends nothing without a host; another HTTPClient
		// (one serving requests in process) may.
		return response{}, fmt.Errorf("%s: server URL %q: %w", r.name, base, ErrNoServerURL)
	}
	r.base = base
	if s.response != nil {
		*s.response = nil
	}
	if s.rawBody != nil {
		*s.rawBody = nil
	}
	if len(s.bodyFields) > 0 {
		if err := r.setBodyFields(s.bodyFields); err != nil {
			return response{}, err
		}
	}
	if s.page != nil {
		if err := s.page.target(c, r); err != nil {
			return response{}, err
		}
	}
	cancel, headersIn := context.CancelFunc(func() {}), func() {}
	switch {
	case s.timeout > 0 && r.deadline != nil:
		ctx, cancel, headersIn = r.deadline(ctx, s.timeout)
	case s.timeout > 0:
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
	}
	policy := s.retry
	if policy == nil {
		policy = r.retry
	}
	if policy == nil {
		policy = c.specRetry
	}
	if !r.replayable || !policy.enabled() {
		policy = nil
	}
	if r.newKey != nil && r.header.Get(r.idempotencyHeader) == "" && s.header.Get(r.idempotencyHeader) == "" {
		// Made once, before the first attempt: every retry carries the
		// same key, so the server acts on the call once.
		r.header.Set(r.idempotencyHeader, r.newKey())
	}
	safe := policy != nil && replaySafe(r, s.header)
	fail := func(err error) (response, error) {
		cancel()
		return response{}, c.requestError(r.name, err)
	}
	start := time.Now()
	reauthorized := false
	for attempt := 0; ; attempt++ {
		resp, err := c.send(ctx, r, s, attempt)
		var wait time.Duration
		switch {
		case err == nil && resp.StatusCode == http.StatusUnauthorized && !reauthorized && r.replayable && c.retryUnauthorized(resp):
			// The token was rejected, perhaps revoked early: once, with a
			// new one, at once. A 401 means the request was not acted on.
			reauthorized = true
		case err != nil && ctx.Err() == nil && policy != nil && policy.RetryConnectionErrors && isConnectionError(err) && (safe || notSent(err)):
			wait = policy.backoff(attempt)
		case err != nil:
			return fail(err)
		case safe && policy.retryStatus(resp.StatusCode):
			wait = policy.backoff(attempt)
			if d, ok := retryAfter(resp.Header, time.Now()); ok {
				wait = max(wait, d)
			}
		default:
			headersIn()
			return c.finish(outer, r, s, opts, c.respond(resp, r, s, cancel))
		}
		// Compared so that no sum can overflow: waits may be huge. A
		// request sent again with a new token does not wait.
		if wait > 0 && wait > policy.budget()-time.Since(start) {
			// No time left for another attempt: report what the last one got.
			if err != nil {
				return fail(err)
			}
			headersIn()
			return c.finish(outer, r, s, opts, c.respond(resp, r, s, cancel))
		}
		if resp != nil {
			_, _ = io.CopyN(io.Discard, resp.Body, maxDrain)
			_ = resp.Body.Close()
		}
		if err := sleep(ctx, wait); err != nil {
			return fail(err)
		}
	}
}

// finish is the call's answer: its final response, or for a long-running
// operation's call that waits, the operation's.
func (c *config) finish(ctx context.Context, r *request, s *callSettings, opts []CallOption, resp response) (response, error) {
	if s.await == nil {
		return resp, nil
	}
	return s.await(ctx, c, r, resp, opts)
}

// maxDrain is how much of a body that is not needed is read so that its
// connection can be used again; a longer one closes the connection.
const maxDrain = 64 << 10

// respond wraps the final response of a call. With a timeout, closing the
// body releases the call's context.
func (c *config) respond(resp *http.Response, r *request, s *callSettings, cancel context.CancelFunc) response {
	if s.timeout > 0 {
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	}
	if s.page != nil {
		s.page.seen(resp.Header)
	}
	if s.response != nil {
		*s.response = resp
	}
	if s.headers != nil {
		s.headers.readHeaders(resp.Header)
	}
	return response{Response: resp, name: r.name, operationID: r.operationID, cfg: c, rawBody: s.rawBody}
}

// send makes one attempt, number attempt from 0, with the call's settings.
func (c *config) send(ctx context.Context, r *request, s *callSettings, attempt int) (*http.Response, error) {
	u, rawQuery := r.base+r.path, r.query
	if r.url != "" {
		u, rawQuery, _ = strings.Cut(r.url, "?")
	}
	if len(s.globals) > 0 {
		rawQuery = globalQuery(rawQuery, s.globals)
	}
	if len(s.query) > 0 {
		rawQuery = setQuery(rawQuery, s.query)
	}
	if rawQuery != "" {
		u += "?" + rawQuery
	}
	var body io.Reader
	if r.body != nil {
		b, err := r.body(ctx)
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
		// A stream, which net/http must not try to rewind: sent with its
		// length when the request knows it or the caller gives it as a
		// Content-Length parameter, which net/http does not send as such.
		// A stream of unknown length is sent chunked, which some servers
		// refuse (411 Length Required).
		req.ContentLength = -1
		if r.bodyLength > 0 {
			req.ContentLength = r.bodyLength
		} else if n, err := strconv.ParseInt(r.header.Get("Content-Length"), 10, 64); err == nil && n > 0 {
			req.ContentLength = n
		}
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	if len(s.globals) > 0 {
		globalHeaders(req.Header, s.globals)
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
	if c.userAgent != "" && req.Header.Get("User-Agent") == "" {
		// A User-Agent the operation declares as a header parameter
		// (a value the API requires) is the caller's, and wins.
		req.Header.Set("User-Agent", c.userAgent)
	}
	security := c.security
	if r.hasSecurity {
		security = r.security
	}
	if err := c.authorize(req, security); err != nil {
		return nil, err
	}
	for k, v := range s.header {
		req.Header[k] = v
	}
	markIdempotent(req)
	return c.roundTrip(req, s, attempt)
}

// markIdempotent lets net/http send a PUT or DELETE again, as it does a
// GET, when a connection it reused fails before any response: a server
// that closed an idle connection just as the request went out (Node's
// five-second keep-alive). HTTP makes both idempotent; net/http takes
// that from an Idempotency-Key entry, and sends none whose value is nil.
func markIdempotent(req *http.Request) {
	if req.Method != http.MethodPut && req.Method != http.MethodDelete {
		return
	}
	_, key := req.Header["Idempotency-Key"]
	_, xkey := req.Header["X-Idempotency-Key"]
	if !key && !xkey {
		req.Header["Idempotency-Key"] = nil
	}
}

// setQuery returns the encoded query string q with params set: every
// parameter of q named as one of them is dropped, and they are added.
func setQuery(q string, params []queryParam) string {
	var b strings.Builder
	for pair := range strings.SplitSeq(q, "&") {
		if pair == "" {
			continue
		}
		name, _, _ := strings.Cut(pair, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if slices.ContainsFunc(params, func(p queryParam) bool { return p.name == name }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(pair)
	}
	for _, p := range params {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(escapeQuery(p.name) + "=" + escapeQuery(p.value))
	}
	return b.String()
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

// requestError is a request that got no usable response. Its message is
// redacted when it is made, and it keeps no secret to redact with.
type requestError struct {
	msg string
	err error
}

// requestError reports err, which stopped a call of the operation. net/http's
// *url.Error holds the URL, query credentials included: the error wraps a
// copy with them redacted, for errors.As and errors.Unwrap to find.
func (c *config) requestError(name string, err error) error {
	if u, ok := err.(*url.Error); ok {
		err = &url.Error{Op: u.Op, URL: redact(u.URL, c.redactions()), Err: u.Err}
	}
	return &requestError{msg: clip(redact(name+": "+err.Error(), c.redactions()), maxErrorString), err: err}
}

func (e *requestError) Error() string { return e.msg }

func (e *requestError) Unwrap() error { return e.err }

// escapeQuery escapes s for use as a query name or value: everything but
// RFC 3986's unreserved characters is percent-encoded, a space as %20.
func escapeQuery(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// setStreamBody sends r as the body. A reader that can seek is rewound for
// each attempt; any other can be sent once, so the call is not retried, and
// net/http closes it if it is an io.Closer.
func (req *request) setStreamBody(contentType string, r io.Reader) {
	req.contentType = contentType
	req.bodyLength = streamLength(r)
	if req.bodyLength == 0 && bytesLike(r) {
		// Known to be empty: sent as an empty body with Content-Length: 0.
		req.bytesBody, req.hasBytesBody = nil, true
		return
	}
	var rw rewinder
	if !rw.add(r) {
		req.replayable = false
		req.body = func(context.Context) (io.Reader, error) { return r, nil }
		return
	}
	req.body = func(ctx context.Context) (io.Reader, error) {
		done, err := rw.next(ctx)
		if err != nil {
			return nil, err
		}
		return &attemptBody{Reader: r, done: done}, nil
	}
}

// streamLength is how many bytes r has left to read, when it can tell
// without reading them (the Len of a bytes.Buffer, bytes.Reader or
// strings.Reader, as net/http reads it, or seeking to the end and back, as
// on a file), else 0. A seeker that reports nothing left is not believed:
// files under /proc report a size of 0.
func streamLength(r io.Reader) int64 {
	if bytesLike(r) {
		return int64(r.(interface{ Len() int }).Len())
	}
	s, ok := r.(io.Seeker)
	if !ok {
		return 0
	}
	cur, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0
	}
	end, err := s.Seek(0, io.SeekEnd)
	if _, back := s.Seek(cur, io.SeekStart); err != nil || back != nil || end <= cur {
		return 0
	}
	return end - cur
}

// bytesLike reports the readers whose Len is the bytes left to read.
func bytesLike(r io.Reader) bool {
	switch r.(type) {
	case *bytes.Buffer, *bytes.Reader, *strings.Reader:
		return true
	}
	return false
}

// rewinder rewinds the seekers a body is read from for each attempt, once
// net/http is done with the last one: it may read a body after Do has
// returned, until it closes it.
type rewinder struct {
	seekers []io.Seeker
	offsets []int64
	done    chan struct{} // closed when the last attempt's body is released
}

// add records where r starts, and reports false when it cannot be rewound.
func (rw *rewinder) add(r io.Reader) bool {
	s, ok := r.(io.Seeker)
	if !ok {
		return false
	}
	off, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return false
	}
	rw.seekers, rw.offsets = append(rw.seekers, s), append(rw.offsets, off)
	return true
}

// next prepares the seekers for an attempt and returns the channel to close
// when its body is released.
func (rw *rewinder) next(ctx context.Context) (chan struct{}, error) {
	if rw.done != nil {
		select {
		case <-rw.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		for i, s := range rw.seekers {
			if _, err := s.Seek(rw.offsets[i], io.SeekStart); err != nil {
				return nil, err
			}
		}
	}
	rw.done = make(chan struct{})
	return rw.done, nil
}

// attemptBody is one attempt's body over a caller's reader, which it leaves
// open: closing it only releases the reader for the next attempt.
type attemptBody struct {
	io.Reader
	done chan struct{}
	once sync.Once
}

func (b *attemptBody) Close() error {
	b.once.Do(func() { close(b.done) })
	return nil
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

// idempotent makes each call carry an idempotency key in header: the
// caller's, from a parameter or WithHeader, else one do makes for the call.
func (r *request) idempotent(header string) {
	r.idempotencyHeader, r.newKey = header, newIdempotencyKey
}

// newIdempotencyKey returns a random UUID (version 4), the form most APIs
// ask of an idempotency key.
func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// requirePath records the path parameter name as missing when its value is
// empty, which would address another resource; do reports it before
// anything is sent.
func (r *request) requirePath(name string, empty bool) {
	if empty && r.err == nil {
		r.err = fmt.Errorf("%s: path parameter %q is empty", r.name, name)
	}
}
