package main

// The read benchmarks (-compare): on the database the import built, time
//
//	GET /api/v1/topics/{id}/comparison for a topic of about 1,000 claims,
//	    against the same request on a database holding only that topic
//	    (the same claims, claimants and sources), in the same run;
//	GET /api/v1/claims/{id}/relations for a claim of the largest topic
//	    (computed on demand);
//	GET /api/v1/conflicts?limit=50 across every topic;
//	search, facets, a filtered listing and reading a claim (search.go);
//
// through the real handler (api.NewHandler on the gormstore store, served
// in process by httptest), and print the median and 95th percentile.
// -compare-db FILE runs them alone on a database an earlier run left.

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

var (
	compareFlag = flag.Bool("compare", false, "after the import and export, time the comparison, relations and conflicts endpoints on the imported database")
	compareDB   = flag.String("compare-db", "", "only time the read endpoints, on this database (left by a run with -dir)")
	compareN    = flag.Int("compare-requests", 200, "requests per measured endpoint (relations: a tenth of them)")
)

// compareEndpoints runs the read benchmarks on the database at path,
// building the single-topic baseline database in dir.
func compareEndpoints(ctx context.Context, dir, path string) error {
	fmt.Println("(e) read endpoints through the API handler, on the imported database")
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer raw.Close()
	var total int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM claims`).Scan(&total); err != nil {
		return err
	}
	// A topic of about 1,000 claims without a parent, so that a database
	// holding only it holds the same topic.
	var topicID string
	var topicClaims int
	err = raw.QueryRow(`SELECT t.id, s.claim_count FROM topics t JOIN topic_summaries s ON s.topic_id = t.id
		WHERE t.parent_id IS NULL ORDER BY abs(s.claim_count - 1000), t.id LIMIT 1`).Scan(&topicID, &topicClaims)
	if err != nil {
		return fmt.Errorf("pick a topic: %w", err)
	}
	var largest string
	var largestClaims int
	if err := raw.QueryRow(`SELECT topic_id, claim_count FROM topic_summaries ORDER BY claim_count DESC, topic_id LIMIT 1`).Scan(&largest, &largestClaims); err != nil {
		return fmt.Errorf("pick the largest topic: %w", err)
	}
	var claimID string
	if err := raw.QueryRow(`SELECT claim_id FROM claim_summaries WHERE topic_id = ? ORDER BY claim_id LIMIT 1 OFFSET ?`, largest, largestClaims/2).Scan(&claimID); err != nil {
		return fmt.Errorf("pick a claim: %w", err)
	}
	cases, err := searchCases(raw, largest)
	if err != nil {
		return err
	}
	raw.Close()

	big, err := gormstore.Open(ctx, path)
	if err != nil {
		return err
	}
	defer big.Close()
	// A database an older claimdesk left gets the newer steps (the search
	// index, the topics' versions).
	if err := big.Migrate(ctx); err != nil {
		return err
	}
	gin.SetMode(gin.ReleaseMode)
	bigH := api.NewHandler(api.Options{Store: big})

	// The baseline: the topic alone, exported from the big database and
	// imported into an empty one.
	smallPath := filepath.Join(dir, "compare-topic.db")
	os.Remove(smallPath)
	if err := migrated(ctx, smallPath); err != nil {
		return err
	}
	small, err := gormstore.Open(ctx, smallPath)
	if err != nil {
		return err
	}
	defer small.Close()
	var doc bytes.Buffer
	if err := exchange.Export(ctx, big, &doc, exchange.NDJSON, exchange.Filter{TopicID: topicID}, exchange.ExportOptions{}); err != nil {
		return fmt.Errorf("export topic %s: %w", topicID, err)
	}
	if _, err := exchange.Import(ctx, small, &doc, exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		return fmt.Errorf("import topic %s: %w", topicID, err)
	}
	smallH := api.NewHandler(api.Options{Store: small})

	n := max(*compareN, 20)
	cmpURL := "/api/v1/topics/" + topicID + "/comparison"
	fmt.Printf("  comparison of %s (%d claims; the page is the default 1,000) in %d claims vs a database of that topic alone, %d requests each, interleaved\n",
		topicID, topicClaims, total, n)
	bigT, smallT, err := timeAlternating(bigH, smallH, cmpURL, n)
	if err != nil {
		return err
	}
	bm, bp := stats(bigT)
	sm, sp := stats(smallT)
	fmt.Printf("    %d claims:        median %6.2f ms, p95 %6.2f ms\n", total, bm, bp)
	fmt.Printf("    topic alone:        median %6.2f ms, p95 %6.2f ms\n", sm, sp)

	relURL := "/api/v1/claims/" + claimID + "/relations"
	relN := max(n/10, 20)
	fmt.Printf("  relations of %s in %s (%d claims, computed on demand), %d requests\n", claimID, largest, largestClaims, relN)
	relT, err := timeRequests(bigH, relURL, relN)
	if err != nil {
		return err
	}
	rm, rp := stats(relT)
	fmt.Printf("    median %6.2f ms, p95 %6.2f ms\n", rm, rp)

	fmt.Printf("  conflicts across every topic (?limit=50), %d requests\n", n)
	confT, err := timeRequests(bigH, "/api/v1/conflicts?limit=50", n)
	if err != nil {
		return err
	}
	cm, cp := stats(confT)
	fmt.Printf("    median %6.2f ms, p95 %6.2f ms\n", cm, cp)

	if err := timeSearch(bigH, cases, n); err != nil {
		return err
	}

	fmt.Println("\nread ratios (above 1 means the big database is faster)")
	fmt.Printf("  comparison, %d claims vs the topic alone: median %.2fx (%.2f ms vs %.2f ms), p95 %.2fx (%.2f ms vs %.2f ms)\n",
		total, sm/bm, bm, sm, sp/bp, bp, sp)
	return nil
}

// get serves one GET through h and checks that it succeeded.
func get(h http.Handler, url string) (time.Duration, error) {
	req := httptest.NewRequest(http.MethodGet, url, nil)
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	d := time.Since(start)
	if rec.Code != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(rec.Body, 500))
		return d, fmt.Errorf("GET %s: %d %s", url, rec.Code, b)
	}
	return d, nil
}

// timeRequests times n requests after a few unmeasured ones.
func timeRequests(h http.Handler, url string, n int) ([]time.Duration, error) {
	for range min(3, n) {
		if _, err := get(h, url); err != nil {
			return nil, err
		}
	}
	out := make([]time.Duration, 0, n)
	for range n {
		d, err := get(h, url)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// timeAlternating times n requests to each handler, alternating, so that
// both see the same load on the machine.
func timeAlternating(a, b http.Handler, url string, n int) (ta, tb []time.Duration, err error) {
	for range 5 {
		if _, err := get(a, url); err != nil {
			return nil, nil, err
		}
		if _, err := get(b, url); err != nil {
			return nil, nil, err
		}
	}
	for range n {
		d, err := get(a, url)
		if err != nil {
			return nil, nil, err
		}
		ta = append(ta, d)
		if d, err = get(b, url); err != nil {
			return nil, nil, err
		}
		tb = append(tb, d)
	}
	return ta, tb, nil
}

// stats returns the median and the 95th percentile in milliseconds.
func stats(ds []time.Duration) (median, p95 float64) {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) float64 {
		return float64(s[min(len(s)-1, int(q*float64(len(s))))].Microseconds()) / 1000
	}
	return at(0.5), at(0.95)
}
