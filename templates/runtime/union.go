package runtime

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

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
	// kindAny is the shape of a variant that may be any JSON value: any,
	// or a union of its own, whose shapes then say which values.
	kindAny
)

// kindOf classifies a JSON value by its first byte.
func kindOf(data []byte) jsonKind {
	data = trimSpace(data)
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

// variantShape is what the JSON of a union variant looks like; it picks the
// variant of a value when the union has no discriminator.
type variantShape struct {
	kind     jsonKind
	integer  bool     // a number without fraction or exponent
	required []string // properties an object variant requires
	known    []string // properties an object variant declares
	// items is what an array variant's items look like, when they are
	// objects: two lists of objects are told apart by their first item.
	items *variantShape
	// union is the shapes of a variant that is a union of its own
	// (kindAny): a value none of them takes is not that variant's.
	union []variantShape
	// members are the shapes of an object variant's members that tell it
	// apart from another variant declaring and requiring the same
	// properties (two exports whose resources' items require id or name).
	members []memberShape
}

// memberShape is the shape of an object's member.
type memberShape struct {
	name  string
	shape variantShape
}

// pickVariants returns the indexes of the variants that data may be, best
// first: the kind must match and every required property be present; among
// objects, more declared properties present and fewer undeclared ones rank
// higher; lists of objects rank by their first item likewise; a variant
// that is a union of its own ranks as its best variant, and one of any
// value last. Ties keep declaration order. Property names match exactly,
// as the spec spells them. An object's keys are read once, into a map, so
// the ranking costs the size of the value plus that of the variants' lists.
func pickVariants(data []byte, shapes []variantShape) []int {
	cands := rankVariants(data, shapes)
	out := make([]int, len(cands))
	for i, c := range cands {
		out[i] = c.index
	}
	return out
}

// candidate is a variant data may be, and how well it fits.
type candidate struct{ index, score int }

// rankVariants is pickVariants with each variant's score.
func rankVariants(data []byte, shapes []variantShape) []candidate {
	kind := kindOf(data)
	var keys map[string]json.RawMessage
	if kind == kindObject && slices.ContainsFunc(shapes, func(s variantShape) bool { return s.kind == kindObject }) {
		if json.Unmarshal(data, &keys) != nil {
			return nil
		}
	}
	var first map[string]json.RawMessage // an array's first item, when an object
	if kind == kindArray && slices.ContainsFunc(shapes, func(s variantShape) bool { return s.items != nil }) {
		if item, ok := firstItem(data); ok && kindOf(item) == kindObject && json.Unmarshal(item, &first) != nil {
			return nil
		}
	}
	var cands []candidate
	for i, s := range shapes {
		if s.kind == kindAny {
			switch {
			case kind == kindNull:
			case s.union == nil:
				cands = append(cands, candidate{i, -1 << 30})
			default:
				if inner := rankVariants(data, s.union); len(inner) > 0 {
					cands = append(cands, candidate{i, inner[0].score})
				}
			}
			continue
		}
		if s.kind != kind {
			continue
		}
		if s.integer && bytes.ContainsAny(data, ".eE") {
			continue
		}
		score, ok := 0, true
		switch {
		case kind == kindObject:
			score, ok = objectScore(keys, s)
		case kind == kindArray && first != nil && s.items != nil && s.items.kind == kindObject:
			// A list is not ruled out by one item: it only ranks lower.
			if score, ok = objectScore(first, *s.items); !ok {
				score, ok = -1<<20, true
			}
		}
		if !ok {
			continue
		}
		cands = append(cands, candidate{i, score})
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return b.score - a.score })
	return cands
}

// objectScore ranks an object with keys as shape s: one for each declared
// property present, minus two for each other key; ok is false when a
// required property is missing, or when the object has members and s
// declares none of them: decoded as s it would hold nothing of the value
// (a variant that requires nothing takes what its fellow variant's mistyped
// member made it refuse), which Raw keeps whole.
func objectScore(keys map[string]json.RawMessage, s variantShape) (score int, ok bool) {
	if slices.ContainsFunc(s.required, func(r string) bool { _, ok := keys[r]; return !ok }) {
		return 0, false
	}
	present := 0
	for _, k := range s.known {
		if _, ok := keys[k]; ok {
			present++
		}
	}
	if present == 0 && len(keys) > 0 && len(s.known) > 0 {
		return 0, false
	}
	return present - 2*(len(keys)-present) + membersScore(keys, s.members), true
}

// membersScore ranks the members of an object by their shapes: an object
// member, or a list member by its first item, scores as objectScore does,
// and one that misses a property its shape requires loses more than the
// object's own properties can win (a list is still not ruled out by one
// item, so neither is the object).
func membersScore(keys map[string]json.RawMessage, members []memberShape) int {
	score := 0
	for _, m := range members {
		data, ok := keys[m.name]
		if !ok {
			continue
		}
		shape := m.shape
		if shape.kind == kindArray && shape.items != nil {
			if data, ok = firstItem(data); !ok {
				continue // an empty list fits any items
			}
			shape = *shape.items
		}
		var sub map[string]json.RawMessage
		if shape.kind != kindObject || kindOf(data) != kindObject || json.Unmarshal(data, &sub) != nil {
			continue
		}
		if s, ok := objectScore(sub, shape); ok {
			score += s
		} else {
			score -= 1 << 10
		}
	}
	return score
}

// firstItem returns the first item of a JSON array; ok is false for an
// empty one.
func firstItem(data []byte) (item []byte, ok bool) {
	data, ok = bytes.CutPrefix(trimSpace(data), []byte("["))
	if !ok {
		return nil, false
	}
	item, _, ok = skipValue(data)
	return item, ok && len(item) > 0
}

// unmarshalUnion decodes data into the first variant, in the order
// pickVariants gives, that it decodes as without error. variants holds a
// pointer to each variant's field, in declaration order; a variant that
// fails is reset, so a failed attempt leaves no trace. A value that
// matches no variant is kept in raw.
func unmarshalUnion(data []byte, shapes []variantShape, raw *json.RawMessage, variants ...any) error {
	for _, i := range pickVariants(data, shapes) {
		if json.Unmarshal(data, variants[i]) == nil {
			return nil
		}
		reflect.ValueOf(variants[i]).Elem().SetZero()
	}
	return unmarshalRaw(data, raw)
}

// unmarshalAnyOf decodes data as unmarshalUnion does, and then into each
// other object variant whose required properties it has and that declares
// one of its members the variants set so far do not: a value of an anyOf
// may be several variants at once ({first, prev} and {last, next} page
// links), while a variant that only restates another's members is not set.
func unmarshalAnyOf(data []byte, shapes []variantShape, raw *json.RawMessage, variants ...any) error {
	var keys map[string]json.RawMessage
	if kindOf(data) == kindObject && json.Unmarshal(data, &keys) != nil {
		return unmarshalRaw(data, raw)
	}
	set := false
	covered := map[string]bool{} // the members the variants set so far declare
	adds := func(k string) bool { _, present := keys[k]; return present && !covered[k] }
	for _, i := range pickVariants(data, shapes) {
		if set && (shapes[i].kind != kindObject || !slices.ContainsFunc(shapes[i].known, adds)) {
			continue // it would hold nothing the others do not
		}
		if json.Unmarshal(data, variants[i]) == nil {
			set = true
			if shapes[i].kind != kindObject {
				return nil
			}
			for _, k := range shapes[i].known {
				covered[k] = true
			}
			continue
		}
		reflect.ValueOf(variants[i]).Elem().SetZero()
	}
	if set {
		return nil
	}
	return unmarshalRaw(data, raw)
}

// marshalAnyOf encodes the variants of an anyOf that are set (nil
// pointers, slices and maps are not): one as it is, several objects with
// their members merged, the first variant's winning a member they share;
// none, raw or null.
func marshalAnyOf(raw json.RawMessage, variants ...any) ([]byte, error) {
	var parts [][]byte
	for _, v := range variants {
		if rv := reflect.ValueOf(v); rv.IsNil() {
			continue
		}
		b, err := marshalJSON(v)
		if err != nil {
			return nil, err
		}
		parts = append(parts, b)
	}
	switch len(parts) {
	case 0:
		if raw != nil {
			return raw, nil
		}
		return []byte("null"), nil
	case 1:
		return parts[0], nil
	}
	merged := map[string]json.RawMessage{}
	for _, b := range parts {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(b, &members); err != nil {
			return nil, err
		}
		for k, m := range members {
			if _, ok := merged[k]; !ok {
				merged[k] = m
			}
		}
	}
	return marshalJSON(merged)
}

// unmarshalRaw keeps data, which must be valid JSON, in raw.
func unmarshalRaw(data []byte, raw *json.RawMessage) error {
	if !json.Valid(data) {
		// Only a direct caller passes what is not JSON: report it as encoding/json does.
		return json.Unmarshal(data, new(any))
	}
	*raw = append((*raw)[:0:0], data...)
	return nil
}

// discriminatorValue returns the string value of property prop of the JSON
// object data, or "" when data is no object or prop is no string there. The
// property is found as encoding/json finds a struct's field, by a struct
// type made for it (once per name): the object's other members are skipped,
// not copied.
func discriminatorValue(data []byte, prop string) string {
	if v, ok := memberString(data, prop); ok {
		return v
	}
	t, ok := discriminatorTypes.Load(prop)
	if !ok {
		if !isTagName(prop) {
			// A name a struct tag cannot hold: read the members into a map.
			// Not an object, or no string there: "".
			var members map[string]json.RawMessage
			var s string
			_ = json.Unmarshal(data, &members)
			_ = json.Unmarshal(members[prop], &s)
			return s
		}
		t, _ = discriminatorTypes.LoadOrStore(prop, reflect.StructOf([]reflect.StructField{
			{Name: "Value", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`json:"` + prop + `"`)},
		}))
	}
	v := reflect.New(t.(reflect.Type))
	// A type error leaves the value as it is: "" unless a later duplicate
	// of the property is a string, which wins as in a map.
	_ = json.Unmarshal(data, v.Interface())
	return v.Elem().Field(0).String()
}

// memberString looks the member prop up in the JSON object data for the
// common case only: keys without escapes, the one matching prop (even
// regardless of case, as encoding/json matches) spelled exactly and holding
// a string without escapes. It reports false for anything else, which
// encoding/json then reads, so it never decides differently, it only gets
// there first. The members it passes over are skipped by their quotes and
// brackets, not decoded.
func memberString(data []byte, prop string) (string, bool) {
	rest, ok := bytes.CutPrefix(trimSpace(data), []byte("{"))
	found, seen := "", false
	name := []byte(prop)
	for ok {
		var key, value []byte
		if key, rest, ok = quoted(rest); !ok {
			return "", false
		}
		if rest, ok = bytes.CutPrefix(trimSpace(rest), []byte(":")); !ok {
			return "", false
		}
		if value, rest, ok = skipValue(rest); !ok {
			return "", false
		}
		if bytes.EqualFold(key, name) {
			if seen || !bytes.Equal(key, name) || len(value) < 2 || value[0] != '"' || !isVerbatimString(value[1:len(value)-1]) {
				return "", false
			}
			found, seen = string(value[1:len(value)-1]), true
		}
		rest = trimSpace(rest)
		if bytes.HasPrefix(rest, []byte("}")) {
			return found, seen
		}
		rest, ok = bytes.CutPrefix(rest, []byte(","))
	}
	return "", false
}

// trimSpace drops the JSON whitespace before a value. A loop, as
// bytes.TrimLeft builds its cutset's table on every call, which decoding a
// large response feels.
func trimSpace(data []byte) []byte {
	for len(data) > 0 && isSpace(data[0]) {
		data = data[1:]
	}
	return data
}

// trimSpaces drops the JSON whitespace around a value.
func trimSpaces(data []byte) []byte {
	data = trimSpace(data)
	for len(data) > 0 && isSpace(data[len(data)-1]) {
		data = data[:len(data)-1]
	}
	return data
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// quoted splits a string from the start of data: its inside and what
// follows. A string with escapes reports false.
func quoted(data []byte) (inside, rest []byte, ok bool) {
	data, ok = bytes.CutPrefix(trimSpace(data), []byte(`"`))
	end := bytes.IndexByte(data, '"')
	if !ok || end < 0 || bytes.IndexByte(data[:end], '\\') >= 0 {
		return nil, nil, false
	}
	return data[:end], data[end+1:], true
}

// skipValue splits a value from the start of data, up to the comma or
// bracket that ends it at its own depth; the value itself is left to
// encoding/json, which has checked it or will.
func skipValue(data []byte) (value, rest []byte, ok bool) {
	data = trimSpace(data)
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++ // the escaped byte is no closing quote
				}
			}
		case '{', '[':
			depth++
		case '}', ']', ',':
			if depth == 0 {
				return trimSpaces(data[:i]), data[i:], true
			}
			if data[i] != ',' {
				depth--
			}
		}
	}
	return nil, nil, false
}

// discriminatorTypes holds discriminatorValue's struct types by property.
var discriminatorTypes sync.Map

// isTagName reports whether encoding/json takes name from a struct tag.
func isTagName(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r) {
			return false
		}
	}
	return true
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
