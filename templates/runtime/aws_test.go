package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The signatures of AWS's published Signature Version 4 examples: the test
// suite's get-vanilla and get-vanilla-query-order-key-case, and the IAM
// ListUsers example of the signing guide.
func TestSignV4Examples(t *testing.T) {
	creds := AWSCredentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	at := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	for _, tc := range []struct {
		url, service, contentType, want string
	}{
		{"https://example.amazonaws.com/", "service", "",
			"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"https://example.amazonaws.com/?Param2=value2&Param1=value1", "service", "",
			"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
		{"https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", "iam", "application/x-www-form-urlencoded; charset=utf-8",
			"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"},
	} {
		req, _ := http.NewRequest(http.MethodGet, tc.url, nil)
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		if err := signV4(req, creds, tc.service, hashHex(nil), at); err != nil {
			t.Fatal(err)
		}
		if got := req.Header.Get("Authorization"); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.url, got, tc.want)
		}
		if got := req.Header.Get("X-Amz-Date"); got != "20150830T123600Z" {
			t.Errorf("X-Amz-Date %q", got)
		}
	}
}

func TestAWSRegion(t *testing.T) {
	for host, want := range map[string]string{
		"ec2.eu-west-1.amazonaws.com":                "eu-west-1",
		"bucket.s3.us-gov-west-1.amazonaws.com":      "us-gov-west-1",
		"ec2.cn-north-1.amazonaws.com.cn":            "cn-north-1",
		"iam.amazonaws.com":                          "us-east-1",
		"127.0.0.1":                                  "us-east-1",
		"runtime.sagemaker.ap-south-1.amazonaws.com": "ap-south-1",
	} {
		if got := awsRegion(host); got != want {
			t.Errorf("awsRegion(%q) = %q, want %q", host, got, want)
		}
	}
}

// TestAWSSigV4Credential: through a client, the body's hash is signed (and
// resent intact on a retry, signed again), the session token is sent and
// the secret never shows; a failing function sends nothing.
func TestAWSSigV4Credential(t *testing.T) {
	defer func() { awsNow = time.Now }()
	awsNow = func() time.Time { return time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC) }
	var auths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization")+" token="+r.Header.Get("X-Amz-Security-Token"))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	creds := AWSCredentials{AccessKeyID: "AKID", SecretAccessKey: "secret/key", SessionToken: "tok", Region: "eu-west-1"}
	c := newConfig(nil, "ua", nil, nil, []Option{WithServerURL(srv.URL),
		withCredential("hmac", awsSigV4{service: "ec2", creds: creds})})
	c.security = [][]string{{"hmac"}}
	r := newRequest("Op", "Op", http.MethodPost, "/")
	r.setBytesBody("application/json", []byte(`{"a":1}`))
	resp, err := c.do(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(auths) != 1 || !strings.HasPrefix(auths[0], "AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=") || !strings.HasSuffix(auths[0], " token=tok") {
		t.Errorf("sent %q", auths)
	}
	// The same request signed by hand: the body's hash was signed.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	_ = signV4(req, creds, "ec2", hashHex([]byte(`{"a":1}`)), awsNow())
	if want := req.Header.Get("Authorization") + " token=tok"; auths[0] != want {
		t.Errorf("signed\n %s\nwant\n %s", auths[0], want)
	}
	if s := strings.Join(c.redactions(), " "); !strings.Contains(s, "secret/key") || !strings.Contains(s, "tok") {
		t.Errorf("secrets not redacted: %q", s)
	}

	boom := errors.New("no role")
	c = newConfig(nil, "ua", nil, nil, []Option{WithServerURL(srv.URL),
		withCredential("hmac", awsSigV4{service: "ec2", fn: func(context.Context) (AWSCredentials, error) { return AWSCredentials{}, boom }})})
	c.security = [][]string{{"hmac"}}
	_, err = c.do(context.Background(), newRequest("Op", "Op", http.MethodGet, "/"), nil)
	var ce *CredentialError
	if !errors.As(err, &ce) || !errors.Is(err, boom) || len(auths) != 1 {
		t.Errorf("failing credentials: %v, %d requests", err, len(auths))
	}
}
