package lower

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// methods is the order operations of a path item are visited in.
var methods = []string{
	http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete,
	http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace,
}

// pathOp is one operation of a path item: the method it is sent with and
// its pointer.
type pathOp struct {
	method string
	op     *openapi3.Operation
	ptr    string
}

// itemOperations lists a path item's operations: the fixed methods in the
// order of methods, then OpenAPI 3.2's query and its additionalOperations
// by method name. A method name that is no HTTP token, or that one of the
// fixed fields holds, is an error: it could not be sent, or would be sent
// twice.
func (l *lowerer) itemOperations(item *openapi3.PathItem, itemPtr string) []pathOp {
	var out []pathOp
	for _, m := range methods {
		if op := item.GetOperation(m); op != nil {
			out = append(out, pathOp{m, op, itemPtr + "/" + strings.ToLower(m)})
		}
	}
	if item.Query != nil {
		out = append(out, pathOp{openapi3.MethodQuery, item.Query, itemPtr + "/query"})
	}
	for _, m := range sortedKeys(item.AdditionalOperations) {
		op := item.AdditionalOperations[m]
		if op == nil {
			continue
		}
		ptr := diag.JoinPointer(itemPtr+"/additionalOperations", m)
		switch upper := strings.ToUpper(m); {
		case !isToken(m):
			l.errorf(l.posOf(op.Origin), ptr, "additional operation method %q is not a valid HTTP method name", m)
			continue
		case upper == openapi3.MethodQuery || slices.Contains(methods, upper):
			l.errorf(l.posOf(op.Origin), ptr, "additional operation method %q has its own path item field %q; declare it there", m, strings.ToLower(m))
			continue
		}
		out = append(out, pathOp{m, op, ptr})
	}
	return out
}

type groupInfo struct {
	group *ir.Group
	ops   []*opInfo
	// Where a namespace group's tag is written: it has no operation to
	// locate it by.
	pos diag.Pos
	ptr string
}

type opInfo struct {
	op         *ir.Operation
	group      *groupInfo
	method     string // method name candidate
	pinned     bool   // x-speakeasy-name-override
	pathID     bool   // named from its method and path (pathids.go): Get gets one
	typeBase   string // Pascal operationId: the base of the operation's type names
	params     []*ir.Param
	resultDecl bool // the operation needs a response struct (ResultMulti)
	mode       streamMode
	twin       *opInfo // the stream method of this JSON one (stream.go)
	twinOf     *opInfo // the JSON method this stream method is the twin of
}

// sharedIDPrefix returns the first dot-separated segment that every
// operation ID begins with, with its dot, when every ID has two segments
// after it: "sql." of "sql.backupRuns.delete" (Google's IDs begin with the
// API's name), which tells no operation from another and so is left out of
// the names made from them. Else "".
func sharedIDPrefix(ids []string) string {
	prefix := ""
	for _, id := range ids {
		first, rest, ok := strings.Cut(id, ".")
		if !ok || first == "" || !strings.Contains(rest, ".") || prefix != "" && first+"." != prefix {
			return ""
		}
		prefix = first + "."
	}
	if len(ids) < 2 {
		return ""
	}
	return prefix
}

// operations lowers every operation, in path order.
func (l *lowerer) operations() {
	if l.doc.Paths == nil {
		return
	}
	paths := l.doc.Paths.Map()
	var ids []string
	for _, path := range sortedKeys(paths) {
		if item := paths[path]; item != nil {
			ops := item.Operations()
			for _, m := range sortedKeys(ops) {
				ids = append(ids, ops[m].OperationID)
			}
			for _, m := range sortedKeys(item.AdditionalOperations) {
				if op := item.AdditionalOperations[m]; op != nil {
					ids = append(ids, op.OperationID)
				}
			}
		}
	}
	l.idPrefix = sharedIDPrefix(ids)
	l.pathIDs = pathIDs(paths)
	// By method and template with its parameter names left out: the first
	// path of each, to warn of a second.
	shapes := map[string]string{}
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		if item == nil {
			continue
		}
		for _, po := range l.itemOperations(item, diag.JoinPointer("#/paths", path)) {
			m, op, ptr := po.method, po.op, po.ptr
			if ignored(op.Extensions) {
				continue // the spec's author leaves it out of SDKs
			}
			shape := m + " " + pathParamRE.ReplaceAllString(path, "{}")
			if first, ok := shapes[shape]; ok && strings.Contains(path, "{") {
				l.warnf(l.posOf(op.Origin), ptr, "paths %q and %q differ only in parameter names, which OpenAPI forbids: a server cannot tell their %s operations apart", first, path, m)
			} else if !ok {
				shapes[shape] = path
			}
			before := len(l.errs)
			info := l.operation(path, m, item, op, ptr)
			if len(l.errs) > before && l.opts.SkipUnsupported && allUnsupported(l.errs[before:]) {
				l.api.Skipped = append(l.api.Skipped, &ir.Skipped{
					Method: m, Path: path, OperationID: op.OperationID, Reason: l.errs[before],
				})
				l.errs = l.errs[:before]
				continue
			}
			if info != nil && len(l.errs) == before {
				l.addToGroup(info, op)
				l.pagination(info, op, ptr)
				if lro, _ := op.Extensions["x-ms-long-running-operation"].(bool); lro && info.op.Stream == nil {
					opts, _ := op.Extensions["x-ms-long-running-operation-options"].(map[string]any)
					via, _ := opts["final-state-via"].(string)
					info.op.LongRunning = &ir.LongRunning{FinalVia: via}
				}
				if info.twin != nil {
					l.addToGroup(info.twin, op)
				}
			}
		}
	}
}

// ignored reports whether an operation is marked for SDK generators to leave
// out (Speakeasy's x-speakeasy-ignore, Fern's x-fern-ignore).
func ignored(ext map[string]any) bool {
	for _, key := range []string{"x-speakeasy-ignore", "x-fern-ignore"} {
		if v, _ := ext[key].(bool); v {
			return true
		}
	}
	return false
}

func allUnsupported(errs diag.List) bool {
	for _, e := range errs {
		if !isUnsupported(e) {
			return false
		}
	}
	return true
}

// addToGroup files the operation under its x-speakeasy-group (or Fern's
// x-fern-sdk-group-name), else its first tag, else the group an
// operationId of Azure's form Group_Method names; operations with none
// become methods of the client itself.
func (l *lowerer) addToGroup(info *opInfo, op *openapi3.Operation) {
	key := cmp.Or(extString(op.Extensions, "x-speakeasy-group"), fernGroup(op.Extensions))
	if key == "" && len(op.Tags) > 0 {
		key = op.Tags[0]
	}
	if m := groupedID.FindStringSubmatch(op.OperationID); key == "" && m != nil {
		key = m[1]
	}
	// Keys that name the same Go service ("instanceSettings" and the tag
	// "Instance Settings") are one group.
	id := key
	if key != "" {
		id = pascalOr(key, "Default")
	}
	g := l.groups[id]
	if g == nil {
		g = &groupInfo{group: &ir.Group{Key: key}}
		l.groups[id] = g
	}
	info.group = g
	g.ops = append(g.ops, info)
	g.group.Operations = append(g.group.Operations, info.op)
	l.opInfos = append(l.opInfos, info)
}

// fernGroup returns the group Fern's x-fern-sdk-group-name names: a name,
// or a list of them (a group within groups), read as one name.
func fernGroup(ext map[string]any) string {
	switch v := ext["x-fern-sdk-group-name"].(type) {
	case string:
		return v
	case []any:
		var words []string
		for _, w := range v {
			if s, ok := w.(string); ok {
				words = append(words, s)
			}
		}
		return strings.Join(words, " ")
	}
	return ""
}

// groupedID is an operationId of the form Group_Method, both parts
// PascalCase ("Vaults_ListByResourceGroup"), which AutoRest files as the
// method of a group; a snake_case id ("list_users") is not one.
var groupedID = regexp.MustCompile(`^([A-Z][A-Za-z0-9]*)_[A-Z][A-Za-z0-9]*$`)

// tagParents sets each group's parent: the group of its tag's parent tag
// (OpenAPI 3.2). A parent that is no tag, or a chain of parents that comes
// back to the tag, is a warning and no parent.
func (l *lowerer) tagParents() {
	if l.doc.Tags == nil {
		return
	}
	byKey := map[string]*ir.Group{}
	for _, g := range l.groups {
		if g.group.Key != "" {
			byKey[g.group.Key] = g.group
		}
	}
	parents := map[string]string{} // tag name to its parent's, loops left out
	for i, t := range l.doc.Tags {
		if t == nil {
			continue
		}
		parent := extString(t.Extensions, "parent")
		if parent == "" {
			continue
		}
		pos, ptr := l.fieldPos(t.Origin, "parent"), fmt.Sprintf("#/tags/%d/parent", i)
		seen := map[string]bool{t.Name: true}
		for p := parent; p != ""; {
			pt := l.doc.Tags.Get(p)
			if pt == nil {
				l.warnf(pos, ptr, "tag %q names parent %q, which is no tag; it has no parent", t.Name, p)
				parent = ""
				break
			}
			if seen[p] {
				l.warnf(pos, ptr, "tag %q is its own ancestor through its parents; it has no parent", t.Name)
				parent = ""
				break
			}
			seen[p] = true
			p = extString(pt.Extensions, "parent")
		}
		if parent != "" {
			parents[t.Name] = parent
		}
	}
	// A parent tag without operations of its own gets a service that holds
	// the services under it, when one of them has operations.
	namespace := func(name string) *ir.Group {
		if g := byKey[name]; g != nil {
			return g
		}
		id := pascalOr(name, "Default")
		if g := l.groups[id]; g != nil {
			return g.group // another spelling of a group's key
		}
		i := slices.IndexFunc(l.doc.Tags, func(t *openapi3.Tag) bool { return t != nil && t.Name == name })
		t := l.doc.Tags[i]
		g := &groupInfo{group: &ir.Group{Key: name, Namespace: true,
			Description: strings.TrimSpace(cmp.Or(t.Description, extString(t.Extensions, "summary")))},
			pos: l.posOf(t.Origin), ptr: fmt.Sprintf("#/tags/%d", i)}
		l.groups[id], byKey[name] = g, g.group
		return g.group
	}
	for _, t := range l.doc.Tags {
		if t == nil || byKey[t.Name] == nil {
			continue // a tag of no operation is placed only as a parent
		}
		for name := t.Name; parents[name] != ""; name = parents[name] {
			g, pg := byKey[name], namespace(parents[name])
			if g.Parent != nil || isAncestor(g, pg) {
				break
			}
			g.Parent = pg
		}
	}
}

// isAncestor reports whether a is g or one of g's parents. The tags'
// parents are checked for loops by name; this keeps a loop out of the
// services however tags map to them, as the access path follows parents.
func isAncestor(a, g *ir.Group) bool {
	for ; g != nil; g = g.Parent {
		if g == a {
			return true
		}
	}
	return false
}

// groupDocs describes each group by its own tag: the tag named by its key,
// else the one whose Go name is the group's ("users" and the tag "Users").
// Another tag of its operations would describe something else (the
// "Organization Memberships" tag of an operation grouped under "users").
// Every line of the description is kept.
func (l *lowerer) groupDocs() {
	if l.doc.Tags == nil {
		return
	}
	for id, g := range l.groups {
		if g.group.Key == "" {
			continue
		}
		var own *openapi3.Tag
		if t := l.doc.Tags.Get(g.group.Key); t != nil {
			own = t
		} else {
			for _, t := range l.doc.Tags { // in the spec's order: the first one wins
				if t != nil && pascalOr(t.Name, "") == id {
					own = t
					break
				}
			}
		}
		if own != nil {
			// A tag's description, else its summary (OpenAPI 3.2).
			g.group.Description = strings.TrimSpace(cmp.Or(own.Description, extString(own.Extensions, "summary")))
		}
	}
}

var pathParamRE = regexp.MustCompile(`\{([^{}]+)\}`)

func (l *lowerer) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation, ptr string) *opInfo {
	pos := l.posOf(op.Origin)
	key := path
	// "/v1/conversations#stream": a fragment makes a second key for the
	// same path (Speakeasy's way to give it two operations); it is never sent.
	path, _, _ = strings.Cut(path, "#")
	path, queryVars, fixed := l.splitQuery(path, ptr, pos)
	o := &ir.Operation{
		ID:          op.OperationID,
		Method:      method,
		Path:        path,
		Summary:     strings.TrimSpace(op.Summary),
		Servers:     l.operationServers(item, op, ptr),
		Description: strings.TrimSpace(op.Description),
		Deprecated:  op.Deprecated,
		FixedQuery:  fixed,
		Pointer:     ptr,
		Pos:         pos,
	}
	first, twice := l.opIDs[op.OperationID]
	pathID := o.ID == "" || twice
	if pathID {
		o.ID = l.pathIDs[op]
	}
	if o.ID == "" {
		o.ID = naming.Pascal(strings.ToLower(method) + " " + key)
	}
	switch id := op.OperationID; {
	case twice:
		at, _ := l.orLocate(first.Pos, first.Pointer)
		l.warnf(l.fieldPos(op.Origin, "operationId"), ptr+"/operationId", "operationId %q is also the operationId of %s %s (%s), which keeps it; this operation is named %q, from its method and path or numbered", id, first.Method, first.Path, at, o.ID)
	case id != "":
		l.opIDs[id] = o
	}
	info := &opInfo{op: o, typeBase: pascalOr(strings.TrimPrefix(o.ID, l.idPrefix), "Operation"), pathID: pathID}
	if name := pascalOr(cmp.Or(extString(op.Extensions, "x-speakeasy-name-override"), extString(op.Extensions, "x-fern-sdk-method-name")), ""); name != "" {
		info.method, info.pinned = name, true
	}

	// Before the parameters: a parameter a credential sends is left out.
	o.Security = l.api.Security
	if op.Security != nil {
		o.Security = l.requirements(*op.Security, ptr+"/security", l.fieldPos(op.Origin, "security"))
	}
	l.parameters(info, path, queryVars, item, op, ptr)
	if op.RequestBody != nil {
		l.requestBody(info, op.RequestBody, ptr+"/requestBody")
	}
	switch stream, other := streamModes(op); {
	case stream && other:
		info.mode = streamJSON
	case stream:
		info.mode = streamMethod
		if name := streamFlag(op); name != "" && o.Body != nil {
			o.Flag = &ir.BodyFlag{Property: name, Value: true}
		}
	}
	l.responses(info, op, ptr+"/responses")

	o.Retry = l.retryPolicy(op.Extensions, ptr, l.fieldPos(op.Origin, "x-speakeasy-retries"))
	o.IdempotencyHeader = l.idempotencyHeader(o)
	if info.mode == streamJSON {
		info.twin = l.streamTwin(info, op, ptr)
	}
	return info
}

// unionOfObjects reports whether d is a union whose variants are all
// objects: as a form body it is sent as the variant that is set, by its
// JSON form like any form body.
func unionOfObjects(d *ir.Decl) bool {
	u, ok := d.Kind.(*ir.Union)
	if !ok {
		return false
	}
	for _, v := range u.Variants {
		t, _ := ir.Unwrap(v.Type)
		switch t := t.(type) {
		case *ir.Ref:
			if _, ok := t.Decl.Kind.(*ir.Struct); !ok {
				return false
			}
		case *ir.Map:
		default:
			return false
		}
	}
	return true
}

// unionOfStructs reports whether d is a union whose variants are all
// objects with properties: as a multipart body, the parts of the variant
// that is set are sent.
func unionOfStructs(d *ir.Decl) bool {
	u, ok := d.Kind.(*ir.Union)
	if !ok || len(u.Variants) == 0 {
		return false
	}
	for _, v := range u.Variants {
		t, _ := ir.Unwrap(v.Type)
		r, ok := t.(*ir.Ref)
		if !ok {
			return false
		}
		if _, ok := r.Decl.Kind.(*ir.Struct); !ok {
			return false
		}
	}
	return true
}

// splitQuery separates a query string written into a path key
// ("/search?q={q}&page={page}", "/rest?method=search"), which OpenAPI does
// not allow but published specs do: the path is what comes before "?", each
// templated pair maps its variable to the query parameter it fills, and the
// fixed pairs are sent as they are.
func (l *lowerer) splitQuery(path, ptr string, pos diag.Pos) (string, map[string]string, []ir.QueryPair) {
	base, query, found := strings.Cut(path, "?")
	if !found {
		return path, nil, nil
	}
	vars := map[string]string{}
	var fixed []ir.QueryPair
	for pair := range strings.SplitSeq(query, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		if m := pathParamRE.FindStringSubmatch(value); m != nil && m[0] == value && !strings.Contains(name, "{") {
			vars[m[1]] = unescapeQuery(name)
			continue
		}
		if strings.Contains(pair, "{") {
			l.unsupported(pos, ptr, "path %q has the query pair %q, which is neither name={variable} nor fixed", path, pair)
			for _, m := range pathParamRE.FindAllStringSubmatch(pair, -1) {
				vars[m[1]] = m[1] // placed, if only to be skipped with the operation
			}
			continue
		}
		fixed = append(fixed, ir.QueryPair{Name: unescapeQuery(name), Value: unescapeQuery(value)})
	}
	l.warnf(pos, ptr, "path %q holds a query string; it is sent as the query of %q", path, base)
	return base, vars, fixed
}

// unescapeQuery decodes what a spec may have percent-encoded already; the
// SDK encodes it again on the wire.
func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// parameters lowers the path item's and the operation's parameters; the
// operation's override the path item's of the same name and location.
func (l *lowerer) parameters(info *opInfo, path string, queryVars map[string]string, item *openapi3.PathItem, op *openapi3.Operation, ptr string) {
	o := info.op
	type located struct {
		p   *openapi3.Parameter
		ptr string
		// Where the operation declares it: the $ref when it is one.
		site    string
		sitePos diag.Pos
	}
	byKey := map[string]located{}
	var order []string
	add := func(params openapi3.Parameters, base string) {
		for i, pr := range params {
			if pr == nil || pr.Value == nil {
				continue
			}
			p := pr.Value
			pptr := fmt.Sprintf("%s/parameters/%d", base, i)
			site, sitePos := pptr, l.posOf(p.Origin)
			if pr.Ref != "" {
				pptr = l.refPointer(pr.Ref)
				if pr.Origin != nil {
					sitePos = l.posOf(pr.Origin)
				}
			}
			if q, ok := queryVars[p.Name]; ok && p.In == openapi3.ParameterInPath {
				// Declared in the path, placed in the key's query string.
				moved := *p
				moved.In, moved.Name, moved.Style, moved.Explode = openapi3.ParameterInQuery, q, "", nil
				p = &moved
			}
			key := p.In + "\x00" + p.Name
			if _, seen := byKey[key]; !seen {
				order = append(order, key)
			}
			byKey[key] = located{p, pptr, site, sitePos}
		}
	}
	add(item.Parameters, pathItemPointer(ptr))
	add(op.Parameters, ptr)

	parts, err := parsePath(path)
	if err != nil {
		l.errorf(l.posOf(op.Origin), ptr, "%v", err)
	}
	inPath := map[string]*ir.Param{}
	clientPath := map[string]*ir.Global{} // path parameters the client sets
	declared := func(name string) bool { _, ok := byKey[openapi3.ParameterInPath+"\x00"+name]; return ok }
	for _, part := range parts {
		if !part.param {
			o.PathParts = append(o.PathParts, ir.PathPart{Lit: part.text})
			continue
		}
		name := part.text
		if bare := uriTemplateName(name); bare != name && !declared(name) && declared(bare) {
			// {param*}, {.param}: an RFC 6570 expression where OpenAPI has
			// a plain name; the parameter's own style says how it is sent.
			l.warnf(l.posOf(op.Origin), ptr, "path %q writes parameter %q as {%s}, a URI template expression; read as {%s}, sent in the parameter's style", path, bare, name, bare)
			name = bare
		}
		if g := clientPath[name]; g != nil {
			o.PathParts = append(o.PathParts, ir.PathPart{Global: g})
			continue
		}
		if p, twice := inPath[name]; twice {
			// The same value in both places: one argument fills them.
			if p != nil {
				l.warnf(l.posOf(op.Origin), ptr, "path %q names parameter %q twice; its one argument fills both", path, name)
				o.PathParts = append(o.PathParts, ir.PathPart{Param: p})
			}
			continue
		}
		lp, ok := byKey[openapi3.ParameterInPath+"\x00"+name]
		if !ok {
			// A path's {name} that no parameter declares (most often
			// forgotten): its value is text all the same.
			l.warnf(l.posOf(op.Origin), ptr, "path parameter %q is not declared; the method takes it as a string", name)
			lp = located{p: &openapi3.Parameter{Name: name, In: openapi3.ParameterInPath, Required: true,
				Schema: openapi3.NewSchemaRef("", openapi3.NewStringSchema())}, ptr: ptr, site: ptr, sitePos: l.posOf(op.Origin)}
		}
		if g := l.clientParam(lp.p, lp.sitePos); g != nil {
			clientPath[name] = g
			o.PathParts = append(o.PathParts, ir.PathPart{Global: g})
			continue
		}
		p := l.param(info, lp.p, lp.ptr)
		inPath[name] = p
		o.PathParams = append(o.PathParams, p)
		o.PathParts = append(o.PathParts, ir.PathPart{Param: p})
	}
	for _, key := range order {
		lp := byKey[key]
		switch lp.p.In {
		case openapi3.ParameterInPath:
			if _, ok := inPath[lp.p.Name]; !ok && clientPath[lp.p.Name] == nil {
				// Most often copied from a sibling path: with no {name} to
				// fill it can never be sent, so the method does not take it.
				l.warnf(lp.sitePos, lp.site, "path parameter %q does not appear in path %q; it cannot be sent and is left out", lp.p.Name, path)
			}
		case parameterInQueryString:
			if p := l.queryStringParam(info, lp.p, lp.ptr); p != nil {
				o.Params = append(o.Params, p)
			}
		case openapi3.ParameterInQuery, openapi3.ParameterInHeader, openapi3.ParameterInCookie:
			if lp.p.In == openapi3.ParameterInHeader && isAutomaticHeader(lp.p.Name) {
				continue // set by the SDK itself
			}
			if lp.p.In == openapi3.ParameterInHeader && strings.EqualFold(lp.p.Name, "Content-Length") && op.RequestBody == nil {
				// The HTTP client frames the request: a request with no
				// body has no length to send.
				l.warnf(lp.sitePos, lp.site, "header parameter %q of an operation with no request body cannot be sent; it is left out", lp.p.Name)
				continue
			}
			if lp.p.Name == "" && lp.p.In != openapi3.ParameterInQuery {
				// A header or cookie of no name (a converted Postman
				// collection's blank row) cannot be sent.
				l.warnf(lp.sitePos, lp.site, "%s parameter has no name; it cannot be sent and is left out", lp.p.In)
				continue
			}
			if l.clientParam(lp.p, lp.sitePos) != nil {
				continue // the client sends it on every call
			}
			if scheme := l.credentialParam(o.Security, lp.p); scheme != "" {
				l.warnf(lp.sitePos, lp.site, "%s parameter %q is the API key of security scheme %q, which sends it; the method does not take it", lp.p.In, lp.p.Name, scheme)
				continue
			}
			if v, ok := fixedParam(lp.p); ok && lp.p.In != openapi3.ParameterInCookie {
				// Nothing to choose: the method sends it itself.
				qp := ir.QueryPair{Name: lp.p.Name, Value: v}
				if lp.p.In == openapi3.ParameterInQuery {
					o.FixedQuery = append(o.FixedQuery, qp)
				} else {
					o.FixedHeaders = append(o.FixedHeaders, qp)
				}
				continue
			}
			o.Params = append(o.Params, l.param(info, lp.p, lp.ptr))
		default:
			l.errorf(l.posOf(lp.p.Origin), lp.ptr, "parameter %q has unknown location %q", lp.p.Name, lp.p.In)
		}
	}
	info.params = append(slices.Clone(o.PathParams), o.Params...)
}

// templatePart is literal text of a path template, or a parameter's name.
type templatePart struct {
	text  string
	param bool
}

// parsePath splits a path template into literal text and {name}s. A brace
// that closes nothing or is not closed, an empty name and a name holding a
// brace make a template whose parameters cannot be told apart: an error
// says which, and where in the path.
func parsePath(path string) ([]templatePart, error) {
	var parts []templatePart
	start := 0 // of the literal text not yet added
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '}':
			return nil, fmt.Errorf("path %q has a \"}\" at offset %d that closes no \"{\"", path, i)
		case '{':
			n := strings.IndexAny(path[i+1:], "{}")
			switch {
			case n < 0:
				return nil, fmt.Errorf("path %q has a \"{\" at offset %d that is not closed", path, i)
			case path[i+1+n] == '{':
				return nil, fmt.Errorf("path %q has a \"{\" at offset %d inside a parameter name", path, i+1+n)
			case n == 0:
				return nil, fmt.Errorf("path %q has an empty parameter name at offset %d", path, i)
			}
			if i > start {
				parts = append(parts, templatePart{text: path[start:i]})
			}
			parts = append(parts, templatePart{text: path[i+1 : i+1+n], param: true})
			i += n + 1
			start = i + 1
		}
	}
	if start < len(path) {
		parts = append(parts, templatePart{text: path[start:]})
	}
	return parts, nil
}

// uriTemplateName returns the variable name of an RFC 6570 expression: name
// without a leading operator (+ # . / ; ? &) or a trailing explode (*).
func uriTemplateName(name string) string {
	if len(name) > 1 && strings.IndexByte("+#./;?&", name[0]) >= 0 {
		name = name[1:]
	}
	if len(name) > 1 {
		name = strings.TrimSuffix(name, "*")
	}
	return name
}

// isToken reports whether s is an HTTP token (RFC 9110), as header and
// cookie names must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// credentialParam returns the API key scheme of security that sends
// parameter p (same place, same name), or "": a spec may describe the key
// both ways, and the SDK would then send it twice.
func (l *lowerer) credentialParam(security []ir.Requirement, p *openapi3.Parameter) string {
	for _, r := range security {
		for _, name := range r.Schemes {
			i := slices.IndexFunc(l.api.SecuritySchemes, func(sc *ir.SecurityScheme) bool { return sc.Name == name })
			if i < 0 {
				continue
			}
			sc := l.api.SecuritySchemes[i]
			if sc.Kind != ir.SecurityAPIKey || sc.In.String() != p.In {
				continue
			}
			if sc.ParamName == p.Name || p.In == openapi3.ParameterInHeader && strings.EqualFold(sc.ParamName, p.Name) {
				return name
			}
		}
	}
	return ""
}

// isAutomaticHeader reports headers the runtime sets, which OpenAPI says
// parameters must not describe.
func isAutomaticHeader(name string) bool {
	switch strings.ToLower(name) {
	case "accept", "content-type", "authorization":
		return true
	}
	return false
}

func (l *lowerer) param(info *opInfo, p *openapi3.Parameter, ptr string) *ir.Param {
	pos := l.posOf(p.Origin)
	ip := &ir.Param{
		Name:          p.Name,
		Required:      p.Required || p.In == openapi3.ParameterInPath,
		Style:         p.Style,
		AllowReserved: p.AllowReserved,
		Description:   strings.TrimSpace(p.Description),
		Deprecated:    p.Deprecated,
		Example:       jsonText(p.Example),
		Pos:           pos,
	}
	switch p.In {
	case openapi3.ParameterInPath:
		ip.In = ir.InPath
	case openapi3.ParameterInQuery:
		ip.In = ir.InQuery
	case openapi3.ParameterInHeader:
		ip.In = ir.InHeader
	case openapi3.ParameterInCookie:
		ip.In = ir.InCookie
	}
	if skip, _ := p.Extensions["x-ms-skip-url-encoding"].(bool); skip && ip.In == ir.InPath {
		ip.AllowReserved = true
	}
	if (ip.In == ir.InHeader || ip.In == ir.InCookie) && !isToken(p.Name) {
		// Every request would fail: net/http refuses such names.
		l.errorf(pos, ptr, "%s parameter name %q is not a valid HTTP token", ip.In, p.Name)
	}
	if ip.Style == "" {
		ip.Style = map[ir.ParamIn]string{ir.InPath: "simple", ir.InQuery: "form", ir.InHeader: "simple", ir.InCookie: "form"}[ip.In]
	}
	// OpenAPI 3.2's style cookie is form's rules in a Cookie header; it
	// explodes by default too.
	ip.Explode = ip.Style == "form" || ip.Style == "cookie" && ip.In == ir.InCookie
	if p.Explode != nil {
		ip.Explode = *p.Explode
	}
	opCtx := info.typeBase + pascalOr(p.Name, "Param")
	ctx := opCtx
	if key, ok := strings.CutPrefix(ptr, "#/components/parameters/"); ok && !strings.Contains(key, "/") {
		// A parameter the API declares once, for many operations: its
		// types are named after it, not after the first operation.
		ctx = pascalOr(refName(ptr), ctx)
	}
	schema, sptr := p.Schema, ptr+"/schema"
	// A single value described as text/plain content is its text, as a
	// parameter with a schema sends it: no encoding of its own.
	text := false
	if schema == nil {
		mt, media := pickMedia(p.Content)
		if media == nil {
			l.errorf(pos, ptr, "parameter %q has neither a schema nor content", p.Name)
			return ip
		}
		switch encodingOf(mt) {
		case ir.EncodingJSON:
			ip.ContentType = mt
		case ir.EncodingText:
			text = true
		default:
			l.unsupported(pos, ptr, "parameter %q is described as %s content; only JSON is supported", p.Name, mt)
		}
		schema, sptr = media.Schema, diag.JoinPointer(ptr+"/content", mt)+"/schema"
	}
	// A parameter is text: format binary in one is a string, not a file.
	ip.Type = binaryAsString(l.typeOf(schema, sptr, ctx))
	if text && !ir.Scalar(ip.Type) {
		l.unsupported(pos, ptr, "parameter %q is described as text content of a schema that is not a single value; only JSON is supported", p.Name)
	}
	if schema != nil && schema.Value != nil {
		if d := l.decls[l.keyOf(schema.Value)]; d != nil && d.decl.Pointer == sptr && d.alt == "" && ctx != opCtx {
			// The operation's name for it, should the parameter's be taken.
			d.alt = opCtx
		}
		if ip.Example == "" {
			ip.Example = exampleOf(schema.Value)
		}
		ip.Default = jsonText(schema.Value.Default)
	}
	if ip.ContentType == "" {
		// Anything else goes by its JSON form, in the parameter's style.
		ip.Type = scalarUnionAsString(ip.Type)
	}
	return ip
}

// parameterInQueryString is OpenAPI 3.2's location of a parameter that is
// the whole query string.
const parameterInQueryString = "querystring"

// queryStringParam lowers an in: querystring parameter. Its content says
// how the whole query string is encoded; as application/x-www-form-urlencoded
// (the one encoding supported) an object's properties are the query's
// name=value pairs: on the wire, a query parameter of style form, exploded.
func (l *lowerer) queryStringParam(info *opInfo, p *openapi3.Parameter, ptr string) *ir.Param {
	pos := l.posOf(p.Origin)
	if p.Schema != nil || len(p.Content) != 1 {
		l.errorf(pos, ptr, "querystring parameter %q must be described by content with exactly one media type", p.Name)
		return nil
	}
	mt := sortedKeys(p.Content)[0]
	media := p.Content[mt]
	mptr := diag.JoinPointer(ptr+"/content", mt)
	if encodingOf(mt) != ir.EncodingForm {
		l.unsupported(pos, mptr, "querystring parameter %q is described as %s content; only application/x-www-form-urlencoded is supported", p.Name, mt)
		return nil
	}
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		l.errorf(pos, mptr, "querystring parameter %q has no schema", p.Name)
		return nil
	}
	ip := &ir.Param{
		Name:        p.Name,
		In:          ir.InQuery,
		QueryString: true,
		Required:    p.Required,
		Style:       "form",
		Explode:     true,
		Description: strings.TrimSpace(p.Description),
		Deprecated:  p.Deprecated,
		Example:     jsonText(p.Example),
		Pos:         pos,
	}
	ip.Type = l.typeOf(media.Schema, mptr+"/schema", info.typeBase+pascalOr(p.Name, "Query"))
	if ip.Example == "" {
		ip.Example = exampleOf(media.Schema.Value)
	}
	switch t, _ := ir.Unwrap(ip.Type); t := t.(type) {
	case *ir.Map:
		return ip
	case *ir.Ref:
		if _, ok := t.Decl.Kind.(*ir.Struct); ok {
			return ip
		}
	}
	l.unsupported(pos, mptr+"/schema", "querystring parameter %q is not an object: only an object's properties make name=value pairs", p.Name)
	return nil
}

// scalarUnionAsString types a parameter that is a union of scalars
// (oneOf: [integer, string]) as a string: on the wire it is text either way.
func scalarUnionAsString(t ir.Type) ir.Type {
	inner, nullable := ir.Unwrap(t)
	ref, ok := inner.(*ir.Ref)
	if !ok {
		return t
	}
	u, ok := ref.Decl.Kind.(*ir.Union)
	if !ok {
		return t
	}
	for _, v := range u.Variants {
		switch vt := v.Type.(type) {
		case *ir.Prim:
			if vt.Kind == ir.Any || vt.Kind == ir.Binary {
				return t
			}
		case *ir.Ref:
			if _, isEnum := vt.Decl.Kind.(*ir.Enum); !isEnum {
				return t
			}
		default:
			return t
		}
	}
	var out ir.Type = &ir.Prim{Kind: ir.String}
	if nullable {
		out = &ir.Nullable{Elem: out}
	}
	return out
}

// mediaRank orders media types by preference for the SDK.
func mediaRank(mt string) int {
	mt = strings.ToLower(mt)
	switch {
	case mt == "application/json":
		return 0
	case isJSONMedia(mt):
		return 1
	case mt == "multipart/form-data":
		return 2
	case mt == "application/x-www-form-urlencoded":
		return 3
	case strings.HasPrefix(mt, "text/plain"):
		return 4
	case mt == "application/octet-stream":
		return 5
	}
	return 6
}

func isJSONMedia(mt string) bool {
	mt, _, _ = strings.Cut(strings.ToLower(mt), ";")
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "/json") || mt == "*/*" ||
		strings.HasPrefix(mt, "application/x-amz-json-") // AWS's JSON protocols, 1.0 and 1.1
}

func encodingOf(mt string) ir.Encoding {
	lower := strings.ToLower(mt)
	switch {
	case isJSONMedia(lower):
		return ir.EncodingJSON
	case lower == "multipart/form-data" || strings.HasPrefix(lower, "multipart/"):
		return ir.EncodingMultipart
	case lower == "application/x-www-form-urlencoded":
		return ir.EncodingForm
	case strings.HasPrefix(lower, "text/") && lower != "text/event-stream":
		return ir.EncodingText
	}
	return ir.EncodingBinary
}

// rawBody reports whether a JSON-typed body of type t under media type mt
// is the data itself rather than JSON: format: binary is data under any
// media type (application/json too), and so is a string under a range:
// "*/*" is JSON for an object (as Spring's specs write it), but a string
// there is the body itself ("the raw file data"). enc says how:
// EncodingBinary for format: binary, else EncodingText.
func rawBody(mt string, t ir.Type) (enc ir.Encoding, raw bool) {
	switch t, _ := ir.Unwrap(t); {
	case ir.SameType(t, &ir.Prim{Kind: ir.Binary}):
		return ir.EncodingBinary, true
	case ir.SameType(t, &ir.Prim{Kind: ir.String}) && strings.Contains(mt, "*"):
		return ir.EncodingText, true
	}
	return 0, false
}

// mediaKey returns the media type a content key stands for: the key, or
// "*/*" for one that is not type/subtype ("xls"), which no Content-Type or
// Accept header can carry, with a warning.
func (l *lowerer) mediaKey(key string, o *openapi3.Origin, ptr string) string {
	base, _, _ := strings.Cut(key, ";")
	typ, sub, ok := strings.Cut(strings.TrimSpace(base), "/")
	if ok && isToken(typ) && isToken(sub) {
		return key
	}
	l.warnf(l.fieldPos(o, "content"), diag.JoinPointer(ptr+"/content", key), "content key %q is not a media type (type/subtype); it is read as */*", key)
	return "*/*"
}

// pickMedia returns the preferred media type of content.
func pickMedia(content openapi3.Content) (string, *openapi3.MediaType) {
	keys := sortedKeys(content)
	slices.SortStableFunc(keys, func(a, b string) int { return mediaRank(a) - mediaRank(b) })
	if len(keys) == 0 {
		return "", nil
	}
	return keys[0], content[keys[0]]
}

// pickRequestMedia is pickMedia for a request body, except that a
// multipart form whose schema has a file property is chosen over JSON: a
// file is sent as a part, and JSON has no files (a body offered both ways
// from one schema: the files are what it is for).
func pickRequestMedia(content openapi3.Content) (string, *openapi3.MediaType) {
	key, media := pickMedia(content)
	if encodingOf(key) != ir.EncodingJSON {
		return key, media
	}
	for _, k := range sortedKeys(content) {
		if m := content[k]; strings.EqualFold(k, "multipart/form-data") && m != nil && m.Schema != nil && m.Schema.Value != nil && hasFileProperty(m.Schema.Value) {
			return k, m
		}
	}
	return key, media
}

// hasFileProperty reports whether an object schema has a property that is a
// file (format binary) or a list of them.
func hasFileProperty(s *openapi3.Schema) bool {
	isFile := func(p *openapi3.SchemaRef) bool {
		return p != nil && p.Value != nil && (p.Value.Format == "binary" || p.Value.Format == "file")
	}
	for _, p := range s.Properties {
		if isFile(p) || p != nil && p.Value != nil && isFile(p.Value.Items) {
			return true
		}
	}
	return false
}

func (l *lowerer) requestBody(info *opInfo, rb *openapi3.RequestBodyRef, ptr string) {
	if rb.Value == nil {
		return
	}
	ctx := info.typeBase + "RequestBody"
	if rb.Ref != "" {
		ptr = l.refPointer(rb.Ref)
		ctx = pascalOr(refName(ptr), "Request") + "RequestBody"
	}
	key, media := pickRequestMedia(rb.Value.Content)
	if media == nil {
		return
	}
	mt := l.mediaKey(key, rb.Value.Origin, ptr)
	body := &ir.RequestBody{
		MediaType:   mt,
		Encoding:    encodingOf(mt),
		Required:    rb.Value.Required,
		Description: strings.TrimSpace(rb.Value.Description),
		Pos:         l.posOf(rb.Value.Origin),
	}
	mptr := diag.JoinPointer(ptr+"/content", key) + "/schema"
	switch body.Encoding {
	case ir.EncodingBinary:
	case ir.EncodingText:
		if s := media.Schema; s != nil && s.Value != nil && (s.Value.Format == "binary" || s.Value.Format == "file") {
			// Data of a text media type that the schema says is a file
			// (Swagger 2's format: file): streamed, as any file is.
			body.Encoding = ir.EncodingBinary
			break
		}
		body.Type = &ir.Prim{Kind: ir.String}
	case ir.EncodingMultipart:
		if s := media.Schema; s != nil && s.Value != nil && s.Value.Format == "file" && len(s.Value.Properties) == 0 {
			// Swagger 2's file type, carried over as format: file on a
			// schema with nothing else to send: the body is one file.
			body.Type = &ir.Prim{Kind: ir.Binary}
			break
		}
		body.Type = l.typeOf(media.Schema, mptr, ctx)
	default:
		body.Type = l.typeOf(media.Schema, mptr, ctx)
	}
	if body.Encoding == ir.EncodingJSON {
		if _, raw := rawBody(mt, body.Type); raw {
			// Sent as the caller's stream, whatever the text.
			body.Encoding, body.Type = ir.EncodingBinary, nil
		}
	}
	if body.Encoding == ir.EncodingForm {
		if t, _ := ir.Unwrap(body.Type); ir.SameType(t, &ir.Prim{Kind: ir.String}) {
			// A form described as one string: the caller encodes it.
			body.Encoding, body.Type = ir.EncodingText, &ir.Prim{Kind: ir.String}
		}
	}
	if body.Encoding == ir.EncodingMultipart || body.Encoding == ir.EncodingForm {
		t, _ := ir.Unwrap(body.Type)
		switch t := t.(type) {
		case *ir.Ref:
			_, isStruct := t.Decl.Kind.(*ir.Struct)
			switch {
			case isStruct:
			case body.Encoding == ir.EncodingForm && unionOfObjects(t.Decl):
			case body.Encoding == ir.EncodingMultipart && unionOfStructs(t.Decl):
				// Each variant's properties are the parts when it is the
				// one set.
			default:
				l.unsupported(body.Pos, mptr, "%s body must be an object, or a oneOf or anyOf of objects with properties", mt)
				return
			}
		case *ir.Prim:
			if body.Encoding != ir.EncodingMultipart || (t.Kind != ir.Binary && t.Kind != ir.String) {
				l.unsupported(body.Pos, mptr, "%s body must be an object", mt)
				return
			}
			// A whole body that is one file or one string: sent as the one
			// part "file" (a file part, or a text part), since the schema
			// names none.
		case *ir.Map:
			if isClosedEmpty(media.Schema.Value) {
				// An object that allows no properties: there is nothing to send.
				return
			}
			// A multipart map body sends each entry as a part, as a form
			// sends each as a field.
		case *ir.Slice:
			// A form or multipart body names its fields; a list has none
			// to name, and no standard encoding gives it any.
			l.unsupported(body.Pos, mptr, "%s body must be an object, not an array", mt)
			return
		default:
			l.unsupported(body.Pos, mptr, "%s body must be an object", mt)
			return
		}
		if body.Encoding == ir.EncodingMultipart {
			body.PartTypes = partTypes(media)
		}
		for _, prop := range sortedKeys(media.Encoding) {
			enc := media.Encoding[prop]
			if enc == nil || enc.Style == "" || (enc.Style == "form" && (enc.Explode == nil || *enc.Explode)) {
				continue
			}
			explode := enc.Style == "form"
			if enc.Explode != nil {
				explode = *enc.Explode
			}
			body.Styles = append(body.Styles, ir.PropertyStyle{Property: prop, Style: enc.Style, Explode: explode})
		}
	}
	// A body whose schema requires properties cannot usefully be left out,
	// whatever requestBody.required says; the method takes it by value.
	if ref, ok := body.Type.(*ir.Ref); ok {
		if st, ok := ref.Decl.Kind.(*ir.Struct); ok && slices.ContainsFunc(st.Fields, func(f *ir.Field) bool { return f.Required }) {
			body.Required = true
		}
	}
	info.op.Body = body
}

// partTypes returns the media types the spec gives a multipart body's
// parts: an encoding's contentType (the first of a list, unless it is a
// range such as image/*), else a property's contentMediaType (OpenAPI 3.1).
func partTypes(media *openapi3.MediaType) []ir.PartType {
	types := map[string]string{}
	if s := media.Schema; s != nil && s.Value != nil {
		for name, p := range s.Value.Properties {
			if p != nil && p.Value != nil && isFileMedia(p.Value.ContentMediaType) {
				types[name] = p.Value.ContentMediaType
			}
		}
	}
	for name, enc := range media.Encoding {
		if enc == nil {
			continue
		}
		first, _, _ := strings.Cut(enc.ContentType, ",")
		if first = strings.TrimSpace(first); first != "" && !strings.Contains(first, "*") {
			types[name] = first
		}
	}
	var out []ir.PartType
	for _, name := range sortedKeys(types) {
		out = append(out, ir.PartType{Property: name, ContentType: types[name]})
	}
	return out
}

// statusOrder sorts response keys: codes, then ranges, then default.
func statusOrder(a, b string) int {
	rank := func(s string) (int, string) {
		switch {
		case s == "default":
			return 2, s
		case strings.HasSuffix(strings.ToUpper(s), "XX"):
			return 1, s
		}
		return 0, s
	}
	ra, sa := rank(a)
	rb, sb := rank(b)
	if ra != rb {
		return ra - rb
	}
	return strings.Compare(sa, sb)
}

func (l *lowerer) responses(info *opInfo, op *openapi3.Operation, ptr string) {
	o := info.op
	if op.Responses == nil {
		return
	}
	m := op.Responses.Map()
	keys := sortedKeys(m)
	slices.SortFunc(keys, statusOrder)
	hasSuccess, redirects := false, false
	for _, k := range keys {
		if strings.HasPrefix(k, "2") {
			hasSuccess = true
		}
		if code, _ := strconv.Atoi(k); isRedirect(&ir.Response{Code: code, Status: strings.ToUpper(k)}) {
			redirects = true
		}
	}
	var success []*ir.Response
	for _, k := range keys {
		rr := m[k]
		if rr == nil || rr.Value == nil {
			continue
		}
		r := &ir.Response{Status: strings.ToUpper(k), Description: strings.TrimSpace(deref(rr.Value.Description)), Pos: l.posOf(rr.Value.Origin)}
		r.Summary = strings.TrimSpace(extString(rr.Value.Extensions, "summary")) // OpenAPI 3.2's, an extension to kin-openapi
		if k == "default" {
			r.Status = "default"
		}
		if code, err := strconv.Atoi(k); err == nil && len(k) == 3 && k[0] >= '1' && k[0] <= '5' {
			r.Code = code
		} else if k != "default" && !(len(k) == 3 && strings.HasSuffix(strings.ToUpper(k), "XX") && k[0] >= '1' && k[0] <= '5') {
			l.errorf(l.posOf(rr.Value.Origin), diag.JoinPointer(ptr, k), "invalid response status %q (want a code from 100 to 599, a range 1XX to 5XX, or default)", k)
			continue
		}
		// An operation that answers only with a redirect (GitHub's archive
		// download: 302 to its URL) is called for it: following it would
		// reach what no declared response describes.
		r.Redirect = !hasSuccess && isRedirect(r)
		// Without a 2xx the default response is the success, unless the
		// operation answers with a redirect (Ory's authorize: 302, and a
		// default that is its error).
		isSuccess := r.IsSuccess() || (k == "default" && !hasSuccess && !redirects)
		rptr, ctx := diag.JoinPointer(ptr, k), info.typeBase+responseSuffix(k, isSuccess)
		if rr.Ref != "" {
			rptr = l.refPointer(rr.Ref)
			ctx = pascalOr(refName(rptr), "Response")
			if !isSuccess {
				ctx += "Error"
			}
		}
		mt, media := pickMedia(rr.Value.Content)
		if isSuccess && info.mode != streamNone {
			var keep bool
			if mt, media, keep = successMedia(info.mode, rr.Value.Content); !keep {
				continue
			}
		}
		if media != nil && (r.Code == 204 || r.Code == 205 || r.Code == 304) {
			// HTTP gives these no body, whatever the spec declares: the
			// SDK reads none rather than fail on its absence.
			l.warnf(l.fieldPos(rr.Value.Origin, "content"), rptr+"/content", "a %d response has no body (RFC 9110); its content is ignored", r.Code)
			mt, media = "", nil
		}
		key := mt
		if media != nil {
			mt = l.mediaKey(key, rr.Value.Origin, rptr)
		}
		if _, stream := streamFormatOf(mt); stream && media != nil && isSuccess && info.mode != streamNone {
			if rr.Ref == "" {
				ctx = info.typeBase + "StreamEvent"
			}
			r.MediaType, r.Encoding = mt, ir.EncodingJSON
			r.Type = l.streamResponse(info, op, mt, media, rptr, ctx)
		} else if media != nil {
			r.MediaType, r.Encoding = mt, encodingOf(mt)
			switch r.Encoding {
			case ir.EncodingText:
				r.Type = &ir.Prim{Kind: ir.String}
			case ir.EncodingJSON:
				r.Type = l.typeOf(media.Schema, diag.JoinPointer(rptr+"/content", key)+"/schema", ctx)
				if enc, raw := rawBody(mt, r.Type); raw {
					r.Encoding = enc
					r.Type, _ = ir.Unwrap(r.Type)
				}
				if isSuccess && r.Encoding == ir.EncodingJSON {
					l.statusAlt(r, info.typeBase)
				}
			default:
				r.Type = &ir.Prim{Kind: ir.Binary}
			}
		}
		o.Responses = append(o.Responses, r)
		if info.twinOf == nil {
			l.responseHeaders(info, rr.Value, r.Status, rptr)
		}
		if isSuccess {
			success = append(success, r)
		} else if ref, ok := r.Type.(*ir.Ref); ok {
			switch ref.Decl.Kind.(type) {
			case *ir.Struct, *ir.Union:
				ref.Decl.IsError = true
			}
		}
	}
	o.Result = l.result(info, success)
}

// responseHeaders adds the headers a response declares to the operation's,
// once per name (compared as HTTP compares them). A header whose schema is
// not a scalar or a list of scalars is read as its text. Content-Type is
// left out, as OpenAPI says.
func (l *lowerer) responseHeaders(info *opInfo, resp *openapi3.Response, status, rptr string) {
	o := info.op
	for _, name := range sortedKeys(resp.Headers) {
		h := resp.Headers[name]
		if h == nil || h.Value == nil || strings.EqualFold(name, "Content-Type") {
			continue
		}
		if i := slices.IndexFunc(o.ResponseHeaders, func(rh *ir.ResponseHeader) bool { return strings.EqualFold(rh.Name, name) }); i >= 0 {
			o.ResponseHeaders[i].Statuses = append(o.ResponseHeaders[i].Statuses, status)
			continue
		}
		hptr := diag.JoinPointer(rptr+"/headers", name)
		if h.Ref != "" {
			hptr = l.refPointer(h.Ref)
		}
		var t ir.Type = &ir.Prim{Kind: ir.String}
		if headerSchema(h.Value.Schema, true) {
			ht, _ := ir.Unwrap(l.typeOf(h.Value.Schema, hptr+"/schema", info.typeBase+pascalOr(name, "")+"Header"))
			if headerScalar(ht) {
				t = ht
			} else if sl, ok := ht.(*ir.Slice); ok && headerScalar(sl.Elem) {
				t = ht
			}
		}
		o.ResponseHeaders = append(o.ResponseHeaders, &ir.ResponseHeader{
			Name: name, Type: t, Description: strings.TrimSpace(h.Value.Description), Statuses: []string{status}, Pos: l.posOf(h.Value.Origin),
		})
	}
}

// headerSchema reports whether a header's schema is worth lowering: a
// scalar type, or (when list) an array of them. Other schemas would only
// declare types no field uses.
func headerSchema(sref *openapi3.SchemaRef, list bool) bool {
	if sref == nil || sref.Value == nil || sref.Value.Type == nil {
		return false
	}
	for _, t := range sref.Value.Type.Slice() {
		switch t {
		case openapi3.TypeString, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeBoolean, openapi3.TypeNull:
		case openapi3.TypeArray:
			if !list || !headerSchema(sref.Value.Items, false) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// headerScalar reports whether a header's value of type t is read as one
// scalar: a string, number, boolean, date-time or enum, not null.
func headerScalar(t ir.Type) bool {
	switch t := t.(type) {
	case *ir.Prim:
		switch t.Kind {
		case ir.String, ir.Int32, ir.Int64, ir.Float32, ir.Float64, ir.Bool, ir.DateTime:
			return true
		}
	case *ir.Ref:
		en, ok := t.Decl.Kind.(*ir.Enum)
		return ok && en.Base != ir.Bool
	}
	return false
}

// responseSuffix names an anonymous response schema.
func responseSuffix(status string, success bool) string {
	switch {
	case success:
		return "ResponseBody"
	case status == "default":
		return "DefaultError"
	}
	return strings.ToUpper(status) + "Error" // "404Error", "4XXError"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// result decides what the method returns from its success responses.
func (l *lowerer) result(info *opInfo, success []*ir.Response) ir.Result {
	var distinct []*ir.Response
	for _, r := range success {
		if r.Type == nil {
			continue
		}
		if !slices.ContainsFunc(distinct, func(d *ir.Response) bool { return ir.SameType(d.Type, r.Type) && d.Encoding == r.Encoding }) {
			distinct = append(distinct, r)
		}
	}
	if info.op.Stream != nil && len(distinct) > 1 {
		l.warnf(distinct[1].Pos, info.op.Pointer+"/responses/"+distinct[1].Status, "a stream method returns one stream type; status %s's is left out", distinct[1].Status)
		distinct = distinct[:1]
	}
	switch len(distinct) {
	case 0:
		return ir.Result{Kind: ir.ResultNone}
	case 1:
		return ir.Result{Kind: ir.ResultSingle, Type: distinct[0].Type, Encoding: distinct[0].Encoding}
	}
	info.resultDecl = true
	res := ir.Result{Kind: ir.ResultMulti}
	for _, r := range distinct {
		res.Fields = append(res.Fields, &ir.ResultField{Type: r.Type, Encoding: r.Encoding})
	}
	return res
}

// isClosedEmpty reports an object schema that declares no properties and
// allows no others.
func isClosedEmpty(s *openapi3.Schema) bool {
	closed := s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has && s.AdditionalProperties.Schema == nil
	return len(s.Properties) == 0 && (closed || (s.Properties != nil && additionalAbsent(s)))
}

// fixedParam returns the one value a required query or header parameter
// may have (a const, or an enum of one scalar: AWS's Action and
// X-Amz-Target), as it is sent.
func fixedParam(p *openapi3.Parameter) (string, bool) {
	if !p.Required || p.Schema == nil || p.Schema.Value == nil || isNullable(p.Schema.Value) {
		return "", false
	}
	s := p.Schema.Value
	if t := nonNullTypes(s); len(t) > 1 || len(t) == 1 && (t[0] == openapi3.TypeArray || t[0] == openapi3.TypeObject) {
		return "", false
	}
	return scalarText(constValue(s))
}

// statusAlt gives an inline success body the status as its second name
// ("StartJobAcceptedResponseBody"), which it takes where another success
// body of the operation has the first.
func (l *lowerer) statusAlt(r *ir.Response, typeBase string) {
	ref, ok := r.Type.(*ir.Ref)
	if !ok || ref.Decl.SchemaName != "" {
		return
	}
	status := http.StatusText(r.Code)
	if status == "" {
		status = r.Status
	}
	for i := len(l.declList) - 1; i >= 0; i-- {
		if d := l.declList[i]; d.decl == ref.Decl {
			if d.alt == "" {
				d.alt = typeBase + pascalOr(status, "") + "ResponseBody"
			}
			return
		}
	}
}

// isRedirect reports whether r is a status a client follows: 301, 302, 303,
// 307, 308 or the 3XX range.
func isRedirect(r *ir.Response) bool {
	return slices.Contains([]int{301, 302, 303, 307, 308}, r.Code) || r.Status == "3XX"
}
