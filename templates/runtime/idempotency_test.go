package runtime

import (
	"context"
	"net/http"
	"regexp"
	"sync"
	"testing"
)

// uuidV4 is the form of a generated idempotency key.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// keyServer records the header of every request it gets, and answers each
// with the next of statuses (200 once they run out); a status of 0 drops the
// connection without an answer.
type keyServer struct {
	*counting
	mu   sync.Mutex
	seen []string
}

func newKeyServer(t *testing.T, header string, statuses ...int) *keyServer {
	s := &keyServer{}
	s.counting = newCounting(t, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.Header.Get(header))
		n := len(s.seen)
		s.mu.Unlock()
		status := http.StatusOK
		if n <= len(statuses) {
			status = statuses[n-1]
		}
		if status == 0 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		w.WriteHeader(status)
	})
	return s
}

func (s *keyServer) keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// call sends one POST; keyed makes it carry a key in header.
func (s *keyServer) call(t *testing.T, header string, keyed bool, set func(*request), opts ...CallOption) error {
	t.Helper()
	c := newConfig(testServers(s.URL), "", nil, nil, []Option{WithHTTPClient(s.Client()), WithRetryConfig(fastPolicy)})
	r := newRequest("Op", "Op", http.MethodPost, "/x")
	r.setBytesBody("application/json", []byte(`{}`))
	if set != nil {
		set(r)
	}
	if keyed {
		r.idempotent(header)
	}
	resp, err := c.do(context.Background(), r, opts)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func TestIdempotencyKeySameOnEveryAttempt(t *testing.T) {
	t.Parallel()
	srv := newKeyServer(t, "Idempotency-Key", 503, 503)
	if err := srv.call(t, "Idempotency-Key", true, nil); err != nil {
		t.Fatal(err)
	}
	keys := srv.keys()
	if len(keys) != 3 {
		t.Fatalf("%d attempts, want 3", len(keys))
	}
	if !uuidV4.MatchString(keys[0]) {
		t.Errorf("key %q is not a version 4 UUID", keys[0])
	}
	if keys[1] != keys[0] || keys[2] != keys[0] {
		t.Errorf("keys %q: want one key on every attempt", keys)
	}
	// Another call is another operation to the server: a new key.
	if err := srv.call(t, "Idempotency-Key", true, nil); err != nil {
		t.Fatal(err)
	}
	if k := srv.keys()[3]; k == keys[0] || !uuidV4.MatchString(k) {
		t.Errorf("second call's key %q, first's %q: want a new key", k, keys[0])
	}
}

func TestIdempotencyKeyCallerWins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  func(*request)
		opts []CallOption
	}{
		// The operation's own header parameter, which the method sets.
		{"parameter", func(r *request) { r.header.Set("Idempotency-Key", "mine") }, nil},
		{"WithHeader", nil, []CallOption{WithHeader("Idempotency-Key", "mine")}},
		{"WithHeader in another case", nil, []CallOption{WithHeader("idempotency-key", "mine")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newKeyServer(t, "Idempotency-Key", 503)
			if err := srv.call(t, "Idempotency-Key", true, tt.set, tt.opts...); err != nil {
				t.Fatal(err)
			}
			if keys := srv.keys(); len(keys) != 2 || keys[0] != "mine" || keys[1] != "mine" {
				t.Errorf("keys %q, want the caller's on both attempts", keys)
			}
		})
	}
}

func TestIdempotencyKeyMakesPostRetryableAfterDroppedConnection(t *testing.T) {
	t.Parallel()
	// Without a key the POST may have been acted on: it is not sent again.
	srv := newKeyServer(t, "Idempotency-Key", 0, 0)
	if err := srv.call(t, "Idempotency-Key", false, nil); err == nil {
		t.Error("no error after the connection dropped")
	}
	if keys := srv.keys(); len(keys) != 1 || keys[0] != "" {
		t.Errorf("without a key: requests %q, want one without a key", keys)
	}
	// With one the server acts on it once, however often it arrives.
	srv = newKeyServer(t, "Idempotency-Key", 0, 0)
	if err := srv.call(t, "Idempotency-Key", true, nil); err != nil {
		t.Fatal(err)
	}
	if keys := srv.keys(); len(keys) != 3 || keys[0] == "" || keys[1] != keys[0] || keys[2] != keys[0] {
		t.Errorf("with a key: requests %q, want 3 with one key", keys)
	}
}

func TestIdempotencyKeyInTheAPIsHeader(t *testing.T) {
	t.Parallel()
	srv := newKeyServer(t, "X-Idempotency-Key", 0)
	var sent http.Header
	err := srv.call(t, "X-Idempotency-Key", true, nil, WithMiddleware(func(req *http.Request, next Next) (*http.Response, error) {
		sent = req.Header.Clone()
		return next(req)
	}))
	if err != nil {
		t.Fatal(err)
	}
	if keys := srv.keys(); len(keys) != 2 || !uuidV4.MatchString(keys[0]) || keys[1] != keys[0] {
		t.Errorf("X-Idempotency-Key on the attempts: %q, want one key, retried", keys)
	}
	if v, ok := sent["Idempotency-Key"]; ok {
		t.Errorf("Idempotency-Key sent too: %q", v)
	}
}

func TestNoIdempotencyKeyUnlessAsked(t *testing.T) {
	t.Parallel()
	srv := newKeyServer(t, "Idempotency-Key")
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
		resp, err := c.do(context.Background(), newRequest("Op", "Op", method, "/x"), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if keys := srv.keys(); len(keys) != 2 || keys[0] != "" || keys[1] != "" {
		t.Errorf("keys %q, want none on a request that asks for none", keys)
	}
}
