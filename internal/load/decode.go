package load

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"
)

// kin-openapi's types decode from a yaml.Node tree, so a spec in one file is
// decoded from the loader's own parse rather than parsed a second time by
// kin-openapi: for Stripe's YAML the parse is 0.2 s of CPU and decoding 0.15 s.

// decodeTree decodes kin-openapi's document from the node tree of a document
// in one file, bundled or not, and resolves its references as kin-openapi's
// loader does after its own parse. The tree must be ready for decoding as
// kin-openapi's parse leaves it (ready): parseJSONNode's trees always are.
//
// The document's largest members, paths and components, decode beside the
// rest, each on its own goroutine: decoding them is independent, as in a
// decode of the whole document, which does member after member.
func decodeTree(ctx context.Context, root *yaml.Node) (*openapi3.T, error) {
	doc := &openapi3.T{}
	m := root
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	// Paths decode in two halves, as large as components together.
	var halves [2]*openapi3.Paths
	var components *openapi3.Components
	var errs [4]error
	var wg sync.WaitGroup
	rest := m
	if m.Kind == yaml.MappingNode {
		var p, c *yaml.Node
		rest, p, c = splitMembers(m)
		if p != nil {
			for i, h := range halve(p) {
				wg.Go(func() { errs[1+i] = decodeNode(h, &halves[i]) })
			}
		}
		if c != nil {
			wg.Go(func() { errs[3] = decodeNode(c, &components) })
		}
	}
	errs[0] = decodeNode(rest, doc)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if paths := halves[0]; paths != nil {
		// The second half's over the first's, so a path given twice keeps
		// its last value, as in one decode.
		if more := halves[1]; more != nil {
			for k, v := range more.Map() {
				paths.Set(k, v)
			}
			maps.Copy(paths.Extensions, more.Extensions)
		}
		doc.Paths = paths
	}
	if components != nil {
		doc.Components = components
	}
	loader := openapi3.NewLoader()
	loader.Context = ctx
	// No location, as for kin-openapi's LoadFromData: the document has no
	// external references, and with one, kin-openapi would take its
	// discriminator mappings for another document's and resolve them.
	if err := loader.ResolveRefsIn(doc, nil); err != nil {
		return nil, err
	}
	return doc, nil
}

// decodeNode decodes n into v. A panic in a decoder becomes an error, on
// whichever goroutine: Load then has kin-openapi load the file itself, as
// it did before decoding was split.
func decodeNode(n *yaml.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoding: %v", r)
		}
	}()
	return n.Decode(v)
}

// halve returns a mapping as two mappings of half its members each, or
// whole when it has fewer than two.
func halve(m *yaml.Node) []*yaml.Node {
	n := len(m.Content) / 2
	if n < 2 {
		return []*yaml.Node{m}
	}
	a, b := *m, *m
	a.Content = m.Content[: n/2*2 : n/2*2]
	b.Content = m.Content[n/2*2:]
	return []*yaml.Node{&a, &b}
}

// splitMembers returns the root mapping m without its paths and components
// members, and their values. A member is split off only when it is a
// mapping given once: anything else stays for the whole decode to judge.
func splitMembers(m *yaml.Node) (rest, paths, components *yaml.Node) {
	count := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		count[m.Content[i].Value]++
	}
	split := func(k, v *yaml.Node) bool {
		return (k.Value == "paths" || k.Value == "components") && count[k.Value] == 1 &&
			k.Kind == yaml.ScalarNode && v.Kind == yaml.MappingNode
	}
	r := *m
	r.Content = make([]*yaml.Node, 0, len(m.Content))
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case !split(k, v):
			r.Content = append(r.Content, k, v)
		case k.Value == "paths":
			paths = v
		default:
			components = v
		}
	}
	return &r, paths, components
}

// ready reports whether a YAML parse can be decoded as kin-openapi decodes
// its own parse of the same text, preparing it as kin-openapi does first:
// mapping keys written as other scalars (200: for a response) are retagged
// as strings. It reports false for what kin-openapi's preparation would
// change otherwise, or refuse: anchors and aliases, merge keys, application
// tags (!md), timestamps, infinite or NaN numbers, null or complex keys.
// Such documents load through kin-openapi's own parse.
func ready(n *yaml.Node) bool {
	if n.Anchor != "" {
		return false
	}
	switch n.Kind {
	case yaml.AliasNode:
		return false
	case yaml.ScalarNode:
		switch {
		case n.Tag == "!!timestamp", strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!"):
			return false
		case n.Tag == "!!float":
			switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
			case ".inf", ".nan":
				return false
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Anchor != "" {
				return false
			}
			switch k.Tag {
			case "!!str":
			case "!!null", "!!merge":
				return false
			default:
				if !ready(k) {
					return false
				}
				k.Tag = "!!str"
			}
		}
	}
	for _, c := range n.Content {
		if !ready(c) {
			return false
		}
	}
	return true
}
