package runtime

import (
	"net/http"
	"strings"
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
}

// config is the state shared by a Client and its services.
type config struct {
	callSettings
	serverURL   string
	httpClient  HTTPClient
	userAgent   string
	security    [][]string   // the spec's default requirement: alternatives of scheme names
	specRetry   *RetryConfig // the spec's default retry policy; nil means none
	credentials map[string]credential
	// secretList is every configured secret, listed once by newConfig for
	// the error messages of every call.
	secretList []string
}

type optionFunc func(c *config)

func (f optionFunc) applyOption(c *config) { f(c) }

type sharedOptionFunc func(s *callSettings)

func (f sharedOptionFunc) applyOption(c *config)     { f(&c.callSettings) }
func (f sharedOptionFunc) applyCall(s *callSettings) { f(s) }

// WithServerURL sets the base URL that operation paths are appended to.
func WithServerURL(serverURL string) Option {
	return optionFunc(func(c *config) { c.serverURL = strings.TrimRight(serverURL, "/") })
}

// WithHTTPClient sets the client that sends requests; the default is
// http.DefaultClient.
func WithHTTPClient(client HTTPClient) Option {
	return optionFunc(func(c *config) { c.httpClient = client })
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

// newConfig returns a config with the spec's defaults and the options applied.
func newConfig(serverURL, userAgent string, security [][]string, retry *RetryConfig, opts []Option) *config {
	c := &config{
		serverURL:  serverURL,
		httpClient: http.DefaultClient,
		userAgent:  userAgent,
		security:   security,
		specRetry:  retry,
	}
	for _, o := range opts {
		if o != nil {
			o.applyOption(c)
		}
	}
	c.secretList = c.secrets()
	return c
}
