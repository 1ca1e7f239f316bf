package api

import (
	"net/url"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestRussianPlaceOfSeveralWordsFindsItsEnglishName: a place named by
// several declined words ("Саудовской Аравии", "Соединённых Штатов")
// finds the claims that name it in English, by search and by the
// listing's text, and says it searched the English name; a common word
// the gazetteer has as a town's name ("думу": not Douma) finds nothing
// recorded of the town.
func TestRussianPlaceOfSeveralWordsFindsItsEnglishName(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		claim := englishClaims(t, e)
		saudi := claim("Some 300 fighters came from Saudi Arabia")
		us := claim("The United States counted 300")
		claim("300 people were killed in Duma, Syria")
		for q, want := range map[string]struct {
			ids []string
			as  string
		}{
			"Саудовской Аравии":  {[]string{saudi}, `"Saudi Arabia"`},
			"Соединённых Штатов": {[]string{us}, `"United States"`},
			"думу":               {nil, ""},
		} {
			a := getLatin(t, e, "/api/v1/search?q="+url.QueryEscape(q))
			ids := a.claimIDs()
			if !slices.Equal(ids, want.ids) || a.SearchedAs != want.as {
				t.Errorf("search %s: claims %v searched as %q, want %v searched as %q", q, ids, a.SearchedAs, want.ids, want.as)
			}
		}
		a := getLatin(t, e, "/api/v1/claims?q="+url.QueryEscape("Саудовской Аравии"))
		if len(a.Items) != 1 || a.Items[0].ID != saudi || a.SearchedAs != "Saudi Arabia" {
			t.Errorf("claims?q=Саудовской Аравии: %v searched as %q, want [%s] searched as \"Saudi Arabia\"", a.Items, a.SearchedAs, saudi)
		}
	})
}
