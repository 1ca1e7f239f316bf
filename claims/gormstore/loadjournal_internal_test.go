package gormstore

import (
	"context"
	"database/sql"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// journalMode reads the journal mode of the SQLite file at path on a
// connection of its own.
func journalMode(t *testing.T, path string) string {
	t.Helper()
	mode, err := Pragma(path, "journal_mode")
	if err != nil {
		t.Fatal(err)
	}
	return mode
}

// TestUseLoadJournalOnlyWhenAlone turns a new file to the rollback journal
// as Open does for WithLoadJournal: while another connection (another
// process's, in life) has the file open, it stays in WAL mode and the
// pool's DSN is left as it was; once that one is closed, the file goes to
// DELETE mode, and the pool's DSN keeps the file's mode and syncs the
// directory on commit (EXTRA), unless the caller's DSN said otherwise.
func TestUseLoadJournalOnlyWhenAlone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	if created, err := createSQLite(ctx, path, time.Second); err != nil || !created {
		t.Fatalf("createSQLite = %v, %v; want a new file", created, err)
	}
	s := &Store{log: slog.New(slog.DiscardHandler), lockWait: time.Second}
	pool := sqliteDSN(path, s.lockWait)

	other, err := sql.Open("sqlite3", pool)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Ping(); err != nil {
		t.Fatal(err)
	}
	if got := s.useLoadJournal(path, pool); got != pool || s.walOnClose != "" {
		t.Errorf("with another connection open: DSN %q, walOnClose %q; want %q unchanged and no switch", got, s.walOnClose, pool)
	}
	if got := journalMode(t, path); got != "wal" {
		t.Errorf("with another connection open: journal_mode %s, want wal", got)
	}
	other.Close()

	got := s.useLoadJournal(path, pool)
	if s.walOnClose != path {
		t.Errorf("alone: walOnClose %q, want %q", s.walOnClose, path)
	}
	if mode := journalMode(t, path); mode != "delete" {
		t.Errorf("alone: journal_mode %s, want delete", mode)
	}
	_, query, _ := strings.Cut(got, "?")
	q, _ := url.ParseQuery(query)
	if q.Has("_journal_mode") || q.Get("_synchronous") != "EXTRA" {
		t.Errorf("alone: pool DSN %q, want no _journal_mode and _synchronous=EXTRA", got)
	}

	// A caller's synchronous is kept, and a caller's journal mode is not
	// overridden.
	s = &Store{log: slog.New(slog.DiscardHandler), lockWait: time.Second}
	own := path + "?_synchronous=NORMAL"
	if got := s.useLoadJournal(own, sqliteDSN(own, s.lockWait)); !strings.Contains(got, "_synchronous=NORMAL") {
		t.Errorf("caller's _synchronous=NORMAL: pool DSN %q, want it kept", got)
	}
	s = &Store{log: slog.New(slog.DiscardHandler), lockWait: time.Second}
	own = path + "?_journal_mode=WAL"
	if got := s.useLoadJournal(own, sqliteDSN(own, s.lockWait)); got != sqliteDSN(own, s.lockWait) || s.walOnClose != "" {
		t.Errorf("caller's _journal_mode=WAL: pool DSN %q, walOnClose %q; want it as it was and no switch", got, s.walOnClose)
	}
}
