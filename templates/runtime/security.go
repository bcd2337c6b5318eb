package runtime

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
)

// credential is a configured secret for one security scheme.
type credential interface {
	// apply puts the credential on req; a credential that is a function
	// may fail, which fails the call before anything is sent.
	apply(c *config, req *http.Request) error
	secrets() []string
	header() string // the request header that carries it; "" for none
}

// withCredential returns an option that configures the credential of scheme.
func withCredential(scheme string, cred credential) Option {
	return optionFunc(func(c *config) {
		if c.credentials == nil {
			c.credentials = map[string]credential{}
		}
		c.credentials[scheme] = cred
	})
}

// authorize applies the first alternative of requirement whose schemes all
// have credentials. When none has, the request goes out without credentials
// and the server decides.
func (c *config) authorize(req *http.Request, requirement [][]string) error {
alternatives:
	for _, schemes := range requirement {
		for _, s := range schemes {
			if c.credentials[s] == nil {
				continue alternatives
			}
		}
		for _, s := range schemes {
			if err := c.credentials[s].apply(c, req); err != nil {
				return &CredentialError{Scheme: s, Err: err}
			}
		}
		return nil
	}
	return nil
}

// CredentialError is the error of a call whose credential could not be had:
// the function given for it failed, or an OAuth2 token could not be got
// (Err is then a *TokenError). Nothing was sent.
type CredentialError struct {
	Scheme string // the security scheme
	Err    error
}

func (e *CredentialError) Error() string {
	return fmt.Sprintf("credential for security scheme %q: %v", e.Scheme, e.Err)
}

func (e *CredentialError) Unwrap() error { return e.Err }

// maxLearned is how many of the secrets that credential functions returned
// are redacted from errors and logs: the latest ones.
const maxLearned = 16

// learn records a secret a credential function returned, for redaction.
func (c *config) learn(secret string) {
	c.learnedMu.Lock()
	defer c.learnedMu.Unlock()
	if secret == "" || slices.Contains(c.learned, secret) {
		return
	}
	if len(c.learned) == maxLearned {
		c.learned = slices.Delete(c.learned, 0, 1)
	}
	c.learned = append(c.learned, secret)
	forms := secretForms(append(slices.Clone(c.rawSecrets), c.learned...))
	c.learnedForms.Store(&forms)
}

// redactions lists every form of every secret the client knows of: the
// configured ones and those its credential functions returned.
func (c *config) redactions() []string {
	if p := c.learnedForms.Load(); p != nil {
		return *p
	}
	return c.secretList
}

// bearerFunc is a bearer token that a function returns for each request.
type bearerFunc func(ctx context.Context) (string, error)

func (f bearerFunc) apply(c *config, req *http.Request) error {
	tok, err := f(req.Context())
	if err != nil {
		return err
	}
	c.learn(tok)
	return bearerCredential(tok).apply(c, req)
}

func (bearerFunc) secrets() []string { return nil }

func (bearerFunc) header() string { return "Authorization" }

// basicFunc is a user name and password that a function returns for each
// request.
type basicFunc func(ctx context.Context) (username, password string, err error)

func (f basicFunc) apply(c *config, req *http.Request) error {
	u, p, err := f(req.Context())
	if err != nil {
		return err
	}
	cred := basicCredential{username: u, password: p}
	for _, s := range cred.secrets() {
		c.learn(s)
	}
	return cred.apply(c, req)
}

func (basicFunc) secrets() []string { return nil }

func (basicFunc) header() string { return "Authorization" }

// apiKeyFunc is an API key that a function returns for each request.
type apiKeyFunc struct {
	in, name string
	key      func(ctx context.Context) (string, error)
}

func (a apiKeyFunc) apply(c *config, req *http.Request) error {
	key, err := a.key(req.Context())
	if err != nil {
		return err
	}
	c.learn(key)
	return apiKeyCredential{in: a.in, name: a.name, key: key}.apply(c, req)
}

func (apiKeyFunc) secrets() []string { return nil }

func (a apiKeyFunc) header() string { return apiKeyCredential{in: a.in, name: a.name}.header() }

// bearerCredential is sent as "Authorization: Bearer <token>".
type bearerCredential string

func (b bearerCredential) apply(_ *config, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+string(b))
	return nil
}

func (b bearerCredential) secrets() []string { return []string{string(b)} }

func (bearerCredential) header() string { return "Authorization" }

// basicCredential is sent as HTTP basic authentication.
type basicCredential struct {
	username, password string
}

func (b basicCredential) apply(_ *config, req *http.Request) error {
	req.SetBasicAuth(b.username, b.password)
	return nil
}

// The user name is a secret too: some APIs pass their key as the user name.
// A server that echoes the header shows both in base64.
func (b basicCredential) secrets() []string {
	return []string{b.username, b.password, base64.StdEncoding.EncodeToString([]byte(b.username + ":" + b.password))}
}

func (basicCredential) header() string { return "Authorization" }

// apiKeyCredential is sent as a named header, query parameter or cookie.
type apiKeyCredential struct {
	in   string // "header", "query" or "cookie"
	name string
	key  string
}

// apply sends the key once under its name, as a header is set: two schemes
// of one requirement that name the same query parameter or cookie (one
// API's header and query keys declared twice) send it once, the last.
func (a apiKeyCredential) apply(_ *config, req *http.Request) error {
	switch a.in {
	case "query":
		name := escapeQuery(a.name)
		pairs := slices.DeleteFunc(strings.Split(req.URL.RawQuery, "&"), func(p string) bool {
			k, _, _ := strings.Cut(p, "=")
			return p == "" || k == name
		})
		req.URL.RawQuery = strings.Join(append(pairs, name+"="+escapeQuery(a.key)), "&")
	case "cookie":
		if cookies := req.Cookies(); slices.ContainsFunc(cookies, func(c *http.Cookie) bool { return c.Name == a.name }) {
			req.Header.Del("Cookie")
			for _, c := range cookies {
				if c.Name != a.name {
					req.AddCookie(c)
				}
			}
		}
		req.AddCookie(&http.Cookie{Name: a.name, Value: a.key})
	default:
		req.Header.Set(a.name, a.key)
	}
	return nil
}

func (a apiKeyCredential) secrets() []string { return []string{a.key} }

func (a apiKeyCredential) header() string {
	switch a.in {
	case "query":
		return ""
	case "cookie":
		return "Cookie"
	}
	return a.name
}

// secretForms lists every form in which the secrets may show in a URL or
// a body: as they are, percent-encoded, and JSON-escaped with and without
// the escapes of HTML characters and of "/". The longest come first, so
// that a shorter one cannot leave part of a longer one.
func secretForms(secrets []string) []string {
	var forms []string
	for _, s := range secrets {
		if s == "" {
			continue // it would match everywhere
		}
		html, _ := json.Marshal(s)
		plain, _ := marshalJSON(s)
		forms = append(forms, s, escapeQuery(s), url.QueryEscape(s))
		for _, j := range []string{string(html), string(plain)} {
			j = j[1 : len(j)-1]
			forms = append(forms, j, strings.ReplaceAll(j, "/", `\/`))
		}
	}
	slices.SortFunc(forms, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	return slices.Compact(forms)
}

// redact replaces every form of a secret in s; secrets is a secretForms list.
func redact(s string, secrets []string) string {
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, "[REDACTED]")
	}
	return s
}

// redactBody redacts a body. When it was cut short, a secret may have been
// cut too: the part of it left at the end is dropped.
func redactBody(b []byte, secrets []string, cut bool) []byte {
	s := redact(string(b), secrets)
	for _, secret := range secrets {
		if !cut {
			break
		}
		for n := len(secret) - 1; n > 0; n-- {
			if strings.HasSuffix(s, secret[:n]) {
				s = s[:len(s)-n]
				break
			}
		}
	}
	return []byte(s)
}

// redactHeader returns h, or a copy of it with the secrets redacted when
// some value holds one (a server may echo a credential back).
func redactHeader(h http.Header, secrets []string) http.Header {
	var out http.Header
	for k, vs := range h {
		for i, v := range vs {
			if r := redact(v, secrets); r != v {
				if out == nil {
					out = h.Clone()
				}
				out[k][i] = r
			}
		}
	}
	if out == nil {
		return h
	}
	return out
}

// checkRedirect is the redirect policy of the client's *http.Client: when a
// redirect leaves the server's scheme and host, it removes the headers of
// the credentials and of WithHeader before next, the policy it wraps (nil
// for net/http's own), has its say. net/http itself keeps some of them
// (Authorization to a subdomain, any other header anywhere). An operation
// whose answer is the redirect (keepRedirect) gets it, not followed.
func (c *config) checkRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if keep, _ := req.Context().Value(keepRedirect{}).(bool); keep {
			return http.ErrUseLastResponse
		}
		if from := via[0].URL; req.URL.Host != from.Host || req.URL.Scheme != from.Scheme {
			for _, k := range c.credentialHeaders {
				req.Header.Del(k)
			}
			call, _ := req.Context().Value(callHeader{}).(http.Header)
			for k := range call {
				req.Header.Del(k)
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// fromEnv is opt with the values of the environment variables vars, read
// when the client is made; when one of them is unset or empty, it does
// nothing. New puts it before the caller's options, so that an option for
// the same scheme wins.
//
//sdkgen:optional
func fromEnv(opt func(values ...string) Option, vars ...string) Option {
	return optionFunc(func(c *config) {
		values := make([]string, len(vars))
		for i, v := range vars {
			if values[i] = os.Getenv(v); values[i] == "" {
				return
			}
		}
		opt(values...).applyOption(c)
	})
}
