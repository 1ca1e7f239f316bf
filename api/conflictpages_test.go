package api

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestConflictPagesAsOneList: the conflicts paged 3 at a time, through
// the cursor (the rest of the cursor's tie of priority and severity, then
// of its first key, then below), are the conflicts of one page holding
// them all, in the same order, for each sort and filter; the data has
// ties that pages cut through.
func TestConflictPagesAsOneList(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 300)
		ctx := context.Background()
		key := func(c xref.Conflict) string { return c.TopicID + "|" + c.ClaimA + "|" + c.ClaimB }
		first, err := s.ListConflicts(ctx, xref.ConflictFilter{}, claims.ListOptions{Limit: 1})
		if err != nil || len(first.Items) != 1 {
			t.Fatalf("no conflict: %v", err)
		}
		for _, f := range []xref.ConflictFilter{{}, {TopicID: first.Items[0].TopicID}, {MinSeverity: 3}, {Status: claims.ReviewOpen}} {
			for _, sort := range []string{"", "-severity"} {
				what := fmt.Sprintf("%+v sort %q", f, sort)
				all, err := s.ListConflicts(ctx, f, claims.ListOptions{Limit: claims.MaxLimit, Sort: sort})
				if err != nil {
					t.Fatal(err)
				}
				if all.Next != "" || len(all.Items) < 10 {
					t.Fatalf("%s: %d conflicts in one page (next %q): want them all, several", what, len(all.Items), all.Next)
				}
				ties := 0
				for i := 1; i < len(all.Items); i++ {
					a, b := all.Items[i-1], all.Items[i]
					if a.Priority == b.Priority && a.Severity == b.Severity {
						ties++
					}
				}
				if f.TopicID == "" && ties < 3 {
					t.Errorf("%s: %d ties of priority and severity, want several", what, ties)
				}
				var paged []string
				o := claims.ListOptions{Limit: 3, Sort: sort}
				for {
					page, err := s.ListConflicts(ctx, f, o)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range page.Items {
						paged = append(paged, key(c))
					}
					if page.Next == "" {
						break
					}
					o.Cursor = page.Next
				}
				var want []string
				for _, c := range all.Items {
					want = append(want, key(c))
				}
				if !slices.Equal(paged, want) {
					t.Errorf("%s: paged\n%v\nwant\n%v", what, paged, want)
				}
			}
		}
	})
}
