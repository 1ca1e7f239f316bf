package main

import (
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sqlitePragma reads PRAGMA name of the SQLite file path on a connection
// of its own.
func sqlitePragma(t *testing.T, path, name string) string {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v string
	if err := raw.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

// TestImportIntoNewFileEndsInWALMode imports into a file that does not
// exist, which the import writes with a rollback journal: once it is done
// the file is in WAL mode with 8 KiB pages, as any new database, no
// journal is left beside it, and a server reads the claims.
func TestImportIntoNewFileEndsInWALMode(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	if out, err := exec.Command(claimdeskBinary(t), "import", "--db", db, importFile(t, 300)).CombinedOutput(); err != nil {
		t.Fatalf("claimdesk import: %v\n%s", err, out)
	}
	if got := sqlitePragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode after the import = %s, want wal", got)
	}
	if got := sqlitePragma(t, db, "page_size"); got != "8192" {
		t.Errorf("page_size after the import = %s, want 8192", got)
	}
	if _, err := os.Stat(db + "-journal"); !os.IsNotExist(err) {
		t.Errorf("stat of the rollback journal after the import: %v, want no such file", err)
	}
	s := startServer(t, db)
	code, data, _ := (&tally{}).call("GET", s.base+"/api/v1/claims/c-import-000299", "")
	if code != http.StatusOK {
		t.Errorf("the last claim imported: %d %s, want 200", code, data)
	}
}

// TestKillImportIntoNewFile kills `claimdesk import` into a new file in the
// middle of its transaction, once pages of the transaction are in the
// file itself (the rollback journal's way, where WAL keeps them apart):
// a server then opens the file clean, in WAL mode, with nothing of the
// import.
func TestKillImportIntoNewFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	// Enough claims that the half read before the pause fills the bulk
	// load's page cache (32 MiB), so that SQLite spills pages into the file.
	cmd, _, done := pausedImport(t, db, importFile(t, 150_000))
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 4<<20 {
		t.Fatalf("the file is %d bytes at the pause: want pages of the transaction in it (4 MiB or more; the empty schema is about 1 MiB), the premise of this test", fi.Size())
	}
	if _, err := os.Stat(db + "-journal"); err != nil {
		t.Errorf("the rollback journal at the pause: %v, want it beside the file", err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = <-done
	done <- err
	if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("claimdesk import ended with %v, want killed by SIGKILL", err)
	}

	s := startServer(t, db)
	tl := &tally{}
	for _, c := range []struct {
		path string
		code int
		want string
	}{
		{"/api/v1/topics/t-import", http.StatusNotFound, ""},
		{"/api/v1/claimants/k-import", http.StatusNotFound, ""},
		{"/api/v1/claims?limit=1", http.StatusOK, `"items":[]`},
	} {
		code, data, _ := tl.call("GET", s.base+c.path, "")
		if code != c.code || !strings.Contains(string(data), c.want) {
			t.Errorf("GET %s after the kill = %d %.300s, want %d %s", c.path, code, data, c.code, c.want)
		}
	}
	if got := sqlitePragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode once a server opened the file = %s, want wal", got)
	}
	if got := sqlitePragma(t, db, "integrity_check"); got != "ok" {
		t.Errorf("integrity_check after the kill = %s, want ok", got)
	}
}

// TestTwoImportsIntoNewFileAtOnce starts two `claimdesk import`s of the
// same file into one file that does not exist yet: whichever creates it,
// and whether or not it gets the file to itself for the rollback journal,
// both succeed (the second waits for the first's lock, as a write does),
// and the file ends in WAL mode with the claims.
func TestTwoImportsIntoNewFileAtOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	file := importFile(t, 300)
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	done := make(chan int)
	for i := range 2 {
		go func() {
			outs[i], errs[i] = exec.Command(claimdeskBinary(t), "import", "--db", db, "--lock-wait", "2m", file).CombinedOutput()
			done <- i
		}()
	}
	<-done
	<-done
	for i := range 2 {
		if errs[i] != nil {
			t.Errorf("import %d: %v\n%s", i+1, errs[i], outs[i])
		}
	}
	if got := sqlitePragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode after both imports = %s, want wal", got)
	}
	s := startServer(t, db)
	if code, data, _ := (&tally{}).call("GET", s.base+"/api/v1/claims/c-import-000299", ""); code != http.StatusOK {
		t.Errorf("the last claim imported: %d %s, want 200", code, data)
	}
}
