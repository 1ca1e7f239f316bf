package api

import (
	"maps"
	"net/http"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// TestSearchFacetsCacheFollowsWrites: the facets of a search and of a
// listing across topics are counted once while nothing changes them, and
// counted again, right, after every kind of write that may change them,
// in any topic.
func TestSearchFacetsCacheFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		counter := &facetCounter{Store: s}
		e := &env{h: NewHandler(Options{Store: counter, Writes: service.New(s, nil)}), store: s, log: &syncBuffer{}}
		seed(t, e)
		// facets returns the counts of one facet, and checks whether the
		// request counted them or took them from the cache.
		facets := func(what, path, facet string, counted bool) map[string]int {
			t.Helper()
			before := counter.n
			var body struct {
				Facets *claims.Facets `json:"facets"`
			}
			e.doJSON(t, request{method: http.MethodGet, path: path}, http.StatusOK, &body)
			if got := counter.n > before; got != counted {
				t.Errorf("%s: %s: facets counted %v, want %v", what, path, got, counted)
			}
			if body.Facets == nil {
				t.Fatalf("%s: %s: no facets", what, path)
			}
			out := map[string]int{}
			for _, c := range body.Facets.Counts[facet] {
				out[c.Value+"|"+c.Label] = c.Count
			}
			return out
		}
		const search = "/api/v1/search?q=Syria&facets=true"
		const list = "/api/v1/claims?grade=fair&facets=true"
		check := func(what string, counted bool, wantSearch, wantList map[string]int) {
			t.Helper()
			if got := facets(what, search, claims.FacetClaimant, counted); !maps.Equal(got, wantSearch) {
				t.Errorf("%s: search's claimants %v, want %v", what, got, wantSearch)
			}
			if got := facets(what, list, claims.FacetTopic, counted); !maps.Equal(got, wantList) {
				t.Errorf("%s: listing's topics %v, want %v", what, got, wantList)
			}
			// Asked again, unchanged: from the cache.
			facets(what+", again", search, claims.FacetClaimant, false)
			facets(what+", again", list, claims.FacetTopic, false)
		}
		ru := "t-ru|Russian nationals fighting with Islamic State"
		check("at first", true, map[string]int{"c-indy|The Independent": 1}, map[string]int{ru: 1})
		// Another page of the search shares the first's counts.
		facets("next page", search+"&limit=1&cursor=", claims.FacetClaimant, false)

		for _, w := range []struct {
			name               string
			write              request
			status             int
			wantSearch, wantLs map[string]int
		}{
			{"claim added in another topic", request{method: "POST", path: "/api/v1/claims",
				body: `{"id":"cl-che","topic_id":"t-chechens","claimant_id":"c-bogdanov","quantity_text":"500","quote":"500 Chechens in Syria","grade":"fair","provenance":{"source_id":"s-tass"}}`},
				http.StatusCreated,
				map[string]int{"c-indy|The Independent": 1, "c-bogdanov|Mikhail Bogdanov": 1},
				map[string]int{ru: 1, "t-chechens|Chechens fighting with Islamic State": 1}},
			{"claimant renamed", request{method: "PATCH", path: "/api/v1/claimants/c-bogdanov", body: `{"name":"M. Bogdanov"}`,
				headers: map[string]string{"If-Match": "*"}}, http.StatusOK,
				map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				map[string]int{ru: 1, "t-chechens|Chechens fighting with Islamic State": 1}},
			{"topic renamed", request{method: "PATCH", path: "/api/v1/topics/t-chechens", body: `{"title":"Chechens in Syria"}`,
				headers: map[string]string{"If-Match": "*"}}, http.StatusOK,
				map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				map[string]int{ru: 1, "t-chechens|Chechens in Syria": 1}},
			{"claim updated", request{method: "PATCH", path: "/api/v1/claims/cl-che", body: `{"grade":"weak","claimant_id":"c-indy"}`,
				headers: map[string]string{"If-Match": "*"}}, http.StatusOK,
				map[string]int{"c-indy|The Independent": 2},
				map[string]int{ru: 1}},
			{"claim deleted", request{method: "DELETE", path: "/api/v1/claims/cl-che", headers: map[string]string{"If-Match": "*"}},
				http.StatusNoContent, map[string]int{"c-indy|The Independent": 1}, map[string]int{ru: 1}},
		} {
			e.doJSON(t, w.write, w.status, nil)
			check("after "+w.name, true, w.wantSearch, w.wantLs)
		}
	})
}
