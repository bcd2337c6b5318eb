package ir

import "github.com/sdkgen/sdkgen/internal/diag"

// StreamFormat is the framing of a streamed response body.
type StreamFormat int

const (
	StreamSSE       StreamFormat = iota // text/event-stream
	StreamJSONLines                     // application/jsonl, application/x-ndjson, application/jsonlines
	StreamJSONSeq                       // application/json-seq (RFC 7464)
)

// Stream is a success response read as a sequence of values: the method
// returns a stream of Item.
type Stream struct {
	Format    StreamFormat
	MediaType string
	// Item is each record's type: the response schema, or OpenAPI 3.2's
	// itemSchema. With Envelope it is the whole server-sent event.
	Item Type
	// Envelope says Item is an object of the SSE fields (data, event, id,
	// retry): each event is decoded into it whole, data as JSON.
	Envelope bool
	// Sentinel is the data that ends the stream ("[DONE]"); "" for none.
	Sentinel string
	Pos      diag.Pos
}

// BodyFlag is a boolean property of a JSON request body that the method
// sets itself, whatever the caller's body says: the flag that switches an
// API between answering JSON and answering a stream.
type BodyFlag struct {
	Property string // JSON name
	Value    bool
}
