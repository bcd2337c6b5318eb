package load

import (
	"encoding/json"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// scanJSONNode builds parseJSONNode's tree from a valid JSON document in
// one pass over its bytes. It reports false for anything else, and
// decodeJSONNode, by encoding/json's tokens, then reports the error: the
// tokens were three quarters of loading GitHub's spec (110 ms of a 3.7 MB
// parse, against 30 for this scan). TestScanJSON and FuzzScanJSON hold the
// two to the same trees and the same verdicts.
func scanJSONNode(data []byte) (*yaml.Node, bool) {
	s := &jsonScanner{data: data, line: 1}
	root, ok := s.value(0)
	if !ok {
		return nil, false
	}
	if s.space(); s.i != len(data) {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}, true
}

type jsonScanner struct {
	data      []byte
	i         int // offset of the next byte
	line      int // line of offset i
	lineStart int // offset at which that line starts
}

// space skips JSON's white space, counting lines: a valid document has
// line breaks nowhere else.
func (s *jsonScanner) space() {
	for ; s.i < len(s.data); s.i++ {
		switch s.data[s.i] {
		case ' ', '\t', '\r':
		case '\n':
			s.line++
			s.lineStart = s.i + 1
		default:
			return
		}
	}
}

// next skips white space and reports whether c comes next, taking it.
func (s *jsonScanner) next(c byte) bool {
	s.space()
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *jsonScanner) value(depth int) (*yaml.Node, bool) {
	s.space()
	if depth > maxDepth || s.i >= len(s.data) {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: s.line, Column: s.i - s.lineStart + 1}
	switch c := s.data[s.i]; {
	case c == '{':
		s.i++
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		if s.next('}') {
			return n, true
		}
		for {
			if s.space(); s.i >= len(s.data) || s.data[s.i] != '"' {
				return nil, false
			}
			line, col := s.line, s.i-s.lineStart+1
			key, ok := s.string()
			if !ok || !s.next(':') {
				return nil, false
			}
			v, ok := s.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line, Column: col}, v)
			if s.next('}') {
				return n, true
			}
			if !s.next(',') {
				return nil, false
			}
		}
	case c == '[':
		s.i++
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		if s.next(']') {
			return n, true
		}
		for {
			v, ok := s.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.Content = append(n.Content, v)
			if s.next(']') {
				return n, true
			}
			if !s.next(',') {
				return nil, false
			}
		}
	case c == '"':
		v, ok := s.string()
		n.Tag, n.Value, n.Style = "!!str", v, yaml.DoubleQuotedStyle
		return n, ok
	case c == 't':
		n.Tag, n.Value = "!!bool", "true"
		return n, s.literal("true")
	case c == 'f':
		n.Tag, n.Value = "!!bool", "false"
		return n, s.literal("false")
	case c == 'n':
		n.Tag, n.Value = "!!null", "null"
		return n, s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		v, ok := s.number()
		n.Tag, n.Value = numberTag(v), v
		return n, ok
	}
	return nil, false
}

func (s *jsonScanner) literal(word string) bool {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// number takes a number as JSON's grammar has it, and returns its text.
func (s *jsonScanner) number() (string, bool) {
	start := s.i
	digits := func() int {
		n := 0
		for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.data[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.data) && s.data[s.i] == '0':
		s.i++
	case digits() == 0:
		return "", false
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return "", false
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	return string(s.data[start:s.i]), true
}

// string takes a string at its opening quote and returns its value. Plain
// text and the common escapes are decoded here; \u escapes and invalid
// UTF-8, which encoding/json replaces in ways of its own, are left to it.
func (s *jsonScanner) string() (string, bool) {
	start := s.i
	s.i++
	escaped, ascii := false, true
	for {
		if s.i >= len(s.data) {
			return "", false
		}
		c := s.data[s.i]
		switch {
		case c == '"':
			raw := s.data[start+1 : s.i]
			s.i++
			if !ascii && !utf8.Valid(raw) {
				return s.viaJSON(start)
			}
			if !escaped {
				return string(raw), true
			}
			return unescape(raw)
		case c < 0x20:
			return "", false
		case c == '\\':
			escaped = true
			s.i++
			if s.i < len(s.data) && s.data[s.i] == 'u' {
				return s.viaJSON(start)
			}
		case c >= 0x80:
			ascii = false
		}
		s.i++
	}
}

// viaJSON decodes the string starting at start with encoding/json.
func (s *jsonScanner) viaJSON(start int) (string, bool) {
	s.i = start + 1
	for s.i < len(s.data) && s.data[s.i] != '"' {
		if s.data[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	if s.i >= len(s.data) {
		return "", false
	}
	s.i++
	var v string
	if json.Unmarshal(s.data[start:s.i], &v) != nil {
		return "", false
	}
	return v, true
}

// unescape decodes a string's text with escapes other than \u.
func unescape(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		default:
			return "", false
		}
	}
	return string(out), true
}
