package gormstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPostgresConflictFacetsReadTheClaimsOnce requires PostgreSQL to
// count the facets of a listing filtered by conflict, either way, alone
// or with a place, in one statement (the labels aside) that joins the
// claims in conflict rather than testing each claim against them in a
// subplan: NOT IN is a subplan, hashed only while the claims in conflict
// fit in hash_mem and otherwise read again for every claim (at a million
// claims, 746,285 of them); a statement a facet read the claims and the
// claims in conflict eight times. The counts themselves are checked
// against an oracle in TestClaimFacetsMatchOracle.
func TestPostgresConflictFacetsReadTheClaimsOnce(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	_, src := fightersInIraq(t, s)
	// Alone in its topic, a claim in conflict with none.
	lone := &claims.Topic{Title: "Refugees"}
	must(t, "create topic", svc(s).CreateTopic(ctx, lone))
	who := &claims.Claimant{Name: "Speaker alone"}
	must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
	must(t, "create claim", svc(s).CreateClaim(ctx, &claims.Claim{TopicID: lone.ID, ClaimantID: who.ID,
		Quote: "About a million refugees", QuantityText: "a million", Language: "en",
		Scope: claims.Scope{Places: []string{"Iraq"}}, Provenance: claims.Provenance{SourceID: src.ID}}))
	yes, no := true, false
	for _, f := range []claims.ClaimFilter{{InConflict: &yes}, {InConflict: &no}, {InConflict: &yes, Place: "Iraq"}, {InConflict: &no, Place: "Iraq"}} {
		what := fmt.Sprintf("in conflict %v, place %q", *f.InConflict, f.Place)
		stop, err := gormstore.RecordStatements(s)
		must(t, "record statements", err)
		got, err := s.ClaimFacets(ctx, f)
		must(t, "count facets "+what, err)
		// The statements run; gorm records too the subqueries it
		// rendered into one.
		ran := stop()
		var reads []gormstore.Statement
		for _, st := range ran {
			sub := slices.ContainsFunc(ran, func(o gormstore.Statement) bool { return o.SQL != st.SQL && strings.Contains(o.SQL, st.SQL) })
			if !sub && strings.Contains(st.SQL, "claim_summaries") {
				reads = append(reads, st)
			}
		}
		if got.Total == 0 {
			t.Fatalf("%s: the test's claims select none: %+v", what, got)
		}
		if len(reads) != 1 {
			t.Errorf("%s: %d statements read the claims in conflict, want 1: %v", what, len(reads), reads)
		}
		for _, st := range reads {
			plan, err := gormstore.ExplainPostgres(ctx, s, st)
			must(t, "explain "+st.SQL, err)
			if strings.Contains(plan, "SubPlan") || !strings.Contains(plan, "Join") {
				t.Errorf("%s: the claims in conflict are tested in a subplan, not joined:\n%s\n%s", what, st.SQL, plan)
			}
		}
	}
}
