package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// The YAML parser takes time quadratic in the size of a flow collection, and
// a JSON document is one big flow collection: parsing GitHub's 3.7 MB spec
// took seconds. JSON documents are therefore parsed into the same node tree,
// with positions, by a scan of their bytes (jsonscan.go) or, for a text the
// scan does not take, with encoding/json's tokens. kin-openapi decodes a JSON spec in one
// file straight from that tree (decodeTree); one that refers to other files
// is handed on as block-style YAML, with a map from its lines to the
// sources.

// looksLikeJSON reports whether data starts like a JSON object or array.
func looksLikeJSON(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(data) > 0 && (data[0] == '{' || data[0] == '[')
}

// parseJSONNode parses a JSON document into a YAML node tree whose nodes
// carry their line and column in data.
func parseJSONNode(data []byte) (*yaml.Node, error) {
	if root, ok := scanJSONNode(data); ok {
		return root, nil
	}
	// Not valid JSON, or not in a form the scanner takes: encoding/json's
	// tokens say what is wrong, and where.
	return decodeJSONNode(data)
}

// decodeJSONNode is parseJSONNode by encoding/json's tokens.
func decodeJSONNode(data []byte) (*yaml.Node, error) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	for i, c := range data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, p.errorf("unexpected data after the document")
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}, nil
}

type jsonParser struct {
	data  []byte
	dec   *json.Decoder
	lines []int // offsets at which lines 2, 3, ... start
}

// start returns the offset of the next token: the decoder's offset past
// separators and white space.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

func (p *jsonParser) pos(off int) (line, col int) {
	i := sort.SearchInts(p.lines, off+1)
	lineStart := 0
	if i > 0 {
		lineStart = p.lines[i-1]
	}
	return i + 1, off - lineStart + 1
}

func (p *jsonParser) errorf(format string, args ...any) error {
	line, col := p.pos(int(p.dec.InputOffset()))
	return fmt.Errorf("line %d, column %d: %s", line, col, fmt.Sprintf(format, args...))
}

// maxDepth bounds nesting, as the YAML parser does: nothing meaningful nests
// that deep, and the tree must stay small enough to walk recursively.
const maxDepth = 10000

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	off := p.start()
	if depth > maxDepth {
		line, col := p.pos(off)
		return nil, fmt.Errorf("line %d, column %d: nesting deeper than %d levels", line, col, maxDepth)
	}
	tok, err := p.dec.Token()
	if err != nil {
		if se, ok := err.(*json.SyntaxError); ok {
			line, col := p.pos(int(se.Offset))
			return nil, fmt.Errorf("line %d, column %d: %v", line, col, se)
		}
		return nil, p.errorf("%v", err)
	}
	line, col := p.pos(off)
	n := &yaml.Node{Line: line, Column: col}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for p.dec.More() {
				koff := p.start()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, p.errorf("%v", err)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, p.errorf("object key is not a string")
				}
				kl, kc := p.pos(koff)
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: kl, Column: kc}, v)
			}
		case '[':
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, p.errorf("unexpected %q", t)
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, p.errorf("%v", err)
		}
	case string:
		n.Kind, n.Tag, n.Value, n.Style = yaml.ScalarNode, "!!str", t, yaml.DoubleQuotedStyle
	case json.Number:
		n.Kind, n.Value = yaml.ScalarNode, t.String()
		n.Tag = numberTag(n.Value)
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", fmt.Sprint(t)
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// numberTag tags a JSON number as YAML resolves the same text written
// plainly: kin-openapi decodes either this tree (decodeTree) or the block
// YAML written from it, and must get the same values both ways. A fraction
// or exponent makes a float; so do -0 and an integer too large for 64 bits,
// which YAML reads as floats.
func numberTag(s string) string {
	if strings.ContainsAny(s, ".eE") || s == "-0" {
		return "!!float"
	}
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(s, 10, 64); err == nil {
		return "!!int"
	}
	return "!!float"
}
