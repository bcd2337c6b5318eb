package golang

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// SafeLine makes one line of spec text safe inside a // comment: nothing can
// end the comment early (line breaks of any kind), start a directive, or make
// the file unparsable (NUL, byte order marks, invalid UTF-8), or make the
// code read differently from how it compiles (bidirectional controls).
func SafeLine(s string) string {
	// Most spec text is printable ASCII, which needs nothing: checking the
	// bytes is far cheaper than mapping the runes.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return safeRunes(s)
		}
	}
	return s
}

func safeRunes(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\uFEFF', r == 0, unicode.Is(unicode.Bidi_Control, r):
			return -1
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', r == '\u0085':
			return ' '
		}
		return r
	}, s)
}

// lineBreaks turns every line break spec text may hold into "\n". Built
// once: building a replacer costs far more than one use of it.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

// docLines splits spec text into comment lines: every kind of line break
// splits, trailing space goes, and runs of blank lines collapse to one.
func docLines(text string) []string {
	text = lineBreaks.Replace(text)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(SafeLine(line), " ")
		if line == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, line)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// commentLines renders paragraphs as // lines; empty paragraphs are skipped
// and the others separated by a blank comment line. A paragraph starting
// with a tab is one preformatted line. Every line is "// " plus
// text: jennifer passes text starting with "//" through unchanged, and the
// space keeps spec text from forming a directive.
func commentLines(paragraphs ...string) []string {
	var lines []string
	for _, p := range paragraphs {
		if code, ok := strings.CutPrefix(p, "\t"); ok {
			// A preformatted line: a code block in the doc comment; lines in a
			// row form one block.
			if len(lines) > 0 && !strings.HasPrefix(lines[len(lines)-1], "//\t") {
				lines = append(lines, "//")
			}
			lines = append(lines, "//\t"+SafeLine(code))
			continue
		}
		pl := docLines(p)
		if len(pl) == 0 {
			continue
		}
		if len(pl) == 1 && !isHeading(pl[0]) && !linkDef.MatchString(pl[0]) && !startsList(pl[0]) {
			// gofmt turns a one-line paragraph without final punctuation into
			// a heading; end it like a sentence instead.
			pl[0] = sentence(pl[0])
		}
		if len(lines) > 0 {
			lines = append(lines, "//")
		}
		for i, l := range pl {
			switch {
			case l == "":
				lines = append(lines, "//")
			case i > 0 && startsList(l) && pl[i-1] != "" && !startsList(pl[i-1]) && !strings.HasPrefix(pl[i-1], " "):
				// A list right after a paragraph line: gofmt reads it as a
				// list but prints it without the blank line it then wants
				// on the next run. Writing the blank line keeps gofmt's
				// output stable.
				lines = append(lines, "//", "// "+l)
			default:
				lines = append(lines, "// "+l)
			}
		}
	}
	return lines
}

// startsList reports whether a doc comment line starts a list item: a
// bullet (-, *, +, •) or a number with . or ), then a space.
func startsList(l string) bool {
	l = strings.TrimLeft(l, " ")
	for _, b := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(l, b) {
			return true
		}
	}
	digits := len(l) - len(strings.TrimLeft(l, "0123456789"))
	return digits > 0 && digits+1 < len(l) && (l[digits] == '.' || l[digits] == ')') && l[digits+1] == ' '
}

// comment renders paragraphs as comment statements.
func comment(paragraphs ...string) []jen.Code {
	lines := commentLines(paragraphs...)
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		out[i] = jen.Comment(l)
	}
	return out
}

// addDoc adds a doc comment to a file before the next declaration.
func addDoc(f *jen.File, paragraphs ...string) {
	for _, l := range commentLines(paragraphs...) {
		f.Comment(l)
	}
}

// sentence ends s with a period unless it ends with punctuation.
func sentence(s string) string {
	if s == "" || strings.ContainsRune(".!?:;,)]}`'\"", rune(s[len(s)-1])) {
		return s
	}
	return s + "."
}

// linkDef is a doc comment link definition, which a period would change.
var linkDef = regexp.MustCompile(`^\[[^\[\]]+\]: \S+$`)

// isHeading reports whether a one-line paragraph is a doc comment heading
// ("# Versions"), which takes no final period.
func isHeading(l string) bool {
	return strings.HasPrefix(l, "# ") && len(l) > 2 && !strings.ContainsAny(l[2:], "#\n")
}
