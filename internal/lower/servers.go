package lower

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// documentServers lowers the document's servers list.
func (l *lowerer) documentServers() {
	for i, s := range l.doc.Servers {
		if s != nil {
			l.api.Servers = append(l.api.Servers, l.server(s, fmt.Sprintf("#/servers/%d", i)))
		}
	}
}

// operationServers lowers an operation's own servers, else its path item's;
// nil when it has neither and uses the document's.
func (l *lowerer) operationServers(item *openapi3.PathItem, op *openapi3.Operation, ptr string) []*ir.Server {
	list, at := item.Servers, pathItemPointer(ptr)+"/servers"
	if op.Servers != nil && len(*op.Servers) > 0 {
		list, at = *op.Servers, ptr+"/servers"
	}
	var out []*ir.Server
	for i, s := range list {
		if s != nil {
			out = append(out, l.server(s, fmt.Sprintf("%s/%d", at, i)))
		}
	}
	return out
}

// pathItemPointer is the pointer of the path item an operation's pointer
// is under: .../get, or .../additionalOperations/LINK.
func pathItemPointer(opPtr string) string {
	item := opPtr[:strings.LastIndexByte(opPtr, '/')]
	return strings.TrimSuffix(item, "/additionalOperations")
}

// server lowers one server: its variables in the order the URL uses them.
func (l *lowerer) server(s *openapi3.Server, ptr string) *ir.Server {
	pos := l.posOf(s.Origin)
	srv := &ir.Server{
		URL:         strings.TrimRight(s.URL, "/"),
		Description: strings.TrimSpace(s.Description),
		// OpenAPI 3.2's name (kin-openapi keeps it as an extension), else
		// Speakeasy's.
		ID:      cmp.Or(extString(s.Extensions, "name"), extString(s.Extensions, "x-speakeasy-server-id")),
		Pointer: ptr,
		Pos:     pos,
	}
	def := srv.URL
	seen := map[string]bool{}
	for _, m := range pathParamRE.FindAllStringSubmatch(srv.URL, -1) {
		name := m[1]
		if seen[name] {
			continue
		}
		seen[name] = true
		v := s.Variables[name]
		if v == nil {
			l.warnf(pos, ptr+"/url", "server variable {%s} is not declared; it is sent as written", name)
			continue
		}
		enum := v.Enum
		if len(enum) > 0 && !slices.Contains(enum, v.Default) {
			l.warnf(l.posOf(v.Origin), diag.JoinPointer(ptr+"/variables", name, "default"),
				"default %q of server variable %s is not one of its enum values %q; it is allowed too", v.Default, name, v.Enum)
			enum = append(slices.Clip(enum), v.Default)
		}
		srv.Variables = append(srv.Variables, &ir.ServerVariable{
			Name: name, Default: v.Default, Enum: enum, Description: strings.TrimSpace(v.Description),
		})
		def = strings.ReplaceAll(def, "{"+name+"}", v.Default)
	}
	srv.Default = strings.TrimRight(def, "/")
	srv.Relative = srv.Default != "" && !strings.Contains(srv.Default, "://")
	return srv
}

// serverVars gathers the variables of every server, the operations' too,
// one per name: each becomes a client option.
func (l *lowerer) serverVars() {
	byName := map[string]*ir.ServerVar{}
	enums := map[string][][]string{}
	add := func(s *ir.Server) {
		for _, v := range s.Variables {
			sv := byName[v.Name]
			if sv == nil {
				sv = &ir.ServerVar{Name: v.Name, Pos: s.Pos}
				byName[v.Name] = sv
			}
			if sv.Description == "" {
				sv.Description = v.Description
			}
			enums[v.Name] = append(enums[v.Name], v.Enum)
		}
	}
	for _, s := range l.api.Servers {
		add(s)
	}
	for _, info := range l.opInfos {
		for _, s := range info.op.Servers {
			add(s)
		}
	}
	for _, name := range sortedKeys(byName) {
		sv := byName[name]
		// A Go enum type only when every server allows the same values:
		// otherwise a value one server takes would not compile for it.
		first := enums[name][0]
		same := len(first) > 0
		for _, e := range enums[name][1:] {
			same = same && slices.Equal(e, first)
		}
		if same {
			sv.Enum = first
		}
		l.api.ServerVars = append(l.api.ServerVars, sv)
	}
}

// nameServers names the server type, its constants and the server variables'
// options and types, after every other package-level name: a schema keeps
// its name, and these take the next free one.
func (l *lowerer) nameServers(pkg *naming.Scope) {
	if len(l.api.Servers) > 1 {
		first := l.api.Servers[0]
		l.api.ServerType = l.claim(pkg, first.Pos, first.Pointer, "server type", "Server", "APIServer")
		l.api.ServerOption = l.claim(pkg, first.Pos, first.Pointer, "server option", "WithServer", "WithAPIServer")
		for i, s := range l.api.Servers {
			idx := strconv.Itoa(i)
			s.ConstName = l.claim(pkg, s.Pos, s.Pointer, "server constant", l.api.ServerType+serverWord(s, idx), l.api.ServerType+idx)
		}
	}
	for _, v := range l.api.ServerVars {
		ptr := "#/servers"
		word := pascalOr(v.Name, "Variable")
		v.OptionName = l.claim(pkg, v.Pos, ptr, "server variable option", "WithServer"+word, "WithServerVariable"+word)
		if len(v.Enum) == 0 {
			continue
		}
		v.TypeName = l.claim(pkg, v.Pos, ptr, "server variable type", "Server"+word, "ServerVariable"+word)
		for i, e := range v.Enum {
			v.EnumNames = append(v.EnumNames, l.claim(pkg, v.Pos, ptr, "server variable constant", v.TypeName+enumWord(e), v.TypeName+"Value"+strconv.Itoa(i+1)))
		}
	}
}

// serverWord names a server for its constant: by its name (OpenAPI 3.2) or
// x-speakeasy-server-id,
// else by a short description ("Production", "Sandbox server"), else by its
// index in the list.
func serverWord(s *ir.Server, idx string) string {
	if s.ID != "" {
		return pascalOr(s.ID, idx)
	}
	d := strings.TrimSuffix(strings.TrimSpace(s.Description), ".")
	words := strings.Fields(d)
	if len(words) == 0 || len(words) > 3 {
		return idx
	}
	// "Production server" names the server "Production".
	if n := len(words); n > 1 && strings.EqualFold(words[n-1], "server") {
		words = words[:n-1]
	}
	return pascalOr(strings.Join(words, " "), idx)
}
