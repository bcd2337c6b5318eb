package prismtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// PatchSpec writes to dir a copy of the spec at src that Prism serves
// faithfully, and returns its path and a line for each change. The original
// is left untouched; a spec that needs nothing is copied as it is. These
// are neutralised:
//
//   - `nullable: true` on a schema without `type`: Prism then silently skips
//     validating the whole request body the schema sits in. The keyword is
//     dropped; where the schema has oneOf or anyOf, an `{enum: [null]}`
//     alternative keeps null valid.
//   - "$ref" keys inside example values: Prism tries to fetch them as
//     references and exits. They are dropped.
//   - a header parameter that is an array: Prism exits when the request
//     leaves it out; a response header that is an array: Prism exits
//     checking the one it made. Their schemas are made strings. A path
//     parameter that is an array: Prism exits on any value. Its schema is
//     made one that any value meets.
//   - a content key that is not a media type ("xls"): Prism exits parsing
//     it. It is renamed "*/*", which is how the SDK reads it.
//   - a response header saying how the body is framed (Content-Encoding,
//     Content-Length, Transfer-Encoding): Prism sends its example with a
//     body that is not so, and the HTTP client fails reading it. Dropped.
//   - a pattern with nested quantifiers ("([\w.-]*)*"): Prism's regular
//     expressions backtrack, and checking a value that does not match
//     can take minutes. It is dropped.
//
// The spec must be a single file: relative references to other files would
// not resolve from dir.
func PatchSpec(src, dir string) (string, []string, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return "", nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", nil, fmt.Errorf("parsing %s: %w", src, err)
	}
	p := &patcher{}
	p.walk(&doc, "", false)
	out := filepath.Join(dir, filepath.Base(src))
	if len(p.changes) > 0 {
		// Written as YAML whatever the input: JSON specs parse as YAML too.
		out = strings.TrimSuffix(out, filepath.Ext(out)) + ".yaml"
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(&doc); err != nil {
			return "", nil, fmt.Errorf("encoding patched %s: %w", src, err)
		}
		if err := enc.Close(); err != nil {
			return "", nil, err
		}
		data = buf.Bytes()
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return "", nil, err
	}
	return out, p.changes, nil
}

type patcher struct {
	changes []string
}

// nameMaps are the keys whose values map user-chosen names to objects, so
// that a property called "example" or "nullable" is not taken for the
// keyword.
var nameMaps = map[string]bool{
	"properties": true, "patternProperties": true, "definitions": true, "$defs": true,
	"schemas": true, "responses": true, "parameters": true, "requestBodies": true,
	"headers": true, "securitySchemes": true, "links": true, "callbacks": true,
	"pathItems": true, "paths": true, "content": true, "encoding": true,
	"variables": true, "mapping": true, "scopes": true, "webhooks": true,
}

// dataKeys hold values that are data rather than spec objects.
var dataKeys = map[string]bool{"default": true, "enum": true, "const": true}

// walk visits n, reached under key path; names is true when n's keys are
// names rather than keywords.
func (p *patcher) walk(n *yaml.Node, path string, names bool) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			p.walk(c, path, false)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p.walk(c, fmt.Sprintf("%s/%d", path, i), false)
		}
	case yaml.MappingNode:
		if !names {
			p.fixNullable(n, path)
			p.fixArrayHeader(n, path)
			p.fixPattern(n, path)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			sub := path + "/" + escapePointer(k)
			switch {
			case names:
				p.walk(v, sub, false)
			case k == "example":
				p.stripRefs(v, sub)
			case k == "examples":
				p.examples(v, sub)
			case dataKeys[k] || strings.HasPrefix(k, "x-"):
				// Data, not schemas: leave as written.
			case k == "content" && v.Kind == yaml.MappingNode:
				p.fixMediaKeys(v, sub)
				p.walk(v, sub, true)
			case k == "headers" && v.Kind == yaml.MappingNode:
				p.dropFramingHeaders(v, sub)
				for j := 0; j+1 < len(v.Content); j += 2 {
					p.fixArrayResponseHeader(v.Content[j+1], sub+"/"+escapePointer(v.Content[j].Value))
				}
				p.walk(v, sub, true)
			default:
				p.walk(v, sub, nameMaps[k])
			}
		}
	}
}

// examples handles an `examples` value: a list of example values (JSON
// Schema) or a map of Example Objects whose `value` is the example.
func (p *patcher) examples(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.SequenceNode:
		p.stripRefs(n, path)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			ex := n.Content[i+1]
			if ex.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(ex.Content); j += 2 {
				if ex.Content[j].Value == "value" {
					p.stripRefs(ex.Content[j+1], path+"/"+escapePointer(n.Content[i].Value)+"/value")
				}
			}
		}
	}
}

// fixNullable neutralises `nullable: true` on a schema without `type`.
func (p *patcher) fixNullable(n *yaml.Node, path string) {
	nullable, hasType := -1, false
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "nullable":
			if v := n.Content[i+1]; v.Kind == yaml.ScalarNode && v.Value == "true" {
				nullable = i
			}
		case "type":
			hasType = true
		}
	}
	if nullable < 0 || hasType {
		return
	}
	n.Content = append(n.Content[:nullable], n.Content[nullable+2:]...)
	change := path + ": dropped nullable without type"
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if (k == "oneOf" || k == "anyOf") && v.Kind == yaml.SequenceNode {
			v.Content = append(v.Content, nullEnum())
			change += "; added {enum: [null]} to " + k
		}
	}
	p.changes = append(p.changes, change)
}

// fixArrayHeader makes the schema of a header or path parameter that is an
// array a string: Prism's process exits when such a header is absent, and
// on any value of such a path parameter (its simple-style reader splits a
// value that is not a string). A required one stays required.
func (p *patcher) fixArrayHeader(n *yaml.Node, path string) {
	in, schema := "", -1
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		switch n.Content[i].Value {
		case "in":
			if v.Kind == yaml.ScalarNode && (strings.EqualFold(v.Value, "header") || v.Value == "path") {
				in = strings.ToLower(v.Value)
			}
		case "schema":
			if v.Kind == yaml.MappingNode && mapValue(v, "type") == "array" {
				schema = i + 1
			}
		}
	}
	if in == "" || schema < 0 {
		return
	}
	if in == "path" {
		// Prism reads "a,b" as a list even then, and finds it no string.
		n.Content[schema] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		p.changes = append(p.changes, path+": an array path parameter's schema made any value")
		return
	}
	n.Content[schema] = stringSchema()
	p.changes = append(p.changes, path+": an array "+in+" parameter's schema made a string")
}

// fixArrayResponseHeader makes the schema of a response header that is an
// array a string: Prism's process exits validating the header it made
// for one.
func (p *patcher) fixArrayResponseHeader(n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if v := n.Content[i+1]; n.Content[i].Value == "schema" && v.Kind == yaml.MappingNode && mapValue(v, "type") == "array" {
			n.Content[i+1] = stringSchema()
			p.changes = append(p.changes, path+": an array response header's schema made a string")
		}
	}
}

// framingHeaders say how a body is framed or encoded on the wire.
var framingHeaders = []string{"content-encoding", "content-length", "transfer-encoding"}

// dropFramingHeaders drops the response headers that say how the body is
// framed or encoded (Content-Encoding: gzip, Content-Length: 1473): Prism
// sends the declared value with a body that is not so, and the HTTP client
// fails reading it.
func (p *patcher) dropFramingHeaders(headers *yaml.Node, path string) {
	kept := headers.Content[:0]
	for i := 0; i+1 < len(headers.Content); i += 2 {
		name := headers.Content[i].Value
		if slices.Contains(framingHeaders, strings.ToLower(name)) {
			p.changes = append(p.changes, path+"/"+escapePointer(name)+": a header saying how the body is framed dropped")
			continue
		}
		kept = append(kept, headers.Content[i], headers.Content[i+1])
	}
	headers.Content = kept
}

// nestedQuantifier finds a quantified group whose content ends quantified
// ("([\w.-]*)*"): on text that fails to match, a backtracking engine such
// as Prism's takes time exponential in its length.
var nestedQuantifier = regexp.MustCompile(`[*+}]\)[*+{]`)

// fixPattern drops a schema's pattern that has a nested quantifier: Prism
// checking its own example against it can spin for minutes.
func (p *patcher) fixPattern(n *yaml.Node, path string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if v := n.Content[i+1]; n.Content[i].Value == "pattern" && v.Kind == yaml.ScalarNode && nestedQuantifier.MatchString(v.Value) {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			p.changes = append(p.changes, path+": dropped pattern "+v.Value+" (nested quantifiers)")
			return
		}
	}
}

// fixMediaKeys renames a content key that is not a media type ("xls") to
// "*/*", which is how the SDK reads it: Prism's process exits parsing it.
func (p *patcher) fixMediaKeys(n *yaml.Node, path string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		base, _, _ := strings.Cut(k.Value, ";")
		base = strings.TrimSpace(base)
		if typ, sub, ok := strings.Cut(base, "/"); ok && typ != "" && sub != "" && !strings.ContainsAny(base, " ,") {
			continue
		}
		if hasKey(n, "*/*") {
			continue
		}
		p.changes = append(p.changes, path+"/"+escapePointer(k.Value)+": a content key that is not a media type renamed */*")
		k.Value = "*/*"
	}
}

// hasKey reports whether the mapping n has key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func stringSchema() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "type"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "string"},
	}}
}

// mapValue is the scalar value of key in the mapping n, or "".
func mapValue(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func nullEnum() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "enum"},
		{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"},
		}},
	}}
}

// stripRefs drops every "$ref" key in the example value n.
func (p *patcher) stripRefs(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p.stripRefs(c, fmt.Sprintf("%s/%d", path, i))
		}
	case yaml.MappingNode:
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "$ref" {
				p.changes = append(p.changes, path+": dropped $ref "+v.Value+" from an example")
				continue
			}
			kept = append(kept, k, v)
			p.stripRefs(v, path+"/"+escapePointer(k.Value))
		}
		n.Content = kept
	}
}

// escapePointer escapes a key for a JSON pointer, as the change lines use.
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
