package gormstore

import (
	"context"
	"path/filepath"
	"testing"
)

// TestInsertHoldsOneStatementPerTable writes many batches whose last
// chunk differs in size, as a bulk import's and a recompute's do, and
// requires one statement held for the table whatever the sizes: a
// statement held per size held hundreds of them at a million claims
// (SQLite memory for each of their parameters) until the transaction
// ended.
func TestInsertHoldsOneStatementPerTable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "claimdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Exec("CREATE TABLE pairs (a INTEGER, b TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	tx := s.db.WithContext(ctx).Begin()
	if tx.Error != nil {
		t.Fatal(tx.Error)
	}
	defer tx.Rollback()
	pairs := table{"pairs", []string{"a", "b"}}
	per := rowsPer(pairs)
	st := insertStmts{dia: dialectSQLite}
	defer st.close()
	want := 0
	for rows := per - 3; rows <= 2*per+3; rows += 7 {
		args := make([]any, 0, 2*rows)
		for i := range rows {
			args = append(args, want+i, "x")
		}
		if err := st.insert(ctx, tx.Statement.ConnPool, pairs, "", args); err != nil {
			t.Fatalf("insert %d rows: %v", rows, err)
		}
		want += rows
	}
	var got int
	if err := tx.Raw("SELECT COUNT(DISTINCT a) FROM pairs").Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("the table holds %d rows, want %d", got, want)
	}
	if len(st.full) != 1 {
		t.Errorf("%d statements held for one table, want 1", len(st.full))
	}
}
