package gormstore

import (
	"context"
	"sync"

	"gorm.io/gorm"
)

// The snapshot watch
//
// PostgreSQL's counterpart of the commit watch (commitwatch.go): a cheap
// read that changes whenever anything has been committed, asked before
// a version's own statement, which then runs only when it has changed.
// The read is pg_current_snapshot() (PostgreSQL 13), one round trip
// that reads no table: xmin, xmax and the transaction IDs in progress
// in between (xmax is one past the newest transaction that has ended).
//
// Why a snapshot read twice and found equal means that nothing was
// committed in between, by any session of any replica: a transaction
// becomes visible to others when it leaves the list of those in
// progress, at the same moment it advances xmax if its ID is the newest
// to end. So a transaction that ends (commits or aborts) between two
// reads either had an ID below the first read's xmax, and was then
// listed in progress and is not any more, or had an ID at or above it,
// and the second read's xmax is past it. xmax never falls and an ended
// ID is never listed again, so a snapshot never repeats once it has
// changed. Two equal snapshots list the same transactions as committed,
// so they see the same committed data, and so does every statement run
// between the two reads.
//
// What does not change it: reads (a transaction that neither writes nor
// locks rows takes no ID), a write in progress (its ID, taken at its
// first write, is at or above xmax until it ends: its rows are not
// visible either). What
// changes it without changing claimdesk's data, so that a version is
// read again for nothing (conservative, never wrong): the writes of
// every database of the server, not only the store's (the snapshot is
// the server's), ANALYZE and autovacuum's ANALYZE (which write
// statistics in a transaction), an aborted write.
//
// The watch remembers the versions read after the last snapshot it saw,
// by name. It holds its mutex only to look up and store them, not for
// the round trips (which run on connections of the pool, side by side):
// a version is stored only under the snapshot read just before it, and
// returned to a caller that read that same snapshot. That version was
// read between two reads of one snapshot (the storing caller's and this
// caller's, in either order), so it is the version of the data as this
// caller's call found it, at some moment between its start and its end:
// a cache that reads its version again after building a value
// (pagecache.go) and keeps the value only if the two are equal keeps the
// same guarantee as on SQLite.
//
// Within a transaction, whose own writes are not committed, nothing is
// remembered (see Store.snapshotWatched). The statement, with no table
// and no parameter, is kept prepared by pgx's statement cache on each
// connection; no migration can change its result type.
type snapshotWatch struct {
	mu       sync.Mutex
	seen     string // the snapshot the versions were read after
	versions map[string]string
}

// snapshotSQL reads the snapshot the watch compares, as text
// ("xmin:xmax:xip,...@start"), in one round trip.
//
// A snapshot alone can repeat when the server's history does not go on
// from the one it was read in: after a crash with synchronous_commit=off
// (the transactions last reported committed are lost, and their IDs are
// given again to other writes), or when a standby that lagged behind is
// promoted (it goes on from an older snapshot). Either starts a new
// server process, so the snapshot is joined to the moment the server
// started (pg_postmaster_start_time(), in seconds since 1970 with its
// microseconds, whatever the session's time zone), which a restart
// changes. What this leaves: a point-in-time restore also starts a new
// server, and is caught the same way, unless the restored server starts
// at the same microsecond as one a replica has read before (a clock set
// back); replicas that have run across a restore of the database are
// best restarted, which empties their caches.
const snapshotSQL = `SELECT pg_current_snapshot()::text || '@' || extract(epoch FROM pg_postmaster_start_time())::text`

// currentSnapshot reads the server's snapshot on db.
func currentSnapshot(db *gorm.DB) (string, error) {
	var snap string
	err := db.Raw(snapshotSQL).Scan(&snap).Error
	return snap, err
}

// version returns the version named key, which read computes on db: the
// one read after the current snapshot was last seen, or else read now.
func (w *snapshotWatch) version(db *gorm.DB, key string, read func(*gorm.DB) (string, error)) (string, error) {
	snap, err := currentSnapshot(db)
	if err != nil {
		return "", err
	}
	w.mu.Lock()
	if snap != w.seen || len(w.versions) >= watchedVersions {
		w.seen, w.versions = snap, make(map[string]string)
	}
	v, ok := w.versions[key]
	w.mu.Unlock()
	if ok {
		return v, nil
	}
	if v, err = read(db); err != nil {
		return "", err
	}
	w.mu.Lock()
	if w.seen == snap {
		w.versions[key] = v
	}
	w.mu.Unlock()
	return v, nil
}

// snapshotWatched returns the version named key that read computes on
// PostgreSQL: through the snapshot watch, else (within a transaction,
// whose own writes change no snapshot) read on the transaction's
// session.
func (s *Store) snapshotWatched(ctx context.Context, key string, read func(*gorm.DB) (string, error)) (string, error) {
	if s.inTx {
		return read(s.db.WithContext(ctx))
	}
	return s.snap.version(s.db.WithContext(ctx), key, read)
}
