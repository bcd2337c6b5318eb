package lower

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestPathIDs: the names of operations without an operationId, and the
// levels they fall back to where two would be the same.
func TestPathIDs(t *testing.T) {
	op := func(id string) *openapi3.Operation { return &openapi3.Operation{OperationID: id} }
	paths := map[string]*openapi3.PathItem{
		"/api/v1/charts":                 {Get: op(""), Post: op(""), Delete: op("")},
		"/api/v1/charts/{pk}":            {Get: op(""), Put: op(""), Delete: op("")},
		"/api/v1/charts/{pk}/data.json":  {Get: op("")},
		"/api/v1/login":                  {Post: op("")},
		"/api/v1/status":                 {Get: op("getStatus")},
		"/api/v1/status/":                {Get: op("")},
		"/api/v1/users/{id}":             {Put: op(""), Patch: op("")},
		"/api/v1/reports/{id}/refresh":   {Post: op("")},
		"/api/v2/reports/{id}/refresh":   {Post: op("")},
		"/api/v1/reports/{id}/refresh#2": {Get: op("")},
		"/api/v1/maps/{id}/attachments":  {Get: &openapi3.Operation{Tags: []string{"Attachments"}}},
	}
	ids := pathIDs(paths)
	for _, c := range []struct {
		path, method, want string
	}{
		{"/api/v1/charts", "GET", "ListCharts"},
		{"/api/v1/charts", "POST", "CreateCharts"},
		{"/api/v1/charts", "DELETE", "DeleteCharts"},
		{"/api/v1/charts/{pk}", "GET", "GetCharts"},
		{"/api/v1/charts/{pk}", "PUT", "UpdateCharts"},
		{"/api/v1/charts/{pk}", "DELETE", "DeleteChartsByPk"},
		{"/api/v1/charts/{pk}/data.json", "GET", "GetChartsData"},
		{"/api/v1/login", "POST", "Login"},
		{"/api/v1/status/", "GET", "GetV1Status"},
		{"/api/v1/users/{id}", "PUT", "ReplaceUsers"},
		{"/api/v1/users/{id}", "PATCH", "UpdateUsers"},
		{"/api/v1/reports/{id}/refresh", "POST", "RefreshV1ReportsByID"},
		{"/api/v2/reports/{id}/refresh", "POST", "RefreshV2ReportsByID"},
		{"/api/v1/reports/{id}/refresh#2", "GET", "GetReportsRefresh"},
		// Named as its tag: a collection, though no path is its item's.
		{"/api/v1/maps/{id}/attachments", "GET", "ListMapsAttachments"},
	} {
		if got := ids[paths[c.path].GetOperation(c.method)]; got != c.want {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, got, c.want)
		}
	}
	if _, ok := ids[paths["/api/v1/status"].Get]; ok {
		t.Errorf("an operation with an operationId was named")
	}
}
