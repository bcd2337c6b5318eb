package gen

import (
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// paginationConfig reads an SDK's "pagination" key:
//
//	pagination:
//	  infer: false            # no inferred paginators
//	  default: {type: ..., inputs: [...], outputs: {...}}
//	  operations:
//	    ListUsers: {type: ..., inputs: [...], outputs: {...}}
//
// The rules' own fields are checked by lowering, against the spec, where
// the positions kept here locate their errors.
func paginationConfig(path string, n *yaml.Node, ptr string) (lower.PaginationConfig, error) {
	var pc lower.PaginationConfig
	at := nodeError(path)
	if n.Kind != yaml.MappingNode {
		return pc, at(n, ptr, "pagination must be an object with infer, default or operations")
	}
	rule := func(n *yaml.Node, ptr, opID string) (*lower.PageRule, error) {
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, at(n, ptr, "invalid pagination rule: %v", err)
		}
		return &lower.PageRule{OperationID: opID, Value: v, Pos: diag.Pos{File: path, Line: n.Line, Col: n.Column}, Pointer: ptr}, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kptr := diag.JoinPointer(ptr, k.Value)
		switch k.Value {
		case "infer":
			var infer bool
			if err := v.Decode(&infer); err != nil {
				return pc, at(v, kptr, "pagination infer must be true or false")
			}
			pc.NoInference = !infer
		case "default":
			r, err := rule(v, kptr, "")
			if err != nil {
				return pc, err
			}
			pc.Default = r
		case "operations":
			if v.Kind != yaml.MappingNode {
				return pc, at(v, kptr, "pagination operations must map operationIds to rules")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				id := v.Content[j].Value
				r, err := rule(v.Content[j+1], diag.JoinPointer(kptr, id), id)
				if err != nil {
					return pc, err
				}
				r.Pos = diag.Pos{File: path, Line: v.Content[j].Line, Col: v.Content[j].Column}
				pc.Operations = append(pc.Operations, r)
			}
		default:
			return pc, at(k, kptr, "unknown pagination key %q (known: infer, default, operations)", k.Value)
		}
	}
	return pc, nil
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
