package clerk_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// Every call sends the API version the spec describes (sdkgen.yaml's
// globals), unless the client or the call sets another.
func TestClerkAPIVersionGlobal(t *testing.T) {
	srv := newWireServer(t, 200, `[]`)
	base := []clerk.Option{clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()), clerk.WithBearerAuth("sk_test_x")}
	tests := []struct {
		name   string
		client []clerk.Option
		call   []clerk.CallOption
		want   []string // the header's values; none when empty
	}{
		{"default", nil, nil, []string{"2026-05-12"}},
		{"client", []clerk.Option{clerk.WithClerkAPIVersion("2025-04-10")}, nil, []string{"2025-04-10"}},
		{"call over client", []clerk.Option{clerk.WithClerkAPIVersion("2025-04-10")}, []clerk.CallOption{clerk.WithClerkAPIVersion("2024-10-01")}, []string{"2024-10-01"}},
		{"cleared", nil, []clerk.CallOption{clerk.WithClerkAPIVersion("")}, nil},
		{"WithHeader", nil, []clerk.CallOption{clerk.WithHeader("Clerk-API-Version", "2021-02-05")}, []string{"2021-02-05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clerk.New(append(base, tt.client...)...)
			var resp *http.Response
			if _, err := c.Users.List(context.Background(), nil, append(tt.call, clerk.WithResponse(&resp))...); err != nil {
				t.Fatal(err)
			}
			r := srv.last(t)
			got := r.Header.Values("Clerk-API-Version")
			if len(got) != len(tt.want) || (len(got) == 1 && got[0] != tt.want[0]) {
				t.Errorf("Clerk-API-Version %q, want %q", got, tt.want)
			}
			if r.RequestURI != "/users" || resp == nil || resp.StatusCode != 200 {
				t.Errorf("%s, response %+v", r.RequestURI, resp)
			}
		})
	}
}

// WithBearerAuthFunc asks for the token before every attempt: a rotated
// token is used from the next request on, and never shows in an error.
func TestClerkRotatingBearerToken(t *testing.T) {
	srv := newWireServer(t, 401, `{"errors":[{"message":"bad token","code":"authentication_invalid"}]}`)
	var current atomic.Value
	current.Store("sk_test_first")
	c := clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()), clerk.WithRetryConfig(clerk.RetryConfig{}),
		clerk.WithBearerAuthFunc(func(ctx context.Context) (string, error) { return current.Load().(string), nil }))
	for _, tok := range []string{"sk_test_first", "sk_test_second"} {
		current.Store(tok)
		_, err := c.Users.List(context.Background(), nil)
		var apiErr *clerk.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
			t.Fatalf("err = %v", err)
		}
		if got := srv.last(t).Header.Get("Authorization"); got != "Bearer "+tok {
			t.Errorf("Authorization %q, want the current token %q", got, tok)
		}
	}
	sealed := errors.New("secrets manager unavailable")
	current.Store("")
	c = clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()),
		clerk.WithBearerAuthFunc(func(ctx context.Context) (string, error) { return "", sealed }))
	_, err := c.Users.List(context.Background(), nil)
	var credErr *clerk.CredentialError
	if !errors.As(err, &credErr) || !errors.Is(err, sealed) || credErr.Scheme != "bearerAuth" {
		t.Errorf("err = %v, want a *CredentialError wrapping the function's", err)
	}
	srv.mu.Lock()
	sent := len(srv.reqs)
	srv.mu.Unlock()
	if sent != 0 {
		t.Errorf("%d requests sent without a credential", sent)
	}
}

// sdkgen.yaml names CLERK_SECRET_KEY for bearerAuth: New reads it when no
// option gives the credential; an option wins.
func TestClerkSecretKeyFromEnvironment(t *testing.T) {
	t.Setenv("CLERK_SECRET_KEY", "sk_test_env")
	srv := newWireServer(t, 200, `[]`)
	for _, tt := range []struct {
		name string
		opts []clerk.Option
		want string
	}{
		{"environment", nil, "Bearer sk_test_env"},
		{"option wins", []clerk.Option{clerk.WithBearerAuth("sk_test_option")}, "Bearer sk_test_option"},
	} {
		c := clerk.New(append([]clerk.Option{clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client())}, tt.opts...)...)
		if _, err := c.Users.List(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got := srv.last(t).Header.Get("Authorization"); got != tt.want {
			t.Errorf("%s: Authorization %q, want %q", tt.name, got, tt.want)
		}
	}
	t.Setenv("CLERK_SECRET_KEY", "")
	c := clerk.New(clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	if _, err := c.Users.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := srv.last(t).Header.Get("Authorization"); got != "" {
		t.Errorf("empty CLERK_SECRET_KEY: Authorization %q, want none", got)
	}
}
