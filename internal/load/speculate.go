package load

import (
	"context"
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
)

// A speculative load runs kin-openapi's parse of a self-contained YAML
// document while Load parses the same text for its own checks: the two
// parses are the larger part of loading and need not wait for each other.
// The result is used only when Load then takes the plain path (no bundling,
// no JSON conversion), where it would make the very same call.
type speculative struct {
	done chan struct{}
	doc  *openapi3.T
}

// swaggerKey finds a Swagger 2.0 document, which loads through the
// converter instead. Only the head of the file is searched, where the key
// sits in practice: a miss only costs a parse thrown away.
var swaggerKey = regexp.MustCompile(`(?m)^['"]?swagger['"]?\s*:`)

func speculate(ctx context.Context, path string, data []byte) *speculative {
	s := &speculative{done: make(chan struct{})}
	if looksLikeJSON(data) || swaggerKey.Match(data[:min(len(data), 64<<10)]) {
		close(s.done)
		return s
	}
	go func() {
		defer close(s.done)
		defer func() {
			if recover() != nil {
				s.doc = nil // the plain path reports it
			}
		}()
		loader := openapi3.NewLoader()
		loader.Context = ctx
		// Origins come from the loader's own parse (origins.go).
		loader.IncludeOrigin = false
		// A document with external references fails here and loads through
		// the bundler's reader instead.
		loader.IsExternalRefsAllowed = false
		if doc, err := loader.LoadFromFile(path); err == nil {
			s.doc = doc
		}
	}()
	return s
}

// wait returns the document, or nil when the speculation did not run or
// failed.
func (s *speculative) wait() *openapi3.T {
	<-s.done
	return s.doc
}
