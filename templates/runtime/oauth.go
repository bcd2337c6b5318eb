package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TokenError is the error of an OAuth2 token request that did not give a
// token: the token endpoint's error response (RFC 6749, 5.2), or an answer
// the SDK cannot use. A call that needed the token fails with a
// *CredentialError that wraps it; nothing was sent.
//
//sdkgen:optional
type TokenError struct {
	StatusCode  int    // the token endpoint's status; 0 when it gave no answer
	Code        string // its "error": invalid_client, invalid_grant, invalid_scope, ...
	Description string // its "error_description", redacted
	Err         error  // what went wrong otherwise: a network failure, an undecodable body
}

func (e *TokenError) Error() string {
	msg := "oauth2 token request failed"
	if e.StatusCode != 0 {
		msg += ": " + strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode)
	}
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + clip(e.Description, maxErrorBody)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *TokenError) Unwrap() error { return e.Err }

// tokenSource gets OAuth2 access tokens from a token endpoint, caches each
// until shortly before it expires, and fetches once for all the callers
// that need a new one at the same time.
//
//sdkgen:optional
type tokenSource struct {
	tokenURL               string
	clientID, clientSecret string
	form                   url.Values // grant_type, scope and the grant's own parameters

	mu      sync.Mutex
	token   string
	expiry  time.Time   // zero when the endpoint gave no lifetime
	pending *tokenFetch // the fetch in flight, if any
	now     func() time.Time
}

// tokenFetch is a token request in flight, which callers wait for.
type tokenFetch struct {
	done  chan struct{}
	token string
	err   error
}

// newTokenSource returns a source of tokens from tokenURL for grant (with
// the grant's parameters in pairs), asking for scopes, or for defaults
// when there are none.
//
//sdkgen:optional
func newTokenSource(tokenURL, grant, clientID, clientSecret string, scopes, defaults []string, params ...string) *tokenSource {
	form := url.Values{"grant_type": {grant}}
	if len(scopes) == 0 {
		scopes = defaults
	}
	if len(scopes) > 0 {
		form.Set("scope", strings.Join(scopes, " "))
	}
	for i := 0; i+1 < len(params); i += 2 {
		form.Set(params[i], params[i+1])
	}
	return &tokenSource{tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, form: form, now: time.Now}
}

func (t *tokenSource) apply(c *config, req *http.Request) error {
	tok, err := t.get(c, req.Context())
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	return nil
}

func (t *tokenSource) secrets() []string {
	return []string{t.clientSecret, t.form.Get("password")}
}

func (*tokenSource) header() string { return "Authorization" }

// get returns a token that is not about to expire, fetching one if need
// be. A caller that waits for another's fetch shares its result, unless
// that caller gave up (its context ended), when it fetches itself.
func (t *tokenSource) get(c *config, ctx context.Context) (string, error) {
	for {
		t.mu.Lock()
		if t.token != "" && (t.expiry.IsZero() || t.now().Before(t.expiry)) {
			tok := t.token
			t.mu.Unlock()
			return tok, nil
		}
		if f := t.pending; f != nil {
			t.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			if f.err != nil && (errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded)) {
				continue // its caller gave up, not the endpoint
			}
			return f.token, f.err
		}
		f := &tokenFetch{done: make(chan struct{})}
		t.pending = f
		t.mu.Unlock()

		tok, lifetime, err := t.fetch(c, ctx)
		t.mu.Lock()
		t.pending = nil
		if err == nil {
			c.learn(tok)
			t.token, t.expiry = tok, time.Time{}
			if lifetime > 0 {
				// Renewed a little early, so that a token never expires on
				// its way to the server.
				t.expiry = t.now().Add(lifetime - min(30*time.Second, lifetime/4))
			}
		}
		t.mu.Unlock()
		f.token, f.err = tok, err
		close(f.done)
		return tok, err
	}
}

// invalidate forgets the token when it is the one an answer 401 rejected
// (sent as "Bearer <token>"), and reports whether the token came from this
// source, so that the request may be sent once more with a new one.
func (t *tokenSource) invalidate(authorization string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token == "" || authorization != "Bearer "+t.token {
		return false
	}
	t.token = ""
	return true
}

// maxTokenBody bounds the token endpoint's answer the SDK reads.
const maxTokenBody = 64 << 10

// fetch asks the token endpoint for a token, and returns it with its
// lifetime (0 when the answer gives none).
func (t *tokenSource) fetch(c *config, ctx context.Context) (string, time.Duration, error) {
	// A relative token URL is resolved against the server URL (RFC 3986).
	u, err := url.Parse(t.tokenURL)
	if err == nil && !u.IsAbs() {
		var base *url.URL
		if base, err = url.Parse(c.serverURL); err == nil {
			u = base.ResolveReference(u)
		}
	}
	if err != nil {
		return "", 0, &TokenError{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(t.form.Encode()))
	if err != nil {
		return "", 0, &TokenError{Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749, 2.3.1: the client's credentials, form-encoded, as basic
	// authentication.
	req.SetBasicAuth(url.QueryEscape(t.clientID), url.QueryEscape(t.clientSecret))
	resp, err := c.httpClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", 0, ctx.Err()
		}
		return "", 0, &TokenError{Err: c.requestError("oauth2 token", err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody))
	if err != nil {
		return "", 0, &TokenError{StatusCode: resp.StatusCode, Err: c.requestError("oauth2 token", err)}
	}
	var answer struct {
		AccessToken string          `json:"access_token"`
		TokenType   string          `json:"token_type"`
		ExpiresIn   json.RawMessage `json:"expires_in"`
		Error       string          `json:"error"`
		Description string          `json:"error_description"`
	}
	decodeErr := json.Unmarshal(body, &answer)
	if resp.StatusCode/100 != 2 {
		return "", 0, &TokenError{StatusCode: resp.StatusCode, Code: redact(answer.Error, c.redactions()), Description: redact(answer.Description, c.redactions())}
	}
	switch {
	case decodeErr != nil:
		return "", 0, &TokenError{StatusCode: resp.StatusCode, Err: decodeFailure("token response", decodeErr, &answer)}
	case answer.AccessToken == "":
		return "", 0, &TokenError{StatusCode: resp.StatusCode, Err: errors.New("the answer has no access_token")}
	case answer.TokenType != "" && !strings.EqualFold(answer.TokenType, "bearer"):
		return "", 0, &TokenError{StatusCode: resp.StatusCode, Err: fmt.Errorf("token_type %q is not bearer", answer.TokenType)}
	}
	// expires_in is a number of seconds; some servers send it as a string.
	secs, err := strconv.ParseInt(strings.Trim(string(answer.ExpiresIn), `"`), 10, 64)
	if err != nil || secs <= 0 {
		return answer.AccessToken, 0, nil
	}
	return answer.AccessToken, time.Duration(min(secs, int64(365*24*time.Hour/time.Second))) * time.Second, nil
}

// retryUnauthorized reports whether a call answered 401 may be sent once
// more: the token it carried came from one of the client's token sources,
// which has now forgotten it.
func (c *config) retryUnauthorized(resp *http.Response) bool {
	if resp.Request == nil {
		return false
	}
	sent := resp.Request.Header.Get("Authorization")
	for _, cred := range c.credentials {
		// Not *tokenSource: an SDK without OAuth2 flows has no such type.
		if ts, ok := cred.(interface{ invalidate(string) bool }); ok && ts.invalidate(sent) {
			return true
		}
	}
	return false
}
