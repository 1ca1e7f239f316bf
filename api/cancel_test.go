package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// cancellingStore fails every listing of topics with context.Canceled, as
// a store does when the context of its read ends.
type cancellingStore struct{ failingStore }

func (cancellingStore) ListTopics(context.Context, claims.TopicFilter) (claims.Page[*claims.Topic], error) {
	return claims.Page[*claims.Topic]{}, fmt.Errorf("gormstore: list topics: %w", context.Canceled)
}

// TestClientGoneIsNotAFailure: a request whose client went away (its
// context cancelled) while the store read is answered 499, logged below
// the error level, so that a load test's last requests, cut off when it
// stops, are not counted among the 5xx; the same error while the client is
// still there is claimdesk's own failure, a 500.
func TestClientGoneIsNotAFailure(t *testing.T) {
	e := newEnv(t, cancellingStore{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/topics", nil).WithContext(ctx))
	if rec.Code != statusClientClosed {
		t.Errorf("GET /api/v1/topics with its client gone = %d, want %d; body %s", rec.Code, statusClientClosed, rec.Body)
	}
	if log := e.log.String(); strings.Contains(log, `"level":"ERROR"`) || !strings.Contains(log, `"status":499`) {
		t.Errorf("want the request logged with status 499 and no error:\n%s", log)
	}

	rec = e.do(t, request{method: "GET", path: "/api/v1/topics"})
	if p := decodeProblem(t, rec); rec.Code != 500 || p.Code != claims.CodeInternal {
		t.Errorf("GET /api/v1/topics failing with context.Canceled while its client waits = %d %+v, want 500 internal", rec.Code, p)
	}
}
