package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// lroServer answers by the request's "METHOD path" from script, each entry
// a list of answers given in turn (the last one repeats); it records the
// requests.
type lroServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

type lroAnswer struct {
	status  int
	headers map[string]string
	body    string
}

func newLROServer(t *testing.T, script map[string][]lroAnswer) *lroServer {
	s := &lroServer{}
	served := map[string]int{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		s.mu.Lock()
		s.seen = append(s.seen, key+" "+r.Header.Get("Authorization"))
		answers := script[key]
		n := min(served[key], len(answers)-1)
		served[key]++
		s.mu.Unlock()
		if len(answers) == 0 {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		a := answers[n]
		for k, v := range a.headers {
			w.Header().Set(k, strings.ReplaceAll(v, "{host}", r.Host))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *lroServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

func lroCall(t *testing.T, s *lroServer, method, path, via string) (string, error) {
	t.Helper()
	c := newConfig(nil, "ua", nil, nil, []Option{WithServerURL(s.URL), withCredential("k", bearerCredential("tok"))})
	c.security = [][]string{{"k"}}
	r := newRequest("Vaults.CreateAndWait", "Vaults_Create", method, path)
	resp, err := c.do(context.Background(), r, withAwait(nil, via, true))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d %s", resp.StatusCode, b), nil
}

func TestAwaitAsyncOperation(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = time.Millisecond
	s := newLROServer(t, map[string][]lroAnswer{
		"PUT /vaults/v":  {{201, map[string]string{"Azure-AsyncOperation": "http://{host}/ops/1", "Retry-After": "0"}, `{"properties":{"provisioningState":"Creating"}}`}},
		"GET /ops/1":     {{200, nil, `{"status":"InProgress"}`}, {200, nil, `{"status":"Succeeded"}`}},
		"GET /vaults/v":  {{200, nil, `{"id":"v","properties":{"provisioningState":"Succeeded"}}`}},
		"POST /vaults/q": {{202, map[string]string{"Location": "/results/q", "Retry-After": "0"}, ``}},
		"GET /results/q": {{202, nil, ``}, {200, nil, `{"result":1}`}},
	})
	got, err := lroCall(t, s, http.MethodPut, "/vaults/v", "")
	if err != nil || got != `200 {"id":"v","properties":{"provisioningState":"Succeeded"}}` {
		t.Fatalf("PUT: %s, %v", got, err)
	}
	got, err = lroCall(t, s, http.MethodPost, "/vaults/q", "")
	if err != nil || got != `200 {"result":1}` {
		t.Fatalf("POST: %s, %v", got, err)
	}
	// A method without a result gets the first response's status once the
	// operation has succeeded: the statuses it declares.
	c := newConfig(nil, "ua", nil, nil, []Option{WithServerURL(s.URL), withCredential("k", bearerCredential("tok"))})
	c.security = [][]string{{"k"}}
	resp, err := c.do(context.Background(), newRequest("Q", "Q", http.MethodPost, "/vaults/q"), withAwait(nil, "", false))
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("without a result: %v, %v", resp.StatusCode, err)
	}
	if b, _ := io.ReadAll(resp.Body); len(b) > 0 {
		t.Errorf("without a result: body %s", b)
	}
	want := []string{"PUT /vaults/v Bearer tok", "GET /ops/1 Bearer tok", "GET /ops/1 Bearer tok", "GET /vaults/v Bearer tok",
		"POST /vaults/q Bearer tok", "GET /results/q Bearer tok", "GET /results/q Bearer tok",
		"POST /vaults/q Bearer tok", "GET /results/q Bearer tok"}
	if got := s.requests(); !slices.Equal(got, want) {
		t.Errorf("requests\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestAwaitProvisioningState(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = time.Millisecond
	s := newLROServer(t, map[string][]lroAnswer{
		"PUT /vaults/v": {{201, nil, `{"properties":{"provisioningState":"Creating"}}`}},
		"GET /vaults/v": {{200, nil, `{"properties":{"provisioningState":"Updating"}}`}, {200, nil, `{"properties":{"provisioningState":"Succeeded"}}`}},
	})
	got, err := lroCall(t, s, http.MethodPut, "/vaults/v", "")
	if err != nil || got != `200 {"properties":{"provisioningState":"Succeeded"}}` || len(s.requests()) != 3 {
		t.Fatalf("%s, %v, %v", got, err, s.requests())
	}
}

func TestAwaitFailures(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = time.Millisecond
	s := newLROServer(t, map[string][]lroAnswer{
		"PUT /failed":    {{201, map[string]string{"Azure-AsyncOperation": "/ops/f"}, `{}`}},
		"GET /ops/f":     {{200, nil, `{"status":"Failed","error":{"code":"Quota","message":"no tok left"}}`}},
		"PUT /elsewhere": {{202, map[string]string{"Location": "http://attacker.example/x"}, ``}},
		"PUT /error":     {{400, nil, `{"error":{"code":"Bad"}}`}},
	})
	_, err := lroCall(t, s, http.MethodPut, "/failed", "")
	var oe *OperationError
	if !errors.As(err, &oe) || oe.Status != "Failed" || !strings.Contains(string(oe.Body), "Quota") || strings.Contains(err.Error(), "no tok left") {
		// The bearer token is a secret: redacted from the body kept.
		t.Errorf("failed operation: %v", err)
	}
	_, err = lroCall(t, s, http.MethodPut, "/elsewhere", "")
	if !errors.Is(err, ErrPollHost) {
		t.Errorf("status URL on another host: %v", err)
	}
	// A call that fails at once is the method's to report.
	if got, err := lroCall(t, s, http.MethodPut, "/error", ""); err != nil || !strings.HasPrefix(got, "400 ") {
		t.Errorf("error response: %s, %v", got, err)
	}
	for _, r := range s.requests() {
		if strings.Contains(r, "attacker") {
			t.Errorf("sent %s", r)
		}
	}
}

func TestAwaitCancelled(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = time.Hour
	s := newLROServer(t, map[string][]lroAnswer{
		"PUT /slow": {{201, map[string]string{"Azure-AsyncOperation": "/ops/s"}, `{}`}},
	})
	c := newConfig(nil, "ua", nil, nil, []Option{WithServerURL(s.URL)})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.do(ctx, newRequest("Slow", "Slow", http.MethodPut, "/slow"), withAwait(nil, "", true))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled wait: %v after %v", err, time.Since(start))
	}
}
