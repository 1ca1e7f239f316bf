package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestConflictFacetsCancelledStopsWalk (review): the facets under a
// filter by conflict, their request gone once the walk has begun, stop at
// the walk's first row: the claims' sources are not read after it. The
// walk's statement runs without the request's cancellation, so only the
// loop's own check of ctx stops it; an error alone would not tell, as the
// topic's label statement after the walk fails with context.Canceled
// anyway.
func TestConflictFacetsCancelledStopsWalk(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	topic := &claims.Topic{Title: "Fighters"}
	must(t, "create topic", svc(s).CreateTopic(ctx, topic))
	src := &claims.Source{Name: "Agency", Kind: claims.SourceAgency}
	must(t, "create source", svc(s).CreateSource(ctx, src))
	for i, n := range []int{40, 800, 2400} {
		who := &claims.Claimant{Name: fmt.Sprintf("Speaker %d", i)}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
		must(t, "create claim", svc(s).CreateClaim(ctx, &claims.Claim{TopicID: topic.ID, ClaimantID: who.ID,
			Quote: fmt.Sprintf("About %d fighters", n), QuantityText: fmt.Sprint(n), Language: "en",
			Scope: claims.Scope{Places: []string{"Iraq"}}, Provenance: claims.Provenance{SourceID: src.ID}}))
	}
	gone, cancel := context.WithCancel(ctx)
	defer cancel()
	unhook, err := gormstore.OnStatement(s, func(sql string) {
		if strings.Contains(sql, "char(31) || claims.topic_id") {
			cancel() // the walk has begun
		}
	})
	must(t, "hook", err)
	defer unhook()
	yes := true
	stop, err := gormstoreRecord(s)
	must(t, "record", err)
	_, err = s.ClaimFacets(gone, claims.ClaimFilter{InConflict: &yes})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	ran := stop()
	walked := false
	for _, st := range ran {
		walked = walked || strings.Contains(st.SQL, "char(31) || claims.topic_id")
	}
	if !walked {
		t.Fatalf("the walk did not run: %d statements", len(ran))
	}
	for _, st := range ran {
		if strings.Contains(st.SQL, "claim_sources") {
			t.Errorf("the request gone, the store still ran %s", st.SQL)
		}
	}
}

var gormstoreRecord = gormstore.RecordStatements

// TestConflictFacetsWaitWithTheirRequest: a count of facets under a filter
// by conflict waits for another to release its set, and stops waiting
// when its request goes, reading nothing (a wait without the request
// would block here for good).
func TestConflictFacetsWaitWithTheirRequest(t *testing.T) {
	s := storetest.SQLite(t)
	release := gormstore.HoldConflictWalk(s)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	stop, err := gormstoreRecord(s)
	must(t, "record", err)
	no := false
	_, err = s.ClaimFacets(gone, claims.ClaimFilter{InConflict: &no})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if ran := stop(); len(ran) > 0 {
		t.Errorf("waiting, the store ran %d statements, the first %s", len(ran), ran[0].SQL)
	}
	release()
	if _, err := s.ClaimFacets(context.Background(), claims.ClaimFilter{InConflict: &no}); err != nil {
		t.Fatalf("released: %v", err)
	}
}
