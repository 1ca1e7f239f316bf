package gormstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// slowStore hides EachRawClaim, so Export takes the reference path:
// claims.Claim values encoded by encoding/json.
type slowStore struct{ exchange.Store }

// The fast path of the json and ndjson exports writes the same bytes as
// the reference path, for the demo dataset, random claims written through
// the store and rows in shapes only an older or foreign writer leaves.
func TestRawClaimExportMatchesReference(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, s); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		b, err := demo.Bundle()
		if err != nil {
			t.Fatal(err)
		}
		compareExports(t, s, "demo", b.Claims[0].TopicID)

		rnd := rand.New(rand.NewPCG(7, 11))
		postgres := strings.HasSuffix(t.Name(), "/postgres")
		ids := createRandomClaims(t, s, rnd, 300)
		compareExports(t, s, "random", "t-rand")

		for i, stmt := range legacyRows {
			if err := gormstore.Exec(ctx, s, "UPDATE claims SET "+stmt+" WHERE id = ?", ids[i]); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		if !postgres {
			// PostgreSQL refuses invalid UTF-8 and NUL; SQLite keeps what
			// it is given.
			for i, stmt := range legacySQLiteRows {
				if err := gormstore.Exec(ctx, s, "UPDATE claims SET "+stmt+" WHERE id = ?", ids[len(legacyRows)+i]); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
		}
		compareExports(t, s, "legacy", "t-rand")
		if _, ok := exchange.Store(s).(exchange.RawClaimStore); !ok {
			t.Fatal("the store does not implement exchange.RawClaimStore")
		}
	})
}

// legacyRows rewrite stored columns in shapes claimdesk does not write
// today but may find: nulls and empty lists, other key orders and
// spellings, escapes encoding/json does not use, numbers in other forms.
var legacyRows = []string{
	`places = 'null', relays = 'null', tags = 'null'`,
	`places = '', relays = '', tags = '', parsed = '', analyst_interval = ''`,
	`places = '[]', relays = '[]', tags = '[]', parsed = 'null', analyst_interval = 'null', interval_source = 'parsed'`,
	`places = ' [ "Raqqa" , "Mosul\u003c\/\u00e9\ud83d\ude00" ] ', tags = '["a\u2028b","\u0000\u001f\u007f"]'`,
	`relays = '[{"note":"n <&>","source_id":"s-rand-0"}]'`,
	`relays = '[{"source_id":"s-rand-0","url":"","archive_url":"","published_on":"2014","note":"","extra":1}]'`,
	`relays = '[{"SOURCE_ID":"s-rand-1","url":"http://x.test/a=1&b=2","archive_url":"","published_on":"","note":"\t"}]'`,
	`parsed = '{"high":3,"low":1}', interval_source = 'parsed'`,
	`analyst_interval = '{"low":1.0E2,"high":1e308,"best":null,"approx":true}', interval_source = 'analyst', no_number = false`,
	`analyst_interval = '{"low":-0,"high":0.0000001,"best":1e-7,"approx":false,"kind":"","rule":"r","explanation":"\ud800"}', interval_source = 'analyst'`,
	`analyst_interval = '{"low":100000000000000000000000,"high":null,"best":12.50,"approx":false,"kind":"range"}', interval_source = 'analyst'`,
	`parsed = '{"low":5,"high":5,"best":5,"approx":false,"kind":"exact","rule":"r\/1","explanation":"\"five\""}', interval_source = 'parsed'`,
	`analyst_interval = '{"low":5e-324,"high":1.7976931348623157e308,"best":1E-300,"approx":true}', interval_source = 'analyst'`,
	`analyst_interval = '{"low":-5,"high":-1.5e-7,"best":-2,"approx":false}', interval_source = 'analyst'`,
	`parsed = '{ "low": 1, "high": 2, "best": null, "approx": false }', interval_source = 'parsed'`,
	`parsed = '{"low":1,"high":2,"best":null,"approx":false}', analyst_interval = '{"low":3,"high":4,"best":null,"approx":false}', interval_source = 'none'`,
	`parsed = '{"low":1,"high":2,"best":null,"approx":false}', interval_source = 'bogus'`,
}

// legacySQLiteRows are rows only SQLite keeps: invalid UTF-8, and
// timestamps and numbers of other types or in other forms than the driver
// writes.
var legacySQLiteRows = []string{
	`quote = 'invalid ' || CAST(X'FF' AS TEXT) || ' utf-8', notes = CAST(X'C0AF' AS TEXT), places = CAST(X'5B22FF225D' AS TEXT)`,
	`created_at = 1700000000, updated_at = 1700000000123`,
	`created_at = '2026-01-02T03:04:05Z', updated_at = '2026-01-02 03:04'`,
	`created_at = '2026-01-02 03:04:05.123456789+05:30', updated_at = '2026-01-02 03:04:05.1-00:00'`,
	`created_at = '2026-02-30 00:00:00+00:00', updated_at = '2026-01-02 03:04:05+00:00 '`,
	`created_at = '2026-01-02 03:04:05,5+00:00', updated_at = '2026-01-02 03:04:05.1234567891+00:00'`,
	`created_at = '2026-01-02 24:00:00+00:00', updated_at = '2026-01-02 03:04:05+24:00'`,
	`version = 12345678901, no_number = 2`,
	`no_number = 'true'`,
	`quote = 'a' || char(0) || 'b', notes = char(0), occasion = '<' || char(0)`,
	`id = id, group_name = char(0) || char(0), tags = '["\u0000"]'`,
}

func compareExports(t *testing.T, s *gormstore.Store, what, topic string) {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }
	for _, f := range []exchange.Format{exchange.JSON, exchange.NDJSON} {
		for _, flt := range []exchange.Filter{{}, {TopicID: topic}} {
			var fast, slow bytes.Buffer
			if err := exchange.Export(ctx, s, &fast, f, flt, exchange.ExportOptions{Now: now}); err != nil {
				t.Fatalf("%s: fast %s export: %v", what, f, err)
			}
			if err := exchange.Export(ctx, slowStore{s}, &slow, f, flt, exchange.ExportOptions{Now: now}); err != nil {
				t.Fatalf("%s: reference %s export: %v", what, f, err)
			}
			if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
				t.Errorf("%s: %s export %+v: the fast path differs from the reference:\n%s", what, f, flt, firstDiff(fast.Bytes(), slow.Bytes()))
			}
			if what == "random" && f == exchange.JSON && !bytes.Contains(fast.Bytes(), []byte(`\u2028`)) {
				t.Errorf("%s: the export holds no escaped U+2028: the random claims miss a case", what)
			}
		}
	}
}

func firstDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return fmt.Sprintf("line %d\nfast:      %s\nreference: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(al), len(bl))
}

// textParts are the characters JSON encoders disagree on.
var textParts = []string{"a", "Z", "0", " ", "é", "日本", "😀", "<", ">", "&", "<script>", "\u2028", "\u2029",
	"\x01", "\x1f", "\x7f", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\ufffd", "\u00a0",
	"'", "{", "]", "\\u003c", "несколько десятков"}

// randomText mixes textParts.
func randomText(rnd *rand.Rand, maxParts int) string {
	parts := textParts
	var b strings.Builder
	for range rnd.IntN(maxParts + 1) {
		b.WriteString(parts[rnd.IntN(len(parts))])
	}
	return b.String()
}

// randomFloat returns a count the claims accept: not negative and at most
// quantity.MaxValue. (The legacy rows hold negative and huge numbers.)
func randomFloat(rnd *rand.Rand) float64 {
	for {
		if f := math.Abs(randomSigned(rnd)); f <= quantity.MaxValue {
			return f
		}
	}
}

func randomSigned(rnd *rand.Rand) float64 {
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 1e-7, 9.99999e-7, 1e20, 1e21, 1e21 - 65536,
		123456789012345678, 1e150, -1e150, 1e-150, 1.5e-10,
		2.5, 720, 60, 1 << 53, 1<<53 + 2, 0.30000000000000004}
	switch rnd.IntN(3) {
	case 0:
		return special[rnd.IntN(len(special))]
	case 1:
		for {
			f := math.Float64frombits(rnd.Uint64())
			// The store's cross-referencing divides claims' values:
			// keep their ratios finite. (The legacy rows hold extremes.)
			if a := math.Abs(f); a == 0 || (a > 1e-150 && a < 1e150) {
				return f
			}
		}
	}
	return math.Round(rnd.Float64()*1e6) / math.Pow(10, float64(rnd.IntN(8)))
}

// randomDate returns a date of any precision from year, or none.
func randomDate(rnd *rand.Rand, year, years int) claims.Date {
	switch rnd.IntN(4) {
	case 0:
		return ""
	case 1:
		return claims.Date(fmt.Sprintf("%04d", year+rnd.IntN(years)))
	case 2:
		return claims.Date(fmt.Sprintf("%04d-%02d", year+rnd.IntN(years), 1+rnd.IntN(12)))
	}
	return claims.Date(fmt.Sprintf("%04d-%02d-%02d", year+rnd.IntN(years), 1+rnd.IntN(12), 1+rnd.IntN(28)))
}

// createRandomClaims stores n random claims in topic t-rand and returns
// their IDs.
func createRandomClaims(t *testing.T, s *gormstore.Store, rnd *rand.Rand, n int) []string {
	t.Helper()
	ctx := context.Background()
	if err := svc(s).CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "t-rand"}, Title: "Random <&> \u2028", Measure: "stock"}); err != nil {
		t.Fatal(err)
	}
	if err := svc(s).CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: "c-rand"}, Name: "Random", Kind: claims.ClaimantKind("person")}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		src := &claims.Source{Meta: claims.Meta{ID: fmt.Sprintf("s-rand-%d", i)}, Name: "Source " + randomText(rnd, 3) + "x", Kind: claims.SourceKind("news")}
		if err := svc(s).CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	texts := []string{"about 800", "a few dozen", "between 2,000 and 3,000", "more than 500", "several hundred", ""}
	var ids []string
	for i := range n {
		c := &claims.Claim{
			Meta:    claims.Meta{ID: fmt.Sprintf("rand-%04d", i)},
			TopicID: "t-rand", ClaimantID: "c-rand",
			Quote: randomText(rnd, 12), QuantityText: texts[rnd.IntN(len(texts))],
			Language: []string{"", "en", "ru"}[rnd.IntN(3)], OriginalText: randomText(rnd, 6),
			Unit: randomText(rnd, 3),
			Scope: claims.Scope{Population: randomText(rnd, 4), Group: randomText(rnd, 4),
				Measure: []claims.Measure{claims.Current, claims.Cumulative, claims.Proxy}[rnd.IntN(3)]},
			Provenance: claims.Provenance{SourceID: fmt.Sprintf("s-rand-%d", rnd.IntN(3))},
			// since comes before the other dates.
			Occasion: randomText(rnd, 4), SaidOn: randomDate(rnd, 1990, 40), PublishedOn: randomDate(rnd, 1990, 40),
			AsOf: randomDate(rnd, 1990, 40), Since: randomDate(rnd, 1970, 20), Notes: randomText(rnd, 20),
			EvidenceType: claims.EvidenceTypes[rnd.IntN(len(claims.EvidenceTypes))],
			Grade:        claims.Grades[rnd.IntN(len(claims.Grades))],
		}
		if rnd.IntN(2) == 0 {
			c.Provenance.URL = "https://example.test/a?b=1&c=<2>#" + fmt.Sprint(i)
		}
		if rnd.IntN(5) == 0 {
			c.Rank, c.DeprecationReason = claims.RankDeprecated, "wrong "+randomText(rnd, 5)
		}
		for range rnd.IntN(4) {
			if p := strings.TrimSpace(randomText(rnd, 5)); p != "" && !slices.Contains(c.Scope.Places, p) {
				c.Scope.Places = append(c.Scope.Places, p)
			}
		}
		for range rnd.IntN(3) {
			c.Provenance.Relays = append(c.Provenance.Relays, claims.Relay{SourceID: fmt.Sprintf("s-rand-%d", rnd.IntN(3)),
				URL: "http://relay.test/<x>&y", PublishedOn: randomDate(rnd, 1990, 40), Note: randomText(rnd, 8)})
		}
		for range rnd.IntN(4) {
			if tag := strings.TrimSpace(randomText(rnd, 4)); tag != "" && !slices.Contains(c.Tags, tag) {
				c.Tags = append(c.Tags, tag)
			}
		}
		switch rnd.IntN(4) {
		case 0:
			c.NoNumber = true
		case 1, 2:
			v := []float64{randomFloat(rnd), randomFloat(rnd), randomFloat(rnd)}
			slices.Sort(v)
			iv := &claims.Interval{Low: &v[0], High: &v[2], Best: &v[1], Approx: rnd.IntN(2) == 0}
			switch rnd.IntN(4) {
			case 0:
				iv.Low = nil
			case 1:
				iv.High, iv.Best = nil, nil
			}
			c.AnalystInterval = iv
		}
		if c.QuantityText == "" && c.AnalystInterval == nil {
			c.NoNumber = true
		}
		if err := svc(s).CreateClaim(ctx, c); err != nil {
			t.Fatalf("create claim %d: %v", i, err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

// EachRawClaim stops at the first error fn returns, and at a cancelled
// context, returning it.
func TestEachRawClaimStops(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		createRandomClaims(t, s, rand.New(rand.NewPCG(1, 1)), 20)
		stop := errors.New("stop")
		n := 0
		err := s.EachRawClaim(ctx, exchange.Filter{}, func(*exchange.RawClaim) error {
			if n++; n == 5 {
				return stop
			}
			return nil
		})
		if err != stop || n != 5 {
			t.Errorf("after an error from fn: %v after %d claims, want stop after 5", err, n)
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		n = 0
		err = s.EachRawClaim(cctx, exchange.Filter{}, func(*exchange.RawClaim) error { n++; return nil })
		if !errors.Is(err, context.Canceled) || n != 0 {
			t.Errorf("with a cancelled context: %v after %d claims, want context.Canceled", err, n)
		}
		err = s.EachRawClaim(ctx, exchange.Filter{TopicID: "nope"}, func(*exchange.RawClaim) error { return nil })
		wantCode(t, "unknown topic", err, claims.CodeNotFound)
	})
}
