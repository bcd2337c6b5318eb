package load

import "testing"

func TestNearest(t *testing.T) {
	cases := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"Pett", []string{"Owner", "Pet", "Pets"}, "Pet"},                          // Pets is as near: byte order decides
		{"pet", []string{"Pet", "pets"}, "Pet"},                                    // case is free
		{"UserRespnse", []string{"UserResponse", "UsersResponse"}, "UserResponse"}, // one edit beats two
		{"Zebra", []string{"Pet", "Owner"}, ""},
		{"B", []string{"A", "C"}, ""}, // short names are all near one another
		{"b", []string{"A", "B"}, "B"},
		{"Pet", []string{"Pet"}, ""}, // the name itself is not a suggestion
	}
	for _, c := range cases {
		if got := nearest(c.name, c.candidates); got != c.want {
			t.Errorf("nearest(%q, %q) = %q, want %q", c.name, c.candidates, got, c.want)
		}
	}
}
