package gormstore_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestSummaryRules: a new database starts at this release's rules; one
// from before summary_rules (topics, no row) reads as version 0; Migrate
// never recomputes for the rules; RecomputeSummaries recomputes every
// topic, a batch at a time (the founding example's conflict, deleted to
// stand for summaries an older release computed, comes back) and records
// this release's version; it refuses a newer release's summaries.
func TestSummaryRules(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate", s.Migrate(ctx))
		rules := func() int {
			t.Helper()
			v, err := s.SummaryRules(ctx)
			must(t, "summary rules", err)
			return v
		}
		conflicts := func() string {
			t.Helper()
			n, err := gormstore.QueryString(ctx, s, "SELECT COUNT(*) FROM topic_conflicts")
			must(t, "count conflicts", err)
			return n
		}
		if got := rules(); got != xref.RulesVersion {
			t.Fatalf("a new database's summaries are under rules %d, want this release's %d", got, xref.RulesVersion)
		}
		// The founding example: about 800 in Syria contradicts a few
		// dozen in Syria and Iraq, by the gazetteer's Syria inside both.
		newFounding(t, s)
		if got := conflicts(); got != "1" {
			t.Fatalf("a few dozen in Syria and Iraq against about 800 in Syria: %s conflicts, want 1", got)
		}
		must(t, "a database from before summary_rules", gormstore.Exec(ctx, s, "DROP TABLE summary_rules"))
		must(t, "stale summaries", gormstore.Exec(ctx, s, "DELETE FROM topic_conflicts"))
		must(t, "migrate again", s.Migrate(ctx))
		if got := rules(); got != 0 {
			t.Errorf("a database with topics from before summary_rules: rules %d after Migrate, want 0", got)
		}
		if got := conflicts(); got != "0" {
			t.Errorf("Migrate recomputed the summaries: %s conflicts, want the stale 0", got)
		}
		// Two topics more, with no claims: three batches of one topic.
		for _, title := range []string{"Chechens in Syria", "Tajiks in Syria"} {
			must(t, "topic", svc(s).CreateTopic(ctx, &claims.Topic{Title: title}))
		}
		defer gormstore.SetRulesBatch(1, 20_000)()
		var calls []string
		n, err := s.RecomputeSummaries(ctx, func(done, total int) { calls = append(calls, strconv.Itoa(done)+"/"+strconv.Itoa(total)) })
		must(t, "recompute", err)
		if got := strings.Join(calls, " "); n != 3 || got != "1/3 2/3 3/3" {
			t.Errorf("recompute: %d topics, progress %q; want 3 topics, 1/3 2/3 3/3", n, got)
		}
		if got := conflicts(); got != "1" {
			t.Errorf("after RecomputeSummaries: %s conflicts, want 1", got)
		}
		if got := rules(); got != xref.RulesVersion {
			t.Errorf("after RecomputeSummaries: rules %d, want %d", got, xref.RulesVersion)
		}
		// A newer release's summaries: refused, left as they are.
		newer := xref.RulesVersion + 1
		must(t, "a newer release's", gormstore.Exec(ctx, s, "UPDATE summary_rules SET version = "+strconv.Itoa(newer)))
		must(t, "stale summaries", gormstore.Exec(ctx, s, "DELETE FROM topic_conflicts"))
		if _, err := s.RecomputeSummaries(ctx, nil); !errors.Is(err, gormstore.ErrNewerRules) {
			t.Errorf("recompute of a newer release's summaries: %v, want ErrNewerRules", err)
		}
		if got := conflicts(); got != "0" {
			t.Errorf("a refused recompute wrote %s conflicts", got)
		}
		if got := rules(); got != newer {
			t.Errorf("after a refused recompute: rules %d, want %d kept", got, newer)
		}
	})
}
