package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestRussianAdjectiveFindsEnglishAdjective: a Russian place
// adjective ("сирийских боевиков", "иракской армии") is, in English
// reporting, an English adjective ("Syrian fighters", "the Iraqi army"),
// not the country's name. The search must find those claims on both
// databases, as it does for the listing's "contains".
func TestRussianAdjectiveFindsEnglishAdjective(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		claim := englishClaims(t, e)
		syrian := claim("Some 300 Syrian fighters crossed the border")
		iraqi := claim("The Iraqi army counted 300")
		for q, want := range map[string]string{"сирийских": syrian, "иракской": iraqi} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			ids := a.claimIDs()
			if !slices.Equal(ids, []string{want}) {
				t.Errorf("search %s (searched as %q): claims %v, want [%s]", q, a.SearchedAs, ids, want)
			}
		}
	})
}

// TestListingSpellingWithoutALetterSelectsNothing: "ъ OR ь" is in
// no record, and its Latin spelling, " OR ", has no letter (ъ and ь have
// none): latinOf counts the operator OR as a word, and the listing's
// contains filter, whose alternatives are then all empty, selects every
// record, saying it searched " OR ".
func TestListingSpellingWithoutALetterSelectsNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		topic := post("/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		who := post("/api/v1/claimants", `{"name":"Interfax"}`)
		src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":"Shoigu put it at 300","quantity_text":"300","language":"en","provenance":{"source_id":%q}}`, topic, who, src))
		for _, path := range []string{"/api/v1/claims", "/api/v1/claimants", "/api/v1/sources"} {
			var a struct {
				Items      []struct{ ID string } `json:"items"`
				SearchedAs string                `json:"searched_as"`
			}
			e.doJSON(t, request{method: http.MethodGet, path: path + "?q=" + url.QueryEscape("ъ OR ь")}, http.StatusOK, &a)
			if len(a.Items) != 0 || a.SearchedAs != "" {
				t.Errorf("%s?q=ъ OR ь: %d records searched as %q, want none (nothing holds ъ or ь)", path, len(a.Items), a.SearchedAs)
			}
		}
	})
}

// TestSearchOfOnlyOrSaysOrIsAnOperator: q=OR is a query without a word,
// as OR in capitals is the operator; the 422 says so and how to search
// the word, where "q: needs a word to search for" alone puzzles.
func TestSearchOfOnlyOrSaysOrIsAnOperator(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		for _, q := range []string{"OR", " OR OR "} {
			rec := e.do(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape(q)})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("search?q=%q = %d, want 422", q, rec.Code)
			}
			p := decodeProblem(t, rec)
			if len(p.Errors) != 1 || p.Errors[0].Field != "q" || !strings.Contains(p.Errors[0].Detail, `"OR" in quotes`) {
				t.Errorf("search?q=%q: %+v, want q's detail to say OR is an operator and \"OR\" in quotes the word", q, p.Errors)
			}
		}
		var a struct{ Claims struct{ Items []any } }
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape(`"OR"`)}, http.StatusOK, &a)
	})
}
