package gormstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

// PostgreSQL error codes (SQLSTATE) the write path handles.
const (
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgLockNotAvailable     = "55P03" // lock_timeout expired
	pgFeatureNotSupported  = "0A000" // among others, a stale prepared statement (stalePlan)
)

// stalePlan reports whether err is PostgreSQL's refusal to run a statement
// prepared on a connection before a change to the tables it reads (a
// column added or dropped, as another replica's migration does) changed
// the columns it returns: "cached plan must not change result type". The
// code 0A000 says only "feature not supported"; the message, or the
// routine that raises it when the server's messages are translated, says
// which. pgx forgets the statement after the error, so the statement
// runs again prepared afresh.
func stalePlan(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == pgFeatureNotSupported &&
		(pe.Message == "cached plan must not change result type" || pe.Routine == "RevalidateCachedQuery")
}

// retryable reports whether err aborted a transaction that may succeed if
// run again: a serialization failure, a deadlock or a stale prepared
// statement (stalePlan) on PostgreSQL.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == pgSerializationFailure || pe.Code == pgDeadlockDetected) ||
		stalePlan(err)
}

// busy reports whether err says the database could not be had in time: a
// lock wait that timed out (SQLITE_BUSY, SQLITE_LOCKED, PostgreSQL's
// lock_timeout) or a transaction still colliding after every retry.
func busy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	var pe *pgconn.PgError
	return retryable(err) || errors.As(err, &pe) && pe.Code == pgLockNotAvailable
}

// unavailable returns a CodeUnavailable error: the write may succeed if
// sent again a little later.
func unavailable(format string, args ...any) error {
	return claims.Errorf(claims.CodeUnavailable, "the database is busy: "+format+": try again shortly", args...)
}

// translate turns a gorm or driver error into a claims error. what names
// the operation, such as "create claim". The messages of the errors it
// returns never contain SQL: the cause is kept in Err, for logs.
func translate(err error, what string) error {
	var ce *claims.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.Is(err, gorm.ErrRecordNotFound):
		return &claims.Error{Code: claims.CodeNotFound, Message: what + ": record not found", Err: err}
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return &claims.Error{Code: claims.CodeConflict, Message: what + ": a record with that ID already exists", Err: err}
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return &claims.Error{Code: claims.CodeInvalid, Message: what + ": a referenced record does not exist or is still referenced", Err: err}
	case busy(err):
		return &claims.Error{Code: claims.CodeUnavailable, Message: what + ": the database is busy: try again shortly", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &claims.Error{Code: claims.CodeUnavailable, Message: what + ": the database did not answer in time: try again shortly", Err: err}
	}
	return fmt.Errorf("gormstore: %s: %w", what, err)
}

// stale is the error of a write whose version is out of date.
func stale(kind, id string, current int) error {
	return claims.Errorf(claims.CodeStale,
		"%s %q was changed by someone else (it is now at version %d): reload it and apply your change again", kind, id, current)
}
