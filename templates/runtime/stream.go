package runtime

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Stream is a response read as a sequence of typed values: server-sent
// events (text/event-stream), JSON Lines or JSON text sequences. Each event's
// data is decoded as T with encoding/json.
//
// A Stream, not a bare iter.Seq2, because it owns a connection: Close must
// release it whether or not the caller reads to the end, and a value with a
// Close method says so where an iterator function cannot. All gives the
// range-over-func form, closing the stream when the loop ends.
//
//	for stream.Next() {
//		v := stream.Current()
//	}
//	if err := stream.Err(); err != nil { ... }
//
// The stream ends cleanly at the end of the response, or at the sentinel
// data (such as "[DONE]") the API description gives. A connection dropped
// mid-stream, a cancelled context, a record larger than the client's
// WithMaxResponseBody, and data that does not decode end it with an error.
// The client's WithTimeout bounds only the wait for the response headers;
// the context bounds the whole stream.
//
// A Stream is read from one goroutine; Close may be called from another to
// end a blocked Next. The methods of a nil *Stream report an empty stream.
//
//sdkgen:optional
type Stream[T any] struct {
	body     io.ReadCloser
	rd       *bufio.Reader
	op       string // the operation, for errors
	format   streamFormat
	sentinel string
	envelope bool  // T is the whole event: data, event, id and retry
	limit    int64 // the most bytes of one line or one event's data

	started bool // the byte-order mark has been looked for
	skipLF  bool // the last line ended with CR: a LF right after it is part of that line end
	line    []byte
	data    []byte
	name    string // the event field of the event being read
	lastID  string
	retry   time.Duration
	ev      StreamEvent

	cur    T
	n      int // records decoded, for errors
	err    error
	done   bool
	closed atomic.Bool
	once   sync.Once
}

// StreamEvent is the server-sent event a stream's current value came from.
// JSON Lines and JSON text sequences have none: it is the zero value.
//
//sdkgen:optional
type StreamEvent struct {
	// Name is the event's event field; "" when it has none, which the
	// SSE specification calls a "message" event.
	Name string
	// ID is the last event ID: the latest id field of the stream so far,
	// which, as the specification says, carries over to later events.
	ID string
	// Retry is the latest reconnection time the stream sent (retry
	// field); 0 when it sent none.
	Retry time.Duration
}

// streamFormat is a stream's framing.
type streamFormat uint8

const (
	streamSSE     streamFormat = iota // text/event-stream
	streamJSONL                       // one JSON value per line
	streamJSONSeq                     // RFC 7464: each value after an RS byte
)

// newStream reads resp's body as a stream of T. sentinel, if not empty, is
// the data that ends the stream; envelope says T is the whole event, with
// data, event, id and retry members.
func newStream[T any](resp response, format streamFormat, sentinel string, envelope bool) *Stream[T] {
	return &Stream[T]{
		body:     resp.Body,
		rd:       bufio.NewReader(resp.Body),
		op:       resp.name,
		format:   format,
		sentinel: sentinel,
		envelope: envelope,
		limit:    resp.cfg.maxBody,
	}
}

// Next reads the next value, for Current. It returns false at the end of
// the stream, or on an error, which Err then returns.
func (s *Stream[T]) Next() bool {
	if s == nil || s.done {
		return false
	}
	data, ok := s.record()
	if !ok || (s.sentinel != "" && string(data) == s.sentinel) {
		s.finish(nil)
		return false
	}
	s.n++
	var v T
	if err := json.Unmarshal(s.decodable(data), &v); err != nil {
		// Where, not what: the data may hold secrets.
		s.finish(fmt.Errorf("%s: stream event %d: %w", s.op, s.n, decodeFailure("event data", err, &v)))
		return false
	}
	s.cur = v
	return true
}

// Current is the value the last successful Next read; the zero value once
// the stream has ended.
func (s *Stream[T]) Current() T {
	if s == nil {
		var zero T
		return zero
	}
	return s.cur
}

// Event is the server-sent event the current value came from: its event
// field, the last event ID and the latest retry field.
func (s *Stream[T]) Event() StreamEvent {
	if s == nil {
		return StreamEvent{}
	}
	return s.ev
}

// Err is the error that ended the stream; nil when it ended cleanly, or
// has not ended.
func (s *Stream[T]) Err() error {
	if s == nil {
		return nil
	}
	return s.err
}

// Close releases the stream's connection. It may be called more than once,
// and from another goroutine than the reader's, to end a blocked Next: that
// Next then returns false and Err stays nil.
func (s *Stream[T]) Close() error {
	if s == nil {
		return nil
	}
	s.closed.Store(true)
	var err error
	s.once.Do(func() { err = s.body.Close() })
	return err
}

// All ranges over the stream's values, then over its error, if any, as
// the last pair. The stream is closed when the loop ends, early or not.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.Current(), nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// finish ends the stream with err (nil for a clean end) and releases the
// connection. A stream ended by the sentinel is not drained: the server may
// hold it open.
func (s *Stream[T]) finish(err error) {
	s.done = true
	var zero T
	s.cur = zero
	if err != nil && !s.closed.Load() {
		s.err = err
	}
	_ = s.Close()
}

// readFailed ends the stream after a read error: io.EOF is the response's
// clean end; anything else (io.ErrUnexpectedEOF from a dropped connection,
// the context's error) is reported.
func (s *Stream[T]) readFailed(err error) {
	if errors.Is(err, io.EOF) {
		s.finish(nil)
		return
	}
	if errors.Is(err, ErrBodyTooLarge) {
		s.finish(fmt.Errorf("%s: stream event %d: %w", s.op, s.n+1, err))
		return
	}
	s.finish(fmt.Errorf("%s: reading stream after event %d: %w", s.op, s.n, err))
}

// record returns the next record's data, or false at the end or on an
// error (set by readFailed).
func (s *Stream[T]) record() ([]byte, bool) {
	if s.format == streamSSE {
		return s.event()
	}
	sep := byte('\n')
	if s.format == streamJSONSeq {
		sep = 0x1e
	}
	for {
		line, err := s.readLine(sep)
		// A last record without its terminator is still a record, when
		// the body ended cleanly.
		if v := bytes.TrimSpace(line); len(v) > 0 && (err == nil || err == io.EOF) {
			return v, true
		}
		if err != nil {
			s.readFailed(err)
			return nil, false
		}
	}
}

// event reads the next server-sent event that has data, as the WHATWG
// HTML specification's "interpreting an event stream" says: comments and
// unknown fields are ignored, a blank line dispatches, an event without
// data dispatches nothing, and an event cut off by the end of the stream
// is discarded.
func (s *Stream[T]) event() ([]byte, bool) {
	s.data, s.name = s.data[:0], ""
	for {
		line, err := s.readLine(0)
		if err != nil {
			s.readFailed(err)
			return nil, false
		}
		if len(line) == 0 {
			if len(s.data) == 0 {
				s.name = ""
				continue
			}
			s.ev = StreamEvent{Name: s.name, ID: s.lastID, Retry: s.retry}
			return s.data[:len(s.data)-1], true // without the last LF
		}
		if line[0] == ':' {
			continue
		}
		field, value, found := bytes.Cut(line, []byte(":"))
		if found && len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
		switch string(field) {
		case "event":
			s.name = string(value)
		case "data":
			if int64(len(s.data)+len(value)+1) > s.limit {
				s.readFailed(fmt.Errorf("%w: data over %d bytes", ErrBodyTooLarge, s.limit))
				return nil, false
			}
			s.data = append(append(s.data, value...), '\n')
		case "id":
			if bytes.IndexByte(value, 0) < 0 {
				s.lastID = string(value)
			}
		case "retry":
			if ms, err := strconv.ParseUint(string(value), 10, 63); err == nil && bytes.IndexFunc(value, notDigit) < 0 && ms <= uint64(maxRetryMillis) {
				s.retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
}

// maxRetryMillis is the longest retry field kept, so that it fits a Duration.
const maxRetryMillis = int64(^uint64(0)>>1) / int64(time.Millisecond)

func notDigit(r rune) bool { return r < '0' || r > '9' }

// readLine returns the next line without its end, which is sep, or for
// server-sent events (sep 0) CRLF, LF or CR. A line is read in pieces, as
// the connection delivers it, up to the stream's limit. At the end of the
// body it returns what it read with the read's error.
func (s *Stream[T]) readLine(sep byte) ([]byte, error) {
	s.line = s.line[:0]
	if !s.started {
		s.started = true
		// A leading byte-order mark is not part of the stream.
		if b, _ := s.rd.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
			_, _ = s.rd.Discard(3)
		}
	}
	for {
		if _, err := s.rd.Peek(1); err != nil {
			return s.line, err
		}
		buf, _ := s.rd.Peek(s.rd.Buffered())
		if s.skipLF {
			s.skipLF = false
			if buf[0] == '\n' {
				_, _ = s.rd.Discard(1)
				continue
			}
		}
		var i int
		if sep == 0 {
			i = bytes.IndexAny(buf, "\r\n")
		} else {
			i = bytes.IndexByte(buf, sep)
		}
		n := len(buf)
		if i >= 0 {
			n = i
		}
		if int64(len(s.line)+n) > s.limit {
			return nil, fmt.Errorf("%w: a line over %d bytes", ErrBodyTooLarge, s.limit)
		}
		s.line = append(s.line, buf[:n]...)
		if i < 0 {
			_, _ = s.rd.Discard(n)
			continue
		}
		s.skipLF = sep == 0 && buf[i] == '\r'
		_, _ = s.rd.Discard(i + 1)
		return s.line, nil
	}
}

// decodable is the JSON to decode as T: the data itself, or for an
// envelope an object of the event's fields, with data as it is when it is
// JSON and as a string when it is not.
func (s *Stream[T]) decodable(data []byte) []byte {
	if !s.envelope {
		return data
	}
	var b bytes.Buffer
	b.WriteString(`{"data":`)
	if json.Valid(data) {
		b.Write(data)
	} else {
		q, _ := json.Marshal(string(data))
		b.Write(q)
	}
	if s.ev.Name != "" {
		q, _ := json.Marshal(s.ev.Name)
		b.WriteString(`,"event":`)
		b.Write(q)
	}
	if s.ev.ID != "" {
		q, _ := json.Marshal(s.ev.ID)
		b.WriteString(`,"id":`)
		b.Write(q)
	}
	if s.ev.Retry > 0 {
		b.WriteString(`,"retry":`)
		b.WriteString(strconv.FormatInt(s.ev.Retry.Milliseconds(), 10))
	}
	b.WriteByte('}')
	return b.Bytes()
}

// setBodyFlag sets the JSON body's top-level property name to value, in
// place when the body has it, else added at the end: the method decides
// it, whatever the caller's body says. Without a body, value true sends
// an object with only the flag; false sends nothing.
func (r *request) setBodyFlag(name string, value bool) {
	lit := strconv.FormatBool(value)
	if !r.hasBytesBody {
		if value {
			q, _ := json.Marshal(name)
			r.setBytesBody("application/json", []byte(`{`+string(q)+`:`+lit+`}`))
		}
		return
	}
	b, err := replaceMember(r.bytesBody, name, lit)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("%s: setting %q in the request body: %w", r.name, name, err)
		return
	}
	r.bytesBody = b
}

// replaceMember returns the JSON object obj with member name set to the
// JSON value lit, keeping every other byte as it is.
func replaceMember(obj []byte, name, lit string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("the body is not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		if t == name {
			end := int(dec.InputOffset())
			start := end - len(raw)
			return append(append(append([]byte{}, obj[:start]...), lit...), obj[end:]...), nil
		}
	}
	end := bytes.LastIndexByte(obj, '}')
	q, _ := json.Marshal(name)
	member := string(q) + ":" + lit
	if len(bytes.TrimSpace(obj[1:end])) > 0 {
		member = "," + member
	}
	return append(append(append([]byte{}, obj[:end]...), member...), obj[end:]...), nil
}

// streaming marks the request's response as a stream, which is read long
// after the call returns: the call's timeout bounds only the wait for its
// headers, and the context the whole stream.
func (r *request) streaming() { r.deadline = streamDeadline }

// streamDeadline bounds the wait for a stream's response headers by d, and
// nothing after: the returned stop, called once the headers are in, ends
// the limit. cancel releases the context.
func streamDeadline(ctx context.Context, d time.Duration) (_ context.Context, cancel context.CancelFunc, stop func()) {
	ctx, cancelCause := context.WithCancelCause(ctx)
	t := time.AfterFunc(d, func() { cancelCause(context.DeadlineExceeded) })
	return ctx, func() { t.Stop(); cancelCause(context.Canceled) }, func() { t.Stop() }
}
