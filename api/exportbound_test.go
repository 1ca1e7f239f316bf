package api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// stalledWriter is the response writer of a client that stops reading:
// its first Write says so on started and waits until resume is closed.
type stalledWriter struct {
	*httptest.ResponseRecorder
	once     sync.Once
	started  chan struct{}
	resume   chan struct{}
	finished chan struct{} // closed when ServeHTTP returned
}

func (w *stalledWriter) Write(p []byte) (int, error) {
	w.once.Do(func() {
		close(w.started)
		<-w.resume
	})
	return w.ResponseRecorder.Write(p)
}

// TestExportsBounded: with MaxExports streamed exports running (their
// clients reading nothing), another export is answered at once with 503,
// Retry-After and a problem naming the bound, as the OpenAPI document
// says, while other reads are served; once a running export ends, the
// next one is served.
func TestExportsBounded(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 30)
		e, _ := buildEngine(Options{Store: s, MaxExports: 2})
		get := func(path string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			return rec
		}
		var stalled []*stalledWriter
		for range 2 {
			w := &stalledWriter{ResponseRecorder: httptest.NewRecorder(),
				started: make(chan struct{}), resume: make(chan struct{}), finished: make(chan struct{})}
			stalled = append(stalled, w)
			go func() {
				defer close(w.finished)
				e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/export?format=ndjson", nil))
			}()
			<-w.started
		}

		rec := get("/api/v1/export?format=csv")
		// Retry-After long enough that curl --retry 10, which waits what
		// it says, outlasts a running export (a second each did not).
		if after, err := strconv.Atoi(rec.Header().Get("Retry-After")); rec.Code != http.StatusServiceUnavailable || err != nil || after < 10 {
			t.Fatalf("export beside 2 running, bound 2 = %d (Retry-After %q): %s; want 503 with Retry-After of 10 s or more", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
		checkResponse(t, http.MethodGet, "/api/v1/export", rec)
		if p := decodeProblem(t, rec); p.Code != "unavailable" || !strings.Contains(p.Detail, "2 exports") {
			t.Errorf("problem %+v: want code unavailable and the bound in the detail", p)
		}
		if rec := get("/api/v1/topics"); rec.Code != http.StatusOK {
			t.Errorf("GET /topics beside 2 stalled exports = %d: %s", rec.Code, rec.Body)
		}

		close(stalled[0].resume)
		<-stalled[0].finished
		if rec := get("/api/v1/export?format=csv"); rec.Code != http.StatusOK {
			t.Errorf("export once one of 2 ended = %d: %s", rec.Code, rec.Body)
		}
		close(stalled[1].resume)
		<-stalled[1].finished
		for i, w := range stalled {
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"type":"claim"`) {
				t.Errorf("stalled export %d = %d, %d bytes: want the whole document", i, w.Code, w.Body.Len())
			}
		}
	})
}
