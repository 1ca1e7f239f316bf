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

// TestRussianQueryFallsBackToLatin types names and places in Russian, in
// oblique cases, where the claims say them in English: the search and
// the claims listing answer with the claims of the Latin spelling and
// name it; Russian words the claims hold are found as typed, alone.
func TestRussianQueryFallsBackToLatin(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		topic := post("/api/v1/topics", `{"title":"Fighters from Russia abroad","measure":"stock"}`)
		who := post("/api/v1/claimants", `{"name":"Interfax"}`)
		src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		claim := func(quote, lang string) string {
			return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","language":%q,"provenance":{"source_id":%q}}`,
				topic, who, quote, lang, src))
		}
		bogdanov := []string{
			claim("Bogdanov said some 300 fighters had left", "en"),
			claim("Maria Bogdanova put the number at 300", "en"),
			claim("According to Bogdanov, 300 went", "en"),
		}
		syria := claim("About 300 Russians fight in Syria", "en")
		lavrovRU := claim("Лавров назвал число в 300 человек", "ru")
		claim("Lavrov gave the figure of 300", "en")
		navalny := claim("Aleksey Navalny put it at 300", "en")

		get := func(path string) latinAnswer { return getLatin(t, e, path) }
		searchIDs := func(a latinAnswer) []string {
			var ids []string
			for _, it := range a.Claims.Items {
				ids = append(ids, it.Item.ID)
			}
			slices.Sort(ids)
			return ids
		}
		sorted := func(ids ...string) []string {
			ids = slices.Clone(ids)
			slices.Sort(ids)
			return ids
		}

		for _, c := range []struct {
			q, searchedAs string
			want          []string
		}{
			{"Богданов", "Bogdanov*", bogdanov},
			{"Богданова", "Bogdanov*", bogdanov},
			{"Богдановым", "Bogdanov*", bogdanov},
			{"Сирии", "Syria", []string{syria}},
			{"Сирию", "Syria", []string{syria}},
			// Found as typed: the English claim of Lavrov is not added.
			{"Лаврова", "", []string{lavrovRU}},
			// Nothing in either spelling.
			{"Ракка", "", nil},
		} {
			a := get("/api/v1/search?facets=true&q=" + url.QueryEscape(c.q))
			if got := searchIDs(a); !slices.Equal(got, sorted(c.want...)) || a.SearchedAs != c.searchedAs {
				t.Errorf("search %s: claims %v searched as %q, want %v as %q", c.q, got, a.SearchedAs, sorted(c.want...), c.searchedAs)
			}
			if a.Facets == nil || a.Facets.Total != len(c.want) {
				t.Errorf("search %s: facets %+v, want a total of %d", c.q, a.Facets, len(c.want))
			}
		}

		// The pages after the first go on with the Latin spelling, the
		// query as typed sent with their cursor.
		var seen []string
		path := "/api/v1/search?limit=1&q=" + url.QueryEscape("Богдановой")
		for cursor := ""; ; {
			a := get(path + "&cursor=" + url.QueryEscape(cursor))
			if len(a.Claims.Items) != 1 || a.SearchedAs != "Bogdanov*" {
				t.Fatalf("page %d: %d claims searched as %q, want one as Bogdanov*", len(seen)+1, len(a.Claims.Items), a.SearchedAs)
			}
			seen = append(seen, a.Claims.Items[0].Item.ID)
			if cursor = a.Claims.Next; cursor == "" {
				break
			}
		}
		if slices.Sort(seen); !slices.Equal(seen, sorted(bogdanov...)) {
			t.Errorf("paged search of Богдановой: %v, want %v", seen, sorted(bogdanov...))
		}

		// The claims listing's text: "contains" the Latin spelling.
		for _, c := range []struct {
			q, searchedAs string
			want          []string
		}{
			{"Богдановым", "Bogdanov", bogdanov},
			{"Сирии", "Syria", []string{syria}},
			{"Лавров", "", []string{lavrovRU}},
			// Only the last word is cut to its stem.
			{"Алексей Навальный", "Aleksey Navaln OR Alexei Navaln", []string{navalny}},
		} {
			seen = nil
			path := "/api/v1/claims?limit=2&q=" + url.QueryEscape(c.q)
			for cursor := ""; ; {
				a := get(path + "&cursor=" + url.QueryEscape(cursor))
				if a.SearchedAs != c.searchedAs {
					t.Errorf("list %s: searched as %q, want %q", c.q, a.SearchedAs, c.searchedAs)
				}
				for _, it := range a.Items {
					seen = append(seen, it.ID)
				}
				if cursor = a.Next; cursor == "" || len(seen) > 10 {
					break
				}
				if c.searchedAs != "" && !strings.HasPrefix(cursor, "latin:") {
					t.Errorf("list %s: next cursor %q does not say it continues the Latin spelling", c.q, cursor)
				}
			}
			if slices.Sort(seen); !slices.Equal(seen, sorted(c.want...)) {
				t.Errorf("list %s: claims %v, want %v", c.q, seen, sorted(c.want...))
			}
		}
	})
}

// TestRussianAdjectivesAndPressSpellings types places by their
// adjectives and names the English press spells its own way, in the
// search, the claims listing and the claimants, sources and topics
// listings, where the records are in English; once a record holds the
// Russian as typed, that is found alone.
func TestRussianAdjectivesAndPressSpellings(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		// The records the listings find hold no claim, and the claims'
		// topic, claimant and source (which search looks in too) none of
		// the names searched.
		levant := post("/api/v1/topics", `{"title":"Fighters in Iraq and Syria","measure":"stock"}`)
		shoigu := post("/api/v1/claimants", `{"name":"Sergei Shoigu","role":"Defence minister"}`)
		shoygu := post("/api/v1/claimants", `{"name":"S. Shoygu"}`)
		grozny := post("/api/v1/sources", `{"name":"Grozny Inform","kind":"agency"}`)
		topic := post("/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
		interfax := post("/api/v1/claimants", `{"name":"Interfax"}`)
		src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
		claim := func(quote, who string) string {
			return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","language":"en","provenance":{"source_id":%q}}`,
				topic, who, quote, src))
		}
		syria := claim("Some 300 fighters crossed from Syria", interfax)
		iraq := claim("The army of Iraq counted 300", interfax)
		inGrozny := claim("About 300 left Grozny that year", interfax)
		sergei := claim("Sergei Shoigu said 300 were killed", interfax)
		shoyguSaid := claim("Shoygu put the toll at 300", interfax)

		get := func(path string) latinAnswer { return getLatin(t, e, path) }
		sorted := func(ids ...string) []string {
			ids = slices.Clone(ids)
			slices.Sort(ids)
			return ids
		}
		search := func(q string) ([]string, string) {
			t.Helper()
			a := get("/api/v1/search?q=" + url.QueryEscape(q))
			var ids []string
			for _, it := range a.Claims.Items {
				ids = append(ids, it.Item.ID)
			}
			return sorted(ids...), a.SearchedAs
		}
		list := func(path, q string) ([]string, string) {
			t.Helper()
			a := get(path + "?q=" + url.QueryEscape(q))
			var ids []string
			for _, it := range a.Items {
				ids = append(ids, it.ID)
			}
			return sorted(ids...), a.SearchedAs
		}

		for _, c := range []struct {
			q, searchedAs string
			want          []string
		}{
			{"сирийских", "Syria*", []string{syria}},
			{"иракской", "Iraq*", []string{iraq}},
			{"Грозного", "Grozny*", []string{inGrozny}},
			{"Шойгу", "Shoygu OR Shoigu", []string{sergei, shoyguSaid}},
			// Each word in its spellings, every word to match.
			{"Сергей Шойгу", "Sergey OR Sergei Shoygu OR Shoigu", []string{sergei}},
			{`"Сергей Шойгу"`, `"Sergey Shoygu" OR "Sergei Shoigu"`, []string{sergei}},
		} {
			if got, as := search(c.q); !slices.Equal(got, sorted(c.want...)) || as != c.searchedAs {
				t.Errorf("search %s: claims %v searched as %q, want %v as %q", c.q, got, as, sorted(c.want...), c.searchedAs)
			}
		}

		// The listings' text: "contains" any spelling of the whole.
		for _, c := range []struct {
			path, q, searchedAs string
			want                []string
		}{
			{"/api/v1/claims", "Шойгу", "Shoygu OR Shoigu", []string{sergei, shoyguSaid}},
			{"/api/v1/claims", "иракской", "Iraq", []string{iraq}},
			{"/api/v1/claimants", "Шойгу", "Shoygu OR Shoigu", []string{shoigu, shoygu}},
			{"/api/v1/claimants", "Сергей Шойгу", "Sergey Shoygu OR Sergei Shoigu", []string{shoigu}},
			{"/api/v1/sources", "Грозного", "Grozny", []string{grozny}},
			{"/api/v1/topics", "Сирии", "Syria", []string{levant}},
			{"/api/v1/topics", "иракских", "Iraq", []string{levant}},
		} {
			if got, as := list(c.path, c.q); !slices.Equal(got, sorted(c.want...)) || as != c.searchedAs {
				t.Errorf("%s?q=%s: %v searched as %q, want %v as %q", c.path, c.q, got, as, sorted(c.want...), c.searchedAs)
			}
		}

		// The facets count what the spellings select, and the pages of a
		// listing go on with them.
		a := get("/api/v1/claims?facets=true&q=" + url.QueryEscape("Шойгу"))
		if a.Facets == nil || a.Facets.Total != 2 {
			t.Errorf("claims?q=Шойгу: facets %+v, want a total of 2", a.Facets)
		}
		var seen []string
		for cursor := ""; ; {
			a := get("/api/v1/claimants?limit=1&q=" + url.QueryEscape("Шойгу") + "&cursor=" + url.QueryEscape(cursor))
			if len(a.Items) != 1 || a.SearchedAs != "Shoygu OR Shoigu" {
				t.Fatalf("claimants page %d: %d searched as %q, want one as Shoygu OR Shoigu", len(seen)+1, len(a.Items), a.SearchedAs)
			}
			seen = append(seen, a.Items[0].ID)
			if cursor = a.Next; cursor == "" || len(seen) > 3 {
				break
			}
			if !strings.HasPrefix(cursor, "latin:") {
				t.Errorf("claimants?q=Шойгу: next cursor %q does not say it continues the Latin spelling", cursor)
			}
		}
		if slices.Sort(seen); !slices.Equal(seen, sorted(shoigu, shoygu)) {
			t.Errorf("paged claimants?q=Шойгу: %v, want %v", seen, sorted(shoigu, shoygu))
		}

		// Records that hold the Russian as typed: found alone, no
		// spelling tried.
		shoiguRU := post("/api/v1/claimants", `{"name":"Сергей Шойгу"}`)
		ruClaim := claim("Шойгу назвал число в 300 человек", interfax)
		if got, as := search("Шойгу"); !slices.Equal(got, []string{ruClaim}) || as != "" {
			t.Errorf("search Шойгу with a Russian claim: %v searched as %q, want only %s as typed", got, as, ruClaim)
		}
		for path, want := range map[string]string{"/api/v1/claims": ruClaim, "/api/v1/claimants": shoiguRU} {
			if got, as := list(path, "Шойгу"); !slices.Equal(got, []string{want}) || as != "" {
				t.Errorf("%s?q=Шойгу with a Russian record: %v searched as %q, want only %s as typed", path, got, as, want)
			}
		}
	})
}

// TestOddQueriesNeverFail: no query text, however odd, answers 500.
func TestOddQueriesNeverFail(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		claimIn(t, e, "Bogdanov said 300 fighters left for the war")
		qs := []string{"&", "!", ":", "'", `"`, "(", ")", "|", "<->", "a & b", "!war", "war:*", "war:a", "'war'", "war<->b", `\`, `\'`, "*", "**", "war*", "war**", "*war*",
			`"war*"`, `"war`, "(war | b)", "wa:*", "war:*A", "''", "'' & ''", "x'y", "war'", "́", "war ́", "a\u0301", "1e5*", "123*", "the*", "the", "и*", "и", "и war",
			strings.Repeat("a", 3000), strings.Repeat("a", 3000) + "*", strings.Repeat("я", 3000), strings.Repeat("я", 3000) + "*", strings.Repeat("war ", 200), strings.Repeat("a* ", 200), "ъ*",
			"Богданов & Сирии", "Богданов:*", "Богданов'", "'Богданов'", "!Богданов", "(Богданов)", `"Богданов`, "Богданов*", "Бо*", "Ъ", "ъ*", "ОАЭ", "\"ОАЭ\"", "Сирии \"", "ё",
			"OR", "OR OR", "Шойгу OR", "OR Шойгу", "a OR OR b", `"Шойгу" OR "Сергей`, strings.Repeat("Юрий Шойгу OR ", 40), strings.Repeat("сирийских ", 40),
		}
		for _, q := range qs {
			for _, path := range []string{"/api/v1/search?q=", "/api/v1/search?facets=true&q=", "/api/v1/claims?q=", "/api/v1/claimants?q=", "/api/v1/sources?q="} {
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

// TestCachedLatinFallbackFollowsPlaces: a custom place changes a Russian
// query's Latin spelling; the cached answer must follow.
func TestCachedLatinFallbackFollowsPlaces(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		claimIn(t, e, "300 fighters near Dabiq")
		type ans struct {
			SearchedAs string `json:"searched_as"`
			Claims     struct {
				Items []any `json:"items"`
			} `json:"claims"`
		}
		get := func() ans {
			var a ans
			e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape("Дабике")}, http.StatusOK, &a)
			return a
		}
		if before := get(); before.SearchedAs != "" { // cached: nothing in either spelling yet
			t.Fatalf("before the place: searched as %q", before.SearchedAs)
		}
		e.doJSON(t, request{method: http.MethodPost, path: "/api/v1/places", body: `{"name":"Dabiq","aliases":["Дабик"],"in":["SY"]}`}, http.StatusCreated, nil)
		// Uncached (another key), the new spelling is used: only the cached answer is stale.
		var fresh ans
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?limit=49&q=" + url.QueryEscape("Дабике")}, http.StatusOK, &fresh)
		if fresh.SearchedAs != "Dabiq" {
			t.Fatalf("uncached: searched as %q, want Dabiq", fresh.SearchedAs)
		}
		after := get()
		if after.SearchedAs != "Dabiq" || len(after.Claims.Items) != 1 {
			t.Errorf("after the place Dabiq (Дабик) is added, Дабике is searched as %q with %d claims, want Dabiq with 1", after.SearchedAs, len(after.Claims.Items))
		}
	})
}

// TestLatinFallbackKeepsRussianGroups: a Russian query that matches a
// topic's Russian title but no claim still names that topic; the Latin
// fallback must not drop what the words as typed did match.
func TestLatinFallbackKeepsRussianGroups(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		topic := e.create(t, "/api/v1/topics", `{"title":"Россияне в Сирии","measure":"stock"}`)
		claimIn(t, e, "About 300 Russians fight in Syria")
		var a struct {
			SearchedAs string `json:"searched_as"`
			Topics     []struct {
				Item struct {
					ID string `json:"id"`
				} `json:"item"`
			} `json:"topics"`
		}
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape("Сирии")}, http.StatusOK, &a)
		if len(a.Topics) != 1 || a.Topics[0].Item.ID != topic {
			t.Errorf("search Сирии (searched as %q): topics %+v, want the topic titled «Россияне в Сирии»", a.SearchedAs, a.Topics)
		}
	})
}

// TestLatinFallbackEdges: Russian queries whose Latin spelling is no
// query, and cursors that claim a spelling the query has not, get the
// answer (or the problem) the query as typed does.
func TestLatinFallbackEdges(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		add := claimIn(t, e, "Bogdanov said 300 fighters left")
		paths := []string{"/api/v1/search?q=", "/api/v1/claims?q="}

		// The hard and soft signs have no Latin letter: a spelling of
		// them alone has no word, and the answer is the empty one of the
		// query as typed, not a 422 of the spelling.
		for _, q := range []string{"ъ*", "Ь Ъ", "ъ", "ь ъ*"} {
			for _, path := range paths {
				var a struct {
					SearchedAs string `json:"searched_as"`
				}
				e.doJSON(t, request{method: http.MethodGet, path: path + url.QueryEscape(q)}, http.StatusOK, &a)
				if a.SearchedAs != "" {
					t.Errorf("%s%q: searched as %q, want nothing", path, q, a.SearchedAs)
				}
			}
		}

		// A cursor of a Latin spelling's page, with a query that has none
		// (the cursor made up by hand, or the query changed): a 422 on the
		// cursor, not the query as typed passed off as its spelling.
		var first struct {
			Claims struct {
				Next string `json:"next_cursor"`
			} `json:"claims"`
			Next string `json:"next_cursor"`
		}
		for _, path := range paths {
			add("Bogdanov again, 300")
			e.doJSON(t, request{method: http.MethodGet, path: strings.Replace(path, "?", "?limit=1&", 1) + "Bogdanov"}, http.StatusOK, &first)
			next := first.Claims.Next + first.Next
			if next == "" {
				t.Fatalf("%sBogdanov: no next page", path)
			}
			for _, q := range []string{"Bogdanov", "ъ*"} {
				p := strings.Replace(path, "?", "?limit=1&", 1) + url.QueryEscape(q) + "&cursor=" + url.QueryEscape("latin:"+next)
				rec := e.do(t, request{method: http.MethodGet, path: p})
				if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"field":"cursor"`) {
					t.Errorf("%s: %d %s, want a 422 naming the cursor", p, rec.Code, rec.Body)
				}
			}
		}
	})
}

// claimIn creates a topic, a claimant and a source, and a claim of the
// quote in them; add creates another claim there.
func claimIn(t *testing.T, e *env, quote string) (add func(quote string) string) {
	t.Helper()
	topic := e.create(t, "/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
	who := e.create(t, "/api/v1/claimants", `{"name":"Interfax"}`)
	src := e.create(t, "/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
	add = func(quote string) string {
		t.Helper()
		return e.create(t, "/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","provenance":{"source_id":%q}}`, topic, who, quote, src))
	}
	add(quote)
	return add
}

// latinAnswer is what the fallback's tests read of a search's or a
// listing's answer: the groups, the spelling searched, the items and the
// next cursor.
type latinAnswer struct {
	searchBody
	SearchedAs string `json:"searched_as"`
	Items      []struct {
		ID string `json:"id"`
	} `json:"items"`
	Next string `json:"next_cursor"`
}

// claimIDs returns the IDs of the claims a search's answer lists, in order.
func (a latinAnswer) claimIDs() []string {
	var ids []string
	for _, it := range a.Claims.Items {
		ids = append(ids, it.Item.ID)
	}
	return ids
}

// englishClaims makes a topic, a claimant and a source, and returns a
// function that records in them an English claim of 300 with the given
// quote, returning its ID.
func englishClaims(t *testing.T, e *env) func(quote string) string {
	t.Helper()
	post := func(path, body string) string { return e.create(t, path, body) }
	topic := post("/api/v1/topics", `{"title":"Fighters abroad","measure":"stock"}`)
	who := post("/api/v1/claimants", `{"name":"Interfax"}`)
	src := post("/api/v1/sources", `{"name":"Interfax","kind":"agency"}`)
	return func(quote string) string {
		return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":"300","language":"en","provenance":{"source_id":%q}}`,
			topic, who, quote, src))
	}
}

// getLatin GETs path and decodes its 200 answer.
func getLatin(t *testing.T, e *env, path string) latinAnswer {
	t.Helper()
	var a latinAnswer
	e.doJSON(t, request{method: http.MethodGet, path: path}, http.StatusOK, &a)
	return a
}
