package runtime

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// A stream body is sent with a Content-Length when its length can be known
// without reading it, so that servers that refuse chunked uploads take it.
func TestStreamBodyLength(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "f.bin")
	if err := os.WriteFile(file, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		body    func(t *testing.T) io.Reader
		header  string // a Content-Length parameter's value
		retries bool
		want    string
		length  int64 // as the server sees it; -1 for chunked
	}{
		{"bytes.Reader", func(*testing.T) io.Reader { return bytes.NewReader([]byte("hello")) }, "", false, "hello", 5},
		{"strings.Reader read in part", func(*testing.T) io.Reader {
			r := strings.NewReader("hello world")
			_, _ = io.CopyN(io.Discard, r, 6)
			return r
		}, "", false, "world", 5},
		{"bytes.Buffer", func(*testing.T) io.Reader { return bytes.NewBufferString("buffered") }, "", false, "buffered", 8},
		{"a Len that is not bytes", func(*testing.T) io.Reader { return lenReader{strings.NewReader("abc")} }, "", false, "abc", -1},
		{"file from an offset, retried", func(t *testing.T) io.Reader {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			if _, err := f.Seek(4, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			return f
		}, "", true, "456789", 6},
		{"plain reader", func(*testing.T) io.Reader { return io.MultiReader(strings.NewReader("ab"), strings.NewReader("cd")) }, "", false, "abcd", -1},
		{"plain reader, Content-Length parameter", func(*testing.T) io.Reader {
			return io.MultiReader(strings.NewReader("ab"), strings.NewReader("cd"))
		}, "4", false, "abcd", 4},
		{"Content-Length parameter loses to the known length", func(*testing.T) io.Reader { return strings.NewReader("abc") }, "99", false, "abc", 3},
		{"empty", func(*testing.T) io.Reader { return strings.NewReader("") }, "", false, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts := n.Add(1)
				b, err := io.ReadAll(r.Body)
				if err != nil || string(b) != c.want {
					t.Errorf("attempt %d: body %q, %v; want %q", attempts, b, err, c.want)
				}
				chunked := len(r.TransferEncoding) > 0 && r.TransferEncoding[0] == "chunked"
				if r.ContentLength != c.length || chunked != (c.length < 0) {
					t.Errorf("attempt %d: Content-Length %d, Transfer-Encoding %q; want length %d", attempts, r.ContentLength, r.TransferEncoding, c.length)
				}
				if c.retries && attempts == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
				}
			}))
			defer srv.Close()
			opts := []Option{WithHTTPClient(srv.Client())}
			if c.retries {
				opts = append(opts, WithRetryConfig(fastPolicy))
			}
			cfg := newConfig(testServers(srv.URL), "", nil, nil, opts)
			r := newRequest("Op", "op", http.MethodPut, "/x")
			if c.header != "" {
				r.header.Set("Content-Length", c.header)
			}
			r.setStreamBody("application/octet-stream", c.body(t))
			resp, err := cfg.do(context.Background(), r, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if want := map[bool]int32{false: 1, true: 2}[c.retries]; n.Load() != want || resp.StatusCode != 200 {
				t.Errorf("%d attempts, status %d; want %d, 200", n.Load(), resp.StatusCode, want)
			}
		})
	}
}

// A multipart body is sent with its length when every file's is known.
func TestMultipartBodyLength(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		content func() io.Reader
		chunked bool
	}{
		{"known lengths", func() io.Reader { return strings.NewReader("file data") }, false},
		{"a file of unknown length", func() io.Reader { return io.MultiReader(strings.NewReader("file data")) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, err := io.ReadAll(r.Body)
				if err != nil {
					t.Error(err)
				}
				chunked := len(r.TransferEncoding) > 0
				if chunked != c.chunked || !chunked && r.ContentLength != int64(len(b)) {
					t.Errorf("Content-Length %d, Transfer-Encoding %q, %d bytes read; want chunked %v", r.ContentLength, r.TransferEncoding, len(b), c.chunked)
				}
				r.Body = io.NopCloser(bytes.NewReader(b))
				if err := r.ParseMultipartForm(1 << 20); err != nil {
					t.Fatal(err)
				}
				f, _, err := r.FormFile("file")
				if err != nil {
					t.Fatal(err)
				}
				if got, _ := io.ReadAll(f); string(got) != "file data" || r.FormValue("note") != "a note" {
					t.Errorf("file %q, note %q", got, r.FormValue("note"))
				}
			}))
			defer srv.Close()
			cfg := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})
			r := newRequest("Op", "op", http.MethodPost, "/x")
			r.setMultipartBody([]formPart{fieldPart("note", "a note"), filePart("file", File{Name: "f.txt", Content: c.content()})})
			resp, err := cfg.do(context.Background(), r, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		})
	}
}

// lenReader has a Len that says nothing of its bytes.
type lenReader struct{ io.Reader }

func (lenReader) Len() int { return 1 }

// A file part the API gives a media type is sent as it, unless the File
// names its own.
func TestTypedFilePart(t *testing.T) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	parts := []formPart{
		typedFilePart("scan", File{Name: "a.pdf", Content: strings.NewReader("%PDF")}, "application/pdf"),
		typedFilePart("logo", File{Name: "l.jpg", ContentType: "image/jpeg", Content: strings.NewReader("jpg")}, "image/png"),
		filePart("raw", File{Name: "r", Content: strings.NewReader("r")}),
	}
	if err := writeParts(mw, parts, true); err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(&buf, mw.Boundary())
	for _, want := range []string{"application/pdf", "image/jpeg", "application/octet-stream"} {
		p, err := mr.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Header.Get("Content-Type"); got != want {
			t.Errorf("part %s: Content-Type %q, want %q", p.FormName(), got, want)
		}
	}
}
