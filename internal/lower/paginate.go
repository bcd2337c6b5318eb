package lower

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// PaginationConfig is the pagination part of an SDK's configuration
// (sdkgen.yaml): rules that apply where the spec has no
// x-speakeasy-pagination, and whether to infer the others.
type PaginationConfig struct {
	NoInference bool
	// Default is a rule applied to every operation it fits; nil for none.
	Default *PageRule
	// Operations are rules for single operations, by operationId.
	Operations []*PageRule
}

// PageRule is a pagination rule as the configuration writes it: the fields
// of x-speakeasy-pagination, decoded (maps, lists, strings).
type PageRule struct {
	OperationID string // for a rule of PaginationConfig.Operations
	Value       any
	Pos         diag.Pos
	Pointer     string
}

// pageSource is where a rule comes from, which decides how its problems
// are reported: the spec's own rules are third-party input, so a rule that
// does not fit is a warning and the operation pages not; the
// configuration's are the user's, and an error.
type pageSource int

const (
	fromExtension  pageSource = iota // x-speakeasy-pagination on the operation
	fromMsPageable                   // x-ms-pageable on the operation
	fromDatadog                      // Datadog's x-pagination on the operation (vendorpaging.go)
	fromFern                         // Fern's x-fern-pagination on the operation (vendorpaging.go)
	fromRoot                         // x-speakeasy-pagination on the document: applied where it fits
	fromConfig                       // an sdkgen.yaml rule for the operation
	fromDefault                      // sdkgen.yaml's default rule: applied where it fits
)

const pageExt = "x-speakeasy-pagination"

// sourceName is a rule's source as the docs and -dump-ir name it.
var sourceName = map[pageSource]string{fromExtension: pageExt, fromMsPageable: msPageExt, fromDatadog: datadogPageExt,
	fromFern: fernPageExt, fromRoot: pageExt, fromConfig: "sdkgen.yaml", fromDefault: "sdkgen.yaml"}

// ofOperation reports whether the rule is the operation's own extension:
// one that does not fit is a warning, and the operation pages not.
func (s pageSource) ofOperation() bool { return s < fromRoot }

// pageRule is a rule read, before it is resolved against an operation.
type pageRule struct {
	kind    string // offsetLimit, cursor, url, link
	inputs  []pageRuleInput
	outputs []pageRuleOutput // in a fixed order: see pageOutputs
	pos     diag.Pos
	ptr     string
}

type pageRuleInput struct {
	name, in, typ string
	ptr           string
}

type pageRuleOutput struct {
	key, path string
	ptr       string
}

// pageOutputs are the output keys a rule may give: Speakeasy's, then
// hasMore and total, which sdkgen adds.
var pageOutputs = []string{"results", "numPages", "nextCursor", "nextUrl", "hasMore", "total"}

// readPageRule reads a rule. Problems of shape are reported through bad.
func readPageRule(raw any, pos diag.Pos, ptr string, bad func(ptr, format string, args ...any)) *pageRule {
	m, ok := raw.(map[string]any)
	if !ok {
		bad(ptr, "a pagination rule must be an object with type, inputs and outputs")
		return nil
	}
	r := &pageRule{pos: pos, ptr: ptr}
	for _, k := range sortedKeys(m) {
		if !slices.Contains([]string{"type", "inputs", "outputs"}, k) {
			bad(diag.JoinPointer(ptr, k), "unknown pagination key %q (known: type, inputs, outputs)", k)
			return nil
		}
	}
	r.kind, _ = m["type"].(string)
	switch r.kind {
	case "offsetLimit", "cursor", "url", "link":
	default:
		bad(diag.JoinPointer(ptr, "type"), "pagination type %q is not one of offsetLimit, cursor, url, link", fmt.Sprint(m["type"]))
		return nil
	}
	if v, ok := m["inputs"]; ok {
		list, ok := v.([]any)
		if !ok {
			bad(diag.JoinPointer(ptr, "inputs"), "pagination inputs must be a list")
			return nil
		}
		for i, e := range list {
			iptr := diag.JoinPointer(ptr, "inputs", fmt.Sprint(i))
			em, ok := e.(map[string]any)
			if !ok {
				bad(iptr, "a pagination input must be an object with name, in and type")
				return nil
			}
			for _, k := range sortedKeys(em) {
				if k != "name" && k != "in" && k != "type" {
					bad(diag.JoinPointer(iptr, k), "unknown pagination input key %q (known: name, in, type)", k)
					return nil
				}
			}
			in := pageRuleInput{ptr: iptr}
			in.name, _ = em["name"].(string)
			in.in, _ = em["in"].(string)
			in.typ, _ = em["type"].(string)
			switch {
			case in.name == "":
				bad(iptr, "a pagination input needs a name")
				return nil
			case in.in != "parameters" && in.in != "requestBody":
				bad(diag.JoinPointer(iptr, "in"), "pagination input %q: in must be parameters or requestBody, not %q", in.name, fmt.Sprint(em["in"]))
				return nil
			case !slices.Contains([]string{"offset", "page", "cursor", "limit"}, in.typ):
				bad(diag.JoinPointer(iptr, "type"), "pagination input %q: type must be offset, page, cursor or limit, not %q", in.name, fmt.Sprint(em["type"]))
				return nil
			}
			r.inputs = append(r.inputs, in)
		}
	}
	if v, ok := m["outputs"]; ok {
		om, ok := v.(map[string]any)
		if !ok {
			bad(diag.JoinPointer(ptr, "outputs"), "pagination outputs must be an object")
			return nil
		}
		for _, k := range sortedKeys(om) {
			optr := diag.JoinPointer(ptr, "outputs", k)
			if !slices.Contains(pageOutputs, k) {
				bad(optr, "unknown pagination output %q (known: %s)", k, strings.Join(pageOutputs, ", "))
				return nil
			}
			s, ok := om[k].(string)
			if !ok {
				bad(optr, "pagination output %s must be a JSONPath string such as \"$.data\"", k)
				return nil
			}
			r.outputs = append(r.outputs, pageRuleOutput{key: k, path: s, ptr: optr})
		}
		slices.SortFunc(r.outputs, func(a, b pageRuleOutput) int {
			return slices.Index(pageOutputs, a.key) - slices.Index(pageOutputs, b.key)
		})
	}
	return r
}

func (r *pageRule) output(key string) *pageRuleOutput {
	for i := range r.outputs {
		if r.outputs[i].key == key {
			return &r.outputs[i]
		}
	}
	return nil
}

func (r *pageRule) input(typ string) *pageRuleInput {
	for i := range r.inputs {
		if r.inputs[i].typ == typ {
			return &r.inputs[i]
		}
	}
	return nil
}

// pageProblem is why a rule does not fit an operation.
type pageProblem struct {
	ptr, msg string
}

// resolvePageRule resolves a rule against an operation's inputs and its
// response type; a problem says why it does not fit.
func resolvePageRule(r *pageRule, o *ir.Operation) (*ir.Pagination, *pageProblem) {
	fail := func(ptr, format string, args ...any) (*ir.Pagination, *pageProblem) {
		return nil, &pageProblem{ptr: ptr, msg: fmt.Sprintf(format, args...)}
	}
	if o.Result.Kind != ir.ResultSingle || o.Result.Encoding != ir.EncodingJSON {
		return fail(r.ptr, "%s %s cannot page: it needs one JSON success response type", o.Method, o.Path)
	}
	p := &ir.Pagination{Pos: r.pos, Pointer: r.ptr}
	var want []string // the input types the kind takes
	switch r.kind {
	case "offsetLimit":
		switch {
		case r.input("offset") != nil && r.input("page") != nil:
			return fail(r.ptr, "an offsetLimit rule takes an offset or a page input, not both")
		case r.input("offset") != nil:
			p.Kind, want = ir.PageOffset, []string{"offset", "limit"}
		case r.input("page") != nil:
			p.Kind, want = ir.PageNumber, []string{"page", "limit"}
		default:
			return fail(r.ptr, "an offsetLimit rule needs an input of type offset or page")
		}
	case "cursor":
		p.Kind, want = ir.PageCursor, []string{"cursor", "limit"}
		if r.input("cursor") == nil {
			return fail(r.ptr, "a cursor rule needs an input of type cursor")
		}
	case "url":
		p.Kind, want = ir.PageNextURL, []string{"limit"}
	case "link":
		p.Kind, want = ir.PageLink, []string{"page", "limit"}
	}
	for _, in := range r.inputs {
		if !slices.Contains(want, in.typ) {
			return fail(in.ptr, "a %s rule takes no input of type %s", r.kind, in.typ)
		}
		pi, prob := resolvePageInput(in, o)
		if prob != nil {
			return nil, prob
		}
		if in.typ == "limit" {
			p.Limit = pi
		} else if in.typ != "page" || p.Kind != ir.PageLink {
			p.Input = pi
		}
	}

	root := o.Result.Type
	allowed := map[ir.PageKind][]string{
		ir.PageOffset:  {"results", "total", "hasMore"},
		ir.PageNumber:  {"results", "numPages", "total", "hasMore"},
		ir.PageCursor:  {"results", "nextCursor", "hasMore"},
		ir.PageNextURL: {"results", "nextUrl"},
		ir.PageLink:    {"results"},
	}[p.Kind]
	res := r.output("results")
	if res == nil {
		return fail(diag.JoinPointer(r.ptr, "outputs"), "a pagination rule needs outputs.results, the path to the items")
	}
	for _, out := range r.outputs {
		if !slices.Contains(allowed, out.key) {
			return fail(out.ptr, "a %s rule takes no output %s", r.kind, out.key)
		}
		path, last, err := parseJSONPath(out.path)
		if err != nil {
			return fail(out.ptr, "%s: %v", out.key, err)
		}
		if last != nil && out.key != "nextCursor" {
			return fail(out.ptr, "%s: only nextCursor may name a field of the last item", out.key)
		}
		pp, t, prob := walkPagePath(root, path, out)
		if prob != nil {
			return nil, prob
		}
		if last != nil {
			// "$.data[(@.length-1)].id": the array must be the results.
			if rp, _, _ := parseJSONPath(res.path); !slices.Equal(rp, path) {
				return fail(out.ptr, "nextCursor %q names the last item of another array than the results %s", out.path, res.path)
			}
			s, ok := unwrapped(t).(*ir.Slice)
			if !ok {
				return fail(out.ptr, "nextCursor %q: %s is not an array", out.path, pp.String())
			}
			lp, lt, prob := walkPagePath(s.Elem, last, out)
			if prob != nil {
				return nil, prob
			}
			if !cursorType(lt) {
				return fail(out.ptr, "nextCursor %q leads to a %s, not a string or integer", out.path, jsonKind(lt))
			}
			p.LastItem = lp
			continue
		}
		want := map[string]func(ir.Type) bool{
			"results":    func(t ir.Type) bool { _, ok := unwrapped(t).(*ir.Slice); return ok },
			"numPages":   countType,
			"total":      countType,
			"hasMore":    func(t ir.Type) bool { return primKind(t) == ir.Bool },
			"nextCursor": cursorType,
			"nextUrl":    func(t ir.Type) bool { return primKind(t) == ir.String },
		}[out.key]
		if !want(t) {
			return fail(out.ptr, "%s %q leads to a %s, not %s", out.key, out.path, jsonKind(t), map[string]string{
				"results": "an array", "numPages": "an integer", "total": "an integer", "hasMore": "a boolean",
				"nextCursor": "a string or integer", "nextUrl": "a string",
			}[out.key])
		}
		switch out.key {
		case "results":
			p.Results = *pp
			p.Item = unwrapped(t).(*ir.Slice).Elem
		case "numPages":
			p.NumPages = pp
		case "total":
			p.Total = pp
		case "hasMore":
			p.HasMore = pp
		case "nextCursor":
			p.NextCursor = pp
		case "nextUrl":
			p.NextURL = pp
		}
	}
	switch {
	case p.Kind == ir.PageCursor && p.NextCursor == nil && p.LastItem == nil:
		return fail(diag.JoinPointer(r.ptr, "outputs"), "a cursor rule needs outputs.nextCursor")
	case p.Kind == ir.PageNextURL && p.NextURL == nil:
		return fail(diag.JoinPointer(r.ptr, "outputs"), "a url rule needs outputs.nextUrl")
	}
	if p.Kind == ir.PageCursor {
		// The cursor read goes back as the input: the two must agree.
		var next ir.Type
		if p.NextCursor != nil {
			next = p.NextCursor.Type(root)
		} else {
			next = p.LastItem.Type(p.Item)
		}
		if in := p.Input; primKind(next) != primKind(inputType(in)) {
			return fail(r.input("cursor").ptr, "cursor input %q is a %s, but the next cursor is a %s", in.Name, jsonKind(inputType(in)), jsonKind(next))
		}
	}
	return p, nil
}

// resolvePageInput finds the parameter or body property an input names.
func resolvePageInput(in pageRuleInput, o *ir.Operation) (*ir.PageInput, *pageProblem) {
	pi := &ir.PageInput{Name: in.name}
	var t ir.Type
	if in.in == "parameters" {
		i := slices.IndexFunc(o.Params, func(p *ir.Param) bool { return p.Name == in.name && p.In != ir.InCookie })
		if i < 0 {
			return nil, &pageProblem{in.ptr, fmt.Sprintf("pagination input %q names no query or header parameter of %s %s", in.name, o.Method, o.Path)}
		}
		pi.Param, t = o.Params[i], o.Params[i].Type
	} else {
		var s *ir.Struct
		if o.Body != nil && o.Body.Encoding == ir.EncodingJSON {
			s = structOf(o.Body.Type)
		}
		if s == nil {
			return nil, &pageProblem{in.ptr, fmt.Sprintf("pagination input %q is in the request body, but %s %s has no JSON object body", in.name, o.Method, o.Path)}
		}
		// A dotted name ("page.cursor") leads through objects of the body;
		// only a cursor, which the caller never sets on pages after the
		// first, or a page size, which the iterator never sets, may be nested.
		names := []string{in.name}
		if in.typ == "cursor" || in.typ == "limit" {
			names = strings.Split(in.name, ".")
		}
		for n, name := range names {
			i := slices.IndexFunc(s.Fields, func(f *ir.Field) bool { return f.JSONName == name })
			if i < 0 {
				return nil, &pageProblem{in.ptr, fmt.Sprintf("pagination input %q names no property of the request body of %s %s", in.name, o.Method, o.Path)}
			}
			if n == len(names)-1 {
				pi.Field, t = s.Fields[i], s.Fields[i].Type
				break
			}
			pi.Via = append(pi.Via, s.Fields[i])
			if s = structOf(s.Fields[i].Type); s == nil {
				return nil, &pageProblem{in.ptr, fmt.Sprintf("pagination input %q: request body property %q is not an object", in.name, name)}
			}
		}
	}
	ok := countType(t)
	if in.typ == "cursor" {
		ok = cursorType(t)
	}
	if !ok {
		return nil, &pageProblem{in.ptr, fmt.Sprintf("pagination input %q is a %s, which cannot be a %s", in.name, jsonKind(t), in.typ)}
	}
	return pi, nil
}

// structOf is the struct a type refers to, nullable or not; nil for
// another type.
func structOf(t ir.Type) *ir.Struct {
	if r, ok := unwrapped(t).(*ir.Ref); ok {
		s, _ := r.Decl.Kind.(*ir.Struct)
		return s
	}
	return nil
}

func inputType(in *ir.PageInput) ir.Type {
	if in.Param != nil {
		return in.Param.Type
	}
	return in.Field.Type
}

// parseJSONPath reads the JSONPath subset pagination rules use: "$", a
// dotted path "$.a.b" (or "$['a']"), and one "[(@.length-1)]" (or "[-1]")
// step, after which the names are those of the last item's fields.
func parseJSONPath(s string) (path, last []string, err error) {
	if !strings.HasPrefix(s, "$") {
		return nil, nil, fmt.Errorf("JSONPath %q must start with $", s)
	}
	rest := s[1:]
	cur := &path
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "[(@.length-1)]") || strings.HasPrefix(rest, "[-1]") || strings.HasPrefix(rest, "[-1:]"):
			if cur == &last {
				return nil, nil, fmt.Errorf("JSONPath %q names the last item twice", s)
			}
			rest = rest[strings.IndexByte(rest, ']')+1:]
			cur = &last
			last = []string{}
		case strings.HasPrefix(rest, "['"):
			end := strings.Index(rest, "']")
			if end < 0 {
				return nil, nil, fmt.Errorf("JSONPath %q has an unclosed ['", s)
			}
			*cur = append(*cur, rest[2:end])
			rest = rest[end+2:]
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			if end == 0 {
				return nil, nil, fmt.Errorf("JSONPath %q has an empty name", s)
			}
			*cur = append(*cur, rest[:end])
			rest = rest[end:]
		default:
			return nil, nil, fmt.Errorf("JSONPath %q is not supported: use $.a.b, or $.a[(@.length-1)].b for a field of the last item", s)
		}
	}
	if cur == &last && len(last) == 0 {
		return nil, nil, fmt.Errorf("JSONPath %q names the last item but none of its fields", s)
	}
	return path, last, nil
}

// walkPagePath resolves names against the struct types from root on.
func walkPagePath(root ir.Type, names []string, out pageRuleOutput) (*ir.PagePath, ir.Type, *pageProblem) {
	pp := &ir.PagePath{}
	t := root
	for _, name := range names {
		var s *ir.Struct
		if r, ok := unwrapped(t).(*ir.Ref); ok {
			s, _ = r.Decl.Kind.(*ir.Struct)
		}
		if s == nil {
			return nil, nil, &pageProblem{out.ptr, fmt.Sprintf("%s %q: %s is a %s, which has no property %q", out.key, out.path, pp.String(), jsonKind(t), name)}
		}
		i := slices.IndexFunc(s.Fields, func(f *ir.Field) bool { return f.JSONName == name })
		if i < 0 {
			return nil, nil, &pageProblem{out.ptr, fmt.Sprintf("%s %q: %s has no property %q (it has %s)", out.key, out.path, pp.String(), name, propertyList(s))}
		}
		pp.Fields = append(pp.Fields, s.Fields[i])
		t = s.Fields[i].Type
	}
	return pp, t, nil
}

func propertyList(s *ir.Struct) string {
	names := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		names[i] = f.JSONName
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func unwrapped(t ir.Type) ir.Type {
	t, _ = ir.Unwrap(t)
	return t
}

// primKind is t's built-in kind, through a Nullable; -1 for other types.
func primKind(t ir.Type) ir.PrimKind {
	if p, ok := unwrapped(t).(*ir.Prim); ok {
		return p.Kind
	}
	return -1
}

func integerType(t ir.Type) bool {
	k := primKind(t)
	return k == ir.Int32 || k == ir.Int64
}

// countType reports whether t can hold an offset, page number, size or
// count: an integer, or a number (some specs type counts so).
func countType(t ir.Type) bool {
	k := primKind(t)
	return integerType(t) || k == ir.Float32 || k == ir.Float64
}

func cursorType(t ir.Type) bool {
	return primKind(t) == ir.String || integerType(t)
}

// jsonKind names a type's JSON kind for messages.
func jsonKind(t ir.Type) string {
	switch t := unwrapped(t).(type) {
	case *ir.Slice:
		return "array"
	case *ir.Map:
		return "map"
	case *ir.Ref:
		switch t.Decl.Kind.(type) {
		case *ir.Struct:
			return "object"
		case *ir.Enum:
			return "enum"
		}
		return "union"
	case *ir.Prim:
		return [...]string{"string", "integer", "integer", "number", "number", "boolean", "string", "date-time", "binary", "any"}[t.Kind]
	}
	return "value"
}

// pageCandidate is a rule that may say how an operation pages.
type pageCandidate struct {
	source pageSource
	raw    any       // the rule as written
	rule   *pageRule // read already, for another generator's extension
	pos    diag.Pos
	ptr    string
}

// pagination decides how an operation pages, from the first source that
// has a rule for it: its x-speakeasy-pagination, the document's, the
// configuration's rule for it, the configuration's default, inference.
func (l *lowerer) pagination(info *opInfo, op *openapi3.Operation, ptr string) {
	o := info.op
	var cands []pageCandidate
	if raw, ok := op.Extensions[pageExt]; ok {
		cands = append(cands, pageCandidate{fromExtension, raw, nil, l.fieldPos(op.Origin, pageExt), diag.JoinPointer(ptr, pageExt)})
	} else {
		// Other generators' extensions, read as Speakeasy's rules; the
		// first the operation has.
		readers := []struct {
			source pageSource
			read   func(raw any, pos diag.Pos, ptr string) *pageRule
		}{
			{fromMsPageable, l.msPageRule},
			{fromDatadog, l.datadogPageRule},
			{fromFern, func(raw any, pos diag.Pos, ptr string) *pageRule { return l.fernPageRule(raw, o, pos, ptr) }},
		}
		for _, rd := range readers {
			ext := sourceName[rd.source]
			if raw, ok := op.Extensions[ext]; ok {
				pos, ptr := l.fieldPos(op.Origin, ext), diag.JoinPointer(ptr, ext)
				if r := rd.read(raw, pos, ptr); r != nil {
					cands = append(cands, pageCandidate{rd.source, raw, r, pos, ptr})
				}
				break
			}
		}
	}
	if raw, ok := l.doc.Extensions[pageExt]; ok {
		cands = append(cands, pageCandidate{fromRoot, raw, nil, l.posOf(nil), diag.JoinPointer("#", pageExt)})
	}
	if rule := l.pageRules[o.ID]; rule != nil {
		l.pageRulesUsed[o.ID] = true
		if len(cands) > 0 && cands[0].source.ofOperation() {
			l.warnf(rule.Pos, rule.Pointer, "the rule for %s is not used: the operation has its own %s", o.ID, sourceName[cands[0].source])
		} else {
			cands = append(cands, pageCandidate{fromConfig, rule.Value, nil, rule.Pos, rule.Pointer})
		}
	}
	if d := l.opts.Pagination.Default; d != nil {
		cands = append(cands, pageCandidate{fromDefault, d.Value, nil, d.Pos, d.Pointer})
	}
	for _, c := range cands {
		bad := func(p, format string, args ...any) {
			switch {
			case c.source.ofOperation():
				l.warnf(c.pos, p, format+"; %s %s gets no iterator", append(args, o.Method, o.Path)...)
			case c.source == fromConfig:
				l.errorf(c.pos, p, format, args...)
			}
		}
		r := c.rule
		if r == nil {
			r = l.readRule(c.raw, c.pos, c.ptr, c.source)
		}
		if r == nil {
			if c.source == fromExtension || c.source == fromConfig {
				return // reported
			}
			continue
		}
		p, prob := resolvePageRule(r, o)
		if prob != nil {
			if c.source != fromRoot && c.source != fromDefault {
				bad(prob.ptr, "%s", prob.msg)
				return
			}
			continue // a default applies where it fits
		}
		p.Source = sourceName[c.source]
		p.NextGET = c.source == fromMsPageable && o.Method != http.MethodGet
		o.Pagination = p
		return
	}
	// x-ms-pageable without a next link says the operation returns all at once.
	if _, azure := op.Extensions[msPageExt]; !l.opts.Pagination.NoInference && !azure {
		o.Pagination = inferPagination(o, op, ptr, l.posOf(op.Origin))
	}
}

// readRule reads a rule once per source: the document's and the default
// rule are read for every operation, and reported once.
func (l *lowerer) readRule(raw any, pos diag.Pos, ptr string, source pageSource) *pageRule {
	shared := source == fromRoot || source == fromDefault
	if shared {
		if r, ok := l.sharedRules[ptr]; ok {
			return r
		}
	}
	r := readPageRule(raw, pos, ptr, func(p, format string, args ...any) {
		if source == fromConfig || source == fromDefault {
			l.errorf(pos, p, format, args...)
		} else {
			l.warnf(pos, p, format+"; it is ignored", args...)
		}
	})
	if shared {
		l.sharedRules[ptr] = r
	}
	return r
}

// checkPageRules reports the configuration's rules for operations the spec
// does not have.
func (l *lowerer) checkPageRules() {
	skipped := map[string]bool{}
	for _, s := range l.api.Skipped {
		skipped[s.OperationID] = true
	}
	for _, r := range l.opts.Pagination.Operations {
		if !l.pageRulesUsed[r.OperationID] && !skipped[r.OperationID] {
			l.errorf(r.Pos, r.Pointer, "pagination rule for operationId %q: the spec has no such operation", r.OperationID)
		}
	}
}

// cursorParams are the names of query parameters that carry a cursor.
var cursorParams = []string{"starting_after", "cursor", "page_token", "pageToken", "after", "next_page_token", "next_cursor", "next_token", "continuation_token", "marker"}

// The names of the response properties inference reads: the next cursor,
// whether there are more items, their total, and the number of pages.
var (
	nextCursorFields = []string{"next_cursor", "next_page_token", "nextCursor", "nextPageToken", "next_token", "cursor", "next_marker", "nextMarker", "end_cursor", "endCursor"}
	hasMoreFields    = []string{"has_more", "hasMore", "has_next_page", "hasNextPage"}
	totalFields      = []string{"total_count", "total", "totalCount"}
	numPagesFields   = []string{"pages", "total_pages", "totalPages", "page_count", "pageCount", "num_pages", "numPages", "last_page", "lastPage"}
	pageSizeParams   = []string{"per_page", "page_size", "pageSize", "perPage", "size", "limit"}
)

// inferPagination recognises the shapes real APIs page with, where only
// one reading is possible; Source says which rule matched.
func inferPagination(o *ir.Operation, op *openapi3.Operation, ptr string, pos diag.Pos) *ir.Pagination {
	if o.Method != http.MethodGet || o.Result.Kind != ir.ResultSingle || o.Result.Encoding != ir.EncodingJSON {
		return nil
	}
	query := func(names ...string) []*ir.Param {
		var out []*ir.Param
		for _, p := range o.Params {
			if p.In == ir.InQuery && slices.Contains(names, p.Name) {
				out = append(out, p)
			}
		}
		return out
	}
	one := func(names ...string) *ir.Param {
		if ps := query(names...); len(ps) == 1 {
			return ps[0]
		}
		return nil
	}
	input := func(p *ir.Param) *ir.PageInput { return &ir.PageInput{Name: p.Name, Param: p} }

	// The items: the response itself, or its one array property.
	root := o.Result.Type
	p := &ir.Pagination{Pos: pos, Pointer: ptr}
	var fields []*ir.Field
	where := "the array response"
	switch t := unwrapped(root).(type) {
	case *ir.Slice:
		p.Item = t.Elem
	case *ir.Ref:
		s, ok := t.Decl.Kind.(*ir.Struct)
		if !ok {
			return nil
		}
		fields = s.Fields
		var arrays []*ir.Field
		for _, f := range s.Fields {
			if _, ok := unwrapped(f.Type).(*ir.Slice); ok {
				arrays = append(arrays, f)
			}
		}
		if len(arrays) != 1 {
			return nil
		}
		p.Results = ir.PagePath{Fields: arrays[0:1]}
		p.Item = unwrapped(arrays[0].Type).(*ir.Slice).Elem
		where = "$." + arrays[0].JSONName
	default:
		return nil
	}
	// find is the one property of the response with one of the names and
	// a type test accepts, in the response itself or else in one of its
	// pageContainers; nil when there is none or more than one.
	find := func(test func(ir.Type) bool, names ...string) *ir.PagePath {
		return findPagePath(fields, func(f *ir.Field) bool { return slices.Contains(names, f.JSONName) && test(f.Type) })
	}
	isBool := func(t ir.Type) bool { return primKind(t) == ir.Bool }

	limit, offset := one("limit"), one("offset")
	if limit != nil && offset != nil && countType(limit.Type) && countType(offset.Type) {
		p.Kind, p.Input, p.Limit = ir.PageOffset, input(offset), input(limit)
		p.Total = find(countType, totalFields...)
		p.Source = "inferred: limit/offset over " + where
		if p.Total != nil {
			p.Source += ", up to " + p.Total.String()
		}
		return p
	}

	if cursor := one(cursorParams...); cursor != nil && cursorType(cursor.Type) {
		p.Kind, p.Input = ir.PageCursor, input(cursor)
		if lim := one("limit", "page_size", "pageSize", "per_page"); lim != nil && integerType(lim.Type) {
			p.Limit = input(lim)
		}
		p.HasMore = find(isBool, hasMoreFields...)
		same := func(t ir.Type) bool { return primKind(t) == primKind(cursor.Type) }
		if next := find(same, nextCursorFields...); next != nil {
			p.NextCursor = next
			p.Source = fmt.Sprintf("inferred: cursor %s from %s over %s", cursor.Name, next.String(), where)
			return p
		}
		// Stripe: starting_after is the id of the last item received.
		if p.HasMore != nil && cursor.Name == "starting_after" {
			var item *ir.Struct
			if r, ok := unwrapped(p.Item).(*ir.Ref); ok {
				item, _ = r.Decl.Kind.(*ir.Struct)
			}
			if item != nil {
				i := slices.IndexFunc(item.Fields, func(f *ir.Field) bool { return f.JSONName == "id" && same(f.Type) })
				if i >= 0 {
					p.LastItem = &ir.PagePath{Fields: item.Fields[i : i+1]}
					p.Source = fmt.Sprintf("inferred: cursor %s from the last item's id over %s, while %s", cursor.Name, where, p.HasMore.String())
					return p
				}
			}
		}
		p.Kind, p.Input, p.Limit, p.HasMore = 0, nil, nil, nil
	}

	page, perPage := one("page"), one("per_page")
	if page != nil && perPage != nil && integerType(page.Type) && integerType(perPage.Type) && declaresLink(op) {
		p.Kind, p.Limit = ir.PageLink, input(perPage)
		p.Source = "inferred: page/per_page following the Link header over " + where
		return p
	}
	// A list whose responses declare a Link header pages by it, whatever
	// its parameters are called.
	if declaresLink(op) {
		p.Kind = ir.PageLink
		if size := one(pageSizeParams...); size != nil && integerType(size.Type) {
			p.Limit = input(size)
		}
		p.Source = "inferred: following the Link header over " + where
		return p
	}

	// Page numbers, where the response says how many pages there are or
	// whether there are more: without either, a server that answers a page
	// past the end with the last one again would never end the loop.
	if page != nil && integerType(page.Type) {
		p.Kind, p.Input = ir.PageNumber, input(page)
		if size := one(pageSizeParams...); size != nil && integerType(size.Type) {
			p.Limit = input(size)
		}
		p.NumPages, p.HasMore = find(countType, numPagesFields...), find(isBool, hasMoreFields...)
		switch {
		case p.NumPages != nil:
			p.Source = fmt.Sprintf("inferred: page numbers up to %s over %s", p.NumPages.String(), where)
			return p
		case p.HasMore != nil:
			p.Source = fmt.Sprintf("inferred: page numbers while %s over %s", p.HasMore.String(), where)
			return p
		}
		p.Kind, p.Input, p.Limit, p.NumPages, p.HasMore = 0, nil, nil, nil, nil
	}

	if next := nextURLPath(fields); next != nil {
		p.Kind, p.NextURL = ir.PageNextURL, next
		p.Source = fmt.Sprintf("inferred: the next page's URL %s over %s", next.String(), where)
		return p
	}
	return nil
}

// nextURLNames are the names of response properties that hold the next
// page's URL whatever their format; nextURLFormats are the formats that make
// a property named next or next_page one (Django REST framework, Zendesk).
var (
	nextURLNames   = []string{"next_url", "nextUrl", "next_page_url", "nextPageUrl", "next_link", "nextLink", "@odata.nextLink", "odata.nextLink"}
	nextURLFormats = []string{"uri", "url", "uri-reference", "iri", "iri-reference"}
)

// nextURLPath finds the one property of a response that holds the next
// page's URL (see findPagePath).
func nextURLPath(fields []*ir.Field) *ir.PagePath {
	return findPagePath(fields, func(f *ir.Field) bool {
		if primKind(f.Type) != ir.String {
			return false
		}
		return slices.Contains(nextURLNames, f.JSONName) ||
			(f.JSONName == "next" || f.JSONName == "next_page") && slices.Contains(nextURLFormats, f.Format)
	})
}

// pageContainers are the names of the object properties in which APIs put
// what leads to the next page: Slack's response_metadata.next_cursor,
// Twilio's meta.next_page_url, Facebook's paging.next.
var pageContainers = []string{"meta", "pagination", "paging", "page_info", "pageInfo", "links", "response_metadata", "metadata"}

// findPagePath finds the one field of a response that match accepts: among
// its fields, or else among those of its object properties named in
// pageContainers. Two candidates at the same depth are ambiguous, and give nil.
func findPagePath(fields []*ir.Field, match func(*ir.Field) bool) *ir.PagePath {
	var top, nested []*ir.PagePath
	for _, f := range fields {
		if match(f) {
			top = append(top, &ir.PagePath{Fields: []*ir.Field{f}})
		}
		r, ok := unwrapped(f.Type).(*ir.Ref)
		if !ok || !slices.Contains(pageContainers, f.JSONName) {
			continue
		}
		if s, ok := r.Decl.Kind.(*ir.Struct); ok {
			for _, g := range s.Fields {
				if match(g) {
					nested = append(nested, &ir.PagePath{Fields: []*ir.Field{f, g}})
				}
			}
		}
	}
	switch {
	case len(top) == 1:
		return top[0]
	case len(top) == 0 && len(nested) == 1:
		return nested[0]
	}
	return nil
}

// declaresLink reports whether a success response declares a Link header.
func declaresLink(op *openapi3.Operation) bool {
	if op.Responses == nil {
		return false
	}
	for code, r := range op.Responses.Map() {
		if r == nil || r.Value == nil || !strings.HasPrefix(code, "2") {
			continue
		}
		for name := range r.Value.Headers {
			if strings.EqualFold(name, "Link") {
				return true
			}
		}
	}
	return false
}
