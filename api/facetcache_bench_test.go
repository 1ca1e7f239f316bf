package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// uncachedSearch is a store whose search version changes at every read
// (the real one's read, then a counter), so that the API builds every
// search as it does one asked for the first time, reading the version
// before and after, and keeps none.
type uncachedSearch struct {
	Store
	n atomic.Int64
}

func (s *uncachedSearch) SearchVersion(ctx context.Context) (string, error) {
	v, err := s.Store.SearchVersion(ctx)
	return v + "/" + strconv.FormatInt(s.n.Add(1), 10), err
}

// uncachedFacets is also a store whose data version changes at every
// read, so that the API counts the facets of every request, as it did for
// any filter but a topic's before their cache was keyed by the data
// version: the baseline of BenchmarkSearchFacets.
type uncachedFacets struct {
	*uncachedSearch
}

func (s uncachedFacets) DataVersion(context.Context) (string, error) {
	return strconv.FormatInt(s.n.Add(1), 10), nil
}

// BenchmarkSearchFacets measures a search's first page with its facets
// through the whole handler on a SQLite file of 3,000 claims that all
// match: the search alone, with facets counted at every request (the
// baseline), with facets from the cache while the data are unchanged (an
// analyst paging through a search), all three built afresh (a search
// version that changes at every read: what a query asked for the first
// time costs), and the whole first page from the cache of first pages
// (the query asked again). cpu-ns/op is the process's CPU time (user and
// system) per request.
func BenchmarkSearchFacets(b *testing.B) {
	s := storetest.SQLite(b)
	seedBigTopic(b, s, 3000)
	const search = "/api/v1/search?limit=20&q=fighters"
	for _, bc := range []struct {
		name, path string
		store      Store
	}{
		{"search", search, &uncachedSearch{Store: s}},
		{"search+facets/counted", search + "&facets=true", uncachedFacets{&uncachedSearch{Store: s}}},
		{"search+facets/cached", search + "&facets=true", &uncachedSearch{Store: s}},
		{"search+facets/page-cached", search + "&facets=true", s},
	} {
		h := NewHandler(Options{Store: bc.store, Writes: service.New(s, nil), Version: "bench", Logger: slog.New(slog.DiscardHandler)})
		req := httptest.NewRequest("GET", bc.path, nil)
		first := httptest.NewRecorder()
		h.ServeHTTP(first, req)
		if first.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", bc.name, first.Code, first.Body)
		}
		b.Run(bc.name, func(b *testing.B) {
			if w := serveLoop(b, h, req); w.code != http.StatusOK {
				b.Fatalf("status %d", w.code)
			}
		})
	}
}
