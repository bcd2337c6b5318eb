package bench_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
)

// usersJSON returns the body of a GetUserList response with n users shaped
// as the spec's User schema says and as the API fills them in practice: an
// email address or two, often a phone number, sometimes an OAuth account, a
// passkey, a Web3 wallet or an enterprise account, metadata maps, and many
// nullable fields, some null and some set. The same seed gives the same
// bytes.
func usersJSON(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	users := make([]any, n)
	for i := range users {
		users[i] = fakeUser(r, i)
	}
	b, err := json.Marshal(users)
	if err != nil {
		panic(err)
	}
	return b
}

var users1000 = sync.OnceValue(func() []byte { return usersJSON(1000) })

type obj = map[string]any

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// clerkID returns an ID such as "user_2bPNvfFNdoVLeLmGZqJ1b1GxQbB".
func clerkID(r *rand.Rand, prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteByte('_')
	for range 27 {
		b.WriteByte(base62[r.IntN(len(base62))])
	}
	return b.String()
}

var (
	firstNames = []string{"Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger", "Radia", "Zoë", "José"}
	lastNames  = []string{"Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Dijkstra", "Perlman", "Núñez", "O'Brien"}
	domains    = []string{"gmail.com", "example.com", "outlook.com", "acme.io", "proton.me"}
	plans      = []string{"free", "pro", "team", "enterprise"}
)

// ts returns a millisecond timestamp from 2023 to 2025.
func ts(r *rand.Rand) int64 { return 1672531200000 + r.Int64N(3*365*24*3600*1000) }

// maybe returns v, or nil (JSON null) with probability 1-p.
func maybe(r *rand.Rand, p float64, v any) any {
	if r.Float64() < p {
		return v
	}
	return nil
}

func imageURL(r *rand.Rand) string {
	return "https://img.clerk.com/eyJ0eXBlIjoicHJveHkiLCJzcmMiOiJodHRwczovL2ltYWdlcy5jbGVyay5kZXYvdXBsb2FkZWQvaW1nXz" +
		clerkID(r, "img")
}

func fakeUser(r *rand.Rand, i int) obj {
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	created := ts(r)
	updated := created + r.Int64N(1e9)
	local := strings.ToLower(strings.ReplaceAll(first+"."+last, "'", "")) + fmt.Sprint(i)

	var emails []any
	hasOAuth := r.Float64() < 0.4
	emailID := clerkID(r, "idn")
	linked := []any{}
	var externals []any
	if hasOAuth {
		oauthID := clerkID(r, "idn")
		linked = append(linked, obj{"type": "oauth_google", "id": oauthID})
		externals = append(externals, externalAccount(r, oauthID, local+"@gmail.com", first, last, created))
	}
	emails = append(emails, emailAddress(r, emailID, local+"@"+domains[r.IntN(len(domains))], linked, hasOAuth, created))
	if r.Float64() < 0.2 {
		emails = append(emails, emailAddress(r, clerkID(r, "idn"), local+".work@acme.io", []any{}, false, created))
	}
	if externals == nil {
		externals = []any{}
	}

	phones := []any{}
	var primaryPhone any
	if r.Float64() < 0.5 {
		id := clerkID(r, "idn")
		primaryPhone = id
		phones = append(phones, phoneNumber(r, id, created))
	}
	wallets := []any{}
	var primaryWallet any
	if r.Float64() < 0.05 {
		id := clerkID(r, "idn")
		primaryWallet = id
		wallets = append(wallets, web3Wallet(r, id, created))
	}
	passkeys := []any{}
	if r.Float64() < 0.15 {
		passkeys = append(passkeys, passkey(r, created))
	}
	enterprise := []any{}
	if r.Float64() < 0.05 {
		enterprise = append(enterprise, enterpriseAccount(r, local+"@acme.io", first, last, created))
	}

	twoFactor := len(phones) > 0 && r.Float64() < 0.3
	var mfaEnabled any
	if twoFactor {
		mfaEnabled = updated
	}
	public := obj{"plan": plans[r.IntN(len(plans))], "onboarded": r.Float64() < 0.8}
	if r.Float64() < 0.5 {
		public["seats"] = 1 + r.IntN(50)
		public["features"] = []any{"sso", "audit_log", "export"}[:1+r.IntN(3)]
	}
	private := obj{}
	if r.Float64() < 0.6 {
		private["stripe_customer_id"] = clerkID(r, "cus")
		private["internal_notes"] = nil
	}
	unsafe := obj{}
	if r.Float64() < 0.3 {
		unsafe["theme"] = "dark"
		unsafe["locale_hint"] = "en-GB"
	}

	return obj{
		"id":                              clerkID(r, "user"),
		"object":                          "user",
		"external_id":                     maybe(r, 0.3, fmt.Sprintf("ext-%06d", i)),
		"primary_email_address_id":        emailID,
		"primary_phone_number_id":         primaryPhone,
		"primary_web3_wallet_id":          primaryWallet,
		"username":                        maybe(r, 0.4, local),
		"first_name":                      maybe(r, 0.9, first),
		"last_name":                       maybe(r, 0.9, last),
		"locale":                          maybe(r, 0.2, "en-US"),
		"profile_image_url":               imageURL(r),
		"image_url":                       imageURL(r),
		"has_image":                       r.Float64() < 0.4,
		"public_metadata":                 public,
		"private_metadata":                private,
		"unsafe_metadata":                 unsafe,
		"email_addresses":                 emails,
		"phone_numbers":                   phones,
		"web3_wallets":                    wallets,
		"passkeys":                        passkeys,
		"password_enabled":                r.Float64() < 0.7,
		"two_factor_enabled":              twoFactor,
		"totp_enabled":                    false,
		"backup_code_enabled":             false,
		"mfa_enabled_at":                  mfaEnabled,
		"mfa_disabled_at":                 nil,
		"password_last_updated_at":        maybe(r, 0.6, updated),
		"external_accounts":               externals,
		"saml_accounts":                   []any{},
		"enterprise_accounts":             enterprise,
		"last_sign_in_at":                 maybe(r, 0.9, updated),
		"banned":                          false,
		"locked":                          r.Float64() < 0.01,
		"lockout_expires_in_seconds":      nil,
		"verification_attempts_remaining": maybe(r, 0.8, 100),
		"updated_at":                      updated,
		"created_at":                      created,
		"delete_self_enabled":             true,
		"create_organization_enabled":     true,
		"create_organizations_limit":      nil,
		"last_active_at":                  maybe(r, 0.9, updated),
		"legal_accepted_at":               maybe(r, 0.3, created),
		"bypass_client_trust":             false,
		"scim":                            nil,
	}
}

func emailAddress(r *rand.Rand, id, address string, linked []any, fromOAuth bool, created int64) obj {
	var verification obj
	switch {
	case fromOAuth:
		verification = obj{"object": "verification_from_oauth", "status": "verified", "strategy": "from_oauth_google",
			"attempts": nil, "expire_at": nil, "verified_at_client": nil}
	case r.Float64() < 0.5:
		verification = obj{"object": "verification_otp", "status": "verified", "strategy": "email_code",
			"attempts": 1, "expire_at": created + 600000, "verified_at_client": maybe(r, 0.5, clerkID(r, "client"))}
	default:
		verification = obj{"object": "verification_email_link", "status": "verified", "strategy": "email_link",
			"attempts": 1, "expire_at": created + 600000, "verified_at_client": nil}
	}
	return obj{
		"id": id, "object": "email_address", "email_address": address, "reserved": false,
		"verification": verification, "linked_to": linked, "matches_sso_connection": false,
		"created_at": created, "updated_at": created,
	}
}

func phoneNumber(r *rand.Rand, id string, created int64) obj {
	return obj{
		"id": id, "object": "phone_number", "phone_number": fmt.Sprintf("+1555%07d", r.IntN(1e7)),
		"reserved_for_second_factor": false, "default_second_factor": false, "reserved": false,
		"verification": obj{"object": "verification_otp", "status": "verified", "strategy": "phone_code",
			"attempts": 1, "expire_at": created + 600000, "channel": "sms", "verified_at_client": nil},
		"linked_to": []any{}, "backup_codes": nil, "created_at": created, "updated_at": created,
	}
}

func externalAccount(r *rand.Rand, id, address, first, last string, created int64) obj {
	return obj{
		"object": "external_account", "id": clerkID(r, "eac"), "provider": "oauth_google",
		"identification_id": id, "provider_user_id": fmt.Sprint(100000000000000000 + r.Int64N(1e17)),
		"approved_scopes":        "email https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid profile",
		"email_address":          address,
		"email_address_verified": true,
		"first_name":             first,
		"last_name":              last,
		"avatar_url":             "https://lh3.googleusercontent.com/a/ACg8ocK" + clerkID(r, "g"),
		"image_url":              imageURL(r),
		"username":               nil,
		"phone_number":           nil,
		"public_metadata":        obj{},
		"label":                  nil,
		"created_at":             created,
		"updated_at":             created,
		"verification": obj{"object": "verification_oauth", "status": "verified", "strategy": "oauth_google",
			"attempts": nil, "expire_at": created + 600000, "verified_at_client": nil},
	}
}

func web3Wallet(r *rand.Rand, id string, created int64) obj {
	var addr strings.Builder
	addr.WriteString("0x")
	for range 40 {
		addr.WriteByte("0123456789abcdef"[r.IntN(16)])
	}
	return obj{
		"id": id, "object": "web3_wallet", "web3_wallet": addr.String(),
		"verification": obj{"object": "verification_web3", "status": "verified", "strategy": "web3_metamask_signature",
			"attempts": 1, "expire_at": created + 600000, "nonce": nil, "message": nil, "verified_at_client": nil},
		"created_at": created, "updated_at": created,
	}
}

func passkey(r *rand.Rand, created int64) obj {
	return obj{
		"id": clerkID(r, "idn"), "object": "passkey", "name": "iCloud Keychain", "last_used_at": created + r.Int64N(1e9),
		"verification": obj{"object": "verification_passkey", "status": "verified", "strategy": "passkey",
			"nonce": "nonce", "message": nil, "attempts": nil, "expire_at": nil, "verified_at_client": nil},
	}
}

func enterpriseAccount(r *rand.Rand, address, first, last string, created int64) obj {
	connID := clerkID(r, "samlc")
	return obj{
		"id": clerkID(r, "eaa"), "object": "enterprise_account", "protocol": "saml", "provider": "saml_okta",
		"active": true, "email_address": address, "first_name": first, "last_name": last,
		"provider_user_id": maybe(r, 0.5, "00u1abcd2EFGH3ijk4l5"), "public_metadata": obj{},
		"enterprise_connection_id": connID, "last_authenticated_at": created + 1000,
		"enterprise_connection": obj{
			"id": connID, "protocol": "saml", "provider": "saml_okta", "name": "Acme Okta", "logo_public_url": nil,
			"domain": "acme.io", "active": true, "sync_user_attributes": true, "allow_subdomains": false,
			"allow_idp_initiated": false, "disable_additional_identifications": false,
			"created_at": created, "updated_at": created,
		},
		"verification": obj{"object": "verification_saml", "status": "verified", "strategy": "saml",
			"external_verification_redirect_url": nil, "error": nil, "expire_at": created + 600000,
			"attempts": nil, "verified_at_client": nil},
	}
}
