package gormstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// forEachDSN runs fn with the DSN of an empty SQLite file and of an empty
// PostgreSQL schema.
func forEachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, filepath.Join(t.TempDir(), "claimdesk.db")) })
	t.Run("postgres", func(t *testing.T) {
		dsn, _ := storetest.PostgresDSN(t)
		fn(t, dsn)
	})
}

func openStore(t *testing.T, dsn string) *gormstore.Store {
	t.Helper()
	s, err := gormstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func schemaVersion(t *testing.T, s *gormstore.Store) int {
	t.Helper()
	v, err := s.SchemaVersion(context.Background())
	if err != nil {
		t.Fatalf("schema version: %v", err)
	}
	return v
}

func TestMigrateUpgradesVersion1(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate to version 1", gormstore.MigrateTo(ctx, s, 1))
		if v := schemaVersion(t, s); v != 1 {
			t.Fatalf("schema version after step 1 = %d, want 1", v)
		}
		// Rows as version 1 of claimdesk wrote them: tags only in JSON.
		const at = "2015-10-01 12:00:00+00:00"
		for _, stmt := range []string{
			`INSERT INTO topics (id, created_at, updated_at, version, title, description, measure, unit, additive, parent_id, window_days, tags, search)
			 VALUES ('t1', '` + at + `', '` + at + `', 3, 'Russians with IS', '', '', 'people', TRUE, NULL, 0, '["syria","russia"]', 'russians with is')`,
			`INSERT INTO sources (id, created_at, updated_at, version, name, url, kind, publisher, language, published_on, notes, search)
			 VALUES ('s1', '` + at + `', '` + at + `', 1, 'TASS', '', 'agency', '', '', NULL, '', 'tass')`,
			`INSERT INTO claimants (id, created_at, updated_at, version, name, kind, role, affiliation, notes, search)
			 VALUES ('k1', '` + at + `', '` + at + `', 1, 'Bogdanov', 'person', '', '', '', 'bogdanov')`,
			`INSERT INTO claims (id, created_at, updated_at, version, topic_id, claimant_id, source_id, quote, quantity_text,
			   language, original_text, original_language, no_number, parsed, analyst_interval, interval_source, parser_version,
			   unit, low, high, best, places, population, group_name, measure, url, archive_url, relays, occasion, said_on,
			   published_on, as_of, since, ref_start, ref_end, evidence_type, grade, rank, deprecation_reason, notes, tags, search)
			 VALUES ('c1', '` + at + `', '` + at + `', 1, 't1', 'k1', 's1', '', '800', '', '', '', FALSE,
			   '{"low":800,"high":800,"best":800,"approx":false,"kind":"exact"}', '', 'parsed', '0.1',
			   '', 800, 800, 800, '[]', '', '', 'stock', '', '', '[]', '', '', '', '2015', '', '2015-01-01', '2015-12-31',
			   'unknown', 'ungraded', 'normal', '', '', '["tass","bogdanov"]', '800')`,
			`INSERT INTO claim_sources (claim_id, source_id) VALUES ('c1', 's1')`,
		} {
			must(t, "insert a version 1 row", gormstore.Exec(ctx, s, stmt))
		}
		// Flows: one for a period ("in 2015"), one to date.
		for _, row := range []struct{ id, since, asOf string }{{"c2", "2015", "2015"}, {"c3", "2011", "2015"}} {
			stmt := `INSERT INTO claims (id, created_at, updated_at, version, topic_id, claimant_id, source_id, quote, quantity_text,
			   language, original_text, original_language, no_number, parsed, analyst_interval, interval_source, parser_version,
			   unit, low, high, best, places, population, group_name, measure, url, archive_url, relays, occasion, said_on,
			   published_on, as_of, since, ref_start, ref_end, evidence_type, grade, rank, deprecation_reason, notes, tags, search)
			 VALUES ('` + row.id + `', '` + at + `', '` + at + `', 1, 't1', 'k1', 's1', '', '900', '', '', '', FALSE,
			   '{"low":900,"high":900,"best":900,"approx":false,"kind":"exact"}', '', 'parsed', '0.1',
			   '', 900, 900, 900, '[]', '', '', 'flow', '', '', '[]', '', '', '', '` + row.asOf + `', '` + row.since + `', '2015-01-01', '2015-12-31',
			   'unknown', 'ungraded', 'normal', '', '', '[]', '900')`
			must(t, "insert a version 1 row", gormstore.Exec(ctx, s, stmt))
		}

		must(t, "migrate", s.Migrate(ctx))
		if v, want := schemaVersion(t, s), gormstore.Steps(); v != want {
			t.Fatalf("schema version after Migrate = %d, want %d", v, want)
		}
		check := func(when string) {
			t.Helper()
			top, err := s.FindTopic(ctx, "t1")
			must(t, when+": find topic", err)
			if diff := gocmp.Diff([]string{"syria", "russia"}, top.Tags); diff != "" || top.Version != 3 || !top.Additive {
				t.Errorf("%s: topic = %+v, want its tags, version and flags kept (tags -want +got:\n%s)", when, top, diff)
			}
			c, err := s.FindClaim(ctx, "c1")
			must(t, when+": find claim", err)
			if c.Interval == nil || *c.Interval.Best != 800 || c.AsOf != "2015" {
				t.Errorf("%s: claim = %+v, want the stored interval and dates", when, c)
			}
			// Step 4: stock is current, flow per period or cumulative,
			// and the basis an estimate.
			for id, want := range map[string]claims.Measure{"c1": claims.Current, "c2": claims.PerPeriod, "c3": claims.Cumulative} {
				c, err := s.FindClaim(ctx, id)
				must(t, when+": find claim", err)
				if c.Scope.Measure != want || c.Basis != claims.BasisEstimate {
					t.Errorf("%s: claim %s measure %q basis %q, want %q and estimate", when, id, c.Scope.Measure, c.Basis, want)
				}
			}
			for _, tag := range []string{"syria", "russia"} {
				p, err := s.ListTopics(ctx, claims.TopicFilter{Tag: tag})
				must(t, when+": list topics", err)
				if len(p.Items) != 1 {
					t.Errorf("%s: topics tagged %q: %d, want the backfilled 1", when, tag, len(p.Items))
				}
			}
			p, err := s.ListClaims(ctx, claims.ClaimFilter{Tag: "bogdanov"})
			must(t, when+": list claims", err)
			if len(p.Items) != 1 {
				t.Errorf("%s: claims tagged bogdanov: %d, want the backfilled 1", when, len(p.Items))
			}
		}
		check("after the upgrade")

		// Migrating again changes nothing, and the upgraded store works.
		must(t, "migrate again", s.Migrate(ctx))
		check("after migrating again")
		c, err := s.FindClaim(ctx, "c1")
		must(t, "find claim", err)
		c.Tags = []string{"tass"}
		must(t, "update upgraded claim", svc(s).UpdateClaim(ctx, c))
		p, err := s.ListClaims(ctx, claims.ClaimFilter{Tag: "bogdanov"})
		must(t, "list claims", err)
		if len(p.Items) != 0 {
			t.Errorf("after removing the tag, claims tagged bogdanov: %d, want 0", len(p.Items))
		}

		// An older claimdesk refuses a newer database.
		err = gormstore.MigrateTo(ctx, s, 1)
		if err == nil || !strings.Contains(err.Error(), "newer") {
			t.Errorf("migrating a version %d database with 1 step = %v, want a newer-schema error", gormstore.Steps(), err)
		}
	})
}

func TestMigrateKeepsData(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		c := w.fullClaim()
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
		for i := range 2 {
			must(t, fmt.Sprintf("migrate again (%d)", i), s.Migrate(ctx))
		}
		got, err := s.FindClaim(ctx, c.ID)
		must(t, "find claim", err)
		if diff := gocmp.Diff(c, got); diff != "" {
			t.Errorf("claim after migrating again (-want +got):\n%s", diff)
		}
	})
}

func TestMigrateConcurrently(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		const replicas = 4
		stores := make([]*gormstore.Store, replicas)
		for i := range stores {
			stores[i] = openStore(t, dsn)
		}
		errs := make([]error, replicas)
		var wg sync.WaitGroup
		for i, s := range stores {
			wg.Go(func() { errs[i] = s.Migrate(ctx) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("replica %d: migrate: %v", i, err)
			}
		}
		if v := schemaVersion(t, stores[0]); v != gormstore.Steps() {
			t.Errorf("schema version = %d, want %d", v, gormstore.Steps())
		}
		n, err := gormstore.QueryString(ctx, stores[0], "SELECT CAST(COUNT(*) AS TEXT) FROM schema_version")
		must(t, "count versions", err)
		if n != fmt.Sprint(gormstore.Steps()) {
			t.Errorf("schema_version has %s rows, want one a step (%d)", n, gormstore.Steps())
		}
	})
}
