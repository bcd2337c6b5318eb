package prismtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// ViolationsHeader is the response header in which Prism lists what the
// request and its own response got wrong against the spec.
const ViolationsHeader = "sl-violations"

// Violation is one entry of the sl-violations header, or of the validation
// list of an error Prism made up, with the exchange it came from.
type Violation struct {
	Location []string `json:"location"` // e.g. ["request", "body", "user_id"]
	Severity string   `json:"severity"` // "Error", "Warning", ...
	Code     string   `json:"code"`     // e.g. "required", "minimum", "415"
	Message  string   `json:"message"`

	Method string `json:"-"` // the request that drew it
	URL    string `json:"-"`
	Status int    `json:"-"` // the response that carried it
}

// UnmarshalJSON reads an entry whose code is a number (401 for a request
// without the credentials the spec asks for) as well as a string.
func (v *Violation) UnmarshalJSON(data []byte) error {
	type plain Violation
	var raw struct {
		plain
		Code json.RawMessage `json:"code"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*v = Violation(raw.plain)
	switch {
	case len(raw.Code) == 0:
		return nil
	case raw.Code[0] != '"':
		v.Code = string(raw.Code)
		return nil
	}
	return json.Unmarshal(raw.Code, &v.Code)
}

// IsRequest reports whether the violation is the request's fault.
func (v Violation) IsRequest() bool {
	return len(v.Location) > 0 && v.Location[0] == "request"
}

func (v Violation) String() string {
	return fmt.Sprintf("%s %s -> %d: %s %s [%s]: %s", v.Method, v.URL, v.Status, v.Severity, strings.Join(v.Location, "."), v.Code, v.Message)
}

// Recorder is an http.RoundTripper that records every sl-violations entry of
// the responses it passes on, and every error response Prism made up itself. It only sends requests to loopback hosts, so a
// test can never reach a real API by mistake. It is safe for concurrent use.
type Recorder struct {
	// Base sends the requests; nil means a transport of its own.
	Base http.RoundTripper

	mu         sync.Mutex
	violations []Violation
	exchanges  int
}

// NewRecorder returns a Recorder over a fresh transport.
func NewRecorder() *Recorder {
	return &Recorder{Base: http.DefaultTransport.(*http.Transport).Clone()}
}

// Strict returns a Recorder that, when t ends, fails t for every
// request-side violation it saw and logs the response-side ones: Prism's
// static responses do not always match their own schema, which is not the
// SDK's fault.
func Strict(t testing.TB) *Recorder {
	r := NewRecorder()
	t.Cleanup(func() { r.Check(t) })
	return r
}

// RoundTrip implements http.RoundTripper.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if !hostIsLoopback(req.URL.Hostname()) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("prismtest: refusing to send %s %s: not a loopback host", req.Method, req.URL.Redacted())
	}
	base := r.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	vs, perr := parseViolations(resp.Header.Values(ViolationsHeader))
	pvs, err := prismError(resp)
	if err != nil {
		resp.Body.Close()
		return nil, err
	}
	vs = append(vs, pvs...)
	for i := range vs {
		vs[i].Method, vs[i].URL, vs[i].Status = req.Method, req.URL.Redacted(), resp.StatusCode
	}
	if perr != nil {
		// An unreadable header must not pass for a clean one.
		vs = append(vs, Violation{
			Location: []string{"request"}, Severity: "Error", Code: "prismtest",
			Message: perr.Error(), Method: req.Method, URL: req.URL.Redacted(), Status: resp.StatusCode,
		})
	}
	r.mu.Lock()
	r.exchanges++
	r.violations = append(r.violations, vs...)
	r.mu.Unlock()
	return resp, nil
}

func parseViolations(values []string) ([]Violation, error) {
	var out []Violation
	var errs []error
	for _, v := range values {
		// With many violations Prism says so and cuts the list short,
		// in the middle of an entry: the entries before the cut count.
		list, cut := strings.CutPrefix(v, tooMany)
		vs, err := decodeViolations(list, cut)
		if err != nil {
			errs = append(errs, fmt.Errorf("unparsable %s header %q: %w", ViolationsHeader, clip(v, 500), err))
			continue
		}
		out = append(out, vs...)
	}
	return out, errors.Join(errs...)
}

// tooMany starts an sl-violations header whose list Prism cut short.
const tooMany = "Too many violations! "

// decodeViolations decodes a JSON list of violations; cut says the list may
// end early, mid-entry.
func decodeViolations(list string, cut bool) ([]Violation, error) {
	dec := json.NewDecoder(strings.NewReader(list))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, fmt.Errorf("not a JSON list")
	}
	var out []Violation
	for dec.More() {
		var v Violation
		if err := dec.Decode(&v); err != nil {
			if cut && len(out) > 0 {
				return out, nil
			}
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// prismErrorType prefixes the "type" of the problem+json bodies Prism
// makes up itself.
const prismErrorType = "https://stoplight.io/prism/errors#"

// prismError turns a response that Prism made up itself into violations.
// Where the operation declares no response for the problem, Prism answers
// application/problem+json without an sl-violations header (422 with a
// "validation" list, 401, 404 for an unknown path, 406, ...); a 4xx of that
// kind is the request's fault. The body is left for the caller to read.
func prismError(resp *http.Response) ([]Violation, error) {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "application/problem+json" || resp.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), resp.Body), resp.Body}
	var problem struct {
		Type       string      `json:"type"`
		Title      string      `json:"title"`
		Detail     string      `json:"detail"`
		Validation []Violation `json:"validation"`
	}
	if json.Unmarshal(body, &problem) != nil || !strings.HasPrefix(problem.Type, prismErrorType) {
		return nil, nil
	}
	side := "request"
	if resp.StatusCode >= 500 {
		side = "prism" // a spec or Prism problem; the call's result shows it
	}
	code := strings.TrimPrefix(problem.Type, prismErrorType)
	if len(problem.Validation) == 0 {
		return []Violation{{Location: []string{side}, Severity: "Error", Code: code, Message: problem.Title + ": " + problem.Detail}}, nil
	}
	out := problem.Validation
	for i := range out {
		out[i].Location = append([]string{side}, out[i].Location...)
	}
	return out, nil
}

// Client returns an *http.Client that sends through r and follows redirects
// only to loopback hosts; other redirects come back as the 3xx response.
func (r *Recorder) Client() *http.Client {
	return &http.Client{
		Transport: r,
		Timeout:   30 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if !hostIsLoopback(req.URL.Hostname()) {
				return http.ErrUseLastResponse
			}
			if len(via) >= 10 {
				return errors.New("prismtest: stopped after 10 redirects")
			}
			return nil
		},
	}
}

// Exchanges returns how many responses r has seen.
func (r *Recorder) Exchanges() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.exchanges
}

// Violations returns every violation recorded so far.
func (r *Recorder) Violations() []Violation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Violation(nil), r.violations...)
}

// RequestViolations returns the recorded violations that are the request's
// fault.
func (r *Recorder) RequestViolations() []Violation {
	var out []Violation
	for _, v := range r.Violations() {
		if v.IsRequest() {
			out = append(out, v)
		}
	}
	return out
}

// Reset forgets what r has recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.violations, r.exchanges = nil, 0
}

// Check fails t for every request-side violation and logs the others.
func (r *Recorder) Check(t testing.TB) {
	t.Helper()
	for _, v := range r.Violations() {
		if v.IsRequest() {
			t.Errorf("Prism request violation: %s", v)
		} else {
			t.Logf("Prism response violation (not the SDK's request): %s", v)
		}
	}
}
