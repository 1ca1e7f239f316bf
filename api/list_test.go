package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// listIDs follows next_cursor from path to the last page and returns the
// IDs in order. It fails on a page longer than limit or a repeated ID.
func listIDs(t *testing.T, e *env, path string, limit int) []string {
	t.Helper()
	var ids []string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatalf("%s: more than 100 pages", path)
		}
		url := fmt.Sprintf("%s%slimit=%d", path, sep, limit)
		if cursor != "" {
			url += "&cursor=" + cursor
		}
		var page struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			Next string `json:"next_cursor"`
		}
		e.doJSON(t, request{method: http.MethodGet, path: url}, http.StatusOK, &page)
		if len(page.Items) > limit {
			t.Fatalf("%s: page of %d, limit %d", url, len(page.Items), limit)
		}
		for _, it := range page.Items {
			if slices.Contains(ids, it.ID) {
				t.Fatalf("%s: %s on two pages", path, it.ID)
			}
			ids = append(ids, it.ID)
		}
		if cursor = page.Next; cursor == "" {
			return ids
		}
	}
}

func TestPagination(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		var want []string
		for i := range 7 {
			id := fmt.Sprintf("t-%d", i)
			// Titles in the reverse order of creation.
			e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: fmt.Sprintf(`{"id":%q,"title":"Topic %c"}`, id, 'G'-i)}, 201, nil)
			want = append(want, id)
		}
		for _, limit := range []int{1, 2, 3, 7, 50} {
			if diff := cmp.Diff(listIDs(t, e, "/api/v1/topics?sort=created_at", limit), want); diff != "" {
				t.Errorf("limit %d, by creation (-got +want):\n%s", limit, diff)
			}
		}
		reversed := slices.Clone(want)
		slices.Reverse(reversed)
		if diff := cmp.Diff(listIDs(t, e, "/api/v1/topics?sort=title", 3), reversed); diff != "" {
			t.Errorf("sort=title (-got +want):\n%s", diff)
		}
		if diff := cmp.Diff(listIDs(t, e, "/api/v1/topics?sort=-title", 3), want); diff != "" {
			t.Errorf("sort=-title (-got +want):\n%s", diff)
		}
		// A cursor belongs to its listing's sort.
		var page claims.Page[*claims.Topic]
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics?limit=2&sort=title"}, 200, &page)
		rec := e.do(t, request{method: "GET", path: "/api/v1/topics?sort=-created_at&cursor=" + page.Next})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a cursor of another sort = %d, want 422", rec.Code)
		}
	})
}

func TestFilters(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: `{"id":"cl-kadyrov","topic_id":"t-chechens","claimant_id":"c-bogdanov",
			"quantity_text":"500","as_of":"2016","rank":"deprecated","deprecation_reason":"misattributed","grade":"discounted","notes":"Chechen volunteers",
			"provenance":{"source_id":"s-indy"}}`}, 201, nil)
		e.doJSON(t, request{method: "POST", path: "/api/v1/links", body: `{"id":"l-2","from_id":"cl-kadyrov","to_id":"cl-bogdanov","kind":"supersedes"}`}, 201, nil)
		for _, tc := range []struct {
			path string
			want []string
		}{
			{"/api/v1/topics?q=chechens", []string{"t-chechens"}},
			{"/api/v1/topics?tag=russia", []string{"t-ru"}},
			{"/api/v1/topics?tag=isis", []string{"t-ru", "t-chechens"}},
			{"/api/v1/topics?parent_id=t-ru", []string{"t-chechens"}},
			{"/api/v1/sources?q=independent", []string{"s-indy"}},
			{"/api/v1/sources?kind=agency", []string{"s-tass"}},
			{"/api/v1/sources?kind=ngo", nil},
			{"/api/v1/claimants?q=foreign+minister", []string{"c-bogdanov"}},
			{"/api/v1/claims?topic_id=t-ru", []string{"cl-bogdanov", "cl-indy"}},
			{"/api/v1/claims?claimant_id=c-bogdanov", []string{"cl-bogdanov", "cl-kadyrov"}},
			{"/api/v1/claims?source_id=s-tass", []string{"cl-bogdanov"}},
			{"/api/v1/claims?source_id=s-indy", []string{"cl-bogdanov", "cl-indy", "cl-kadyrov"}}, // origin or relay
			{"/api/v1/claims?tag=official", []string{"cl-bogdanov"}},
			{"/api/v1/claims?q=syria", []string{"cl-indy"}},
			{"/api/v1/claims?q=CHECHEN", []string{"cl-kadyrov"}},
			{"/api/v1/claims?from=2015", []string{"cl-bogdanov", "cl-kadyrov"}},
			{"/api/v1/claims?to=2015-10-01", []string{"cl-bogdanov", "cl-indy"}}, // 2015-10 is partly before
			{"/api/v1/claims?from=2014-10&to=2015-12", []string{"cl-bogdanov"}},
			{"/api/v1/claims?rank=deprecated", []string{"cl-kadyrov"}},
			{"/api/v1/claims?grade=fair", []string{"cl-bogdanov"}},
			{"/api/v1/claims?topic_id=t-ru&grade=fair&q=dozen", []string{"cl-bogdanov"}},
			{"/api/v1/links?claim_id=cl-indy", []string{"l-1"}},
			{"/api/v1/links?claim_id=cl-bogdanov", []string{"l-1", "l-2"}},
			{"/api/v1/links?kind=supersedes", []string{"l-2"}},
		} {
			got := listIDs(t, e, tc.path, 50)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("GET %s (-got +want):\n%s", tc.path, diff)
			}
		}
		// An empty date range is a mistake, not an empty list.
		prob := decodeProblem(t, e.doJSON(t, request{method: "GET", path: "/api/v1/claims?from=2016&to=2015-06"}, 422, nil))
		if fields := problemFields(prob); len(fields) != 1 || fields[0] != "from" {
			t.Errorf("from after to: fields %v, want from", fields)
		}
		// Sorting claims by a bound of their interval in force.
		if diff := cmp.Diff(listIDs(t, e, "/api/v1/claims?sort=-high", 2), []string{"cl-indy", "cl-kadyrov", "cl-bogdanov"}); diff != "" {
			t.Errorf("claims by -high (-got +want):\n%s", diff)
		}
	})
}
