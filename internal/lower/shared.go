package lower

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// dedupeShared gives an enum or a union written inline in an operation (a
// body, a parameter, a response) the type of one declared elsewhere that is
// the same: an enum with the same values in the same order, a union of the
// very same variant types. Specs repeat a model's enum in the bodies and
// parameters that set it (Stripe's 2,270 enums are 433 value lists), and
// the same union in every body that takes it (182 of Stripe's bodies take
// a string or ""): one type lets a value read from a model be passed back
// as it is, as hand-written SDKs do, and spares the SDK a type, its
// constants and its methods for each copy. The type is a component's or a
// pinned one, else a model field's, else the shortest-named operation's,
// so that operations a spec adds rarely rename it. Enums and unions
// declared in models keep their own types: two models' status enums that
// happen to agree today are two things. Enums go first: the unions that
// hold them are then the same.
func (l *lowerer) dedupeShared() {
	l.dedupeKind(func(d *ir.Decl) (string, bool) {
		if _, ok := d.Kind.(*ir.Enum); !ok {
			return "", false
		}
		return fmt.Sprint(d.IsError, shapeKey(d, map[*ir.Decl]bool{}, true)), true
	})
	l.dedupeKind(func(d *ir.Decl) (string, bool) {
		u, ok := d.Kind.(*ir.Union)
		if !ok {
			return "", false
		}
		return fmt.Sprint(d.IsError, unionKey(u)), true // an error body's type implements error
	})
}

// dedupeKind merges the operations' declarations that key says are the
// same as another, of the kind it keys.
func (l *lowerer) dedupeKind(key func(*ir.Decl) (string, bool)) {
	keys, groups := l.alike(key)
	repl := map[*ir.Decl]*ir.Decl{}
	drop := map[*ir.Decl]bool{}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(a, b *declInfo) int {
			return cmp.Or(
				cmp.Compare(rankDecl(a), rankDecl(b)),
				cmp.Compare(inOperation(a.decl), inOperation(b.decl)),
				cmp.Compare(len(a.base), len(b.base)),
				strings.Compare(a.decl.Pointer, b.decl.Pointer))
		})
		for _, d := range g[1:] {
			if rankDecl(d) < 2 || inOperation(d.decl) == 0 {
				continue // a named one, or a model's, keeps its type
			}
			repl[d.decl], drop[d.decl] = g[0].decl, true
		}
	}
	l.replace(repl, drop)
}

// alike groups the declarations key describes by their keys, the keys in
// the order of the declarations that first have them.
func (l *lowerer) alike(key func(*ir.Decl) (string, bool)) ([]string, map[string][]*declInfo) {
	groups := map[string][]*declInfo{}
	var keys []string
	for _, d := range l.declList {
		k, ok := key(d.decl)
		if !ok {
			continue
		}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], d)
	}
	return keys, groups
}

// replace drops the declarations in drop and points every reference to one
// at its replacement.
func (l *lowerer) replace(repl map[*ir.Decl]*ir.Decl, drop map[*ir.Decl]bool) {
	if len(repl) == 0 {
		return
	}
	l.declList = slices.DeleteFunc(l.declList, func(d *declInfo) bool { return drop[d.decl] })
	l.eachType(func(t ir.Type) { retarget(t, repl) })
}

// inOperation is 1 for a declaration written in an operation (a body, a
// parameter, a response), 0 for one in a model.
func inOperation(d *ir.Decl) int {
	if strings.HasPrefix(d.Pointer, "#/paths/") || strings.HasPrefix(d.Pointer, "#/webhooks/") {
		return 1
	}
	return 0
}

// unionKey describes a union by its variants' types, the declarations
// among them by identity: unions alike in it have the same Go shape, and
// merging them leaves no declaration without a user.
func unionKey(u *ir.Union) string {
	var b strings.Builder
	fmt.Fprintf(&b, "union %t %q{", u.AnyOf, u.Discriminator)
	for _, v := range u.Variants {
		fmt.Fprintf(&b, "%s %q %t;", identKey(v.Type), v.Values, v == u.Default)
	}
	b.WriteString("}")
	return b.String()
}

func identKey(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		return fmt.Sprintf("p%d", t.Kind)
	case *ir.Slice:
		return "[]" + identKey(t.Elem)
	case *ir.Map:
		return "map" + identKey(t.Elem)
	case *ir.Nullable:
		return "?" + identKey(t.Elem)
	case *ir.Ref:
		return "decl:" + t.Decl.Pointer
	}
	return "any"
}

// dedupeResponses gives an operation's success responses that have the same
// inline shape one type, and its result is then decided again: specs that
// inline their schemas repeat the resource for 200 and 201 (APIs.guru's
// Azure specs), which were two types, the second named ...ResponseBody2,
// and a result struct holding both.
func (l *lowerer) dedupeResponses() {
	byDecl := map[*ir.Decl]*declInfo{}
	for _, d := range l.declList {
		byDecl[d.decl] = d
	}
	repl, drop := map[*ir.Decl]*ir.Decl{}, map[*ir.Decl]bool{}
	var again []*opInfo
	for _, info := range l.opInfos {
		if info.op.Result.Kind != ir.ResultMulti {
			continue
		}
		seen := map[string]*ir.Decl{}
		for _, r := range info.op.Responses {
			ref, ok := r.Type.(*ir.Ref)
			if !ok || !r.IsSuccess() || ref.Decl.IsError || byDecl[ref.Decl] == nil || rankDecl(byDecl[ref.Decl]) < 2 {
				continue
			}
			k := shapeKey(ref.Decl, map[*ir.Decl]bool{}, true)
			if keep := seen[k]; keep != nil {
				pairDecls(ref.Decl, keep, repl, drop)
				again = append(again, info)
				continue
			}
			seen[k] = ref.Decl
		}
	}
	if len(repl) == 0 {
		return
	}
	l.replace(repl, drop)
	for _, info := range slices.Compact(again) {
		// As the operation's lowering chose them: its 2xx, else its default.
		hasSuccess := slices.ContainsFunc(info.op.Responses, (*ir.Response).IsSuccess)
		var success []*ir.Response
		for _, r := range info.op.Responses {
			if r.IsSuccess() || r.Status == "default" && !hasSuccess {
				success = append(success, r)
			}
		}
		info.resultDecl = false
		info.op.Result = l.result(info, success)
	}
}
