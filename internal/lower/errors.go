package lower

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// sharedErrorName is the name of an error type that several responses
// declare inline, alike: no one operation's name fits it.
const sharedErrorName = "ErrorBody"

// dedupeErrors gives structurally identical error bodies one type. Specs
// often repeat the same inline error schema under every status of every
// operation; one Go type each would make callers guess which one errors.As
// needs. A component schema's declaration wins over inline ones, so that its
// name is kept; among inline ones the first by pointer does. The inline
// declarations nested in a merged body (its items) go with it.
func (l *lowerer) dedupeErrors() {
	byDecl := map[*ir.Decl]*declInfo{}
	for _, d := range l.declList {
		byDecl[d.decl] = d
	}
	keys, groups := l.alike(func(d *ir.Decl) (string, bool) {
		if !d.IsError {
			return "", false
		}
		return shapeKey(d, map[*ir.Decl]bool{}, true), true
	})
	repl := map[*ir.Decl]*ir.Decl{}
	drop := map[*ir.Decl]bool{}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(a, b *declInfo) int {
			return cmp.Or(cmp.Compare(rankDecl(a), rankDecl(b)), strings.Compare(a.decl.Pointer, b.decl.Pointer))
		})
		keep := g[0]
		merged := 0
		for _, d := range g[1:] {
			if rankDecl(d) < 2 {
				continue // a named schema keeps its type, alike or not
			}
			pairDecls(d.decl, keep.decl, repl, drop)
			merged++
		}
		if merged == 0 || rankDecl(keep) < 2 {
			continue
		}
		// An inline body several operations share is named for none of them.
		old := keep.base
		for _, n := range nestedInline(keep.decl) {
			if ni := byDecl[n]; ni != nil && strings.HasPrefix(ni.base, old) {
				ni.base = sharedErrorName + strings.TrimPrefix(ni.base, old)
			}
		}
		keep.base, keep.alt = sharedErrorName, old
	}
	l.replace(repl, drop)
}

// rankDecl orders the candidates to keep: pinned names, then component
// schemas, then inline schemas.
func rankDecl(d *declInfo) int {
	switch {
	case d.pinned:
		return 0
	case d.decl.SchemaName != "":
		return 1
	}
	return 2
}

// shapeKey describes a declaration's Go shape: what decides the type's
// fields and their types, not its documentation. Inline declarations are
// described by their shape; named ones (and unions) by their identity.
func shapeKey(d *ir.Decl, seen map[*ir.Decl]bool, top bool) string {
	if (!top && d.SchemaName != "") || seen[d] {
		return "decl:" + d.Pointer
	}
	seen[d] = true
	defer delete(seen, d)
	var b strings.Builder
	switch k := d.Kind.(type) {
	case *ir.Struct:
		b.WriteString("struct{")
		fields := slices.SortedFunc(slices.Values(k.Fields), func(a, b *ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
		for _, f := range fields {
			fmt.Fprintf(&b, "%q %t %t %t %s;", f.JSONName, f.Required, f.ReadOnly, f.WriteOnly, typeKey(f.Type, seen))
		}
		if k.Additional != nil {
			b.WriteString("+" + typeKey(k.Additional, seen))
		}
		b.WriteString("}")
	case *ir.Enum:
		fmt.Fprintf(&b, "enum %d %t{", k.Base, k.AllowUnknown)
		for _, v := range k.Values {
			fmt.Fprintf(&b, "%#v %q;", v.Value, v.Label)
		}
		b.WriteString("}")
	default:
		return "decl:" + d.Pointer
	}
	return b.String()
}

func typeKey(t ir.Type, seen map[*ir.Decl]bool) string {
	switch t := t.(type) {
	case *ir.Prim:
		return fmt.Sprintf("p%d", t.Kind)
	case *ir.Slice:
		return "[]" + typeKey(t.Elem, seen)
	case *ir.Map:
		return "map" + typeKey(t.Elem, seen)
	case *ir.Nullable:
		return "?" + typeKey(t.Elem, seen)
	case *ir.Ref:
		return "(" + shapeKey(t.Decl, seen, false) + ")"
	}
	return "any"
}

// pairDecls maps dup, and the inline declarations nested in it, onto their
// counterparts in keep, which shapeKey found alike.
func pairDecls(dup, keep *ir.Decl, repl map[*ir.Decl]*ir.Decl, drop map[*ir.Decl]bool) {
	if dup == keep || drop[dup] {
		return
	}
	repl[dup], drop[dup] = keep, true
	ds, ok1 := dup.Kind.(*ir.Struct)
	ks, ok2 := keep.Kind.(*ir.Struct)
	if !ok1 || !ok2 {
		return
	}
	for _, f := range ds.Fields {
		i := slices.IndexFunc(ks.Fields, func(k *ir.Field) bool { return k.JSONName == f.JSONName })
		pairTypes(f.Type, ks.Fields[i].Type, repl, drop)
	}
	if ds.Additional != nil {
		pairTypes(ds.Additional, ks.Additional, repl, drop)
	}
}

func pairTypes(a, b ir.Type, repl map[*ir.Decl]*ir.Decl, drop map[*ir.Decl]bool) {
	switch a := a.(type) {
	case *ir.Slice:
		pairTypes(a.Elem, b.(*ir.Slice).Elem, repl, drop)
	case *ir.Map:
		pairTypes(a.Elem, b.(*ir.Map).Elem, repl, drop)
	case *ir.Nullable:
		pairTypes(a.Elem, b.(*ir.Nullable).Elem, repl, drop)
	case *ir.Ref:
		if a.Decl.SchemaName == "" {
			pairDecls(a.Decl, b.(*ir.Ref).Decl, repl, drop)
		}
	}
}

// nestedInline lists the inline declarations a declaration's fields use,
// however deep.
func nestedInline(d *ir.Decl) []*ir.Decl {
	var out []*ir.Decl
	seen := map[*ir.Decl]bool{d: true}
	var walk func(t ir.Type)
	walk = func(t ir.Type) {
		switch t := t.(type) {
		case *ir.Slice:
			walk(t.Elem)
		case *ir.Map:
			walk(t.Elem)
		case *ir.Nullable:
			walk(t.Elem)
		case *ir.Ref:
			if t.Decl.SchemaName == "" && !seen[t.Decl] {
				seen[t.Decl] = true
				out = append(out, t.Decl)
				if s, ok := t.Decl.Kind.(*ir.Struct); ok {
					for _, f := range s.Fields {
						walk(f.Type)
					}
				}
			}
		}
	}
	if s, ok := d.Kind.(*ir.Struct); ok {
		for _, f := range s.Fields {
			walk(f.Type)
		}
		if s.Additional != nil {
			walk(s.Additional)
		}
	}
	return out
}

// retarget points the references in t at their replacements.
func retarget(t ir.Type, repl map[*ir.Decl]*ir.Decl) {
	switch t := t.(type) {
	case *ir.Slice:
		retarget(t.Elem, repl)
	case *ir.Map:
		retarget(t.Elem, repl)
	case *ir.Nullable:
		retarget(t.Elem, repl)
	case *ir.Ref:
		if r := repl[t.Decl]; r != nil {
			t.Decl = r
		}
	}
}

// childTypes calls f with the types a declaration holds: a struct's fields
// and additional properties, a union's variants.
func childTypes(kind ir.DeclKind, f func(ir.Type)) {
	switch k := kind.(type) {
	case *ir.Struct:
		for _, fl := range k.Fields {
			f(fl.Type)
		}
		if k.Additional != nil {
			f(k.Additional)
		}
	case *ir.Union:
		for _, v := range k.Variants {
			f(v.Type)
		}
	}
}

// eachType calls f with every type the IR holds at its top: fields,
// variants, parameters, bodies, responses, results, streams and pages.
func (l *lowerer) eachType(f func(ir.Type)) {
	for _, d := range l.declList {
		childTypes(d.decl.Kind, f)
	}
	for _, info := range l.opInfos {
		o := info.op
		for _, p := range o.PathParams {
			f(p.Type)
		}
		for _, p := range o.Params {
			f(p.Type)
		}
		if o.Body != nil && o.Body.Type != nil {
			f(o.Body.Type)
		}
		for _, r := range o.Responses {
			if r.Type != nil {
				f(r.Type)
			}
		}
		for _, h := range o.ResponseHeaders {
			f(h.Type)
		}
		if o.Result.Type != nil {
			f(o.Result.Type)
		}
		for _, rf := range o.Result.Fields {
			f(rf.Type)
		}
		if o.Stream != nil && o.Stream.Item != nil {
			f(o.Stream.Item)
		}
		if o.Pagination != nil && o.Pagination.Item != nil {
			f(o.Pagination.Item)
		}
	}
}

// commonError picks the API's common error: the configured schema, or else
// the error body that the most operations declare, when at least two do and
// no other is declared as often. Undeclared statuses whose body is one
// decode into it.
func (l *lowerer) commonError() {
	if name := l.opts.ErrorSchema; name != "" {
		for _, d := range l.declList {
			if d.decl.SchemaName == name {
				if _, ok := d.decl.Kind.(*ir.Struct); !ok {
					l.errorf(l.opts.ErrorSchemaPos, "", "errorSchema %q is not an object schema", name)
					return
				}
				d.decl.IsError = true
				l.api.CommonError = d.decl
				return
			}
		}
		l.errorf(l.opts.ErrorSchemaPos, "", "errorSchema %q is not a schema of the spec's components", name)
		return
	}
	count := map[*ir.Decl]int{}
	var order []*ir.Decl
	for _, info := range l.opInfos {
		seen := map[*ir.Decl]bool{}
		for _, r := range info.op.Responses {
			if r.IsSuccess() || r.Type == nil {
				continue
			}
			ref, ok := r.Type.(*ir.Ref)
			if !ok || seen[ref.Decl] || !ref.Decl.IsError {
				continue
			}
			if _, ok := ref.Decl.Kind.(*ir.Struct); !ok {
				continue
			}
			seen[ref.Decl] = true
			if count[ref.Decl] == 0 {
				order = append(order, ref.Decl)
			}
			count[ref.Decl]++
		}
	}
	slices.SortStableFunc(order, func(a, b *ir.Decl) int { return count[b] - count[a] })
	if len(order) == 0 || count[order[0]] < 2 || (len(order) > 1 && count[order[1]] == count[order[0]]) {
		return
	}
	l.api.CommonError = order[0]
}
