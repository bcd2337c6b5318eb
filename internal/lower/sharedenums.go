package lower

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// dedupeEnums gives an enum written inline in an operation (a body, a
// parameter, a response) the type of an enum with the same values, in the
// same order, declared elsewhere. Specs repeat a model's enum in the bodies
// and parameters that set it (Stripe's 2,270 enums are 433 value lists):
// one type lets a value read from a model be passed back as it is, as
// hand-written SDKs do, and spares the SDK a type, its constants and its
// methods for each copy. The type is a component's or a pinned one, else a
// model field's, else the shortest-named operation's, so that operations a
// spec adds rarely rename it. Enums declared in models keep their own
// types: two models' status enums that happen to agree today are two
// things.
func (l *lowerer) dedupeEnums() {
	groups := map[string][]*declInfo{}
	var keys []string
	for _, d := range l.declList {
		if _, ok := d.decl.Kind.(*ir.Enum); !ok {
			continue
		}
		k := shapeKey(d.decl, map[*ir.Decl]bool{}, true)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], d)
	}
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
				continue // a named enum, or a model's, keeps its type
			}
			repl[d.decl], drop[d.decl] = g[0].decl, true
		}
	}
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
