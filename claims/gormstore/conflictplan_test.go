package gormstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestConflictReadsUseTheirIndexes requires SQLite's plans of the reads
// of claim_summaries that step 19 indexes: the facets of a listing
// filtered by conflict, the conflict facet under another filter and with
// none read claim_summaries_conflicted and never scan the summaries' wide
// rows (at a million claims, 23 s of CPU for the facets of the claims in
// conflict); a page of a topic's claims most severe conflict first,
// after a cursor, reads claim_summaries_worst in its order and sorts
// nothing (17-30 ms a page deep in the largest topic).
func TestConflictReadsUseTheirIndexes(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	topic, _ := fightersInIraq(t, s)
	first, err := s.ClaimSummaries(ctx, topic.ID, claims.ListOptions{Sort: xref.SortWorstFirst, Limit: 2})
	must(t, "list the comparison", err)
	if len(first.Items) != 2 || first.Items[0].ConflictCount == 0 || first.Next == "" {
		t.Fatalf("the test's claims are not in conflict: %+v", first)
	}

	// Without statistics, as a new database is, and with them (ANALYZE),
	// where an index of claim_id alone lost to a scan of the table with
	// every claim in conflict.
	for _, analyzed := range []bool{false, true} {
		if analyzed {
			must(t, "analyze", gormstore.Exec(ctx, s, "ANALYZE"))
		}
		readPlans(t, s, topic.ID, first.Next, analyzed)
	}
}

// readPlans records the reads of claim_summaries of
// TestConflictReadsUseTheirIndexes and checks their plans.
func readPlans(t *testing.T, s *gormstore.Store, topicID, cursor string, analyzed bool) {
	t.Helper()
	ctx := context.Background()
	stop, err := gormstore.RecordStatements(s)
	must(t, "record statements", err)
	yes, no := true, false
	for _, f := range []claims.ClaimFilter{{InConflict: &yes}, {InConflict: &no}, {Place: "Iraq"}, {}} {
		_, err := s.ClaimFacets(ctx, f)
		must(t, "count facets", err)
	}
	_, err = s.ClaimSummaries(ctx, topicID, claims.ListOptions{Sort: xref.SortWorstFirst, Limit: 2, Cursor: cursor})
	must(t, "list the comparison's second page", err)
	read := 0
	for _, st := range stop() {
		if !strings.Contains(st.SQL, "claim_summaries") {
			continue
		}
		read++
		plan, err := gormstore.ExplainSQLite(ctx, s, st)
		must(t, "explain "+st.SQL, err)
		for line := range strings.SplitSeq(plan, "\n") {
			if !strings.Contains(line, "claim_summaries") && !strings.Contains(line, "TEMP B-TREE") {
				continue
			}
			worst := strings.Contains(st.SQL, "worst_severity")
			switch {
			case worst && !strings.Contains(line, "USING INDEX claim_summaries_worst"):
				t.Errorf("analyzed %v: the comparison's page is not read in claim_summaries_worst's order (%s):\n%s\n%s", analyzed, line, st.SQL, plan)
			case !worst && !strings.Contains(line, "claim_summaries_conflicted") && !strings.Contains(line, "TEMP B-TREE FOR"):
				t.Errorf("analyzed %v: a read of the claims in conflict does not read claim_summaries_conflicted (%s):\n%s\n%s", analyzed, line, st.SQL, plan)
			}
		}
	}
	if read < 5 {
		t.Errorf("analyzed %v: %d statements read claim_summaries, want the facets' and the page's", analyzed, read)
	}
}

// fightersInIraq records six claims of fighters in Iraq (40 to 5,000) by
// six claimants in one new topic from one source, and returns the topic
// and the source.
func fightersInIraq(t *testing.T, s *gormstore.Store) (*claims.Topic, *claims.Source) {
	t.Helper()
	ctx := context.Background()
	topic := &claims.Topic{Title: "Fighters abroad"}
	must(t, "create topic", svc(s).CreateTopic(ctx, topic))
	src := &claims.Source{Name: "Agency", Kind: claims.SourceAgency}
	must(t, "create source", svc(s).CreateSource(ctx, src))
	for i, n := range []int{40, 800, 2400, 60, 5000, 800} {
		who := &claims.Claimant{Name: fmt.Sprintf("Speaker %d", i)}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
		c := &claims.Claim{TopicID: topic.ID, ClaimantID: who.ID, Quote: fmt.Sprintf("About %d fighters", n),
			QuantityText: fmt.Sprint(n), Language: "en", Scope: claims.Scope{Places: []string{"Iraq"}},
			Provenance: claims.Provenance{SourceID: src.ID}}
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
	}
	return topic, src
}
