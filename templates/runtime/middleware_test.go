package runtime

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestMiddlewareOrderAndAttempts(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		case 2:
			if got := r.Header.Values("X-Trace"); strings.Join(got, ",") != "client,call" {
				t.Errorf("X-Trace = %q, want client then call", got)
			}
		}
		w.Header().Set("X-Answer", "yes")
	}))
	defer srv.Close()
	var order []string
	mark := func(name string) Middleware {
		return func(req *http.Request, next Next) (*http.Response, error) {
			order = append(order, name)
			req.Header.Add("X-Trace", name)
			return next(req)
		}
	}
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithRetryConfig(fastPolicy), WithMiddleware(mark("client"))})
	var resp *http.Response
	r := newRequest("Get", "Get", http.MethodGet, "/x")
	got, err := c.do(context.Background(), r, []CallOption{WithMiddleware(mark("call")), WithResponse(&resp)})
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(got)
	if want := "client call client call"; strings.Join(order, " ") != want {
		t.Errorf("middleware ran %q, want %q (once per attempt, in order)", order, want)
	}
	if resp == nil || resp.StatusCode != 200 || resp.Header.Get("X-Answer") != "yes" {
		t.Errorf("WithResponse got %+v, want the final 200", resp)
	}
	// The client's middleware alone on a call without options.
	order = nil
	got, err = c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(got)
	if strings.Join(order, " ") != "client" {
		t.Errorf("middleware ran %q, want client only", order)
	}
}

func TestMiddlewareAnswersItself(t *testing.T) {
	c := newConfig(testServers("http://127.0.0.1:1"), "", nil, nil, []Option{WithMiddleware(func(req *http.Request, _ Next) (*http.Response, error) {
		return &http.Response{StatusCode: 418, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
	})})
	resp, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 418 {
		t.Errorf("status %d, want the middleware's 418", resp.StatusCode)
	}
	stop := errors.New("stop")
	c = newConfig(testServers("http://127.0.0.1:1"), "", nil, nil, nil)
	_, err = c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), []CallOption{WithMiddleware(func(*http.Request, Next) (*http.Response, error) {
		return nil, stop
	})})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the middleware's", err)
	}
}

func TestWithResponseOnFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_1")
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	var resp *http.Response
	got, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), []CallOption{WithResponse(&resp)})
	if err != nil {
		t.Fatal(err)
	}
	_ = unexpectedStatus(got)
	if resp == nil || resp.StatusCode != 404 || resp.Header.Get("X-Request-Id") != "req_1" {
		t.Errorf("WithResponse got %+v, want the 404", resp)
	}
	// No response: nil, whatever it held before.
	srv.Close()
	if _, err := c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), []CallOption{WithResponse(&resp)}); err == nil {
		t.Fatal("no error from a closed server")
	}
	if resp != nil {
		t.Errorf("WithResponse kept %+v after a call without a response", resp)
	}
}

func TestDebugLogRedacts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=s3cr3t")
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newConfig(testServers(srv.URL), "", [][]string{{"bearer", "qry", "ck", "hdr"}}, nil, []Option{
		WithHTTPClient(srv.Client()),
		withCredential("bearer", bearerCredential("tok_bearer")),
		withCredential("qry", apiKeyCredential{in: "query", name: "key", key: "tok/query"}),
		withCredential("ck", apiKeyCredential{in: "cookie", name: "sid", key: "tok_cookie"}),
		withCredential("hdr", apiKeyCredential{in: "header", name: "X-Api-Key", key: "tok_header"}),
		WithDebugLog(logger),
	})
	r := newRequest("Create", "Create", http.MethodPost, "/things")
	r.query = "a=1"
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(resp)
	out := buf.String()
	for _, secret := range []string{"tok_bearer", "tok/query", "tok%2Fquery", "tok_cookie", "tok_header", "s3cr3t"} {
		if strings.Contains(out, secret) {
			t.Errorf("log shows %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"method=POST", "/things?a=1&key=[REDACTED]", "attempt=1", "status=201", "duration=", "header.Authorization=[REDACTED]", "header.X-Api-Key=[REDACTED]", "header.Cookie=[REDACTED]", "response_header.Set-Cookie=[REDACTED]", `response_header.X-Echo="Bearer [REDACTED]"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// Above debug level, nothing is logged.
	buf.Reset()
	quiet := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	resp, err = c.do(context.Background(), newRequest("Get", "Get", http.MethodGet, "/x"), []CallOption{WithDebugLog(quiet)})
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(resp)
	if buf.Len() != 0 {
		t.Errorf("logged at info level: %s", buf.String())
	}
}

func TestSetQuery(t *testing.T) {
	tests := []struct {
		q      string
		params []queryParam
		want   string
	}{
		{"", []queryParam{{"a", "1"}}, "a=1"},
		{"a=1&b=2&a=3", []queryParam{{"a", "x y"}}, "b=2&a=x%20y"},
		{"b%20c=2&d=4", []queryParam{{"b c", "new"}, {"e", "&"}}, "d=4&b%20c=new&e=%26"},
	}
	for _, tt := range tests {
		if got := setQuery(tt.q, tt.params); got != tt.want {
			t.Errorf("setQuery(%q, %v) = %q, want %q", tt.q, tt.params, got, tt.want)
		}
	}
	// Per call over the client's, on the wire.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "limit=5&extra=1&v=2" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithQueryParam("v", "1"), WithQueryParam("extra", "1")})
	r := newRequest("List", "List", http.MethodGet, "/x")
	r.query = "limit=5&v=0"
	resp, err := c.do(context.Background(), r, []CallOption{WithQueryParam("v", "2")})
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(resp)
}

func TestGlobals(t *testing.T) {
	type wire struct{ query, version, client string }
	got := make(chan wire, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- wire{r.URL.RawQuery, r.Header.Get("X-Version"), r.Header.Get("X-Client")}
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()),
		withGlobal("header", "X-Version", "1"), withGlobal("query", "tenant", "t 1"), withGlobal("header", "X-Client", "sdk")})
	tests := []struct {
		name   string
		query  string
		header map[string]string
		opts   []CallOption
		want   wire
	}{
		{"defaults", "", nil, nil, wire{"tenant=t%201", "1", "sdk"}},
		{"the operation's own parameters win", "tenant=mine", map[string]string{"X-Version": "op"}, nil, wire{"tenant=mine", "op", "sdk"}},
		{"a call's global", "a=1", nil, []CallOption{withGlobal("header", "X-Version", "2")}, wire{"a=1&tenant=t%201", "2", "sdk"}},
		{"cleared for a call", "", nil, []CallOption{withGlobal("query", "tenant", ""), withGlobal("header", "X-Client", "")}, wire{"", "1", ""}},
		{"WithHeader wins", "", map[string]string{"X-Version": "op"}, []CallOption{WithHeader("X-Version", "hdr")}, wire{"tenant=t%201", "hdr", "sdk"}},
	}
	for _, tt := range tests {
		r := newRequest("Get", "Get", http.MethodGet, "/x")
		r.query = tt.query
		for k, v := range tt.header {
			r.header.Set(k, v)
		}
		resp, err := c.do(context.Background(), r, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		_ = discardBody(resp)
		if w := <-got; w != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, w, tt.want)
		}
	}
}
