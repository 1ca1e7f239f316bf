package gormstore_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestSummariesFollowRulesVersion: a database whose summaries were
// computed under an older xref.RulesVersion (or before summary_rules
// existed) has them recomputed when it is migrated again; one at this
// version, or at a newer one, keeps them as they are. The summaries a
// release computed are stood in for by deleting the topic's conflicts,
// which a recompute writes again.
func TestSummariesFollowRulesVersion(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate", s.Migrate(ctx))
		// The founding example: about 800 in Syria contradicts a few
		// dozen in Syria and Iraq, by the gazetteer's Syria inside both.
		newFounding(t, s)

		conflicts := func() string {
			t.Helper()
			n, err := gormstore.QueryString(ctx, s, "SELECT COUNT(*) FROM topic_conflicts")
			must(t, "count conflicts", err)
			return n
		}
		stored := func() string {
			t.Helper()
			v, err := gormstore.QueryString(ctx, s, "SELECT version FROM summary_rules")
			must(t, "rules version", err)
			return v
		}
		if got := conflicts(); got != "1" {
			t.Fatalf("a few dozen in Syria and Iraq against about 800 in Syria: %s conflicts, want 1", got)
		}
		this := strconv.Itoa(xref.RulesVersion)
		if got := stored(); got != this {
			t.Fatalf("summary_rules = %s, want %s", got, this)
		}
		for _, c := range []struct {
			name  string
			setup string // how the database says which release computed its summaries
			want  string // conflicts after Migrate
			rules string // summary_rules after Migrate
		}{
			{"this release", "", "0", this},
			{"an older release", "UPDATE summary_rules SET version = " + strconv.Itoa(xref.RulesVersion-1), "1", this},
			{"a release before summary_rules", "DELETE FROM summary_rules", "1", this},
			{"a newer release", "UPDATE summary_rules SET version = " + strconv.Itoa(xref.RulesVersion+1), "0", strconv.Itoa(xref.RulesVersion + 1)},
		} {
			must(t, "stale summaries", gormstore.Exec(ctx, s, "DELETE FROM topic_conflicts"))
			if c.setup != "" {
				must(t, c.name, gormstore.Exec(ctx, s, c.setup))
			}
			must(t, "migrate again", s.Migrate(ctx))
			if got := conflicts(); got != c.want {
				t.Errorf("summaries of %s: %s conflicts after Migrate, want %s", c.name, got, c.want)
			}
			if got := stored(); got != c.rules {
				t.Errorf("summaries of %s: summary_rules %s after Migrate, want %s", c.name, got, c.rules)
			}
		}
	})
}
