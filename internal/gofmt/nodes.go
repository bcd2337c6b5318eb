package gofmt

import (
	"go/ast"
	"go/token"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// linebreak prints as many line breaks as the source has up to line (at
// most maxNewlines, at least minBreaks), the first a formfeed if
// newSection, which ends every alignment block.
func (p *printer) linebreak(line, minBreaks int, ws wsKind, newSection bool) (nbreaks int) {
	n := max(min(line-p.pos.line, maxNewlines), minBreaks)
	if n > 0 {
		p.ws(ws)
		if newSection {
			p.ws(wsFormfeed)
			n--
			nbreaks = 2
		}
		nbreaks += n
		for ; n > 0; n-- {
			p.ws(wsNewline)
		}
	}
	return nbreaks
}

type exprListMode uint

const (
	commaTerm exprListMode = 1 << iota // list is optionally terminated by a comma
	noIndent                           // no extra indentation in multi-line lists
)

func (p *printer) identList(list []*ast.Ident, indent bool) {
	// exprList does not call identList on this printer while it runs, so
	// one scratch slice serves every call
	xlist := p.idents[:0]
	for _, x := range list {
		xlist = append(xlist, x)
	}
	p.idents = xlist
	var mode exprListMode
	if !indent {
		mode = noIndent
	}
	p.exprList(token.NoPos, xlist, 1, mode, token.NoPos)
}

// exprList prints a list of expressions, keeping the source's line breaks
// between them and aligning key: value pairs of consecutive lines.
func (p *printer) exprList(prev0 token.Pos, list []ast.Expr, depth int, mode exprListMode, next0 token.Pos) {
	if len(list) == 0 {
		return
	}
	prev := p.posFor(prev0)
	next := p.posFor(next0)
	line := p.lineFor(list[0].Pos())
	endLine := p.lineFor(list[len(list)-1].End())

	if prev.valid() && prev.line == line && line == endLine {
		// all on one line
		for i, x := range list {
			if i > 0 {
				p.setPos(x.Pos())
				p.tok(token.COMMA)
				p.ws(wsBlank)
			}
			p.expr0(x, depth)
		}
		return
	}

	ws := wsIgnore
	if mode&noIndent == 0 {
		ws = wsIndent
	}
	prevBreak := -1
	if prev.valid() && prev.line < line && p.linebreak(line, 0, ws, true) > 0 {
		ws = wsIgnore
		prevBreak = 0
	}
	size := 0
	lnsum := 0.0
	count := 0
	prevLine := prev.line
	for i, x := range list {
		line = p.lineFor(x.Pos())
		useFF := true
		prevSize := size
		const inf = 1e6
		size = p.nodeSize(x, inf)
		pair, isPair := x.(*ast.KeyValueExpr)
		if size <= inf && prev.valid() && next.valid() {
			if isPair {
				size = p.nodeSize(pair.Key, inf)
			}
		} else {
			size = 0
		}
		if prevSize > 0 && size > 0 {
			const smallSize = 40
			if count == 0 || prevSize <= smallSize && size <= smallSize {
				useFF = false
			} else {
				const r = 2.5
				geomean := math.Exp(lnsum / float64(count))
				ratio := float64(size) / geomean
				useFF = r*ratio <= 1 || r <= ratio
			}
		}
		needsLinebreak := 0 < prevLine && prevLine < line
		if i > 0 {
			if !needsLinebreak {
				p.setPos(x.Pos())
			}
			p.tok(token.COMMA)
			needsBlank := true
			if needsLinebreak {
				nbreaks := p.linebreak(line, 0, ws, useFF || prevBreak+1 < i)
				if nbreaks > 0 {
					ws = wsIgnore
					prevBreak = i
					needsBlank = false
				}
				if nbreaks > 1 {
					lnsum = 0
					count = 0
				}
			}
			if needsBlank {
				p.ws(wsBlank)
			}
		}
		if len(list) > 1 && isPair && size > 0 && needsLinebreak {
			p.expr(pair.Key)
			p.setPos(pair.Colon)
			p.tok(token.COLON)
			p.ws(wsVtab)
			p.expr(pair.Value)
		} else {
			p.expr0(x, depth)
		}
		if size > 0 {
			lnsum += math.Log(float64(size))
			count++
		}
		prevLine = line
	}

	if mode&commaTerm != 0 && next.valid() && p.pos.line < next.line {
		p.tok(token.COMMA)
		if ws == wsIgnore && mode&noIndent == 0 {
			p.ws(wsUnindent)
		}
		p.ws(wsFormfeed)
		return
	}
	if ws == wsIgnore && mode&noIndent == 0 {
		p.ws(wsUnindent)
	}
}

type paramMode int

const (
	funcParam paramMode = iota
	funcTParam
	typeTParam
)

func (p *printer) parameters(fields *ast.FieldList, mode paramMode) {
	openTok, closeTok := token.LPAREN, token.RPAREN
	if mode != funcParam {
		openTok, closeTok = token.LBRACK, token.RBRACK
	}
	p.setPos(fields.Opening)
	p.tok(openTok)
	if len(fields.List) > 0 {
		prevLine := p.lineFor(fields.Opening)
		ws := wsIndent
		for i, par := range fields.List {
			parLineBeg := p.lineFor(par.Pos())
			parLineEnd := p.lineFor(par.End())
			needsLinebreak := 0 < prevLine && prevLine < parLineBeg
			if i > 0 {
				if !needsLinebreak {
					p.setPos(par.Pos())
				}
				p.tok(token.COMMA)
			}
			if needsLinebreak && p.linebreak(parLineBeg, 0, ws, true) > 0 {
				ws = wsIgnore
			} else if i > 0 {
				p.ws(wsBlank)
			}
			if len(par.Names) > 0 {
				p.identList(par.Names, ws == wsIndent)
				p.ws(wsBlank)
			}
			p.expr(stripParensAlways(par.Type))
			prevLine = parLineEnd
		}
		if closing := p.lineFor(fields.Closing); 0 < prevLine && prevLine < closing {
			p.tok(token.COMMA)
			p.linebreak(closing, 0, wsIgnore, true)
		} else if mode == typeTParam && fields.NumFields() == 1 && combinesWithName(stripParensAlways(fields.List[0].Type)) {
			p.tok(token.COMMA)
		}
		if ws == wsIgnore {
			p.ws(wsUnindent)
		}
	}
	p.setPos(fields.Closing)
	p.tok(closeTok)
}

func combinesWithName(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.StarExpr:
		return !isTypeElem(x.X)
	case *ast.BinaryExpr:
		return combinesWithName(x.X) && !isTypeElem(x.Y)
	case *ast.ParenExpr:
		return !isTypeElem(x.X)
	}
	return false
}

func isTypeElem(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.ArrayType, *ast.StructType, *ast.FuncType, *ast.InterfaceType, *ast.MapType, *ast.ChanType:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.TILDE
	case *ast.BinaryExpr:
		return isTypeElem(x.X) || isTypeElem(x.Y)
	case *ast.ParenExpr:
		return isTypeElem(x.X)
	}
	return false
}

func (p *printer) signature(sig *ast.FuncType) {
	if sig.TypeParams != nil {
		p.parameters(sig.TypeParams, funcTParam)
	}
	if sig.Params != nil {
		p.parameters(sig.Params, funcParam)
	} else {
		p.tok(token.LPAREN)
		p.tok(token.RPAREN)
	}
	res := sig.Results
	if n := res.NumFields(); n > 0 {
		p.ws(wsBlank)
		if n == 1 && res.List[0].Names == nil {
			p.expr(stripParensAlways(res.List[0].Type))
			return
		}
		p.parameters(res, funcParam)
	}
}

func identListSize(list []*ast.Ident, maxSize int) (size int) {
	for i, x := range list {
		if i > 0 {
			size += len(", ")
		}
		size += utf8.RuneCountInString(x.Name)
		if size >= maxSize {
			break
		}
	}
	return size
}

func (p *printer) isOneLineFieldList(list []*ast.Field) bool {
	if len(list) != 1 {
		return false
	}
	f := list[0]
	if f.Tag != nil || f.Comment != nil {
		return false
	}
	const maxSize = 30
	namesSize := identListSize(f.Names, maxSize)
	if namesSize > 0 {
		namesSize = 1
	}
	typeSize := p.nodeSize(f.Type, maxSize)
	return namesSize+typeSize <= maxSize
}

func (p *printer) fieldList(fields *ast.FieldList, isStruct, isIncomplete bool) {
	if isIncomplete {
		p.bail()
	}
	lbrace := fields.Opening
	list := fields.List
	rbrace := fields.Closing
	hasComments := p.commentBefore(p.posFor(rbrace))
	srcIsOneLine := lbrace.IsValid() && rbrace.IsValid() && p.lineFor(lbrace) == p.lineFor(rbrace)

	if !hasComments && srcIsOneLine {
		if len(list) == 0 {
			p.setPos(lbrace)
			p.tok(token.LBRACE)
			p.setPos(rbrace)
			p.tok(token.RBRACE)
			return
		} else if p.isOneLineFieldList(list) {
			p.setPos(lbrace)
			p.tok(token.LBRACE)
			p.ws(wsBlank)
			f := list[0]
			if isStruct {
				for i, x := range f.Names {
					if i > 0 {
						p.tok(token.COMMA)
						p.ws(wsBlank)
					}
					p.expr(x)
				}
				if len(f.Names) > 0 {
					p.ws(wsBlank)
				}
				p.expr(f.Type)
			} else {
				if len(f.Names) > 0 {
					p.expr(f.Names[0])
					p.signature(f.Type.(*ast.FuncType))
				} else {
					p.expr(f.Type)
				}
			}
			p.ws(wsBlank)
			p.setPos(rbrace)
			p.tok(token.RBRACE)
			return
		}
	}

	p.ws(wsBlank)
	p.setPos(lbrace)
	p.tok(token.LBRACE)
	p.ws(wsIndent)
	if hasComments || len(list) > 0 {
		p.ws(wsFormfeed)
	}
	if isStruct {
		sep := wsVtab
		if len(list) == 1 {
			sep = wsBlank
		}
		line := p.pushLine()
		defer p.popLine(line)
		for i, f := range list {
			if i > 0 {
				p.linebreak(p.lineFor(f.Pos()), 1, wsIgnore, p.linesFrom(p.lineSlots[line]) > 0)
			}
			extraTabs := 0
			p.setComment(f.Doc)
			p.recordLine(line)
			if len(f.Names) > 0 {
				p.identList(f.Names, false)
				p.ws(sep)
				p.expr(f.Type)
				extraTabs = 1
			} else {
				p.expr(f.Type)
				extraTabs = 2
			}
			if f.Tag != nil {
				if len(f.Names) > 0 && sep == wsVtab {
					p.ws(sep)
				}
				p.ws(sep)
				p.expr(f.Tag)
				extraTabs = 0
			}
			if f.Comment != nil {
				for ; extraTabs > 0; extraTabs-- {
					p.ws(sep)
				}
				p.setComment(f.Comment)
			}
		}
	} else {
		line := p.pushLine()
		defer p.popLine(line)
		for i, f := range list {
			if i > 0 {
				p.linebreak(p.lineFor(f.Pos()), 1, wsIgnore, p.linesFrom(p.lineSlots[line]) > 0)
			}
			p.setComment(f.Doc)
			p.recordLine(line)
			if len(f.Names) > 0 {
				p.expr(f.Names[0])
				p.signature(f.Type.(*ast.FuncType))
			} else {
				p.expr(f.Type)
			}
			p.setComment(f.Comment)
		}
	}
	p.ws(wsUnindent)
	p.ws(wsFormfeed)
	p.setPos(rbrace)
	p.tok(token.RBRACE)
}

// ---------------------------------------------------------------------------
// Expressions

func walkBinary(e *ast.BinaryExpr) (has4, has5 bool, maxProblem int) {
	switch e.Op.Precedence() {
	case 4:
		has4 = true
	case 5:
		has5 = true
	}
	switch l := e.X.(type) {
	case *ast.BinaryExpr:
		if l.Op.Precedence() < e.Op.Precedence() {
			break // parenthesized
		}
		h4, h5, mp := walkBinary(l)
		has4 = has4 || h4
		has5 = has5 || h5
		maxProblem = max(maxProblem, mp)
	}
	switch r := e.Y.(type) {
	case *ast.BinaryExpr:
		if r.Op.Precedence() <= e.Op.Precedence() {
			break // parenthesized
		}
		h4, h5, mp := walkBinary(r)
		has4 = has4 || h4
		has5 = has5 || h5
		maxProblem = max(maxProblem, mp)
	case *ast.StarExpr:
		if e.Op == token.QUO {
			maxProblem = 5
		}
	case *ast.UnaryExpr:
		switch e.Op.String() + r.Op.String() {
		case "/*", "&&", "&^":
			maxProblem = 5
		case "++", "--":
			maxProblem = max(maxProblem, 4)
		}
	}
	return has4, has5, maxProblem
}

func cutoff(e *ast.BinaryExpr, depth int) int {
	has4, has5, maxProblem := walkBinary(e)
	if maxProblem > 0 {
		return maxProblem + 1
	}
	if has4 && has5 {
		if depth == 1 {
			return 5
		}
		return 4
	}
	if depth == 1 {
		return 6
	}
	return 4
}

func diffPrec(expr ast.Expr, prec int) int {
	x, ok := expr.(*ast.BinaryExpr)
	if !ok || prec != x.Op.Precedence() {
		return 1
	}
	return 0
}

func reduceDepth(depth int) int {
	return max(depth-1, 1)
}

func (p *printer) binaryExpr(x *ast.BinaryExpr, prec1, cutoff, depth int) {
	prec := x.Op.Precedence()
	if prec < prec1 {
		p.tok(token.LPAREN)
		p.expr0(x, reduceDepth(depth))
		p.tok(token.RPAREN)
		return
	}
	printBlank := prec < cutoff
	ws := wsIndent
	p.expr1(x.X, prec, depth+diffPrec(x.X, prec))
	if printBlank {
		p.ws(wsBlank)
	}
	xline := p.pos.line
	yline := p.lineFor(x.Y.Pos())
	p.setPos(x.OpPos)
	p.tok(x.Op)
	if xline != yline && xline > 0 && yline > 0 {
		if p.linebreak(yline, 1, ws, true) > 0 {
			ws = wsIgnore
			printBlank = false
		}
	}
	if printBlank {
		p.ws(wsBlank)
	}
	p.expr1(x.Y, prec+1, depth+1)
	if ws == wsIgnore {
		p.ws(wsUnindent)
	}
}

func isBinary(expr ast.Expr) bool {
	_, ok := expr.(*ast.BinaryExpr)
	return ok
}

func (p *printer) expr1(expr ast.Expr, prec1, depth int) {
	p.setPos(expr.Pos())
	switch x := expr.(type) {
	case *ast.Ident:
		p.ident(x)

	case *ast.BinaryExpr:
		if depth < 1 {
			p.bail()
		}
		p.binaryExpr(x, prec1, cutoff(x, depth), depth)

	case *ast.KeyValueExpr:
		p.expr(x.Key)
		p.setPos(x.Colon)
		p.tok(token.COLON)
		p.ws(wsBlank)
		p.expr(x.Value)

	case *ast.StarExpr:
		if token.UnaryPrec < prec1 {
			p.tok(token.LPAREN)
			p.tok(token.MUL)
			p.expr(x.X)
			p.tok(token.RPAREN)
		} else {
			p.tok(token.MUL)
			p.expr(x.X)
		}

	case *ast.UnaryExpr:
		if token.UnaryPrec < prec1 {
			p.tok(token.LPAREN)
			p.expr(x)
			p.tok(token.RPAREN)
		} else {
			p.tok(x.Op)
			if x.Op == token.RANGE {
				p.ws(wsBlank)
			}
			p.expr1(x.X, token.UnaryPrec, depth)
		}

	case *ast.BasicLit:
		p.lit(x)

	case *ast.FuncLit:
		p.setPos(x.Type.Pos())
		p.tok(token.FUNC)
		startCol := p.out.column - len("func")
		p.signature(x.Type)
		p.funcBody(p.distanceFrom(x.Type.Pos(), startCol), wsBlank, x.Body)

	case *ast.ParenExpr:
		if _, hasParens := x.X.(*ast.ParenExpr); hasParens {
			p.expr0(x.X, depth)
		} else {
			p.tok(token.LPAREN)
			p.expr0(x.X, reduceDepth(depth))
			p.setPos(x.Rparen)
			p.tok(token.RPAREN)
		}

	case *ast.SelectorExpr:
		p.selectorExpr(x, depth, false)

	case *ast.TypeAssertExpr:
		p.expr1(x.X, token.HighestPrec, depth)
		p.tok(token.PERIOD)
		p.setPos(x.Lparen)
		p.tok(token.LPAREN)
		if x.Type != nil {
			p.expr(x.Type)
		} else {
			p.tok(token.TYPE)
		}
		p.setPos(x.Rparen)
		p.tok(token.RPAREN)

	case *ast.IndexExpr:
		p.expr1(x.X, token.HighestPrec, 1)
		p.setPos(x.Lbrack)
		p.tok(token.LBRACK)
		p.expr0(x.Index, depth+1)
		p.setPos(x.Rbrack)
		p.tok(token.RBRACK)

	case *ast.IndexListExpr:
		p.expr1(x.X, token.HighestPrec, 1)
		p.setPos(x.Lbrack)
		p.tok(token.LBRACK)
		p.exprList(x.Lbrack, x.Indices, depth+1, commaTerm, x.Rbrack)
		p.setPos(x.Rbrack)
		p.tok(token.RBRACK)

	case *ast.SliceExpr:
		p.expr1(x.X, token.HighestPrec, 1)
		p.setPos(x.Lbrack)
		p.tok(token.LBRACK)
		indices := []ast.Expr{x.Low, x.High}
		if x.Max != nil {
			indices = append(indices, x.Max)
		}
		var needsBlanks bool
		if depth <= 1 {
			var indexCount int
			var hasBinaries bool
			for _, x := range indices {
				if x != nil {
					indexCount++
					if isBinary(x) {
						hasBinaries = true
					}
				}
			}
			if indexCount > 1 && hasBinaries {
				needsBlanks = true
			}
		}
		for i, x := range indices {
			if i > 0 {
				if indices[i-1] != nil && needsBlanks {
					p.ws(wsBlank)
				}
				p.tok(token.COLON)
				if x != nil && needsBlanks {
					p.ws(wsBlank)
				}
			}
			if x != nil {
				p.expr0(x, depth+1)
			}
		}
		p.setPos(x.Rbrack)
		p.tok(token.RBRACK)

	case *ast.CallExpr:
		if len(x.Args) > 1 {
			depth++
		}
		paren := false
		switch t := x.Fun.(type) {
		case *ast.FuncType:
			paren = true
		case *ast.ChanType:
			paren = t.Dir == ast.RECV
		}
		if paren {
			p.tok(token.LPAREN)
		}
		wasIndented := p.possibleSelectorExpr(x.Fun, token.HighestPrec, depth)
		if paren {
			p.tok(token.RPAREN)
		}
		p.setPos(x.Lparen)
		p.tok(token.LPAREN)
		if x.Ellipsis.IsValid() {
			p.exprList(x.Lparen, x.Args, depth, 0, x.Ellipsis)
			p.setPos(x.Ellipsis)
			p.tok(token.ELLIPSIS)
			if x.Rparen.IsValid() && p.lineFor(x.Ellipsis) < p.lineFor(x.Rparen) {
				p.tok(token.COMMA)
				p.ws(wsFormfeed)
			}
		} else {
			p.exprList(x.Lparen, x.Args, depth, commaTerm, x.Rparen)
		}
		p.setPos(x.Rparen)
		p.tok(token.RPAREN)
		if wasIndented {
			p.ws(wsUnindent)
		}

	case *ast.CompositeLit:
		if x.Incomplete {
			p.bail()
		}
		if x.Type != nil {
			p.expr1(x.Type, token.HighestPrec, depth)
		}
		p.setPos(x.Lbrace)
		p.tok(token.LBRACE)
		p.exprList(x.Lbrace, x.Elts, 1, commaTerm, x.Rbrace)
		p.ws(wsIndent)
		p.ws(wsUnindent)
		p.setPos(x.Rbrace)
		p.tok(token.RBRACE)

	case *ast.Ellipsis:
		p.tok(token.ELLIPSIS)
		if x.Elt != nil {
			p.expr(x.Elt)
		}

	case *ast.ArrayType:
		p.tok(token.LBRACK)
		if x.Len != nil {
			p.expr(x.Len)
		}
		p.tok(token.RBRACK)
		p.expr(x.Elt)

	case *ast.StructType:
		p.tok(token.STRUCT)
		p.fieldList(x.Fields, true, x.Incomplete)

	case *ast.FuncType:
		p.tok(token.FUNC)
		p.signature(x)

	case *ast.InterfaceType:
		p.tok(token.INTERFACE)
		p.fieldList(x.Methods, false, x.Incomplete)

	case *ast.MapType:
		p.tok(token.MAP)
		p.tok(token.LBRACK)
		p.expr(x.Key)
		p.tok(token.RBRACK)
		p.expr(x.Value)

	case *ast.ChanType:
		switch x.Dir {
		case ast.SEND | ast.RECV:
			p.tok(token.CHAN)
		case ast.RECV:
			p.tok(token.ARROW)
			p.tok(token.CHAN)
		case ast.SEND:
			p.tok(token.CHAN)
			p.setPos(x.Arrow)
			p.tok(token.ARROW)
		}
		p.ws(wsBlank)
		p.expr(x.Value)

	default:
		p.bail()
	}
}

func (p *printer) possibleSelectorExpr(expr ast.Expr, prec1, depth int) bool {
	if x, ok := expr.(*ast.SelectorExpr); ok {
		return p.selectorExpr(x, depth, true)
	}
	p.expr1(expr, prec1, depth)
	return false
}

func (p *printer) selectorExpr(x *ast.SelectorExpr, depth int, isMethod bool) bool {
	p.expr1(x.X, token.HighestPrec, depth)
	p.tok(token.PERIOD)
	if line := p.lineFor(x.Sel.Pos()); p.pos.valid() && p.pos.line < line {
		p.ws(wsIndent)
		p.ws(wsNewline)
		p.setPos(x.Sel.Pos())
		p.ident(x.Sel)
		if !isMethod {
			p.ws(wsUnindent)
		}
		return true
	}
	p.setPos(x.Sel.Pos())
	p.ident(x.Sel)
	return false
}

func (p *printer) expr0(x ast.Expr, depth int) { p.expr1(x, token.LowestPrec, depth) }

func (p *printer) expr(x ast.Expr) { p.expr1(x, token.LowestPrec, 1) }

// ---------------------------------------------------------------------------
// Statements

func (p *printer) stmtList(list []ast.Stmt, nindent int, nextIsRBrace bool) {
	if nindent > 0 {
		p.ws(wsIndent)
	}
	line := p.pushLine()
	defer p.popLine(line)
	i := 0
	for _, s := range list {
		if _, isEmpty := s.(*ast.EmptyStmt); isEmpty {
			continue
		}
		if p.wrote {
			p.linebreak(p.lineFor(s.Pos()), 1, wsIgnore, i == 0 || nindent == 0 || p.linesFrom(p.lineSlots[line]) > 0)
		}
		p.recordLine(line)
		p.stmt(s, nextIsRBrace && i == len(list)-1)
		// a label takes a line of its own before its statement
		for t := s; ; {
			lt, _ := t.(*ast.LabeledStmt)
			if lt == nil {
				break
			}
			p.lineSlots[line]++
			t = lt.Stmt
		}
		i++
	}
	if nindent > 0 {
		p.ws(wsUnindent)
	}
}

func (p *printer) block(b *ast.BlockStmt, nindent int) {
	p.setPos(b.Lbrace)
	p.tok(token.LBRACE)
	p.stmtList(b.List, nindent, true)
	p.linebreak(p.lineFor(b.Rbrace), 1, wsIgnore, true)
	p.setPos(b.Rbrace)
	p.tok(token.RBRACE)
}

func isTypeName(x ast.Expr) bool {
	switch t := x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isTypeName(t.X)
	}
	return false
}

func stripParens(x ast.Expr) ast.Expr {
	if px, strip := x.(*ast.ParenExpr); strip {
		ast.Inspect(px.X, func(node ast.Node) bool {
			switch x := node.(type) {
			case *ast.ParenExpr:
				return false
			case *ast.CompositeLit:
				if isTypeName(x.Type) {
					strip = false
				}
				return false
			}
			return true
		})
		if strip {
			return stripParens(px.X)
		}
	}
	return x
}

func stripParensAlways(x ast.Expr) ast.Expr {
	if x, ok := x.(*ast.ParenExpr); ok {
		return stripParensAlways(x.X)
	}
	return x
}

func (p *printer) controlClause(isForStmt bool, init ast.Stmt, expr ast.Expr, post ast.Stmt) {
	p.ws(wsBlank)
	needsBlank := false
	if init == nil && post == nil {
		if expr != nil {
			p.expr(stripParens(expr))
			needsBlank = true
		}
	} else {
		if init != nil {
			p.stmt(init, false)
		}
		p.tok(token.SEMICOLON)
		p.ws(wsBlank)
		if expr != nil {
			p.expr(stripParens(expr))
			needsBlank = true
		}
		if isForStmt {
			p.tok(token.SEMICOLON)
			p.ws(wsBlank)
			needsBlank = false
			if post != nil {
				p.stmt(post, false)
				needsBlank = true
			}
		}
	}
	if needsBlank {
		p.ws(wsBlank)
	}
}

func (p *printer) indentList(list []ast.Expr) bool {
	if len(list) >= 2 {
		b := p.lineFor(list[0].Pos())
		e := p.lineFor(list[len(list)-1].End())
		if 0 < b && b < e {
			n := 0
			line := b
			for _, x := range list {
				xb := p.lineFor(x.Pos())
				xe := p.lineFor(x.End())
				if line < xb {
					return true
				}
				if xb < xe {
					n++
				}
				line = xe
			}
			return n > 1
		}
	}
	return false
}

func (p *printer) stmt(stmt ast.Stmt, nextIsRBrace bool) {
	p.setPos(stmt.Pos())
	switch s := stmt.(type) {
	case *ast.DeclStmt:
		p.decl(s.Decl)

	case *ast.EmptyStmt:

	case *ast.LabeledStmt:
		// the unindent right after a line break moves before it
		// (writeWhitespace), putting the label one level out
		p.ws(wsUnindent)
		p.expr(s.Label)
		p.setPos(s.Colon)
		p.tok(token.COLON)
		p.ws(wsIndent)
		if e, isEmpty := s.Stmt.(*ast.EmptyStmt); isEmpty {
			if !nextIsRBrace {
				p.ws(wsNewline)
				p.setPos(e.Pos())
				p.tok(token.SEMICOLON)
				break
			}
		} else {
			p.linebreak(p.lineFor(s.Stmt.Pos()), 1, wsIgnore, true)
		}
		p.stmt(s.Stmt, nextIsRBrace)

	case *ast.ExprStmt:
		p.expr0(s.X, 1)

	case *ast.SendStmt:
		p.expr0(s.Chan, 1)
		p.ws(wsBlank)
		p.setPos(s.Arrow)
		p.tok(token.ARROW)
		p.ws(wsBlank)
		p.expr0(s.Value, 1)

	case *ast.IncDecStmt:
		p.expr0(s.X, 2)
		p.setPos(s.TokPos)
		p.tok(s.Tok)

	case *ast.AssignStmt:
		depth := 1
		if len(s.Lhs) > 1 && len(s.Rhs) > 1 {
			depth++
		}
		p.exprList(s.Pos(), s.Lhs, depth, 0, s.TokPos)
		p.ws(wsBlank)
		p.setPos(s.TokPos)
		p.tok(s.Tok)
		p.ws(wsBlank)
		p.exprList(s.TokPos, s.Rhs, depth, 0, token.NoPos)

	case *ast.GoStmt:
		p.tok(token.GO)
		p.ws(wsBlank)
		p.expr(s.Call)

	case *ast.DeferStmt:
		p.tok(token.DEFER)
		p.ws(wsBlank)
		p.expr(s.Call)

	case *ast.ReturnStmt:
		p.tok(token.RETURN)
		if s.Results != nil {
			p.ws(wsBlank)
			if p.indentList(s.Results) {
				p.ws(wsIndent)
				p.exprList(token.NoPos, s.Results, 1, noIndent, token.NoPos)
				p.ws(wsUnindent)
			} else {
				p.exprList(token.NoPos, s.Results, 1, 0, token.NoPos)
			}
		}

	case *ast.BranchStmt:
		p.tok(s.Tok)
		if s.Label != nil {
			p.ws(wsBlank)
			p.expr(s.Label)
		}

	case *ast.BlockStmt:
		p.block(s, 1)

	case *ast.IfStmt:
		p.tok(token.IF)
		p.controlClause(false, s.Init, s.Cond, nil)
		p.block(s.Body, 1)
		if s.Else != nil {
			p.ws(wsBlank)
			p.tok(token.ELSE)
			p.ws(wsBlank)
			switch s.Else.(type) {
			case *ast.BlockStmt, *ast.IfStmt:
				p.stmt(s.Else, nextIsRBrace)
			default:
				p.bail()
			}
		}

	case *ast.CaseClause:
		if s.List != nil {
			p.tok(token.CASE)
			p.ws(wsBlank)
			p.exprList(s.Pos(), s.List, 1, 0, s.Colon)
		} else {
			p.tok(token.DEFAULT)
		}
		p.setPos(s.Colon)
		p.tok(token.COLON)
		p.stmtList(s.Body, 1, nextIsRBrace)

	case *ast.SwitchStmt:
		p.tok(token.SWITCH)
		p.controlClause(false, s.Init, s.Tag, nil)
		p.block(s.Body, 0)

	case *ast.TypeSwitchStmt:
		p.tok(token.SWITCH)
		if s.Init != nil {
			p.ws(wsBlank)
			p.stmt(s.Init, false)
			p.tok(token.SEMICOLON)
		}
		p.ws(wsBlank)
		p.stmt(s.Assign, false)
		p.ws(wsBlank)
		p.block(s.Body, 0)

	case *ast.CommClause:
		if s.Comm != nil {
			p.tok(token.CASE)
			p.ws(wsBlank)
			p.stmt(s.Comm, false)
		} else {
			p.tok(token.DEFAULT)
		}
		p.setPos(s.Colon)
		p.tok(token.COLON)
		p.stmtList(s.Body, 1, nextIsRBrace)

	case *ast.SelectStmt:
		p.tok(token.SELECT)
		p.ws(wsBlank)
		body := s.Body
		if len(body.List) == 0 && !p.commentBefore(p.posFor(body.Rbrace)) {
			p.setPos(body.Lbrace)
			p.tok(token.LBRACE)
			p.setPos(body.Rbrace)
			p.tok(token.RBRACE)
		} else {
			p.block(body, 0)
		}

	case *ast.ForStmt:
		p.tok(token.FOR)
		p.controlClause(true, s.Init, s.Cond, s.Post)
		p.block(s.Body, 1)

	case *ast.RangeStmt:
		p.tok(token.FOR)
		p.ws(wsBlank)
		if s.Key != nil {
			p.expr(s.Key)
			if s.Value != nil {
				p.setPos(s.Value.Pos())
				p.tok(token.COMMA)
				p.ws(wsBlank)
				p.expr(s.Value)
			}
			p.ws(wsBlank)
			p.setPos(s.TokPos)
			p.tok(s.Tok)
			p.ws(wsBlank)
		}
		p.tok(token.RANGE)
		p.ws(wsBlank)
		p.expr(stripParens(s.X))
		p.ws(wsBlank)
		p.block(s.Body, 1)

	default:
		p.bail() // bad statements
	}
}

// ---------------------------------------------------------------------------
// Declarations

func keepTypeColumn(specs []ast.Spec) []bool {
	m := make([]bool, len(specs))
	populate := func(i, j int, keepType bool) {
		if keepType {
			for ; i < j; i++ {
				m[i] = true
			}
		}
	}
	i0 := -1
	var keepType bool
	for i, s := range specs {
		t := s.(*ast.ValueSpec)
		if t.Values != nil {
			if i0 < 0 {
				i0 = i
				keepType = false
			}
		} else if i0 >= 0 {
			populate(i0, i, keepType)
			i0 = -1
		}
		if t.Type != nil {
			keepType = true
		}
	}
	if i0 >= 0 {
		populate(i0, len(specs), keepType)
	}
	return m
}

func (p *printer) valueSpec(s *ast.ValueSpec, keepType bool) {
	p.setComment(s.Doc)
	p.identList(s.Names, false)
	extraTabs := 3
	if s.Type != nil || keepType {
		p.ws(wsVtab)
		extraTabs--
	}
	if s.Type != nil {
		p.expr(s.Type)
	}
	if s.Values != nil {
		p.ws(wsVtab)
		p.tok(token.ASSIGN)
		p.ws(wsBlank)
		p.exprList(token.NoPos, s.Values, 1, 0, token.NoPos)
		extraTabs--
	}
	if s.Comment != nil {
		for ; extraTabs > 0; extraTabs-- {
			p.ws(wsVtab)
		}
		p.setComment(s.Comment)
	}
}

// importPathCanonical reports whether go/printer would print lit as it is.
func importPathCanonical(lit *ast.BasicLit) bool {
	if lit.Kind != token.STRING {
		return true
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || s == "" {
		return true
	}
	const illegalChars = `!"#$%&'()*,:;<=>?[\]^{|}` + "`\uFFFD"
	for _, r := range s {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || strings.ContainsRune(illegalChars, r) {
			return true
		}
	}
	return strconv.Quote(s) == lit.Value
}

func (p *printer) spec(spec ast.Spec, n int, doIndent bool) {
	switch s := spec.(type) {
	case *ast.ImportSpec:
		p.setComment(s.Doc)
		if s.Name != nil {
			p.expr(s.Name)
			p.ws(wsBlank)
		}
		if !importPathCanonical(s.Path) {
			p.bail()
		}
		p.expr(s.Path)
		p.setComment(s.Comment)
		p.setPos(s.EndPos)

	case *ast.ValueSpec:
		p.setComment(s.Doc)
		p.identList(s.Names, doIndent)
		if s.Type != nil {
			p.ws(wsBlank)
			p.expr(s.Type)
		}
		if s.Values != nil {
			p.ws(wsBlank)
			p.tok(token.ASSIGN)
			p.ws(wsBlank)
			p.exprList(token.NoPos, s.Values, 1, 0, token.NoPos)
		}
		p.setComment(s.Comment)

	case *ast.TypeSpec:
		p.setComment(s.Doc)
		p.expr(s.Name)
		if s.TypeParams != nil {
			p.parameters(s.TypeParams, typeTParam)
		}
		if n == 1 {
			p.ws(wsBlank)
		} else {
			p.ws(wsVtab)
		}
		if s.Assign.IsValid() {
			p.tok(token.ASSIGN)
			p.ws(wsBlank)
		}
		p.expr(s.Type)
		p.setComment(s.Comment)
	}
}

func (p *printer) genDecl(d *ast.GenDecl) {
	p.setComment(d.Doc)
	p.setPos(d.Pos())
	p.tok(d.Tok)
	p.ws(wsBlank)
	if d.Lparen.IsValid() || len(d.Specs) != 1 {
		p.setPos(d.Lparen)
		p.tok(token.LPAREN)
		if n := len(d.Specs); n > 0 {
			p.ws(wsIndent)
			p.ws(wsFormfeed)
			line := p.pushLine()
			defer p.popLine(line)
			if n > 1 && (d.Tok == token.CONST || d.Tok == token.VAR) {
				keepType := keepTypeColumn(d.Specs)
				for i, s := range d.Specs {
					if i > 0 {
						p.linebreak(p.lineFor(s.Pos()), 1, wsIgnore, p.linesFrom(p.lineSlots[line]) > 0)
					}
					p.recordLine(line)
					p.valueSpec(s.(*ast.ValueSpec), keepType[i])
				}
			} else {
				for i, s := range d.Specs {
					if i > 0 {
						p.linebreak(p.lineFor(s.Pos()), 1, wsIgnore, p.linesFrom(p.lineSlots[line]) > 0)
					}
					p.recordLine(line)
					p.spec(s, n, false)
				}
			}
			p.ws(wsUnindent)
			p.ws(wsFormfeed)
		}
		p.setPos(d.Rparen)
		p.tok(token.RPAREN)
	} else if len(d.Specs) > 0 {
		p.spec(d.Specs[0], 1, true)
	}
}

func (p *printer) numLines(n ast.Node) int {
	if from := n.Pos(); from.IsValid() {
		if to := n.End(); to.IsValid() {
			return p.lineFor(to) - p.lineFor(from) + 1
		}
	}
	return infinity
}

func (p *printer) bodySize(b *ast.BlockStmt, maxSize int) int {
	pos1 := b.Pos()
	pos2 := b.Rbrace
	if pos1.IsValid() && pos2.IsValid() && p.lineFor(pos1) != p.lineFor(pos2) {
		return maxSize + 1
	}
	if len(b.List) > 5 {
		return maxSize + 1
	}
	bodySize := p.commentSizeBefore(p.posFor(pos2))
	for i, s := range b.List {
		if bodySize > maxSize {
			break
		}
		if i > 0 {
			bodySize += 2
		}
		bodySize += p.nodeSize(s, maxSize)
	}
	return bodySize
}

func (p *printer) funcBody(headerSize int, sep wsKind, b *ast.BlockStmt) {
	if b == nil {
		return
	}
	const maxSize = 100
	if headerSize+p.bodySize(b, maxSize) <= maxSize {
		p.ws(sep)
		p.setPos(b.Lbrace)
		p.tok(token.LBRACE)
		if len(b.List) > 0 {
			p.ws(wsBlank)
			for i, s := range b.List {
				if i > 0 {
					p.tok(token.SEMICOLON)
					p.ws(wsBlank)
				}
				p.stmt(s, i == len(b.List)-1)
			}
			p.ws(wsBlank)
		}
		p.setPos(b.Rbrace)
		p.tok(token.RBRACE)
		return
	}
	if sep != wsIgnore {
		p.ws(wsBlank)
	}
	p.block(b, 1)
}

func (p *printer) distanceFrom(startPos token.Pos, startOutCol int) int {
	if startPos.IsValid() && p.pos.valid() && p.posFor(startPos).line == p.pos.line {
		return p.out.column - startOutCol
	}
	return infinity
}

func (p *printer) funcDecl(d *ast.FuncDecl) {
	p.setComment(d.Doc)
	p.setPos(d.Pos())
	p.tok(token.FUNC)
	p.ws(wsBlank)
	startCol := p.out.column - len("func ")
	if d.Recv != nil {
		p.parameters(d.Recv, funcParam)
		p.ws(wsBlank)
	}
	p.expr(d.Name)
	p.signature(d.Type)
	p.funcBody(p.distanceFrom(d.Pos(), startCol), wsVtab, d.Body)
}

func (p *printer) decl(decl ast.Decl) {
	switch d := decl.(type) {
	case *ast.GenDecl:
		p.genDecl(d)
	case *ast.FuncDecl:
		p.funcDecl(d)
	default:
		p.bail()
	}
}

func declToken(decl ast.Decl) token.Token {
	switch d := decl.(type) {
	case *ast.GenDecl:
		return d.Tok
	case *ast.FuncDecl:
		return token.FUNC
	}
	return token.ILLEGAL
}

func hasDoc(d ast.Decl) bool {
	switch d := d.(type) {
	case *ast.GenDecl:
		return d.Doc != nil
	case *ast.FuncDecl:
		return d.Doc != nil
	}
	return false
}

func (p *printer) declList(list []ast.Decl) {
	tok := token.ILLEGAL
	for _, d := range list {
		prev := tok
		tok = declToken(d)
		if p.wrote {
			minBreaks := 1
			if prev != tok || hasDoc(d) {
				minBreaks = 2
			}
			p.linebreak(p.lineFor(d.Pos()), minBreaks, wsIgnore, tok == token.FUNC && p.numLines(d) > 1)
		}
		p.decl(d)
	}
}

func (p *printer) file(src *ast.File) {
	p.setComment(src.Doc)
	p.setPos(src.Pos())
	p.tok(token.PACKAGE)
	p.ws(wsBlank)
	p.expr(src.Name)
	p.declList(src.Decls)
	p.ws(wsNewline)
}
