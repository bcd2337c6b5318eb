package naming

import "testing"

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"sign_in_token_id":      "SignInTokenID",
		"userId":                "UserID",
		"frontendApi":           "FrontendAPI",
		"frontend_api":          "FrontendAPI",
		"OAuthApplications":     "OAuthApplications",
		"SAMLConnection":        "SAMLConnection",
		"HTTPServer":            "HTTPServer",
		"redirectURLs":          "RedirectURLs",
		"verification_otp":      "VerificationOTP",
		"SERVER_URL":            "ServerURL",
		"oauth2Token":           "OAuth2Token",
		"M2M Tokens":            "M2MTokens",
		"m2m":                   "M2M",
		"createM2MToken":        "CreateM2MToken",
		"V1Users":               "V1Users",
		"Email & SMS Templates": "EmailSMSTemplates",
		"emailAndSmsTemplates":  "EmailAndSMSTemplates",
		"Oauth":                 "OAuth",
		"ipv4_address":          "IPv4Address",
		"use_ipv6":              "UseIPv6",
		"http2Proxy":            "HTTP2Proxy",
		"sha256_digest":         "SHA256Digest",
		"oauthApplications":     "OAuthApplications",
		"JWKS":                  "JWKS",
		"PENDING_REVIEW":        "PendingReview",
		"a PDF file":            "APDFFile",
		"Redirect URLs":         "RedirectURLs",
		"2fa":                   "X2fa",
		"+1":                    "Plus1",
		"-1":                    "Minus1",
		"@id":                   "ID",
		"***":                   "",
		"":                      "",
		"über_größe":            "ÜberGröße",
		"名前":                    "X名前",
		"x-request-id":          "XRequestID",
		"repos/list-for-org":    "ReposListForOrg",
	} {
		if got := Pascal(in); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"sign_in_token_id": "signInTokenID",
		"ID":               "id",
		"member-id":        "memberID",
		"123":              "v123",
		"***":              "",
	} {
		if got := Camel(in); got != want {
			t.Errorf("Camel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"SignInTokenID":  "sign_in_token_id",
		"RedirectURLs":   "redirect_urls",
		"OAuthApp":       "oauth_app",
		"IPv4Address":    "ipv4_address",
		"UseIPv6":        "use_ipv6",
		"HTTP2Proxy":     "http2_proxy",
		"VerifyOAuthX":   "verify_oauth_x",
		"GetJob4XXError": "get_job4_xx_error",
		"M2MTokens":      "m2m_tokens",
		"V1Users":        "v1_users",
	} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScope(t *testing.T) {
	s := NewScope("Client")
	if name, numbered := s.Claim("Client", "ClientModel"); name != "ClientModel" || numbered {
		t.Errorf("Claim = %q, %v", name, numbered)
	}
	if name, numbered := s.Claim("ClientModel"); name != "ClientModel2" || !numbered {
		t.Errorf("Claim = %q, %v", name, numbered)
	}
	if name, _ := s.Claim("type"); name != "type2" {
		t.Errorf("keyword claimed: %q", name)
	}
	if name, _ := s.Claim("V1"); name != "V1" {
		t.Errorf("Claim(V1) = %q", name)
	}
	if name, _ := s.Claim("V1"); name != "V1_2" {
		t.Errorf("second Claim(V1) = %q, want V1_2", name)
	}
	f := NewFileScope("model_pet")
	if name, _ := f.Claim("model_Pet"); name != "model_Pet2" {
		t.Errorf("file scope folds case: got %q", name)
	}
}

func TestScopeChild(t *testing.T) {
	base := NewScope("ctx", "Client")
	a, b := base.Child(), base.Child()
	if name, _ := a.Claim("ctx", "ctxParam"); name != "ctxParam" {
		t.Errorf("child ignores its parent's names: got %q", name)
	}
	if name, numbered := a.Claim("ctxParam"); name != "ctxParam2" || !numbered {
		t.Errorf("Claim = %q, %v", name, numbered)
	}
	if name, _ := b.Claim("ctxParam"); name != "ctxParam" {
		t.Errorf("a sibling's claims leak: got %q", name)
	}
	if base.Taken("ctxParam") {
		t.Error("a child's claims leak into its parent")
	}
	f := NewFileScope("model_pet").Child()
	if name, _ := f.Claim("Model_Pet"); name != "Model_Pet2" {
		t.Errorf("child of a file scope folds case: got %q", name)
	}
}
