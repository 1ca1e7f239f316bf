package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestExtractPipeline runs extract on two files of news text, far more
// candidates than one batch of the encoder: its output is, byte for byte,
// what encoding/json writes for the extractor's candidates of each file
// in turn, whatever goroutine encodes them.
func TestExtractPipeline(t *testing.T) {
	raw, err := os.ReadFile("../../claims/article/testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Passages []struct{ Text string } }
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range c.Passages {
		texts = append(texts, p.Text)
	}
	dir := t.TempDir()
	files := map[string]string{
		filepath.Join(dir, "a.txt"): strings.Repeat(strings.Join(texts, "\n")+"\n", 3),
		filepath.Join(dir, "b.txt"): strings.Join(texts[len(texts)/2:], "\n\n"),
	}
	names := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	x := article.New(nil, nil)
	n := 0
	for _, name := range names {
		if err := os.WriteFile(name, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, c := range x.Extract(files[name]) {
			if err := enc.Encode(candidate{File: name, Candidate: &c}); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if n < 3*batchSize {
		t.Fatalf("only %d candidates: the test needs several batches", n)
	}
	code, out, errOut := runCmd(t, "", append([]string{"extract"}, names...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != want.String() {
		g, w := strings.Split(out, "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(g), len(w))
	}

	// A writer that fails stops the command with its error.
	var errBuf bytes.Buffer
	code = run(context.Background(), []string{"extract", names[0]}, strings.NewReader(""), failWriter{}, &errBuf)
	if code == 0 || !strings.Contains(errBuf.String(), "disk full") {
		t.Errorf("failing output: exit %d, stderr %q; want an error naming it", code, errBuf.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestExtractSetsGCPercent requires extract to run the collector at
// extractGCPercent, and to leave the environment's GOGC alone.
func TestExtractSetsGCPercent(t *testing.T) {
	gc := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(gc) })
	for _, c := range []struct {
		env  string
		want int
	}{{"", 400}, {"100", 100}} {
		t.Setenv("GOGC", c.env)
		debug.SetGCPercent(100)
		if code, _, stderr := runCmd(t, "Russia has 800 fighters.", "extract"); code != 0 {
			t.Fatalf("extract exited %d: %s", code, stderr)
		}
		if got := debug.SetGCPercent(100); got != c.want {
			t.Errorf("with GOGC=%q extract ran the collector at %d, want %d", c.env, got, c.want)
		}
	}
}
