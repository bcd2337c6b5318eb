package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/load"
)

// Operation is an operation of the IR with its spec counterpart.
type Operation struct {
	Group  *ir.Group
	Op     *ir.Operation
	Method *goview.Method // how the SDK declares it
	Raw    *openapi3.Operation
	// params are the spec's parameters, path-level ones included, by
	// "in:name".
	params map[string]*openapi3.Parameter
	key    string // the path's key in the spec
	// subtypes are the component schemas that include a schema by an allOf
	// $ref, in name order: a polymorphic base's kinds.
	subtypes map[*openapi3.Schema][]*openapi3.SchemaRef
	// shared says another operation has the same method on a path that
	// differs only in parameter names (the generator warns of it): Prism
	// routes both to one of them.
	shared bool
}

// queryVar returns the path variable that the query string of o's path key
// gives query parameter name ("/rides?page={n}": n for page), or "".
func (o *Operation) queryVar(name string) string {
	_, query, ok := strings.Cut(o.key, "?")
	if !ok {
		return ""
	}
	for pair := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if k == name && strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}") {
			return v[1 : len(v)-1]
		}
	}
	return ""
}

// Name is the method as a caller writes it: "Users.List", "Client.Ping".
func (o *Operation) Name() string {
	if o.Group.FieldName == "" {
		return "Client." + o.Op.GoName
	}
	return o.Group.FieldName + "." + o.Op.GoName
}

// Fixture is an SDK's IR, built by the real generator, and the raw spec.
type Fixture struct {
	API *ir.API
	Doc *openapi3.T
	Ops []*Operation
}

// Load builds the IR of spec as the generator does for an SDK of package
// pkg, and loads the raw spec beside it.
func Load(spec, pkg string) (*Fixture, error) {
	g := gen.New()
	// Run writes nothing: Out only has to be set.
	res, err := g.Run(context.Background(), gen.SDK{Spec: spec, Out: filepath.Join(os.TempDir(), "sdkgen-conformance-unused"), Package: pkg})
	if err != nil {
		return nil, err
	}
	loaded, err := load.Load(context.Background(), spec)
	if err != nil {
		return nil, err
	}
	f := &Fixture{API: res.View.API, Doc: loaded.Doc}
	subtypes := subtypeIndex(loaded.Doc)
	for _, g := range res.View.API.Groups {
		for _, op := range g.Operations {
			// The path key, which may differ from the path sent
			// ("/a#second" for a second operation on /a).
			key, _ := strings.CutPrefix(op.Pointer, "#/paths/")
			key = key[:max(0, strings.LastIndex(key, "/"))]
			key = strings.TrimSuffix(key, "/additionalOperations") // OpenAPI 3.2's other methods
			key = strings.NewReplacer("~1", "/", "~0", "~").Replace(key)
			item := loaded.Doc.Paths.Value(key)
			if item == nil {
				return nil, fmt.Errorf("%s: path %s (%s) not in the spec", op.ID, key, op.Pointer)
			}
			raw := item.GetOperation(op.Method)
			if raw == nil {
				return nil, fmt.Errorf("%s: %s %s not in the spec", op.ID, op.Method, op.Path)
			}
			o := &Operation{Group: g, Op: op, Method: res.View.Method(op), Raw: raw, params: map[string]*openapi3.Parameter{}, key: key, subtypes: subtypes}
			for _, list := range []openapi3.Parameters{item.Parameters, raw.Parameters} {
				for _, p := range list {
					o.params[p.Value.In+":"+p.Value.Name] = p.Value
				}
			}
			f.Ops = append(f.Ops, o)
		}
	}
	routes := map[string][]*Operation{}
	for _, o := range f.Ops {
		// Prism routes by the path alone: a query string written into
		// the key ("/request/{id}?cmd=diff") does not tell it apart.
		path, _, _ := strings.Cut(o.key, "?")
		route := o.Op.Method + " " + paramName.ReplaceAllString(path, "{}")
		routes[route] = append(routes[route], o)
	}
	for _, ops := range routes {
		for _, o := range ops {
			o.shared = len(ops) > 1
		}
	}
	return f, nil
}

var paramName = regexp.MustCompile(`\{[^{}]*\}`)

// Mode says which arguments a call gets.
type Mode int

const (
	Minimal Mode = iota // required parameters and properties only; optional bodies nil
	Full                // every parameter and property
)

func (m Mode) String() string { return [...]string{"minimal", "full"}[m] }

// Call is a method call built from the spec.
type Call struct {
	fn   reflect.Value   // the bound method
	args []reflect.Value // everything before the options
	// Body is the JSON value the request body must carry; nil when none is
	// sent or it is not JSON.
	Body     any
	HasBody  bool
	Query    []string // names of the query parameters given a value
	HasParts bool     // a multipart body: fields and file parts
	Fields   map[string][]string
	Files    map[string]bool
	// Raw is the body a binary or text body must carry verbatim; Form is
	// set for a form body, which Prism checks.
	Raw  []byte
	Form bool
}

// TestPNG is a 1x1 transparent PNG.
var TestPNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
	0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
}

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errorType = reflect.TypeFor[error]()
)

// Build synthesises valid arguments for o's method on client, a *Client of
// the SDK.
func Build(client any, o *Operation, mode Mode) (*Call, error) {
	op := o.Op
	recv := reflect.ValueOf(client)
	if o.Group.FieldName != "" {
		recv = recv.Elem().FieldByName(o.Group.FieldName)
		if !recv.IsValid() {
			return nil, fmt.Errorf("%s has no field %s", reflect.TypeOf(client), o.Group.FieldName)
		}
	}
	fn := recv.MethodByName(op.GoName)
	if !fn.IsValid() {
		return nil, fmt.Errorf("no method %s", o.Name())
	}
	ft := fn.Type()
	want := 2 + len(op.PathParams)
	if len(op.Params) > 0 {
		want++
	}
	if op.Body != nil {
		want++
	}
	if ft.NumIn() != want || !ft.IsVariadic() || ft.In(0) != ctxType || ft.In(want-1).Elem().Name() != "CallOption" {
		return nil, fmt.Errorf("%s has signature %s; the IR implies %d parameters: ctx, %d path, params %v, body %v, opts", o.Name(), ft, want, len(op.PathParams), len(op.Params) > 0, op.Body != nil)
	}
	if ft.NumOut() < 1 || ft.Out(ft.NumOut()-1) != errorType {
		return nil, fmt.Errorf("%s does not return an error last: %s", o.Name(), ft)
	}
	s := synth{full: mode == Full, subtypes: o.subtypes}
	c := &Call{fn: fn, args: []reflect.Value{reflect.ValueOf(context.Background())}}
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
		if f, ok := v.(float64); ok && strings.Contains(o.key, "{"+p.Name+"}.") && f != math.Trunc(f) && raw.Schema != nil && raw.Schema.Value != nil && raw.Schema.Value.VisitJSON(math.Trunc(f)) == nil {
			// "{maxLat}.{format}": a fraction's point would read as the
			// separator, to a server as to Prism.
			v = math.Trunc(f)
		}
		arg, err := fromJSON(v, ft.In(in))
		if err != nil {
			return nil, fmt.Errorf("path parameter %s: %w", p.Name, err)
		}
		c.args = append(c.args, arg)
		in++
	}
	// The order of goview.Method.Args: the body, then the params struct.
	if op.Body != nil {
		arg, err := c.bodyArg(o, s, ft.In(in))
		if err != nil {
			return nil, err
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
	}
	return c, nil
}

func paramValue(s synth, p *openapi3.Parameter) (any, error) {
	schema := p.Schema
	if schema == nil {
		// A parameter described by content: its one media type's schema.
		for _, mt := range p.Content {
			if mt != nil && mt.Schema != nil {
				schema = mt.Schema
			}
		}
	}
	if schema == nil {
		return nil, fmt.Errorf("parameter %s has no schema", p.Name)
	}
	if sc := schema.Value; sc != nil {
		// A union of scalars is text on the wire: "1" would be both of
		// oneOf [integer, string].
		for _, v := range append(slices.Clone(sc.OneOf), sc.AnyOf...) {
			if v.Value != nil && v.Value.Type != nil && v.Value.Type.Is("string") && len(sc.OneOf) > 0 {
				if x, err := s.value(v); err == nil {
					if str, ok := x.(string); ok && validate(schema, str) == nil {
						return str, nil
					}
				}
			}
		}
	}
	v, err := s.value(schema)
	if err != nil {
		return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
	}
	if sc := schema.Value; v == "" && p.In == openapi3.ParameterInPath && sc != nil {
		// An empty path segment, which an enum may list (dataset: ["",
		// "mini", ...]): the SDK refuses to send it, as a call to
		// another path. Another value of the enum, if it has one.
		for _, e := range sc.Enum {
			if str, ok := e.(string); ok && str != "" {
				v = str
				break
			}
		}
	}
	if sc := schema.Value; p.In == openapi3.ParameterInPath && sc != nil && len(sc.Properties) > 0 && allReadOnly(sc) {
		// An object the SDK sends without its read-only members: here
		// nothing, which it refuses as an empty path segment.
		return nil, fmt.Errorf("%w: path parameter %s is an object whose members are all read-only", ErrSpecUnmet, p.Name)
	}
	if err := validate(schema, v); err != nil {
		if at, ok := enumOffType(err); ok {
			return nil, fmt.Errorf("%w: parameter %s: no value of the enum at %s has its schema's type", ErrSpecUnmet, p.Name, at)
		}
		if _, ok := overlappingOneOf(err); ok {
			return nil, fmt.Errorf("%w: parameter %s: its oneOf has variants that overlap: no value is exactly one of them", ErrSpecUnmet, p.Name)
		}
		return nil, fmt.Errorf("parameter %s: synthesised %v is invalid: %w", p.Name, v, err)
	}
	return v, nil
}

// params fills the params struct by the parameters' Go names.
func (c *Call) params(o *Operation, s synth, t reflect.Type) (reflect.Value, error) {
	st := t
	if t.Kind() == reflect.Pointer {
		st = t.Elem()
	}
	if st.Kind() != reflect.Struct || st.Name() != o.Op.ParamsName {
		return reflect.Value{}, fmt.Errorf("params parameter is %s, want %s", t, o.Op.ParamsName)
	}
	sv := reflect.New(st)
	for _, p := range o.Op.Params {
		if !p.Required && !s.full {
			continue
		}
		raw := o.params[p.In.String()+":"+p.Name]
		if raw == nil && p.In == ir.InQuery {
			raw = o.params["path:"+o.queryVar(p.Name)]
		}
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
		switch m, isObject := v.(map[string]any); {
		case p.In != ir.InQuery:
		case p.ContentType != "":
			// Sent encoded as its media type says, under its own name.
			c.Query = append(c.Query, p.Name)
		case isObject && p.Style == "form" && p.Explode || p.QueryString:
			// An exploded object sends its members as the query's names.
			for k := range m {
				c.Query = append(c.Query, k)
			}
		case isObject && p.Style == "deepObject":
			c.Query = append(c.Query, deepNames(p.Name, m)...)
		default:
			c.Query = append(c.Query, p.Name)
		}
	}
	if t.Kind() != reflect.Pointer {
		return sv.Elem(), nil
	}
	if len(c.Query) == 0 {
		return reflect.Zero(t), nil // nil: no parameters
	}
	return sv, nil
}

func (c *Call) bodyArg(o *Operation, s synth, t reflect.Type) (reflect.Value, error) {
	b := o.Op.Body
	if !s.full && o.Method.Body.Type.IsPointer() {
		if t.Kind() != reflect.Pointer {
			return reflect.Value{}, fmt.Errorf("optional body is %s, want a pointer", t)
		}
		return reflect.Zero(t), nil
	}
	if o.Raw.RequestBody == nil || o.Raw.RequestBody.Value == nil {
		return reflect.Value{}, fmt.Errorf("no request body in the spec")
	}
	mt := o.Raw.RequestBody.Value.Content.Get(b.MediaType)
	if content := o.Raw.RequestBody.Value.Content; mt == nil && len(content) == 1 {
		// A key that is no media type (""), which the generator reads
		// as */*.
		for _, only := range content {
			mt = only
		}
	}
	// A stream or text body is sent as bytes, whatever its schema; the
	// others are built from theirs.
	if raw := b.Encoding == ir.EncodingBinary || b.Encoding == ir.EncodingText; mt == nil || mt.Schema == nil && !raw {
		return reflect.Value{}, fmt.Errorf("no schema for request body %s", b.MediaType)
	}
	switch b.Encoding {
	case ir.EncodingJSON:
		v, err := s.value(mt.Schema)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body: %w", err)
		}
		if err := validate(mt.Schema, v); err != nil {
			if unmet := unmetBy(mt.Schema, v, err); unmet != nil {
				return reflect.Value{}, unmet
			}
			return reflect.Value{}, fmt.Errorf("request body: synthesised value is invalid: %w", err)
		}
		arg, err := fromJSON(v, t)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body into %s: %w", t, err)
		}
		c.Body, c.HasBody = normalise(v), true
		if f := o.Op.Flag; f != nil {
			// The method sets the flag itself.
			if m, ok := c.Body.(map[string]any); ok {
				m[f.Property] = f.Value
			}
		}
		return arg, nil
	case ir.EncodingMultipart:
		if ft := t; ft.Name() == "File" || ft.Kind() == reflect.Pointer && ft.Elem().Name() == "File" {
			// A body that is itself a file: one file part named "file".
			arg := reflect.New(t).Elem()
			if err := setFile(arg); err != nil {
				return reflect.Value{}, fmt.Errorf("file body: %w", err)
			}
			c.Fields, c.Files, c.HasParts = map[string][]string{}, map[string]bool{"file": true}, true
			return arg, nil
		}
		s.skipBinary = true
		v, err := s.value(mt.Schema)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body: %w", err)
		}
		// The SDK's File fields are the file parts, whatever the schema
		// says of them (format: binary, contentMediaType, a $ref).
		st := t
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		fileParts, fileLists, nullFiles := map[string]bool{}, map[string]bool{}, map[string]bool{}
		if st.Kind() == reflect.Struct {
			for i := range st.NumField() {
				ft := st.Field(i).Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
				switch {
				case name == "":
				case ft.Name() == "File":
					fileParts[name] = true
				case ft.Kind() == reflect.Slice && ft.Elem().Name() == "File":
					// A list of files: a part per file, of one name.
					fileParts[name], fileLists[name] = true, true
				case strings.HasPrefix(ft.Name(), "Nullable[") && strings.HasSuffix(ft.Name(), ".File]"):
					// A file that may be null: its Nullable cannot be
					// built by reflection, so the call leaves it out.
					nullFiles[name] = true
				}
			}
		}
		if m, ok := v.(map[string]any); ok {
			for name := range nullFiles {
				delete(m, name)
			}
			for name := range fileParts {
				delete(m, name)
			}
		}
		arg, err := fromJSON(v, t)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("multipart fields into %s: %w", t, err)
		}
		c.Fields, c.Files = map[string][]string{}, map[string]bool{}
		fields, ok := v.(map[string]any)
		if !ok {
			// A body whose schema is a scalar (type: string): one part,
			// named "file" as a whole-body file is.
			c.Fields["file"], c.HasParts = fieldParts(v), true
			return arg, nil
		}
		for name, x := range fields {
			if obj, ok := x.(map[string]any); ok && o.Op.Body != nil && slices.ContainsFunc(o.Op.Body.PartTypes, func(p ir.PartType) bool {
				return p.Property == name && strings.EqualFold(p.ContentType, "application/x-www-form-urlencoded")
			}) {
				c.Fields[name] = []string{formText(obj)}
				continue
			}
			if parts := fieldParts(x); len(parts) > 0 {
				c.Fields[name] = parts
			}
		}
		sv := arg
		if sv.Kind() == reflect.Pointer {
			sv = sv.Elem()
		}
		for name, p := range mt.Schema.Value.Properties {
			if nullFiles[name] || !fileParts[name] && (p.Value == nil || p.Value.Format != "binary") {
				continue
			}
			if !s.full && !slices.Contains(mt.Schema.Value.Required, name) && fileParts[name] {
				continue
			}
			f, ok := fieldByJSONName(sv, name)
			if !ok {
				return reflect.Value{}, fmt.Errorf("%s has no field for the file part %s", sv.Type(), name)
			}
			if fileLists[name] {
				f.Set(reflect.MakeSlice(f.Type(), 2, 2))
				for i := range 2 {
					if err := setFile(f.Index(i)); err != nil {
						return reflect.Value{}, fmt.Errorf("file part %s: %w", name, err)
					}
				}
				c.Files[name] = true
				continue
			}
			if err := setFile(f); err != nil {
				return reflect.Value{}, fmt.Errorf("file part %s: %w", name, err)
			}
			c.Files[name] = true
		}
		c.HasParts = true
		return arg, nil
	case ir.EncodingForm:
		v, err := s.value(mt.Schema)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("request body: %w", err)
		}
		if unmet := unmetBy(mt.Schema, v, validate(mt.Schema, v)); unmet != nil {
			return reflect.Value{}, unmet
		}
		arg, err := fromJSON(v, t)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("form body into %s: %w", t, err)
		}
		c.Form = true
		return arg, nil
	case ir.EncodingBinary, ir.EncodingText:
		raw := TestPNG
		if b.Encoding == ir.EncodingText {
			// Text made for its schema (a length, a pattern), if it is
			// a string's.
			raw = []byte("value")
			if mt != nil && mt.Schema != nil && mt.Schema.Value != nil && typeOf(mt.Schema.Value) == "string" {
				if v, err := s.value(mt.Schema); err == nil {
					if str, ok := v.(string); ok {
						raw = []byte(str)
					}
				}
			}
		}
		c.Raw = raw
		switch {
		case t == reflect.TypeFor[io.Reader]():
			return reflect.ValueOf(io.Reader(bytes.NewReader(raw))), nil
		case t.Kind() == reflect.String:
			return reflect.ValueOf(string(raw)).Convert(t), nil
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
			return reflect.ValueOf(raw).Convert(t), nil
		}
		return reflect.Value{}, fmt.Errorf("%s body is a %s", b.MediaType, t)
	}
	return reflect.Value{}, fmt.Errorf("request body encoding %d (%s) is not covered by this test", b.Encoding, b.MediaType)
}

// File is the file every multipart call sends.
const (
	FileName        = "avatar.png"
	FileContentType = "image/png"
)

// setFile sets f, the SDK's File or *File, to the test PNG.
func setFile(f reflect.Value) error {
	t := f.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() != "File" || t.Kind() != reflect.Struct {
		return fmt.Errorf("is a %s, want the SDK's File", f.Type())
	}
	file := reflect.New(t)
	for name, v := range map[string]any{"Name": FileName, "ContentType": FileContentType, "Content": io.Reader(bytes.NewReader(TestPNG))} {
		fv := file.Elem().FieldByName(name)
		if !fv.IsValid() {
			return fmt.Errorf("%s has no field %s", t, name)
		}
		fv.Set(reflect.ValueOf(v))
	}
	if f.Kind() == reflect.Pointer {
		f.Set(file)
	} else {
		f.Set(file.Elem())
	}
	return nil
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
	err = dec.Decode(dst.Addr().Interface())
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field == "" && (typeErr.Value == "number" || typeErr.Value == "bool") {
		// A parameter that is a union of scalars is a string in the SDK
		// (on the wire it is text either way): give the value's text.
		return setJSON(dst, string(b))
	}
	if err != nil {
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

// Invoke calls the method with opts, the SDK's CallOptions, and returns its
// result (invalid when the method returns only an error) and error.
func (c *Call) Invoke(ctx context.Context, opts ...any) (reflect.Value, error) {
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
	respBody    []byte      // the response body as received
	respHeader  http.Header // the response's headers
}

// capture records what passes through it.
type capture struct {
	base  http.RoundTripper
	extra http.Header // set on every request
	mu    sync.Mutex
	seen  []exchange
}

func (c *capture) RoundTrip(req *http.Request) (*http.Response, error) {
	for k, v := range c.extra {
		req.Header[k] = v
	}
	ex := exchange{method: req.Method, url: req.URL.String(), header: req.Header.Clone()}
	var err error
	if req.Body != nil {
		if ex.body, err = keep(&req.Body); err != nil {
			return nil, err
		}
	}
	resp, err := c.base.RoundTrip(req)
	if resp != nil {
		ex.status, ex.respHeader = resp.StatusCode, resp.Header.Clone()
		if ex.respBody, err = keep(&resp.Body); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	c.seen = append(c.seen, ex)
	c.mu.Unlock()
	return resp, err
}

// keep reads a body whole and puts back a reader of what it read.
func keep(body *io.ReadCloser) ([]byte, error) {
	b, err := io.ReadAll(*body)
	(*body).Close()
	*body = io.NopCloser(bytes.NewReader(b))
	return b, err
}

func (c *capture) exchanges() []exchange {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]exchange(nil), c.seen...)
}

// sharedTransport keeps connections to Prism alive across calls.
var sharedTransport = http.DefaultTransport.(*http.Transport).Clone()

// errorTypeIn returns the error in err's chain whose type is *<name> of the
// SDK's package pkg.
func errorTypeIn(err error, pkg, name string) (reflect.Type, bool) {
	for err != nil {
		t := reflect.TypeOf(err)
		if t.Kind() == reflect.Pointer && t.Elem().PkgPath() == pkg && t.Elem().Name() == name {
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

// fieldParts is what a multipart field of value x sends: a part per item of
// a list of scalars (none for null items), else one part, a string as it is
// and anything else as JSON.
// formText is an object as the SDK sends a part of the form media type:
// its properties as name=value pairs in name order, a list's items
// repeating the name, anything else as its JSON text.
func formText(obj map[string]any) string {
	esc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	var pairs []string
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		for _, v := range fieldParts(obj[k]) {
			pairs = append(pairs, esc(k)+"="+esc(v))
		}
	}
	return strings.Join(pairs, "&")
}

func fieldParts(x any) []string {
	if list, ok := x.([]any); ok && !slices.ContainsFunc(list, func(item any) bool {
		switch item.(type) {
		case map[string]any, []any:
			return true
		}
		return false
	}) {
		var parts []string
		for _, item := range list {
			if item != nil {
				parts = append(parts, fieldParts(item)...)
			}
		}
		return parts
	}
	if str, ok := x.(string); ok {
		return []string{str}
	}
	b, _ := json.Marshal(x)
	return []string{string(b)}
}

// allReadOnly reports whether every property sc declares is read-only.
func allReadOnly(sc *openapi3.Schema) bool {
	for _, p := range sc.Properties {
		if p == nil || p.Value == nil || !p.Value.ReadOnly {
			return false
		}
	}
	return true
}

// deepNames lists the query names a deepObject value is sent under: the
// style nests objects (name[k][k2]) and, by the SDK's convention for what
// OpenAPI leaves undefined, indexes arrays (name[k][0]), as PHP, Rack and
// Stripe read them.
func deepNames(name string, v any) []string {
	switch v := v.(type) {
	case map[string]any:
		var names []string
		for k, e := range v {
			names = append(names, deepNames(name+"["+k+"]", e)...)
		}
		return names
	case []any:
		var names []string
		for i, e := range v {
			names = append(names, deepNames(name+"["+strconv.Itoa(i)+"]", e)...)
		}
		return names
	}
	return []string{name}
}
