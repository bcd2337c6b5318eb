package gofmt

import (
	"go/ast"
	"go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// docComment returns a top-level doc comment as gofmt prints it: the
// comment itself when it is plain text go/doc/comment would print back
// unchanged (the common case, and cheap to recognize), otherwise the
// result of parsing and printing it as go/printer does.
func docComment(list []*ast.Comment) []*ast.Comment {
	if plainDoc(list) {
		return list
	}
	return formatDocComment(list)
}

// plainDoc reports whether the comment is in the form go/doc/comment
// prints: paragraphs of lines "// text", text without leading or trailing
// space and without markup go/doc/comment would rewrite (headings, link
// definitions, old-style headings, “ and ” quotes), and code blocks of
// lines "//\tcode" after a paragraph, each block between lone "//" lines
// or at the end.
func plainDoc(list []*ast.Comment) bool {
	const (
		start = iota
		para  // in a paragraph
		blank // after a lone "//"
		code  // in a code block
	)
	state := start
	for i, c := range list {
		t := c.Text
		switch {
		case t == "//":
			if state == start || state == blank || i == len(list)-1 {
				return false
			}
			state = blank
		case strings.HasPrefix(t, "//\t"):
			// A code block starts after a blank line that follows text
			// (a comment of code alone is unindented by go/doc/comment);
			// a line like a list item would start a list.
			s := t[3:]
			if s == "" || s != strings.TrimRightFunc(s, unicode.IsSpace) {
				return false
			}
			switch state {
			case blank:
				r, _ := utf8.DecodeRuneInString(s)
				if i < 2 || unicode.IsSpace(r) || strings.ContainsRune("•*+-}", r) || '0' <= r && r <= '9' {
					return false
				}
			case code:
			default:
				return false
			}
			state = code
		case strings.HasPrefix(t, "// "):
			s := t[3:]
			if state == code || s == "" || s != strings.TrimSpace(s) || s[0] == '#' || s[0] == '[' ||
				strings.Contains(s, "``") || strings.Contains(s, "''") {
				return false
			}
			// A line standing alone between blank lines, with more text
			// after, may be an old-style heading.
			if state == blank && i+2 < len(list) && list[i+1].Text == "//" && mayBeOldHeading(s) {
				return false
			}
			state = para
		default:
			return false
		}
	}
	return true
}

// mayBeOldHeading is go/doc/comment's test for an old-style heading, less
// the test of the surrounding lines.
func mayBeOldHeading(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeLastRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(line, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "'"); !ok {
			break
		}
		if b != "s" && !strings.HasPrefix(b, "s ") {
			return false
		}
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "."); !ok {
			break
		}
		if b == "" || strings.HasPrefix(b, " ") {
			return false
		}
	}
	return true
}

// formatDocComment reformats a //-style doc comment through
// go/doc/comment as go/printer does, directives kept after the text.
func formatDocComment(list []*ast.Comment) []*ast.Comment {
	var directives []*ast.Comment
	var b strings.Builder
	for _, c := range list {
		after, found := strings.CutPrefix(c.Text, "//")
		if !found {
			return list
		}
		if isDirective(after) {
			directives = append(directives, c)
			continue
		}
		b.WriteString(strings.TrimPrefix(after, " "))
		b.WriteString("\n")
	}
	text := b.String()
	if text == "" {
		return list
	}
	var parser comment.Parser
	var printer comment.Printer
	text = string(printer.Comment(parser.Parse(text)))

	slash := list[0].Slash
	var out []*ast.Comment
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "":
			line = "//"
		case strings.HasPrefix(line, "\t"):
			line = "//" + line
		default:
			line = "// " + line
		}
		out = append(out, &ast.Comment{Slash: slash, Text: line})
	}
	if len(directives) > 0 {
		out = append(out, &ast.Comment{Slash: slash, Text: "//"})
		for _, c := range directives {
			out = append(out, &ast.Comment{Slash: slash, Text: c.Text})
		}
	}
	return out
}

// isDirective reports whether c (a comment without its "//") is a
// directive such as //go:generate.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}
