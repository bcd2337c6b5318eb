package load

import (
	"net/url"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// An OpenAPI 3.2 document's $self is the URI it is known by, and the base
// its relative $refs resolve against. A spec read from disk is named by
// paths, not by that URI, so a $ref written as an absolute URI under a
// document's $self (https://api.example.com/specs/common.yaml#/Pet, beside
// $self https://api.example.com/specs/openapi.yaml) is read as the file at
// the same place beside the document, and one naming the document itself as
// a $ref into it. Relative $refs resolve as they always do: against $self
// and against the file they give the same file. The rewritten $refs are
// what kin-openapi reads (the documents holding them are bundled for it).

// selfBase maps the URIs under one document's $self to files beside it.
type selfBase struct {
	uri  string // $self, resolved
	dir  string // uri up to its last slash: what the files beside it start with
	file string // the document's absolute path
}

// noteSelf records the $self of the OpenAPI 3.2 document at abs, if it has
// one. An invalid $self is an error, located.
func (b *bundler) noteSelf(abs string) error {
	doc, err := b.load(abs)
	if err != nil {
		return nil // reported where the file is referenced
	}
	top := content(doc)
	if top.Kind != yaml.MappingNode {
		return nil
	}
	var self *yaml.Node
	version := ""
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch k, v := top.Content[i].Value, top.Content[i+1]; k {
		case "openapi":
			version = v.Value
		case "$self":
			self = v
		}
	}
	if self == nil || !strings.HasPrefix(version, "3.2") {
		return nil
	}
	if self.Kind != yaml.ScalarNode {
		return diag.Errorf(b.pos(abs, self), "#/$self", "$self must be a string, a URI reference")
	}
	u, err := url.Parse(self.Value)
	switch {
	case err != nil:
		return diag.Errorf(b.pos(abs, self), "#/$self", "$self must be a URI reference: %q is not one", self.Value)
	case u.Fragment != "" || strings.HasSuffix(self.Value, "#"):
		return diag.Errorf(b.pos(abs, self), "#/$self", "$self %q has a fragment, which OpenAPI does not allow", self.Value)
	}
	// A relative $self resolves against where the document was read.
	r := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).ResolveReference(u)
	d := *r
	d.RawQuery, d.Path, d.RawPath = "", r.Path[:strings.LastIndex(r.Path, "/")+1], ""
	if d.Path == "" {
		d.Path = "/"
	}
	b.selves = append(b.selves, selfBase{uri: r.String(), dir: d.String(), file: abs})
	return nil
}

// selfTarget returns the file an absolute $ref found in file names through
// a document's $self, if it names one.
func (b *bundler) selfTarget(u *url.URL, file string) (string, bool) {
	if len(b.selves) == 0 {
		return "", false
	}
	ref := *u
	ref.Fragment, ref.RawFragment = "", ""
	if !ref.IsAbs() {
		if !strings.HasPrefix(ref.Path, "/") {
			return "", false // relative: the same file either way
		}
		// An absolute path resolves against the $self of its own document.
		own := b.selfOf(file)
		if own == nil {
			return "", false
		}
		base, _ := url.Parse(own.uri)
		ref = *base.ResolveReference(&ref)
	}
	uri := ref.String()
	for _, s := range b.selves {
		if uri == s.uri {
			return s.file, true
		}
		if rest, ok := strings.CutPrefix(uri, s.dir); ok && rest != "" {
			p, err := url.PathUnescape(rest)
			if err != nil || strings.HasPrefix(p, "../") || strings.Contains(p, "/../") {
				continue
			}
			return filepath.Join(filepath.Dir(s.file), filepath.FromSlash(p)), true
		}
	}
	return "", false
}

// selfOf returns the $self recorded for the document at abs, if any.
func (b *bundler) selfOf(abs string) *selfBase {
	for i := range b.selves {
		if b.selves[i].file == abs {
			return &b.selves[i]
		}
	}
	return nil
}

// selfRef is the $ref kin-openapi is to read, written in file, for one
// that names the file at target through a $self.
func selfRef(file, target, frag string) string {
	if frag == "" {
		rel, err := filepath.Rel(filepath.Dir(file), target)
		if err != nil {
			rel = target
		}
		return filepath.ToSlash(rel)
	}
	return direct(file, target, frag)
}
