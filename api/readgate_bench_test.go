package api

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/sync/semaphore"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// BenchmarkReadTurns has 64 readers read one claim each from the store
// over and over, as 64 clients' requests do, straight through database/sql
// or each read behind the read gate, and reports how many reads were
// served while one waited (its turn: 63 for a reader served in arrival
// order), at the median, the 99th and the 99.9th percentile. A count of
// reads, not a time, so that a busy machine's pauses do not blur it.
func BenchmarkReadTurns(b *testing.B) {
	s := storetest.SQLite(b)
	e := &env{h: NewHandler(Options{Store: s}), store: s, log: &syncBuffer{}}
	for _, r := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t-ru","title":"Russian nationals fighting with Islamic State"}`},
		{"/api/v1/sources", `{"id":"s-tass","name":"TASS","kind":"agency"}`},
		{"/api/v1/claimants", `{"id":"c-bogdanov","name":"Mikhail Bogdanov"}`},
		{"/api/v1/claims", `{"id":"cl-bogdanov","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40",
			"quote":"several dozen Russians","provenance":{"source_id":"s-tass"}}`},
	} {
		e.doJSON(b, request{method: "POST", path: r.path, body: r.body}, 201, nil)
	}
	ctx := context.Background()
	for _, gated := range []bool{false, true} {
		name := "database-sql"
		if gated {
			name = "read-gate"
		}
		b.Run(name, func(b *testing.B) {
			const readers = 64
			gate := semaphore.NewWeighted(int64(s.ReadConns()))
			var (
				arrived, served atomic.Int64
				next            atomic.Int64
				mu              sync.Mutex
				turns           []int64
				wg              sync.WaitGroup
			)
			next.Store(int64(b.N))
			for range readers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []int64
					for next.Add(-1) >= 0 {
						// Arrivals lead the reads served by the
						// readers in flight, this one included.
						ticket := arrived.Add(1)
						if gated {
							must(b, gate.Acquire(ctx, 1))
						}
						if _, err := s.FindClaim(ctx, "cl-bogdanov"); err != nil {
							b.Error(err)
						}
						if gated {
							gate.Release(1)
						}
						mine = append(mine, served.Add(1)-ticket+readers-1)
					}
					mu.Lock()
					turns = append(turns, mine...)
					mu.Unlock()
				}()
			}
			wg.Wait()
			slices.Sort(turns)
			at := func(q float64) float64 { return float64(turns[int(q*float64(len(turns)-1))]) }
			b.ReportMetric(at(0.5), "served-while-waiting-p50")
			b.ReportMetric(at(0.99), "served-while-waiting-p99")
			b.ReportMetric(at(0.999), "served-while-waiting-p99.9")
		})
	}
}
