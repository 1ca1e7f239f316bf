package service

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// Accounts writes users through validation before their store persists
// them; reads and tokens pass through. The API and the CLI's account
// commands use it, so a user is checked in one place.
type Accounts struct {
	claims.Accounts
}

var _ claims.Accounts = Accounts{}

// NewAccounts returns the accounts of store, written through the service.
// A store already wrapped is returned as it is.
func NewAccounts(store claims.Accounts) Accounts {
	if a, ok := store.(Accounts); ok {
		return a
	}
	return Accounts{store}
}

// CreateUser validates a new user (name and role, CodeInvalid naming the
// field) and stores it; a name in use is the store's CodeConflict.
func (a Accounts) CreateUser(ctx context.Context, u *claims.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return a.Accounts.CreateUser(ctx, u)
}

// UpdateUser validates a user and stores its role, disabled flag and
// password hash.
func (a Accounts) UpdateUser(ctx context.Context, u *claims.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return a.Accounts.UpdateUser(ctx, u)
}
