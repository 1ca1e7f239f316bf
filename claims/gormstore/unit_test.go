package gormstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

func TestSQLiteDSN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"claimdesk.db", "claimdesk.db?_busy_timeout=5000&_foreign_keys=on&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate"},
		{"data/c.db?_busy_timeout=500&cache=shared", "data/c.db?_busy_timeout=500&_foreign_keys=on&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate&cache=shared"},
		{"file:c.db?mode=rwc", "file:c.db?_busy_timeout=5000&_foreign_keys=on&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate&mode=rwc"},
	} {
		if got := sqliteDSN(tc.in, 5*time.Second); got != tc.want {
			t.Errorf("sqliteDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsPostgresDSN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"postgres://u@h/db", true},
		{"postgresql://u@h/db", true},
		{"claimdesk.db", false},
		{"postgres.db", false},
	} {
		if got := IsPostgresDSN(tc.in); got != tc.want {
			t.Errorf("IsPostgresDSN(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestLikeContains(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"800", "%800%"},
		{"50%", `%50\%%`},
		{"a_b", `%a\_b%`},
		{`c:\dir`, `%c:\\dir%`},
		{"ПОЧТИ Все", "%почти все%"},
	} {
		if got := likeContains(tc.in); got != tc.want {
			t.Errorf("likeContains(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTranslate(t *testing.T) {
	t.Parallel()
	driverErr := errors.New(`ERROR: duplicate key value violates unique constraint "claims_pkey"`)
	for _, tc := range []struct {
		name string
		in   error
		want claims.Code
	}{
		{"record not found", gorm.ErrRecordNotFound, claims.CodeNotFound},
		{"duplicated key", fmt.Errorf("%w: %w", gorm.ErrDuplicatedKey, driverErr), claims.CodeConflict},
		{"foreign key", gorm.ErrForeignKeyViolated, claims.CodeInvalid},
		{"claims error", claims.Errorf(claims.CodeStale, "stale"), claims.CodeStale},
		{"other", errors.New("disk I/O error"), claims.CodeInternal},
		{"canceled", context.Canceled, claims.CodeInternal},
	} {
		err := translate(tc.in, "create claim")
		if got := claims.ErrorCode(err); got != tc.want {
			t.Errorf("translate(%s) code = %q, want %q", tc.name, got, tc.want)
		}
		if !errors.Is(err, tc.in) {
			t.Errorf("translate(%s) = %v, which does not wrap the cause", tc.name, err)
		}
		if msg := claims.ErrorMessage(err); strings.Contains(msg, "constraint") || strings.Contains(msg, "disk") {
			t.Errorf("translate(%s) message %q leaks the database's words", tc.name, msg)
		}
	}
	if err := translate(errors.New("boom"), "create claim"); err.Error() != "gormstore: create claim: boom" {
		t.Errorf("translate(other) = %q, want the operation as prefix", err)
	}
	if translate(nil, "x") != nil {
		t.Errorf("translate(nil) is not nil")
	}
}

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)
	low := 12.5
	for _, tc := range []struct {
		sort  string
		key   sortKey
		value any
		want  any
	}{
		{"created_at", createdKey, at, at},
		{"-low", sortKeys["low"], &low, 12.5},
		{"low", sortKeys["low"], (*float64)(nil), nil},
		{"title", sortKeys["title"], "Chechens", "Chechens"},
		{"ref_date", sortKeys["ref_date"], (*string)(nil), nil},
	} {
		c, err := encodeCursor("claims", tc.sort, tc.value, "01abc")
		if err != nil {
			t.Fatalf("encodeCursor(%v): %v", tc.value, err)
		}
		got, id, err := decodeCursor(c, "claims", tc.sort, tc.key)
		if err != nil || id != "01abc" || got != tc.want {
			t.Errorf("decodeCursor(encodeCursor(%v)) = %v, %q, %v; want %v, 01abc", tc.value, got, id, err, tc.want)
		}
		if _, _, err := decodeCursor(c, "topics", tc.sort, tc.key); claims.ErrorCode(err) != claims.CodeInvalid {
			t.Errorf("decodeCursor(cursor of claims, as topics) = %v, want invalid", err)
		}
	}
	// A NULL value is no cursor for a column that cannot be NULL.
	c, _ := encodeCursor("claims", "created_at", nil, "01abc")
	if _, _, err := decodeCursor(c, "claims", "created_at", createdKey); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("decodeCursor(null created_at) = %v, want invalid", err)
	}
}

func TestGormLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := newGormLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo})), "")
	ctx := context.Background()
	sql := func() (string, int64) { return "SELECT 1", 1 }
	l.Trace(ctx, time.Now(), sql, nil)
	l.Trace(ctx, time.Now(), sql, gorm.ErrRecordNotFound)
	if buf.Len() != 0 {
		t.Errorf("a fast query and a missing record were logged at info level: %s", buf.String())
	}
	l.Trace(ctx, time.Now().Add(-time.Second), sql, nil)
	if !strings.Contains(buf.String(), "slow query") {
		t.Errorf("a one-second query was not logged as slow: %q", buf.String())
	}
	buf.Reset()
	l.Trace(ctx, time.Now(), sql, errors.New("disk I/O error"))
	if !strings.Contains(buf.String(), "level=ERROR") || !strings.Contains(buf.String(), "disk I/O error") {
		t.Errorf("a database error was not logged as an error: %q", buf.String())
	}
}

// TestLoggerHidesPassword checks that the DSN's password never reaches a
// log line, whatever the driver puts in its errors.
func TestLoggerHidesPassword(t *testing.T) {
	var buf bytes.Buffer
	l := newGormLogger(slog.New(slog.NewTextHandler(&buf, nil)), "postgres://analyst:hunter2@db:5432/claims")
	l.Error(context.Background(), "failed to connect to %s", "postgres://analyst:hunter2@db:5432/claims")
	l.Trace(context.Background(), time.Now(), func() (string, int64) { return "SELECT 'hunter2'", 0 }, errors.New("auth failed for hunter2"))
	if strings.Contains(buf.String(), "hunter2") || !strings.Contains(buf.String(), "***") {
		t.Errorf("log shows the password:\n%s", buf.String())
	}
}

func TestSQLiteAtLeast(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{{"3.44.0", true}, {"3.46.1", true}, {"3.43.2", false}, {"4.0.0", true}, {"2.99.0", false}, {"3", false}, {"x.y", false}} {
		if got := sqliteAtLeast(c.v, 3, 44); got != c.want {
			t.Errorf("sqliteAtLeast(%q, 3, 44) = %v, want %v", c.v, got, c.want)
		}
	}
}

// TestStalePlanClassified: only PostgreSQL's "cached plan must not change
// result type" (code 0A000, by its message or, translated, by the routine
// raising it) is a stale statement a read or write runs again for; other
// 0A000 errors and the message under another code are not.
func TestStalePlanClassified(t *testing.T) {
	t.Parallel()
	const msg = "cached plan must not change result type"
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "0A000", Message: msg}, true},
		{fmt.Errorf("list conflicts: %w", &pgconn.PgError{Code: "0A000", Message: msg}), true},
		{&pgconn.PgError{Code: "0A000", Message: "le plan en cache ne doit pas modifier le type de résultat", Routine: "RevalidateCachedQuery"}, true},
		{&pgconn.PgError{Code: "0A000", Message: "cannot use subquery in check constraint"}, false},
		{&pgconn.PgError{Code: "XX000", Message: msg}, false},
		{errors.New("ERROR: " + msg + " (SQLSTATE 0A000)"), false},
		{nil, false},
	} {
		if got := stalePlan(tc.err); got != tc.want {
			t.Errorf("stalePlan(%v) = %v, want %v", tc.err, got, tc.want)
		}
		if got := retryable(tc.err); got != tc.want {
			t.Errorf("retryable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestRetryBudget: a write's attempts that fail on a stale prepared
// statement run again at once and do not count against maxAttempts, up to
// the budget the pool's size gives them; serialization failures,
// deadlocks and relocks still stop at maxAttempts, whatever stale
// statements came between.
func TestRetryBudget(t *testing.T) {
	t.Parallel()
	stalePlanErr := &pgconn.PgError{Code: "0A000", Message: "cached plan must not change result type"}
	deadlock := &pgconn.PgError{Code: "40P01"}
	const replans = 21 // a pool of 20 connections, and once more
	var b retryBudget
	for i := 1; i < replans; i++ {
		if got := b.next(stalePlanErr, replans); got != retryNow {
			t.Fatalf("stale statement %d of %d: step %d, want retryNow (%d)", i, replans, got, retryNow)
		}
		if i <= maxAttempts-1 {
			if got := b.next(deadlock, replans); got != retryBackOff {
				t.Fatalf("deadlock %d after %d stale statements: step %d, want retryBackOff (%d)", i, i, got, retryBackOff)
			}
		}
	}
	if got := b.next(stalePlanErr, replans); got != retryExhausted {
		t.Fatalf("stale statement %d: step %d, want retryExhausted (%d)", replans, got, retryExhausted)
	}
	if got := b.next(deadlock, replans); got != retryExhausted {
		t.Fatalf("deadlock %d: step %d, want retryExhausted (%d)", maxAttempts, got, retryExhausted)
	}

	b = retryBudget{}
	for i := 1; i < maxAttempts; i++ {
		if got := b.next(&errRelock{need: []string{"t"}}, replans); got != retryRelock {
			t.Fatalf("relock %d: step %d, want retryRelock (%d)", i, got, retryRelock)
		}
	}
	if got := b.next(&errRelock{need: []string{"t"}}, replans); got != retryExhausted {
		t.Fatalf("relock %d: step %d, want retryExhausted (%d)", maxAttempts, got, retryExhausted)
	}
	for _, err := range []error{nil, errors.New("no such table"), &pgconn.PgError{Code: "0A000", Message: "cannot use subquery in check constraint"}} {
		if got := (&retryBudget{}).next(err, replans); got != retryDone {
			t.Errorf("next(%v): step %d, want retryDone (%d)", err, got, retryDone)
		}
	}
}

// TestReplanPoolAttempts: a read outside a transaction runs at most once
// per connection the pool may open and once more, as passed in, whatever
// the pool's own limit says (0 for an unlimited pool, or set after), and
// at least twice.
func TestReplanPoolAttempts(t *testing.T) {
	t.Parallel()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct{ conns, want int }{{20, 21}, {1, 2}, {0, 2}, {-3, 2}} {
		if got := newReplanPool(db, tc.conns).attempts; got != tc.want {
			t.Errorf("newReplanPool(unlimited pool, %d): %d attempts, want %d", tc.conns, got, tc.want)
		}
	}
	db.SetMaxOpenConns(3)
	if got := newReplanPool(db, 20).attempts; got != 21 {
		t.Errorf("newReplanPool(pool of 3, 20): %d attempts, want 21", got)
	}
}
