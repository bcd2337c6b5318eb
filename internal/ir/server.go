package ir

import "github.com/sdkgen/sdkgen/internal/diag"

// Server is an entry of a servers list: the document's, a path item's or an
// operation's.
type Server struct {
	// URL is the template as the spec writes it, variables in braces,
	// without a trailing slash.
	URL string
	// Default is URL with every variable at its default.
	Default string
	// Relative says Default names no host ("/api/v1", a Swagger 2.0
	// basePath with no host): it is relative to where the spec is served,
	// and a client must be given the whole URL.
	Relative    bool
	Description string
	// ID is the server's name in the spec (OpenAPI 3.2's name, else
	// x-speakeasy-server-id), if any.
	ID string
	// ConstName is the Go constant that selects a document server
	// ("ServerProduction"); "" for an operation's server.
	ConstName string
	Variables []*ServerVariable // in the order they appear in URL
	Pointer   string
	Pos       diag.Pos
}

// ServerVariable is a variable of one server, with that server's default
// and allowed values.
type ServerVariable struct {
	Name        string
	Default     string
	Enum        []string // allowed values; empty means any
	Description string
}

// ServerVar is a server variable as the client sees it: one option for every
// server that has a variable of that name.
type ServerVar struct {
	Name        string
	Description string // the first server's that describes it
	// Enum is the allowed values when every server with the variable
	// allows the same ones; the option then takes a Go enum type.
	Enum []string
	// OptionName is the client option ("WithServerRegion"); TypeName the
	// enum type ("ServerRegion", "" without Enum) and EnumNames its
	// constants, by Enum's index.
	OptionName string
	TypeName   string
	EnumNames  []string
	Pos        diag.Pos
}
