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

// headerStall is the response writer of a client that waits before taking
// the status line: WriteHeader (or the Flush that sends it) says so on
// started and waits until resume is closed.
type headerStall struct {
	*httptest.ResponseRecorder
	once    sync.Once
	started chan struct{}
	resume  chan struct{}
}

func (w *headerStall) stall() {
	w.once.Do(func() {
		close(w.started)
		<-w.resume
	})
}

func (w *headerStall) WriteHeader(code int) {
	w.stall()
	w.ResponseRecorder.WriteHeader(code)
}

func (w *headerStall) Flush() {
	w.stall()
	w.ResponseRecorder.Flush()
}

// TestExportHead: a HEAD of an export is answered with the download's
// headers and no body, without running the export: while its answer is
// held up, the one export the server runs is still free for a GET, which
// a HEAD running the export, holding that place, refused with 503. When
// the place is taken, HEAD answers what GET would: 503 and Retry-After.
func TestExportHead(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 30)
		h := NewHandler(Options{Store: s, MaxExports: 1})
		const path = "/api/v1/export?format=ndjson"

		head := &headerStall{ResponseRecorder: httptest.NewRecorder(), started: make(chan struct{}), resume: make(chan struct{})}
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.ServeHTTP(head, httptest.NewRequest(http.MethodHead, path, nil))
		}()
		<-head.started
		get := httptest.NewRecorder()
		h.ServeHTTP(get, httptest.NewRequest(http.MethodGet, path, nil))
		if get.Code != http.StatusOK || !strings.Contains(get.Body.String(), `"type":"claim"`) {
			t.Errorf("GET export while a HEAD of it is answered = %d, %d bytes: want the whole export (the HEAD holds no place)", get.Code, get.Body.Len())
		}
		close(head.resume)
		<-done
		if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") ||
			head.Header().Get("Content-Disposition") != get.Header().Get("Content-Disposition") {
			t.Errorf("HEAD = %d, %d bytes, %q, %q; want 200, no body and the GET's %q, %q", head.Code, head.Body.Len(),
				head.Header().Get("Content-Type"), head.Header().Get("Content-Disposition"), get.Header().Get("Content-Type"), get.Header().Get("Content-Disposition"))
		}

		// The only place taken by a client that reads nothing.
		w := &stalledWriter{ResponseRecorder: httptest.NewRecorder(),
			started: make(chan struct{}), resume: make(chan struct{}), finished: make(chan struct{})}
		go func() {
			defer close(w.finished)
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		}()
		<-w.started
		refused := httptest.NewRecorder()
		h.ServeHTTP(refused, httptest.NewRequest(http.MethodHead, path, nil))
		if refused.Code != http.StatusServiceUnavailable || refused.Header().Get("Retry-After") != exportRetryAfter || refused.Body.Len() != 0 {
			t.Errorf("HEAD beside a running export, bound 1 = %d, Retry-After %q, %d bytes; want 503, %s, no body", refused.Code, refused.Header().Get("Retry-After"), refused.Body.Len(), exportRetryAfter)
		}
		close(w.resume)
		<-w.finished
	})
}

// TestExportHeadGzip: a HEAD of an export carries the Vary, type and
// disposition of its GET but no Content-Encoding, which is known only
// while making the body (gzip once it passes 1 KB): RFC 9110 lets a HEAD
// omit it, and a HEAD that claimed gzip would be wrong for a small export.
func TestExportHeadGzip(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 30)
		h := NewHandler(Options{Store: s})
		for _, format := range []string{"json", "ndjson", "csv"} {
			for _, accept := range []string{"gzip, deflate, br", "", "gzip;q=0"} {
				answer := func(method string) *httptest.ResponseRecorder {
					req := httptest.NewRequest(method, "/api/v1/export?topic_id=t-1&format="+format, nil)
					if accept != "" {
						req.Header.Set("Accept-Encoding", accept)
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						t.Fatalf("%s %s, Accept-Encoding %q: %d", method, format, accept, rec.Code)
					}
					return rec
				}
				get, head := answer(http.MethodGet), answer(http.MethodHead)
				wantGzip := accept == "gzip, deflate, br"
				if got := get.Header().Get("Content-Encoding"); got != map[bool]string{true: "gzip"}[wantGzip] {
					t.Fatalf("GET %s, Accept-Encoding %q: Content-Encoding %q: the premise (an export of over 1 KB gzipped when accepted) is broken", format, accept, got)
				}
				if got := head.Header().Get("Content-Encoding"); got != "" {
					t.Errorf("HEAD %s, Accept-Encoding %q: Content-Encoding %q, want none (known only with the body)", format, accept, got)
				}
				for _, k := range []string{"Vary", "Content-Type", "Content-Disposition"} {
					if g, hd := strings.Join(get.Header().Values(k), ", "), strings.Join(head.Header().Values(k), ", "); g != hd {
						t.Errorf("%s, Accept-Encoding %q: HEAD's %s %q, GET's %q", format, accept, k, hd, g)
					}
				}
				if head.Body.Len() != 0 {
					t.Errorf("%s: HEAD with a body of %d bytes", format, head.Body.Len())
				}
			}
		}
	})
}
