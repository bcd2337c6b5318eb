package load

import (
	"slices"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// unused32 are the fields OpenAPI 3.2 added that the generator does not use,
// by the kind of object that has them, with what the SDK does instead. Each
// one in a document is a located warning: a client that ignores a field
// without saying so can be wrong without anyone knowing. The 3.2 fields it
// does use are read where they are used (query, additionalOperations,
// in: querystring, itemSchema, $self, style: cookie, a server's name, a tag's
// summary and parent, a discriminator's defaultMapping, a security
// scheme's deprecated, a response's summary).
var unused32 = map[kind][]struct{ field, instead string }{
	kTag: {
		{"kind", "every tag's operations make a service, whatever its kind"},
	},
	kSecurityScheme: {
		{"oauth2MetadataUrl", "the SDK does not discover endpoints: it uses the flows' URLs as written"},
	},
	kOAuthFlows: {{"deviceAuthorization", "the SDK does not run the device authorization flow: pass it a token obtained by other means"}},
	kExample: {
		{"dataValue", "the docs' examples come from example fields, not from Example Objects"},
		{"serializedValue", "the docs' examples come from example fields, not from Example Objects"},
	},
	kMediaType: {{"itemEncoding", "a multipart stream's items are not encoded by it"}, {"prefixEncoding", "a multipart body's positional parts are not encoded by it"}},
}

// unused32Fields returns a warning for each OpenAPI 3.2 field of the
// document the generator does not use, in the root document and in what its
// $refs lead to, each place once.
func (b *bundler) unused32Fields() diag.List {
	var out diag.List
	warned := map[diag.Pos]bool{}
	b.walkFromRoot(func(file string, n *yaml.Node, k kind, path []string) {
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			j := slices.IndexFunc(unused32[k], func(u struct{ field, instead string }) bool { return u.field == key.Value })
			if j < 0 {
				continue
			}
			// A component is visited where it is and at each $ref to it.
			if pos := b.pos(file, key); !warned[pos] {
				warned[pos] = true
				u := unused32[k][j]
				out = append(out, diag.Errorf(pos, diag.JoinPointer("#", append(slices.Clip(path), u.field)...),
					"OpenAPI 3.2 field %q is not used by the generator: %s", u.field, u.instead))
			}
		}
	}, false)
	out.Sort()
	return out
}
