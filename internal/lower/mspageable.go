package lower

import (
	"strings"

	"github.com/sdkgen/sdkgen/internal/diag"
)

const msPageExt = "x-ms-pageable"

// msPageRule reads Azure's x-ms-pageable as a url rule: the items are the
// response's itemName property ("value" unless named), and the next page's
// URL is its nextLinkName property. Without a nextLinkName the operation
// returns all its items at once and gets no iterator (nil, no warning).
// Azure follows a next link with GET and no body whatever the operation's
// method, and so does the iterator (ir.Pagination.NextGET).
func (l *lowerer) msPageRule(raw any, pos diag.Pos, ptr string) *pageRule {
	m, ok := raw.(map[string]any)
	if !ok {
		l.warnf(pos, ptr, "%s must be an object with nextLinkName and itemName; it is ignored", msPageExt)
		return nil
	}
	next, _ := m["nextLinkName"].(string)
	if next == "" {
		return nil
	}
	item, itemPtr := "value", ptr
	if s, ok := m["itemName"].(string); ok && s != "" {
		item, itemPtr = s, diag.JoinPointer(ptr, "itemName")
	}
	for _, name := range []string{item, next} {
		if strings.Contains(name, "'") {
			l.warnf(pos, ptr, "%s names property %q, which a pagination path cannot hold; it is ignored", msPageExt, name)
			return nil
		}
	}
	return &pageRule{kind: "url", pos: pos, ptr: ptr, outputs: []pageRuleOutput{
		{key: "results", path: "$['" + item + "']", ptr: itemPtr},
		{key: "nextUrl", path: "$['" + next + "']", ptr: diag.JoinPointer(ptr, "nextLinkName")},
	}}
}
