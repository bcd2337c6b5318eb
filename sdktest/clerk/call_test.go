package clerk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/generated/clerk"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/load"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

const specPath = "spec/clerk-bapi.yaml"

// operation is an operation of the IR with its spec counterpart.
type operation struct {
	group *ir.Group
	op    *ir.Operation
	m     *goview.Method // how the SDK declares it
	raw   *openapi3.Operation
	// params are the spec's parameters, path-level ones included, by
	// "in:name".
	params map[string]*openapi3.Parameter
}

func (o *operation) method() string {
	if o.group.FieldName == "" {
		return "Client." + o.op.GoName
	}
	return o.group.FieldName + "." + o.op.GoName
}

// fixture is the SDK's IR, built by the real generator, and the raw spec.
type fixture struct {
	api *ir.API
	doc *openapi3.T
	ops []*operation
}

var loadFixture = sync.OnceValues(func() (*fixture, error) {
	root, err := prismtest.ModuleRoot()
	if err != nil {
		return nil, err
	}
	spec := filepath.Join(root, filepath.FromSlash(specPath))
	g := gen.New()
	// Run writes nothing: Out only has to be set.
	res, err := g.Run(context.Background(), gen.SDK{Spec: spec, Out: filepath.Join(os.TempDir(), "sdkgen-clerk-unused"), Package: "clerk"})
	if err != nil {
		return nil, err
	}
	loaded, err := load.Load(context.Background(), spec)
	if err != nil {
		return nil, err
	}
	f := &fixture{api: res.View.API, doc: loaded.Doc}
	for _, g := range res.View.API.Groups {
		for _, op := range g.Operations {
			item := loaded.Doc.Paths.Value(op.Path)
			if item == nil {
				return nil, fmt.Errorf("%s: path %s not in the spec", op.ID, op.Path)
			}
			raw := item.GetOperation(op.Method)
			if raw == nil {
				return nil, fmt.Errorf("%s: %s %s not in the spec", op.ID, op.Method, op.Path)
			}
			o := &operation{group: g, op: op, m: res.View.Method(op), raw: raw, params: map[string]*openapi3.Parameter{}}
			for _, list := range []openapi3.Parameters{item.Parameters, raw.Parameters} {
				for _, p := range list {
					o.params[p.Value.In+":"+p.Value.Name] = p.Value
				}
			}
			f.ops = append(f.ops, o)
		}
	}
	return f, nil
})

func mustFixture(t *testing.T) *fixture {
	t.Helper()
	f, err := loadFixture()
	if err != nil {
		t.Fatalf("loading the IR of %s: %v", specPath, err)
	}
	return f
}

// callMode says which arguments a call gets.
type callMode int

const (
	minimal callMode = iota // required parameters and properties only; optional bodies nil
	full                    // every parameter and property
)

func (m callMode) String() string { return [...]string{"minimal", "full"}[m] }

// call is a method call built from the spec.
type call struct {
	fn   reflect.Value   // the bound method
	args []reflect.Value // everything before the options
	// body is the JSON value the request body must carry; nil when none is
	// sent or it is not JSON.
	body     any
	hasBody  bool
	query    []string // names of the query parameters given a value
	hasParts bool     // a multipart body: fields and file parts
	fields   map[string]string
	files    map[string]bool
}

// testPNG is a 1x1 transparent PNG.
var testPNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
	0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
}

var (
	fileType    = reflect.TypeFor[clerk.File]()
	ctxType     = reflect.TypeFor[context.Context]()
	optionType  = reflect.TypeFor[clerk.CallOption]()
	errorType   = reflect.TypeFor[error]()
	clerkPrefix = reflect.TypeFor[clerk.Client]().PkgPath()
)

// buildCall synthesises valid arguments for o's method on client.
func buildCall(client *clerk.Client, o *operation, mode callMode) (*call, error) {
	op := o.op
	recv := reflect.ValueOf(client)
	if o.group.FieldName != "" {
		recv = recv.Elem().FieldByName(o.group.FieldName)
		if !recv.IsValid() {
			return nil, fmt.Errorf("clerk.Client has no field %s", o.group.FieldName)
		}
	}
	fn := recv.MethodByName(op.GoName)
	if !fn.IsValid() {
		return nil, fmt.Errorf("no method %s", o.method())
	}
	ft := fn.Type()
	want := 2 + len(op.PathParams)
	if len(op.Params) > 0 {
		want++
	}
	if op.Body != nil {
		want++
	}
	if ft.NumIn() != want || !ft.IsVariadic() || ft.In(0) != ctxType || ft.In(want-1).Elem() != optionType {
		return nil, fmt.Errorf("%s has signature %s; the IR implies %d parameters: ctx, %d path, params %v, body %v, opts", o.method(), ft, want, len(op.PathParams), len(op.Params) > 0, op.Body != nil)
	}
	if ft.NumOut() < 1 || ft.Out(ft.NumOut()-1) != errorType {
		return nil, fmt.Errorf("%s does not return an error last: %s", o.method(), ft)
	}
	s := synth{full: mode == full}
	c := &call{fn: fn, args: []reflect.Value{reflect.ValueOf(context.Background())}}
	in := 1
	for _, p := range op.PathParams {
		raw := o.params["path:"+p.Name]
		if raw == nil {
			return nil, fmt.Errorf("path parameter %s not in the spec", p.Name)
		}
		v, err := paramValue(s, raw)
		if err != nil {
			return nil, err
		}
		arg, err := fromJSON(v, ft.In(in))
		if err != nil {
			return nil, fmt.Errorf("path parameter %s: %w", p.Name, err)
		}
		c.args = append(c.args, arg)
		in++
	}
	if len(op.Params) > 0 {
		arg, err := c.params(o, s, ft.In(in))
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, arg)
		in++
	}
	if op.Body != nil {
		arg, err := c.bodyArg(o, s, ft.In(in))
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, arg)
	}
	return c, nil
}

func paramValue(s synth, p *openapi3.Parameter) (any, error) {
	if p.Schema == nil {
		return nil, fmt.Errorf("parameter %s has no schema", p.Name)
	}
	v, err := s.value(p.Schema)
	if err != nil {
		return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
	}
	if err := validate(p.Schema, v); err != nil {
		return nil, fmt.Errorf("parameter %s: synthesised %v is invalid: %w", p.Name, v, err)
	}
	return v, nil
}

// params fills the params struct by the parameters' Go names.
func (c *call) params(o *operation, s synth, t reflect.Type) (reflect.Value, error) {
	st := t
	if t.Kind() == reflect.Pointer {
		st = t.Elem()
	}
	if st.Kind() != reflect.Struct || st.Name() != o.op.ParamsName {
		return reflect.Value{}, fmt.Errorf("params parameter is %s, want %s", t, o.op.ParamsName)
	}
	sv := reflect.New(st)
	for _, p := range o.op.Params {
		if !p.Required && !s.full {
			continue
		}
		raw := o.params[p.In.String()+":"+p.Name]
		if raw == nil {
			return reflect.Value{}, fmt.Errorf("%s parameter %s not in the spec", p.In, p.Name)
		}
		// Prism warns about a deprecated parameter in the request, as it
		// should: callers are told not to send them.
		if !p.Required && raw.Deprecated {
			continue
		}
		v, err := paramValue(s, raw)
		if err != nil {
			return reflect.Value{}, err
		}
		f := sv.Elem().FieldByName(p.GoName)
		if !f.IsValid() {
			return reflect.Value{}, fmt.Errorf("%s has no field %s for parameter %s", st, p.GoName, p.Name)
		}
		if err := setJSON(f, v); err != nil {
			return reflect.Value{}, fmt.Errorf("parameter %s into %s.%s: %w", p.Name, st, p.GoName, err)
		}
		if p.In == ir.InQuery {
			c.query = append(c.query, p.Name)
		}
	}
	if t.Kind() != reflect.Pointer {
		return sv.Elem(), nil
	}
	if len(c.query) == 0 {
		return reflect.Zero(t), nil // nil: no parameters
	}
	return sv, nil
}

func (c *call) bodyArg(o *operation, s synth, t reflect.Type) (reflect.Value, error) {
	b := o.op.Body
	if !s.full && o.m.Body.Type.IsPointer() {
		if t.Kind() != reflect.Pointer {
			return reflect.Value{}, fmt.Errorf("optional body is %s, want a pointer", t)
		}
		return reflect.Zero(t), nil
	}
	if o.raw.RequestBody == nil || o.raw.RequestBody.Value == nil {
		return reflect.Value{}, fmt.Errorf("no request body in the spec")
	}
	mt := o.raw.RequestBody.Value.Content.Get(b.MediaType)
	if mt == nil || mt.Schema == nil {
		return reflect.Value{}, fmt.Errorf("no schema for request body %s", b.MediaType)
	}
	switch b.Encoding {
	case ir.EncodingJSON:
		v, err := s.value(mt.Schema)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body: %w", err)
		}
		if err := validate(mt.Schema, v); err != nil {
			return reflect.Value{}, fmt.Errorf("request body: synthesised value is invalid: %w", err)
		}
		arg, err := fromJSON(v, t)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body into %s: %w", t, err)
		}
		c.body, c.hasBody = normalise(v), true
		return arg, nil
	case ir.EncodingMultipart:
		s.skipBinary = true
		v, err := s.value(mt.Schema)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body: %w", err)
		}
		arg, err := fromJSON(v, t)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("multipart fields into %s: %w", t, err)
		}
		c.fields, c.files = map[string]string{}, map[string]bool{}
		for name, x := range v.(map[string]any) {
			if str, ok := x.(string); ok {
				c.fields[name] = str
			} else {
				b, _ := json.Marshal(x)
				c.fields[name] = string(b)
			}
		}
		sv := arg
		if sv.Kind() == reflect.Pointer {
			sv = sv.Elem()
		}
		for name, p := range mt.Schema.Value.Properties {
			if p.Value == nil || p.Value.Format != "binary" {
				continue
			}
			f, ok := fieldByJSONName(sv, name)
			if !ok {
				return reflect.Value{}, fmt.Errorf("%s has no field for the file part %s", sv.Type(), name)
			}
			file := clerk.File{Name: "avatar.png", ContentType: "image/png", Content: bytes.NewReader(testPNG)}
			switch f.Type() {
			case fileType:
				f.Set(reflect.ValueOf(file))
			case reflect.PointerTo(fileType):
				f.Set(reflect.ValueOf(&file))
			default:
				return reflect.Value{}, fmt.Errorf("file part %s is a %s, want clerk.File", name, f.Type())
			}
			c.files[name] = true
		}
		c.hasParts = true
		return arg, nil
	}
	return reflect.Value{}, fmt.Errorf("request body encoding %d (%s) is not covered by this test", b.Encoding, b.MediaType)
}

// fieldByJSONName finds the struct field whose JSON name is name.
func fieldByJSONName(sv reflect.Value, name string) (reflect.Value, bool) {
	for i := range sv.NumField() {
		tag := sv.Type().Field(i).Tag.Get("json")
		if n, _, _ := strings.Cut(tag, ","); n == name {
			return sv.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// fromJSON decodes the JSON form of v into a new value of type t.
func fromJSON(v any, t reflect.Type) (reflect.Value, error) {
	p := reflect.New(t)
	if err := setJSON(p.Elem(), v); err != nil {
		return reflect.Value{}, err
	}
	return p.Elem(), nil
}

func setJSON(dst reflect.Value, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	// An unknown field means the Go type lost a property of the spec.
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst.Addr().Interface()); err != nil {
		return fmt.Errorf("%s does not take %s: %w", dst.Type(), b, err)
	}
	return nil
}

func normalise(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// invoke calls c.fn with opts and returns its result (invalid when the
// method returns only an error) and error.
func (c *call) invoke(ctx context.Context, opts ...clerk.CallOption) (reflect.Value, error) {
	args := append([]reflect.Value(nil), c.args...)
	args[0] = reflect.ValueOf(ctx)
	for _, o := range opts {
		args = append(args, reflect.ValueOf(o))
	}
	out := c.fn.Call(args)
	var err error
	if e := out[len(out)-1]; !e.IsNil() {
		err = e.Interface().(error)
	}
	if len(out) == 1 {
		return reflect.Value{}, err
	}
	return out[0], err
}

// exchange is a request as it went on the wire and the response's status.
type exchange struct {
	method, url string
	header      http.Header
	body        []byte
	status      int
	respBody    []byte // the response body as received
}

// capture records what passes through it.
type capture struct {
	base http.RoundTripper
	mu   sync.Mutex
	seen []exchange
}

func (c *capture) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := exchange{method: req.Method, url: req.URL.String(), header: req.Header.Clone()}
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		ex.body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := c.base.RoundTrip(req)
	if resp != nil {
		ex.status = resp.StatusCode
		b, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		if rerr != nil {
			return nil, rerr
		}
		ex.respBody = b
		resp.Body = io.NopCloser(bytes.NewReader(b))
	}
	c.mu.Lock()
	c.seen = append(c.seen, ex)
	c.mu.Unlock()
	return resp, err
}

func (c *capture) exchanges() []exchange {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]exchange(nil), c.seen...)
}

// sharedTransport keeps connections to Prism alive across calls.
var sharedTransport = http.DefaultTransport.(*http.Transport).Clone()

// errorTypeIn returns the error in err's chain whose type is *clerk.<name>.
func errorTypeIn(err error, name string) (reflect.Type, bool) {
	for err != nil {
		t := reflect.TypeOf(err)
		if t.Kind() == reflect.Pointer && t.Elem().PkgPath() == clerkPrefix && t.Elem().Name() == name {
			return t, true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return nil, false
		}
		err = u.Unwrap()
	}
	return nil, false
}
