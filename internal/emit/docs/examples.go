package docs

import (
	"encoding/json"
	"fmt"
	"go/format"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// ImportPath is the import path the examples give the SDK package, followed
// by "/" and the package name. The generator does not know where the package
// lives in the user's module, so the README says to replace it.
const ImportPath = "example.com/yourmodule"

// Examples are built as Go source text, one statement or element per line,
// and laid out as gofmt would (layout.go); CheckExamples holds the result to
// go/format's in tests.
// Values follow the IR's types through the same rules as the Go emitter
// (types.go), which is what makes them compile.

// maxExampleDepth bounds nesting, so that recursive types end.
const maxExampleDepth = 3

// maxOptional is how many optional fields an example sets, at the top level
// only: enough to show pointers and Nullable, short enough to read.
const maxOptional = 2

// locals are an example's identifiers, renamed when the SDK's package name
// or a standard package would collide with them.
type locals struct {
	ctx, client, res, err, apiErr, typedErr, value string
	std                                            map[string]string // import path -> local name
}

func newLocals(pkg string) *locals {
	taken := map[string]bool{pkg: true}
	pick := func(name string) string {
		out := name
		for i := 2; taken[out]; i++ {
			out = name + strconv.Itoa(i)
		}
		taken[out] = true
		return out
	}
	l := &locals{std: map[string]string{}}
	// Standard packages first: their names are what readers expect to see.
	for _, p := range []string{"context", "errors", "fmt", "io", "log", "net/http", "os", "strings", "time"} {
		name := p[strings.LastIndex(p, "/")+1:]
		if taken[name] {
			l.std[p] = pick("std" + name)
		} else {
			l.std[p] = pick(name)
		}
	}
	l.ctx, l.client, l.res, l.err = pick("ctx"), pick("client"), pick("res"), pick("err")
	l.apiErr, l.typedErr, l.value = pick("apiErr"), pick("typedErr"), pick("value")
	return l
}

// exampler writes the Go source of one example, recording the imports it needs.
type exampler struct {
	api     *ir.API
	view    *goview.View
	schemes map[string]*ir.SecurityScheme
	names   *locals
	imports map[string]bool
	stack   map[*ir.Decl]bool
}

func newExampler(view *goview.View, names *locals, schemes map[string]*ir.SecurityScheme) *exampler {
	return &exampler{api: view.API, view: view, schemes: schemes, names: names, imports: map[string]bool{}, stack: map[*ir.Decl]bool{}}
}

// std returns the local name of a standard package and records its import.
func (x *exampler) std(path string) string {
	x.imports[path] = true
	return x.names.std[path]
}

// q qualifies an SDK identifier.
func (x *exampler) q(name string) string {
	x.imports[SDKImportPath(x.api)] = true
	return x.api.Package + "." + name
}

// SDKImportPath is the import path examples give the SDK: the configured
// one, else a placeholder under ImportPath.
func SDKImportPath(api *ir.API) string {
	if api.ImportPath != "" {
		return api.ImportPath
	}
	return ImportPath + "/" + api.Package
}

// file formats a complete example file: package clause, imports, body.
func (x *exampler) file(pkgClause, body string) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkgClause)
	var std, sdk []string
	for p := range x.imports {
		if p == SDKImportPath(x.api) {
			sdk = append(sdk, p)
		} else {
			std = append(std, p)
		}
	}
	slices.Sort(std)
	var specs []string
	for _, p := range std {
		spec := strconv.Quote(p)
		if local := x.names.std[p]; local != p[strings.LastIndex(p, "/")+1:] {
			spec = local + " " + spec
		}
		specs = append(specs, spec)
	}
	if len(std) > 0 && len(sdk) > 0 {
		specs = append(specs, "")
	}
	for _, p := range sdk {
		specs = append(specs, strconv.Quote(p))
	}
	switch len(specs) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "import %s\n\n", specs[0])
	default:
		fmt.Fprintf(&b, "import (\n%s\n)\n\n", strings.Join(specs, "\n"))
	}
	b.WriteString(body)
	if src, ok := layout(b.String()); ok {
		return src, nil
	}
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return "", fmt.Errorf("docs: example does not parse: %w\n%s", err, numbered(b.String()))
	}
	return string(src), nil
}

func numbered(src string) string {
	var b strings.Builder
	for i, line := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}

// goString quotes s as a Go string literal that cannot end a Markdown code
// fence: backticks are written as escapes.
func goString(s string) string {
	return strings.ReplaceAll(strconv.Quote(s), "`", `\x60`)
}

// hint is a decoded JSON example or default; nil when there is none.
type hint = any

// decodeHint decodes JSON text from the IR; invalid or empty text gives nil.
func decodeHint(text string) hint {
	if text == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	return v
}

// firstHint returns the first usable hint among JSON texts.
func firstHint(texts ...string) hint {
	for _, t := range texts {
		if h := decodeHint(t); h != nil {
			return h
		}
	}
	return nil
}

// value is an expression of Go type gotype.Type(t). Numbers may be untyped
// constants: the context gives them their type.
func (x *exampler) value(t ir.Type, h hint, depth int) string {
	switch t := t.(type) {
	case *ir.Prim:
		return x.prim(t.Kind, h, false)
	case *ir.Slice:
		if depth >= maxExampleDepth {
			return "nil"
		}
		var eh hint
		if arr, ok := h.([]any); ok && len(arr) > 0 {
			eh = arr[0]
		}
		return x.typeName(t) + "{" + x.elide(x.value(t.Elem, eh, depth+1), t.Elem) + "}"
	case *ir.Map:
		if depth >= maxExampleDepth {
			return "nil"
		}
		key, vh := "key", hint(nil)
		if obj, ok := h.(map[string]any); ok && len(obj) > 0 {
			keys := make([]string, 0, len(obj))
			for k := range obj {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if short(keys[0]) {
				key, vh = keys[0], obj[keys[0]]
			}
		}
		return x.typeName(t) + "{" + goString(key) + ": " + x.elide(x.value(t.Elem, vh, depth+1), t.Elem) + "}"
	case *ir.Nullable:
		if goview.Nilable(t.Elem) {
			return x.value(t.Elem, h, depth)
		}
		return x.pointer(t.Elem, h, depth)
	case *ir.Ref:
		return x.decl(t.Decl, h, depth, nil)
	}
	panic("unreachable: unknown ir.Type")
}

// elide drops the type of a composite literal element, as gofmt -s does:
// []T{{...}} rather than []T{T{...}}, and the same for *T and map values.
func (x *exampler) elide(v string, elem ir.Type) string {
	inner, _ := ir.Unwrap(elem)
	r, ok := inner.(*ir.Ref)
	if !ok {
		return v
	}
	name := x.q(r.Decl.Name)
	for _, prefix := range []string{name + "{", "&" + name + "{"} {
		if strings.HasPrefix(v, prefix) {
			return v[len(prefix)-1:]
		}
	}
	return v
}

// typed is like value, but its default type is gotype.Type(t), as a generic
// function's argument needs: Ptr(int64(1)), not Ptr(1).
func (x *exampler) typed(t ir.Type, h hint, depth int) string {
	if p, ok := t.(*ir.Prim); ok {
		return x.prim(p.Kind, h, true)
	}
	return x.value(t, h, depth)
}

// pointer is an expression of Go type *gotype.Type(t).
func (x *exampler) pointer(t ir.Type, h hint, depth int) string {
	if r, ok := t.(*ir.Ref); ok {
		if x.stack[r.Decl] || depth >= maxExampleDepth {
			return "nil"
		}
		switch r.Decl.Kind.(type) {
		case *ir.Struct, *ir.Union:
			return "&" + x.decl(r.Decl, h, depth, nil)
		}
	}
	if p, ok := t.(*ir.Prim); ok && p.Kind == ir.Binary {
		return "&" + x.prim(p.Kind, h, true)
	}
	return x.q("Ptr") + "(" + x.typed(t, h, depth) + ")"
}

// typeName spells a composite type in example code, qualified.
func (x *exampler) typeName(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		switch t.Kind {
		case ir.DateTime:
			return x.std("time") + ".Time"
		case ir.Binary:
			return x.q("File")
		}
		return x.view.Prim(t.Kind).String()
	case *ir.Slice:
		return "[]" + x.typeName(t.Elem)
	case *ir.Map:
		return "map[string]" + x.typeName(t.Elem)
	case *ir.Nullable:
		if goview.Nilable(t.Elem) {
			return x.typeName(t.Elem)
		}
		return "*" + x.typeName(t.Elem)
	case *ir.Ref:
		return x.q(t.Decl.Name)
	}
	panic("unreachable: unknown ir.Type")
}

func short(s string) bool {
	return len(s) <= 60 && !strings.ContainsAny(s, "\n\r")
}

// prim is an example of a built-in type, from the hint when it fits.
func (x *exampler) prim(k ir.PrimKind, h hint, typed bool) string {
	wrap := func(conv, lit string) string {
		if typed {
			return conv + "(" + lit + ")"
		}
		return lit
	}
	switch k {
	case ir.String:
		if s, ok := h.(string); ok && short(s) {
			return goString(s)
		}
		return goString("<value>")
	case ir.Binary:
		return x.q("File") + "{Name: " + goString("file.txt") + ", Content: " + x.std("strings") + ".NewReader(" + goString("<contents>") + ")}"
	case ir.Bytes:
		return "[]byte(" + goString("<value>") + ")"
	case ir.Int32, ir.Int64:
		lit := "0"
		if n, ok := h.(json.Number); ok {
			if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil && (k == ir.Int64 || (i >= math.MinInt32 && i <= math.MaxInt32)) {
				lit = strconv.FormatInt(i, 10)
			}
		}
		return wrap(x.view.Prim(k).String(), lit)
	case ir.Float32, ir.Float64:
		lit := "0"
		if n, ok := h.(json.Number); ok {
			bits := 64
			if k == ir.Float32 {
				bits = 32
			}
			// A JSON number is also a Go literal; keep it as the spec wrote it,
			// with gofmt's lower-case exponent.
			if _, err := strconv.ParseFloat(n.String(), bits); err == nil {
				lit = strings.ToLower(n.String())
			}
		}
		return wrap(x.view.Prim(k).String(), lit)
	case ir.Bool:
		if b, ok := h.(bool); ok {
			return strconv.FormatBool(b)
		}
		return "true"
	case ir.DateTime:
		return x.std("time") + ".Now()"
	}
	// any: a string is the simplest JSON value.
	return wrap("any", goString("<value>"))
}

// discriminator forces a union variant's discriminator property.
type discriminator struct {
	jsonName string
	value    string
}

// decl is a value of a named type: a struct literal with its required fields
// (and, at the top, a few optional ones), an enum constant, or a union with
// its first variant set.
func (x *exampler) decl(d *ir.Decl, h hint, depth int, disc *discriminator) string {
	switch k := d.Kind.(type) {
	case *ir.Enum:
		return x.enumValue(d, k, h)
	case *ir.Union:
		if x.stack[d] || depth >= maxExampleDepth || len(k.Variants) == 0 {
			return x.q(d.Name) + "{}"
		}
		x.stack[d] = true
		defer delete(x.stack, d)
		v := k.Variants[0]
		var vdisc *discriminator
		if k.Discriminator != "" && len(v.Values) > 0 {
			vdisc = &discriminator{jsonName: k.Discriminator, value: v.Values[0]}
		}
		var val string
		if r, ok := v.Type.(*ir.Ref); ok && !x.stack[r.Decl] && depth+1 < maxExampleDepth {
			if _, isStruct := r.Decl.Kind.(*ir.Struct); isStruct {
				val = "&" + x.decl(r.Decl, h, depth+1, vdisc)
			}
		}
		if val == "" && !x.view.Variant(v.Type).IsPointer() {
			val = x.value(v.Type, h, depth+1)
		}
		if val == "" {
			val = x.pointer(v.Type, h, depth+1)
		}
		return x.q(d.Name) + "{" + v.Name + ": " + val + "}"
	case *ir.Struct:
		if x.stack[d] || depth >= maxExampleDepth {
			return x.q(d.Name) + "{}"
		}
		x.stack[d] = true
		defer delete(x.stack, d)
		obj, _ := h.(map[string]any)
		var lines []string
		optional := 0
		for _, f := range k.Fields {
			fh := firstHint(f.Example, f.Default)
			if fh == nil && obj != nil {
				fh = obj[f.JSONName]
			}
			forced := disc != nil && f.JSONName == disc.jsonName
			if forced {
				fh = disc.value
			}
			switch {
			case f.Required || forced:
			case depth == 0 && optional < maxOptional && !f.ReadOnly && !f.Deprecated:
				optional++
			default:
				continue
			}
			lines = append(lines, f.Name+": "+x.field(f.Type, f.Required, fh, depth+1)+",")
		}
		if len(lines) == 0 {
			return x.q(d.Name) + "{}"
		}
		return x.q(d.Name) + "{\n" + strings.Join(lines, "\n") + "\n}"
	}
	panic("unreachable: unknown ir.DeclKind")
}

// enumValue is the constant matching the hint, else the first constant.
func (x *exampler) enumValue(d *ir.Decl, en *ir.Enum, h hint) string {
	if len(en.Values) == 0 {
		return x.q(d.Name) + "(" + x.prim(en.Base, nil, false) + ")"
	}
	if h != nil {
		want := fmt.Sprint(h)
		for _, v := range en.Values {
			if fmt.Sprint(v.Value) == want {
				return x.q(v.Name)
			}
		}
	}
	return x.q(en.Values[0].Name)
}

// field is a value for a struct field or parameter of gotype.Field's type.
func (x *exampler) field(t ir.Type, required bool, h hint, depth int) string {
	f := x.view.Field(t, required)
	inner := f.Elem
	switch f.Hold {
	case goview.HoldPointer:
		return x.pointer(inner, h, depth)
	case goview.HoldNullable:
		return x.q("NewNullable") + "(" + x.typed(inner, h, depth) + ")"
	}
	return x.value(inner, h, depth)
}

// ---- operation calls ----

// clientLine declares the client with credentials for the first alternative
// of reqs that needs any.
func (x *exampler) clientLine(reqs []ir.Requirement, extra ...string) string {
	var opts []string
	for _, r := range reqs {
		if len(r.Schemes) == 0 {
			continue
		}
		for _, name := range r.Schemes {
			if s := x.schemes[name]; s != nil {
				opts = append(opts, x.securityOption(s))
			}
		}
		break
	}
	opts = append(opts, extra...)
	if len(opts) > 2 {
		return x.names.client + " := " + x.q("New") + "(\n" + strings.Join(opts, ",\n") + ",\n)\n"
	}
	return x.names.client + " := " + x.q("New") + "(" + strings.Join(opts, ", ") + ")\n"
}

// securityOption is a client option with a placeholder credential.
func (x *exampler) securityOption(s *ir.SecurityScheme) string {
	switch s.Kind {
	case ir.SecurityBasic:
		return x.q(s.OptionName) + `("<YOUR_USERNAME_HERE>", "<YOUR_PASSWORD_HERE>")`
	case ir.SecurityAPIKey:
		return x.q(s.OptionName) + `("<YOUR_API_KEY_HERE>")`
	}
	return x.q(s.OptionName) + `("<YOUR_BEARER_TOKEN_HERE>")`
}

// call is the method call of op with example arguments, plus extra call
// options.
func (x *exampler) call(g *ir.Group, op *ir.Operation, callOpts ...string) string {
	recv := x.names.client
	if g.FieldName != "" {
		recv += "." + g.FieldName
	}
	args := []string{x.names.ctx}
	for _, p := range op.PathParams {
		t, _ := ir.Unwrap(p.Type)
		args = append(args, x.value(t, decodeHint(p.Example), 1))
	}
	if b := op.Body; b != nil {
		args = append(args, x.body(op))
	}
	if op.ParamsName != "" {
		args = append(args, x.params(op))
	}
	args = append(args, callOpts...)
	return recv + "." + op.GoName + "(" + strings.Join(args, ", ") + ")"
}

// body is an example request body of gotype.Body's type.
func (x *exampler) body(op *ir.Operation) string {
	b := op.Body
	switch b.Encoding {
	case ir.EncodingBinary:
		return x.std("strings") + ".NewReader(" + goString("<contents>") + ")"
	case ir.EncodingText:
		return goString("<value>")
	}
	t, _ := ir.Unwrap(b.Type)
	if x.view.Method(op).Body.Type.IsPointer() {
		return x.pointer(t, nil, 0)
	}
	return x.value(t, nil, 0)
}

// params is the params struct argument: by value or pointer as the method
// takes it, with the required fields and a few optional ones.
func (x *exampler) params(op *ir.Operation) string {
	var lines []string
	optional := 0
	for _, p := range op.Params {
		if !p.Required {
			if optional >= maxOptional || p.Deprecated {
				continue
			}
			optional++
		}
		lines = append(lines, p.GoName+": "+x.field(p.Type, p.Required, decodeHint(p.Example), 1)+",")
	}
	lit := x.q(op.ParamsName) + "{}"
	if len(lines) > 0 {
		lit = x.q(op.ParamsName) + "{\n" + strings.Join(lines, "\n") + "\n}"
	}
	if x.view.Method(op).ParamsByValue {
		return lit
	}
	return "&" + lit
}

// useResult is the code after a successful call: it shows what the result is.
func (x *exampler) useResult(op *ir.Operation) string {
	res := x.names.res
	switch resultKindOf(x.view.Method(op)) {
	case resultNilable:
		return "if " + res + " != nil {\n// handle response\n}\n"
	case resultStream:
		return "defer " + res + ".Close()\n" +
			"if _, " + x.names.err + " := " + x.std("io") + ".Copy(" + x.std("os") + ".Stdout, " + res + "); " + x.names.err + " != nil {\n" +
			x.std("log") + ".Fatal(" + x.names.err + ")\n}\n"
	case resultScalar:
		return x.std("fmt") + ".Println(" + res + ")\n"
	}
	return ""
}

// callStatements calls op and checks the error; keepResult keeps the result
// for useResult.
func (x *exampler) callStatements(g *ir.Group, op *ir.Operation, keepResult bool, callOpts ...string) string {
	call := x.call(g, op, callOpts...)
	errName := x.names.err
	check := errName + " != nil {\n" + x.std("log") + ".Fatal(" + errName + ")\n}\n"
	switch {
	case op.Result.Kind == ir.ResultNone:
		return "if " + errName + " := " + call + "; " + check
	case !keepResult:
		return "if _, " + errName + " := " + call + "; " + check
	}
	return x.names.res + ", " + errName + " := " + call + "\nif " + check + x.useResult(op)
}

// operationExample is the complete program for an operation's page.
func (x *exampler) operationExample(g *ir.Group, op *ir.Operation) (string, error) {
	body := "func main() {\n" +
		x.names.ctx + " := " + x.std("context") + ".Background()\n" +
		x.clientLine(op.Security) + "\n" +
		x.callStatements(g, op, true) +
		"}\n"
	return x.file("main", body)
}

// modelExample is a file declaring an example value of d.
func (x *exampler) modelExample(d *ir.Decl) (string, error) {
	body := "var " + x.names.value + " = " + x.decl(d, nil, 0, nil) + "\n"
	return x.file("example", body)
}
