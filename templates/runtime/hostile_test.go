package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The runtime against servers on loopback that do hostile or faulty things.

// counting is a server that counts the requests it gets.
type counting struct {
	*httptest.Server
	n atomic.Int32
}

func newCounting(t *testing.T, h http.HandlerFunc) *counting {
	t.Helper()
	s := &counting{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.n.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// fastPolicy retries 503 and connection errors within milliseconds.
var fastPolicy = RetryConfig{
	InitialInterval:       time.Millisecond,
	MaxInterval:           5 * time.Millisecond,
	MaxElapsedTime:        5 * time.Second,
	Exponent:              2,
	StatusCodes:           []string{"503"},
	RetryConnectionErrors: true,
}

// unlocked hides a reader's type from net/http, which would otherwise
// snapshot a *bytes.Reader for its own rewinding, and has no lock of its
// own: a read racing a seek is a race the detector sees.
type unlocked struct{ r *bytes.Reader }

func (u *unlocked) Read(p []byte) (int, error) { return u.r.Read(p) }

func (u *unlocked) Seek(off int64, whence int) (int64, error) { return u.r.Seek(off, whence) }

// earlyAnswer answers 503 to the first attempts without reading their
// bodies, so net/http may still be sending one when Do returns; the last
// attempt's body must arrive whole.
func earlyAnswer(t *testing.T, attempts int32, check func(r *http.Request)) *counting {
	var s *counting
	s = newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if s.n.Load() < attempts {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		check(r)
	})
	return s
}

func TestRetriedStreamWaitsForTheLastAttempt(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("0123456789abcdef"), 1<<19) // 8 MiB
	srv := earlyAnswer(t, 3, func(r *http.Request) {
		if b, err := io.ReadAll(r.Body); err != nil || !bytes.Equal(b, content) {
			t.Errorf("last attempt's body: %d bytes, %v", len(b), err)
		}
	})
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithRetryConfig(fastPolicy)})
	r := newRequest("Op", "Op", http.MethodPut, "/x")
	r.setStreamBody("application/octet-stream", &unlocked{bytes.NewReader(content)})
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || srv.n.Load() != 3 {
		t.Errorf("status %d after %d attempts, want 200 after 3", resp.StatusCode, srv.n.Load())
	}
}

func TestRetriedMultipartWaitsForTheLastAttempt(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("0123456789abcdef"), 1<<19)
	srv := earlyAnswer(t, 3, func(r *http.Request) {
		f, _, err := r.FormFile("file")
		if err != nil {
			t.Errorf("last attempt: %v", err)
			return
		}
		if b, _ := io.ReadAll(f); !bytes.Equal(b, content) {
			t.Errorf("last attempt's file: %d bytes", len(b))
		}
	})
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithRetryConfig(fastPolicy)})
	r := newRequest("Op", "Op", http.MethodPut, "/x")
	r.setMultipartBody([]formPart{filePart("file", File{Name: "f.bin", Content: &unlocked{bytes.NewReader(content)}})})
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || srv.n.Load() != 3 {
		t.Errorf("status %d after %d attempts, want 200 after 3", resp.StatusCode, srv.n.Load())
	}
}

func TestMultipartHeadersSentAsGivenOrRejected(t *testing.T) {
	t.Parallel()
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	for _, f := range []File{
		{Name: "a.png", ContentType: "image/png\r\nX-Injected: yes"},
		{Name: "a.png", ContentType: "image/png;\r\n\tx=y"},
		{Name: "a.png", ContentType: "not a media type"},
		{Name: "a.png\r\nContent-Type: text/html", ContentType: "image/png"},
		{Name: "a\x00.png"},
	} {
		f.Content = strings.NewReader("x")
		r := newRequest("Op", "Op", http.MethodPost, "/x")
		r.setMultipartBody([]formPart{filePart("avatar", f)})
		_, err := c.do(context.Background(), r, nil)
		if err == nil || !strings.Contains(err.Error(), `"avatar"`) {
			t.Errorf("%q, %q: err = %v, want one naming the field", f.Name, f.ContentType, err)
		}
	}
	if n := srv.n.Load(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestCookieParamSentAsGivenOrRejected(t *testing.T) {
	t.Parallel()
	var got atomic.Value
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) { got.Store(r.Header.Get("Cookie")) })
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	for _, v := range []string{"a;b=c", "a\r\nb", `a"b`, "a\\b", "é"} {
		r := newRequest("Op", "Op", http.MethodGet, "/x")
		r.cookies = append(r.cookies, &http.Cookie{Name: "session_hint", Value: v})
		_, err := c.do(context.Background(), r, nil)
		if err == nil || !strings.Contains(err.Error(), `"session_hint"`) {
			t.Errorf("value %q: err = %v, want one naming the parameter", v, err)
		}
	}
	if n := srv.n.Load(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	r := newRequest("Op", "Op", http.MethodGet, "/x")
	r.cookies = append(r.cookies, &http.Cookie{Name: "session_hint", Value: "a=b"})
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got.Load() != "session_hint=a=b" {
		t.Errorf("Cookie: %q", got.Load())
	}
}

func TestQueryCredentialNotInErrorChain(t *testing.T) {
	t.Parallel()
	const key = "sk_live_0123456789/abc"
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // connection refused
	c := newConfig(testServers(closed.URL), "", [][]string{{"q"}}, nil, []Option{
		withCredential("q", apiKeyCredential{in: "query", name: "api_key", key: key}),
	})
	_, err := c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/x"), nil)
	if err == nil {
		t.Fatal("no error")
	}
	forms := []string{key, url.QueryEscape(key), escapeQuery(key), "sk_live"}
	for e := err; e != nil; e = errors.Unwrap(e) {
		shown := fmt.Sprintf("%v|%+v|%#v|%s", e, e, e, e.Error())
		for _, f := range forms {
			if strings.Contains(shown, f) {
				t.Errorf("%T shows %q: %s", e, f, shown)
			}
		}
	}
	var ue *url.Error
	if !errors.As(err, &ue) || strings.Contains(ue.URL, "sk_live") || !strings.Contains(ue.URL, "api_key=") {
		t.Errorf("*url.Error in the chain: %#v", ue)
	}
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Errorf("the chain lost the cause: %#v", err)
	}
}

func TestCredentialHeadersDroppedOnRedirect(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	var mu sync.Mutex
	var got http.Header
	other := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.Header.Clone()
		mu.Unlock()
	}))
	other.Listener = l
	other.Start()
	t.Cleanup(other.Close)
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/y", http.StatusFound)
	})
	c := newConfig(testServers(srv.URL), "", [][]string{{"h", "ck"}}, nil, []Option{
		withCredential("h", apiKeyCredential{in: "header", name: "X-API-Key", key: "hdr-secret"}),
		withCredential("ck", apiKeyCredential{in: "cookie", name: "sid", key: "cookie-secret"}),
		WithHeader("X-Tenant-Token", "tenant-secret"),
	})
	resp, err := c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if got == nil {
		t.Fatal("the redirect was not followed")
	}
	for _, k := range []string{"X-Api-Key", "Cookie", "X-Tenant-Token"} {
		if v := got.Get(k); v != "" {
			t.Errorf("%s: %q reached another host", k, v)
		}
	}
}

func TestDefaultClientLimitsTheWaitForHeaders(t *testing.T) {
	t.Parallel()
	c := newConfig(testServers("http://127.0.0.1:1"), "", nil, nil, nil)
	hc, ok := c.httpClient.(*http.Client)
	if !ok {
		t.Fatalf("default client %T", c.httpClient)
	}
	tr, ok := hc.Transport.(*http.Transport)
	if !ok || tr.ResponseHeaderTimeout != time.Minute || hc.Timeout != 0 {
		t.Fatalf("default client: Timeout %v, transport %T", hc.Timeout, hc.Transport)
	}
	// The same with a shorter limit: a server that never answers fails the
	// attempt, and a body that arrives slowly is read whole.
	short := tr.Clone()
	short.ResponseHeaderTimeout = 100 * time.Millisecond
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stall" {
			<-r.Context().Done() // the client hangs up
			return
		}
		w.WriteHeader(200)
		for range 4 {
			io.WriteString(w, "slow ")
			w.(http.Flusher).Flush()
			time.Sleep(60 * time.Millisecond)
		}
	})
	c = newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(&http.Client{Transport: short})})
	start := time.Now()
	_, err := c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/stall"), nil)
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("stalled server: err = %v after %v", err, time.Since(start))
	}
	resp, err := c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/slow"), nil)
	if err != nil {
		t.Fatal(err)
	}
	text, err := decodeText(resp)
	if err != nil || text != strings.Repeat("slow ", 4) {
		t.Errorf("slow body = %q, %v", text, err)
	}
}

// TestKeepRedirect: an operation whose answer is a redirect gets the 3xx
// response, not followed, even through a caller's *http.Client; another
// operation's redirect is followed.
func TestKeepRedirect(t *testing.T) {
	t.Parallel()
	var followed atomic.Int32
	srv := newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/archive" {
			followed.Add(1)
			return
		}
		http.Redirect(w, r, "/archive", http.StatusFound)
	})
	for _, hc := range []*http.Client{nil, {}} {
		var opts []Option
		if hc != nil {
			opts = append(opts, WithHTTPClient(hc))
		}
		c := newConfig(testServers(srv.URL), "", nil, nil, opts)
		req := newRequest("Op", "Op", http.MethodGet, "/tarball")
		req.keepRedirect = true
		resp, err := c.do(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/archive" || followed.Load() != 0 {
			t.Errorf("kept: status %d, Location %q, followed %d times", resp.StatusCode, resp.Header.Get("Location"), followed.Load())
		}
		resp, err = c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/tarball"), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || followed.Load() != 1 {
			t.Errorf("not kept: status %d, followed %d times", resp.StatusCode, followed.Load())
		}
		followed.Store(0)
	}
}
