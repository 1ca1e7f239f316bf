package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/service"
)

// demoDB returns the path of a SQLite file holding the demo dataset.
func demoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	ctx := context.Background()
	s, err := gormstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, service.New(s, nil)); err != nil {
		t.Fatal(err)
	}
	return path
}

// exportImport exports the database src in format to file, imports file
// into dst with the format left to the import, checks that the import
// created the demo's 62 claims, and returns what it wrote to stderr.
func exportImport(t *testing.T, src, format, file, dst string) string {
	t.Helper()
	if code, _, stderr := runCmd(t, "", "export", "--db", src, "--format", format, "--out", file); code != 0 {
		t.Fatalf("export exited %d: %s", code, stderr)
	}
	// Errors only: a loaded machine's slow-query warnings are logs, not
	// the output the tests look for.
	code, stdout, stderr := runCmd(t, "", "import", "--db", dst, "--log-level", "error", file)
	if code != 0 {
		t.Fatalf("import exited %d: %s", code, stderr)
	}
	var rep exchange.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("import report %q: %v", stdout, err)
	}
	if !rep.Applied || rep.Created.Claims != 62 {
		t.Errorf("report = %+v, want 62 claims created", rep)
	}
	return stderr
}

func TestExportImportRoundTrip(t *testing.T) {
	src := demoDB(t)
	for _, format := range []string{"json", "ndjson"} {
		t.Run(format, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "copy.db")
			stderr := exportImport(t, src, format, filepath.Join(t.TempDir(), "out."+format), dst)
			if stderr != "" {
				t.Errorf("import wrote to stderr, which is no terminal: %q", stderr)
			}
			_, first, _ := runCmd(t, "", "export", "--db", src, "--format", format)
			if format == "json" {
				validateExport(t, []byte(first))
			}
			_, second, _ := runCmd(t, "", "export", "--db", dst, "--format", format)
			if a, b := strings.SplitN(first, "\n", 2)[1], strings.SplitN(second, "\n", 2)[1]; a != b {
				t.Errorf("export of the copy differs from the export of the original")
			}
		})
	}
}

// An NDJSON export saved under a .json name imports as NDJSON, with a
// note; forced to JSON it is refused with a hint instead of a puzzle.
func TestImportNDJSONNamedJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "export.json")
	stderr := exportImport(t, demoDB(t), "ndjson", file, filepath.Join(t.TempDir(), "copy.db"))
	if !strings.Contains(stderr, "reading it as ndjson") {
		t.Errorf("stderr = %q, want a note that the file reads as ndjson", stderr)
	}
	code, _, stderr := runCmd(t, "", "import", "--db", filepath.Join(t.TempDir(), "forced.db"), "--format", "json", file)
	if code != 1 || !strings.Contains(stderr, "looks like NDJSON") {
		t.Errorf("--format json: exit %d, stderr %.300q; want exit 1 with a hint that the file is NDJSON", code, stderr)
	}
}

func TestImportHostileFiles(t *testing.T) {
	header := `{"type":"header","schema_version":1}` + "\n"
	topic := `{"type":"topic","record":{"id":"t1","title":"T","unit":"people"}}` + "\n"
	tests := []struct {
		name, file, content string
		args                []string
		wantErr             string
	}{
		{"malformed", "a.json", `{"schema_version":1,"topics":[`, nil, "malformed JSON"},
		{"wrong type", "a.json", `{"schema_version":1,"topics":[{"id":"t1","title":5}]}`, nil, "$.topics[0].title: must be a string"},
		{"huge string", "a.ndjson", header + `{"type":"topic","record":{"id":"t1","title":"` + strings.Repeat("x", 2<<20) + `"}}`, nil, "line 2"},
		{"deep nesting", "a.json", `{"schema_version":1,"topics":[` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `]}`, nil, "$.topics[0]"},
		{"over the limit", "a.ndjson", header + topic, []string{"--max-bytes", "20"}, "larger than the limit of 20 bytes"},
		{"duplicate ids", "a.ndjson", header + topic + topic, nil, "repeats the ID"},
		{"dangling reference", "a.ndjson", header + `{"type":"claim","record":{"id":"c","topic_id":"t9","claimant_id":"p","quantity_text":"5","provenance":{"source_id":"s"}}}`, nil, `no topic with ID "t9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, tt.file)
			if err := os.WriteFile(file, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "x.db")
			args := append(append([]string{"import", "--db", db}, tt.args...), file)
			code, _, stderr := runCmd(t, "", args...)
			if code != 1 || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("import %s: exit %d, stderr %.300q; want exit 1 mentioning %q", tt.name, code, stderr, tt.wantErr)
			}
			_, out, _ := runCmd(t, "", "export", "--db", db, "--format", "csv")
			if lines := strings.Count(out, "\n"); lines != 1 {
				t.Errorf("a refused import left %d claims rows", lines-1)
			}
			_, out, _ = runCmd(t, "", "export", "--db", db)
			if !strings.Contains(out, `"topics":[]`) {
				t.Errorf("a refused import left topics: %.200s", out)
			}
		})
	}
}

func TestImportDryRunFromStdin(t *testing.T) {
	src := demoDB(t)
	_, doc, _ := runCmd(t, "", "export", "--db", src, "--format", "ndjson")
	dst := filepath.Join(t.TempDir(), "dry.db")
	code, stdout, stderr := runCmd(t, doc, "import", "--db", dst, "--format", "ndjson", "--dry-run", "-")
	if code != 0 {
		t.Fatalf("dry run exited %d: %s", code, stderr)
	}
	var rep exchange.Report
	json.Unmarshal([]byte(stdout), &rep)
	if !rep.DryRun || rep.Applied || rep.Created.Claims != 62 {
		t.Errorf("dry run report = %+v", rep)
	}
	if !strings.Contains(stderr, dst+" does not exist or is empty") {
		t.Errorf("the dry run did not say the database is missing: %q", stderr)
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a dry run into a missing file created it (stat: %v)", err)
	}
	// Into an existing database, a dry run writes no claims either.
	if code, _, stderr := runCmd(t, "a long enough password\n", "user", "add", "--db", dst, "alice"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, doc, "import", "--db", dst, "--format", "ndjson", "--dry-run", "-"); code != 0 {
		t.Fatalf("dry run into an existing file exited %d: %s", code, stderr)
	}
	if _, out, _ := runCmd(t, "", "export", "--db", dst, "--format", "csv"); strings.Count(out, "\n") != 1 {
		t.Errorf("a dry run wrote claims")
	}
}

// TestCommandsRefuseMissingDatabase: a command that works with what a
// database holds refuses a --db that does not exist, and does not create it.
func TestCommandsRefuseMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"export", "--db", db},
		{"reparse", "--db", db},
		{"user", "list", "--db", db},
		{"user", "disable", "--db", db, "bob"},
		{"token", "list", "--db", db},
		{"token", "revoke", "--db", db, "t-1"},
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code == 0 || !strings.Contains(stderr, "no database at "+db+": check --db") {
			t.Errorf("%v: exit %d, stderr %q, want a failure naming the missing database", args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v wrote %q", args, stdout)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created %s (stat: %v)", args, db, err)
		}
	}
	// The same file named by a "file:" URI, and an empty file (a
	// database SQLite has not written yet) are refused too.
	if code, _, stderr := runCmd(t, "", "export", "--db", "file:"+db+"?cache=shared"); code == 0 || !strings.Contains(stderr, "no database at file:"+db) {
		t.Errorf("export --db file:%s: exit %d, stderr %q", db, code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("export of a file: URI created %s (stat: %v)", db, err)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "", "export", "--db", empty); code == 0 || !strings.Contains(stderr, "no database at "+empty) {
		t.Errorf("export --db of an empty file: exit %d, stderr %q", code, stderr)
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Errorf("export --db of an empty file wrote it: %v, %v", st, err)
	}
	// A user refused (its password too short) makes no database.
	if code, _, _ := runCmd(t, "short\n", "user", "add", "--db", db, "bob"); code == 0 {
		t.Errorf("user add with a 5-letter password succeeded")
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused user add created %s (stat: %v)", db, err)
	}
	// A dry run into a folder that does not exist fails as the import would.
	nowhere := filepath.Join(t.TempDir(), "no", "such", "x.db")
	if code, _, stderr := runCmd(t, "", "import", "--db", nowhere, "--format", "ndjson", "--dry-run", "-"); code == 0 || !strings.Contains(stderr, "no folder") {
		t.Errorf("dry run into a missing folder: exit %d, stderr %q", code, stderr)
	}
}

func TestProgressQuietWithoutTerminal(t *testing.T) {
	var buf bytes.Buffer
	if p := newProgress(&buf, "import"); p != nil {
		t.Errorf("newProgress on a buffer = %v, want nil", p)
	}
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	defer func() { isTerminal = old }()
	p := newProgress(&buf, "export")
	if p == nil {
		t.Fatal("newProgress on a terminal = nil")
	}
	clock := time.Unix(0, 0)
	p.start, p.now, p.total = clock, func() time.Time { return clock }, 100
	clock = clock.Add(time.Second)
	p.add(50)
	p.finish()
	if got := buf.String(); !strings.Contains(got, "\r") || !strings.Contains(got, "50%") || !strings.HasSuffix(got, "\n") {
		t.Errorf("terminal output = %q, want a redrawn bar ending in a newline", got)
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		label, unit string
		done, total int64
		elapsed     time.Duration
		want        string
	}{
		{"import", "B", 512 << 20, 1 << 30, 10 * time.Second, "import [============            ]  50% 512.0 MiB/1.00 GiB 51.2 MiB/s ETA 10s"},
		{"export", "", 250_000, 1_000_000, 5 * time.Second, "export [======                  ]  25% 250.0k/1.00M 50.0k/s ETA 15s"},
		{"export", "", 1_000_000, 1_000_000, 20 * time.Second, "export [========================] 100% 1.00M/1.00M 50.0k/s in 20s"},
		{"import", "B", 2048, 0, time.Second, "import 2.0 KiB 2.0 KiB/s"},
	}
	for _, tt := range tests {
		if got := render(tt.label, tt.unit, tt.done, tt.total, tt.elapsed, 24); got != tt.want {
			t.Errorf("render(%q, %d/%d, %v) =\n%q, want\n%q", tt.label, tt.done, tt.total, tt.elapsed, got, tt.want)
		}
	}
}

// validateExport checks a JSON export against the exchange schema.
func validateExport(t *testing.T, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := jsonschema.UnmarshalJSON(bytes.NewReader(exchange.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("schema.json", sch); err != nil {
		t.Fatal(err)
	}
	compiled, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if err := compiled.Validate(inst); err != nil {
		t.Errorf("export does not match the exchange schema: %v", err)
	}
}

// TestExportFlags: --excel, the publisher flags and the QuickStatements
// format reach the export, and a bad combination is refused before the
// database is touched.
func TestExportFlags(t *testing.T) {
	src := demoDB(t)
	code, out, stderr := runCmd(t, "", "export", "--db", src, "--format", "csv", "--excel")
	if code != 0 || !strings.HasPrefix(out, "\ufeffid,") || !strings.Contains(out, "\r\n") {
		t.Errorf("export --format csv --excel = %d, starts %q (%s), want a BOM and CRLF", code, out[:min(len(out), 12)], stderr)
	}
	code, out, _ = runCmd(t, "", "export", "--db", src, "--format", "csv")
	if code != 0 || strings.HasPrefix(out, "\ufeff") || strings.Contains(out, "\r\n") {
		t.Errorf("export --format csv = %d, want plain RFC 4180 with LF line ends", code)
	}
	code, out, _ = runCmd(t, "", "export", "--db", src, "--format", "claimreview",
		"--org-name", "Example Newsroom", "--public-url", "https://claims.example.org")
	if code != 0 || !strings.Contains(out, `"url":"https://claims.example.org/claims/`) || !strings.Contains(out, `"name":"Example Newsroom"`) {
		t.Errorf("export --format claimreview with a publisher = %d, lacks url or author", code)
	}
	code, out, _ = runCmd(t, "", "export", "--db", src, "--format", "quickstatements")
	if code != 0 || !strings.HasPrefix(out, "/* claimdesk export, QuickStatements V1") {
		t.Errorf("export --format quickstatements = %d: %.80q", code, out)
	}
	for _, args := range [][]string{
		{"--format", "json", "--excel"},
		{"--format", "claimreview", "--public-url", "claims.example.org"},
		{"--format", "claimreview", "--org-url", "https://example.org"},
	} {
		code, _, stderr := runCmd(t, "", append([]string{"export", "--db", src}, args...)...)
		if code == 0 || stderr == "" {
			t.Errorf("export %v = %d, want a refusal on stderr", args, code)
		}
	}
}

// TestExportHistoryRoundTrip: export --history, import into an empty
// database, export --history again: the same document, history and all.
func TestExportHistoryRoundTrip(t *testing.T) {
	src := demoDB(t)
	code, first, stderr := runCmd(t, "", "export", "--db", src, "--history")
	if code != 0 || !strings.Contains(first, `"history":[`) || !strings.Contains(first, `"action":"create"`) {
		t.Fatalf("export --history exited %d (%s), want a history array of creates", code, stderr)
	}
	validateExport(t, []byte(first))
	file := filepath.Join(t.TempDir(), "all.json")
	if err := os.WriteFile(file, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	code, stdout, stderr := runCmd(t, "", "import", "--db", dst, file)
	var rep exchange.Report
	if err := json.Unmarshal([]byte(stdout), &rep); code != 0 || err != nil || rep.History.Created == 0 || rep.History.Created != rep.History.Read {
		t.Fatalf("import exited %d (%s): %+v", code, stderr, rep)
	}
	_, second, _ := runCmd(t, "", "export", "--db", dst, "--history")
	if a, b := strings.SplitN(first, "\n", 2), strings.SplitN(second, "\n", 2); a[1] != b[1] {
		t.Errorf("export --history after import differs from the export imported")
	}
	if code, _, stderr := runCmd(t, "", "export", "--db", src, "--history", "--format", "csv"); code == 0 || !strings.Contains(stderr, "--history") {
		t.Errorf("export --history --format csv exited %d (%s), want a usage error", code, stderr)
	}
}

// TestImportSetsMemoryLimit requires a direct import to set the Go
// runtime's soft memory limit, the default one or --memory-limit's, and
// GOGC 50, so that the garbage collector keeps a big import's heap near
// what is live, and to leave both alone with --memory-limit 0.
func TestImportSetsMemoryLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	gc := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(gc) })
	file := filepath.Join(t.TempDir(), "out.ndjson")
	if code, _, stderr := runCmd(t, "", "export", "--db", demoDB(t), "--format", "ndjson", "--out", file); code != 0 {
		t.Fatalf("export exited %d: %s", code, stderr)
	}
	for _, c := range []struct {
		flag []string
		want int64
		gc   int // GOGC after the import
	}{
		{nil, 160 << 20, 50},
		{[]string{"--memory-limit", "100"}, 100 << 20, 50},
		{[]string{"--memory-limit", "0"}, math.MaxInt64, 100},
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
		args := append([]string{"import", "--db", filepath.Join(t.TempDir(), "copy.db"), "--log-level", "error"}, c.flag...)
		if code, _, stderr := runCmd(t, "", append(args, file)...); code != 0 {
			t.Fatalf("import %v exited %d: %s", c.flag, code, stderr)
		}
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("after import %v the memory limit is %d bytes, want %d", c.flag, got, c.want)
		}
		if got := debug.SetGCPercent(100); got != c.gc {
			t.Errorf("after import %v GOGC is %d, want %d", c.flag, got, c.gc)
		}
	}
}

// TestImportIntoMissingFolder: an import into a folder that does not
// exist names the folder, not SQLite's "unable to open database file".
func TestImportIntoMissingFolder(t *testing.T) {
	// An import into a folder that does not exist names the folder.
	nowhere := filepath.Join(t.TempDir(), "no", "such", "x.db")
	if code, _, stderr := runCmd(t, "", "import", "--db", nowhere, "--format", "ndjson", "-"); code == 0 || !strings.Contains(stderr, "no folder "+filepath.Dir(nowhere)) {
		t.Errorf("import into a missing folder: exit %d, stderr %q", code, stderr)
	}
}
