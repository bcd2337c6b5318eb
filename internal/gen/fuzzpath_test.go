package gen_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzPathTemplates mutates a path template and the path parameters an
// operation declares, through the whole generator: odd templates (braces
// unbalanced or nested, empty names, a name twice, names that are Go
// keywords, locals or runtime identifiers) must give a located error or
// an SDK that type-checks, never a panic; so must the name of an operation
// without an operationId, which is made from the path.
func FuzzPathTemplates(f *testing.F) {
	for _, seed := range []struct {
		path, params string
		kinds        byte
	}{
		{"/users/{user_id}", "user_id", 0},
		{"/x/{a{b}", "b", 0},
		{"/x/{a}/{b}.{c}", "a,b,c", 0x1b},
		{"/x/{}", "", 0},
		{"/x/{id}/y/{id}", "id", 0},
		{"/x/{id}/y/{id}", "id", 3}, // structured: formatted once, used twice
		{"/x/a}/{b}", "b", 0},
		{"/{req}/{resp}/{err}/{ctx}/{opts}", "req,resp,err,ctx,opts", 0x24},
		{"/{params}/{body}/{pathEscape}/{http}/{v}", "params,body,pathEscape,http,v", 0x93},
		{"/{type}/{func}/{string}/{pathArg0}", "type,func,string,pathArg0", 0xe4},
		{"/files/{path}?op=read", "path", 1},
	} {
		f.Add(seed.path, seed.params, seed.kinds)
	}
	c := newFuzzChecker(f)
	f.Fuzz(func(t *testing.T, path, params string, kinds byte) {
		spec, err := json.Marshal(pathSpec(path, params, kinds))
		if err != nil {
			t.Skip() // invalid UTF-8 the spec cannot carry
		}
		c.check(t, spec, true)
	})
}

// pathSpec is a spec with one operation on path, declaring the comma
// separated params as path parameters; kinds picks each one's schema and
// style, two bits per parameter.
func pathSpec(path, params string, kinds byte) map[string]any {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	schemas := []map[string]any{
		{"type": "string"},
		{"type": "integer", "format": "int32"},
		{"type": "array", "items": map[string]any{"type": "string"}},
		{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "string"}}},
	}
	styles := []string{"simple", "label", "matrix", "simple"}
	var declared []any
	if params != "" {
		for i, name := range strings.Split(params, ",") {
			k := int(kinds>>(2*(i%4))) & 3
			declared = append(declared, map[string]any{
				"name": name, "in": "path", "required": true, "schema": schemas[k], "style": styles[(k+i)%4],
			})
		}
	}
	op := map[string]any{
		"operationId": "call",
		"parameters":  declared,
		"responses":   map[string]any{"204": map[string]any{"description": "ok"}},
	}
	// A second operation without an operationId is named from the path.
	named := map[string]any{"parameters": declared, "responses": op["responses"]}
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "paths", "version": "1"},
		"paths":   map[string]any{path: map[string]any{"get": op, "delete": named}},
	}
}
