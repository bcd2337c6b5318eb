package runtime

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// variantShape is what the JSON of a union variant looks like; it picks the
// variant of a value when the union has no discriminator.
type variantShape struct {
	kind     jsonKind
	integer  bool     // a number without fraction or exponent
	required []string // properties an object variant requires
	known    []string // properties an object variant declares
}

// pickVariants returns the indexes of the variants that data may be, best
// first: the kind must match and every required property be present; among
// objects, more declared properties present and fewer undeclared ones rank
// higher. Ties keep declaration order.
func pickVariants(data []byte, shapes []variantShape) []int {
	kind := kindOf(data)
	var keys []string // the object's keys, unescaped
	if kind == kindObject {
		valid, _ := scanMembers(data, func(key, _ []byte) {
			keys = append(keys, objectKey(key))
		})
		if !valid {
			return nil
		}
	}
	type candidate struct{ index, score int }
	var cands []candidate
	for i, s := range shapes {
		if s.kind != kind {
			continue
		}
		if s.integer && bytes.ContainsAny(data, ".eE") {
			continue
		}
		score := 0
		if kind == kindObject {
			ok := true
			for _, r := range s.required {
				if !slices.Contains(keys, r) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for _, k := range uniqueKeys(keys) {
				if slices.Contains(s.known, k) {
					score++
				} else {
					score -= 2
				}
			}
		}
		cands = append(cands, candidate{i, score})
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return b.score - a.score })
	out := make([]int, len(cands))
	for i, c := range cands {
		out[i] = c.index
	}
	return out
}

// objectKey returns a key as scanMembers gives it (between its quotes,
// escapes as they are) unescaped.
func objectKey(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw)
	}
	d := jsonDecoder{data: append(append([]byte(nil), raw...), '"')}
	s, _ := d.readStringSlow(0)
	return string(s)
}

// uniqueKeys drops repeated keys, which a map would have kept once.
func uniqueKeys(keys []string) []string {
	out := keys[:0:0]
	for _, k := range keys {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// discriminatorValue returns the string value of property prop of the JSON
// object data, or "" when data is no valid object or prop is no string.
func discriminatorValue(data []byte, prop string) string {
	var raw []byte
	escaped := false
	valid, _ := scanMembers(data, func(key, value []byte) {
		if bytes.IndexByte(key, '\\') >= 0 {
			escaped = true
		} else if string(key) == prop {
			raw = value // the last of duplicate keys wins, as in a map
		}
	})
	if !valid {
		return ""
	}
	if escaped {
		// A key may spell prop with escapes: let encoding/json read them.
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return ""
		}
		raw = obj[prop]
	}
	if len(raw) >= 2 && raw[0] == '"' && isVerbatimString(raw[1:len(raw)-1]) {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
