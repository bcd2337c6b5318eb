package lower

import "testing"

// TestSharedIDPrefix: only a first segment that every ID shares, each with
// two more segments after it, is left out of names.
func TestSharedIDPrefix(t *testing.T) {
	for _, c := range []struct {
		ids  []string
		want string
	}{
		{[]string{"sql.instances.list", "sql.backupRuns.get"}, "sql."},
		{[]string{"pets.list", "pets.get"}, ""},                       // the rest would be the verb alone
		{[]string{"sql.instances.list", "other.backupRuns.get"}, ""},  // not shared
		{[]string{"sql.instances.list", "ListThings"}, ""},            // one without segments
		{[]string{"sql.instances.list"}, ""},                          // one operation tells nothing
		{[]string{"sql.instances.list", ".instances.get"}, ""},        // an empty segment
		{[]string{"sql.instances.list", "sql.instances.get", ""}, ""}, // an operation without an ID
	} {
		if got := sharedIDPrefix(c.ids); got != c.want {
			t.Errorf("sharedIDPrefix(%q) = %q, want %q", c.ids, got, c.want)
		}
	}
}
