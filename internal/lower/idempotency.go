package lower

import (
	"net/http"
	"strings"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// IdempotencyConfig is the configuration's idempotency key: the header an
// API reads one from, and which operations get one.
type IdempotencyConfig struct {
	// Header is the header's name; "" means Idempotency-Key.
	Header string
	// Operations is IdempotencyDeclared (the default), IdempotencyMutations
	// or IdempotencyNone.
	Operations string
	Pos        diag.Pos
	Pointer    string
}

// The values of IdempotencyConfig.Operations.
const (
	// IdempotencyDeclared keys the mutations that declare the header as a
	// parameter: the spec says which operations accept one.
	IdempotencyDeclared = "declared"
	// IdempotencyMutations keys every POST, PUT, PATCH and DELETE, for an
	// API that accepts the header everywhere without declaring it.
	IdempotencyMutations = "mutations"
	// IdempotencyNone keys no operation, even one declaring the header.
	IdempotencyNone = "none"
)

// defaultIdempotencyHeader is the header the IETF draft
// (draft-ietf-httpapi-idempotency-key-header) names, which Stripe, Adyen
// and most APIs that take a key use.
const defaultIdempotencyHeader = "Idempotency-Key"

// idempotencyHeader returns the header in which each call of o carries an
// idempotency key the SDK makes when the caller gives none, or "". Only
// mutations get one: a key is what makes a POST or PATCH safe to send again
// after a connection dropped, and reads need none.
func (l *lowerer) idempotencyHeader(o *ir.Operation) string {
	switch o.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return ""
	}
	cfg := l.opts.Idempotency
	header, mode := defaultIdempotencyHeader, IdempotencyDeclared
	if cfg != nil {
		if cfg.Header != "" {
			header = cfg.Header
		}
		if cfg.Operations != "" {
			mode = cfg.Operations
		}
	}
	switch mode {
	case IdempotencyNone:
		return ""
	case IdempotencyMutations:
		return header
	}
	for _, p := range o.Params {
		if p.In == ir.InHeader && strings.EqualFold(p.Name, header) {
			// The spec's spelling: the one the server documents.
			return p.Name
		}
	}
	return ""
}
