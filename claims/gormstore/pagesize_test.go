package gormstore_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// rawPragma reads PRAGMA name of the SQLite file path on a connection of
// its own, not the store's.
func rawPragma(t *testing.T, path, name string) string {
	t.Helper()
	v, err := gormstore.Pragma(path, name)
	must(t, "PRAGMA "+name+" of "+path, err)
	return v
}

// TestNewSQLiteDatabaseHas8KiBPagesInWALMode opens a store on a file
// that does not exist and on one that is empty: both databases have
// 8 KiB pages, are in WAL mode and take a write.
func TestNewSQLiteDatabaseHas8KiBPagesInWALMode(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	must(t, "create empty file", os.WriteFile(empty, nil, 0o644))
	for _, path := range []string{filepath.Join(dir, "new.db"), empty} {
		s := storetest.Open(t, path)
		newWorld(t, s)
		if got := rawPragma(t, path, "page_size"); got != "8192" {
			t.Errorf("%s: page_size %s, want 8192", filepath.Base(path), got)
		}
		if got := rawPragma(t, path, "journal_mode"); got != "wal" {
			t.Errorf("%s: journal_mode %s, want wal", filepath.Base(path), got)
		}
	}
}

// TestExistingSQLiteDatabaseKeepsItsPageSize opens a store on a database
// made with 4 KiB pages before it: the store migrates it and writes to it,
// and its page size stays 4096.
func TestExistingSQLiteDatabaseKeepsItsPageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", path)
	must(t, "open", err)
	for _, stmt := range []string{"PRAGMA page_size = 4096", "PRAGMA journal_mode = WAL", "CREATE TABLE before_claimdesk (x)"} {
		_, err := db.Exec(stmt)
		must(t, stmt, err)
	}
	must(t, "close", db.Close())
	s, err := gormstore.Open(context.Background(), path)
	must(t, "open store", err)
	t.Cleanup(func() { s.Close() })
	must(t, "migrate", s.Migrate(context.Background()))
	newWorld(t, s)
	if got := rawPragma(t, path, "page_size"); got != "4096" {
		t.Errorf("page_size %s, want 4096 (the database's own)", got)
	}
}

// TestReadOnlyFileURIOfMissingDatabaseCreatesNoFile opens a store on a
// file: URI, read-only (mode=ro), of a file that does not exist: the
// open fails, and no file is left where it pointed.
func TestReadOnlyFileURIOfMissingDatabaseCreatesNoFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	s, err := gormstore.Open(context.Background(), "file:"+path+"?mode=ro")
	if err == nil {
		s.Close()
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a read-only open of a missing file: stat %v, want the file not to exist", err)
	}
}

// TestNonWALJournalModeKeepsSQLiteDefaultPageSize opens a store on a new
// file whose DSN asks for the rollback journal, by _journal_mode and by
// the driver's alias _journal: the database keeps SQLite's default page
// size (4096) and the journal mode asked for.
func TestNonWALJournalModeKeepsSQLiteDefaultPageSize(t *testing.T) {
	dir := t.TempDir()
	for _, key := range []string{"_journal_mode", "_journal"} {
		path := filepath.Join(dir, key+".db")
		s := storetest.Open(t, path+"?"+key+"=DELETE")
		newWorld(t, s)
		if got := rawPragma(t, path, "page_size"); got != "4096" {
			t.Errorf("%s=DELETE: page_size %s, want 4096 (SQLite's default)", key, got)
		}
		if got := rawPragma(t, path, "journal_mode"); got != "delete" {
			t.Errorf("%s=DELETE: journal_mode %s, want delete", key, got)
		}
	}
}

// TestLoadJournalForNewFileOnly opens stores WithLoadJournal: on a new
// file the store writes with a rollback journal (DELETE) while it is open
// and Close turns the file to WAL, keeping its 8 KiB pages; a file that
// exists stays in WAL mode throughout, as a server may be using it.
func TestLoadJournalForNewFileOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func(path string) *gormstore.Store {
		t.Helper()
		s, err := gormstore.Open(ctx, path, gormstore.WithLoadJournal())
		must(t, "open "+filepath.Base(path), err)
		must(t, "migrate", s.Migrate(ctx))
		newWorld(t, s)
		return s
	}

	fresh := filepath.Join(dir, "new.db")
	s := open(fresh)
	if got := rawPragma(t, fresh, "journal_mode"); got != "delete" {
		t.Errorf("new file, store open: journal_mode %s, want delete", got)
	}
	must(t, "close", s.Close())
	if got := rawPragma(t, fresh, "journal_mode"); got != "wal" {
		t.Errorf("new file, store closed: journal_mode %s, want wal", got)
	}
	if got := rawPragma(t, fresh, "page_size"); got != "8192" {
		t.Errorf("new file: page_size %s, want 8192", got)
	}

	existing := filepath.Join(dir, "existing.db")
	s0, err := gormstore.Open(ctx, existing)
	must(t, "create "+filepath.Base(existing), err)
	must(t, "migrate", s0.Migrate(ctx))
	must(t, "close", s0.Close())
	s = open(existing)
	if got := rawPragma(t, existing, "journal_mode"); got != "wal" {
		t.Errorf("existing file, store open: journal_mode %s, want wal", got)
	}
	must(t, "close", s.Close())
}

// TestOpenWhileLoadJournal opens a second store on a new file that a
// store WithLoadJournal is writing in rollback-journal mode, within one of
// its transactions (as an import's): the second fails once its lock wait
// is over, as a write would, and opens once the transaction is done, the
// file then in WAL mode with what the first wrote.
func TestOpenWhileLoadJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	first, err := gormstore.Open(ctx, path, gormstore.WithLoadJournal())
	must(t, "open with the load journal", err)
	defer first.Close()
	must(t, "migrate", first.Migrate(ctx))
	topic := &claims.Topic{Title: "Written in the rollback journal"}
	err = first.Atomically(ctx, func(tx claims.Store) error {
		if err := svc(tx).CreateTopic(ctx, topic); err != nil {
			return err
		}
		s, err := gormstore.Open(ctx, path, gormstore.WithLockWait(200*time.Millisecond))
		if err == nil {
			s.Close()
			t.Errorf("a second store opened during the first's transaction in rollback-journal mode; want it to fail once its lock wait is over")
		} else if !strings.Contains(err.Error(), "locked by another process") || claims.ErrorCode(err) != claims.CodeUnavailable {
			t.Errorf("the second store's error = %v (code %s), want the database locked by another process, unavailable", err, claims.ErrorCode(err))
		}
		return nil
	})
	must(t, "the first store's transaction", err)

	s, err := gormstore.Open(ctx, path)
	must(t, "open once the transaction is done", err)
	defer s.Close()
	if _, err := s.FindTopic(ctx, topic.ID); err != nil {
		t.Errorf("the first store's topic: %v", err)
	}
	if got := rawPragma(t, path, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode %s, want wal", got)
	}
}
