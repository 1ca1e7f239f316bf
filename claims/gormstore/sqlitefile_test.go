package gormstore_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// TestSQLiteFile: the file a DSN names, as SQLite reads it: a path, a
// "file:" URI with its escapes decoded, none for memory or PostgreSQL.
func TestSQLiteFile(t *testing.T) {
	for dsn, want := range map[string]string{
		"claimdesk.db":                          "claimdesk.db",
		"/data/claimdesk.db?_busy_timeout=9000": "/data/claimdesk.db",
		"file:/data/my%20db.db":                 "/data/my db.db",
		"file:///data/my%20db.db?mode=ro":       "/data/my db.db",
		"file://localhost/data/x.db":            "/data/x.db",
		"file:x.db?cache=shared":                "x.db",
		"file::memory:":                         "",
		"file:x?mode=memory&cache=shared":       "",
		":memory:":                              "",
		"postgres://u@h/db":                     "",
	} {
		if got := gormstore.SQLiteFile(dsn); got != want {
			t.Errorf("SQLiteFile(%q) = %q, want %q", dsn, got, want)
		}
	}
}
