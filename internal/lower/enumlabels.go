package lower

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// Specs name their enum values and describe them in extensions that
// generators before us read: lists parallel to enum (openapi-generator's
// x-enum-varnames and x-enum-descriptions, NSwag's x-enumNames,
// Speakeasy's x-speakeasy-enums) and Azure's x-ms-enum, which also names
// the enum's type. A name becomes the constant's, a description its doc.

// enumLabels sets the values' labels and descriptions from the schema's
// extensions.
func (l *lowerer) enumLabels(s *openapi3.Schema, en *ir.Enum, ptr string) {
	byValue := map[string]*ir.EnumValue{}
	for _, v := range en.Values {
		byValue[enumKey(v.Value)] = v
	}
	parallel := func(key string, set func(v *ir.EnumValue, text string)) {
		list, ok := s.Extensions[key].([]any)
		if !ok {
			return
		}
		if len(list) != len(s.Enum) {
			l.warnf(l.fieldPos(s.Origin, key), ptr+"/"+key, "%s does not pair with enum (%d entries, %d values); ignored", key, len(list), len(s.Enum))
			return
		}
		for i, text := range list {
			str, ok := text.(string)
			if v := byValue[enumKey(s.Enum[i])]; v != nil && ok {
				set(v, strings.TrimSpace(str))
			}
		}
	}
	label := func(v *ir.EnumValue, text string) {
		if v.Label == "" {
			v.Label = text
		}
	}
	describe := func(v *ir.EnumValue, text string) {
		if v.Description == "" {
			v.Description = text
		}
	}
	for _, key := range []string{"x-enum-varnames", "x-enumNames", "x-speakeasy-enums"} {
		parallel(key, label)
	}
	for _, key := range []string{"x-enum-descriptions", "x-enumDescriptions"} {
		parallel(key, describe)
	}
	if ms, ok := s.Extensions["x-ms-enum"].(map[string]any); ok {
		values, _ := ms["values"].([]any)
		for _, entry := range values {
			e, ok := entry.(map[string]any)
			if !ok {
				continue
			}
			if v := byValue[enumKey(e["value"])]; v != nil {
				if name, ok := e["name"].(string); ok {
					label(v, strings.TrimSpace(name))
				}
				if text, ok := e["description"].(string); ok {
					describe(v, strings.TrimSpace(text))
				}
			}
		}
	}
}

// enumKey compares a spec's enum value with a lowered one: by its text, as
// an integer enum may list "1" for 1.
func enumKey(v any) string {
	switch v := v.(type) {
	case float64:
		if n, ok := toInt64(v); ok {
			return strconv.FormatInt(n, 10)
		}
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// enumTypeName is the type name x-ms-enum gives an enum, "" when none.
func enumTypeName(ext map[string]any) string {
	ms, _ := ext["x-ms-enum"].(map[string]any)
	name, _ := ms["name"].(string)
	return name
}

// isComponent reports whether ptr is a component schema's own pointer,
// whose key names it already.
func isComponent(ptr string) bool {
	name, ok := strings.CutPrefix(ptr, "#/components/schemas/")
	return ok && !strings.Contains(name, "/")
}
