// Package load reads an OpenAPI 3.0/3.1 or Swagger 2.0 document, with its
// external references, into kin-openapi's model with source positions.
package load

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Result is a loaded document.
type Result struct {
	Doc      *openapi3.T
	Version  string // "2.0", "3.0.3", "3.1.0", ...
	Warnings diag.List
	// MapPos maps a position in the document's origins to the source file
	// and line, for specs the loader bundled or kin-openapi placed (its file
	// names are URLs); nil when the positions are the file's own.
	MapPos func(diag.Pos) diag.Pos
}

// Load reads the document at path, with located errors for what makes it
// unusable. Full validation is separate (Validate): published specs often
// break rules whose meaning is still clear, and the lowering pass rejects
// what it cannot translate.
func Load(ctx context.Context, path string) (*Result, error) {
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
	b := newBundler()
	b.display[abs] = path
	root, err := b.load(abs)
	if err != nil {
		return nil, err
	}
	head, err := checkHead(root, path)
	if err != nil {
		return nil, err
	}
	loader := newLoader(ctx, b)

	res := &Result{}
	switch {
	case head.field == "swagger":
		if head.value != "2.0" {
			return nil, diag.Errorf(head.pos, "#/swagger", "unsupported Swagger version %q (want 2.0)", head.value)
		}
		if err := b.checkRefs(abs); err != nil {
			return nil, err
		}
		res.Version = head.value
		res.Doc, err = loadSwagger2(loader, path, data)
	default:
		v := head.value
		if !strings.HasPrefix(v, "3.0.") && !strings.HasPrefix(v, "3.1.") && v != "3.0" && v != "3.1" {
			return nil, diag.Errorf(head.pos, "#/openapi", "unsupported OpenAPI version %q (want 3.0.x or 3.1.x)", v)
		}
		if err := b.checkRefs(abs); err != nil {
			return nil, err
		}
		res.Version = v
		bundle := needsBundle(root, true)
		if !bundle && !b.json[abs] {
			// YAML: in one file (checkRefs has loaded every file referred
			// to), kin-openapi decodes the loader's own parse when it is
			// ready as kin-openapi's would be; otherwise kin-openapi
			// parses the file itself, with its own origins.
			if len(b.docs) == 1 && ready(root) {
				if doc, derr := decodeTree(ctx, root); derr == nil && attachOrigins(doc, root, path) {
					res.Doc = doc
					break
				}
			}
			res.MapPos = fromOriginFile
			res.Doc, err = loader.LoadFromFile(path)
			break
		}
		// Inline the references kin-openapi does not resolve.
		tree := root
		if bundle {
			if tree, err = b.tree(abs, true); err != nil {
				return nil, err
			}
		}
		if b.json[abs] && len(b.docs) == 1 {
			// JSON in one file (checkRefs and inlining load every file
			// referred to): kin-openapi decodes the loader's own parse, and
			// the positions are the file's own (origins.go).
			doc, lerr := decodeTree(ctx, tree)
			if lerr != nil || attachOrigins(doc, tree, path) {
				res.Doc, err = doc, lerr
				break
			}
		}
		// Several files, or YAML that needs bundling: hand kin-openapi block
		// YAML, its references made relative, with a map from its lines to
		// their sources (see jsonnode.go).
		if !bundle {
			if tree, err = b.tree(abs, true); err != nil {
				return nil, err
			}
		}
		res.MapPos = func(p diag.Pos) diag.Pos { return b.mapPos(fromOriginFile(p)) }
		location := &url.URL{Path: filepath.ToSlash(abs)}
		res.Doc, err = loader.LoadFromDataWithPath(b.text(abs, tree), location)
	}
	if err != nil {
		return nil, loadError(path, root, err)
	}
	return res, nil
}

// newLoader returns a kin-openapi loader that records origins and reads
// referenced files through the bundler.
func newLoader(ctx context.Context, b *bundler) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		return b.readFile(location)
	}
	return loader
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

func loadSwagger2(loader *openapi3.Loader, path string, data []byte) (*openapi3.T, error) {
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	jsonData, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var doc2 openapi2.T
	if err := json.Unmarshal(jsonData, &doc2); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return openapi2conv.ToV3WithLoader(&doc2, loader, &url.URL{Path: filepath.ToSlash(abs)})
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
	lineRE   = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)
	lcRE     = regexp.MustCompile(`\bL(\d+)\.C(\d+)\b`)
	noiseRE  = regexp.MustCompile(`^(?:failed to unmarshal data: |yaml error: |yaml: |construct errors: |line \d+: |go-yaml load error in constructor at L\d+\.C\d+: )+`)
	typeRE   = regexp.MustCompile("^cannot (?:construct|unmarshal) !!(\\w+)(?: `[^`]*`)? into (.+?)(?: in (/\\S*))?$")
	inPtrRE  = regexp.MustCompile(` in (/\S*)$`)
	foundFor = map[string]string{"seq": "a list", "map": "an object", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean", "null": "null"}
)

// syntaxError locates a YAML or JSON syntax error.
func syntaxError(path string, err error) error {
	pos := diag.Pos{File: path}
	msg := err.Error()
	if m := lcRE.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		pos.Col, _ = strconv.Atoi(m[2])
	} else if m := lineRE.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			pos.Col, _ = strconv.Atoi(m[2])
		}
	}
	return diag.Errorf(pos, "", "malformed spec: %s", noiseRE.ReplaceAllString(msg, ""))
}

// loadError locates an error of kin-openapi's loader as well as its text
// allows; doc is the parsed root document, to find a node it names.
func loadError(path string, doc *yaml.Node, err error) error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	pos := diag.Pos{File: path}
	text := err.Error()
	if m := lcRE.FindStringSubmatch(text); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		pos.Col, _ = strconv.Atoi(m[2])
	} else if m := lineRE.FindStringSubmatch(text); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
	}
	msg := noiseRE.ReplaceAllString(text, "")
	ptr := ""
	if m := typeRE.FindStringSubmatch(msg); m != nil {
		// A value of the wrong kind: say which, where.
		msg = fmt.Sprintf("expected %s, found %s", expectedKind(m[2]), cmp.Or(foundFor[m[1]], m[1]))
		if m[3] != "" {
			ptr = "#" + m[3]
		}
	} else if m := inPtrRE.FindStringSubmatch(msg); m != nil {
		ptr = "#" + m[1]
	} else if m := refRE.FindStringSubmatch(msg); m != nil {
		ptr = m[1]
	}
	if ptr != "" && doc != nil {
		if n, err := lookup(doc, strings.TrimPrefix(ptr, "#")); err == nil {
			pos.Line, pos.Col = n.Line, n.Column
		}
	}
	return diag.Errorf(pos, ptr, "cannot load spec: %s", msg)
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

var refRE = regexp.MustCompile(`(#/[^\s":]*)`)

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
