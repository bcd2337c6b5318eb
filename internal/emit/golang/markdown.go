package golang

import (
	"regexp"
	"strings"
)

// mdLink is an inline Markdown link, [text](url "title").
var mdLink = regexp.MustCompile(`\[([^\[\]]+)\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"]*")?\s*\)`)

// mdEmphasis is **bold** or __bold__, which Go doc comments have no
// syntax for.
var mdEmphasis = regexp.MustCompile(`\*\*([^*\n]+)\*\*|__([^_\n]+)__`)

// markdownDoc converts Markdown spec text to doc comment paragraphs in Go's
// syntax (go/doc/comment), so go doc and pkg.go.dev show headings, links and
// lists rather than Markdown's marks: "### Versions" becomes the heading
// "# Versions", "[text](url)" becomes "[text]" with a link definition at the
// end, list items become indented "  - " items and fenced code becomes
// preformatted lines. Plain text comes back as one paragraph.
func markdownDoc(text string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	var defs []string
	seen := map[string]bool{}
	inline := func(line string) string {
		line = mdLink.ReplaceAllStringFunc(line, func(m string) string {
			sub := mdLink.FindStringSubmatch(m)
			label := strings.TrimSpace(sub[1])
			if !strings.HasPrefix(sub[2], "http://") && !strings.HasPrefix(sub[2], "https://") {
				return label // only absolute URLs make doc links
			}
			if !seen[label] {
				seen[label] = true
				defs = append(defs, "["+label+"]: "+sub[2])
			}
			return "[" + label + "]"
		})
		return mdEmphasis.ReplaceAllString(line, "$1$2")
	}
	fence := false
	for _, line := range strings.Split(lineBreaks.Replace(text), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			flush()
			fence = !fence
			continue
		}
		if fence {
			paras = append(paras, "\t"+line)
			continue
		}
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#"):
			title := strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			if title == "" || !strings.HasPrefix(strings.TrimLeft(trimmed, "#"), " ") {
				cur = append(cur, inline(line))
				continue
			}
			flush()
			paras = append(paras, "# "+inline(title))
		case startsList(trimmed):
			if len(cur) > 0 && !startsList(strings.TrimSpace(cur[len(cur)-1])) {
				flush()
			}
			marker, rest, _ := strings.Cut(trimmed, " ")
			if marker == "*" || marker == "+" || marker == "•" {
				marker = "-"
			}
			cur = append(cur, "  "+marker+" "+inline(strings.TrimSpace(rest)))
		default:
			if len(cur) > 0 && startsList(strings.TrimSpace(cur[len(cur)-1])) {
				flush()
			}
			cur = append(cur, inline(line))
		}
	}
	flush()
	if len(defs) > 0 {
		paras = append(paras, strings.Join(defs, "\n"))
	}
	return paras
}
