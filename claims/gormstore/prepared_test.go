package gormstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPreparedStatementsBounded reads claims by ever longer lists of IDs,
// 320 statements of different texts, from several goroutines: on SQLite
// the hot reads keep their statements prepared, never more than 256 of
// them, and every read stays right after the oldest were closed; on
// PostgreSQL they keep none.
func TestPreparedStatementsBounded(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		w := newWorld(t, s)
		var real []string
		for i := range 5 {
			c := w.claim(fmt.Sprint(100 + i))
			if err := svc(s).CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
			real = append(real, c.ID)
		}
		read := func(k int) error {
			ids := slices.Clone(real)
			for i := range k {
				ids = append(ids, fmt.Sprintf("cl-none-%d", i))
			}
			cs, err := s.FindClaimsByID(ctx, ids)
			if err != nil {
				return err
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.ID)
			}
			slices.Sort(got)
			if want := slices.Sorted(slices.Values(real)); !slices.Equal(got, want) {
				return fmt.Errorf("%d IDs: read %v, want %v", len(ids), got, want)
			}
			return nil
		}
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for g := range 4 {
			wg.Go(func() {
				for k := g; k < 320; k += 4 {
					if err := read(k); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		n := gormstore.PreparedStatements(s)
		if strings.HasSuffix(t.Name(), "/postgres") {
			if n != -1 {
				t.Errorf("PostgreSQL keeps %d statements prepared, want none", n)
			}
		} else if n < 200 || n > 256 {
			t.Errorf("%d statements kept prepared after 320 different ones, want at most 256 and most of them", n)
		}
		// The first statements were closed: they are prepared again.
		for k := range 3 {
			if err := read(k); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.ListClaims(ctx, claims.ClaimFilter{TopicID: w.topic.ID}); err != nil {
			t.Fatal(err)
		}
		if n := gormstore.PreparedStatements(s); n > 256 {
			t.Errorf("%d statements kept prepared, want at most 256", n)
		}
	})
}
