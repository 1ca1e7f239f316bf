package gormstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestBulkSearchIndexEqualsTheTriggers: a bulk import into an empty SQLite
// database fills claims_fts in one statement, with FTS5's merging put off
// until its optimize; the same records imported into a database that
// already holds a claim are indexed row by row by the triggers (the
// oracle). Enough text that FTS5 writes many segments while it fills:
// every word and prefix finds the same rows with the same bm25 scores in
// both, searches answer the same, the index passes FTS5's integrity
// check, and the merge settings are FTS5's defaults again afterwards, so
// that later writes merge as before.
func TestBulkSearchIndexEqualsTheTriggers(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(14, 3))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	vocab := make([]string, 4000)
	for i := range vocab {
		var b strings.Builder
		for range 4 + rng.IntN(8) {
			b.WriteByte(letters[rng.IntN(len(letters))])
		}
		vocab[i] = b.String()
	}
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	recs := []any{
		"topic", map[string]any{"id": "t1", "title": "Refugees in Europe", "measure": "stock"},
		"topic", map[string]any{"id": "t2", "title": "Беженцы в Европе", "measure": "stock"},
		"claimant", map[string]any{"id": "p1", "name": "Angela Merkel"},
		"source", map[string]any{"id": "s1", "name": "Deutsche Welle", "kind": "news"},
	}
	const n = 4000
	for i := range n {
		recs = append(recs, "claim", map[string]any{
			"id": fmt.Sprintf("c%05d", i), "topic_id": []string{"t1", "t2"}[i%2], "claimant_id": "p1",
			"quote": words(20), "notes": words(10), "language": "en", "quantity_text": fmt.Sprint(i + 1),
			"provenance": map[string]any{"source_id": "s1"},
		})
	}
	bulk := storetest.SQLite(t)
	importDoc(t, bulk, recs...)
	oracle := storetest.SQLite(t)
	const first = 4 + 1 // the topics, claimant, source and one claim
	importDoc(t, oracle, recs[:2*first]...)
	importDoc(t, oracle, recs[2*first:]...)

	queries := []string{"europe", "merkel", "беженц*", `"` + vocab[0] + `"`, vocab[1] + " " + vocab[2]}
	for _, w := range vocab[:60] {
		queries = append(queries, w, w[:3]+"*", w[:4]+"*")
	}
	for _, q := range queries {
		got, err := gormstore.ClaimsFTSMatch(ctx, bulk, q)
		must(t, "match "+q, err)
		want, err := gormstore.ClaimsFTSMatch(ctx, oracle, q)
		must(t, "match "+q, err)
		if !slices.Equal(got, want) {
			t.Fatalf("MATCH %q: bulk %d rows %.3q, row by row %d rows %.3q", q, len(got), got, len(want), want)
		}
	}
	if got, err := gormstore.ClaimsFTSMatch(ctx, bulk, "merkel"); err != nil || len(got) != n {
		t.Fatalf("merkel matches %d rows (%v), want every claim, %d", len(got), err, n)
	}
	for _, q := range []string{vocab[5], vocab[6] + " " + vocab[7], "Merkel " + vocab[8]} {
		for _, topic := range []string{"", "t2"} {
			f := claims.ClaimFilter{Query: q, TopicID: topic}
			if got, want := searchAll(t, bulk, f), searchAll(t, oracle, f); !slices.EqualFunc(got, want, sameHit) {
				t.Errorf("search %q in %q: bulk %d hits, row by row %d", q, topic, len(got), len(want))
			}
		}
	}

	// The same text indexed row by row, in one transaction, took several
	// segments: the fill wrote as many before it merged them into one.
	segments := func(s *gormstore.Store) string {
		n, err := gormstore.QueryString(ctx, s, `SELECT CAST(count(DISTINCT segid) AS TEXT) FROM claims_fts_idx`)
		must(t, "count segments", err)
		return n
	}
	if got, oracle := segments(bulk), segments(oracle); got != "1" || oracle == "1" {
		t.Errorf("claims_fts segments: bulk %s, row by row %s; want 1 and several", got, oracle)
	}
	must(t, "integrity check", gormstore.Exec(ctx, bulk, `INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)`))
	for k, want := range map[string]string{"automerge": "4", "crisismerge": "16"} {
		got, err := gormstore.QueryString(ctx, bulk, `SELECT COALESCE((SELECT CAST(v AS TEXT) FROM claims_fts_config WHERE k = '`+k+`'), 'default')`)
		must(t, "read "+k, err)
		if got != want && got != "default" {
			t.Errorf("claims_fts %s after the import: %s, want FTS5's default, %s", k, got, want)
		}
	}
}

// sameHit reports whether two search hits are the same claim with the
// same score and snippet.
func sameHit(a, b claims.Hit[*claims.Claim]) bool {
	return a.Item.ID == b.Item.ID && a.Score == b.Score && reflect.DeepEqual(a.Snippet, b.Snippet)
}
