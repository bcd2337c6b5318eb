// Package diag holds source positions and located errors and warnings.
//
// Every problem the generator reports names the file, line and column it
// comes from and the JSON pointer of the offending node, so a user can jump
// straight to it.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a spec file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether p names at least a file.
func (p Pos) IsValid() bool { return p.File != "" }

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, line and column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// ErrUnsupported marks a construct the generator cannot translate yet.
// Test with errors.Is.
var ErrUnsupported = errors.New("not supported")

// Error is a problem located in the spec.
type Error struct {
	Pos     Pos
	Pointer string // JSON pointer of the node, e.g. "#/paths/~1pets/get"
	Msg     string
	Err     error // optional cause, e.g. ErrUnsupported
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	if e.Pointer != "" {
		b.WriteString(": ")
		b.WriteString(e.Pointer)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Err != nil && !strings.Contains(e.Msg, e.Err.Error()) {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a located error.
func Errorf(pos Pos, pointer, format string, args ...any) *Error {
	return &Error{Pos: pos, Pointer: pointer, Msg: fmt.Sprintf(format, args...)}
}

// Unsupportedf returns a located error wrapping ErrUnsupported.
func Unsupportedf(pos Pos, pointer, format string, args ...any) *Error {
	return &Error{Pos: pos, Pointer: pointer, Msg: fmt.Sprintf(format, args...), Err: ErrUnsupported}
}

// List is a set of located errors, reported together in position order.
type List []*Error

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes the members so errors.Is and errors.As see through the list.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Sort orders the list by position, then pointer, then message.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(a.Pos.Compare(b.Pos), strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Msg, b.Msg))
	})
}

// Err returns the list sorted as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Warning is a located finding that did not stop generation.
type Warning = Error

// JoinPointer appends reference tokens to a JSON pointer, escaping "~" and "/".
func JoinPointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}
