// Package gofmt prints a parsed Go file exactly as gofmt would, faster than
// go/printer, for the code the generator emits.
//
// Emission formats thousands of files per run, and go/printer was a quarter
// of all the generator's CPU: it boxes every token in an interface, looks
// every position up through a locked FileSet, reformats every doc comment
// and sends its whole output through text/tabwriter and a trimmer. This
// printer follows go/printer's layout rules (the same whitespace buffer,
// line-break, alignment and comment placement decisions, learned from its
// source) with typed calls, a private line table, a doc-comment check that
// leaves canonical comments alone, and an aligner that receives cells
// rather than parsing bytes.
//
// It covers what generated code uses. For anything else (/*-style
// comments, build constraints, line directives, literals spanning lines)
// Fprint returns ErrNotCovered and the caller prints with go/printer;
// tests hold the two to the same bytes on every generated SDK and on the
// standard library's sources.
package gofmt

import (
	"go/ast"
	"go/token"
	"strings"
	"unicode"
)

const (
	maxNewlines = 2
	infinity    = 1 << 30
	wsbufCap    = 16 // go/printer's whitespace buffer
)

// A wsKind is pending whitespace, written before the next token.
type wsKind byte

const (
	wsIgnore   wsKind = 0
	wsBlank    wsKind = ' '
	wsVtab     wsKind = '\v'
	wsNewline  wsKind = '\n'
	wsFormfeed wsKind = '\f'
	wsIndent   wsKind = '>'
	wsUnindent wsKind = '<'
)

// A position is a place in the source (offset, line, column) or, for the
// printer's running positions, where the source would be; line 0 is none.
type position struct{ offset, line, column int }

func (p position) valid() bool { return p.line > 0 }

// unsupported is panicked with when the file uses something this printer
// does not cover; Fprint recovers it.
type unsupported struct{}

// source maps token.Pos values of one file to positions. The printer asks
// mostly for the current line or the next, so the last answer is tried
// before a binary search.
type source struct {
	base  int
	size  int
	lines []int // offsets of line starts
	hint  int   // index of the last line found
}

func (s *source) position(pos token.Pos) position {
	if !pos.IsValid() {
		return position{}
	}
	off := int(pos) - s.base
	// A position past the end (End()+1 of the last comment) is still on
	// the last line, as token.File reports it.
	off = max(min(off, s.size), 0)
	i := s.hint
	switch {
	case s.lines[i] <= off && (i+1 == len(s.lines) || off < s.lines[i+1]):
	case i+1 < len(s.lines) && s.lines[i+1] <= off && (i+2 == len(s.lines) || off < s.lines[i+2]):
		i++
	default:
		lo, hi := 0, len(s.lines) // the line is the last start <= off
		for hi-lo > 1 {
			m := int(uint(lo+hi) >> 1)
			if s.lines[m] <= off {
				lo = m
			} else {
				hi = m
			}
		}
		i = lo
	}
	s.hint = i
	return position{offset: off, line: i + 1, column: off - s.lines[i] + 1}
}

type printer struct {
	src     *source
	measure bool // print only to measure a node's size (go/printer's RawFormat)

	indent      int
	impliedSemi bool
	lastTok     token.Token
	wsbuf       []wsKind
	pos         position // current position in source space
	out         position // current position in output space (line, column)
	last        position // p.pos after the last token
	linePtr     int      // 1 + the slot in lineSlots to record the next token's line in, or 0
	wrote       bool     // anything written yet

	comments        []*ast.CommentGroup
	useNodeComments bool
	cindex          int
	comment         *ast.CommentGroup
	commentOffset   int

	nodeSizes  map[ast.Node]int
	cachedPos  token.Pos
	cachedLine int

	// measure mode: the size of the output, as go/printer's trimmer
	// would pass it, and whether it breaks a line
	size       int
	pendingWS  int
	hasNewline bool

	al        *aligner // main mode: where the output goes
	spare     []*printer
	idents    []ast.Expr // scratch for identList
	lineSlots []int      // see pushLine
}

func (p *printer) reset(src *source, measure bool, nodeSizes map[ast.Node]int) {
	// scratch space survives; the aligner is the main printer's only
	al, spare, wsbuf, idents, slots := p.al, p.spare, p.wsbuf[:0], p.idents[:0], p.lineSlots[:0]
	*p = printer{
		al:            al,
		idents:        idents,
		lineSlots:     slots,
		src:           src,
		measure:       measure,
		wsbuf:         wsbuf,
		pos:           position{line: 1, column: 1},
		out:           position{line: 1, column: 1},
		nodeSizes:     nodeSizes,
		cachedPos:     -1,
		commentOffset: infinity,
		spare:         spare,
	}
}

func (p *printer) bail() { panic(unsupported{}) }

func (p *printer) posFor(pos token.Pos) position { return p.src.position(pos) }

func (p *printer) lineFor(pos token.Pos) int {
	if pos != p.cachedPos {
		p.cachedPos = pos
		p.cachedLine = p.src.position(pos).line
	}
	return p.cachedLine
}

// ---------------------------------------------------------------------------
// Output

func (p *printer) emitText(s string) {
	p.wrote = true
	if p.measure {
		p.size += p.pendingWS + len(s)
		p.pendingWS = 0
		return
	}
	p.al.text(s)
}

func (p *printer) emitCell(htab bool) {
	p.wrote = true
	if p.measure {
		p.pendingWS++
		return
	}
	p.al.cell(htab)
}

func (p *printer) emitSpaces(n int) {
	p.wrote = true
	if p.measure {
		p.pendingWS += n
		return
	}
	p.al.spaces(n)
}

func (p *printer) emitNewline(ff bool) {
	p.wrote = true
	if p.measure {
		p.hasNewline = true
		p.pendingWS = 0
		return
	}
	p.al.newline(ff)
}

func (p *printer) writeIndent() {
	n := p.indent
	for range n {
		p.emitCell(true)
	}
	p.pos.offset += n
	p.pos.column += n
	p.out.column += n
}

func (p *printer) writeByte(ch byte, n int) {
	if p.out.column == 1 {
		p.writeIndent()
	}
	switch ch {
	case ' ':
		p.emitSpaces(n)
	case '\t', '\v':
		for range n {
			p.emitCell(ch == '\t')
		}
	case '\n', '\f':
		for range n {
			p.emitNewline(ch == '\f')
		}
	}
	p.pos.offset += n
	if ch == '\n' || ch == '\f' {
		p.pos.line += n
		p.out.line += n
		p.pos.column = 1
		p.out.column = 1
		return
	}
	p.pos.column += n
	p.out.column += n
}

// writeString writes a token, literal or comment; none spans lines here.
func (p *printer) writeString(pos position, s string) {
	if p.out.column == 1 {
		p.writeIndent()
	}
	if pos.valid() {
		p.pos = pos
	}
	p.emitText(s)
	p.pos.offset += len(s)
	p.pos.column += len(s)
	p.out.column += len(s)
	p.last = p.pos
}

// ---------------------------------------------------------------------------
// Whitespace and tokens

func (p *printer) ws(x wsKind) {
	if x == wsIgnore {
		return
	}
	p.lastTok = token.ILLEGAL
	if len(p.wsbuf) == wsbufCap {
		// go/printer's buffer holds 16 entries and writes them out when
		// full; deep nesting reaches that, and the split can matter
		p.writeWhitespace(len(p.wsbuf))
	}
	p.wsbuf = append(p.wsbuf, x)
	if x == wsNewline || x == wsFormfeed {
		p.impliedSemi = false
	}
}

func (p *printer) writeWhitespace(n int) {
	for i := 0; i < n; i++ {
		switch ch := p.wsbuf[i]; ch {
		case wsIgnore:
		case wsIndent:
			p.indent++
		case wsUnindent:
			p.indent--
			if p.indent < 0 {
				p.bail()
			}
		case wsNewline, wsFormfeed:
			// A line break followed by a correcting unindent is swapped
			// with it, and becomes a formfeed.
			if i+1 < n && p.wsbuf[i+1] == wsUnindent {
				p.wsbuf[i], p.wsbuf[i+1] = wsUnindent, wsFormfeed
				i--
				continue
			}
			p.writeByte(byte(ch), 1)
		default:
			p.writeByte(byte(ch), 1)
		}
	}
	l := copy(p.wsbuf, p.wsbuf[n:])
	p.wsbuf = p.wsbuf[:l]
}

func mayCombine(prev token.Token, next byte) bool {
	switch prev {
	case token.INT:
		return next == '.'
	case token.ADD:
		return next == '+'
	case token.SUB:
		return next == '-'
	case token.QUO:
		return next == '*'
	case token.LSS:
		return next == '-' || next == '<'
	case token.AND:
		return next == '&' || next == '^'
	}
	return false
}

func (p *printer) setPos(pos token.Pos) {
	if pos.IsValid() {
		p.pos = p.posFor(pos)
	}
}

func (p *printer) tok(t token.Token) {
	s := t.String()
	if mayCombine(p.lastTok, s[0]) {
		p.wsbuf = append(p.wsbuf[:0], wsBlank)
	}
	implied := false
	switch t {
	case token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN,
		token.INC, token.DEC, token.RPAREN, token.RBRACK, token.RBRACE:
		implied = true
	}
	p.lastTok = t
	p.emit(s, implied)
}

func (p *printer) ident(x *ast.Ident) {
	p.lastTok = token.IDENT
	p.emit(x.Name, true)
}

func (p *printer) lit(x *ast.BasicLit) {
	if strings.ContainsAny(x.Value, "\n\f") {
		p.bail() // a literal across lines ends alignment: not covered
	}
	p.lastTok = x.Kind
	p.emit(x.Value, true)
}

// emit prints pending comments and whitespace, then data.
func (p *printer) emit(data string, impliedSemi bool) {
	next := p.pos
	wroteNewline, droppedFF := p.flush(next, p.lastTok)
	if !p.impliedSemi {
		n := min(next.line-p.pos.line, maxNewlines)
		if wroteNewline && n == maxNewlines {
			n = maxNewlines - 1
		}
		if n > 0 {
			ch := byte('\n')
			if droppedFF {
				ch = '\f'
			}
			p.writeByte(ch, n)
			impliedSemi = false
		}
	}
	if p.linePtr != 0 {
		p.lineSlots[p.linePtr-1] = p.out.line
		p.linePtr = 0
	}
	p.writeString(next, data)
	p.impliedSemi = impliedSemi
}

func (p *printer) flush(next position, tok token.Token) (wroteNewline, droppedFF bool) {
	if p.commentBefore(next) {
		return p.intersperseComments(next, tok)
	}
	p.writeWhitespace(len(p.wsbuf))
	return false, false
}

// Lists remember the output line of their last element's first token to
// start a new section after a multi-line element. The lines live in a
// stack of slots, one per list being printed, rather than in variables a
// pointer would move to the heap.
func (p *printer) pushLine() int {
	p.lineSlots = append(p.lineSlots, 0)
	return len(p.lineSlots) - 1
}

func (p *printer) popLine(slot int) {
	if p.linePtr == slot+1 {
		p.linePtr = 0
	}
	p.lineSlots = p.lineSlots[:slot]
}

func (p *printer) recordLine(slot int) { p.linePtr = slot + 1 }

func (p *printer) linesFrom(line int) int { return p.out.line - line }

// ---------------------------------------------------------------------------
// Comments (only //-style ones reach here)

func (p *printer) nextComment() {
	for p.cindex < len(p.comments) {
		c := p.comments[p.cindex]
		p.cindex++
		if len(c.List) > 0 {
			p.comment = c
			p.commentOffset = p.posFor(c.List[0].Pos()).offset
			return
		}
	}
	p.commentOffset = infinity
}

// commentBefore reports whether the current comment group comes before
// next; a //-style group always contains a line break.
func (p *printer) commentBefore(next position) bool {
	return p.commentOffset < next.offset && !p.impliedSemi
}

func (p *printer) commentSizeBefore(next position) int {
	cindex, comment, offset := p.cindex, p.comment, p.commentOffset
	size := 0
	for p.commentBefore(next) {
		for _, c := range p.comment.List {
			size += len(c.Text)
		}
		p.nextComment()
	}
	p.cindex, p.comment, p.commentOffset = cindex, comment, offset
	return size
}

// setComment is go/printer's for printing nodes without a file's comment
// list, which happens here only when measuring: a comment always breaks
// the line, so the node does not fit.
func (p *printer) setComment(g *ast.CommentGroup) {
	if g == nil || !p.useNodeComments {
		return
	}
	if !p.measure {
		p.bail()
	}
	p.hasNewline = true
}

func (p *printer) intersperseComments(next position, tok token.Token) (wroteNewline, droppedFF bool) {
	var last *ast.Comment
	for p.commentBefore(next) {
		list := p.comment.List
		changed := false
		if p.lastTok != token.IMPORT &&
			p.posFor(p.comment.Pos()).column == 1 &&
			p.posFor(p.comment.End()+1) == next {
			// a top-level doc comment: gofmt canonicalizes it
			list = docComment(list)
			changed = true
			if len(list) == 0 {
				// the comment had no text: gofmt drops it but keeps
				// the whitespace before it
				p.writeCommentPrefix(p.posFor(p.comment.Pos()), next, last, tok)
				p.pos = next
				p.last = next
				p.nextComment()
				return p.writeCommentSuffix(false)
			}
		}
		for _, c := range list {
			p.writeCommentPrefix(p.posFor(c.Pos()), next, last, tok)
			p.writeString(p.posFor(c.Pos()), strings.TrimRightFunc(c.Text, unicode.IsSpace))
			last = c
		}
		if changed {
			last = p.comment.List[len(p.comment.List)-1]
			p.pos = p.posFor(last.End())
			p.last = p.pos
		}
		p.nextComment()
	}
	if last == nil {
		p.bail()
	}
	return p.writeCommentSuffix(true)
}

func (p *printer) writeCommentPrefix(pos, next position, prev *ast.Comment, tok token.Token) {
	if !p.wrote {
		return
	}
	if pos.line == p.last.line && prev == nil {
		// a comment on the same line as the last item
		hasSep := false
		j := 0
		for i, ch := range p.wsbuf {
			switch ch {
			case wsBlank:
				p.wsbuf[i] = wsIgnore
				continue
			case wsVtab:
				hasSep = true
				continue
			case wsIndent:
				continue
			}
			j = i
			break
		}
		p.writeWhitespace(j)
		if !hasSep {
			sep := byte('\t')
			if pos.line == next.line {
				sep = ' '
			}
			p.writeByte(sep, 1)
		}
		return
	}
	// a comment on a different line
	droppedLinebreak := false
	j := 0
	for i, ch := range p.wsbuf {
		switch ch {
		case wsBlank, wsVtab:
			p.wsbuf[i] = wsIgnore
			continue
		case wsIndent:
			continue
		case wsUnindent:
			if i+1 < len(p.wsbuf) && p.wsbuf[i+1] == wsUnindent {
				continue
			}
			if tok != token.RBRACE && pos.column == next.column {
				continue
			}
		case wsNewline, wsFormfeed:
			p.wsbuf[i] = wsIgnore
			droppedLinebreak = prev == nil
		}
		j = i
		break
	}
	p.writeWhitespace(j)
	n := 0
	if pos.valid() && p.last.valid() {
		n = max(pos.line-p.last.line, 0)
	}
	if p.indent == 0 && droppedLinebreak {
		n++
	}
	if n == 0 && prev != nil {
		n = 1 // after a //-style comment
	}
	if n > 0 {
		p.writeByte('\f', min(n, maxNewlines))
	}
}

func (p *printer) writeCommentSuffix(needsLinebreak bool) (wroteNewline, droppedFF bool) {
	for i, ch := range p.wsbuf {
		switch ch {
		case wsBlank, wsVtab:
			p.wsbuf[i] = wsIgnore
		case wsIndent, wsUnindent:
		case wsNewline, wsFormfeed:
			if needsLinebreak {
				needsLinebreak = false
				wroteNewline = true
			} else {
				if ch == wsFormfeed {
					droppedFF = true
				}
				p.wsbuf[i] = wsIgnore
			}
		}
	}
	p.writeWhitespace(len(p.wsbuf))
	if needsLinebreak {
		p.writeByte('\n', 1)
		wroteNewline = true
	}
	return wroteNewline, droppedFF
}

// ---------------------------------------------------------------------------
// Sizes

// nodeSize is the size of n printed on one line, or more than maxSize if
// it does not fit in maxSize or breaks a line. Results are remembered per
// node whatever maxSize was, as go/printer does.
func (p *printer) nodeSize(n ast.Node, maxSize int) int {
	if size, ok := p.nodeSizes[n]; ok {
		return size
	}
	size := maxSize + 1
	p.nodeSizes[n] = size
	q := p.sub()
	switch n := n.(type) {
	case ast.Expr:
		q.expr(n)
	case ast.Stmt:
		if _, ok := n.(*ast.LabeledStmt); ok {
			q.indent = 1 // the label unindents
		}
		q.stmt(n, false)
	default:
		p.bail()
	}
	q.impliedSemi = false
	q.flush(position{offset: infinity, line: infinity}, token.EOF)
	if q.size <= maxSize && !q.hasNewline {
		size = q.size
		p.nodeSizes[n] = size
	}
	p.spare = append(p.spare, q)
	return size
}

func (p *printer) sub() *printer {
	var q *printer
	if n := len(p.spare); n > 0 {
		q, p.spare = p.spare[n-1], p.spare[:n-1]
	} else {
		q = new(printer)
	}
	q.reset(p.src, true, p.nodeSizes)
	q.useNodeComments = true
	return q
}
