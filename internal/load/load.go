// Package load reads an OpenAPI 3.0/3.1 or Swagger 2.0 document, with its
// external references, into kin-openapi's model with source positions.
package load

import (
	"bytes"
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
	// MapPos maps a position kin-openapi reports to the source file and
	// line, for specs the loader had to bundle; nil otherwise.
	MapPos func(diag.Pos) diag.Pos
}

// Load reads the document at path. Validation findings become warnings:
// published specs often break rules whose meaning is still clear, and the
// lowering pass rejects what it cannot translate.
func Load(ctx context.Context, path string) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "cannot read spec: %v", unwrapPathError(err))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "spec is empty")
	}
	var head struct {
		OpenAPI any `yaml:"openapi"`
		Swagger any `yaml:"swagger"`
	}
	if err := yaml.Unmarshal(data, &head); err != nil {
		return nil, syntaxError(path, err)
	}
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	b := newBundler()
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		return b.readFile(location)
	}

	res := &Result{}
	switch {
	case head.Swagger != nil:
		v := fmt.Sprint(head.Swagger)
		if v != "2.0" {
			return nil, diag.Errorf(diag.Pos{File: path, Line: 1}, "#/swagger", "unsupported Swagger version %q (want 2.0)", v)
		}
		res.Version = v
		res.Doc, err = loadSwagger2(loader, path, data)
	case head.OpenAPI != nil:
		v := fmt.Sprint(head.OpenAPI)
		if !strings.HasPrefix(v, "3.0") && !strings.HasPrefix(v, "3.1") {
			return nil, diag.Errorf(diag.Pos{File: path, Line: 1}, "#/openapi", "unsupported OpenAPI version %q (want 3.0.x or 3.1.x)", v)
		}
		res.Version = v
		abs, aerr := filepath.Abs(path)
		if aerr != nil {
			return nil, aerr
		}
		root, lerr := b.load(abs)
		if lerr != nil {
			return nil, lerr
		}
		if !needsBundle(root, true) {
			res.Doc, err = loader.LoadFromFile(path)
			break
		}
		bundled, berr := b.document(abs, true)
		if berr != nil {
			return nil, berr
		}
		res.MapPos = b.mapPos
		res.Doc, err = loader.LoadFromDataWithPath(bundled, &url.URL{Path: filepath.ToSlash(abs)})
	default:
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1}, "", "not an OpenAPI document: no \"openapi\" or \"swagger\" field")
	}
	if err != nil {
		return nil, loadError(path, err)
	}
	if vErr := res.Doc.Validate(ctx,
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.EnableMultiError(),
	); vErr != nil {
		res.Warnings = validationWarnings(path, vErr)
	}
	return res, nil
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

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var lineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// syntaxError locates a YAML or JSON syntax error.
func syntaxError(path string, err error) error {
	pos := diag.Pos{File: path}
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			pos.Col, _ = strconv.Atoi(m[2])
		}
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	return diag.Errorf(pos, "", "malformed spec: %s", msg)
}

// loadError locates an error of kin-openapi's loader as well as its text allows.
func loadError(path string, err error) error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	pos := diag.Pos{File: path}
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
	}
	ptr := ""
	if m := refRE.FindStringSubmatch(err.Error()); m != nil {
		ptr = m[1]
	}
	return diag.Errorf(pos, ptr, "cannot load spec: %v", err)
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
