package docs

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// layout indents and aligns example source as gofmt does, for the Go the
// examples are written in: one statement, list element or import per line,
// no indentation, single spaces. The line structure already says all gofmt
// would decide except indentation and the alignment of key: value columns;
// running go/format on every example was 8% of generating Clerk. It reports
// false for anything else (a tab, a line starting with a space, unbalanced
// brackets, a raw string), which the caller formats with go/format.
// CheckExamples holds generated docs to go/format's result.
func layout(src string) (string, bool) {
	type list struct {
		indent int // indentation of the line that opened the bracket
		// go/printer's exprList state: the previous element's size (0 when
		// it spans lines) and the log sum and count of the sizes since the
		// last section break, whose geometric mean can break alignment.
		prevSize int
		lnsum    float64
		count    int
	}
	type line struct {
		indent    int
		text      string
		key, rest string // a key: value element that gets an aligned column
		block     int    // lines of one block align; 0: not in a column
	}
	var stack []*list
	var out []line
	block := 0
	var prev *list // the list of the previous line's column, if it had one
	for _, text := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		if text == "" {
			if len(out) > 0 && out[len(out)-1].text != "" {
				out = append(out, line{})
			}
			prev = nil
			continue
		}
		if text[0] == ' ' || strings.ContainsAny(text, "\t\r") || strings.HasSuffix(text, " ") {
			return "", false
		}
		depth := len(stack)
		ind := 0
		if depth > 0 {
			ind = stack[depth-1].indent + 1
		}
		switch {
		case isCloser(text[0]):
			if depth == 0 {
				return "", false
			}
			ind = stack[depth-1].indent
		case strings.HasPrefix(text, "case ") || text == "default:":
			ind--
		}
		// Brackets, outside string and rune literals and comments.
		low, ok := depth, true
		var owner *list // the list this line is an element of
		if depth > 0 && !isCloser(text[0]) {
			owner = stack[depth-1]
		}
		scanBrackets(text, func(c byte) {
			if isCloser(c) {
				if len(stack) == 0 {
					ok = false
					return
				}
				stack = stack[:len(stack)-1]
				low = min(low, len(stack))
				return
			}
			stack = append(stack, &list{indent: ind})
		}, &ok)
		if !ok || ind < 0 {
			return "", false
		}
		l := line{indent: ind, text: text}
		if owner != nil {
			// An element of owner's list (or a statement, which never has a key).
			single := low == depth && len(stack) == depth
			key, rest, isPair := splitKey(text)
			size := 0
			if single {
				size = len(strings.TrimSuffix(text, ","))
				if isPair {
					size = len(key)
				}
			}
			ff := true
			if owner.prevSize > 0 && size > 0 {
				const smallSize, r = 40, 2.5
				if owner.count == 0 || owner.prevSize <= smallSize && size <= smallSize {
					ff = false
				} else {
					ratio := float64(size) / math.Exp(owner.lnsum/float64(owner.count))
					ff = r*ratio <= 1 || r <= ratio
				}
			}
			if ff {
				owner.lnsum, owner.count = 0, 0
			}
			if size > 0 {
				owner.lnsum += math.Log(float64(size))
				owner.count++
			}
			owner.prevSize = size
			if isPair && single {
				if ff || prev != owner {
					block++
				}
				l.key, l.rest, l.block = key, rest, block
				prev = owner
			} else {
				prev = nil
			}
		} else {
			prev = nil
		}
		out = append(out, l)
	}
	if len(stack) != 0 {
		return "", false
	}
	width := map[int]int{}
	for _, l := range out {
		if l.block != 0 {
			width[l.block] = max(width[l.block], utf8.RuneCountInString(l.key)+1)
		}
	}
	var b strings.Builder
	b.Grow(len(src) + len(src)/4)
	for _, l := range out {
		if l.text == "" {
			b.WriteByte('\n')
			continue
		}
		for range l.indent {
			b.WriteByte('\t')
		}
		if l.block == 0 {
			b.WriteString(l.text)
		} else {
			b.WriteString(l.key)
			b.WriteByte(':')
			for range width[l.block] - utf8.RuneCountInString(l.key) {
				b.WriteByte(' ')
			}
			b.WriteString(l.rest)
		}
		b.WriteByte('\n')
	}
	return b.String(), true
}

func isCloser(c byte) bool { return c == ')' || c == ']' || c == '}' }

// scanBrackets calls f for each bracket of a line outside string and rune
// literals and comments; it clears ok on a literal that does not end.
func scanBrackets(text string, f func(c byte), ok *bool) {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[', '{', ')', ']', '}':
			f(c)
		case '"', '\'':
			j := i + 1
			for ; j < len(text) && text[j] != c; j++ {
				if text[j] == '\\' {
					j++
				}
			}
			if j >= len(text) {
				*ok = false
				return
			}
			i = j
		case '`':
			*ok = false // raw strings may span lines: not in the subset
			return
		case '/':
			if i+1 < len(text) && text[i+1] == '/' {
				return
			}
		}
	}
}

// splitKey splits a key: value list element: an identifier or a string
// literal, a colon and a space. ":=" is not a key.
func splitKey(text string) (key, rest string, ok bool) {
	end := 0
	if text[0] == '"' {
		for end = 1; end < len(text) && text[end] != '"'; end++ {
			if text[end] == '\\' {
				end++
			}
		}
		end++
	} else {
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if r != '_' && !unicode.IsLetter(r) && !(end > 0 && unicode.IsDigit(r)) {
				break
			}
			end += n
		}
	}
	if end == 0 || end+2 > len(text) || text[end] != ':' || text[end+1] != ' ' {
		return "", "", false
	}
	return text[:end], text[end+2:], true
}
