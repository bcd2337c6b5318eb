package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/sdkgen/sdkgen/generated/signintokens"
)

// signInToken is what the server answers to every create.
const signInToken = `{"object":"sign_in_token","id":"sit_2bPNxqGCXE6JPWsDY4TXHxAp8dz","status":"pending",` +
	`"user_id":"user_2bPNvfFNdoVLeLmGZqJ1b1GxQbB","token":"eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yYlBOIn0.eyJleHAiOjE3MDI0MDAwMDB9.c2lnbmF0dXJl",` +
	`"url":"https://accounts.example.com/sign-in#__clerk_ticket=eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yYlBOIn0",` +
	`"created_at":1700000000000,"updated_at":1700000000000}`

// The user agent the SDK sends, which the hand-written client sends too.
const signInTokensUA = "signintokens/2026-05-12 sdkgen-go"

// hwSignInToken and hwCreateBody are what a hand-written client would
// declare for the same call.
type hwSignInToken struct {
	Object    string  `json:"object"`
	ID        string  `json:"id"`
	Status    string  `json:"status"`
	UserID    string  `json:"user_id"`
	Token     *string `json:"token,omitempty"`
	URL       *string `json:"url"`
	CreatedAt int64   `json:"created_at"`
	UpdatedAt int64   `json:"updated_at"`
}

type hwCreateBody struct {
	UserID           string `json:"user_id"`
	ExpiresInSeconds *int64 `json:"expires_in_seconds,omitempty"`
}

// hwCreate creates a sign-in token with plain net/http and encoding/json.
func hwCreate(ctx context.Context, hc *http.Client, baseURL string, body hwCreateBody) (*hwSignInToken, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/sign_in_tokens", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", signInTokensUA)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("create sign-in token: %s: %s", resp.Status, msg)
	}
	var tok hwSignInToken
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return nil, err
	}
	// Read to EOF so the connection goes back to the pool.
	_, _ = io.Copy(io.Discard, resp.Body)
	return &tok, nil
}

func BenchmarkCreateSignInToken(b *testing.B) {
	srv := fixedServer(b, []byte(signInToken))
	ctx := context.Background()
	const userID = "user_2bPNvfFNdoVLeLmGZqJ1b1GxQbB"

	b.Run("sdk", func(b *testing.B) {
		client := signintokens.New(
			signintokens.WithServerURL(srv.URL),
			signintokens.WithHTTPClient(newClient()),
			signintokens.WithBearerAuth(token),
		)
		body := signintokens.CreateSignInTokenRequestBody{
			UserID:           userID,
			ExpiresInSeconds: signintokens.NewNullable(int64(3600)),
		}
		b.ReportAllocs()
		for b.Loop() {
			tok, err := client.SignInTokens.Create(ctx, body)
			if err != nil {
				b.Fatal(err)
			}
			if tok.UserID != userID {
				b.Fatalf("user_id %q", tok.UserID)
			}
		}
	})

	b.Run("handwritten", func(b *testing.B) {
		hc := newClient()
		expires := int64(3600)
		body := hwCreateBody{UserID: userID, ExpiresInSeconds: &expires}
		b.ReportAllocs()
		for b.Loop() {
			tok, err := hwCreate(ctx, hc, srv.URL, body)
			if err != nil {
				b.Fatal(err)
			}
			if tok.UserID != userID {
				b.Fatalf("user_id %q", tok.UserID)
			}
		}
	})
}

// TestCreateSameRequest checks that both sides of the benchmark send the
// same request, so that they do the same work.
func TestCreateSameRequest(t *testing.T) {
	type got struct {
		method, uri, body string
		header            http.Header
	}
	var reqs []got
	srv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		reqs = append(reqs, got{r.Method, r.RequestURI, string(body), r.Header.Clone()})
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, signInToken)
	})
	ctx := context.Background()
	client := signintokens.New(
		signintokens.WithServerURL(srv.URL),
		signintokens.WithHTTPClient(newClient()),
		signintokens.WithBearerAuth(token),
	)
	sdkTok, err := client.SignInTokens.Create(ctx, signintokens.CreateSignInTokenRequestBody{
		UserID:           "user_1",
		ExpiresInSeconds: signintokens.NewNullable(int64(3600)),
	})
	if err != nil {
		t.Fatal(err)
	}
	expires := int64(3600)
	hwTok, err := hwCreate(ctx, newClient(), srv.URL, hwCreateBody{UserID: "user_1", ExpiresInSeconds: &expires})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	a, h := reqs[0], reqs[1]
	if a.method != h.method || a.uri != h.uri {
		t.Errorf("sdk sent %s %s, hand-written %s %s", a.method, a.uri, h.method, h.uri)
	}
	var ab, hb any
	if json.Unmarshal([]byte(a.body), &ab) != nil || json.Unmarshal([]byte(h.body), &hb) != nil || fmt.Sprint(ab) != fmt.Sprint(hb) {
		t.Errorf("sdk sent body %s, hand-written %s", a.body, h.body)
	}
	for _, k := range []string{"Authorization", "Content-Type", "Accept", "User-Agent", "Accept-Encoding", "Content-Length"} {
		if a.header.Get(k) != h.header.Get(k) {
			t.Errorf("%s: sdk sent %q, hand-written %q", k, a.header.Get(k), h.header.Get(k))
		}
	}
	if len(a.header) != len(h.header) {
		t.Errorf("sdk sent headers %v, hand-written %v", a.header, h.header)
	}
	if sdkTok.ID != hwTok.ID || string(sdkTok.Status) != hwTok.Status || *sdkTok.Token != *hwTok.Token {
		t.Errorf("decoded %+v and %+v", sdkTok, hwTok)
	}
	if u, _ := sdkTok.URL.Get(); u != *hwTok.URL {
		t.Errorf("url %q and %q", u, *hwTok.URL)
	}
}
