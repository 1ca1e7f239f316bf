package gormstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk/claims/alternate"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// BenchmarkFindClaim reads one claim by its ID on PostgreSQL as the store
// does (a plain query, through pgx's statement cache), alternated on one
// thread with a store on the same database that reads it through a
// statement it keeps prepared, as it does on SQLite (the baseline; see
// alternate.Run). It runs when storetest.EnvPostgres is set.
func BenchmarkFindClaim(b *testing.B) {
	ctx := context.Background()
	dsn, _ := storetest.PostgresDSN(b)
	s := storetest.Open(b, dsn)
	prepared := storetest.Open(b, dsn)
	gormstore.KeepClaimReadPrepared(prepared)
	w := benchWorld(b, s)
	c := w.claim("about 800")
	c.SaidOn = "2015-09"
	c.Tags = []string{"official", "isis"}
	if err := svc(s).CreateClaim(ctx, c); err != nil {
		b.Fatal(err)
	}
	find := func(s *gormstore.Store) func() error {
		return func() error {
			got, err := s.FindClaim(ctx, c.ID)
			if err == nil && (got.ID != c.ID || got.QuantityText != "about 800") {
				err = fmt.Errorf("found %s %q, want %s \"about 800\"", got.ID, got.QuantityText, c.ID)
			}
			return err
		}
	}
	base, cand := find(prepared), find(s)
	for _, f := range []func() error{base, cand} { // warm: statements prepared
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	alternate.Run(b, 20, base, cand)
}
