package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

var (
	t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	t1 = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
)

// loadDemo fills s with the demo dataset and one review, so that every
// kind of record is exported.
func loadDemo(t *testing.T, s *gormstore.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Load(ctx, service.New(s, nil)); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	r := &claims.Review{ClaimA: b.Claims[0].ID, ClaimB: b.Claims[1].ID, Status: claims.ReviewDismissed,
		Resolution: "different scopes", Author: "tester"}
	if err := service.New(s, nil).CreateReview(ctx, r); err != nil {
		t.Fatalf("create review: %v", err)
	}
}

func export(t *testing.T, s exchange.Store, f exchange.Format, flt exchange.Filter, now time.Time) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := exchange.Export(context.Background(), s, &buf, f, flt, exchange.ExportOptions{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("export %s: %v", f, err)
	}
	if f == exchange.JSON {
		validateDocument(t, buf.Bytes())
	}
	return buf.Bytes()
}

func importBytes(t *testing.T, s exchange.Store, f exchange.Format, doc []byte, dry bool) (*exchange.Report, error) {
	t.Helper()
	return exchange.Import(context.Background(), s, bytes.NewReader(doc), exchange.ImportOptions{Format: f, DryRun: dry})
}

func TestRoundTrip(t *testing.T) {
	for _, f := range []exchange.Format{exchange.JSON, exchange.NDJSON} {
		t.Run(string(f), func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
				loadDemo(t, src)
				first := export(t, src, f, exchange.Filter{}, t0)
				dst := reopenEmpty(t, src)
				rep, err := importBytes(t, dst, f, first, false)
				if err != nil {
					t.Fatalf("import: %v\nreport: %+v", err, rep)
				}
				counts, err := src.Count(context.Background(), exchange.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(counts, rep.Created); diff != "" {
					t.Errorf("created (-stored +report):\n%s", diff)
				}
				if !rep.Applied || rep.Updated.Total() != 0 || rep.Skipped.Total() != 0 {
					t.Errorf("report = %+v, want everything created and applied", rep)
				}
				second := export(t, dst, f, exchange.Filter{}, t1)
				if diff := cmp.Diff(strings.Split(string(first), "\n")[1:], strings.Split(string(second), "\n")[1:]); diff != "" {
					t.Errorf("second export differs beyond exported_at (-first +second):\n%s", diff)
				}
			})
		})
	}
}

// snapshot lists every record of s as kind/id -> version.
func snapshot(t *testing.T, s exchange.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	doc := export(t, s, exchange.NDJSON, exchange.Filter{}, t0)
	for i, line := range strings.Split(strings.TrimSpace(string(doc)), "\n")[1:] {
		var l struct {
			Type   string
			Record claims.Meta
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		out[l.Type+"/"+l.Record.ID] = l.Record.Version
	}
	return out
}

func TestImportTwiceChangesNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		loadDemo(t, s)
		doc := export(t, s, exchange.JSON, exchange.Filter{}, t0)
		before := export(t, s, exchange.NDJSON, exchange.Filter{}, t0)
		rep, err := importBytes(t, s, exchange.JSON, doc, false)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		counts, _ := s.Count(context.Background(), exchange.Filter{})
		if diff := cmp.Diff(counts, rep.Skipped); diff != "" || rep.Created.Total()+rep.Updated.Total() != 0 {
			t.Errorf("report = %+v, want all skipped (-stored +skipped):\n%s", rep, diff)
		}
		if after := export(t, s, exchange.NDJSON, exchange.Filter{}, t0); !bytes.Equal(before, after) {
			t.Errorf("importing the store's own export changed it")
		}
	})
}

func TestImportNewerVersionUpdates(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		loadDemo(t, s)
		ctx := context.Background()
		b, _ := demo.Bundle()
		id := b.Claims[3].ID
		c, err := s.FindClaim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.Version++
		c.Notes = "revised elsewhere"
		c.UpdatedAt = t1
		older, _ := s.FindClaim(ctx, b.Claims[4].ID)
		older.Notes = "an older copy"
		older.Version = 1 // same as stored: skipped
		var doc bytes.Buffer
		doc.WriteString(`{"type":"header","schema_version":1}` + "\n")
		for _, rec := range []*claims.Claim{c, older} {
			line, _ := json.Marshal(map[string]any{"type": "claim", "record": rec})
			doc.Write(append(line, '\n'))
		}
		rep, err := importBytes(t, s, exchange.NDJSON, doc.Bytes(), false)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if rep.Updated.Claims != 1 || rep.Skipped.Claims != 1 || rep.Created.Total() != 0 {
			t.Errorf("report = %+v, want 1 claim updated and 1 skipped", rep)
		}
		got, _ := s.FindClaim(ctx, id)
		if got.Notes != "revised elsewhere" || got.Version != c.Version || !got.UpdatedAt.Equal(t1) {
			t.Errorf("updated claim = version %d, notes %q, updated_at %v; want version %d, the new notes, %v", got.Version, got.Notes, got.UpdatedAt, c.Version, t1)
		}
		if got, _ := s.FindClaim(ctx, older.ID); got.Notes == "an older copy" {
			t.Errorf("a record of the same version replaced the stored one")
		}
	})
}

// badDemo returns the demo export with three bad records: an analyst
// interval the wrong way round in the middle of the claims, a link to a
// missing claim, and a second copy of a source.
func badDemo(t *testing.T, s *gormstore.Store) []byte {
	t.Helper()
	doc := export(t, s, exchange.JSON, exchange.Filter{}, t0)
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	cl := m["claims"].([]any)
	cl[30].(map[string]any)["analyst_interval"] = map[string]any{"low": 10, "high": 5, "best": nil, "approx": false}
	m["links"].([]any)[0].(map[string]any)["to_id"] = "no-such-claim"
	m["sources"] = append(m["sources"].([]any), m["sources"].([]any)[2])
	out, _ := json.Marshal(m)
	return out
}

func TestImportWithBadRecordsWritesNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		loadDemo(t, src)
		doc := badDemo(t, src)
		dst := reopenEmpty(t, src)
		for _, dry := range []bool{true, false} {
			rep, err := importBytes(t, dst, exchange.JSON, doc, dry)
			if claims.ErrorCode(err) != claims.CodeInvalid {
				t.Fatalf("import (dry run %v) error = %v, want CodeInvalid", dry, err)
			}
			var got []string
			for _, e := range rep.Errors {
				got = append(got, e.Location)
			}
			// json.Marshal writes the members in alphabetical order:
			// claims, links, then sources; the errors come in file order,
			// dangling references (found at the end) included.
			want := []string{"$.claims[30].analyst_interval.low", "$.links[0].to_id", "$.sources[66].id"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("error locations (dry run %v) (-want +got):\n%s\nerrors: %+v", dry, diff, rep.Errors)
			}
			if rep.Applied {
				t.Errorf("report says applied")
			}
			if n := snapshot(t, dst); len(n) != 0 {
				t.Errorf("a failed import (dry run %v) left %d records", dry, len(n))
			}
		}
	})
}

func TestExportTopic(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		loadDemo(t, src)
		doc := export(t, src, exchange.JSON, exchange.Filter{TopicID: "topic-chechens"}, t0)
		var b claims.Bundle
		if err := json.Unmarshal(doc, &b); err != nil {
			t.Fatal(err)
		}
		var topics []string
		for _, tp := range b.Topics {
			topics = append(topics, tp.ID)
		}
		// The topic and its ancestors, by ID.
		if len(topics) < 2 || !slices.Contains(topics, "topic-chechens") || !slices.Contains(topics, "topic-is-fighters") {
			t.Errorf("topics = %v, want topic-chechens and its ancestors", topics)
		}
		for _, c := range b.Claims {
			if c.TopicID != "topic-chechens" {
				t.Errorf("claim %s of topic %s in the export of topic-chechens", c.ID, c.TopicID)
			}
		}
		if len(b.Claims) == 0 {
			t.Fatal("no claims exported")
		}
		// The document stands alone: it imports into an empty database.
		dst := reopenEmpty(t, src)
		if rep, err := importBytes(t, dst, exchange.JSON, doc, false); err != nil {
			t.Fatalf("import the topic's export: %v\n%+v", err, rep.Errors)
		}
		_, err := src.Count(context.Background(), exchange.Filter{TopicID: "no-such-topic"})
		if claims.ErrorCode(err) != claims.CodeNotFound {
			t.Errorf("count of a missing topic: error %v, want CodeNotFound", err)
		}
	})
}

func TestCSVRoundTrip(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		loadDemo(t, src)
		ctx := context.Background()
		// A claim whose text would be a formula in a spreadsheet.
		c, _ := src.FindClaim(ctx, "r1-bortnikov-2013-06")
		c.Notes = "=HYPERLINK(\"x\")"
		c.Scope.Places = []string{"Syria; Iraq", "Iraq"}
		if err := src.UpdateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		csvDoc := export(t, src, exchange.CSV, exchange.Filter{}, t0)
		if !bytes.Contains(csvDoc, []byte(`'=HYPERLINK`)) {
			t.Errorf("a formula-like cell is not guarded")
		}
		// The claims' neighbours come from a JSON export without claims.
		full := export(t, src, exchange.JSON, exchange.Filter{}, t0)
		var m map[string]any
		json.Unmarshal(full, &m)
		m["claims"], m["links"], m["reviews"] = []any{}, []any{}, []any{}
		rest, _ := json.Marshal(m)
		dst := reopenEmpty(t, src)
		if _, err := importBytes(t, dst, exchange.JSON, rest, false); err != nil {
			t.Fatal(err)
		}
		rep, err := importBytes(t, dst, exchange.CSV, csvDoc, false)
		if err != nil {
			t.Fatalf("import CSV: %v\n%+v", err, rep.Errors)
		}
		if rep.Created.Claims != 62 {
			t.Errorf("created %d claims, want 62", rep.Created.Claims)
		}
		var want, got bytes.Buffer
		for _, s := range []struct {
			st  exchange.Store
			out *bytes.Buffer
		}{{src, &want}, {dst, &got}} {
			err := s.st.EachClaim(ctx, exchange.Filter{}, func(c *claims.Claim) error {
				b, _ := json.Marshal(c)
				s.out.Write(append(b, '\n'))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(strings.Split(want.String(), "\n"), strings.Split(got.String(), "\n")); diff != "" {
			t.Errorf("claims after a CSV round trip (-before +after):\n%s", diff)
		}
	})
}

func TestInterchangeDialects(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		loadDemo(t, s)
		var cr struct {
			Context string           `json:"@context"`
			Graph   []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal(export(t, s, exchange.ClaimReview, exchange.Filter{}, t0), &cr); err != nil {
			t.Fatalf("ClaimReview export is not JSON: %v", err)
		}
		graded := 0
		s.EachClaim(context.Background(), exchange.Filter{}, func(c *claims.Claim) error {
			if c.Grade != claims.GradeUngraded {
				graded++
			}
			return nil
		})
		if len(cr.Graph) < graded || len(cr.Graph) == 0 {
			t.Errorf("ClaimReview has %d reviews, want at least the %d graded claims", len(cr.Graph), graded)
		}
		for _, r := range cr.Graph {
			rating := r["reviewRating"].(map[string]any)
			item := r["itemReviewed"].(map[string]any)
			if r["@type"] != "ClaimReview" || rating["alternateName"] == "" || item["author"].(map[string]any)["name"] == nil {
				t.Errorf("ClaimReview lacks its type, grade or claimant: %v", r)
			}
		}
		var wd struct {
			Statements []struct {
				ID       string
				MainSnak struct {
					SnakType  string `json:"snaktype"`
					DataValue struct {
						Value struct{ Amount, LowerBound, UpperBound, Unit string }
					} `json:"datavalue"`
				} `json:"mainsnak"`
				Rank string
			}
		}
		if err := json.Unmarshal(export(t, s, exchange.Wikidata, exchange.Filter{}, t0), &wd); err != nil {
			t.Fatalf("Wikidata export is not JSON: %v", err)
		}
		if len(wd.Statements) != 62 {
			t.Errorf("%d statements, want 62", len(wd.Statements))
		}
		for _, st := range wd.Statements {
			if st.ID == "r4-bogdanov-2014" {
				v := st.MainSnak.DataValue.Value
				if st.MainSnak.SnakType != "value" || !strings.HasPrefix(v.Amount, "+") || v.LowerBound == "" || v.Unit != "people" {
					t.Errorf("Bogdanov's 'a few dozen' = %+v", st.MainSnak)
				}
			}
		}
	})
}

// A file refused as a whole (here: no schema_version) that also holds bad
// records fails with the file-wide error's code, and its message counts
// every error and names the first in the file's order, not the file-wide
// error alone; the report lists them all.
func TestImportRefusedFileCountsEveryError(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		loadDemo(t, src)
		var m map[string]any
		if err := json.Unmarshal(badDemo(t, src), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "schema_version")
		doc, _ := json.Marshal(m)
		dst := reopenEmpty(t, src)
		rep, err := importBytes(t, dst, exchange.JSON, doc, true)
		if claims.ErrorCode(err) != claims.CodeMalformed {
			t.Fatalf("import error = %v, want CodeMalformed", err)
		}
		msg := claims.ErrorMessage(err)
		// Once the file is refused as a whole, its links are not checked
		// against its claims: badDemo's dangling link is not among them.
		if want := "the file has 3 errors, so nothing was written; the first: $.claims[30].analyst_interval.low"; !strings.HasPrefix(msg, want) {
			t.Errorf("message = %q, want it to start %q", msg, want)
		}
		var got []string
		for _, e := range rep.Errors {
			got = append(got, e.Location)
		}
		want := []string{"$.claims[30].analyst_interval.low", "$.sources[66].id", "$.schema_version"}
		if diff := cmp.Diff(want, got); diff != "" || rep.ErrorCount != 3 {
			t.Errorf("report errors (count %d) (-want +got):\n%s", rep.ErrorCount, diff)
		}

		// Alone, the file-wide error is the message, as it was.
		m = map[string]any{"topics": []any{}}
		doc, _ = json.Marshal(m)
		_, err = importBytes(t, dst, exchange.JSON, doc, true)
		if got, want := claims.ErrorMessage(err), "$.schema_version: is missing"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})
}
