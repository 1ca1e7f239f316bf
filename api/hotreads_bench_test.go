package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/claimdesk/claimdesk/claims/alternate"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// BenchmarkHotReads measures the reads issue 14 sets targets for, through
// the whole handler on a SQLite file of 3,000 generated claims over 6
// topics (seedConflicting), each against a baseline alternated with it on
// one thread (see alternate.Run; new/base is the ratio of their CPU):
//
//   - claim: reading a claim, against the database/sql ceiling of
//     BenchmarkGetClaim (the target is the ceiling's rate at 0.75x or
//     better, new/base 1.33 or less);
//   - list50, relations, conflicts: a listing of 50 claims, the relations
//     of a claim and the conflicts listing, against the same handler on a
//     store of the same file that keeps no statement prepared
//     (gormstore.WithPreparedReads(false));
//   - conflicts_sides: the conflicts listing against its sides read as
//     whole claims and claimants, as before ConflictSides (wholeSides).
func BenchmarkHotReads(b *testing.B) {
	dsn := filepath.Join(b.TempDir(), "claimdesk.db")
	s := storetest.Open(b, dsn)
	seedConflicting(b, s, 3000)
	plain := storetest.Open(b, dsn, gormstore.WithPreparedReads(false))
	log := slog.New(slog.DiscardHandler)
	h := NewHandler(Options{Store: s, Version: "bench", Logger: log})
	unprepared := NewHandler(Options{Store: plain, Version: "bench", Logger: log})
	whole := NewHandler(Options{Store: wholeSides{s}, Writes: service.New(s, nil), Version: "bench", Logger: log})
	serve := func(h http.Handler, path string) func() error {
		req := httptest.NewRequest("GET", path, nil)
		return func() error {
			w := &discardWriter{h: http.Header{}}
			h.ServeHTTP(w, req)
			if w.code != http.StatusOK {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return fmt.Errorf("%s: %d %s", path, rec.Code, rec.Body)
			}
			return nil
		}
	}
	for _, bc := range []struct {
		name           string
		base, cand     http.Handler
		basePath, path string
	}{
		{"claim", sqlCeiling(b, dsn), h, "/ceiling/sql/claims/cl-0001", "/api/v1/claims/cl-0001"},
		{"list50", unprepared, h, "", "/api/v1/claims?topic_id=t-1&limit=50"},
		{"relations", unprepared, h, "", "/api/v1/claims/cl-0001/relations"},
		{"conflicts", unprepared, h, "", "/api/v1/conflicts?limit=50"},
		{"conflicts_sides", whole, h, "", "/api/v1/conflicts?limit=50"},
	} {
		if bc.basePath == "" {
			bc.basePath = bc.path
		}
		base, cand := serve(bc.base, bc.basePath), serve(bc.cand, bc.path)
		for _, f := range []func() error{base, cand} { // warm: prepared topics, statements
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(bc.name, func(b *testing.B) { alternate.Run(b, 10, base, cand) })
	}
}
