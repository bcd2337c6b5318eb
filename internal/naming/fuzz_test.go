package naming

import (
	"encoding/json"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNames checks the naming functions on any text: Pascal gives an
// exported identifier, Camel an identifier (or a keyword, which scopes
// refuse), Snake and FileStem a file name stem of letters, digits and
// underscores; Claim never hands out a name that is taken or handed out;
// and a name IsJSONTagName accepts survives encoding/json's struct tags.
func FuzzNames(f *testing.F) {
	for _, s := range []string{
		"sign_in_token_id", "userId", "HTTPServer", "redirectURLs", "+1", "-1", "@id", "***", "",
		"über_größe", "名前", "ǅemal", "ᾳ", "2fa", "x-request-id", "repos/list-for-org", "a\x00b", "\xff\xfe",
		"type", "func", "_", "__", "İstanbul", "a,b", `a"b`, "-", " ", "V1", "x_test", "\u0301", "Ⅻ", "٣", "𝔘𝔫𝔦",
	} {
		f.Add(s, "x|y|"+s)
	}
	f.Fuzz(func(t *testing.T, s, claims string) {
		checkASCIIPaths(t, s)
		if p := Pascal(s); p != "" && (!token.IsIdentifier(p) || !token.IsExported(p)) {
			t.Errorf("Pascal(%q) = %q: not an exported identifier", s, p)
		}
		if c := Camel(s); c != "" && !token.IsIdentifier(c) && !token.IsKeyword(c) {
			t.Errorf("Camel(%q) = %q: not an identifier", s, c)
		}
		for _, stem := range []string{Snake(s), Snake(Pascal(s)), FileStem(Snake(s))} {
			checkStem(t, s, stem)
		}
		if fs := FileStem(s); len(fs) > MaxFileStem || !utf8.ValidString(fs) && utf8.ValidString(s) {
			t.Errorf("FileStem(%q) = %q", s, fs)
		}

		for _, fold := range []bool{false, true} {
			scope := NewScope("Client", "x")
			if fold {
				scope = NewFileScope("client", "x")
			}
			handed := map[string]bool{}
			for _, part := range strings.Split(claims, "|") {
				cands := strings.Split(part, ",")
				for i, c := range cands {
					if i%2 == 1 {
						cands[i] = Pascal(c)
					}
				}
				var taken []bool
				for _, c := range cands {
					taken = append(taken, scope.Taken(c))
				}
				name, numbered := scope.Claim(cands...)
				key := name
				if fold {
					key = strings.ToLower(name)
				}
				switch {
				case name == "" || token.IsKeyword(name):
					t.Fatalf("Claim(%q) = %q", cands, name)
				case handed[key] || key == "client" && fold || name == "Client" || name == "x":
					t.Fatalf("Claim(%q) = %q, which is taken", cands, name)
				case !scope.Taken(name):
					t.Fatalf("Claim(%q) = %q, still free afterwards", cands, name)
				}
				for i, c := range cands {
					if c == name && taken[i] {
						t.Fatalf("Claim(%q) = %q, which was taken", cands, name)
					}
				}
				if !numbered && !contains(cands, name) {
					t.Fatalf("Claim(%q) = %q: not a candidate, yet not reported as numbered", cands, name)
				}
				handed[key] = true
			}
		}

		if IsJSONTagName(s) {
			typ := reflect.StructOf([]reflect.StructField{{Name: "F", Type: reflect.TypeFor[int](), Tag: reflect.StructTag("json:" + strconv.Quote(s))}})
			out, err := json.Marshal(reflect.New(typ).Elem().Interface())
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]int
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatal(err)
			}
			if _, ok := m[s]; !ok || len(m) != 1 {
				t.Errorf("IsJSONTagName(%q), but a field tagged so encodes as %s", s, out)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// checkStem checks a file name stem: lower-case letters, digits and single
// underscores between words, nothing a path could use.
func checkStem(t *testing.T, in, stem string) {
	t.Helper()
	if !utf8.ValidString(stem) {
		t.Errorf("stem of %q is not UTF-8: %q", in, stem)
	}
	if strings.HasPrefix(stem, "_") || strings.HasSuffix(stem, "_") || strings.Contains(stem, "__") {
		t.Errorf("stem of %q has stray underscores: %q", in, stem)
	}
	for _, r := range stem {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			t.Errorf("stem of %q has %q: %q", in, r, stem)
		}
		if unicode.IsUpper(r) && unicode.ToLower(r) != r {
			t.Errorf("stem of %q is not lower case: %q", in, stem)
		}
	}
}

// checkASCIIPaths holds the byte-by-byte splitting and casing of ASCII names
// to the rune-by-rune ones.
func checkASCIIPaths(t *testing.T, s string) {
	t.Helper()
	if !isASCII(s) {
		return
	}
	if got, want := asciiWords(s), runeWords(s); !slices.Equal(got, want) {
		t.Errorf("asciiWords(%q) = %q, runeWords gives %q", s, got, want)
	}
	for _, w := range runeWords(s) {
		if len(w) <= 64 {
			for _, keep := range []bool{false, true} {
				if got, want := asciiPascalWord(w, keep), runePascalWord(w, keep); got != want {
					t.Errorf("asciiPascalWord(%q, %v) = %q, runePascalWord gives %q", w, keep, got, want)
				}
			}
		}
	}
}

func TestASCIIPaths(t *testing.T) {
	for _, s := range []string{
		"sign_in_token_id", "userId", "HTTPServer", "redirectURLs", "IDs", "URLsList", "APIKey", "oauth2Token",
		"SERVER", "A", "a", "ID", "Id", "x-request-id", "v1.2.3", "getURLs", "HTTPSProxy", "ABCs", "ABCsd",
		"__init__", "Content-Type", "s3Bucket", "X509Cert", "already_CAPS_word", "UTF8String",
		"M2M Tokens", "createM2MToken", "V1Users", "B2BSaaS", "m2m",
	} {
		checkASCIIPaths(t, s)
	}
}
