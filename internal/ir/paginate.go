package ir

import "github.com/sdkgen/sdkgen/internal/diag"

// PageKind is how an operation's pages follow one another.
type PageKind int

const (
	PageOffset  PageKind = iota // an offset input advances by the items received
	PageNumber                  // a page input advances by one
	PageCursor                  // a cursor input takes a value of the response
	PageNextURL                 // the response body holds the next page's URL
	PageLink                    // the response's Link header holds the next page's URL (rel="next")
)

func (k PageKind) String() string {
	return [...]string{"offset", "page", "cursor", "url", "link"}[k]
}

// Pagination says how an operation pages: the input that selects a page,
// and where in the response the items and the way to the next page are.
type Pagination struct {
	// GoName is the name of the iterator method ("ListIter").
	GoName string
	Kind   PageKind
	// Input is the offset, page number or cursor input; nil for PageNextURL
	// and PageLink, which follow URLs.
	Input *PageInput
	Limit *PageInput // the page size input, if any
	// Results leads from the response to its items; empty when the
	// response is the list itself.
	Results PagePath
	Item    Type // the type of an item
	// What tells that a page is the last, or leads to the next: each nil
	// (or empty) when the rule has none.
	NextCursor *PagePath // PageCursor: the next cursor
	LastItem   *PagePath // PageCursor: the next cursor is this field of the last item (Stripe's starting_after)
	HasMore    *PagePath // a boolean: false on the last page
	NumPages   *PagePath // PageNumber: the number of pages
	Total      *PagePath // PageOffset: the number of items in all pages
	NextURL    *PagePath // PageNextURL: the next page's URL
	// NextGET says that the next pages' URLs are fetched with GET and no
	// body whatever the operation's method (Azure's x-ms-pageable).
	NextGET bool

	// Source is where the rule comes from: "x-speakeasy-pagination",
	// "sdkgen.yaml", or "inferred: <rule>".
	Source  string
	Pos     diag.Pos
	Pointer string
}

// PageInput is an input of a paginated operation: a parameter, or a
// property of the request body.
type PageInput struct {
	Name  string // wire name
	Param *Param // a query or header parameter; nil for a body property
	Field *Field // a property of the request body (in: requestBody)
	// Via are the body's object properties that lead to Field's object,
	// outermost first, when Field is nested (Datadog's page.cursor).
	Via []*Field
}

// PagePath is a way through a response: each field a property of the
// struct the one before leads to (through a Nullable, if need be).
type PagePath struct {
	Fields []*Field
}

// Type is the type of the value the path leads to, from root.
func (p *PagePath) Type(root Type) Type {
	t := root
	for _, f := range p.Fields {
		t = f.Type
	}
	return t
}

// String is the path as the spec's JSONPath writes it ("$.data.next").
func (p *PagePath) String() string {
	s := "$"
	for _, f := range p.Fields {
		s += "." + f.JSONName
	}
	return s
}
