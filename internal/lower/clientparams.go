package lower

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// clientParam returns the global a parameter is when Azure's
// x-ms-parameter-location says the client holds it (subscriptionId,
// api-version), nil when the method takes it. Its value by default is the
// schema's default, its one enum value, or for api-version the document's
// version, as AutoRest takes it; the methods that name it then do not take
// it, and every call sends the client's value.
func (l *lowerer) clientParam(p *openapi3.Parameter, pos diag.Pos) *ir.Global {
	if loc, _ := p.Extensions["x-ms-parameter-location"].(string); loc != "client" {
		return nil
	}
	var in ir.ParamIn
	switch p.In {
	case openapi3.ParameterInPath:
		in = ir.InPath
	case openapi3.ParameterInQuery:
		in = ir.InQuery
	case openapi3.ParameterInHeader:
		in = ir.InHeader
	default:
		return nil
	}
	if g := l.global(p.Name, in); g != nil {
		g.Required = g.Required || p.Required
		return g
	}
	g := &ir.Global{Name: p.Name, In: in, Description: strings.TrimSpace(p.Description), Pos: pos, Required: p.Required}
	if s := p.Schema; s != nil && s.Value != nil {
		if v, _ := scalarText(s.Value.Default); v != "" {
			g.Value = v
		} else if len(s.Value.Enum) == 1 {
			g.Value, _ = scalarText(s.Value.Enum[0])
		}
	}
	if g.Value == "" && in == ir.InQuery && p.Name == "api-version" {
		g.Value = l.api.Version
	}
	l.api.Globals = append(l.api.Globals, g)
	return g
}

// scalarText is a string, number or boolean of the spec as a parameter
// sends it; false for anything else.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}
