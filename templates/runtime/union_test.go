package runtime

import (
	"slices"
	"testing"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		in   string
		want jsonKind
	}{
		{"", kindInvalid},
		{"   ", kindInvalid},
		{"null", kindNull},
		{" \n\tnull", kindNull},
		{"true", kindBool},
		{"false", kindBool},
		{"0", kindNumber},
		{"-1.5e3", kindNumber},
		{"42", kindNumber},
		{`"s"`, kindString},
		{"[1]", kindArray},
		{`{"a":1}`, kindObject},
		{"x", kindInvalid},
		{"+1", kindInvalid},
	}
	for _, tt := range tests {
		if got := kindOf([]byte(tt.in)); got != tt.want {
			t.Errorf("kindOf(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPickVariants(t *testing.T) {
	cat := variantShape{kind: kindObject, required: []string{"meow"}, known: []string{"meow", "name"}}
	dog := variantShape{kind: kindObject, required: []string{"bark"}, known: []string{"bark", "name"}}
	pet := variantShape{kind: kindObject, known: []string{"name"}}
	str := variantShape{kind: kindString}
	integer := variantShape{kind: kindNumber, integer: true}
	number := variantShape{kind: kindNumber}
	tests := []struct {
		name   string
		data   string
		shapes []variantShape
		want   []int
	}{
		{"kind picks", `"x"`, []variantShape{integer, str, cat}, []int{1}},
		{"integer before number", `3`, []variantShape{number, integer}, []int{0, 1}},
		{"fraction rules out integer", `3.5`, []variantShape{integer, number}, []int{1}},
		{"exponent rules out integer", `1e3`, []variantShape{integer, number}, []int{1}},
		{"required rules out", `{"meow":true}`, []variantShape{dog, cat}, []int{1}},
		{"more known properties rank higher", `{"meow":1,"name":"x"}`, []variantShape{pet, cat}, []int{1, 0}},
		{"undeclared properties cost more than known gain", `{"name":"x","meow":1,"extra":2}`, []variantShape{pet, cat}, []int{1, 0}},
		{"ties keep declaration order", `{"name":"x"}`, []variantShape{pet, variantShape{kind: kindObject, known: []string{"name"}}}, []int{0, 1}},
		{"none", `[1]`, []variantShape{cat, str}, []int{}},
		{"null matches null only", `null`, []variantShape{str, {kind: kindNull}}, []int{1}},
		{"malformed object", `{"a":`, []variantShape{pet}, nil},
		{"escaped keys", `{"\u006deow":1,"n\u0061me":"x"}`, []variantShape{pet, cat}, []int{1, 0}},
		{"repeated keys count once", `{"name":"x","name":"y","meow":1}`, []variantShape{cat, pet}, []int{0, 1}},
	}
	for _, tt := range tests {
		got := pickVariants([]byte(tt.data), tt.shapes)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: pickVariants(%s) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestDiscriminatorValue(t *testing.T) {
	tests := []struct {
		data, prop, want string
	}{
		{`{"type":"cat","name":"x"}`, "type", "cat"},
		{`{"name":"x"}`, "type", ""},
		{`{"type":3}`, "type", ""},
		{`{"type":null}`, "type", ""},
		{`{"type":"a\"b"}`, "type", `a"b`},
		{`["type"]`, "type", ""},
		{`not json`, "type", ""},
	}
	for _, tt := range tests {
		if got := discriminatorValue([]byte(tt.data), tt.prop); got != tt.want {
			t.Errorf("discriminatorValue(%s, %q) = %q, want %q", tt.data, tt.prop, got, tt.want)
		}
	}
}
