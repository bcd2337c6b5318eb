package runtime

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
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
	return marshalValue(&n.value)
}

// UnmarshalJSON decodes null or a value. A value that does not decode
// leaves n as it was.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if string(bytes.Trim(data, " \t\r\n")) == "null" {
		*n = Null[T]()
		return nil
	}
	// Decoded in place, as a local T would be one more allocation.
	old := *n
	var zero T
	*n = NewNullable(zero)
	if err := unmarshalValue(data, &n.value); err != nil {
		*n = old
		return err
	}
	return nil
}

// marshalValue encodes the value p points to. Nullable's methods are
// compiled once for each type they hold, hundreds in a large API: the fast
// paths below are compiled once, here.
func marshalValue(p any) ([]byte, error) {
	// The common scalars skip the encoder; each gives the bytes it would.
	switch p := p.(type) {
	case *string:
		if isPlainString(*p) {
			b := make([]byte, 0, len(*p)+2)
			b = append(b, '"')
			b = append(b, *p...)
			return append(b, '"'), nil
		}
	case *int64:
		return strconv.AppendInt(nil, *p, 10), nil
	case *bool:
		return strconv.AppendBool(nil, *p), nil
	}
	return marshalJSON(p)
}

// unmarshalValue decodes data into the value p points to, compiled once
// as marshalValue is.
func unmarshalValue(data []byte, p any) error {
	lit := bytes.Trim(data, " \t\r\n")
	// The common scalars skip a nested json.Unmarshal, which checks data
	// again before decoding it; anything these fast paths are not sure of
	// goes the long way.
	switch p := p.(type) {
	case *string:
		if len(lit) >= 2 && lit[0] == '"' && lit[len(lit)-1] == '"' && isVerbatimString(lit[1:len(lit)-1]) {
			*p = string(lit[1 : len(lit)-1])
			return nil
		}
	case *int64:
		if isJSONInteger(lit) {
			if v, err := strconv.ParseInt(string(lit), 10, 64); err == nil {
				*p = v
				return nil
			}
		}
	case *bool:
		switch string(lit) {
		case "true":
			*p = true
			return nil
		case "false":
			*p = false
			return nil
		}
	}
	return json.Unmarshal(data, p)
}

// isPlainString reports whether s is the same inside JSON quotes as out:
// printable ASCII without quotes or backslashes.
func isPlainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// isVerbatimString reports whether the inside of a JSON string decodes to
// itself: valid UTF-8 without quotes, backslashes or control characters.
func isVerbatimString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

// isJSONInteger reports whether data is a JSON number without fraction or
// exponent: what strconv.ParseInt and JSON agree on.
func isJSONInteger(data []byte) bool {
	if len(data) > 0 && data[0] == '-' {
		data = data[1:]
	}
	if len(data) == 0 || (data[0] == '0' && len(data) > 1) {
		return false
	}
	for _, c := range data {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Ptr returns a pointer to v, for optional fields: Ptr(int64(10)).
func Ptr[T any](v T) *T { return &v }
