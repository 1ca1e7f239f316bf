package exchange_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
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
	if _, err := demo.Load(ctx, s); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	r := &claims.Review{ClaimA: b.Claims[0].ID, ClaimB: b.Claims[1].ID, Status: claims.ReviewDismissed,
		Resolution: "different scopes", Author: "tester"}
	if err := s.CreateReview(ctx, r); err != nil {
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
