package gormstore_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// dataVersion reads s's DataVersion as the number it is, and requires it
// to be the sum of every topic's version, the key it stands for (on SQLite
// a counter the triggers keep, so the check can fail there; PostgreSQL
// sums on each read, so there only the callers' "grows" checks bite).
func dataVersion(t *testing.T, s *gormstore.Store) int64 {
	t.Helper()
	ctx := context.Background()
	key, err := s.DataVersion(ctx)
	must(t, "read data version", err)
	sum, err := gormstore.QueryString(ctx, s, `SELECT CAST(COALESCE(SUM(version), 0) AS TEXT) FROM topic_versions`)
	must(t, "sum topic_versions", err)
	if key != sum {
		t.Errorf("DataVersion %q, the sum of topic_versions %s", key, sum)
	}
	v, err := strconv.ParseInt(key, 10, 64)
	must(t, "parse data version "+key, err)
	return v
}

// TestDataVersionFollowsEveryWrite: every write that changes what the
// facets across topics or the conflicts show makes DataVersion grow, and
// it stays the sum of topic_versions: a bulk import into an empty
// database (SQLite drops its per-row triggers, PostgreSQL skips them) and
// into a filled one, writes through the service, a claimant's and a
// source's rename, reviews, a reparse and deletes.
func TestDataVersionFollowsEveryWrite(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		claim := func(id, topic, quantity string) map[string]any {
			return map[string]any{"id": id, "topic_id": topic, "claimant_id": "p1", "quote": quantity + " zebras", "language": "en",
				"quantity_text": quantity, "provenance": map[string]any{"source_id": "s1"}}
		}
		find := func(id string) *claims.Claim {
			c, err := s.FindClaim(ctx, id)
			must(t, "find claim "+id, err)
			return c
		}
		var review *claims.Review
		steps := []struct {
			name  string
			write func()
		}{
			{"a bulk import into an empty database", func() {
				importDoc(t, s, "topic", map[string]any{"id": "a", "title": "Alpha", "measure": "stock"},
					"topic", map[string]any{"id": "b", "title": "Beta", "measure": "stock"},
					"claimant", map[string]any{"id": "p1", "name": "Someone"},
					"source", map[string]any{"id": "s1", "name": "Daily", "kind": "news"},
					"claim", claim("c1", "a", "3"), "claim", claim("c2", "a", "300"), "claim", claim("c3", "b", "7"))
			}},
			{"a bulk import of a new claim", func() { importDoc(t, s, "claim", claim("c4", "b", "9")) }},
			{"a bulk import moving a claim", func() {
				moved := claim("c4", "a", "9")
				moved["version"] = 2
				importDoc(t, s, "claim", moved)
			}},
			{"a claim created", func() {
				must(t, "create claim", svc(s).CreateClaim(ctx, &claims.Claim{TopicID: "b", ClaimantID: "p1", QuantityText: "12",
					Provenance: claims.Provenance{SourceID: "s1"}}))
			}},
			{"a claim updated", func() {
				c := find("c1")
				c.QuantityText = "4"
				must(t, "update claim", svc(s).UpdateClaim(ctx, c))
			}},
			{"a claim moved", func() {
				c := find("c1")
				c.TopicID = "b"
				must(t, "move claim", svc(s).UpdateClaim(ctx, c))
			}},
			{"a topic renamed", func() {
				tp, err := s.FindTopic(ctx, "a")
				must(t, "find topic", err)
				tp.Title = "Alpha renamed"
				must(t, "rename topic", svc(s).UpdateTopic(ctx, tp))
			}},
			{"a claimant renamed", func() {
				p, err := s.FindClaimant(ctx, "p1")
				must(t, "find claimant", err)
				p.Name = "Someone else"
				must(t, "rename claimant", svc(s).UpdateClaimant(ctx, p))
			}},
			{"a source renamed", func() {
				src, err := s.FindSource(ctx, "s1")
				must(t, "find source", err)
				src.Name = "Weekly"
				must(t, "rename source", svc(s).UpdateSource(ctx, src))
			}},
			{"a review created", func() {
				review = &claims.Review{ClaimA: "c2", ClaimB: "c4", Status: claims.ReviewDismissed, Resolution: "other year"}
				must(t, "create review", svc(s).CreateReview(ctx, review))
			}},
			{"a review updated", func() {
				review.Resolution = "another year"
				must(t, "update review", svc(s).UpdateReview(ctx, review))
			}},
			{"a review deleted", func() { must(t, "delete review", svc(s).DeleteReview(ctx, review.ID, review.Version)) }},
			{"a reparse", func() {
				must(t, "age the parse", gormstore.Exec(ctx, s, `UPDATE claims SET parser_version = 'old' WHERE id = 'c2'`))
				before := dataVersion(t, s)
				rep, err := svc(s).Reparse(ctx, false, func(claims.Moved) error { return nil })
				must(t, "reparse", err)
				if rep.Examined != 1 {
					t.Fatalf("reparse examined %d claims, want 1", rep.Examined)
				}
				if dataVersion(t, s) <= before {
					t.Errorf("the reparse itself left DataVersion at %d", before)
				}
			}},
			{"a claim deleted", func() {
				c := find("c3")
				must(t, "delete claim", svc(s).DeleteClaim(ctx, c.ID, c.Version))
			}},
		}
		last := dataVersion(t, s)
		for _, st := range steps {
			st.write()
			now := dataVersion(t, s)
			if now <= last {
				t.Errorf("after %s: DataVersion %d, was %d; want it to grow", st.name, now, last)
			}
			last = now
		}
		// A read changes nothing.
		if _, err := s.ListClaims(ctx, claims.ClaimFilter{}); err != nil {
			t.Fatal(err)
		}
		if now := dataVersion(t, s); now != last {
			t.Errorf("after a read: DataVersion %d, was %d", now, last)
		}
	})
}

// TestDataVersionGrowsWhenAVersionRowGoes: no write deletes a topic's
// version row, but were one deleted by hand, SQLite's counter still grows
// (subtracting the row's version could bring back a key an earlier state
// of the data had, and a cache would answer from that state).
func TestDataVersionGrowsWhenAVersionRowGoes(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		if !gormstore.IsSQLite(s) {
			return // PostgreSQL sums topic_versions on each read: no counter to keep
		}
		ctx := context.Background()
		tp := &claims.Topic{Title: "Alpha"}
		must(t, "create topic", svc(s).CreateTopic(ctx, tp))
		before := dataVersion(t, s)
		must(t, "delete the version row", gormstore.Exec(ctx, s, `DELETE FROM topic_versions WHERE topic_id = ?`, tp.ID))
		key, err := s.DataVersion(ctx)
		must(t, "read data version", err)
		if after, err := strconv.ParseInt(key, 10, 64); err != nil || after <= before {
			t.Errorf("after deleting a version row: DataVersion %q, was %d; want it to grow", key, before)
		}
	})
}

// TestMigrateKeepsDataVersion: a database at step 16 with data, migrated,
// keys its data by the same number it had (the sum of its topics'
// versions), so that the keys after the migration go on growing from the
// keys before it; and writes after the migration still make it grow.
func TestMigrateKeepsDataVersion(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate to version 16", gormstore.MigrateTo(ctx, s, 16))
		tp := &claims.Topic{Title: "One"}
		who := &claims.Claimant{Name: "Someone"}
		src := &claims.Source{Name: "Daily", Kind: claims.SourceNews}
		must(t, "create topic", svc(s).CreateTopic(ctx, tp))
		must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
		must(t, "create source", svc(s).CreateSource(ctx, src))
		add := func(i int) {
			must(t, "create claim", svc(s).CreateClaim(ctx, &claims.Claim{TopicID: tp.ID, ClaimantID: who.ID, QuantityText: fmt.Sprint(i + 1),
				Provenance: claims.Provenance{SourceID: src.ID}}))
		}
		for i := range 3 {
			add(i)
		}
		who.Name = "Someone else"
		must(t, "rename claimant", svc(s).UpdateClaimant(ctx, who))
		old, err := gormstore.QueryString(ctx, s, `SELECT CAST(COALESCE(SUM(version), 0) AS TEXT) FROM topic_versions`)
		must(t, "sum topic_versions at step 16", err)
		if old == "0" {
			t.Fatal("no topic's version was bumped at step 16")
		}
		must(t, "migrate", s.Migrate(ctx))
		if v := schemaVersion(t, s); v != gormstore.Steps() {
			t.Fatalf("schema version %d, want %d", v, gormstore.Steps())
		}
		before := dataVersion(t, s)
		if got := strconv.FormatInt(before, 10); got != old {
			t.Errorf("DataVersion after the migration %s, the sum before it %s", got, old)
		}
		add(3)
		if now := dataVersion(t, s); now <= before {
			t.Errorf("after a claim created: DataVersion %d, was %d", now, before)
		}
	})
}

// TestDataVersionUnderConcurrentWriters: writers to different topics at
// once each bump DataVersion: it ends at the sum of topic_versions, which
// grew by at least one a write.
func TestDataVersionUnderConcurrentWriters(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		who := &claims.Claimant{Name: "Someone"}
		src := &claims.Source{Name: "Daily", Kind: claims.SourceNews}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
		must(t, "create source", svc(s).CreateSource(ctx, src))
		const writers, each = 4, 5
		topics := make([]*claims.Topic, writers)
		for i := range topics {
			topics[i] = &claims.Topic{Title: fmt.Sprint("Topic ", i)}
			must(t, "create topic", svc(s).CreateTopic(ctx, topics[i]))
		}
		before := dataVersion(t, s)
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for _, tp := range topics {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errs <- svc(s).CreateClaim(ctx, &claims.Claim{TopicID: tp.ID, ClaimantID: who.ID, QuantityText: fmt.Sprint(i + 1),
						Provenance: claims.Provenance{SourceID: src.ID}})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			must(t, "create claim", err)
		}
		if now := dataVersion(t, s); now < before+writers*each {
			t.Errorf("after %d claims created at once: DataVersion %d, was %d", writers*each, now, before)
		}
	})
}
