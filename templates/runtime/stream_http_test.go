package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// streamCall sends a stream request the way a generated stream method does.
func streamCall(ctx context.Context, c *config, opts ...CallOption) (*Stream[item], error) {
	r := newRequest("op", "op", http.MethodPost, "/stream")
	if err := r.setJSONBody(map[string]any{"stream": false, "q": 1}); err != nil {
		return nil, err
	}
	r.setBodyFlag("stream", true)
	r.header.Set("Accept", "text/event-stream")
	r.streaming()
	resp, err := c.do(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, unexpectedStatus(resp)
	}
	return newStream[item](resp, streamSSE, "[DONE]", false), nil
}

// slowServer streams n events, flushing each, pause apart, then the
// sentinel; it checks the request a stream method sends.
func slowServer(t *testing.T, n int, pause time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if string(body) != `{"q":1,"stream":true}` || r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("request body %s, Accept %q", body, r.Header.Get("Accept"))
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(w, ": tick\nretry: 100\ndata: {\"n\":%d}\n\n", i)
			fl.Flush()
			time.Sleep(pause)
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestStreamSlowServer(t *testing.T) {
	srv := slowServer(t, 5, 20*time.Millisecond)
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	// The timeout bounds the wait for headers, not the 100ms stream.
	s, err := streamCall(context.Background(), c, WithTimeout(30*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	for s.Next() {
		n++
		if s.Current().N != n || s.Event().Retry != 100*time.Millisecond {
			t.Errorf("event %d: %+v %+v", n, s.Current(), s.Event())
		}
	}
	if n != 5 || s.Err() != nil {
		t.Errorf("read %d events, err %v", n, s.Err())
	}
}

func TestStreamTimeoutBoundsHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(200 * time.Millisecond):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	start := time.Now()
	_, err := streamCall(context.Background(), c, WithTimeout(20*time.Millisecond))
	if err == nil || time.Since(start) > 500*time.Millisecond {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
}

// checkNoLeak fails when goroutines started by the test outlive it.
func checkNoLeak(t *testing.T, srv *httptest.Server) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Client().CloseIdleConnections()
		deadline := time.Now().Add(2 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<16)
			t.Errorf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
		}
	})
}

func TestStreamDroppedConnection(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"n\":1}\n\ndata: {\"n\":")
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // the connection drops mid-event
	}))
	defer srv.Close()
	checkNoLeak(t, srv)
	// Retries are on for connection errors: a started stream is never replayed.
	policy := RetryConfig{InitialInterval: time.Millisecond, StatusCodes: []string{"5XX"}, RetryConnectionErrors: true}
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithRetryConfig(policy)})
	s, err := streamCall(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Next() || s.Current().N != 1 {
		t.Fatalf("first event: %v %v", s.Current(), s.Err())
	}
	if s.Next() {
		t.Fatal("read an event past the drop")
	}
	if !errors.Is(s.Err(), io.ErrUnexpectedEOF) || !strings.Contains(s.Err().Error(), "op: reading stream after event 1") {
		t.Errorf("err %v", s.Err())
	}
	if calls.Load() != 1 {
		t.Errorf("%d requests: the stream was replayed", calls.Load())
	}
}

func TestStreamRetriedBeforeItStarts(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "data: {\"n\":1}\n\n")
	}))
	defer srv.Close()
	policy := RetryConfig{InitialInterval: time.Millisecond, StatusCodes: []string{"503"}}
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client()), WithRetryConfig(policy)})
	r := newRequest("op", "op", http.MethodGet, "/") // idempotent: a status retry is allowed
	r.streaming()
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := newStream[item](resp, streamSSE, "", false)
	defer s.Close()
	if !s.Next() || s.Current().N != 1 || s.Next() || s.Err() != nil || calls.Load() != 2 {
		t.Errorf("%v %v after %d calls", s.Current(), s.Err(), calls.Load())
	}
}

func TestStreamCancelAndCloseEndBlockedRead(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "data: {\"n\":1}\n\n")
		w.(http.Flusher).Flush()
		select { // blocks until the client goes away
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	checkNoLeak(t, srv)
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})

	for _, how := range []string{"cancel", "close"} {
		ctx, cancel := context.WithCancel(context.Background())
		s, err := streamCall(ctx, c, WithTimeout(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !s.Next() {
			t.Fatal(s.Err())
		}
		done := make(chan bool)
		go func() { done <- s.Next() }()
		time.Sleep(20 * time.Millisecond)
		if how == "cancel" {
			cancel()
		} else {
			_ = s.Close()
		}
		select {
		case more := <-done:
			if more {
				t.Errorf("%s: Next returned true", how)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s did not end the blocked read", how)
		}
		switch {
		case how == "cancel" && !errors.Is(s.Err(), context.Canceled):
			t.Errorf("cancel: err %v", s.Err())
		case how == "close" && s.Err() != nil:
			t.Errorf("close: err %v", s.Err())
		}
		_ = s.Close()
		cancel()
	}
}

func TestStreamErrorStatusBeforeStart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"error":"slow down"}`)
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
	_, err := streamCall(context.Background(), c)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || string(apiErr.Body) != `{"error":"slow down"}` {
		t.Errorf("err %v", err)
	}
}
