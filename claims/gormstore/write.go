package gormstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"gorm.io/gorm"
)

// The write path: lock order, retries and deadlines
//
// Every write runs in one transaction (write). Its locks are taken in one
// order, the same for every write, so two writers never wait for each
// other in a cycle:
//
//  1. on SQLite, the Store's writer slot, then the database's write lock
//     (transactions begin IMMEDIATE): one writer at a time, no row locks;
//  2. on PostgreSQL, the advisory locks of every topic whose summaries the
//     write will recompute, in ascending ID order, before the write reads
//     for update, writes or locks any row;
//  3. the row locks the write's own statements take;
//  4. the recompute of the dirty topics (their advisory locks are already
//     held), just before the commit.
//
// The topics of step 2 are predicted with plain (non-locking) reads: the
// stored and the new topic of a claim, the topics of a link's or a
// review's claims, a topic and its parent, each with its parent and
// children. If the write turns out to touch a topic it did not lock (a
// concurrent write moved a claim meanwhile, or nothing could be predicted,
// as for places), the transaction rolls back before any recompute and runs
// again with the topics it needed locked first.
//
// A transaction PostgreSQL aborts as a serialization failure (40001), a
// deadlock (40P01) or a statement pgx kept prepared from before another
// replica's migration changed its columns (stalePlan) is run again: up to
// maxAttempts times in all for the first two and a relock, and up to once
// per connection the pool may open, and once more, for stale statements,
// which do not count against maxAttempts nor wait before running again; for
// Atomically (demo, reparse, restore) that is the caller's whole function
// (writeWhole), which cannot predict its topics: they are locked, in ID
// order, just before the recompute. A write
// that cannot get its locks within the Store's lockWait fails with
// claims.CodeUnavailable, which the API answers 503 with Retry-After.

const (
	// defaultLockWait bounds a write's wait for the database's locks.
	defaultLockWait = 5 * time.Second
	// maxAttempts bounds how often a write is run after a serialization
	// failure, a deadlock or a lock set that proved too small.
	maxAttempts = 6
)

// noRecomputeKey leaves the summaries out of the writes made with its
// context: only the benchmark that measures how much of a write's
// transaction the recompute takes sets it (see doc.go).
type noRecomputeKey struct{}

// predictor returns the topics a write will make dirty, as far as a plain
// read before the write can tell.
type predictor func(tx *gorm.DB) ([]string, error)

// errRelock rolls back a write that needs topic locks it does not hold.
type errRelock struct{ need []string }

func (e *errRelock) Error() string {
	return fmt.Sprintf("gormstore: the write needs the locks of %d more topics", len(e.need))
}

// write runs fn in a transaction with the locks of the topics predict
// names taken first, and retries it as the comment above says. fn must
// only touch the database through tx, so that it can run again. Inside a
// transaction (Atomically), fn runs in a savepoint.
func (s *Store) write(ctx context.Context, predict predictor, fn func(tx *gorm.DB) error) error {
	if s.inTx {
		return s.db.WithContext(withDirty(ctx, s.dirty)).Transaction(func(tx *gorm.DB) error {
			if s.dialect == dialectPostgres && predict != nil {
				ids, err := predict(tx)
				if err != nil {
					return err
				}
				if ids, err = topicClosure(tx, ids); err != nil {
					return err
				}
				if err := lockTopics(tx, s.dirty, ids); err != nil {
					return err
				}
			}
			return fn(tx)
		})
	}
	return s.retry(ctx, predict, true, fn)
}

// writeWhole runs fn, which writes records it cannot predict the topics
// of (Atomically's), in one transaction with the same bounded retry as
// write: a serialization failure or deadlock rolls it back and runs all
// of fn again. The topics it did not predict are locked before the
// recompute, in ID order.
func (s *Store) writeWhole(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.retry(ctx, nil, false, fn)
}

// retry runs attempts of a write until one commits, fails for a reason a
// new attempt cannot cure, or maxAttempts have run.
func (s *Store) retry(ctx context.Context, predict predictor, relock bool, fn func(tx *gorm.DB) error) error {
	release, err := s.acquireWriter(ctx)
	if err != nil {
		return err
	}
	defer release()
	var extra []string
	var b retryBudget
	for {
		err := s.attempt(ctx, predict, extra, relock, fn)
		var rl *errRelock
		errors.As(err, &rl)
		switch b.next(err, s.replans) {
		case retryDone:
			return err
		case retryExhausted:
			if rl != nil {
				return unavailable("the write's topics kept changing while it ran")
			}
			return err
		case retryRelock:
			extra = append(extra, rl.need...)
		case retryNow:
		case retryBackOff:
			// Back off a little, at random, so the writers that collided
			// do not collide again.
			d := time.Duration(rand.Int64N(int64(b.attempts) * int64(10*time.Millisecond)))
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return err
			}
		}
	}
}

// retryStep is what the write path does after an attempt.
type retryStep int

const (
	retryDone      retryStep = iota // it committed, or failed for a reason a new attempt cannot cure
	retryExhausted                  // it failed again with no attempt left
	retryRelock                     // run again with the topics it needed locked first
	retryNow                        // run again at once: a stale statement, prepared afresh
	retryBackOff                    // run again after a short random wait
)

// retryBudget counts a write's failed attempts. A stale prepared statement
// (stalePlan) does not count against maxAttempts: after a migration, each
// connection of the pool may hold one, so a write may meet one on every
// attempt on up to every connection the pool may open; those attempts
// have a budget of their own, replans, and run again at once, as nothing
// collided.
type retryBudget struct {
	attempts int // failed attempts other than stale statements
	replans  int // attempts failed on a stale statement
}

// next records the outcome err of an attempt and returns what to do.
// replans is the pool's size plus one (Store.replans).
func (b *retryBudget) next(err error, replans int) retryStep {
	var rl *errRelock
	switch {
	case err == nil:
		return retryDone
	case stalePlan(err):
		b.replans++
		if b.replans >= replans {
			return retryExhausted
		}
		return retryNow
	}
	b.attempts++
	switch {
	case errors.As(err, &rl) || retryable(err):
		if b.attempts >= maxAttempts {
			return retryExhausted
		}
		if errors.As(err, &rl) {
			return retryRelock
		}
		return retryBackOff
	}
	return retryDone
}

// acquireWriter takes the writer slot on SQLite, waiting at most lockWait.
func (s *Store) acquireWriter(ctx context.Context) (func(), error) {
	if s.writer == nil {
		return func() {}, nil
	}
	t := time.NewTimer(s.lockWait)
	defer t.Stop()
	select {
	case s.writer <- struct{}{}:
		return func() { <-s.writer }, nil
	case <-t.C:
		return nil, unavailable("another write holds the database for longer than %s", s.lockWait)
	case <-ctx.Done():
		return nil, fmt.Errorf("gormstore: waiting for the writer: %w", ctx.Err())
	}
}

// attempt is one run of a write's transaction. With relock, a write that
// needs a topic lock it does not hold fails with *errRelock.
func (s *Store) attempt(ctx context.Context, predict predictor, extra []string, relock bool, fn func(tx *gorm.DB) error) error {
	d := &dirtySet{}
	return s.db.WithContext(withDirty(ctx, d)).Transaction(func(tx *gorm.DB) error {
		pg := s.dialect == dialectPostgres
		if pg {
			if err := tx.Exec(fmt.Sprintf("SET LOCAL lock_timeout = %d", s.lockWait.Milliseconds())).Error; err != nil {
				return err
			}
			ids := slices.Clone(extra)
			if predict != nil {
				p, err := predict(tx)
				if err != nil {
					return err
				}
				if ids, err = topicClosure(tx, append(ids, p...)); err != nil {
					return err
				}
			}
			if err := lockTopics(tx, d, ids); err != nil {
				return err
			}
		}
		if err := fn(tx); err != nil {
			return err
		}
		need, err := d.closure(tx)
		if err != nil {
			return err
		}
		if pg && relock {
			if missing := d.notHeld(need); len(missing) > 0 {
				return &errRelock{need: missing}
			}
		}
		if ctx.Value(noRecomputeKey{}) != nil {
			return nil
		}
		return recomputeTopics(tx, s.dialect, d, need)
	})
}

// lockTopics takes the PostgreSQL advisory locks of the topics ids not yet
// held in the transaction of d, in ascending ID order. Advisory locks are
// global to the database, so the key includes the schema: claimdesk
// deployments (or test runs) in different schemas of one database never
// wait for each other.
func lockTopics(tx *gorm.DB, d *dirtySet, ids []string) error {
	ids = d.notHeld(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '/' || ?))", xrefLockClass, id).Error; err != nil {
			return err
		}
		d.hold(id)
	}
	return nil
}

// topicClosure returns ids with the parents and children of each, sorted
// and without duplicates: the topics whose summaries a change to ids may
// affect.
func topicClosure(tx *gorm.DB, ids []string) ([]string, error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == "" })
	if len(ids) == 0 {
		return nil, nil
	}
	out := slices.Clone(ids)
	for chunk := range slices.Chunk(ids, 500) {
		var more []string
		if err := tx.Table("topics").Where("id IN ? AND parent_id IS NOT NULL", chunk).Pluck("parent_id", &more).Error; err != nil {
			return nil, err
		}
		out = append(out, more...)
		more = nil
		if err := tx.Table("topics").Where("parent_id IN ?", chunk).Pluck("id", &more).Error; err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// storedTopics returns the topics the stored record id of table belongs
// to: a claim's topic, the topics of a link's or a review's claims, a
// topic itself. It takes no lock.
func storedTopics(tx *gorm.DB, table, id string) ([]string, error) {
	var topics []string
	var err error
	switch table {
	case "claims":
		err = tx.Table("claims").Where("id = ?", id).Pluck("topic_id", &topics).Error
	case "links", "reviews":
		a, b := "from_id", "to_id"
		if table == "reviews" {
			a, b = "claim_a", "claim_b"
		}
		err = tx.Table("claims").
			Where("id IN (SELECT "+a+" FROM "+table+" WHERE id = ?) OR id IN (SELECT "+b+" FROM "+table+" WHERE id = ?)", id, id).
			Distinct().Pluck("topic_id", &topics).Error
	case "topics":
		topics = []string{id}
	}
	return topics, err
}

// claimTopics returns the topics of the given claims. It takes no lock.
func claimTopics(tx *gorm.DB, ids ...string) ([]string, error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == "" })
	if len(ids) == 0 {
		return nil, nil
	}
	var topics []string
	err := tx.Table("claims").Where("id IN ?", ids).Distinct().Pluck("topic_id", &topics).Error
	return topics, err
}
