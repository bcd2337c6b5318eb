package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"
	"time"
)

func TestRetryEnabled(t *testing.T) {
	var nilPolicy *RetryConfig
	if nilPolicy.enabled() {
		t.Error("nil policy enabled")
	}
	if (&RetryConfig{InitialInterval: time.Second}).enabled() {
		t.Error("policy without statuses or connection errors enabled")
	}
	if !(&RetryConfig{StatusCodes: []string{"503"}}).enabled() {
		t.Error("status policy not enabled")
	}
	if !(&RetryConfig{RetryConnectionErrors: true}).enabled() {
		t.Error("connection policy not enabled")
	}
}

func TestRetryStatus(t *testing.T) {
	tests := []struct {
		codes []string
		code  int
		want  bool
	}{
		{[]string{"5XX"}, 500, true},
		{[]string{"5XX"}, 503, true},
		{[]string{"5XX"}, 599, true},
		{[]string{"5xx"}, 502, true},
		{[]string{"5XX"}, 429, false},
		{[]string{"5XX"}, 200, false},
		{[]string{"5XX"}, 400, false},
		{[]string{"429"}, 429, true},
		{[]string{"429"}, 428, false},
		{[]string{"429"}, 529, false},
		{[]string{"429", "5XX"}, 429, true},
		{[]string{"429", "5XX"}, 504, true},
		{[]string{"429", "5XX"}, 404, false},
		{[]string{"4XX"}, 429, true},
		{nil, 503, false},
		{[]string{"XX"}, 500, false},
		{[]string{"5X"}, 500, false},
		{[]string{"5XXX"}, 500, false},
	}
	for _, tt := range tests {
		r := &RetryConfig{StatusCodes: tt.codes}
		if got := r.retryStatus(tt.code); got != tt.want {
			t.Errorf("retryStatus(%v, %d) = %v, want %v", tt.codes, tt.code, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	r := &RetryConfig{InitialInterval: 100 * time.Millisecond, MaxInterval: time.Second, Exponent: 2}
	for n, base := range []time.Duration{100, 200, 400, 800, 1000, 1000, 1000} {
		base *= time.Millisecond
		for range 50 {
			// Jitter takes off at most a quarter.
			if d := r.backoff(n); d > base || d < base*3/4 {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n, d, base*3/4, base)
			}
		}
	}
	// The jitter really varies, so many clients do not retry in step.
	seen := map[time.Duration]bool{}
	for range 20 {
		seen[r.backoff(0)] = true
	}
	if len(seen) < 2 {
		t.Error("backoff has no jitter")
	}
}

func TestBackoffExponentBelowOneIsConstant(t *testing.T) {
	for _, exp := range []float64{0, 0.5, 1} {
		r := &RetryConfig{InitialInterval: 40 * time.Millisecond, Exponent: exp}
		for n := range 5 {
			if d := r.backoff(n); d > 40*time.Millisecond || d < 30*time.Millisecond {
				t.Errorf("Exponent %v: backoff(%d) = %v, want 30ms..40ms", exp, n, d)
			}
		}
	}
}

func TestBackoffDefaults(t *testing.T) {
	// Missing settings take defaults, so that no policy retries without
	// waiting, and a huge exponent or a missing cap cannot overflow the
	// wait into a negative one that retries at once.
	for _, r := range []*RetryConfig{{}, {Exponent: 1e30}, {Exponent: math.Inf(1)}, {Exponent: math.NaN()}, {InitialInterval: time.Second, Exponent: 10}} {
		for n := range 400 {
			d := r.backoff(n)
			if d < 375*time.Millisecond || d > time.Minute {
				t.Fatalf("%+v: backoff(%d) = %v, want within [375ms, 1m]", r, n, d)
			}
		}
	}
	if d := (&RetryConfig{Exponent: 10}).backoff(399); d < 45*time.Second {
		t.Errorf("backoff(399) = %v, want the default cap of a minute less jitter", d)
	}
	if b := (&RetryConfig{}).budget(); b != time.Hour {
		t.Errorf("default budget %v", b)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 4, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"3", 3 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"120", 2 * time.Minute, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"Thu, 10 Apr 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Thursday, 10-Apr-25 12:00:05 GMT", 5 * time.Second, true}, // RFC 850
		{"Thu Apr 10 12:00:02 2025", 2 * time.Second, true},         // ANSI C asctime
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},      // a past date means now
		// Past the largest Duration: the largest whole number of seconds,
		// not an overflow to a negative wait.
		{"9223372037", math.MaxInt64 / time.Second * time.Second, true},
		{"99999999999999999999999", math.MaxInt64 / time.Second * time.Second, true},
		{"-99999999999999999999999", 0, false},
		{"Fri, 31 Dec 9999 23:59:59 GMT", math.MaxInt64, true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v, want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestIsConnectionError(t *testing.T) {
	urlErr := func(err error) error { return &url.Error{Op: "Post", URL: "http://127.0.0.1:1/x", Err: err} }
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: &net.AddrError{Err: "connection refused", Addr: "127.0.0.1:1"}}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"refused", urlErr(dial), true},
		{"reset", urlErr(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), true},
		{"EOF", urlErr(io.EOF), true},
		{"unexpected EOF", urlErr(io.ErrUnexpectedEOF), true},
		{"closed", urlErr(net.ErrClosed), true},
		{"DNS", urlErr(&net.DNSError{Err: "no such host", Name: "example.invalid", IsNotFound: true}), true},
		{"attempt timeout", urlErr(timeoutError{}), true},
		{"dropped before answering", urlErr(errors.New("http: server closed idle connection")), true},
		{"connection broken", urlErr(fmt.Errorf("net/http: HTTP/1.x transport connection broken: %w", syscall.EPIPE)), true},
		{"caller canceled", urlErr(context.Canceled), false},
		{"bad scheme", urlErr(errors.New(`unsupported protocol scheme ""`)), false},
		{"certificate", urlErr(errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority")), false},
		{"plain error", errors.New("boom"), false},
		{"wrapped dial", fmt.Errorf("send: %w", dial), true},
	}
	for _, tt := range tests {
		if got := isConnectionError(tt.err); got != tt.want {
			t.Errorf("%s: isConnectionError(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// timeoutError is how net/http reports http.Client.Timeout for one attempt.
type timeoutError struct{}

func (timeoutError) Error() string {
	return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
}
func (timeoutError) Timeout() bool     { return true }
func (timeoutError) Temporary() bool   { return true }
func (timeoutError) Is(err error) bool { return err == context.DeadlineExceeded }

var _ net.Error = timeoutError{}

func TestSleep(t *testing.T) {
	ctx := context.Background()
	if err := sleep(ctx, 0); err != nil {
		t.Errorf("sleep(0) = %v", err)
	}
	start := time.Now()
	if err := sleep(ctx, 20*time.Millisecond); err != nil {
		t.Errorf("sleep = %v", err)
	}
	if el := time.Since(start); el < 20*time.Millisecond {
		t.Errorf("slept %v, want >= 20ms", el)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := sleep(canceled, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep(canceled, 0) = %v", err)
	}
	canceled, cancel = context.WithCancel(ctx)
	time.AfterFunc(10*time.Millisecond, cancel)
	start = time.Now()
	if err := sleep(canceled, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep(canceled, 1h) = %v", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("canceled sleep took %v", el)
	}
}

func TestRetryStatusClasses(t *testing.T) {
	r := &RetryConfig{StatusCodes: []string{"5xx", "429"}}
	for code, want := range map[int]bool{500: true, 503: true, 599: true, 429: true, 428: false, 200: false, 400: false} {
		if got := r.retryStatus(code); got != want {
			t.Errorf("retryStatus(%d) = %v, want %v", code, got, want)
		}
	}
}
