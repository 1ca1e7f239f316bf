package gormstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestSpillCarriesEveryFieldTheRecomputeReads imports, into an empty
// database, one new topic whose claims carry an analyst's interval, an
// occasion, a unit, a population and a group, and requires that the
// claims the import's recompute read from the spill equal those a
// recompute reads of the topic from the database afterwards.
func TestSpillCarriesEveryFieldTheRecomputeReads(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		low, high := 150.0, 900.0
		recs := []any{"topic", &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Fighters", Additive: true},
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source", Kind: claims.SourceNews},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k0"}, Name: "Claimant"}}
		for i := range 4 {
			c := &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("c-%d", i)}, TopicID: "t", ClaimantID: "k0",
				QuantityText: "about 800", SaidOn: "2015-01-02", Provenance: claims.Provenance{SourceID: "s0"},
				Scope:    claims.Scope{Places: []string{"Iraq", "Syria"}, Population: "Chechens", Group: "Islamic State", Measure: claims.Cumulative},
				Occasion: "Briefing in Moscow", Unit: "people"}
			if i%2 == 0 {
				c.AnalystInterval, c.IntervalSource = &claims.Interval{Low: &low, High: &high}, claims.FromAnalyst
			}
			recs = append(recs, "claim", c)
		}
		var spilled []string
		t.Cleanup(gormstore.OnSpillRead(func(ids []string) { spilled = append(spilled, ids...) }))
		var fromSpill, fromDB []xref.ClaimView
		restore := gormstore.OnRecomputeRead(func(vs []xref.ClaimView) {
			if len(vs) > 0 && vs[0].Claim.TopicID == "t" {
				fromSpill = vs
			}
		})
		importDoc(t, s, recs...)
		restore()
		if len(spilled) != 1 || spilled[0] != "t" {
			t.Fatalf("topics read from the spill: %v, want [t]", spilled)
		}
		restore = gormstore.OnRecomputeRead(func(vs []xref.ClaimView) {
			if len(vs) > 0 && vs[0].Claim.TopicID == "t" {
				fromDB = vs
			}
		})
		must(t, "recompute t", gormstore.RecomputeTopic(context.Background(), s, "t"))
		restore()
		if diff := cmp.Diff(fromDB, fromSpill); diff != "" {
			t.Errorf("the claims read from the spill differ from those read from the database (-database +spill):\n%s", diff)
		}
	})
}
