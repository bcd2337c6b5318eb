package docs

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Examples are Go code built with jennifer, every type they spell taken
// from the goview, and printed by jennifer's Render, which imports what they
// mention and formats them with go/format. Tests compile them.

// maxExampleDepth bounds nesting, so that recursive types end.
const maxExampleDepth = 3

// maxOptional is how many optional fields an example sets, at the top level
// only: enough to show pointers and Nullable, short enough to read.
const maxOptional = 2

// stdPackages are the standard packages examples use.
var stdPackages = []string{"context", "encoding/json", "errors", "fmt", "io", "log", "log/slog", "net/http", "os", "strings", "time"}

// locals are an example's identifiers, renamed when they would hide the
// SDK's package or a standard package.
type locals struct {
	ctx, client, res, err, apiErr, typedErr, value string
	resp, req, next, headers, raw, extra, name     string
}

func newLocals(pkg string) *locals {
	taken := map[string]bool{pkg: true}
	for _, p := range stdPackages {
		taken[path.Base(p)] = true
	}
	pick := func(name string) string {
		out := name
		for i := 2; taken[out]; i++ {
			out = name + strconv.Itoa(i)
		}
		taken[out] = true
		return out
	}
	return &locals{
		ctx: pick("ctx"), client: pick("client"), res: pick("res"), err: pick("err"),
		apiErr: pick("apiErr"), typedErr: pick("typedErr"), value: pick("value"),
		resp: pick("resp"), req: pick("req"), next: pick("next"), headers: pick("headers"),
		raw: pick("raw"), extra: pick("extra"), name: pick("name"),
	}
}

// exampler builds one example; stack holds the declarations being built,
// so that recursion ends.
type exampler struct {
	*emitter
	stack map[*ir.Decl]bool
	// flag is the body property the method sets itself (ir.BodyFlag),
	// which the example leaves out.
	flag string
}

func (e *emitter) exampler() *exampler {
	return &exampler{emitter: e, stack: map[*ir.Decl]bool{}}
}

// sdk is an identifier the SDK declares, qualified.
func (x *exampler) sdk(name string) *jen.Statement { return jen.Qual(x.view.Path, name) }

// render prints a file of package pkg holding code.
func (x *exampler) render(pkg string, code ...jen.Code) (string, error) {
	f := jen.NewFile(pkg)
	f.ImportName(x.view.Path, x.api.Package)
	// The SDK keeps its name, which the prose uses, whichever package
	// jennifer meets first.
	for _, p := range stdPackages {
		if path.Base(p) == x.api.Package {
			f.ImportAlias(p, "std"+x.api.Package)
		}
	}
	f.Add(code...)
	var b strings.Builder
	if err := f.Render(&b); err != nil {
		return "", fmt.Errorf("docs: example: %w", err)
	}
	return b.String(), nil
}

// main prints a program whose main function runs stmts.
func (x *exampler) main(stmts ...jen.Code) (string, error) {
	return x.render("main", jen.Func().Id("main").Params().Block(stmts...))
}

// text is a string literal that cannot close the page's code fence: its
// backticks are escapes.
func text(s string) *jen.Statement {
	return jen.Op(strings.ReplaceAll(strconv.Quote(s), "`", `\x60`))
}

// Multi-line composite literals and calls: one element a line.
var (
	multiBraces = jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}
	multiParens = jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}
)

// lit is a composite literal of type t, one element a line when multi.
// Elided, it leaves out the type, which the enclosing literal gives, as
// gofmt -s does.
func lit(t *goview.Type, elide, multi bool, elems ...jen.Code) *jen.Statement {
	s := jen.Add()
	if !elide {
		s.Add(t.Code())
	}
	if multi {
		return s.Custom(multiBraces, elems...)
	}
	return s.Values(elems...)
}

// addr takes the address of a composite literal, unless elided.
func addr(elide bool, c jen.Code) jen.Code {
	if elide {
		return c
	}
	return jen.Op("&").Add(c)
}

func key(name string) *jen.Statement { return jen.Id(name).Op(":") }

// hint is a decoded JSON example or default; nil when there is none.
type hint = any

// firstHint decodes the first usable JSON text from the IR; invalid or
// empty text is skipped.
func firstHint(texts ...string) hint {
	for _, t := range texts {
		if t == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(t))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil && v != nil {
			return v
		}
	}
	return nil
}

func short(s string) bool {
	return len(s) <= 60 && !strings.ContainsAny(s, "\n\r")
}

// value is an expression of Go type View.Type(t). Numbers are untyped
// constants: the context gives them their type.
func (x *exampler) value(t ir.Type, h hint, depth int, elide bool) jen.Code {
	switch t := t.(type) {
	case *ir.Prim:
		return x.prim(t.Kind, h, false, elide)
	case *ir.Slice:
		if depth >= maxExampleDepth {
			return jen.Nil()
		}
		var eh hint
		if arr, ok := h.([]any); ok && len(arr) > 0 {
			eh = arr[0]
		}
		return lit(x.view.Type(t), elide, false, x.value(t.Elem, eh, depth+1, true))
	case *ir.Map:
		if depth >= maxExampleDepth {
			return jen.Nil()
		}
		k, vh := "key", hint(nil)
		if obj, ok := h.(map[string]any); ok && len(obj) > 0 {
			keys := slices.Sorted(maps.Keys(obj))
			if short(keys[0]) {
				k, vh = keys[0], obj[keys[0]]
			}
		}
		return lit(x.view.Type(t), elide, false, text(k).Op(":").Add(x.value(t.Elem, vh, depth+1, true)))
	case *ir.Nullable:
		if goview.Nilable(t.Elem) {
			return x.value(t.Elem, h, depth, elide)
		}
		return x.pointer(t.Elem, h, depth, nil, elide)
	case *ir.Ref:
		return x.decl(t.Decl, h, depth, nil, elide)
	}
	panic("unreachable: unknown ir.Type")
}

// typed is like value, but its default type is View.Type(t), as a generic
// function's argument needs: Ptr(int64(1)), not Ptr(1).
func (x *exampler) typed(t ir.Type, h hint, depth int) jen.Code {
	if p, ok := t.(*ir.Prim); ok {
		return x.prim(p.Kind, h, true, false)
	}
	return x.value(t, h, depth, false)
}

// pointer is an expression of Go type *View.Type(t); disc is passed to a
// struct's literal.
func (x *exampler) pointer(t ir.Type, h hint, depth int, disc *discriminator, elide bool) jen.Code {
	switch t := t.(type) {
	case *ir.Ref:
		if x.stack[t.Decl] || depth >= maxExampleDepth {
			return jen.Nil()
		}
		if _, ok := t.Decl.Kind.(*ir.Enum); !ok {
			return addr(elide, x.decl(t.Decl, h, depth, disc, elide))
		}
	case *ir.Prim:
		if t.Kind == ir.Binary {
			return addr(elide, x.prim(t.Kind, h, false, elide))
		}
		// The runtime's typed helpers take an untyped constant as it is.
		if helper, ok := ptrHelpers[t.Kind]; ok {
			return x.sdk(helper).Call(x.prim(t.Kind, h, false, false))
		}
	}
	return x.sdk("Ptr").Call(x.typed(t, h, depth))
}

// prim is an example of a built-in type, from the hint when it fits;
// typed, a number or any is converted to its Go type.
func (x *exampler) prim(k ir.PrimKind, h hint, typed, elide bool) jen.Code {
	var c jen.Code
	n, _ := h.(json.Number)
	bits := 64
	if k == ir.Int32 || k == ir.Float32 {
		bits = 32
	}
	switch k {
	case ir.String:
		s, ok := h.(string)
		if !ok || !short(s) {
			s = "<value>"
		}
		return text(s)
	case ir.Binary:
		return lit(x.view.Prim(k), elide, false, key("Name").Add(text("file.txt")),
			key("Content").Qual("strings", "NewReader").Call(text("<contents>")))
	case ir.Bytes:
		return jen.Add(x.view.Prim(k).Code()).Call(text("<value>"))
	case ir.Bool:
		b, ok := h.(bool)
		return jen.Lit(b || !ok)
	case ir.DateTime:
		return jen.Qual("time", "Now").Call()
	case ir.Int32, ir.Int64:
		c = jen.Lit(0)
		if i, err := strconv.ParseInt(n.String(), 10, bits); err == nil {
			c = jen.Lit(int(i))
		}
	case ir.Float32, ir.Float64:
		// Parsed as float64 whatever the kind: 0.1, not float32's 0.10000000149011612.
		c = jen.Lit(0)
		switch f, err := strconv.ParseFloat(n.String(), 64); {
		case err != nil || bits == 32 && math.Abs(f) > math.MaxFloat32:
		case f == math.Trunc(f) && math.Abs(f) < 1<<53:
			c = jen.Lit(int(f)) // 2592000, not jennifer's 2.592e+06
		default:
			c = jen.Lit(f)
		}
	default: // any: a string is the simplest JSON value
		c = text("<value>")
	}
	if typed {
		return jen.Add(x.view.Prim(k).Code()).Call(c)
	}
	return c
}

// discriminator forces a union variant's discriminator property.
type discriminator struct {
	jsonName string
	value    string
}

// decl is a value of a named type: a struct literal with its required fields
// (and, at the top, a few optional ones), an enum constant, or a union with
// its first variant set.
func (x *exampler) decl(d *ir.Decl, h hint, depth int, disc *discriminator, elide bool) jen.Code {
	vd := x.view.Decl(d)
	if en, ok := d.Kind.(*ir.Enum); ok {
		return x.enumValue(vd, en, h)
	}
	if x.stack[d] || depth >= maxExampleDepth {
		return lit(vd.Type, elide, false)
	}
	x.stack[d] = true
	defer delete(x.stack, d)
	switch k := d.Kind.(type) {
	case *ir.Union:
		if len(vd.Variants) == 0 {
			return lit(vd.Type, elide, false)
		}
		v := vd.Variants[0]
		var vdisc *discriminator
		if k.Discriminator != "" && len(v.IR.Values) > 0 {
			vdisc = &discriminator{jsonName: k.Discriminator, value: v.IR.Values[0]}
		}
		var val jen.Code
		if v.Type.IsPointer() {
			val = x.pointer(v.IR.Type, h, depth+1, vdisc, false)
		} else {
			val = x.value(v.IR.Type, h, depth+1, false)
		}
		return lit(vd.Type, elide, false, key(v.IR.Name).Add(val))
	case *ir.Struct:
		obj, _ := h.(map[string]any)
		var elems []jen.Code
		// The optional fields set are the ones a user would set: those
		// the spec gives an example for first, then the others, each in
		// the spec's order.
		chosen := map[*goview.StructField]bool{}
		if depth == 0 {
			for _, withExample := range []bool{true, false} {
				for _, f := range vd.Fields {
					if len(chosen) == maxOptional {
						break
					}
					usable := !f.IR.Required && !f.IR.ReadOnly && !f.IR.Deprecated && (x.flag == "" || f.IR.JSONName != x.flag)
					hinted := f.IR.Example != "" || obj[f.IR.JSONName] != nil
					if usable && hinted == withExample {
						chosen[f] = true
					}
				}
			}
		}
		for _, f := range vd.Fields {
			fh := firstHint(f.IR.Example, f.IR.Default)
			if fh == nil {
				fh = obj[f.IR.JSONName]
			}
			forced := disc != nil && f.IR.JSONName == disc.jsonName
			if depth == 0 && x.flag != "" && f.IR.JSONName == x.flag {
				continue // the method sets it
			}
			if forced {
				fh = disc.value
			}
			if !f.IR.Required && !forced && !chosen[f] {
				continue
			}
			elems = append(elems, key(f.IR.Name).Add(x.field(f.Field, fh, depth+1)))
		}
		return lit(vd.Type, elide, len(elems) > 0, elems...)
	}
	panic("unreachable: unknown ir.DeclKind")
}

// enumValue is the constant matching the hint, else the first constant.
func (x *exampler) enumValue(vd *goview.Decl, en *ir.Enum, h hint) jen.Code {
	if len(en.Values) == 0 {
		return jen.Add(vd.Type.Code()).Call(x.prim(en.Base, nil, false, false))
	}
	if h != nil {
		want := fmt.Sprint(h)
		for _, v := range en.Values {
			if fmt.Sprint(v.Value) == want {
				return x.sdk(v.Name)
			}
		}
	}
	return x.sdk(en.Values[0].Name)
}

// field is a value for a struct field or parameter, held as f says.
func (x *exampler) field(f goview.Field, h hint, depth int) jen.Code {
	switch f.Hold {
	case goview.HoldPointer:
		return x.pointer(f.Elem, h, depth, nil, false)
	case goview.HoldNullable:
		return x.sdk("NewNullable").Call(x.typed(f.Elem, h, depth))
	}
	return x.value(f.Elem, h, depth, false)
}

// ---- calls ----

// ctx declares the context of the calls.
func (x *exampler) ctx() jen.Code {
	return jen.Id(x.names.ctx).Op(":=").Qual("context", "Background").Call()
}

// client declares the client with credentials for the first alternative of
// reqs that needs any, then opts.
func (x *exampler) client(reqs []ir.Requirement, opts ...jen.Code) jen.Code {
	var creds []jen.Code
	for _, r := range reqs {
		for _, name := range r.Schemes {
			s := x.schemes[name]
			if s == nil {
				continue
			}
			args := []jen.Code{jen.Lit("<YOUR_BEARER_TOKEN_HERE>")}
			switch s.Kind {
			case ir.SecurityBasic:
				args = []jen.Code{jen.Lit("<YOUR_USERNAME_HERE>"), jen.Lit("<YOUR_PASSWORD_HERE>")}
			case ir.SecurityAPIKey:
				args = []jen.Code{jen.Lit("<YOUR_API_KEY_HERE>")}
			case ir.SecurityAWSSigV4:
				args = []jen.Code{x.awsCredentials(jen.Lit("<YOUR_ACCESS_KEY_ID_HERE>"), jen.Lit("<YOUR_SECRET_ACCESS_KEY_HERE>"))}
			}
			creds = append(creds, x.sdk(s.OptionName).Call(args...))
		}
		if len(r.Schemes) > 0 {
			break
		}
	}
	// A parameter the client holds that calls need: a path one (without
	// it, calls fail) or one the API requires.
	for _, g := range x.api.Globals {
		if (g.In == ir.InPath || g.Required) && g.Value == "" {
			creds = append(creds, x.sdk(g.OptionName).Call(jen.Lit("<"+g.Name+">")))
		}
	}
	opts = append(creds, opts...)
	call := x.sdk("New").Call(opts...)
	if len(opts) > 2 {
		call = x.sdk("New").Custom(multiParens, opts...)
	}
	return jen.Id(x.names.client).Op(":=").Add(call)
}

// call is the method call with example arguments, then opts.
func (x *exampler) call(m *goview.Method, opts ...jen.Code) jen.Code {
	return x.invoke(m, m.Op.GoName, opts...)
}

// invoke calls the method named name, which takes m's arguments, with
// example arguments, then opts.
func (x *exampler) invoke(m *goview.Method, name string, opts ...jen.Code) jen.Code {
	recv := jen.Id(x.names.client)
	if a := m.Group.Access; a != "" {
		for _, f := range strings.Split(a, ".") {
			recv.Dot(f)
		}
	}
	args := []jen.Code{jen.Id(x.names.ctx)}
	for _, a := range m.PathArgs {
		t, _ := ir.Unwrap(a.Param.Type)
		args = append(args, x.value(t, firstHint(a.Param.Example), 1, false))
	}
	if m.Body != nil {
		args = append(args, x.body(m))
	}
	if m.Params != nil {
		var elems []jen.Code
		optional := 0
		for _, p := range m.ParamFields {
			if !p.IR.Required {
				if optional >= maxOptional || p.IR.Deprecated {
					continue
				}
				optional++
			}
			elems = append(elems, key(p.IR.GoName).Add(x.field(p.Field, firstHint(p.IR.Example), 1)))
		}
		t := m.Params.Type
		if !m.ParamsByValue {
			t = t.Elem()
		}
		p := lit(t, false, len(elems) > 0, elems...)
		if !m.ParamsByValue {
			p = jen.Op("&").Add(p)
		}
		args = append(args, p)
	}
	return recv.Dot(name).Call(append(args, opts...)...)
}

// body is an example request body of the method's body type.
func (x *exampler) body(m *goview.Method) jen.Code {
	switch m.Op.Body.Encoding {
	case ir.EncodingBinary:
		return jen.Qual("strings", "NewReader").Call(text("<contents>"))
	case ir.EncodingText:
		return text("<value>")
	}
	t, _ := ir.Unwrap(m.Op.Body.Type)
	if fl := m.Op.Flag; fl != nil {
		x.flag = fl.Property
		defer func() { x.flag = "" }()
	}
	if m.Body.Type.IsPointer() {
		return x.pointer(t, nil, 0, nil, false)
	}
	return x.value(t, nil, 0, false)
}

// assign assigns the results of calling m with opts: the result, when kept
// (else _), and the error.
func (x *exampler) assign(m *goview.Method, keep bool, opts ...jen.Code) *jen.Statement {
	vars := jen.List(jen.Id("_"), jen.Id(x.names.err))
	switch {
	case m.Result == nil:
		vars = jen.Id(x.names.err)
	case keep:
		vars = jen.List(jen.Id(x.names.res), jen.Id(x.names.err))
	}
	return vars.Op(":=").Add(x.call(m, opts...))
}

// callStatements call the method, with opts, and stop on an error; keep
// keeps the result, and uses it.
func (x *exampler) callStatements(m *goview.Method, keep bool, opts ...jen.Code) []jen.Code {
	res, err := jen.Id(x.names.res), jen.Id(x.names.err)
	failed := jen.Id(x.names.err).Op("!=").Nil()
	fatal := jen.Qual("log", "Fatal").Call(err)
	if !keep || m.Result == nil {
		return []jen.Code{jen.If(x.assign(m, false, opts...), failed).Block(fatal)}
	}
	stmts := []jen.Code{x.assign(m, true, opts...), jen.If(failed).Block(fatal)}
	switch {
	case m.Stream != nil:
		return append(stmts, streamLoop(res, err)...)
	case m.Result.IsStream():
		return append(stmts, jen.Defer().Add(res).Dot("Close").Call(),
			jen.If(jen.List(jen.Id("_"), err).Op(":=").Qual("io", "Copy").Call(jen.Qual("os", "Stdout"), res), failed).Block(fatal))
	case m.Result.HasNil():
		return append(stmts, jen.If(jen.Add(res).Op("!=").Nil()).Block(jen.Comment("handle response")))
	}
	return append(stmts, jen.Qual("fmt", "Println").Call(res))
}

// operationExample is the complete program for an operation's page.
func (x *exampler) operationExample(m *goview.Method) (string, error) {
	return x.main(append([]jen.Code{x.ctx(), x.client(m.Op.Security), jen.Line()}, x.callStatements(m, true)...)...)
}

// modelExample is a file declaring an example value of d.
func (x *exampler) modelExample(d *ir.Decl) (string, error) {
	return x.render("example", jen.Var().Id(x.names.value).Op("=").Add(x.decl(d, nil, 0, nil, false)))
}

// configExample configures a client with opts and calls the method, if any,
// with callOpts after a comment.
func (x *exampler) configExample(m *goview.Method, opts []jen.Code, comment string, callOpts ...jen.Code) (string, error) {
	if m == nil {
		return x.main(x.client(x.api.Security, opts...), jen.Id("_").Op("=").Id(x.names.client))
	}
	return x.main(append([]jen.Code{x.ctx(), x.client(m.Op.Security, opts...), jen.Line(), jen.Comment(comment)},
		x.callStatements(m, false, callOpts...)...)...)
}

// optionsExample configures a client with every option and makes a call
// with call options.
func (x *exampler) optionsExample(m *goview.Method) (string, error) {
	return x.configExample(m, []jen.Code{
		x.sdk("WithServerURL").Call(x.serverURL()),
		x.sdk("WithHTTPClient").Call(jen.Op("&").Qual("net/http", "Client").Values(key("Timeout").Lit(2).Op("*").Qual("time", "Minute"))),
		x.sdk("WithTimeout").Call(jen.Qual("time", "Minute")),
		x.sdk("WithUserAgent").Call(jen.Lit("my-app/1.0")),
		x.sdk("WithHeader").Call(jen.Lit("X-Request-Source"), jen.Lit("docs")),
	}, "Call options apply to this call only and win over the client's.",
		x.sdk("WithTimeout").Call(jen.Lit(10).Op("*").Qual("time", "Second")),
		x.sdk("WithHeader").Call(jen.Lit("X-Request-Source"), jen.Lit("docs-example")))
}

// serverURL is the URL the options example gives WithServerURL: the SDK's
// ServerURL, or a host of the example's own before the API's relative one
// or in place of none, which alone would name no host to call.
func (x *exampler) serverURL() jen.Code {
	switch {
	case len(x.api.Servers) == 0 || x.api.Servers[0].Default == "":
		return jen.Lit("https://api.example.com")
	case x.api.Servers[0].Relative:
		return jen.Lit("https://api.example.com").Op("+").Add(x.sdk("ServerURL"))
	}
	return x.sdk("ServerURL")
}

// retryExample sets a retry policy on a client and turns retries off for one
// call.
func (x *exampler) retryExample(m *goview.Method) (string, error) {
	policy := x.sdk("RetryConfig").Custom(multiBraces,
		key("InitialInterval").Lit(500).Op("*").Qual("time", "Millisecond"),
		key("MaxInterval").Lit(30).Op("*").Qual("time", "Second"),
		key("MaxElapsedTime").Lit(5).Op("*").Qual("time", "Minute"),
		key("Exponent").Lit(2),
		key("StatusCodes").Index().String().Values(jen.Lit("429"), jen.Lit("5XX")),
		key("RetryConnectionErrors").True())
	return x.configExample(m, []jen.Code{x.sdk("WithRetryConfig").Call(policy)},
		"RetryConfig{} turns retries off, here for one call.",
		x.sdk("WithRetryConfig").Call(x.sdk("RetryConfig").Values()))
}

// errorsExample tells a typed error (of type typed, if not nil), an
// *APIError and a failure without a response apart, after calling m.
func (x *exampler) errorsExample(m *goview.Method, typed *ir.Decl) (string, error) {
	n := x.names
	err := jen.Id(n.err)
	stmts := []jen.Code{x.ctx(), x.client(m.Op.Security), jen.Line(), x.assign(m, false)}
	var cases []jen.Code
	if typed != nil {
		stmts = append(stmts, jen.Var().Id(n.typedErr).Add(goview.Pointer(x.view.Decl(typed).Type).Code()))
		cases = append(cases, jen.Case(jen.Qual("errors", "As").Call(err, jen.Op("&").Id(n.typedErr))).Block(
			jen.Comment("A declared error response, decoded. It wraps the *APIError too."),
			jen.Qual("log", "Println").Call(jen.Id(n.typedErr))))
	}
	apiErr := jen.Id(n.apiErr)
	stmts = append(stmts, jen.Var().Add(apiErr).Op("*").Add(x.sdk("APIError")))
	cases = append(cases,
		jen.Case(jen.Qual("errors", "As").Call(err, jen.Op("&").Add(apiErr))).Block(
			jen.Qual("log", "Printf").Call(jen.Lit("status %d: %s"), jen.Add(apiErr).Dot("StatusCode"), jen.Add(apiErr).Dot("Body"))),
		jen.Case(jen.Add(err).Op("!=").Nil()).Block(
			jen.Comment("No response: a network failure, a canceled context, ..."),
			jen.Qual("log", "Fatal").Call(err)))
	return x.main(append(stmts, jen.Switch().Block(cases...))...)
}

// hooksExample adds a middleware and a debug log to a client, and keeps a
// call's response with WithResponse.
func (x *exampler) hooksExample(m *goview.Method) (string, error) {
	n := x.names
	req, next := jen.Id(n.req), jen.Id(n.next)
	mw := x.sdk("WithMiddleware").Call(jen.Func().Params(req.Clone().Op("*").Qual("net/http", "Request"), next.Clone().Add(x.sdk("Next"))).
		Params(jen.Op("*").Qual("net/http", "Response"), jen.Error()).Block(
		jen.Add(req).Dot("Header").Dot("Set").Call(jen.Lit("X-Request-Source"), jen.Lit("docs")),
		jen.Return(jen.Add(next).Call(req)),
	))
	logger := x.sdk("WithDebugLog").Call(jen.Qual("log/slog", "New").Call(jen.Qual("log/slog", "NewTextHandler").Call(
		jen.Qual("os", "Stderr"), jen.Op("&").Qual("log/slog", "HandlerOptions").Values(key("Level").Qual("log/slog", "LevelDebug")))))
	if m == nil {
		return x.main(x.client(x.api.Security, mw, logger), jen.Id("_").Op("=").Id(n.client))
	}
	resp, err := jen.Id(n.resp), jen.Id(n.err)
	return x.main(x.ctx(), x.client(m.Op.Security, mw, logger), jen.Line(),
		jen.Comment("WithResponse keeps the call's final response, also when the call fails."),
		jen.Var().Add(resp).Op("*").Qual("net/http", "Response"),
		x.assign(m, false, x.sdk("WithResponse").Call(jen.Op("&").Add(resp))),
		jen.If(jen.Add(resp).Op("!=").Nil()).Block(
			jen.Qual("log", "Printf").Call(jen.Lit("status %d, date %s"), jen.Add(resp).Dot("StatusCode"), jen.Add(resp).Dot("Header").Dot("Get").Call(jen.Lit("Date")))),
		jen.If(jen.Add(err).Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(err)))
}

// headersExample reads the response headers m declares.
func (x *exampler) headersExample(m *goview.Method) (string, error) {
	n := x.names
	hdr, err := jen.Id(n.headers), jen.Id(n.err)
	stmts := []jen.Code{x.ctx(), x.client(m.Op.Security), jen.Line(),
		jen.Var().Add(hdr).Add(x.sdk(m.Op.HeadersName)),
		x.assign(m, false, x.sdk("WithResponseHeaders").Call(jen.Op("&").Add(hdr))),
		jen.If(jen.Add(err).Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(err)),
	}
	h := m.Op.ResponseHeaders[0]
	field := jen.Add(hdr).Dot(h.GoName)
	if _, list := h.Type.(*ir.Slice); list {
		stmts = append(stmts, jen.Qual("log", "Println").Call(jen.Lit(h.Name+":"), field))
	} else {
		stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(jen.Qual("log", "Println").Call(jen.Lit(h.Name+":"), jen.Op("*").Add(field))))
	}
	return x.main(stmts...)
}

// globalsExample sets global g for a client and clears it for one call.
func (x *exampler) globalsExample(m *goview.Method, g *ir.Global) (string, error) {
	value := g.Value
	if value == "" {
		value = "<value>"
	}
	if g.In == ir.InPath {
		return x.configExample(m, []jen.Code{x.sdk(g.OptionName).Call(jen.Lit(value))},
			"A global set for one call wins over the client's.",
			x.sdk(g.OptionName).Call(jen.Lit("<another value>")))
	}
	return x.configExample(m, []jen.Code{x.sdk(g.OptionName).Call(jen.Lit(value))},
		"A global set for one call wins over the client's; \"\" leaves it out.",
		x.sdk(g.OptionName).Call(jen.Lit("")))
}

// extraExample sends a body member, a query parameter and a header the API
// description lacks, and reads the raw success body.
func (x *exampler) extraExample(m *goview.Method) (string, error) {
	if m == nil {
		return "", nil
	}
	n := x.names
	raw, extra, err := jen.Id(n.raw), jen.Id(n.extra), jen.Id(n.err)
	failed := jen.Add(err).Op("!=").Nil()
	res := jen.Id(n.res)
	keep := m.Result != nil && !m.Result.IsStream() && m.Stream == nil
	call := x.assign(m, keep,
		x.sdk("WithBodyField").Call(jen.Lit("beta_option"), jen.True()),
		x.sdk("WithQueryParam").Call(jen.Lit("preview"), jen.Lit("1")),
		x.sdk("WithHeader").Call(jen.Lit("X-Preview"), jen.Lit("1")),
		x.sdk("WithRawBody").Call(jen.Op("&").Add(raw)))
	stmts := []jen.Code{x.ctx(), x.client(m.Op.Security), jen.Line(),
		jen.Var().Add(raw).Index().Byte(), call,
		jen.If(failed).Block(jen.Qual("log", "Fatal").Call(err)),
	}
	if !keep {
		return x.main(append(stmts, jen.Qual("log", "Printf").Call(jen.Lit("body: %s"), raw))...)
	}
	return x.main(append(stmts,
		jen.Comment("The members of the body the model does not describe."),
		jen.List(extra, err.Clone()).Op(":=").Add(x.sdk("UnknownFields")).Call(raw, res),
		jen.If(failed).Block(jen.Qual("log", "Fatal").Call(err)),
		jen.For(jen.List(jen.Id(n.name), jen.Id(n.value)).Op(":=").Range().Add(extra)).Block(
			jen.Qual("log", "Printf").Call(jen.Lit("%s: %s"), jen.Id(n.name), jen.Id(n.value))),
	)...)
}

// authFuncExample configures scheme s with a function that reads the
// credential when a request needs it.
func (x *exampler) authFuncExample(s *ir.SecurityScheme) (string, error) {
	ctx := jen.Qual("context", "Context")
	env := func(name string) jen.Code { return jen.Qual("os", "Getenv").Call(jen.Lit(name)) }
	var fn jen.Code
	comment := jen.Comment("Read the current credential: from a secrets manager, a file that is rotated, ...")
	switch s.Kind {
	case ir.SecurityBasic:
		fn = jen.Func().Params(ctx).Params(jen.String(), jen.String(), jen.Error()).Block(comment,
			jen.Return(env("API_USERNAME"), env("API_PASSWORD"), jen.Nil()))
	case ir.SecurityAWSSigV4:
		comment = jen.Comment("Read the current credentials: temporary ones from STS, a file that is rotated, ...")
		fn = jen.Func().Params(ctx).Params(x.sdk("AWSCredentials"), jen.Error()).Block(comment,
			jen.Return(x.awsCredentials(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN")), jen.Nil()))
	default:
		fn = jen.Func().Params(ctx).Params(jen.String(), jen.Error()).Block(comment,
			jen.Return(env("API_TOKEN"), jen.Nil()))
	}
	return x.main(jen.Id(x.names.client).Op(":=").Add(x.sdk("New").Call(x.sdk(s.FuncOptionName).Call(fn))), jen.Id("_").Op("=").Id(x.names.client))
}

// awsCredentials is an AWSCredentials literal of the key ID, the secret
// and, if given, the session token.
func (x *exampler) awsCredentials(id, secret jen.Code, token ...jen.Code) jen.Code {
	d := jen.Dict{jen.Id("AccessKeyID"): id, jen.Id("SecretAccessKey"): secret}
	if len(token) > 0 {
		d[jen.Id("SessionToken")] = token[0]
	}
	return x.sdk("AWSCredentials").Values(d)
}

// flowExample configures a client that gets its OAuth2 tokens itself.
func (x *exampler) flowExample(fl *ir.OAuth2Flow) (string, error) {
	env := func(name string) jen.Code { return jen.Qual("os", "Getenv").Call(jen.Lit(name)) }
	args := []jen.Code{env("CLIENT_ID"), env("CLIENT_SECRET")}
	if fl.Grant == "password" {
		args = append([]jen.Code{env("API_USERNAME"), env("API_PASSWORD")}, args...)
	}
	return x.main(jen.Id(x.names.client).Op(":=").Add(x.sdk("New").Call(x.sdk(fl.OptionName).Call(args...))), jen.Id("_").Op("=").Id(x.names.client))
}

// ptrHelpers are the runtime's functions that return a pointer to a value
// of a built-in type.
var ptrHelpers = map[ir.PrimKind]string{ir.String: "String", ir.Bool: "Bool", ir.Int64: "Int64", ir.Float64: "Float64"}
