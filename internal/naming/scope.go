package naming

import (
	"go/token"
	"strconv"
	"strings"
)

// Predeclared are Go's predeclared identifiers. Shadowing them in generated
// code compiles but confuses readers and breaks code that uses them later.
var Predeclared = []string{
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
	"complex128", "complex64", "copy", "delete", "error", "false", "float32", "float64",
	"imag", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min",
	"new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true",
	"uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
}

// WindowsDeviceNames are file names Windows reserves, whatever the
// extension; a file or directory named so cannot be created there.
var WindowsDeviceNames = []string{
	"con", "prn", "aux", "nul",
	"com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
	"lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
}

// Scope is one Go namespace (a package, a struct's fields, a function's
// locals). Names are claimed in a fixed order chosen by the caller, so the
// result never depends on map iteration or declaration order.
type Scope struct {
	taken map[string]bool
	// fold, when set, also treats names equal under case folding as taken.
	// File names need it: case-insensitive file systems are common.
	fold bool
	// next is, per base name, the number to try first: names are never
	// released, so every smaller one is still taken.
	next map[string]int
	// parent holds names taken before this scope was made (Child); it is
	// only read, so many scopes can share one large reserved set.
	parent *Scope
}

// NewScope returns a scope in which Go keywords and the given names are taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{taken: map[string]bool{}, next: map[string]int{}}
	s.Reserve(reserved...)
	return s
}

// NewFileScope returns a scope for file names, where names that differ only in
// case collide.
func NewFileScope(reserved ...string) *Scope {
	s := &Scope{taken: map[string]bool{}, fold: true, next: map[string]int{}}
	s.Reserve(reserved...)
	return s
}

func (s *Scope) key(name string) string {
	if s.fold {
		return strings.ToLower(name)
	}
	return name
}

// Child returns a new scope in which every name taken in s is taken. Later
// claims in s do not reach the child, nor the child's in s: reserve first,
// then make children.
func (s *Scope) Child() *Scope {
	return &Scope{taken: map[string]bool{}, fold: s.fold, next: map[string]int{}, parent: s}
}

// Reserve marks names as taken.
func (s *Scope) Reserve(names ...string) {
	for _, n := range names {
		s.taken[s.key(n)] = true
	}
}

// Taken reports whether name is unavailable: claimed, reserved or a keyword.
func (s *Scope) Taken(name string) bool {
	if name == "" || token.IsKeyword(name) {
		return true
	}
	k := s.key(name)
	for p := s; p != nil; p = p.parent {
		if p.taken[k] {
			return true
		}
	}
	return false
}

// Claim takes the first free candidate. When all are taken it appends the
// smallest number from 2 up that frees the first non-empty candidate, and
// reports numbered=true so the caller can warn.
func (s *Scope) Claim(candidates ...string) (name string, numbered bool) {
	base := ""
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if base == "" {
			base = c
		}
		if !s.Taken(c) {
			s.taken[s.key(c)] = true
			return c, false
		}
	}
	if base == "" {
		base = "X"
	}
	sep := ""
	if last := base[len(base)-1]; last >= '0' && last <= '9' {
		sep = "_" // "V1" + 2 would read as "V12"
	}
	for i := max(2, s.next[s.key(base)]); ; i++ {
		c := base + sep + strconv.Itoa(i)
		if !s.Taken(c) {
			s.taken[s.key(c)] = true
			s.next[s.key(base)] = i + 1
			return c, true
		}
	}
}
