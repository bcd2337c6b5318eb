package runtime

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
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

// unmarshalAdditional decodes the properties of the JSON object data that
// are not declared. It returns nil when there are none.
func unmarshalAdditional[V any](data []byte, declared []string) (map[string]V, error) {
	// Most objects carry no undeclared property: find that out from the keys
	// alone, without decoding the object into a map.
	extra := false
	valid, isObject := scanMembers(data, func(key, _ []byte) {
		if !extra && (bytes.IndexByte(key, '\\') >= 0 || !isDeclared(key, declared)) {
			extra = true // or spelled with escapes, which the map decodes
		}
	})
	if valid && isObject && !extra {
		return nil, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	var out map[string]V
	for k, raw := range all {
		if slices.Contains(declared, k) {
			continue
		}
		var v V
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]V{}
		}
		out[k] = v
	}
	return out, nil
}

// isDeclared reports whether key is one of declared, without converting key
// to a string.
func isDeclared(key []byte, declared []string) bool {
	for _, d := range declared {
		if string(key) == d {
			return true
		}
	}
	return false
}
