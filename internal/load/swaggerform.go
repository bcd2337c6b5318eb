package load

import (
	"maps"
	"mime"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// formBodies gives each operation with formData parameters the media types a
// form is sent as. Swagger 2.0 sends formData parameters as
// application/x-www-form-urlencoded or multipart/form-data only, whatever
// else consumes lists, while kin-openapi's conversion gives the form's schema
// every media type of consumes (application/json first, often) or none. The
// form media types of consumes are kept, multipart/form-data alone when a
// parameter is a file and consumes has it; when consumes has neither, the one
// the parameters need is taken (with a warning if consumes names others).
func (b *bundler) formBodies(doc2 *openapi2.T, doc3 *openapi3.T) {
	paths := mapValue(content(b.docs[b.root]), "paths")
	for _, path := range slices.Sorted(maps.Keys(doc2.Paths)) {
		item2, item3 := doc2.Paths[path], doc3.Paths.Value(path)
		if item2 == nil || item3 == nil {
			continue
		}
		ops2 := item2.Operations()
		for _, method := range slices.Sorted(maps.Keys(ops2)) {
			op2, op3 := ops2[method], item3.GetOperation(method)
			if op3 == nil || op3.RequestBody == nil || op3.RequestBody.Value == nil {
				continue
			}
			form, file := false, false
			for _, p := range slices.Concat(item2.Parameters, op2.Parameters) {
				if p != nil && p.Ref != "" {
					p = doc2.Parameters[strings.TrimPrefix(p.Ref, "#/parameters/")]
				}
				if p != nil && p.In == "formData" {
					form = true
					file = file || p.Type.Is("file")
				}
			}
			if !form {
				continue
			}
			consumes := op2.Consumes
			if consumes == nil {
				consumes = doc2.Consumes
			}
			var keep []string
			for _, mt := range consumes {
				if base := mediaBase(mt); base == "application/x-www-form-urlencoded" || base == "multipart/form-data" {
					keep = append(keep, mt)
				}
			}
			if i := slices.IndexFunc(keep, func(mt string) bool { return mediaBase(mt) == "multipart/form-data" }); file && i >= 0 {
				keep = keep[i : i+1]
			}
			if len(keep) == 0 {
				keep = []string{"application/x-www-form-urlencoded"}
				if file {
					keep[0] = "multipart/form-data"
				}
				if len(consumes) > 0 {
					at := mapValue(mapValue(paths, path), strings.ToLower(method))
					ptr := diag.JoinPointer("#/paths", path, strings.ToLower(method))
					b.warnings = append(b.warnings, diag.Errorf(b.pos(b.root, at), ptr,
						"formData parameters are a form, and consumes names no form media type; sent as %s", keep[0]))
				}
			}
			var schema *openapi3.SchemaRef
			for _, mt := range slices.Sorted(maps.Keys(op3.RequestBody.Value.Content)) {
				if m := op3.RequestBody.Value.Content[mt]; m != nil && m.Schema != nil {
					schema = m.Schema
					break
				}
			}
			if schema == nil {
				continue
			}
			content := openapi3.Content{}
			for _, mt := range keep {
				content[mt] = openapi3.NewMediaType().WithSchemaRef(schema)
			}
			op3.RequestBody.Value.Content = content
		}
	}
}

// mediaBase is a media type without its parameters, in lower case; one
// that does not parse is no form media type.
func mediaBase(mt string) string {
	base, _, err := mime.ParseMediaType(mt)
	if err != nil {
		return ""
	}
	return base
}
