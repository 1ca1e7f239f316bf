package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// The load and fault tests run the real binary, built once per test run,
// as separate processes: servers on SQLite and PostgreSQL (two of them on
// one PostgreSQL database), `claimdesk import` beside a server, and an
// import killed with SIGKILL in its middle. None depends on timing: the
// load is a fixed number of requests, and the import pauses at a point it
// announces (envImportPause) rather than after a sleep.

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// claimdeskBinary builds the claimdesk command once for the test run.
func claimdeskBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		// To measure another build under the same load, name it here.
		if b := os.Getenv("CLAIMDESK_TEST_BINARY"); b != "" {
			binary = b
			return
		}
		buildDir, buildErr = os.MkdirTemp("", "claimdesk-bin-")
		if buildErr != nil {
			return
		}
		binary = filepath.Join(buildDir, "claimdesk")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// server is a `claimdesk serve` process.
type server struct {
	base string
	cmd  *exec.Cmd
	log  *bytes.Buffer
}

// startServer runs `claimdesk serve` on dsn on a free port and returns once
// it listens. It is stopped with SIGTERM when the test ends.
func startServer(t *testing.T, dsn string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(claimdeskBinary(t), append([]string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, log: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: s.log}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if _, rest, ok := strings.Cut(sc.Text(), "listening on "); ok {
			s.base, _, _ = strings.Cut(rest, " ")
			break
		}
	}
	if s.base == "" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("claimdesk serve did not start: %s", s.log)
	}
	go io.Copy(io.Discard, stdout)
	return s
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tally counts what the clients saw.
type tally struct {
	requests, busy, failures atomic.Int64
	mu                       sync.Mutex
	errs                     []string
}

func (t *tally) fail(format string, args ...any) {
	t.failures.Add(1)
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.errs) < 20 {
		t.errs = append(t.errs, fmt.Sprintf(format, args...))
	}
}

var httpClient = &http.Client{Timeout: 2 * time.Minute}

// call sends a request. A 503 must carry Retry-After and is sent again, as
// a client honouring it would (it is counted); any other 5xx is a failure.
// It returns the final status, the body and the ETag.
func (tl *tally) call(method, url, body string, headers ...string) (int, []byte, string) {
	for {
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, url, rd)
		if err != nil {
			tl.fail("%s %s: %v", method, url, err)
			return 0, nil, ""
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		tl.requests.Add(1)
		resp, err := httpClient.Do(req)
		if err != nil {
			tl.fail("%s %s: %v", method, url, err)
			return 0, nil, ""
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			tl.busy.Add(1)
			if resp.Header.Get("Retry-After") == "" || resp.Header.Get("Content-Type") != "application/problem+json" {
				tl.fail("%s %s: 503 without Retry-After or problem: %s", method, url, data)
				return resp.StatusCode, data, ""
			}
			continue
		}
		if resp.StatusCode >= 500 {
			tl.fail("%s %s: %d %s", method, url, resp.StatusCode, data)
		}
		return resp.StatusCode, data, resp.Header.Get("ETag")
	}
}

// loadWorld creates what the load's claims refer to: a parent topic and a
// child topic (a write to one recomputes both), a claimant and a source.
func loadWorld(t *testing.T, tl *tally, base string) {
	t.Helper()
	for _, r := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t-load","title":"Foreign fighters in Syria","unit":"people"}`},
		{"/api/v1/topics", `{"id":"t-load-part","title":"Russian fighters in Syria","unit":"people","parent_id":"t-load"}`},
		{"/api/v1/claimants", `{"id":"k-load","name":"An official"}`},
		{"/api/v1/sources", `{"id":"s-load","name":"An agency","kind":"agency"}`},
	} {
		if code, body, _ := tl.call("POST", base+r.path, r.body); code != http.StatusCreated {
			t.Fatalf("POST %s = %d %s", r.path, code, body)
		}
	}
}

// acked is the last acknowledged state of a claim a client wrote.
type acked struct {
	id      string
	version int
	notes   string
}

// runLoad has clients send perClient requests each, spread over the
// servers: a quarter create claims, a quarter update the client's own
// last claim (If-Match), an eighth delete the client's first claim, the
// rest read (listings, the comparison). It returns
// every claim's last acknowledged state (version -1: deleted).
func runLoad(t *testing.T, tl *tally, servers []*server, clients, perClient int) []acked {
	t.Helper()
	var mu sync.Mutex
	var all []acked
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			var mine []acked
			var deleted []string
			topic := []string{"t-load", "t-load-part"}[c%2]
			for j := range perClient {
				base := servers[(c+j)%len(servers)].base
				switch j % 4 {
				case 0:
					notes := fmt.Sprintf("client %d request %d", c, j)
					body := fmt.Sprintf(`{"topic_id":%q,"claimant_id":"k-load","quantity_text":"%d","quote":"about %d fighters","said_on":"2015-%02d","notes":%q,"provenance":{"source_id":"s-load"}}`,
						topic, 100+c*7+j, 100+c*7+j, 1+j%12, notes)
					code, data, _ := tl.call("POST", base+"/api/v1/claims", body)
					if code != http.StatusCreated {
						tl.fail("create claim: %d %s", code, data)
						continue
					}
					var got struct {
						ID      string `json:"id"`
						Version int    `json:"version"`
					}
					json.Unmarshal(data, &got)
					mine = append(mine, acked{id: got.ID, version: got.Version, notes: notes})
				case 1:
					if len(mine) == 0 {
						continue
					}
					last := &mine[len(mine)-1]
					notes := fmt.Sprintf("client %d request %d updated", c, j)
					code, data, _ := tl.call("PATCH", base+"/api/v1/claims/"+last.id, fmt.Sprintf(`{"notes":%q}`, notes),
						"If-Match", strconv.Quote(strconv.Itoa(last.version)))
					if code != http.StatusOK {
						tl.fail("update claim %s: %d %s", last.id, code, data)
						continue
					}
					last.version++
					last.notes = notes
				case 2:
					if code, data, _ := tl.call("GET", base+"/api/v1/claims?topic_id="+topic+"&limit=50", ""); code != http.StatusOK {
						tl.fail("list claims: %d %s", code, data)
					}
				case 3:
					if j%8 == 7 && len(mine) > 1 {
						// Delete the client's first claim.
						first := mine[0]
						code, data, _ := tl.call("DELETE", base+"/api/v1/claims/"+first.id, "",
							"If-Match", strconv.Quote(strconv.Itoa(first.version)))
						if code != http.StatusNoContent {
							tl.fail("delete claim %s: %d %s", first.id, code, data)
							continue
						}
						mine = mine[1:]
						deleted = append(deleted, first.id)
						continue
					}
					if code, data, _ := tl.call("GET", base+"/api/v1/topics/t-load/comparison", ""); code != http.StatusOK {
						tl.fail("comparison: %d %s", code, data)
					}
				}
			}
			mu.Lock()
			all = append(all, mine...)
			for _, id := range deleted {
				all = append(all, acked{id: id, version: -1})
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return all
}

// checkAcked reads every acknowledged claim back.
func checkAcked(t *testing.T, tl *tally, base string, all []acked) {
	t.Helper()
	for _, a := range all {
		code, data, _ := tl.call("GET", base+"/api/v1/claims/"+a.id, "")
		if a.version == -1 {
			if code != http.StatusNotFound {
				t.Errorf("deleted claim %s = %d, want 404", a.id, code)
			}
			continue
		}
		var got struct {
			Version int    `json:"version"`
			Notes   string `json:"notes"`
		}
		json.Unmarshal(data, &got)
		if code != http.StatusOK || got.Version != a.version || got.Notes != a.notes {
			t.Errorf("claim %s = %d version %d notes %q, want the acknowledged version %d notes %q", a.id, code, got.Version, got.Notes, a.version, a.notes)
		}
	}
}

// checkRecompute copies the database through export and `claimdesk
// import` into a fresh SQLite file, which recomputes every summary from
// scratch, and expects the comparison and conflicts the loaded server
// kept current to be the same.
func checkRecompute(t *testing.T, tl *tally, base string) {
	t.Helper()
	code, doc, _ := tl.call("GET", base+"/api/v1/export?format=ndjson", "")
	if code != http.StatusOK {
		t.Fatalf("export: %d", code)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "all.ndjson")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "fresh.db")
	if out, err := exec.Command(claimdeskBinary(t), "import", "--db", fresh, file).CombinedOutput(); err != nil {
		t.Fatalf("claimdesk import: %v\n%s", err, out)
	}
	other := startServer(t, fresh)
	for _, path := range []string{
		"/api/v1/topics/t-load/comparison?limit=200", "/api/v1/topics/t-load-part/comparison?limit=200",
		"/api/v1/conflicts?topic_id=t-load&limit=200", "/api/v1/conflicts?topic_id=t-load-part&limit=200",
	} {
		_, kept, _ := tl.call("GET", base+path, "")
		_, recomputed, _ := tl.call("GET", other.base+path, "")
		var a, b any
		if json.Unmarshal(kept, &a) != nil || json.Unmarshal(recomputed, &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("GET %s: the summaries kept under load differ from a fresh recompute:\nkept:       %.600s\nrecomputed: %.600s", path, kept, recomputed)
		}
	}
}

// loadClients and loadRequests size the load: 64 clients sending 8
// requests each (512 requests, half of them writes), whatever the time
// it takes.
const loadClients, loadRequests = 64, 8

func runLoadTest(t *testing.T, servers []*server) {
	tl := &tally{}
	loadWorld(t, tl, servers[0].base)
	start := time.Now()
	all := runLoad(t, tl, servers, loadClients, loadRequests)
	elapsed := time.Since(start)
	for _, e := range tl.errs {
		t.Error(e)
	}
	if n := tl.failures.Load(); n > 0 {
		t.Fatalf("%d of %d requests failed (5xx other than 503, or wrong answers); the load took %s", n, tl.requests.Load(), elapsed.Round(time.Millisecond))
	}
	checkAcked(t, tl, servers[len(servers)-1].base, all)
	checkRecompute(t, tl, servers[0].base)
	// For the record, not asserted: the time the load took.
	t.Logf("%d requests, %d claims written; %d answers were 503 with Retry-After (sent again); load took %s",
		tl.requests.Load(), len(all), tl.busy.Load(), elapsed.Round(time.Millisecond))
}

func TestLoadSQLite(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "claimdesk.db"))
	runLoadTest(t, []*server{s})
}

func TestLoadPostgres(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	runLoadTest(t, []*server{startServer(t, dsn)})
}

// TestLoadTwoPostgresReplicas writes to one topic family through two
// servers sharing a PostgreSQL database.
func TestLoadTwoPostgresReplicas(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	a := startServer(t, dsn)
	b := startServer(t, dsn)
	runLoadTest(t, []*server{a, b})
}

// importFile writes an NDJSON document of n claims in one new topic.
func importFile(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"type":"header","schema_version":1}` + "\n")
	b.WriteString(`{"type":"topic","record":{"id":"t-import","title":"Imported topic","unit":"people"}}` + "\n")
	b.WriteString(`{"type":"claimant","record":{"id":"k-import","name":"Imported claimant"}}` + "\n")
	b.WriteString(`{"type":"source","record":{"id":"s-import","name":"Imported source","kind":"news"}}` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `{"type":"claim","record":{"id":"c-import-%06d","topic_id":"t-import","claimant_id":"k-import","quantity_text":"%d","quote":"some %d people, a fairly long quote to make the file a little bigger","provenance":{"source_id":"s-import"}}}`+"\n", i, 1000+i, 1000+i)
	}
	file := filepath.Join(t.TempDir(), "import.ndjson")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// pausedImport starts `claimdesk import` of file into dsn and returns once
// it has paused in its middle, its transaction open.
func pausedImport(t *testing.T, dsn, file string) (cmd *exec.Cmd, resume func(), done chan error) {
	t.Helper()
	dir := t.TempDir()
	cmd = exec.Command(claimdeskBinary(t), "import", "--db", dsn, file)
	cmd.Env = append(os.Environ(), envImportPause+"="+dir)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done = make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		err := <-done
		done <- err
	})
	for {
		if _, err := os.Stat(filepath.Join(dir, "paused")); err == nil {
			break
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("claimdesk import ended before pausing: %v\n%s", err, out)
		case <-time.After(10 * time.Millisecond):
		}
	}
	resume = func() {
		if err := os.WriteFile(filepath.Join(dir, "resume"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		err := <-done
		done <- err
		if err != nil {
			t.Fatalf("claimdesk import: %v\n%s", err, out)
		}
	}
	return cmd, resume, done
}

// TestWritesDuringImportSQLite writes through the API while `claimdesk
// import` holds the SQLite database in the middle of its transaction:
// every write is refused with 503 and Retry-After (none with 500), reads
// go on, and once the import commits the same writes succeed.
func TestWritesDuringImportSQLite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claimdesk.db")
	s := startServer(t, db, "--lock-wait", "100ms")
	tl := &tally{}
	loadWorld(t, tl, s.base)
	file := importFile(t, 6000)
	_, resume, _ := pausedImport(t, db, file)

	for i := range 8 {
		body := fmt.Sprintf(`{"topic_id":"t-load","claimant_id":"k-load","quantity_text":"%d","provenance":{"source_id":"s-load"}}`, 10+i)
		req, _ := http.NewRequest("POST", s.base+"/api/v1/claims", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("a write during the import = %d (Retry-After %q) %s, want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"), data)
		}
		if code, data, _ := tl.call("GET", s.base+"/api/v1/claims?topic_id=t-load", ""); code != http.StatusOK {
			t.Errorf("a read during the import = %d %s, want 200", code, data)
		}
	}
	resume()
	all := runLoad(t, tl, []*server{s}, 8, 8)
	for _, e := range tl.errs {
		t.Error(e)
	}
	checkAcked(t, tl, s.base, all)
	code, data, _ := tl.call("GET", s.base+"/api/v1/claims?topic_id=t-import&limit=1", "")
	if code != http.StatusOK || !strings.Contains(string(data), "c-import-") {
		t.Errorf("after the import: %d %s, want its claims", code, data)
	}
}

// killImport kills `claimdesk import` in the middle of its transaction and
// returns once it is dead.
func killImport(t *testing.T, dsn string) {
	t.Helper()
	cmd, _, done := pausedImport(t, dsn, importFile(t, 6000))
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-done
	done <- err
	if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("claimdesk import ended with %v, want killed by SIGKILL", err)
	}
}

// afterKill starts a server on the database an import was killed in and
// expects it to open clean, with nothing of the import and everything from
// before, and to take the same import whole.
func afterKill(t *testing.T, dsn string) {
	t.Helper()
	s := startServer(t, dsn)
	tl := &tally{}
	for path, want := range map[string]string{
		"/api/v1/topics/t-import": "404", "/api/v1/claims?topic_id=t-import": `"items":[]`,
		"/api/v1/claimants/k-import": "404", "/api/v1/topics/t-load": `"id":"t-load"`,
	} {
		code, data, _ := tl.call("GET", s.base+path, "")
		if got := strconv.Itoa(code) + " " + string(data); !strings.Contains(got, want) {
			t.Errorf("GET %s after the kill = %.300s, want %s", path, got, want)
		}
	}
	file := importFile(t, 100)
	if out, err := exec.Command(claimdeskBinary(t), "import", "--server", s.base, file).CombinedOutput(); err != nil {
		t.Fatalf("claimdesk import --server after the kill: %v\n%s", err, out)
	}
	if code, data, _ := tl.call("GET", s.base+"/api/v1/claims/c-import-000099", ""); code != http.StatusOK {
		t.Errorf("the import after the kill: %d %s", code, data)
	}
	for _, e := range tl.errs {
		t.Error(e)
	}
}

func TestKillImportSQLite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claimdesk.db")
	func() {
		s := startServer(t, db)
		loadWorld(t, &tally{}, s.base)
		s.cmd.Process.Signal(syscall.SIGTERM)
		s.cmd.Wait()
	}()
	killImport(t, db)
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check after the kill = %q, %v; want ok", check, err)
	}
	raw.Close()
	afterKill(t, db)
}

func TestKillImportPostgres(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	func() {
		s := startServer(t, dsn)
		loadWorld(t, &tally{}, s.base)
		s.cmd.Process.Signal(syscall.SIGTERM)
		s.cmd.Wait()
	}()
	killImport(t, dsn)
	afterKill(t, dsn)
}
