package docs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// errorRow is a kind of error an operation returns: a typed error (decl set)
// or *APIError (decl nil), with the statuses that produce it.
type errorRow struct {
	decl         *ir.Decl
	statuses     []string // declared statuses
	otherStatus  bool     // also every status the operation does not declare
	otherCommon  bool     // also every undeclared status whose body is one (the API's common error)
	descriptions []string // the responses' descriptions, without repeats
}

// errorRows are the errors a method returns, from its cases: a typed error
// per declaration, then *APIError, with the statuses that produce each; the
// fallback's row also answers every status the operation does not declare,
// and so does the API's common error (common, when not nil) when the body is one.
func errorRows(m *goview.Method, common *ir.Decl) []*errorRow {
	var rows []*errorRow
	api := &errorRow{}
	row := func(c *goview.Case) *errorRow {
		switch c.Kind {
		case goview.CaseError:
			for _, r := range rows {
				if r.decl == c.Error {
					return r
				}
			}
			r := &errorRow{decl: c.Error}
			rows = append(rows, r)
			return r
		case goview.CaseAPIError:
			return api
		}
		return nil // success
	}
	describe := func(r *errorRow, resp *ir.Response) {
		if resp.Description != "" && !slices.Contains(r.descriptions, resp.Description) {
			r.descriptions = append(r.descriptions, resp.Description)
		}
	}
	// Rows in the order of the responses, as the cases are; the fallback's
	// default response where it stands among them.
	for _, resp := range m.Op.Responses {
		if resp.Status == "default" {
			if r := row(m.Fallback); r != nil {
				describe(r, resp)
			}
			continue
		}
		for _, c := range m.Cases {
			if slices.Contains(c.Responses, resp) {
				if r := row(c); r != nil {
					r.statuses = append(r.statuses, resp.Status)
					describe(r, resp)
				}
			}
		}
	}
	if r := row(m.Fallback); r != nil {
		r.otherStatus = true
		if common != nil && m.Fallback.Kind == goview.CaseAPIError {
			row(&goview.Case{Kind: goview.CaseError, Error: common}).otherCommon = true
		}
	}
	if len(api.statuses) > 0 || api.otherStatus {
		rows = append(rows, api)
	}
	return rows
}

// statusText lists statuses for a table cell.
func (r *errorRow) statusText() string {
	parts := slices.Clone(r.statuses)
	if r.otherCommon {
		parts = append(parts, "any other status whose body is one")
	}
	if r.otherStatus {
		parts = append(parts, "any other status")
	}
	return strings.Join(parts, ", ")
}

// successResponses are the responses a call returns without error.
func successResponses(m *goview.Method) []*ir.Response {
	var out []*ir.Response
	for _, resp := range m.Op.Responses {
		for _, c := range append(m.Cases, m.Fallback) {
			if c.Success() && slices.Contains(c.Responses, resp) {
				out = append(out, resp)
				break
			}
		}
	}
	return out
}

// retryText describes a retry policy in a sentence.
func retryText(p *ir.RetryPolicy) string {
	if p == nil || (len(p.StatusCodes) == 0 && !p.RetryConnectionErrors) {
		return "Requests are not retried."
	}
	var on []string
	if len(p.StatusCodes) > 0 {
		var codes []string
		for _, c := range p.StatusCodes {
			codes = append(codes, code(c))
		}
		on = append(on, "status "+andList(codes))
	}
	if p.RetryConnectionErrors {
		on = append(on, "connection errors")
	}
	s := "Failed requests are retried on " + strings.Join(on, " and ") + ", with exponential backoff: "
	s += fmt.Sprintf("the first wait is %s", code(p.InitialInterval.String()))
	if p.Exponent > 0 {
		s += fmt.Sprintf(", multiplied by %s after each attempt", code(strconv.FormatFloat(p.Exponent, 'g', -1, 64)))
	}
	if p.MaxInterval > 0 {
		s += fmt.Sprintf(", up to %s", code(p.MaxInterval.String()))
	}
	if p.MaxElapsedTime > 0 {
		s += fmt.Sprintf("; no retry starts after %s", code(p.MaxElapsedTime.String()))
	}
	return s + "."
}

// sameRetry reports whether two policies behave alike.
func sameRetry(a, b *ir.RetryPolicy) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.InitialInterval == b.InitialInterval && a.MaxInterval == b.MaxInterval &&
		a.MaxElapsedTime == b.MaxElapsedTime && a.Exponent == b.Exponent &&
		slices.Equal(a.StatusCodes, b.StatusCodes) && a.RetryConnectionErrors == b.RetryConnectionErrors
}

// sameSecurity reports whether two requirements are the same.
func sameSecurity(a, b []ir.Requirement) bool {
	return slices.EqualFunc(a, b, func(x, y ir.Requirement) bool { return slices.Equal(x.Schemes, y.Schemes) })
}

// securityText describes a requirement: its alternatives, in order.
func securityText(reqs []ir.Requirement) string {
	if len(reqs) == 0 {
		return "no credentials"
	}
	var alts []string
	for _, r := range reqs {
		if len(r.Schemes) == 0 {
			alts = append(alts, "no credentials")
			continue
		}
		var names []string
		for _, s := range r.Schemes {
			names = append(names, code(s))
		}
		alts = append(alts, andList(names))
	}
	return strings.Join(alts, ", or ")
}

// andList joins items as "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// goLiteral shows an enum value as Go source.
func goLiteral(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// fieldFacts are what a field's type does not say: default, constraints,
// read- or write-only, deprecation.
func fieldFacts(f *ir.Field) []string {
	var facts []string
	if f.Default != "" {
		facts = append(facts, "Default: "+code(f.Default)+".")
	}
	if f.Example != "" && len(f.Example) <= 80 {
		facts = append(facts, "Example: "+code(f.Example)+".")
	}
	if len(f.Constraints) > 0 {
		var cs []string
		for _, c := range f.Constraints {
			cs = append(cs, code(c))
		}
		facts = append(facts, "Constraints: "+strings.Join(cs, ", ")+".")
	}
	if f.ReadOnly {
		facts = append(facts, "Read-only: set by the server.")
	}
	if f.WriteOnly {
		facts = append(facts, "Write-only: the server never returns it.")
	}
	if f.Deprecated {
		facts = append(facts, "**Deprecated**: the API marks this field as deprecated.")
	}
	return facts
}
