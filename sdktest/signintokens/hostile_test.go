package signintokens_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/generated/signintokens"
)

// The SDK against servers on loopback that do hostile or faulty things, as a
// careful user would try it.

// idempotencyKey makes a POST safe to send again.
var idempotencyKey = signintokens.WithHeader("Idempotency-Key", "key-1")

// within fails the test when f takes longer than d, instead of hanging.
func within(t *testing.T, d time.Duration, f func(ctx context.Context)) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	f(ctx)
	el := time.Since(start)
	if ctx.Err() != nil {
		t.Errorf("still waiting after %v", d)
	}
	return el
}

func TestHugeRetryAfterSecondsDoesNotStorm(t *testing.T) {
	t.Parallel()
	// 9223372037 s is past the largest time.Duration.
	srv := newRecorder(t, reply(503, `{"errors":[]}`, "Retry-After", "9223372037"))
	policy := fastRetry
	policy.MaxElapsedTime = time.Minute
	within(t, 3*time.Second, func(ctx context.Context) {
		_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Revoke(ctx, "x", idempotencyKey)
		var apiErr *signintokens.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Errorf("err = %v, want the 503", err)
		}
	})
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1: the wait asked for is beyond the budget", n)
	}
}

func TestFarRetryAfterDateEndsRetries(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(503, `{"errors":[]}`, "Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"))
	policy := fastRetry
	policy.MaxElapsedTime = time.Minute
	el := within(t, 3*time.Second, func(ctx context.Context) {
		_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Revoke(ctx, "x", idempotencyKey)
		var apiErr *signintokens.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Errorf("err = %v, want the 503", err)
		}
	})
	if el > time.Second {
		t.Errorf("took %v, want the 503 at once", el)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestHugeExponentEndsRetries(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(503, `{"errors":[]}`))
	policy := signintokens.RetryConfig{
		InitialInterval: time.Millisecond,
		MaxElapsedTime:  2 * time.Second,
		Exponent:        1e30,
		StatusCodes:     []string{"5XX"},
	}
	el := within(t, 4*time.Second, func(ctx context.Context) {
		_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Revoke(ctx, "x", idempotencyKey)
		var apiErr *signintokens.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Errorf("err = %v, want the 503", err)
		}
	})
	// The second wait is capped at MaxInterval's default, a minute: past
	// the budget, so the call ends at once.
	if el > time.Second {
		t.Errorf("took %v", el)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestRetryConfigWithoutIntervalsWaits(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(503, `{"errors":[]}`))
	policy := signintokens.RetryConfig{StatusCodes: []string{"5XX"}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := srv.client(signintokens.WithRetryConfig(policy)).SignInTokens.Revoke(ctx, "x", idempotencyKey)
	if err == nil {
		t.Fatal("no error")
	}
	// The default first wait is 500ms less jitter, then 1.5 times that.
	if n := len(srv.requests()); n > 3 {
		t.Errorf("%d requests in a second, want at most 3", n)
	}
}

// dropAfterReading reads the whole request, then closes the connection
// without answering: the server may have acted on it.
func dropAfterReading(w http.ResponseWriter, r *http.Request, attempt int) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestPostNotResentAfterReachingServer(t *testing.T) {
	t.Parallel()
	policy := fastRetry
	policy.RetryConnectionErrors = true
	body := signintokens.CreateSignInTokenRequestBody{UserID: "user_1"}
	tests := []struct {
		name    string
		respond func(w http.ResponseWriter, r *http.Request, attempt int)
		timeout time.Duration // the HTTP client's, for one attempt
	}{
		{"5XX", reply(503, `{"errors":[]}`), 0},
		{"dropped connection", dropAfterReading, 0},
		{"attempt timeout", hang(time.Minute), 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, key := range []bool{false, true} {
				srv := newRecorder(t, tt.respond)
				hc := srv.Client()
				hc.Timeout = tt.timeout
				opts := []signintokens.CallOption{}
				if key {
					opts = append(opts, idempotencyKey)
				}
				p := policy
				p.MaxElapsedTime = 300 * time.Millisecond
				_, err := srv.client(signintokens.WithHTTPClient(hc), signintokens.WithRetryConfig(p)).SignInTokens.Create(context.Background(), body, opts...)
				if err == nil {
					t.Fatal("no error")
				}
				n := len(srv.requests())
				if !key && n != 1 {
					t.Errorf("without an idempotency key: %d requests reached the server, want 1", n)
				}
				if key && n < 2 {
					t.Errorf("with an idempotency key: %d requests, want it retried", n)
				}
			}
		})
	}
}

func TestDecodeErrorShowsNoBody(t *testing.T) {
	t.Parallel()
	// An issued token in a body that does not decode (created_at is a string).
	const issued = "eyJhbGciOiJSUzI1NiJ9.issued"
	body := `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"u","token":"` + issued +
		`","url":"https://accounts.example.com/sign-in#__clerk_ticket=` + issued + `","created_at":"soon","updated_at":1}`
	srv := newRecorder(t, reply(200, body))
	_, err := srv.client().SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
	if err == nil {
		t.Fatal("no error")
	}
	msg := fmt.Sprintf("%v %+v", err, err)
	for _, leak := range []string{issued, "__clerk_ticket", "soon"} {
		if strings.Contains(msg, leak) {
			t.Errorf("error shows %q: %s", leak, msg)
		}
	}
	if !strings.Contains(msg, "created_at") {
		t.Errorf("error %q does not name the field", msg)
	}
}

func TestEscapedTokenRedacted(t *testing.T) {
	t.Parallel()
	// A token with characters that JSON and URLs escape, echoed back by
	// the server in every form.
	const secret = "sk_test_<a>&b/c+d"
	html, _ := json.Marshal(secret)
	var plain strings.Builder
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	enc.Encode(secret)
	forms := []string{
		secret,
		strings.Trim(string(html), `"`), // sk_test_\u003ca\u003e\u0026b/c+d
		strings.ReplaceAll(strings.Trim(string(html), `"`), "/", `\/`),
		strings.ReplaceAll(strings.Trim(strings.TrimSpace(plain.String()), `"`), "/", `\/`),
	}
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		w.WriteHeader(403)
		msgs := make([]string, len(forms))
		for i, f := range forms {
			msgs[i] = `{"message":"bad key ` + f + `","long_message":"x","code":"c"}`
		}
		fmt.Fprintf(w, `{"errors":[%s]}`, strings.Join(msgs, ","))
	})
	c := signintokens.New(signintokens.WithBearerAuth(secret), signintokens.WithServerURL(srv.URL), signintokens.WithHTTPClient(srv.Client()))
	_, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
	var apiErr *signintokens.APIError
	var typed *signintokens.ClerkErrors
	if !errors.As(err, &apiErr) || !errors.As(err, &typed) {
		t.Fatalf("err = %v, want a typed 403", err)
	}
	seen := fmt.Sprintf("%v|%+v|%#v|%#v|%s|%v|%+v", err, err, err, apiErr, apiErr.Body, apiErr.Header, typed.Errors)
	for _, f := range forms {
		if strings.Contains(seen, f) {
			t.Errorf("the error shows the token as %q: %s", f, seen)
		}
	}
	if !strings.Contains(string(apiErr.Body), "[REDACTED]") {
		t.Errorf("Body = %s", apiErr.Body)
	}
}

func TestErrorStringBounded(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("9", 1<<20)
	for _, tt := range []struct {
		name    string
		respond func(w http.ResponseWriter, r *http.Request, attempt int)
	}{
		{"huge number", reply(200, `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"u","created_at":`+huge+`,"updated_at":1}`)},
		{"huge error body", reply(500, `{"errors":[{"message":"`+huge+`"}]}`)},
	} {
		srv := newRecorder(t, tt.respond)
		_, err := srv.client(signintokens.WithRetryConfig(signintokens.RetryConfig{})).SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
		if err == nil {
			t.Fatalf("%s: no error", tt.name)
		}
		if n := len(err.Error()); n > 1024 {
			t.Errorf("%s: Error() is %d bytes, want at most 1 KiB", tt.name, n)
		}
	}
}

// endless answers status with a body of up to total bytes that never
// decodes, counting what it manages to write before the client hangs up.
func endless(status int, total int64, length bool, written *atomic.Int64) func(w http.ResponseWriter, r *http.Request, attempt int) {
	return func(w http.ResponseWriter, r *http.Request, attempt int) {
		w.Header().Set("Content-Type", "application/json")
		if length {
			w.Header().Set("Content-Length", fmt.Sprint(total))
		}
		w.WriteHeader(status)
		chunk := []byte(strings.Repeat("x", 32<<10))
		copy(chunk, `{"errors":[{"message":"`)
		for n := int64(0); n < total; n += int64(len(chunk)) {
			m, err := w.Write(chunk)
			written.Add(int64(m))
			if err != nil {
				return
			}
		}
	}
}

func TestResponseBodiesBounded(t *testing.T) {
	t.Parallel()
	const total = 128 << 20
	for _, length := range []bool{false, true} {
		var written atomic.Int64
		srv := newRecorder(t, endless(200, total, length, &written))
		_, err := srv.client().SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
		if err == nil || !strings.Contains(err.Error(), "too large") {
			t.Errorf("Content-Length %v: err = %v, want the body too large", length, err)
		}
		srv.Close() // waits for the handler, which stops once the client hangs up
		if n := written.Load(); n > 48<<20 {
			t.Errorf("Content-Length %v: the server wrote %d MiB before the client gave up", length, n>>20)
		}
	}
}

func TestErrorBodyKeptBoundedAndConnectionReused(t *testing.T) {
	t.Parallel()
	var written atomic.Int64
	srv := newRecorder(t, endless(400, 64<<10+8<<10, false, &written))
	var conns atomic.Int32
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conns.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	c := srv.client(signintokens.WithHTTPClient(&http.Client{Transport: tr}))
	for range 2 {
		_, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
		var apiErr *signintokens.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
			t.Fatalf("err = %v, want the 400", err)
		}
		if n := len(apiErr.Body); n != 64<<10 {
			t.Errorf("APIError.Body holds %d bytes, want 64 KiB", n)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for two calls, want the first reused", n)
	}
	// An endless error body is cut too.
	written.Store(0)
	srv2 := newRecorder(t, endless(500, 1<<30, false, &written))
	_, err := srv2.client(signintokens.WithRetryConfig(signintokens.RetryConfig{})).SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"})
	var apiErr *signintokens.APIError
	if !errors.As(err, &apiErr) || len(apiErr.Body) != 64<<10 {
		t.Errorf("err = %v, want a 500 with 64 KiB of body", err)
	}
}

func TestCredentialHeadersDroppedOnRedirectToAnotherHost(t *testing.T) {
	t.Parallel()
	other := httptest.NewUnstartedServer(nil)
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	other.Listener = l
	got := make(chan http.Header, 4)
	other.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
		reply(200, fullToken)(w, r, 0)
	})
	other.Start()
	t.Cleanup(other.Close)
	redirect := func(to string) *recorder {
		return newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
			http.Redirect(w, r, to+r.URL.Path, http.StatusTemporaryRedirect)
		})
	}
	var userRedirects atomic.Int32
	userClient := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		userRedirects.Add(1)
		return nil
	}}
	for _, tt := range []struct {
		name string
		opts []signintokens.Option
	}{
		{"SDK's client", nil},
		{"user's *http.Client", []signintokens.Option{signintokens.WithHTTPClient(userClient)}},
	} {
		srv := redirect(other.URL)
		c := signintokens.New(append([]signintokens.Option{
			signintokens.WithBearerAuth(token),
			signintokens.WithServerURL(srv.URL),
			signintokens.WithHeader("X-Client-Secret", "client-secret"),
		}, tt.opts...)...)
		if _, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"},
			signintokens.WithHeader("X-Call-Secret", "call-secret")); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		h := <-got
		for _, k := range []string{"Authorization", "X-Client-Secret", "X-Call-Secret"} {
			if v := h.Get(k); v != "" {
				t.Errorf("%s: %s: %q reached another host", tt.name, k, v)
			}
		}
		if h.Get("Content-Type") != "application/json" {
			t.Errorf("%s: the redirected request lost its other headers: %v", tt.name, h)
		}
	}
	if n := userRedirects.Load(); n != 1 {
		t.Errorf("the user's CheckRedirect ran %d times, want 1", n)
	}
	// A redirect on the same host keeps them.
	same := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		if r.URL.Path != "/moved/sign_in_tokens" {
			http.Redirect(w, r, "/moved"+r.URL.Path, http.StatusTemporaryRedirect)
			return
		}
		if r.Header.Get("X-Client-Secret") != "client-secret" {
			t.Errorf("same host: X-Client-Secret %q", r.Header.Get("X-Client-Secret"))
		}
		reply(200, fullToken)(w, r, attempt)
	})
	c := same.client(signintokens.WithHeader("X-Client-Secret", "client-secret"))
	if _, err := c.SignInTokens.Create(context.Background(), signintokens.CreateSignInTokenRequestBody{UserID: "u"}); err != nil {
		t.Fatal(err)
	}
}
