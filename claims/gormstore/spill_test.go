package gormstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestBulkImportIntoMixedTopicsReadsSpillAsStored imports claims into a
// database where some topics already hold claims and others do not. The
// recompute at the end of the import reads from the import's spill the
// topics whose claims all came from the import, and from the database the
// others. It requires that the spilled topics are exactly the new ones,
// that the claims read from the spill equal those a recompute reads of the
// same topics from the database afterwards (places nil and empty, an
// analyst's interval, a parsed one, none, dates, scope, grades), and that
// every topic's stored summaries equal a fresh recompute.
func TestBulkImportIntoMixedTopicsReadsSpillAsStored(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		topic := func(id, parent string) *claims.Topic {
			return &claims.Topic{Meta: claims.Meta{ID: id}, Title: "Fighters " + id, Additive: true, ParentID: parent}
		}
		low, high := 150.0, 900.0
		var n int
		claim := func(topicID, claimant, text string) *claims.Claim {
			n++
			c := &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("c-%03d", n)}, TopicID: topicID, ClaimantID: claimant,
				QuantityText: text, SaidOn: claims.Date(fmt.Sprintf("2015-%02d-%02d", 1+n%12, 1+n%27)),
				Scope: claims.Scope{Places: []string{"Syria"}}, Provenance: claims.Provenance{SourceID: "s0"}}
			switch n % 6 {
			case 1:
				c.Scope = claims.Scope{Places: []string{"Iraq", "Syria"}, Population: "Chechens", Group: "Islamic State", Measure: claims.Cumulative}
				c.Occasion, c.Unit = "Briefing in Moscow", "people"
			case 2:
				c.Scope.Places = nil
				c.AnalystInterval, c.IntervalSource = &claims.Interval{Low: &low, High: &high}, claims.FromAnalyst
			case 3:
				c.Scope.Places = []string{}
				c.QuantityText, c.NoNumber = "", true
			case 4:
				c.AsOf, c.Since, c.PublishedOn = "2015-06", "2014", "2015-07-01"
				c.Basis, c.EvidenceType, c.Grade = claims.BasisEstimate, claims.EvidenceIntelligence, claims.GradeFair
			case 5:
				c.Rank, c.DeprecationReason = claims.RankDeprecated, "misquoted"
				c.Provenance.Relays = []claims.Relay{{SourceID: "s1"}}
			}
			return c
		}
		texts := []string{"about 800", "a few dozen", "2,400", "at least 500", "up to 3000", "hundreds"}
		recs := []any{"topic", topic("old", ""), "topic", topic("old-a", "old"), "topic", topic("old-b", "old"),
			"topic", topic("empty", ""), "topic", topic("empty-a", "empty")}
		for i := range 2 {
			recs = append(recs, "source", &claims.Source{Meta: claims.Meta{ID: fmt.Sprintf("s%d", i)}, Name: fmt.Sprintf("Source %d", i), Kind: claims.SourceNews})
		}
		for i := range 3 {
			recs = append(recs, "claimant", &claims.Claimant{Meta: claims.Meta{ID: fmt.Sprintf("k%d", i)}, Name: fmt.Sprintf("Claimant %d", i)})
		}
		for i := range 12 {
			recs = append(recs, "claim", claim([]string{"old", "old-a"}[i%2], fmt.Sprintf("k%d", i%3), texts[i%len(texts)]))
		}
		importDoc(t, s, recs...)

		// The second import: claims into topics that hold some already
		// (old, old-a), into topics that held none (empty, empty-a, old-b)
		// and into a new topic.
		var spilled []string
		t.Cleanup(gormstore.OnSpillRead(func(ids []string) { spilled = append(spilled, ids...) }))
		read := map[string][]xref.ClaimView{}
		restore := gormstore.OnRecomputeRead(func(vs []xref.ClaimView) {
			if len(vs) > 0 {
				read[vs[0].Claim.TopicID] = vs
			}
		})
		recs = []any{"topic", topic("new", "")}
		// Each topic gets one claim of each of claim's six kinds, so that
		// every kind passes through the spill.
		for i := range 36 {
			to := []string{"old", "old-a", "empty", "empty-a", "old-b", "new"}[(i+i/6)%6]
			recs = append(recs, "claim", claim(to, fmt.Sprintf("k%d", i%3), texts[(i/6)%len(texts)]))
		}
		importDoc(t, s, recs...)
		restore()
		slices.Sort(spilled)
		if want := []string{"empty", "empty-a", "new", "old-b"}; !slices.Equal(spilled, want) {
			t.Fatalf("topics read from the spill: %v, want %v", spilled, want)
		}
		for _, id := range spilled {
			var stored []xref.ClaimView
			restore := gormstore.OnRecomputeRead(func(vs []xref.ClaimView) {
				if len(vs) > 0 && vs[0].Claim.TopicID == id {
					stored = vs
				}
			})
			must(t, "recompute "+id, gormstore.RecomputeTopic(ctx, s, id))
			restore()
			if len(stored) == 0 {
				t.Fatalf("topic %s: the recompute read no claims of it", id)
			}
			if diff := cmp.Diff(stored, read[id]); diff != "" {
				t.Errorf("topic %s: the claims read from the spill differ from those read from the database (-database +spill):\n%s", id, diff)
			}
		}
		checkCurrent(t, s, "old", "old-a", "old-b", "empty", "empty-a", "new")
	})
}
