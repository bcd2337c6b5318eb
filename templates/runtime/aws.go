package runtime

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// AWSCredentials sign requests with AWS Signature Version 4.
//
//sdkgen:optional
type AWSCredentials struct {
	AccessKeyID     string
	SecretAccessKey string
	// SessionToken is sent as X-Amz-Security-Token with temporary
	// credentials; "" for none.
	SessionToken string
	// Region is the region requests are signed for; "" takes it from the
	// host (service.region.amazonaws.com), else us-east-1.
	Region string
}

// awsNow is the signing time; tests set it.
var awsNow = time.Now

// awsSigV4 signs each request for service with credentials, or with those
// fn returns for each request.
type awsSigV4 struct {
	service string
	creds   AWSCredentials
	fn      func(ctx context.Context) (AWSCredentials, error)
}

func (a awsSigV4) apply(c *config, req *http.Request) error {
	creds := a.creds
	if a.fn != nil {
		var err error
		if creds, err = a.fn(req.Context()); err != nil {
			return err
		}
		c.learn(creds.SecretAccessKey)
		c.learn(creds.SessionToken)
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" {
		return errors.New("AWS credentials need an access key ID and a secret access key")
	}
	payload := "UNSIGNED-PAYLOAD" // a stream that cannot be read twice
	switch {
	case req.Body == nil || req.Body == http.NoBody:
		payload = hashHex(nil)
	case req.GetBody != nil:
		body, err := req.GetBody()
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, body)
		body.Close()
		if err != nil {
			return err
		}
		payload = hex.EncodeToString(h.Sum(nil))
	}
	return signV4(req, creds, a.service, payload, awsNow().UTC())
}

func (a awsSigV4) secrets() []string {
	return []string{a.creds.SecretAccessKey, a.creds.SessionToken}
}

func (awsSigV4) header() string { return "Authorization" }

// signV4 sets the X-Amz-Date (and X-Amz-Security-Token) and Authorization
// headers of req as Signature Version 4 says, signing its host,
// Content-Type and X-Amz-* headers, with payload the hash of its body.
func signV4(req *http.Request, creds AWSCredentials, service, payload string, now time.Time) error {
	region := creds.Region
	if region == "" {
		region = awsRegion(req.URL.Hostname())
	}
	amzDate := now.Format("20060102T150405Z")
	day := amzDate[:8]
	req.Header.Set("X-Amz-Date", amzDate)
	if creds.SessionToken != "" {
		req.Header.Set("X-Amz-Security-Token", creds.SessionToken)
	}
	if service == "s3" {
		req.Header.Set("X-Amz-Content-Sha256", payload)
	}

	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	headers := map[string]string{"host": host}
	for k, v := range req.Header {
		lk := strings.ToLower(k)
		if lk == "content-type" || strings.HasPrefix(lk, "x-amz-") {
			for i := range v {
				v[i] = strings.Join(strings.Fields(v[i]), " ")
			}
			headers[lk] = strings.Join(v, ",")
		}
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	slices.Sort(names)
	var canonHeaders strings.Builder
	for _, k := range names {
		canonHeaders.WriteString(k + ":" + headers[k] + "\n")
	}
	signed := strings.Join(names, ";")

	path := req.URL.EscapedPath()
	if service != "s3" {
		// Every service but S3 signs the path escaped once more.
		segs := strings.Split(path, "/")
		for i, s := range segs {
			segs[i] = escapeQuery(s)
		}
		path = strings.Join(segs, "/")
	}
	if path == "" {
		path = "/"
	}

	canonical := strings.Join([]string{req.Method, path, canonicalQuery(req.URL.RawQuery), canonHeaders.String(), signed, payload}, "\n")
	scope := day + "/" + region + "/" + service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hashHex([]byte(canonical))
	key := hmacSHA256([]byte("AWS4"+creds.SecretAccessKey), day)
	for _, part := range []string{region, service, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+creds.AccessKeyID+"/"+scope+
		", SignedHeaders="+signed+", Signature="+hex.EncodeToString(hmacSHA256(key, toSign)))
	return nil
}

// canonicalQuery is an encoded query with each name and value escaped as
// Signature Version 4 says, the pairs sorted.
func canonicalQuery(raw string) string {
	var pairs []string
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		pairs = append(pairs, escapeQuery(unescapeQuery(name))+"="+escapeQuery(unescapeQuery(value)))
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "&")
}

// unescapeQuery decodes a query name or value, or keeps it when it is not
// valid escaping.
func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// awsRegion is the region of an AWS host (service.region.amazonaws.com,
// also .cn), us-east-1 for a global one or any other host.
func awsRegion(host string) string {
	labels := strings.Split(strings.TrimSuffix(host, ".cn"), ".")
	n := len(labels)
	if n >= 3 && labels[n-2] == "amazonaws" && labels[n-1] == "com" {
		if r := labels[n-3]; strings.Count(r, "-") >= 2 {
			return r
		}
	}
	return "us-east-1"
}

func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}
