package runtime

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HTTPClient sends HTTP requests. *http.Client implements it.
type HTTPClient interface {
	Do(req *http.Request) (*http.Response, error)
}

// Option configures a Client. Pass options to New.
type Option interface {
	applyOption(c *config)
}

// CallOption configures a single method call. Pass call options after a
// method's other arguments.
type CallOption interface {
	applyCall(s *callSettings)
}

// SharedOption configures a Client when passed to New, and a single call when
// passed to a method; a call's setting wins over the client's.
type SharedOption interface {
	Option
	CallOption
}

// callSettings are the settings a call can override.
type callSettings struct {
	retry   *RetryConfig
	timeout time.Duration
	header  http.Header
	// query holds WithQueryParam's parameters, sent last.
	query []queryParam
	// globals are sent unless the request sets them itself.
	globals []globalParam
	// bodyFields are set in the JSON body (WithBodyField); rawBody
	// receives the success body (WithRawBody).
	bodyFields []bodyField
	rawBody    *[]byte
	// middleware wraps each attempt; logger, when set, logs each one.
	middleware []Middleware
	logger     *slog.Logger
	// response receives the final response of the call (WithResponse).
	response **http.Response
	// headers receives the declared headers of that response
	// (WithResponseHeaders).
	headers interface{ readHeaders(h http.Header) }
	// page is set by a paginator for one page's call (page.go): it may
	// point the request at the next page's URL, and sees the response.
	page pageHook
	// opServer is the index of the server an operation with servers of
	// its own is sent to (WithOperationServer).
	opServer int
	// await, set for a long-running operation's call that waits for it
	// (lro.go), follows the operation from the call's response.
	await func(ctx context.Context, c *config, r *request, first response, opts []CallOption) (response, error)
}

// pageHook is a paginator's part in a call.
type pageHook interface {
	// target points r at the next page, if the paginator has its URL.
	target(c *config, r *request) error
	// seen receives the final response's header.
	seen(h http.Header)
}

// config is the state shared by a Client and its services.
type config struct {
	callSettings
	serverURL string
	// servers are the API's (server.go); serverIndex selects one unless
	// fixedURL (WithServerURL named a URL), and serverVars fill their
	// variables.
	servers     []serverTemplate
	serverIndex int
	fixedURL    bool
	serverVars  map[string]string
	// err, from an invalid option, fails every call.
	err         error
	httpClient  HTTPClient
	userAgent   string
	security    [][]string   // the spec's default requirement: alternatives of scheme names
	specRetry   *RetryConfig // the spec's default retry policy; nil means none
	credentials map[string]credential
	// secretList is every form of every configured secret (secretForms),
	// listed once by newConfig for the errors of every call.
	secretList []string
	// learned holds the secrets credential functions returned (the last
	// maxLearned of them), and learnedForms secretForms of them and of the
	// configured ones, once there are any: see redactions.
	learnedMu    sync.Mutex
	learned      []string
	rawSecrets   []string
	learnedForms atomic.Pointer[[]string]
	// credentialHeaders are the headers of the credentials and of the
	// client's WithHeader, which a redirect to another host must not carry.
	credentialHeaders []string
	// maxBody bounds the success bodies the SDK reads, maxErrorBody what an
	// APIError keeps of a body.
	maxBody, maxErrorBody int64
}

type optionFunc func(c *config)

func (f optionFunc) applyOption(c *config) { f(c) }

type sharedOptionFunc func(s *callSettings)

func (f sharedOptionFunc) applyOption(c *config)     { f(&c.callSettings) }
func (f sharedOptionFunc) applyCall(s *callSettings) { f(s) }

// WithServerURL sets the base URL that operation paths are appended to, for
// every operation (those with servers of their own too).
func WithServerURL(serverURL string) Option {
	return optionFunc(func(c *config) {
		c.serverURL = strings.TrimRight(serverURL, "/")
		c.fixedURL = true
	})
}

// WithHTTPClient sets the client that sends requests. The default is the
// SDK's own: http.DefaultTransport's settings, and a minute's limit on the
// wait for each response's headers (not on reading its body).
//
// Given an *http.Client, the SDK sends with a copy of it whose CheckRedirect
// first removes the credential and WithHeader headers when a redirect leaves
// the server's host, then calls client's. Another HTTPClient must do so
// itself, if it follows redirects.
func WithHTTPClient(client HTTPClient) Option {
	return optionFunc(func(c *config) { c.httpClient = client })
}

// WithMaxResponseBody bounds the success bodies the SDK reads into memory
// (JSON and text): a larger one fails with an error that wraps
// ErrBodyTooLarge. The default is 32 MiB; n <= 0 keeps it. A binary body,
// which the caller reads, has no limit.
func WithMaxResponseBody(n int64) Option {
	return optionFunc(func(c *config) {
		if n > 0 {
			c.maxBody = n
		}
	})
}

// WithMaxErrorBody bounds how much of an error response's body APIError.Body
// keeps; the rest is discarded. The default is 64 KiB; n <= 0 keeps it.
func WithMaxErrorBody(n int64) Option {
	return optionFunc(func(c *config) {
		if n > 0 {
			c.maxErrorBody = n
		}
	})
}

// WithUserAgent sets the User-Agent header sent with every request.
func WithUserAgent(userAgent string) Option {
	return optionFunc(func(c *config) { c.userAgent = userAgent })
}

// WithRetryConfig sets the retry policy, replacing the one the API
// description gives. RetryConfig{} turns retries off.
func WithRetryConfig(retry RetryConfig) SharedOption {
	return sharedOptionFunc(func(s *callSettings) { s.retry = &retry })
}

// WithTimeout bounds the time a call may take, retries and waits included.
// Zero means no limit beyond the context's.
func WithTimeout(timeout time.Duration) SharedOption {
	return sharedOptionFunc(func(s *callSettings) { s.timeout = timeout })
}

// WithHeader sets a header on every request. It replaces a header of the same
// name that the operation would send.
func WithHeader(key, value string) SharedOption {
	return sharedOptionFunc(func(s *callSettings) {
		s.header = s.header.Clone()
		if s.header == nil {
			s.header = http.Header{}
		}
		s.header.Set(key, value)
	})
}

// WithResponse stores the final response of the call in *resp: the one
// whose status the method acted on, after retries, whether it succeeded or
// failed. Its status and headers are there to read; its body has already
// been consumed, except for a binary result or a stream, whose body the
// method returns. *resp is nil when no response arrived (a network failure,
// a canceled context).
func WithResponse(resp **http.Response) CallOption {
	return callOptionFunc(func(s *callSettings) { s.response = resp })
}

type callOptionFunc func(s *callSettings)

func (f callOptionFunc) applyCall(s *callSettings) { f(s) }

// queryParam is a query parameter added by WithQueryParam.
type queryParam struct{ name, value string }

// WithQueryParam sets a query parameter on every request, replacing every
// parameter of the same name that the operation would send: for a parameter
// the API description does not (yet) describe, or another value of one it
// does. The name and value are sent percent-encoded.
func WithQueryParam(name, value string) SharedOption {
	return sharedOptionFunc(func(s *callSettings) {
		q := make([]queryParam, 0, len(s.query)+1)
		for _, p := range s.query {
			if p.name != name {
				q = append(q, p)
			}
		}
		s.query = append(q, queryParam{name, value})
	})
}

// newConfig returns a config with the spec's defaults and the options applied.
func newConfig(servers []serverTemplate, userAgent string, security [][]string, retry *RetryConfig, opts []Option) *config {
	c := &config{
		servers:      servers,
		userAgent:    userAgent,
		security:     security,
		specRetry:    retry,
		maxBody:      32 << 20,
		maxErrorBody: 64 << 10,
	}
	for _, o := range opts {
		if o != nil {
			o.applyOption(c)
		}
	}
	c.chooseServer()
	var secrets []string
	for _, cred := range c.credentials {
		secrets = append(secrets, cred.secrets()...)
		if h := cred.header(); h != "" {
			c.credentialHeaders = append(c.credentialHeaders, h)
		}
	}
	c.secretList, c.rawSecrets = secretForms(secrets), secrets
	for k := range c.header {
		c.credentialHeaders = append(c.credentialHeaders, k)
	}
	switch hc := c.httpClient.(type) {
	case nil:
		c.httpClient = &http.Client{Transport: defaultTransport(), CheckRedirect: c.checkRedirect(nil)}
	case *http.Client:
		own := *hc
		own.CheckRedirect = c.checkRedirect(hc.CheckRedirect)
		c.httpClient = &own
	}
	return c
}

// defaultTransport is the transport of the SDK's own client, shared by its
// clients: http.DefaultTransport's, with a limit on the wait for response
// headers, so that a stalled server cannot hold a call forever.
var defaultTransport = sync.OnceValue(func() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport // replaced by the program: its choice
	}
	t = t.Clone()
	t.ResponseHeaderTimeout = time.Minute
	return t
})
