// Package changelog compares the IRs of two versions of an API and reports
// what changed for the users of the generated Go SDK: methods, their
// request, response and error paths, and models, each marked breaking when
// code compiled against the old SDK would stop compiling or change behaviour.
package changelog

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Kind is what happened to a thing.
type Kind string

const (
	Added      Kind = "Added"
	Removed    Kind = "Removed"
	Changed    Kind = "Changed"
	Deprecated Kind = "Deprecated"
)

// Change is one change at a path of a method or model.
type Change struct {
	Path     string `json:"path"` // "request.params.Limit", "response", "error.status[404]", a field name
	Kind     Kind   `json:"kind"`
	Breaking bool   `json:"breaking"`
	Detail   string `json:"detail,omitempty"` // "string → int64"
}

// Entry gathers the changes of one method or model. Kind is set when the
// whole method or model was added, removed or deprecated.
type Entry struct {
	Name     string    `json:"name"` // "SignInTokens.Create()" or "SignInToken"
	Kind     Kind      `json:"kind,omitempty"`
	Breaking bool      `json:"breaking"`
	Changes  []*Change `json:"changes,omitempty"`
}

// Report is the difference between two SDKs.
type Report struct {
	Methods []*Entry `json:"methods"`
	Models  []*Entry `json:"models"`
}

// Breaking reports whether any change breaks.
func (r *Report) Breaking() bool {
	for _, e := range append(slices.Clone(r.Methods), r.Models...) {
		if e.Breaking {
			return true
		}
	}
	return false
}

// Empty reports whether nothing Go-visible changed.
func (r *Report) Empty() bool { return len(r.Methods) == 0 && len(r.Models) == 0 }

// Compare reports the changes from old to new.
func Compare(old, new *goview.View) *Report {
	r := &Report{}
	oldOps, newOps := methods(old), methods(new)
	for _, name := range union(oldOps, newOps) {
		o, n := oldOps[name], newOps[name]
		switch {
		case o == nil:
			r.Methods = append(r.Methods, &Entry{Name: name, Kind: Added})
		case n == nil:
			r.Methods = append(r.Methods, &Entry{Name: name, Kind: Removed, Breaking: true})
		default:
			if e := compareOps(name, o, n); e != nil {
				r.Methods = append(r.Methods, e)
			}
		}
	}
	oldDecls, newDecls := decls(old), decls(new)
	oldUse, newUse := usage(old.API), usage(new.API)
	for _, name := range union(oldDecls, newDecls) {
		o, n := oldDecls[name], newDecls[name]
		switch {
		case o == nil:
			r.Models = append(r.Models, &Entry{Name: name, Kind: Added})
		case n == nil:
			r.Models = append(r.Models, &Entry{Name: name, Kind: Removed, Breaking: true})
		default:
			use := oldUse[o.IR] | newUse[n.IR]
			if e := compareDecls(name, o, n, use); e != nil {
				r.Models = append(r.Models, e)
			}
		}
	}
	return r
}

// methods indexes operations by their Go name: "Service.Method()", or
// "Client.Method()" for methods of the client itself.
func methods(v *goview.View) map[string]*goview.Method {
	out := map[string]*goview.Method{}
	for _, g := range v.Groups {
		for _, m := range g.Methods {
			recv := g.Access
			if recv == "" {
				recv = "Client"
			}
			out[recv+"."+m.Op.GoName+"()"] = m
		}
	}
	return out
}

func decls(v *goview.View) map[string]*goview.Decl {
	out := map[string]*goview.Decl{}
	for _, d := range v.Decls {
		out[d.IR.Name] = d
	}
	return out
}

// union returns the keys of both maps, sorted.
func union[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// entry collects changes and derives its breaking flag.
type entry struct{ e *Entry }

func (x *entry) add(path string, kind Kind, breaking bool, detail string) {
	x.e.Changes = append(x.e.Changes, &Change{Path: path, Kind: kind, Breaking: breaking, Detail: detail})
	x.e.Breaking = x.e.Breaking || breaking
}

func (x *entry) result() *Entry {
	if x.e.Kind == "" && len(x.e.Changes) == 0 {
		return nil
	}
	slices.SortStableFunc(x.e.Changes, func(a, b *Change) int { return strings.Compare(a.Path, b.Path) })
	return x.e
}

func compareOps(name string, om, nm *goview.Method) *Entry {
	o, n := om.Op, nm.Op
	x := &entry{&Entry{Name: name}}
	if n.Deprecated && !o.Deprecated {
		x.e.Kind = Deprecated
	}

	// Path parameters are positional: any change to them breaks callers.
	if sig(om) != sig(nm) {
		x.add("request.path", Changed, true, sig(om)+" → "+sig(nm))
	}

	// The iterator: its name, and the items it yields.
	switch op, np := om.Pager, nm.Pager; {
	case op == nil && np != nil:
		x.add("iterator", Added, false, np.Name+"() "+np.Seq())
	case op != nil && np == nil:
		x.add("iterator", Removed, true, op.Name+"() "+op.Seq())
	case op != nil && (op.Name != np.Name || op.Seq() != np.Seq()):
		x.add("iterator", Changed, true, op.Name+"() "+op.Seq()+" → "+np.Name+"() "+np.Seq())
	}

	// The body.
	switch ob, nb := om.Body, nm.Body; {
	case ob == nil && nb != nil:
		x.add("request.body", Added, true, nb.Type.String())
	case ob != nil && nb == nil:
		x.add("request.body", Removed, true, ob.Type.String())
	case ob != nil && ob.Type.String() != nb.Type.String():
		x.add("request.body", Changed, true, ob.Type.String()+" → "+nb.Type.String())
	}

	// Query, header and cookie parameters.
	if om.Params != nil && nm.Params != nil && om.ParamsByValue != nm.ParamsByValue {
		x.add("request.params", Changed, true, om.Params.Type.String()+" → "+nm.Params.Type.String())
	}
	oldP, newP := byGoName(om.ParamFields), byGoName(nm.ParamFields)
	for _, pn := range union(oldP, newP) {
		op, np := oldP[pn], newP[pn]
		path := "request.params." + pn
		switch {
		case op == nil:
			x.add(path, Added, np.IR.Required || om.Params == nil && nm.ParamsByValue, np.Type.String())
		case np == nil:
			x.add(path, Removed, true, "")
		case op.Type.String() != np.Type.String():
			x.add(path, Changed, true, op.Type.String()+" → "+np.Type.String())
		case op.IR.Name != np.IR.Name || op.IR.In != np.IR.In || op.IR.Style != np.IR.Style || op.IR.Explode != np.IR.Explode:
			x.add(path, Changed, true, fmt.Sprintf("sent as %s %q → %s %q", op.IR.In, op.IR.Name, np.IR.In, np.IR.Name))
		case np.IR.Deprecated && !op.IR.Deprecated:
			x.add(path, Deprecated, false, "")
		}
	}

	// The result.
	if or, nr := resultShape(om), resultShape(nm); or != nr {
		x.add("response", Changed, true, or+" → "+nr)
	}

	// Declared errors, by status.
	oldE, newE := errorsByStatus(o), errorsByStatus(n)
	for _, st := range union(oldE, newE) {
		path := "error.status[" + st + "]"
		oe, ne := oldE[st], newE[st]
		switch {
		case oe == "":
			x.add(path, Added, false, ne)
		case ne == "":
			// errors.As for the old type stops matching.
			x.add(path, Removed, true, oe)
		case oe != ne:
			x.add(path, Changed, true, oe+" → "+ne)
		}
	}
	return x.result()
}

func byGoName(ps []*goview.ParamField) map[string]*goview.ParamField {
	out := map[string]*goview.ParamField{}
	for _, p := range ps {
		out[p.IR.GoName] = p
	}
	return out
}

// sig renders positional path arguments.
func sig(m *goview.Method) string {
	var parts []string
	for _, a := range m.PathArgs {
		parts = append(parts, a.Name+" "+a.Type.String())
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func resultShape(m *goview.Method) string {
	switch {
	case m.Result == nil:
		return "no result"
	case m.ResultFields != nil:
		var parts []string
		for _, f := range m.ResultFields {
			parts = append(parts, f.IR.Name+" "+f.Type.String())
		}
		return m.Result.String() + "{" + strings.Join(parts, ", ") + "}"
	}
	return m.Result.String()
}

// errorsByStatus maps each declared error status to its typed error, or
// "*APIError" when the body has no typed error.
func errorsByStatus(op *ir.Operation) map[string]string {
	out := map[string]string{}
	for _, r := range op.Responses {
		if r.IsSuccess() {
			continue
		}
		t := "*APIError"
		if d := declOf(r.Type); d != nil && d.IsError {
			t = "*" + d.Name
		}
		out[r.Status] = t
	}
	return out
}

// use says where a declaration appears.
type use uint8

const (
	inRequest use = 1 << iota
	inResponse
)

// usage finds, for every declaration, whether requests or responses (or
// both) carry it, following references.
func usage(api *ir.API) map[*ir.Decl]use {
	out := map[*ir.Decl]use{}
	var mark func(t ir.Type, u use)
	mark = func(t ir.Type, u use) {
		switch t := t.(type) {
		case *ir.Slice:
			mark(t.Elem, u)
		case *ir.Map:
			mark(t.Elem, u)
		case *ir.Nullable:
			mark(t.Elem, u)
		case *ir.Ref:
			if out[t.Decl]&u == u {
				return
			}
			out[t.Decl] |= u
			switch k := t.Decl.Kind.(type) {
			case *ir.Struct:
				for _, f := range k.Fields {
					mark(f.Type, u)
				}
				if k.Additional != nil {
					mark(k.Additional, u)
				}
			case *ir.Union:
				for _, v := range k.Variants {
					mark(v.Type, u)
				}
			}
		}
	}
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			for _, p := range append(slices.Clone(op.PathParams), op.Params...) {
				mark(p.Type, inRequest)
			}
			if op.Body != nil && op.Body.Type != nil {
				mark(op.Body.Type, inRequest)
			}
			for _, r := range op.Responses {
				if r.Type != nil {
					mark(r.Type, inResponse)
				}
			}
		}
	}
	return out
}

func compareDecls(name string, ov, nv *goview.Decl, u use) *Entry {
	o, n := ov.IR, nv.IR
	x := &entry{&Entry{Name: name}}
	if n.Deprecated && !o.Deprecated {
		x.e.Kind = Deprecated
	}
	if kindName(ov) != kindName(nv) {
		x.add("", Changed, true, kindName(ov)+" → "+kindName(nv))
		return x.result()
	}
	switch ok := o.Kind.(type) {
	case *ir.Struct:
		nk := n.Kind.(*ir.Struct)
		of, nf := fieldsByName(ov), fieldsByName(nv)
		for _, fn := range union(of, nf) {
			a, b := of[fn], nf[fn]
			switch {
			case a == nil:
				// A new required property must be set in requests.
				x.add(fn, Added, b.IR.Required && u&inRequest != 0, b.Type.String())
			case b == nil:
				x.add(fn, Removed, true, "")
			case a.Type.String() != b.Type.String():
				x.add(fn, Changed, true, a.Type.String()+" → "+b.Type.String())
			case a.IR.JSONName != b.IR.JSONName:
				x.add(fn, Changed, true, fmt.Sprintf("sent as %q → %q", a.IR.JSONName, b.IR.JSONName))
			case b.IR.Deprecated && !a.IR.Deprecated:
				x.add(fn, Deprecated, false, "")
			}
		}
		oa, na := "", ""
		if ov.Additional != nil {
			oa = ov.Additional.String()
		}
		if nv.Additional != nil {
			na = nv.Additional.String()
		}
		if oa != na {
			x.add(cmp.Or(nk.AdditionalName, ok.AdditionalName), changeKind(oa, na), oa != "", oa+" → "+na)
		}
	case *ir.Enum:
		nk := n.Kind.(*ir.Enum)
		oe, ne := valuesByName(ok), valuesByName(nk)
		for _, vn := range union(oe, ne) {
			switch a, b := oe[vn], ne[vn]; {
			case a == nil:
				// Old code handling every known value meets one it does
				// not know, unless the spec warned that unknown values come.
				x.add(vn, Added, !nk.AllowUnknown && u&inResponse != 0, fmt.Sprintf("%v", b.Value))
			case b == nil:
				x.add(vn, Removed, true, fmt.Sprintf("%v", a.Value))
			case a.Value != b.Value:
				x.add(vn, Changed, true, fmt.Sprintf("%v → %v", a.Value, b.Value))
			}
		}
	case *ir.Union:
		ou, nu := variantsByName(ov), variantsByName(nv)
		for _, vn := range union(ou, nu) {
			switch a, b := ou[vn], nu[vn]; {
			case a == nil:
				// Values of the new variant used to land in Raw.
				x.add(vn, Added, u&inResponse != 0, b.Type.String())
			case b == nil:
				x.add(vn, Removed, true, a.Type.String())
			case a.Type.String() != b.Type.String():
				x.add(vn, Changed, true, a.Type.String()+" → "+b.Type.String())
			}
		}
	}
	if n.IsError != o.IsError {
		x.add("error", changeKind(boolText(o.IsError), boolText(n.IsError)), o.IsError, "")
	}
	return x.result()
}

func boolText(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func changeKind(old, new string) Kind {
	switch {
	case old == "":
		return Added
	case new == "":
		return Removed
	}
	return Changed
}

func kindName(d *goview.Decl) string {
	switch d.IR.Kind.(type) {
	case *ir.Struct:
		return "struct"
	case *ir.Enum:
		return "enum of " + d.Base.String()
	case *ir.Union:
		return "union"
	}
	return "?"
}

func fieldsByName(d *goview.Decl) map[string]*goview.StructField {
	out := map[string]*goview.StructField{}
	for _, f := range d.Fields {
		out[f.IR.Name] = f
	}
	return out
}

func valuesByName(e *ir.Enum) map[string]*ir.EnumValue {
	out := map[string]*ir.EnumValue{}
	for _, v := range e.Values {
		out[v.Name] = v
	}
	return out
}

func variantsByName(d *goview.Decl) map[string]*goview.Variant {
	out := map[string]*goview.Variant{}
	for _, v := range d.Variants {
		out[v.IR.Name] = v
	}
	return out
}

func stripNull(t ir.Type) ir.Type {
	t, _ = ir.Unwrap(t)
	return t
}

func declOf(t ir.Type) *ir.Decl {
	if r, ok := stripNull(t).(*ir.Ref); ok {
		return r.Decl
	}
	return nil
}
