package runtime

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ErrPollHost is the error of a long-running operation whose status URL is
// on another scheme or host than the call: nothing is sent there, as the
// client's credentials would go with it.
//
//sdkgen:optional
var ErrPollHost = errors.New("status URL on another host")

// OperationError is the error of a long-running operation that started
// but ended in failure: its final status ("Failed", "Canceled") and the
// body that said so, as much as the client keeps of an error's body.
//
//sdkgen:optional
type OperationError struct {
	Method string // the method called ("Vaults.CreateOrUpdateAndWait")
	Status string
	Body   []byte
}

func (e *OperationError) Error() string {
	return fmt.Sprintf("%s: the operation ended %s: %s", e.Method, e.Status, bytes.TrimSpace(e.Body))
}

// pollInterval is the wait between status requests when the service gives
// no Retry-After.
var pollInterval = 10 * time.Second

// awaitOption makes a long-running operation's call (Azure's
// x-ms-long-running-operation) wait for the operation to end and answer
// with its final response; via is where the final result is
// (x-ms-long-running-operation-options' final-state-via), "" for the
// method's default. A method without a result (result false) gets, once
// the operation has succeeded, its first response's status without a
// body: the statuses it declares are those of the first response.
type awaitOption struct {
	via    string
	result bool
}

func (o awaitOption) applyCall(s *callSettings) {
	s.await = func(ctx context.Context, c *config, r *request, first response, opts []CallOption) (response, error) {
		status := first.StatusCode
		resp, err := awaitOperation(ctx, c, r, first, opts, o.via)
		if err == nil && !o.result && resp.StatusCode/100 == 2 {
			_, _ = io.CopyN(io.Discard, resp.Body, maxDrain)
			_ = resp.Body.Close()
			// A copy: WithResponse keeps the response as it came.
			answer := *resp.Response
			answer.StatusCode, answer.Body = status, http.NoBody
			resp.Response = &answer
		}
		return resp, err
	}
}

// withAwait returns opts with awaitOption.
func withAwait(opts []CallOption, via string, result bool) []CallOption {
	return append(slices.Clip(opts), awaitOption{via: via, result: result})
}

// awaitOperation follows a long-running operation from the first response
// of its call: by its Azure-AsyncOperation (or Operation-Location) status
// URL, by its Location while that answers 202, or, for a PUT or PATCH with
// neither, by the resource's provisioningState. It returns the response
// with the operation's result: the resource again for a PUT or PATCH, what
// Location answers for the others. Each status request is a GET with the
// call's options, sent after the Retry-After the last response asked for.
func awaitOperation(ctx context.Context, c *config, r *request, first response, opts []CallOption, via string) (response, error) {
	opts = slices.DeleteFunc(slices.Clone(opts), func(o CallOption) bool { _, ok := o.(awaitOption); return ok })
	if first.StatusCode/100 != 2 || first.Request == nil {
		return first, nil // an error: the method reports it
	}
	origin := first.Request.URL
	get := func(last response, target string) (response, error) {
		wait := pollInterval
		if d, ok := retryAfter(last.Header, time.Now()); ok {
			wait = d
		}
		_, _ = io.CopyN(io.Discard, last.Body, maxDrain)
		_ = last.Body.Close()
		u, err := origin.Parse(target)
		if err != nil {
			return response{}, fmt.Errorf("%s: status URL: %w", r.name, err)
		}
		if !sameOrigin(u, origin) {
			return response{}, fmt.Errorf("%s: %w: %s://%s is not %s://%s", r.name, ErrPollHost, u.Scheme, u.Host, origin.Scheme, origin.Host)
		}
		if err := sleep(ctx, wait); err != nil {
			return response{}, c.requestError(r.name, err)
		}
		req := newRequest(r.name, r.operationID, http.MethodGet, "")
		req.url = u.String()
		req.security, req.hasSecurity = r.security, r.hasSecurity
		return c.do(ctx, req, opts)
	}
	status := cmp.Or(first.Header.Get("Azure-AsyncOperation"), first.Header.Get("Operation-Location"))
	location := first.Header.Get("Location")
	update := r.method == http.MethodPut || r.method == http.MethodPatch
	resp := first
	var err error
	switch {
	case status != "":
		for {
			if resp, err = get(resp, status); err != nil || resp.StatusCode/100 != 2 {
				return resp, err
			}
			state, body, err := readState(resp, "status")
			if err != nil {
				return response{}, err
			}
			if done, err := ended(c, r, state, body); done || err != nil {
				if err != nil {
					return response{}, err
				}
				resp.Body = io.NopCloser(bytes.NewReader(body))
				break
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
		}
		switch {
		case update || via == "original-uri":
			return get(resp, origin.String())
		case location != "" && via != "azure-async-operation" && via != "operation-location":
			return get(resp, location)
		}
		return resp, nil
	case location != "" && (first.StatusCode == http.StatusAccepted || first.StatusCode == http.StatusCreated):
		next := location
		for {
			if resp, err = get(resp, next); err != nil || resp.StatusCode != http.StatusAccepted {
				break
			}
			next = cmp.Or(resp.Header.Get("Location"), next)
		}
		if err == nil && update && resp.StatusCode/100 == 2 {
			return get(resp, origin.String())
		}
		return resp, err
	case update:
		for {
			state, body, err := readState(resp, "properties", "provisioningState")
			if err != nil {
				return response{}, err
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			if done, err := ended(c, r, cmp.Or(state, "Succeeded"), body); done || err != nil {
				return resp, err
			}
			if resp, err = get(resp, origin.String()); err != nil || resp.StatusCode/100 != 2 {
				return resp, err
			}
		}
	}
	return first, nil
}

// ended reports whether an operation in state has ended: Succeeded ends it,
// Failed and Canceled end it with an *OperationError.
func ended(c *config, r *request, state string, body []byte) (bool, error) {
	switch strings.ToLower(state) {
	case "succeeded":
		return true, nil
	case "failed", "canceled", "cancelled":
		b := redactBody(body, c.redactions(), false)
		return true, &OperationError{Method: r.name, Status: state, Body: b[:min(len(b), int(c.maxErrorBody))]}
	}
	return false, nil
}

// readState reads a success body and the string at path in it ("" when
// there is none).
func readState(resp response, path ...string) (string, []byte, error) {
	body, _, err := readBody(resp, resp.cfg.maxBody, maxDrain)
	if err != nil {
		return "", nil, newAPIError(resp, body, err)
	}
	var v any
	_ = json.Unmarshal(body, &v)
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	s, _ := v.(string)
	return s, body, nil
}
