package gormstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"sync"

	"gorm.io/gorm"
)

// The commit watch
//
// A cached read (a search asked again, the first page of a listing or of
// the conflicts) reads the version it was cached at before it answers: one statement, which
// takes a connection of the pool, and with 64 clients on a few
// connections the wait for one, not the statement, is most of such a
// request's time. On SQLite, PRAGMA data_version, asked again on one
// connection, changes whenever any other connection, of this process or
// another, has committed since it was last asked (and not for the
// connection's own commits, of which the watch's connection makes none).
// So a store keeps one connection of its own, outside the pool, on which
// it asks that pragma, and runs a version's statement only when the
// pragma has changed since that version was last read; otherwise the
// version read then is still the version now.
//
// Order: the pragma is read before the version's statement, both on the
// watch's connection under its mutex. A commit before the pragma's read
// is in the version read after it; a commit after it changes the pragma
// that the next read compares. A version is therefore never older than
// the last commit the pragma saw, and a cache that reads its version
// again after building a value (pagecache.go) keeps the same guarantee.
//
// The connection is opened on the store's file with the store's
// parameters and query_only, so it can make no commit of its own (which
// the pragma would not report). If any of its statements fails the
// connection is closed and every remembered version forgotten: a new
// connection's data_version starts afresh and must not be compared with
// the old one's. Not for a database in memory, which a second connection
// would not share (a store then reads its versions from the pool, as
// before).
type commitWatch struct {
	db *sql.DB // one connection at most, never idle-closed

	mu       sync.Mutex
	conn     *sql.Conn // nil until first used, and after a failure
	pragma   *sql.Stmt // PRAGMA data_version, prepared on conn
	seen     int64     // data_version when the versions were read
	versions map[string]string
}

// watchedVersions bounds the versions a watch remembers between commits
// (they are forgotten at each commit and when the bound is reached): the
// search's, the data version and topics' versions, some 50 bytes each.
const watchedVersions = 1024

// newCommitWatch returns the watch of the SQLite file dsn (with the
// store's parameters) opened through drv, or nil for a database in
// memory.
func newCommitWatch(drv driver.Driver, dsn string) *commitWatch {
	path, _, _ := strings.Cut(dsn, "?")
	if path == "" || strings.Contains(path, ":memory:") || strings.Contains(dsn, "mode=memory") {
		return nil
	}
	db := sql.OpenDB(dsnConnector{drv: drv, dsn: dsn + "&_query_only=1"})
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	return &commitWatch{db: db}
}

// dsnConnector opens connections of a DSN through a driver (sql.OpenDB
// needs a driver.Connector; the driver's registered name is gorm's to
// choose).
type dsnConnector struct {
	drv driver.Driver
	dsn string
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

// version returns the version named key, which read computes on the
// session it is given (base on the watch's connection): the one read
// since the last commit of any other connection, or else read now.
func (w *commitWatch) version(ctx context.Context, key string, base *gorm.DB, read func(*gorm.DB) (string, error)) (string, error) {
	// Not cancelled with the request: go-sqlite3 reads each row of a
	// statement whose context can end on a goroutine of its own (to
	// interrupt it), a cost the CPU profile of cached searches showed;
	// the watch's statements read a few rows and, in WAL mode, do not
	// wait for writers.
	ctx = context.WithoutCancel(ctx)
	w.mu.Lock()
	defer w.mu.Unlock()
	db, err := w.session(ctx, base)
	if err != nil {
		return "", err
	}
	var now int64
	if err := w.pragma.QueryRowContext(ctx).Scan(&now); err != nil {
		w.reset()
		return "", err
	}
	if now != w.seen || len(w.versions) >= watchedVersions {
		clear(w.versions)
		w.seen = now
	}
	if v, ok := w.versions[key]; ok {
		return v, nil
	}
	v, err := read(db)
	if err != nil {
		w.reset()
		return "", err
	}
	w.versions[key] = v
	return v, nil
}

// session returns base bound to the watch's connection, opening it
// first if need be. w.mu is held.
func (w *commitWatch) session(ctx context.Context, base *gorm.DB) (*gorm.DB, error) {
	if w.conn == nil {
		conn, err := w.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		st, err := conn.PrepareContext(ctx, "PRAGMA data_version")
		if err != nil {
			conn.Close()
			return nil, err
		}
		w.conn, w.pragma, w.versions = conn, st, make(map[string]string)
	}
	db := base.WithContext(ctx)
	db.Statement.ConnPool = w.conn
	return db, nil
}

// reset closes the watch's connection and forgets what it read. w.mu is
// held.
func (w *commitWatch) reset() {
	if w.conn != nil {
		w.pragma.Close()
		w.conn.Close()
	}
	w.conn, w.pragma, w.versions = nil, nil, nil
}

// close closes the watch's connection and database.
func (w *commitWatch) close() error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.pragma.Close()
		w.conn.Close()
		w.conn = nil
	}
	return w.db.Close()
}

// watched returns the version named key that read computes: through the
// commit watch when the store has one, else on the hot reads' session
// (a connection of the pool). Not within a transaction, whose own
// writes the watch does not see.
func (s *Store) watched(ctx context.Context, key string, read func(*gorm.DB) (string, error)) (string, error) {
	if s.watch == nil || s.inTx {
		return read(s.hotReader(ctx))
	}
	return s.watch.version(ctx, key, s.db, read)
}
