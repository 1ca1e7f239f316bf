package gormstore_test

import (
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// TestAccounts stores users and tokens and finds tokens by hash.
func TestAccounts(t *testing.T) {
	old := claims.PasswordCost
	claims.PasswordCost = bcrypt.MinCost
	t.Cleanup(func() { claims.PasswordCost = old })
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := t.Context()
		if n, a, err := s.CountUsers(ctx); err != nil || n != 0 || a != 0 {
			t.Fatalf("CountUsers on an empty database = %d, %d, %v", n, a, err)
		}
		u := &claims.User{Name: "ann", Role: claims.RoleAdmin}
		if err := u.SetPassword("a long enough password"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, &claims.User{Name: "ann", Role: claims.RoleViewer}); claims.ErrorCode(err) != claims.CodeConflict {
			t.Errorf("a second ann: %v, want conflict", err)
		}
		if err := service.NewAccounts(s).CreateUser(ctx, &claims.User{Name: "bob", Role: "boss"}); claims.ErrorCode(err) != claims.CodeInvalid {
			t.Errorf("role boss: %v, want invalid", err)
		}
		got, err := s.FindUser(ctx, "ann")
		if err != nil || !got.CheckPassword("a long enough password") || got.CheckPassword("a wrong password") {
			t.Fatalf("FindUser = %+v, %v; the password must check", got, err)
		}
		secret, hash := claims.NewSecret()
		exp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		tok := &claims.Token{UserID: u.ID, Kind: claims.TokenAPI, Name: "ci", Hash: hash, ExpiresAt: exp}
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		ft, fu, err := s.FindToken(ctx, claims.HashSecret(secret))
		if err != nil || ft.ID != tok.ID || !ft.ExpiresAt.Equal(exp) || ft.RevokedAt != nil || fu.Name != "ann" {
			t.Fatalf("FindToken = %+v, %+v, %v", ft, fu, err)
		}
		if _, _, err := s.FindToken(ctx, claims.HashSecret(secret+"x")); claims.ErrorCode(err) != claims.CodeNotFound {
			t.Errorf("FindToken of another secret: %v, want not found", err)
		}
		if err := s.RevokeToken(ctx, tok.ID, exp); err != nil {
			t.Fatal(err)
		}
		if ft, _, _ := s.FindToken(ctx, hash); ft.RevokedAt == nil || ft.Usable(exp.Add(-time.Hour)) {
			t.Errorf("a revoked token = %+v, want revoked and unusable", ft)
		}
		u.Disabled = true
		if err := s.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if n, a, err := s.CountUsers(ctx); err != nil || n != 1 || a != 0 {
			t.Errorf("CountUsers with a disabled admin = %d, %d, %v; want 1, 0", n, a, err)
		}
		ts, err := s.ListTokens(ctx, "ann")
		if err != nil || len(ts) != 1 || ts[0].UserName != "ann" || ts[0].Hash == secret {
			t.Errorf("ListTokens = %+v, %v", ts, err)
		}
	})
}

func TestRedactDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://u:hunter2@db/x", "postgres://u:***@db/x"},
		{"postgres://u@db/x?password=hunter2", "postgres://u@db/x?password=***"},
		{"user=u password=hunter2 host=db", "user=u password=*** host=db"},
		{"claimdesk.db", "claimdesk.db"},
	} {
		if got := gormstore.RedactDSN(tc.in); got != tc.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
