package lower

import "github.com/sdkgen/sdkgen/internal/ir"

// markRecursive flags the structs that would contain themselves if held by
// value: through required fields (T) and optional nullable ones
// (Nullable[T]), which hold their value in place. Go rejects such types, so
// fields of a recursive struct's type are pointers. Slices, maps and union
// variants hold nothing in place and break any cycle.
func markRecursive(decls []*ir.Decl) {
	edges := func(d *ir.Decl) []*ir.Decl {
		st, ok := d.Kind.(*ir.Struct)
		if !ok {
			return nil
		}
		var out []*ir.Decl
		for _, f := range st.Fields {
			inner, nullable := ir.Unwrap(f.Type)
			ref, ok := inner.(*ir.Ref)
			if !ok || f.Required == nullable {
				continue // optional, or required and nullable: a pointer
			}
			if _, isStruct := ref.Decl.Kind.(*ir.Struct); isStruct {
				out = append(out, ref.Decl)
			}
		}
		return out
	}
	// Tarjan's strongly connected components: a component of several
	// structs, or one with an edge to itself, is a cycle.
	index := map[*ir.Decl]int{}
	low := map[*ir.Decl]int{}
	onStack := map[*ir.Decl]bool{}
	var stack []*ir.Decl
	var visit func(d *ir.Decl)
	visit = func(d *ir.Decl) {
		index[d] = len(index)
		low[d] = index[d]
		stack = append(stack, d)
		onStack[d] = true
		for _, e := range edges(d) {
			if _, seen := index[e]; !seen {
				visit(e)
				low[d] = min(low[d], low[e])
			} else if onStack[e] {
				low[d] = min(low[d], index[e])
			}
		}
		if low[d] != index[d] {
			return
		}
		var comp []*ir.Decl
		for {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[top] = false
			comp = append(comp, top)
			if top == d {
				break
			}
		}
		selfLoop := false
		for _, e := range edges(d) {
			selfLoop = selfLoop || e == d
		}
		if len(comp) > 1 || selfLoop {
			for _, c := range comp {
				c.Recursive = true
			}
		}
	}
	for _, d := range decls {
		if _, seen := index[d]; !seen {
			visit(d)
		}
	}
}

// breakUnionCycles leaves out each union variant that is, directly or
// through other unions' variants, the union itself (A = oneOf [A, string],
// or A = oneOf [B, ...] with B = anyOf [A, ...]). Such a variant adds no
// value the others do not, and decoding into it would try the same union
// again on the same bytes without end: the SDK's process would die of a
// stack overflow on a response the server chose.
func (l *lowerer) breakUnionCycles() {
	variants := func(d *ir.Decl) *ir.Union {
		u, _ := d.Kind.(*ir.Union)
		return u
	}
	unionOf := func(t ir.Type) *ir.Decl {
		if d := declOfType(t); d != nil && variants(d) != nil {
			return d
		}
		return nil
	}
	// reaches reports whether from leads to target through unions only.
	reaches := func(from, target *ir.Decl) bool {
		seen := map[*ir.Decl]bool{}
		for stack := []*ir.Decl{from}; len(stack) > 0; {
			d := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if d == target {
				return true
			}
			if seen[d] {
				continue
			}
			seen[d] = true
			for _, v := range variants(d).Variants {
				if next := unionOf(v.Type); next != nil {
					stack = append(stack, next)
				}
			}
		}
		return false
	}
	for _, d := range l.api.Decls {
		u := variants(d)
		if u == nil {
			continue
		}
		kept := u.Variants[:0]
		for _, v := range u.Variants {
			if next := unionOf(v.Type); next != nil && reaches(next, d) {
				what := "is the union itself"
				if next != d {
					what = "leads back to " + d.Name + " through unions only"
				}
				l.warnf(d.Pos, d.Pointer, "variant %s of union %s %s: it adds no value and would be decoded without end; left out", v.Name, d.Name, what)
				if u.Default == v {
					u.Default = nil
				}
				continue
			}
			kept = append(kept, v)
		}
		u.Variants = kept
	}
}
