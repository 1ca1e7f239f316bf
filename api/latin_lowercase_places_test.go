package api

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestRussianCityTypedInLowerCaseFindsItsEnglishName: an analyst types
// a query in a search box in lower case ("москве", "киеве"); a city's
// name so typed, in any case, still finds the claims that name it in
// English, by search and by the listing's text, as it did on main.
func TestRussianCityTypedInLowerCaseFindsItsEnglishName(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		topic := post("/api/v1/topics", `{"title":"Rallies","measure":"stock"}`)
		who := post("/api/v1/claimants", `{"name":"Interfax"}`)
		src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		claim := func(quote string) string {
			return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","language":"en","provenance":{"source_id":%q}}`,
				topic, who, quote, src))
		}
		moscow := claim("Some 300 people rallied in Moscow")
		kyiv := claim("300 people rallied in Kyiv")
		for q, want := range map[string]string{
			"москве": moscow, "москвы": moscow, "Москве": moscow,
			"киеве": kyiv, "Киеве": kyiv,
		} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			var ids []string
			for _, it := range a.Claims.Items {
				ids = append(ids, it.Item.ID)
			}
			if !slices.Equal(ids, []string{want}) {
				t.Errorf("search %s: claims %v searched as %q, want [%s]", q, ids, a.SearchedAs, want)
			}
			l := getLatin(t, e, "/api/v1/claims?q="+url.QueryEscape(q))
			if len(l.Items) != 1 || l.Items[0].ID != want {
				t.Errorf("claims?q=%s: %v searched as %q, want [%s]", q, l.Items, l.SearchedAs, want)
			}
		}
	})
}

// TestRussianPrepositionDoesNotEmptyTheLatinFallback: "в Сирии" or "в
// Саудовской Аравии" (in Syria, in Saudi Arabia), the commonest way to
// write a place in Russian, finds the claims naming the place in English:
// the preposition's Latin spelling ("v"), which no English claim holds,
// does not make the fallback find nothing.
func TestRussianPrepositionDoesNotEmptyTheLatinFallback(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		topic := post("/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		who := post("/api/v1/claimants", `{"name":"Interfax"}`)
		src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		claim := func(quote string) string {
			return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","language":"en","provenance":{"source_id":%q}}`,
				topic, who, quote, src))
		}
		syria := claim("Some 300 fighters are in Syria")
		saudi := claim("Some 300 fighters came from Saudi Arabia")
		for q, want := range map[string]string{"в Сирии": syria, "в Саудовской Аравии": saudi, "из Саудовской Аравии": saudi} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			var ids []string
			for _, it := range a.Claims.Items {
				ids = append(ids, it.Item.ID)
			}
			if !slices.Equal(ids, []string{want}) {
				t.Errorf("search %s: claims %v searched as %q, want [%s]", q, ids, a.SearchedAs, want)
			}
		}
	})
}
