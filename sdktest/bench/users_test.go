package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/sdkgen/sdkgen/generated/clerk"
)

// The hand-written side declares what a careful client author would for the
// same JSON: pointers for nullable fields, maps for metadata, and one flat
// struct for every verification variant, told apart by its object field.

type hwUser struct {
	ID                            string                `json:"id"`
	Object                        string                `json:"object"`
	ExternalID                    *string               `json:"external_id"`
	PrimaryEmailAddressID         *string               `json:"primary_email_address_id"`
	PrimaryPhoneNumberID          *string               `json:"primary_phone_number_id"`
	PrimaryWeb3WalletID           *string               `json:"primary_web3_wallet_id"`
	Username                      *string               `json:"username"`
	FirstName                     *string               `json:"first_name"`
	LastName                      *string               `json:"last_name"`
	Locale                        *string               `json:"locale"`
	ProfileImageURL               string                `json:"profile_image_url"`
	ImageURL                      string                `json:"image_url"`
	HasImage                      bool                  `json:"has_image"`
	PublicMetadata                map[string]any        `json:"public_metadata"`
	PrivateMetadata               map[string]any        `json:"private_metadata"`
	UnsafeMetadata                map[string]any        `json:"unsafe_metadata"`
	EmailAddresses                []hwEmailAddress      `json:"email_addresses"`
	PhoneNumbers                  []hwPhoneNumber       `json:"phone_numbers"`
	Web3Wallets                   []hwWeb3Wallet        `json:"web3_wallets"`
	Passkeys                      []hwPasskey           `json:"passkeys"`
	PasswordEnabled               bool                  `json:"password_enabled"`
	TwoFactorEnabled              bool                  `json:"two_factor_enabled"`
	TOTPEnabled                   bool                  `json:"totp_enabled"`
	BackupCodeEnabled             bool                  `json:"backup_code_enabled"`
	MFAEnabledAt                  *int64                `json:"mfa_enabled_at"`
	MFADisabledAt                 *int64                `json:"mfa_disabled_at"`
	PasswordLastUpdatedAt         *int64                `json:"password_last_updated_at"`
	ExternalAccounts              []hwExternalAccount   `json:"external_accounts"`
	SAMLAccounts                  []hwEnterpriseAccount `json:"saml_accounts"`
	EnterpriseAccounts            []hwEnterpriseAccount `json:"enterprise_accounts"`
	LastSignInAt                  *int64                `json:"last_sign_in_at"`
	Banned                        bool                  `json:"banned"`
	Locked                        bool                  `json:"locked"`
	LockoutExpiresInSeconds       *int64                `json:"lockout_expires_in_seconds"`
	VerificationAttemptsRemaining *int64                `json:"verification_attempts_remaining"`
	UpdatedAt                     int64                 `json:"updated_at"`
	CreatedAt                     int64                 `json:"created_at"`
	DeleteSelfEnabled             bool                  `json:"delete_self_enabled"`
	CreateOrganizationEnabled     bool                  `json:"create_organization_enabled"`
	CreateOrganizationsLimit      *int64                `json:"create_organizations_limit"`
	LastActiveAt                  *int64                `json:"last_active_at"`
	LegalAcceptedAt               *int64                `json:"legal_accepted_at"`
	BypassClientTrust             bool                  `json:"bypass_client_trust"`
	SCIM                          *hwSCIM               `json:"scim"`
}

type hwVerification struct {
	Object                          string         `json:"object"`
	Status                          string         `json:"status"`
	Strategy                        string         `json:"strategy"`
	Attempts                        *int64         `json:"attempts"`
	ExpireAt                        *int64         `json:"expire_at"`
	VerifiedAtClient                *string        `json:"verified_at_client"`
	Channel                         *string        `json:"channel"`
	Nonce                           *string        `json:"nonce"`
	Message                         *string        `json:"message"`
	ExternalVerificationRedirectURL *string        `json:"external_verification_redirect_url"`
	Error                           *hwClerkError  `json:"error"`
	Meta                            map[string]any `json:"meta"`
}

type hwClerkError struct {
	Code        string         `json:"code"`
	Message     string         `json:"message"`
	LongMessage string         `json:"long_message"`
	Meta        map[string]any `json:"meta"`
}

type hwLink struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type hwEmailAddress struct {
	ID                   string          `json:"id"`
	Object               string          `json:"object"`
	EmailAddress         string          `json:"email_address"`
	Reserved             bool            `json:"reserved"`
	Verification         *hwVerification `json:"verification"`
	LinkedTo             []hwLink        `json:"linked_to"`
	MatchesSSOConnection bool            `json:"matches_sso_connection"`
	CreatedAt            int64           `json:"created_at"`
	UpdatedAt            int64           `json:"updated_at"`
}

type hwPhoneNumber struct {
	ID                      string          `json:"id"`
	Object                  string          `json:"object"`
	PhoneNumber             string          `json:"phone_number"`
	ReservedForSecondFactor bool            `json:"reserved_for_second_factor"`
	DefaultSecondFactor     bool            `json:"default_second_factor"`
	Reserved                bool            `json:"reserved"`
	Verification            *hwVerification `json:"verification"`
	LinkedTo                []hwLink        `json:"linked_to"`
	BackupCodes             []string        `json:"backup_codes"`
	CreatedAt               int64           `json:"created_at"`
	UpdatedAt               int64           `json:"updated_at"`
}

type hwWeb3Wallet struct {
	ID           string          `json:"id"`
	Object       string          `json:"object"`
	Web3Wallet   string          `json:"web3_wallet"`
	Verification *hwVerification `json:"verification"`
	CreatedAt    int64           `json:"created_at"`
	UpdatedAt    int64           `json:"updated_at"`
}

type hwPasskey struct {
	ID           string          `json:"id"`
	Object       string          `json:"object"`
	Name         string          `json:"name"`
	LastUsedAt   int64           `json:"last_used_at"`
	Verification *hwVerification `json:"verification"`
}

type hwExternalAccount struct {
	Object               string          `json:"object"`
	ID                   string          `json:"id"`
	Provider             string          `json:"provider"`
	IdentificationID     string          `json:"identification_id"`
	ProviderUserID       string          `json:"provider_user_id"`
	ApprovedScopes       string          `json:"approved_scopes"`
	EmailAddress         string          `json:"email_address"`
	EmailAddressVerified *bool           `json:"email_address_verified"`
	FirstName            string          `json:"first_name"`
	LastName             string          `json:"last_name"`
	AvatarURL            string          `json:"avatar_url"`
	ImageURL             *string         `json:"image_url"`
	Username             *string         `json:"username"`
	PhoneNumber          *string         `json:"phone_number"`
	PublicMetadata       map[string]any  `json:"public_metadata"`
	Label                *string         `json:"label"`
	CreatedAt            int64           `json:"created_at"`
	UpdatedAt            int64           `json:"updated_at"`
	Verification         *hwVerification `json:"verification"`
}

type hwEnterpriseAccount struct {
	ID                     string                  `json:"id"`
	Object                 string                  `json:"object"`
	Protocol               string                  `json:"protocol"`
	Provider               string                  `json:"provider"`
	Active                 bool                    `json:"active"`
	EmailAddress           string                  `json:"email_address"`
	FirstName              *string                 `json:"first_name"`
	LastName               *string                 `json:"last_name"`
	ProviderUserID         *string                 `json:"provider_user_id"`
	PublicMetadata         map[string]any          `json:"public_metadata"`
	EnterpriseConnectionID *string                 `json:"enterprise_connection_id"`
	LastAuthenticatedAt    *int64                  `json:"last_authenticated_at"`
	EnterpriseConnection   *hwEnterpriseConnection `json:"enterprise_connection"`
	Verification           *hwVerification         `json:"verification"`
}

type hwEnterpriseConnection struct {
	ID                               string  `json:"id"`
	Protocol                         string  `json:"protocol"`
	Provider                         string  `json:"provider"`
	Name                             string  `json:"name"`
	LogoPublicURL                    *string `json:"logo_public_url"`
	Domain                           string  `json:"domain"`
	Active                           bool    `json:"active"`
	SyncUserAttributes               bool    `json:"sync_user_attributes"`
	AllowSubdomains                  bool    `json:"allow_subdomains"`
	AllowIdpInitiated                bool    `json:"allow_idp_initiated"`
	DisableAdditionalIdentifications bool    `json:"disable_additional_identifications"`
	CreatedAt                        int64   `json:"created_at"`
	UpdatedAt                        int64   `json:"updated_at"`
}

type hwSCIM struct {
	DirectoryID      string  `json:"directory_id"`
	ExternalID       *string `json:"external_id"`
	DirectoryEnabled bool    `json:"directory_enabled"`
}

// hwListUsers lists users with plain net/http and encoding/json.
func hwListUsers(ctx context.Context, hc *http.Client, baseURL string) ([]hwUser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/users", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", clerkUA)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("list users: %s: %s", resp.Status, msg)
	}
	var users []hwUser
	if err := json.NewDecoder(resp.Body).Decode(&users); err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return users, nil
}

const clerkUA = "clerk/2026-05-12 sdkgen-go"

func newClerk(url string) *clerk.Client {
	return clerk.New(
		clerk.WithServerURL(url),
		clerk.WithHTTPClient(newClient()),
		clerk.WithBearerAuth(token),
	)
}

func BenchmarkDecodeUsers(b *testing.B) {
	body := users1000()
	srv := fixedServer(b, body)
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		client := newClerk(srv.URL)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			users, err := client.Users.List(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if len(users) != 1000 {
				b.Fatalf("%d users", len(users))
			}
		}
	})

	b.Run("handwritten", func(b *testing.B) {
		hc := newClient()
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			users, err := hwListUsers(ctx, hc, srv.URL)
			if err != nil {
				b.Fatal(err)
			}
			if len(users) != 1000 {
				b.Fatalf("%d users", len(users))
			}
		}
	})
}

// TestUsersFixture checks that the benchmark's users are valid for the SDK
// (they encode back to the same JSON, so nothing was dropped or landed in a
// union's Raw) and that the hand-written structs declare every property and
// read the same values.
func TestUsersFixture(t *testing.T) {
	body := users1000()
	srv := fixedServer(t, body)
	ctx := context.Background()
	users, err := newClerk(srv.URL).Users.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(users)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []any
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &got); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			w, _ := json.Marshal(want[i])
			g, _ := json.Marshal(got[i])
			t.Fatalf("user %d does not survive the SDK:\n sent %s\n  got %s", i, w, g)
		}
	}
	variants := map[string]int{}
	for _, u := range users {
		for _, e := range u.EmailAddresses {
			if e.Verification == nil || e.Verification.Raw != nil {
				t.Fatalf("email verification not decoded: %+v", e.Verification)
			}
			variants[fmt.Sprintf("%T", e.Verification.Value())]++
		}
	}
	if len(variants) != 3 {
		t.Errorf("email verification variants %v, want three kinds", variants)
	}

	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var hw []hwUser
	if err := dec.Decode(&hw); err != nil {
		t.Fatalf("hand-written structs: %v", err)
	}
	hw2, err := hwListUsers(ctx, newClient(), srv.URL)
	if err != nil || !reflect.DeepEqual(hw, hw2) {
		t.Fatalf("hwListUsers: %v", err)
	}
	for i, u := range users {
		h := hw[i]
		if u.ID != h.ID || len(u.EmailAddresses) != len(h.EmailAddresses) || len(u.PhoneNumbers) != len(h.PhoneNumbers) ||
			!reflect.DeepEqual(u.PublicMetadata, h.PublicMetadata) || u.UpdatedAt != h.UpdatedAt {
			t.Fatalf("user %d: sdk and hand-written structs differ", i)
		}
	}
	t.Logf("%d users, %d bytes", len(users), len(body))
}
