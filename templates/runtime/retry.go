package runtime

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// RetryConfig says when and how often a failed request is sent again.
// The zero value never retries. Only requests that are safe to repeat are
// retried once they may have reached the server: those of the idempotent
// methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) and those that carry an
// Idempotency-Key header. Others are retried only when they provably did not
// (the connection could not be made).
type RetryConfig struct {
	// InitialInterval is the wait before the first retry; 500ms when zero.
	InitialInterval time.Duration
	// MaxInterval caps the wait between two attempts; a minute when zero.
	MaxInterval time.Duration
	// MaxElapsedTime bounds the time from the first attempt after which no
	// retry starts; an hour when zero. A Retry-After beyond it ends the
	// retries at once.
	MaxElapsedTime time.Duration
	// Exponent multiplies the wait after each attempt; below 1 counts as 1.
	Exponent float64
	// StatusCodes lists the statuses that are retried: "503", or a class
	// such as "5XX".
	StatusCodes []string
	// RetryConnectionErrors retries requests that got no response at all
	// (connection refused or reset, timeouts of a single attempt).
	RetryConnectionErrors bool
}

func (r *RetryConfig) enabled() bool {
	return r != nil && (len(r.StatusCodes) > 0 || r.RetryConnectionErrors)
}

// retryStatus reports whether a response with the given status is retried.
func (r *RetryConfig) retryStatus(code int) bool {
	// Compared as text without formatting code, which would allocate on
	// every successful call.
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], int64(code), 10)
	for _, want := range r.StatusCodes {
		if want == string(s) || (len(want) == 3 && strings.EqualFold(want[1:], "XX") && want[0] == s[0]) {
			return true
		}
	}
	return false
}

// backoff returns the wait before retry number n (0 for the first retry):
// InitialInterval * Exponent^n, capped at MaxInterval, less up to a quarter at
// random so that many clients do not retry in step. Missing or odd settings
// take their defaults, so that a policy never retries without waiting.
func (r *RetryConfig) backoff(n int) time.Duration {
	first, ceiling, exp := r.InitialInterval, r.MaxInterval, r.Exponent
	if first <= 0 {
		first = 500 * time.Millisecond
	}
	if ceiling <= 0 {
		ceiling = time.Minute
	}
	if !(exp >= 1) { // NaN too
		exp = 1
	}
	// Capped before converting: a huge exponent gives +Inf, which min caps.
	d := min(float64(first)*math.Pow(exp, float64(n)), float64(ceiling))
	return time.Duration(d * (1 - rand.Float64()/4))
}

// budget is the time after the first attempt in which a retry may start.
func (r *RetryConfig) budget() time.Duration {
	if r.MaxElapsedTime > 0 {
		return r.MaxElapsedTime
	}
	return time.Hour
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	// Too many digits parse as the largest int64, which means the same:
	// not within any budget.
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs < 0 {
			return 0, false
		}
		// Saturated, or the multiplication would wrap to a negative wait.
		return time.Duration(min(secs, math.MaxInt64/int64(time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// isConnectionError reports whether err means no response arrived, as
// opposed to the caller giving up (which do rules out by checking the call's
// context) or a request that can never succeed (a bad URL, an untrusted
// certificate).
func isConnectionError(err error) bool {
	// net/http wraps every failure, its own checks included, in a *url.Error,
	// which is itself a net.Error: judge what it wraps.
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var netErr net.Error
	var opErr *net.OpError
	// net/http reports a connection the server dropped before answering as
	// "server closed idle connection", even a fresh one.
	msg := err.Error()
	return errors.As(err, &netErr) || errors.As(err, &opErr) ||
		errors.Is(err, net.ErrClosed) || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "EOF") || strings.Contains(msg, "server closed idle connection")
}

// replaySafe reports whether a request may be sent again after it may have
// reached the server: its method is idempotent (RFC 9110, 9.2.2), or it
// carries an idempotency key, which asks the server to act on it once: in
// Idempotency-Key or the header the API names for it. extra are the call's
// WithHeader headers. QUERY is safe and idempotent too (OpenAPI 3.2, the
// HTTP QUERY draft).
func replaySafe(r *request, extra http.Header) bool {
	switch r.method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace, "QUERY":
		return true
	}
	for _, name := range [...]string{"Idempotency-Key", r.idempotencyHeader} {
		if name != "" && (r.header.Get(name) != "" || extra.Get(name) != "") {
			return true
		}
	}
	return false
}

// notSent reports whether an attempt provably sent nothing: its connection
// could not be made (refused, unreachable, a name that does not resolve).
// A failure after that may have reached the server.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// sleep waits for d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
