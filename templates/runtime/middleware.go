package runtime

import (
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Next sends a request on: to the next middleware, or to the HTTP client.
type Next func(req *http.Request) (*http.Response, error)

// Middleware wraps each attempt of a call: it may change the request, call
// next to send it (or not, and answer itself), and look at or replace the
// response. It runs once per attempt, retries included, with the request
// the SDK built: credentials and headers already set.
type Middleware func(req *http.Request, next Next) (*http.Response, error)

// WithMiddleware adds middleware around every attempt, run in the order
// given: the first is outermost. A call's middleware runs inside the
// client's.
func WithMiddleware(mw ...Middleware) SharedOption {
	return sharedOptionFunc(func(s *callSettings) {
		for _, m := range mw {
			if m != nil {
				// Clipped, so that a call's append never writes into the
				// client's slice.
				s.middleware = append(s.middleware[:len(s.middleware):len(s.middleware)], m)
			}
		}
	})
}

// WithDebugLog logs every attempt at slog.LevelDebug to logger: the method,
// the URL, the attempt number, the status (or the error) and the time it
// took, and the request's headers. Credentials are redacted: the values of
// the credential headers, of Authorization, Cookie and Set-Cookie, and every
// configured secret wherever it shows (a query parameter included). Bodies
// are not logged. A nil logger turns logging off.
func WithDebugLog(logger *slog.Logger) SharedOption {
	return sharedOptionFunc(func(s *callSettings) { s.logger = logger })
}

// roundTrip sends req through the call's middleware, logging each attempt
// when a logger is set. Without either it is one call of the HTTP client.
func (c *config) roundTrip(req *http.Request, s *callSettings, attempt int) (*http.Response, error) {
	logging := s.logger != nil && s.logger.Enabled(req.Context(), slog.LevelDebug)
	if len(s.middleware) == 0 && !logging {
		return c.httpClient.Do(req)
	}
	send := c.httpClient.Do
	if logging {
		send = func(req *http.Request) (*http.Response, error) {
			start := time.Now()
			resp, err := c.httpClient.Do(req)
			c.logAttempt(req, resp, err, attempt, time.Since(start), s.logger)
			return resp, err
		}
	}
	next := Next(send)
	for i := len(s.middleware) - 1; i >= 0; i-- {
		mw, inner := s.middleware[i], next
		next = func(req *http.Request) (*http.Response, error) { return mw(req, inner) }
	}
	return next(req)
}

// logAttempt logs one attempt, with every credential redacted.
func (c *config) logAttempt(req *http.Request, resp *http.Response, err error, attempt int, took time.Duration, logger *slog.Logger) {
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("url", redact(req.URL.String(), c.redactions())),
		slog.Int("attempt", attempt+1),
		slog.Duration("duration", took),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redact(err.Error(), c.redactions())))
	}
	attrs = append(attrs, slog.Any("header", c.logHeader(req.Header)))
	if resp != nil {
		attrs = append(attrs, slog.Any("response_header", c.logHeader(resp.Header)))
	}
	logger.LogAttrs(req.Context(), slog.LevelDebug, "http attempt", attrs...)
}

// logHeader is a header as the debug log shows it: every credential
// header's value replaced, and the secrets redacted from the others.
func (c *config) logHeader(h http.Header) slog.Value {
	attrs := make([]slog.Attr, 0, len(h))
	for _, k := range slices.Sorted(maps.Keys(h)) {
		if h[k] == nil {
			continue // not sent (markIdempotent)
		}
		v := strings.Join(h[k], ", ")
		if c.sensitiveHeader(k) {
			v = "[REDACTED]"
		} else {
			v = redact(v, c.redactions())
		}
		attrs = append(attrs, slog.String(k, v))
	}
	return slog.GroupValue(attrs...)
}

// sensitiveHeader reports whether a header carries credentials, whatever
// its value: the standard ones, and those of the configured credentials.
func (c *config) sensitiveHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	for _, cred := range c.credentials {
		if strings.EqualFold(cred.header(), name) {
			return true
		}
	}
	return false
}
