package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// listCounter counts the listings of claims and of conflicts the store
// is asked for: a page answered from the cache asks for none.
type listCounter struct {
	*gormstore.Store
	claims, conflicts atomic.Int64
}

func (l *listCounter) ListClaims(ctx context.Context, f claims.ClaimFilter) (claims.Page[*claims.Claim], error) {
	l.claims.Add(1)
	return l.Store.ListClaims(ctx, f)
}

func (l *listCounter) ListConflicts(ctx context.Context, f xref.ConflictFilter, o claims.ListOptions) (claims.Page[xref.Conflict], error) {
	l.conflicts.Add(1)
	return l.Store.ListConflicts(ctx, f, o)
}

// TestFirstPagesCacheFollowsWrites: the first page of a topic's claims
// and of the conflicts is built once while nothing it shows changes, and
// after every write through the API that changes what it shows, the next
// request answers exactly what a handler without a cache answers (built
// afresh by another handler over the same store), which differs from the
// page before the write. Later pages and filters the key's version does
// not cover are never cached.
func TestFirstPagesCacheFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 300)
		counter := &listCounter{Store: s}
		w := service.New(s, nil)
		h := NewHandler(Options{Store: counter, Writes: w})
		get := func(h http.Handler, path string) []byte { t.Helper(); return getJSONBody(t, h, path) }
		// fresh is the oracle: a handler whose caches are empty.
		fresh := func(path string) []byte {
			t.Helper()
			return get(NewHandler(Options{Store: s, Writes: w}), path)
		}
		const (
			list      = "/api/v1/claims?topic_id=t-1&limit=100&grade=ungraded"
			reordered = "/api/v1/claims?grade=ungraded&limit=100&topic_id=t-1"
			facets    = "/api/v1/claims?topic_id=t-1&limit=5&facets=true"
			conflicts = "/api/v1/conflicts?limit=20"
		)
		// check asks for path, wants it built (or not) and equal to the
		// oracle's answer, and returns it.
		check := func(what, path string, n *atomic.Int64, built bool) []byte {
			t.Helper()
			return checkBuilt(t, what, h, fresh, path, n, built)
		}
		check("first", list, &counter.claims, true)
		check("again", list, &counter.claims, false)
		check("parameters in another order", reordered, &counter.claims, false)
		check("first", facets, &counter.claims, true)
		check("again", facets, &counter.claims, false)
		check("first", conflicts, &counter.conflicts, true)
		check("again", conflicts, &counter.conflicts, false)
		// From the cache, gzipped for a client that accepts it (by the
		// compression middleware), to the same JSON; HEAD has the
		// headers and no body.
		for _, p := range []string{list, conflicts} {
			req := httptest.NewRequest("GET", p, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("GET %s, gzip: %d %q", p, rec.Code, rec.Header().Get("Content-Encoding"))
			}
			if got, want := gunzip(t, rec.Body.Bytes()), fresh(p); !bytes.Equal(got, want) {
				t.Errorf("GET %s, gzip: %s, want %s", p, got, want)
			}
			rec = httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("HEAD", p, nil))
			if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("HEAD %s: %d, %d bytes, %q", p, rec.Code, rec.Body.Len(), rec.Header().Get("Content-Type"))
			}
		}

		// Never cached: a later page, a filter by place, a listing
		// across topics.
		var page claims.Page[json.RawMessage]
		if err := json.Unmarshal(get(h, conflicts), &page); err != nil || page.Next == "" {
			t.Fatalf("conflicts: no next page (%v)", err)
		}
		for _, p := range []struct {
			path string
			n    *atomic.Int64
		}{
			{conflicts + "&cursor=" + page.Next, &counter.conflicts},
			{"/api/v1/claims?topic_id=t-1&limit=20&place=Syria", &counter.claims},
			{"/api/v1/claims?limit=20&grade=ungraded", &counter.claims},
		} {
			check("first", p.path, p.n, true)
			check("again", p.path, p.n, true)
		}

		var first claims.Page[conflictItem]
		if err := json.Unmarshal(get(h, conflicts), &first); err != nil || len(first.Items) == 0 {
			t.Fatalf("conflicts: %v", err)
		}
		cf := first.Items[0]
		var claimT1 claims.Page[claims.Claim]
		if err := json.Unmarshal(get(h, list), &claimT1); err != nil || len(claimT1.Items) < 2 {
			t.Fatalf("list: %v %d", err, len(claimT1.Items))
		}
		ifMatch := map[string]string{"If-Match": "*"}
		for _, wr := range []struct {
			name string
			req  request
			// changes are the pages the write changes (each then built
			// again); keeps are cached pages it leaves as they were.
			changes, keeps []string
		}{
			{"claim of the topic updated", request{method: "PATCH", path: "/api/v1/claims/" + claimT1.Items[0].ID,
				body: `{"quote":"Said again"}`, headers: ifMatch}, []string{list, facets}, nil},
			{"claim added to the topic", request{method: "POST", path: "/api/v1/claims",
				body: `{"id":"cl-new","topic_id":"t-1","claimant_id":"c-01","quantity_text":"about 12","quote":"New","grade":"ungraded","provenance":{"source_id":"s-1"}}`},
				[]string{list, facets}, nil},
			{"claim of the topic deleted", request{method: "DELETE", path: "/api/v1/claims/" + claimT1.Items[1].ID, headers: ifMatch},
				[]string{list, facets}, nil},
			{"conflict's side updated", request{method: "PATCH", path: "/api/v1/claims/" + cf.A.ClaimID,
				body: `{"quantity_text":"about 999999"}`, headers: ifMatch}, []string{conflicts}, nil},
			{"claimant renamed", request{method: "PATCH", path: "/api/v1/claimants/" + cf.B.ClaimantID,
				body: `{"name":"Renamed"}`, headers: ifMatch}, []string{conflicts}, nil},
			{"topic renamed", request{method: "PATCH", path: "/api/v1/topics/" + cf.TopicID,
				body: `{"title":"Retitled"}`, headers: ifMatch}, []string{conflicts}, nil},
		} {
			// Cached before the write.
			for _, p := range append(wr.changes, wr.keeps...) {
				get(h, p)
			}
			old := map[string][]byte{}
			for _, p := range wr.changes {
				old[p] = fresh(p)
			}
			e := &env{h: h, store: counter}
			status := map[string]int{"PATCH": http.StatusOK, "POST": http.StatusCreated, "DELETE": http.StatusNoContent}[wr.req.method]
			e.doJSON(t, wr.req, status, nil)
			for _, p := range wr.changes {
				n := &counter.claims
				if p == conflicts {
					n = &counter.conflicts
				}
				if got := check("after "+wr.name, p, n, true); bytes.Equal(got, old[p]) {
					t.Errorf("after %s: %s unchanged: the write is not one that shows", wr.name, p)
				}
			}
		}

		// A review of the first conflict's pair: the conflicts show it.
		var now claims.Page[conflictItem]
		if err := json.Unmarshal(get(h, conflicts), &now); err != nil || len(now.Items) == 0 {
			t.Fatalf("conflicts: %v", err)
		}
		pair := now.Items[0]
		if pair.Review != nil {
			t.Fatalf("the first conflict is reviewed already")
		}
		e := &env{h: h, store: counter}
		e.doJSON(t, request{method: "POST", path: "/api/v1/reviews",
			body: `{"claim_a":"` + pair.ClaimA + `","claim_b":"` + pair.ClaimB + `","status":"reviewed","resolution":"different groups"}`},
			http.StatusCreated, nil)
		check("after a review", conflicts, &counter.conflicts, true)
		var reviewed claims.Page[conflictItem]
		if err := json.Unmarshal(get(h, conflicts+"&status=reviewed"), &reviewed); err != nil || len(reviewed.Items) != 1 || reviewed.Items[0].Review == nil {
			t.Errorf("reviewed conflicts after the review: %+v (%v)", reviewed.Items, err)
		}

		// A write to another topic leaves the topic's page cached, not
		// the conflicts (of every topic).
		var other claims.Page[claims.Claim]
		if err := json.Unmarshal(get(h, "/api/v1/claims?topic_id=t-2&limit=1"), &other); err != nil || len(other.Items) != 1 {
			t.Fatalf("t-2: %v", err)
		}
		get(h, list) // built after the review, which bumps the topics of its claims
		check("before", list, &counter.claims, false)
		check("before", conflicts, &counter.conflicts, false)
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/" + other.Items[0].ID, body: `{"quote":"Elsewhere"}`, headers: ifMatch}, http.StatusOK, nil)
		check("after a write to another topic", list, &counter.claims, false)
		check("after a write to another topic", conflicts, &counter.conflicts, true)
	})
}

// TestConflictsTopicTitles: each conflict of the listing is named by its
// topic's title, as FindTopic reads the topic, on every page (the titles
// are read in one query a page, TopicTitles).
func TestConflictsTopicTitles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 300)
		h := NewHandler(Options{Store: s, Writes: service.New(s, nil)})
		seen := map[string]bool{}
		for path := "/api/v1/conflicts?limit=7"; path != ""; {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			var page claims.Page[conflictItem]
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
				t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
			}
			for _, cf := range page.Items {
				tp, err := s.FindTopic(context.Background(), cf.TopicID)
				if err != nil {
					t.Fatal(err)
				}
				if cf.TopicTitle != tp.Title {
					t.Errorf("%s: conflict of %s titled %q, want %q", path, cf.TopicID, cf.TopicTitle, tp.Title)
				}
				seen[cf.TopicID] = true
			}
			path = ""
			if page.Next != "" {
				path = "/api/v1/conflicts?limit=7&cursor=" + page.Next
			}
		}
		if len(seen) < 2 {
			t.Errorf("conflicts in %d topics, want more than one", len(seen))
		}
	})
}

// TestInConflictPagesFollowWrites: a topic's first page filtered by
// in_conflict (and its facets, which count in_conflict) is kept at the
// topic's version, and after a write to the topic, to its parent or to
// its child, the pages of both topics answer exactly what a handler
// without a cache answers: a claim's summary changes only when its own
// topic is recomputed, which bumps the topic's version.
func TestInConflictPagesFollowWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		counter := &listCounter{Store: s}
		w := service.New(s, nil)
		h := NewHandler(Options{Store: counter, Writes: w})
		e := &env{h: h, store: s, log: &syncBuffer{}}
		seed(t, e) // t-ru and its child t-chechens; cl-indy contradicts cl-bogdanov
		get := func(h http.Handler, path string) []byte { t.Helper(); return getJSONBody(t, h, path) }
		// fresh is the oracle: a handler whose caches are empty.
		fresh := func(path string) []byte {
			t.Helper()
			return get(NewHandler(Options{Store: s, Writes: w}), path)
		}
		const (
			parentIn     = "/api/v1/claims?topic_id=t-ru&in_conflict=true"
			parentOut    = "/api/v1/claims?topic_id=t-ru&in_conflict=false"
			parentFacets = "/api/v1/claims?topic_id=t-ru&limit=1&facets=true"
			childIn      = "/api/v1/claims?topic_id=t-chechens&in_conflict=true"
			childOut     = "/api/v1/claims?topic_id=t-chechens&in_conflict=false"
			childFacets  = "/api/v1/claims?topic_id=t-chechens&limit=1&facets=true"
		)
		pages := []string{parentIn, parentOut, parentFacets, childIn, childOut, childFacets}
		check := func(what, path string) []byte {
			t.Helper()
			got := get(h, path)
			if want := fresh(path); !bytes.Equal(got, want) {
				t.Errorf("%s: %s:\n got %s\nwant %s", what, path, got, want)
			}
			return got
		}
		for _, p := range pages {
			before := counter.claims.Load()
			check("first", p)
			if counter.claims.Load() == before {
				t.Errorf("first: %s: not built", p)
			}
			before = counter.claims.Load()
			check("again", p)
			if counter.claims.Load() != before {
				t.Errorf("again: %s: built again, not cached", p)
			}
		}
		ifMatch := map[string]string{"If-Match": "*"}
		for _, wr := range []struct {
			name    string
			req     request
			status  int
			changes []string // pages the write changes
		}{
			{"claim added to the child", request{method: "POST", path: "/api/v1/claims",
				body: `{"id":"cl-grozny","topic_id":"t-chechens","claimant_id":"c-bogdanov","quantity_text":"500","quote":"about 500 Chechens in Syria","said_on":"2015-10","provenance":{"source_id":"s-tass"}}`},
				http.StatusCreated, []string{childOut}},
			{"second claim added to the child", request{method: "POST", path: "/api/v1/claims",
				body: `{"id":"cl-kadyrov","topic_id":"t-chechens","claimant_id":"c-indy","quantity_text":"50","quote":"no more than 50 Chechens","said_on":"2015-10","provenance":{"source_id":"s-indy"}}`},
				http.StatusCreated, []string{childOut}},
			{"contradiction linked in the child", request{method: "POST", path: "/api/v1/links",
				body: `{"id":"l-ch","from_id":"cl-kadyrov","to_id":"cl-grozny","kind":"contradicts","note":"ten times apart"}`},
				http.StatusCreated, []string{childIn, childOut, childFacets}},
			{"contradiction unlinked in the parent", request{method: "DELETE", path: "/api/v1/links/l-1", headers: ifMatch},
				http.StatusNoContent, []string{parentIn, parentOut, parentFacets}},
		} {
			for _, p := range pages {
				get(h, p) // cached before the write
			}
			old := map[string][]byte{}
			for _, p := range pages {
				old[p] = fresh(p)
			}
			e.doJSON(t, wr.req, wr.status, nil)
			for _, p := range pages {
				got := check("after "+wr.name, p)
				if slices.Contains(wr.changes, p) && bytes.Equal(got, old[p]) {
					t.Errorf("after %s: %s unchanged: the write is not one that shows", wr.name, p)
				}
			}
		}
	})
}

// firstPages serves store, a counting wrapper of s whose count is n, for
// a test of a first pages' cache keyed by version (what names it in a
// failure): it returns the test's env, whether the store caches at all
// (PostgreSQL gives no version; SQLite must), fresh, which answers path
// from a handler with empty caches, and check (see checkBuilt).
func firstPages(t *testing.T, s *gormstore.Store, store Store, n *atomic.Int64, version func(context.Context) (string, error), what string) (e *env, cached bool, fresh func(string) []byte, check func(what, path string, built bool) []byte) {
	t.Helper()
	w := service.New(s, nil)
	h := NewHandler(Options{Store: store, Writes: w})
	v, err := version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cached = v != ""
	if !cached && strings.HasSuffix(t.Name(), "/sqlite") {
		t.Fatalf("SQLite gives no %s version", what)
	}
	fresh = func(path string) []byte {
		t.Helper()
		return getJSONBody(t, NewHandler(Options{Store: s, Writes: w}), path)
	}
	check = func(what, path string, built bool) []byte {
		t.Helper()
		return checkBuilt(t, what, h, fresh, path, n, built)
	}
	return &env{h: h, store: store}, cached, fresh, check
}

// checkBuilt asks h for path, wants the store's count n to grow (the
// answer built) or not as built says, and the answer to equal byte for
// byte what fresh (a handler with empty caches) answers; it returns it.
func checkBuilt(t *testing.T, what string, h http.Handler, fresh func(string) []byte, path string, n *atomic.Int64, built bool) []byte {
	t.Helper()
	before := n.Load()
	got := getJSONBody(t, h, path)
	if b := n.Load() > before; b != built {
		t.Errorf("%s: %s: built %v, want %v", what, path, b, built)
	}
	if want := fresh(path); !bytes.Equal(got, want) {
		t.Errorf("%s: %s:\n got %s\nwant %s", what, path, got, want)
	}
	return got
}

// getJSONBody asks h for path and returns the body of its answer, which
// must be a 200 of JSON.
func getJSONBody(t *testing.T, h http.Handler, path string) []byte {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	return rec.Body.Bytes()
}
