package gormstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// EnvBenchSearchDB names a SQLite database for BenchmarkSearchWithinTopic
// to search instead of generating one, such as one a load run left
// (claimdesk-load -generate, then claimdesk import). It is migrated first.
const EnvBenchSearchDB = "CLAIMDESK_BENCH_SEARCH_DB"

// benchSearchClaims and benchSearchTopics size the database the benchmark
// generates without EnvBenchSearchDB.
const (
	benchSearchClaims = 20_000
	benchSearchTopics = 200
)

// BenchmarkSearchWithinTopic times a search of a word within the largest
// topic, a topic of about a twentieth of its claims and one of about 55
// (a word every claim holds, "officials", and one an eighth hold,
// "mosul"), first page of 20, and reports the CPU time of the process a
// search (cpu-ms/op) besides the wall time, the machine being shared.
func BenchmarkSearchWithinTopic(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv(EnvBenchSearchDB)
	if path == "" {
		path = filepath.Join(b.TempDir(), "search.db")
		benchSearchDB(b, path)
	}
	s, err := gormstore.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	pick := func(order string, args ...any) (id string, n int) {
		b.Helper()
		err := raw.QueryRow(`SELECT topic_id, COUNT(*) AS n FROM claims GROUP BY topic_id ORDER BY `+order+`, topic_id LIMIT 1`, args...).Scan(&id, &n)
		if err != nil {
			b.Fatal(err)
		}
		return id, n
	}
	largest, most := pick("n DESC")
	mid, midN := pick("abs(n - ?)", most/20)
	small, smallN := pick("abs(n - 55)")
	for _, word := range []string{"officials", "mosul"} {
		for _, tc := range []struct {
			name  string
			topic string
			n     int
		}{{"largest", largest, most}, {"mid", mid, midN}, {"small", small, smallN}} {
			b.Run(fmt.Sprintf("%s/%s-%d-claims", word, tc.name, tc.n), func(b *testing.B) {
				f := claims.ClaimFilter{Query: word, TopicID: tc.topic, ListOptions: claims.ListOptions{Limit: 20}}
				cpu0 := cpuTime(b)
				for b.Loop() {
					res, err := s.Search(ctx, f)
					if err != nil {
						b.Fatal(err)
					}
					if len(res.Claims.Items) == 0 && word == "officials" {
						b.Fatalf("search %q in %s: nothing found", word, tc.topic)
					}
				}
				b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// benchSearchDB imports benchSearchClaims claims into a new SQLite
// database at path, over benchSearchTopics topics of Zipf-distributed
// sizes, each quote holding "Officials" and one of eight places.
func benchSearchDB(b *testing.B, path string) {
	ctx := context.Background()
	s, err := gormstore.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	enc := json.NewEncoder(&doc)
	put := func(kind string, rec any) {
		if err := enc.Encode(map[string]any{"type": kind, "record": rec}); err != nil {
			b.Fatal(err)
		}
	}
	fmt.Fprintf(&doc, "{\"type\":\"header\",\"schema_version\":%d,\"exported_at\":\"2026-01-01T00:00:00Z\"}\n", claims.BundleSchemaVersion)
	for i := range benchSearchTopics {
		put("topic", map[string]any{"id": fmt.Sprintf("topic-%04d", i), "title": fmt.Sprintf("Fighters counted in topic %d", i), "measure": "stock"})
	}
	for i := range 50 {
		put("claimant", map[string]any{"id": fmt.Sprintf("cl-%02d", i), "name": fmt.Sprintf("Official %d", i)})
	}
	put("source", map[string]any{"id": "src", "name": "Outlet", "kind": "news"})
	places := []string{"Syria", "Iraq", "Libya", "Afghanistan", "Turkey", "Raqqa", "Mosul", "Idlib"}
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.2, 1, benchSearchTopics-1)
	for i := range benchSearchClaims {
		put("claim", map[string]any{"id": fmt.Sprintf("c-%06d", i), "topic_id": fmt.Sprintf("topic-%04d", (z.Uint64()+uint64(r.IntN(7)))%benchSearchTopics),
			"claimant_id": fmt.Sprintf("cl-%02d", r.IntN(50)), "language": "en", "quantity_text": fmt.Sprint(100 + r.IntN(900)),
			"quote":      fmt.Sprintf("Officials said %d fighters had travelled to %s, according to the ministry.", 100+r.IntN(900), places[r.IntN(len(places))]),
			"provenance": map[string]any{"source_id": "src"}})
	}
	rep, err := exchange.Import(ctx, s, &doc, exchange.ImportOptions{Format: exchange.NDJSON})
	if err != nil {
		b.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
}
