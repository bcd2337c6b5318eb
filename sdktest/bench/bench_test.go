// Package bench measures the generated SDKs' hot paths against hand-written
// net/http + encoding/json code doing the same work over the same loopback
// connection. To compare the two side by side with benchstat, name the
// sub-benchmarks as a key:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./sdktest/bench |
//		sed -E 's#/(sdk|handwritten)-#/impl=\1-#' >bench.txt
//	benchstat -col /impl bench.txt
package bench_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

const token = "sk_test_bench"

// newClient returns the HTTP client both sides of a benchmark use: keep-alive
// on, enough idle connections that no request opens a new one.
func newClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:        8,
			MaxIdleConnsPerHost: 8,
			IdleConnTimeout:     time.Minute,
		},
	}
}

// fixedServer answers every request with body as application/json, after
// reading the request body so that the connection is reused.
func fixedServer(tb testing.TB, body []byte) *httptest.Server {
	tb.Helper()
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", length)
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// httptestServer starts a server with handler h for the duration of the test.
func httptestServer(tb testing.TB, h http.HandlerFunc) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv
}
