package lower

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// security lowers the security schemes and the root requirement.
func (l *lowerer) security() {
	if l.doc.Components != nil {
		for _, name := range sortedKeys(l.doc.Components.SecuritySchemes) {
			ref := l.doc.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			ptr := diag.JoinPointer("#/components/securitySchemes", name)
			if s := l.securityScheme(name, ref.Value, ptr); s != nil {
				l.api.SecuritySchemes = append(l.api.SecuritySchemes, s)
				l.schemeSet[name] = s
			}
		}
	}
	l.api.Security = l.requirements(l.doc.Security, "#/security", l.fieldPos(l.doc.Origin, "security"))
}

func (l *lowerer) securityScheme(name string, s *openapi3.SecurityScheme, ptr string) *ir.SecurityScheme {
	out := &ir.SecurityScheme{Name: name, Description: strings.TrimSpace(s.Description), Pos: l.posOf(s.Origin)}
	// OpenAPI 3.2's deprecated, which kin-openapi keeps as an extension.
	out.Deprecated, _ = s.Extensions["deprecated"].(bool)
	switch strings.ToLower(s.Type) {
	case "http":
		switch strings.ToLower(s.Scheme) {
		case "bearer":
			out.Kind = ir.SecurityBearer
		case "basic":
			out.Kind = ir.SecurityBasic
		default:
			l.warnf(out.Pos, ptr, "HTTP authentication scheme %q is not supported; no client option is generated for it", s.Scheme)
			return nil
		}
	case "apikey":
		if auth, _ := s.Extensions["x-amazon-apigateway-authtype"].(string); strings.EqualFold(auth, "awsSigv4") {
			if out.SigningName = l.awsSigningName(); out.SigningName != "" {
				out.Kind = ir.SecurityAWSSigV4
				return out
			}
			l.warnf(out.Pos, ptr, "AWS Signature Version 4 scheme: the service's signing name is neither info's x-aws-signingName nor a server's host; its option takes a key sent as is")
		}
		out.Kind = ir.SecurityAPIKey
		out.ParamName = s.Name
		switch s.In {
		case "header":
			out.In = ir.InHeader
		case "query":
			out.In = ir.InQuery
		case "cookie":
			out.In = ir.InCookie
		default:
			l.errorf(out.Pos, ptr, "apiKey security scheme has invalid location %q", s.In)
			return nil
		}
		if s.Name == "" {
			l.errorf(out.Pos, ptr, "apiKey security scheme has no name")
			return nil
		}
		if out.In != ir.InQuery && !isToken(s.Name) {
			l.errorf(out.Pos, ptr, "apiKey security scheme's %s name %q is not a valid HTTP token", out.In, s.Name)
			return nil
		}
	case "oauth2", "openidconnect":
		// The SDK takes an access token the caller obtained, or gets one
		// itself with a flow it can run.
		out.Kind = ir.SecurityBearer
		if f := s.Flows; f != nil {
			if f.ClientCredentials != nil && f.ClientCredentials.TokenURL != "" {
				out.Flows = append(out.Flows, &ir.OAuth2Flow{Grant: "client_credentials", TokenURL: f.ClientCredentials.TokenURL, Scopes: l.scopesOf(name)})
			}
			if f.Password != nil && f.Password.TokenURL != "" {
				out.Flows = append(out.Flows, &ir.OAuth2Flow{Grant: "password", TokenURL: f.Password.TokenURL, Scopes: l.scopesOf(name)})
			}
		}
	default:
		l.warnf(out.Pos, ptr, "security scheme type %q is not supported; no client option is generated for it", s.Type)
		return nil
	}
	return out
}

// requirements lowers a security requirement list. Schemes without a client
// option are dropped from it; an alternative that loses all its schemes is
// dropped too, unless it was empty (anonymous access) to begin with.
func (l *lowerer) requirements(reqs openapi3.SecurityRequirements, ptr string, pos diag.Pos) []ir.Requirement {
	out := []ir.Requirement{}
	for i, req := range reqs {
		names := sortedKeys(req)
		var kept []string
		for _, n := range names {
			if l.schemeSet[n] != nil {
				kept = append(kept, n)
			} else if l.doc.Components == nil || l.doc.Components.SecuritySchemes[n] == nil {
				// Sloppy but common: the rest of the spec is still usable,
				// and the caller can send the credential as an extra header.
				l.warnf(pos, fmt.Sprintf("%s/%d", ptr, i), "security requirement names undefined scheme %q; the requirement is left out", n)
			}
		}
		if len(kept) == 0 && len(names) > 0 {
			continue
		}
		l.sharedHeader(kept, fmt.Sprintf("%s/%d", ptr, i), pos)
		if !slices.ContainsFunc(out, func(r ir.Requirement) bool { return slices.Equal(r.Schemes, kept) }) {
			out = append(out, ir.Requirement{Schemes: kept})
		}
	}
	return out
}

// sharedHeader warns of a requirement whose schemes, all to be applied,
// put their credentials in one header (HTTP basic and an apiKey named
// Authorization), query parameter or cookie (FEC's two api_key schemes): a
// request carries only the last one applied.
func (l *lowerer) sharedHeader(schemes []string, ptr string, pos diag.Pos) {
	byPlace := map[string]string{}
	for _, name := range schemes {
		s := l.schemeSet[name]
		place := ""
		switch {
		case s == nil:
		case s.Kind == ir.SecurityAPIKey && s.In == ir.InQuery:
			place = fmt.Sprintf("query parameter %q", s.ParamName)
		case s.Kind == ir.SecurityAPIKey && s.In == ir.InCookie:
			place = fmt.Sprintf("cookie %q", s.ParamName)
		case s.CredentialHeader() != "":
			place = s.CredentialHeader() + " header"
		}
		if place == "" {
			continue
		}
		if first, ok := byPlace[place]; ok {
			l.warnf(pos, ptr, "security requirement combines schemes %q and %q, which both send the %s; a request carries only the one applied last", first, name, place)
			continue
		}
		byPlace[place] = name
	}
}

// retryPolicy reads x-speakeasy-retries; nil when absent.
func (l *lowerer) retryPolicy(ext map[string]any, ptr string, pos diag.Pos) *ir.RetryPolicy {
	raw, ok := ext["x-speakeasy-retries"]
	if !ok {
		return nil
	}
	ptr = diag.JoinPointer(ptr, "x-speakeasy-retries")
	m, ok := raw.(map[string]any)
	if !ok {
		l.errorf(pos, ptr, "x-speakeasy-retries must be an object")
		return nil
	}
	p := &ir.RetryPolicy{Pos: pos}
	if strategy, _ := m["strategy"].(string); strategy != "backoff" {
		if strategy != "none" {
			l.warnf(pos, ptr, "retry strategy %q is not supported; retries are off", strategy)
		}
		return p
	}
	ms := func(obj map[string]any, key string, def time.Duration) time.Duration {
		if v, ok := obj[key].(float64); ok && v >= 0 {
			return time.Duration(v * float64(time.Millisecond))
		}
		return def
	}
	backoff, _ := m["backoff"].(map[string]any)
	p.InitialInterval = ms(backoff, "initialInterval", 500*time.Millisecond)
	p.MaxInterval = ms(backoff, "maxInterval", 60*time.Second)
	p.MaxElapsedTime = ms(backoff, "maxElapsedTime", time.Hour)
	p.Exponent = 1.5
	if v, ok := backoff["exponent"].(float64); ok && v > 0 {
		p.Exponent = v
	}
	codes, _ := m["statusCodes"].([]any)
	for _, c := range codes {
		switch c := c.(type) {
		case string:
			p.StatusCodes = append(p.StatusCodes, strings.ToUpper(c))
		case float64:
			p.StatusCodes = append(p.StatusCodes, fmt.Sprintf("%d", int(c)))
		}
	}
	p.RetryConnectionErrors, _ = m["retryConnectionErrors"].(bool)
	return p
}

// scopesOf lists the scopes the spec's security requirements (the root's
// and every operation's) ask of scheme, sorted: what a token the SDK gets
// for it asks for unless the caller names others.
func (l *lowerer) scopesOf(scheme string) []string {
	var out []string
	add := func(reqs openapi3.SecurityRequirements) {
		for _, r := range reqs {
			out = append(out, r[scheme]...)
		}
	}
	add(l.doc.Security)
	if l.doc.Paths != nil {
		for _, item := range l.doc.Paths.Map() {
			for _, op := range item.Operations() {
				if op.Security != nil {
					add(*op.Security)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// credentialEnv attaches the configuration's environment variables to
// their schemes; naming a scheme the SDK has no option for, or the wrong
// number of variables, is a located error in the configuration.
func (l *lowerer) credentialEnv() {
	for _, ce := range l.opts.CredentialEnv {
		s := l.schemeSet[ce.Scheme]
		if s == nil {
			l.errorf(ce.Pos, ce.Pointer, "credentials for security scheme %q: the spec has no such scheme with a client option", ce.Scheme)
			continue
		}
		if s.Kind == ir.SecurityAWSSigV4 {
			l.errorf(ce.Pos, ce.Pointer, "credentials for security scheme %q: an AWS Signature Version 4 scheme takes AWSCredentials, not environment variables", ce.Scheme)
			continue
		}
		want := 1
		if s.Kind == ir.SecurityBasic {
			want = 2
		}
		if len(ce.Vars) != want {
			l.errorf(ce.Pos, ce.Pointer, "credentials for security scheme %q: want %d environment variable(s) (env: NAME, or usernameEnv and passwordEnv for basic authentication), have %d", ce.Scheme, want, len(ce.Vars))
			continue
		}
		s.Env = ce.Vars
	}
}

// awsSigningName is the service name AWS Signature Version 4 signs for:
// info's x-aws-signingName, else the first label of the first server's
// host ("ec2" of https://ec2.{region}.amazonaws.com); "" when neither.
func (l *lowerer) awsSigningName() string {
	if l.doc.Info != nil {
		if n := extString(l.doc.Info.Extensions, "x-aws-signingName"); n != "" {
			return n
		}
	}
	if len(l.doc.Servers) == 0 || l.doc.Servers[0] == nil {
		return ""
	}
	u := l.doc.Servers[0].URL
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	label, _, _ := strings.Cut(u, ".")
	if label == "" || strings.ContainsAny(label, "{}/:") {
		return ""
	}
	return strings.ToLower(label)
}
