package runtime

import (
	"strconv"
	"strings"
)

// query builds a query string in the order parameters are added, each name
// and value percent-encoded as RFC 3986 says.
type query struct {
	parts []string
}

// add adds a single value.
func (q *query) add(name, value string) {
	q.parts = append(q.parts, escapeQuery(name)+"="+escapeQuery(value))
}

// addList adds an array in the given style: "form" (the default),
// "spaceDelimited" or "pipeDelimited"; explode repeats the name per value.
func (q *query) addList(name string, values []string, style string, explode bool) {
	if explode && (style == "form" || style == "") {
		for _, v := range values {
			q.add(name, v)
		}
		return
	}
	sep := ","
	switch style {
	case "spaceDelimited":
		sep = "%20"
	case "pipeDelimited":
		sep = "|"
	}
	escaped := make([]string, len(values))
	for i, v := range values {
		escaped[i] = escapeQuery(v)
	}
	q.parts = append(q.parts, escapeQuery(name)+"="+strings.Join(escaped, sep))
}

// addObject adds an object given as alternating keys and values, in the
// given style: "form" (explode: one parameter per key; otherwise
// name=k1,v1,k2,v2) or "deepObject" (name[k1]=v1).
func (q *query) addObject(name string, pairs []string, style string, explode bool) {
	switch {
	case style == "deepObject":
		for i := 0; i+1 < len(pairs); i += 2 {
			q.parts = append(q.parts, escapeQuery(name)+"%5B"+escapeQuery(pairs[i])+"%5D="+escapeQuery(pairs[i+1]))
		}
	case explode:
		for i := 0; i+1 < len(pairs); i += 2 {
			q.add(pairs[i], pairs[i+1])
		}
	default:
		q.addList(name, pairs, style, false)
	}
}

// encode returns the query string without the leading "?".
func (q *query) encode() string {
	return strings.Join(q.parts, "&")
}

// formatInt formats an integer parameter in base 10. Not inlined, as
// strconv.FormatInt would be in every method that sends an integer (see
// newRequest).
//
//go:noinline
func formatInt(v int64) string { return strconv.FormatInt(v, 10) }
