package api

import (
	"net/http"
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
