package runtime

import (
	"fmt"
	"strings"
)

// pathStyled formats a path parameter in its style, as RFC 6570 (which
// OpenAPI's styles follow) says: label (.a,b or exploded .a.b), matrix
// (;name=a,b or exploded ;name=a;name=b) or simple (a,b). items are the
// value's text for a scalar, an array's elements, or an object's keys and
// values alternating (object set), which exploded become k=v. Each item is
// escaped, so the value stays within its path segment.
func pathStyled(name string, items []string, object bool, style string, explode bool) string {
	esc := make([]string, len(items))
	for i, s := range items {
		esc[i] = pathEscape(s)
	}
	if object && explode {
		pairs := make([]string, 0, len(esc)/2)
		for i := 0; i+1 < len(esc); i += 2 {
			pairs = append(pairs, esc[i]+"="+esc[i+1])
		}
		esc = pairs
	}
	switch style {
	case "label":
		if explode {
			return "." + strings.Join(esc, ".")
		}
		return "." + strings.Join(esc, ",")
	case "matrix":
		n := pathEscape(name)
		switch {
		case len(esc) == 0:
			return ";" + n
		case explode && object:
			return ";" + strings.Join(esc, ";")
		case explode:
			return ";" + n + "=" + strings.Join(esc, ";"+n+"=")
		}
		return ";" + n + "=" + strings.Join(esc, ",")
	}
	return strings.Join(esc, ",")
}

// pathSegments escapes a path parameter whose value may span segments: its
// slashes stay, and each segment between them is escaped as pathEscape
// escapes one (so "." and ".." cannot climb the path either).
func pathSegments(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = pathEscape(p)
	}
	return strings.Join(parts, "/")
}

// pathValue formats a structured path parameter (an object, a union, a map
// of anything) by its JSON form, in its style.
func pathValue(name string, v any, style string, explode bool) (string, error) {
	generic, err := toGeneric(v)
	if err != nil {
		return "", fmt.Errorf("encoding path parameter %q: %w", name, err)
	}
	items, object := textItems(generic)
	return pathStyled(name, items, object, style, explode), nil
}
