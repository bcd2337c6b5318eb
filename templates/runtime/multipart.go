package runtime

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// File is a file to upload in a multipart/form-data body. Content is
// streamed, not buffered; when it is an io.Seeker it is rewound for each
// attempt, otherwise the call is not retried. The SDK does not close it.
//
//sdkgen:optional
type File struct {
	Name        string    // the file name sent to the server; no line breaks
	ContentType string    // a media type; when empty, the part's in the API description, else "application/octet-stream"
	Content     io.Reader // the file's bytes
}

// formPart is one part of a multipart body: a file, or a field's value.
type formPart struct {
	name        string
	value       string
	contentType string // for JSON-encoded fields
	file        *File
}

func filePart(name string, f File) formPart { return formPart{name: name, file: &f} }

// typedFilePart is filePart for a part the API describes with a media type,
// which a File without one is sent as.
func typedFilePart(name string, f File, contentType string) formPart {
	if f.ContentType == "" {
		f.ContentType = contentType
	}
	return formPart{name: name, file: &f}
}

func fieldPart(name, value string) formPart { return formPart{name: name, value: value} }

// jsonPart encodes a structured field as JSON, the default for objects.
func jsonPart(name string, v any) (formPart, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return formPart{}, fmt.Errorf("encoding form field %q: %w", name, err)
	}
	return formPart{name: name, value: string(b), contentType: "application/json"}, nil
}

// formTextPart encodes a structured field as a form, the media type the API
// gives its part (an object's properties as name=value pairs, as a form
// body's are); any other value is one pair under the field's name.
func formTextPart(name string, v any) (formPart, error) {
	generic, err := toGeneric(v)
	if err != nil {
		return formPart{}, fmt.Errorf("encoding form field %q: %w", name, err)
	}
	var q query
	if obj, ok := generic.(map[string]any); ok {
		for _, k := range sortedKeys(obj) {
			formValue(&q, k, obj[k], "", true)
		}
	} else {
		formValue(&q, name, generic, "", true)
	}
	return formPart{name: name, value: q.encode(), contentType: "application/x-www-form-urlencoded"}, nil
}

// anyPart sends a field the API gives no type as what its value is: a File
// as a file part, a string, number or boolean as text, anything else as
// JSON.
func anyPart(name string, v any) (formPart, error) {
	switch v := v.(type) {
	case File:
		return filePart(name, v), nil
	case *File:
		if v != nil {
			return filePart(name, *v), nil
		}
	case string:
		return fieldPart(name, v), nil
	case json.Number:
		return fieldPart(name, v.String()), nil
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fieldPart(name, fmt.Sprint(v)), nil
	}
	return jsonPart(name, v)
}

// setMultipartBody streams parts as a multipart/form-data body.
func (r *request) setMultipartBody(parts []formPart) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	boundary := hex.EncodeToString(b[:])
	r.contentType = "multipart/form-data; boundary=" + boundary
	var rw rewinder
	for _, p := range parts {
		if p.file == nil {
			continue
		}
		if err := p.file.check(); err != nil {
			r.err = fmt.Errorf("%s: multipart field %q: %w", r.name, p.name, err)
			return
		}
		if !rw.add(p.file.Content) {
			r.replayable = false
		}
	}
	r.bodyLength = multipartLength(boundary, parts)
	r.body = func(ctx context.Context) (io.Reader, error) {
		done, err := rw.next(ctx)
		if err != nil {
			return nil, err
		}
		pr, pw := io.Pipe()
		go func() {
			// Once the writer stops, the files are free to be rewound.
			defer close(done)
			mw := multipart.NewWriter(pw)
			_ = mw.SetBoundary(boundary)
			pw.CloseWithError(writeParts(mw, parts, true))
		}()
		// The transport closes the pipe's reader when it is done with the
		// body, which also ends the writing goroutine on failure.
		return pr, nil
	}
}

// noVariant records that a union body to send as parts has none of its
// variants set: a raw value, or none at all, has no parts to send.
func (r *request) noVariant() {
	if r.err == nil {
		r.err = fmt.Errorf("%s: the multipart body sets none of its variants", r.operationID)
	}
}

// check rejects a file whose name or content type cannot go in a part's
// headers as it is: a line break there would start headers of its own.
func (f *File) check() error {
	ctl := func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }
	if strings.ContainsFunc(f.Name, ctl) {
		return fmt.Errorf("file name %q has a control character", f.Name)
	}
	if f.ContentType != "" {
		if _, _, err := mime.ParseMediaType(f.ContentType); err != nil || strings.ContainsFunc(f.ContentType, ctl) {
			return fmt.Errorf("content type %q is not a media type", f.ContentType)
		}
	}
	return nil
}

// multipartLength is the length of the body writeParts writes, when every
// file's length is known (see streamLength), else 0: the body is then sent
// chunked.
func multipartLength(boundary string, parts []formPart) int64 {
	var files int64
	for _, p := range parts {
		if p.file != nil && p.file.Content != nil {
			n := streamLength(p.file.Content)
			if n <= 0 {
				return 0
			}
			files += n
		}
	}
	var c countingWriter
	mw := multipart.NewWriter(&c)
	_ = mw.SetBoundary(boundary)
	if err := writeParts(mw, parts, false); err != nil {
		return 0
	}
	return c.n + files
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// writeParts writes parts to mw, and the files' contents when contents is
// set (multipartLength counts the rest).
func writeParts(mw *multipart.Writer, parts []formPart, contents bool) error {
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disposition := `form-data; name="` + escapeQuotes(p.name) + `"`
		switch {
		case p.file != nil:
			disposition += `; filename="` + escapeQuotes(p.file.Name) + `"`
			ct := p.file.ContentType
			if ct == "" {
				ct = "application/octet-stream"
			}
			h.Set("Content-Type", ct)
		case p.contentType != "":
			h.Set("Content-Type", p.contentType)
		}
		h.Set("Content-Disposition", disposition)
		w, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		if p.file != nil {
			if p.file.Content != nil && contents {
				if _, err := io.Copy(w, p.file.Content); err != nil {
					return err
				}
			}
			continue
		}
		if _, err := io.WriteString(w, p.value); err != nil {
			return err
		}
	}
	return mw.Close()
}

// escapeQuotes escapes a Content-Disposition parameter value, which
// File.check has found free of line breaks.
func escapeQuotes(s string) string {
	return strings.NewReplacer("\\", "\\\\", `"`, "\\\"").Replace(s)
}
