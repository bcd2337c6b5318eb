package lower

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// streamMode is how an operation's success responses are lowered.
type streamMode int

const (
	streamNone   streamMode = iota // no stream: as before
	streamJSON                     // the JSON method of an operation that also streams: stream media left out
	streamMethod                   // the stream method: only the stream media
)

// sentinelExt names the data that ends a stream, on the media type or the
// operation.
const sentinelExt = "x-speakeasy-sse-sentinel"

// streamFormatOf tells a streamed media type's framing.
func streamFormatOf(mt string) (ir.StreamFormat, bool) {
	mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(mt)), ";")
	switch strings.TrimSpace(mt) {
	case "text/event-stream":
		return ir.StreamSSE, true
	case "application/jsonl", "application/x-ndjson", "application/jsonlines", "application/x-jsonlines":
		return ir.StreamJSONLines, true
	case "application/json-seq":
		return ir.StreamJSONSeq, true
	}
	return 0, false
}

// streamModes reports whether the operation's success responses offer a
// stream, and whether they offer another body too.
func streamModes(op *openapi3.Operation) (stream, other bool) {
	if op.Responses == nil {
		return false, false
	}
	for k, rr := range op.Responses.Map() {
		if rr == nil || rr.Value == nil || !(strings.HasPrefix(k, "2") || k == "default" && !hasSuccessKey(op)) {
			continue
		}
		for mt := range rr.Value.Content {
			if _, ok := streamFormatOf(mt); ok {
				stream = true
			} else {
				other = true
			}
		}
	}
	return stream, other
}

func hasSuccessKey(op *openapi3.Operation) bool {
	for k := range op.Responses.Map() {
		if strings.HasPrefix(k, "2") {
			return true
		}
	}
	return false
}

// successMedia picks a success response's media type for the operation's
// mode; keep false leaves the response out of the method (a JSON-only
// status of the stream method, a stream-only one of the JSON method).
func successMedia(mode streamMode, content openapi3.Content) (mt string, media *openapi3.MediaType, keep bool) {
	var streams, others openapi3.Content
	for k, m := range content {
		if _, ok := streamFormatOf(k); ok {
			if streams == nil {
				streams = openapi3.Content{}
			}
			streams[k] = m
		} else {
			if others == nil {
				others = openapi3.Content{}
			}
			others[k] = m
		}
	}
	switch {
	case len(content) == 0:
		return "", nil, true
	case mode == streamMethod && len(streams) == 0, mode == streamJSON && len(others) == 0:
		return "", nil, false
	case mode == streamMethod:
		keys := sortedKeys(streams)
		slices.SortStableFunc(keys, func(a, b string) int {
			fa, _ := streamFormatOf(a)
			fb, _ := streamFormatOf(b)
			return int(fa) - int(fb)
		})
		return keys[0], streams[keys[0]], true
	}
	mt, media = pickMedia(others)
	return mt, media, true
}

// streamResponse lowers a stream's media type: its item type (itemSchema
// when the spec gives one), whether that type is an SSE envelope, and the
// sentinel that ends it.
func (l *lowerer) streamResponse(info *opInfo, op *openapi3.Operation, mt string, media *openapi3.MediaType, rptr, ctx string) ir.Type {
	format, _ := streamFormatOf(mt)
	mptr := diag.JoinPointer(rptr+"/content", mt)
	st := &ir.Stream{Format: format, MediaType: mt, Pos: l.posOf(media.Origin)}
	schema, sptr := media.Schema, mptr+"/schema"
	if media.ItemSchema != nil {
		schema, sptr = media.ItemSchema, mptr+"/itemSchema"
	}
	st.Sentinel = l.opts.StreamSentinel
	for _, src := range []struct {
		ext map[string]any
		ptr string
		pos diag.Pos
	}{{op.Extensions, info.op.Pointer, l.fieldPos(op.Origin, sentinelExt)}, {media.Extensions, mptr, l.fieldPos(media.Origin, sentinelExt)}} {
		if v, ok := src.ext[sentinelExt]; ok {
			if s, ok := v.(string); ok && s != "" {
				st.Sentinel = s
			} else {
				l.warnf(src.pos, src.ptr+"/"+sentinelExt, "%s must be a non-empty string; it is ignored", sentinelExt)
			}
		}
	}
	if schema != nil && schema.Value != nil {
		if rest, sentinel := splitSentinel(schema.Value); sentinel != "" {
			// oneOf: [Chunk, {type: string, enum: ["[DONE]"]}]: the
			// string is the data that ends the stream, not an item.
			switch {
			case st.Sentinel != "" && st.Sentinel != sentinel:
				l.warnf(l.posOf(schema.Value.Origin), sptr, "stream schema documents the sentinel %q, but %q is configured; using %q", sentinel, st.Sentinel, st.Sentinel)
			default:
				st.Sentinel = sentinel
			}
			if rest >= 0 {
				sptr = sptr + "/oneOf/" + strconv.Itoa(rest)
				schema = schema.Value.OneOf[rest]
			}
		}
	}
	if format == ir.StreamSSE && schema != nil && schema.Value != nil && isEnvelope(schema.Value) {
		st.Envelope = true
		schema = dataByContentSchema(schema)
	}
	st.Item = l.typeOf(schema, sptr, ctx)
	if schema == nil {
		st.Item = &ir.Prim{Kind: ir.Any}
		l.warnf(st.Pos, mptr, "stream %s has no schema; its items are decoded as any JSON value", mt)
	}
	if info.op.Stream == nil { // the first stream response's; result keeps only it
		info.op.Stream = st
	}
	return st.Item
}

// splitSentinel finds, in a oneOf, the one member that is a string with a
// single enum value that is not JSON: the sentinel a stream ends with
// (OpenAI's "[DONE]"). rest is the index of the only other member, or -1
// when there are several.
func splitSentinel(s *openapi3.Schema) (rest int, sentinel string) {
	if len(s.OneOf) < 2 {
		return -1, ""
	}
	at := -1
	for i, m := range s.OneOf {
		if m == nil || m.Value == nil || !m.Value.Type.Is("string") || len(m.Value.Enum) != 1 {
			continue
		}
		v, ok := m.Value.Enum[0].(string)
		if !ok || json.Valid([]byte(v)) || at >= 0 {
			return -1, ""
		}
		at, sentinel = i, v
	}
	if at < 0 {
		return -1, ""
	}
	if len(s.OneOf) == 2 {
		return 1 - at, sentinel
	}
	return -1, sentinel
}

// isEnvelope reports an object schema whose properties are SSE fields,
// data among them: each event, not its data, is the item (Mistral's
// CompletionEvent {data: CompletionChunk}).
//
// A oneOf or anyOf of envelopes is one too: a union keyed by the event
// field, which its discriminator (propertyName: event) tells apart.
func isEnvelope(s *openapi3.Schema) bool {
	if alts := append(slices.Clone(s.OneOf), s.AnyOf...); len(alts) > 0 && len(s.Properties) == 0 {
		for _, m := range alts {
			if m == nil || m.Value == nil || !isEnvelope(m.Value) {
				return false
			}
		}
		return true
	}
	if len(s.Properties) == 0 || s.Properties["data"] == nil {
		return false
	}
	for name := range s.Properties {
		switch name {
		case "data", "event", "id", "retry":
		default:
			return false
		}
	}
	return true
}

// dataByContentSchema types an envelope's data by its contentSchema when
// it is a string of JSON (contentMediaType application/json), as OpenAPI
// 3.2's SSE itemSchema writes it: the stream decodes JSON data as JSON
// anyway. The envelope is then its own type, not the component's.
func dataByContentSchema(env *openapi3.SchemaRef) *openapi3.SchemaRef {
	data := env.Value.Properties["data"]
	if data == nil || data.Value == nil || data.Value.ContentSchema == nil || !isJSONMedia(data.Value.ContentMediaType) {
		return env
	}
	v := *env.Value
	v.Properties = maps.Clone(v.Properties)
	v.Properties["data"] = data.Value.ContentSchema
	return &openapi3.SchemaRef{Value: &v}
}

// streamFlag finds the request body's boolean "stream" property, which
// switches the API between JSON and a stream.
func streamFlag(op *openapi3.Operation) string {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	mt, media := pickRequestMedia(op.RequestBody.Value.Content)
	if media == nil || encodingOf(mt) != ir.EncodingJSON || media.Schema == nil || media.Schema.Value == nil {
		return ""
	}
	// The body's own properties, and those of its allOf members (OpenAI's
	// requests are allOf: [shared properties, own properties]).
	schemas := []*openapi3.Schema{media.Schema.Value}
	for _, m := range media.Schema.Value.AllOf {
		if m != nil && m.Value != nil {
			schemas = append(schemas, m.Value)
		}
	}
	for _, name := range []string{"stream", "streaming"} {
		for _, s := range schemas {
			if p := s.Properties[name]; p != nil && p.Value != nil && p.Value.Type.Is("boolean") {
				return name
			}
		}
	}
	return ""
}

// streamTwin makes the stream method of an operation that answers JSON or
// a stream: a copy that shares the parameters and the body, with the
// stream responses. The flag, if the body has one, is false in the JSON
// method and true in the stream method.
func (l *lowerer) streamTwin(info *opInfo, op *openapi3.Operation, ptr string) *opInfo {
	twin := *info.op
	twin.Responses, twin.Result, twin.Stream = nil, ir.Result{}, nil
	ti := &opInfo{op: &twin, typeBase: info.typeBase, params: info.params, mode: streamMethod, twinOf: info}
	l.responses(ti, op, ptr+"/responses")
	info.op.Twin, twin.Twin = &twin, info.op
	if name := streamFlag(op); name != "" && info.op.Body != nil {
		info.op.Flag = &ir.BodyFlag{Property: name, Value: false}
		twin.Flag = &ir.BodyFlag{Property: name, Value: true}
	} else {
		l.warnf(info.op.Pos, ptr, "operation answers JSON or a stream, and its request body has no boolean \"stream\" property: the two methods differ only by their Accept header")
	}
	return ti
}
