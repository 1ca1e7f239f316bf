package gormstore_test

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// spillDrops returns the reasons of the "spill dropped" lines in the
// JSON log logged.
func spillDrops(t *testing.T, logged string) []string {
	t.Helper()
	var reasons []string
	sc := bufio.NewScanner(strings.NewReader(logged))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if msg, _ := line["msg"].(string); strings.Contains(msg, "spill dropped") {
			if !strings.Contains(msg, "database") {
				t.Errorf("log line %q does not say the summaries read from the database", sc.Text())
			}
			r, _ := line["reason"].(string)
			reasons = append(reasons, r)
		}
	}
	return reasons
}

// TestBulkImportLogsWhyItDropsTheSpill imports into a store with a JSON
// logger: an import of new claims logs no dropped spill, one that
// updates a claim logs one line saying so, and one whose temporary
// directory does not exist logs that the spill cannot be created.
func TestBulkImportLogsWhyItDropsTheSpill(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		var logged lockedBuffer
		log := slog.New(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
		s := storetest.Open(t, dsn, gormstore.WithLogger(log))
		claim := func(version int, text string) *claims.Claim {
			return &claims.Claim{Meta: claims.Meta{ID: "c-1", Version: version}, TopicID: "t", ClaimantID: "k0", QuantityText: text,
				SaidOn: "2015-01-02", Provenance: claims.Provenance{SourceID: "s0"}}
		}
		importDoc(t, s, "topic", &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Fighters", Additive: true},
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source", Kind: claims.SourceNews},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k0"}, Name: "Claimant"},
			"claim", claim(1, "about 800"))
		if got := spillDrops(t, logged.String()); len(got) != 0 {
			t.Fatalf("an import of new claims dropped its spill: %q", got)
		}

		from := len(logged.String())
		importDoc(t, s, "claim", claim(2, "a few dozen"))
		if got := spillDrops(t, logged.String()[from:]); len(got) != 1 || !strings.Contains(got[0], "updates a claim") {
			t.Fatalf("spill drops logged by an import that updates a claim: %q, want one about the update", got)
		}

		from = len(logged.String())
		t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
		t.Setenv("TMP", filepath.Join(t.TempDir(), "missing"))
		importDoc(t, s, "claim", &claims.Claim{Meta: claims.Meta{ID: "c-2"}, TopicID: "t", ClaimantID: "k0",
			QuantityText: "2,400", SaidOn: "2015-01-03", Provenance: claims.Provenance{SourceID: "s0"}})
		if got := spillDrops(t, logged.String()[from:]); len(got) != 1 || !strings.Contains(got[0], "cannot be created") {
			t.Fatalf("spill drops logged by an import without a temporary directory: %q, want one saying it cannot be created", got)
		}
	})
}

// TestBulkImportLeavesNoSpillFileBehind imports new claims with the
// temporary directory set to an empty one and requires that the import
// read topics from its spill, that no claimdesk-import-*.spill name is in
// the directory while the recompute reads the spill (on Unix, where the
// name is removed as soon as the file is created, so that a killed
// import leaves nothing), and that none is there after the import.
func TestBulkImportLeavesNoSpillFileBehind(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		dir := t.TempDir()
		t.Setenv("TMPDIR", dir)
		t.Setenv("TMP", dir)
		spillNames := func() []string {
			names, err := filepath.Glob(filepath.Join(dir, "claimdesk-import-*.spill"))
			must(t, "glob the temporary directory", err)
			return names
		}
		var reads int
		var during []string
		t.Cleanup(gormstore.OnSpillRead(func([]string) {
			reads++
			during = append(during, spillNames()...)
		}))
		importDoc(t, s, "topic", &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Fighters", Additive: true},
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source", Kind: claims.SourceNews},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k0"}, Name: "Claimant"},
			"claim", &claims.Claim{Meta: claims.Meta{ID: "c-1"}, TopicID: "t", ClaimantID: "k0", QuantityText: "about 800",
				SaidOn: "2015-01-02", Provenance: claims.Provenance{SourceID: "s0"}})
		if reads == 0 {
			t.Fatal("the import read no topic from its spill")
		}
		if runtime.GOOS != "windows" && len(during) > 0 {
			t.Errorf("spill names in the temporary directory while the import read its spill: %v", during)
		}
		if left := spillNames(); len(left) > 0 {
			t.Errorf("spill names left in the temporary directory after the import: %v", left)
		}
	})
}
