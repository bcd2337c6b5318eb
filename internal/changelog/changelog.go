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

	"github.com/sdkgen/sdkgen/internal/gotype"
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
func Compare(old, new *ir.API) *Report {
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
	oldUse, newUse := usage(old), usage(new)
	for _, name := range union(oldDecls, newDecls) {
		o, n := oldDecls[name], newDecls[name]
		switch {
		case o == nil:
			r.Models = append(r.Models, &Entry{Name: name, Kind: Added})
		case n == nil:
			r.Models = append(r.Models, &Entry{Name: name, Kind: Removed, Breaking: true})
		default:
			use := oldUse[o] | newUse[n]
			if e := compareDecls(name, o, n, use); e != nil {
				r.Models = append(r.Models, e)
			}
		}
	}
	return r
}

// methods indexes operations by their Go name: "Service.Method()", or
// "Client.Method()" for methods of the client itself.
func methods(api *ir.API) map[string]*ir.Operation {
	out := map[string]*ir.Operation{}
	for _, g := range api.Groups {
		for _, op := range g.Operations {
			recv := g.FieldName
			if recv == "" {
				recv = "Client"
			}
			out[recv+"."+op.GoName+"()"] = op
		}
	}
	return out
}

func decls(api *ir.API) map[string]*ir.Decl {
	out := map[string]*ir.Decl{}
	for _, d := range api.Decls {
		out[d.Name] = d
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

func compareOps(name string, o, n *ir.Operation) *Entry {
	x := &entry{&Entry{Name: name}}
	if n.Deprecated && !o.Deprecated {
		x.e.Kind = Deprecated
	}

	// Path parameters are positional: any change to them breaks callers.
	if sig(o.PathParams) != sig(n.PathParams) {
		x.add("request.path", Changed, true, sig(o.PathParams)+" → "+sig(n.PathParams))
	}

	// The body.
	switch ob, nb := o.Body, n.Body; {
	case ob == nil && nb != nil:
		x.add("request.body", Added, true, bodyShape(nb))
	case ob != nil && nb == nil:
		x.add("request.body", Removed, true, bodyShape(ob))
	case ob != nil && bodyShape(ob) != bodyShape(nb):
		x.add("request.body", Changed, true, bodyShape(ob)+" → "+bodyShape(nb))
	}

	// Query, header and cookie parameters.
	if o.ParamsByValue() != n.ParamsByValue() && len(o.Params) > 0 && len(n.Params) > 0 {
		x.add("request.params", Changed, true, paramsShape(o)+" → "+paramsShape(n))
	}
	oldP, newP := byGoName(o.Params), byGoName(n.Params)
	for _, pn := range union(oldP, newP) {
		op, np := oldP[pn], newP[pn]
		path := "request.params." + pn
		switch {
		case op == nil:
			x.add(path, Added, np.Required || len(o.Params) == 0 && n.ParamsByValue(), fieldShape(np.Type, np.Required))
		case np == nil:
			x.add(path, Removed, true, "")
		case fieldShape(op.Type, op.Required) != fieldShape(np.Type, np.Required):
			x.add(path, Changed, true, fieldShape(op.Type, op.Required)+" → "+fieldShape(np.Type, np.Required))
		case op.Name != np.Name || op.In != np.In || op.Style != np.Style || op.Explode != np.Explode:
			x.add(path, Changed, true, fmt.Sprintf("sent as %s %q → %s %q", op.In, op.Name, np.In, np.Name))
		case np.Deprecated && !op.Deprecated:
			x.add(path, Deprecated, false, "")
		}
	}

	// The result.
	if or, nr := resultShape(o), resultShape(n); or != nr {
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

func byGoName(ps []*ir.Param) map[string]*ir.Param {
	out := map[string]*ir.Param{}
	for _, p := range ps {
		out[p.GoName] = p
	}
	return out
}

// sig renders positional path arguments.
func sig(ps []*ir.Param) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.GoName+" "+typeShape(p.Type))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func bodyShape(b *ir.RequestBody) string { return gotype.Body(b) }

func paramsShape(op *ir.Operation) string {
	if op.ParamsByValue() {
		return op.ParamsName
	}
	return "*" + op.ParamsName
}

func resultShape(op *ir.Operation) string {
	switch op.Result.Kind {
	case ir.ResultNone:
		return "no result"
	case ir.ResultMulti:
		var parts []string
		for _, f := range op.Result.Fields {
			parts = append(parts, f.Name+" "+typeShape(f.Type))
		}
		return "*" + op.Result.Name + "{" + strings.Join(parts, ", ") + "}"
	}
	return gotype.Result(op)
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

func compareDecls(name string, o, n *ir.Decl, u use) *Entry {
	x := &entry{&Entry{Name: name}}
	if n.Deprecated && !o.Deprecated {
		x.e.Kind = Deprecated
	}
	if kindName(o) != kindName(n) {
		x.add("", Changed, true, kindName(o)+" → "+kindName(n))
		return x.result()
	}
	switch ok := o.Kind.(type) {
	case *ir.Struct:
		nk := n.Kind.(*ir.Struct)
		of, nf := fieldsByName(ok), fieldsByName(nk)
		for _, fn := range union(of, nf) {
			a, b := of[fn], nf[fn]
			switch {
			case a == nil:
				// A new required property must be set in requests.
				x.add(fn, Added, b.Required && u&inRequest != 0, fieldShape(b.Type, b.Required))
			case b == nil:
				x.add(fn, Removed, true, "")
			case fieldShape(a.Type, a.Required) != fieldShape(b.Type, b.Required):
				x.add(fn, Changed, true, fieldShape(a.Type, a.Required)+" → "+fieldShape(b.Type, b.Required))
			case a.JSONName != b.JSONName:
				x.add(fn, Changed, true, fmt.Sprintf("sent as %q → %q", a.JSONName, b.JSONName))
			case b.Deprecated && !a.Deprecated:
				x.add(fn, Deprecated, false, "")
			}
		}
		oa, na := "", ""
		if ok.Additional != nil {
			oa = typeShape(ok.Additional)
		}
		if nk.Additional != nil {
			na = typeShape(nk.Additional)
		}
		if oa != na {
			x.add(cmp.Or(nk.AdditionalName, ok.AdditionalName), changeKind(oa, na), oa != "", oa+" → "+na)
		}
	case *ir.Enum:
		nk := n.Kind.(*ir.Enum)
		ov, nv := valuesByName(ok), valuesByName(nk)
		for _, vn := range union(ov, nv) {
			switch a, b := ov[vn], nv[vn]; {
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
		nk := n.Kind.(*ir.Union)
		ov, nv := variantsByName(ok), variantsByName(nk)
		for _, vn := range union(ov, nv) {
			switch a, b := ov[vn], nv[vn]; {
			case a == nil:
				// Values of the new variant used to land in Raw.
				x.add(vn, Added, u&inResponse != 0, typeShape(b.Type))
			case b == nil:
				x.add(vn, Removed, true, typeShape(a.Type))
			case typeShape(a.Type) != typeShape(b.Type):
				x.add(vn, Changed, true, typeShape(a.Type)+" → "+typeShape(b.Type))
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

func kindName(d *ir.Decl) string {
	switch k := d.Kind.(type) {
	case *ir.Struct:
		return "struct"
	case *ir.Enum:
		return "enum of " + primShape(k.Base)
	case *ir.Union:
		return "union"
	}
	return "?"
}

func fieldsByName(s *ir.Struct) map[string]*ir.Field {
	out := map[string]*ir.Field{}
	for _, f := range s.Fields {
		out[f.Name] = f
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

func variantsByName(u *ir.Union) map[string]*ir.Variant {
	out := map[string]*ir.Variant{}
	for _, v := range u.Variants {
		out[v.Name] = v
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
