package gormstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPostgresGroupsRankStoredTsvector requires a search's topics,
// sources and claimants to be found through their GIN index and ranked
// by their stored tsvector (step 18): PostgreSQL's plan of the statement
// reads the index and never computes to_tsvector, which ranking 2,000
// claimants by the expression their index was built on did for every
// match.
func TestPostgresGroupsRankStoredTsvector(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	for _, table := range []string{"topics", "sources", "claimants"} {
		plan, err := gormstore.ExplainGroup(ctx, s, table, "official")
		must(t, "explain the search of "+table, err)
		if !strings.Contains(plan, "Bitmap Index Scan on "+table+"_fts") || strings.Contains(plan, "to_tsvector") {
			t.Errorf("the search of %s is not read from %s_fts by its stored tsvector:\n%s", table, table, plan)
		}
	}
}

// TestPostgresFullTextReadsPlannedForTheirWords requires PostgreSQL to
// plan every read that matches a full-text query for its words: none is
// kept prepared on the connection, where after five runs PostgreSQL may
// switch it to a generic plan that takes any query to match 0.5% of the
// rows (a search within a topic 42 ms instead of 4 ms at 150,000 claims).
// The store's pool has one connection here, as nothing runs concurrently,
// so its prepared statements are those of every read below.
func TestPostgresFullTextReadsPlannedForTheirWords(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	pgWorld(t, s)
	var topic string
	for range 7 {
		res := search(t, s, claims.ClaimFilter{Query: "fighters"})
		if len(res.Claims.Items) == 0 {
			t.Fatal("search fighters: no claim found")
		}
		topic = res.Claims.Items[0].Item.TopicID
		search(t, s, claims.ClaimFilter{Query: "fighters", TopicID: topic})
		search(t, s, claims.ClaimFilter{Query: "fighters", TopicID: topic, Grade: claims.Grades[0]})
		_, err := s.ListClaims(ctx, claims.ClaimFilter{Query: "fighters", TopicID: topic})
		must(t, "list fighters", err)
		_, err = s.ClaimFacets(ctx, claims.ClaimFilter{Query: "fighters"})
		must(t, "facets of fighters", err)
	}
	// A read that is no search stays prepared, which shows that this is
	// the connection the searches ran on.
	_, err := s.ListClaims(ctx, claims.ClaimFilter{TopicID: topic})
	must(t, "list the topic", err)
	stmts, err := gormstore.ServerPrepared(ctx, s)
	must(t, "read pg_prepared_statements", err)
	listed := false
	for _, st := range stmts {
		if strings.Contains(st, "@@") {
			t.Errorf("a full-text read is kept prepared:\n%s", st)
		}
		listed = listed || strings.Contains(st, "topic_id")
	}
	if !listed {
		t.Errorf("the listing of a topic is not among the connection's prepared statements, so they say nothing of the searches':\n%s", strings.Join(stmts, "\n"))
	}
}
