package gen

import (
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// globalsConfig reads an SDK's "globals" key:
//
//	globals:
//	  headers: {Clerk-API-Version: "2026-05-12"}
//	  query: {api_version: "2"}
//
// Each entry is sent on every call unless the caller sets another value.
func globalsConfig(path string, n *yaml.Node, ptr string) ([]lower.GlobalConfig, error) {
	at := nodeError(path)
	if n.Kind != yaml.MappingNode {
		return nil, at(n, ptr, "globals must be an object with headers or query")
	}
	var out []lower.GlobalConfig
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kptr := diag.JoinPointer(ptr, k.Value)
		var in ir.ParamIn
		switch k.Value {
		case "headers":
			in = ir.InHeader
		case "query":
			in = ir.InQuery
		default:
			return nil, at(k, ptr, "unknown globals key %q (known: headers, query)", k.Value)
		}
		if v.Kind != yaml.MappingNode {
			return nil, at(v, kptr, "globals %s must map names to values", k.Value)
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			name, val := v.Content[j], v.Content[j+1]
			nptr := diag.JoinPointer(kptr, name.Value)
			if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
				return nil, at(val, nptr, "the value of global %q must be a string, number or boolean", name.Value)
			}
			switch {
			case name.Value == "":
				return nil, at(name, nptr, "a global has an empty name")
			case in == ir.InHeader && !headerToken(name.Value):
				return nil, at(name, nptr, "%q is not a header name HTTP can carry", name.Value)
			case strings.ContainsAny(val.Value, "\r\n\x00"):
				return nil, at(val, nptr, "the value of global %q has a line break or NUL, which HTTP cannot carry", name.Value)
			}
			out = append(out, lower.GlobalConfig{
				Name: name.Value, Value: val.Value, In: in,
				Pos: diag.Pos{File: path, Line: name.Line, Col: name.Column}, Pointer: nptr,
			})
		}
	}
	return out, nil
}

// headerToken reports whether s is a header name: an RFC 9110 token.
func headerToken(s string) bool {
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return s != ""
}

// credentialsConfig reads an SDK's "credentials" key:
//
//	credentials:
//	  bearerAuth: {env: CLERK_SECRET_KEY}
//	  basicAuth: {usernameEnv: API_USER, passwordEnv: API_PASSWORD}
//
// Lowering checks the schemes against the spec.
func credentialsConfig(path string, n *yaml.Node, ptr string) ([]lower.CredentialEnv, error) {
	at := nodeError(path)
	if n.Kind != yaml.MappingNode {
		return nil, at(n, ptr, "credentials must map security schemes to {env: NAME}")
	}
	var out []lower.CredentialEnv
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sptr := diag.JoinPointer(ptr, k.Value)
		if v.Kind != yaml.MappingNode {
			return nil, at(v, sptr, "credentials of %q must be an object: {env: NAME}, or {usernameEnv: NAME, passwordEnv: NAME}", k.Value)
		}
		vars := map[string]string{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			key, val := v.Content[j], v.Content[j+1]
			switch key.Value {
			case "env", "usernameEnv", "passwordEnv":
			default:
				return nil, at(key, sptr, "unknown credentials key %q (known: env, usernameEnv, passwordEnv)", key.Value)
			}
			if val.Kind != yaml.ScalarNode || val.Value == "" || strings.ContainsAny(val.Value, "=\x00") {
				return nil, at(val, diag.JoinPointer(sptr, key.Value), "%s must name an environment variable", key.Value)
			}
			vars[key.Value] = val.Value
		}
		ce := lower.CredentialEnv{Scheme: k.Value, Pos: diag.Pos{File: path, Line: k.Line, Col: k.Column}, Pointer: sptr}
		switch {
		case vars["env"] != "" && len(vars) == 1:
			ce.Vars = []string{vars["env"]}
		case vars["usernameEnv"] != "" && vars["passwordEnv"] != "" && len(vars) == 2:
			ce.Vars = []string{vars["usernameEnv"], vars["passwordEnv"]}
		default:
			return nil, at(v, sptr, "credentials of %q: want env, or usernameEnv and passwordEnv", k.Value)
		}
		out = append(out, ce)
	}
	return out, nil
}

// idempotencyConfig reads an SDK's "idempotency" key:
//
//	idempotency:
//	  header: X-Idempotency-Key  # default Idempotency-Key
//	  operations: mutations      # or declared (the default), none
func idempotencyConfig(path string, n *yaml.Node, ptr string) (*lower.IdempotencyConfig, error) {
	at := nodeError(path)
	if n.Kind != yaml.MappingNode {
		return nil, at(n, ptr, "idempotency must be an object with header or operations")
	}
	out := &lower.IdempotencyConfig{Pos: diag.Pos{File: path, Line: n.Line, Col: n.Column}, Pointer: ptr}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kptr := diag.JoinPointer(ptr, k.Value)
		if k.Value != "header" && k.Value != "operations" {
			return nil, at(k, ptr, "unknown idempotency key %q (known: header, operations)", k.Value)
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			return nil, at(v, kptr, "idempotency %s must be a string", k.Value)
		}
		switch k.Value {
		case "header":
			if !headerToken(v.Value) {
				return nil, at(v, kptr, "%q is not a header name HTTP can carry", v.Value)
			}
			out.Header = v.Value
		case "operations":
			switch v.Value {
			case lower.IdempotencyDeclared, lower.IdempotencyMutations, lower.IdempotencyNone:
			default:
				return nil, at(v, kptr, "unknown idempotency operations %q (known: declared, mutations, none)", v.Value)
			}
			out.Operations = v.Value
		}
	}
	return out, nil
}
