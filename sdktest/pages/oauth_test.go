package pages_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sdkgen/sdkgen/generated/pages"
)

// oauthServer is the API and its OAuth2 token endpoint (/oauth/token, the
// spec's relative tokenUrl against the server's root). It issues tok_1,
// tok_2, ... valid for lifetime seconds, and accepts the tokens accept says.
type oauthServer struct {
	*httptest.Server
	tokens   atomic.Int32
	lifetime int
	tokenErr string // when set, the token endpoint answers 400 with this error
	accept   func(token string) bool
	mu       sync.Mutex
	log      []string
}

func newOAuthServer(t *testing.T, lifetime int) *oauthServer {
	s := &oauthServer{lifetime: lifetime, accept: func(string) bool { return true }}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/oauth/token" {
			_ = r.ParseForm()
			id, secret, _ := r.BasicAuth()
			s.record(fmt.Sprintf("token %s:%s %s", id, secret, r.PostForm.Encode()))
			if s.tokenErr != "" {
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"error":%q,"error_description":"no"}`, s.tokenErr)
				return
			}
			time.Sleep(20 * time.Millisecond) // long enough for concurrent callers to meet
			fmt.Fprintf(w, `{"access_token":"tok_%d","token_type":"bearer","expires_in":%d}`, s.tokens.Add(1), s.lifetime)
			return
		}
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.record(r.Method + " " + r.RequestURI + " " + tok)
		if !s.accept(tok) {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{}`)
			return
		}
		writeJSON(w, items(0, 1))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *oauthServer) record(line string) {
	s.mu.Lock()
	s.log = append(s.log, line)
	s.mu.Unlock()
}

func (s *oauthServer) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.log)
	s.log = nil
	return out
}

func (s *oauthServer) client() *pages.Client {
	return pages.New(pages.WithServerURL(s.URL+"/v1"), pages.WithHTTPClient(s.Client()), pages.WithRetryConfig(pages.RetryConfig{}),
		pages.WithOAuthClientCredentials("client_1", "secret_1"))
}

func TestOAuthClientCredentials(t *testing.T) {
	s := newOAuthServer(t, 2) // a two-second token: renewed in the last quarter of its life
	c := s.client()
	list := func() {
		t.Helper()
		if _, err := c.Items.ListLink(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	list()
	list()
	want := []string{"token client_1:secret_1 grant_type=client_credentials&scope=items%3Aread", "GET /v1/link tok_1", "GET /v1/link tok_1"}
	if got := s.lines(); !slices.Equal(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	time.Sleep(1600 * time.Millisecond) // past the renewal point, before it expires
	list()
	if got := s.lines(); len(got) != 2 || !strings.HasPrefix(got[0], "token ") || got[1] != "GET /v1/link tok_2" {
		t.Errorf("after the renewal point: %q", got)
	}
}

func TestOAuthConcurrentCallersShareOneToken(t *testing.T) {
	s := newOAuthServer(t, 3600)
	c := s.client()
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.Items.ListLink(context.Background(), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := s.tokens.Load(); n != 1 {
		t.Errorf("%d token requests for 10 concurrent calls, want 1", n)
	}
}

func TestOAuthRetries401OnceWithANewToken(t *testing.T) {
	s := newOAuthServer(t, 3600)
	s.accept = func(tok string) bool { return tok != "tok_1" } // revoked early
	c := s.client()
	if _, err := c.Items.ListLink(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := s.lines()
	want := []string{"GET /v1/link tok_1", "GET /v1/link tok_2"}
	if len(got) != 4 || got[1] != want[0] || got[3] != want[1] {
		t.Errorf("got %q, want a token, %s, a new token, %s", got, want[0], want[1])
	}
	// Refused again: one retry only, then the 401 as an error.
	s.accept = func(string) bool { return false }
	_, err := c.Items.ListLink(context.Background(), nil)
	var apiErr *pages.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Fatalf("err = %v", err)
	}
	if n := len(s.lines()); n != 3 { // the request, a new token, the request
		t.Errorf("%d requests, want 3", n)
	}
}

func TestOAuthTokenEndpointError(t *testing.T) {
	s := newOAuthServer(t, 3600)
	s.tokenErr = "invalid_client"
	_, err := s.client().Items.ListLink(context.Background(), nil)
	var te *pages.TokenError
	var ce *pages.CredentialError
	if !errors.As(err, &te) || !errors.As(err, &ce) || te.StatusCode != 400 || te.Code != "invalid_client" || ce.Scheme != "oauth" {
		t.Fatalf("err = %v, want a *CredentialError wrapping a *TokenError", err)
	}
	if strings.Contains(err.Error(), "secret_1") {
		t.Errorf("the error shows the client secret: %v", err)
	}
	if got := s.lines(); len(got) != 1 {
		t.Errorf("requests %q: want only the token request", got)
	}
}
