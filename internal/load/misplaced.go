package load

import (
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// A $ref's place says what its target must be. Specs put an object where
// OpenAPI keeps objects of another kind (a Response object under
// components/requestBodies, a Parameter under components/schemas, a Path
// Item for webhooks under components/schemas) or under a key OpenAPI does
// not define; kin-openapi reads the target as the kind of where it is
// written and fails. When the target has the shape of the kind its $ref's
// place requires, the root document is bundled with the target inlined at
// the $ref, read as that kind, with a warning; otherwise, in another
// components section, the $ref is the error, located at it.

// standardKeys are the top-level keys of an OpenAPI 3 document.
var standardKeys = map[string]bool{
	"openapi": true, "info": true, "jsonSchemaDialect": true, "servers": true, "paths": true, "webhooks": true,
	"components": true, "security": true, "tags": true, "externalDocs": true,
}

// findMisplaced records the $refs of the root document, an OpenAPI 3 one,
// whose targets are to be inlined, and returns the errors of those whose
// targets are not what their places require.
func (b *bundler) findMisplaced() error {
	var errs diag.List
	walkKinds(content(b.docs[b.root]), kDocument, nil, member, func(n *yaml.Node, k kind, path []string) {
		ref := refOf(n)
		if ref == nil || !isObjectKind(k) {
			return
		}
		file, frag, target, err := b.resolve(ref.Value, b.root)
		if err != nil {
			return // checkRefs reports it
		}
		where, home := b.placement(file, frag)
		if where == "" || home == k || refOf(target) != nil {
			return // a $ref to a $ref is read as kin-openapi reads it
		}
		ptr := diag.JoinPointer("#", path...)
		// A Schema's fields are open: a target that has the shape of
		// what its section holds is that, not a schema.
		open := fields[k] == nil
		if !fits(target, k) || open && home != "" && fits(target, home) && !(k == kSchema && home == kResponse && onlyDescribed(target)) {
			if home == "" {
				// Under a key OpenAPI does not define, kin-openapi reads
				// the target as the $ref's kind: let it say what is wrong.
				return
			}
			errs = append(errs, diag.Errorf(b.pos(b.root, ref), ptr, "$ref %q must refer to %s object, as its place requires; the object it refers to (%s) is not one", ref.Value, article(k), where))
			return
		}
		b.misplaced[ref] = true
		if open && home != "" && fits(target, home) {
			b.warnings = append(b.warnings, diag.Errorf(b.pos(b.root, ref), ptr, "$ref %q refers to %s object (%s), which has no body to stand for: read as a schema of any value", ref.Value, article(home), where))
			return
		}
		advice := ""
		if home != "" || !standardKeys[firstToken(frag)] {
			advice = fmt.Sprintf("; OpenAPI keeps them under components/%s", sectionOf(k))
		}
		b.warnings = append(b.warnings, diag.Errorf(b.pos(b.root, ref), ptr, "$ref %q refers to %s object %s%s: read as the %s its place requires", ref.Value, article(k), where, advice, kindNames[k]))
	})
	return errs.Err()
}

// placement describes where the node at frag of the file at abs is written
// when that is not a place kin-openapi reads as the kind of a $ref standing
// for it: in a components section (home is the kind it holds, "" for a
// section OpenAPI does not define) or under a top-level key OpenAPI does not
// define, of an OpenAPI document, or in an operation under paths or webhooks
// (home is the kind its place there makes it). A file that is not one has a
// layout of its own.
func (b *bundler) placement(abs, frag string) (where string, home kind) {
	top := content(b.docs[abs])
	if top.Kind != yaml.MappingNode || mapValue(top, "openapi") == nil {
		return "", ""
	}
	tokens := splitPointer(frag)
	switch {
	case len(tokens) == 3 && tokens[0] == "components":
		return "under components/" + tokens[1], sectionKinds[tokens[1]]
	case len(tokens) >= 2 && !standardKeys[tokens[0]]:
		return fmt.Sprintf("under %q, a key OpenAPI does not define", tokens[0]), ""
	case len(tokens) >= 2 && (tokens[0] == "paths" || tokens[0] == "webhooks"):
		// An object in an operation: its own place says what it is.
		if k := kindAt(top, tokens); isObjectKind(k) {
			return fmt.Sprintf("%s, in %s", article(k), tokens[0]), k
		}
	}
	return "", ""
}

// kindAt returns the kind of the node at the reference tokens under the
// document top, "" when the way there is not one OpenAPI defines.
func kindAt(top *yaml.Node, tokens []string) kind {
	return kindWith(top, tokens, member)
}

// kindWith is kindAt with the members of a kind given (member, or
// swaggerMember for a Swagger 2.0 document).
func kindWith(top *yaml.Node, tokens []string, members func(kind, string) kind) kind {
	n, k := top, kDocument
	for _, tok := range tokens {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if refOf(n) != nil {
			return ""
		}
		switch n.Kind {
		case yaml.MappingNode:
			n, k = mapValue(n, tok), members(k, tok)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			elem, ok := strings.CutPrefix(string(k), "list:")
			if err != nil || i < 0 || i >= len(n.Content) || !ok {
				return ""
			}
			n, k = n.Content[i], kind(elem)
		default:
			return ""
		}
		if n == nil || k == "" {
			return ""
		}
	}
	return k
}

// sectionOf returns the components section that holds objects of kind k.
func sectionOf(k kind) string {
	for s, sk := range sectionKinds {
		if sk == k {
			return s
		}
	}
	return ""
}

// firstToken returns the first reference token of a JSON pointer.
func firstToken(frag string) string {
	if t := splitPointer(frag); len(t) > 0 {
		return t[0]
	}
	return ""
}

// article names kind k with its indefinite article.
func article(k kind) string {
	name := kindNames[k]
	switch name[0] {
	case 'A', 'E', 'I', 'O', 'U':
		return "an " + name
	}
	return "a " + name
}

// onlyDescribed reports whether n, a Response object that a schema's $ref
// names (rev.ai's and Rumble's), says nothing but what a schema can say too,
// a description: it has no body, and is read as a schema of any value.
func onlyDescribed(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if key := n.Content[i].Value; key != "description" && !strings.HasPrefix(key, "x-") {
			return false
		}
	}
	return true
}
