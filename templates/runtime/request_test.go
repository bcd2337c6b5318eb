package runtime

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestMarshalJSONReusesNothing(t *testing.T) {
	a, _ := marshalJSON(map[string]string{"k": "first"})
	b, _ := marshalJSON(map[string]string{"k": "second, and longer"})
	if string(a) != `{"k":"first"}` || string(b) != `{"k":"second, and longer"}` {
		t.Errorf("marshalJSON results %s and %s", a, b)
	}
	big := strings.Repeat("x", 1<<17)
	c, _ := marshalJSON(big)
	if len(c) != len(big)+2 {
		t.Errorf("marshalJSON of %d bytes gave %d", len(big), len(c))
	}
	// Nested MarshalJSON calls take encoders of their own.
	d, _ := marshalJSON([]Nullable[[]string]{NewNullable([]string{"<a>"}), Null[[]string]()})
	if string(d) != `[["<a>"],null]` {
		t.Errorf("nested marshalJSON = %s", d)
	}
}

// TestIdempotentResentOnClosedConnection: a server that closes a reused
// connection as a PUT or DELETE arrives, before answering (an idle
// keep-alive timing out), gets it again on a new connection; a POST is
// not sent twice. No Idempotency-Key goes on the wire.
func TestIdempotentResentOnClosedConnection(t *testing.T) {
	for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodPost} {
		t.Run(method, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			var received []string
			var mu sync.Mutex
			go func() {
				for conn := 0; ; conn++ {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					go func(conn int, c net.Conn) {
						defer c.Close()
						br := bufio.NewReader(c)
						for n := 0; ; n++ {
							req, err := http.ReadRequest(br)
							if err != nil {
								return
							}
							_, _ = io.Copy(io.Discard, req.Body)
							mu.Lock()
							received = append(received, fmt.Sprintf("%d %s %v", conn, req.Method, req.Header["Idempotency-Key"]))
							mu.Unlock()
							if conn == 0 && n == 1 {
								return // the second request on the first connection: closed unanswered
							}
							_, _ = io.WriteString(c, "HTTP/1.1 204 No Content\r\n\r\n")
						}
					}(conn, c)
				}
			}()
			cfg := newConfig(nil, "", nil, nil, []Option{WithServerURL("http://" + ln.Addr().String())})
			for i := range 2 {
				r := newRequest("Things.Put", "putThing", method, "/things/1")
				r.setBytesBody("application/json", []byte(`{"a":1}`))
				resp, err := cfg.do(context.Background(), r, nil)
				if method == http.MethodPost && i == 1 {
					if err == nil {
						t.Fatal("a POST on a closed connection succeeded")
					}
					continue
				}
				if err != nil {
					t.Fatalf("call %d: %v", i+1, err)
				}
				resp.Body.Close()
			}
			mu.Lock()
			defer mu.Unlock()
			want := []string{"0 " + method + " []", "0 " + method + " []", "1 " + method + " []"}
			if method == http.MethodPost {
				want = want[:2]
			}
			if !slices.Equal(received, want) {
				t.Errorf("received %q, want %q", received, want)
			}
		})
	}
}
