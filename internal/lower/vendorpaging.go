package lower

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Other generators' pagination extensions, read as the rules Speakeasy's
// x-speakeasy-pagination writes, so that a spec written for them pages too.
const (
	datadogPageExt = "x-pagination"      // Datadog's generator
	fernPageExt    = "x-fern-pagination" // Fern's
)

// datadogPageRule reads Datadog's x-pagination: limitParam, and cursorParam
// with cursorPath, or pageOffsetParam, or pageParam; resultsPath. Names are
// query parameters, or request body properties after "body." (a cursor or
// page size may be nested: "body.page.cursor"); paths are dotted.
func (l *lowerer) datadogPageRule(raw any, pos diag.Pos, ptr string) *pageRule {
	m, ok := raw.(map[string]any)
	if !ok {
		l.warnf(pos, ptr, "%s must be an object with resultsPath and the parameters it pages by; it is ignored", datadogPageExt)
		return nil
	}
	str := func(key string) string { s, _ := m[key].(string); return s }
	r := &pageRule{kind: "offsetLimit", pos: pos, ptr: ptr}
	input := func(key, typ string) {
		if name := str(key); name != "" {
			in := pageRuleInput{name: name, in: "parameters", typ: typ, ptr: diag.JoinPointer(ptr, key)}
			if rest, ok := strings.CutPrefix(name, "body."); ok {
				in.name, in.in = rest, "requestBody"
			}
			r.inputs = append(r.inputs, in)
		}
	}
	switch {
	case str("cursorParam") != "":
		r.kind = "cursor"
		input("cursorParam", "cursor")
		r.outputs = append(r.outputs, pageRuleOutput{key: "nextCursor", path: dottedPath(str("cursorPath")), ptr: diag.JoinPointer(ptr, "cursorPath")})
	case str("pageOffsetParam") != "":
		input("pageOffsetParam", "offset")
	case str("pageParam") != "":
		input("pageParam", "page")
	default:
		l.warnf(pos, ptr, "%s names no cursorParam, pageOffsetParam or pageParam; it is ignored", datadogPageExt)
		return nil
	}
	input("limitParam", "limit")
	r.outputs = append([]pageRuleOutput{{key: "results", path: dottedPath(str("resultsPath")), ptr: diag.JoinPointer(ptr, "resultsPath")}}, r.outputs...)
	return r
}

// fernPageRule reads Fern's x-fern-pagination: cursor, next_cursor and
// results, or offset, results, and step (the page size: without it the
// offset counts pages) and has-next-page. Values are "$request.name" (a
// parameter or a request body property) and "$response.a.b". A value of
// true takes the document's rule.
func (l *lowerer) fernPageRule(raw any, o *ir.Operation, pos diag.Pos, ptr string) *pageRule {
	if raw == true {
		raw, ptr = l.doc.Extensions[fernPageExt], diag.JoinPointer("#", fernPageExt)
	}
	m, ok := raw.(map[string]any)
	if !ok {
		l.warnf(pos, ptr, "%s must be an object with results and cursor or offset; it is ignored", fernPageExt)
		return nil
	}
	r := &pageRule{kind: "offsetLimit", pos: pos, ptr: ptr}
	var bad bool
	request := func(key, typ string) {
		s, _ := m[key].(string)
		name, ok := strings.CutPrefix(s, "$request.")
		if s == "" || bad {
			return
		}
		kptr := diag.JoinPointer(ptr, key)
		if !ok {
			l.warnf(pos, kptr, "%s %s %q is not a request parameter or body property; the rule is ignored", fernPageExt, key, s)
			bad = true
			return
		}
		in := pageRuleInput{name: name, in: "requestBody", typ: typ, ptr: kptr}
		if slices.ContainsFunc(o.Params, func(p *ir.Param) bool { return p.Name == name }) {
			in.in = "parameters"
		}
		r.inputs = append(r.inputs, in)
	}
	response := func(key, output string) {
		s, _ := m[key].(string)
		path, ok := strings.CutPrefix(s, "$response")
		if s == "" || bad {
			return
		}
		if !ok {
			l.warnf(pos, diag.JoinPointer(ptr, key), "%s %s %q does not start with $response; the rule is ignored", fernPageExt, key, s)
			bad = true
			return
		}
		r.outputs = append(r.outputs, pageRuleOutput{key: output, path: "$" + path, ptr: diag.JoinPointer(ptr, key)})
	}
	switch {
	case m["cursor"] != nil:
		r.kind = "cursor"
		request("cursor", "cursor")
		response("next_cursor", "nextCursor")
	case m["offset"] != nil && m["step"] != nil:
		request("offset", "offset")
		request("step", "limit")
	case m["offset"] != nil:
		request("offset", "page")
	default:
		l.warnf(pos, ptr, "%s has no cursor or offset; it is ignored", fernPageExt)
		return nil
	}
	response("results", "results")
	response("has-next-page", "hasMore")
	if bad {
		return nil
	}
	slices.SortFunc(r.outputs, func(a, b pageRuleOutput) int {
		return slices.Index(pageOutputs, a.key) - slices.Index(pageOutputs, b.key)
	})
	return r
}

// dottedPath is the JSONPath of a dotted property path: "meta.page.after"
// is "$['meta']['page']['after']".
func dottedPath(s string) string {
	if s == "" {
		return "$"
	}
	var b strings.Builder
	b.WriteString("$")
	for name := range strings.SplitSeq(s, ".") {
		fmt.Fprintf(&b, "['%s']", name)
	}
	return b.String()
}
