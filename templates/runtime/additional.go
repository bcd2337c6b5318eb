package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// marshalAdditional adds the extra properties to the JSON object known,
// skipping any whose name is declared, in sorted order.
func marshalAdditional[V any](known []byte, extra map[string]V, declared []string) ([]byte, error) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(declared, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return known, nil
	}
	sort.Strings(keys)
	known = bytes.TrimRight(known, " \t\r\n")
	var buf bytes.Buffer
	buf.Write(known[:len(known)-1]) // drop the closing brace
	first := bytes.Equal(bytes.TrimSpace(known[:len(known)-1]), []byte("{"))
	for _, k := range keys {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, err := marshalJSON(k)
		if err != nil {
			return nil, err
		}
		vb, err := marshalJSON(extra[k])
		if err != nil {
			return nil, err
		}
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// member is a struct field that encoding/json cannot match by its tag: the
// JSON name a tag cannot hold, and a pointer to the field.
type member struct {
	name  string
	field any
}

// unmarshalObject decodes the JSON object data into v, a pointer to a
// struct with JSON methods of its own. known is v as encoding/json sees it
// (a type without the methods, so that they do not call themselves):
// encoding/json decodes the tagged fields. The object's members are then
// read once, into a map, for the fields in untagged and, when extra is not
// nil, for the additional properties: extra points to their map, which gets
// every member that no field takes, or nil when there is none. declared
// are the JSON names of the tagged fields, which take a member as
// encoding/json matches them (regardless of case); an untagged field takes
// the member of its name exactly. null leaves v as it is, as encoding/json
// does.
func unmarshalObject(data []byte, v, known, extra any, declared []string, untagged ...member) error {
	if string(trimSpaces(data)) == "null" {
		return nil
	}
	// Most objects have no member beyond the declared ones: then they are
	// decoded once, and not read again into a map.
	none := extra != nil && len(untagged) == 0 && onlyDeclared(data, declared)
	typ := reflect.TypeOf(v).Elem()
	if err := json.Unmarshal(data, known); err != nil {
		// Name the struct, not the methodless type it was decoded as.
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			plain := reflect.TypeOf(known).Elem()
			if typeErr.Struct == plain.Name() {
				typeErr.Struct = typ.Name()
			}
			if typeErr.Type == plain {
				typeErr.Type = typ
			}
		}
		return err
	}
	if none {
		reflect.ValueOf(extra).Elem().SetZero()
		return nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	for _, m := range untagged {
		if raw, ok := members[m.name]; ok {
			if err := json.Unmarshal(raw, m.field); err != nil {
				return inMember(err, typ.Name(), m.name)
			}
		}
	}
	if extra == nil {
		return nil
	}
	// Sorted, so that of two bad values the same one is always reported.
	var names []string
	for k := range members {
		if !slices.ContainsFunc(declared, func(d string) bool { return strings.EqualFold(d, k) }) &&
			!slices.ContainsFunc(untagged, func(m member) bool { return m.name == k }) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	m := reflect.ValueOf(extra).Elem()
	m.SetZero()
	for _, k := range names {
		e := reflect.New(m.Type().Elem())
		if err := json.Unmarshal(members[k], e.Interface()); err != nil {
			return inMember(err, typ.Name(), k)
		}
		if m.IsNil() {
			m.Set(reflect.MakeMapWithSize(m.Type(), len(names)))
		}
		m.SetMapIndex(reflect.ValueOf(k), e.Elem())
	}
	return nil
}

// onlyDeclared reports whether every member of the JSON object data has
// one of the declared names, matched as encoding/json matches a member to a
// field (bytes.EqualFold). It reads the common case only (names without
// escapes, as memberString does) and reports false for anything else, which
// then takes the longer way: it never decides differently.
func onlyDeclared(data []byte, declared []string) bool {
	rest, ok := bytes.CutPrefix(trimSpace(data), []byte("{"))
	if !ok {
		return false
	}
	if bytes.HasPrefix(trimSpace(rest), []byte("}")) {
		return true
	}
	for {
		var key []byte
		if key, rest, ok = quoted(rest); !ok {
			return false
		}
		if rest, ok = bytes.CutPrefix(trimSpace(rest), []byte(":")); !ok {
			return false
		}
		if _, rest, ok = skipValue(rest); !ok {
			return false
		}
		if !slices.ContainsFunc(declared, func(d string) bool { return bytes.EqualFold([]byte(d), key) }) {
			return false
		}
		rest = trimSpace(rest)
		if bytes.HasPrefix(rest, []byte("}")) {
			return true
		}
		if rest, ok = bytes.CutPrefix(rest, []byte(",")); !ok {
			return false
		}
	}
}

// inMember puts the member name of a struct named typeName in front of the
// path of a type error, as encoding/json does for the fields it decodes.
func inMember(err error, typeName, name string) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Struct == "" {
			typeErr.Struct = typeName
		}
		typeErr.Field = strings.TrimSuffix(name+"."+typeErr.Field, ".")
	}
	return err
}
