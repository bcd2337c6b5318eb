package gofmt

import "unicode/utf8"

// An aligner lays out lines of cells as text/tabwriter does with gofmt's
// settings (tab width 8, padding 1, spaces for alignment, tabs for leading
// empty cells, empty soft columns discarded), then drops trailing blanks
// from every line as go/printer's trimmer does. It receives the cells
// directly instead of scanning for tabs and escapes.
type aligner struct {
	buf    []byte   // text of the buffered cells
	c      cell     // cell in progress
	lines  [][]cell // buffered lines; the last is in progress
	widths []int
	out    []byte
	start  int // len(out) before this file: trimming stops there
}

type cell struct {
	size  int  // bytes
	width int  // runes
	htab  bool // terminated by a hard tab (indentation)
}

func (a *aligner) reset(out []byte) {
	a.buf = a.buf[:0]
	a.c = cell{}
	a.lines = a.lines[:0]
	a.widths = a.widths[:0]
	a.out = out
	a.start = len(out)
	a.addLine()
}

func (a *aligner) addLine() {
	if n := len(a.lines) + 1; n <= cap(a.lines) {
		a.lines = a.lines[:n]
		a.lines[n-1] = a.lines[n-1][:0]
	} else {
		a.lines = append(a.lines, nil)
	}
}

func (a *aligner) text(s string) {
	a.buf = append(a.buf, s...)
	a.c.size += len(s)
	a.c.width += runeCount(s)
}

func runeCount(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}

func (a *aligner) spaces(n int) {
	for range n {
		a.buf = append(a.buf, ' ')
	}
	a.c.size += n
	a.c.width += n
}

func (a *aligner) cell(htab bool) { a.terminateCell(htab) }

func (a *aligner) terminateCell(htab bool) int {
	a.c.htab = htab
	line := &a.lines[len(a.lines)-1]
	*line = append(*line, a.c)
	a.c = cell{}
	return len(*line)
}

// newline ends a line; a formfeed, or a line without cells, ends every
// column block.
func (a *aligner) newline(ff bool) {
	ncells := a.terminateCell(false)
	a.addLine()
	if ff || ncells == 1 {
		a.flush()
	}
}

// flush lays out the buffered lines and starts afresh.
func (a *aligner) flush() {
	if a.c.size > 0 {
		a.terminateCell(false)
	}
	a.format(0, 0, len(a.lines))
	a.buf = a.buf[:0]
	a.c = cell{}
	a.lines = a.lines[:0]
	a.widths = a.widths[:0]
	a.addLine()
}

// finish flushes and returns the output without trailing blanks.
func (a *aligner) finish() []byte {
	a.flush()
	a.trim()
	return a.out
}

func (a *aligner) trim() {
	n := len(a.out)
	for n > a.start && (a.out[n-1] == ' ' || a.out[n-1] == '\t') {
		n--
	}
	a.out = a.out[:n]
}

func (a *aligner) format(pos0, line0, line1 int) int {
	pos := pos0
	column := len(a.widths)
	for this := line0; this < line1; this++ {
		line := a.lines[this]
		if column >= len(line)-1 {
			continue
		}
		pos = a.writeLines(pos, line0, this)
		line0 = this
		width := 0
		discardable := true
		for ; this < line1; this++ {
			line = a.lines[this]
			if column >= len(line)-1 {
				break
			}
			c := line[column]
			if w := c.width + 1; w > width {
				width = w
			}
			if c.width > 0 || c.htab {
				discardable = false
			}
		}
		if discardable {
			width = 0
		}
		a.widths = append(a.widths, width)
		pos = a.format(pos, line0, this)
		a.widths = a.widths[:len(a.widths)-1]
		line0 = this
	}
	return a.writeLines(pos, line0, line1)
}

func (a *aligner) writeLines(pos0, line0, line1 int) int {
	pos := pos0
	for i := line0; i < line1; i++ {
		line := a.lines[i]
		useTabs := true
		for j, c := range line {
			if c.size == 0 {
				if j < len(a.widths) {
					a.writePadding(c.width, a.widths[j], useTabs)
				}
				continue
			}
			useTabs = false
			a.out = append(a.out, a.buf[pos:pos+c.size]...)
			pos += c.size
			if j < len(a.widths) {
				a.writePadding(c.width, a.widths[j], false)
			}
		}
		if i+1 == len(a.lines) {
			a.out = append(a.out, a.buf[pos:pos+a.c.size]...)
			pos += a.c.size
		} else {
			a.trim()
			a.out = append(a.out, '\n')
		}
	}
	return pos
}

func (a *aligner) writePadding(textw, cellw int, useTabs bool) {
	if useTabs {
		const tabwidth = 8
		cellw = (cellw + tabwidth - 1) / tabwidth * tabwidth
		n := cellw - textw
		for range (n + tabwidth - 1) / tabwidth {
			a.out = append(a.out, '\t')
		}
		return
	}
	for range cellw - textw {
		a.out = append(a.out, ' ')
	}
}
