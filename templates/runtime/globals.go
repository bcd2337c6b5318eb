package runtime

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// globalParam is a header or query parameter sent on every call unless the
// request already has one of that name, or a path parameter that fills the
// paths that name it (clientPath).
type globalParam struct {
	in          string // "header", "query" or "path"
	name, value string
}

// withGlobal sets the value of a global; "" stops sending it.
func withGlobal(in, name, value string) SharedOption {
	return sharedOptionFunc(func(s *callSettings) {
		g := make([]globalParam, 0, len(s.globals)+1)
		for _, p := range s.globals {
			if p.name != name || p.in != in {
				g = append(g, p)
			}
		}
		if value != "" {
			g = append(g, globalParam{in: in, name: name, value: value})
		}
		s.globals = g
	})
}

// globalHeaders sets the header globals that h does not have.
func globalHeaders(h http.Header, globals []globalParam) {
	for _, g := range globals {
		if _, ok := h[http.CanonicalHeaderKey(g.name)]; !ok && g.in == "header" {
			h.Set(g.name, g.value)
		}
	}
}

// globalQuery adds the query globals that the encoded query q does not
// have.
func globalQuery(q string, globals []globalParam) string {
	for _, g := range globals {
		if g.in == "query" && !hasQueryParam(q, g.name) {
			if q != "" {
				q += "&"
			}
			q += escapeQuery(g.name) + "=" + escapeQuery(g.value)
		}
	}
	return q
}

// hasQueryParam reports whether the encoded query q has a parameter name.
func hasQueryParam(q, name string) bool {
	for pair := range strings.SplitSeq(q, "&") {
		n, _, _ := strings.Cut(pair, "=")
		if u, err := url.QueryUnescape(n); err == nil && u == name {
			return true
		}
	}
	return false
}

// clientPath has the call fill the path's {name} with the value of the
// path global name, escaped as one segment; without a value the call fails
// before anything is sent, naming option, which sets it.
func (r *request) clientPath(name, option string) {
	before := r.fill
	r.fill = func(s *callSettings) error {
		if before != nil {
			if err := before(s); err != nil {
				return err
			}
		}
		value := ""
		for _, g := range s.globals {
			if g.in == "path" && g.name == name {
				value = g.value
			}
		}
		if value == "" {
			return fmt.Errorf("%s: path parameter %q has no value: set it with %s", r.name, name, option)
		}
		r.path = strings.ReplaceAll(r.path, "{"+name+"}", pathEscape(value))
		return nil
	}
}
