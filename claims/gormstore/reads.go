package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/claimdesk/claimdesk/claims"
)

// preparedReads are statements prepared once per Store for the reads an
// API serves most: reading one claim by its ID is a primary-key lookup
// that gorm's statement building and reflection would otherwise cost
// several times over.
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

// readClaim reads the claim row with the given ID into r, or returns a
// not-found error.
func (s *Store) readClaim(ctx context.Context, id string, r *claimRow) error {
	var row *sql.Row
	if s.inTx || s.reads == nil {
		row = s.db.WithContext(ctx).Raw(claimByIDSQL[s.dialect]+"?", id).Row()
	} else {
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
		q = claimByIDSQL[s.dialect] + "$1"
	}
	st, err := s.sqlDB.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.claim.Store(st)
	return st, nil
}
