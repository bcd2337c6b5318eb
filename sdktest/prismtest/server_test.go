//go:build unix

package prismtest

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

const holes = "sdktest/prismtest/testdata/holes.yaml"

// TestServer runs Prism on the neutralised copy of a spec with both holes:
// it starts, validates the body that the raw spec would let through, and
// stops.
func TestServer(t *testing.T) {
	t.Parallel()
	if _, err := Find(); err != nil {
		unavailable(t, err)
	}
	s, err := StartServer(holes, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("prism started in %s", s.Startup.Round(time.Millisecond))
	if len(s.Patches) != 12 {
		t.Errorf("patches: %q", s.Patches)
	}
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Errorf("URL = %s", s.URL)
	}

	rec := NewRecorder()
	client := rec.Client()
	post := func(body string) int {
		t.Helper()
		resp, err := client.Post(s.URL+"/things", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(`{"name":"x","kind":null,"note":null}`); code != 200 {
		t.Errorf("valid body with nulls: %d, want 200; violations %v", code, rec.Violations())
	}
	if vs := rec.RequestViolations(); len(vs) != 0 {
		t.Errorf("valid body: %v", vs)
	}
	if code := post(`{"name":5}`); code != 422 {
		t.Errorf("invalid body: %d, want 422", code)
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.body.name" {
		t.Errorf("invalid body: violations %v, want one at request.body.name", vs)
	}
	// An array path parameter, which Prism's process exits on unpatched.
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/tags/a,b", nil)
	req.Header.Set("X-Tags", "x")
	if resp, err := client.Do(req); err != nil || resp.StatusCode != 204 {
		t.Errorf("array path parameter: %v %v, want 204; violations %v", resp.StatusCode, err, rec.RequestViolations())
	} else {
		resp.Body.Close()
	}
	rec.Reset()
	resp, err := client.Get(s.URL + "/nowhere")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if vs := rec.RequestViolations(); resp.StatusCode != 404 || len(vs) != 1 || vs[0].Code != "NO_PATH_MATCHED_ERROR" {
		t.Errorf("unknown path: %d %v", resp.StatusCode, vs)
	}

	pid := s.proc.cmd.Process.Pid
	begin := time.Now()
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	t.Logf("prism stopped in %s", time.Since(begin).Round(time.Millisecond))
	if err := syscall.Kill(-pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("prism's process group still there after Close: %v", err)
	}
	if _, err := http.Get(s.URL + "/"); err == nil {
		t.Error("prism still answers after Close")
	}
}

// TestServerRaw shows why specs are patched: on the raw spec Prism exits,
// trying to fetch the URL that an example's "$ref" names.
func TestServerRaw(t *testing.T) {
	t.Parallel()
	if _, err := Find(); err != nil {
		unavailable(t, err)
	}
	s, err := StartServer(holes, Config{Raw: true})
	if err == nil {
		s.Close()
		t.Fatal("prism started on the raw spec; if it no longer needs the example $refs dropped, PatchSpec can stop doing it")
	}
	var exited *exitedError
	if !errors.As(err, &exited) {
		t.Fatalf("err = %v, want prism to exit", err)
	}
}
