package main

import (
	"context"
	"database/sql"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestBaselineInsertsIntoPlainTables requires the import's ceiling to
// insert every row into plain tables of the same columns beside the
// migrated ones, which it leaves empty: the claims' triggers (the search
// index, the versions) never run.
func TestBaselineInsertsIntoPlainTables(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		if err := migrated(context.Background(), dsn); err != nil {
			t.Fatal(err)
		}
		g := newGenerator(300, 20)
		if _, err := g.baseline(dsn); err != nil {
			t.Fatal(err)
		}
		driver := "sqlite3"
		if gormstore.IsPostgresDSN(dsn) {
			driver = "pgx"
		}
		db, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for table, want := range map[string]int{
			"plain_claims": 300, "plain_topics": 20, "plain_claimants": nClaimants, "plain_sources": nSources,
			"claims": 0, "topics": 0, "claim_sources": 0,
		} {
			var n int
			if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			if n != want {
				t.Errorf("%s holds %d rows, want %d", table, n, want)
			}
		}
		var sources int
		if err := db.QueryRow("SELECT COUNT(*) FROM plain_claim_sources").Scan(&sources); err != nil || sources < 300 {
			t.Errorf("plain_claim_sources holds %d rows (%v), want one a claim at least", sources, err)
		}
	})
}
