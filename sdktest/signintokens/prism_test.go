package signintokens_test

import (
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/generated/signintokens"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// prismMock is the Prism server the tests of this package share.
var prismMock = &prismtest.Mock{Spec: "spec/signintokens.yaml"}

func TestMain(m *testing.M) { os.Exit(prismMock.Run(m)) }

// prismClient returns a client that talks to Prism through rec.
func prismClient(t *testing.T, rec *prismtest.Recorder, opts ...signintokens.Option) *signintokens.Client {
	t.Helper()
	base := []signintokens.Option{
		signintokens.WithServerURL(prismMock.URL(t)),
		signintokens.WithHTTPClient(rec.Client()),
	}
	return signintokens.New(append(base, opts...)...)
}

// checkPrismToken asserts what the spec promises of a SignInToken.
func checkPrismToken(t *testing.T, tok *signintokens.SignInToken) {
	t.Helper()
	if tok == nil {
		t.Fatal("nil SignInToken and nil error")
	}
	if tok.Object != signintokens.SignInTokenObjectSignInToken {
		t.Errorf("Object = %q, want %q", tok.Object, signintokens.SignInTokenObjectSignInToken)
	}
	if !tok.Status.IsKnown() {
		t.Errorf("Status = %q, not one of the spec's values", tok.Status)
	}
	if tok.ID == "" || tok.UserID == "" {
		t.Errorf("ID = %q, UserID = %q; want both set", tok.ID, tok.UserID)
	}
	// Required integers: a zero would mean they were not decoded.
	if tok.CreatedAt == 0 || tok.UpdatedAt == 0 {
		t.Errorf("CreatedAt = %d, UpdatedAt = %d; want both decoded", tok.CreatedAt, tok.UpdatedAt)
	}
	if tok.Token == nil || *tok.Token == "" {
		t.Errorf("Token = %v, want the token Prism sends", tok.Token)
	}
	if u, ok := tok.URL.Get(); !ok || u == "" {
		t.Errorf("URL = %q (set %v), want the URL Prism sends", u, ok)
	}
}

func TestPrismCreate(t *testing.T) {
	cases := []struct {
		name string
		body signintokens.CreateSignInTokenRequestBody
	}{
		{"required only", signintokens.CreateSignInTokenRequestBody{UserID: "user_2abc"}},
		{"all set", signintokens.CreateSignInTokenRequestBody{
			UserID:           "user_2abc",
			OrgID:            signintokens.NewNullable("org_2xyz"),
			ExpiresInSeconds: signintokens.NewNullable(int64(3600)),
		}},
		{"explicit nulls", signintokens.CreateSignInTokenRequestBody{
			UserID:           "user_2abc",
			OrgID:            signintokens.Null[string](),
			ExpiresInSeconds: signintokens.Null[int64](),
		}},
		{"minimum", signintokens.CreateSignInTokenRequestBody{
			UserID:           "user_2abc",
			ExpiresInSeconds: signintokens.NewNullable(int64(1)),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := prismtest.Strict(t)
			client := prismClient(t, rec, signintokens.WithBearerAuth("sk_test_prism"))
			tok, err := client.SignInTokens.Create(prismtest.Context(t), tc.body)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			checkPrismToken(t, tok)
			if n := rec.Exchanges(); n != 1 {
				t.Errorf("%d HTTP exchanges, want 1", n)
			}
		})
	}
}

func TestPrismRevoke(t *testing.T) {
	for _, id := range []string{"sit_2abc", "sit with/odd?chars"} {
		t.Run(id, func(t *testing.T) {
			rec := prismtest.Strict(t)
			client := prismClient(t, rec, signintokens.WithBearerAuth("sk_test_prism"))
			tok, err := client.SignInTokens.Revoke(prismtest.Context(t), id)
			if err != nil {
				t.Fatalf("Revoke: %v", err)
			}
			checkPrismToken(t, tok)
		})
	}
}

// prismErrorClient returns a client for calls that are meant to fail, with
// retries off so that each failure is one exchange.
func prismErrorClient(t *testing.T, rec *prismtest.Recorder, opts ...signintokens.Option) *signintokens.Client {
	return prismClient(t, rec, append(opts, signintokens.WithRetryConfig(signintokens.RetryConfig{}))...)
}

func TestPrismCreateRejected(t *testing.T) {
	rec := prismtest.NewRecorder()
	client := prismErrorClient(t, rec, signintokens.WithBearerAuth("sk_test_prism"))
	tok, err := client.SignInTokens.Create(prismtest.Context(t), signintokens.CreateSignInTokenRequestBody{
		UserID:           "user_2abc",
		ExpiresInSeconds: signintokens.NewNullable(int64(0)), // the spec's minimum is 1
	})
	if err == nil {
		t.Fatalf("Create succeeded with expires_in_seconds 0: %+v", tok)
	}
	var clerkErrs *signintokens.ClerkErrors
	if !errors.As(err, &clerkErrs) {
		t.Fatalf("err = %T %v, want *ClerkErrors", err, err)
	}
	if len(clerkErrs.Errors) == 0 || clerkErrs.Errors[0].Message == "" {
		t.Errorf("ClerkErrors.Errors = %+v, want the spec's error decoded", clerkErrs.Errors)
	}
	var apiErr *signintokens.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T %v, want it to wrap *APIError", err, err)
	}
	if apiErr.StatusCode != http.StatusUnprocessableEntity || apiErr.OperationID != "CreateSignInToken" || len(apiErr.Body) == 0 {
		t.Errorf("APIError = %d %s, body %q; want 422 CreateSignInToken with the body", apiErr.StatusCode, apiErr.OperationID, apiErr.Body)
	}
	// Prism rejected the request for the reason the test means, and only
	// for it.
	vs := rec.RequestViolations()
	if len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.body.expires_in_seconds" || vs[0].Code != "minimum" {
		t.Errorf("violations %v, want one: minimum at request.body.expires_in_seconds", vs)
	}
	if n := rec.Exchanges(); n != 1 {
		t.Errorf("%d HTTP exchanges, want 1", n)
	}
}

func TestPrismMissingAuth(t *testing.T) {
	rec := prismtest.NewRecorder()
	client := prismErrorClient(t, rec) // no WithBearerAuth
	_, err := client.SignInTokens.Create(prismtest.Context(t), signintokens.CreateSignInTokenRequestBody{UserID: "user_2abc"})
	var apiErr *signintokens.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T %v, want *APIError", err, err)
	}
	if apiErr.StatusCode != http.StatusUnauthorized {
		t.Errorf("StatusCode = %d, want 401", apiErr.StatusCode)
	}
	if got := apiErr.Header.Get("WWW-Authenticate"); got != "Bearer" {
		t.Errorf("WWW-Authenticate = %q, want Bearer", got)
	}
	// 401 is not a response the spec declares, so there is no typed error.
	var clerkErrs *signintokens.ClerkErrors
	if errors.As(err, &clerkErrs) {
		t.Errorf("undeclared 401 decoded as *ClerkErrors: %v", err)
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || vs[0].Code != "UNAUTHORIZED" {
		t.Errorf("violations %v, want Prism's UNAUTHORIZED alone", vs)
	}
}

func TestPrismNotFound(t *testing.T) {
	calls := map[string]func(*signintokens.Client, *testing.T) error{
		"Create": func(c *signintokens.Client, t *testing.T) error {
			_, err := c.SignInTokens.Create(prismtest.Context(t), signintokens.CreateSignInTokenRequestBody{UserID: "user_2abc"},
				signintokens.WithHeader("Prefer", "code=404"))
			return err
		},
		"Revoke": func(c *signintokens.Client, t *testing.T) error {
			_, err := c.SignInTokens.Revoke(prismtest.Context(t), "sit_2abc", signintokens.WithHeader("Prefer", "code=404"))
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			// Prism validates before it picks the response: the request
			// itself must still be clean.
			rec := prismtest.Strict(t)
			err := call(prismErrorClient(t, rec, signintokens.WithBearerAuth("sk_test_prism")), t)
			var clerkErrs *signintokens.ClerkErrors
			if !errors.As(err, &clerkErrs) {
				t.Fatalf("err = %T %v, want *ClerkErrors", err, err)
			}
			if len(clerkErrs.Errors) == 0 {
				t.Errorf("ClerkErrors.Errors empty, want the spec's error decoded")
			}
			var apiErr *signintokens.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
				t.Errorf("err = %v, want *APIError with 404", err)
			}
		})
	}
}
