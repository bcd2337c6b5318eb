package runtime

import "testing"

// The examples of OpenAPI's style table (RFC 6570 for label), with
// color = "blue", ["blue", "black", "brown"], {R: 100, G: 200, B: 150}.
func TestPathStyles(t *testing.T) {
	type rgb struct {
		R int `json:"R"`
		G int `json:"G"`
		B int `json:"B"`
	}
	obj := rgb{100, 200, 150}
	arr := []string{"blue", "black", "brown"}
	for _, tc := range []struct {
		style   string
		explode bool
		v       any
		want    string
	}{
		{"simple", false, "blue", "blue"},
		{"simple", false, arr, "blue,black,brown"},
		{"simple", false, obj, "B,150,G,200,R,100"},
		{"simple", true, obj, "B=150,G=200,R=100"},
		{"label", false, "blue", ".blue"},
		{"label", false, arr, ".blue,black,brown"},
		{"label", true, arr, ".blue.black.brown"},
		{"label", false, obj, ".B,150,G,200,R,100"},
		{"label", true, obj, ".B=150.G=200.R=100"},
		{"matrix", false, "blue", ";color=blue"},
		{"matrix", true, "blue", ";color=blue"},
		{"matrix", false, arr, ";color=blue,black,brown"},
		{"matrix", true, arr, ";color=blue;color=black;color=brown"},
		{"matrix", false, obj, ";color=B,150,G,200,R,100"},
		{"matrix", true, obj, ";B=150;G=200;R=100"},
		{"matrix", false, []string{}, ";color"},
		{"simple", false, "a/b?c", "a%2Fb%3Fc"},
		{"label", true, map[string]string{"x/y": ".."}, ".x%2Fy=%2E%2E"},
	} {
		got, err := pathValue("color", tc.v, tc.style, tc.explode)
		if err != nil || got != tc.want {
			t.Errorf("%s explode=%v %v: got %q, %v; want %q", tc.style, tc.explode, tc.v, got, err, tc.want)
		}
	}
}

// TestPathSegments: slashes stay, each segment is escaped as one path
// segment is, dot segments included.
func TestPathSegments(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"subscriptions/1/resourceGroups/g": "subscriptions/1/resourceGroups/g",
		"a b/c?d#e/%":                      "a%20b/c%3Fd%23e/%25",
		"../..":                            "%2E%2E/%2E%2E",
		"/lead//double/":                   "/lead//double/",
		"./x":                              "%2E/x",
	} {
		if got := pathSegments(in); got != want {
			t.Errorf("pathSegments(%q) = %q, want %q", in, got, want)
		}
	}
}
