package lower

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// GlobalConfig is a parameter the configuration sends on every call:
//
//	globals:
//	  headers: {Clerk-API-Version: "2026-05-12"}
//	  query: {api_version: "2"}
type GlobalConfig struct {
	Name, Value string
	In          ir.ParamIn // ir.InHeader or ir.InQuery
	Pos         diag.Pos
	Pointer     string
}

const globalsExt = "x-speakeasy-globals"

// globals reads the spec's x-speakeasy-globals (header and query
// parameters, inline or $refs to components/parameters, with their schema's
// default as the value), then the configuration's globals, which set the
// value of a spec global of the same name and place or add one.
func (l *lowerer) globals() {
	pos := l.fieldPos(l.doc.Origin, globalsExt)
	if raw, ok := l.doc.Extensions[globalsExt]; ok {
		ptr := "#/" + globalsExt
		m, _ := raw.(map[string]any)
		params, ok := m["parameters"].([]any)
		if !ok {
			l.warnf(pos, ptr, "%s must be an object with a parameters list; ignored", globalsExt)
		}
		for i, p := range params {
			l.specGlobal(p, fmt.Sprintf("%s/parameters/%d", ptr, i), pos)
		}
	}
	for _, c := range l.opts.Globals {
		if g := l.global(c.Name, c.In); g != nil {
			g.Value, g.Pos = c.Value, c.Pos
			continue
		}
		l.api.Globals = append(l.api.Globals, &ir.Global{Name: c.Name, In: c.In, Value: c.Value, Pos: c.Pos})
	}
}

// specGlobal reads one parameter of x-speakeasy-globals.
func (l *lowerer) specGlobal(raw any, ptr string, pos diag.Pos) {
	m, _ := raw.(map[string]any)
	var p *openapi3.Parameter
	if ref, _ := m["$ref"].(string); ref != "" {
		name, found := strings.CutPrefix(ref, "#/components/parameters/")
		if found && l.doc.Components != nil {
			if pr := l.doc.Components.Parameters[name]; pr != nil {
				p = pr.Value
			}
		}
		if p == nil {
			l.warnf(pos, ptr, "global parameter $ref %q does not name a parameter of components/parameters; ignored", ref)
			return
		}
	} else {
		p = &openapi3.Parameter{}
		p.Name, _ = m["name"].(string)
		p.In, _ = m["in"].(string)
		p.Description, _ = m["description"].(string)
		if s, ok := m["schema"].(map[string]any); ok {
			p.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Default: s["default"]}}
		}
	}
	var in ir.ParamIn
	switch p.In {
	case "header":
		in = ir.InHeader
	case "query":
		in = ir.InQuery
	default:
		l.warnf(pos, ptr, "global parameter %q is in %q; only header and query globals are supported, so it is ignored", p.Name, p.In)
		return
	}
	if p.Name == "" {
		l.warnf(pos, ptr, "global parameter has no name; ignored")
		return
	}
	if l.global(p.Name, in) != nil {
		l.warnf(pos, ptr, "global parameter %q is listed twice; the first is kept", p.Name)
		return
	}
	g := &ir.Global{Name: p.Name, In: in, Description: strings.TrimSpace(p.Description), Pos: pos, Required: p.Required}
	if p.Schema != nil && p.Schema.Value != nil {
		if d := p.Schema.Value.Default; d != nil {
			var ok bool
			if g.Value, ok = scalarText(d); !ok {
				l.warnf(pos, ptr, "global parameter %q has a default that is not a scalar; it has no default", p.Name)
			}
		}
	}
	l.api.Globals = append(l.api.Globals, g)
}

// global returns the global of that name and place, if any; header names
// compare as HTTP compares them.
func (l *lowerer) global(name string, in ir.ParamIn) *ir.Global {
	for _, g := range l.api.Globals {
		if g.In == in && (g.Name == name || (in == ir.InHeader && strings.EqualFold(g.Name, name))) {
			return g
		}
	}
	return nil
}
