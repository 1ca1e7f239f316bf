package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// runCmd runs the command line in args and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// decodeLines decodes JSON Lines into generic values, so golden files are
// compared by value, not by bytes.
func decodeLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", sc.Text(), err)
		}
		out = append(out, v)
	}
	return out
}

// golden compares got (JSON Lines) with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(decodeLines(t, string(want)), decodeLines(t, got)); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}

func TestParseStdinGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/phrases.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, string(in), "parse")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := decodeLines(t, out)
	if n := strings.Count(string(in), "\n"); len(lines) != n {
		t.Fatalf("got %d lines for %d input lines: a bad line must not end the stream", len(lines), n)
	}
	golden(t, "phrases.golden.jsonl", out)
}

func TestParseArgs(t *testing.T) {
	code, out, _ := runCmd(t, "", "parse", "a few dozen", "about 800", "no number here")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := decodeLines(t, out)
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(lines), out)
	}
	few, about, none := lines[0], lines[1], lines[2]
	if few["low"] != 24.0 || few["high"] != 60.0 {
		t.Errorf("a few dozen = %v..%v, want 24..60", few["low"], few["high"])
	}
	if about["low"] != 720.0 || about["high"] != 880.0 || about["kind"] != "approximate" {
		t.Errorf("about 800 = %v..%v (%v), want 720..880 approximate", about["low"], about["high"], about["kind"])
	}
	if none["text"] != "no number here" || none["error"] == nil || none["low"] != nil {
		t.Errorf("text without a quantity gave %v, want {text, error}", none)
	}
}

func TestExtractGolden(t *testing.T) {
	code, out, errOut := runCmd(t, "", "extract", "testdata/article.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, l := range decodeLines(t, out) {
		if strings.Contains(l["text"].(string), "2014") || strings.Contains(l["text"].(string), "2011") {
			t.Errorf("extract took a year for a quantity: %v", l)
		}
	}
	golden(t, "article.golden.jsonl", out)
}

// TestExtractRefusals checks that a figure extract cannot read right (a
// source's typo) is a line of its own with its span, sentence and reason,
// in order among the candidates, not left out silently.
func TestExtractRefusals(t *testing.T) {
	in := "Police counted 12,000 people.\nThe organisers counted 150,00 people in the square. Later 900 left.\n"
	code, out, errOut := runCmd(t, in, "extract")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := decodeLines(t, out)
	var got []string
	for _, l := range lines {
		got = append(got, l["text"].(string))
	}
	if strings.Join(got, "|") != "12,000 people|150,00 people|900" {
		t.Fatalf("lines %q, want 12,000 people, the refusal 150,00 people, then 900", got)
	}
	r := lines[1]
	reason, _ := r["error"].(string)
	s, _ := r["sentence"].(map[string]any)
	if !strings.Contains(reason, "a typo in the source") || r["low"] != nil || r["kind"] != nil {
		t.Errorf("refusal line %v: want an error giving the reason and no reading", r)
	}
	if start, end := int(r["start"].(float64)), int(r["end"].(float64)); in[start:end] != "150,00 people" {
		t.Errorf("refusal span %d-%d is %q", start, end, in[start:end])
	}
	if s == nil || s["text"] != "The organisers counted 150,00 people in the square." || s["start"] != 23.0 || s["end"] != 36.0 || s["offset"] != 30.0 {
		t.Errorf("refusal sentence %v", s)
	}
	if lines[0]["error"] != nil || lines[2]["error"] != nil {
		t.Errorf("candidates carry an error: %v", lines)
	}
}

func TestCalibrationFileErrors(t *testing.T) {
	code, _, errOut := runCmd(t, "", "parse", "--calibration", filepath.Join(t.TempDir(), "missing.json"), "a few")
	if code != 1 || !strings.Contains(errOut, "calibration") {
		t.Errorf("missing calibration file: exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"parse", "--no-such-flag"}, 2, "no-such-flag"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "--log-level", "loud", "--db", "x.db"}, 2, `invalid value "loud" for flag -log-level: use debug, info, warn or error`},
		{[]string{"serve", "--log-format", "xml", "--db", "x.db"}, 2, `invalid value "xml" for flag -log-format: use text or json`},
	}
	for _, tt := range tests {
		code, _, errOut := runCmd(t, "", tt.args...)
		if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
			t.Errorf("claimdesk %v: exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, errOut, tt.wantCode, tt.wantErr)
		}
	}
	code, out, _ := runCmd(t, "", "help")
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "parse") {
		t.Errorf("help: exit %d, output %q", code, out)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"claimdesk.db", "claimdesk.db"},
		{"postgres://analyst:s3cret@db:5432/claims", "postgres://analyst:***@db:5432/claims"},
		{"postgres://analyst@db/claims", "postgres://analyst@db/claims"},
		{"postgres://analyst@db/claims?password=s3cret&sslmode=disable", "postgres://analyst@db/claims?password=***&sslmode=disable"},
		{"host=db user=analyst password='s3 cret' dbname=claims", "host=db user=analyst password=*** dbname=claims"},
		{"postgresql://a:p%40ss@db/claims", "postgresql://a:***@db/claims"},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	ch  chan string
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.buf.Write(p)
	select {
	case b.ch <- string(p):
	default:
	}
	return len(p), nil
}

// TestServeDemo starts the real server on a free port with the demo data,
// asks it for the founding example and shuts it down as SIGINT would.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claimdesk.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &syncBuffer{ch: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--demo", "--log-level", "warn"}, strings.NewReader(""), stdout, io.Discard)
	}()
	var line string
	select {
	case line = <-stdout.ch:
	case code := <-done:
		t.Fatalf("serve exited %d before listening", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not print its start line")
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("start line %q has no URL", line)
	}
	base := strings.Fields(line[i:])[0]

	resp, err := http.Get(base + "/api/v1/claims/r4-bogdanov-2014")
	if err != nil {
		t.Fatal(err)
	}
	var claim struct {
		QuantityText string `json:"quantity_text"`
		Interval     struct{ Low, High float64 }
	}
	err = json.NewDecoder(resp.Body).Decode(&claim)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the founding claim: status %d, %v", resp.StatusCode, err)
	}
	if claim.QuantityText != "a few dozen" || claim.Interval.Low != 24 || claim.Interval.High != 60 {
		t.Errorf("founding claim = %+v, want a few dozen read as 24..60", claim)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}

	// A second start with --demo serves the data already there.
	ctx2, cancel2 := context.WithCancel(context.Background())
	stdout2 := &syncBuffer{ch: make(chan string, 1)}
	go func() {
		done <- run(ctx2, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--demo", "--log-level", "warn"}, strings.NewReader(""), stdout2, io.Discard)
	}()
	select {
	case <-stdout2.ch:
	case code := <-done:
		t.Fatalf("second start with --demo exited %d", code)
	case <-time.After(60 * time.Second):
		t.Fatal("second start did not listen")
	}
	cancel2()
	if code := <-done; code != 0 {
		t.Errorf("second serve exited %d", code)
	}
}

// TestReparseCommand loads the demo with a calibration that narrows "a
// few", then re-reads it with the built-in lexicon.
func TestReparseCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "claimdesk.db")
	cal := filepath.Join(dir, "calibration.json")
	if err := os.WriteFile(cal, []byte(`{"vague": {"few": {"low": 2, "high": 3, "why": "our house reading"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{ch: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--demo", "--calibration", cal, "--log-level", "warn"}, strings.NewReader(""), stdout, io.Discard)
	}()
	select {
	case <-stdout.ch:
	case code := <-done:
		t.Fatalf("serve exited %d", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	cancel()
	<-done

	code, out, errOut := runCmd(t, "", "reparse", "--db", db, "--dry-run")
	if code != 0 {
		t.Fatalf("reparse --dry-run: exit %d: %s", code, errOut)
	}
	var bogdanov map[string]any
	for _, m := range decodeLines(t, out) {
		if m["claim_id"] == "r4-bogdanov-2014" {
			bogdanov = m
		}
	}
	if bogdanov == nil {
		t.Fatalf("the founding claim did not move from 2-3 dozen to 2-5 dozen:\n%s", out)
	}
	if after := bogdanov["after"].(map[string]any); after["high"] != 60.0 {
		t.Errorf("a few dozen re-read as %v, want high 60", after)
	}
	if !strings.Contains(errOut, "would update") {
		t.Errorf("dry run summary %q", errOut)
	}

	if code, _, errOut = runCmd(t, "", "reparse", "--db", db); code != 0 {
		t.Fatalf("reparse: exit %d: %s", code, errOut)
	}
	code, out, _ = runCmd(t, "", "reparse", "--db", db, "--dry-run")
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("after reparse, a dry run still moves claims:\n%s", out)
	}
}

func TestParseRoundFigures(t *testing.T) {
	_, plain, _ := runCmd(t, "", "parse", "4,000")
	_, round, _ := runCmd(t, "", "parse", "--round-figures", "4,000")
	p, r := decodeLines(t, plain)[0], decodeLines(t, round)[0]
	if p["low"] != 4000.0 || p["high"] != 4000.0 {
		t.Errorf("4,000 without the option = %v..%v, want exactly 4000", p["low"], p["high"])
	}
	if r["low"] != 3500.0 || r["high"] != 4500.0 {
		t.Errorf("4,000 with --round-figures = %v..%v, want 3500..4500", r["low"], r["high"])
	}
}

// TestParseStdinMatchesArgs reads the quantity corpus through standard
// input, where lines are parsed in batches on every core and encoded
// without reflection, and as arguments, encoded by encoding/json: the
// lines must be the same, in the same order.
func TestParseStdinMatchesArgs(t *testing.T) {
	b, err := os.ReadFile("../../claims/quantity/testdata/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, line := range strings.Split(string(b), "\n") {
		if cols := strings.Split(line, "\t"); len(cols) == 6 && !strings.HasPrefix(line, "#") {
			texts = append(texts, cols[3])
		}
	}
	// Three times over, so that several batches are in flight at once.
	var in []string
	for range 3 {
		in = append(in, texts...)
	}
	code, viaStdin, errOut := runCmd(t, strings.Join(in, "\n")+"\n", "parse")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, viaArgs, errOut := runCmd(t, "", append([]string{"parse"}, in...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if len(texts) < 600 || viaStdin != viaArgs {
		t.Fatalf("%d texts: standard input and arguments print different lines", len(texts))
	}
}

// BenchmarkParseCommand runs claimdesk parse over the quantity corpus,
// 100 times over, from standard input to nowhere, and reports lines a
// second.
func BenchmarkParseCommand(b *testing.B) {
	raw, err := os.ReadFile("../../claims/quantity/testdata/corpus.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	lines := 0
	for range 100 {
		for _, line := range strings.Split(string(raw), "\n") {
			if cols := strings.Split(line, "\t"); len(cols) == 6 && !strings.HasPrefix(line, "#") {
				sb.WriteString(cols[3])
				sb.WriteByte('\n')
				lines++
			}
		}
	}
	input := sb.String()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		if code := run(context.Background(), []string{"parse"}, strings.NewReader(input), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestServeRefusesBadReadSlots: a CLAIMDESK_READ_SLOTS that is no number
// stops serve with an error naming the variable, instead of serving with
// the default as if it were unset.
// TestServeRefusesNoExports: --max-exports below 1 would leave no export
// possible (or, read as the default, not what was asked): a usage error.
func TestServeRefusesNoExports(t *testing.T) {
	for _, n := range []string{"0", "-1"} {
		code, _, stderr := runCmd(t, "", "serve", "--db", filepath.Join(t.TempDir(), "c.db"), "--addr", "127.0.0.1:0", "--max-exports", n)
		if code != 2 || !strings.Contains(stderr, "--max-exports "+n+": want at least 1") {
			t.Errorf("serve --max-exports %s exited %d: %s; want 2 and the flag named", n, code, stderr)
		}
	}
}

func TestServeRefusesBadReadSlots(t *testing.T) {
	t.Setenv("CLAIMDESK_READ_SLOTS", "four")
	code, _, stderr := runCmd(t, "", "serve", "--db", filepath.Join(t.TempDir(), "c.db"), "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, `CLAIMDESK_READ_SLOTS="four": want a whole number`) {
		t.Errorf("serve with CLAIMDESK_READ_SLOTS=four exited %d: %s; want 1 and the variable named", code, stderr)
	}
}
