package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// testServers is a server list of one URL without variables, or none.
func testServers(u string) []serverTemplate {
	if u == "" {
		return nil
	}
	return []serverTemplate{{url: u}}
}

// recorder is a loopback server that records the URL of each request it gets.
func recorder(t *testing.T) (*httptest.Server, *[]string) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.String())
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

// call sends GET path through c with opts and returns the error, if any.
func call(c *config, path string, servers []serverTemplate, opts ...CallOption) error {
	r := newRequest("Op", "Op", http.MethodGet, path)
	r.servers = servers
	resp, err := c.do(context.Background(), r, opts)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func TestServerVariablesAndIndex(t *testing.T) {
	srv, got := recorder(t)
	// Two servers on the one loopback host, told apart by a path variable.
	servers := []serverTemplate{
		{url: srv.URL + "/{region}/v{version}/", vars: []serverVar{
			{name: "region", def: "eu", enum: []string{"eu", "us"}},
			{name: "version", def: "1"},
		}},
		{url: srv.URL + "/sandbox"},
	}
	cases := []struct {
		opts []Option
		want string
	}{
		{nil, "/eu/v1/x"},
		{[]Option{withServerVariable("region", "us"), withServerVariable("version", "2")}, "/us/v2/x"},
		{[]Option{withServerIndex(1)}, "/sandbox/x"},
		{[]Option{withServerIndex(1), WithServerURL(srv.URL + "/direct")}, "/direct/x"},
		{[]Option{WithServerURL(srv.URL + "/direct"), withServerIndex(0)}, "/eu/v1/x"},
	}
	for i, tc := range cases {
		c := newConfig(servers, "", nil, nil, append(tc.opts, WithHTTPClient(srv.Client())))
		if err := call(c, "/x", nil); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if last := (*got)[len(*got)-1]; last != tc.want {
			t.Errorf("case %d: request to %s, want %s", i, last, tc.want)
		}
	}
}

func TestServerErrorsFailEveryCall(t *testing.T) {
	srv, got := recorder(t)
	servers := []serverTemplate{{url: srv.URL + "/{region}", vars: []serverVar{{name: "region", def: "eu", enum: []string{"eu", "us"}}}}}
	for _, tc := range []struct {
		opt  Option
		want string
	}{
		{withServerIndex(3), "Op: WithServer(3): the API lists 1 servers"},
		{withServerIndex(-2), "Op: WithServer(-2): the API lists 1 servers"},
		{withServerVariable("region", "mars"), `Op: server variable region: "mars" is not one of ["eu" "us"]`},
	} {
		c := newConfig(servers, "", nil, nil, []Option{tc.opt, WithHTTPClient(srv.Client())})
		if err := call(c, "/x", nil); err == nil || err.Error() != tc.want {
			t.Errorf("error %v, want %s", err, tc.want)
		}
	}
	if len(*got) != 0 {
		t.Errorf("requests sent despite the errors: %v", *got)
	}
}

func TestOperationServers(t *testing.T) {
	srv, got := recorder(t)
	api := []serverTemplate{{url: srv.URL + "/api"}}
	op := []serverTemplate{
		{url: srv.URL + "/files/{tenant}", vars: []serverVar{{name: "tenant", def: "acme"}}},
		{url: srv.URL + "/files-backup"},
	}
	c := newConfig(api, "", nil, nil, []Option{WithHTTPClient(srv.Client()), withServerVariable("tenant", "t1")})
	steps := []struct {
		servers []serverTemplate
		opts    []CallOption
		want    string
	}{
		{nil, nil, "/api/x"},
		{op, nil, "/files/t1/x"},
		{op, []CallOption{WithOperationServer(1)}, "/files-backup/x"},
	}
	for i, s := range steps {
		if err := call(c, "/x", s.servers, s.opts...); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if last := (*got)[len(*got)-1]; last != s.want {
			t.Errorf("step %d: request to %s, want %s", i, last, s.want)
		}
	}
	if err := call(c, "/x", op, WithOperationServer(2)); err == nil || err.Error() != "Op: WithOperationServer(2): the operation lists 2 servers" {
		t.Errorf("index out of range: %v", err)
	}
	if err := call(c, "/x", nil, WithOperationServer(1)); err == nil || !strings.Contains(err.Error(), "has no servers of its own") {
		t.Errorf("operation without servers: %v", err)
	}

	// WithServerURL sends every call, the operation's own too, to its URL.
	direct := newConfig(api, "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithServerURL(srv.URL + "/direct/")})
	if err := call(direct, "/x", op); err != nil {
		t.Fatal(err)
	}
	if last := (*got)[len(*got)-1]; last != "/direct/x" {
		t.Errorf("with WithServerURL: request to %s, want /direct/x", last)
	}
}

// TestNoHost: a call with no server URL, or one with no host, fails before
// anything is sent with an error that names the URL and wraps ErrNoServerURL.
func TestNoHost(t *testing.T) {
	for _, u := range []string{"", "/api/v1", "//host/v1"} {
		c := newConfig(testServers(u), "ua", nil, nil, nil)
		err := call(c, "/items", nil)
		if !errors.Is(err, ErrNoServerURL) || !strings.Contains(err.Error(), fmt.Sprintf("%q", strings.TrimRight(u, "/"))) {
			t.Errorf("server %q: got %v, want ErrNoServerURL naming the URL", u, err)
		}
	}
	// Another HTTPClient may serve a path alone.
	var got string
	c := newConfig(nil, "ua", nil, nil, []Option{WithHTTPClient(doerFunc(func(r *http.Request) (*http.Response, error) {
		got = r.URL.String()
		return &http.Response{StatusCode: 204, Body: http.NoBody, Request: r}, nil
	}))})
	if err := call(c, "/items", nil); err != nil || got != "/items" {
		t.Errorf("in-process client: got %q, %v; want /items sent", got, err)
	}
	for _, u := range []string{"http://localhost:1", "https://{region}.example.com"} {
		if !hasHost(u) {
			t.Errorf("hasHost(%q) = false", u)
		}
	}
}

// doerFunc is an HTTPClient made of a function.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
