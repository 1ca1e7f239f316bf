package gormstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// benchNDJSON returns an NDJSON document of n plausible claims over a few
// topics, sources and claimants.
func benchNDJSON(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprintf(&b, "{\"type\":\"header\",\"schema_version\":%d,\"exported_at\":%q}\n", claims.BundleSchemaVersion, now.Format(time.RFC3339))
	line := func(kind string, rec any) {
		j, err := json.Marshal(rec)
		if err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&b, "{\"type\":%q,\"record\":%s}\n", kind, j)
	}
	for i := range 10 {
		line("topic", &claims.Topic{Meta: claims.Meta{ID: fmt.Sprintf("t-%d", i)}, Title: fmt.Sprintf("Topic %d", i), Measure: "people"})
	}
	for i := range 20 {
		line("source", &claims.Source{Meta: claims.Meta{ID: fmt.Sprintf("s-%d", i)}, Name: fmt.Sprintf("Outlet %d", i), Kind: claims.SourceNews})
		line("claimant", &claims.Claimant{Meta: claims.Meta{ID: fmt.Sprintf("k-%d", i)}, Name: fmt.Sprintf("Official %d", i), Kind: claims.ClaimantPerson})
	}
	texts := []string{"about 800", "a few dozen", "between 2,000 and 3,000", "more than 500", "several hundred"}
	for i := range n {
		c := &claims.Claim{
			Meta: claims.Meta{ID: fmt.Sprintf("c-%07d", i)}, TopicID: fmt.Sprintf("t-%d", i%10), ClaimantID: fmt.Sprintf("k-%d", i%20),
			Quote:        fmt.Sprintf("Officials said %s Russian nationals had travelled to Syria, according to the ministry (%d).", texts[i%5], i),
			QuantityText: texts[i%5], Language: "en", Unit: "people",
			Scope:        claims.Scope{Places: []string{"Syria", "Iraq"}[:1+i%2], Population: "Russian nationals", Group: "Islamic State", Measure: claims.Current},
			Provenance:   claims.Provenance{SourceID: fmt.Sprintf("s-%d", i%20), URL: fmt.Sprintf("https://news.example.org/a/%d", i)},
			SaidOn:       claims.Date(fmt.Sprintf("%04d-%02d-%02d", 2012+i%5, 1+i%12, 1+i%28)),
			EvidenceType: claims.EvidenceTypes[i%len(claims.EvidenceTypes)], Grade: claims.Grades[i%len(claims.Grades)],
			Tags: []string{"a", "b"}[:i%3%2+1],
		}
		if i%5 == 0 {
			c.Provenance.Relays = []claims.Relay{{SourceID: fmt.Sprintf("s-%d", (i+1)%20), URL: "https://relay.example.org/x"}}
		}
		line("claim", c)
	}
	return b.Bytes()
}

// benchImported returns a SQLite store holding n claims imported in bulk.
func benchImported(b *testing.B, n int) *gormstore.Store {
	b.Helper()
	s := storetest.SQLite(b)
	if _, err := exchange.Import(context.Background(), s, bytes.NewReader(benchNDJSON(b, n)), exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkExportClaims compares the NDJSON export of 20,000 claims through
// the store's raw path (EachRawClaim and AppendClaimJSON) with the
// reference path (EachClaim and encoding/json), and the CSV export.
// raw/read reads the raw claims without writing them: raw/ndjson less
// raw/read is what AppendClaimJSON and the writer cost.
func BenchmarkExportClaims(b *testing.B) {
	const n = 20000
	s := benchImported(b, n)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		store  exchange.Store
		format exchange.Format
	}{{"raw/ndjson", s, exchange.NDJSON}, {"reference/ndjson", slowStore{s}, exchange.NDJSON}, {"csv", s, exchange.CSV}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := exchange.Export(ctx, c.store, io.Discard, c.format, exchange.Filter{}, exchange.ExportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/claim")
		})
	}
	b.Run("raw/read", func(b *testing.B) {
		for b.Loop() {
			if err := s.EachRawClaim(ctx, exchange.Filter{}, func(*exchange.RawClaim) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/claim")
	})
}
