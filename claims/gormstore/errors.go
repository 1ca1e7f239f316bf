package gormstore

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

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
	}
	return fmt.Errorf("gormstore: %s: %w", what, err)
}

// stale is the error of a write whose version is out of date.
func stale(kind, id string, current int) error {
	return claims.Errorf(claims.CodeStale,
		"%s %q was changed by someone else (it is now at version %d): reload it and apply your change again", kind, id, current)
}
