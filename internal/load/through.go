package load

import (
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// A $ref (or a discriminator mapping value) whose JSON pointer runs through
// another $ref on the way, as in #/components/schemas/PetAlias/properties/owner
// where PetAlias is itself a $ref: RFC 6901 does not follow the inner $ref,
// so the pointer does not resolve, but once the inner $ref is resolved its
// target is unambiguous. Such a reference is rewritten, in the document
// kin-openapi reads (bundled for it), to point at that target directly, with
// a warning.

// maxThrough bounds the $refs one pointer is followed through, against
// cycles.
const maxThrough = 32

// lookupThrough follows the fragment frag in the file at abs, through the
// $refs it meets where a token is not found. It returns the file, the
// fragment that names the node directly (the target of a node that is only
// a $ref), and the node.
func (b *bundler) lookupThrough(abs, frag string, depth int) (string, string, *yaml.Node, bool) {
	if depth > maxThrough {
		return "", "", nil, false
	}
	doc, err := b.load(abs)
	if err != nil {
		return "", "", nil, false
	}
	n := content(doc)
	tokens := splitPointer(frag)
	for i, tok := range tokens {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		next, _ := lookup(n, diag.JoinPointer("", tok))
		if next == nil {
			ref := refOf(n)
			if ref == nil {
				return "", "", nil, false
			}
			target, tfrag := resolveRef(b.throughRef(abs, ref.Value), abs)
			return b.lookupThrough(target, diag.JoinPointer(strings.TrimSuffix(tfrag, "/"), tokens[i:]...), depth+1)
		}
		n = next
	}
	// A node that is only a $ref stands for its target: name that, as
	// the $ref would (a discriminator mapping names its variant so).
	for n.Kind == yaml.MappingNode && len(n.Content) == 2 && refOf(n) != nil && depth <= maxThrough {
		target, tfrag := resolveRef(b.throughRef(abs, refOf(n).Value), abs)
		doc, err := b.load(target)
		if err != nil {
			break
		}
		next, err := lookup(doc, tfrag)
		if err != nil {
			break
		}
		abs, frag, n = target, tfrag, next
		depth++
	}
	return abs, frag, n, true
}

// throughKey keys b.through: a reference as written in a file.
func throughKey(file, ref string) string { return file + "\x00" + ref }

// direct returns a reference, written in file, to the node at frag of the
// file at target.
func direct(file, target, frag string) string {
	if target == file {
		return "#" + frag
	}
	rel, err := filepath.Rel(filepath.Dir(file), target)
	if err != nil {
		rel = target
	}
	return filepath.ToSlash(rel) + "#" + frag
}

// noteThrough records the warning for a reference at node v of file (at
// pointer ptr) that resolved only through another $ref, if it did.
func (b *bundler) noteThrough(file string, v *yaml.Node, ptr, what string) {
	to, ok := b.through[throughKey(file, v.Value)]
	if !ok {
		return
	}
	b.throughFiles[file] = true
	if b.selfRefs[throughKey(file, v.Value)] {
		return // named through a $self: nothing to warn of
	}
	b.warnings = append(b.warnings, diag.Errorf(b.pos(file, v), ptr,
		"%s %q runs through another $ref on the way, which a JSON pointer does not follow; read as %q", what, v.Value, to))
}

// throughRef returns the reference kin-openapi is to read for one written
// in file: the direct one when it runs through another $ref.
func (b *bundler) throughRef(file, ref string) string {
	if to, ok := b.through[throughKey(file, ref)]; ok {
		return to
	}
	return ref
}
