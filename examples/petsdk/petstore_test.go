package petsdk_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/petsdk/petstore"
)

// The generated SDK in use, against a stub server.
func TestFindPets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/pets" || r.URL.RawQuery != "limit=2" {
			t.Errorf("request %s", r.URL)
		}
		json.NewEncoder(w).Encode([]map[string]any{{"id": 1, "name": "Rex"}})
	}))
	defer srv.Close()
	c := petstore.New(petstore.WithServerURL(srv.URL))
	pets, err := c.FindPets(context.Background(), &petstore.FindPetsParams{Limit: petstore.Ptr(int32(2))})
	if err != nil {
		t.Fatal(err)
	}
	if len(pets) != 1 || pets[0].Name != "Rex" {
		t.Errorf("pets = %+v", pets)
	}
}
