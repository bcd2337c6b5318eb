package runtime

import (
	"encoding/json"
)

// Nullable holds an optional value that may also be null, so a request can
// leave it out, send null, or send a value, and a response tells the three
// apart. The zero value is absent and is not sent.
//
//sdkgen:optional
type Nullable[T any] struct {
	value T
	state nullableState
}

type nullableState uint8

const (
	nullableAbsent nullableState = iota
	nullableNull
	nullableSet
)

// NewNullable returns a Nullable holding v.
//
//sdkgen:optional
func NewNullable[T any](v T) Nullable[T] {
	return Nullable[T]{value: v, state: nullableSet}
}

// Null returns a Nullable that is sent as null.
//
//sdkgen:optional
func Null[T any]() Nullable[T] {
	return Nullable[T]{state: nullableNull}
}

// Get returns the value and true when one is set; null and absent give false.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == nullableSet }

// IsNull reports whether the value is explicitly null.
func (n Nullable[T]) IsNull() bool { return n.state == nullableNull }

// IsZero reports whether the value is absent, so that omitzero leaves it out.
func (n Nullable[T]) IsZero() bool { return n.state == nullableAbsent }

// MarshalJSON encodes the value, or null when it is null or absent.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != nullableSet {
		return []byte("null"), nil
	}
	return marshalJSON(n.value)
}

// UnmarshalJSON decodes null or a value. A value that does not decode
// leaves n as it was.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	text := trimSpaces(data)
	if string(text) == "null" {
		*n = Null[T]()
		return nil
	}
	// A plain string, the common case, is its own text: taking it directly
	// spares encoding/json a second pass over data and gives the same value.
	if s, ok := any(&n.value).(*string); ok && len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"' && isVerbatimString(text[1:len(text)-1]) {
		*s = string(text[1 : len(text)-1])
		n.state = nullableSet
		return nil
	}
	// Decoded in place, as a local T would be one more allocation.
	old := *n
	var zero T
	*n = NewNullable(zero)
	if err := json.Unmarshal(data, &n.value); err != nil {
		*n = old
		return err
	}
	return nil
}

// Ptr returns a pointer to v, for optional fields: Ptr(int64(10)).
func Ptr[T any](v T) *T { return &v }

// String, Bool, Int64 and Float64 return a pointer to v, for optional
// fields of the common scalar types: Int64(10) where Ptr(10) would be an
// *int.
func String(v string) *string { return &v }

// Bool returns a pointer to v, for optional bool fields.
func Bool(v bool) *bool { return &v }

// Int64 returns a pointer to v, for optional int64 fields: Int64(10).
func Int64(v int64) *int64 { return &v }

// Float64 returns a pointer to v, for optional float64 fields: Float64(1.5).
func Float64(v float64) *float64 { return &v }
