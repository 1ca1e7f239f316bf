package api

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// BenchmarkHotReads measures the reads issue 14 sets targets for, through
// the whole handler on a SQLite file of 3,000 generated claims over 6
// topics (seedConflicting): reading a claim (against the database/sql
// ceiling of BenchmarkGetClaim, in the same run), a listing of 50, the
// relations of a claim, and the conflicts listing, with its sides read
// narrowly and, as before, as whole claims and claimants (wholeSides).
// cpu-ns/op is the process's CPU time (user and system) per request.
func BenchmarkHotReads(b *testing.B) {
	dsn := filepath.Join(b.TempDir(), "claimdesk.db")
	s := storetest.Open(b, dsn)
	seedConflicting(b, s, 3000)
	log := slog.New(slog.DiscardHandler)
	h := NewHandler(Options{Store: s, Version: "bench", Logger: log})
	whole := NewHandler(Options{Store: wholeSides{s}, Writes: service.New(s, nil), Version: "bench", Logger: log})
	run := func(name string, h http.Handler, path string) {
		req := httptest.NewRequest("GET", path, nil)
		w := &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
		if w.code != http.StatusOK {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				w := &discardWriter{h: http.Header{}}
				h.ServeHTTP(w, req)
				if w.code != http.StatusOK {
					b.Fatalf("%s: %d", path, w.code)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
	run("claim/ceiling=database_sql", sqlCeiling(b, dsn), "/ceiling/sql/claims/cl-0001")
	run("claim", h, "/api/v1/claims/cl-0001")
	run("list50", h, "/api/v1/claims?topic_id=t-1&limit=50")
	run("relations", h, "/api/v1/claims/cl-0001/relations")
	run("conflicts/before=whole_claims", whole, "/api/v1/conflicts?limit=50")
	run("conflicts", h, "/api/v1/conflicts?limit=50")
}
