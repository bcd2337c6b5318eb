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
// The zero value never retries.
type RetryConfig struct {
	// InitialInterval is the wait before the first retry.
	InitialInterval time.Duration
	// MaxInterval caps the wait between two attempts.
	MaxInterval time.Duration
	// MaxElapsedTime bounds the time from the first attempt after which no
	// retry starts. Zero means no bound other than the context's.
	MaxElapsedTime time.Duration
	// Exponent multiplies the wait after each attempt.
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
// random so that many clients do not retry in step.
func (r *RetryConfig) backoff(n int) time.Duration {
	exp := r.Exponent
	if exp < 1 {
		exp = 1
	}
	d := float64(r.InitialInterval) * math.Pow(exp, float64(n))
	if r.MaxInterval > 0 && d > float64(r.MaxInterval) {
		d = float64(r.MaxInterval)
	}
	d *= 1 - rand.Float64()/4
	if d >= math.MaxInt64 {
		// Converting would overflow to a negative wait.
		return math.MaxInt64
	}
	return time.Duration(d)
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
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
