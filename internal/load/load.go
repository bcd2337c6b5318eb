// Package load reads an OpenAPI 3.0/3.1/3.2 or Swagger 2.0 document, with its
// external references, into kin-openapi's model with source positions.
package load

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Result is a loaded document.
type Result struct {
	Doc      *openapi3.T
	Version  string // "2.0", "3.0.3", "3.1.0", ...
	Warnings diag.List
	// MapPos maps a position in the document's origins, where kin-openapi
	// names files by URL and a bundled document by its own lines, to the
	// source file and line.
	MapPos func(diag.Pos) diag.Pos
	// Locate, when not nil, returns the position of the node at a JSON
	// pointer of Doc and its pointer in the source, for what has no origin:
	// a Swagger 2.0 document's objects, converted to OpenAPI 3, have none,
	// and their pointers there are Swagger's.
	Locate func(pointer string) (diag.Pos, string)
	// Gathered maps each component the loader added, gathering the
	// objects of other files into the root document (gather.go), by its
	// local $ref, to the reference it stands for, relative to the root
	// document's directory: not one of the document's own components.
	Gathered map[string]string
}

// Load reads the document at path, with located errors for what makes it
// unusable. Full validation is separate (Validate): published specs often
// break rules whose meaning is still clear, and the lowering pass rejects
// what it cannot translate.
//
// Overlays, when given, are applied in order to the root document before
// anything else reads it (see overlay.go).
func Load(ctx context.Context, path string, overlays ...string) (*Result, error) {
	data, err := readRegular(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "cannot read spec: %v", unwrapPathError(err))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "spec is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	location := &url.URL{Path: filepath.ToSlash(abs)}
	// kin-openapi's load of the file as it is runs beside the loader's own
	// parse and checks: on two cores that halves the load of a large spec.
	// Its result is used only when the checks pass and the file is what
	// kin-openapi would have been given anyway (no bundling, no other file).
	// An overlaid document is never the file as it is: no early load.
	var early chan loaded
	if len(overlays) == 0 {
		early = make(chan loaded, 1)
		go func() {
			loader := newLoader(ctx, func(*url.URL) ([]byte, error) { return nil, errOtherFile })
			doc, err := loader.LoadFromDataWithPath(data, location)
			early <- loaded{doc, err}
		}()
	}
	b := newBundler(abs, path)
	root, err := b.parse(abs, jsonForYAML(data))
	if err != nil {
		return nil, err
	}
	var warnings diag.List
	if len(overlays) > 0 {
		if warnings, err = b.applyOverlays(root, overlays); err != nil {
			return nil, err
		}
	}
	head, err := checkHead(root, func(n *yaml.Node) diag.Pos { return b.pos(abs, n) })
	if err != nil {
		return nil, err
	}
	v := head.value
	switch {
	case head.field == "swagger" && v != "2.0":
		return nil, diag.Errorf(head.pos, "#/swagger", "unsupported Swagger version %q (want 2.0)", v)
	case head.field == "openapi" && !slices.ContainsFunc([]string{"3.0", "3.1", "3.2"}, func(minor string) bool { return v == minor || strings.HasPrefix(v, minor+".") }):
		return nil, diag.Errorf(head.pos, "#/openapi", "unsupported OpenAPI version %q (want 3.0.x, 3.1.x or 3.2.x)", v)
	}
	if err := b.noteSelf(abs); err != nil {
		return nil, err
	}
	if err := b.checkRefs(abs); err != nil {
		return nil, err
	}
	gathered := false
	b.swagger = head.field == "swagger"
	mended, lenient := lenientHead(root, b.swagger, func(n *yaml.Node) diag.Pos { return b.pos(abs, n) })
	warnings = append(warnings, lenient...)
	if b.swagger {
		if gathered, err = b.gatherSwagger(); err != nil {
			return nil, err
		}
	}
	if head.field == "openapi" {
		if err := b.findMisplaced(); err != nil {
			return nil, err
		}
		if strings.HasPrefix(v, "3.2") {
			warnings = append(warnings, b.unused32Fields()...)
		}
		warnings = append(warnings, b.refSiblings(strings.HasPrefix(v, "3.0"))...)
		rewritten, tuples := b.tuples("OpenAPI " + v[:min(len(v), 3)])
		b.rewritten = rewritten || mended
		warnings = append(warnings, tuples...)
		if len(b.docs) > 1 {
			b.startGathering()
		}
	}

	// kin-openapi reads every document, through the bundler.
	b.warnings = append(b.warnings, warnings...)
	res := &Result{Version: v, MapPos: b.sources.mapPos}
	for {
		if head.field == "swagger" {
			res.Doc, err = b.loadSwagger2(newLoader(ctx, b.readFile), location, gathered || b.rewritten || mended)
			res.Locate = b.swaggerLocate
		} else {
			var text []byte
			if text, err = b.document(abs, true); err == nil {
				e := loaded{err: errOtherFile}
				if early != nil {
					e, early = <-early, nil
				}
				if e.err == nil && bytes.Equal(text, data) {
					res.Doc = e.doc
				} else {
					res.Doc, err = newLoader(ctx, b.readFile).LoadFromDataWithPath(text, location)
				}
			}
		}
		if err == nil {
			break
		}
		// A describing keyword of the wrong type is left out and the
		// document read again (annotations.go); any other error stands.
		var de *diag.Error
		if le := b.loadError(err); !errors.As(le, &de) || !b.dropAnnotation(de) {
			return nil, le
		}
	}
	res.Warnings = b.warnings
	if b.gather != nil {
		res.Gathered = b.gather.added
	} else if b.gather2 != nil {
		res.Gathered = b.gather2.added
	}
	return res, nil
}

// loaded is the outcome of a kin-openapi load.
type loaded struct {
	doc *openapi3.T
	err error
}

// errOtherFile stops the early load at a reference to another file, which
// the bundler must read.
var errOtherFile = errors.New("another file: loaded through the bundler")

// newLoader returns a kin-openapi loader that records where each object is
// (files named by URL) and reads referenced files with read.
func newLoader(ctx context.Context, read func(*url.URL) ([]byte, error)) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) { return read(location) }
	return loader
}

// readFile serves kin-openapi's reads of referenced files, bundled where
// they need it. Remote references are refused, so generation never depends
// on the network.
func (b *bundler) readFile(location *url.URL) ([]byte, error) {
	if location.Scheme != "" && location.Scheme != "file" {
		return nil, fmt.Errorf("remote reference %q is not supported: download it and refer to the local copy", location.String())
	}
	abs, err := filepath.Abs(filepath.FromSlash(location.Path))
	if err != nil {
		return nil, err
	}
	// kin-openapi reads a file again for each $ref to it: what it is to
	// read is worked out once.
	if text, ok := b.read[abs]; ok {
		return text, nil
	}
	text, err := b.document(abs, false)
	if err == nil {
		b.read[abs] = text
	}
	return text, err
}

// Validate runs kin-openapi's validation of a loaded document and adds its
// findings to the result's warnings. It is optional (-validate): it takes
// longer than all of generation on large specs, published specs often fail
// it where their meaning is clear, and what generation needs is checked, with
// positions, by the loader and the lowering pass anyway.
func Validate(ctx context.Context, path string, res *Result) {
	if vErr := res.Doc.Validate(ctx,
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.EnableMultiError(),
	); vErr != nil {
		res.Warnings = append(res.Warnings, validationWarnings(path, vErr)...)
	}
}

// readRegular reads a file, refusing anything but a regular file: a $ref to
// a device or a pipe (/dev/zero, /dev/stdin) would never finish reading.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, &os.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	case !fi.Mode().IsRegular():
		return nil, &os.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	return os.ReadFile(path)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var (
	noiseRE = regexp.MustCompile(`^(?:failed to unmarshal data: |yaml error: |yaml: |construct errors: |line \d+: )+`)
	typeRE  = regexp.MustCompile("^cannot (?:construct|unmarshal) !!(\\w+)(?: `[^`]*`)? into (.+?)(?: in (/\\S*))?$")
	inPtrRE = regexp.MustCompile(` in (/\S*)$`)
	refRE   = regexp.MustCompile(`(#/[^\s":]*)`)
	found   = map[string]string{"seq": "a list", "map": "an object", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean", "null": "null"}
)

// syntaxError locates an error of the YAML library's parse of file, a
// "malformed spec" or another kind of file.
func syntaxError(file, what string, err error) error {
	pos := diag.Pos{File: file}
	msg := noiseRE.ReplaceAllString(err.Error(), "")
	if le := yamlError(err); le != nil {
		pos.Line, pos.Col, msg = le.Mark.Line, le.Mark.Column, le.Message
	}
	return diag.Errorf(pos, "", "%s: %s", what, msg)
}

// yamlError returns the innermost error of the YAML library in err's
// chain, the one that says where, or nil.
func yamlError(err error) *yaml.LoadError {
	var found, le *yaml.LoadError
	for ; errors.As(err, &le); err = le.Unwrap() {
		found = le
	}
	return found
}

// loadError locates an error of kin-openapi's loader. Its decoding errors
// are the YAML library's, with the position and pointer of the node; others
// may name a pointer in their text.
func (b *bundler) loadError(err error) error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	msg := noiseRE.ReplaceAllString(err.Error(), "")
	if e := b.explainBadData(msg); e != nil {
		return e
	}
	le := yamlError(err)
	if le != nil {
		msg = le.Message
	}
	ptr := "" // a JSON pointer, without its "#"
	if m := typeRE.FindStringSubmatch(msg); m != nil {
		// A value of the wrong kind: say which.
		msg = fmt.Sprintf("expected %s, found %s", expectedKind(m[2]), cmp.Or(found[m[1]], m[1]))
		ptr = m[3]
	} else if m := inPtrRE.FindStringSubmatch(msg); m != nil {
		ptr = m[1]
	} else if m := refRE.FindStringSubmatch(msg); m != nil {
		ptr = m[1][1:]
	}
	var line, col int
	if le != nil {
		line, col = le.Mark.Line, le.Mark.Column
	}
	pointer := ""
	if ptr != "" {
		pointer = "#" + ptr
	}
	if ptr == "" && line == 0 {
		if pos, p, ok := b.locateKinError(msg); ok {
			return diag.Errorf(pos, p, "cannot load spec: %s", msg)
		}
	}
	if file, frag, ok := b.source(ptr); ok {
		// In an object gathered from another file: where it is written.
		if n, err := lookup(b.docs[file], frag); err == nil {
			return diag.Errorf(b.pos(file, n), "#"+frag, "cannot load spec: %s", msg)
		}
	}
	pos := b.locate(ptr, line, col)
	if pointer == "" && pos.Line > 0 {
		pointer = b.pointerAt(pos)
	}
	return diag.Errorf(pos, pointer, "cannot load spec: %s", msg)
}

// filesRootFirst lists the files read: the root, then the others in order.
func (b *bundler) filesRootFirst() []string {
	others := slices.DeleteFunc(slices.Sorted(maps.Keys(b.docs)), func(f string) bool { return f == b.root })
	return append([]string{b.root}, others...)
}

// badDataRE matches kin-openapi's error for a $ref whose target does not
// decode as the kind of object its place requires: it says no more.
var badDataRE = regexp.MustCompile(`^bad data in "#(/[^"]*)" \(expecting ref to (schema|parameter|response|header|requestBody) object\)$`)

// explainBadData turns that error into the one the YAML library gives for
// the target's node decoded as that kind: what is wrong, and where.
func (b *bundler) explainBadData(msg string) error {
	m := badDataRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	targets := map[string]func() any{
		"schema": func() any { return new(openapi3.Schema) }, "parameter": func() any { return new(openapi3.Parameter) },
		"response": func() any { return new(openapi3.Response) }, "header": func() any { return new(openapi3.Header) },
		"requestBody": func() any { return new(openapi3.RequestBody) },
	}
	files, frag := b.filesRootFirst(), m[1]
	if file, f, ok := b.source(frag); ok {
		files, frag = []string{file}, f
	}
	for _, f := range files {
		n, err := lookup(b.docs[f], frag)
		if err != nil {
			continue
		}
		le := yamlError(n.Decode(targets[m[2]]()))
		if le == nil {
			return nil
		}
		t := typeRE.FindStringSubmatch(le.Message)
		if t == nil {
			return nil
		}
		pos := b.pos(f, &yaml.Node{Line: le.Mark.Line, Column: le.Mark.Column})
		return diag.Errorf(pos, cmp.Or(b.pointerAt(pos), "#"+frag), "cannot load spec: expected %s, found %s",
			expectedKind(t[2]), cmp.Or(found[t[1]], t[1]))
	}
	return nil
}

// pointerAt returns the JSON pointer of the node at a position of one of
// the spec's files, or "" if no node starts there.
func (b *bundler) pointerAt(pos diag.Pos) string {
	for _, abs := range slices.Sorted(maps.Keys(b.docs)) {
		if b.name(abs) != pos.File {
			continue
		}
		var find func(n *yaml.Node, path []string) ([]string, bool)
		find = func(n *yaml.Node, path []string) ([]string, bool) {
			if n.Line == pos.Line && n.Column == pos.Col {
				return path, true
			}
			for i, c := range n.Content {
				var key string
				switch n.Kind {
				case yaml.MappingNode:
					if i%2 == 0 {
						continue
					}
					key = n.Content[i-1].Value
				case yaml.SequenceNode:
					key = strconv.Itoa(i)
				default:
					continue
				}
				if p, ok := find(c, append(path, key)); ok {
					return p, true
				}
			}
			return nil, false
		}
		if path, ok := find(content(b.docs[abs]), nil); ok {
			return diag.JoinPointer("#", path...)
		}
	}
	return ""
}

// locate finds the node an error of kin-openapi names by pointer and, when
// line is not 0, by its position in the document kin-openapi decoded. That
// document is not named: it is the one whose node at the pointer is there,
// the root first.
func (b *bundler) locate(ptr string, line, col int) diag.Pos {
	if _, bundled := b.lines[b.root]; bundled && line > 0 {
		return b.mapPos(diag.Pos{File: filepath.ToSlash(b.root), Line: line, Col: col})
	}
	for _, f := range b.filesRootFirst() {
		if n, err := lookup(b.docs[f], ptr); ptr != "" && err == nil && (line == 0 || n.Line == line && n.Column == col) {
			return b.pos(f, n)
		}
	}
	return diag.Pos{File: b.given, Line: line, Col: col}
}

// expectedKind names the JSON kind of a Go type of kin-openapi's model.
func expectedKind(goType string) string {
	goType = strings.Trim(strings.TrimSpace(goType), "*")
	switch {
	case strings.HasPrefix(goType, "[]"), strings.HasSuffix(goType, "Parameters"), strings.HasSuffix(goType, "Requirements"),
		strings.HasSuffix(goType, "Servers"), strings.HasSuffix(goType, "Tags"):
		return "a list"
	case strings.HasPrefix(goType, "string"):
		return "a string"
	case strings.HasPrefix(goType, "bool"):
		return "a boolean"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	}
	return "an object"
}

// validationWarnings turns validation findings into located warnings.
func validationWarnings(path string, err error) diag.List {
	var errs []error
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		errs = multi
	} else {
		errs = []error{err}
	}
	var out diag.List
	for _, e := range errs {
		msg := strings.Join(strings.Fields(e.Error()), " ")
		if len(msg) > 400 {
			msg = msg[:400] + "..."
		}
		out = append(out, diag.Errorf(diag.Pos{File: path}, "", "spec does not validate: %s", msg))
	}
	return out
}
