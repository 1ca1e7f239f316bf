package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/cache"
)

var _ claims.Store = (*Store)(nil)

// Store is a claims.Store backed by gorm. It is safe for concurrent use.
type Store struct {
	db      *gorm.DB
	sqlDB   *sql.DB
	dialect dialect
	// writer is a one-slot semaphore that serialises writers on SQLite;
	// nil on PostgreSQL, whose row locks and conditional updates suffice.
	writer chan struct{}
	// walks is a one-slot semaphore held by a count of facets under a
	// filter by conflict on SQLite while it holds its set of the claims
	// in conflict (facetsByConflict), so that the server holds one such
	// set at a time; nil on PostgreSQL. Shared with the copies bound to a
	// transaction.
	walks chan struct{}
	inTx  bool
	// dirty collects the topics to recompute before the transaction of
	// an Atomically call commits; nil outside one.
	dirty *dirtySet
	// topics caches large topics prepared for relations computed on
	// demand (see PreparedTopic).
	topics *topicCache
	now    func() time.Time
	log    *slog.Logger
	// lockWait bounds how long a write waits for the database's write
	// lock (the writer slot and busy timeout on SQLite, lock_timeout on
	// PostgreSQL) before it fails with claims.CodeUnavailable.
	lockWait time.Duration
	// replans bounds the attempts of a write that fail on a statement
	// prepared before another replica's migration (see retryBudget): the
	// pool's size plus one on PostgreSQL.
	replans int
	// packs says whether the database has the functions the raw claim
	// export packs rows with (see export_fast.go), found once at Open.
	packs bool
	// reads holds the prepared statements of the hottest reads (see
	// FindClaim) on SQLite; shared by the copies of a Store bound to a
	// transaction, which do not use them. nil on PostgreSQL (see
	// readClaim).
	reads *preparedReads
	// hot keeps the statements of the hot reads prepared on SQLite (see
	// hotReader); nil on PostgreSQL and with WithPreparedReads(false).
	// Shared with the copies bound to a transaction, which do not use it.
	hot   *hotStmts
	noHot bool // WithPreparedReads(false)
	// loadJournal is WithLoadJournal; walOnClose is the path of the
	// SQLite file Open created with a rollback journal, which Close turns
	// to WAL, or "".
	loadJournal bool
	walOnClose  string
	// groups keeps the ranked topics, sources and claimants of a search
	// on SQLite, by FTS5 table and query, at the version of the table's
	// index (see searchGroups); nil on PostgreSQL. Shared with the copies
	// bound to a transaction, which do not use it.
	groups *cache.Cache[string, []scored]
	// watch reads the versions of the caches without the pool while no
	// commit has been made (see commitWatch); nil on PostgreSQL and for
	// a database in memory. Shared with the copies bound to a
	// transaction, which do not use it.
	watch *commitWatch
	// snap remembers the versions of the caches on PostgreSQL, read
	// again only once a commit has changed the server's snapshot (see
	// snapshotWatch); nil on SQLite. Shared with the copies bound to a transaction, which do
	// not use it.
	snap *snapshotWatch
}

// hotReader returns the session a hot read (a listing, the conflicts and
// their sides) runs in: on SQLite one whose statements hotStmts keeps
// prepared, a parse and plan saved on every request. Not on PostgreSQL:
// a statement kept prepared there fails with "cached plan must not change
// result type" once a migration alters a table it reads. In a
// transaction, the transaction's own.
func (s *Store) hotReader(ctx context.Context) *gorm.DB {
	db := s.db.WithContext(ctx)
	if s.hot != nil && !s.inTx {
		db.Statement.ConnPool = hotPool{s.hot}
	}
	return db
}

// ReadConns is how many reads the store serves at once: the connections
// of its pool less those kept for writes (on SQLite, where one write runs
// at a time, max(4, GOMAXPROCS) and one more; on PostgreSQL, where writes
// to different topics run side by side, a quarter of the pool). A caller that keeps its
// concurrent reads within it (the API's read gate) lets database/sql hand
// every freed connection to the only waiter there is, a write's, instead
// of to a random one of a crowd.
func (s *Store) ReadConns() int {
	if s.dialect == dialectPostgres {
		return postgresMaxConns - postgresWriteConns
	}
	return max(4, runtime.GOMAXPROCS(0))
}

type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

// An Option configures Open.
type Option func(*Store)

// WithLogger sets the logger that receives slow queries and database
// errors. The default discards them.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// WithLockWait sets how long a write may wait for the database's locks
// before it fails with claims.CodeUnavailable (default 5 s).
func WithLockWait(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.lockWait = d
		}
	}
}

// WithPreparedReads sets whether the hot reads keep their statements
// prepared on SQLite (see hotReader; the default); PostgreSQL never does.
// Without, benchmarks measure what they save.
func WithPreparedReads(on bool) Option { return func(s *Store) { s.noHot = !on } }

// WithLoadJournal is for a command that opens a SQLite file to fill it,
// as claimdesk import does: when Open creates the file (it did not exist
// or was empty) and no other process has it open, the store keeps it in
// rollback-journal mode (DELETE) instead of WAL until Close, which turns
// it to WAL, the mode every other Open keeps a database in. An import's
// one transaction then writes its pages into the file, where in WAL mode
// it writes every page to the WAL, reads the uncommitted ones back
// through the WAL's index, and the commit copies them all into the file
// again (the checkpoint). At a million claims the import took 0.69x-0.93x
// the wall time and 0.81x-0.86x the CPU (cmd/claimdesk-load/RESULTS.md).
// It is as atomic: the journal keeps the pages the transaction changed,
// and a crash leaves it beside the file for the next connection to roll
// back, which cuts the file back to its size before (the empty schema);
// the file without its journal is not a database until then. Commits sync
// the directory too (see useLoadJournal). The cost: while the import's
// transaction is open the file is its alone; another connection waits
// for it up to the lock wait, where in WAL mode it reads what was
// committed before. A file that exists keeps its WAL mode, since a server
// may be using it, and so does a DSN that names a journal mode.
func WithLoadJournal() Option { return func(s *Store) { s.loadJournal = true } }

// WithNow sets the clock used for CreatedAt and UpdatedAt, for tests.
func WithNow(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// sqliteParams are added to a SQLite DSN unless it sets them itself. With
// _txlock=immediate every transaction takes the write lock when it begins,
// so a reader can never need to upgrade to a writer halfway (the case a
// busy timeout cannot resolve).
var sqliteParams = [][2]string{
	{"_foreign_keys", "on"},
	{"_journal_mode", "WAL"},
	{"_txlock", "immediate"},
	// FULL: an acknowledged write survives a power loss, not only a crash
	// of the process (NORMAL in WAL mode may lose the last commits).
	{"_synchronous", "FULL"},
}

// IsPostgresDSN reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLiteFile returns the path of the file the SQLite DSN dsn names, as
// SQLite reads it: a path, or a "file:" URI's path with its escapes
// decoded ("file:///data/my%20db.db" is "/data/my db.db"); "" for a
// PostgreSQL URL or a database in memory.
func SQLiteFile(dsn string) string {
	if IsPostgresDSN(dsn) {
		return ""
	}
	path, query, _ := strings.Cut(dsn, "?")
	uri, ok := strings.CutPrefix(path, "file:")
	if !ok {
		if path == ":memory:" {
			return ""
		}
		return path
	}
	if uri == ":memory:" || strings.Contains(query, "mode=memory") {
		return ""
	}
	if rest, ok := strings.CutPrefix(uri, "//"); ok {
		uri = strings.TrimPrefix(rest, "localhost") // file:///abs, file://localhost/abs
	}
	if p, err := url.PathUnescape(uri); err == nil {
		uri = p
	}
	return uri
}

// probeSQLite opens a connection to the SQLite database of dsn, as the
// pool would, and closes it.
func probeSQLite(ctx context.Context, dsn string) error {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

// editSQLiteParams returns the SQLite DSN dsn with its connection
// parameters changed by edit.
func editSQLiteParams(dsn string, edit func(q url.Values)) string {
	path, query, _ := strings.Cut(dsn, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		q = url.Values{}
	}
	edit(q)
	return path + "?" + q.Encode()
}

// useLoadJournal turns the SQLite file of dsn, which Open has just
// created, to the rollback journal (see WithLoadJournal) and returns the
// pool's DSN for it: its connections keep the file's mode rather than ask
// for WAL, and each commit also syncs the directory (synchronous EXTRA),
// since in DELETE mode a commit is the journal's deletion, which FULL
// leaves unsynced, and a power loss could bring the journal back and roll
// the import back after its report. Where the caller's DSN names a
// journal mode, or another process has the file open already (two
// commands started on a new file together), the file stays in WAL mode
// and pool is returned as it is.
func (s *Store) useLoadJournal(dsn, pool string) string {
	path, query, _ := strings.Cut(dsn, "?")
	own, _ := url.ParseQuery(query)
	if own.Get("_journal_mode") != "" || own.Get("_journal") != "" {
		return pool
	}
	if err := setJournalMode(path, s.lockWait, "delete"); err != nil {
		s.log.Debug("a new database stays in WAL mode for the import", slog.String("reason", err.Error()))
		return pool
	}
	s.walOnClose = path
	return editSQLiteParams(pool, func(q url.Values) {
		q.Del("_journal_mode")
		if own.Get("_synchronous") == "" && own.Get("_sync") == "" {
			q.Set("_synchronous", "EXTRA")
		}
	})
}

// lockedOut words an error of opening a SQLite file that another process
// holds locked past the lock wait as claims.CodeUnavailable, saying what
// holds it most likely; other errors are returned as they are.
func lockedOut(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrBusy {
		return err
	}
	// The driver's own words ("database is locked") are not kept as the
	// cause: Error would repeat them after the message.
	return &claims.Error{Code: claims.CodeUnavailable,
		Message: "the database is locked by another process, such as an import into a new file, which holds it until it commits: try again once it is done"}
}

// untilUnlocked calls open again while it fails because a SQLite file is
// locked, for up to wait, and returns its last error. A connection asks
// for WAL mode as it opens, and SQLite refuses at once, without a busy
// wait, while another process holds a file it is filling with a
// rollback journal (WithLoadJournal): a command started then waits for
// the file as it would for the write lock.
func untilUnlocked(wait time.Duration, open func() error) error {
	deadline := time.Now().Add(wait)
	for {
		err := open()
		var se sqlite3.Error
		if err == nil || !errors.As(err, &se) || se.Code != sqlite3.ErrBusy || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sqliteDSN adds the connection parameters claimdesk relies on to a SQLite
// file path, keeping any the caller set.
func sqliteDSN(dsn string, lockWait time.Duration) string {
	return editSQLiteParams(dsn, func(q url.Values) {
		if q.Get("_busy_timeout") == "" {
			q.Set("_busy_timeout", strconv.FormatInt(lockWait.Milliseconds(), 10))
		}
		for _, p := range sqliteParams {
			if q.Get(p[0]) == "" {
				q.Set(p[0], p[1])
			}
		}
	})
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL,
// or else the path of a SQLite file, created if missing. It does not
// migrate: call Migrate.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, lockWait: defaultLockWait, topics: newTopicCache(topicCacheBytes)}
	for _, o := range opts {
		o(s)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var dial gorm.Dialector
	var poolDSN string // SQLite's, with the parameters of every connection
	if IsPostgresDSN(dsn) {
		s.dialect = dialectPostgres
		dial = postgres.New(postgres.Config{DSN: dsn, OptionOpenDB: postgresConnOptions()})
	} else {
		if dsn == "" {
			return nil, errors.New("gormstore: open: empty database path")
		}
		s.dialect = dialectSQLite
		var created bool
		err := untilUnlocked(s.lockWait, func() (err error) {
			created, err = createSQLite(ctx, dsn, s.lockWait)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("gormstore: create %s: %w", dsn, lockedOut(err))
		}
		poolDSN = sqliteDSN(dsn, s.lockWait)
		if created && s.loadJournal {
			poolDSN = s.useLoadJournal(dsn, poolDSN)
		}
		s.writer = make(chan struct{}, 1)
		s.walks = make(chan struct{}, 1)
		dial = sqlite.Open(poolDSN)
	}
	var db *gorm.DB
	err := untilUnlocked(s.lockWait, func() error {
		if poolDSN != "" {
			// A connection of the pool's, opened and closed: waiting
			// for the file this way logs nothing, where gorm.Open logs
			// each failure.
			if err := probeSQLite(ctx, poolDSN); err != nil {
				return err
			}
		}
		// Another process may take the file again between the two
		// (the probe's connection closed, another command's import
		// begins): then both are tried again.
		var err error
		db, err = gorm.Open(dial, &gorm.Config{
			TranslateError:         true,
			SkipDefaultTransaction: true, // writes use explicit transactions
			Logger:                 newGormLogger(s.log, dsn),
			NowFunc:                s.clock,
		})
		if err != nil && db != nil {
			if sqlDB, e := db.DB(); e == nil {
				sqlDB.Close()
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("gormstore: open: %w", lockedOut(err))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("gormstore: open: %w", err)
	}
	if s.dialect == dialectSQLite {
		// Writers are serialised by the writer slot; the pool holds
		// one connection for it beside ReadConns for reads.
		sqlDB.SetMaxOpenConns(s.ReadConns() + 1)
		sqlDB.SetMaxIdleConns(s.ReadConns() + 1)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		sqlDB.SetMaxOpenConns(postgresMaxConns)
		s.replans = postgresMaxConns + 1
		sqlDB.SetMaxIdleConns(postgresIdleConns)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		// Reads outside a transaction survive another replica's
		// migration (see replanPool).
		db.ConnPool = newReplanPool(sqlDB, postgresMaxConns)
		db.Statement.ConnPool = db.ConnPool
		s.snap = &snapshotWatch{}
	}
	s.db, s.sqlDB = db, sqlDB
	if s.dialect == dialectSQLite {
		s.reads = &preparedReads{}
		s.groups = cache.New[string, []scored](searchGroupsBytes)
		if !s.noHot {
			s.hot = newHotStmts(sqlDB)
		}
		s.watch = newCommitWatch(sqlDB.Driver(), poolDSN)
	}
	if err := s.Ping(ctx); err != nil {
		s.watch.close()
		sqlDB.Close()
		return nil, err
	}
	if s.packs, err = canPack(ctx, db, s.dialect); err != nil {
		s.watch.close()
		sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// canPack reports whether the database has concat and octet_length, which
// the raw claim export packs rows with: PostgreSQL has, SQLite from 3.44.
func canPack(ctx context.Context, db *gorm.DB, d dialect) (bool, error) {
	if d == dialectPostgres {
		return true, nil
	}
	var v string
	if err := db.WithContext(ctx).Raw("SELECT sqlite_version()").Scan(&v).Error; err != nil {
		return false, translate(err, "read the SQLite version")
	}
	return sqliteAtLeast(v, 3, 44), nil
}

// sqliteAtLeast reports whether version v ("3.46.1") is major.minor or later.
func sqliteAtLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || (ma == major && mi >= minor)
}

// clock returns the current time as stored: UTC, to the microsecond, which
// both SQLite and PostgreSQL keep exactly.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Close closes the statements the store keeps prepared, then the
// database.
func (s *Store) Close() error {
	if s.inTx {
		return errors.New("gormstore: close: store is bound to a transaction")
	}
	err := s.reads.close()
	if s.hot != nil {
		err = errors.Join(err, s.hot.close())
	}
	err = errors.Join(err, s.watch.close())
	if err = errors.Join(err, s.sqlDB.Close()); err != nil {
		return fmt.Errorf("gormstore: close: %w", err)
	}
	if s.walOnClose != "" {
		// Not an error of Close: what was written has been committed,
		// and the next Open turns the file to WAL all the same.
		if err := setJournalMode(s.walOnClose, s.lockWait, "wal"); err != nil {
			s.log.Warn("could not turn the database to WAL mode after the import; the next claimdesk to open it will",
				slog.String("db", s.walOnClose), slog.String("error", err.Error()))
		}
	}
	return nil
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return translate(err, "ping")
	}
	return nil
}

// Atomically runs fn with a Store bound to one transaction: everything fn
// writes commits when it returns nil and is rolled back otherwise. Calls
// made on a Store that Atomically handed out reuse its transaction. A
// transaction PostgreSQL aborts as a serialization failure, a deadlock or
// a stale prepared statement (see stalePlan) is rolled back and fn runs
// again from the start, as other writes do (see write.go), so fn must not
// act outside the transaction.
func (s *Store) Atomically(ctx context.Context, fn func(tx claims.Store) error) error {
	if s.inTx {
		return fn(s)
	}
	err := s.writeWhole(ctx, func(tx *gorm.DB) error {
		txs := *s
		txs.db, txs.inTx, txs.dirty = tx, true, dirtyOf(tx)
		return fn(&txs)
	})
	if busy(err) {
		// The database's lock, not fn, failed the transaction (at BEGIN,
		// a statement of the store's own or COMMIT): a 503, not a 500.
		return translate(err, "write")
	}
	return err
}
