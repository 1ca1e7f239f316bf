package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// BenchmarkRelationsRequest measures GET /api/v1/claims/{id}/relations
// (issue 14) on a topic of 20,000 claims on a SQLite file, its prepared
// claims cached, through the whole handler, and split into its parts: the
// target's read, the prepared topic (the versions read and the cache
// looked up), the page computed, the reviews read and the page encoded.
// cpu-ns/op is the process's CPU time (user and system) per operation;
// allocs/op and B/op are what the garbage collector has to follow.
func BenchmarkRelationsRequest(b *testing.B) {
	s := storetest.SQLite(b)
	seedBigTopic(b, s, 20000)
	h := NewHandler(Options{Store: s, Version: "bench", Logger: slog.New(slog.DiscardHandler)})
	const id = "cl-0100"
	req := httptest.NewRequest("GET", "/api/v1/claims/"+id+"/relations", nil)
	first := httptest.NewRecorder()
	h.ServeHTTP(first, req) // prepares the topic
	if first.Code != http.StatusOK {
		b.Fatalf("%d %s", first.Code, first.Body)
	}
	ctx := context.Background()
	p, links, err := s.PreparedTopic(ctx, "t-big")
	if err != nil {
		b.Fatal(err)
	}
	page, _ := p.Relations(id, links, xref.RelationQuery{Limit: claims.DefaultLimit})
	run := func(name string, op func() error) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
	run("handler", func() error {
		w := &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
		if w.code != http.StatusOK {
			return fmt.Errorf("status %d", w.code)
		}
		return nil
	})
	run("target", func() error { _, err := s.FindClaim(ctx, id); return err })
	run("prepared", func() error { _, _, err := s.PreparedTopic(ctx, "t-big"); return err })
	run("relations", func() error {
		if _, ok := p.Relations(id, links, xref.RelationQuery{Limit: claims.DefaultLimit}); !ok {
			return fmt.Errorf("%s is not among the prepared claims", id)
		}
		return nil
	})
	run("reviews", func() error {
		_, err := s.ListReviews(ctx, claims.ReviewFilter{ClaimID: id, ListOptions: claims.ListOptions{Limit: claims.MaxLimit}})
		return err
	})
	run("encode", func() error {
		_, err := json.Marshal(relationsPage{Items: page.Items, Total: page.Total})
		return err
	})
}
