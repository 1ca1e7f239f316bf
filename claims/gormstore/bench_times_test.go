package gormstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// BenchmarkClaimTimestamps reads a page of 50 claims on SQLite as a
// listing does, their timestamps parsed by the driver (the baseline) and
// selected as values that storedTime reads by hand, alternated (see
// alternate).
func BenchmarkClaimTimestamps(b *testing.B) {
	ctx := context.Background()
	s := storetest.SQLite(b)
	w := benchWorld(b, s)
	err := s.Atomically(ctx, func(tx claims.Store) error {
		for i := range 50 {
			if err := svc(tx).CreateClaim(ctx, w.claim(fmt.Sprint(i))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	read := func(driver bool) func() error {
		return func() error {
			if n, err := gormstore.ReadClaimPage(ctx, s, 50, driver); err != nil || n != 50 {
				return fmt.Errorf("%d claims read: %v", n, err)
			}
			return nil
		}
	}
	b.ReportAllocs()
	alternate(b, 20, read(true), read(false))
}
