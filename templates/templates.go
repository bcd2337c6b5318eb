// Package templates holds what the generator copies or renders: the SDK
// runtime (a real Go package, compiled and tested here, copied into every
// generated SDK with its package clause rewritten) and the Markdown templates
// of the generated docs.
package templates

import "embed"

// Runtime holds the runtime package's Go files (tests included; the copier
// skips them).
//
//go:embed runtime/*.go
var Runtime embed.FS

// Docs holds the Markdown templates of the generated docs.
//
//go:embed docs/*.tmpl
var Docs embed.FS
