package gormstore_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// lockedBuffer is a log sink safe for the store's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogNeverShowsPasswordHashes makes INSERTs and UPDATEs of users fail
// while they carry a password hash, and reads what the store logged: the
// failing SQL is there, the hash is not.
func TestLogNeverShowsPasswordHashes(t *testing.T) {
	old := claims.PasswordCost
	claims.PasswordCost = bcrypt.MinCost
	t.Cleanup(func() { claims.PasswordCost = old })
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		var logged lockedBuffer
		log := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
		s := storetest.Open(t, dsn, gormstore.WithLogger(log))
		ann := &claims.User{Name: "ann", Role: claims.RoleAdmin}
		must(t, "password", ann.SetPassword("ann's first password"))
		must(t, "create ann", s.CreateUser(ctx, ann))
		must(t, "new password", ann.SetPassword("ann's second password"))
		bob := &claims.User{Name: "bob", Role: claims.RoleAnalyst}
		must(t, "password", bob.SetPassword("bob's own password"))
		// Every statement that writes the column now fails, with the hash
		// among its values.
		must(t, "rename password_hash", gormstore.Exec(ctx, s, "ALTER TABLE users RENAME COLUMN password_hash TO pw"))
		if err := s.UpdateUser(ctx, ann); err == nil {
			t.Fatal("UpdateUser without a password_hash column succeeded")
		}
		if err := s.CreateUser(ctx, bob); err == nil {
			t.Fatal("CreateUser without a password_hash column succeeded")
		}
		out := logged.String()
		for _, want := range []string{"UPDATE", "INSERT INTO", "users", "***"} {
			if !strings.Contains(out, want) {
				t.Fatalf("the log lacks %q: the failing statements were not logged as SQL:\n%s", want, out)
			}
		}
		for who, hash := range map[string]string{"ann": ann.PasswordHash, "bob": bob.PasswordHash} {
			if hash == "" || strings.Contains(out, hash) || strings.Contains(out, hash[7:]) {
				t.Errorf("the log shows %s's password hash %s:\n%s", who, hash, out)
			}
		}
	})
}
