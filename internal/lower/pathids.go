package lower

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/naming"
)

// An operation without an operationId (a tenth of published specs have
// none) is named from its method and path. The method and the whole path
// ("GET /api/baskets/{name}" as GetAPIBasketsName, Baskets.GetAPIName once
// its service's name is left out) name the path's parts more than what the
// call does, so the name says that instead, as REST reads a path: List and
// Get for a collection and one of its items, Create for a POST to a
// collection, Update, Replace and Delete, followed by the path's words
// without its parameters (they are the method's arguments) and without
// the words every path begins with ("/api"): Baskets.Get, Baskets.List.
// A name that another operation would have too falls back to the method
// and the whole path.

// pathIDs returns the names of the operations of paths that have no
// operationId, or one an operation before them has (in the order
// operations are visited: paths, then methods), which is named the same
// way (a spec's mistake whose meaning is clear). A name is taken at the first level where no other operation
// has it: the verb and the path's words; then its parameters too
// (DeleteChartByPk beside DeleteChart, a bulk delete); then the words that
// name only an API version too; then the method and the whole path.
func pathIDs(paths map[string]*openapi3.PathItem) map[*openapi3.Operation]string {
	keys := sortedKeys(paths)
	segs := map[string][]string{}
	for _, k := range keys {
		segs[k] = pathSegments(k)
	}
	prefix := commonPrefix(keys, segs)
	type pending struct {
		op          *openapi3.Operation
		method, key string
	}
	var todo []pending
	taken, seen := map[string]bool{}, map[string]bool{}
	for _, k := range keys {
		item := paths[k]
		if item == nil {
			continue
		}
		for _, m := range append(slices.Clip(methods), openapi3.MethodQuery) {
			op := item.GetOperation(m)
			switch {
			case op == nil:
			case op.OperationID != "" && !seen[op.OperationID]:
				seen[op.OperationID] = true
				taken[strings.ToLower(op.OperationID)] = true
			default:
				todo = append(todo, pending{op, m, k})
			}
		}
	}
	// The verb, and the path's words after the prefix (without the last
	// segment when it is the verb).
	items := itemParents(segs)
	parts := func(p pending) (string, []string) {
		s := segs[p.key]
		verb := pathVerb(p.method, s, items, paths[p.key].Patch != nil, p.op.Tags)
		if p.method == "POST" && len(s) > prefix && actionWord(s[len(s)-1]) && verb == naming.Pascal(s[len(s)-1]) {
			return verb, s[prefix : len(s)-1]
		}
		return verb, s[min(prefix, len(s)):]
	}
	levels := []func(p pending) string{
		func(p pending) string {
			verb, ws := parts(p)
			return verb + pascalWords(ws, false)
		},
		func(p pending) string {
			verb, ws := parts(p)
			return verb + pascalWords(ws, false) + byParams(segs[p.key])
		},
		func(p pending) string {
			verb, ws := parts(p)
			return verb + pascalWords(ws, true) + byParams(segs[p.key])
		},
	}
	ids := map[*openapi3.Operation]string{}
	for i, level := range levels {
		count := map[string]int{}
		for _, p := range todo {
			count[strings.ToLower(level(p))]++
		}
		var next []pending
		for _, p := range todo {
			// A name longer than the verb and words would not say more of a
			// duplicate operationId than the operationId numbered (below).
			if id := level(p); count[strings.ToLower(id)] == 1 && !taken[strings.ToLower(id)] && (i == 0 || p.op.OperationID == "") {
				ids[p.op] = id
				taken[strings.ToLower(id)] = true
			} else {
				next = append(next, p)
			}
		}
		todo = next
	}
	for _, p := range todo {
		id := naming.Pascal(strings.ToLower(p.method) + " " + p.key)
		if p.op.OperationID != "" {
			// The same route under another prefix (Temporal's /api/v1/x
			// and /x): the operationId, numbered, says more than the path.
			for n := 2; ; n++ {
				if id = fmt.Sprintf("%s%d", naming.Pascal(p.op.OperationID), n); !taken[strings.ToLower(id)] {
					break
				}
			}
		}
		ids[p.op] = id
		taken[strings.ToLower(id)] = true
	}
	return ids
}

// pascalWords joins the literal segments of a path as one Pascal name,
// without those that name only an API or its version ("api", "v1") unless
// versions is set.
func pascalWords(segs []string, versions bool) string {
	var ws []string
	for _, w := range words(segs) {
		if versions || !versionRE.MatchString(w) {
			ws = append(ws, w)
		}
	}
	return naming.Pascal(strings.Join(ws, " "))
}

// versionRE matches a path segment that names an API or its version.
var versionRE = regexp.MustCompile(`(?i)^(api|rest|v\d+(\.\d+)*([a-z]+\d*)?)$`)

// byParams names the parameters of a path: "ByPk".
func byParams(segs []string) string {
	var ps []string
	for _, s := range segs {
		for _, m := range pathParamRE.FindAllStringSubmatch(s, -1) {
			ps = append(ps, m[1])
		}
	}
	if len(ps) == 0 {
		return ""
	}
	return "By" + naming.Pascal(strings.Join(ps, " and "))
}

// pathSegments splits a path key, without its query or fragment, into its
// segments, each without a format's extension ("/categories/{id}.json" as
// a collection's item, as Rails writes them).
func pathSegments(key string) []string {
	key, _, _ = strings.Cut(key, "#")
	key, _, _ = strings.Cut(key, "?")
	segs := strings.Split(key, "/")
	for i, s := range segs {
		for _, ext := range []string{".json", ".xml"} {
			if len(s) > len(ext) && strings.EqualFold(s[len(s)-len(ext):], ext) {
				segs[i] = s[:len(s)-len(ext)]
			}
		}
	}
	return slices.DeleteFunc(segs, func(s string) bool { return s == "" })
}

// isParamSegment reports whether a path segment holds a parameter.
func isParamSegment(s string) bool { return strings.Contains(s, "{") }

// words returns the literal segments of a path, its parameters left out.
func words(segs []string) []string {
	var out []string
	for _, s := range segs {
		if !isParamSegment(s) {
			out = append(out, s)
		}
	}
	return out
}

// commonPrefix returns how many literal segments every path begins with,
// leaving each path at least one word.
func commonPrefix(keys []string, segs map[string][]string) int {
	if len(keys) < 2 {
		return 0
	}
	n := 0
	for {
		var seg string
		for i, k := range keys {
			s := segs[k]
			if n >= len(s) || isParamSegment(s[n]) || len(words(s[n+1:])) == 0 || i > 0 && s[n] != seg {
				return n
			}
			seg = s[n]
		}
		n++
	}
}

// pathVerb says what method does to the path of segments s (items: the
// paths with item paths; patch: the path has a PATCH too): a GET of an item
// (the last segment a parameter) gets it, of a collection (whose items
// have paths of their own, or named as the operation's tag) lists them; a
// POST to such a collection creates one, to a path that ends with an
// action is that action; PUT updates, or replaces where PATCH updates;
// DELETE deletes. Another method, or a GET or POST of another path, is the
// method's name.
func pathVerb(method string, s []string, items map[string]bool, patch bool, tags []string) string {
	item := len(s) > 0 && isParamSegment(s[len(s)-1])
	// A collection: its items have paths, or it is named as the
	// operation's tag (GET /maps/{id}/attachments in "Attachments").
	collection := !item && (items[strings.Join(s, "/")] || len(s) > 0 && len(tags) > 0 && naming.Pascal(s[len(s)-1]) == naming.Pascal(tags[0]))
	switch method {
	case "GET":
		switch {
		case item:
			return "Get"
		case collection:
			return "List"
		}
	case "POST":
		switch {
		case collection:
			return "Create"
		case len(s) > 0 && !item && actionWord(s[len(s)-1]):
			// The path says what the call does (POST /login,
			// /reports/{id}/refresh): its last segment is the verb.
			return naming.Pascal(s[len(s)-1])
		}
	case "PUT":
		if patch {
			return "Replace"
		}
		return "Update"
	case "PATCH":
		return "Update"
	case "DELETE":
		return "Delete"
	}
	return naming.Pascal(strings.ToLower(method))
}

// actionWords are verbs a path segment names an action with.
var actionWords = map[string]bool{
	"activate": true, "approve": true, "archive": true, "authenticate": true, "authorize": true, "cancel": true,
	"clone": true, "close": true, "confirm": true, "copy": true, "deactivate": true, "disable": true, "enable": true,
	"execute": true, "export": true, "generate": true, "import": true, "invalidate": true, "invite": true, "lock": true,
	"login": true, "logout": true, "merge": true, "move": true, "preview": true, "publish": true, "refresh": true,
	"register": true, "reject": true, "reset": true, "resend": true, "restart": true, "restore": true, "retry": true,
	"revoke": true, "run": true, "search": true, "send": true, "signin": true, "signout": true, "signup": true,
	"start": true, "stop": true, "submit": true, "subscribe": true, "sync": true, "test": true, "unlock": true,
	"unpublish": true, "unsubscribe": true, "upload": true, "validate": true, "verify": true,
}

// actionWord reports whether a path segment begins with an action verb
// ("invalidate", "send_message", "bulkImport" does not).
func actionWord(seg string) bool {
	w := naming.Words(seg)
	return len(w) > 0 && actionWords[strings.ToLower(w[0])]
}

// itemParents returns the paths (segments joined by "/") that have an item
// path: one more segment, a parameter.
func itemParents(segs map[string][]string) map[string]bool {
	out := map[string]bool{}
	for _, t := range segs {
		if len(t) > 0 && isParamSegment(t[len(t)-1]) {
			out[strings.Join(t[:len(t)-1], "/")] = true
		}
	}
	return out
}
