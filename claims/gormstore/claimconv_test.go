package gormstore

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// The hand-written conversions claimconv.go replaced, kept as they were
// (renamed) as the oracle of TestClaimConversionMatchesHandWritten and the
// baseline of BenchmarkClaimConversion. They list every field; the
// generic ones list none.

func handIntervalJSON(iv *claims.Interval) (string, error) {
	if iv == nil {
		return "", nil
	}
	return toJSON(iv)
}

func handToClaimRow(c *claims.Claim) (*claimRow, error) {
	r := &claimRow{
		Meta: rowMeta(c.Meta), TopicID: c.TopicID, ClaimantID: c.ClaimantID,
		SourceID: c.Provenance.SourceID, Quote: c.Quote, QuantityText: c.QuantityText,
		Language: c.Language, OriginalText: c.OriginalText, OriginalLanguage: c.OriginalLanguage,
		NoNumber: c.NoNumber, IntervalSource: string(c.IntervalSource),
		ParserVersion: c.ParserVersion, Unit: c.Unit,
		Population: c.Scope.Population, GroupName: c.Scope.Group, Measure: string(c.Scope.Measure), Basis: string(c.Basis),
		URL: c.Provenance.URL, ArchiveURL: c.Provenance.ArchiveURL, Occasion: c.Occasion,
		SaidOn: string(c.SaidOn), PublishedOn: string(c.PublishedOn), AsOf: string(c.AsOf),
		Since: string(c.Since), EvidenceType: string(c.EvidenceType), Grade: string(c.Grade),
		Rank: string(c.Rank), DeprecationReason: c.DeprecationReason, Notes: c.Notes,
		Search: search(c.Quote, c.QuantityText, c.OriginalText, c.Notes),
	}
	if iv := c.Interval; iv != nil {
		r.Low, r.High, r.Best = iv.Low, iv.High, iv.Best
	}
	if ref := c.RefDate(); ref != "" {
		start, end := ref.Start().Format(isoDay), ref.End().Format(isoDay)
		r.RefStart, r.RefEnd = &start, &end
	}
	var err error
	for _, f := range []struct {
		dst *string
		v   any
	}{
		{&r.Places, c.Scope.Places},
		{&r.Relays, c.Provenance.Relays},
		{&r.Tags, c.Tags},
	} {
		if *f.dst, err = toJSON(f.v); err != nil {
			return nil, err
		}
	}
	if r.Parsed, err = handIntervalJSON(c.Parsed); err != nil {
		return nil, err
	}
	if r.AnalystInterval, err = handIntervalJSON(c.AnalystInterval); err != nil {
		return nil, err
	}
	return r, nil
}

func handDomain(r *claimRow) (*claims.Claim, error) {
	c := &claims.Claim{
		Meta: r.Meta.meta(), TopicID: r.TopicID, ClaimantID: r.ClaimantID, Quote: r.Quote,
		QuantityText: r.QuantityText, Language: r.Language, OriginalText: r.OriginalText,
		OriginalLanguage: r.OriginalLanguage, NoNumber: r.NoNumber,
		IntervalSource: claims.IntervalSource(r.IntervalSource), ParserVersion: r.ParserVersion,
		Unit: r.Unit,
		Scope: claims.Scope{
			Population: r.Population, Group: r.GroupName, Measure: claims.Measure(r.Measure),
		},
		Provenance: claims.Provenance{SourceID: r.SourceID, URL: r.URL, ArchiveURL: r.ArchiveURL},
		Occasion:   r.Occasion, SaidOn: claims.Date(r.SaidOn), PublishedOn: claims.Date(r.PublishedOn),
		AsOf: claims.Date(r.AsOf), Since: claims.Date(r.Since),
		EvidenceType: claims.EvidenceType(r.EvidenceType), Grade: claims.Grade(r.Grade),
		Rank: claims.Rank(r.Rank), DeprecationReason: r.DeprecationReason, Notes: r.Notes,
		Basis: claims.Basis(r.Basis),
	}
	for _, f := range []struct {
		src, what string
		dst       any
	}{
		{r.Places, "claim places", &c.Scope.Places},
		{r.Relays, "claim relays", &c.Provenance.Relays},
		{r.Tags, "claim tags", &c.Tags},
		{r.Parsed, "parsed interval", &c.Parsed},
		{r.AnalystInterval, "analyst interval", &c.AnalystInterval},
	} {
		if f.src == "" {
			continue
		}
		if err := fromJSON(f.src, f.what, f.dst); err != nil {
			return nil, err
		}
	}
	switch c.IntervalSource {
	case claims.FromAnalyst:
		c.Interval = c.AnalystInterval
	case claims.FromParser:
		c.Interval = c.Parsed
	}
	return c, nil
}

// handFastClaim is claimRow.domain without the JSON decoder for the common
// empty values of the JSON columns.
func handFastClaim(r *claimRow) (*claims.Claim, error) {
	places, relays, tags := r.Places, r.Relays, r.Tags
	r.Places, r.Relays, r.Tags = handEmptyOr(places), handEmptyOr(relays), handEmptyOr(tags)
	c, err := handDomain(r)
	if err != nil {
		return nil, err
	}
	if places == "[]" {
		c.Scope.Places = []string{}
	}
	if relays == "[]" {
		c.Provenance.Relays = []claims.Relay{}
	}
	if tags == "[]" {
		c.Tags = []string{}
	}
	return c, nil
}

func handEmptyOr(s string) string {
	if s == "[]" || s == "null" {
		return ""
	}
	return s
}

// conversionClaims are claims in the shapes the store holds: every field
// set (with text encoding/json escapes, and times outside UTC), a typical
// claim with only a parsed interval and empty lists, and a claim without a
// number whose lists are nil.
func conversionClaims() []*claims.Claim {
	f := func(v float64) *float64 { return &v }
	zone := time.FixedZone("MSK", 3*3600)
	full := &claims.Claim{
		Meta: claims.Meta{ID: "c-full", CreatedAt: time.Date(2024, 3, 1, 10, 0, 0, 123456789, zone),
			UpdatedAt: time.Date(2024, 3, 2, 11, 30, 0, 0, time.UTC), Version: 7},
		TopicID: "t-ru", ClaimantID: "k-bogdanov",
		Quote: "about 800 <Russians> & others fight in Syria", QuantityText: "about 800", Language: "en",
		OriginalText: "около 800 россиян", OriginalLanguage: "ru",
		Parsed:          &claims.Interval{Low: f(720), High: f(880), Best: f(800), Approx: true, Kind: "approximate", Rule: "about", Explanation: "about 800: ±10%"},
		AnalystInterval: &claims.Interval{Low: f(700), High: nil, Best: f(800), Kind: "lower_bound"},
		IntervalSource:  claims.FromAnalyst, ParserVersion: "q7", Unit: "people",
		Scope: claims.Scope{Places: []string{"Syria", "Iraq & \"Levant\""}, Population: "Russian nationals", Group: "Islamic State", Measure: claims.Cumulative},
		Provenance: claims.Provenance{SourceID: "s-origin", URL: "https://origin.example.org/a?x=1&y=<2>", ArchiveURL: "https://archive.example.org/a",
			Relays: []claims.Relay{{SourceID: "s-relay", URL: "https://relay.example.org/b", ArchiveURL: "https://archive.example.org/b", PublishedOn: "2014-09-30", Note: "repeated"},
				{SourceID: "s-relay2"}}},
		Occasion: "interview", SaidOn: "2014-09-28", PublishedOn: "2014-09-29", AsOf: "2014-09", Since: "2011",
		Basis: claims.BasisCount, EvidenceType: claims.EvidenceIntelligence, Grade: claims.GradeFair,
		Rank: claims.RankDeprecated, DeprecationReason: "superseded", Notes: "a note", Tags: []string{"fsb", "syria"},
	}
	full.Interval = full.AnalystInterval
	typical := &claims.Claim{
		Meta:    claims.Meta{ID: "c-typical", CreatedAt: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), Version: 1},
		TopicID: "t-ru", ClaimantID: "k-1", Quote: "some 2,400 fighters", QuantityText: "some 2,400", Language: "en",
		Parsed:         &claims.Interval{Low: f(2160), High: f(2640), Best: f(2400), Approx: true, Kind: "approximate", Rule: "about"},
		IntervalSource: claims.FromParser, ParserVersion: "q7",
		Scope:       claims.Scope{Places: []string{}, Measure: claims.Current},
		Provenance:  claims.Provenance{SourceID: "s-1", Relays: []claims.Relay{}},
		PublishedOn: "2015-06-01", Basis: claims.BasisEstimate, EvidenceType: claims.EvidenceUnknown,
		Grade: claims.GradeUngraded, Rank: claims.RankNormal, Tags: []string{},
	}
	typical.Interval = typical.Parsed
	none := &claims.Claim{
		Meta:    claims.Meta{ID: "c-none", Version: 2},
		TopicID: "t-ru", ClaimantID: "k-1", NoNumber: true, IntervalSource: claims.FromNone,
		Scope: claims.Scope{Measure: claims.Current}, Provenance: claims.Provenance{SourceID: "s-1"},
		Rank: claims.RankNormal,
	}
	return []*claims.Claim{full, typical, none}
}

// The generic conversions write the rows the hand-written ones wrote, to
// the byte, and read every row, including the ones older writers left
// ("null", "[]", "" in a list's column) and broken ones, as they did.
func TestClaimConversionMatchesHandWritten(t *testing.T) {
	for _, c := range conversionClaims() {
		want, err := handToClaimRow(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := toClaimRow(c)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: toClaimRow:\n got %+v\nwant %+v", c.ID, *got, *want)
		}

		rows := map[string]claimRow{"as written": *want}
		for _, v := range []string{"", "null", "[]", `["x"]`, "{"} {
			r := *want
			r.Places, r.Tags = v, v
			if v != `["x"]` {
				r.Relays = v
			}
			if v == "" || v == "{" {
				r.Parsed, r.AnalystInterval = v, v
			}
			rows[fmt.Sprintf("lists %q", v)] = r
		}
		for name, r := range rows {
			hand := r
			wantC, wantErr := handFastClaim(&hand)
			plain := r
			plainC, plainErr := handDomain(&plain)
			gotC, gotErr := (&r).domain()
			if (gotErr != nil) != (wantErr != nil) || (gotErr != nil) != (plainErr != nil) {
				t.Errorf("%s, %s: domain: error %v, the hand-written ones %v and %v", c.ID, name, gotErr, wantErr, plainErr)
				continue
			}
			if gotErr != nil {
				continue
			}
			if !reflect.DeepEqual(gotC, wantC) || !reflect.DeepEqual(gotC, plainC) {
				t.Errorf("%s, %s: domain:\n got %+v\nwant %+v", c.ID, name, *gotC, *wantC)
			}
			if gotC.Interval != nil && gotC.Interval != gotC.Parsed && gotC.Interval != gotC.AnalystInterval {
				t.Errorf("%s, %s: the interval in force is a copy, not the %s interval itself", c.ID, name, gotC.IntervalSource)
			}
			if !gotC.CreatedAt.Equal(c.CreatedAt) || gotC.CreatedAt.Location() != time.UTC {
				t.Errorf("%s, %s: created_at read back as %v, want %v in UTC", c.ID, name, gotC.CreatedAt, c.CreatedAt)
			}
		}
	}
}

// BenchmarkClaimConversion compares the generic conversions (impl=generic)
// with the hand-written ones they replaced (impl=hand), writing a row,
// reading it back, and both, for each claim of conversionClaims. Reading
// is compared with the fastest hand-written reader, the raw export's
// (fastClaim). Compare with
//
//	benchstat -col /impl bench.txt
func BenchmarkClaimConversion(b *testing.B) {
	impls := []struct {
		name  string
		write func(*claims.Claim) (*claimRow, error)
		read  func(*claimRow) (*claims.Claim, error)
	}{
		{"hand", handToClaimRow, handFastClaim},
		{"generic", toClaimRow, (*claimRow).domain},
	}
	for _, c := range conversionClaims() {
		row, err := toClaimRow(c)
		if err != nil {
			b.Fatal(err)
		}
		for _, op := range []string{"write", "read", "roundtrip"} {
			for _, im := range impls {
				b.Run(fmt.Sprintf("claim=%s/op=%s/impl=%s", c.ID, op, im.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						r := *row // the hand-written reader changes its row
						if op != "read" {
							p, err := im.write(c)
							if err != nil {
								b.Fatal(err)
							}
							r = *p
						}
						if op != "write" {
							if _, err := im.read(&r); err != nil {
								b.Fatal(err)
							}
						}
					}
				})
			}
		}
	}
}
