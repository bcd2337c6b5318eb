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
	res, err := c.ListQueues(context.Background(), ListQueuesRequestBody{QueueNamePrefix: String("q")}, ListQueuesParams{XAmzTarget: ListQueuesXAmzTargetAmazonSQSListQueues})
	if err != nil || len(res.QueueURLs) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if !strings.HasPrefix(sent, "AWS4-HMAC-SHA256 Credential=AKID/20261206/eu-west-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=") || sent != resigned {
		t.Errorf("sent %s\nthe server signs %s", sent, resigned)
	}
}
