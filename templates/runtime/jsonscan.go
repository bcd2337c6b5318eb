package runtime

import (
	"bytes"
	"unicode/utf8"
)

// scanMembers checks that data is a single valid JSON value, as json.Valid
// does, and when it is an object calls f with the raw key (between its
// quotes, escapes left as they are) and the raw value of each member, in
// order. f may be called before a later part of data turns out invalid, so
// callers use what it saw only when valid is true. Decoders that need only
// an object's keys or one of its values use it instead of decoding the whole
// object into a map.
func scanMembers(data []byte, f func(key, value []byte)) (valid, isObject bool) {
	i := skipSpace(data, 0)
	if i < len(data) && data[i] == '{' {
		isObject = true
		end, ok := scanObject(data, i, 1, f)
		return ok && skipSpace(data, end) == len(data), true
	}
	end, ok := scanValue(data, i, 0)
	return ok && skipSpace(data, end) == len(data), false
}

// maxJSONDepth is encoding/json's limit on nesting, which json.Valid applies.
const maxJSONDepth = 10000

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// countTrailingSpace returns how many JSON whitespace bytes data ends with.
func countTrailingSpace(data []byte) int {
	n := 0
	for n < len(data) {
		switch data[len(data)-1-n] {
		case ' ', '\t', '\r', '\n':
			n++
		default:
			return n
		}
	}
	return n
}

// scanValue checks the value that starts at data[i], nested depth deep, and
// returns the index just past it.
func scanValue(data []byte, i, depth int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch c := data[i]; {
	case c == '"':
		return scanString(data, i)
	case c == '{':
		return scanObject(data, i, depth+1, nil)
	case c == '[':
		return scanArray(data, i, depth+1)
	case c == 't':
		return scanLiteral(data, i, "true")
	case c == 'f':
		return scanLiteral(data, i, "false")
	case c == 'n':
		return scanLiteral(data, i, "null")
	case c == '-' || '0' <= c && c <= '9':
		return scanNumber(data, i)
	}
	return i, false
}

// scanObject checks the object that starts at data[i], calling f, when not
// nil, for each member.
func scanObject(data []byte, i, depth int, f func(key, value []byte)) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return i, false
		}
		end, ok := scanString(data, i)
		if !ok {
			return end, false
		}
		key := data[i+1 : end-1]
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return i, false
		}
		i = skipSpace(data, i+1)
		end, ok = scanValue(data, i, depth)
		if !ok {
			return end, false
		}
		if f != nil {
			f(key, data[i:end])
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case '}':
			return i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return i, false
		}
	}
}

func scanArray(data []byte, i, depth int) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, true
	}
	for {
		end, ok := scanValue(data, i, depth)
		if !ok {
			return end, false
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case ']':
			return i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return i, false
		}
	}
}

// scanString checks the string that starts at data[i]. Like encoding/json, it
// accepts any bytes from 0x20 up, valid UTF-8 or not.
func scanString(data []byte, i int) (int, bool) {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(data) {
				return i, false
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(data) {
					return i, false
				}
				for _, h := range data[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return i, false
					}
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

func scanLiteral(data []byte, i int, lit string) (int, bool) {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// scanNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(data []byte, i int) (int, bool) {
	if data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		i = skipDigits(data, i)
	default:
		return i, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return i, false
		}
		i = skipDigits(data, i)
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return i, false
		}
		i = skipDigits(data, i)
	}
	return i, true
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// isVerbatimString reports whether the inside of a JSON string decodes to
// itself: valid UTF-8 without quotes, backslashes or control characters.
func isVerbatimString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

// jsonKind is the kind of a JSON value.
type jsonKind uint8

const (
	kindInvalid jsonKind = iota
	kindNull
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// kindOf classifies a JSON value by its first byte.
func kindOf(data []byte) jsonKind {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return kindInvalid
	}
	switch c := data[0]; {
	case c == 'n':
		return kindNull
	case c == 't' || c == 'f':
		return kindBool
	case c == '"':
		return kindString
	case c == '[':
		return kindArray
	case c == '{':
		return kindObject
	case c == '-' || ('0' <= c && c <= '9'):
		return kindNumber
	}
	return kindInvalid
}
