package clerk_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// Every call sends the API version the spec describes (sdkgen.yaml's
// globals), unless the client or the call sets another.
func TestClerkAPIVersionGlobal(t *testing.T) {
	srv := newWireServer(t, 200, `[]`)
	base := []clerk.Option{clerk.WithServerURL(srv.URL), clerk.WithHTTPClient(srv.Client()), clerk.WithBearerAuth("sk_test_x")}
	tests := []struct {
		name   string
		client []clerk.Option
		call   []clerk.CallOption
		want   []string // the header's values; none when empty
	}{
		{"default", nil, nil, []string{"2026-05-12"}},
		{"client", []clerk.Option{clerk.WithClerkAPIVersion("2025-04-10")}, nil, []string{"2025-04-10"}},
		{"call over client", []clerk.Option{clerk.WithClerkAPIVersion("2025-04-10")}, []clerk.CallOption{clerk.WithClerkAPIVersion("2024-10-01")}, []string{"2024-10-01"}},
		{"cleared", nil, []clerk.CallOption{clerk.WithClerkAPIVersion("")}, nil},
		{"WithHeader", nil, []clerk.CallOption{clerk.WithHeader("Clerk-API-Version", "2021-02-05")}, []string{"2021-02-05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clerk.New(append(base, tt.client...)...)
			var resp *http.Response
			if _, err := c.Users.List(context.Background(), nil, append(tt.call, clerk.WithResponse(&resp))...); err != nil {
				t.Fatal(err)
			}
			r := srv.last(t)
			got := r.Header.Values("Clerk-API-Version")
			if len(got) != len(tt.want) || (len(got) == 1 && got[0] != tt.want[0]) {
				t.Errorf("Clerk-API-Version %q, want %q", got, tt.want)
			}
			if r.RequestURI != "/users" || resp == nil || resp.StatusCode != 200 {
				t.Errorf("%s, response %+v", r.RequestURI, resp)
			}
		})
	}
}
