package runtime

import (
	"fmt"
	"slices"
	"strings"
)

// serverTemplate is a server of the API description: a URL whose {name}
// variables are filled from the client's options or their defaults.
type serverTemplate struct {
	url  string
	vars []serverVar
}

// serverVar is one variable of a server template.
type serverVar struct {
	name, def string
	enum      []string // the allowed values; empty means any
}

// resolve fills the template's variables, from vars or their defaults.
func (t serverTemplate) resolve(vars map[string]string) (string, error) {
	u := t.url
	for _, v := range t.vars {
		val, ok := vars[v.name]
		if !ok {
			val = v.def
		}
		if len(v.enum) > 0 && !slices.Contains(v.enum, val) {
			return "", fmt.Errorf("server variable %s: %q is not one of %q", v.name, val, v.enum)
		}
		u = strings.ReplaceAll(u, "{"+v.name+"}", val)
	}
	return strings.TrimRight(u, "/"), nil
}

// withServerIndex selects the API's server at index i.
func withServerIndex(i int) Option {
	return optionFunc(func(c *config) { c.serverIndex, c.fixedURL = i, false })
}

// withServerVariable sets a server variable, for every server that has it.
func withServerVariable(name, value string) Option {
	return optionFunc(func(c *config) {
		vars := make(map[string]string, len(c.serverVars)+1)
		for k, v := range c.serverVars {
			vars[k] = v
		}
		vars[name] = value
		c.serverVars = vars
	})
}

// WithOperationServer sends a call of an operation that has servers of its
// own to the one at index i of its list (0, the first, by default). It has
// no effect on other operations, nor after WithServerURL, which sends every
// call to its URL.
//
//sdkgen:optional
func WithOperationServer(i int) CallOption {
	return callOptionFunc(func(s *callSettings) { s.opServer = i })
}

// baseURL is the URL r's path is appended to: the operation's own server
// unless WithServerURL named one, else the client's.
func (c *config) baseURL(r *request, s *callSettings) (string, error) {
	if len(r.servers) == 0 || c.fixedURL {
		if s.opServer != 0 && len(r.servers) == 0 {
			return "", fmt.Errorf("WithOperationServer(%d): the operation has no servers of its own", s.opServer)
		}
		return c.serverURL, nil
	}
	if s.opServer < 0 || s.opServer >= len(r.servers) {
		return "", fmt.Errorf("WithOperationServer(%d): the operation lists %d servers", s.opServer, len(r.servers))
	}
	return r.servers[s.opServer].resolve(c.serverVars)
}

// chooseServer sets the server URL from the selected server and variables,
// unless WithServerURL gave one.
func (c *config) chooseServer() {
	switch {
	case c.fixedURL:
	case len(c.servers) == 0 && c.serverIndex == 0:
		// The API names no server: WithServerURL must.
	case c.serverIndex < 0 || c.serverIndex >= len(c.servers):
		c.err = fmt.Errorf("WithServer(%d): the API lists %d servers", c.serverIndex, len(c.servers))
	default:
		u, err := c.servers[c.serverIndex].resolve(c.serverVars)
		c.serverURL, c.err = u, err
	}
}

// hasHost reports whether base is an absolute URL with a host. A spec's
// server relative to where the spec is served ("/api/v1", Swagger 2.0's
// basePath with no host), or none, leaves the client without one.
func hasHost(base string) bool {
	scheme, rest, ok := strings.Cut(base, "://")
	return ok && scheme != "" && rest != "" && rest[0] != '/'
}
