package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// bigTopicPath is the comparison of the topic seedBigTopic loads, as the
// frontend asks for it.
const bigTopicPath = "/api/v1/topics/t-big/comparison?limit=5000"

// seedBigTopic imports one topic of n claims by 40 claimants from 20
// sources, their numbers spread so that many of them conflict.
func seedBigTopic(t testing.TB, s *gormstore.Store, n int) {
	t.Helper()
	b := newBundle(t)
	rec := b.rec
	rec("topic", map[string]any{"id": "t-big", "title": "Foreign fighters in Syria", "measure": "stock"})
	for i := range 40 {
		rec("claimant", map[string]any{"id": fmt.Sprintf("c-%d", i), "name": fmt.Sprintf("Claimant number %d", i), "role": "spokesperson"})
	}
	for i := range 20 {
		rec("source", map[string]any{"id": fmt.Sprintf("s-%d", i), "name": fmt.Sprintf("Source number %d", i), "kind": "news", "url": fmt.Sprintf("https://example.org/%d", i)})
	}
	for i := range n {
		rec("claim", map[string]any{
			"id": fmt.Sprintf("cl-%04d", i), "topic_id": "t-big", "claimant_id": fmt.Sprintf("c-%d", i%40),
			"quote":         fmt.Sprintf("About %d fighters have gone to Syria, according to the statement number %d", 500+(i*37)%4000, i),
			"quantity_text": fmt.Sprintf("about %d", 500+(i*37)%4000), "said_on": fmt.Sprintf("20%02d-%02d", 13+i%6, 1+i%12),
			"tags":       []string{"official", fmt.Sprintf("tag-%d", i%7)},
			"provenance": map[string]any{"source_id": fmt.Sprintf("s-%d", i%20), "relays": []map[string]any{{"source_id": fmt.Sprintf("s-%d", (i+1)%20)}}},
		})
	}
	if rep, err := exchange.Import(context.Background(), s, b, exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
}

// discardWriter is a ResponseWriter that counts the body and keeps none
// of it, so that a benchmark measures the handler, not a recorder.
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// serveLoop serves req with h b.N times into a discardWriter, reporting
// allocations and the process's CPU time (user and system) a request
// (cpu-ns/op), and returns the last response.
func serveLoop(b *testing.B, h http.Handler, req *http.Request) *discardWriter {
	b.Helper()
	b.ReportAllocs()
	var w *discardWriter
	cpu0 := cpuTime()
	for b.Loop() {
		w = &discardWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	return w
}

// BenchmarkComparisonHit measures a cached comparison of a 1,000-claim
// topic on a SQLite file through the whole handler (middleware and
// compression included): asked without compression, with gzip, with the
// encodings a browser offers, and revalidated with the ETag received.
// cpu-ns/op is the process's CPU time (user and system) per request.
func BenchmarkComparisonHit(b *testing.B) {
	s := storetest.SQLite(b)
	seedBigTopic(b, s, 1000)
	h := NewHandler(Options{Store: s, Version: "bench", Logger: slog.New(slog.DiscardHandler)})
	for _, enc := range []struct{ name, accept string }{
		{"identity", ""},
		{"gzip", "gzip"},
		{"browser", "gzip, deflate, br, zstd"},
	} {
		req := httptest.NewRequest("GET", bigTopicPath, nil)
		if enc.accept != "" {
			req.Header.Set("Accept-Encoding", enc.accept)
		}
		first := httptest.NewRecorder()
		h.ServeHTTP(first, req) // fills the cache
		if first.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", enc.name, first.Code, first.Body)
		}
		run := func(b *testing.B, req *http.Request) {
			w := serveLoop(b, h, req)
			b.ReportMetric(float64(w.n), "body-B")
			if w.code != http.StatusOK && w.code != http.StatusNotModified {
				b.Fatalf("status %d", w.code)
			}
		}
		b.Run("enc="+enc.name, func(b *testing.B) { run(b, req) })
		b.Run("enc="+enc.name+"/if-none-match", func(b *testing.B) {
			// Before ETags, the header is ignored and the body sent.
			r := req.Clone(context.Background())
			r.Header.Set("If-None-Match", first.Header().Get("ETag"))
			run(b, r)
		})
	}
}

// BenchmarkComparisonClients has 4 clients at once ask for the cached
// comparison of a 1,000-claim topic over loopback HTTP, as a browser
// would (Accept-Encoding: gzip, the body read whole and not decoded), and
// reports the median, 99th percentile and maximum of their latencies.
func BenchmarkComparisonClients(b *testing.B) {
	s := storetest.SQLite(b)
	seedBigTopic(b, s, 1000)
	srv := httptest.NewServer(NewHandler(Options{Store: s, Version: "bench", Logger: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 8}}
	get := func() time.Duration {
		req, _ := http.NewRequest("GET", srv.URL+bigTopicPath, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
		return time.Since(start)
	}
	get() // fills the cache
	var mu sync.Mutex
	var all []time.Duration
	b.SetParallelism((4 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			mine = append(mine, get())
		}
		mu.Lock()
		all = append(all, mine...)
		mu.Unlock()
	})
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	slices.Sort(all)
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, "max-ms")
}
