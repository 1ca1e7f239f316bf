package gormstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// replanPool is the gorm connection pool of a PostgreSQL store outside a
// transaction: a read that fails because a statement pgx kept prepared
// on its connection no longer matches the tables it reads (stalePlan:
// another replica's migration added or dropped a column) runs again.
// pgx forgets the statement of a query that failed, so the read prepares
// it afresh on that connection; another connection of the pool may hold
// a stale one too, so a read runs at most once per connection the pool
// may open, and once more. So does a read that database/sql gave up on
// with driver.ErrBadConn (badConn) after its own three tries: pgx closes
// a connection whose query's context is cancelled, and while many
// requests were cut off at once (wrk stopping, clients going away) a
// read whose client still waited was handed three bad connections in a
// row and answered 500 "driver: bad connection". A read that failed
// either way did nothing, so running it again is safe. Transactions
// begin on the database itself: a statement that fails in one aborts it,
// and the write path runs the whole transaction again (see retryable).
type replanPool struct {
	db       *sql.DB
	attempts int
}

// newReplanPool returns the replanPool of db, whose pool may open conns
// connections. conns is passed in, not read from db.Stats: an unlimited
// pool reports 0, which would mean no retry at all; a conns below 1 counts
// as 1, so a read always runs again at least once.
func newReplanPool(db *sql.DB, conns int) replanPool {
	return replanPool{db: db, attempts: max(conns, 1) + 1}
}

func (p replanPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	for attempt := 1; ; attempt++ {
		rows, err := p.db.QueryContext(ctx, q, args...)
		if err == nil || attempt >= p.attempts || !stalePlan(err) && !badConn(ctx, err) {
			return rows, err
		}
	}
}

func (p replanPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	for attempt := 1; ; attempt++ {
		row := p.db.QueryRowContext(ctx, q, args...)
		if err := row.Err(); attempt >= p.attempts || !stalePlan(err) && !badConn(ctx, err) {
			return row
		}
	}
}

// badConn reports whether err is database/sql's driver.ErrBadConn, which
// it returns only when the statement was not sent (see driver.ErrBadConn),
// for a read whose context is still live.
func badConn(ctx context.Context, err error) bool {
	return errors.Is(err, driver.ErrBadConn) && ctx.Err() == nil
}

func (p replanPool) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return p.db.PrepareContext(ctx, q)
}

func (p replanPool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return p.db.ExecContext(ctx, q, args...)
}

func (p replanPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return p.db.BeginTx(ctx, opts)
}

// GetDBConn lets gorm's DB method find the database.
func (p replanPool) GetDBConn() (*sql.DB, error) { return p.db, nil }

// Ping lets gorm ping the database as it does *sql.DB.
func (p replanPool) Ping() error { return p.db.Ping() }

// customPlans returns db with its statements planned for their
// parameters on PostgreSQL (customPlanPool), for a read that matches a
// full-text query; on SQLite db itself.
func (s *Store) customPlans(db *gorm.DB) *gorm.DB {
	if _, done := db.Statement.ConnPool.(customPlanPool); s.dialect == dialectPostgres && !done {
		db.Statement.ConnPool = customPlanPool{db.Statement.ConnPool}
	}
	return db
}

// customPlanPool sends a read's statements unnamed, with their
// parameters (pgx.QueryExecModeExec), so that PostgreSQL plans each for
// its values. pgx otherwise keeps every statement prepared on its
// connection, and after five runs PostgreSQL may switch a prepared
// statement to a generic plan, made without the values: it takes any
// tsquery to match 0.5% of the rows, and found the newest 2,000 matches
// of a common word in the largest topic of 150,000 claims by a bitmap
// scan of every match and a sort (42 ms) where the plan for the word
// walks the topic's index (4 ms). An unnamed statement is parsed and
// planned each time, which costs little beside a full-text read; the
// other reads stay prepared. It is for reads only: it does not begin
// transactions (gorm would run a write through it without its own).
type customPlanPool struct{ gorm.ConnPool }

func (p customPlanPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return p.ConnPool.QueryContext(ctx, q, append([]any{pgx.QueryExecModeExec}, args...)...)
}

func (p customPlanPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return p.ConnPool.QueryRowContext(ctx, q, append([]any{pgx.QueryExecModeExec}, args...)...)
}
