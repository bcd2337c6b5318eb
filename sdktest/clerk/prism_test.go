package clerk_test

import (
	"errors"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
	"github.com/sdkgen/sdkgen/sdktest/conformance"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// prismMock is the Prism server the tests of this package share.
var prismMock = &prismtest.Mock{Spec: specPath}

func TestMain(m *testing.M) { os.Exit(prismMock.Run(m)) }

// specOperations is how many operations spec/clerk-bapi.yaml has.
const specOperations = 249

const specPath = "spec/clerk-bapi.yaml"

// knownResponseProblems lists, by operation ID, the operations whose
// success response from Prism (static mode) is invalid against the spec
// and therefore does not decode. TestPrismKnownResponseProblems fails for
// an entry that no longer applies.
// None is needed today: Prism's placeholder for format: float (-2^128) once
// was, until such fields became float64.
var knownResponseProblems = map[string]conformance.KnownProblem{}

// testPNG is the 1x1 PNG the tests upload.
var testPNG = conformance.TestPNG

// newPrismClient returns a client for Prism that sends with hc.
func newPrismClient(serverURL string, hc *http.Client) any {
	return clerk.New(
		clerk.WithServerURL(serverURL),
		clerk.WithHTTPClient(hc),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
}

var loadFixture = sync.OnceValues(func() (*conformance.Fixture, error) {
	root, err := prismtest.ModuleRoot()
	if err != nil {
		return nil, err
	}
	return conformance.Load(filepath.Join(root, filepath.FromSlash(specPath)), "clerk")
})

func newTarget(t *testing.T) *conformance.Target {
	t.Helper()
	f, err := loadFixture()
	if err != nil {
		t.Fatalf("loading the IR of %s: %v", specPath, err)
	}
	return &conformance.Target{
		Fixture: f, Mock: prismMock, New: newPrismClient, Known: knownResponseProblems,
		CheckTypedError: checkClerkErrors,
	}
}

// checkClerkErrors asserts that a ClerkErrors error carries the response's
// errors, and that other error bodies list theirs too.
func checkClerkErrors(t *testing.T, o *conformance.Operation, err error) {
	t.Helper()
	var ce *clerk.ClerkErrors
	if errors.As(err, &ce) {
		if len(ce.Errors) == 0 || ce.Errors[0].Message == "" {
			t.Errorf("%s: ClerkErrors.Errors = %+v, want the response's errors decoded", o.Name(), ce.Errors)
		}
		return
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			continue
		}
		if f := v.Elem().FieldByName("Errors"); f.IsValid() && f.Kind() == reflect.Slice && f.Len() == 0 {
			t.Errorf("%s: %T.Errors is empty, want the response's errors decoded", o.Name(), e)
		}
	}
}

func TestPrismOperations(t *testing.T) {
	tg := newTarget(t)
	exercised := tg.Run(t) // operations both of whose calls reached Prism
	if filtered() {
		t.Logf("-run selects some operations: count check skipped")
		return
	}
	n := 0
	for _, ok := range exercised {
		if ok {
			n++
		}
	}
	if n != specOperations {
		t.Errorf("exercised %d operations, want all %d of the spec", n, specOperations)
	}
	if len(tg.Fixture.Ops) != specOperations {
		t.Errorf("the IR has %d operations, want the spec's %d", len(tg.Fixture.Ops), specOperations)
	}
	// Most success responses are schema-valid and must round-trip; far fewer
	// checked would mean the check stopped running.
	if n := tg.RoundTrips(); n < 300 {
		t.Errorf("only %d responses were re-encoded and compared", n)
	} else {
		t.Logf("%d responses decoded and re-encoded without loss", n)
	}
}

// TestOperationCount checks that the spec, the IR and the SDK agree on the
// operations, so that TestPrismOperations, which walks the IR, covers every
// method of the SDK and every operation of the spec.
func TestOperationCount(t *testing.T) {
	f := newTarget(t).Fixture
	inSpec := 0
	for _, item := range f.Doc.Paths.Map() {
		inSpec += len(item.Operations())
	}
	if inSpec != specOperations {
		t.Errorf("%s has %d operations, want %d", specPath, inSpec, specOperations)
	}
	inIR := map[string]bool{}
	for _, o := range f.Ops {
		inIR[o.Name()] = true
	}
	if len(inIR) != len(f.Ops) {
		t.Errorf("%d operations share %d method names", len(f.Ops), len(inIR))
	}
	// A paginated operation's iterator is a method too, which calls the
	// operation's (sdktest/pages and TestPrismUsersIter test them).
	iters := 0
	for _, o := range f.Ops {
		if p := o.Op.Pagination; p != nil {
			inIR[strings.TrimSuffix(o.Name(), o.Op.GoName)+p.GoName] = true
			iters++
		}
	}
	inSDK := 0
	client := reflect.ValueOf(clerk.New())
	for i := range client.Elem().NumField() {
		field := client.Elem().Type().Field(i)
		if !field.IsExported() {
			continue
		}
		svc := client.Elem().Field(i)
		for j := range svc.NumMethod() {
			name := field.Name + "." + svc.Type().Method(j).Name
			inSDK++
			if !inIR[name] {
				t.Errorf("SDK method %s is no operation of the IR", name)
			}
		}
	}
	for j := range client.NumMethod() {
		name := "Client." + client.Type().Method(j).Name
		inSDK++
		if !inIR[name] {
			t.Errorf("SDK method %s is no operation of the IR", name)
		}
	}
	if inSDK != specOperations+iters {
		t.Errorf("the SDK has %d operation and iterator methods, want %d + %d", inSDK, specOperations, iters)
	}
}

// filtered reports whether -run names subtests, so that not every
// operation runs.
func filtered() bool {
	fl := flag.Lookup("test.run")
	return fl != nil && strings.Contains(fl.Value.String(), "/")
}

// TestPrismKnownResponseProblems checks that every entry of
// knownResponseProblems is still needed: the operation exists and its call
// still fails with the listed symptom.
func TestPrismKnownResponseProblems(t *testing.T) {
	tg := newTarget(t)
	byID := map[string]*conformance.Operation{}
	for _, o := range tg.Fixture.Ops {
		byID[o.Op.ID] = o
	}
	for id, known := range knownResponseProblems {
		t.Run(id, func(t *testing.T) {
			o := byID[id]
			if o == nil {
				t.Fatalf("no operation %s: remove the entry", id)
			}
			out := tg.Exercise(t, o, conformance.Full, nil)
			switch {
			case out.Err == nil:
				t.Errorf("%s now decodes: remove the entry (%s)", o.Name(), known.Reason)
			case !known.Shows(out.Err):
				t.Errorf("%s fails otherwise than listed (%q): %v", o.Name(), known.Symptoms, out.Err)
			}
		})
	}
}

// TestPrismHarnessSeesViolations shows that the harness fails what it
// should: Prism validates this spec's query parameters and bodies, and the
// recorder reports what Prism finds.
func TestPrismHarnessSeesViolations(t *testing.T) {
	rec := prismtest.NewRecorder()
	client := clerk.New(
		clerk.WithServerURL(prismMock.URL(t)),
		clerk.WithHTTPClient(rec.Client()),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
	ctx := prismtest.Context(t)
	// limit has minimum 1.
	if _, err := client.Users.List(ctx, &clerk.GetUserListParams{Limit: clerk.Ptr(int64(0))}); err == nil {
		t.Error("Users.List with limit 0: no error")
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.query.limit" {
		t.Errorf("violations %v, want one at request.query.limit", vs)
	}
	rec.Reset()
	// expires_in_seconds has minimum 1.
	body := clerk.CreateSignInTokenRequestBody{UserID: "user_1", ExpiresInSeconds: clerk.NewNullable(int64(0))}
	if _, err := client.SignInTokens.Create(ctx, body); err == nil {
		t.Error("SignInTokens.Create with expires_in_seconds 0: no error")
	}
	if vs := rec.RequestViolations(); len(vs) != 1 || strings.Join(vs[0].Location, ".") != "request.body.expires_in_seconds" {
		t.Errorf("violations %v, want one at request.body.expires_in_seconds", vs)
	}
}
