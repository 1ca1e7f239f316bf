package gormstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestSearchOthersMatchesOneStatement checks the topics, sources and
// claimants a search finds on SQLite (ranked first, their passages made
// afterwards for the best only) against one plain statement that scores,
// marks up and orders every match at once: the same rows, order, scores
// and passages, with more matches than a search returns and with ties.
func TestSearchOthersMatchesOneStatement(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	extra := []string{"", "Petrov", "of the Petrov family", "Ivanovich", "and Petrov again, Petrov"}
	for i := range 3 * claims.SearchGroupLimit {
		e := extra[i%len(extra)]
		must(t, "create claimant", svc(s).CreateClaimant(ctx, &claims.Claimant{
			Name: fmt.Sprintf("Petrov %d %s", i, e), Role: "spokesperson", Affiliation: "Petrov bureau " + e}))
		must(t, "create source", svc(s).CreateSource(ctx, &claims.Source{
			Name: fmt.Sprintf("Petrov Daily %d", i), Kind: claims.SourceAgency, Publisher: e}))
		must(t, "create topic", svc(s).CreateTopic(ctx, &claims.Topic{
			Title: fmt.Sprintf("Fighters counted by Petrov %d", i), Description: "As Petrov counted them " + e}))
	}
	must(t, "create claimant", svc(s).CreateClaimant(ctx, &claims.Claimant{Name: "Someone else"}))

	for _, q := range []string{"Petrov", "petrov family", `"Petrov bureau"`, "nobody"} {
		res := search(t, s, claims.ClaimFilter{Query: q})
		got := map[string][]string{}
		for _, h := range res.Topics {
			got["topics"] = append(got["topics"], hitLine(h.Item.ID, h.Score, h.Snippet))
		}
		for _, h := range res.Sources {
			got["sources"] = append(got["sources"], hitLine(h.Item.ID, h.Score, h.Snippet))
		}
		for _, h := range res.Claimants {
			got["claimants"] = append(got["claimants"], hitLine(h.Item.ID, h.Score, h.Snippet))
		}
		for _, table := range []string{"topics", "sources", "claimants"} {
			want := othersOracle(t, s, table, fulltext.FTS5(fulltext.Parse(q)))
			if q == "Petrov" && len(want) != claims.SearchGroupLimit {
				t.Fatalf("search %q: the oracle found %d %s, want the test to have more matches than a search returns", q, len(want), table)
			}
			if !slices.Equal(got[table], want) {
				t.Errorf("search %q: %s\n%s\nwant\n%s", q, table, strings.Join(got[table], "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

func hitLine(id string, score float64, snippet []fulltext.SnippetPart) string {
	var b strings.Builder
	for _, p := range snippet {
		if p.Match {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return fmt.Sprintf("%s %.12g %s", id, score, b.String())
}

// othersOracle ranks table's matches of match with one statement that
// makes every match's passage.
func othersOracle(t *testing.T, s *gormstore.Store, table, match string) []string {
	t.Helper()
	fts := table + "_fts"
	q := fmt.Sprintf(`SELECT COALESCE(json_group_array(json_array(id, score, snippet)), '[]') FROM (
		SELECT t.id AS id, -bm25(%[1]s) AS score, snippet(%[1]s, -1, '%[3]s', '%[4]s', '%[5]s', 16) AS snippet
		FROM %[1]s JOIN %[2]s t ON t.rowid = %[1]s.rowid
		WHERE %[1]s MATCH '%[6]s' ORDER BY score DESC, t.id LIMIT %[7]d)`,
		fts, table, fulltext.Open, fulltext.Close, fulltext.Ellipsis, strings.ReplaceAll(match, "'", "''"), claims.SearchGroupLimit)
	v, err := gormstore.QueryString(context.Background(), s, q)
	must(t, "oracle "+table, err)
	var rows [][3]any
	if err := json.Unmarshal([]byte(v), &rows); err != nil {
		t.Fatalf("oracle %s: %v", table, err)
	}
	out := []string{}
	for _, r := range rows {
		out = append(out, hitLine(r[0].(string), r[1].(float64), fulltext.Snippet(r[2].(string))))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// TestSearchGroupsSeeEveryWrite checks that the groups a search ranks,
// which a SQLite store keeps by the version of each FTS5 index, follow
// every write: another store on the same file (another process or
// replica) creates, renames and deletes claimants, and the first store
// writes too; after each write the first store's claimants, searched
// twice (ranked afresh, then as kept), are the oracle's.
func TestSearchGroupsSeeEveryWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	a, b := storetest.Open(t, path), storetest.Open(t, path)
	ctx := context.Background()
	var made []*claims.Claimant
	for i := range claims.SearchGroupLimit + 2 {
		c := &claims.Claimant{Name: fmt.Sprintf("Petrov %d", i), Role: "spokesperson"}
		must(t, "create claimant", svc(b).CreateClaimant(ctx, c))
		made = append(made, c)
	}
	check := func(step string) {
		t.Helper()
		want := othersOracle(t, a, "claimants", fulltext.FTS5(fulltext.Parse("Petrov")))
		for round := range 2 {
			var got []string
			for _, h := range search(t, a, claims.ClaimFilter{Query: "Petrov"}).Claimants {
				got = append(got, hitLine(h.Item.ID, h.Score, h.Snippet))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s, search %d: claimants\n%s\nwant\n%s", step, round+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	check("created")
	must(t, "create claimant", svc(b).CreateClaimant(ctx, &claims.Claimant{Name: "Petrov Petrov Petrov"}))
	check("another store created a better match")
	made[3].Name = "Ivanov"
	must(t, "rename claimant", svc(b).UpdateClaimant(ctx, made[3]))
	check("another store renamed a match away")
	must(t, "delete claimant", svc(b).DeleteClaimant(ctx, made[0].ID, 0))
	check("another store deleted a match")
	made[5].Role = "Petrov's spokesperson"
	must(t, "update claimant", svc(a).UpdateClaimant(ctx, made[5]))
	check("this store updated a match")
	if got := search(t, a, claims.ClaimFilter{Query: "Petrov"}).Claimants; len(got) == 0 || got[0].Item.Name != "Petrov Petrov Petrov" {
		t.Fatalf("the best claimant is not the one another store created: %+v", got)
	}
}
