package docs

import (
	"encoding/json"
	"go/format"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/ir"
)

// TestLayout holds layout to go/format on the shapes examples take, and on
// the alignment rules go/printer applies to key: value lists.
func TestLayout(t *testing.T) {
	long := strings.Repeat("L", 45)
	longer := strings.Repeat("M", 120)
	cases := map[string]string{
		"imports":                           "package main\n\nimport (\n\"context\"\nstdfmt \"fmt\"\n\n\"example.com/x/sdk\"\n)\n\nvar _ = context.Background\nvar _ = stdfmt.Println\nvar _ = sdk.X\n",
		"aligned":                           "package p\n\nvar value = sdk.T{\nA: 1,\nLonger: \"x\",\nMid: sdk.Ptr(\"{[(\"),\n}\n",
		"multi-line value breaks alignment": "package p\n\nvar value = sdk.T{\nA: 1,\nLonger: 2,\nNested: sdk.U{\nX: 1,\nYy: \"}\",\n},\nB: 3,\nLongest: 4,\n}\n",
		"elided elements":                   "package p\n\nvar value = sdk.T{\nItems: []sdk.U{{\nA: 1,\nBbb: 2,\n}},\nMeta: map[string]sdk.U{\"key\": {\nA: 1,\n}},\nP: sdk.Ptr([]sdk.U{{\nA: 1,\n}}),\n}\n",
		"long keys":                         "package p\n\nvar value = sdk.T{\nA: 1,\n" + long + ": 2,\nB: 3,\n" + longer + ": 4,\nCc: 5,\nDd: 6,\n}\n",
		"ratio":                             "package p\n\nvar value = sdk.T{\n" + long + ": 1,\n" + long + "x: 2,\nAb: 3,\n" + long + "y: 4,\n}\n",
		"string keys":                       "package p\n\nvar value = map[string]int{\n\"a\": 1,\n\"ключ\": 2,\n\"a\\\"b\": 3,\n}\n",
		"one element":                       "package p\n\nvar value = sdk.T{\nAbc: 1,\n}\n",
		"statements":                        "package main\n\nfunc main() {\nctx := context.Background()\nclient := sdk.New(\nsdk.WithA(\"a\"),\nsdk.WithB(\"b\"),\nsdk.WithC(&http.Client{Timeout: 2 * time.Minute}),\n)\n\n// Call options apply to this call only.\nres, err := client.Users.Get(ctx, \"id\", sdk.P{\nLimit: sdk.Ptr(int64(10)),\nQ: sdk.Ptr(\"x\"),\n}, sdk.WithTimeout(10*time.Second))\nif err != nil {\nlog.Fatal(err)\n}\nif res != nil {\n// handle response\n}\n}\n",
		"switch":                            "package main\n\nfunc main() {\nvar apiErr *sdk.APIError\nswitch {\ncase errors.As(err, &apiErr):\nlog.Println(apiErr)\ncase err != nil:\n// No response.\nlog.Fatal(err)\n}\n}\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			want, err := format.Source([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := layout(src)
			if !ok {
				t.Fatal("layout refused the example")
			}
			if got != string(want) {
				t.Errorf("layout:\n%s\ngofmt:\n%s", numbered(got), numbered(string(want)))
			}
		})
	}
}

// TestLayoutRefuses checks that source outside layout's subset goes to
// go/format rather than coming out wrong.
func TestLayoutRefuses(t *testing.T) {
	for _, src := range []string{
		"package p\n\nvar x = f(\n",     // unbalanced
		"package p\n\nvar x = f())\n",   // unbalanced
		"package p\n\nvar x = `a\nb`\n", // raw string
		"package p\n\nvar x = \"a\n",    // unterminated string
		"package p\n\n\tvar x = 1\n",    // indented already
		"package p\n\nvar x = 1 \n",     // trailing space
		"default:\n",                    // a case outside a block
	} {
		if got, ok := layout(src); ok {
			t.Errorf("layout accepted %q: %q", src, got)
		}
	}
}

// TestFloatHintIsGofmt: a spec's example number keeps its digits but takes
// gofmt's lower-case exponent, which go/format would otherwise have written.
func TestFloatHintIsGofmt(t *testing.T) {
	x := &exampler{}
	for in, want := range map[string]string{"1E5": "1e5", "2.5E-3": "2.5e-3", "1.5": "1.5", "7": "7"} {
		if got := x.prim(ir.Float64, json.Number(in), false); got != want {
			t.Errorf("prim(%s) = %s, want %s", in, got, want)
		}
	}
}
