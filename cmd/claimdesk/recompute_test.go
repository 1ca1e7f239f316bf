package main

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestRecomputeCommand: on a database whose summaries an older release
// computed, a starting server warns and names the command; claimdesk
// recompute recomputes every topic and records this release's rules,
// after which the server says nothing.
func TestRecomputeCommand(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	s, err := gormstore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var topics string
	if err := raw.QueryRow("SELECT COUNT(*) FROM topics").Scan(&topics); err != nil || topics == "0" {
		t.Fatalf("the demo's topics: %q, %v", topics, err)
	}
	if _, err := raw.Exec("UPDATE summary_rules SET version = 0"); err != nil {
		t.Fatal(err)
	}
	warned := func() string {
		t.Helper()
		var buf bytes.Buffer
		if err := warnStaleSummaries(ctx, slog.New(slog.NewTextHandler(&buf, nil)), s, db); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if got := warned(); !strings.Contains(got, "once every server on this database runs this release, run claimdesk recompute --db "+db) || !strings.Contains(got, "stored_rules_version=0") {
		t.Errorf("a server on an older release's summaries logs %q, want a warning naming claimdesk recompute --db", got)
	}
	var conflicts int
	if _, err := raw.Exec("DELETE FROM topic_conflicts"); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "", "recompute", "--db", db)
	want := "recomputed the summaries of " + topics + " topics under rules version " + strconv.Itoa(xref.RulesVersion)
	if code != 0 || !strings.Contains(stderr, want) {
		t.Fatalf("recompute: exit %d, stderr %q, want %q", code, stderr, want)
	}
	if v, err := s.SummaryRules(ctx); err != nil || v != xref.RulesVersion {
		t.Errorf("after recompute: rules %d (%v), want %d", v, err, xref.RulesVersion)
	}
	if err := raw.QueryRow("SELECT COUNT(*) FROM topic_conflicts").Scan(&conflicts); err != nil || conflicts == 0 {
		t.Errorf("after recompute: %d conflicts (%v), want the demo's again", conflicts, err)
	}
	if got := warned(); got != "" {
		t.Errorf("after recompute a server still logs %q", got)
	}
	// A newer release's summaries: the server warns, the command refuses.
	if _, err := raw.Exec("UPDATE summary_rules SET version = ?", xref.RulesVersion+1); err != nil {
		t.Fatal(err)
	}
	if got := warned(); !strings.Contains(got, "computed by a newer claimdesk") {
		t.Errorf("a server on a newer release's summaries logs %q", got)
	}
	if code, _, stderr := runCmd(t, "", "recompute", "--db", db); code == 0 || !strings.Contains(stderr, "run that release's claimdesk recompute") {
		t.Errorf("recompute of a newer release's summaries: exit %d, stderr %q", code, stderr)
	}
}
