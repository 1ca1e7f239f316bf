package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"runtime"
	"sync/atomic"
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

		// importClaims is an import of new claims as NDJSON.
		importClaims := func(records ...string) request {
			doc := fmt.Sprintf(`{"type":"header","schema_version":%d,"exported_at":"2026-01-01T00:00:00Z"}`+"\n", claims.BundleSchemaVersion)
			for _, r := range records {
				doc += `{"type":"claim","record":` + r + "}\n"
			}
			return request{method: "POST", path: "/api/v1/import", headers: map[string]string{"Content-Type": "application/x-ndjson"}, body: doc}
		}
		ifMatch := map[string]string{"If-Match": "*"}
		for _, w := range []struct {
			name string
			// before are writes made before write, each answered 204:
			// the facets are not asked for between them.
			before             []request
			write              request
			status             int
			wantSearch, wantLs map[string]int
			// wantSources, when set, are the search's sources.
			wantSources map[string]int
		}{
			{name: "claim added in another topic", write: request{method: "POST", path: "/api/v1/claims",
				body: `{"id":"cl-che","topic_id":"t-chechens","claimant_id":"c-bogdanov","quantity_text":"500","quote":"500 Chechens in Syria","grade":"fair","provenance":{"source_id":"s-tass"}}`},
				status:     http.StatusCreated,
				wantSearch: map[string]int{"c-indy|The Independent": 1, "c-bogdanov|Mikhail Bogdanov": 1},
				wantLs:     map[string]int{ru: 1, "t-chechens|Chechens fighting with Islamic State": 1}},
			{name: "claimant renamed", write: request{method: "PATCH", path: "/api/v1/claimants/c-bogdanov", body: `{"name":"M. Bogdanov"}`,
				headers: map[string]string{"If-Match": "*"}}, status: http.StatusOK,
				wantSearch: map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				wantLs:     map[string]int{ru: 1, "t-chechens|Chechens fighting with Islamic State": 1}},
			{name: "topic renamed", write: request{method: "PATCH", path: "/api/v1/topics/t-chechens", body: `{"title":"Chechens in Syria"}`,
				headers: map[string]string{"If-Match": "*"}}, status: http.StatusOK,
				wantSearch: map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				wantLs:     map[string]int{ru: 1, "t-chechens|Chechens in Syria": 1}},
			{name: "claim updated", write: request{method: "PATCH", path: "/api/v1/claims/cl-che", body: `{"grade":"weak","claimant_id":"c-indy"}`,
				headers: map[string]string{"If-Match": "*"}}, status: http.StatusOK,
				wantSearch: map[string]int{"c-indy|The Independent": 2},
				wantLs:     map[string]int{ru: 1}},
			{name: "claim deleted", write: request{method: "DELETE", path: "/api/v1/claims/cl-che", headers: map[string]string{"If-Match": "*"}},
				status: http.StatusNoContent, wantSearch: map[string]int{"c-indy|The Independent": 1}, wantLs: map[string]int{ru: 1}},
			{name: "source renamed", write: request{method: "PATCH", path: "/api/v1/sources/s-indy", body: `{"name":"The Independent (UK)"}`, headers: ifMatch},
				status: http.StatusOK, wantSearch: map[string]int{"c-indy|The Independent": 1}, wantLs: map[string]int{ru: 1},
				wantSources: map[string]int{"s-indy|The Independent (UK)": 1}},
			{name: "claim imported", write: importClaims(
				`{"id":"cl-imp","topic_id":"t-chechens","claimant_id":"c-bogdanov","quantity_text":"300","quote":"300 Chechens in Syria","grade":"fair","provenance":{"source_id":"s-tass"}}`),
				status:      http.StatusOK,
				wantSearch:  map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				wantLs:      map[string]int{ru: 1, "t-chechens|Chechens in Syria": 1},
				wantSources: map[string]int{"s-indy|The Independent (UK)": 1, "s-tass|TASS": 1}},
			// Into a store without claims, where SQLite's import drops the
			// insert triggers and restores them after.
			{name: "claims imported into a store without claims", before: []request{
				{method: "DELETE", path: "/api/v1/links/l-1", headers: ifMatch},
				{method: "DELETE", path: "/api/v1/claims/cl-imp", headers: ifMatch},
				{method: "DELETE", path: "/api/v1/claims/cl-indy", headers: ifMatch},
				{method: "DELETE", path: "/api/v1/claims/cl-bogdanov", headers: ifMatch},
			}, write: importClaims(
				`{"id":"cl-a","topic_id":"t-chechens","claimant_id":"c-bogdanov","quantity_text":"300","quote":"300 Chechens in Syria","grade":"fair","provenance":{"source_id":"s-tass"}}`,
				`{"id":"cl-b","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"900","quote":"900 Russians in Syria","grade":"fair","provenance":{"source_id":"s-indy"}}`,
				`{"id":"cl-c","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"700","quote":"700 Russians in Iraq","grade":"weak","provenance":{"source_id":"s-indy"}}`),
				status:      http.StatusOK,
				wantSearch:  map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				wantLs:      map[string]int{ru: 1, "t-chechens|Chechens in Syria": 1},
				wantSources: map[string]int{"s-indy|The Independent (UK)": 1, "s-tass|TASS": 1}},
			{name: "review written", write: request{method: "POST", path: "/api/v1/reviews",
				body: `{"claim_a":"cl-a","claim_b":"cl-b","status":"reviewed","resolution":"different groups"}`},
				status:     http.StatusCreated,
				wantSearch: map[string]int{"c-indy|The Independent": 1, "c-bogdanov|M. Bogdanov": 1},
				wantLs:     map[string]int{ru: 1, "t-chechens|Chechens in Syria": 1}},
		} {
			for _, r := range w.before {
				e.doJSON(t, r, http.StatusNoContent, nil)
			}
			e.doJSON(t, w.write, w.status, nil)
			check("after "+w.name, true, w.wantSearch, w.wantLs)
			if w.wantSources != nil {
				if got := facets("after "+w.name, search, claims.FacetSource, false); !maps.Equal(got, w.wantSources) {
					t.Errorf("after %s: search's sources %v, want %v", w.name, got, w.wantSources)
				}
			}
		}
	})
}

// heldFacets is a store whose first count of facets waits until its
// request is cancelled and fails with the request's error, as a count
// cut short by a departed client does.
type heldFacets struct {
	Store
	entered chan struct{} // closed when the first count starts
	calls   atomic.Int32
}

func (s *heldFacets) ClaimFacets(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	if s.calls.Add(1) == 1 {
		close(s.entered)
		<-ctx.Done()
		return claims.Facets{}, ctx.Err()
	}
	return s.Store.ClaimFacets(ctx, f)
}

// waitingInFlight counts the goroutines waiting in a singleflight.Group's
// Do for a call another goroutine runs.
func waitingInFlight() int {
	count := 0
	for _, g := range goroutines() {
		if bytes.Contains(g, []byte("singleflight.(*Group).Do(")) && !bytes.Contains(g, []byte("singleflight.(*Group).doCall(")) {
			count++
		}
	}
	return count
}

// TestFacetsOutliveAnotherRequestsCancel: two requests ask for the same
// counts at once and share one count; the request that runs it goes away
// (its context cancelled) before the count ends. The other request, still
// waiting, gets the counts, not the first one's "context canceled".
func TestFacetsOutliveAnotherRequestsCancel(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		held := &heldFacets{Store: s, entered: make(chan struct{})}
		e := &env{h: NewHandler(Options{Store: s, Writes: service.New(s, nil)}), store: s, log: &syncBuffer{}}
		seed(t, e)
		_, h := buildEngine(Options{Store: held, Writes: service.New(s, nil)})
		f := claims.ClaimFilter{Grade: claims.GradeFair}
		want, err := s.ClaimFacets(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}

		first, cancel := context.WithCancel(context.Background())
		firstErr := make(chan error, 1)
		go func() {
			_, err := h.claimFacets(first, f)
			firstErr <- err
		}()
		<-held.entered
		type answer struct {
			facets claims.Facets
			err    error
		}
		second := make(chan answer, 1)
		go func() {
			got, err := h.claimFacets(context.Background(), f)
			second <- answer{got, err}
		}()
		for waitingInFlight() == 0 {
			runtime.Gosched()
		}
		cancel()
		if err := <-firstErr; !errors.Is(err, context.Canceled) {
			t.Errorf("the cancelled request: %v, want context.Canceled", err)
		}
		got := <-second
		if got.err != nil {
			t.Fatalf("the request still waiting: %v, want its counts", got.err)
		}
		if !reflect.DeepEqual(got.facets.Counts, want.Counts) {
			t.Errorf("the request still waiting got %v, want %v", got.facets.Counts, want.Counts)
		}
	})
}
