package runtime

import (
	"net/http"
	"net/url"
	"strings"
)

// globalParam is a header or query parameter sent on every call unless the
// request already has one of that name.
type globalParam struct {
	query       bool // a query parameter, else a header
	name, value string
}

// withGlobal sets the value of a global; "" stops sending it.
func withGlobal(in, name, value string) SharedOption {
	return sharedOptionFunc(func(s *callSettings) {
		g := make([]globalParam, 0, len(s.globals)+1)
		for _, p := range s.globals {
			if p.name != name || p.query != (in == "query") {
				g = append(g, p)
			}
		}
		if value != "" {
			g = append(g, globalParam{query: in == "query", name: name, value: value})
		}
		s.globals = g
	})
}

// globalHeaders sets the header globals that h does not have.
func globalHeaders(h http.Header, globals []globalParam) {
	for _, g := range globals {
		if _, ok := h[http.CanonicalHeaderKey(g.name)]; !ok && !g.query {
			h.Set(g.name, g.value)
		}
	}
}

// globalQuery adds the query globals that the encoded query q does not
// have.
func globalQuery(q string, globals []globalParam) string {
	for _, g := range globals {
		if g.query && !hasQueryParam(q, g.name) {
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
