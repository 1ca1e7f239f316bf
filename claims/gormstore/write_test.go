package gormstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestSQLiteBusyIsUnavailable holds SQLite's write lock from another
// connection (as `claimdesk import` in another process does) and expects a
// write that cannot get it within the lock wait to fail as unavailable,
// not as an internal error; once the lock is free, the same write works.
func TestSQLiteBusyIsUnavailable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := storetest.Open(t, path, gormstore.WithLockWait(50*time.Millisecond))
	w := newWorld(t, s)

	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("take the write lock: %v", err)
	}
	err = svc(s).CreateClaim(ctx, w.claim("2,000"))
	if got := claims.ErrorCode(err); got != claims.CodeUnavailable {
		t.Errorf("CreateClaim while another connection writes: code %q (%v), want %q", got, err, claims.CodeUnavailable)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	must(t, "create claim once the lock is free", svc(s).CreateClaim(ctx, w.claim("2,000")))
}

// TestPostgresTopicLockComesFirst checks the lock order of write.go: a
// write of a claim waits for its topic's advisory lock before it locks the
// claim's row, and gives up as unavailable when the lock wait runs out.
func TestPostgresTopicLockComesFirst(t *testing.T) {
	ctx := context.Background()
	dsn, _ := storetest.PostgresDSN(t)
	s := storetest.Open(t, dsn)
	w := newWorld(t, s)
	c := w.claim("2,000")
	must(t, "create claim", svc(s).CreateClaim(ctx, c))

	release, err := gormstore.HoldTopicLock(ctx, s, w.topic.ID)
	if err != nil {
		t.Fatalf("hold the topic lock: %v", err)
	}
	done := make(chan error, 1)
	upd := *c
	upd.Notes = "updated while the topic was locked"
	go func() { done <- svc(s).UpdateClaim(ctx, &upd) }()

	// Wait until the update waits for the advisory lock...
	for {
		v, err := gormstore.QueryString(ctx, s, "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
		if err != nil {
			t.Fatal(err)
		}
		if v != "0" {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the update finished while its topic was locked: %v", err)
		default:
		}
		time.Sleep(5 * time.Millisecond)
	}
	// ...and check that it holds no lock on the claim's row meanwhile.
	if err := gormstore.Exec(ctx, s, "BEGIN; SELECT id FROM claims WHERE id = '"+c.ID+"' FOR UPDATE NOWAIT; COMMIT"); err != nil {
		t.Errorf("the claim's row is locked while the update waits for its topic: %v", err)
	}
	release()
	must(t, "update once the topic is free", <-done)

	// A write that cannot get the topic within the lock wait is
	// unavailable.
	short := storetest.Open(t, dsn, gormstore.WithLockWait(50*time.Millisecond))
	release, err = gormstore.HoldTopicLock(ctx, s, w.topic.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	err = svc(short).CreateClaim(ctx, w.claim("3,000"))
	if got := claims.ErrorCode(err); got != claims.CodeUnavailable {
		t.Errorf("CreateClaim while its topic is locked: code %q (%v), want %q", got, err, claims.CodeUnavailable)
	}
}

// TestAtomicallyRetriesADeadlock runs two Atomically transactions on
// PostgreSQL that take two topics' locks in opposite orders: each creates
// a sub-topic of one topic (taking its lock), waits until the other has
// too, then creates a sub-topic of the other's. PostgreSQL aborts one as a
// deadlock; Atomically runs that one's whole function again once the
// other has committed, so both succeed. The rendezvous holds only on the
// first attempts, and PostgreSQL's deadlock detection does not depend on
// how long anything takes.
func TestAtomicallyRetriesADeadlock(t *testing.T) {
	ctx := context.Background()
	s := storetest.Postgres(t)
	for _, id := range []string{"ta", "tb"} {
		must(t, "topic", svc(s).CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: id}, Title: id, Unit: "people"}))
	}
	var mu sync.Mutex
	runs := map[string]int{}
	ready := map[string]chan struct{}{"ta": make(chan struct{}), "tb": make(chan struct{})}
	sub := func(tx claims.Store, parent, by string) error {
		id := parent + "-" + by
		return svc(tx).CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: id}, Title: id, Unit: "people", ParentID: parent})
	}
	run := func(first, second string) error {
		return s.Atomically(ctx, func(tx claims.Store) error {
			mu.Lock()
			runs[first]++
			attempt := runs[first]
			mu.Unlock()
			if err := sub(tx, first, first); err != nil {
				return err
			}
			if attempt == 1 {
				close(ready[first])
				<-ready[second]
			}
			return sub(tx, second, first)
		})
	}
	errs := make(chan error, 2)
	go func() { errs <- run("ta", "tb") }()
	go func() { errs <- run("tb", "ta") }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("Atomically after a deadlock: %v, want it run again and committed", err)
		}
	}
	if runs["ta"]+runs["tb"] < 3 {
		t.Fatalf("runs %v: no function ran twice, so there was no deadlock to retry", runs)
	}
	for _, id := range []string{"ta-ta", "tb-ta", "tb-tb", "ta-tb"} {
		got, err := s.FindTopic(ctx, id)
		if err != nil || got.Version != 1 {
			t.Errorf("topic %s after both committed: %+v, %v; want it at version 1", id, got, err)
		}
	}
}
