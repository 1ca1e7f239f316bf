package gormstore_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// TestReparseWritesOnlyClaimsWhoseReadingChanges: a reparse from parser 7
// to 8 updates the claim whose reading moves ("10s of thousands", read as
// thousands by 7), with a new version and a history line, and only
// stamps the parser version on the claims read the same: their version,
// updated_at and history stay as they were.
func TestReparseWritesOnlyClaimsWhoseReadingChanges(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		s := storetest.Open(t, dsn)
		w := svc(s)
		must(t, "topic", w.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Protesters", Unit: "people"}))
		must(t, "source", w.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "s"}, Name: "Daily"}))
		must(t, "claimant", w.CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: "c"}, Name: "Organisers"}))
		for id, text := range map[string]string{"tens": "10s of thousands", "exact": "800", "about": "about 1,200"} {
			must(t, "claim "+id, w.CreateClaim(ctx, &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: "t", ClaimantID: "c",
				QuantityText: text, Provenance: claims.Provenance{SourceID: "s"}}))
		}
		// As parser 7 left them: every claim stamped 7, "10s of thousands"
		// read as thousands.
		must(t, "age the parse", gormstore.Exec(ctx, s, `UPDATE claims SET parser_version = '7'`))
		must(t, "the old reading", gormstore.Exec(ctx, s, `UPDATE claims SET low = 2000, high = 9999, best = 4500,
			parsed = '{"low":2000,"high":9999,"best":4500,"approx":true,"kind":"vague","rule":"vague","explanation":"thousands: 2,000 to 9,999, best 4,500"}'
			WHERE id = 'tens'`))
		before := map[string]*claims.Claim{}
		history := map[string]int{}
		for _, id := range []string{"tens", "exact", "about"} {
			c, err := s.FindClaim(ctx, id)
			must(t, "find "+id, err)
			before[id] = c
			h, err := s.History(ctx, "claim", id)
			must(t, "history "+id, err)
			history[id] = len(h)
		}
		if *before["tens"].Interval.Low != 2000 {
			t.Fatalf("the old reading did not take: %+v", *before["tens"].Interval)
		}

		rep, err := w.Reparse(ctx, false, func(claims.Moved) error { return nil })
		must(t, "reparse", err)
		if rep.Examined != 3 || rep.Moved != 1 || rep.Restamped != 2 {
			t.Fatalf("reparse %+v; want 3 examined, 1 moved, 2 restamped", rep)
		}
		for _, id := range []string{"tens", "exact", "about"} {
			c, err := s.FindClaim(ctx, id)
			must(t, "find "+id, err)
			h, err := s.History(ctx, "claim", id)
			must(t, "history "+id, err)
			if c.ParserVersion != quantity.Version {
				t.Errorf("%s: parser version %q after reparse; want %q", id, c.ParserVersion, quantity.Version)
			}
			b := before[id]
			if id == "tens" {
				if *c.Interval.Low != 20_000 || c.Version != b.Version+1 || len(h) != history[id]+1 {
					t.Errorf("tens: low %v, version %d (was %d), %d history lines (were %d); want 20,000, a new version and a line",
						*c.Interval.Low, c.Version, b.Version, len(h), history[id])
				}
				continue
			}
			if c.Version != b.Version || !c.UpdatedAt.Equal(b.UpdatedAt) || len(h) != history[id] {
				t.Errorf("%s, read the same: version %d (was %d), updated %v (was %v), %d history lines (were %d); want them unchanged",
					id, c.Version, b.Version, c.UpdatedAt, b.UpdatedAt, len(h), history[id])
			}
		}
	})
}
