package docs

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Spec text is Markdown (CommonMark) by the OpenAPI specification, so it is
// kept as Markdown, but it must never change the structure of the page around
// it: it cannot open a code block or HTML block that swallows the rest of the
// page, add headings that shift our anchors, or split a table cell.

// lineBreaks turns every line break spec text may hold into "\n". Built
// once: building a replacer costs far more than one use of it.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

// cleanText normalises line breaks and drops characters that have no place
// in a text file (NUL, other control characters, byte order marks).
func cleanText(s string) string {
	if plainText(s) {
		return s // most text: names, types, short descriptions
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = lineBreaks.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r == '\uFEFF' || r == 0:
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// plainText reports whether s is printable ASCII and line feeds, which
// cleanText leaves as they are.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\n') || c > '~' {
			return false
		}
	}
	return true
}

// htmlStartRE matches the openings of the HTML blocks that do not end at a
// blank line (comments, processing instructions, declarations, CDATA, and
// script, pre, style and textarea elements): unclosed, they would run to the
// end of the page.
var htmlStartRE = regexp.MustCompile(`(?i)<(!|\?|script|pre|style|textarea)`)

// escapeHTMLStarts neutralises htmlStartRE's matches; they show as text.
func escapeHTMLStarts(s string) string {
	return htmlStartRE.ReplaceAllString(s, "&lt;$1")
}

// inline makes spec text safe on one line: a title, a list item, a heading.
func inline(s string) string {
	s = cleanText(s)
	s = strings.Join(strings.Fields(s), " ")
	return escapeHTMLStarts(s)
}

// cell makes spec text safe inside a table cell: line breaks become <br/>,
// and every pipe is escaped so that it cannot end the cell.
func cell(s string) string {
	s = cleanText(s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	s = strings.Trim(strings.Join(lines, "\n"), "\n")
	s = strings.ReplaceAll(s, "\n", "<br/>")
	return escapePipes(escapeHTMLStarts(s))
}

// escapePipes puts a backslash before every pipe. A table row splits at a
// pipe preceded by an even number of backslashes, so a pipe that already has
// an odd number gets two more.
func escapePipes(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	var b strings.Builder
	backslashes := 0
	for _, r := range s {
		if r == '|' {
			if backslashes%2 == 0 {
				b.WriteString(`\`)
			} else {
				b.WriteString(`\\`)
			}
		}
		if r == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// code is s as an inline code span, safe in a table cell.
func code(s string) string {
	s = strings.Join(strings.Fields(cleanText(s)), " ")
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "") {
		s = " " + s + " "
	}
	if s == "" {
		s = " "
	}
	return escapePipes(fence + s + fence)
}

var (
	atxHeadingRE = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextLineRE = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
)

// codeFence splits a code fence line, ^ {0,3}(`{3,}|~{3,})(.*)$, into its
// marker and info string. It runs on every line of every page, where a
// regular expression cost more than the rest of tidying.
func codeFence(line string) (marker, info string, ok bool) {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i == len(line) || (line[i] != '`' && line[i] != '~') {
		return "", "", false
	}
	j := i
	for j < len(line) && line[j] == line[i] {
		j++
	}
	if j-i < 3 {
		return "", "", false
	}
	return line[i:j], line[j:], true
}

// closesFence reports whether line closes a code block opened by fence.
func closesFence(line, fence string) bool {
	m, info, ok := codeFence(line)
	return ok && m[0] == fence[0] && len(m) >= len(fence) && strings.TrimSpace(info) == ""
}

// opensFence returns the marker of a code fence that line opens.
func opensFence(line string) (string, bool) {
	m, info, ok := codeFence(line)
	if !ok || (m[0] == '`' && strings.Contains(info, "`")) {
		return "", false
	}
	return m, true
}

// block makes spec text safe as Markdown paragraphs between our own blocks.
// Headings become bold lines (the page's headings and anchors are ours),
// setext underlines are escaped, HTML blocks that only a closing tag ends are
// escaped, runs of blank lines collapse, and an unclosed code fence is
// closed.
func block(s string) string {
	lines := strings.Split(cleanText(s), "\n")
	var out []string
	var fence string // the open fence's marker, "" outside a fence
	prevText := false
	for _, line := range lines {
		line = strings.TrimRight(line, " ")
		if fence != "" {
			out = append(out, line)
			if closesFence(line, fence) {
				fence = ""
			}
			prevText = false
			continue
		}
		if m, ok := opensFence(line); ok {
			fence = m
			out = append(out, line)
			prevText = false
			continue
		}
		switch {
		case line == "":
			if len(out) == 0 || out[len(out)-1] == "" {
				continue
			}
		case atxHeadingRE.MatchString(line):
			m := atxHeadingRE.FindStringSubmatch(line)
			if m[2] == "" {
				line = ""
			} else {
				line = "**" + escapeHTMLStarts(strings.TrimSpace(m[2])) + "**"
			}
		case prevText && setextLineRE.MatchString(line):
			line = `\` + strings.TrimSpace(line)
		default:
			line = escapeHTMLStarts(line)
		}
		out = append(out, line)
		prevText = line != ""
	}
	if fence != "" {
		out = append(out, fence)
	}
	// Drop blank lines at both ends; leading spaces stay, they can make
	// an indented code block.
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// appendTidy appends page to dst, tidied: runs of blank lines outside code
// fences collapsed, trailing spaces dropped, and exactly one newline at the
// end, so that templates can be written for readability rather than exact
// whitespace. A page is copied once, not split into lines and joined again.
func appendTidy(dst []byte, page string) []byte {
	start := len(dst)
	var fence string
	lines, lastEmpty := 0, false
	add := func(line string) {
		if lines > 0 {
			dst = append(dst, '\n')
		}
		dst = append(dst, line...)
		lines++
		lastEmpty = line == ""
	}
	for rest, more := page, true; more; {
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		if fence != "" {
			add(line)
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		}
		if m, ok := opensFence(line); ok {
			fence = m
		}
		line = strings.TrimRight(line, " ")
		if line == "" && (lines == 0 || lastEmpty) {
			continue
		}
		add(line)
	}
	end := len(dst)
	for end > start && dst[end-1] == '\n' {
		end--
	}
	return append(dst[:end], '\n')
}

// slugger assigns heading anchors the way GitHub does: lower case, only
// letters, digits, spaces, hyphens and underscores kept, spaces turned into
// hyphens, and "-1", "-2", ... appended to repeats.
type slugger struct {
	seen map[string]bool
	// next is, per base slug, the first number to try: anchors are never
	// released, so every smaller one is taken (trying from 1 each time was
	// quadratic in a page's repeated headings).
	next map[string]int
}

func newSlugger() *slugger { return &slugger{seen: map[string]bool{}, next: map[string]int{}} }

func (s *slugger) slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	base := b.String()
	out := base
	for i := max(1, s.next[base]); s.seen[out]; i++ {
		out = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.seen[out] = true
	return out
}
