package clerk_test

import (
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
	"github.com/sdkgen/sdkgen/sdktest/prismtest"
)

// TestPrismUsersIter pages through Users.ListIter with a small limit
// against Prism, which validates every page's request against the spec:
// every page request is valid, and every page's answer decodes.
// TestPrismHarnessSeesViolations shows that an invalid query is caught.
func TestPrismUsersIter(t *testing.T) {
	rec := prismtest.NewRecorder()
	client := clerk.New(
		clerk.WithServerURL(prismMock.URL(t)),
		clerk.WithHTTPClient(rec.Client()),
		clerk.WithBearerAuth("sk_test_x"),
		clerk.WithRetryConfig(clerk.RetryConfig{}),
	)
	ctx := prismtest.Context(t)
	params := &clerk.GetUserListParams{Limit: clerk.Ptr(int64(1)), OrderBy: clerk.Ptr("-created_at")}
	// Prism answers every page with its example, never an empty page: stop
	// after a few items, which takes a request for each.
	const want = 4
	n := 0
	for user, err := range client.Users.ListIter(ctx, params) {
		if err != nil {
			t.Fatalf("after %d users: %v", n, err)
		}
		if user.ID == "" {
			t.Errorf("user %d has no ID", n)
		}
		n++
		if n == want {
			break
		}
	}
	if n != want {
		t.Fatalf("%d users, want %d", n, want)
	}
	if got := rec.Exchanges(); got < 2 || got > want {
		t.Errorf("%d page requests for %d users", got, want)
	}
	for _, v := range rec.RequestViolations() {
		t.Errorf("Prism request violation: %s", v)
	}
	// Prism's example user does not itself satisfy the spec (as for
	// Users.List in TestPrismOperations): that is Prism's answer, not a
	// request of the iterator's.
	if n := len(rec.Violations()) - len(rec.RequestViolations()); n > 0 {
		t.Logf("%d response violations in Prism's example answers", n)
	}
}
