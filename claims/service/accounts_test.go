package service

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// usersFake records the users that reach it.
type usersFake struct {
	claims.Accounts // nil: a call the test does not expect panics
	got             []string
}

func (f *usersFake) CreateUser(_ context.Context, u *claims.User) error {
	f.got = append(f.got, "create "+u.Name)
	return nil
}

func (f *usersFake) UpdateUser(_ context.Context, u *claims.User) error {
	f.got = append(f.got, "update "+u.Name)
	return nil
}

func TestAccountsValidateBeforePersisting(t *testing.T) {
	f := &usersFake{}
	a := NewAccounts(f)
	ctx := context.Background()
	if err := a.CreateUser(ctx, &claims.User{Name: "ann", Role: claims.RoleAnalyst}); err != nil {
		t.Fatal(err)
	}
	if err := a.CreateUser(ctx, &claims.User{Name: "bob", Role: "boss"}); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("role boss: %v, want invalid", err)
	}
	if err := a.UpdateUser(ctx, &claims.User{Name: "ann", Role: "boss"}); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("update to role boss: %v, want invalid", err)
	}
	if len(f.got) != 1 || f.got[0] != "create ann" {
		t.Errorf("the store got %v, want only ann's creation", f.got)
	}
	if NewAccounts(a) != a {
		t.Error("wrapping accounts twice gives another value")
	}
}
