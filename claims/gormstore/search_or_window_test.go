package gormstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// TestOrWithNothingMatchingKeepsTheWindow: an alternative that
// matches no claim ("Shoygu OR Shoigu" where the claims say Shoigu only,
// as the Latin fallback sends) selects the same claims as the word
// alone, so it must answer the same first page and cursor: the newest
// window of matches ranked, not every match. On SQLite the "whole"
// shortcut (a phrase held by fewer rows than the window) takes the
// alternative's row count for the query's, and ranks every match: at a
// million claims, every claim of a common name.
func TestOrWithNothingMatchingKeepsTheWindow(t *testing.T) {
	defer gormstore.SetSearchWindow(3)()
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		topic := &claims.Topic{Title: "Losses"}
		who := &claims.Claimant{Name: "Interfax"}
		src := &claims.Source{Name: "Interfax", Kind: claims.SourceAgency}
		must(t, "topic", svc(s).CreateTopic(ctx, topic))
		must(t, "claimant", svc(s).CreateClaimant(ctx, who))
		must(t, "source", svc(s).CreateSource(ctx, src))
		// The oldest claims say the name most often: ranked whole they
		// come first; the newest window of three holds none of them.
		for i := range 8 {
			quote := "Shoigu said the losses were counted again by the ministry"
			if i < 3 {
				quote = strings.Repeat("Shoigu ", 3) + "counted"
			}
			c := &claims.Claim{TopicID: topic.ID, ClaimantID: who.ID, Quote: quote, QuantityText: "3", Language: "en",
				Provenance: claims.Provenance{SourceID: src.ID}}
			must(t, "claim", svc(s).CreateClaim(ctx, c))
		}
		page := func(q string) ([]string, string) {
			res := search(t, s, claims.ClaimFilter{Query: q, ListOptions: claims.ListOptions{Limit: 2}})
			var ids []string
			for _, h := range res.Claims.Items {
				ids = append(ids, h.Item.ID)
			}
			return ids, res.Claims.Next
		}
		alone, nextAlone := page("Shoigu")
		withOr, nextOr := page("Shoygu OR Shoigu")
		if !slices.Equal(alone, withOr) || nextAlone != nextOr {
			t.Errorf("Shoygu OR Shoigu: %v next %q; Shoigu alone: %v next %q; want the same page and cursor", withOr, nextOr, alone, nextAlone)
		}
	})
}

// BenchmarkOrWindow: a word every claim holds, alone and OR'd
// with a spelling no claim holds, first page of 20, cpu-ms/op.
func BenchmarkOrWindow(b *testing.B) {
	ctx := context.Background()
	s, _ := benchSearchStore(b)
	for _, q := range []string{"Officials", "Oficials OR Officials"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			f := claims.ClaimFilter{Query: q, ListOptions: claims.ListOptions{Limit: 20}}
			cpu0 := cpuTime(b)
			for b.Loop() {
				if _, err := s.Search(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
