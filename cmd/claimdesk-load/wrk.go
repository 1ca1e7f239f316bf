package main

// The load benchmarks (-wrk): the API served by a child process on
// loopback, measured by wrk from another process with many connections,
// each endpoint against a ceiling served by the same child in the same
// run:
//
//	reading a claim against a gin handler doing the same primary-key read
//	    with database/sql (a prepared statement scanned into a struct) on
//	    the same database, and against a bare gin handler;
//	every request against bare gin handlers answering the same JSON from
//	    memory: "memory" decoded once and encoded again for each request,
//	    "bytes" writing the answer's bytes as they are (the bound for an
//	    answer claimdesk keeps encoded: a comparison, a first page, facets).
//
// Each figure is printed with the load average at the time, as the
// machine may be shared. -wrk-db DSN runs them alone on a database an
// earlier run left, SQLite or PostgreSQL.

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"

	"github.com/gin-gonic/gin"
	_ "github.com/jackc/pgx/v5/stdlib" // the ceiling's PostgreSQL driver

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

var (
	wrkFlag     = flag.Bool("wrk", true, "after the import and export, measure the read endpoints with wrk from another process")
	wrkDB       = flag.String("wrk-db", "", "only run the wrk measurements, on this database (a SQLite file or a postgres:// URL)")
	wrkDuration = flag.Duration("wrk-duration", 5*time.Second, "how long wrk runs against each endpoint and each ceiling")
	// -pprof serves net/http/pprof from the load tool's server child, to
	// take a heap profile under the load (go tool pprof ADDR/debug/pprof/heap).
	pprofFlag  = flag.Bool("pprof", false, "serve /debug/pprof/ from the server child and print its address")
	wrkClients = flag.Int("wrk-clients", 64, "wrk's connections")
	wrkOnly    = flag.String("wrk-only", "", "measure only the requests whose name matches this regular expression (\"read a claim\")")
	// -wrk-rotate: a listing asked again and again is answered from the
	// API's cache of first pages, so each listing is measured twice: one
	// request repeated, and requests rotating over this many topics (the
	// largest), so that a cache is seen working on a working set, not on
	// one key.
	wrkRotate = flag.Int("wrk-rotate", 200, "how many topics the rotating listings cycle through")
	// -wrk-rotate-search: a search asked again is answered from the
	// cache of first pages, so the search is also measured rotating over
	// this many distinct queries (half claimants' names, half pairs of
	// words of a quote), enough that wrk's window asks for most of them
	// once: the cost of a query asked for the first time.
	wrkRotateSearch = flag.Int("wrk-rotate-search", 1000, "how many distinct queries the rotating search cycles through")
	// -read-slots: the served API's read gate, so that one run on one
	// database can measure the API with it and without it (-1), or at
	// another size.
	readSlots = flag.Int("read-slots", 0, "the served API's read gate, as claimdesk serve's --read-slots: how many GET requests reach the database at once; 0 (the server's default) for the store's read connections, -1 for no gate")
)

// picks are the records the measured requests name, chosen by the server.
type picks struct {
	ClaimID     string `json:"claim_id"`
	Largest     string `json:"largest"`
	LargestSize int    `json:"largest_size"`
	RelClaimID  string `json:"rel_claim_id"`
	CmpTopic    string `json:"cmp_topic"`
	CmpSize     int    `json:"cmp_size"`
	Grade       string `json:"grade"`
	Word        string `json:"word"`
	Name        string `json:"name"`
	RareWord    string `json:"rare_word"`
	Claims      int    `json:"claims"`
	Dialect     string `json:"dialect"`
	// Topics are the largest topics, ConflictTopics those with the most
	// conflicts, -wrk-rotate of each: the rotating listings' topics.
	Topics         []string `json:"topics"`
	ConflictTopics []string `json:"conflict_topics"`
	// Queries are the rotating search's: claimants' names and pairs of
	// words of a quote, distinct.
	Queries      []string `json:"queries"`
	DatabaseSize string   `json:"database_size"`
	// ReadGate says the served API's read gate (readGateNote).
	ReadGate string `json:"read_gate"`
}

// serveArgs are the arguments that start the serve child on dsn with a
// read gate of readSlots (as -read-slots); parseServeArgs reads them.
func serveArgs(dsn string, readSlots int) []string {
	return []string{"child", "serve", dsn, strconv.Itoa(readSlots)}
}

// parseServeArgs reads serveArgs: ok is false when args do not start the
// serve child.
func parseServeArgs(args []string) (dsn string, readSlots int, ok bool, err error) {
	if len(args) != 4 || args[0] != "child" || args[1] != "serve" {
		return "", 0, false, nil
	}
	readSlots, err = strconv.Atoi(args[3])
	return args[2], readSlots, true, err
}

// readGateNote says what read gate an API served with readSlots (as
// -read-slots) has, on a store of readConns read connections.
func readGateNote(readSlots, readConns int) string {
	switch {
	case readSlots < 0:
		return fmt.Sprintf("no read gate (-read-slots %d)", readSlots)
	case readSlots > 0:
		return fmt.Sprintf("read gate of %d slots (-read-slots %d)", readSlots, readSlots)
	case readConns > 0:
		return fmt.Sprintf("read gate of %d slots (the store's read connections)", readConns)
	}
	return "no read gate (the store does not say its read connections)"
}

// serveChild serves the API on dsn and the ceilings under /ceiling/ on a
// loopback port it prints, until its standard input closes. The API's
// read gate has readSlots slots, as claimdesk serve's --read-slots.
func serveChild(dsn string, readSlots int) error {
	ctx := context.Background()
	// As claimdesk serve does.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(api.DefaultMemoryLimit)
	}
	s, err := gormstore.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	gin.SetMode(gin.ReleaseMode)
	// Failures are logged (not each request), so that a 5xx under load
	// says why on the run's standard error.
	apiH := api.NewHandler(api.Options{Store: s, ReadSlots: readSlots,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	driver, rawDSN, ph := "sqlite3", "file:"+dsn+"?mode=ro", "?"
	if gormstore.IsPostgresDSN(dsn) {
		driver, rawDSN, ph = "pgx", dsn, "$1"
	}
	raw, err := sql.Open(driver, rawDSN)
	if err != nil {
		return err
	}
	defer raw.Close()
	// The store's pool (gormstore.Open): with database/sql's default of
	// unlimited connections and two idle ones, 64 clients made the
	// ceiling open and close SQLite connections (and prepare its
	// statement again on each) all the time, so that it measured the
	// churn: its ratio swung from 0.53x to 2.71x between runs.
	if ph == "?" {
		raw.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
		raw.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
	} else {
		raw.SetMaxOpenConns(20)
		raw.SetMaxIdleConns(10)
	}
	ceil, err := newCeilings(raw, ph, apiH)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/ceiling/", ceil.engine)
	mux.HandleFunc("/picks", func(w http.ResponseWriter, r *http.Request) {
		rotate, _ := strconv.Atoi(r.URL.Query().Get("rotate"))
		queries, _ := strconv.Atoi(r.URL.Query().Get("queries"))
		p, err := pick(raw, dsn, max(rotate, 1), max(queries, 2))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p.ReadGate = readGateNote(readSlots, s.ReadConns())
		json.NewEncoder(w).Encode(p)
	})
	if os.Getenv("CLAIMDESK_LOAD_PPROF") != "" {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	}
	mux.Handle("/", apiH)
	// Requests still being answered, so that the measurer can wait for
	// the last window's stragglers before it opens the next one.
	var inFlight atomic.Int64
	mux.HandleFunc("/inflight", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, inFlight.Load())
	})
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/inflight" {
			inFlight.Add(1)
			defer inFlight.Add(-1)
		}
		mux.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	srv := &http.Server{Handler: counted}
	go srv.Serve(ln)
	io.Copy(io.Discard, os.Stdin)
	return srv.Close()
}

// ceilings are the baselines the child serves.
type ceilings struct {
	engine *gin.Engine
	mu     sync.Mutex
	bodies map[string]ceilingBody // by API path
}

// ceilingClaim is a claim row as a plain handler would serve it: the
// columns scanned into a struct, the JSON columns passed through.
type ceilingClaim struct {
	ID               string          `json:"id"`
	CreatedAt        time.Time       `json:"created_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
	Version          int             `json:"version"`
	TopicID          string          `json:"topic_id"`
	ClaimantID       string          `json:"claimant_id"`
	SourceID         string          `json:"source_id"`
	Quote            string          `json:"quote"`
	QuantityText     string          `json:"quantity_text"`
	Language         string          `json:"language"`
	OriginalText     string          `json:"original_text"`
	OriginalLanguage string          `json:"original_language"`
	NoNumber         bool            `json:"no_number"`
	Parsed           json.RawMessage `json:"parsed"`
	AnalystInterval  string          `json:"analyst_interval"`
	IntervalSource   string          `json:"interval_source"`
	ParserVersion    string          `json:"parser_version"`
	Unit             string          `json:"unit"`
	Low              *float64        `json:"low"`
	High             *float64        `json:"high"`
	Best             *float64        `json:"best"`
	Places           json.RawMessage `json:"places"`
	Population       string          `json:"population"`
	GroupName        string          `json:"group"`
	Measure          string          `json:"measure"`
	URL              string          `json:"url"`
	ArchiveURL       string          `json:"archive_url"`
	Relays           json.RawMessage `json:"relays"`
	Occasion         string          `json:"occasion"`
	SaidOn           string          `json:"said_on"`
	PublishedOn      string          `json:"published_on"`
	AsOf             string          `json:"as_of"`
	Since            string          `json:"since"`
	EvidenceType     string          `json:"evidence_type"`
	Grade            string          `json:"grade"`
	Rank             string          `json:"rank"`
	Notes            string          `json:"notes"`
	Tags             json.RawMessage `json:"tags"`
	Basis            string          `json:"basis"`
}

const ceilingClaimSQL = `SELECT id, created_at, updated_at, version, topic_id, claimant_id, source_id, quote,
	quantity_text, language, original_text, original_language, no_number, parsed, analyst_interval,
	interval_source, parser_version, unit, low, high, best, places, population, group_name, measure, url,
	archive_url, relays, occasion, said_on, published_on, as_of, since, evidence_type, grade, rank, notes,
	tags, basis FROM claims WHERE id = `

func newCeilings(raw *sql.DB, ph string, apiH http.Handler) (*ceilings, error) {
	st, err := raw.Prepare(ceilingClaimSQL + ph)
	if err != nil {
		return nil, fmt.Errorf("prepare the ceiling's read: %w", err)
	}
	c := &ceilings{engine: gin.New(), bodies: map[string]ceilingBody{}}
	// The same primary-key read with database/sql.
	c.engine.GET("/ceiling/sql/claims/:id", func(g *gin.Context) {
		var r ceilingClaim
		var parsed, places, relays, tags string
		err := st.QueryRowContext(g.Request.Context(), g.Param("id")).Scan(&r.ID, &r.CreatedAt, &r.UpdatedAt, &r.Version,
			&r.TopicID, &r.ClaimantID, &r.SourceID, &r.Quote, &r.QuantityText, &r.Language, &r.OriginalText,
			&r.OriginalLanguage, &r.NoNumber, &parsed, &r.AnalystInterval, &r.IntervalSource, &r.ParserVersion,
			&r.Unit, &r.Low, &r.High, &r.Best, &places, &r.Population, &r.GroupName, &r.Measure, &r.URL,
			&r.ArchiveURL, &relays, &r.Occasion, &r.SaidOn, &r.PublishedOn, &r.AsOf, &r.Since, &r.EvidenceType,
			&r.Grade, &r.Rank, &r.Notes, &tags, &r.Basis)
		if errors.Is(err, sql.ErrNoRows) {
			g.Status(http.StatusNotFound)
			return
		}
		if err != nil {
			g.String(http.StatusInternalServerError, err.Error())
			return
		}
		r.Parsed, r.Places, r.Relays, r.Tags = rawJSON(parsed), rawJSON(places), rawJSON(relays), rawJSON(tags)
		g.JSON(http.StatusOK, &r)
	})
	// The API's answer to ?u=PATH, from memory: decoded once and encoded
	// again for each request (/ceiling/mem), or its bytes written as they
	// are (/ceiling/bytes), the bound for an answer claimdesk keeps encoded.
	c.engine.GET("/ceiling/mem", func(g *gin.Context) {
		if b, ok := c.body(g, apiH); ok {
			g.JSON(http.StatusOK, b.decoded)
		}
	})
	c.engine.GET("/ceiling/bytes", func(g *gin.Context) {
		if b, ok := c.body(g, apiH); ok {
			g.Data(http.StatusOK, "application/json; charset=utf-8", b.raw)
		}
	})
	// Forget the bodies kept, once a request's ceilings are measured: they
	// live in the server's process, under its soft memory limit, and the
	// 200 decoded pages of a rotating ceiling kept so long made the
	// garbage collector run all the time for every request measured after
	// them, the API's and the ceilings' alike (relations 1.2 -> 4 ms of CPU).
	c.engine.POST("/ceiling/forget", func(g *gin.Context) {
		c.mu.Lock()
		clear(c.bodies)
		c.mu.Unlock()
		runtime.GC()
		debug.FreeOSMemory()
		g.Status(http.StatusNoContent)
	})
	return c, nil
}

// ceilingBody is the API's answer to a path, as sent and decoded.
type ceilingBody struct {
	raw     []byte
	decoded any
}

// body returns the API's answer to the path in g's query u, asked of apiH
// the first time and kept; on failure it answers g with a 502.
func (c *ceilings) body(g *gin.Context, apiH http.Handler) (ceilingBody, bool) {
	u := g.Query("u")
	c.mu.Lock()
	b, ok := c.bodies[u]
	c.mu.Unlock()
	if ok {
		return b, true
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	rec := &memWriter{h: http.Header{}}
	apiH.ServeHTTP(rec, req)
	if rec.code != 0 && rec.code != http.StatusOK {
		g.String(http.StatusBadGateway, "%s: %d %s", u, rec.code, rec.body)
		return b, false
	}
	b.raw = rec.body
	if err := json.Unmarshal(rec.body, &b.decoded); err != nil {
		g.String(http.StatusBadGateway, "%s: %v", u, err)
		return b, false
	}
	c.mu.Lock()
	c.bodies[u] = b
	c.mu.Unlock()
	return b, true
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

// forgetCeilings has the server child drop the ceilings' bodies it keeps.
func forgetCeilings(base string) error {
	resp, err := http.Post(base+"/ceiling/forget", "", nil)
	if err != nil {
		return fmt.Errorf("forget the ceilings' bodies: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("forget the ceilings' bodies: %s", resp.Status)
	}
	return nil
}

// memWriter keeps a response in memory.
type memWriter struct {
	h    http.Header
	code int
	body []byte
}

func (m *memWriter) Header() http.Header         { return m.h }
func (m *memWriter) WriteHeader(code int)        { m.code = code }
func (m *memWriter) Write(p []byte) (int, error) { m.body = append(m.body, p...); return len(p), nil }

// pick chooses the measured records: a claim a third of the way through,
// the largest topic and a claim in its middle, a topic of about 1,000
// claims, a grade, a quote's longest word, a claimant's name.
func pick(raw *sql.DB, dsn string, rotate, queries int) (picks, error) {
	var p picks
	p.Dialect = "SQLite"
	if gormstore.IsPostgresDSN(dsn) {
		p.Dialect = "PostgreSQL"
	}
	var quote, name string
	steps := []struct {
		q    string
		dest []any
	}{
		{`SELECT COUNT(*) FROM claims`, []any{&p.Claims}},
		{`SELECT topic_id, claim_count FROM topic_summaries ORDER BY claim_count DESC, topic_id LIMIT 1`, []any{&p.Largest, &p.LargestSize}},
		{`SELECT t.id, s.claim_count FROM topics t JOIN topic_summaries s ON s.topic_id = t.id
			WHERE t.parent_id IS NULL ORDER BY abs(s.claim_count - 1000), t.id LIMIT 1`, []any{&p.CmpTopic, &p.CmpSize}},
	}
	for _, st := range steps {
		if err := raw.QueryRow(st.q).Scan(st.dest...); err != nil {
			return p, fmt.Errorf("%s: %w", st.q, err)
		}
	}
	more := []struct {
		q    string
		dest []any
	}{
		{fmt.Sprintf(`SELECT id, quote, grade FROM claims WHERE quote <> '' ORDER BY id LIMIT 1 OFFSET %d`, p.Claims/3), []any{&p.ClaimID, &quote, &p.Grade}},
		{fmt.Sprintf(`SELECT claim_id FROM claim_summaries WHERE topic_id = '%s' ORDER BY claim_id LIMIT 1 OFFSET %d`, p.Largest, p.LargestSize/2), []any{&p.RelClaimID}},
		{`SELECT name FROM claimants ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM claimants)`, []any{&name}},
	}
	for _, st := range more {
		if err := raw.QueryRow(st.q).Scan(st.dest...); err != nil {
			return p, fmt.Errorf("%s: %w", st.q, err)
		}
	}
	p.Word, p.Name = longestWord(quote), name
	lists := []struct {
		q    string
		dest *[]string
	}{
		{`SELECT topic_id FROM topic_summaries ORDER BY claim_count DESC, topic_id LIMIT ` + strconv.Itoa(rotate), &p.Topics},
		{`SELECT topic_id FROM topic_conflicts GROUP BY topic_id ORDER BY COUNT(*) DESC, topic_id LIMIT ` + strconv.Itoa(rotate), &p.ConflictTopics},
	}
	for _, l := range lists {
		rows, err := raw.Query(l.q)
		if err != nil {
			return p, fmt.Errorf("%s: %w", l.q, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return p, err
			}
			*l.dest = append(*l.dest, id)
		}
		if err := rows.Close(); err != nil {
			return p, err
		}
	}
	var err error
	p.Queries, err = searchQueries(raw, queries)
	return p, err
}

// searchQueries returns n distinct queries: claimants' names, and pairs
// of words of claims' quotes (each pair from one quote, so that it
// matches), half each, from rows spread over the tables.
func searchQueries(raw *sql.DB, n int) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(q string, limit int) {
		if q != "" && !seen[q] && len(out) < limit {
			seen[q] = true
			out = append(out, q)
		}
	}
	stmts := []struct {
		q     string
		limit int
		each  func(string) []string
	}{
		{`SELECT name FROM claimants ORDER BY id`, n / 2, func(name string) []string { return []string{name} }},
		{`SELECT quote FROM claims WHERE id IN (SELECT id FROM claims ORDER BY id LIMIT ` + strconv.Itoa(20*n) + `) ORDER BY id`, n, wordPairs},
	}
	for _, st := range stmts {
		rows, err := raw.Query(st.q)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", st.q, err)
		}
		for rows.Next() && len(out) < st.limit {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return nil, err
			}
			for _, q := range st.each(v) {
				add(q, st.limit)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// wordPairs returns the pairs of a quote's words of four letters or more
// that are neither the same nor next to each other.
func wordPairs(quote string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(quote, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 4 {
			words = append(words, w)
		}
	}
	var out []string
	for i := range words {
		for j := i + 2; j < len(words); j++ {
			if !strings.EqualFold(words[i], words[j]) {
				out = append(out, words[i]+" "+words[j])
			}
		}
	}
	return out
}

// rotateScript returns a wrk Lua script that asks for paths in turn, each
// of wrk's threads starting at another place in the list.
func rotateScript(paths []string) string {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "  %q,\n", p)
	}
	b.WriteString(`}
local threads = 0
function setup(thread)
  thread:set("first", threads * 7919)
  threads = threads + 1
end
local i = nil
function request()
  if i == nil then i = first or 0 end
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1])
end
`)
	return b.String()
}

// wrkResult is what wrk reports.
type wrkResult struct {
	rps, p50, p99 float64 // requests/s, ms
	requests      int
	errors        int
	cpu           float64 // the server's CPU time (user and system) per request, ms
	rss           float64 // the server's largest RSS seen while wrk ran, MiB
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkN       = regexp.MustCompile(`(\d+) requests in`)
	wrkPct     = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	wrkSockErr = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// runWrk runs wrk against u, served by the process pid; with script (a
// file), wrk asks for the paths the script makes, on u's server.
func runWrk(pid int, u, script string, clients int) (wrkResult, error) {
	cpu0, err := cpuTime(pid)
	if err != nil {
		return wrkResult{}, err
	}
	done := make(chan float64)
	stop := make(chan struct{})
	go func() { done <- sampleRSS(pid, stop) }()
	// wrk refuses more threads than connections: one client, one thread.
	threads := min(2, clients)
	args := []string{"-t" + strconv.Itoa(threads), "-c" + strconv.Itoa(clients), "-d" + wrkDuration.String(), "--timeout", "30s", "--latency"}
	if script != "" {
		args = append(args, "-s", script)
	}
	out, err := exec.Command("wrk", append(args, u)...).CombinedOutput()
	if err != nil {
		close(stop)
		<-done
		return wrkResult{}, fmt.Errorf("wrk %s: %w: %s", u, err, out)
	}
	close(stop)
	var r wrkResult
	r.rss = <-done
	cpu1, err := cpuTime(pid)
	if err != nil {
		return wrkResult{}, err
	}
	if m := wrkN.FindSubmatch(out); m != nil {
		r.requests, _ = strconv.Atoi(string(m[1]))
	}
	if r.requests > 0 {
		r.cpu = (cpu1 - cpu0) / float64(r.requests)
	}
	m := wrkRPS.FindSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("wrk %s: no Requests/sec in %s", u, out)
	}
	r.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	for _, m := range wrkPct.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		switch string(m[3]) {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if string(m[1]) == "50" {
			r.p50 = v
		} else {
			r.p99 = v
		}
	}
	if m := wrkNon2xx.FindSubmatch(out); m != nil {
		r.errors, _ = strconv.Atoi(string(m[1]))
	}
	if m := wrkSockErr.FindSubmatch(out); m != nil {
		for _, g := range m[1:] {
			n, _ := strconv.Atoi(string(g))
			r.errors += n
		}
	}
	return r, nil
}

// waitIdle waits until the server at base answers no request: when wrk
// stops, up to one request a connection may still be running, and a slow
// endpoint's stragglers would otherwise eat into the next measurement.
// It gives up after two minutes and says so.
func waitIdle(base string) {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/inflight")
		if err != nil {
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) == "0" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Println("    (the server was still answering earlier requests after two minutes; measuring anyway)")
}

// sampleRSS returns the largest resident set size of process pid, in MiB,
// read from /proc every 50 ms until stop closes.
func sampleRSS(pid int, stop <-chan struct{}) float64 {
	best := 0.0
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if v := rssMiB(pid); v > best {
			best = v
		}
		select {
		case <-stop:
			return best
		case <-t.C:
		}
	}
}

// rssMiB returns the resident set size of process pid in MiB (0 if unknown).
func rssMiB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// cpuTime returns the user and system CPU time of process pid, all its
// threads, in ms (from /proc, in clock ticks of 10 ms).
func cpuTime(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	// After the command: state, ppid, ... utime is the 12th, stime the 13th.
	u, err1 := strconv.ParseFloat(f[11], 64)
	s, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	return (u + s) * 10, nil
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

// wrkMeasure serves dsn from a child process and measures it with wrk.
// Each figure is added to tb.
func wrkMeasure(dsn string, tb *table) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not installed (apt-get install wrk)")
	}
	cmd := exec.Command(os.Args[0], serveArgs(dsn, *readSlots)...)
	cmd.Stderr = os.Stderr
	if *pprofFlag {
		cmd.Env = append(os.Environ(), "CLAIMDESK_LOAD_PPROF=1")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	waited := false
	defer func() {
		if !waited {
			stdin.Close()
			cmd.Wait()
		}
	}()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	base := "http://" + strings.TrimSpace(addr)
	if *pprofFlag {
		fmt.Printf("    pprof: go tool pprof %s/debug/pprof/heap\n", base)
	}
	var p picks
	if err := getJSON(base+"/picks?rotate="+strconv.Itoa(*wrkRotate)+"&queries="+strconv.Itoa(*wrkRotateSearch), &p); err != nil {
		return err
	}
	q := url.QueryEscape
	cases := []wcase{
		{"read a claim", "/api/v1/claims/" + p.ClaimID, "/ceiling/sql/claims/" + p.ClaimID, nil, 0},
		{"list 50, filtered by topic and grade", "/api/v1/claims?limit=50&topic_id=" + q(p.Largest) + "&grade=" + q(p.Grade), "", nil, 0},
		rotating(fmt.Sprintf("list 50, filtered by topic and grade, rotating over %d topics", len(p.Topics)), p.Topics,
			func(t string) string { return "/api/v1/claims?limit=50&topic_id=" + q(t) + "&grade=" + q(p.Grade) }),
		{"search a claimant's name (" + p.Name + ")", "/api/v1/search?limit=20&q=" + q(p.Name), "", nil, 0},
		{"search a quote's word (" + p.Word + ")", "/api/v1/search?limit=20&q=" + q(p.Word), "", nil, 0},
		{"search " + p.Word + " in the largest topic", "/api/v1/search?limit=20&q=" + q(p.Word) + "&topic_id=" + q(p.Largest), "", nil, 0},
		{"search " + p.Name + " with facets", "/api/v1/search?limit=20&facets=true&q=" + q(p.Name), "", nil, 0},
		rotating(fmt.Sprintf("search, rotating over %d queries (names, word pairs)", len(p.Queries)), p.Queries,
			func(s string) string { return "/api/v1/search?limit=20&q=" + q(s) }),
		{"facets of the largest topic", "/api/v1/claims?limit=1&facets=true&topic_id=" + q(p.Largest), "", nil, 0},
		{fmt.Sprintf("comparison of a %d-claim topic", p.CmpSize), "/api/v1/topics/" + p.CmpTopic + "/comparison", "", nil, 0},
		{"relations of a claim of the largest topic", "/api/v1/claims/" + p.RelClaimID + "/relations", "", nil, 0},
		{"conflicts, 50", "/api/v1/conflicts?limit=50", "", nil, 0},
		rotating(fmt.Sprintf("conflicts of a topic, 50, rotating over %d topics", len(p.ConflictTopics)), p.ConflictTopics,
			func(t string) string { return "/api/v1/conflicts?limit=50&topic_id=" + q(t) }),
	}
	if pages, err := comparisonPages(base, p.CmpTopic); err != nil {
		return err
	} else {
		// The target: a 1,000-claim comparison as the web app
		// asks for it, p99 under 50 ms with 4 clients.
		cases = append(cases, wcase{name: fmt.Sprintf("comparison of a %d-claim topic as the web app asks for it (%d pages)", p.CmpSize, len(pages)),
			path: pages[0], rotate: pages, clients: 4})
	}
	if pages, err := conflictPages(base, *wrkRotate); err != nil {
		return err
	} else if len(pages) > 0 {
		cases = append(cases, wcase{fmt.Sprintf("conflicts, 50, rotating over pages 2 to %d", len(pages)+1), pages[0], "", pages, 0})
	}
	fmt.Printf("(f) %s, %d claims (largest topic %d), %s: wrk -t2 -c%d -d%s from another process on loopback;\n",
		p.Dialect, p.Claims, p.LargestSize, p.ReadGate, *wrkClients, *wrkDuration)
	tb.title += ", " + p.ReadGate
	fmt.Println("    each request against bare gin handlers answering the same JSON from memory, in the same server process:")
	fmt.Println("    memory encodes it again for each request, bytes writes the stored bytes;")
	fmt.Println("    reading a claim also against a gin handler doing the same primary-key read with database/sql")
	fmt.Println("    CPU ms/req is the server's CPU time (user and system, all threads) over the requests it answered:")
	fmt.Println("    a loaded machine stretches wall time more than CPU time; ratios above 1 mean the ceiling is slower")
	fmt.Println("    RSS MiB is the server's largest resident set sampled while wrk requested the API (not the ceilings)")
	fmt.Println("    each ceiling's latency is given as p50/p99: the tail a handler of the same process gets on the same machine")
	fmt.Printf("    %-44s %8s %8s %8s %9s %7s   %-34s %-34s %s\n", "request", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "RSS MiB", "ceiling: req/s, CPU ms/req, p50/p99 ms", "ratio: req/s, CPU", "load")
	pid := cmd.Process.Pid
	apiRSS := 0.0 // the largest RSS while wrk requested the API (not a ceiling)
	only, err := regexp.Compile(*wrkOnly)
	if err != nil {
		return fmt.Errorf("-wrk-only: %w", err)
	}
	for _, c := range cases {
		if !only.MatchString(c.name) {
			continue
		}
		// The ceilings: the same JSON from memory, encoded each time and
		// as bytes, with database/sql's read where there is one; a
		// rotating request's ceilings rotate over the same paths.
		names := []string{"memory", "bytes"}
		ceilings := []string{"/ceiling/mem?u=", "/ceiling/bytes?u="}
		script, ceilScripts := "", make([]string, len(ceilings))
		if c.rotate != nil {
			var err error
			if script, err = writeScript(c.rotate); err != nil {
				return err
			}
			defer os.Remove(script)
			for i, prefix := range ceilings {
				var paths []string
				for _, path := range c.rotate {
					paths = append(paths, prefix+q(path))
				}
				if ceilScripts[i], err = writeScript(paths); err != nil {
					return err
				}
				defer os.Remove(ceilScripts[i])
			}
		}
		for i := range ceilings {
			ceilings[i] = base + ceilings[i] + q(c.path)
		}
		if c.ceilingSQL != "" {
			ceilings = append([]string{base + c.ceilingSQL}, ceilings...)
			names = append([]string{"database/sql"}, names...)
			ceilScripts = append([]string{""}, ceilScripts...)
		}
		if err := getJSON(base+c.path, nil); err != nil {
			return err
		}
		la := loadAvg()
		clients := *wrkClients
		if c.clients > 0 {
			clients = c.clients
		}
		r, err := runWrk(pid, base+c.path, script, clients)
		if err != nil {
			return err
		}
		waitIdle(base)
		apiRSS = max(apiRSS, r.rss)
		// The ceiling's bodies are read from the API once each before
		// it is measured (after the API was).
		for _, path := range c.rotate {
			if err := getJSON(base+"/ceiling/mem?u="+q(path), nil); err != nil {
				return err
			}
		}
		var cs, rs []string
		var tcs, trs []string
		for i, u := range ceilings {
			m, err := runWrk(pid, u, ceilScripts[i], clients)
			if err != nil {
				return err
			}
			waitIdle(base)
			tcs = append(tcs, names[i]+": "+wrkFigure(m))
			if m.requests < minAnswers || r.requests < minAnswers {
				// A few answers in the window measure the machine's
				// load, not a rate: no ratio.
				trs = append(trs, "—")
			} else {
				trs = append(trs, ratio(r.rps, m.rps))
			}
			cs = append(cs, fmt.Sprintf("%s %.0f, %.3f, %.2f/%.2f", names[i], m.rps, m.cpu, m.p50, m.p99))
			rs = append(rs, fmt.Sprintf("%.2fx, %.2fx", r.rps/m.rps, m.cpu/r.cpu))
		}
		if err := forgetCeilings(base); err != nil {
			return err
		}
		errs := ""
		if r.errors > 0 {
			errs = fmt.Sprintf(" (%d errors)", r.errors)
		}
		fmt.Printf("    %-44s %8.0f %8.2f %8.2f %9.3f %7.0f   %-34s %-34s %s-%s%s\n", c.name, r.rps, r.p50, r.p99, r.cpu, r.rss,
			strings.Join(cs, "; "), strings.Join(rs, "; "), la, loadAvg(), errs)
		tb.add(fmt.Sprintf("`GET %s`: %s, %d clients", shortPath(c.path), c.name, clients),
			wrkFigure(r)+errs,
			strings.Join(tcs, "; "), strings.Join(trs, "; "), la+"–"+loadAvg())
	}
	stdin.Close()
	waited = true
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	peak := 0.0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = float64(ru.Maxrss) / 1024
	}
	fmt.Printf("    server RSS under the API's load: largest seen %.0f MiB (target < 200); peak with the ceilings %.0f MiB\n", apiRSS, peak)
	tb.add("server RSS under the API's load (largest sampled)", fmt.Sprintf("%.0f MiB", apiRSS), "target: 200 MB", ratio(200/1.048576, apiRSS), loadAvg())
	return nil
}

// wcase is one measured request. rotate, if set, are the paths wrk
// cycles through (path is the first): the API is asked for each as wrk's
// rotation reaches it, with nothing cached beforehand. clients, if set,
// is wrk's connections for this case instead of -wrk-clients.
type wcase struct {
	name, path, ceilingSQL string
	rotate                 []string
	clients                int
}

// rotating is a case that cycles through one path a topic (or a query).
func rotating(name string, keys []string, path func(string) string) (c wcase) {
	c.name = name
	for _, k := range keys {
		c.rotate = append(c.rotate, path(k))
	}
	if len(c.rotate) > 0 {
		c.path = c.rotate[0]
	}
	return c
}

// comparisonPages returns the paths the web app asks for to show a
// topic's comparison (data.comparison in the frontend): its first 200
// claims, conflicts first, then the rest of a topic of up to 2,000
// claims 5,000 at a time, by the cursors.
func comparisonPages(base, topicID string) ([]string, error) {
	path := "/api/v1/topics/" + url.PathEscape(topicID) + "/comparison?limit=200&order=conflicts"
	out := []string{path}
	for len(out) < 10 {
		var page struct {
			Next string `json:"next_cursor"`
		}
		if err := getJSON(base+path, &page); err != nil {
			return nil, err
		}
		if page.Next == "" {
			return out, nil
		}
		path = "/api/v1/topics/" + url.PathEscape(topicID) + "/comparison?limit=5000&order=conflicts&cursor=" + url.QueryEscape(page.Next)
		out = append(out, path)
	}
	return nil, fmt.Errorf("comparison of %s: more than %d pages", topicID, len(out))
}

// conflictPages returns the paths of the pages of the conflicts after the
// first, up to n of them, by following the listing's cursors.
func conflictPages(base string, n int) ([]string, error) {
	var out []string
	path := "/api/v1/conflicts?limit=50"
	for len(out) < n {
		var page struct {
			Next string `json:"next_cursor"`
		}
		if err := getJSON(base+path, &page); err != nil {
			return nil, err
		}
		if page.Next == "" {
			break
		}
		path = "/api/v1/conflicts?limit=50&cursor=" + url.QueryEscape(page.Next)
		out = append(out, path)
	}
	return out, nil
}

// writeScript writes the wrk script that cycles through paths to a
// temporary file and returns its name.
func writeScript(paths []string) (string, error) {
	f, err := os.CreateTemp("", "claimdesk-load-*.lua")
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(rotateScript(paths)); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// wrkFigure formats a wrk result for the table.
// minAnswers is the fewest answers within the window from which a
// request rate is reported as a ratio.
const minAnswers = 10

func wrkFigure(r wrkResult) string {
	switch {
	case r.requests == 0:
		return "no answer within " + wrkDuration.String()
	case r.requests < minAnswers:
		return fmt.Sprintf("%d answers within %s, p50 %.1f ms", r.requests, wrkDuration, r.p50)
	}
	return fmt.Sprintf("%s req/s, p50 %.1f / p99 %.1f ms", thousands(r.rps), r.p50, r.p99)
}

// shortPath shortens a request path for the table.
func shortPath(p string) string {
	if len(p) > 70 {
		return p[:67] + "..."
	}
	return p
}

func getJSON(u string, dest any) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %.300s", u, resp.StatusCode, b)
	}
	if dest == nil {
		return nil
	}
	return json.Unmarshal(b, dest)
}
