package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// declDoc is the doc comment of a declaration.
func declDoc(d *ir.Decl) []string {
	// Without a description (or title) a type gets no filler sentence:
	// only what its name does not say (a union's use, the spec's name).
	desc := d.Description
	renamed := d.SchemaName != "" && !strings.EqualFold(d.SchemaName, d.Name)
	if u, ok := d.Kind.(*ir.Union); ok && desc == "" {
		var names []string
		for _, v := range u.Variants {
			names = append(names, v.Name)
		}
		desc = d.Name + " is one of " + strings.Join(names, ", ") + ": exactly one field is set."
		if u.MergesObjects() {
			desc = d.Name + " is any of " + strings.Join(names, ", ") + ": the field of each variant the value matches is set."
		}
	}
	paras := []string{desc}
	switch {
	case renamed && desc == "":
		paras = []string{fmt.Sprintf("%s is the API's %q.", d.Name, d.SchemaName)}
	case renamed:
		paras = append(paras, fmt.Sprintf("The API calls it %q.", d.SchemaName))
	}
	if d.Deprecated {
		paras = append(paras, "Deprecated: the API marks this type as deprecated.")
	}
	return paras
}

// emitDecl writes one declaration to f.
func (e *emitter) emitDecl(f *jen.File, vd *goview.Decl) {
	d := vd.IR
	addDoc(f, declDoc(d)...)
	switch k := d.Kind.(type) {
	case *ir.Struct:
		e.emitStruct(f, vd, k)
	case *ir.Enum:
		e.emitEnum(f, vd, k)
	case *ir.Union:
		e.emitUnion(f, vd, k)
	}
	if d.IsError {
		e.emitErrorMethods(f, d)
	}
	if d == e.api.CommonError {
		e.emitUndeclared(f, d)
	}
}

// emitUndeclared writes undeclaredError, which every method returns for a
// status it does not declare: the API's common error when the body is one.
func (e *emitter) emitUndeclared(f *jen.File, d *ir.Decl) {
	var required, known []jen.Code
	var names []string
	for _, fd := range d.Kind.(*ir.Struct).Fields {
		names = append(names, fd.JSONName)
	}
	slices.Sort(names)
	for _, n := range names {
		known = append(known, jen.Lit(n))
		for _, fd := range d.Kind.(*ir.Struct).Fields {
			if fd.JSONName == n && fd.Required {
				required = append(required, jen.Lit(n))
			}
		}
	}
	f.Comment("undeclaredError reports a response whose status the method does not declare: an error")
	f.Comment("status as a *" + d.Name + ", the API's common error, when its body is one, else as an *APIError.")
	// Not inlined into every method: see the runtime's newRequest.
	f.Comment("")
	f.Comment("//go:noinline")
	f.Func().Id("undeclaredError").Params(jen.Id("resp").Id("response")).Error().Block(
		jen.Return(jen.Id("decodeUndeclared").Call(jen.Id("resp"), jen.New(jen.Id(d.Name)),
			stringsOrNil(required), stringsOrNil(known))),
	)
}

// fieldDoc is the doc comment of a struct field.
func fieldDoc(fd *ir.Field) []string {
	var paras []string
	if fd.Description != "" {
		paras = append(paras, fd.Description)
	}
	var facts []string
	if fd.Default != "" {
		facts = append(facts, "Default: "+fd.Default+".")
	}
	for _, c := range fd.Constraints {
		facts = append(facts, capitalize(c)+".")
	}
	if fd.ReadOnly {
		facts = append(facts, "Read-only: set by the server; a request leaves it out when zero.")
	}
	if fd.WriteOnly {
		facts = append(facts, "Write-only: sent in requests, never returned; a request leaves it out when zero.")
	}
	if len(facts) > 0 {
		paras = append(paras, strings.Join(facts, "\n"))
	}
	if fd.Untagged {
		paras = append(paras, fmt.Sprintf("In JSON: %q, a name a struct tag cannot hold; the type's JSON methods carry it.", fd.JSONName))
	}
	if fd.Deprecated {
		paras = append(paras, "Deprecated: the API marks this field as deprecated.")
	}
	return paras
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (e *emitter) emitStruct(f *jen.File, vd *goview.Decl, st *ir.Struct) {
	d := vd.IR
	var fields []jen.Code
	for _, sf := range vd.Fields {
		fields = append(fields, comment(fieldDoc(sf.IR)...)...)
		fields = append(fields, jen.Id(sf.IR.Name).Add(sf.Type.Code()).Tag(map[string]string{"json": sf.Tag}))
	}
	if st.Additional != nil {
		fields = append(fields, jen.Comment("// "+st.AdditionalName+" holds the properties beyond those above, which the API allows."))
		fields = append(fields, jen.Id(st.AdditionalName).Add(vd.Additional.Code()).Tag(map[string]string{"json": "-"}))
	}
	if d.IsError {
		fields = append(fields, jen.Id("apiError").Op("*").Id("APIError"))
	}
	f.Type().Id(d.Name).Struct(fields...)
	if st.HasCodec() {
		e.emitMarshal(f, vd, st)
		e.emitUnmarshal(f, vd, st)
	} else if st.FillsFixed(d) {
		f.Comment("// MarshalJSON encodes the properties; those the API fixes to one value")
		f.Comment("// are sent with it when left zero.")
		body := append(fillFixed(vd), jen.Type().Id("plain").Id(d.Name), jen.Return(jen.Id("marshalJSON").Call(jen.Id("plain").Call(jen.Id("v")))))
		f.Func().Params(jen.Id("v").Id(d.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
	}
}

// fillFixed sets the fields of v that the API fixes to one value and the
// caller left zero, before v is encoded: a request then carries them.
func fillFixed(vd *goview.Decl) []jen.Code {
	st, ok := vd.IR.Kind.(*ir.Struct)
	if !ok || !st.FillsFixed(vd.IR) {
		return nil
	}
	var out []jen.Code
	for _, sf := range vd.Fields {
		if v := sf.IR.Fixed; v != nil {
			field := jen.Id("v").Dot(sf.IR.Name)
			out = append(out, jen.If(field.Clone().Op("==").Add(fixedLit(zeroOf(v)))).Block(field.Clone().Op("=").Add(fixedLit(v))))
		}
	}
	return out
}

// fixedLit writes a fixed value as an untyped constant: 2, not 2.0.
func fixedLit(v any) jen.Code {
	if f, ok := v.(float64); ok {
		return jen.Op(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return untypedLit(v)
}

// zeroOf is the zero value of a fixed value's type.
func zeroOf(v any) any {
	switch v.(type) {
	case string:
		return ""
	case float64:
		return float64(0)
	}
	return int64(0)
}

// emitMarshal writes the MarshalJSON of a struct with additional
// properties or with fields whose JSON names a struct tag cannot hold:
// encoding/json encodes the other fields, and this method the rest.
func (e *emitter) emitMarshal(f *jen.File, vd *goview.Decl, st *ir.Struct) {
	d := vd.IR
	var declared []jen.Code
	for _, fd := range st.Fields {
		declared = append(declared, jen.Lit(fd.JSONName))
	}
	names := jen.Index().String().Values(declared...)
	fail := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))

	marshal := append(fillFixed(vd),
		jen.Type().Id("plain").Id(d.Name),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("marshalJSON").Call(jen.Id("plain").Call(jen.Id("v"))),
		fail,
	)
	var untagged []*goview.StructField
	for _, sf := range vd.Fields {
		if sf.IR.Untagged {
			untagged = append(untagged, sf)
		}
	}
	if len(untagged) > 0 {
		marshal = append(marshal, jen.Id("untagged").Op(":=").Map(jen.String()).Any().Values())
		for _, sf := range untagged {
			field := jen.Id("v").Dot(sf.IR.Name)
			put := jen.Id("untagged").Index(jen.Lit(sf.IR.JSONName)).Op("=").Add(field)
			if !sf.Omit {
				marshal = append(marshal, put)
			} else if sf.Hold == goview.HoldNullable {
				marshal = append(marshal, jen.If(jen.Op("!").Add(field).Dot("IsZero").Call()).Block(put))
			} else {
				marshal = append(marshal, jen.If(field.Clone().Op("!=").Nil()).Block(put))
			}
		}
		if st.Additional == nil {
			marshal = append(marshal, jen.Return(jen.Id("marshalAdditional").Call(jen.Id("b"), jen.Id("untagged"), jen.Nil())))
		} else {
			marshal = append(marshal, jen.List(jen.Id("b"), jen.Err()).Op("=").Id("marshalAdditional").Call(jen.Id("b"), jen.Id("untagged"), jen.Nil()), fail)
		}
	}
	if st.Additional != nil {
		marshal = append(marshal, jen.Return(jen.Id("marshalAdditional").Call(jen.Id("b"), jen.Id("v").Dot(st.AdditionalName), names)))
	}
	what := "the declared properties and the additional ones"
	if st.Additional == nil {
		what = "the properties, including those whose names a struct tag cannot hold"
	}
	f.Comment("// MarshalJSON encodes " + what + ".")
	f.Func().Params(jen.Id("v").Id(d.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshal...)
}

// emitUnmarshal writes the UnmarshalJSON of a struct with additional
// properties or with fields whose JSON names a struct tag cannot hold:
// encoding/json decodes the other fields, and the runtime's unmarshalObject
// the rest.
func (e *emitter) emitUnmarshal(f *jen.File, vd *goview.Decl, st *ir.Struct) {
	d := vd.IR
	extra, declared := jen.Nil(), jen.Nil()
	if st.Additional != nil {
		extra = jen.Op("&").Id("v").Dot(st.AdditionalName)
		// The tagged fields' names: encoding/json matches them regardless
		// of case, the untagged ones below exactly.
		var names []jen.Code
		for _, fd := range st.Fields {
			if !fd.Untagged {
				names = append(names, jen.Lit(fd.JSONName))
			}
		}
		declared = jen.Index().String().Values(names...)
	}
	args := []jen.Code{jen.Id("data"), jen.Id("v"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), extra, declared}
	for _, fd := range st.Fields {
		if fd.Untagged {
			args = append(args, jen.Id("member").Values(jen.Lit(fd.JSONName), jen.Op("&").Id("v").Dot(fd.Name)))
		}
	}
	what := "the declared properties and the additional ones"
	if st.Additional == nil {
		what = "the properties, including those whose names a struct tag cannot hold"
	}
	f.Comment("// UnmarshalJSON decodes " + what + ".")
	f.Func().Params(jen.Id("v").Op("*").Id(d.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Type().Id("plain").Id(d.Name),
		jen.Return(jen.Id("unmarshalObject").Call(args...)),
	)
}

func (e *emitter) emitEnum(f *jen.File, vd *goview.Decl, en *ir.Enum) {
	d := vd.IR
	f.Type().Id(d.Name).Add(vd.Base.Code())
	var consts []jen.Code
	var names []jen.Code
	for _, v := range en.Values {
		if v.Description != "" {
			consts = append(consts, comment(v.Description)...)
		}
		consts = append(consts, jen.Id(v.Name).Id(d.Name).Op("=").Add(untypedLit(v.Value)))
		names = append(names, jen.Id(v.Name))
	}
	f.Comment(fmt.Sprintf("// Values of %s known to this SDK.", d.Name))
	f.Const().Defs(consts...)
	f.Comment("// IsKnown reports whether v is one of the values this SDK knows of. The")
	f.Comment("// API may send others; they decode without error.")
	f.Func().Params(jen.Id("v").Id(d.Name)).Id("IsKnown").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.Case(names...).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
}

func (e *emitter) emitErrorMethods(f *jen.File, d *ir.Decl) {
	f.Comment("// Error describes the failed call: operation, status and body.")
	f.Func().Params(jen.Id("e").Op("*").Id(d.Name)).Id("Error").Params().String().Block(
		jen.Return(jen.Id("e").Dot("apiError").Dot("Error").Call()),
	)
	f.Comment("// Unwrap returns the *APIError with the response's status, headers and body.")
	f.Func().Params(jen.Id("e").Op("*").Id(d.Name)).Id("Unwrap").Params().Error().Block(
		jen.Return(jen.Id("e").Dot("apiError")),
	)
	f.Comment("// setAPIError attaches the response the error was decoded from.")
	f.Func().Params(jen.Id("e").Op("*").Id(d.Name)).Id("setAPIError").Params(jen.Id("err").Op("*").Id("APIError")).Block(
		jen.Id("e").Dot("apiError").Op("=").Id("err"),
	)
}

// untypedLit writes a constant without a conversion, so it can take the
// enum's type.
func untypedLit(v any) jen.Code {
	if n, ok := v.(int64); ok {
		return jen.Op(strconv.FormatInt(n, 10))
	}
	return jen.Lit(v)
}

// stringsOrNil is a []string literal, or nil for none.
func stringsOrNil(items []jen.Code) jen.Code {
	if len(items) == 0 {
		return jen.Nil()
	}
	return jen.Index().String().Values(items...)
}
