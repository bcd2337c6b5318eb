package docs_test

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// A small reader of the Markdown the emitter writes: enough to find
// headings, tables, links and code blocks the way a renderer would.

type mdHeading struct {
	level int
	text  string
	line  int
}

type mdPage struct {
	lines    []string
	inFence  []bool // line i is inside a fenced block (fence lines included)
	headings []mdHeading
	slugs    map[string]bool // githubSlugs, once computed
}

var (
	mdFenceRE   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})(.*)$")
	mdHeadingRE = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$`)
	mdLinkRE    = regexp.MustCompile(`\]\(([^()\s]*)\)`)

	mdLinkHeadingRE = regexp.MustCompile(`^\[(.*)\]\([^)]*\)$`)
)

func parseMD(src string) *mdPage {
	p := &mdPage{lines: strings.Split(src, "\n")}
	p.inFence = make([]bool, len(p.lines))
	fence := ""
	for i, line := range p.lines {
		if fence != "" {
			p.inFence[i] = true
			if m := mdFenceRE.FindStringSubmatch(line); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(m[2]) == "" {
				fence = ""
			}
			continue
		}
		if m := mdFenceRE.FindStringSubmatch(line); m != nil && !(m[1][0] == '`' && strings.Contains(m[2], "`")) {
			fence = m[1]
			p.inFence[i] = true
			continue
		}
		if m := mdHeadingRE.FindStringSubmatch(line); m != nil {
			p.headings = append(p.headings, mdHeading{level: len(m[1]), text: m[2], line: i})
		}
	}
	return p
}

// unclosedFence reports whether the page ends inside a fenced block.
func (p *mdPage) unclosedFence() bool {
	fence := ""
	for _, line := range p.lines {
		m := mdFenceRE.FindStringSubmatch(line)
		switch {
		case fence != "":
			if m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(m[2]) == "" {
				fence = ""
			}
		case m != nil && !(m[1][0] == '`' && strings.Contains(m[2], "`")):
			fence = m[1]
		}
	}
	return fence != ""
}

// goBlocks returns the contents of the ```go blocks that hold a Go file.
func (p *mdPage) goBlocks() []string {
	var out []string
	for i := 0; i < len(p.lines); i++ {
		if p.lines[i] != "```go" {
			continue
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(p.lines) && p.lines[j] != "```"; j++ {
			b.WriteString(p.lines[j] + "\n")
		}
		if strings.HasPrefix(b.String(), "package ") {
			out = append(out, b.String())
		}
		i = j
	}
	return out
}

// section returns the line range [from, to) of the heading at index h up
// to the next heading of the same or a higher level.
func (p *mdPage) section(h int) (from, to int) {
	from, to = p.headings[h].line+1, len(p.lines)
	for _, n := range p.headings[h+1:] {
		if n.level <= p.headings[h].level {
			return from, n.line
		}
	}
	return from, to
}

// find returns the index of the first heading with this level and text
// after heading index start, or -1.
func (p *mdPage) find(start, level int, text string) int {
	for i := start + 1; i < len(p.headings); i++ {
		if p.headings[i].level == level && p.headings[i].text == text {
			return i
		}
	}
	return -1
}

type mdTable struct {
	line int
	head []string
	rows [][]string
}

// tables returns the tables between two lines, outside fences.
func (p *mdPage) tables(from, to int) []*mdTable {
	var out []*mdTable
	for i := from; i < to; i++ {
		if p.inFence[i] || !strings.HasPrefix(p.lines[i], "|") || i+1 >= to || !strings.HasPrefix(p.lines[i+1], "| ---") {
			continue
		}
		t := &mdTable{line: i, head: splitRow(p.lines[i])}
		j := i + 2
		for ; j < to && strings.HasPrefix(p.lines[j], "|"); j++ {
			t.rows = append(t.rows, splitRow(p.lines[j]))
		}
		out = append(out, t)
		i = j
	}
	return out
}

// splitRow splits a table row the way GFM does: at pipes that an even
// number of backslashes precede. Escaped pipes come back unescaped.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	var cells []string
	var b strings.Builder
	backslashes := 0
	for _, r := range line {
		if r == '|' && backslashes%2 == 0 {
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
			backslashes = 0
			continue
		}
		if r == '|' {
			s := b.String()
			b.Reset()
			b.WriteString(s[:len(s)-1])
		}
		if r == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteRune(r)
	}
	if rest := strings.TrimSpace(b.String()); rest != "" {
		cells = append(cells, rest)
	}
	return cells
}

// codeOf returns the code span's content of a cell such as `T` or
// [`T`](link), and the link target.
func codeOf(cell string) (code, link string) {
	if strings.HasPrefix(cell, "[") {
		if i := strings.LastIndex(cell, "]("); i > 0 && strings.HasSuffix(cell, ")") {
			link = cell[i+2 : len(cell)-1]
			cell = cell[1:i]
		}
	}
	n := len(cell) - len(strings.TrimLeft(cell, "`"))
	if n == 0 {
		return cell, link
	}
	inner := strings.TrimSuffix(cell[n:], strings.Repeat("`", n))
	if len(inner) >= 2 && inner[0] == ' ' && inner[len(inner)-1] == ' ' {
		inner = inner[1 : len(inner)-1]
	}
	return inner, link
}

// stripCodeSpans removes inline code spans, whose text is never a link.
func stripCodeSpans(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		if line[i] != '`' {
			b.WriteByte(line[i])
			i++
			continue
		}
		n := 0
		for i+n < len(line) && line[i+n] == '`' {
			n++
		}
		// Find the closing run of exactly n backticks.
		j := i + n
		closed := -1
		for j < len(line) {
			if line[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(line) && line[j+m] == '`' {
				m++
			}
			if m == n {
				closed = j + m
				break
			}
			j += m
		}
		if closed < 0 {
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		i = closed
	}
	return b.String()
}

// links returns the link targets outside fences and code spans.
func (p *mdPage) links() []string {
	var out []string
	for i, line := range p.lines {
		if p.inFence[i] {
			continue
		}
		for _, m := range mdLinkRE.FindAllStringSubmatch(stripCodeSpans(line), -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// githubSlugs returns the anchors GitHub gives the page's headings.
func (p *mdPage) githubSlugs() map[string]bool {
	if p.slugs == nil {
		p.slugs = map[string]bool{}
		for _, s := range p.slugList() {
			p.slugs[s] = true
		}
	}
	return p.slugs
}

// slugList returns the anchors of the headings, in order.
func (p *mdPage) slugList() []string {
	var list []string
	seen := map[string]bool{}
	for _, h := range p.headings {
		text := h.text
		// A heading that is a link shows its text.
		if m := mdLinkHeadingRE.FindStringSubmatch(text); m != nil {
			text = m[1]
		}
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case unicode.IsLetter(r), unicode.IsDigit(r), r == '_', r == '-':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		slug := b.String()
		out := slug
		for i := 1; seen[out]; i++ {
			out = slug + "-" + strconv.Itoa(i)
		}
		seen[out] = true
		list = append(list, out)
	}
	return list
}
