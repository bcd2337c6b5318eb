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
