package api

import (
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
		claim := englishClaims(t, e)
		moscow := claim("Some 300 people rallied in Moscow")
		kyiv := claim("300 people rallied in Kyiv")
		for q, want := range map[string]string{
			"москве": moscow, "москвы": moscow, "Москве": moscow,
			"киеве": kyiv, "Киеве": kyiv,
		} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			ids := a.claimIDs()
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
		claim := englishClaims(t, e)
		syria := claim("Some 300 fighters are in Syria")
		saudi := claim("Some 300 fighters came from Saudi Arabia")
		for q, want := range map[string]string{"в Сирии": syria, "в Саудовской Аравии": saudi, "из Саудовской Аравии": saudi} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			ids := a.claimIDs()
			if !slices.Equal(ids, []string{want}) {
				t.Errorf("search %s: claims %v searched as %q, want [%s]", q, ids, a.SearchedAs, want)
			}
		}
	})
}
