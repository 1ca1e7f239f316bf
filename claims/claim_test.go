package claims

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

func ptr(v float64) *float64 { return &v }

// validClaim returns a claim that passes Prepare; tests break one field.
func validClaim() *Claim {
	return &Claim{
		TopicID:      "topic-russians",
		ClaimantID:   "cl-bogdanov",
		Quote:        "I think we're talking about a few dozen.",
		QuantityText: "800",
		Scope:        Scope{Places: []string{"Syria", "Iraq"}},
		Provenance:   Provenance{SourceID: "src-kommersant"},
		SaidOn:       "2014-09-29",
	}
}

// fieldsOf returns the fields named by err, which must be a CodeInvalid error.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if code := ErrorCode(err); code != CodeInvalid {
		t.Fatalf("error %v has code %q, want %q", err, code, CodeInvalid)
	}
	var names []string
	for _, f := range ErrorFields(err) {
		names = append(names, f.Field)
	}
	return names
}

func TestClaimPrepareRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		change    func(c *Claim)
		wantField string
	}{
		{"low above high", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(60), High: ptr(24)} }, "analyst_interval.low"},
		{"best outside", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(24), High: ptr(60), Best: ptr(100)} }, "analyst_interval.best"},
		{"empty analyst interval", func(c *Claim) { c.AnalystInterval = &Interval{} }, "analyst_interval"},
		{"no topic", func(c *Claim) { c.TopicID = "" }, "topic_id"},
		{"bad topic id", func(c *Claim) { c.TopicID = "no spaces allowed" }, "topic_id"},
		{"no claimant", func(c *Claim) { c.ClaimantID = "" }, "claimant_id"},
		{"no origin source", func(c *Claim) { c.Provenance.SourceID = "" }, "provenance.source_id"},
		{"relative URL", func(c *Claim) { c.Provenance.URL = "/news/73983.htm" }, "provenance.url"},
		{"ftp URL", func(c *Claim) { c.Provenance.URL = "ftp://example.org/a" }, "provenance.url"},
		{"relay without source", func(c *Claim) { c.Provenance.Relays = []Relay{{URL: "https://example.org/"}} }, "provenance.relays[0].source_id"},
		{"bad date", func(c *Claim) { c.SaidOn = "29/09/2014" }, "said_on"},
		{"bad as_of", func(c *Claim) { c.AsOf = "2014-02-30" }, "as_of"},
		{"no quantity at all", func(c *Claim) { c.QuantityText = "" }, "quantity_text"},
		{"unreadable quantity", func(c *Claim) { c.QuantityText = "we know the approximate number" }, "quantity_text"},
		{"interval with no_number", func(c *Claim) {
			c.NoNumber = true
			c.AnalystInterval = &Interval{Low: ptr(1)}
		}, "analyst_interval"},
		{"unknown measure", func(c *Claim) { c.Scope.Measure = "rolling" }, "scope.measure"},
		{"unknown basis", func(c *Claim) { c.Basis = "guess" }, "basis"},
		{"per period without its period", func(c *Claim) { c.Scope.Measure, c.Since = PerPeriod, "" }, "since"},
		{"time of day without a day", func(c *Claim) { c.AsOf = "2015-06T12:00" }, "as_of"},
		{"empty place", func(c *Claim) { c.Scope.Places = []string{"Syria", " "} }, "scope.places[1]"},
		{"deprecated without reason", func(c *Claim) { c.Rank = RankDeprecated }, "deprecation_reason"},
		{"unknown grade", func(c *Claim) { c.Grade = "excellent" }, "grade"},
		{"bad language", func(c *Claim) { c.Language = "english language" }, "language"},
		{"repeated tag", func(c *Claim) { c.Tags = []string{"seed", "seed"} }, "tags[1]"},
		{"quote too long", func(c *Claim) { c.Quote = strings.Repeat("x", MaxTextLen+1) }, "quote"},
		{"invalid UTF-8", func(c *Claim) { c.Notes = "\xff\xfe" }, "notes"},
		{"NUL in text", func(c *Claim) { c.Quote = "a few\x00dozen" }, "quote"},
		{"negative low", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(-5), High: ptr(-1)} }, "analyst_interval.low"},
		{"negative best", func(c *Claim) { c.AnalystInterval = &Interval{Best: ptr(-5)} }, "analyst_interval.best"},
		{"negative exact", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(-5), High: ptr(-5), Kind: quantity.Exact} }, "analyst_interval.low"},
		{"change beyond the largest figure", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(-2e15), High: ptr(-1), Kind: quantity.Change} }, "analyst_interval.low"},
		{"astronomical high", func(c *Claim) { c.AnalystInterval = &Interval{Low: ptr(1), High: ptr(1e300)} }, "analyst_interval.high"},
		{"since after as_of", func(c *Claim) { c.Scope.Measure, c.Since, c.AsOf = Cumulative, "2016", "2015-12" }, "since"},
		{"year zero", func(c *Claim) { c.SaidOn = "0000-01-01" }, "said_on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := validClaim()
			tt.change(c)
			fields := fieldsOf(t, c.Prepare(nil))
			if !slices.Contains(fields, tt.wantField) {
				t.Errorf("Prepare names fields %v, want %q among them", fields, tt.wantField)
			}
		})
	}
}

// TestClaimChange stores a change: read from the text ("fell by 3,000")
// or given by an analyst with kind change, its bounds may be negative.
func TestClaimChange(t *testing.T) {
	t.Parallel()
	c := validClaim()
	c.QuantityText = "fell by 3,000"
	if err := c.Prepare(nil); err != nil {
		t.Fatal(err)
	}
	if iv := c.Interval; iv == nil || iv.Kind != quantity.Change || *iv.Low != -3000 || *iv.High != -3000 {
		t.Errorf("fell by 3,000 in force as %+v, want a change of -3,000", iv)
	}
	c = validClaim()
	c.AnalystInterval = &Interval{Low: ptr(-5000), High: ptr(-2000), Best: ptr(-3000), Kind: quantity.Change}
	if err := c.Prepare(nil); err != nil {
		t.Errorf("an analyst's change of -5,000 to -2,000: %v", err)
	}
}

func TestClaimPrepareIntervalInForce(t *testing.T) {
	t.Parallel()
	c := validClaim()
	if err := c.Prepare(nil); err != nil {
		t.Fatal(err)
	}
	if c.IntervalSource != FromParser || c.Parsed == nil || c.Interval != c.Parsed || c.ParserVersion == "" {
		t.Fatalf("after Prepare: source %q, parsed %+v, in force %+v, version %q; want the parsed interval in force",
			c.IntervalSource, c.Parsed, c.Interval, c.ParserVersion)
	}
	if *c.Parsed.Low != 800 || *c.Parsed.High != 800 {
		t.Errorf("parsed 800 as %v..%v", *c.Parsed.Low, *c.Parsed.High)
	}

	analyst := &Interval{Low: ptr(700), High: ptr(900)}
	c.AnalystInterval = analyst
	if err := c.Prepare(nil); err != nil {
		t.Fatal(err)
	}
	if c.IntervalSource != FromAnalyst || c.Interval != analyst || c.Parsed == nil {
		t.Errorf("with an analyst interval: source %q, in force %+v, parsed %+v; want the analyst's in force and the parsed kept",
			c.IntervalSource, c.Interval, c.Parsed)
	}

	// An analyst may give an interval for text the parser cannot read.
	c.QuantityText = "a little half of nine thousand"
	if err := c.Prepare(nil); err != nil {
		t.Fatalf("Prepare with an analyst interval for unreadable text: %v", err)
	}
	if c.Parsed != nil || c.IntervalSource != FromAnalyst {
		t.Errorf("unreadable text: parsed %+v, source %q", c.Parsed, c.IntervalSource)
	}

	c.AnalystInterval, c.NoNumber = nil, true
	if err := c.Prepare(nil); err != nil {
		t.Fatal(err)
	}
	if c.Interval != nil || c.IntervalSource != FromNone {
		t.Errorf("no_number: in force %+v, source %q; want none", c.Interval, c.IntervalSource)
	}
}

func TestClaimPrepareDefaults(t *testing.T) {
	t.Parallel()
	c := validClaim()
	c.Tags = []string{" seed ", ""}
	if err := c.Prepare(nil); err != nil {
		t.Fatal(err)
	}
	want := struct {
		Measure  Measure
		Evidence EvidenceType
		Grade    Grade
		Rank     Rank
		Tags     []string
		Relays   []Relay
	}{Current, EvidenceUnknown, GradeUngraded, RankNormal, []string{"seed"}, []Relay{}}
	got := want
	got.Measure, got.Evidence, got.Grade, got.Rank, got.Tags, got.Relays = c.Scope.Measure, c.EvidenceType, c.Grade, c.Rank, c.Tags, c.Provenance.Relays
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults after Prepare (-want +got):\n%s", diff)
	}
}

func TestPrepareMessageCarriesParserReason(t *testing.T) {
	t.Parallel()
	c := validClaim()
	c.QuantityText = "we know the approximate number"
	err := c.Prepare(nil)
	fields := ErrorFields(err)
	if len(fields) != 1 || fields[0].Field != "quantity_text" {
		t.Fatalf("fields = %+v, want one on quantity_text", fields)
	}
	if msg := ErrorMessage(err); !strings.Contains(msg, fields[0].Detail) {
		t.Errorf("message %q does not carry the field's detail %q", msg, fields[0].Detail)
	}
}

func TestValidateOtherRecords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		validate  func() error
		wantField string
	}{
		{"topic without title", func() error { tp := &Topic{}; tp.Normalize(); return tp.Validate() }, "title"},
		{"topic inside itself", func() error {
			tp := &Topic{Meta: Meta{ID: "a"}, Title: "x", ParentID: "a"}
			tp.Normalize()
			return tp.Validate()
		}, "parent_id"},
		{"topic negative window", func() error { tp := &Topic{Title: "x", WindowDays: -1}; tp.Normalize(); return tp.Validate() }, "window_days"},
		{"source without name", func() error { s := &Source{URL: "https://example.org"}; s.Normalize(); return s.Validate() }, "name"},
		{"source bad URL", func() error { s := &Source{Name: "BBC", URL: "bbc dot com"}; s.Normalize(); return s.Validate() }, "url"},
		{"source unknown kind", func() error { s := &Source{Name: "BBC", Kind: "blog"}; s.Normalize(); return s.Validate() }, "kind"},
		{"claimant without name", func() error { c := &Claimant{}; c.Normalize(); return c.Validate() }, "name"},
		{"link to itself", func() error {
			l := &Link{FromID: "a", ToID: "a", Kind: LinkContradicts}
			l.Normalize()
			return l.Validate()
		}, "to_id"},
		{"link unknown kind", func() error { l := &Link{FromID: "a", ToID: "b", Kind: "agrees"}; l.Normalize(); return l.Validate() }, "kind"},
		{"dismissal without reason", func() error {
			r := &Review{ClaimA: "a", ClaimB: "b", Status: ReviewDismissed}
			r.Normalize()
			return r.Validate()
		}, "resolution"},
	}
	for _, tt := range tests {
		fields := fieldsOf(t, tt.validate())
		if !slices.Contains(fields, tt.wantField) {
			t.Errorf("%s: fields %v, want %q among them", tt.name, fields, tt.wantField)
		}
	}
}

func TestReviewNormalizeOrdersPair(t *testing.T) {
	t.Parallel()
	r := &Review{ClaimA: "r5", ClaimB: "r4"}
	r.Normalize()
	if r.ClaimA != "r4" || r.ClaimB != "r5" || r.Status != ReviewOpen {
		t.Errorf("Normalize gave %+v, want r4, r5, open", r)
	}
}

func TestErrorCode(t *testing.T) {
	t.Parallel()
	wrapped := errors.Join(errors.New("context"), NotFound("claim", "x"))
	tests := []struct {
		err  error
		want Code
	}{
		{nil, ""},
		{errors.New("boom"), CodeInternal},
		{NotFound("claim", "x"), CodeNotFound},
		{wrapped, CodeNotFound},
		{Errorf(CodeStale, "stale"), CodeStale},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := ErrorMessage(errors.New("secret SQL")); got != "internal error" {
		t.Errorf("ErrorMessage of an internal error = %q, want it hidden", got)
	}
}

func TestListOptionsCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts      ListOptions
		wantField string
	}{
		{ListOptions{Limit: -1}, "limit"},
		{ListOptions{Limit: MaxLimit + 1}, "limit"},
		{ListOptions{Sort: "quote"}, "sort"},
		{ListOptions{Sort: "-title"}, "sort"},
		{ListOptions{Sort: "-best", Limit: 10}, ""},
	}
	for _, tt := range tests {
		err := tt.opts.Check(ClaimSorts)
		if tt.wantField == "" {
			if err != nil {
				t.Errorf("Check(%+v) = %v, want nil", tt.opts, err)
			}
			continue
		}
		if fields := fieldsOf(t, err); !slices.Contains(fields, tt.wantField) {
			t.Errorf("Check(%+v) names %v, want %q", tt.opts, fields, tt.wantField)
		}
	}
}
