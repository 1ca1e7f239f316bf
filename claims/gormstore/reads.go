package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/claimdesk/claimdesk/claims"
)

// preparedReads are statements prepared once per Store, on SQLite, for
// the reads an API serves most: reading one claim by its ID is a
// primary-key lookup that gorm's statement building and reflection would
// otherwise cost several times over. Not on PostgreSQL: pgx names a
// statement prepared through database/sql after its text, so once another
// replica's migration changes the type of a column it reads, preparing it
// again on a connection finds the stale one, and the read would fail there
// for good ("cached plan must not change result type"). The plain query
// runs through pgx's own statement cache, which forgets a statement that
// failed so, and through replanPool, which runs the read again.
type preparedReads struct {
	mu    sync.Mutex // held while preparing
	claim atomic.Pointer[sql.Stmt]
}

// claimByIDSQL reads the columns claimRow.domain needs, from the table's
// one declaration, by dialect (see readSelect).
var claimByIDSQL = [...]string{
	dialectSQLite:   "SELECT " + claimCols.readSelect(dialectSQLite, "") + " FROM claims WHERE id = ",
	dialectPostgres: "SELECT " + claimCols.readSelect(dialectPostgres, "") + " FROM claims WHERE id = ",
}

// claimByIDPostgres is the claim read on PostgreSQL as gorm would send it.
var claimByIDPostgres = claimByIDSQL[dialectPostgres] + "$1"

// readClaim reads the claim row with the given ID into r, or returns a
// not-found error: through the statement s.reads keeps on SQLite, as a
// plain query on PostgreSQL and in a transaction.
func (s *Store) readClaim(ctx context.Context, id string, r *claimRow) error {
	var row *sql.Row
	switch {
	case s.inTx:
		row = s.db.WithContext(ctx).Raw(claimByIDSQL[s.dialect]+"?", id).Row()
	case s.reads == nil:
		// PostgreSQL: replanPool, without gorm's statement building.
		row = s.db.Statement.ConnPool.QueryRowContext(ctx, claimByIDPostgres, id)
	default:
		st, err := s.reads.claimStmt(ctx, s)
		if err != nil {
			return translate(err, "find claim")
		}
		row = st.QueryRowContext(ctx, id)
	}
	err := row.Scan(claimCols.readDest(r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return claims.NotFound("claim", id)
	}
	if err != nil {
		return translate(err, "find claim")
	}
	return nil
}

func (p *preparedReads) claimStmt(ctx context.Context, s *Store) (*sql.Stmt, error) {
	if st := p.claim.Load(); st != nil {
		return st, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.claim.Load(); st != nil {
		return st, nil
	}
	q := claimByIDSQL[s.dialect] + "?"
	if s.dialect == dialectPostgres {
		q = claimByIDPostgres
	}
	st, err := s.sqlDB.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.claim.Store(st)
	return st, nil
}

// maxHotStatements bounds the statements hotStmts keeps prepared. The
// texts it is given are few by construction (a listing's filters, the
// conflicts' filters, a search's filters, IN lists of a power of two,
// a search's passages: two forms a stage, of each FTS5 table, by the
// length of the IN list); a text beyond the bound runs unprepared, and
// none is ever closed before Store.Close, so no statement can be closed
// while a read uses it.
const maxHotStatements = 160

// hotStmts keeps prepared, on SQLite, the statements of the reads where
// keeping them was measured to save CPU: the conflicts listing and its
// sides, the listings (see BenchmarkHotReads in the API), and a search's
// ranking statements, passages and reads of its claims and groups' rows
// (BenchmarkSearchRequests). A statement is parsed and planned once a
// connection instead of on every request; SQLite prepares it again by
// itself when the schema changes.
// It starts no goroutine; Store.Close closes its statements.
type hotStmts struct {
	db     *sql.DB
	mu     sync.RWMutex
	stmts  map[string]*sql.Stmt
	closed bool
}

func newHotStmts(db *sql.DB) *hotStmts {
	return &hotStmts{db: db, stmts: make(map[string]*sql.Stmt)}
}

// stmt returns the statement kept for q, preparing it if there is room,
// or nil when q is to run unprepared.
func (h *hotStmts) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	h.mu.RLock()
	st, ok := h.stmts[q]
	skip := h.closed || len(h.stmts) >= maxHotStatements
	h.mu.RUnlock()
	if ok || skip {
		return st, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if st, ok := h.stmts[q]; ok {
		return st, nil
	}
	if h.closed || len(h.stmts) >= maxHotStatements {
		return nil, nil
	}
	st, err := h.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	h.stmts[q] = st
	return st, nil
}

// len returns how many statements h keeps.
func (h *hotStmts) len() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.stmts)
}

// close closes every statement h keeps; h keeps none after.
func (h *hotStmts) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	var errs []error
	for q, st := range h.stmts {
		errs = append(errs, st.Close())
		delete(h.stmts, q)
	}
	return errors.Join(errs...)
}

// hotPool is the gorm connection pool of the hot reads' session (see
// Store.hotReader): queries run through the statements h keeps, the rest
// as on the database.
type hotPool struct{ h *hotStmts }

func (p hotPool) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return p.h.db.PrepareContext(ctx, q)
}

func (p hotPool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return p.h.db.ExecContext(ctx, q, args...)
}

func (p hotPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := p.h.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.h.db.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (p hotPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st, err := p.h.stmt(ctx, q); err == nil && st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.h.db.QueryRowContext(ctx, q, args...)
}

// padIDs returns ids, when its length is not a power of two, padded to
// the next one with its last ID, which an IN list reads the same: the
// statement texts of IN lists up to n IDs are then log2(n)+1, not n.
func padIDs[T any](ids []T) []T {
	n := len(ids)
	if n == 0 || n&(n-1) == 0 {
		return ids
	}
	p := 1 << bits.Len(uint(n))
	out := make([]T, n, p)
	copy(out, ids)
	for len(out) < p {
		out = append(out, ids[n-1])
	}
	return out
}

// close closes the statements p keeps, if any.
func (p *preparedReads) close() error {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.claim.Swap(nil); st != nil {
		return st.Close()
	}
	return nil
}
