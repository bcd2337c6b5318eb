package docs

import "github.com/sdkgen/sdkgen/internal/goview"

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
