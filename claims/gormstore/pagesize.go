package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// sqlitePageSize is the page size, in bytes, of a SQLite database that
// Open creates (SQLite's default is 4096). A page size is fixed when the
// database's first page is written (in WAL mode, for good), so Open sets
// it on a file that does not exist yet or is empty, before the first
// connection of the pool writes the header; an existing database keeps
// its own.
//
// Pages twice the default make half the pages of the same rows: a bulk
// import writes half the WAL frames, and each CREATE INDEX of its rebuild
// scans the claims table (whose pages are still in the uncommitted WAL,
// each found by walFindFrame and read by its own pread) in half the
// reads. At 200,000 claims, four alternated rounds, the whole import took
// 0.91x the CPU summed (0.95x over rounds 2-4; the rounds 0.80x-1.01x)
// and the index rebuild 0.64x-0.91x in every round. 16 KiB pages saved
// no more CPU in one run (round 1) and copy more bytes for each page a
// point read misses. An empty database is 983,040 bytes, not 512,000.
// See cmd/claimdesk-load/RESULTS.md (2026-12-04).
const sqlitePageSize = 8192

// createSQLite gives the SQLite database of dsn the page size
// sqlitePageSize, in WAL mode, if its file does not exist yet or is
// empty, and reports that it did; otherwise it does nothing. A DSN in
// SQLite's URI form ("file:...") or an in-memory database is left to
// SQLite's defaults, as is one whose
// journal mode (_journal_mode, or the driver's alias _journal) is not WAL
// (only WAL mode fixes the page size before the first table is written).
// Its connection waits up to lockWait for a lock, as the pool's do.
func createSQLite(ctx context.Context, dsn string, lockWait time.Duration) (bool, error) {
	path := SQLiteFile(dsn)
	if path == "" || strings.HasPrefix(dsn, "file:") {
		return false, nil
	}
	_, query, _ := strings.Cut(dsn, "?")
	if q, err := url.ParseQuery(query); err == nil {
		for _, key := range []string{"_journal_mode", "_journal"} {
			if mode := q.Get(key); mode != "" && !strings.EqualFold(mode, "WAL") {
				return false, nil
			}
		}
	}
	switch fi, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return false, err
	case fi.Size() > 0:
		return false, nil
	}
	// A connection of its own, without the pool's parameters: the pool's
	// _journal_mode would write the header with the default page size
	// as the connection opens. Another process creating the same file at
	// once is harmless: whichever writes the header first sets the page
	// size, and the other's pragma does nothing.
	db, err := openOwn(path, lockWait)
	if err != nil {
		return false, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	for _, stmt := range []string{"PRAGMA page_size = " + strconv.Itoa(sqlitePageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return true, nil
}

// setJournalMode sets the journal mode of the SQLite file at path ("wal",
// "delete") on a connection of its own. SQLite answers the pragma with
// the mode the file is in, which stays the old one, without an error,
// when it cannot change it.
func setJournalMode(path string, lockWait time.Duration, mode string) error {
	db, err := openOwn(path, lockWait)
	if err != nil {
		return err
	}
	defer db.Close()
	var got string
	if err := db.QueryRow("PRAGMA journal_mode = " + mode).Scan(&got); err != nil {
		return err
	}
	if !strings.EqualFold(got, mode) {
		return fmt.Errorf("the database stayed in journal mode %s", got)
	}
	return nil
}

// openOwn opens the SQLite file at path without the pool's parameters,
// its connections waiting up to lockWait for a lock.
func openOwn(path string, lockWait time.Duration) (*sql.DB, error) {
	return sql.Open("sqlite3", path+"?_busy_timeout="+strconv.FormatInt(lockWait.Milliseconds(), 10))
}
