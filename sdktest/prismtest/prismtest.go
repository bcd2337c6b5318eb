// Package prismtest runs the Stoplight Prism mock server for integration
// tests. Prism validates every request against the OpenAPI spec it serves, so
// an SDK whose requests pass through it with no request-side violations sends
// what the spec says.
//
// One Prism per spec per test package, shared through TestMain:
//
//	var mock = &prismtest.Mock{Spec: "spec/signintokens.yaml"}
//
//	func TestMain(m *testing.M) { os.Exit(mock.Run(m)) }
//
//	func TestCreate(t *testing.T) {
//		url := mock.URL(t) // skips, or fails under CI=true, when Prism is not installed
//		rec := prismtest.Strict(t)
//		client := signintokens.New(signintokens.WithServerURL(url), signintokens.WithHTTPClient(rec.Client()))
//		...
//	}
package prismtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// InstallCommand installs the pinned Prism into tools/prism/node_modules.
const InstallCommand = "npm ci --prefix tools/prism --no-fund --no-audit"

// binRel is where InstallCommand puts the prism executable, relative to the
// module root.
const binRel = "tools/prism/node_modules/.bin/prism"

// Tools are the executables a Prism server needs.
type Tools struct {
	Prism string // the prism executable
	Node  string // the node executable prism runs on
}

// NotFoundError says Prism or Node is not installed.
type NotFoundError struct {
	What string // "prism" or "node"
	Err  error
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s not found: %v (set PRISM_BIN, or install Prism with: %s)", e.What, e.Err, InstallCommand)
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// Find locates prism ($PRISM_BIN, else tools/prism/node_modules/.bin/prism
// under the module root) and node (on PATH). A missing one is a
// *NotFoundError.
func Find() (Tools, error) {
	var tools Tools
	if bin := os.Getenv("PRISM_BIN"); bin != "" {
		p, err := exec.LookPath(bin)
		if err != nil {
			return tools, &NotFoundError{What: "prism", Err: fmt.Errorf("PRISM_BIN=%s: %w", bin, err)}
		}
		tools.Prism = p
	} else {
		root, err := ModuleRoot()
		if err != nil {
			return tools, err
		}
		p := filepath.Join(root, filepath.FromSlash(binRel))
		if _, err := os.Stat(p); err != nil {
			return tools, &NotFoundError{What: "prism", Err: err}
		}
		tools.Prism = p
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return tools, &NotFoundError{What: "node", Err: err}
	}
	tools.Node = node
	return tools, nil
}

// ModuleRoot returns the nearest directory at or above the working directory
// that holds a go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// resolveSpec makes a spec path absolute; relative paths are relative to the
// module root, so tests in any directory name specs the same way.
func resolveSpec(spec string) (string, error) {
	if filepath.IsAbs(spec) {
		return spec, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, filepath.FromSlash(spec)), nil
}

// Config tunes a Prism server. The zero value is the usual setup.
type Config struct {
	// Dynamic makes Prism generate responses from the schemas (-d) with a
	// fixed seed, instead of serving examples and placeholders.
	Dynamic bool
	// Raw hands Prism the spec as it is; by default it gets a copy that
	// PatchSpec has neutralised.
	Raw bool
	// StartTimeout bounds the wait for Prism to answer; default 60s.
	StartTimeout time.Duration
	// StopGrace is how long Prism may take to exit after SIGTERM before it
	// is killed; default 5s.
	StopGrace time.Duration
}

// Server is a running Prism mock server.
type Server struct {
	URL     string        // http://127.0.0.1:PORT, with no base path: Prism drops the spec's
	Spec    string        // the spec file Prism serves
	Patches []string      // what PatchSpec changed in Spec, if anything
	LogPath string        // Prism's stdout and stderr
	Startup time.Duration // from exec to the first HTTP answer

	dir   string // temporary files, removed by Close
	grace time.Duration
	proc  *process
	close sync.Once
	err   error
}

// StartServer starts Prism serving spec on a free loopback port and waits
// until it answers HTTP. The caller must Close it. spec is relative to the
// module root unless absolute.
func StartServer(spec string, cfg Config) (*Server, error) {
	tools, err := Find()
	if err != nil {
		return nil, err
	}
	src, err := resolveSpec(spec)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(src); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "prismtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Spec: src, dir: dir, LogPath: filepath.Join(dir, "prism.log"), grace: cfg.StopGrace}
	if s.grace <= 0 {
		s.grace = 5 * time.Second
	}
	if !cfg.Raw {
		s.Spec, s.Patches, err = PatchSpec(src, dir)
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	timeout := cfg.StartTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	// The port is free when picked but not reserved: another process can
	// take it before Prism binds, so a Prism that exits early gets another.
	for attempt := 1; ; attempt++ {
		err = s.start(tools, cfg, timeout)
		if err == nil {
			return s, nil
		}
		var exited *exitedError
		if attempt == 3 || !errors.As(err, &exited) || !strings.Contains(exited.log, "EADDRINUSE") {
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

// exitedError is Prism ending before it answered.
type exitedError struct {
	err error
	log string
}

func (e *exitedError) Error() string {
	return fmt.Sprintf("prism exited before it answered: %v; log:\n%s", e.err, e.log)
}

func (s *Server) start(tools Tools, cfg Config, timeout time.Duration) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	args := []string{"mock", s.Spec, "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-v", "warn"}
	if cfg.Dynamic {
		args = append(args, "-d", "--seed", "1")
	}
	logf, err := os.Create(s.LogPath)
	if err != nil {
		return err
	}
	defer logf.Close() // the child has its own copy
	cmd := exec.Command(tools.Prism, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	// prism's "#!/usr/bin/env node" needs the node that Find found.
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(tools.Node)+string(os.PathListSeparator)+os.Getenv("PATH"))
	begin := time.Now()
	proc, err := startProcess(cmd)
	if err != nil {
		return fmt.Errorf("starting prism: %w", err)
	}
	s.URL = "http://127.0.0.1:" + strconv.Itoa(port)
	if err := waitReady(s.URL, proc, timeout); err != nil {
		proc.stop(s.grace)
		var exited *exitedError
		if errors.As(err, &exited) {
			exited.log = s.LogTail()
			return exited
		}
		return fmt.Errorf("%w; log:\n%s", err, s.LogTail())
	}
	s.Startup = time.Since(begin)
	s.proc = proc
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls url until any HTTP response arrives (at -v warn Prism
// prints no "listening" line; a 404 for "/" is an answer too).
func waitReady(url string, proc *process, timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for {
		resp, err := client.Get(url + "/")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return nil
		}
		select {
		case <-proc.done:
			return &exitedError{err: proc.err}
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("prism did not answer on %s within %s: %w", url, timeout, err)
		}
	}
}

// LogTail returns the end of Prism's log.
func (s *Server) LogTail() string {
	b, err := os.ReadFile(s.LogPath)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	const max = 4 << 10
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// Close stops Prism (SIGTERM to its process group, SIGKILL after the grace
// period) and removes its temporary files. It is safe to call more than once.
func (s *Server) Close() error {
	s.close.Do(func() {
		if s.proc != nil {
			s.err = s.proc.stop(s.grace)
		}
		os.RemoveAll(s.dir)
	})
	return s.err
}

// strict reports whether a missing Prism fails tests rather than skipping
// them: on CI it must have been installed.
func strict() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// unavailable fails or skips t because err kept Prism from starting.
func unavailable(t testing.TB, err error) {
	t.Helper()
	var nf *NotFoundError
	switch {
	case errors.As(err, &nf) && !strict():
		t.Skipf("skipping Prism test: %v", err)
	case strings.Contains(err.Error(), "No operations found in the current file"):
		// Prism reads no operation of the spec (OpenAPI 3.2's
		// additionalOperations only): it has nothing to mock.
		t.Skipf("skipping Prism test: Prism finds no operation it can mock in the spec")
	default:
		t.Fatalf("Prism mock server unavailable: %v", err)
	}
}

// Start starts Prism for one test and stops it when the test ends. When
// Prism or node is missing it skips the test, or fails it under CI=true.
func Start(t testing.TB, spec string, cfg Config) *Server {
	t.Helper()
	s, err := StartServer(spec, cfg)
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("stopping prism: %v", err)
		}
	})
	t.Logf("prism serving %s at %s, started in %s", s.Spec, s.URL, s.Startup.Round(time.Millisecond))
	return s
}

// Mock is a Prism server shared by the tests of a package. It starts on the
// first URL call, so a package whose Prism tests are filtered out by -run
// never starts it, and stops when Run's tests are done.
type Mock struct {
	Spec   string // relative to the module root unless absolute
	Config Config

	once sync.Once
	srv  *Server
	err  error
}

// Run runs the package's tests and then stops Prism. Call it from TestMain:
// os.Exit(mock.Run(m)).
func (m *Mock) Run(tm *testing.M) int {
	code := tm.Run()
	if err := m.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "prismtest: stopping prism: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// Server starts Prism if needed and returns it. When Prism or node is
// missing it skips the test, or fails it under CI=true.
func (m *Mock) Server(t testing.TB) *Server {
	t.Helper()
	m.once.Do(func() {
		m.srv, m.err = StartServer(m.Spec, m.Config)
		if m.err == nil {
			t.Logf("prism serving %s at %s, started in %s", m.srv.Spec, m.srv.URL, m.srv.Startup.Round(time.Millisecond))
		}
	})
	if m.err != nil {
		unavailable(t, m.err)
	}
	return m.srv
}

// URL is Server(t).URL: the server URL to hand the SDK.
func (m *Mock) URL(t testing.TB) string {
	t.Helper()
	return m.Server(t).URL
}

// Close stops Prism if it was started.
func (m *Mock) Close() error {
	if m.srv == nil {
		return nil
	}
	return m.srv.Close()
}

// Context returns a context for one call that ends with the test, bounded so
// that a hung request fails instead of reaching go test's timeout.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// hostIsLoopback reports whether host (without port) names this machine.
func hostIsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
