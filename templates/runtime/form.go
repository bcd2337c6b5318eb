package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// setFormBody encodes v as an application/x-www-form-urlencoded body. v is
// encoded to JSON first, so the form holds exactly the properties JSON would
// (unset optional fields stay out), and each top-level property becomes
// fields in its style: "form" (the default; arrays repeat the name, objects
// spread their properties) or "deepObject" (name[key]=value, nested as
// deep as the value, arrays indexed). null is sent as an empty value.
func (r *request) setFormBody(v any, styles map[string]string) error {
	generic, err := toGeneric(v)
	if err != nil {
		return fmt.Errorf("%s: encoding request body: %w", r.name, err)
	}
	obj, ok := generic.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: request body is not an object", r.name)
	}
	var q query
	for _, k := range sortedKeys(obj) {
		formValue(&q, k, obj[k], styles[k], true)
	}
	r.setBytesBody("application/x-www-form-urlencoded", []byte(q.encode()))
	return nil
}

// toGeneric re-reads v's JSON encoding as maps, slices and json.Numbers, so
// the form and query encoders see what the API would see as JSON.
func toGeneric(v any) (any, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	err = dec.Decode(&out)
	return out, err
}

// formValue adds a value in the given style. deepObject nests names
// (name[key][0]=v); form with explode spreads an object's properties and
// repeats an array's name; form without explode joins the values with commas.
// Below what the style spreads, a structured value is its JSON text: an
// object in an exploded array is one value, not properties that would lose
// which item they came from (and mix with the query's other names).
func formValue(q *query, name string, v any, style string, explode bool) {
	switch v := v.(type) {
	case map[string]any:
		switch {
		case style == "deepObject":
			for _, k := range sortedKeys(v) {
				formValue(q, name+"["+k+"]", v[k], style, explode)
			}
		case explode:
			for _, k := range sortedKeys(v) {
				if list, ok := v[k].([]any); ok {
					for _, e := range list {
						q.add(k, formScalar(e))
					}
					continue
				}
				q.add(k, formScalar(v[k]))
			}
		default:
			var pairs []string
			for _, k := range sortedKeys(v) {
				pairs = append(pairs, k, formScalar(v[k]))
			}
			q.addList(name, pairs, style, false)
		}
	case []any:
		switch {
		case style == "deepObject":
			for i, e := range v {
				formValue(q, name+"["+strconv.Itoa(i)+"]", e, style, explode)
			}
		case explode:
			for _, e := range v {
				q.add(name, formScalar(e))
			}
		default:
			vals := make([]string, len(v))
			for i, e := range v {
				vals[i] = formScalar(e)
			}
			q.addList(name, vals, style, false)
		}
	default:
		q.add(name, formScalar(v))
	}
}

// addValue adds a structured query parameter (an object, a union, a map of
// anything) by its JSON form, in the parameter's style.
func (q *query) addValue(name string, v any, style string, explode bool) error {
	generic, err := toGeneric(v)
	if err != nil {
		return fmt.Errorf("encoding parameter %q: %w", name, err)
	}
	formValue(q, name, generic, style, explode)
	return nil
}

func formScalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := marshalJSON(v)
	return string(b)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// jsonString encodes a parameter the spec describes as JSON content.
func jsonString(name string, v any) (string, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return "", fmt.Errorf("encoding parameter %q: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// paramText formats a structured header parameter (style simple) by its JSON
// form: an array's items joined by commas, an object's properties as
// k1,v1,k2,v2 or, exploded, k1=v1,k2=v2.
func paramText(name string, v any, explode bool) (string, error) {
	generic, err := toGeneric(v)
	if err != nil {
		return "", fmt.Errorf("encoding parameter %q: %w", name, err)
	}
	return textValue(generic, explode), nil
}

// paramCookies returns the cookies of a structured cookie parameter (style
// form): exploded, each property of an object is a cookie of its own;
// otherwise one cookie holds the text paramText would give.
func paramCookies(name string, v any, explode bool) ([]*http.Cookie, error) {
	generic, err := toGeneric(v)
	if err != nil {
		return nil, fmt.Errorf("encoding parameter %q: %w", name, err)
	}
	if obj, ok := generic.(map[string]any); ok && explode {
		cookies := make([]*http.Cookie, 0, len(obj))
		for _, k := range sortedKeys(obj) {
			cookies = append(cookies, &http.Cookie{Name: k, Value: formScalar(obj[k])})
		}
		return cookies, nil
	}
	return []*http.Cookie{{Name: name, Value: textValue(generic, false)}}, nil
}

func textValue(v any, explode bool) string {
	items, object := textItems(v)
	if object && explode {
		pairs := make([]string, 0, len(items)/2)
		for i := 0; i+1 < len(items); i += 2 {
			pairs = append(pairs, items[i]+"="+items[i+1])
		}
		items = pairs
	}
	return strings.Join(items, ",")
}

// textItems flattens a value in its JSON form for the text styles: an
// object's keys and values alternating (object set), an array's elements,
// or a scalar alone.
func textItems(v any) (items []string, object bool) {
	switch v := v.(type) {
	case map[string]any:
		items = make([]string, 0, 2*len(v))
		for _, k := range sortedKeys(v) {
			items = append(items, k, formScalar(v[k]))
		}
		return items, true
	case []any:
		items = make([]string, len(v))
		for i, e := range v {
			items[i] = formScalar(e)
		}
		return items, false
	}
	return []string{formScalar(v)}, false
}
