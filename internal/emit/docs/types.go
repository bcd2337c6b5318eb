package docs

import "github.com/sdkgen/sdkgen/internal/goview"

// resultKind is how an example uses a method's result.
type resultKind int

const (
	resultNone    resultKind = iota // only an error
	resultNilable                   // a pointer, slice, map or interface: compare with nil
	resultStream                    // io.ReadCloser: read and close
	resultScalar                    // a value: print it
)

// resultKindOf classifies a method's result type.
func resultKindOf(m *goview.Method) resultKind {
	switch t := m.Result; {
	case t == nil:
		return resultNone
	case t.IsStream():
		return resultStream
	case t.HasNil():
		return resultNilable
	}
	return resultScalar
}

// typeLink renders a Go type for a table or paragraph: a code span, linked to
// the model page of the declaration it mentions. modelsDir is the relative
// path from the page to docs/models/, ending in a slash ("" on a model page).
func typeLink(t *goview.Type, modelsDir string) string {
	return link(t.String(), t, modelsDir)
}

// link renders text as a code span linked to the model page of the
// declaration t mentions, if any.
func link(text string, t *goview.Type, modelsDir string) string {
	if t.Decl == nil {
		return code(text)
	}
	return "[" + code(text) + "](" + modelsDir + t.Decl.DocFile + ".md)"
}
