package clerk_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// One error type per error body: a status an operation declares, and one it
// does not whose body is Clerk's common error, give the same typed error,
// which wraps the *APIError; messages name the method the caller called.

const clerkErrorsBody = `{"errors":[{"code":"form_param_invalid","message":"is invalid","long_message":"file is invalid"}],"clerk_trace_id":"t1"}`

func TestUndeclaredStatusGivesCommonError(t *testing.T) {
	// SetProfileImage declares 400, 401 and 404, not 422.
	srv := newWireServer(t, 422, clerkErrorsBody)
	_, err := srv.client().Users.SetProfileImage(context.Background(), "user_1",
		clerk.SetUserProfileImageRequestBody{File: &clerk.File{Name: "a.png", Content: bytes.NewReader(testPNG)}})
	var ce *clerk.ClerkErrors
	if !errors.As(err, &ce) {
		t.Fatalf("error %T (%v), want *clerk.ClerkErrors", err, err)
	}
	if len(ce.Errors) != 1 || ce.Errors[0].Code != "form_param_invalid" || ce.ClerkTraceID == nil || *ce.ClerkTraceID != "t1" {
		t.Errorf("decoded %+v", ce)
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || apiErr.Method != "Users.SetProfileImage" || apiErr.OperationID != "SetUserProfileImage" {
		t.Fatalf("APIError %+v", apiErr)
	}
	want := "Users.SetProfileImage: 422 Unprocessable Entity: " + clerkErrorsBody
	if err.Error() != want {
		t.Errorf("message %q\nwant    %q", err.Error(), want)
	}
}

func TestUndeclaredStatusOtherBodyIsAPIError(t *testing.T) {
	for _, body := range []string{`{"message":"teapot"}`, `not json`, `[1]`, `{"clerk_trace_id":"t"}`} {
		srv := newWireServer(t, 418, body)
		_, err := srv.client().Users.SetProfileImage(context.Background(), "user_1",
			clerk.SetUserProfileImageRequestBody{File: &clerk.File{Name: "a.png", Content: bytes.NewReader(testPNG)}})
		if _, ok := err.(*clerk.APIError); !ok {
			t.Errorf("body %s: error %T (%v), want *clerk.APIError alone", body, err, err)
			continue
		}
		if want := "Users.SetProfileImage: 418 I'm a teapot: " + body; err.Error() != want {
			t.Errorf("message %q, want %q", err.Error(), want)
		}
	}
}

func TestDeclaredStatusesShareOneErrorType(t *testing.T) {
	body := `{"errors":[{"code":"duplicate","message":"taken","long_message":"the name is taken"}]}`
	var types []reflect.Type
	for _, status := range []int{400, 409} {
		srv := newWireServer(t, status, body)
		_, err := srv.client().APIKeys.Create(context.Background(), clerk.CreateAPIKeyRequestBody{Name: "k", Subject: "user_1"})
		var eb *clerk.ErrorBody
		if !errors.As(err, &eb) || len(eb.Errors) != 1 || eb.Errors[0].Code != "duplicate" {
			t.Fatalf("status %d: error %T (%v), want *clerk.ErrorBody", status, err, err)
		}
		var apiErr *clerk.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
			t.Fatalf("status %d: APIError %+v", status, apiErr)
		}
		if want := "APIKeys.Create: "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
			t.Errorf("message %q does not start with %q", err.Error(), want)
		}
		types = append(types, reflect.TypeOf(err))
	}
	if types[0] != types[1] {
		t.Errorf("400 and 409 give %v and %v", types[0], types[1])
	}
	// A status that API key operations do not declare, with Clerk's error
	// body, is the common error too.
	srv := newWireServer(t, 500, clerkErrorsBody)
	_, err := srv.client().APIKeys.Create(context.Background(), clerk.CreateAPIKeyRequestBody{Name: "k", Subject: "user_1"})
	var ce *clerk.ClerkErrors
	if !errors.As(err, &ce) {
		t.Errorf("500: error %T (%v), want *clerk.ClerkErrors", err, err)
	}
}

// TestPointerHelpersOnTheWire: Int64 sets an optional int64 field from a
// plain constant; the fields left nil are not sent.
func TestPointerHelpersOnTheWire(t *testing.T) {
	srv := newWireServer(t, 200, `{"id":"act_1","object":"actor_token"}`)
	_, err := srv.client().ActorTokens.Create(context.Background(), clerk.CreateActorTokenRequestBody{
		Actor:            clerk.CreateActorTokenRequestBodyActor{Sub: "user_2"},
		ExpiresInSeconds: clerk.Int64(3600),
		UserID:           "user_1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(srv.last(t).Body), `{"user_id":"user_1","actor":{"sub":"user_2"},"expires_in_seconds":3600}`; got != want {
		t.Errorf("body %s\nwant %s", got, want)
	}
}
