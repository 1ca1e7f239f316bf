package gormstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPostgresGroupedConflictFacetsMatchPerStatementCounts compares the
// grouped statement under a filter by conflict with the per-facet
// statements main ran, on data with duplicate places in one claim,
// claims with no place or date, many ties at the FacetLimit cut in every
// facet, and filters combined with the conflict filter.
func TestPostgresGroupedConflictFacetsMatchPerStatementCounts(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	topics := make([]*claims.Topic, 3)
	for i := range topics {
		topics[i] = &claims.Topic{Title: fmt.Sprintf("T%d", i)}
		must(t, "create topic", svc(s).CreateTopic(ctx, topics[i]))
	}
	srcs := make([]*claims.Source, 13)
	for i := range srcs {
		srcs[i] = &claims.Source{Name: fmt.Sprintf("S%d", i), Kind: claims.SourceAgency}
		must(t, "create source", svc(s).CreateSource(ctx, srcs[i]))
	}
	whos := make([]*claims.Claimant, 13)
	for i := range whos {
		whos[i] = &claims.Claimant{Name: fmt.Sprintf("C%d", i)}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, whos[i]))
	}
	places := []string{"Iraq", "iraq", "Ирак", "Zaire", "Åland", "A", "B", "C", "D", "E", "F", "G", "H"}
	for i := range 120 {
		c := &claims.Claim{TopicID: topics[i%3].ID, ClaimantID: whos[(i/3)%len(whos)].ID,
			Quote: fmt.Sprintf("About %d fighters zebra", 100+i*37), QuantityText: fmt.Sprint(100 + i*37), Language: "en",
			Provenance: claims.Provenance{SourceID: srcs[i%len(srcs)].ID}, Tags: []string{fmt.Sprintf("t%d", i%2)}}
		if i%5 != 0 {
			c.SaidOn = claims.Date(fmt.Sprintf("%d-01", 2001+i%13))
		}
		switch i % 4 {
		case 0:
		case 1:
			c.Scope.Places = []string{places[i%len(places)], places[i%len(places)]}
		default:
			c.Scope.Places = []string{places[i%len(places)], places[(i+3)%len(places)]}
		}
		if i%6 == 1 {
			c.Provenance.Relays = []claims.Relay{{SourceID: srcs[(i+5)%len(srcs)].ID}}
		}
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
	}
	yes, no := true, false
	for _, base := range []claims.ClaimFilter{{}, {TopicID: topics[1].ID}, {Place: "Iraq"}, {Tag: "t1"}, {Text: "zebra"},
		{SourceID: srcs[2].ID}, {From: "2003", To: "2009"}, {Place: "Nowhere"}, {Grade: claims.GradeWeak}} {
		for _, want := range []*bool{&yes, &no} {
			f := base
			f.InConflict = want
			got, err := s.ClaimFacets(ctx, f)
			must(t, "grouped facets", err)
			exp, err := gormstore.FacetsPerStatement(ctx, s, f)
			must(t, "per-statement facets", err)
			what := fmt.Sprintf("%+v in conflict %v", base, *want)
			if base == (claims.ClaimFilter{}) && got.Total == 0 {
				t.Fatalf("%s: the test's claims select none", what)
			}
			if got.Total != exp.Total {
				t.Errorf("%s: total %d, want %d", what, got.Total, exp.Total)
			}
			for _, name := range claims.FacetNames {
				if !slices.Equal(got.Counts[name], exp.Counts[name]) {
					t.Errorf("%s: %s\n got %+v\nwant %+v", what, name, got.Counts[name], exp.Counts[name])
				}
			}
		}
	}
}
