package conformance_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/sdkgen/sdkgen/internal/corpus"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/sdktest/conformance"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// TestCorpus generates an SDK for every spec of the directory that
// $SDKGEN_CONFORMANCE names (make conformance: ../shared/corpus) and calls
// each of its operations against Prism (conformance.Target.Run), in a go
// test of its own under _work/, which go's ./... patterns leave out. Each
// spec's output is in _work/<name>.log. $SDKGEN_CONFORMANCE_SKIP lists
// specs to leave out, by name, comma-separated.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("SDKGEN_CONFORMANCE")
	if dir == "" {
		t.Skip("set SDKGEN_CONFORMANCE to a directory of specs (make conformance)")
	}
	specs, err := corpus.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	root, err := prismtest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	skip := strings.Split(os.Getenv("SDKGEN_CONFORMANCE_SKIP"), ",")
	var summary []string
	for _, s := range specs {
		t.Run(s.Name, func(t *testing.T) {
			if slices.Contains(skip, s.Name) {
				t.Skipf("%s is in SDKGEN_CONFORMANCE_SKIP", s.Name)
			}
			line := runSpec(t, root, dir, s)
			summary = append(summary, line)
		})
	}
	t.Logf("conformance against Prism:\n%s", strings.Join(summary, "\n"))
}

// runSpec generates s's SDK and its test, runs it and returns a line that
// sums it up; it fails t for every operation that failed.
func runSpec(t *testing.T, root, dir string, s corpus.Spec) string {
	spec, err := filepath.Abs(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, "sdktest", "conformance", "_work", s.Name)
	if err := os.RemoveAll(work); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := gen.New().Run(ctx, gen.SDK{Spec: spec, Out: work, Package: s.Name})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	if _, err := gen.Write(work, res.Files); err != nil {
		t.Fatal(err)
	}
	var src bytes.Buffer
	if err := driver.Execute(&src, driverData{
		Package: s.Name, Import: "github.com/sdkgen/sdkgen/sdktest/conformance/_work/" + s.Name,
		Spec: spec, Options: clientOptions(res.View.API),
		// Prism gets a patched copy of a single file; a spec of several
		// files is served as it is, so that its references resolve.
		Raw: filepath.Dir(s.Path) != filepath.Clean(dir),
	}); err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "conformance_test.go"), formatted, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.Command("go", "test", "-count=1", "-v", "-timeout=20m", "./sdktest/conformance/_work/"+s.Name)
	cmd.Dir = root
	out, runErr := cmd.CombinedOutput()
	if err := os.WriteFile(work+".log", out, 0o644); err != nil {
		t.Fatal(err)
	}
	ops, failed, skipped := tally(out)
	sort := slices.Sorted(func(yield func(string) bool) {
		for id := range failed {
			if !yield(id) {
				return
			}
		}
	})
	for _, id := range sort {
		t.Errorf("%s: %s", id, failed[id])
	}
	if runErr != nil && len(failed) == 0 {
		t.Errorf("go test: %v\n%s", runErr, tail(out, 40))
	}
	switch {
	case skipped && strings.Contains(string(out), "Prism finds no operation it can mock"):
		t.Logf("Prism finds no operation it can mock (OpenAPI 3.2's additionalOperations only)")
	case skipped:
		t.Errorf("Prism was not run:\n%s", tail(out, 10))
	}
	return fmt.Sprintf("%-28s %4d operations, %3d failed (%s)", s.Name, ops, len(failed), time.Since(start).Round(time.Second))
}

// clientOptions returns the client options that give every security
// scheme a credential Prism accepts (it checks presence, not value), and
// every client path parameter and required one without a default a value:
// the methods whose path names one fail without it.
func clientOptions(api *ir.API) []string {
	var out []string
	for _, g := range api.Globals {
		if (g.In == ir.InPath || g.Required) && g.Value == "" {
			out = append(out, g.OptionName+`("value")`)
		}
	}
	for _, s := range api.SecuritySchemes {
		switch s.Kind {
		case ir.SecurityBearer:
			out = append(out, s.OptionName+`("token")`)
		case ir.SecurityBasic:
			out = append(out, s.OptionName+`("user", "password")`)
		case ir.SecurityAPIKey:
			out = append(out, s.OptionName+`("key")`)
		case ir.SecurityAWSSigV4:
			out = append(out, s.OptionName+`(sdk.AWSCredentials{AccessKeyID: "AKID", SecretAccessKey: "secret", Region: "us-east-1"})`)
		}
	}
	return out
}

var (
	opLine   = regexp.MustCompile(`^\s*--- (PASS|FAIL|SKIP): TestOperations/op/([^/\s]+) `)
	errLine  = regexp.MustCompile(`^\s+\S+_test\.go:\d+: |^\s+(check|call)\.go:\d+: `)
	nameLine = regexp.MustCompile(`^=== (?:RUN|CONT|NAME|PAUSE)\s+TestOperations/op/([^/\s]+)`)
	reqLine  = regexp.MustCompile(`^\s+\S+\.go:\d+: \S+: [A-Z]+ http`)
	skipLine = regexp.MustCompile(`skipping Prism test`)
)

// tally reads go test -v output: how many operations ran, the first error
// of each that failed, and whether Prism was missing.
func tally(out []byte) (ops int, failed map[string]string, skipped bool) {
	failed = map[string]string{}
	firstErr := map[string]string{}
	current := "" // the operation whose test the lines are from
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if skipLine.MatchString(line) {
			skipped = true
		}
		if m := nameLine.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		// The harness's logs are a request (" -> status") and Prism's
		// opinion of its own answers; its other lines are errors.
		if errLine.MatchString(line) && !reqLine.MatchString(line) && !strings.Contains(line, conformance.LoggedMark) &&
			!strings.Contains(line, "although Known lists") && firstErr[current] == "" {
			firstErr[current] = clipLine(strings.TrimSpace(line), 400)
		}
		if m := opLine.FindStringSubmatch(line); m != nil {
			ops++
			if m[1] == "FAIL" {
				failed[m[2]] = firstErr[m[2]]
			}
		}
	}
	return ops, failed, skipped
}

func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

type driverData struct {
	Package, Import, Spec string
	Options               []string
	Raw                   bool
}

var driver = template.Must(template.New("driver").Parse(`package {{.Package}}_test

import (
	"net/http"
	"os"
	"testing"
	"time"

	sdk "{{.Import}}"
	"github.com/sdkgen/sdkgen/sdktest/conformance"
	"github.com/sdkgen/sdkgen/sdktest/conformance"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

const spec = {{printf "%q" .Spec}}

// A large spec takes Prism a while to load.
var mock = &prismtest.Mock{Spec: spec, Config: prismtest.Config{StartTimeout: 5 * time.Minute, Raw: {{.Raw}}}}

func TestMain(m *testing.M) { os.Exit(mock.Run(m)) }

func TestOperations(t *testing.T) {
	f, err := conformance.Load(spec, {{printf "%q" .Package}})
	if err != nil {
		t.Fatal(err)
	}
	tg := &conformance.Target{Fixture: f, Mock: mock, Lenient: true, New: func(serverURL string, hc *http.Client) any {
		return sdk.New(sdk.WithServerURL(serverURL), sdk.WithHTTPClient(hc), sdk.WithRetryConfig(sdk.RetryConfig{}),{{range .Options}}
			sdk.{{.}},{{end}}
		)
	}}
	tg.Run(t)
	t.Logf("%d responses decoded and re-encoded without loss", tg.RoundTrips())
}
`))

func clipLine(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
