package runtime

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
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
	s := strconv.Itoa(code)
	for _, want := range r.StatusCodes {
		if want == s || (len(want) == 3 && strings.EqualFold(want[1:], "XX") && want[0] == s[0]) {
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
	return time.Duration(d * (1 - rand.Float64()/4))
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
// opposed to the caller giving up.
func isConnectionError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var netErr net.Error
	var opErr *net.OpError
	return errors.As(err, &netErr) || errors.As(err, &opErr) ||
		errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "connection reset") ||
		strings.Contains(err.Error(), "EOF")
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
