package runtime

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ResponseHeaders is implemented by the SDK's XResponseHeaders types, which
// hold the response headers an operation declares, typed.
//
//sdkgen:optional
type ResponseHeaders interface {
	readHeaders(h http.Header)
}

// WithResponseHeaders reads the headers the operation declares from the
// call's final response into into, a pointer to the operation's
// XResponseHeaders, whether the call succeeded or failed. A header that is
// absent, or whose value does not parse as its type, leaves its field nil.
//
//sdkgen:optional
func WithResponseHeaders(into ResponseHeaders) CallOption {
	return callOptionFunc(func(s *callSettings) { s.headers = into })
}

// headerValue parses the first value of header name, or returns nil.
func headerValue[T any](h http.Header, name string, parse func(string) (T, error)) *T {
	vs := h.Values(name)
	if len(vs) == 0 {
		return nil
	}
	v, err := parse(strings.TrimSpace(vs[0]))
	if err != nil {
		return nil
	}
	return &v
}

// headerList parses header name as a comma-separated list (over every line
// of it), or returns nil when it is absent or an item does not parse.
func headerList[T any](h http.Header, name string, parse func(string) (T, error)) []T {
	var out []T
	for _, line := range h.Values(name) {
		for item := range strings.SplitSeq(line, ",") {
			v, err := parse(strings.TrimSpace(item))
			if err != nil {
				return nil
			}
			out = append(out, v)
		}
	}
	return out
}

func parseText[T ~string](s string) (T, error) { return T(s), nil }

func parseInt[T ~int32 | ~int64](s string) (T, error) {
	var zero T
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || int64(T(n)) != n {
		return zero, strconv.ErrSyntax
	}
	return T(n), nil
}

func parseFloat[T ~float32 | ~float64](s string) (T, error) {
	f, err := strconv.ParseFloat(s, 64)
	return T(f), err
}

func parseBool[T ~bool](s string) (T, error) {
	b, err := strconv.ParseBool(s)
	return T(b), err
}

// parseTime reads an RFC 3339 date-time, or an HTTP date.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return http.ParseTime(s)
}
