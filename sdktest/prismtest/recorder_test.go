package prismtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeTB records what Check reports instead of failing the real test.
type fakeTB struct {
	testing.TB
	errors, logs []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeTB) Logf(format string, a ...any) { f.logs = append(f.logs, fmt.Sprintf(format, a...)) }
func (f *fakeTB) Skipf(format string, a ...any) {
	f.logs = append(f.logs, "SKIP "+fmt.Sprintf(format, a...))
}
func (f *fakeTB) Fatalf(format string, a ...any) {
	f.errors = append(f.errors, "FATAL "+fmt.Sprintf(format, a...))
}

func TestRecorder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/both":
			w.Header().Add(ViolationsHeader, `[{"location":["request","body","user_id"],"severity":"Error","code":"required","message":"must have user_id"}]`)
			w.Header().Add(ViolationsHeader, `[{"location":["response","body","id"],"severity":"Error","code":"pattern","message":"must match"}]`)
		case "/problem":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(422)
			io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"detail":"d","validation":[{"location":["body","name"],"severity":"Error","code":"type","message":"must be string"}]}`)
			return
		case "/unauthorized":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(401)
			io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNAUTHORIZED","title":"Invalid security scheme used","status":401,"detail":"d"}`)
			return
		case "/garbled":
			w.Header().Set(ViolationsHeader, `not json`)
		case "/away":
			http.Redirect(w, r, "https://example.invalid/elsewhere", http.StatusFound)
			return
		case "/near":
			http.Redirect(w, r, "/clean", http.StatusFound)
			return
		}
		io.WriteString(w, "{}")
	}))
	defer srv.Close()

	rec := NewRecorder()
	client := rec.Client()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: reading body: %v", path, err)
		}
		return resp.StatusCode, string(b)
	}

	get("/clean")
	if n := len(rec.Violations()); n != 0 {
		t.Fatalf("clean response: %d violations", n)
	}

	get("/both")
	vs := rec.Violations()
	if len(vs) != 2 {
		t.Fatalf("got %v, want 2 violations", vs)
	}
	if !vs[0].IsRequest() || vs[1].IsRequest() {
		t.Errorf("IsRequest: %v %v, want true false", vs[0].IsRequest(), vs[1].IsRequest())
	}
	if vs[0].Code != "required" || vs[0].Method != "GET" || vs[0].Status != 200 || !strings.HasSuffix(vs[0].URL, "/both") {
		t.Errorf("violation = %+v", vs[0])
	}
	fake := &fakeTB{}
	rec.Check(fake)
	if len(fake.errors) != 1 || !strings.Contains(fake.errors[0], "request.body.user_id") || len(fake.logs) != 1 {
		t.Errorf("Check: errors %q, logs %q; want the request violation as an error and the response one logged", fake.errors, fake.logs)
	}

	rec.Reset()
	code, body := get("/problem")
	if code != 422 || !strings.Contains(body, "UNPROCESSABLE_ENTITY") {
		t.Errorf("problem body not passed on intact: %d %s", code, body)
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.body.name" || vs[0].Code != "type" {
		t.Errorf("Prism's own 422: %v", vs)
	}
	rec.Reset()
	get("/unauthorized")
	if vs := rec.RequestViolations(); len(vs) != 1 || vs[0].Code != "UNAUTHORIZED" || vs[0].Status != 401 {
		t.Errorf("Prism's own 401: %v", vs)
	}

	rec.Reset()
	get("/garbled")
	if vs := rec.RequestViolations(); len(vs) != 1 || vs[0].Code != "prismtest" {
		t.Errorf("an unparsable header must count as a request violation: %v", vs)
	}

	rec.Reset()
	if code, _ := get("/away"); code != http.StatusFound {
		t.Errorf("redirect off loopback: got %d, want the 302 itself", code)
	}
	if code, body := get("/near"); code != 200 || body != "{}" {
		t.Errorf("redirect on loopback: got %d %q, want it followed", code, body)
	}
	if n := rec.Exchanges(); n != 3 {
		t.Errorf("Exchanges = %d, want 3", n)
	}

	if _, err := client.Get("https://example.invalid/"); err == nil || !strings.Contains(err.Error(), "not a loopback host") {
		t.Errorf("request off loopback: err = %v", err)
	}
}

func TestUnavailable(t *testing.T) {
	t.Setenv("PRISM_BIN", "/nonexistent/prism")
	_, err := Find()
	if err == nil || !strings.Contains(err.Error(), InstallCommand) {
		t.Fatalf("Find: err = %v, want one naming %q", err, InstallCommand)
	}

	t.Setenv("CI", "")
	fake := &fakeTB{}
	unavailable(fake, err)
	if len(fake.errors) != 0 || len(fake.logs) != 1 || !strings.HasPrefix(fake.logs[0], "SKIP") {
		t.Errorf("locally: errors %q, logs %q; want a skip", fake.errors, fake.logs)
	}

	t.Setenv("CI", "true")
	fake = &fakeTB{}
	unavailable(fake, err)
	if len(fake.errors) != 1 || !strings.Contains(fake.errors[0], InstallCommand) {
		t.Errorf("under CI: errors %q; want a failure naming the install command", fake.errors)
	}
}

// TestParseViolationsCut reads the list Prism cuts short when there are
// many violations: the whole entries count, the cut one does not.
func TestParseViolationsCut(t *testing.T) {
	header := `Too many violations! [{"location":["response","body","a"],"severity":"Error","code":"required","message":"m1"},` +
		`{"location":["request","query","b"],"severity":"Error","code":"type","message":"m2"},{"location":["resp`
	vs, err := parseViolations([]string{header})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[1].Message != "m2" || !vs[1].IsRequest() {
		t.Errorf("got %+v, want the two whole entries", vs)
	}
	if _, err := parseViolations([]string{`[{"location":["resp`}); err == nil {
		t.Error("a list cut short without Prism's notice parsed")
	}
}

// TestParseViolationsNumericCode reads an entry whose code is a number, as
// Prism writes it for a request without the credentials the spec asks for.
func TestParseViolationsNumericCode(t *testing.T) {
	vs, err := parseViolations([]string{`[{"location":["request"],"severity":"Error","code":401,"message":"Invalid security scheme used"},{"location":["request","body"],"severity":"Error","code":"type","message":"m"}]`})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Code != "401" || vs[0].Message != "Invalid security scheme used" || !vs[0].IsRequest() || vs[1].Code != "type" {
		t.Errorf("got %+v", vs)
	}
}
