package lower

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/naming"
)

// posOf returns the position of the node an origin describes.
func (l *lowerer) posOf(o *openapi3.Origin) diag.Pos {
	if o == nil || o.Key == nil {
		return diag.Pos{}
	}
	return l.mapPos(diag.Pos{File: o.Key.File, Line: o.Key.Line, Col: o.Key.Column})
}

// fieldPos returns the position of a named field of a node, or of the node.
func (l *lowerer) fieldPos(o *openapi3.Origin, name string) diag.Pos {
	if o != nil {
		if loc, ok := o.Fields.Lookup(name); ok {
			return l.mapPos(diag.Pos{File: loc.File, Line: loc.Line, Col: loc.Column})
		}
	}
	return l.posOf(o)
}

// mapPos maps a position the loader reports to the source file and line.
func (l *lowerer) mapPos(p diag.Pos) diag.Pos {
	if l.opts.MapPos != nil {
		return l.opts.MapPos(p)
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// extString returns a string extension.
func extString(ext map[string]any, name string) string {
	s, _ := ext[name].(string)
	return s
}

// jsonText renders a spec value (default, example) as compact JSON, or ""
// when there is none.
func jsonText(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// refName is the name a $ref gives its target: the last token of its
// fragment, else the file name without extension.
func refName(ref string) string {
	file, frag, _ := strings.Cut(ref, "#")
	if frag != "" {
		tokens := strings.Split(frag, "/")
		last := tokens[len(tokens)-1]
		last = strings.ReplaceAll(strings.ReplaceAll(last, "~1", "/"), "~0", "~")
		return last
	}
	base := path.Base(file)
	return strings.TrimSuffix(base, path.Ext(base))
}

// refPointer returns what a $ref names, in messages and as the source of a
// name: the reference a component the loader gathered stands for, else the
// $ref itself.
func (l *lowerer) refPointer(ref string) string {
	if src, ok := l.opts.Gathered[ref]; ok {
		return src
	}
	return ref
}

// pascalOr converts s, or returns fallback when s has no letters or digits.
func pascalOr(s, fallback string) string {
	if p := naming.Pascal(s); p != "" {
		return p
	}
	return fallback
}
