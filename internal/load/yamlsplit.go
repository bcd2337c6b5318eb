package load

import (
	"bytes"
	"runtime"
	"sync"

	yaml "go.yaml.in/yaml/v4"
)

// A large YAML spec is parsed in parts, one per core: parsing is most of
// loading one, and a single parse uses one core. The parts are runs of
// mapping members cut at lines where a member's key starts, so that each
// is a YAML document of its own; their members are then appended to the
// mapping they belong to. Every part is padded with the newlines before it,
// so its nodes carry the lines and columns of the whole file.
//
// Where the text does not split cleanly (a part fails to parse, as when a
// cut falls inside a quoted scalar or a flow collection, or refers to an
// anchor of another part), the whole text is parsed instead: the split is
// only ever as good as that parse. TestParseSplit and FuzzParseSplit
// compare the two.

// splitMin is the size below which a spec is parsed whole: parsing a few
// hundred kilobytes takes a few milliseconds.
const splitMin = 256 << 10

// parseYAML parses a YAML document.
func parseYAML(data []byte) (*yaml.Node, error) {
	if procs := runtime.GOMAXPROCS(0); procs > 1 && len(data) >= splitMin {
		if doc := parseSplit(data, len(data)/(4*procs)); doc != nil {
			return doc, nil
		}
	}
	doc := new(yaml.Node)
	if err := yaml.Unmarshal(data, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// textLine is one line of the text.
type textLine struct {
	start  int  // offset of its first byte
	indent int  // leading spaces; -1 for a blank or comment line
	key    bool // starts a mapping member the split may cut at
	opens  bool // ends with "key:", opening a nested block
}

// part is a run of lines parsed on its own; its members go into the mapping
// opened by the last of parents (header lines, outermost first), or into the
// root mapping.
type part struct {
	from    int
	parents []int
}

// parseSplit parses data in parts of about target bytes, or returns nil
// when it cannot.
func parseSplit(data []byte, target int) *yaml.Node {
	lines, ok := scanLines(data)
	if !ok {
		return nil
	}
	p := &planner{lines: lines, target: target, parts: []part{{}}, end: len(data)}
	top := p.members(0, len(lines), 0)
	if len(top) == 0 {
		return nil
	}
	p.block(top, len(lines), nil)
	if len(p.parts) < 2 {
		return nil
	}

	docs := make([]*yaml.Node, len(p.parts))
	var wg sync.WaitGroup
	for i := range p.parts {
		wg.Go(func() {
			from := p.parts[i].from
			to := len(data)
			if i+1 < len(p.parts) {
				to = lines[p.parts[i+1].from].start
			}
			text := make([]byte, 0, from+to-lines[from].start)
			for range from {
				text = append(text, '\n')
			}
			text = append(text, data[lines[from].start:to]...)
			defer func() {
				if recover() != nil {
					docs[i] = nil // parsed whole instead, on the caller's goroutine
				}
			}()
			doc := new(yaml.Node)
			if yaml.Unmarshal(text, doc) == nil {
				docs[i] = doc
			}
		})
	}
	wg.Wait()

	root := docs[0]
	for i, doc := range docs {
		if doc == nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
			return nil
		}
		if i == 0 {
			continue
		}
		m := doc.Content[0]
		first := lines[p.parts[i].from]
		if len(m.Content) == 0 || m.Content[0].Line != p.parts[i].from+1 || m.Content[0].Column != first.indent+1 {
			return nil
		}
		into := root.Content[0]
		for _, h := range p.parts[i].parents {
			into = valueAt(into, h+1, lines[h].indent+1)
			if into == nil || into.Kind != yaml.MappingNode {
				return nil
			}
		}
		into.Content = append(into.Content, m.Content...)
	}
	return root
}

// valueAt returns the value of m's member whose key is at line and column.
// The member sought is the last one added, so the search starts there.
func valueAt(m *yaml.Node, line, column int) *yaml.Node {
	for i := len(m.Content) - 2; i >= 0; i -= 2 {
		if k := m.Content[i]; k.Line == line && k.Column == column {
			return m.Content[i+1]
		}
	}
	return nil
}

// scanLines indexes data's lines. It reports false for text with
// directives or document markers, which are parsed whole.
func scanLines(data []byte) ([]textLine, bool) {
	lines := make([]textLine, 0, bytes.Count(data, []byte{'\n'})+1)
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		text := data[start:end]
		if len(text) > 0 && (text[0] == '%' || bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))) {
			return nil, false
		}
		l := textLine{start: start, indent: -1}
		content := bytes.TrimLeft(text, " ")
		content = bytes.TrimRight(content, " \r")
		if len(content) > 0 && content[0] != '#' {
			l.indent = len(text) - len(bytes.TrimLeft(text, " "))
			l.key = keyStart(content[0]) && bytes.IndexByte(content, ':') > 0
			l.opens = l.key && content[len(content)-1] == ':'
		}
		lines = append(lines, l)
		start = end + 1
	}
	return lines, true
}

// keyStart reports whether a line starting with c may start a member's
// key: a plain or quoted scalar, not a sequence entry, an explicit key, a
// flow collection, a tag, an anchor or an alias.
func keyStart(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '_', '/', '$', '"', '\'', '.', '+':
		return true
	}
	return false
}

// planner chooses where the parts start.
type planner struct {
	lines  []textLine
	target int
	parts  []part
	size   int // bytes in the last part so far
	end    int // len(data)
}

// bytes returns the size of lines [from, to).
func (p *planner) bytes(from, to int) int {
	end := p.end
	if to < len(p.lines) {
		end = p.lines[to].start
	}
	return end - p.lines[from].start
}

// members returns the member lines of the block [from, to): the key lines
// at the block's indentation, that of its first line with content. It
// returns nil when the block is not a plain mapping: its first line is not
// a key, or a line with content is indented less than it.
func (p *planner) members(from, to, minIndent int) []int {
	indent := -1
	var keys []int
	for i := from; i < to; i++ {
		l := p.lines[i]
		switch {
		case l.indent < 0:
			continue
		case indent < 0:
			if !l.key || l.indent < minIndent {
				return nil
			}
			indent = l.indent
		case l.indent < indent:
			return nil
		}
		if l.indent == indent {
			if !l.key {
				return nil // a sequence entry or stray text at the members' level
			}
			keys = append(keys, i)
		}
	}
	return keys
}

// block plans the members of one mapping, whose header lines are parents.
// A member too large for a part is split in turn when it opens a mapping;
// the member after it then starts a part of this mapping, as a part cannot
// go from a nested block back out to its parent's.
func (p *planner) block(members []int, end int, parents []int) {
	for j, m := range members {
		mEnd := end
		if j+1 < len(members) {
			mEnd = members[j+1]
		}
		size := p.bytes(m, mEnd)
		if j > 0 && p.size > 0 && p.size+size > p.target {
			p.cut(m, parents)
		}
		if size > p.target && p.lines[m].opens {
			if inner := p.members(m+1, mEnd, p.lines[m].indent+1); len(inner) > 0 {
				p.size += p.bytes(m, inner[0])
				p.block(inner, mEnd, append(parents[:len(parents):len(parents)], m))
				if j+1 < len(members) && len(p.parts[len(p.parts)-1].parents) > len(parents) {
					p.cut(members[j+1], parents)
					// The member is counted at its own turn.
					p.size = 0
				}
				continue
			}
		}
		p.size += size
	}
}

// cut starts a part at line from, whose members go into the mapping that
// parents open.
func (p *planner) cut(from int, parents []int) {
	if last := &p.parts[len(p.parts)-1]; last.from == from {
		return
	}
	p.parts = append(p.parts, part{from: from, parents: parents})
	p.size = 0
}
