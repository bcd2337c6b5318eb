package gen

import (
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// globalsConfig reads an SDK's "globals" key:
//
//	globals:
//	  headers: {Clerk-API-Version: "2026-05-12"}
//	  query: {api_version: "2"}
//
// Each entry is sent on every call unless the caller sets another value.
func globalsConfig(path string, n *yaml.Node, ptr string) ([]lower.GlobalConfig, error) {
	at := func(n *yaml.Node, ptr, format string, args ...any) error {
		return diag.Errorf(diag.Pos{File: path, Line: n.Line, Col: n.Column}, ptr, format, args...)
	}
	if n.Kind != yaml.MappingNode {
		return nil, at(n, ptr, "globals must be an object with headers or query")
	}
	var out []lower.GlobalConfig
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kptr := diag.JoinPointer(ptr, k.Value)
		var in ir.ParamIn
		switch k.Value {
		case "headers":
			in = ir.InHeader
		case "query":
			in = ir.InQuery
		default:
			return nil, at(k, ptr, "unknown globals key %q (known: headers, query)", k.Value)
		}
		if v.Kind != yaml.MappingNode {
			return nil, at(v, kptr, "globals %s must map names to values", k.Value)
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			name, val := v.Content[j], v.Content[j+1]
			nptr := diag.JoinPointer(kptr, name.Value)
			if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
				return nil, at(val, nptr, "the value of global %q must be a string, number or boolean", name.Value)
			}
			switch {
			case name.Value == "":
				return nil, at(name, nptr, "a global has an empty name")
			case in == ir.InHeader && !headerToken(name.Value):
				return nil, at(name, nptr, "%q is not a header name HTTP can carry", name.Value)
			case strings.ContainsAny(val.Value, "\r\n\x00"):
				return nil, at(val, nptr, "the value of global %q has a line break or NUL, which HTTP cannot carry", name.Value)
			}
			out = append(out, lower.GlobalConfig{
				Name: name.Value, Value: val.Value, In: in,
				Pos: diag.Pos{File: path, Line: name.Line, Col: name.Column}, Pointer: nptr,
			})
		}
	}
	return out, nil
}

// headerToken reports whether s is a header name: an RFC 9110 token.
func headerToken(s string) bool {
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return s != ""
}
