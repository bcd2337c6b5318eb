package runtime

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonDecoder reads the JSON in data into the SDK's types in one pass: each
// type has a generated decodeJSON method that reads its members in place,
// so a nested value is neither scanned again nor handed to encoding/json.
// The first error sticks: every read after it does nothing, and loops over
// members and elements end.
//
// It follows encoding/json where they meet: null leaves a value as it is
// (and sets pointers, slices, maps and any to nil), unknown members are
// skipped, strings with invalid UTF-8 get U+FFFD, numbers must fit their
// type. Object keys match field names exactly, as JSON spells them.
type jsonDecoder struct {
	data  []byte
	pos   int
	err   error
	depth int
	key   []byte // the key of the current member, unescaped
	buf   []byte // keeps an unescaped key
}

// jsonDecodable is a type with a generated decoder.
type jsonDecodable interface {
	decodeJSON(d *jsonDecoder)
}

// unmarshalJSON decodes data, a whole JSON document, into v.
func unmarshalJSON(data []byte, v jsonDecodable) error {
	d := jsonDecoder{data: data}
	v.decodeJSON(&d)
	return d.end()
}

// end checks that nothing but whitespace follows the value read, and
// returns the error, if any. A malformed document gives encoding/json's
// *json.SyntaxError, for callers that look for one with errors.As.
func (d *jsonDecoder) end() error {
	if d.err == nil {
		if d.pos = skipSpace(d.data, d.pos); d.pos < len(d.data) {
			d.syntaxError("after top-level value")
		}
	}
	if e, ok := d.err.(*jsonError); ok && e.syntax {
		if err := json.Unmarshal(d.data, new(json.RawMessage)); err != nil {
			return err
		}
	}
	return d.err
}

// jsonError is a malformed document or a value that does not fit its Go
// type, with the offset in the document where it was found.
type jsonError struct {
	msg    string
	offset int
	syntax bool
}

func (e *jsonError) Error() string {
	return "json: " + e.msg + " (offset " + strconv.Itoa(e.offset) + ")"
}

func (d *jsonDecoder) fail(msg string) {
	if d.err == nil {
		d.err = &jsonError{msg: msg, offset: d.pos}
	}
}

// syntaxError reports the byte at d.pos as unexpected.
func (d *jsonDecoder) syntaxError(where string) {
	if d.err != nil {
		return
	}
	msg := "unexpected end of JSON input"
	if d.pos < len(d.data) {
		msg = "invalid character " + strconv.QuoteRune(rune(d.data[d.pos])) + " " + where
	}
	d.err = &jsonError{msg: msg, offset: d.pos, syntax: true}
}

// typeError reports that the value at d.pos cannot be decoded into a Go
// value of type typ.
func (d *jsonDecoder) typeError(typ string) {
	kind := kindInvalid
	if d.peek() != 0 {
		kind = kindOf(d.data[d.pos:])
	}
	if kind == kindInvalid {
		d.syntaxError("looking for beginning of value")
		return
	}
	d.fail("cannot decode " + kindNames[kind] + " into Go value of type " + typ)
}

// kindNames are the kinds of JSON values as errors name them.
var kindNames = [...]string{kindNull: "null", kindBool: "bool", kindNumber: "number", kindString: "string", kindArray: "array", kindObject: "object"}

// peek skips whitespace and returns the next byte, or 0 at the end of data
// or after an error.
func (d *jsonDecoder) peek() byte {
	if d.err != nil {
		return 0
	}
	d.pos = skipSpace(d.data, d.pos)
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// readNull consumes null and reports whether it was there.
func (d *jsonDecoder) readNull() bool {
	if d.peek() != 'n' {
		return false
	}
	if end, ok := scanLiteral(d.data, d.pos, "null"); ok {
		d.pos = end
		return true
	}
	d.syntaxError("in literal null")
	return false
}

// beginObject starts reading an object and reports whether it has a first
// member, whose key is then in d.key. null (consumed) and {} give false; so
// does a value of another kind, which is an error for a Go value of type typ.
//
//	for ok := d.beginObject("map"); ok; ok = d.nextMember() { ... d.key ... }
func (d *jsonDecoder) beginObject(typ string) bool {
	return d.open('{', '}', typ) && d.readKey()
}

// open starts reading an object or array, whose delimiters are start and
// end, and reports whether it has a first member or element.
func (d *jsonDecoder) open(start, end byte, typ string) bool {
	switch d.peek() {
	case start:
	case 'n':
		d.readNull()
		return false
	default:
		d.typeError(typ)
		return false
	}
	if d.depth++; d.depth > maxJSONDepth {
		d.fail("exceeded max depth")
		return false
	}
	d.pos++
	if d.peek() == end {
		d.pos++
		d.depth--
		return false
	}
	return d.err == nil
}

// endOfObject is what beginFields and nextField return after an object's
// last member.
const endOfObject = -2

// beginFields starts reading an object into a struct whose JSON member
// names are keys, sorted, and returns the index in keys of the first
// member's name, -1 for a name not there, or endOfObject. The member's key
// is in d.key.
//
//	for i := d.beginFields("T", keys); i != endOfObject; i = d.nextField(keys) { switch i { ... } }
func (d *jsonDecoder) beginFields(typ string, keys []string) int {
	if !d.beginObject(typ) {
		return endOfObject
	}
	return d.field(keys)
}

// nextField moves past the current member's value to the next member, as
// beginFields.
func (d *jsonDecoder) nextField(keys []string) int {
	if !d.nextMember() {
		return endOfObject
	}
	return d.field(keys)
}

// field returns the index of the current member's key in keys, which are
// sorted, or -1 when it is not there.
func (d *jsonDecoder) field(keys []string) int {
	lo, hi := 0, len(keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(d.key) > keys[m] {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(keys) && string(d.key) == keys[lo] {
		return lo
	}
	return -1
}

// nextMember moves past the current member's value to the next member and
// reports whether there is one.
func (d *jsonDecoder) nextMember() bool {
	switch d.peek() {
	case ',':
		d.pos++
		d.peek()
		return d.readKey()
	case '}':
		d.pos++
		d.depth--
	default:
		d.syntaxError("after object key:value pair")
	}
	return false
}

// readKey reads a member's key and the colon after it.
func (d *jsonDecoder) readKey() bool {
	if d.err != nil {
		return false
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.syntaxError("looking for beginning of object key string")
		return false
	}
	start := d.pos + 1
	if end := d.plainStringEnd(start); end >= 0 {
		d.key = d.data[start:end]
		d.pos = end + 1
	} else {
		s, ok := d.readStringSlow(start)
		if !ok {
			return false
		}
		d.buf = append(d.buf[:0], s...)
		d.key = d.buf
	}
	if d.peek() != ':' {
		d.syntaxError("after object key")
		return false
	}
	d.pos++
	return true
}

// beginArray starts reading an array and reports whether it has a first
// element. null (consumed) and [] give false; so does a value of another
// kind, which is an error for a Go value of type typ.
func (d *jsonDecoder) beginArray(typ string) bool {
	return d.open('[', ']', typ)
}

// nextElement moves past the current element to the next and reports
// whether there is one.
func (d *jsonDecoder) nextElement() bool {
	switch d.peek() {
	case ',':
		d.pos++
		return true
	case ']':
		d.pos++
		d.depth--
	default:
		d.syntaxError("after array element")
	}
	return false
}

// skip reads past a value of any kind, checking that it is valid JSON. Kept
// out of line, as pathEscape is: every decodeJSON method calls it.
//
//go:noinline
func (d *jsonDecoder) skip() {
	d.rawValue()
}

// rawValue reads past a value of any kind, checking that it is valid JSON,
// and returns its text.
func (d *jsonDecoder) rawValue() []byte {
	if d.peek() == 0 {
		d.syntaxError("looking for beginning of value")
		return nil
	}
	start := d.pos
	end, ok := scanValue(d.data, start, d.depth)
	if !ok {
		d.pos = end
		d.syntaxError("in value")
		return nil
	}
	d.pos = end
	return d.data[start:end]
}

// readString reads a string; the caller has seen its opening quote.
func (d *jsonDecoder) readString() string {
	start := d.pos + 1
	if end := d.plainStringEnd(start); end >= 0 {
		d.pos = end + 1
		return string(d.data[start:end])
	}
	s, _ := d.readStringSlow(start)
	return string(s)
}

// plainStringEnd returns the index of the quote that closes the string whose
// text starts at data[start] when that text is its value (valid UTF-8
// without escapes or control characters), and -1 when it is not.
func (d *jsonDecoder) plainStringEnd(start int) int {
	i := start
	for i < len(d.data) && d.data[i] != '"' && d.data[i] != '\\' && d.data[i] >= 0x20 {
		i++
	}
	if i < len(d.data) && d.data[i] == '"' && utf8.Valid(d.data[start:i]) {
		return i
	}
	return -1
}

// readStringSlow reads the rest of a string that starts at data[start]
// (just past its quote) with escapes, control characters or non-ASCII
// bytes, as encoding/json unquotes it.
func (d *jsonDecoder) readStringSlow(start int) ([]byte, bool) {
	data := d.data
	out := make([]byte, 0, 16)
	i := start
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return out, true
		case c < 0x20:
			d.pos = i
			d.syntaxError("in string literal")
			return nil, false
		case c == '\\':
			if i+1 >= len(data) {
				d.pos = len(data)
				d.syntaxError("in string escape code")
				return nil, false
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(data, i+2)
				if !ok {
					d.pos = i + 1
					d.syntaxError("in \\u hexadecimal character escape")
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(data, i+2); ok && i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							out = utf8.AppendRune(out, dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				d.pos = i + 1
				d.syntaxError("in string escape code")
				return nil, false
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, data[i:i+size]...)
			}
			i += size
		}
	}
	d.pos = len(data)
	d.syntaxError("in string literal")
	return nil, false
}

// hex4 reads the four hexadecimal digits at data[i].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// number reads a number and returns its text, or nil after reporting a
// value of another kind as an error for a Go value of type typ. null gives
// nil and no error.
func (d *jsonDecoder) number(typ string) []byte {
	switch c := d.peek(); {
	case c == '-' || '0' <= c && c <= '9':
	case c == 'n':
		d.readNull()
		return nil
	default:
		d.typeError(typ)
		return nil
	}
	start := d.pos
	end, ok := scanNumber(d.data, start)
	d.pos = end
	if !ok {
		d.syntaxError("in numeric literal")
		return nil
	}
	return d.data[start:end]
}

// parseInt parses the text of a JSON number as an integer of bits bits.
func (d *jsonDecoder) parseInt(lit []byte, bits int, typ string) (int64, bool) {
	// Up to 18 digits cannot overflow an int64: no need for strconv.
	if n := len(lit); n > 0 && n <= 18 {
		neg := lit[0] == '-'
		digits := lit
		if neg {
			digits = lit[1:]
		}
		var v int64
		ok := len(digits) > 0
		for _, c := range digits {
			if c < '0' || c > '9' {
				ok = false
				break
			}
			v = v*10 + int64(c-'0')
		}
		if ok {
			if neg {
				v = -v
			}
			if bits == 64 || v >= math.MinInt32 && v <= math.MaxInt32 {
				return v, true
			}
		}
	}
	v, err := strconv.ParseInt(string(lit), 10, bits)
	if err != nil {
		d.pos -= len(lit)
		d.fail("cannot decode number " + string(lit) + " into Go value of type " + typ)
		return 0, false
	}
	return v, true
}

func (d *jsonDecoder) parseFloat(lit []byte, bits int, typ string) (float64, bool) {
	v, err := strconv.ParseFloat(string(lit), bits)
	if err != nil {
		d.pos -= len(lit)
		d.fail("cannot decode number " + string(lit) + " into Go value of type " + typ)
		return 0, false
	}
	return v, true
}

// The decoders of built-in types, each func(*T, *jsonDecoder) so that
// decodeSlice and the others can take them as they take a generated
// type's decodeJSON method.

func decodeString(p *string, d *jsonDecoder) {
	switch d.peek() {
	case '"':
		*p = d.readString()
	case 'n':
		d.readNull()
	default:
		d.typeError("string")
	}
}

func decodeBool(p *bool, d *jsonDecoder) {
	switch d.peek() {
	case 't':
		if end, ok := scanLiteral(d.data, d.pos, "true"); ok {
			*p, d.pos = true, end
			return
		}
		d.syntaxError("in literal true")
	case 'f':
		if end, ok := scanLiteral(d.data, d.pos, "false"); ok {
			*p, d.pos = false, end
			return
		}
		d.syntaxError("in literal false")
	case 'n':
		d.readNull()
	default:
		d.typeError("bool")
	}
}

func decodeInt64(p *int64, d *jsonDecoder) {
	if lit := d.number("int64"); lit != nil {
		if v, ok := d.parseInt(lit, 64, "int64"); ok {
			*p = v
		}
	}
}

func decodeInt32(p *int32, d *jsonDecoder) {
	if lit := d.number("int32"); lit != nil {
		if v, ok := d.parseInt(lit, 32, "int32"); ok {
			*p = int32(v)
		}
	}
}

func decodeFloat64(p *float64, d *jsonDecoder) {
	if lit := d.number("float64"); lit != nil {
		if v, ok := d.parseFloat(lit, 64, "float64"); ok {
			*p = v
		}
	}
}

func decodeFloat32(p *float32, d *jsonDecoder) {
	if lit := d.number("float32"); lit != nil {
		if v, ok := d.parseFloat(lit, 32, "float32"); ok {
			*p = float32(v)
		}
	}
}

// The decoders of enums, one per base type, each shared by all enums of
// that type: values the SDK does not know decode too.

func decodeStringEnum[E ~string](p *E, d *jsonDecoder) {
	v := string(*p)
	decodeString(&v, d)
	*p = E(v)
}

func decodeInt64Enum[E ~int64](p *E, d *jsonDecoder) {
	v := int64(*p)
	decodeInt64(&v, d)
	*p = E(v)
}

func decodeInt32Enum[E ~int32](p *E, d *jsonDecoder) {
	v := int32(*p)
	decodeInt32(&v, d)
	*p = E(v)
}

func decodeFloat64Enum[E ~float64](p *E, d *jsonDecoder) {
	v := float64(*p)
	decodeFloat64(&v, d)
	*p = E(v)
}

func decodeFloat32Enum[E ~float32](p *E, d *jsonDecoder) {
	v := float32(*p)
	decodeFloat32(&v, d)
	*p = E(v)
}

func decodeBoolEnum[E ~bool](p *E, d *jsonDecoder) {
	v := bool(*p)
	decodeBool(&v, d)
	*p = E(v)
}

// decodeBytes reads base64, as encoding/json encodes []byte.
func decodeBytes(p *[]byte, d *jsonDecoder) {
	switch d.peek() {
	case '"':
		start := d.pos
		s := d.readString()
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			d.pos = start
			d.fail("cannot decode string into Go value of type []byte: " + err.Error())
			return
		}
		*p = b
	case 'n':
		d.readNull()
		*p = nil
	default:
		d.typeError("[]byte")
	}
}

// decodeTime reads an RFC 3339 date-time, as time.Time's UnmarshalJSON does.
func decodeTime(p *time.Time, d *jsonDecoder) {
	switch d.peek() {
	case '"':
		start := d.pos
		raw := d.rawValue()
		if d.err != nil {
			return
		}
		if err := p.UnmarshalJSON(raw); err != nil {
			d.pos = start
			d.fail("cannot decode string into Go value of type time.Time: " + err.Error())
		}
	case 'n':
		d.readNull()
	default:
		d.typeError("time.Time")
	}
}

// decodeAny reads any value as encoding/json does into an interface:
// map[string]any, []any, string, float64, bool or nil.
func decodeAny(p *any, d *jsonDecoder) {
	switch c := d.peek(); {
	case c == '{':
		var m map[string]any
		decodeMap(&m, d, decodeAny)
		*p = m
	case c == '[':
		var s []any
		decodeSlice(&s, d, decodeAny)
		*p = s
	case c == '"':
		*p = d.readString()
	case c == 't' || c == 'f':
		var b bool
		decodeBool(&b, d)
		*p = b
	case c == 'n':
		d.readNull()
		*p = nil
	case c == '-' || '0' <= c && c <= '9':
		if lit := d.number("float64"); lit != nil {
			if v, ok := d.parseFloat(lit, 64, "float64"); ok {
				*p = v
			}
		}
	default:
		d.syntaxError("looking for beginning of value")
	}
}

// decodeRaw keeps a value's JSON text as it is.
func decodeRaw(p *json.RawMessage, d *jsonDecoder) {
	if raw := d.rawValue(); d.err == nil {
		*p = append((*p)[:0], raw...)
	}
}

// decodeFallback hands a value to encoding/json, for types without a
// decoder of their own.
func decodeFallback[T any](p *T, d *jsonDecoder) {
	start := d.pos
	raw := d.rawValue()
	if d.err != nil {
		return
	}
	if err := json.Unmarshal(raw, p); err != nil {
		d.pos = start
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			d.fail("cannot decode " + typeErr.Value + " into Go value of type " + typeErr.Type.String())
			return
		}
		d.fail(err.Error())
	}
}

// decodeSlice reads an array, each element with fn; null gives nil.
func decodeSlice[T any](p *[]T, d *jsonDecoder, fn func(*T, *jsonDecoder)) {
	if d.readNull() {
		*p = nil
		return
	}
	s := (*p)[:0]
	for ok := d.beginArray("slice"); ok; ok = d.nextElement() {
		var zero T
		s = append(s, zero)
		fn(&s[len(s)-1], d)
	}
	if s == nil && d.err == nil {
		s = []T{}
	}
	*p = s
}

// sliceDecoder, mapDecoder and ptrDecoder make the decoder of a slice, map
// or pointer from its element's, for nested types.
func sliceDecoder[T any](fn func(*T, *jsonDecoder)) func(*[]T, *jsonDecoder) {
	return func(p *[]T, d *jsonDecoder) { decodeSlice(p, d, fn) }
}

func mapDecoder[T any](fn func(*T, *jsonDecoder)) func(*map[string]T, *jsonDecoder) {
	return func(p *map[string]T, d *jsonDecoder) { decodeMap(p, d, fn) }
}

func ptrDecoder[T any](fn func(*T, *jsonDecoder)) func(**T, *jsonDecoder) {
	return func(p **T, d *jsonDecoder) { decodePtr(p, d, fn) }
}

// decodeMap reads an object of values each read with fn; null gives nil.
func decodeMap[T any](p *map[string]T, d *jsonDecoder, fn func(*T, *jsonDecoder)) {
	if d.readNull() {
		*p = nil
		return
	}
	ok := d.beginObject("map")
	if *p == nil && d.err == nil {
		*p = map[string]T{}
	}
	for ; ok; ok = d.nextMember() {
		decodeEntry(p, d, fn)
	}
}

// decodeEntry reads the value of the current member into (*p)[d.key],
// making the map when it is nil.
func decodeEntry[T any](p *map[string]T, d *jsonDecoder, fn func(*T, *jsonDecoder)) {
	k := string(d.key)
	var v T
	fn(&v, d)
	if d.err != nil {
		return
	}
	if *p == nil {
		*p = map[string]T{}
	}
	(*p)[k] = v
}

// decodePtr reads a value into a new *T; null gives nil.
func decodePtr[T any](p **T, d *jsonDecoder, fn func(*T, *jsonDecoder)) {
	if d.readNull() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(T)
	}
	fn(*p, d)
}

// decodeRef reads an object or union into *p, setting it to fresh, a new
// value, when it is nil; null gives nil. It is decodePtr for the SDK's own types: every P is
// a pointer, so one compiled instance serves them all (decodePtr needs one
// per type), at the price of an allocation wasted on null.
func decodeRef[P interface {
	comparable
	jsonDecodable
}](p *P, d *jsonDecoder, fresh P) {
	var zero P
	if d.readNull() {
		*p = zero
		return
	}
	if *p == zero {
		*p = fresh // else decoded into the value there, as encoding/json does
	}
	(*p).decodeJSON(d)
}

// decodeNullable reads null or a value.
func decodeNullable[T any](p *Nullable[T], d *jsonDecoder, fn func(*T, *jsonDecoder)) {
	if d.readNull() {
		*p = Null[T]()
		return
	}
	var zero T
	*p = NewNullable(zero)
	fn(&p.value, d)
}

// rewind moves d back to the start of raw, the value it has just read, to
// read it again. settle, given what rewind returns, ends that reading.
func (d *jsonDecoder) rewind(raw []byte) (end, depth int) {
	end, depth = d.pos, d.depth
	d.pos -= len(raw)
	return end, depth
}

// settle reports whether the value read again since rewind was read without
// error, to its end; when it was not, it forgets the error and moves d past
// the value, as if it had been skipped.
func (d *jsonDecoder) settle(end, depth int) bool {
	if d.err == nil && d.pos == end {
		return true
	}
	d.err, d.pos, d.depth = nil, end, depth
	return false
}

// decodeVariantPtr is decodeVariant for a variant held by pointer.
func decodeVariantPtr[T any](d *jsonDecoder, raw []byte, dst **T, fn func(*T, *jsonDecoder)) bool {
	v := new(T)
	if !decodeVariant(d, raw, v, fn) {
		return false
	}
	*dst = v
	return true
}

// decodeVariantRef is decodeVariant for a variant of the SDK's own types,
// held by pointer: fresh is a new value to decode into. Like decodeRef, it
// has one compiled instance for all.
func decodeVariantRef[P jsonDecodable](d *jsonDecoder, raw []byte, dst *P, fresh P) bool {
	end, depth := d.rewind(raw)
	fresh.decodeJSON(d)
	if !d.settle(end, depth) {
		return false
	}
	*dst = fresh
	return true
}

// decodeVariant decodes raw, the value d has just read, into *dst with fn,
// and reports whether it fit. When it does not, *dst is left as it was and
// d carries on after raw: a failed attempt at one variant leaves no trace.
func decodeVariant[T any](d *jsonDecoder, raw []byte, dst *T, fn func(*T, *jsonDecoder)) bool {
	old := *dst
	var zero T
	*dst = zero
	end, depth := d.rewind(raw)
	fn(dst, d)
	if !d.settle(end, depth) {
		*dst = old
		return false
	}
	return true
}
