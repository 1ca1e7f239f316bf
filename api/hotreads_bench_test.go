package api

import (
	"context"
	"database/sql"
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
//     whole claims and claimants, as before ConflictSides (wholeSides);
//   - conflicts_version: the conflicts listing (its first page, cached)
//     against the same with the data version summed over topic_versions
//     on each request, as before schema step 17 (summedVersion).
//
// topic_versions is padded to 10,000 topics, as many as at a million
// claims (cmd/claimdesk-load), so that the data version is read from a
// table of that size.
func BenchmarkHotReads(b *testing.B) {
	dsn := filepath.Join(b.TempDir(), "claimdesk.db")
	s := storetest.Open(b, dsn)
	seedConflicting(b, s, 3000)
	summed := padTopicVersions(b, dsn, s, 10_000)
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
		{"conflicts_version", NewHandler(Options{Store: summed, Writes: service.New(s, nil), Version: "bench", Logger: log}), h, "", "/api/v1/conflicts?limit=50"},
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

// summedVersion is a store whose DataVersion sums every row of
// topic_versions, as gormstore did before schema step 17 kept the sum in
// one row: the baseline of BenchmarkHotReads/conflicts_version.
type summedVersion struct {
	Store
	raw *sql.DB
}

func (s summedVersion) DataVersion(ctx context.Context) (string, error) {
	var sum, n int64
	err := s.raw.QueryRowContext(ctx, `SELECT COALESCE(SUM(version), 0), COUNT(*) FROM topic_versions`).Scan(&sum, &n)
	return fmt.Sprintf("%d.%d", sum, n), err
}

// padTopicVersions adds versions of topics without claims to the SQLite
// file at dsn until topic_versions has n rows, and returns s reading its
// data version as summedVersion does.
func padTopicVersions(b *testing.B, dsn string, s Store, n int) summedVersion {
	raw, err := sql.Open("sqlite3", "file:"+dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	if _, err := raw.Exec(`WITH RECURSIVE pad(i) AS (SELECT COUNT(*) FROM topic_versions UNION ALL SELECT i + 1 FROM pad WHERE i + 1 < ?)
		INSERT INTO topic_versions (topic_id, version) SELECT 'pad-' || i, 1 FROM pad`, n); err != nil {
		b.Fatal(err)
	}
	return summedVersion{Store: s, raw: raw}
}
