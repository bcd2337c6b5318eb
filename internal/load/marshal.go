package load

import (
	"bytes"
	"errors"
	"runtime"
	"sync"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// A bundled document is written in pieces. The YAML library's emitter keeps
// every event of a document until the document ends, so one Marshal of a
// large bundle spends most of its time growing that list; and reading the
// whole text back to learn where each node landed is a second parse of it.
// So the entries of the top three levels (each operation, each component)
// are written by a Marshal of their own, read back on their own, on every
// core, and joined in order, indented under their keys.

// piece is one part of a written document: a key line of the top levels,
// or an entry written by a Marshal of its own.
type piece struct {
	key    *yaml.Node // a key line: the key, and text is its line
	entry  *yaml.Node // an entry: a mapping of one key and its value
	indent int
	text   []byte
	lines  []diag.Pos // the source of each line of text
	err    error
}

// writeYAML writes tree and returns its text and the source of each line:
// that of the line's first scalar (the key of a "key: value" line, what
// kin-openapi records), from is where each node of tree came from.
func writeYAML(tree *yaml.Node, from map[*yaml.Node]diag.Pos) ([]byte, []diag.Pos, error) {
	var pieces []*piece
	if tree.Kind == yaml.MappingNode {
		if err := splitEntries(&pieces, tree, 0, 3); err != nil {
			return nil, nil, err
		}
	} else {
		pieces = []*piece{{entry: tree}}
	}
	var wg sync.WaitGroup
	next := make(chan *piece)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				p.text, p.lines, p.err = writeEntry(p.entry, from)
			}
		})
	}
	for _, p := range pieces {
		if p.entry != nil {
			next <- p
		}
	}
	close(next)
	wg.Wait()

	var out bytes.Buffer
	var lines []diag.Pos
	for _, p := range pieces {
		if p.err != nil {
			return nil, nil, p.err
		}
		if p.key != nil {
			lines = append(lines, from[p.key])
		} else {
			lines = append(lines, p.lines...)
		}
		for line := range bytes.Lines(p.text) {
			if len(line) > 1 {
				out.Write(bytes.Repeat([]byte(" "), p.indent))
			}
			out.Write(line)
		}
	}
	return out.Bytes(), append(lines, diag.Pos{}), nil
}

// splitEntries lists the pieces of m, a mapping written at indent: an
// entry whose value is a mapping is split levels further.
func splitEntries(pieces *[]*piece, m *yaml.Node, indent, levels int) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if levels > 1 && v.Kind == yaml.MappingNode && len(v.Content) > 0 {
			key, err := yaml.Marshal(k)
			if err != nil {
				return err
			}
			if simpleKey(key) {
				key = append(key[:len(key)-1], ":\n"...)
				*pieces = append(*pieces, &piece{key: k, indent: indent, text: key})
				if err := splitEntries(pieces, v, indent+2, levels-1); err != nil {
					return err
				}
				continue
			}
		}
		*pieces = append(*pieces, &piece{entry: &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}, indent: indent})
	}
	return nil
}

// simpleKey reports whether key, a mapping key written alone, reads the
// same written before a colon: one short line, not a block scalar (a key
// over 1,024 characters must be written as an explicit "? " key).
func simpleKey(key []byte) bool {
	return len(key) < 1000 && bytes.IndexByte(key, '\n') == len(key)-1 && key[0] != '|' && key[0] != '>'
}

// writeEntry writes n and reads the text back to learn the source of each
// of its lines.
func writeEntry(n *yaml.Node, from map[*yaml.Node]diag.Pos) ([]byte, []diag.Pos, error) {
	text, err := yaml.Marshal(n)
	if err != nil {
		return nil, nil, err
	}
	var back yaml.Node
	if err := yaml.Unmarshal(text, &back); err != nil {
		return nil, nil, err
	}
	if len(back.Content) != 1 {
		return nil, nil, errors.New("the text written does not read back")
	}
	lines := make([]diag.Pos, bytes.Count(text, []byte("\n")))
	var walk func(w, r *yaml.Node)
	walk = func(w, r *yaml.Node) {
		if r.Kind == yaml.ScalarNode && r.Line >= 1 && r.Line <= len(lines) && !lines[r.Line-1].IsValid() {
			lines[r.Line-1] = from[w]
		}
		if len(w.Content) == len(r.Content) {
			for i := range w.Content {
				walk(w.Content[i], r.Content[i])
			}
		}
	}
	walk(n, back.Content[0])
	return text, lines, nil
}
