package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// wholeSides serves the conflicts listing's sides as the handler read
// them before ConflictSides: the whole claims by ID, then their
// claimants by ID. It is the oracle of TestConflictSidesSameBody and the
// baseline of BenchmarkHotReads.
type wholeSides struct{ Store }

func (w wholeSides) ConflictSides(ctx context.Context, ids []string) ([]xref.ConflictSide, error) {
	cs, err := w.FindClaimsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var who []string
	for _, cl := range cs {
		who = append(who, cl.ClaimantID)
	}
	claimants, err := w.FindClaimantsByID(ctx, unique(who))
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(claimants))
	for _, k := range claimants {
		names[k.ID] = k.Name
	}
	out := make([]xref.ConflictSide, 0, len(cs))
	for _, cl := range cs {
		out = append(out, xref.ConflictSide{ClaimID: cl.ID, ClaimantID: cl.ClaimantID, ClaimantName: names[cl.ClaimantID], QuantityText: cl.QuantityText})
	}
	return out, nil
}

// seedConflicting imports a generated dataset of several topics whose
// claims often conflict: n claims by 30 claimants (their names with
// quotes, markup and non-Latin letters) over 6 topics, one a child of
// another, the quantities drawn from a fixed seed.
func seedConflicting(t testing.TB, s *gormstore.Store, n int) {
	t.Helper()
	seedConflictingGraded(t, s, n, nil)
}

// seedConflictingGraded is seedConflicting with the claims graded in
// turn by grades (none given: all ungraded), so that priorities differ
// from severities.
func seedConflictingGraded(t testing.TB, s *gormstore.Store, n int, grades []claims.Grade) {
	t.Helper()
	r := rand.New(rand.NewPCG(14, 14))
	b := newBundle(t)
	rec := b.rec
	for i := range 6 {
		tp := map[string]any{"id": fmt.Sprintf("t-%d", i), "title": fmt.Sprintf("Topic \"%d\" <fighters> & more", i), "measure": "stock"}
		if i == 5 {
			tp["parent_id"] = "t-0"
		}
		rec("topic", tp)
	}
	names := []string{`Minister "%d"`, "Министр №%d", "<b>Agency</b> %d & co", "Spokes\\person %d", "Ngô Đình %d"}
	for i := range 30 {
		rec("claimant", map[string]any{"id": fmt.Sprintf("c-%02d", i), "name": fmt.Sprintf(names[i%len(names)], i)})
	}
	for i := range 5 {
		rec("source", map[string]any{"id": fmt.Sprintf("s-%d", i), "name": fmt.Sprintf("Source %d", i), "kind": "news"})
	}
	texts := []string{"about %d", "more than %d", "%d", "up to %d", "около %d", "some %d people"}
	for i := range n {
		v := []int{40, 800, 3000, 12, 25000}[r.IntN(5)] + r.IntN(30)
		cl := map[string]any{
			"id": fmt.Sprintf("cl-%04d", i), "topic_id": fmt.Sprintf("t-%d", r.IntN(6)), "claimant_id": fmt.Sprintf("c-%02d", r.IntN(30)),
			"quote": fmt.Sprintf("Said %d", i), "quantity_text": fmt.Sprintf(texts[r.IntN(len(texts))], v),
			"said_on":    fmt.Sprintf("20%02d-%02d", 14+r.IntN(3), 1+r.IntN(12)),
			"provenance": map[string]any{"source_id": fmt.Sprintf("s-%d", r.IntN(5))},
		}
		if len(grades) > 0 {
			cl["grade"] = grades[i%len(grades)]
		}
		rec("claim", cl)
	}
	if rep, err := exchange.Import(context.Background(), s, b, exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
}

// TestConflictSidesSameBody checks that GET /api/v1/conflicts answers the
// same bytes with the narrow read of the sides (ConflictSides) as with
// the whole claims and claimants read by ID (wholeSides), on the demo
// data and on a generated dataset, for every filter and page.
func TestConflictSidesSameBody(t *testing.T) {
	for _, data := range []struct {
		name string
		seed func(t *testing.T, s *gormstore.Store)
	}{
		{"demo", func(t *testing.T, s *gormstore.Store) {
			if _, err := demo.Load(context.Background(), service.New(s, nil)); err != nil {
				t.Fatal(err)
			}
		}},
		{"generated", func(t *testing.T, s *gormstore.Store) { seedConflicting(t, s, 400) }},
	} {
		t.Run(data.name, func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
				data.seed(t, s)
				w := service.New(s, nil)
				narrow := NewHandler(Options{Store: s, Writes: w})
				whole := NewHandler(Options{Store: wholeSides{s}, Writes: w})
				get := func(h http.Handler, path string) []byte {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
					if rec.Code != http.StatusOK {
						t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
					}
					return rec.Body.Bytes()
				}
				var all claims.Page[conflictItem]
				if err := json.Unmarshal(get(whole, "/api/v1/conflicts?limit=500"), &all); err != nil {
					t.Fatal(err)
				}
				if len(all.Items) < 5 {
					t.Fatalf("%d conflicts: the dataset should hold several", len(all.Items))
				}
				// Review one conflict, so that a review is in the bodies.
				cf := all.Items[0]
				if err := w.CreateReview(context.Background(), &claims.Review{ClaimA: cf.ClaimA, ClaimB: cf.ClaimB, Status: claims.ReviewDismissed, Resolution: "same \"event\"", Author: "ана"}); err != nil {
					t.Fatal(err)
				}
				queries := []string{"", "limit=500", "sort=-severity&limit=500", "status=open", "status=dismissed",
					"min_severity=2&limit=100", "topic_id=" + url.QueryEscape(cf.TopicID), "topic_id=t-none"}
				for _, q := range queries {
					path := "/api/v1/conflicts?" + q
					if a, b := get(narrow, path), get(whole, path); !bytes.Equal(a, b) {
						t.Errorf("%s:\nnarrow %s\nwhole  %s", path, a, b)
					}
				}
				// Every page of a small page size, following the cursors.
				pages, next := 0, "/api/v1/conflicts?limit=7"
				for next != "" {
					a, b := get(narrow, next), get(whole, next)
					if !bytes.Equal(a, b) {
						t.Fatalf("%s:\nnarrow %s\nwhole  %s", next, a, b)
					}
					var p claims.Page[conflictItem]
					if err := json.Unmarshal(a, &p); err != nil {
						t.Fatal(err)
					}
					for _, it := range p.Items {
						if it.A.ClaimantName == "" || it.B.ClaimantName == "" || it.A.ClaimID != it.ClaimA {
							t.Errorf("%s: a side without its claim or its claimant's name: %+v", next, it)
						}
					}
					next = ""
					if p.Next != "" {
						next = "/api/v1/conflicts?limit=7&cursor=" + url.QueryEscape(p.Next)
					}
					pages++
				}
				if pages < 2 {
					t.Errorf("%d pages of 7: want several", pages)
				}
			})
		})
	}
}
