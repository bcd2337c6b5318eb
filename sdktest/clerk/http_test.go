package clerk_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// What Prism does not check, against a server that records the exact
// request: unset optional parameters, array serialisation, multipart bytes,
// null versus omitted, path escaping.

// wireRequest is a request as the server received it.
type wireRequest struct {
	Method     string
	RequestURI string // as sent, escaping included
	RawQuery   string
	Header     http.Header
	Body       []byte
}

type wireServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []wireRequest
}

// newWireServer answers every request with status and body.
func newWireServer(t *testing.T, status int, body string) *wireServer {
	t.Helper()
	s := &wireServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, wireRequest{Method: r.Method, RequestURI: r.RequestURI, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: b})
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *wireServer) client() *clerk.Client {
	return clerk.New(
		clerk.WithServerURL(s.URL),
		clerk.WithHTTPClient(s.Client()),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
}

// last returns the last request and forgets the others.
func (s *wireServer) last(t *testing.T) wireRequest {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == 0 {
		t.Fatal("the server got no request")
	}
	r := s.reqs[len(s.reqs)-1]
	s.reqs = nil
	return r
}

func TestUsersListQuery(t *testing.T) {
	srv := newWireServer(t, 200, `[]`)
	c := srv.client()
	tests := []struct {
		name   string
		params *clerk.GetUserListParams
		want   string
	}{
		{"nil params", nil, ""},
		{"zero params", &clerk.GetUserListParams{}, ""},
		{"only limit", &clerk.GetUserListParams{Limit: clerk.Ptr(int64(10))}, "limit=10"},
		// A pointer to a zero value is a value the caller chose.
		{"set zero values", &clerk.GetUserListParams{Limit: clerk.Ptr(int64(10)), Offset: clerk.Ptr(int64(0)), Banned: clerk.Ptr(false)},
			"banned=false&limit=10&offset=0"},
		{"empty slices", &clerk.GetUserListParams{UserID: []string{}, EmailAddress: nil}, ""},
		// form, explode=true: the name is repeated for each value, and
		// reserved characters in values are percent-encoded.
		{"arrays", &clerk.GetUserListParams{
			UserID:       []string{"user_1", "user_2", "user_3"},
			EmailAddress: []string{"a@example.com", "b+c@example.com"},
			Limit:        clerk.Ptr(int64(10)),
		}, "email_address=a%40example.com&email_address=b%2Bc%40example.com&limit=10&user_id=user_1&user_id=user_2&user_id=user_3"},
		{"values to escape", &clerk.GetUserListParams{Query: clerk.Ptr("a b&c=d/é"), OrderBy: clerk.Ptr("-created_at")},
			"order_by=-created_at&query=a%20b%26c%3Dd%2F%C3%A9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			users, err := c.Users.List(context.Background(), tt.params)
			if err != nil || users == nil {
				t.Fatalf("List = %v, %v", users, err)
			}
			r := srv.last(t)
			if r.RawQuery != tt.want {
				t.Errorf("query %q, want %q", r.RawQuery, tt.want)
			}
			if r.Method != http.MethodGet || len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
				t.Errorf("%s with %d body bytes and Content-Type %q, want a bare GET", r.Method, len(r.Body), r.Header.Get("Content-Type"))
			}
		})
	}
}

func TestSetProfileImageMultipart(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"user_1","object":"user"}`)
	c := srv.client()
	tests := []struct {
		name string
		file clerk.File
		// disposition and contentType are the part's headers as sent.
		disposition, contentType string
	}{
		{"png", clerk.File{Name: "avatar.png", ContentType: "image/png", Content: bytes.NewReader(testPNG)},
			`form-data; name="file"; filename="avatar.png"`, "image/png"},
		{"no content type", clerk.File{Name: "avatar.png", Content: bytes.NewReader(testPNG)},
			`form-data; name="file"; filename="avatar.png"`, "application/octet-stream"},
		{"quotes in the name", clerk.File{Name: `my "best" \ pic.png`, ContentType: "image/png", Content: bytes.NewReader(testPNG)},
			`form-data; name="file"; filename="my \"best\" \\ pic.png"`, "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user, err := c.Users.SetProfileImage(context.Background(), "user_1", clerk.SetUserProfileImageRequestBody{File: &tt.file})
			if err != nil || user == nil || user.ID != "user_1" {
				t.Fatalf("SetProfileImage = %+v, %v", user, err)
			}
			r := srv.last(t)
			if r.Method != http.MethodPost || r.RequestURI != "/users/user_1/profile_image" {
				t.Errorf("%s %s, want POST /users/user_1/profile_image", r.Method, r.RequestURI)
			}
			mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
				t.Fatalf("Content-Type %q, want multipart/form-data with a boundary", r.Header.Get("Content-Type"))
			}
			b := params["boundary"]
			want := "--" + b + "\r\n" +
				"Content-Disposition: " + tt.disposition + "\r\n" +
				"Content-Type: " + tt.contentType + "\r\n" +
				"\r\n" +
				string(testPNG) + "\r\n" +
				"--" + b + "--\r\n"
			if string(r.Body) != want {
				t.Errorf("body:\n%q\nwant:\n%q", r.Body, want)
			}
		})
	}
}

func TestUploadLogoMultipartField(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"org_1","object":"organization"}`)
	c := srv.client()
	body := clerk.UploadOrganizationLogoRequestBody{
		File:           clerk.File{Name: "logo.png", ContentType: "image/png", Content: bytes.NewReader(testPNG)},
		UploaderUserID: clerk.Ptr("user_1"),
	}
	if _, err := c.Organizations.UploadLogo(context.Background(), "org_1", body); err != nil {
		t.Fatal(err)
	}
	r := srv.last(t)
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	b := params["boundary"]
	// Parts in the spec's order of the properties.
	want := "--" + b + "\r\n" +
		`Content-Disposition: form-data; name="uploader_user_id"` + "\r\n" +
		"\r\n" +
		"user_1\r\n" +
		"--" + b + "\r\n" +
		`Content-Disposition: form-data; name="file"; filename="logo.png"` + "\r\n" +
		"Content-Type: image/png\r\n" +
		"\r\n" +
		string(testPNG) + "\r\n" +
		"--" + b + "--\r\n"
	if b == "" || string(r.Body) != want {
		t.Errorf("body:\n%q\nwant:\n%q", r.Body, want)
	}
}

func TestUpdateOrganizationNullable(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"org_1","object":"organization"}`)
	c := srv.client()
	tests := []struct {
		name string
		body clerk.UpdateOrganizationRequestBody
		want string
	}{
		{"omitted", clerk.UpdateOrganizationRequestBody{}, `{}`},
		{"null", clerk.UpdateOrganizationRequestBody{Name: clerk.Null[string](), MaxAllowedMemberships: clerk.Null[int64]()},
			`{"name":null,"max_allowed_memberships":null}`},
		{"values", clerk.UpdateOrganizationRequestBody{Name: clerk.NewNullable("Acme"), MaxAllowedMemberships: clerk.NewNullable(int64(0))},
			`{"name":"Acme","max_allowed_memberships":0}`},
		{"mixed", clerk.UpdateOrganizationRequestBody{Slug: clerk.NewNullable("acme"), RoleSetKey: clerk.Null[string](), AdminDeleteEnabled: clerk.NewNullable(false)},
			`{"slug":"acme","admin_delete_enabled":false,"role_set_key":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, err := c.Organizations.Update(context.Background(), "org_1", tt.body)
			if err != nil || org == nil {
				t.Fatalf("Update = %v, %v", org, err)
			}
			r := srv.last(t)
			if r.Method != http.MethodPatch || r.RequestURI != "/organizations/org_1" {
				t.Errorf("%s %s, want PATCH /organizations/org_1", r.Method, r.RequestURI)
			}
			if string(r.Body) != tt.want {
				t.Errorf("body %s, want %s", r.Body, tt.want)
			}
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
		})
	}
}

// TestBodyEscapingConsistent: request bodies are encoded without HTML
// escaping, so a string inside a Nullable must be sent as the same string
// outside one is.
func TestBodyEscapingConsistent(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"org_1","object":"organization"}`)
	const name = "Acme <Inc> & Co"
	body := clerk.CreateOrganizationRequestBody{Name: name, Slug: clerk.NewNullable(name)}
	if _, err := srv.client().Organizations.Create(context.Background(), body); err != nil {
		t.Fatal(err)
	}
	want := `{"name":"Acme <Inc> & Co","slug":"Acme <Inc> & Co"}`
	if r := srv.last(t); string(r.Body) != want {
		t.Errorf("body %s, want %s", r.Body, want)
	}
}

func TestPathParamsEscaped(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"user_1","object":"user"}`)
	c := srv.client()
	tests := []struct{ id, want string }{
		{"user_1", "/users/user_1"},
		{"a b", "/users/a%20b"},
		// A slash, question mark or hash must stay inside the segment.
		{"x/../../organizations", "/users/x%2F..%2F..%2Forganizations"},
		{"x?limit=1#frag", "/users/x%3Flimit=1%23frag"},
		{"100%", "/users/100%25"},
		{"é", "/users/%C3%A9"},
		// Dot segments would be resolved away by servers and proxies.
		{".", "/users/%2E"},
		{"..", "/users/%2E%2E"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if _, err := c.Users.Get(context.Background(), tt.id); err != nil {
				t.Fatal(err)
			}
			if r := srv.last(t); r.RequestURI != tt.want {
				t.Errorf("request URI %q, want %q", r.RequestURI, tt.want)
			}
		})
	}
	// Two path parameters, each escaped on its own.
	if _, err := c.Users.DeleteExternalAccount(context.Background(), "user/1", "eac 2"); err != nil {
		t.Fatal(err)
	}
	if r := srv.last(t); r.RequestURI != "/users/user%2F1/external_accounts/eac%202" {
		t.Errorf("request URI %q", r.RequestURI)
	}
	// An empty ID would address the collection instead.
	if _, err := c.Users.Get(context.Background(), ""); err == nil {
		t.Error("Get with an empty ID: no error")
	}
}
