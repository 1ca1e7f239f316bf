package gormstore_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// wantTopicKey is the topic_key of a topic's claims, as the schema
// documents it: U+E000 and the hex of the topic's ID.
func wantTopicKey(topic string) string {
	return "\ue000" + strings.ToUpper(hex.EncodeToString([]byte(topic)))
}

// checkTopicKeys requires, on SQLite, every claim's claims_fts row to hold
// the key of the topic in want (claim ID to topic ID), and no other row;
// on PostgreSQL, every claim's claim_search row to hold that topic's ID.
func checkTopicKeys(t *testing.T, s *gormstore.Store, when string, want map[string]string) {
	t.Helper()
	if !gormstore.IsSQLite(s) {
		got, err := gormstore.SearchTopics(context.Background(), s)
		must(t, when+": search topics", err)
		if !maps.Equal(got, want) {
			t.Errorf("%s: claim_search topics %q, want %q", when, got, want)
		}
		return
	}
	got, err := gormstore.TopicKeys(context.Background(), s)
	must(t, when+": topic keys", err)
	wantKeys := make(map[string]string, len(want))
	for id, topic := range want {
		wantKeys[id] = wantTopicKey(topic)
	}
	if !maps.Equal(got, wantKeys) {
		t.Errorf("%s: topic keys %q, want %q", when, got, wantKeys)
	}
}

// searchAll returns every hit of f, page after page, in order.
func searchAll(t *testing.T, s *gormstore.Store, f claims.ClaimFilter) []claims.Hit[*claims.Claim] {
	t.Helper()
	var out []claims.Hit[*claims.Claim]
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatalf("search %+v: more than 100 pages", f)
		}
		res := search(t, s, f)
		out = append(out, res.Claims.Items...)
		if res.Claims.Next == "" {
			return out
		}
		f.Cursor = res.Claims.Next
	}
}

// hitLines are hits as comparable lines: ID, score (every digit) and
// passage.
func hitLines(hits []claims.Hit[*claims.Claim]) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%v ", h.Score)+hitLine(h.Item.ID, h.Score, h.Snippet))
	}
	return out
}

// TestSearchWithinTopicIsTheFilteredSearch: a search within a topic
// returns exactly the topic's claims holding the word (the oracle: the
// claims' texts as written here, searched in Go), in the order, with the
// scores and passages, of the search of every claim filtered to the
// topic. The topics' IDs hold '-' and '_', and one starts another.
func TestSearchWithinTopicIsTheFilteredSearch(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		topics, rows := seedZebras(t, s)
		// The oracle: a claim holds the word in its texts or its
		// claimant's name (a claim's row holds the names).
		holds := func(id string) bool {
			r := rows[id]
			return strings.Contains(r.texts, "zebra") || r.claimant == "p2"
		}
		all := searchAll(t, s, claims.ClaimFilter{Query: "zebras", ListOptions: claims.ListOptions{Limit: 7}})
		for _, topic := range topics {
			var want []string
			for id := range rows {
				if rows[id].topic == topic && holds(id) {
					want = append(want, id)
				}
			}
			got := searchAll(t, s, claims.ClaimFilter{Query: "zebras", TopicID: topic, ListOptions: claims.ListOptions{Limit: 4}})
			if ids := hitIDs(got); !slices.Equal(ids, sorted(want...)) {
				t.Errorf("topic %s: claims %v, want %v", topic, ids, sorted(want...))
			}
			filtered := slices.DeleteFunc(slices.Clone(all), func(h claims.Hit[*claims.Claim]) bool { return h.Item.TopicID != topic })
			if g, w := hitLines(got), hitLines(filtered); !slices.Equal(g, w) {
				t.Errorf("topic %s: hits\n%s\nwant those of the whole search in that topic\n%s", topic, strings.Join(g, "\n"), strings.Join(w, "\n"))
			}
			fc, err := s.ClaimFacets(ctx, claims.ClaimFilter{Query: "zebras", TopicID: topic})
			must(t, "facets", err)
			if fc.Total != len(want) {
				t.Errorf("topic %s: facets count %d claims, want %d", topic, fc.Total, len(want))
			}
			// With another filter, which reads the claims' rows.
			got = searchAll(t, s, claims.ClaimFilter{Query: "zebras", TopicID: topic, ClaimantID: "p2", ListOptions: claims.ListOptions{Limit: 4}})
			filtered = slices.DeleteFunc(filtered, func(h claims.Hit[*claims.Claim]) bool { return h.Item.ClaimantID != "p2" })
			if g, w := hitLines(got), hitLines(filtered); !slices.Equal(g, w) {
				t.Errorf("topic %s, claimant p2: hits\n%s\nwant\n%s", topic, strings.Join(g, "\n"), strings.Join(w, "\n"))
			}
		}
		if len(all) == 0 {
			t.Fatal("the whole search found nothing")
		}
		// Ranked a window of 5 at a time, page after page, a search
		// within a topic returns each of the topic's claims holding the
		// word once.
		restore := gormstore.SetSearchWindow(5)
		defer restore()
		for _, topic := range topics {
			var want []string
			for id := range rows {
				if rows[id].topic == topic && holds(id) {
					want = append(want, id)
				}
			}
			// hitIDs sorts them, and keeps a claim returned twice.
			got := hitIDs(searchAll(t, s, claims.ClaimFilter{Query: "zebras", TopicID: topic, ListOptions: claims.ListOptions{Limit: 3}}))
			if !slices.Equal(got, sorted(want...)) {
				t.Errorf("topic %s, windows of 5: claims %v, want %v", topic, got, sorted(want...))
			}
		}
	})
}

// TestTopicKeyFollowsWrites: each claim's row holds its topic's key after
// a bulk import, a claim moved to another topic by an update and by a
// second import, a topic renamed and the index rebuilt; and a search
// within a topic follows the move.
func TestTopicKeyFollowsWrites(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		claim := func(id, topic, quote string) map[string]any {
			return map[string]any{"id": id, "topic_id": topic, "claimant_id": "p1", "quote": quote, "language": "en",
				"quantity_text": "3", "provenance": map[string]any{"source_id": "s1"}}
		}
		importDoc(t, s, "topic", map[string]any{"id": "a", "title": "Alpha", "measure": "stock"},
			"topic", map[string]any{"id": "b-b_2", "title": "Beta", "measure": "stock"},
			"claimant", map[string]any{"id": "p1", "name": "Someone"},
			"source", map[string]any{"id": "s1", "name": "Daily", "kind": "news"},
			"claim", claim("c1", "a", "three zebras"), "claim", claim("c2", "a", "zebras seen"),
			"claim", claim("c3", "b-b_2", "no animals"))
		want := map[string]string{"c1": "a", "c2": "a", "c3": "b-b_2"}
		checkTopicKeys(t, s, "after a bulk import", want)
		in := func(topic string) []string {
			return hitIDs(search(t, s, claims.ClaimFilter{Query: "zebra", TopicID: topic}).Claims.Items)
		}

		c, err := s.FindClaim(ctx, "c1")
		must(t, "find claim", err)
		c.TopicID = "b-b_2"
		must(t, "move claim", svc(s).UpdateClaim(ctx, c))
		want["c1"] = "b-b_2"
		checkTopicKeys(t, s, "after a claim moved", want)
		if a, b := in("a"), in("b-b_2"); !slices.Equal(a, []string{"c2"}) || !slices.Equal(b, []string{"c1"}) {
			t.Errorf("after a claim moved: topic a %v, b %v, want [c2] and [c1]", a, b)
		}

		moved := claim("c2", "b-b_2", "zebras seen")
		moved["version"] = 2 // newer than the stored one, so it replaces it
		importDoc(t, s, "claim", moved)
		want["c2"] = "b-b_2"
		checkTopicKeys(t, s, "after a claim moved by an import", want)
		if a, b := in("a"), in("b-b_2"); len(a) != 0 || !slices.Equal(b, []string{"c1", "c2"}) {
			t.Errorf("after a claim moved by an import: topic a %v, b %v, want none and [c1 c2]", a, b)
		}

		top, err := s.FindTopic(ctx, "b-b_2")
		must(t, "find topic", err)
		top.Title = "Beta renamed"
		must(t, "rename topic", svc(s).UpdateTopic(ctx, top))
		checkTopicKeys(t, s, "after a topic renamed", want)

		must(t, "rebuild search", s.RebuildSearch(ctx))
		checkTopicKeys(t, s, "after RebuildSearch", want)
		if b := in("b-b_2"); !slices.Equal(b, []string{"c1", "c2"}) {
			t.Errorf("after RebuildSearch: topic b %v, want [c1 c2]", b)
		}
	})
}

// TestMigrateKeysClaimsByTopic: a database at schema step 13 with claims
// gets the key of each claim's topic by the migration, and a search
// within a topic finds its claims.
func TestMigrateKeysClaimsByTopic(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate to version 13", gormstore.MigrateTo(ctx, s, 13))
		topics := []*claims.Topic{{Title: "One"}, {Title: "Two"}}
		who := &claims.Claimant{Name: "Someone"}
		src := &claims.Source{Name: "Daily", Kind: claims.SourceNews}
		for _, tp := range topics {
			must(t, "create topic", svc(s).CreateTopic(ctx, tp))
		}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
		must(t, "create source", svc(s).CreateSource(ctx, src))
		want := map[string]string{}
		byTopic := map[string][]string{}
		for i := range 6 {
			tp := topics[i%2]
			c := &claims.Claim{TopicID: tp.ID, ClaimantID: who.ID, Quote: fmt.Sprintf("%d zebras counted", i), QuantityText: fmt.Sprint(i + 1),
				Language: "en", Provenance: claims.Provenance{SourceID: src.ID}}
			must(t, "create claim", svc(s).CreateClaim(ctx, c))
			want[c.ID] = tp.ID
			byTopic[tp.ID] = append(byTopic[tp.ID], c.ID)
		}
		must(t, "migrate", s.Migrate(ctx))
		if v := schemaVersion(t, s); v != gormstore.Steps() {
			t.Fatalf("schema version %d, want %d", v, gormstore.Steps())
		}
		checkTopicKeys(t, s, "after the migration", want)
		for _, tp := range topics {
			got := hitIDs(search(t, s, claims.ClaimFilter{Query: "zebra", TopicID: tp.ID}).Claims.Items)
			if w := sorted(byTopic[tp.ID]...); !slices.Equal(got, w) {
				t.Errorf("topic %s after the migration: %v, want %v", tp.Title, got, w)
			}
		}
	})
}

// listAll returns the IDs of every claim f lists, page after page.
func listAll(t *testing.T, s *gormstore.Store, f claims.ClaimFilter) []string {
	t.Helper()
	out := []string{}
	for pages := 0; ; pages++ {
		if pages > 200 {
			t.Fatalf("list %+v: more than 200 pages", f)
		}
		p, err := s.ListClaims(context.Background(), f)
		must(t, fmt.Sprintf("list %+v", f), err)
		for _, c := range p.Items {
			out = append(out, c.ID)
		}
		if p.Next == "" {
			return out
		}
		f.Cursor = p.Next
	}
}

// TestListWithinTopicMatchesTheOracle: the claims listed with a query
// within a topic, page after page, are exactly those of the topic's list
// (without the query) holding the words (the oracle: the claims' texts
// and claimant as written here, searched in Go), in its order, and those
// of the query's list over every topic kept to the topic, for each sort.
// The topics' IDs hold '-' and '_', and one starts another.
func TestListWithinTopicMatchesTheOracle(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		topics, rows := seedZebras(t, s)
		// The oracle of each query: a claim's row holds its texts and
		// its claimant's name.
		holds := map[string]func(id string) bool{
			"zebras": func(id string) bool {
				return strings.Contains(rows[id].texts, "zebra") || rows[id].claimant == "p2"
			},
			"zebra people": func(id string) bool {
				return (strings.Contains(rows[id].texts, "zebra") || rows[id].claimant == "p2") && strings.Contains(rows[id].texts, "people")
			},
		}
		found := 0
		for query, holds := range holds {
			for _, sort := range []string{"", "created_at", "-best", "low"} {
				opts := claims.ListOptions{Sort: sort, Limit: 3}
				all := listAll(t, s, claims.ClaimFilter{Query: query, ListOptions: opts})
				for _, topic := range topics {
					got := listAll(t, s, claims.ClaimFilter{Query: query, TopicID: topic, ListOptions: opts})
					found += len(got)
					byTopic := listAll(t, s, claims.ClaimFilter{TopicID: topic, ListOptions: claims.ListOptions{Sort: sort, Limit: 7}})
					if want := slices.DeleteFunc(byTopic, func(id string) bool { return !holds(id) }); !slices.Equal(got, want) {
						t.Errorf("%q in topic %s, sort %q: %v, want the topic's claims holding it %v", query, topic, sort, got, want)
					}
					want := slices.DeleteFunc(slices.Clone(all), func(id string) bool { return rows[id].topic != topic })
					if !slices.Equal(got, want) {
						t.Errorf("%q in topic %s, sort %q: %v, want those of the whole list in that topic %v", query, topic, sort, got, want)
					}
				}
			}
		}
		if found == 0 {
			t.Fatal("no list within a topic found anything")
		}
	})
}

// zebraRow is what the oracles of the searches within a topic know of a
// claim: its topic, its claimant and its texts in lower case.
type zebraRow struct{ topic, claimant, texts string }

// seedZebras imports 120 claims over five topics whose IDs hold '-' and
// '_', one starting another ("t1", "t12"): half in t1, none with "zebra"
// in t3; the word in the quote, the notes or the original text, or in the
// claimant's name (p2, "Zebra Jones"); quantities that tie and differ, for
// the sorts by value. It returns the topics and the claims by ID.
func seedZebras(t *testing.T, s *gormstore.Store) ([]string, map[string]zebraRow) {
	t.Helper()
	topics := []string{"t1", "t12", "t1_b", "t-2", "t3"}
	recs := []any{
		"claimant", map[string]any{"id": "p1", "name": "Plain Person"},
		"claimant", map[string]any{"id": "p2", "name": "Zebra Jones"},
		"source", map[string]any{"id": "s1", "name": "Daily", "kind": "news"},
	}
	for _, id := range topics {
		recs = append(recs, "topic", map[string]any{"id": id, "title": "Topic " + id, "measure": "stock"})
	}
	rows := map[string]zebraRow{}
	for i := range 120 {
		topic := topics[min(i%8, 3)]
		if i%17 == 5 {
			topic = "t3"
		}
		quote, notes, original := "counted "+strings.Repeat("people ", i%6), "", ""
		if topic != "t3" {
			switch {
			case i%5 == 0:
				quote += "zebras and more zebras"
			case i%3 == 0:
				quote += "a zebra"
			case i%4 == 1:
				notes = "the zebra count " + strings.Repeat("again ", i%4)
			case i%7 == 2:
				// Singular: PostgreSQL indexes the original wording
				// unstemmed ('simple'), so "zebra" would not find
				// "Zebras" there, as SQLite's prefix match does.
				original = "Zebra gezählt"
			}
		}
		claimant := "p1"
		if i%11 == 0 && topic != "t3" {
			claimant = "p2"
		}
		id := fmt.Sprintf("c%03d", i)
		rows[id] = zebraRow{topic, claimant, strings.ToLower(quote + " " + notes + " " + original)}
		recs = append(recs, "claim", map[string]any{"id": id, "topic_id": topic, "claimant_id": claimant, "quote": quote,
			"notes": notes, "original_text": original, "language": "en", "quantity_text": fmt.Sprint(10 + (i*7)%13),
			"provenance": map[string]any{"source_id": "s1"}})
	}
	importDoc(t, s, recs...)
	return topics, rows
}
