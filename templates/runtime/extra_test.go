package runtime

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestSetMembers(t *testing.T) {
	tests := []struct {
		body   string
		fields []bodyField
		want   string
	}{
		{`{}`, []bodyField{{"a", 1}}, `{"a":1}`},
		{`{"a":1,"b":{"c":[1,2]},"d":"x"}`, []bodyField{{"a", "new"}, {"e", nil}}, `{"b":{"c":[1,2]},"d":"x","a":"new","e":null}`},
		{`{"html":"<&>"}`, []bodyField{{"k<", "<v>"}}, `{"html":"<&>","k<":"<v>"}`},
	}
	for _, tt := range tests {
		got, err := setMembers([]byte(tt.body), tt.fields)
		if err != nil || string(got) != tt.want {
			t.Errorf("setMembers(%s) = %s, %v; want %s", tt.body, got, err, tt.want)
		}
	}
	for _, bad := range []string{`[1]`, `"s"`, `{"a":`} {
		if _, err := setMembers([]byte(bad), []bodyField{{"a", 1}}); err == nil {
			t.Errorf("setMembers(%s): no error", bad)
		}
	}
}

func TestBodyFieldsAndRawBody(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
		_, _ = io.WriteString(w, `{"id":"x","beta_field":true}`)
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL), "", nil, nil, []Option{WithHTTPClient(srv.Client())})

	r := newRequest("Create", "Create", http.MethodPost, "/x")
	r.setBytesBody("application/merge-patch+json", []byte(`{"name":"a","keep":1}`))
	var raw []byte
	resp, err := c.do(context.Background(), r, []CallOption{WithBodyField("name", "b"), WithBodyField("beta", []int{1}), WithRawBody(&raw)})
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ ID string }
	if err := decodeBody(resp, &v); err != nil || v.ID != "x" {
		t.Fatalf("decoded %+v, %v", v, err)
	}
	if string(raw) != `{"id":"x","beta_field":true}` {
		t.Errorf("raw body %s", raw)
	}
	// No body: a JSON object of the fields.
	resp, err = c.do(context.Background(), newRequest("Create", "Create", http.MethodPost, "/x"), []CallOption{WithBodyField("only", "me")})
	if err != nil {
		t.Fatal(err)
	}
	_ = discardBody(resp)
	want := []string{`application/merge-patch+json {"keep":1,"name":"b","beta":[1]}`, `application/json {"only":"me"}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("server got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A body that is not JSON fails before anything is sent.
	r = newRequest("Upload", "Upload", http.MethodPost, "/x")
	r.setBytesBody("text/plain", []byte("hi"))
	if _, err := c.do(context.Background(), r, []CallOption{WithBodyField("a", 1)}); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("err = %v", err)
	}
	if len(got) != 2 {
		t.Errorf("%d requests, want 2", len(got))
	}
}

type modelForUnknown struct {
	ID       string  `json:"id"`
	UserName *string `json:"user_name,omitzero"`
	Skipped  string  `json:"-"`
	NoTag    int
	hidden   int
}

type selfDecoding struct{ A string }

func (s *selfDecoding) UnmarshalJSON([]byte) error { return nil }

func TestUnknownFields(t *testing.T) {
	raw := []byte(`{"id":"x","USER_NAME":"ann","Skipped":1,"notag":2,"hidden":3,"beta":{"a":[1]}}`)
	got, err := UnknownFields(raw, &modelForUnknown{hidden: 0})
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(got))
	if strings.Join(keys, ",") != "Skipped,beta,hidden" || string(got["beta"]) != `{"a":[1]}` {
		t.Errorf("unknown %v", got)
	}
	if got, err := UnknownFields(raw, selfDecoding{}); err != nil || got != nil {
		t.Errorf("self-decoding model: %v, %v", got, err)
	}
	if _, err := UnknownFields([]byte(`[1]`), &modelForUnknown{}); err == nil {
		t.Error("an array: no error")
	}
}
