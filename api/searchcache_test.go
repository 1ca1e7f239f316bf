package api

import (
	"bytes"
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// searchCounter counts the searches the store is asked for: a first page
// answered from the cache asks for none.
type searchCounter struct {
	*gormstore.Store
	n atomic.Int64
}

func (s *searchCounter) Search(ctx context.Context, f claims.ClaimFilter) (claims.SearchResult, error) {
	s.n.Add(1)
	return s.Store.Search(ctx, f)
}

// TestSearchFirstPageFollowsWrites: a search's first page is built once
// while nothing it shows changes (on PostgreSQL, whose SearchVersion is
// the server's snapshot, which the writes of tests running beside this
// one change too, judged only in a quiet try: see keptAgain), and after each
// kind of write that changes a search's answer (a new claim, a quote
// edited, a claimant renamed or created, a topic renamed, a conflict
// appearing) the next request answers, byte for byte, what a handler with
// empty caches answers, which differs from the answer before the write.
// A later page is never cached.
func TestSearchFirstPageFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 300)
		counter := &searchCounter{Store: s}
		e, cached, fresh, check := firstPages(t, s, counter, &counter.n, s.SearchVersion, "search")
		h := e.h
		const (
			said     = "/api/v1/search?q=Said&limit=20&facets=true"
			minister = "/api/v1/search?q=Minister&limit=5"
			fighters = "/api/v1/search?q=fighters&limit=5"
			calm     = "/api/v1/search?q=Calmword&in_conflict=true"
		)
		all := []string{said, minister, fighters, calm}
		again := func(what, path string) {
			t.Helper()
			if !cached {
				check(what, path, true)
				return
			}
			keptAgain(t, what, h, fresh, path, &counter.n, s.SearchVersion)
		}
		for _, p := range all {
			check("first", p, true)
			again("again", p)
		}
		again("parameters in another order", "/api/v1/search?facets=true&limit=20&q=Said")

		var first searchBody
		e.doJSON(t, request{method: "GET", path: said}, http.StatusOK, &first)
		var ministers searchBody
		e.doJSON(t, request{method: "GET", path: minister}, http.StatusOK, &ministers)
		if first.Claims.Next == "" || len(ministers.Claimants) == 0 {
			t.Fatalf("seed: no next page of %s or no claimant for %s", said, minister)
		}
		next := said + "&cursor=" + first.Claims.Next
		check("later page", next, true)
		check("later page again", next, true)

		post := func(path, body string) string { return e.create(t, path, body) }
		calmTopic := post("/api/v1/topics", `{"title":"Calm topic","measure":"stock"}`)
		calmClaim := func(claimant, qty string) string {
			return post("/api/v1/claims", `{"topic_id":"`+calmTopic+`","claimant_id":"`+claimant+`","quantity_text":"`+qty+`","quote":"Calmword `+qty+`","said_on":"2015-10","provenance":{"source_id":"s-1"}}`)
		}
		calmA, calmB := calmClaim("c-01", "500"), calmClaim("c-02", "50")

		ifMatch := map[string]string{"If-Match": "*"}
		for _, wr := range []struct {
			name    string
			req     request
			changes string
		}{
			{"claim added", request{method: "POST", path: "/api/v1/claims",
				body: `{"topic_id":"t-1","claimant_id":"c-01","quantity_text":"about 12","quote":"Said anew","provenance":{"source_id":"s-1"}}`}, said},
			{"quote edited", request{method: "PATCH", path: "/api/v1/claims/" + first.Claims.Items[0].Item.ID,
				body: `{"quote":"Said otherwise, and at length"}`, headers: ifMatch}, said},
			{"claimant renamed", request{method: "PATCH", path: "/api/v1/claimants/" + ministers.Claimants[0].Item.ID,
				body: `{"name":"Minister Renamed"}`, headers: ifMatch}, minister},
			{"claimant created", request{method: "POST", path: "/api/v1/claimants", body: `{"name":"Minister Newcomer"}`}, minister},
			{"topic renamed", request{method: "PATCH", path: "/api/v1/topics/t-2",
				body: `{"title":"Retitled fighters"}`, headers: ifMatch}, fighters},
			{"conflict appeared", request{method: "POST", path: "/api/v1/links",
				body: `{"from_id":"` + calmB + `","to_id":"` + calmA + `","kind":"contradicts","note":"ten times apart"}`}, calm},
		} {
			for _, p := range all {
				getJSONBody(t, h, p) // cached before the write
			}
			old := fresh(wr.changes)
			status := map[string]int{"PATCH": http.StatusOK, "POST": http.StatusCreated}[wr.req.method]
			e.doJSON(t, wr.req, status, nil)
			if got := check("after "+wr.name, wr.changes, true); bytes.Equal(got, old) {
				t.Errorf("after %s: %s unchanged: the write is not one that shows", wr.name, wr.changes)
			}
		}
	})
}

// keptAgain asks h for path, whose first page is kept at version, and
// wants it answered from the cache (the store's count n unchanged) with
// what fresh (a handler with empty caches) answers, on every request. A
// version that the writes of other databases change too (SearchVersion
// on PostgreSQL: the server's snapshot, which other tests and programs on
// the server change) may have moved since the page was kept, and may move
// during a request: only a quiet request, during which version read the
// same before and after, is judged. The first quiet one may build the
// page again (it was kept at an older version), and then keeps it; the
// next quiet one at the same version must not build it. Requests that
// were not quiet are not judged (up to 50): under steady writes anywhere
// on the server the cache is rarely hit, and the test then says so.
func keptAgain(t *testing.T, what string, h http.Handler, fresh func(string) []byte, path string, n *atomic.Int64, version func(context.Context) (string, error)) {
	t.Helper()
	ctx := context.Background()
	kept := ""
	for range 50 {
		v, err := version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before := n.Load()
		got := getJSONBody(t, h, path)
		built := n.Load() > before
		after, err := version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := fresh(path); !bytes.Equal(got, want) {
			t.Errorf("%s: %s:\n got %s\nwant %s", what, path, got, want)
		}
		switch {
		case !built:
			return
		case v != after:
			// Not quiet: not judged.
		case v == kept:
			t.Errorf("%s: %s: built again at version %q, at which it was built and kept before", what, path, v)
			return
		default:
			kept = v
		}
	}
	t.Logf("%s: %s: the cache not judged: its version moved during each of 50 requests that built the page", what, path)
}
