package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestMetrics checks that requests are counted under their route template,
// not their raw path, with their status.
func TestMetrics(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	e.do(t, request{method: "GET", path: "/healthz"})
	e.do(t, request{method: "GET", path: "/api/v1/claims/r4-bogdanov-2014"})
	e.do(t, request{method: "GET", path: "/api/v1/no-such-thing"})

	rec := e.do(t, request{method: "GET", path: "/metrics"})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`claimdesk_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		`claimdesk_http_requests_total{method="GET",route="/api/v1/claims/:id",status="500"} 1`,
		`claimdesk_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`claimdesk_http_request_duration_seconds_bucket{method="GET",route="/healthz"`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "r4-bogdanov-2014") {
		t.Error("metrics carry a raw path: every ID would be a new series")
	}
}

// TestMetricsMethodBounded checks that a method outside the standard set,
// which the client chooses freely and an unmatched route answers, is
// counted as "other": made-up methods add no series.
func TestMetricsMethodBounded(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	for i := 0; i < 20; i++ {
		e.do(t, request{method: "BREW" + strconv.Itoa(i), path: "/api/v1/no-such-thing"})
	}
	e.do(t, request{method: "DELETE", path: "/api/v1/no-such-thing"})
	rec := e.do(t, request{method: "GET", path: "/metrics"})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	body := rec.Body.String()
	if strings.Contains(body, "BREW") {
		t.Error("metrics carry a client's made-up method: each would be a new series")
	}
	for _, want := range []string{
		`claimdesk_http_requests_total{method="other",route="unmatched",status="404"} 20`,
		`claimdesk_http_requests_total{method="DELETE",route="unmatched",status="404"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if n := strings.Count(body, `claimdesk_http_requests_total{method=`); n != 2 {
		t.Errorf("%d request series, want 2 (other and DELETE, unmatched)", n)
	}
}
