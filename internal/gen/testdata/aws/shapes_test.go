package shapes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestSignedRequest: the server signs what it received again and finds the
// signature the SDK sent; the operation's X-Amz-Target header is signed,
// the secret is not sent.
func TestSignedRequest(t *testing.T) {
	defer func() { awsNow = time.Now }()
	awsNow = func() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }
	creds := AWSCredentials{AccessKeyID: "AKID", SecretAccessKey: "s3cr3t/KEY", Region: "eu-west-1"}
	var sent, resigned string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sent = r.Header.Get("Authorization")
		if got := r.Header.Get("X-Amz-Target"); got != "AmazonSQS.ListQueues" {
			t.Errorf("X-Amz-Target %q", got)
		}
		again, _ := http.NewRequest(r.Method, "http://"+r.Host+r.RequestURI, nil)
		for k, v := range r.Header {
			if k != "Authorization" {
				again.Header[k] = v
			}
		}
		sum := sha256.Sum256(body)
		_ = signV4(again, creds, "sqs", hex.EncodeToString(sum[:]), awsNow().UTC())
		resigned = again.Header.Get("Authorization")
		if strings.Contains(r.Header.Get("Authorization")+string(body), creds.SecretAccessKey) {
			t.Error("the secret was sent")
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"QueueUrls":["q1"]}`)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL), WithHmac(creds))
	res, err := c.ListQueues(context.Background(), ListQueuesRequestBody{QueueNamePrefix: String("q")})
	if err != nil || len(res.QueueURLs) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if !strings.HasPrefix(sent, "AWS4-HMAC-SHA256 Credential=AKID/20261206/eu-west-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=") || sent != resigned {
		t.Errorf("sent %s\nthe server signs %s", sent, resigned)
	}
}

// TestQueryProtocol: Action and Version, which have one value each, are
// sent by the method, first, and signed with the rest of the query.
func TestQueryProtocol(t *testing.T) {
	creds := AWSCredentials{AccessKeyID: "AKID", SecretAccessKey: "s3cr3t"}
	var uri, sent, resigned string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uri, sent = r.RequestURI, r.Header.Get("Authorization")
		again, _ := http.NewRequest(r.Method, "http://"+r.Host+r.RequestURI, nil)
		again.Header.Set("X-Amz-Date", r.Header.Get("X-Amz-Date"))
		at, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
		_ = signV4(again, creds, "sqs", hashHex(nil), at)
		resigned = again.Header.Get("Authorization")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	if err := New(WithServerURL(srv.URL), WithHmac(creds)).GetQueueURL(context.Background(), GetQueueURLParams{QueueName: "my q"}); err != nil {
		t.Fatal(err)
	}
	if uri != "/?Action=GetQueueUrl&Version=2012-11-05&QueueName=my%20q" || sent != resigned || !strings.Contains(sent, "/us-east-1/sqs/") {
		t.Errorf("sent %s with %s\nthe server signs %s", uri, sent, resigned)
	}
}
