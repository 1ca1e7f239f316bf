// Package storetest opens real gormstore databases for tests: a fresh
// SQLite file, and a fresh PostgreSQL schema when CLAIMDESK_TEST_POSTGRES
// names a server. Other packages' tests import it to run against the same
// stores as production.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// EnvPostgres is the environment variable that enables the PostgreSQL
// tests: a DSN such as
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvPostgres = "CLAIMDESK_TEST_POSTGRES"

// ForEach runs fn as the subtests "sqlite" and "postgres", each with a fresh,
// migrated store. The postgres subtest is skipped unless EnvPostgres is set.
func ForEach(t *testing.T, fn func(t *testing.T, s *gormstore.Store), opts ...gormstore.Option) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t, opts...)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t, opts...)) })
}

// ForEachDSN runs fn as the subtests "sqlite" and "postgres" with the DSN
// of a fresh, empty database, for tests that open several stores on one
// database (two replicas, or two parsers); Open opens a store on it. The
// postgres subtest is skipped unless EnvPostgres is set.
func ForEachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, filepath.Join(t.TempDir(), "claimdesk.db")) })
	t.Run("postgres", func(t *testing.T) {
		dsn, _ := PostgresDSN(t)
		fn(t, dsn)
	})
}

// Open returns a migrated store on dsn, closed when the test ends.
func Open(t testing.TB, dsn string, opts ...gormstore.Option) *gormstore.Store {
	t.Helper()
	return open(t, dsn, opts...)
}

// SQLite returns a migrated store on a new SQLite file in t.TempDir(),
// closed when the test ends.
func SQLite(t testing.TB, opts ...gormstore.Option) *gormstore.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "claimdesk.db"), opts...)
}

// Postgres returns a migrated store on a new schema of the server named by
// EnvPostgres; the schema is dropped when the test ends. It skips the test
// when the variable is unset and fails it when the server cannot be
// reached.
func Postgres(t testing.TB, opts ...gormstore.Option) *gormstore.Store {
	t.Helper()
	dsn, _ := PostgresDSN(t)
	return open(t, dsn, opts...)
}

// PostgresDSN creates a new, empty schema on the server named by
// EnvPostgres, drops it when the test ends, and returns a DSN whose
// search_path selects it, and its name. It skips the test when the
// variable is unset.
func PostgresDSN(t testing.TB) (dsn, schema string) {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL tests are off: set %s to a server's DSN, such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable", EnvPostgres)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", EnvPostgres, err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema = "cd_" + hex.EncodeToString(b[:])
	if err := adminExec(base, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("cannot create a schema on the PostgreSQL server named by %s: %v", EnvPostgres, err)
	}
	t.Cleanup(func() {
		if err := adminExec(base, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), schema
}

// testLockWait is how long a test's write waits for the database's locks
// before it is unavailable. The server's default (seconds) is a latency
// promise; a test on a loaded machine must not fail because a concurrent
// test held a lock for longer, so tests wait far longer unless they pass
// their own WithLockWait (a later option wins).
const testLockWait = 3 * time.Minute

func open(t testing.TB, dsn string, opts ...gormstore.Option) *gormstore.Store {
	t.Helper()
	ctx := context.Background()
	opts = append([]gormstore.Option{gormstore.WithLockWait(testLockWait)}, opts...)
	s, err := gormstore.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate store: %v", err)
	}
	return s
}

// adminExec runs one statement on its own connection to the server.
func adminExec(dsn, stmt string) error {
	db, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	return db.Exec(stmt).Error
}
