package clerk_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// The SDK against servers on loopback that do hostile or faulty things.

// countServer runs h, counting the requests.
func countServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int32)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(w, r, n.Add(1))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestCreateUserSentOnce: the spec retries 5XX and connection errors, but a
// create that reached the server is not sent again, whatever went wrong
// after.
func TestCreateUserSentOnce(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		respond func(w http.ResponseWriter, r *http.Request)
	}{
		{"dropped connection", func(w http.ResponseWriter, r *http.Request) {
			io.ReadAll(r.Body)
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
		}},
		{"503", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }},
	} {
		srv, n := countServer(t, func(w http.ResponseWriter, r *http.Request, _ int32) { tt.respond(w, r) })
		c := clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()), clerk.WithBearerAuth("sk_test_x"))
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err := c.Users.Create(ctx, clerk.CreateUserRequestBody{})
		cancel()
		if err == nil {
			t.Errorf("%s: no error", tt.name)
		}
		if got := n.Load(); got != 1 {
			t.Errorf("%s: %d POST /users reached the server for one Users.Create", tt.name, got)
		}
	}
}

func TestProfileImageHeadersNotInjected(t *testing.T) {
	t.Parallel()
	srv, n := countServer(t, func(w http.ResponseWriter, r *http.Request, _ int32) {})
	c := clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	for _, f := range []clerk.File{
		{Name: "a.png", ContentType: "image/png\r\nX-Injected: yes\r\n\r\nforged content"},
		{Name: "a.png\r\nX-Injected: yes", ContentType: "image/png"},
	} {
		f.Content = bytes.NewReader(testPNG)
		_, err := c.Users.SetProfileImage(context.Background(), "user_1", clerk.SetUserProfileImageRequestBody{File: &f})
		if err == nil || !strings.Contains(err.Error(), `"file"`) {
			t.Errorf("%q, %q: err = %v, want one naming the field", f.Name, f.ContentType, err)
		}
	}
	if got := n.Load(); got != 0 {
		t.Errorf("%d requests sent", got)
	}
}

// TestRetriedUploadWaitsForTheLastAttempt: the server answers 503 before
// reading the upload, so net/http may still be reading the file when the
// retry rewinds it (go test -race sees that).
func TestRetriedUploadWaitsForTheLastAttempt(t *testing.T) {
	t.Parallel()
	content := bytes.Repeat([]byte("0123456789abcdef"), 1<<19) // 8 MiB
	srv, n := countServer(t, func(w http.ResponseWriter, r *http.Request, n int32) {
		if n < 3 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(503)
			return
		}
		f, _, err := r.FormFile("file")
		if err != nil {
			t.Errorf("last attempt: %v", err)
			return
		}
		if b, _ := io.ReadAll(f); !bytes.Equal(b, content) {
			t.Errorf("last attempt's file: %d bytes", len(b))
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"user_1","object":"user"}`)
	})
	c := clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()), clerk.WithRetryConfig(clerk.RetryConfig{
		InitialInterval: time.Millisecond, Exponent: 1, StatusCodes: []string{"5XX"}, RetryConnectionErrors: true,
	}))
	file := clerk.File{Name: "big.bin", Content: &unlocked{bytes.NewReader(content)}}
	user, err := c.Users.SetProfileImage(context.Background(), "user_1", clerk.SetUserProfileImageRequestBody{File: &file},
		clerk.WithHeader("Idempotency-Key", "upload-1"))
	if err != nil || user.ID != "user_1" {
		t.Fatalf("SetProfileImage = %+v, %v", user, err)
	}
	if got := n.Load(); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
}

// unlocked hides a *bytes.Reader from net/http, which would rewind a copy
// of its own, and has no lock: a read racing a seek is a race.
type unlocked struct{ r *bytes.Reader }

func (u *unlocked) Read(p []byte) (int, error) { return u.r.Read(p) }

func (u *unlocked) Seek(off int64, whence int) (int64, error) { return u.r.Seek(off, whence) }
