package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"reflect"
	"slices"
	"strings"
)

// bodyField is a JSON body member set by WithBodyField.
type bodyField struct {
	name  string
	value any
}

// WithBodyField sets member name of the call's JSON request body to value
// (encoded with encoding/json), replacing a member of that name the body
// has, or adding it: for a field the API description does not (yet)
// describe. A call without a body gets a JSON object with these members;
// a call whose body is not a JSON object fails before anything is sent.
func WithBodyField(name string, value any) CallOption {
	return callOptionFunc(func(s *callSettings) {
		f := make([]bodyField, 0, len(s.bodyFields)+1)
		for _, b := range s.bodyFields {
			if b.name != name {
				f = append(f, b)
			}
		}
		s.bodyFields = append(f, bodyField{name, value})
	})
}

// WithRawBody stores the success body the call decoded in *raw, as the
// server sent it: to read the fields the SDK's models do not (yet)
// describe. It is left nil for calls without such a body (no content, a
// binary result, a stream, or an error, whose body APIError keeps).
func WithRawBody(raw *[]byte) CallOption {
	return callOptionFunc(func(s *callSettings) { s.rawBody = raw })
}

// setBodyFields applies WithBodyField's members to the request body.
func (r *request) setBodyFields(fields []bodyField) error {
	body := []byte("{}")
	switch {
	case r.hasBytesBody && jsonMediaType(r.contentType):
		body = r.bytesBody
	case r.hasBytesBody || r.body != nil:
		return fmt.Errorf("%s: WithBodyField: the request body is %s, not JSON", r.name, r.contentType)
	}
	out, err := setMembers(body, fields)
	if err != nil {
		return fmt.Errorf("%s: WithBodyField: %w", r.name, err)
	}
	ct := r.contentType
	if ct == "" {
		ct = "application/json"
	}
	r.setBytesBody(ct, out)
	return nil
}

// jsonMediaType reports whether a content type is JSON.
func jsonMediaType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// setMembers returns the JSON object body with fields set: members of the
// same names dropped where they were, the fields added at the end, every
// other member kept as it was, in its place.
func setMembers(body []byte, fields []bodyField) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("the request body is not a JSON object")
	}
	var out bytes.Buffer
	out.WriteByte('{')
	member := func(name string, value []byte) {
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		key, _ := marshalJSON(name)
		out.Write(key)
		out.WriteByte(':')
		out.Write(value)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		if !hasField(fields, name) {
			member(name, value)
		}
	}
	for _, f := range fields {
		value, err := marshalJSON(f.value)
		if err != nil {
			return nil, fmt.Errorf("encoding field %q: %w", f.name, err)
		}
		member(f.name, value)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

func hasField(fields []bodyField, name string) bool {
	for _, f := range fields {
		if f.name == name {
			return true
		}
	}
	return false
}

// UnknownFields returns the members of the JSON object raw that v, a model
// (or a pointer to one), does not describe: those no field of its type
// takes, matched as encoding/json matches them (the exact name, else one
// that differs only in case). With WithRawBody it reads what the API sends
// beyond its description; for a nested object, pass its raw JSON and its
// model. A model that decodes itself (one with additional properties, which
// it keeps, or a union) has none.
func UnknownFields(raw []byte, v any) (map[string]json.RawMessage, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, err
	}
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return members, nil
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) {
		return nil, nil // it decodes itself: additional properties, a union
	}
	var known []string
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		known = append(known, name)
	}
	for name := range members {
		if slices.ContainsFunc(known, func(k string) bool { return k == name || strings.EqualFold(k, name) }) {
			delete(members, name)
		}
	}
	return members, nil
}
