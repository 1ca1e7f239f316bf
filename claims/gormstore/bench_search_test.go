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

// EnvBenchSearchDB names a SQLite database, or a PostgreSQL DSN (its
// search_path selecting the schema), for BenchmarkSearchWithinTopic and
// BenchmarkListWithinTopic to search instead of generating one, such as
// one a load run left (claimdesk-load -generate, then claimdesk import).
// It is migrated first.
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
	s, topics := benchSearchStore(b)
	for _, word := range []string{"officials", "mosul"} {
		for _, tc := range topics {
			b.Run(fmt.Sprintf("%s/%s-%d-claims", word, tc.name, tc.n), func(b *testing.B) {
				f := claims.ClaimFilter{Query: word, TopicID: tc.id, ListOptions: claims.ListOptions{Limit: 20}}
				cpu0 := cpuTime(b)
				for b.Loop() {
					res, err := s.Search(ctx, f)
					if err != nil {
						b.Fatal(err)
					}
					if len(res.Claims.Items) == 0 && word == "officials" {
						b.Fatalf("search %q in %s: nothing found", word, tc.id)
					}
				}
				b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchmarkListWithinTopic times the first page of 50 of ListClaims with
// a word and a topic (newest first), in the topics and with the words of
// BenchmarkSearchWithinTopic, and reports its CPU time (cpu-ms/op).
func BenchmarkListWithinTopic(b *testing.B) {
	ctx := context.Background()
	s, topics := benchSearchStore(b)
	for _, word := range []string{"officials", "mosul"} {
		for _, tc := range topics {
			b.Run(fmt.Sprintf("%s/%s-%d-claims", word, tc.name, tc.n), func(b *testing.B) {
				f := claims.ClaimFilter{Query: word, TopicID: tc.id, ListOptions: claims.ListOptions{Limit: 50}}
				cpu0 := cpuTime(b)
				for b.Loop() {
					p, err := s.ListClaims(ctx, f)
					if err != nil {
						b.Fatal(err)
					}
					if len(p.Items) == 0 && word == "officials" {
						b.Fatalf("list %q in %s: nothing found", word, tc.id)
					}
				}
				b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// benchTopic is a topic the benchmarks search within: its ID, a name for
// its size and its number of claims.
type benchTopic struct {
	id, name string
	n        int
}

// benchSearchStore opens (and migrates) the database EnvBenchSearchDB
// names, or one it generates, and returns it with its largest topic, one
// of about a twentieth of its claims and one of about 55.
func benchSearchStore(b *testing.B) (*gormstore.Store, []benchTopic) {
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
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	raw := openBenchRaw(b, path)
	defer raw.Close()
	pick := func(name, order string, args ...any) benchTopic {
		b.Helper()
		t := benchTopic{name: name}
		err := raw.QueryRow(`SELECT topic_id, COUNT(*) AS n FROM claims GROUP BY topic_id ORDER BY `+order+`, topic_id LIMIT 1`, args...).Scan(&t.id, &t.n)
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	largest := pick("largest", "COUNT(*) DESC")
	return s, []benchTopic{largest, pick("mid", "abs(COUNT(*) - $1)", largest.n/20), pick("small", "abs(COUNT(*) - 55)")}
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

// BenchmarkSearchRequests times the searches of the load test's wrk run
// (claimdesk-load): a claimant's whole name, a word every quote holds, the
// word within the largest topic, first page of 20, and reports the CPU
// time of the process a search (cpu-ms/op). The name is that of the
// claimant halfway through the table by ID, as the load test picks it.
func BenchmarkSearchRequests(b *testing.B) {
	ctx := context.Background()
	s, topics := benchSearchStore(b)
	name := benchClaimantName(b)
	for _, tc := range []struct {
		name string
		f    claims.ClaimFilter
	}{
		{"name", claims.ClaimFilter{Query: name}},
		{"word", claims.ClaimFilter{Query: "Officials"}},
		{"word-largest-topic", claims.ClaimFilter{Query: "Officials", TopicID: topics[0].id}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			tc.f.Limit = 20
			cpu0 := cpuTime(b)
			for b.Loop() {
				res, err := s.Search(ctx, tc.f)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Claims.Items) == 0 {
					b.Fatalf("search %q: nothing found", tc.f.Query)
				}
			}
			b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// benchClaimantName returns the name of the claimant halfway through the
// benchmark's database by ID.
func benchClaimantName(b *testing.B) string {
	path := os.Getenv(EnvBenchSearchDB)
	if path == "" {
		return "Official 25"
	}
	raw := openBenchRaw(b, path)
	defer raw.Close()
	var name string
	if err := raw.QueryRow(`SELECT name FROM claimants ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM claimants)`).Scan(&name); err != nil {
		b.Fatal(err)
	}
	return name
}

// openBenchRaw opens the benchmark's database at path (a SQLite file, read
// only, or a postgres:// URL) through database/sql, to pick its records.
func openBenchRaw(b *testing.B, path string) *sql.DB {
	b.Helper()
	driver, dsn := "sqlite3", "file:"+path+"?mode=ro"
	if gormstore.IsPostgresDSN(path) {
		driver, dsn = "pgx", path
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// BenchmarkSearchSpellings times a Russian query's Latin fallback as it is
// now searched, a word in each of its spellings joined by OR (package
// latin: "Шойгу" is Shoygu OR Shoigu), against the one spelling searched
// before: a place an eighth of the claims name, alone and with two
// spellings that match nothing, first page of 20; cpu-ms/op as in
// BenchmarkSearchRequests.
func BenchmarkSearchSpellings(b *testing.B) {
	ctx := context.Background()
	s, _ := benchSearchStore(b)
	for _, tc := range []struct{ name, q string }{
		{"one-spelling", "Mosul"},
		{"three-spellings", "Mosul OR Mossoul OR Mawsil"},
		{"two-words-one-spelling", "Officials Mosul"},
		{"two-words-two-spellings-each", "Officials OR Oficials Mosul OR Mawsil"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := claims.ClaimFilter{Query: tc.q, ListOptions: claims.ListOptions{Limit: 20}}
			cpu0 := cpuTime(b)
			for b.Loop() {
				res, err := s.Search(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Claims.Items) == 0 {
					b.Fatalf("search %q: nothing found", tc.q)
				}
			}
			b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
