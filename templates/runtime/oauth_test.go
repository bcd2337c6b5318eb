package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// tokenEndpoint is an OAuth2 token endpoint that issues tok_1, tok_2, ...
type tokenEndpoint struct {
	*httptest.Server
	issued  atomic.Int32
	answer  func(w http.ResponseWriter, n int32) // nil: a token valid for an hour
	release chan struct{}                        // when set, each answer waits for it
	mu      sync.Mutex
	forms   []string
}

func newTokenEndpoint(t *testing.T) *tokenEndpoint {
	e := &tokenEndpoint{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			t.Errorf("token request %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
		}
		id, secret, _ := r.BasicAuth()
		_ = r.ParseForm()
		e.mu.Lock()
		e.forms = append(e.forms, id+":"+secret+" "+r.PostForm.Encode())
		e.mu.Unlock()
		if e.release != nil {
			<-e.release
		}
		n := e.issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if e.answer != nil {
			e.answer(w, n)
			return
		}
		fmt.Fprintf(w, `{"access_token":"tok_%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	t.Cleanup(e.Close)
	return e
}

// apiServer answers 200 to the tokens in valid, 401 to others, and records
// the Authorization of every request.
func apiServer(t *testing.T, valid func(auth string) bool) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization")+" "+string(b))
		mu.Unlock()
		if !valid(r.Header.Get("Authorization")) {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &seen
}

func TestTokenSourceCachesAndRefreshes(t *testing.T) {
	e := newTokenEndpoint(t)
	srv, seen := apiServer(t, func(string) bool { return true })
	ts := newTokenSource(e.URL+"/token", "client_credentials", "client 1", "s3cret&", nil, []string{"read", "write"})
	clock := time.Now()
	ts.now = func() time.Time { return clock }
	c := newConfig(testServers(srv.URL), "", [][]string{{"oauth"}}, nil, []Option{withCredential("oauth", ts)})
	call := func() {
		t.Helper()
		resp, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
		if err != nil {
			t.Fatal(err)
		}
		_ = discardBody(resp)
	}
	call()
	call()
	clock = clock.Add(59*time.Minute + 45*time.Second) // within the last 30s of the hour
	call()
	if got := strings.Join(*seen, "|"); got != "Bearer tok_1 |Bearer tok_1 |Bearer tok_2 " {
		t.Errorf("sent %q: want tok_1 cached, then renewed before it expires", got)
	}
	if got, want := strings.Join(e.forms, "|"), "client+1:s3cret%26 grant_type=client_credentials&scope=read+write"; !strings.HasPrefix(got, want) || len(e.forms) != 2 {
		t.Errorf("token requests %q, want two of %q", got, want)
	}
}

func TestTokenSourceOnceForConcurrentCallers(t *testing.T) {
	e := newTokenEndpoint(t)
	e.release = make(chan struct{})
	srv, seen := apiServer(t, func(string) bool { return true })
	c := newConfig(testServers(srv.URL), "", [][]string{{"oauth"}}, nil, []Option{
		withCredential("oauth", newTokenSource(e.URL, "client_credentials", "id", "secret", nil, nil))})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			resp, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
			if err != nil {
				t.Error(err)
				return
			}
			_ = discardBody(resp)
		})
	}
	time.Sleep(50 * time.Millisecond) // let them all wait for the one fetch
	close(e.release)
	wg.Wait()
	if n := e.issued.Load(); n != 1 {
		t.Errorf("%d token requests for 8 concurrent calls, want 1", n)
	}
	for _, s := range *seen {
		if s != "Bearer tok_1 " {
			t.Errorf("sent %q", s)
		}
	}
}

func TestTokenSourceRetries401Once(t *testing.T) {
	e := newTokenEndpoint(t)
	// tok_1 is revoked early; tok_2 works.
	srv, seen := apiServer(t, func(auth string) bool { return auth == "Bearer tok_2" })
	c := newConfig(testServers(srv.URL), "", [][]string{{"oauth"}}, nil, []Option{
		withCredential("oauth", newTokenSource(e.URL, "client_credentials", "id", "secret", nil, nil))})
	r := newRequest("Create", "Create", http.MethodPost, "/x")
	r.setBytesBody("application/json", []byte(`{"a":1}`))
	resp, err := c.do(context.Background(), r, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %v, %v", resp.Response, err)
	}
	_ = discardBody(resp)
	if got := strings.Join(*seen, "|"); got != `Bearer tok_1 {"a":1}|Bearer tok_2 {"a":1}` {
		t.Errorf("sent %q, want the same body again with a new token", got)
	}
	// A token that is refused again is not retried a second time.
	srv2, seen2 := apiServer(t, func(string) bool { return false })
	c2 := newConfig(testServers(srv2.URL), "", [][]string{{"oauth"}}, nil, []Option{
		withCredential("oauth", newTokenSource(e.URL, "client_credentials", "id", "secret", nil, nil))})
	resp, err = c2.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("status %v, %v", resp.Response, err)
	}
	_ = discardBody(resp)
	if len(*seen2) != 2 {
		t.Errorf("%d attempts, want 2 (one retry with a fresh token)", len(*seen2))
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	tests := []struct {
		name   string
		answer func(w http.ResponseWriter, n int32)
		check  func(t *testing.T, te *TokenError)
	}{
		{"error response", func(w http.ResponseWriter, _ int32) {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":"invalid_client","error_description":"bad secret s3cret"}`)
		}, func(t *testing.T, te *TokenError) {
			if te.StatusCode != 401 || te.Code != "invalid_client" || te.Description != "bad secret [REDACTED]" {
				t.Errorf("TokenError %+v", te)
			}
		}},
		{"no token", func(w http.ResponseWriter, _ int32) { fmt.Fprint(w, `{"token_type":"bearer"}`) }, func(t *testing.T, te *TokenError) {
			if te.StatusCode != 200 || te.Err == nil {
				t.Errorf("TokenError %+v", te)
			}
		}},
		{"not JSON", func(w http.ResponseWriter, _ int32) { fmt.Fprint(w, `<html>`) }, func(t *testing.T, te *TokenError) {
			if te.Err == nil || strings.Contains(te.Error(), "<html>") {
				t.Errorf("TokenError %v", te)
			}
		}},
		{"another token type", func(w http.ResponseWriter, _ int32) { fmt.Fprint(w, `{"access_token":"x","token_type":"mac"}`) }, func(t *testing.T, te *TokenError) {
			if te.Err == nil || !strings.Contains(te.Error(), "mac") {
				t.Errorf("TokenError %v", te)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTokenEndpoint(t)
			e.answer = tt.answer
			srv, seen := apiServer(t, func(string) bool { return true })
			c := newConfig(testServers(srv.URL), "", [][]string{{"oauth"}}, nil, []Option{
				withCredential("oauth", newTokenSource(e.URL, "client_credentials", "id", "s3cret", nil, nil))})
			_, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
			var te *TokenError
			var ce *CredentialError
			if !errors.As(err, &te) || !errors.As(err, &ce) || ce.Scheme != "oauth" {
				t.Fatalf("err = %v, want a *CredentialError wrapping a *TokenError", err)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the error shows the client secret: %v", err)
			}
			tt.check(t, te)
			if len(*seen) != 0 {
				t.Errorf("%d API requests without a token", len(*seen))
			}
		})
	}
}

func TestTokenSourcePasswordGrantAndRelativeURL(t *testing.T) {
	var form string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" { // "/oauth/token" against .../v1: the host's root
			_ = r.ParseForm()
			form = r.PostForm.Encode()
			fmt.Fprint(w, `{"access_token":"tok_p","expires_in":"120"}`)
			return
		}
		if r.Header.Get("Authorization") != "Bearer tok_p" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	ts := newTokenSource("/oauth/token", "password", "id", "", []string{"admin"}, []string{"read"}, "username", "ann", "password", "pw")
	c := newConfig(testServers(srv.URL+"/v1"), "", [][]string{{"oauth"}}, nil, []Option{withCredential("oauth", ts)})
	resp, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v, %v", resp.Response, err)
	}
	_ = discardBody(resp)
	if form != "grant_type=password&password=pw&scope=admin&username=ann" {
		t.Errorf("token form %q", form)
	}
	if !slicesContain(c.redactions(), "pw") || !slicesContain(c.redactions(), "tok_p") {
		t.Error("the password and the token are not redacted")
	}
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
