package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

func exportHistory(t *testing.T, s exchange.Store, f exchange.Format, flt exchange.Filter) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := exchange.Export(context.Background(), s, &buf, f, flt, exchange.ExportOptions{Now: func() time.Time { return t0 }, History: true})
	if err != nil {
		t.Fatalf("export %s with history: %v", f, err)
	}
	if f == exchange.JSON {
		validateDocument(t, buf.Bytes())
	}
	return buf.Bytes()
}

// edit gives the demo a history worth keeping: edits by two people with
// reasons, a restore, a deleted source in the trash and a cascading delete.
func edit(t *testing.T, s *gormstore.Store) (claimID string) {
	t.Helper()
	ctx := context.Background()
	bob := claims.WithActor(ctx, claims.Actor{Name: "bob", Role: claims.RoleAnalyst})
	cat := claims.WithActor(ctx, claims.Actor{Name: "cat", Role: claims.RoleAdmin})
	page, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: 2}})
	if err != nil || len(page.Items) < 2 {
		t.Fatalf("list claims: %v", err)
	}
	c := page.Items[0]
	c.Notes = "Kommersant corrected the figure"
	must(t, "update", s.UpdateClaim(claims.WithReason(bob, "the outlet corrected it"), c))
	c.Notes = "Исправлено: см. поправку"
	must(t, "update", s.UpdateClaim(claims.WithReason(cat, "по-русски"), c))
	if _, err := service.New(s, nil).Restore(claims.WithReason(bob, "back to the original"), "claim", c.ID, 1); err != nil {
		t.Fatalf("restore: %v", err)
	}
	src := &claims.Source{Meta: claims.Meta{ID: "s-dup"}, Name: "TASS (duplicate)"}
	must(t, "create source", s.CreateSource(bob, src))
	must(t, "delete source", s.DeleteSource(claims.WithReason(cat, "a duplicate of TASS"), "s-dup", 0))
	must(t, "cascade", s.DeleteClaimCascade(claims.WithReason(bob, "entered twice"), page.Items[1].ID, 0))
	return c.ID
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// allHistory reads every line of s's history through the store's own
// History and Trash, not through the export.
func allHistory(t *testing.T, s *gormstore.Store, ids map[string][]string) (map[string][]claims.Change, []claims.Change) {
	t.Helper()
	ctx := context.Background()
	out := map[string][]claims.Change{}
	for kind, list := range ids {
		for _, id := range list {
			h, err := s.History(ctx, kind, id)
			if err != nil {
				t.Fatalf("history of %s %s: %v", kind, id, err)
			}
			out[kind+"/"+id] = h
		}
	}
	trash, err := s.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out, trash
}

// TestHistoryRoundTrip exports a database with its history, imports it
// into an empty one and finds the same history line for line (who, when,
// why, before and after), the same trash, and the same document exported
// again; a second import skips every line.
func TestHistoryRoundTrip(t *testing.T) {
	for _, f := range []exchange.Format{exchange.JSON, exchange.NDJSON} {
		t.Run(string(f), func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
				ctx := context.Background()
				loadDemo(t, src)
				edited := edit(t, src)
				doc := exportHistory(t, src, f, exchange.Filter{})
				if !strings.Contains(string(doc), "по-русски") || !strings.Contains(string(doc), "a duplicate of TASS") {
					t.Fatalf("the export lacks the reasons of the history")
				}
				// Every record and every deleted one, by kind.
				ids := map[string][]string{"source": {"s-dup"}}
				for _, line := range strings.Split(strings.TrimSpace(string(exportHistory(t, src, exchange.NDJSON, exchange.Filter{}))), "\n")[1:] {
					var l struct {
						Type   string
						Record struct {
							Kind     string
							RecordID string `json:"record_id"`
						}
					}
					if err := json.Unmarshal([]byte(line), &l); err != nil {
						t.Fatal(err)
					}
					if l.Type == "change" {
						ids[l.Record.Kind] = append(ids[l.Record.Kind], l.Record.RecordID)
					}
				}
				wantLines, wantTrash := allHistory(t, src, ids)
				if n := len(wantLines["claim/"+edited]); n != 4 || len(wantTrash) < 2 {
					t.Fatalf("the edited claim has %d lines and the trash %d, want 4 and at least 2", n, len(wantTrash))
				}

				dst := reopenEmpty(t, src)
				rep, err := importBytes(t, dst, f, doc, false)
				if err != nil || !rep.Applied {
					t.Fatalf("import: %v\nreport: %+v", err, rep)
				}
				if rep.History.Read == 0 || rep.History.Created != rep.History.Read || rep.History.Skipped != 0 {
					t.Errorf("history report = %+v, want every line created", rep.History)
				}
				gotLines, gotTrash := allHistory(t, dst, ids)
				if diff := cmp.Diff(wantLines, gotLines); diff != "" {
					t.Errorf("history after the round trip (-exported +imported):\n%s", diff)
				}
				if diff := cmp.Diff(wantTrash, gotTrash); diff != "" {
					t.Errorf("trash after the round trip (-exported +imported):\n%s", diff)
				}
				if again := exportHistory(t, dst, f, exchange.Filter{}); !bytes.Equal(doc, again) {
					t.Errorf("the imported database exports another document")
				}
				// The trash works in the copy: the deleted source comes back
				// with its next version, and its ID stays taken meanwhile.
				if err := dst.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "s-dup"}, Name: "x"}); claims.ErrorCode(err) != claims.CodeConflict {
					t.Errorf("re-creating a deleted source in the copy: %v, want conflict", err)
				}
				line, err := service.New(dst, nil).Undelete(ctx, "source", "s-dup")
				if err != nil || line.Version != 3 {
					t.Errorf("undelete in the copy = %+v, %v; want version 3", line, err)
				}

				rep, err = importBytes(t, dst, f, doc, false)
				if err != nil || rep.History.Created != 0 || rep.History.Skipped != rep.History.Read {
					t.Errorf("a second import = %+v, %v; want every line skipped", rep.History, err)
				}
			})
		})
	}
}

// TestHistoryImportIsAtomic: one bad line of history in a file writes
// nothing, neither records nor history, and names the line's field.
func TestHistoryImportIsAtomic(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		loadDemo(t, src)
		edit(t, src)
		doc := exportHistory(t, src, exchange.JSON, exchange.Filter{})
		var d map[string]any
		must(t, "decode", json.Unmarshal(doc, &d))
		h := d["history"].([]any)
		h[len(h)/2].(map[string]any)["version"] = 0
		bad, _ := json.Marshal(d)
		dst := reopenEmpty(t, src)
		rep, err := importBytes(t, dst, exchange.JSON, bad, false)
		if claims.ErrorCode(err) != claims.CodeInvalid || rep.Applied || len(rep.Errors) != 1 ||
			rep.Errors[0].Field != "version" || !strings.HasPrefix(rep.Errors[0].Location, "$.history[") {
			t.Fatalf("import of a bad line = %v, %+v; want one error at $.history[…].version", err, rep)
		}
		if n := len(snapshot(t, dst)); n != 0 {
			t.Errorf("the failed import wrote %d records", n)
		}
		var out bytes.Buffer
		must(t, "export", exchange.Export(context.Background(), dst, &out, exchange.NDJSON, exchange.Filter{}, exchange.ExportOptions{History: true}))
		if strings.Contains(out.String(), `"type":"change"`) {
			t.Errorf("the failed import wrote history:\n%s", out.String())
		}
		// Repeated lines are refused too.
		must(t, "decode", json.Unmarshal(doc, &d))
		h = d["history"].([]any)
		d["history"] = append(h, h[0])
		twice, _ := json.Marshal(d)
		if rep, err := importBytes(t, reopenEmpty(t, src), exchange.JSON, twice, false); err == nil || rep.Applied {
			t.Errorf("a repeated line of history was accepted: %+v", rep)
		}
	})
}

// TestHistoryExportOfATopic holds the lines of the topic's records only.
func TestHistoryExportOfATopic(t *testing.T) {
	s := storetest.SQLite(t)
	loadDemo(t, s)
	edited := edit(t, s)
	c, err := s.FindClaim(context.Background(), edited)
	if err != nil {
		t.Fatal(err)
	}
	doc := exportHistory(t, s, exchange.NDJSON, exchange.Filter{TopicID: c.TopicID})
	records := map[string]bool{}
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(string(doc)), "\n")[1:] {
		var l struct {
			Type   string
			Record struct {
				ID       string
				Kind     string
				RecordID string `json:"record_id"`
			}
		}
		must(t, "decode", json.Unmarshal([]byte(line), &l))
		if l.Type == "change" {
			lines = append(lines, l.Record.Kind+"/"+l.Record.RecordID)
		} else {
			records[l.Type+"/"+l.Record.ID] = true
		}
	}
	if len(lines) == 0 {
		t.Fatal("no history in the topic's export")
	}
	for _, l := range lines {
		if !records[l] {
			t.Errorf("a line of %s, which the topic's export does not hold", l)
		}
	}
	if !strings.Contains(string(doc), "the outlet corrected it") {
		t.Error("the edited claim's history is missing")
	}
	if err := exchange.Export(context.Background(), s, &bytes.Buffer{}, exchange.CSV, exchange.Filter{}, exchange.ExportOptions{History: true}); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("CSV with history: %v, want invalid", err)
	}
}
