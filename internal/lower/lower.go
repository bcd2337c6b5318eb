// Package lower translates a loaded OpenAPI document into the IR.
//
// It is the only package that reads both kin-openapi's model and the IR. It
// works in three steps: build every declaration, operation and group with
// name candidates; resolve all names in one pass (names.go); then sort. All
// errors are collected and reported together, sorted by position.
package lower

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Options configure lowering.
type Options struct {
	Package    string
	ImportPath string // the package's import path, for docs; may be empty
	Module     string // the module the SDK is the root of, when it is its own; may be empty
	// ErrorSchema names the component schema of the API's common error
	// (sdkgen.yaml's errorSchema), at ErrorSchemaPos; "" to infer it.
	ErrorSchema    string
	ErrorSchemaPos diag.Pos
	// Reserved are package-level names the emitters declare themselves
	// (runtime and client identifiers); declarations never take them.
	Reserved []string
	// MapPos maps positions in documents the loader bundled back to their
	// sources; nil when none was bundled.
	MapPos func(diag.Pos) diag.Pos
	// Locate, when not nil, locates a node without an origin by its JSON
	// pointer (the objects of a converted Swagger 2.0 document), and returns
	// its pointer in the source.
	Locate func(pointer string) (diag.Pos, string)
	// Gathered maps the component schemas the loader added, gathering a
	// spec's files into one document, to the references they stand for:
	// they are not the spec's own components.
	Gathered map[string]string
	// SkipUnsupported turns an operation's unsupported construct into a
	// skipped operation instead of an error.
	SkipUnsupported bool
	// Pagination holds the configuration's pagination rules.
	Pagination PaginationConfig
	// StreamSentinel is the data that ends every stream ("[DONE]"), unless
	// the spec names another; "" for none.
	StreamSentinel string
	// Globals are the configuration's globals: parameters sent on every
	// call, which add to the spec's x-speakeasy-globals or set their value.
	Globals []GlobalConfig
	// CredentialEnv are the configuration's environment variables for
	// credentials, by security scheme.
	CredentialEnv []CredentialEnv
	// Idempotency configures the idempotency keys the SDK makes; nil
	// means the defaults (IdempotencyConfig).
	Idempotency *IdempotencyConfig
	// Renames are the configuration's renames of types, applied after
	// the naming rules.
	Renames []Rename
}

// Rename gives the type the naming rules call From the name To.
type Rename struct {
	From, To string
	Pos      diag.Pos // of the entry in the configuration
	Pointer  string
}

// CredentialEnv names the environment variables a scheme's credential is
// read from: one for a token or key, two (user name, password) for basic
// authentication.
type CredentialEnv struct {
	Scheme  string
	Vars    []string
	Pos     diag.Pos
	Pointer string
}

// lowerer holds the state of one lowering.
type lowerer struct {
	doc  *openapi3.T
	opts Options
	api  *ir.API

	errs     diag.List
	warnings diag.List
	warned   map[string]bool // each warning's text, so that a schema lowered twice warns once

	decls    map[any]*declInfo // dedup: one declaration per schema (see schemaKey)
	declList []*declInfo
	inline   map[any]bool                // schemas being inlined, to stop cycles
	split    map[*openapi3.Schema]string // a schema made from another (a type of several, a base's own properties, an allOf variant) -> what it is
	children map[any][]string            // schema -> component schemas that include it by allOf (subtypeIndex)
	unfixed  map[*ir.Field]bool          // discriminators two unions give different values (fixDiscriminator)
	groups   map[string]*groupInfo
	idPrefix string // the operation IDs' shared first segment (sharedIDPrefix)
	// The names of the operations that have no operationId (pathids.go).
	pathIDs   map[*openapi3.Operation]string
	opInfos   []*opInfo
	schemeSet map[string]*ir.SecurityScheme
	opIDs     map[string]*ir.Operation // by operationId, to reject duplicates

	pageRules     map[string]*PageRule // the configuration's, by operationId
	pageRulesUsed map[string]bool
	sharedRules   map[string]*pageRule // the document's and the default rule, read once
}

// Lower builds the IR of doc.
func Lower(doc *openapi3.T, opts Options) (*ir.API, error) {
	l := &lowerer{
		doc:       doc,
		opts:      opts,
		decls:     map[any]*declInfo{},
		inline:    map[any]bool{},
		split:     map[*openapi3.Schema]string{},
		unfixed:   map[*ir.Field]bool{},
		groups:    map[string]*groupInfo{},
		schemeSet: map[string]*ir.SecurityScheme{},
		opIDs:     map[string]*ir.Operation{},

		pageRules:     map[string]*PageRule{},
		pageRulesUsed: map[string]bool{},
		sharedRules:   map[string]*pageRule{},
	}
	for _, r := range opts.Pagination.Operations {
		l.pageRules[r.OperationID] = r
	}
	l.api = &ir.API{Package: opts.Package, ImportPath: opts.ImportPath, Module: opts.Module}
	if doc.Info != nil {
		l.api.Title = doc.Info.Title
		l.api.Version = doc.Info.Version
		l.api.Description = doc.Info.Description
	}
	l.documentServers()
	l.security()
	l.credentialEnv()
	l.api.Retry = l.retryPolicy(doc.Extensions, "#", l.posOf(nil))
	l.globals()
	l.componentSchemas()
	l.operations()
	l.groupDocs()
	l.serverVars()
	l.checkPageRules()
	l.webhooks()
	l.dedupeResponses()
	l.dedupeErrors()
	l.dedupeShared()
	l.commonError()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	l.tagParents() // before names: a service under its parent is named in the parent's scope
	l.resolveNames()
	l.finish()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	l.warnings.Sort()
	l.api.Warnings = l.warnings
	return l.api, nil
}

// errorf records a located error.
func (l *lowerer) errorf(pos diag.Pos, ptr, format string, args ...any) {
	pos, ptr = l.orLocate(pos, ptr)
	l.errs = append(l.errs, diag.Errorf(pos, ptr, format, args...))
}

// warnf records a located warning.
func (l *lowerer) warnf(pos diag.Pos, ptr, format string, args ...any) {
	pos, ptr = l.orLocate(pos, ptr)
	w := diag.Errorf(pos, ptr, format, args...)
	if l.warned[w.Error()] {
		return
	}
	if l.warned == nil {
		l.warned = map[string]bool{}
	}
	l.warned[w.Error()] = true
	l.warnings = append(l.warnings, w)
}

// orLocate returns pos and ptr, or when pos is unknown the position of the
// node at ptr and its pointer in the source, if the loader can find it.
func (l *lowerer) orLocate(pos diag.Pos, ptr string) (diag.Pos, string) {
	if pos.IsValid() || l.opts.Locate == nil || ptr == "" {
		return pos, ptr
	}
	return l.opts.Locate(ptr)
}

// componentSchemas creates the declarations of all component schemas up
// front, so each gets its name from its key even when no operation uses it.
func (l *lowerer) componentSchemas() {
	if l.doc.Components == nil {
		return
	}
	keys := sortedKeys(l.doc.Components.Schemas)
	for _, k := range keys {
		ref := l.doc.Components.Schemas[k]
		ptr := diag.JoinPointer("#/components/schemas", k)
		if _, added := l.opts.Gathered[ptr]; added {
			continue
		}
		l.typeOf(&openapi3.SchemaRef{Ref: ptr, Value: ref.Value}, ptr, "")
	}
}

// finish sorts the IR's collections so output never depends on spec order,
// except struct fields, which follow the spec.
func (l *lowerer) finish() {
	for _, d := range l.declList {
		// Struct fields keep the spec's order (structDecl).
		l.api.Decls = append(l.api.Decls, d.decl)
	}
	slices.SortFunc(l.api.Decls, func(a, b *ir.Decl) int { return strings.Compare(a.Name, b.Name) })
	l.binaryOnlyInParts()
	l.breakUnionCycles()
	l.markSent()
	markRecursive(l.api.Decls)
	for _, g := range l.groups {
		slices.SortFunc(g.group.Operations, func(a, b *ir.Operation) int { return strings.Compare(a.GoName, b.GoName) })
		l.api.Groups = append(l.api.Groups, g.group)
	}
	slices.SortFunc(l.api.Groups, func(a, b *ir.Group) int { return cmp.Compare(a.FieldName, b.FieldName) })
}

// unsupported records an ErrUnsupported error.
func (l *lowerer) unsupported(pos diag.Pos, ptr, format string, args ...any) {
	pos, ptr = l.orLocate(pos, ptr)
	l.errs = append(l.errs, diag.Unsupportedf(pos, ptr, format, args...))
}

// isUnsupported reports whether err is an ErrUnsupported diagnostic.
func isUnsupported(e *diag.Error) bool { return errors.Is(e, diag.ErrUnsupported) }

// webhooks types the payloads of the spec's webhooks, which are requests the
// API sends rather than operations a client calls, and reports each.
func (l *lowerer) webhooks() {
	for _, name := range sortedKeys(l.doc.Webhooks) {
		item := l.doc.Webhooks[name]
		if item == nil {
			continue
		}
		for _, po := range l.itemOperations(item, diag.JoinPointer("#/webhooks", name)) {
			op, ptr := po.op, po.ptr
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			mt, media := pickRequestMedia(op.RequestBody.Value.Content)
			if media == nil {
				continue
			}
			ctx := pascalOr(name, "Webhook") + "Webhook"
			if op.OperationID != "" {
				ctx = pascalOr(op.OperationID, "Webhook") + "Payload"
			}
			t := l.typeOf(media.Schema, diag.JoinPointer(ptr+"/requestBody/content", mt)+"/schema", ctx)
			what := "its payload is typed"
			if d := declOfType(t); d != nil {
				what = "its payload is the type for " + d.Pointer
			}
			l.warnf(l.posOf(op.Origin), ptr, "webhook %q is not a client operation; %s", name, what)
		}
	}
}

func declOfType(t ir.Type) *ir.Decl {
	t, _ = ir.Unwrap(t)
	if r, ok := t.(*ir.Ref); ok {
		return r.Decl
	}
	return nil
}

// markSent marks the declarations a request body may hold.
func (l *lowerer) markSent() {
	var mark func(t ir.Type)
	mark = func(t ir.Type) {
		switch t := t.(type) {
		case *ir.Nullable:
			mark(t.Elem)
		case *ir.Slice:
			mark(t.Elem)
		case *ir.Map:
			mark(t.Elem)
		case *ir.Ref:
			if t.Decl.Sent {
				return
			}
			t.Decl.Sent = true
			childTypes(t.Decl.Kind, mark)
		}
	}
	for _, info := range l.opInfos {
		if b := info.op.Body; b != nil && b.Type != nil {
			mark(b.Type)
		}
	}
}

// binaryOnlyInParts keeps format: binary as a file only where one can be
// sent: a field (or list of fields) of a multipart body. Anywhere else the
// value travels inside JSON, where binary can only be a string.
func (l *lowerer) binaryOnlyInParts() {
	parts := map[*ir.Decl]bool{}
	for _, info := range l.opInfos {
		if b := info.op.Body; b != nil && b.Encoding == ir.EncodingMultipart {
			t, _ := ir.Unwrap(b.Type)
			if r, ok := t.(*ir.Ref); ok {
				parts[r.Decl] = true
				if u, ok := r.Decl.Kind.(*ir.Union); ok {
					// A union body's variants are sent as parts too.
					for _, v := range u.Variants {
						if d := declOfType(v.Type); d != nil {
							parts[d] = true
						}
					}
				}
			}
		}
	}
	for _, d := range l.api.Decls {
		switch k := d.Kind.(type) {
		case *ir.Struct:
			for _, f := range k.Fields {
				if parts[d] && isFilePart(f.Type) {
					continue
				}
				f.Type = binaryAsString(f.Type)
			}
			if k.Additional != nil {
				k.Additional = binaryAsString(k.Additional)
			}
		case *ir.Union:
			for _, v := range k.Variants {
				v.Type = binaryAsString(v.Type)
			}
		}
	}
	for _, info := range l.opInfos {
		for _, r := range info.op.Responses {
			if r.Encoding == ir.EncodingJSON && r.Type != nil {
				r.Type = binaryAsString(r.Type)
			}
		}
		if res := &info.op.Result; res.Type != nil && res.Encoding == ir.EncodingJSON {
			res.Type = binaryAsString(res.Type)
		}
		if b := info.op.Body; b != nil && b.Encoding == ir.EncodingJSON && b.Type != nil {
			// A JSON list of binary strings ([]File would encode as
			// objects); a body that is one is a stream (rawBody).
			b.Type = binaryAsString(b.Type)
		}
		if st := info.op.Stream; st != nil {
			st.Item = binaryAsString(st.Item)
		}
		for _, f := range info.op.Result.Fields {
			if f.Encoding == ir.EncodingJSON {
				f.Type = binaryAsString(f.Type)
			}
		}
	}
}

// isFilePart reports a file or a list of files.
func isFilePart(t ir.Type) bool {
	t, _ = ir.Unwrap(t)
	if s, ok := t.(*ir.Slice); ok {
		t, _ = ir.Unwrap(s.Elem)
	}
	p, ok := t.(*ir.Prim)
	return ok && p.Kind == ir.Binary
}

// binaryAsString replaces format: binary by string throughout t.
func binaryAsString(t ir.Type) ir.Type {
	switch tt := t.(type) {
	case *ir.Prim:
		if tt.Kind == ir.Binary {
			return &ir.Prim{Kind: ir.String}
		}
	case *ir.Slice:
		return &ir.Slice{Elem: binaryAsString(tt.Elem)}
	case *ir.Map:
		return &ir.Map{Elem: binaryAsString(tt.Elem)}
	case *ir.Nullable:
		return &ir.Nullable{Elem: binaryAsString(tt.Elem)}
	}
	return t
}
