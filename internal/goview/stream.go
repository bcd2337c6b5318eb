package goview

import "github.com/sdkgen/sdkgen/internal/ir"

// Stream is the Go view of a method's stream result: *Stream[Item].
type Stream struct {
	IR   *ir.Stream
	Item *Type // each value's type, T
	// Format is the runtime constant that names the framing.
	Format string
	// ParamsOf is the method that declares the params struct this method
	// shares, for a stream twin; nil otherwise.
	ParamsOf *ir.Operation
}

// streamFormats are the runtime's names of the ir.StreamFormat values.
var streamFormats = [...]string{ir.StreamSSE: "streamSSE", ir.StreamJSONLines: "streamJSONL", ir.StreamJSONSeq: "streamJSONSeq"}

// stream makes the method's result a stream of the operation's item type.
func (v *View) stream(m *Method) {
	st := m.Op.Stream
	item, _ := ir.Unwrap(m.Op.Result.Type)
	s := &Stream{IR: st, Item: v.Type(item), Format: streamFormats[st.Format]}
	if tw := m.Op.Twin; tw != nil && tw.Stream == nil {
		s.ParamsOf = tw
	}
	m.Stream = s
	m.Result = Pointer(&Type{kind: kindGeneric, name: "Stream", path: v.Path, own: true, elem: s.Item, Decl: s.Item.Decl})
}

// OwnsParams reports whether the method declares its params struct: a
// stream twin uses its JSON method's.
func (m *Method) OwnsParams() bool {
	return m.Params != nil && (m.Stream == nil || m.Stream.ParamsOf == nil)
}
