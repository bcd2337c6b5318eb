// Package naming converts spec names into Go identifiers and file names, and
// resolves collisions within one Go namespace.
//
// It is the only place that computes names: the lowering pass calls it once per
// declaration, and emitters only read the results.
package naming

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are written in upper case in Go names (Go review comments, plus
// the ones common in web APIs). The value is the spelling to use, whatever
// the spec's case: "m2m", "Oauth" and "Sms" become "M2M", "OAuth", "SMS".
// Other words the spec writes in capitals within a mixed-case name keep
// their spelling (Pascal).
var initialisms = map[string]string{
	"m2m": "M2M", "oauth": "OAuth", "oauth2": "OAuth2", "oidc": "OIDC", "sms": "SMS", "sdk": "SDK",
	"acl": "ACL", "api": "API", "ascii": "ASCII", "cpu": "CPU", "css": "CSS", "dns": "DNS",
	"eof": "EOF", "guid": "GUID", "html": "HTML", "http": "HTTP", "https": "HTTPS", "id": "ID",
	"ids": "IDs", "ip": "IP", "json": "JSON", "jwt": "JWT", "jwks": "JWKS", "mfa": "MFA",
	"qps": "QPS", "ram": "RAM", "rpc": "RPC", "saml": "SAML", "scim": "SCIM", "sla": "SLA",
	"smtp": "SMTP", "sql": "SQL", "ssh": "SSH", "sso": "SSO", "tcp": "TCP", "tls": "TLS",
	"totp": "TOTP", "otp": "OTP", "ttl": "TTL", "udp": "UDP", "ui": "UI", "uid": "UID",
	"uri": "URI", "url": "URL", "urls": "URLs", "utf8": "UTF8", "uuid": "UUID", "vm": "VM",
	"xml": "XML", "xmpp": "XMPP", "xsrf": "XSRF", "xss": "XSS",
	// Words with a digit, as the standard library spells them.
	"http2": "HTTP2", "ipv4": "IPv4", "ipv6": "IPv6", "md5": "MD5", "sha1": "SHA1", "sha256": "SHA256",
	"sha512": "SHA512",
}

// Words splits s into words at separators, case changes and letter/digit
// boundaries that start a new word ("HTTPServer" -> "HTTP", "Server";
// "user_id" -> "user", "id"; "oauth2Token" -> "oauth2", "Token").
func Words(s string) []string {
	if isASCII(s) {
		return asciiWords(s)
	}
	return runeWords(s)
}

// isASCII reports whether s is all ASCII, as nearly every spec name is:
// those are split and cased byte by byte (asciiWords, pascalWord), without
// converting to runes, which was a third of naming's time.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func runeWords(s string) []string {
	var words []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && unicode.IsDigit(prev) && i >= 2 && unicode.IsUpper(rs[i-2]) && (i+1 == len(rs) || !unicode.IsLower(rs[i+1])):
			// "M2M", "createM2MToken": a capital after a digit inside a
			// run of capitals continues the word.
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			// "userId" -> "user" | "Id"; "oauth2Token" -> "oauth2" | "Token"
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && !pluralInitialism(rs, i):
			// "HTTPServer" -> "HTTP" | "Server"
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}

// asciiWords is runeWords for ASCII text, with words cut out of s.
func asciiWords(s string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, s[start:end])
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := s[i-1]
		switch {
		case isUpper(c) && isDigit(prev) && i >= 2 && isUpper(s[i-2]) && (i+1 == len(s) || !isLower(s[i+1])):
		case isUpper(c) && (isLower(prev) || isDigit(prev)):
			flush(i)
			start = i
		case isUpper(c) && isUpper(prev) && i+1 < len(s) && isLower(s[i+1]) &&
			!(s[i+1] == 's' && (i+2 == len(s) || !isLower(s[i+2]))):
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return words
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isUpper(c) || isLower(c) || isDigit(c) }

// pluralInitialism reports whether rs[i] ends an upper-case run followed by
// a lone "s", as in "URLs" or "IDs", which is one word.
func pluralInitialism(rs []rune, i int) bool {
	return rs[i+1] == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2]))
}

// symbolWords names the symbols that carry meaning at the start of a name, so
// that enum values like "+1" and "-1" do not both become "1".
var symbolWords = map[rune]string{'+': "Plus", '-': "Minus"}

// Pascal converts a spec name to an exported Go identifier: "sign_in_token_id"
// -> "SignInTokenID". It returns "" when s has no letters or digits.
func Pascal(s string) string {
	var b strings.Builder
	if r, size := utf8.DecodeRuneInString(s); symbolWords[r] != "" && size < len(s) {
		if next, _ := utf8.DecodeRuneInString(s[size:]); unicode.IsDigit(next) {
			b.WriteString(symbolWords[r])
		}
	}
	mixed := hasLower(s)
	for _, w := range Words(s) {
		b.WriteString(pascalWord(w, mixed))
	}
	return exportable(b.String())
}

// hasLower reports whether s has a lower-case letter: in such a name a word
// written in capitals ("Email & SMS Templates") is an initialism as the spec
// spells it, while in a name all in capitals ("PENDING_REVIEW") capitals say
// nothing about one word.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// Camel converts a spec name to an unexported Go identifier: "sign_in_token_id"
// -> "signInTokenID". It returns "" when s has no letters or digits.
func Camel(s string) string {
	words := Words(s)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(words[0]))
	mixed := hasLower(s)
	for _, w := range words[1:] {
		b.WriteString(pascalWord(w, mixed))
	}
	out := b.String()
	if r, _ := utf8.DecodeRuneInString(out); !unicode.IsLetter(r) {
		out = "v" + out
	}
	return out
}

// Snake converts a Go identifier to a lower-case file name stem:
// "SignInTokenID" -> "sign_in_token_id".
func Snake(goName string) string {
	// "OAuth" and "IPv4" are one word, though their case says two.
	words := Words(strings.NewReplacer("OAuth", "Oauth", "IPv", "Ipv").Replace(goName))
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, "_")
}

// pascalWord cases one word. keepCaps keeps a word in capitals as written.
func pascalWord(w string, keepCaps bool) string {
	if len(w) > 0 && len(w) <= 64 && isASCII(w) {
		return asciiPascalWord(w, keepCaps)
	}
	return runePascalWord(w, keepCaps)
}

func runePascalWord(w string, keepCaps bool) string {
	lower := strings.ToLower(w)
	if s, ok := initialisms[lower]; ok {
		return s
	}
	if !keepCaps && strings.ToUpper(w) == w && utf8.RuneCountInString(w) > 1 {
		// An all-caps word that is not a known initialism ("SERVER") reads
		// better as a word in a name all in capitals; known ones were
		// handled above.
		w = lower
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// asciiPascalWord is runePascalWord for an ASCII word of at most 64 bytes,
// cased in a buffer on the stack: one allocation, for the result.
func asciiPascalWord(w string, keepCaps bool) string {
	var buf [64]byte
	lower := buf[:len(w)]
	caps := true // no lower-case letter
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isUpper(c):
			c += 'a' - 'A'
		case isLower(c):
			caps = false
		}
		lower[i] = c
	}
	if s, ok := initialisms[string(lower)]; ok {
		return s
	}
	out := lower
	if !caps || len(w) < 2 || keepCaps {
		copy(out, w) // the word as written
	}
	if len(out) > 0 && isLower(out[0]) {
		out[0] -= 'a' - 'A'
	}
	return string(out)
}

// exportable makes s a valid exported identifier, or returns "".
func exportable(s string) string {
	if s == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		// Digits and letters without case (e.g. CJK) cannot start an exported name.
		return "X" + s
	}
	return s
}

// MaxFileStem bounds the length in bytes of a file name stem, so that names
// from long spec names stay well under file systems' limits (255 bytes)
// with a prefix, a number and an extension added.
const MaxFileStem = 120

// FileStem shortens a file name stem to MaxFileStem bytes, at a rune
// boundary and without a trailing "_".
func FileStem(s string) string {
	if len(s) <= MaxFileStem {
		return s
	}
	s = s[:MaxFileStem]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return strings.TrimRight(s, "_")
}

// IsJSONTagName reports whether encoding/json accepts name as the name in a
// struct tag. Other names (empty, or with quotes, backslashes, commas,
// control characters or symbols) are silently replaced by the Go field
// name, so a field with such a name needs its own encoding. "-" would need
// the tag "-,", which linters take for a mistake.
func IsJSONTagName(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			return false
		}
	}
	return true
}
