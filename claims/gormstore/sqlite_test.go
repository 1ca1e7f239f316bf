package gormstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

func TestSQLiteSettings(t *testing.T) {
	ctx := context.Background()
	// Opened here, not through storetest (whose stores wait minutes for
	// locks), so the pragmas are the server's defaults.
	s, err := gormstore.Open(ctx, filepath.Join(t.TempDir(), "claimdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, tc := range []struct{ pragma, want string }{
		{"PRAGMA foreign_keys", "1"},
		{"PRAGMA journal_mode", "wal"},
		{"PRAGMA busy_timeout", "5000"},
		{"PRAGMA synchronous", "2"}, // FULL
	} {
		got, err := gormstore.QueryString(ctx, s, tc.pragma)
		if err != nil {
			t.Fatalf("%s: %v", tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("%s = %q, want %q", tc.pragma, got, tc.want)
		}
	}
}

// TestSQLiteConcurrentWriters hammers one SQLite file with writes and reads
// from many goroutines through two Stores (as two processes would). A
// write that waits too long for the other Store's lock may fail as
// unavailable (a 503 for a client, which sends it again); it must never
// fail otherwise, and in particular never as "database is locked".
func TestSQLiteConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	var stores [2]*gormstore.Store
	for i := range stores {
		s, err := gormstore.Open(ctx, path)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		must(t, "migrate", s.Migrate(ctx))
		stores[i] = s
	}
	w := newWorld(t, stores[0])
	const workers, each = 16, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for g := range workers {
		s := stores[g%2]
		wg.Go(func() {
			for i := range each {
				c := w.claim(fmt.Sprint(g*1000 + i))
				c.Tags = []string{fmt.Sprintf("worker-%d", g)}
				if err := again(func() error { return svc(s).CreateClaim(ctx, c) }); err != nil {
					errs <- fmt.Errorf("worker %d: create: %w", g, err)
					continue
				}
				c.Notes = "updated"
				if err := again(func() error { return svc(s).UpdateClaim(ctx, c) }); err != nil {
					errs <- fmt.Errorf("worker %d: update: %w", g, err)
				}
				if _, err := s.ListClaims(ctx, claims.ClaimFilter{Tag: c.Tags[0]}); err != nil {
					errs <- fmt.Errorf("worker %d: list: %w", g, err)
				}
			}
			// A transaction of several writes among the others.
			err := again(func() error {
				return s.Atomically(ctx, func(tx claims.Store) error {
					top := &claims.Topic{Title: fmt.Sprintf("topic of worker %d", g)}
					if err := svc(tx).CreateTopic(ctx, top); err != nil {
						return err
					}
					top.Description = "described"
					return svc(tx).UpdateTopic(ctx, top)
				})
			})
			if err != nil {
				errs <- fmt.Errorf("worker %d: atomically: %w", g, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, _ := pages(t, func(cursor string) (claims.Page[*claims.Claim], error) {
		return stores[1].ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: claims.MaxLimit, Cursor: cursor}})
	})
	if len(got) != workers*each {
		t.Errorf("stored %d claims, want %d", len(got), workers*each)
	}
	for _, c := range got {
		if c.Version != 2 || c.Notes != "updated" {
			t.Errorf("claim %s at version %d with notes %q, want version 2, updated", c.ID, c.Version, c.Notes)
			break
		}
	}
}

// again runs a write until it succeeds or fails otherwise than as
// unavailable, as a client answered 503 would.
func again(write func() error) error {
	for {
		err := write()
		if claims.ErrorCode(err) != claims.CodeUnavailable {
			return err
		}
	}
}
