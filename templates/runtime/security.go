package runtime

import (
	"net/http"
	"strings"
)

// credential is a configured secret for one security scheme.
type credential interface {
	apply(req *http.Request)
	secrets() []string
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
func (c *config) authorize(req *http.Request, requirement [][]string) {
alternatives:
	for _, schemes := range requirement {
		for _, s := range schemes {
			if c.credentials[s] == nil {
				continue alternatives
			}
		}
		for _, s := range schemes {
			c.credentials[s].apply(req)
		}
		return
	}
}

// secrets lists every configured secret, so that error messages can hide them.
func (c *config) secrets() []string {
	var out []string
	for _, cred := range c.credentials {
		out = append(out, cred.secrets()...)
	}
	return out
}

// bearerCredential is sent as "Authorization: Bearer <token>".
type bearerCredential string

func (b bearerCredential) apply(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+string(b))
}

func (b bearerCredential) secrets() []string { return []string{string(b)} }

// basicCredential is sent as HTTP basic authentication.
type basicCredential struct {
	username, password string
}

func (b basicCredential) apply(req *http.Request) { req.SetBasicAuth(b.username, b.password) }

// The user name is a secret too: some APIs pass their key as the user name.
func (b basicCredential) secrets() []string { return []string{b.username, b.password} }

// apiKeyCredential is sent as a named header, query parameter or cookie.
type apiKeyCredential struct {
	in   string // "header", "query" or "cookie"
	name string
	key  string
}

func (a apiKeyCredential) apply(req *http.Request) {
	switch a.in {
	case "query":
		q := req.URL.RawQuery
		if q != "" {
			q += "&"
		}
		req.URL.RawQuery = q + escapeQuery(a.name) + "=" + escapeQuery(a.key)
	case "cookie":
		req.AddCookie(&http.Cookie{Name: a.name, Value: a.key})
	default:
		req.Header.Set(a.name, a.key)
	}
}

func (a apiKeyCredential) secrets() []string { return []string{a.key} }

// redact replaces every secret in s.
func redact(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[REDACTED]")
			if esc := escapeQuery(secret); esc != secret {
				s = strings.ReplaceAll(s, esc, "[REDACTED]")
			}
		}
	}
	return s
}
