package lower

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// codecMethods are the methods of types with their own JSON encoding.
var codecMethods = []string{"MarshalJSON", "UnmarshalJSON"}

// resolveNames assigns every Go name in one pass. Names are claimed in a fixed
// order: reserved first, then pinned names, then by kind and JSON pointer, so
// that declaration order in the spec never changes a name.
func (l *lowerer) resolveNames() {
	pkg := naming.NewScope(naming.Predeclared...)
	pkg.Reserve(l.opts.Reserved...)
	files := naming.NewFileScope()
	docs := naming.NewFileScope(naming.WindowsDeviceNames...)

	for _, s := range l.api.SecuritySchemes {
		s.OptionName = l.claim(pkg, s.Pos, diag.JoinPointer("#/components/securitySchemes", s.Name), "security option", "With"+pascalOr(s.Name, "Security"))
		s.FuncOptionName = l.claim(pkg, s.Pos, diag.JoinPointer("#/components/securitySchemes", s.Name), "security option", s.OptionName+"Func", s.OptionName+"Source")
		for _, f := range s.Flows {
			word := map[string]string{"client_credentials": "ClientCredentials", "password": "Password"}[f.Grant]
			f.OptionName = l.claim(pkg, s.Pos, diag.JoinPointer("#/components/securitySchemes", s.Name), "security option", s.OptionName+word, s.OptionName+word+"Flow")
		}
	}

	for _, g := range l.api.Globals {
		g.OptionName = l.claim(pkg, g.Pos, "#/x-speakeasy-globals", "global option", "With"+pascalOr(g.Name, "Global"), "With"+pascalOr(g.Name, "")+"Global")
	}
	slices.SortFunc(l.api.Globals, func(a, b *ir.Global) int { return strings.Compare(a.OptionName, b.OptionName) })

	// Services, and the client's fields and methods. A service whose tag
	// has a parent is a field of the parent's service: its name shares a
	// scope with the parent's other parts and its methods.
	client := naming.NewScope()
	keys := sortedKeys(l.groups)
	scopes := map[*ir.Group]*naming.Scope{}
	for _, k := range keys {
		scopes[l.groups[k].group] = naming.NewScope()
		if k == "" {
			scopes[l.groups[k].group] = client
		}
	}
	for _, k := range keys {
		g := l.groups[k].group
		if k == "" {
			continue // methods of the client itself
		}
		base := pascalOr(k, "Default")
		holder := client
		if g.Parent != nil {
			holder = scopes[g.Parent]
			// Under its parent a child is named by what its tag adds:
			// "Admin Users" under "Admin" is Admin.Users.
			if rest := strings.TrimPrefix(base, pascalOr(g.Parent.Key, "")); rest != base && rest != "" && naming.Pascal(rest) == rest {
				base = rest
			}
		}
		pos, ptr := l.groups[k].pos, l.groups[k].ptr
		if ops := l.groups[k].ops; len(ops) > 0 {
			pos, ptr = ops[0].op.Pos, ops[0].op.Pointer
		}
		g.FieldName = l.claim(holder, pos, ptr, "service field", base)
		name := g.FieldName
		if g.Parent != nil {
			name = pascalOr(k, "Default") // the type and files say the whole
		}
		g.TypeName = l.claim(pkg, pos, ptr, "service type", name+"Service")
		g.File = l.claimFile(files, "service_", naming.Snake(name))
		g.DocDir, _ = docs.Claim(naming.FileStem(strings.ToLower(name)))
	}
	if root := l.groups[""]; root != nil {
		root.group.TypeName = "Client"
		root.group.File = "client_operations"
		root.group.DocDir, _ = docs.Claim("client")
	}

	// Declarations: component schemas under their own names, then pinned
	// names, then the rest. A component's key is its name in the spec, so
	// it wins over a name another schema pins or an inline object would
	// get ("Passkey" is the component Passkey, not a schema pinned as
	// Passkey).
	decls := slices.Clone(l.declList)
	tier := func(d *declInfo) int {
		switch {
		case d.decl.SchemaName != "" && !d.pinned:
			return 0
		case d.pinned:
			return 1
		}
		return 2
	}
	type derived struct {
		ptr    string
		tier   int
		assign func()
	}
	var order []derived
	for _, d := range decls {
		order = append(order, derived{d.decl.Pointer, tier(d), func() {
			cands := []string{d.base}
			if d.alt != "" && d.alt != d.base && d.decl.SchemaName == "" {
				cands = append(cands, d.alt)
			}
			own := pascalOr(d.decl.SchemaName, "")
			if d.pinned && own != "" && own != d.base {
				cands = append(cands, own)
			}
			if d.decl.SchemaName != "" {
				cands = append(cands, d.base+"Model")
			}
			d.decl.Name = l.claim(pkg, d.decl.Pos, d.decl.Pointer, "type", cands...)
			if d.pinned && d.decl.Name != d.base {
				l.warnf(d.decl.Pos, d.decl.Pointer, "type name %q, which the spec pins, is taken by another declaration; using %q", d.base, d.decl.Name)
			}
		}})
	}
	for _, info := range l.opInfos {
		if len(info.op.Params) > 0 && info.twinOf == nil {
			order = append(order, derived{info.op.Pointer + "/parameters", 2, func() {
				info.op.ParamsName = l.claim(pkg, info.op.Pos, info.op.Pointer, "parameters type", info.typeBase+"Params", info.typeBase+"Parameters")
			}})
		}
		if len(info.op.ResponseHeaders) > 0 {
			order = append(order, derived{info.op.Pointer + "/responses/headers", 2, func() {
				info.op.HeadersName = l.claim(pkg, info.op.Pos, info.op.Pointer, "response headers type", info.typeBase+"ResponseHeaders", info.typeBase+"Headers")
			}})
		}
		if info.resultDecl {
			order = append(order, derived{info.op.Pointer + "/responses", 2, func() {
				info.op.Result.Name = l.claim(pkg, info.op.Pos, info.op.Pointer, "response type", info.typeBase+"Response", info.typeBase+"Result")
			}})
		}
	}
	slices.SortStableFunc(order, func(a, b derived) int { return cmp.Or(cmp.Compare(a.tier, b.tier), strings.Compare(a.ptr, b.ptr)) })
	for _, o := range order {
		o.assign()
	}
	for _, info := range l.opInfos {
		if info.twinOf != nil { // a stream twin shares its JSON method's params struct
			info.op.ParamsName = info.twinOf.op.ParamsName
		}
	}
	l.renameTypes(pkg, decls)
	for _, info := range l.opInfos {
		fields := naming.NewScope()
		for _, h := range info.op.ResponseHeaders {
			h.GoName = l.claim(fields, h.Pos, info.op.Pointer, "response header field", pascalOr(h.Name, "Header"))
		}
		slices.SortFunc(info.op.ResponseHeaders, func(a, b *ir.ResponseHeader) int { return strings.Compare(a.GoName, b.GoName) })
	}
	// Response struct fields are named after types, so after every type.
	for _, info := range l.opInfos {
		if info.resultDecl {
			fields := naming.NewScope("StatusCode")
			for _, f := range info.op.Result.Fields {
				f.Name = l.claim(fields, info.op.Pos, info.op.Pointer, "response field", typeWord(f.Type))
			}
		}
	}

	// Files and doc pages of declarations, in name order.
	slices.SortFunc(decls, func(a, b *declInfo) int { return strings.Compare(a.decl.Name, b.decl.Name) })
	for _, d := range decls {
		d.decl.File = l.claimFile(files, "model_", naming.Snake(d.decl.Name))
		d.decl.DocFile, _ = docs.Claim(naming.FileStem(strings.ToLower(d.decl.Name)))
	}

	// Enum constants, after every type has its name.
	for _, d := range decls {
		en, ok := d.decl.Kind.(*ir.Enum)
		if !ok {
			continue
		}
		for i, v := range en.Values {
			word := enumWord(v.Value)
			if label := pascalOr(v.Label, ""); label != "" {
				word = label
			}
			v.Name = l.claim(pkg, d.decl.Pos, d.decl.Pointer, "enum constant", d.decl.Name+word, d.decl.Name+"Value"+strconv.Itoa(i+1))
		}
	}

	// Struct fields and union variants.
	for _, d := range decls {
		switch k := d.decl.Kind.(type) {
		case *ir.Struct:
			l.nameFields(d, k)
		case *ir.Union:
			scope := naming.NewScope(codecMethods...)
			scope.Reserve("Raw", "Value")
			if d.decl.IsError {
				scope.Reserve("Error", "Unwrap")
			}
			for _, v := range d.variants {
				v.variant.Name = l.claim(scope, d.decl.Pos, d.decl.Pointer, "union variant", typeWord(v.variant.Type))
			}
		}
	}

	// Methods and their params structs' fields.
	for _, k := range keys {
		g := l.groups[k]
		scope := scopes[g.group]
		ops := slices.Clone(g.ops)
		// The spec's pinned names first, then names the service's name is
		// not taken out of: when Identity's listIdentitySessions, as
		// ListSessions, meets listSessions, the second keeps ListSessions
		// and the first is ListIdentitySessions, not ListSessions2.
		rank := func(i *opInfo) int {
			switch short := pascalOr(strings.TrimPrefix(i.op.ID, l.idPrefix), "Call"); {
			case i.pinned:
				return 0
			case stripGroup(short, k, i.pathID) == short:
				return 1
			}
			return 2
		}
		slices.SortStableFunc(ops, func(a, b *opInfo) int {
			if ra, rb := rank(a), rank(b); ra != rb {
				return ra - rb
			}
			return strings.Compare(a.op.Pointer, b.op.Pointer)
		})
		// Stream twins are named after their JSON methods, once every
		// operation has its own name: "Complete" and "CompleteStream".
		isTwin := func(i *opInfo) int {
			if i.twinOf != nil {
				return 1
			}
			return 0
		}
		slices.SortStableFunc(ops, func(a, b *opInfo) int { return isTwin(a) - isTwin(b) })
		for _, info := range ops {
			if info.twinOf != nil {
				base := info.twinOf.op.GoName
				info.op.GoName = l.claim(scope, info.op.Pos, info.op.Pointer, "method", base+"Stream", base+"Streaming")
				continue
			}
			full := pascalOr(info.op.ID, "Call")
			cands := []string{info.method, full}
			if !info.pinned {
				short := pascalOr(strings.TrimPrefix(info.op.ID, l.idPrefix), "Call")
				cands = []string{stripGroup(short, k, info.pathID), short, full}
			}
			info.op.GoName = l.claim(scope, info.op.Pos, info.op.Pointer, "method", cands...)
			l.nameParams(info)
		}
		// Iterators after every method: an iterator never takes an
		// operation's name.
		for _, info := range ops {
			if p := info.op.Pagination; p != nil {
				p.GoName = l.claim(scope, info.op.Pos, info.op.Pointer, "iterator", info.op.GoName+"Iter", info.op.GoName+"Iterator")
			}
			if lr := info.op.LongRunning; lr != nil {
				lr.GoName = l.claim(scope, info.op.Pos, info.op.Pointer, "method", info.op.GoName+"AndWait", info.op.GoName+"Wait")
			}
		}
	}
	l.nameServers(pkg)
}

// renameTypes applies the configuration's renames, once every type has the
// name the rules give it, and before anything is named after a type (files,
// enum constants, response fields). An unknown type or a name already taken
// is an error at the entry in the configuration.
func (l *lowerer) renameTypes(pkg *naming.Scope, decls []*declInfo) {
	if len(l.opts.Renames) == 0 {
		return
	}
	byName := map[string]*ir.Decl{}
	for _, d := range decls {
		byName[d.decl.Name] = d.decl
	}
	for _, r := range l.opts.Renames {
		d := byName[r.From]
		switch {
		case d == nil:
			l.errorf(r.Pos, r.Pointer, "rename: no type is named %q", r.From)
		case r.To == r.From:
		case pkg.Taken(r.To):
			l.errorf(r.Pos, r.Pointer, "rename: %q, the new name of %s, is taken", r.To, r.From)
		default:
			pkg.Reserve(r.To)
			d.Name = r.To
			delete(byName, r.From)
		}
	}
}

// claim takes a name in scope, warning when only a numbered one was free.
func (l *lowerer) claim(scope *naming.Scope, pos diag.Pos, ptr, what string, candidates ...string) string {
	name, numbered := scope.Claim(candidates...)
	if numbered {
		l.warnf(pos, ptr, "%s name %q is taken; using %q", what, candidates[0], name)
	}
	return name
}

// claimFile takes a file stem with the given prefix, avoiding names the go
// tool treats specially (_test, _linux, _amd64, ...).
func (l *lowerer) claimFile(files *naming.Scope, prefix, stem string) string {
	if stem == "" {
		stem = "x"
	}
	name := naming.FileStem(prefix + stem)
	if isConstrainedName(name) {
		name += "_type"
	}
	out, _ := files.Claim(name)
	return out
}

// isConstrainedName reports whether a file stem would carry an implicit build
// constraint or be taken for a test.
func isConstrainedName(stem string) bool {
	parts := strings.Split(stem, "_")
	last := parts[len(parts)-1]
	if last == "test" {
		return true
	}
	if len(parts) < 2 {
		return false
	}
	return knownOS[last] || knownArch[last]
}

var knownOS = map[string]bool{
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "hurd": true,
	"illumos": true, "ios": true, "js": true, "linux": true, "nacl": true, "netbsd": true,
	"openbsd": true, "plan9": true, "solaris": true, "wasip1": true, "windows": true, "zos": true,
}

var knownArch = map[string]bool{
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true, "arm64": true,
	"arm64be": true, "loong64": true, "mips": true, "mipsle": true, "mips64": true, "mips64le": true,
	"mips64p32": true, "mips64p32le": true, "ppc": true, "ppc64": true, "ppc64le": true,
	"riscv": true, "riscv64": true, "s390": true, "s390x": true, "sparc": true, "sparc64": true,
	"wasm": true,
}

// nameFields names a struct's fields: pinned first, then by JSON name.
func (l *lowerer) nameFields(d *declInfo, st *ir.Struct) {
	scope := naming.NewScope()
	var methods []string // the type's own methods, which no field may be named
	if st.HasCodec() {
		methods = append(methods, codecMethods...)
	}
	if d.decl.IsError {
		methods = append(methods, "Error", "Unwrap")
	}
	scope.Reserve(methods...)
	fields := slices.Clone(d.fields)
	slices.SortStableFunc(fields, func(a, b *fieldInfo) int {
		if a.pinned != b.pinned {
			if a.pinned {
				return -1
			}
			return 1
		}
		return strings.Compare(a.field.JSONName, b.field.JSONName)
	})
	for _, f := range fields {
		cands := []string{f.base}
		if slices.Contains(methods, f.base) {
			// An error's "error" property: ErrorValue, not Error2.
			cands = []string{f.base + "Value"}
		}
		f.field.Name = l.claim(scope, d.decl.Pos, d.decl.Pointer, "field", cands...)
	}
	if st.Additional != nil {
		st.AdditionalName = l.claim(scope, d.decl.Pos, d.decl.Pointer, "field", "AdditionalProperties", "ExtraProperties")
	}
}

// nameParams names the fields of a method's params struct. Arguments and
// locals are named with the method's body, by goview.
func (l *lowerer) nameParams(info *opInfo) {
	fields := naming.NewScope()
	sorted := slices.Clone(info.op.Params)
	slices.SortStableFunc(sorted, func(a, b *ir.Param) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.In, b.In))
	})
	for _, p := range sorted {
		base := pascalOr(p.Name, "Param")
		p.GoName = l.claim(fields, info.op.Pos, info.op.Pointer, "parameter field", base, base+pascalOr(p.In.String(), ""))
	}
	slices.SortFunc(info.op.Params, func(a, b *ir.Param) int { return strings.Compare(a.GoName, b.GoName) })
}

// stripGroup drops the group's name from a method name ("ListUsers" in group
// "users" becomes "List"), when something is left. "Get" and the plural
// group name ("GetUsers") becomes "List", so that it never takes the name
// of the method that gets one; not for a name made from a path (pathID),
// whose Get already gets one.
func stripGroup(method, group string, pathID bool) string {
	if group == "" {
		return method
	}
	g := naming.Pascal(group)
	for _, word := range []string{g, strings.TrimSuffix(g, "s")} {
		if word == "" || !strings.Contains(method, word) {
			continue
		}
		i := strings.Index(method, word)
		end := i + len(word)
		// Only whole words: the match must end at a word boundary.
		if end < len(method) && !isUpper(method[end]) {
			continue
		}
		out := method[:i] + method[end:]
		if out == "Get" && i > 0 && word == g && word != strings.TrimSuffix(g, "s") && !pathID {
			// "GetAPIKeys" in "API Keys" lists them: "Get" is left for
			// "GetAPIKey", which gets one. "Vaults_Get" (the group
			// first, AutoRest's form) gets one.
			out = "List"
		}
		if out != "" && isUpper(out[0]) {
			return out
		}
	}
	return method
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// enumWord names an enum value.
func enumWord(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "Empty"
		}
		return naming.Pascal(v)
	case int64:
		if v < 0 {
			return fmt.Sprintf("Minus%d", -v)
		}
		return fmt.Sprintf("%d", v)
	}
	return naming.Pascal(fmt.Sprint(v))
}

// typeWord names a type for a union variant field.
func typeWord(t ir.Type) string {
	switch t := t.(type) {
	case *ir.Prim:
		return [...]string{"String", "Int32", "Int64", "Float32", "Float64", "Bool", "Bytes", "Time", "Binary", "Any"}[t.Kind]
	case *ir.Slice:
		return typeWord(t.Elem) + "List"
	case *ir.Map:
		return typeWord(t.Elem) + "Map"
	case *ir.Nullable:
		return typeWord(t.Elem)
	case *ir.Ref:
		return t.Decl.Name
	}
	return "Value"
}
