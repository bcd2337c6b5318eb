package load

import (
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// OpenAPI 3.0 reads an object with a $ref as the Reference Object alone:
// the fields written beside the $ref are ignored (3.1 applies a Schema's,
// and lets any reference carry a summary and description). Specs still
// write `nullable: true`, `type` or `readOnly` there and mean it; the
// generator follows OpenAPI, and says so at the field, as an SDK that
// drops what its author wrote without a word is wrong without anyone
// knowing. Annotations, which change nothing on the wire, pass quietly.

// refAnnotations are the fields beside a $ref that change no type.
var refAnnotations = []string{"$ref", "summary", "description", "title", "example", "examples", "externalDocs",
	"deprecated", "default", "$comment"}

// refSiblings returns a warning for each $ref, reached from the root
// document, whose siblings OpenAPI ignores there and that would change what
// the SDK sends or reads. schemas is whether a Schema's siblings are ignored
// too (OpenAPI 3.0); a Path Item's are not (OpenAPI merges them).
func (b *bundler) refSiblings(schemas bool) diag.List {
	var out diag.List
	warned := map[diag.Pos]bool{}
	b.walkFromRoot(func(file string, n *yaml.Node, k kind, path []string) {
		ref := refOf(n)
		if ref == nil || !isObjectKind(k) || k == kPathItem || k == kSchema && !schemas {
			return
		}
		var ignored []string
		var first *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			if strings.HasPrefix(key.Value, "x-") || slices.Contains(refAnnotations, key.Value) {
				continue
			}
			if first == nil {
				first = key
			}
			ignored = append(ignored, fmt.Sprintf("%q", key.Value))
		}
		if first == nil {
			return
		}
		advice := "write them in the object it refers to"
		if k == kSchema {
			advice = "to apply them, put the $ref in an allOf beside them"
		}
		if pos := b.pos(file, first); !warned[pos] {
			warned[pos] = true
			out = append(out, diag.Errorf(pos, diag.JoinPointer("#", path...),
				"%s beside $ref %q: OpenAPI ignores the fields next to a $ref here, and so does the generator (%s)",
				strings.Join(ignored, ", "), ref.Value, advice))
		}
	}, true)
	out.Sort()
	return out
}
