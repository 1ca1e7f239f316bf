package gormstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/alternate"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// BenchmarkReadClaimPage reads a page of 50 claims on SQLite as a
// listing does (rows scanned and converted), alternated on one thread
// with a baseline (see alternate.Run): times, their timestamps parsed by the
// driver against read by hand; json, their places, tags and intervals
// decoded by encoding/json against read by hand.
func BenchmarkReadClaimPage(b *testing.B) {
	ctx := context.Background()
	s := storetest.SQLite(b)
	w := benchWorld(b, s)
	err := s.Atomically(ctx, func(tx claims.Store) error {
		for i := range 50 {
			c := w.claim(fmt.Sprintf("about %d", 100+i))
			c.Scope.Places = []string{"Syria", "Iraq"}
			c.Tags = []string{"official", fmt.Sprintf("tag %d", i%7)}
			if err := svc(tx).CreateClaim(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	read := func(driverTimes, jsonLib bool) func() error {
		return func() error {
			if n, err := gormstore.ReadClaimPage(ctx, s, 50, driverTimes, jsonLib); err != nil || n != 50 {
				return fmt.Errorf("%d claims read: %v", n, err)
			}
			return nil
		}
	}
	b.Run("times", func(b *testing.B) {
		alternate.Run(b, 20, read(true, false), read(false, false))
	})
	b.Run("json", func(b *testing.B) {
		alternate.Run(b, 20, read(false, true), read(false, false))
	})
}
