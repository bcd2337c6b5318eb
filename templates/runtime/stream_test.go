package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// got is what a test stream yielded: each value with its event.
type got struct {
	V  any
	Ev StreamEvent
}

// readerStream makes a stream of T over r.
func readerStream[T any](r io.Reader, format streamFormat, sentinel string, envelope bool) *Stream[T] {
	c := newConfig(testServers(""), "", nil, nil, nil)
	resp := response{Response: &http.Response{Body: io.NopCloser(r)}, name: "op", operationID: "op", cfg: c}
	return newStream[T](resp, format, sentinel, envelope)
}

func drain[T any](s *Stream[T]) ([]got, error) {
	var out []got
	for s.Next() {
		out = append(out, got{s.Current(), s.Event()})
	}
	return out, s.Err()
}

// The WHATWG algorithm, case by case.
func TestSSEParsing(t *testing.T) {
	tests := []struct {
		name, in string
		want     []got
	}{
		{"lf", "data: 1\n\ndata: 2\n\n", []got{{1.0, StreamEvent{}}, {2.0, StreamEvent{}}}},
		{"crlf", "data: 1\r\n\r\ndata: 2\r\n\r\n", []got{{1.0, StreamEvent{}}, {2.0, StreamEvent{}}}},
		{"cr", "data: 1\r\rdata: 2\r\r", []got{{1.0, StreamEvent{}}, {2.0, StreamEvent{}}}},
		{"mixed ends", "data: 1\r\n\rdata: 2\n\r\n", []got{{1.0, StreamEvent{}}, {2.0, StreamEvent{}}}},
		{"multi-line data", "data: [1,\ndata: 2]\n\n", []got{{[]any{1.0, 2.0}, StreamEvent{}}}},
		{"no space after colon", "data:3\n\n", []got{{3.0, StreamEvent{}}}},
		{"only one space is removed", "data:  \"x\"\n\n", []got{{"x", StreamEvent{}}}},
		{"comments", ": hello\n:\ndata: 1\n: between\n\n", []got{{1.0, StreamEvent{}}}},
		{"bom", "\xef\xbb\xbfdata: 1\n\n", []got{{1.0, StreamEvent{}}}},
		{"event without data dispatches nothing", "event: ping\n\nid: 7\n\ndata: 1\n\n", []got{{1.0, StreamEvent{ID: "7"}}}},
		{"event name resets", "event: a\ndata: 1\n\ndata: 2\n\n", []got{{1.0, StreamEvent{Name: "a"}}, {2.0, StreamEvent{}}}},
		{"id persists", "id: a\ndata: 1\n\ndata: 2\n\nid\ndata: 3\n\n", []got{{1.0, StreamEvent{ID: "a"}}, {2.0, StreamEvent{ID: "a"}}, {3.0, StreamEvent{}}}},
		{"id with NUL ignored", "id: a\ndata: 1\n\nid: b\x00c\ndata: 2\n\n", []got{{1.0, StreamEvent{ID: "a"}}, {2.0, StreamEvent{ID: "a"}}}},
		{"retry", "retry: 1500\n\ndata: 1\n\nretry: 2x\ndata: 2\n\n", []got{{1.0, StreamEvent{Retry: 1500 * time.Millisecond}}, {2.0, StreamEvent{Retry: 1500 * time.Millisecond}}}},
		{"unknown fields", "foo: bar\ndata: 1\nDATA: 9\n\n", []got{{1.0, StreamEvent{}}}},
		{"field without colon", "data\ndata: 1\n\n", []got{{1.0, StreamEvent{}}}}, // data "\n1": JSON skips the space
		{"cut-off event discarded", "data: 1\n\ndata: 2\n", []got{{1.0, StreamEvent{}}}},
		{"cut-off line discarded", "data: 1\n\ndata: 2", []got{{1.0, StreamEvent{}}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := drain(readerStream[any](strings.NewReader(tt.in), streamSSE, "", false))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(out, tt.want) {
				t.Errorf("got %v, want %v", out, tt.want)
			}
		})
	}
}

// transcript has every construct the parser handles, with line ends of
// every kind, so that a split anywhere lands in each.
const transcript = "\xef\xbb\xbf: comment\r\n" +
	"retry: 250\r\n\r\n" +
	"event: delta\r\nid: 1\r\ndata: {\"n\":1,\r\ndata: \"s\":\"a\"}\r\n\r\n" +
	"event: delta\rid: 2\rdata:{\"n\":2,\"s\":\"b\\nc\"}\r\r" +
	"event: ping\n\n" +
	": keep-alive\n" +
	"data: {\"n\":3,\"s\":\"\"}\n\n" +
	"data: [DONE]\n\n" +
	"data: {\"n\":4}\n\n"

type item struct {
	N int    `json:"n"`
	S string `json:"s"`
}

var transcriptWant = []got{
	{item{1, "a"}, StreamEvent{Name: "delta", ID: "1", Retry: 250 * time.Millisecond}},
	{item{2, "b\nc"}, StreamEvent{Name: "delta", ID: "2", Retry: 250 * time.Millisecond}},
	{item{3, ""}, StreamEvent{ID: "2", Retry: 250 * time.Millisecond}},
}

// splitReader returns its first part, then the rest, in two reads.
type splitReader struct{ parts [][]byte }

func (r *splitReader) Read(p []byte) (int, error) {
	for len(r.parts) > 0 && len(r.parts[0]) == 0 {
		r.parts = r.parts[1:]
	}
	if len(r.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.parts[0])
	r.parts[0] = r.parts[0][n:]
	return n, nil
}

func TestSSESplitAtEveryByte(t *testing.T) {
	b := []byte(transcript)
	for i := 0; i <= len(b); i++ {
		r := &splitReader{parts: [][]byte{b[:i:i], b[i:]}}
		out, err := drain(readerStream[item](r, streamSSE, "[DONE]", false))
		if err != nil || !reflect.DeepEqual(out, transcriptWant) {
			t.Fatalf("split at %d (%q | %q): got %v, %v", i, b[:i], b[i:], out, err)
		}
	}
	// And one byte per read.
	out, err := drain(readerStream[item](iotest.OneByteReader(strings.NewReader(transcript)), streamSSE, "[DONE]", false))
	if err != nil || !reflect.DeepEqual(out, transcriptWant) {
		t.Fatalf("one byte per read: got %v, %v", out, err)
	}
}

func TestSSEWithoutSentinelDecodesIt(t *testing.T) {
	out, err := drain(readerStream[item](strings.NewReader(transcript), streamSSE, "", false))
	if len(out) != 3 || err == nil {
		t.Fatalf("got %v, %v; want 3 items and an error at [DONE]", out, err)
	}
	if !strings.Contains(err.Error(), "op: stream event 4:") || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("error %q does not say where", err)
	}
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		t.Errorf("error %v does not wrap encoding/json's", err)
	}
}

func TestStreamDecodeErrorHidesData(t *testing.T) {
	in := "data: {\"n\":1}\n\ndata: {\"n\":\"secret-token-123\"}\n\n"
	out, err := drain(readerStream[item](strings.NewReader(in), streamSSE, "", false))
	if len(out) != 1 || err == nil {
		t.Fatalf("got %v, %v", out, err)
	}
	if strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "stream event 2") {
		t.Errorf("error %q", err)
	}
}

type envelope struct {
	Event string `json:"event"`
	ID    string `json:"id"`
	Retry int    `json:"retry"`
	Data  item   `json:"data"`
}

func TestSSEEnvelope(t *testing.T) {
	in := "retry: 10\n\nevent: a\nid: x\"y\ndata: {\"n\":1,\"s\":\"s\"}\n\ndata: {\"n\":2}\n\n"
	out, err := drain(readerStream[envelope](strings.NewReader(in), streamSSE, "", true))
	if err != nil {
		t.Fatal(err)
	}
	want := []envelope{{"a", "x\"y", 10, item{1, "s"}}, {"", "x\"y", 10, item{N: 2}}}
	if len(out) != 2 || out[0].V != want[0] || out[1].V != want[1] {
		t.Errorf("got %v, want %v", out, want)
	}
	// Data that is not JSON is a string.
	type textEnvelope struct {
		Data string `json:"data"`
	}
	s := readerStream[textEnvelope](strings.NewReader("data: hello\ndata: world\n\n"), streamSSE, "", true)
	if !s.Next() || s.Current().Data != "hello\nworld" {
		t.Errorf("text data: %v %v", s.Current(), s.Err())
	}
}

func TestJSONLinesAndSequences(t *testing.T) {
	want := []any{map[string]any{"n": 1.0}, "two", 3.0}
	for _, tc := range []struct {
		format streamFormat
		in     string
	}{
		{streamJSONL, "{\"n\":1}\n\"two\"\r\n\n3"},
		{streamJSONL, "{\"n\":1}\n\"two\"\n3\n"},
		{streamJSONSeq, "\x1e{\"n\":1}\n\x1e\"two\"\n\x1e3\n"},
		{streamJSONSeq, "\x1e{\"n\":1}\n\x1e\x1e\"two\"\n\x1e3"},
	} {
		b := []byte(tc.in)
		for i := 0; i <= len(b); i++ {
			r := &splitReader{parts: [][]byte{b[:i:i], b[i:]}}
			out, err := drain(readerStream[any](r, tc.format, "", false))
			var vals []any
			for _, g := range out {
				vals = append(vals, g.V)
			}
			if err != nil || !reflect.DeepEqual(vals, want) {
				t.Fatalf("%q split at %d: got %v, %v", tc.in, i, vals, err)
			}
		}
	}
	// A record cut off by a dropped connection is the connection's error.
	out, err := drain(readerStream[any](io.MultiReader(strings.NewReader("1\n{\"n\":"), iotest.ErrReader(io.ErrUnexpectedEOF)), streamJSONL, "", false))
	if len(out) != 1 || !errors.Is(err, io.ErrUnexpectedEOF) || !strings.Contains(err.Error(), "after event 1") {
		t.Errorf("dropped: %v, %v", out, err)
	}
	_, err = drain(readerStream[any](strings.NewReader("1\n{oops\n"), streamJSONL, "", false))
	if err == nil || !strings.Contains(err.Error(), "stream event 2") {
		t.Errorf("bad line: %v", err)
	}
}

func TestStreamLimits(t *testing.T) {
	c := newConfig(testServers(""), "", nil, nil, []Option{WithMaxResponseBody(64)})
	mk := func(in string, f streamFormat) *Stream[any] {
		return newStream[any](response{Response: &http.Response{Body: io.NopCloser(strings.NewReader(in))}, name: "op", operationID: "op", cfg: c}, f, "", false)
	}
	long := strings.Repeat("1", 100)
	for _, tc := range []struct {
		in string
		f  streamFormat
	}{
		{"data: " + long + "\n\n", streamSSE},                      // one line
		{strings.Repeat("data: 11111111\n", 10) + "\n", streamSSE}, // one event's lines
		{": " + long + "\n\ndata: 1\n\n", streamSSE},               // a comment
		{long + "\n", streamJSONL},                                 // a record
		{strings.Repeat(" ", 100) + "\n", streamJSONL},             // even blank
	} {
		out, err := drain(mk(tc.in, tc.f))
		if len(out) != 0 || !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("%.20q: got %v, %v", tc.in, out, err)
		}
	}
	// Many events within the limit are fine: it bounds each one.
	out, err := drain(mk(strings.Repeat("data: 12345678\n\n", 100), streamSSE))
	if len(out) != 100 || err != nil {
		t.Errorf("100 small events: %d, %v", len(out), err)
	}
}

func TestNilStream(t *testing.T) {
	var s *Stream[int]
	if s.Next() || s.Current() != 0 || s.Err() != nil || s.Close() != nil || s.Event() != (StreamEvent{}) {
		t.Error("nil stream is not empty")
	}
	for range s.All() {
		t.Error("nil stream yields")
	}
}

func TestStreamAllStopsAndCloses(t *testing.T) {
	body := &closeCounter{Reader: strings.NewReader("data: 1\n\ndata: 2\n\ndata: x\n\n")}
	c := newConfig(testServers(""), "", nil, nil, nil)
	s := newStream[int](response{Response: &http.Response{Body: body}, name: "op", operationID: "op", cfg: c}, streamSSE, "", false)
	var vals []int
	var errs []error
	for v, err := range s.All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		vals = append(vals, v)
	}
	if !reflect.DeepEqual(vals, []int{1, 2}) || len(errs) != 1 || body.closed != 1 {
		t.Errorf("vals %v errs %v closed %d", vals, errs, body.closed)
	}
	body = &closeCounter{Reader: strings.NewReader("data: 1\n\ndata: 2\n\n")}
	s = newStream[int](response{Response: &http.Response{Body: body}, name: "op", operationID: "op", cfg: c}, streamSSE, "", false)
	for range s.All() {
		break
	}
	if body.closed != 1 {
		t.Errorf("early stop closed %d times", body.closed)
	}
}

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReplaceMember(t *testing.T) {
	tests := []struct{ in, lit, want string }{
		{`{"a":1,"stream":false,"b":[1,{"stream":1}]}`, "true", `{"a":1,"stream":true,"b":[1,{"stream":1}]}`},
		{`{"a":{"stream":false}}`, "true", `{"a":{"stream":false},"stream":true}`},
		{`{}`, "false", `{"stream":false}`},
		{`{ "stream" : null }`, "true", `{ "stream" : true }`},
		{`{"str\u0065am":true}`, "false", `{"str\u0065am":false}`},
	}
	for _, tt := range tests {
		out, err := replaceMember([]byte(tt.in), "stream", tt.lit)
		if err != nil || string(out) != tt.want {
			t.Errorf("replaceMember(%s) = %s, %v; want %s", tt.in, out, err, tt.want)
		}
	}
	if _, err := replaceMember([]byte(`[1]`), "stream", "true"); err == nil {
		t.Error("array accepted")
	}
	r := newRequest("op", "op", "POST", "/")
	r.setBodyFlag("stream", false)
	if r.hasBytesBody {
		t.Error("false flag without body sent a body")
	}
	r.setBodyFlag("stream", true)
	if string(r.bytesBody) != `{"stream":true}` || r.contentType != "application/json" {
		t.Errorf("true flag without body: %s", r.bytesBody)
	}
	r = newRequest("op", "op", "POST", "/")
	_ = r.setJSONBody("text")
	r.setBodyFlag("stream", true)
	if r.err == nil || !strings.Contains(r.err.Error(), "not a JSON object") {
		t.Errorf("string body: %v", r.err)
	}
}

func TestStreamDeadlineStops(t *testing.T) {
	ctx, cancel, stop := streamDeadline(context.Background(), 20*time.Millisecond)
	stop()
	time.Sleep(40 * time.Millisecond)
	if ctx.Err() != nil {
		t.Fatal("stopped deadline cancelled")
	}
	cancel()
	if ctx.Err() == nil {
		t.Fatal("cancel did not cancel")
	}
	ctx, cancel, _ = streamDeadline(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	if !errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
		t.Errorf("cause %v", context.Cause(ctx))
	}
}

func ExampleStream() {
	s := readerStream[item](strings.NewReader("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"), streamSSE, "[DONE]", false)
	defer s.Close()
	for s.Next() {
		fmt.Println(s.Current().N)
	}
	fmt.Println(s.Err())
	// Output:
	// 1
	// 2
	// <nil>
}
