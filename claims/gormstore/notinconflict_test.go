package gormstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// TestSearchAndListingNotInConflict checks the filter not in conflict
// (NOT EXISTS on PostgreSQL, NOT IN on SQLite) in a search and a listing:
// the claims a query matches less those in conflict.
func TestSearchAndListingNotInConflict(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		no := false
		f := claims.ClaimFilter{Query: "Сирии", InConflict: &no}
		want := sorted(w.kad.ID)
		if got := hitIDs(search(t, s, f).Claims.Items); !slices.Equal(got, want) {
			t.Errorf("search: %v, want %v", got, want)
		}
		page, err := s.ListClaims(context.Background(), f)
		must(t, "list", err)
		got := []string{}
		for _, cl := range page.Items {
			got = append(got, cl.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("list: %v, want %v", got, want)
		}
	})
}
