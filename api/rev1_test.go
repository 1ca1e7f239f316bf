package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestRev1OddQueries: no query text, however odd, answers 500.
func TestRev1OddQueries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		topic := e.create(t, "/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		who := e.create(t, "/api/v1/claimants", `{"name":"Interfax"}`)
		src := e.create(t, "/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		e.create(t, "/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":"Bogdanov said 300 fighters left for the war","quantity_text":"300","provenance":{"source_id":%q}}`, topic, who, src))
		qs := []string{"&", "!", ":", "'", `"`, "(", ")", "|", "<->", "a & b", "!war", "war:*", "war:a", "'war'", "war<->b", `\`, `\'`, "*", "**", "war*", "war**", "*war*",
			`"war*"`, `"war`, "(war | b)", "wa:*", "war:*A", "''", "'' & ''", "x'y", "war'", "́", "war ́", "a\u0301", "1e5*", "123*", "the*", "the", "и*", "и", "и war",
			strings.Repeat("a", 3000), strings.Repeat("a", 3000) + "*", strings.Repeat("я", 3000), strings.Repeat("я", 3000) + "*", strings.Repeat("war ", 200), strings.Repeat("a* ", 200), "ъ*",
			"Богданов & Сирии", "Богданов:*", "Богданов'", "'Богданов'", "!Богданов", "(Богданов)", `"Богданов`, "Богданов*", "Бо*", "Ъ", "ъ*", "ОАЭ", "\"ОАЭ\"", "Сирии \"", "ё",
		}
		for _, q := range qs {
			for _, path := range []string{"/api/v1/search?q=", "/api/v1/search?facets=true&q=", "/api/v1/claims?q="} {
				rec := e.do(t, request{method: http.MethodGet, path: path + url.QueryEscape(q)})
				if rec.Code >= 500 {
					t.Errorf("%s%q: %d %s", path, q, rec.Code, rec.Body.String())
				}
			}
		}
		for _, cur := range []string{"latin:", "latin:x", "latin:latin:", "latin:latin:x", "latin:" + url.QueryEscape("c2VhcmNoOjE"), "latin::", "latin:c2VhcmNoOjE", "latin:c2VhcmNoOi0x", "latin:eyJsIjoiY2xhaW1zIn0"} {
			for _, q := range []string{"Богданова", "war", "Ракка"} {
				for _, path := range []string{"/api/v1/search?q=", "/api/v1/claims?q="} {
					p := path + url.QueryEscape(q) + "&cursor=" + url.QueryEscape(cur)
					rec := e.do(t, request{method: http.MethodGet, path: p})
					if rec.Code >= 500 {
						t.Errorf("%s: %d %s", p, rec.Code, rec.Body.String())
					}
				}
			}
		}
	})
}

// TestRev1CachedFallbackFollowsPlaces: a custom place changes a Russian
// query's Latin spelling; the cached answer must follow.
func TestRev1CachedFallbackFollowsPlaces(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		topic := e.create(t, "/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		who := e.create(t, "/api/v1/claimants", `{"name":"Interfax"}`)
		src := e.create(t, "/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		e.create(t, "/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":"300 fighters near Dabiq","quantity_text":"300","provenance":{"source_id":%q}}`, topic, who, src))
		type ans struct {
			SearchedAs string `json:"searched_as"`
			Claims     struct {
				Items []any `json:"items"`
			} `json:"claims"`
		}
		get := func() ans {
			var a ans
			e.doJSON(t, request{method: "GET", path: "/api/v1/search?q=" + url.QueryEscape("Дабике")}, 200, &a)
			return a
		}
		if before := get(); before.SearchedAs != "" { // cached: nothing in either spelling yet
			t.Fatalf("before the place: searched as %q", before.SearchedAs)
		}
		e.doJSON(t, request{method: "POST", path: "/api/v1/places", body: `{"name":"Dabiq","aliases":["Дабик"],"in":["SY"]}`}, http.StatusCreated, nil)
		// Uncached (another key), the new spelling is used: only the cached answer is stale.
		var fresh ans
		e.doJSON(t, request{method: "GET", path: "/api/v1/search?limit=49&q=" + url.QueryEscape("Дабике")}, 200, &fresh)
		if fresh.SearchedAs != "Dabiq" {
			t.Fatalf("uncached: searched as %q, want Dabiq", fresh.SearchedAs)
		}
		after := get()
		if after.SearchedAs != "Dabiq" || len(after.Claims.Items) != 1 {
			t.Errorf("after the place Dabiq (Дабик) is added, Дабике is searched as %q with %d claims, want Dabiq with 1", after.SearchedAs, len(after.Claims.Items))
		}
	})
}

// TestRev1FallbackKeepsRussianGroups: a Russian query that matches a
// topic's Russian title but no claim still names that topic; the Latin
// fallback must not drop what the words as typed did match.
func TestRev1FallbackKeepsRussianGroups(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		topic := e.create(t, "/api/v1/topics", `{"title":"Россияне в Сирии","measure":"stock"}`)
		other := e.create(t, "/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		who := e.create(t, "/api/v1/claimants", `{"name":"Interfax"}`)
		src := e.create(t, "/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		e.create(t, "/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":"About 300 Russians fight in Syria","quantity_text":"300","provenance":{"source_id":%q}}`, other, who, src))
		var a struct {
			SearchedAs string `json:"searched_as"`
			Topics     []struct {
				Item struct {
					ID string `json:"id"`
				} `json:"item"`
			} `json:"topics"`
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/search?q=" + url.QueryEscape("Сирии")}, 200, &a)
		if len(a.Topics) != 1 || a.Topics[0].Item.ID != topic {
			t.Errorf("search Сирии (searched as %q): topics %+v, want the topic titled «Россияне в Сирии»", a.SearchedAs, a.Topics)
		}
	})
}
