package load

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// A Swagger 2.0 decode error names a Go type and field, not a place in the
// document: the place is found by decoding parts of the document on their
// own into the types kin-openapi gives them.

// culprit returns the innermost node under n, a value kin-openapi decodes
// into type t, that fails to decode, with its path below n and the error.
// It returns a nil node when n decodes.
func culprit(n *yaml.Node, t reflect.Type, path []string) (*yaml.Node, []string, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	err := decodeAs(n, t)
	if err == nil {
		return nil, nil, nil
	}
	step := 2
	if n.Kind == yaml.SequenceNode {
		step = 1
	}
	for i := 0; i < len(n.Content); i += step {
		key, child := strconv.Itoa(i), n.Content[i]
		if step == 2 {
			if i+1 >= len(n.Content) {
				break
			}
			key, child = n.Content[i].Value, n.Content[i+1]
		}
		ct, ok := childType(t, key)
		if !ok {
			continue
		}
		if cn, cp, cerr := culprit(child, ct, append(path, key)); cn != nil {
			return cn, cp, cerr
		}
	}
	return n, path, err
}

// decodeAs decodes a node into a new value of type t as kin-openapi's
// decode does: YAML to plain values, to JSON, into t.
func decodeAs(n *yaml.Node, t reflect.Type) error {
	var plain any
	if err := n.Decode(&plain); err != nil {
		return err
	}
	data, err := json.Marshal(plain)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, reflect.New(t).Interface())
}

// childType returns the type kin-openapi decodes the member key of a value
// of type t into: a map's or slice's element, a struct's field by its JSON
// name (in embedded structs too), or, for a struct that holds its members
// elsewhere, the type of that: a reference's Value, a map wrapper's
// unexported map (kin-openapi's Responses).
func childType(t reflect.Type, key string) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		return t.Elem(), t.Key().Kind() == reflect.String
	case reflect.Slice:
		_, err := strconv.Atoi(key)
		return t.Elem(), err == nil
	case reflect.Struct:
	default:
		return nil, false
	}
	if f, ok := fieldByJSONName(t, key); ok {
		return f.Type, true
	}
	if v, ok := t.FieldByName("Value"); ok {
		return childType(v.Type, key)
	}
	for i := range t.NumField() {
		if f := t.Field(i); !f.IsExported() && f.Type.Kind() == reflect.Map {
			return f.Type.Elem(), true
		}
	}
	return nil, false
}

// fieldByJSONName finds the field of struct type t whose JSON name is name.
func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if g, ok := fieldByJSONName(f.Type, name); ok {
				return g, true
			}
			continue
		}
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name && tag != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
