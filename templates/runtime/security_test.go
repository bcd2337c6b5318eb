package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		s       string
		secrets []string
		want    string
	}{
		{"no secrets here", nil, "no secrets here"},
		{"token sk_test_x in text", []string{"sk_test_x"}, "token [REDACTED] in text"},
		{"sk_test_x twice sk_test_x", []string{"sk_test_x"}, "[REDACTED] twice [REDACTED]"},
		{"user u and pass p@ss", []string{"user-1", "p@ss"}, "user u and pass [REDACTED]"},
		// A secret in a URL appears escaped.
		{"GET /x?key=a%2Fb%20c", []string{"a/b c"}, "GET /x?key=[REDACTED]"},
		{"raw a/b c and escaped a%2Fb%20c", []string{"a/b c"}, "raw [REDACTED] and escaped [REDACTED]"},
		// An empty secret must not match everywhere.
		{"abc", []string{""}, "abc"},
	}
	for _, tt := range tests {
		if got := redact(tt.s, secretForms(tt.secrets)); got != tt.want {
			t.Errorf("redact(%q, %q) = %q, want %q", tt.s, tt.secrets, got, tt.want)
		}
	}
}

func TestAuthorize(t *testing.T) {
	c := newConfig(testServers("http://127.0.0.1"), "", nil, nil, []Option{
		withCredential("bearer", bearerCredential("tok")),
		withCredential("basic", basicCredential{username: "u", password: "p"}),
		withCredential("hdr", apiKeyCredential{in: "header", name: "X-Key", key: "k1"}),
		withCredential("qry", apiKeyCredential{in: "query", name: "api key", key: "k 2"}),
		withCredential("ck", apiKeyCredential{in: "cookie", name: "sid", key: "k3"}),
		withCredential("qry2", apiKeyCredential{in: "query", name: "api key", key: "k 2"}),
		withCredential("ck2", apiKeyCredential{in: "cookie", name: "sid", key: "k3"}),
	})
	tests := []struct {
		name        string
		requirement [][]string
		check       func(t *testing.T, req *http.Request)
	}{
		{"bearer", [][]string{{"bearer"}}, func(t *testing.T, req *http.Request) {
			if got := req.Header.Get("Authorization"); got != "Bearer tok" {
				t.Errorf("Authorization = %q", got)
			}
		}},
		{"first satisfiable alternative", [][]string{{"missing"}, {"basic"}, {"bearer"}}, func(t *testing.T, req *http.Request) {
			if u, p, ok := req.BasicAuth(); !ok || u != "u" || p != "p" {
				t.Errorf("BasicAuth = %q, %q, %v", u, p, ok)
			}
		}},
		{"all schemes of an alternative", [][]string{{"hdr", "qry", "ck"}}, func(t *testing.T, req *http.Request) {
			if got := req.Header.Get("X-Key"); got != "k1" {
				t.Errorf("X-Key = %q", got)
			}
			if got := req.URL.RawQuery; got != "a=1&api%20key=k%202" {
				t.Errorf("RawQuery = %q", got)
			}
			if ck, err := req.Cookie("sid"); err != nil || ck.Value != "k3" {
				t.Errorf("cookie sid = %v, %v", ck, err)
			}
		}},
		{"two schemes of one name send it once", [][]string{{"qry", "ck", "qry2", "ck2"}}, func(t *testing.T, req *http.Request) {
			if got := req.URL.RawQuery; got != "a=1&api%20key=k%202" {
				t.Errorf("RawQuery = %q", got)
			}
			if got := req.Header.Values("Cookie"); len(got) != 1 || got[0] != "sid=k3" {
				t.Errorf("Cookie = %q", got)
			}
		}},
		{"none satisfiable sends nothing", [][]string{{"missing"}, {"bearer", "missing"}}, func(t *testing.T, req *http.Request) {
			if len(req.Header) != 0 || req.URL.RawQuery != "a=1" {
				t.Errorf("header %v, query %q", req.Header, req.URL.RawQuery)
			}
		}},
		{"empty requirement sends nothing", nil, func(t *testing.T, req *http.Request) {
			if len(req.Header) != 0 {
				t.Errorf("header %v", req.Header)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://127.0.0.1/x?a=1", nil)
			req.Header = http.Header{}
			c.authorize(req, tt.requirement)
			tt.check(t, req)
		})
	}
	secrets := strings.Join(c.secretList, " ")
	for _, s := range []string{"tok", "u", "p", "k1", "k 2", "k3"} {
		if !strings.Contains(" "+secrets+" ", " "+s+" ") {
			t.Errorf("secrets() = %q, missing %q", secrets, s)
		}
	}
}

func TestCredentialFuncs(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Authorization")+" "+r.Header.Get("X-Key")+" "+r.URL.RawQuery)
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"echo":"`+r.Header.Get("X-Key")+`"}`)
	}))
	defer srv.Close()
	n := 0
	c := newConfig(testServers(srv.URL), "", [][]string{{"bearer", "hdr", "qry"}}, nil, []Option{
		WithHTTPClient(srv.Client()),
		withCredential("bearer", bearerFunc(func(ctx context.Context) (string, error) {
			n++
			return fmt.Sprintf("tok_%d", n), nil
		})),
		withCredential("hdr", apiKeyFunc{in: "header", name: "X-Key", key: func(context.Context) (string, error) { return "key_1", nil }}),
		withCredential("qry", apiKeyFunc{in: "query", name: "k", key: func(context.Context) (string, error) { return "q/1", nil }}),
	})
	for range 2 {
		resp, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
		if err != nil {
			t.Fatal(err)
		}
		apiErr := readAPIError(resp)
		if msg := apiErr.Error() + strings.Join(apiErr.Header["X-Echo"], ""); strings.Contains(msg, "tok_") || strings.Contains(msg, "key_1") {
			t.Errorf("the error shows a secret a function returned: %s", msg)
		}
	}
	if want := "Bearer tok_1 key_1 k=q%2F1|Bearer tok_2 key_1 k=q%2F1"; strings.Join(seen, "|") != want {
		t.Errorf("sent %q, want %q (the function asked on every request)", strings.Join(seen, "|"), want)
	}

	// A failing function fails the call before anything is sent.
	boom := errors.New("vault sealed")
	c = newConfig(testServers(srv.URL), "", [][]string{{"basic"}}, nil, []Option{WithHTTPClient(srv.Client()),
		withCredential("basic", basicFunc(func(context.Context) (string, string, error) { return "", "", boom }))})
	_, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
	var credErr *CredentialError
	if !errors.Is(err, boom) || !errors.As(err, &credErr) || credErr.Scheme != "basic" {
		t.Errorf("err = %v, want a *CredentialError for basic wrapping the function's", err)
	}
	if len(seen) != 2 {
		t.Errorf("%d requests sent, want 2", len(seen))
	}
}
