package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestTopicsHasConflicts: has_conflicts=true lists, in the order asked
// and through the cursors, exactly the topics that GET /api/v1/conflicts
// lists conflicts of, and has_conflicts=false every other topic (one
// without claims, one with a single claim, one whose claims agree); with
// include=summary each has its number of conflicts; a text narrows it; a
// write that ends a topic's conflicts moves it from one list to the other;
// a value other than true or false is a problem naming has_conflicts.
func TestTopicsHasConflicts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		// Topics whose titles interleave those with conflicts and those
		// without; quantities 10 << i conflict, the same quantity agrees.
		topics := []struct {
			id, title string
			claims    []int
		}{
			{"t-a", "Alpha casualties", []int{10, 20, 640}},
			{"t-b", "Bravo refugees", nil},
			{"t-c", "Charlie fighters", []int{10, 5000}},
			{"t-d", "Delta detainees", []int{300}},
			{"t-e", "Echo fighters", []int{300, 300, 300}},
			{"t-f", "Foxtrot casualties", []int{1, 100, 10000, 1000000}},
			{"t-g", "Golf fighters", []int{7, 7000}},
		}
		b := newBundle(t)
		rec := b.rec
		rec("source", map[string]any{"id": "s-1", "name": "Outlet", "kind": "news"})
		for i := range 4 {
			rec("claimant", map[string]any{"id": fmt.Sprintf("c-%d", i), "name": fmt.Sprintf("Claimant %d", i)})
		}
		for _, tp := range topics {
			rec("topic", map[string]any{"id": tp.id, "title": tp.title, "unit": "people", "additive": true})
			for i, n := range tp.claims {
				rec("claim", map[string]any{"id": fmt.Sprintf("%s-%d", tp.id, i), "topic_id": tp.id, "claimant_id": fmt.Sprintf("c-%d", i),
					"quantity_text": fmt.Sprint(n), "said_on": "2015-01-01",
					"scope": map[string]any{"places": []string{"Syria"}, "measure": "current"}, "provenance": map[string]any{"source_id": "s-1"}})
			}
		}
		if rep, err := exchange.Import(context.Background(), s, b, exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
			t.Fatalf("import: %v (%+v)", err, rep.Errors)
		}

		// The oracle: each topic's conflicts as GET /api/v1/conflicts
		// lists them, which reads the stored conflicts, not the counts
		// of the summaries the filter reads.
		conflictsOf := func(id string) int {
			var page struct {
				Items      []json.RawMessage `json:"items"`
				NextCursor string            `json:"next_cursor"`
			}
			e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?limit=500&topic_id=" + id}, http.StatusOK, &page)
			if page.NextCursor != "" {
				t.Fatalf("topic %s: more than 500 conflicts", id)
			}
			return len(page.Items)
		}
		type item struct {
			ID      string `json:"id"`
			Summary *struct {
				NotableConflicts int `json:"notable_conflicts"`
			} `json:"summary"`
		}
		// read follows the cursors of /topics?query, 2 a page.
		read := func(query string) []item {
			return allPages[item](t, e, "/api/v1/topics?limit=2&"+query)
		}
		ids := func(items []item) []string {
			out := []string{}
			for _, it := range items {
				out = append(out, it.ID)
			}
			return out
		}
		check := func(when string) {
			t.Helper()
			n := map[string]int{}
			for _, tp := range topics {
				n[tp.id] = conflictsOf(tp.id)
			}
			for _, sort := range []string{"title", "-title", "created_at"} {
				all := ids(read("sort=" + sort))
				if len(all) != len(topics) {
					t.Fatalf("%s: %d topics listed by %s, want %d", when, len(all), sort, len(topics))
				}
				var with, without []string
				for _, id := range all {
					if n[id] > 0 {
						with = append(with, id)
					} else {
						without = append(without, id)
					}
				}
				if len(with) == 0 || len(without) == 0 {
					t.Fatalf("%s: %d topics with conflicts, %d without: want some of each", when, len(with), len(without))
				}
				if got := ids(read("has_conflicts=true&sort=" + sort)); !slices.Equal(got, with) {
					t.Errorf("%s: has_conflicts=true by %s = %v, want %v", when, sort, got, with)
				}
				if got := ids(read("has_conflicts=false&sort=" + sort)); !slices.Equal(got, without) {
					t.Errorf("%s: has_conflicts=false by %s = %v, want %v", when, sort, got, without)
				}
			}
			for _, it := range read("has_conflicts=true&include=summary&sort=title") {
				if it.Summary == nil || it.Summary.NotableConflicts != n[it.ID] {
					t.Errorf("%s: topic %s with summary %+v, want %d notable conflicts", when, it.ID, it.Summary, n[it.ID])
				}
			}
		}
		check("imported")
		if got, want := ids(read("has_conflicts=true&q=fighters&sort=title")), []string{"t-c", "t-g"}; !slices.Equal(got, want) {
			t.Errorf("has_conflicts=true&q=fighters = %v, want %v", got, want)
		}
		if got, want := ids(read("has_conflicts=false&q=fighters&sort=title")), []string{"t-e"}; !slices.Equal(got, want) {
			t.Errorf("has_conflicts=false&q=fighters = %v, want %v", got, want)
		}

		// Golf's claims made to agree: no conflict left, so it is listed
		// without.
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/t-g-1", body: `{"quantity_text": "7"}`,
			headers: map[string]string{"Content-Type": "application/merge-patch+json", "If-Match": `"1"`}}, http.StatusOK, nil)
		if n := conflictsOf("t-g"); n != 0 {
			t.Fatalf("Golf has %d conflicts after its claims agree", n)
		}
		check("after a write")

		for _, v := range []string{"yes", "1", "TRUE", ""} {
			path := "/api/v1/topics?has_conflicts=" + url.QueryEscape(v)
			rec := e.do(t, request{method: "GET", path: path})
			if v == "" {
				if rec.Code != http.StatusOK {
					t.Errorf("GET %s = %d, want 200 (no filter)", path, rec.Code)
				}
				continue
			}
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("GET %s = %d, want 422", path, rec.Code)
				continue
			}
			if got := problemFields(decodeProblem(t, rec)); !slices.Equal(got, []string{"has_conflicts"}) {
				t.Errorf("GET %s: problem at %v, want has_conflicts", path, got)
			}
		}
	})
}
