package signintokens_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/generated/signintokens"
)

// Middleware, the debug log, WithResponse and WithQueryParam on the wire.

func TestMiddlewareOnTheWire(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request, attempt int) {
		if attempt == 0 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		reply(200, fullToken, "X-Request-Id", "req_2")(w, r, attempt)
	})
	var trace []string
	mw := func(name string) signintokens.Middleware {
		return func(req *http.Request, next signintokens.Next) (*http.Response, error) {
			req.Header.Add("X-Trace", name)
			resp, err := next(req)
			if resp != nil {
				trace = append(trace, name+":"+resp.Status[:3])
			}
			return resp, err
		}
	}
	c := srv.client(signintokens.WithRetryConfig(fastRetry), signintokens.WithMiddleware(mw("client1"), mw("client2")))
	var resp *http.Response
	// A POST is retried with an Idempotency-Key only.
	tok, err := c.SignInTokens.Revoke(context.Background(), "sit_1", signintokens.WithHeader("Idempotency-Key", "key_1"),
		signintokens.WithMiddleware(mw("call")), signintokens.WithResponse(&resp))
	if err != nil || tok.ID != "sit_1" {
		t.Fatalf("Revoke = %+v, %v", tok, err)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("server got %d requests, want 2 (one retry)", len(reqs))
	}
	for i, r := range reqs {
		if got := strings.Join(r.Header.Values("X-Trace"), ","); got != "client1,client2,call" {
			t.Errorf("attempt %d: X-Trace %q, want client1,client2,call", i, got)
		}
		if r.Header.Get("Authorization") != "Bearer "+token || r.RequestURI != "/sign_in_tokens/sit_1/revoke" {
			t.Errorf("attempt %d: %s with Authorization %q", i, r.RequestURI, r.Header.Get("Authorization"))
		}
	}
	// Innermost first on the way back, once per attempt.
	if got := strings.Join(trace, " "); got != "call:502 client2:502 client1:502 call:200 client2:200 client1:200" {
		t.Errorf("responses seen %q", got)
	}
	if resp == nil || resp.StatusCode != 200 || resp.Header.Get("X-Request-Id") != "req_2" {
		t.Errorf("WithResponse = %+v, want the final 200", resp)
	}
}

func TestWithResponseOnDeclaredError(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(404, clerkErrors, "X-Request-Id", "req_404"))
	var resp *http.Response
	_, err := srv.client().SignInTokens.Revoke(context.Background(), "sit_1", signintokens.WithResponse(&resp))
	var cerr *signintokens.ClerkErrors
	if !errors.As(err, &cerr) {
		t.Fatalf("err = %v, want *ClerkErrors", err)
	}
	if resp == nil || resp.StatusCode != 404 || resp.Header.Get("X-Request-Id") != "req_404" {
		t.Errorf("WithResponse = %+v, want the 404", resp)
	}
	if _, err := resp.Body.Read(make([]byte, 1)); err == nil {
		t.Error("the captured body is still readable: it should have been consumed")
	}
}

func TestDebugLogRedactsTheToken(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(200, fullToken, "X-Echo", "Bearer "+token))
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := srv.client(signintokens.WithDebugLog(logger))
	if _, err := c.SignInTokens.Revoke(context.Background(), "sit_1", signintokens.WithQueryParam("debug", token)); err != nil {
		t.Fatal(err)
	}
	if got := srv.only(t).RequestURI; got != "/sign_in_tokens/sit_1/revoke?debug="+token {
		t.Errorf("request URI %q", got)
	}
	out := buf.String()
	if strings.Contains(out, token) {
		t.Errorf("the log shows the token:\n%s", out)
	}
	for _, want := range []string{"level=DEBUG", "method=POST", `url="` + srv.URL + `/sign_in_tokens/sit_1/revoke?debug=[REDACTED]"`, "attempt=1", "status=200",
		"header.Authorization=[REDACTED]", `response_header.X-Echo="Bearer [REDACTED]"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
}

func TestQueryParamOverridesPerCall(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, reply(200, fullToken))
	c := srv.client(signintokens.WithQueryParam("a", "client"), signintokens.WithQueryParam("b", "client"))
	if _, err := c.SignInTokens.Revoke(context.Background(), "sit_1", signintokens.WithQueryParam("a", "call")); err != nil {
		t.Fatal(err)
	}
	if got := srv.only(t).RequestURI; got != "/sign_in_tokens/sit_1/revoke?b=client&a=call" {
		t.Errorf("request URI %q", got)
	}
}

// A body field, a query parameter and a header the spec does not describe;
// the raw body keeps a field the model does not.
func TestUndocumentedFieldsOnTheWire(t *testing.T) {
	t.Parallel()
	withExtra := strings.Replace(fullToken, `"object"`, `"beta_field":{"a":1},"object"`, 1)
	srv := newRecorder(t, reply(200, withExtra))
	var raw []byte
	tok, err := srv.client().SignInTokens.Create(context.Background(),
		signintokens.CreateSignInTokenRequestBody{UserID: "user_123", ExpiresInSeconds: signintokens.NewNullable(int64(60))},
		signintokens.WithBodyField("expires_in_seconds", nil), signintokens.WithBodyField("beta", []string{"x"}),
		signintokens.WithQueryParam("preview", "1"), signintokens.WithHeader("X-Preview", "yes"), signintokens.WithRawBody(&raw))
	if err != nil || tok.ID != "sit_1" {
		t.Fatalf("Create = %+v, %v", tok, err)
	}
	r := srv.only(t)
	if got, want := string(r.Body), `{"user_id":"user_123","expires_in_seconds":null,"beta":["x"]}`; got != want {
		t.Errorf("body %s, want %s", got, want)
	}
	if r.RequestURI != "/sign_in_tokens?preview=1" || r.Header.Get("X-Preview") != "yes" || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("%s, X-Preview %q, Content-Type %q", r.RequestURI, r.Header.Get("X-Preview"), r.Header.Get("Content-Type"))
	}
	if string(raw) != withExtra {
		t.Errorf("raw body %s, want %s", raw, withExtra)
	}
	extra, err := signintokens.UnknownFields(raw, tok)
	if err != nil || len(extra) != 1 || string(extra["beta_field"]) != `{"a":1}` {
		t.Errorf("UnknownFields = %q, %v; want beta_field only", extra, err)
	}
	var beta struct{ A int }
	if err := json.Unmarshal(extra["beta_field"], &beta); err != nil || beta.A != 1 {
		t.Errorf("beta_field = %+v, %v", beta, err)
	}
}
