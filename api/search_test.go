package api

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

type searchBody struct {
	Claims struct {
		Items []struct {
			Item    claims.Claim         `json:"item"`
			Snippet []claims.SnippetPart `json:"snippet"`
		} `json:"items"`
		Next string `json:"next_cursor"`
	} `json:"claims"`
	Topics []struct {
		Item claims.Topic `json:"item"`
	} `json:"topics"`
	Claimants []struct {
		Item    claims.Claimant      `json:"item"`
		Snippet []claims.SnippetPart `json:"snippet"`
	} `json:"claimants"`
	Sources []struct {
		Item claims.Source `json:"item"`
	} `json:"sources"`
	Facets *claims.Facets `json:"facets"`
}

func TestSearchEndpoint(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		post := func(path, body string) string { return e.create(t, path, body) }
		topic := post("/api/v1/topics", `{"title":"Граждане России в ИГ","measure":"stock"}`)
		who := post("/api/v1/claimants", `{"name":"Мария Богданова"}`)
		other := post("/api/v1/claimants", `{"name":"Alexander Bortnikov"}`)
		src := post("/api/v1/sources", `{"name":"Интерфакс","kind":"agency"}`)
		claim := func(claimant, quote, qty, said, grade string) string {
			return post("/api/v1/claims", fmt.Sprintf(`{"topic_id":%q,"claimant_id":%q,"quote":%q,"quantity_text":%q,"language":"ru","said_on":%q,"grade":%q,"provenance":{"source_id":%q}}`,
				topic, claimant, quote, qty, said, grade, src))
		}
		a := claim(who, "Около двух тысяч россиян воюют в Сирии", "около двух тысяч", "2015-09", "fair")
		b := claim(other, "Из России выехали 2400 человек", "2400", "2015-10-02", "confirmed")

		var res searchBody
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape("Богданов") + "&facets=true"}, http.StatusOK, &res)
		if len(res.Claims.Items) != 1 || res.Claims.Items[0].Item.ID != a {
			t.Fatalf("claims %+v, want only %s", res.Claims.Items, a)
		}
		if len(res.Claimants) != 1 || res.Claimants[0].Item.ID != who {
			t.Errorf("claimants %+v, want %s", res.Claimants, who)
		}
		if !slices.Contains(res.Claimants[0].Snippet, claims.SnippetPart{Text: "Богданова", Match: true}) {
			t.Errorf("claimant snippet %+v: want Богданова marked", res.Claimants[0].Snippet)
		}
		if res.Facets == nil || res.Facets.Total != 1 || len(res.Facets.Counts["claimant"]) != 1 || res.Facets.Counts["claimant"][0].Label != "Мария Богданова" {
			t.Errorf("facets %+v", res.Facets)
		}

		// Every list filter applies to a search.
		res = searchBody{}
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/search?q=" + url.QueryEscape("России") + "&said_from=2015-10&grade=confirmed"}, http.StatusOK, &res)
		if len(res.Claims.Items) != 1 || res.Claims.Items[0].Item.ID != b || res.Facets != nil {
			t.Errorf("filtered search: %+v (facets %v), want only %s and no facets", res.Claims.Items, res.Facets, b)
		}
		if len(res.Topics) != 1 || res.Topics[0].Item.ID != topic || res.Topics[0].Item.Tags == nil {
			t.Errorf("topics %+v, want the topic with its tags array", res.Topics)
		}

		// Facets on the list endpoint, with its filters.
		var page struct {
			Items  []claims.Claim `json:"items"`
			Facets claims.Facets  `json:"facets"`
		}
		e.doJSON(t, request{method: http.MethodGet, path: "/api/v1/claims?value_low=2300&facets=true"}, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].ID != b || page.Facets.Total != 1 {
			t.Errorf("list value_low=2300: %d items, facets %+v; want %s alone", len(page.Items), page.Facets, b)
		}
		if got := page.Facets.Counts["year"]; len(got) != 1 || got[0] != (claims.FacetCount{Value: "2015", Count: 1}) {
			t.Errorf("year facet %+v", got)
		}

		for _, c := range []struct{ query, field string }{
			{"", "q"},
			{"q=x&value_low=lots", "value_low"},
			{"q=x&value_low=5&value_high=1", "value_low"},
			{"q=x&said_from=2016&said_to=2015", "said_from"},
			{"q=x&in_conflict=maybe", "in_conflict"},
			{"q=x&sort=created_at", "sort"},
			{"q=x&cursor=zzz", "cursor"},
			{"q=x&topic=1", "topic"},
		} {
			rec := e.do(t, request{method: http.MethodGet, path: "/api/v1/search?" + c.query})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("search?%s = %d, want 422", c.query, rec.Code)
				continue
			}
			if got := problemFields(decodeProblem(t, rec)); !slices.Equal(got, []string{c.field}) {
				t.Errorf("search?%s: fields %v, want [%s]", c.query, got, c.field)
			}
		}
	})
}

// facetCounter is a store that counts the facets it is asked for.
type facetCounter struct {
	Store
	n int
}

func (s *facetCounter) ClaimFacets(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	s.n++
	return s.Store.ClaimFacets(ctx, f)
}

// TestTopicFacetsCacheFollowsWrites: the facets of a topic's claims are
// counted once while nothing changes them, and counted again after every
// kind of write that does; a caller changing what it got leaves the cache
// alone.
func TestTopicFacetsCacheFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		counter := &facetCounter{Store: s}
		e := &env{h: NewHandler(Options{Store: counter, Writes: service.New(s, nil)}), store: s, log: &syncBuffer{}}
		seed(t, e)
		grades := func(what string, counted bool) map[string]int {
			t.Helper()
			before := counter.n
			var page pageWithFacets[claims.Claim]
			e.doJSON(t, request{method: "GET", path: "/api/v1/claims?topic_id=t-ru&facets=true"}, http.StatusOK, &page)
			if got := counter.n > before; got != counted {
				t.Errorf("%s: facets counted %v, want %v", what, got, counted)
			}
			out := map[string]int{}
			for _, c := range page.Facets.Counts[claims.FacetGrade] {
				out[c.Value] = c.Count
			}
			return out
		}
		first := grades("at first", true)
		if first["fair"] != 1 || len(first) != 2 {
			t.Fatalf("grades at first: %v, want fair and one other, one each", first)
		}
		if again := grades("unchanged", false); !maps.Equal(again, first) {
			t.Errorf("from the cache: %v, want %v", again, first)
		}
		for _, w := range []struct {
			name  string
			write request
			want  map[string]int
		}{
			{"claim updated", request{method: "PATCH", path: "/api/v1/claims/cl-indy", body: `{"grade":"confirmed"}`,
				headers: map[string]string{"If-Match": "*"}}, map[string]int{"fair": 1, "confirmed": 1}},
			{"claim added", request{method: "POST", path: "/api/v1/claims", body: `{"id":"cl-new","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"900","grade":"weak","provenance":{"source_id":"s-indy"}}`},
				map[string]int{"fair": 1, "confirmed": 1, "weak": 1}},
			{"claim deleted", request{method: "DELETE", path: "/api/v1/claims/cl-new", headers: map[string]string{"If-Match": "*"}},
				map[string]int{"fair": 1, "confirmed": 1}},
		} {
			want := http.StatusOK
			switch w.write.method {
			case "POST":
				want = http.StatusCreated
			case "DELETE":
				want = http.StatusNoContent
			}
			e.doJSON(t, w.write, want, nil)
			if got := grades("after "+w.name, true); !maps.Equal(got, w.want) {
				t.Errorf("after %s: grades %v, want %v", w.name, got, w.want)
			}
			grades("again after "+w.name, false)
		}
		// A claimant's name, which the facets show, bumps the version too.
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/claimants/c-indy", body: `{"name":"The Independent (UK)"}`,
			headers: map[string]string{"If-Match": "*"}}, http.StatusOK, nil)
		grades("after a claimant was renamed", true)
	})
}
