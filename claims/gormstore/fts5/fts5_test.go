package fts5_test

import (
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"path/filepath"
	"strings"
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

// TestClaimdeskBM25 checks claimdesk_bm25 against FTS5's own bm25, the
// oracle: equal scores when every phrase is held by fewer rows than the
// count's cap, equal too above it when the rows holding the phrase are
// spread evenly (the estimate from the rowid the cap is reached at is then
// exact), and equal with the IDFs claimdesk_idf gives passed back in.
func TestClaimdeskBM25(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "rank.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE doc USING fts5(a, b, prefix = '3')`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	// 6,000 rows: "alphabet" in every other one (3,000, above the cap of
	// 2,000), "betamax" in every 50th, "zeta" in the first 2,500 only
	// (above the cap, and not spread evenly: the capped count estimates
	// it as held by every row), filler of varying length.
	for i := 1; i <= 6000; i++ {
		a := strings.Repeat("gamma ", i%7)
		if i <= 2500 {
			a += "zeta "
		}
		if i%2 == 0 {
			a += "alphabet "
		}
		if i%50 == 0 {
			a += "betamax "
		}
		if _, err := tx.Exec(`INSERT INTO doc (rowid, a, b) VALUES (?, ?, ?)`, i, a, strings.Repeat("delta ", i%5)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	scores := func(sel, match string, args ...any) map[int64]float64 {
		t.Helper()
		return scoresOf(t, db, "doc", sel, match, args...)
	}
	for _, match := range []string{`betamax`, `bet*`, `alphabet AND betamax`, `alp* AND "betamax"`, `alphabet`, `gamma OR betamax`} {
		want := scores(`bm25(doc, 2.0, 1.0)`, match)
		got := scores(`claimdesk_bm25(doc, 2.0, 1.0)`, match)
		var idfs string
		if err := db.QueryRow(`SELECT claimdesk_idf(doc) FROM doc WHERE doc MATCH ? LIMIT 1`, match).Scan(&idfs); err != nil {
			t.Fatalf("%s: claimdesk_idf: %v", match, err)
		}
		passed := scores(`claimdesk_bm25(doc, 2.0, 1.0, ?)`, match, idfs)
		if len(want) == 0 || len(got) != len(want) || len(passed) != len(want) {
			t.Fatalf("%s: %d, %d and %d rows, want %d (and more than 0)", match, len(got), len(passed), len(want), len(want))
		}
		// The row's sizes passed from the docsize table: the same scores
		// as FTS5's own sizes, the IDFs passed or counted whole (NULL).
		sized := scores(`claimdesk_bm25(doc, 2.0, 1.0, ?, d.sz)`, match, idfs)
		whole := scores(`claimdesk_bm25(doc, 2.0, 1.0, NULL, d.sz)`, match)
		if len(sized) != len(want) || len(whole) != len(want) {
			t.Fatalf("%s: %d and %d rows with sizes passed, want %d", match, len(sized), len(whole), len(want))
		}
		for id, w := range want {
			if math.Abs(got[id]-w) > 1e-9*math.Abs(w) || math.Abs(passed[id]-w) > 1e-9*math.Abs(w) {
				t.Fatalf("%s: row %d scores %v and %v (IDFs %q passed), want bm25's %v", match, id, got[id], passed[id], idfs, w)
			}
			if sized[id] != passed[id] || whole[id] != w {
				t.Fatalf("%s: row %d scores %v with its sizes and IDFs passed, want %v; %v with its sizes and whole counts, want bm25's %v", match, id, sized[id], passed[id], whole[id], w)
			}
		}
	}
	// Above the cap and not spread evenly, the capped count is an
	// estimate, and a NULL in the IDFs' place counts the rows whole, as
	// bm25 does.
	want := scores(`bm25(doc, 2.0, 1.0)`, `zeta AND betamax`)
	capped := scores(`claimdesk_bm25(doc, 2.0, 1.0)`, `zeta AND betamax`)
	whole := scores(`claimdesk_bm25(doc, 2.0, 1.0, NULL, d.sz)`, `zeta AND betamax`)
	if len(want) != 50 || len(whole) != 50 {
		t.Fatalf("zeta AND betamax: %d and %d rows, want 50", len(want), len(whole))
	}
	for id, w := range want {
		if whole[id] != w {
			t.Fatalf("zeta AND betamax: row %d scores %v counted whole, want bm25's %v", id, whole[id], w)
		}
		if capped[id] == w {
			t.Fatalf("zeta AND betamax: row %d scores bm25's %v with the count capped: the test does not tell the two apart", id, w)
		}
	}
	// Sizes too short for the table's columns are an error.
	if _, err := db.Exec(`SELECT claimdesk_bm25(doc, 1.0, 1.0, NULL, x'05') FROM doc WHERE doc MATCH 'betamax'`); err == nil {
		t.Error("claimdesk_bm25 with one column's size for two: no error")
	}
	// claimdesk_idf(doc, 'rows'): the rows holding each phrase, -1 for
	// the cap (2,000) or more.
	var rows string
	if err := db.QueryRow(`SELECT claimdesk_idf(doc, 'rows') FROM doc WHERE doc MATCH 'betamax AND alphabet' LIMIT 1`).Scan(&rows); err != nil || rows != "120 -1" {
		t.Errorf("claimdesk_idf(doc, 'rows') of betamax AND alphabet: %q (%v), want \"120 -1\"", rows, err)
	}
	if _, err := db.Exec(`SELECT claimdesk_idf(doc, 'sizes') FROM doc WHERE doc MATCH 'betamax'`); err == nil {
		t.Error("claimdesk_idf(doc, 'sizes'): no error")
	}
	// Fewer IDFs than phrases is an error, not a score.
	if _, err := db.Exec(`SELECT claimdesk_bm25(doc, 1.0, 1.0, '0.5') FROM doc WHERE doc MATCH 'alphabet AND betamax'`); err == nil {
		t.Error("claimdesk_bm25 with one IDF for two phrases: no error")
	}
}

// TestClaimdeskBM25ZeroWeightColumn: a column of weight 0, here a key of
// one token a row that a query ANDs in to narrow its rows, leaves every
// score as it is in the same table without that column, and so does the
// key's phrase in the query. The oracle is claimdesk_bm25 on a table
// without the column (itself checked against bm25 above); the scores are
// compared for equality, as the lengths are sums of whole numbers.
func TestClaimdeskBM25ZeroWeightColumn(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "rank.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	const tok = `tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4'`
	for _, st := range []string{
		`CREATE VIRTUAL TABLE plain USING fts5(a, b, ` + tok + `)`,
		`CREATE VIRTUAL TABLE keyed USING fts5(a, b, k, ` + tok + `)`,
	} {
		if _, err := db.Exec(st); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	// 5,000 rows: "alphabet" in every other one (above the count's cap),
	// "betamax" in every 40th, filler of varying length, and one of
	// seven keys ("\ue000" and hex digits, as claims_fts's topic_key).
	key := func(i int) string {
		return "\ue000" + strings.ToUpper(hex.EncodeToString([]byte(fmt.Sprint("topic-", i%7))))
	}
	for i := 1; i <= 5000; i++ {
		a := strings.Repeat("gamma ", i%7)
		if i%2 == 0 {
			a += "alphabet "
		}
		if i%40 == 0 {
			a += "betamax "
		}
		b := strings.Repeat("delta ", i%5)
		if _, err := tx.Exec(`INSERT INTO plain (rowid, a, b) VALUES (?, ?, ?)`, i, a, b); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO keyed (rowid, a, b, k) VALUES (?, ?, ?, ?)`, i, a, b, key(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	scores := func(table, sel, match string, args ...any) map[int64]float64 {
		t.Helper()
		return scoresOf(t, db, table, sel, match, args...)
	}
	for _, match := range []string{`betamax`, `"alp"*`, `"alphabet" AND "betamax"`, `"gamm"* AND "delta"`} {
		want := scores("plain", `claimdesk_bm25(plain, 2.0, 1.0)`, match)
		if len(want) == 0 {
			t.Fatalf("%s: no rows", match)
		}
		var idfs string
		if err := db.QueryRow(`SELECT claimdesk_idf(plain) FROM plain WHERE plain MATCH ? LIMIT 1`, match).Scan(&idfs); err != nil {
			t.Fatalf("%s: claimdesk_idf: %v", match, err)
		}
		same := func(what string, got map[int64]float64, inKey func(int64) bool) {
			t.Helper()
			n := 0
			for id, w := range want {
				if !inKey(id) {
					continue
				}
				n++
				if g, ok := got[id]; !ok || g != w {
					t.Fatalf("%s, %s: row %d scores %v (found %v), want %v", match, what, id, g, ok, w)
				}
			}
			if n == 0 || len(got) != n {
				t.Fatalf("%s, %s: %d rows, want %d (and more than 0)", match, what, len(got), n)
			}
		}
		all := func(int64) bool { return true }
		same("the key weighing 0", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0)`, match), all)
		same("IDFs passed", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0, ?)`, match, idfs), all)
		same("IDFs and sizes passed", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0, ?, d.sz)`, match, idfs), all)
		// Narrowed to one key's rows: the key is one more phrase, of
		// weight 0, whether it is counted or given IDF 0.
		narrowed := match + ` AND "` + key(3) + `"`
		inKey := func(id int64) bool { return id%7 == 3 }
		same("narrowed to a key", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0)`, narrowed), inKey)
		same("narrowed, IDFs passed", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0, ?)`, narrowed, idfs+" 0"), inKey)
		same("narrowed, IDFs and sizes passed", scores("keyed", `claimdesk_bm25(keyed, 2.0, 1.0, 0.0, ?, d.sz)`, narrowed, idfs+" 0"), inKey)
	}
	// The key is one token: "\ue000" is a token character of unicode61
	// (category Co), so a key does not match another that it starts.
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM keyed WHERE keyed MATCH ?`, `"`+key(3)[:len(key(3))-2]+`"`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a key cut short matches %d rows (%v), want none", n, err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM keyed WHERE keyed MATCH ?`, `"`+key(3)+`"`).Scan(&n); err != nil || n != 5000/7 {
		t.Errorf("a key matches %d rows (%v), want %d", n, err, 5000/7)
	}
}

// scoresOf returns sel, a rank expression, of each row of table that
// match selects, by rowid; sel may read the row's docsize as d.sz.
func scoresOf(t *testing.T, db *sql.DB, table, sel, match string, args ...any) map[int64]float64 {
	t.Helper()
	rows, err := db.Query(`SELECT `+table+`.rowid, `+sel+` FROM `+table+` CROSS JOIN `+table+`_docsize d ON d.id = `+table+`.rowid
		WHERE `+table+` MATCH ?`, append(args, match)...)
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var s float64
		if err := rows.Scan(&id, &s); err != nil {
			t.Fatal(err)
		}
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return out
}
