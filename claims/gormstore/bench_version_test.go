package gormstore_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// BenchmarkSearchVersion reads the key a cached search's first page is
// kept at on SQLite: what a cache hit reads of the database.
func BenchmarkSearchVersion(b *testing.B) {
	s := storetest.SQLite(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.SearchVersion(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
