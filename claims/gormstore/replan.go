package gormstore

import (
	"context"
	"database/sql"
)

// replanPool is the gorm connection pool of a PostgreSQL store outside a
// transaction: a read that fails because a statement pgx kept prepared
// on its connection no longer matches the tables it reads (stalePlan:
// another replica's migration added or dropped a column) runs again.
// pgx forgets the statement of a query that failed, so the read prepares
// it afresh on that connection; another connection of the pool may hold
// a stale one too, so a read runs at most once per connection the pool
// may open, and once more. A read that failed this way did nothing, so
// running it again is safe. Transactions begin on the database itself:
// a statement that fails in one aborts it, and the write path runs the
// whole transaction again (see retryable).
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
		if err == nil || attempt >= p.attempts || !stalePlan(err) {
			return rows, err
		}
	}
}

func (p replanPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	for attempt := 1; ; attempt++ {
		row := p.db.QueryRowContext(ctx, q, args...)
		if attempt >= p.attempts || !stalePlan(row.Err()) {
			return row
		}
	}
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
