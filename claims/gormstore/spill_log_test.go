package gormstore_test

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"path/filepath"
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
