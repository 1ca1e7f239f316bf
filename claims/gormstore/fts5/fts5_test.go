package fts5_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/claimdesk/claimdesk/claims/gormstore/fts5"
)

func TestFTS5MatchesRussianWithUnicode61(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatalf("fts5 module missing: %v", err)
	}
	for _, s := range []string{"Заявление Богдановой о потерях", "Nothing about it"} {
		if _, err := db.Exec(`INSERT INTO doc(body) VALUES (?)`, s); err != nil {
			t.Fatal(err)
		}
	}
	var got string
	if err := db.QueryRow(`SELECT highlight(doc, 0, '[', ']') FROM doc WHERE doc MATCH ? ORDER BY bm25(doc)`, `богданов*`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "Заявление [Богдановой] о потерях"; got != want {
		t.Fatalf("highlight = %q, want %q", got, want)
	}
}
