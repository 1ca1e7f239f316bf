package gormstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// readSides reads the conflict sides of real padded with k unknown IDs
// and checks it finds exactly real's claims, each once.
func readSides(ctx context.Context, s *gormstore.Store, real []string, k int) error {
	ids := slices.Clone(real)
	for i := range k {
		ids = append(ids, fmt.Sprintf("cl-none-%d", i))
	}
	sides, err := s.ConflictSides(ctx, ids)
	if err != nil {
		return err
	}
	var got []string
	for _, c := range sides {
		got = append(got, c.ClaimID)
	}
	slices.Sort(got)
	if want := slices.Sorted(slices.Values(real)); !slices.Equal(got, want) {
		return fmt.Errorf("%d IDs: read %v, want %v", len(ids), got, want)
	}
	return nil
}

// TestPreparedStatementsBounded reads the conflict sides of lists of 2 to
// 601 IDs, from several goroutines: on SQLite the store keeps one
// statement for each power of two up to the chunk of 500 (1, 2, 4, ...,
// 512: ten), each read finding every claim once; the listings add a few,
// never more than the bound; on PostgreSQL none is kept.
func TestPreparedStatementsBounded(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		f := newFounding(t, s)
		real := []string{f.bogdanov.ID, f.indy.ID}
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for g := range 4 {
			wg.Go(func() {
				for k := g; k < 600; k += 4 {
					if err := readSides(ctx, s, real, k); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		postgres := strings.HasSuffix(t.Name(), "/postgres")
		n := gormstore.PreparedStatements(s)
		switch {
		case postgres && n != -1:
			t.Errorf("PostgreSQL keeps %d statements prepared, want none", n)
		case !postgres && n != 10:
			t.Errorf("%d statements kept prepared for IN lists of 2 to 601 IDs, want 10 (1 to 512)", n)
		}
		for _, cf := range []xref.ConflictFilter{{}, {TopicID: f.topic.ID}, {Status: claims.ReviewOpen}, {MinSeverity: 1}} {
			for _, sort := range []string{"", "-severity"} {
				page, err := s.ListConflicts(ctx, cf, claims.ListOptions{Sort: sort})
				must(t, "list conflicts", err)
				if len(page.Items) != 1 {
					t.Errorf("conflicts %+v: %d, want 1", cf, len(page.Items))
				}
			}
		}
		for i := range 200 { // listings of claims by as many filters
			page, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: 1 + i}, TopicID: f.topic.ID, Text: strings.Repeat("x", i%3)})
			must(t, "list claims", err)
			if want := min(2, 1+i); i%3 == 0 && len(page.Items) != want {
				t.Errorf("listing %d: %d claims, want %d", i, len(page.Items), want)
			}
		}
		if n := gormstore.PreparedStatements(s); !postgres && (n <= 10 || n > gormstore.MaxPreparedStatements) {
			t.Errorf("%d statements kept prepared, want more than 10 and at most %d", n, gormstore.MaxPreparedStatements)
		}
	})
}

// TestReadsAfterSchemaChange reads the conflicts, their sides, a claim
// and the claims listing, sequentially and from several goroutines, so
// that their statements are kept prepared on the pool's connections (by
// the store on SQLite, by pgx's statement cache on PostgreSQL). Then a
// second store on the same database, as a newer replica's migration
// would, alters the tables they read (a column added to each, one
// dropped, an index created and, on PostgreSQL, the type of a column the
// claim read selects changed), and every read of the first store still
// succeeds with the same results: on PostgreSQL a statement prepared
// before fails with "cached plan must not change result type" until it
// is prepared again, which the store does.
func TestReadsAfterSchemaChange(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		s := storetest.Open(t, dsn)
		ctx := context.Background()
		f := newFounding(t, s)
		real := []string{f.bogdanov.ID, f.indy.ID}
		check := func(when string) error {
			for k := range 5 {
				if err := readSides(ctx, s, real, k); err != nil {
					return fmt.Errorf("%s: %w", when, err)
				}
			}
			page, err := s.ListConflicts(ctx, xref.ConflictFilter{}, claims.ListOptions{})
			if err != nil {
				return fmt.Errorf("%s: list conflicts: %w", when, err)
			}
			if len(page.Items) != 1 || page.Items[0].Severity != 12 {
				return fmt.Errorf("%s: conflicts %+v, want one of severity 12", when, page.Items)
			}
			c, err := s.FindClaim(ctx, f.indy.ID)
			if err != nil {
				return fmt.Errorf("%s: find claim: %w", when, err)
			}
			if c.ID != f.indy.ID || c.QuantityText != "about 800" || c.SaidOn != "2015-09" {
				return fmt.Errorf("%s: found claim %s %q said on %s, want %s \"about 800\" said on 2015-09", when, c.ID, c.QuantityText, c.SaidOn, f.indy.ID)
			}
			cs, err := s.ListClaims(ctx, claims.ClaimFilter{TopicID: f.topic.ID})
			if err != nil {
				return fmt.Errorf("%s: list claims: %w", when, err)
			}
			var got []string
			for _, c := range cs.Items {
				got = append(got, c.ID+" "+c.QuantityText)
			}
			slices.Sort(got)
			want := []string{f.bogdanov.ID + " a few dozen", f.indy.ID + " about 800"}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				return fmt.Errorf("%s: claims %q, want %q", when, got, want)
			}
			return nil
		}
		concurrently := func(when string) {
			t.Helper()
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for range 4 {
				wg.Go(func() {
					for range 3 {
						if err := check(when); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		}
		if err := check("before"); err != nil {
			t.Fatal(err)
		}
		concurrently("before, concurrently")
		// The last connection used keeps the statements of a write.
		update := func(text string) {
			t.Helper()
			c, err := s.FindClaim(ctx, f.indy.ID)
			must(t, "find claim", err)
			c.QuantityText = text
			must(t, "update claim to "+text, svc(s).UpdateClaim(ctx, c))
		}
		update("about 700")
		replica := storetest.Open(t, dsn)
		for _, stmt := range []string{
			"ALTER TABLE topic_conflicts ADD COLUMN note TEXT DEFAULT 'x'",
			"ALTER TABLE claims ADD COLUMN extra INTEGER DEFAULT 7",
			"ALTER TABLE claimants ADD COLUMN extra INTEGER",
			"CREATE INDEX claims_extra ON claims (extra)",
			"ALTER TABLE claimants DROP COLUMN extra",
		} {
			must(t, stmt, gormstore.Exec(ctx, replica, stmt))
		}
		if !gormstore.IsSQLite(replica) {
			// A column the claim read selects changes type (SQLite has
			// no ALTER COLUMN): a statement prepared before returns text,
			// now varchar, and PostgreSQL refuses to run it again.
			stmt := "ALTER TABLE claims ALTER COLUMN said_on TYPE varchar(40)"
			must(t, stmt, gormstore.Exec(ctx, replica, stmt))
		}
		// A write's transaction that meets a stale statement is aborted;
		// the write runs again.
		update("about 800")
		if err := check("after"); err != nil {
			t.Fatal(err)
		}
		concurrently("after, concurrently")
	})
}

// TestOpenCloseKeepsNoGoroutine opens a SQLite store, reads through its
// prepared statements and closes it, 20 times: no goroutine of gorm's is
// left behind.
func TestOpenCloseKeepsNoGoroutine(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "claimdesk.db")
	cycle := func() {
		s, err := gormstore.Open(ctx, dsn)
		must(t, "open", err)
		must(t, "migrate", s.Migrate(ctx))
		_, err = s.ListClaims(ctx, claims.ClaimFilter{})
		must(t, "list claims", err)
		_, err = s.ListConflicts(ctx, xref.ConflictFilter{}, claims.ListOptions{})
		must(t, "list conflicts", err)
		_, err = s.ConflictSides(ctx, []string{"a", "b", "c"})
		must(t, "conflict sides", err)
		if n := gormstore.PreparedStatements(s); n < 3 {
			t.Fatalf("%d statements kept prepared, want 3 or more", n)
		}
		must(t, "close", s.Close())
	}
	// What leaked was a goroutine of gorm's statement store (an LRU whose
	// ticker was never stopped) an Open, living on after Close: look for
	// any goroutine of gorm's internals rather than count goroutines, which
	// the runtime and database/sql end in their own time (a count would
	// have to wait for them).
	for range 20 {
		cycle()
	}
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "gorm.io/gorm/internal") {
			t.Fatalf("a goroutine of gorm's outlives 20 stores opened and closed:\n%s", g)
		}
	}
}
