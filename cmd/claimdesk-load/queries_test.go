package main

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// TestSearchQueries: the rotating search's queries are distinct, half
// claimants' names, and each pair of words comes from one quote.
func TestSearchQueries(t *testing.T) {
	if got, want := wordPairs("Officials said 800 Chechens had travelled to Raqqa."),
		[]string{"Officials Chechens", "Officials travelled", "Officials Raqqa", "said travelled", "said Raqqa", "Chechens Raqqa"}; !slices.Equal(got, want) {
		t.Errorf("wordPairs: %q, want %q", got, want)
	}
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE claimants (id TEXT PRIMARY KEY, name TEXT)`,
		`CREATE TABLE claims (id TEXT PRIMARY KEY, quote TEXT)`,
		`INSERT INTO claimants VALUES ('a', 'Official 1'), ('b', 'Official 2'), ('c', 'Official 3')`,
		`INSERT INTO claims VALUES ('1', 'Fighters went to Mosul'), ('2', 'Fighters went to Mosul'), ('3', 'Europeans left Idlib')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	got, err := searchQueries(db, 4)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Official 1", "Official 2", "Fighters Mosul", "Europeans Idlib"}; !slices.Equal(got, want) {
		t.Errorf("searchQueries: %q, want %q", got, want)
	}
}
