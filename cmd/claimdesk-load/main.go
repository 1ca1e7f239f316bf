// Claimdesk-load measures claimdesk's import and export at scale against
// baselines taken in the same run, on SQLite.
//
// It generates N realistic claims (default 1,000,000) over 10,000 topics of
// skewed (Zipf) size into an NDJSON file, then measures:
//
//	(a) baseline: a raw prepared-statement INSERT of the same rows, one row
//	    per statement, into plain tables of the same columns (no keys,
//	    indexes or triggers), in one transaction
//	    (only the time inside the driver is counted)
//	(b) import: exchange.Import of the file into a migrated empty database,
//	    as `claimdesk import` runs it, in a child process
//	(c) export: exchange.Export of every claim as JSON, in a child process,
//	    with its peak RSS and time to first byte
//	(d) baseline: `sqlite3 -json 'select * from claims'` over the same
//	    database (skipped when sqlite3 is not installed)
//
// then (-wrk, on by default) serves the imported database from a child
// process and measures every read endpoint with wrk from another process
// (see wrk.go). With -postgres URL it does it all again on PostgreSQL, in
// two schemas it creates and drops afterwards, against a raw prepared
// INSERT and a psql COPY of row_to_json. At the end it prints one markdown
// table a database, each figure beside its ceiling from the same run and
// the load average while it was measured. With -compare it also times the
// read endpoints in process (see compare.go). Usage:
//
//	go run ./cmd/claimdesk-load [-n 1000000] [-topics 10000] [-postgres URL [-sqlite=false]] [-wrk-duration 5s] [-dir DIR] [-compare] [-wrk=false]
//	go run ./cmd/claimdesk-load -wrk-db FILE-OR-POSTGRES-URL [-pprof]
//	go run ./cmd/claimdesk-load -generate FILE [-n 1000000] [-topics 10000]   # the dataset alone, as NDJSON for claimdesk import
//
// -pprof serves net/http/pprof from the server child, for a heap profile
// under the load. With CLAIMDESK_LOAD_PROFILE=DIR, the import and export
// children write their CPU profile to DIR/STEP.pprof and the heap profile
// at the peak of their live heap to DIR/STEP.heap.pprof.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

func main() {
	if dsn, readSlots, ok, err := parseServeArgs(os.Args[1:]); ok {
		if err == nil {
			err = serveChild(dsn, readSlots)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "claimdesk-load serve:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 2 && os.Args[1] == "child" {
		if err := child(os.Args[2], os.Args[3:]); err != nil {
			fmt.Fprintln(os.Stderr, "claimdesk-load child:", err)
			os.Exit(1)
		}
		return
	}
	n := flag.Int("n", 1_000_000, "claims to generate")
	topics := flag.Int("topics", 10_000, "topics to spread them over")
	pgURL = flag.String("postgres", "", "also run the benchmark on this PostgreSQL server (a postgres:// URL), in schemas it creates and drops")
	withSQLite = flag.Bool("sqlite", true, "run the benchmark on SQLite (-sqlite=false with -postgres runs it on PostgreSQL only)")
	dir := flag.String("dir", "", "working directory, created when missing and kept (default: a new temporary one, removed at the end)")
	generate := flag.String("generate", "", "only write the dataset to this NDJSON file (for claimdesk import) and stop")
	flag.Parse()
	if *generate != "" {
		if err := newGenerator(*n, *topics).writeFile(*generate); err != nil {
			fmt.Fprintln(os.Stderr, "claimdesk-load:", err)
			os.Exit(1)
		}
		return
	}
	if *wrkDB != "" {
		tb := &table{title: *wrkDB}
		err := wrkMeasure(*wrkDB, tb)
		tb.print()
		if err != nil {
			fmt.Fprintln(os.Stderr, "claimdesk-load:", err)
			os.Exit(1)
		}
		return
	}
	if *compareDB != "" {
		if err := compareEndpoints(context.Background(), filepath.Dir(*compareDB), *compareDB); err != nil {
			fmt.Fprintln(os.Stderr, "claimdesk-load:", err)
			os.Exit(1)
		}
		return
	}
	if err := measure(*n, *topics, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "claimdesk-load:", err)
		os.Exit(1)
	}
}

var (
	pgURL      *string
	withSQLite *bool
)

// result is what a child reports on stdout.
type result struct {
	Seconds   float64 `json:"seconds"`
	FirstByte float64 `json:"first_byte_seconds,omitempty"`
	Bytes     int64   `json:"bytes,omitempty"`
	Records   int     `json:"records,omitempty"`
	// Of an import: the index rebuild and the summaries recompute.
	RebuildSeconds   float64 `json:"rebuild_seconds,omitempty"`
	SummariesSeconds float64 `json:"summaries_seconds,omitempty"`
}

func measure(n, nTopics int, dir string) error {
	ctx := context.Background()
	if dir == "" {
		d, err := os.MkdirTemp("", "claimdesk-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	file := filepath.Join(dir, "claims.ndjson")
	fmt.Printf("generating %d claims over %d topics into %s\n", n, nTopics, file)
	g := newGenerator(n, nTopics)
	start := time.Now()
	if err := g.writeFile(file); err != nil {
		return err
	}
	st, _ := os.Stat(file)
	fmt.Printf("  %.1f s, %.0f MiB\n", time.Since(start).Seconds(), float64(st.Size())/(1<<20))

	var tables []*table
	var err error
	if *withSQLite {
		var sq *table
		sq, err = measureDB(ctx, g, file, dir, target{
			name: "SQLite", base: filepath.Join(dir, "baseline.db"), imp: filepath.Join(dir, "import.db"),
		})
		if sq != nil {
			tables = append(tables, sq)
		}
	} else if *pgURL == "" {
		return fmt.Errorf("-sqlite=false measures nothing without -postgres")
	}
	if err == nil && *pgURL != "" {
		var pg *table
		pg, err = measurePostgres(ctx, g, file, dir, *pgURL)
		if pg != nil {
			tables = append(tables, pg)
		}
	}
	for _, t := range tables {
		t.print()
	}
	return err
}

// target names the two databases of one run: an empty migrated one for
// the raw INSERT baseline and one to import into.
type target struct {
	name      string
	base, imp string
	// Of PostgreSQL: the server's URL and the import's schema, for psql.
	url, schema string
}

// measurePostgres runs the benchmark in two schemas it creates on url and
// drops afterwards.
func measurePostgres(ctx context.Context, g *generator, file, dir, pgURL string) (*table, error) {
	admin, err := sql.Open("pgx", pgURL)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	prefix := fmt.Sprintf("claimdesk_load_%d", os.Getpid())
	t := target{name: "PostgreSQL", url: pgURL, schema: prefix + "_import"}
	for _, sc := range []string{prefix + "_base", t.schema} {
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+sc); err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		defer admin.ExecContext(context.Background(), "DROP SCHEMA "+sc+" CASCADE")
	}
	withSchema := func(schema string) (string, error) {
		u, err := url.Parse(pgURL)
		if err != nil {
			return "", err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	if t.base, err = withSchema(prefix + "_base"); err != nil {
		return nil, err
	}
	if t.imp, err = withSchema(t.schema); err != nil {
		return nil, err
	}
	return measureDB(ctx, g, file, dir, t)
}

// measureDB imports, exports and serves one database, each against its
// ceiling, and returns the table of its figures.
func measureDB(ctx context.Context, g *generator, file, dir string, t target) (*table, error) {
	n := g.n
	tb := &table{title: fmt.Sprintf("%s, %s claims over %s topics, %s", t.name, thousands(float64(n)), thousands(float64(g.nTopics)),
		time.Now().UTC().Format("2006-01-02"))}
	fmt.Printf("\n== %s\n", t.name)
	if err := migrated(ctx, t.base); err != nil {
		return tb, err
	}
	fmt.Println("(a) baseline: prepared single-row INSERTs of the same rows into plain tables, one transaction")
	la := loadAvg()
	base, err := g.baseline(t.base)
	if err != nil {
		return tb, err
	}
	fmt.Printf("  %.2f s (%.0f claims/s)\n", base, float64(n)/base)

	// On SQLite the child creates the import's file, as `claimdesk import`
	// does (see gormstore.WithLoadJournal), in place of one a run before
	// left in -dir; a PostgreSQL schema is made here.
	if gormstore.IsPostgresDSN(t.imp) {
		if err := migrated(ctx, t.imp); err != nil {
			return tb, err
		}
	} else {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if err := os.Remove(t.imp + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return tb, err
			}
		}
	}
	fmt.Println("(b) import of the NDJSON file into an empty database (child process)")
	imp, impRSS, err := runChild("import", t.imp, file)
	if err != nil {
		return tb, err
	}
	fmt.Printf("  %.2f s (%.0f claims/s), peak RSS %.0f MiB; of which index rebuild %.2f s, summaries recompute %.2f s\n",
		imp.Seconds, float64(n)/imp.Seconds, impRSS, imp.RebuildSeconds, imp.SummariesSeconds)
	tb.add("import of the NDJSON file (`claimdesk import`)", fmt.Sprintf("%s claims/s (%.1f s), peak RSS %.0f MiB", thousands(float64(n)/imp.Seconds), imp.Seconds, impRSS),
		fmt.Sprintf("raw prepared INSERT, one row a statement: %s claims/s", thousands(float64(n)/base)), ratio(base, imp.Seconds), la+"–"+loadAvg())

	fmt.Println("(c) export of every claim as JSON (child process)")
	la = loadAvg()
	exp, expRSS, err := runChild("export", t.imp, filepath.Join(dir, "export.json"))
	if err != nil {
		return tb, err
	}
	fmt.Printf("  %.2f s, %.0f MiB written, first byte after %.0f ms, peak RSS %.0f MiB\n",
		exp.Seconds, float64(exp.Bytes)/(1<<20), exp.FirstByte*1000, expRSS)
	expLoad := la

	var ceilName string
	var ceil *exec.Cmd
	if t.url == "" {
		ceilName = "`sqlite3 -json`"
		if path, err := exec.LookPath("sqlite3"); err == nil {
			ceil = exec.Command(path, "-json", t.imp, "select * from claims")
		}
	} else {
		ceilName = "`psql` COPY of `row_to_json`"
		if path, err := exec.LookPath("psql"); err == nil {
			ceil = exec.Command(path, "-Aq", t.url, "-c", "COPY (SELECT row_to_json(c) FROM claims c) TO STDOUT")
			ceil.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+t.schema)
		}
	}
	fmt.Printf("(d) baseline: %s over the same database\n", ceilName)
	var sq float64
	if ceil == nil {
		fmt.Println("  skipped: not installed")
	} else {
		out, err := os.Create(filepath.Join(dir, "ceiling.json"))
		if err != nil {
			return tb, err
		}
		ceil.Stdout, ceil.Stderr = out, os.Stderr
		start := time.Now()
		if err := ceil.Run(); err != nil {
			return tb, fmt.Errorf("%s: %w", ceilName, err)
		}
		sq = time.Since(start).Seconds()
		out.Close()
		fmt.Printf("  %.2f s\n", sq)
	}
	tb.add("export of every claim as JSON", fmt.Sprintf("%s claims/s (%.1f s), first byte %.0f ms, peak RSS %.0f MiB", thousands(float64(n)/exp.Seconds), exp.Seconds, exp.FirstByte*1000, expRSS),
		fmt.Sprintf("%s: %s claims/s", ceilName, thousands(float64(n)/sq)), ratio(sq, exp.Seconds), expLoad+"–"+loadAvg())

	fmt.Println("\nratios (above 1 means claimdesk is faster)")
	fmt.Printf("  import vs raw INSERT baseline: %.2fx (%.2f s vs %.2f s)\n", base/imp.Seconds, imp.Seconds, base)
	load := imp.Seconds - imp.SummariesSeconds
	fmt.Printf("  import without the summaries recompute (which the baseline does not do): %.2fx (%.2f s vs %.2f s)\n", base/load, load, base)
	if sq > 0 {
		fmt.Printf("  export vs %s:       %.2fx (%.2f s vs %.2f s)\n", ceilName, sq/exp.Seconds, exp.Seconds, sq)
	}
	fmt.Printf("  export peak RSS %.0f MiB (target < 100), first byte %.0f ms\n", expRSS, exp.FirstByte*1000)
	if *compareFlag && t.url == "" {
		fmt.Println()
		if err := compareEndpoints(ctx, dir, t.imp); err != nil {
			return tb, err
		}
	}
	if *wrkFlag {
		fmt.Println()
		return tb, wrkMeasure(t.imp, tb)
	}
	return tb, nil
}

// migrated creates a database with claimdesk's schema.
func migrated(ctx context.Context, path string) error {
	s, err := gormstore.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Migrate(ctx)
}

// runChild runs this program as a child doing one measured step and
// returns its report and its peak RSS in MiB.
func runChild(what string, args ...string) (result, float64, error) {
	cmd := exec.Command(os.Args[0], append([]string{"child", what}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, 0, fmt.Errorf("%s: %w", what, err)
	}
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		return result{}, 0, fmt.Errorf("%s: %q: %w", what, out, err)
	}
	rss := 0.0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	return r, rss, nil
}

// importRuntime sets the Go runtime as `claimdesk import` does by default
// (exchange.ImportMemoryLimit and exchange.ImportGCPercent), unless the
// environment's GOMEMLIMIT or GOGC does, as serveChild sets the server's
// limit: the import measured is the one the command runs. (Before, the
// child ran with the runtime's defaults, GOGC 100 and no limit, and its
// peak RSS at a million claims, 467 MiB, was not that of the command.)
func importRuntime() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(exchange.ImportMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(exchange.ImportGCPercent)
	}
}

// child runs one measured step in this process and prints its result.
func child(what string, args []string) error {
	ctx := context.Background()
	if dir := os.Getenv("CLAIMDESK_LOAD_PROFILE"); dir != "" {
		f, err := os.Create(filepath.Join(dir, what+".pprof"))
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
		stop := heapPeak(filepath.Join(dir, what+".heap.pprof"))
		defer stop()
	}
	// The store logs how long the index rebuild and the summaries took.
	var logBuf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// The options and migration of `claimdesk import`, which creates a
	// new SQLite file with a rollback journal.
	opts := []gormstore.Option{gormstore.WithLogger(log)}
	if what == "import" {
		opts = append(opts, gormstore.WithLoadJournal())
	}
	s, err := gormstore.Open(ctx, args[0], opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	var r result
	report := func() {
		for line := range strings.SplitSeq(logBuf.String(), "\n") {
			var l struct {
				Msg         string  `json:"msg"`
				RebuildMS   float64 `json:"rebuild_ms"`
				SummariesMS float64 `json:"summaries_ms"`
			}
			if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "bulk import written" {
				r.RebuildSeconds, r.SummariesSeconds = l.RebuildMS/1000, l.SummariesMS/1000
			}
		}
		json.NewEncoder(os.Stdout).Encode(r)
	}
	switch what {
	case "import":
		importRuntime()
		f, err := os.Open(args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		start := time.Now()
		rep, err := exchange.Import(ctx, s, f, exchange.ImportOptions{Format: exchange.NDJSON})
		if err != nil {
			return err
		}
		r.Seconds, r.Records = time.Since(start).Seconds(), rep.Records
	case "export":
		f, err := os.Create(args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		w := &firstByte{w: f, start: time.Now()}
		if err := exchange.Export(ctx, s, w, exchange.JSON, exchange.Filter{}, exchange.ExportOptions{}); err != nil {
			return err
		}
		r.Seconds, r.FirstByte, r.Bytes = time.Since(w.start).Seconds(), w.first.Seconds(), w.n
	default:
		return fmt.Errorf("unknown step %q", what)
	}
	report()
	return nil
}

// heapPeak writes a heap profile to path whenever the live heap (as of
// the last collection) is 5% above the largest seen, so that the file
// left at the end is the profile of the peak; stop ends it and prints
// the peak on stderr.
func heapPeak(path string) (stop func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done, finished := make(chan struct{}), make(chan struct{})
	var peak uint64
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			if live <= peak+peak/20 {
				continue
			}
			peak = live
			if f, err := os.Create(path); err == nil {
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		fmt.Fprintf(os.Stderr, "claimdesk-load child: live heap peaked at %.1f MiB (profile %s)\n", float64(peak)/(1<<20), path)
	}
}

// firstByte counts what is written and when the first byte was.
type firstByte struct {
	w     io.Writer
	start time.Time
	first time.Duration
	n     int64
}

func (f *firstByte) Write(p []byte) (int, error) {
	if f.n == 0 && len(p) > 0 {
		f.first = time.Since(f.start)
	}
	f.n += int64(len(p))
	return f.w.Write(p)
}

// generator makes a deterministic dataset.
type generator struct {
	n, nTopics int
	parser     *quantity.Parser
	now        time.Time
	topicOf    []int32
}

var (
	phrases = []string{"about 800", "a few dozen", "between 2,000 and 3,000", "more than 500", "up to 7,000",
		"nearly 1,700", "some 200", "at least 300", "2,400", "several hundred", "tens of thousands",
		"around 5,000", "fewer than 100", "hundreds", "1,500 to 2,000", "almost 4,000"}
	places   = []string{"Syria", "Iraq", "Libya", "Afghanistan", "Turkey", "Raqqa", "Mosul", "Idlib"}
	pops     = []string{"Russian nationals", "Chechens", "Central Asians", "foreign fighters", "Europeans"}
	groups   = []string{"Islamic State", "any militant group", "Nusra Front"}
	evidence = claims.EvidenceTypes
	grades   = claims.Grades
	tagPool  = []string{"fsb-series", "paraphrase", "second-hand", "official", "estimate", "revised", "leak"}
)

const (
	nSources   = 1000
	nClaimants = 2000
)

func newGenerator(n, nTopics int) *generator {
	g := &generator{n: n, nTopics: nTopics, parser: quantity.New(), now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	// Topic sizes follow Zipf's law: a few topics hold most claims.
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.2, 1, uint64(nTopics-1))
	g.topicOf = make([]int32, n)
	for i := range g.topicOf {
		g.topicOf[i] = int32((z.Uint64() + uint64(r.IntN(7))) % uint64(nTopics))
	}
	return g
}

func topicID(i int) string    { return fmt.Sprintf("topic-%05d", i) }
func sourceID(i int) string   { return fmt.Sprintf("src-%04d", i) }
func claimantID(i int) string { return fmt.Sprintf("cl-%04d", i) }

func (g *generator) meta(id string, i int) claims.Meta {
	t := g.now.Add(time.Duration(i) * time.Second)
	return claims.Meta{ID: id, CreatedAt: t, UpdatedAt: t, Version: 1 + i%3}
}

func (g *generator) topic(i int) *claims.Topic {
	t := &claims.Topic{Meta: g.meta(topicID(i), i), Title: fmt.Sprintf("Fighters counted in topic %d", i),
		Description: "Generated for the load test.", Measure: "people fighting", Unit: "people", Additive: true,
		WindowDays: 180, Tags: []string{"load"}}
	if i%10 != 0 {
		t.ParentID = topicID(i - i%10)
	}
	return t
}

func (g *generator) source(i int) *claims.Source {
	return &claims.Source{Meta: g.meta(sourceID(i), i), Name: fmt.Sprintf("Outlet %d", i),
		URL: fmt.Sprintf("https://news%d.example.org/", i), Kind: claims.SourceNews, Publisher: "Example Media",
		Language: "en", PublishedOn: "2015"}
}

func (g *generator) claimant(i int) *claims.Claimant {
	return &claims.Claimant{Meta: g.meta(claimantID(i), i), Name: fmt.Sprintf("Official %d", i),
		Kind: claims.ClaimantPerson, Role: "spokesperson", Affiliation: "Ministry"}
}

// claim returns claim i, prepared as the store would have written it.
func (g *generator) claim(i int) *claims.Claim {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	q := phrases[r.IntN(len(phrases))]
	src := r.IntN(nSources)
	day := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(2200))
	c := &claims.Claim{
		Meta: g.meta(fmt.Sprintf("c-%08d", i), i), TopicID: topicID(int(g.topicOf[i])),
		ClaimantID: claimantID(r.IntN(nClaimants)),
		Quote: fmt.Sprintf("Officials said %s %s had travelled to %s, according to the ministry.", q,
			pops[r.IntN(len(pops))], places[r.IntN(len(places))]),
		QuantityText: q, Language: "en", Unit: "people",
		Scope: claims.Scope{Places: []string{places[r.IntN(len(places))]}, Population: pops[r.IntN(len(pops))],
			Group: groups[r.IntN(len(groups))], Measure: claims.Current},
		Provenance: claims.Provenance{SourceID: sourceID(src), URL: fmt.Sprintf("https://news%d.example.org/a/%d", src, i)},
		SaidOn:     claims.Date(day.Format("2006-01-02")), PublishedOn: claims.Date(day.AddDate(0, 0, 1).Format("2006-01-02")),
		EvidenceType: evidence[r.IntN(len(evidence))], Grade: grades[r.IntN(len(grades))], Rank: claims.RankNormal,
	}
	if r.IntN(4) == 0 {
		c.Scope.Places = append(c.Scope.Places, "Iraq")
		c.Scope.Places = c.Scope.Places[:1+min(1, len(c.Scope.Places)-1)]
		if c.Scope.Places[0] == c.Scope.Places[1] {
			c.Scope.Places = c.Scope.Places[:1]
		}
	}
	if r.IntN(5) == 0 {
		rs := (src + 1) % nSources
		c.Provenance.Relays = []claims.Relay{{SourceID: sourceID(rs), URL: fmt.Sprintf("https://news%d.example.org/r/%d", rs, i)}}
	}
	if r.IntN(10) == 0 {
		lo, hi := float64(100+r.IntN(900)), float64(1000+r.IntN(9000))
		c.AnalystInterval = &claims.Interval{Low: &lo, High: &hi, Kind: "range"}
		c.Notes = "The analyst reads the figure as a range from the ministry's own tables."
	}
	for k := r.IntN(3); k > 0; k-- {
		tag := tagPool[r.IntN(len(tagPool))]
		if !slicesContains(c.Tags, tag) {
			c.Tags = append(c.Tags, tag)
		}
	}
	if err := c.Prepare(g.parser); err != nil {
		panic(fmt.Sprintf("claim %d: %v", i, err))
	}
	return c
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// writeFile writes the dataset as an NDJSON exchange document.
func (g *generator) writeFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	fmt.Fprintf(w, "{\"type\":\"header\",\"schema_version\":%d,\"exported_at\":%q}\n", claims.BundleSchemaVersion, g.now.Format(time.RFC3339))
	line := func(kind string, rec any) error {
		fmt.Fprintf(w, `{"type":%q,"record":`, kind)
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		w.Write(b)
		_, err = w.WriteString("}\n")
		return err
	}
	for i := range g.nTopics {
		if err := line("topic", g.topic(i)); err != nil {
			return err
		}
	}
	for i := range nSources {
		line("source", g.source(i))
	}
	for i := range nClaimants {
		line("claimant", g.claimant(i))
	}
	for i := range g.n {
		if err := line("claim", g.claim(i)); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// baseline inserts the rows claimdesk stores for the dataset with one
// prepared single-row INSERT per table, into plain tables of the same
// columns in dsn's migrated database (see prepare), in one transaction,
// and returns the seconds spent in the database (building the values is
// not counted).
func (g *generator) baseline(dsn string) (float64, error) {
	driver, src, pg := "sqlite3", dsn+"?_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL", false
	if gormstore.IsPostgresDSN(dsn) {
		driver, src, pg = "pgx", dsn, true
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		return 0, err
	}
	// params returns the placeholders of k values.
	params := func(k int) string {
		p := make([]string, k)
		for i := range p {
			p[i] = "?"
			if pg {
				p[i] = fmt.Sprintf("$%d", i+1)
			}
		}
		return strings.Join(p, ", ")
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var spent time.Duration
	timed := func(f func() error) error {
		start := time.Now()
		err := f()
		spent += time.Since(start)
		return err
	}
	var tx *sql.Tx
	if err := timed(func() (err error) { tx, err = db.Begin(); return err }); err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// prepare returns the prepared INSERT of cols into a plain table of
	// the same columns as table: created (not timed) from the migrated
	// table, so with its columns' types, on SQLite as on PostgreSQL, but
	// with no key, index, constraint or trigger, so no search index and
	// no versions. (Into the migrated tables, PostgreSQL's per-row
	// triggers made the ceiling 3x slower than the import at 50,000
	// claims: hours at a million.)
	prepare := func(table string, cols []string) (*sql.Stmt, error) {
		list := strings.Join(cols, ", ")
		plain := "plain_" + table
		if _, err := tx.Exec("CREATE TABLE " + plain + " AS SELECT " + list + " FROM " + table + " WHERE 1 = 0"); err != nil {
			return nil, err
		}
		return tx.Prepare("INSERT INTO " + plain + " (" + list + ") VALUES (" + params(len(cols)) + ")")
	}
	// The rows are those the store writes (gormstore.Row, from the one
	// declaration of each table's columns), inserted one by one.
	stmts := map[string]*sql.Stmt{}
	insert := func(rec any) error {
		table, cols, vals, err := gormstore.Row(rec)
		if err != nil {
			return err
		}
		st, ok := stmts[table]
		if !ok {
			if st, err = prepare(table, cols); err != nil {
				return err
			}
			stmts[table] = st
		}
		return timed(func() error { _, err := st.Exec(vals...); return err })
	}
	side := func(table, a, b string) (*sql.Stmt, error) {
		return prepare(table, []string{a, b})
	}
	topicTag, err := side("topic_tags", "topic_id", "tag")
	if err != nil {
		return 0, err
	}
	claimSource, err := side("claim_sources", "claim_id", "source_id")
	if err != nil {
		return 0, err
	}
	claimTag, err := side("claim_tags", "claim_id", "tag")
	if err != nil {
		return 0, err
	}
	exec := func(st *sql.Stmt, args ...any) error {
		return timed(func() error { _, err := st.Exec(args...); return err })
	}
	for i := range g.nTopics {
		t := g.topic(i)
		if err := insert(t); err != nil {
			return 0, fmt.Errorf("topic: %w", err)
		}
		for _, tag := range t.Tags {
			if err := exec(topicTag, t.ID, tag); err != nil {
				return 0, err
			}
		}
	}
	for i := range nSources {
		if err := insert(g.source(i)); err != nil {
			return 0, fmt.Errorf("source: %w", err)
		}
	}
	for i := range nClaimants {
		if err := insert(g.claimant(i)); err != nil {
			return 0, fmt.Errorf("claimant: %w", err)
		}
	}
	for i := range g.n {
		c := g.claim(i)
		if err := insert(c); err != nil {
			return 0, fmt.Errorf("claim: %w", err)
		}
		seen := map[string]bool{c.Provenance.SourceID: true}
		if err := exec(claimSource, c.ID, c.Provenance.SourceID); err != nil {
			return 0, err
		}
		for _, rl := range c.Provenance.Relays {
			if seen[rl.SourceID] {
				continue
			}
			seen[rl.SourceID] = true
			if err := exec(claimSource, c.ID, rl.SourceID); err != nil {
				return 0, err
			}
		}
		for _, tag := range c.Tags {
			if err := exec(claimTag, c.ID, tag); err != nil {
				return 0, err
			}
		}
	}
	if err := timed(tx.Commit); err != nil {
		return 0, err
	}
	return spent.Seconds(), nil
}
