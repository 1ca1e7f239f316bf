package demo

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

func mustBundle(t *testing.T) *claims.Bundle {
	t.Helper()
	b, err := Bundle()
	if err != nil {
		t.Fatalf("Bundle() error: %v", err)
	}
	return b
}

func TestBundleDecodesStrictly(t *testing.T) {
	t.Parallel()
	mustBundle(t)
	head := []byte(`"schema_version": 2,`)
	if !bytes.Contains(data, head) {
		t.Fatalf("demo.json does not start its bundle with %s", head)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"unknown field", bytes.Replace(data, head, []byte(`"schema_version": 2, "surprise": true,`), 1)},
		{"unknown field in a claim", bytes.Replace(data, []byte(`"quantity_text": "a few dozen",`), []byte(`"quantity_text": "a few dozen", "quantity": 36,`), 1)},
		{"trailing data", append(bytes.Clone(data), []byte(`{}`)...)},
		{"other schema version", bytes.Replace(data, head, []byte(`"schema_version": 1,`), 1)},
		{"not json", []byte(`topics: []`)},
	}
	for _, tt := range tests {
		if bytes.Equal(tt.in, data) {
			t.Fatalf("%s: the test input is the dataset unchanged", tt.name)
		}
		if _, err := decode(tt.in); err == nil {
			t.Errorf("decode(%s) = nil error, want an error", tt.name)
		}
	}
}

// TestReferencesResolve checks that every ID the bundle refers to is a
// record of the bundle, that IDs are unique per kind, and that no source
// or claimant is left unused.
func TestReferencesResolve(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	ids := func(kind string, n int, id func(int) string) map[string]bool {
		set := make(map[string]bool, n)
		for i := range n {
			v := id(i)
			if !claims.ValidID(v) {
				t.Errorf("%s %d has ID %q, want a readable ID of letters, digits, '-' and '_'", kind, i, v)
			}
			if set[v] {
				t.Errorf("%s ID %q is used twice", kind, v)
			}
			set[v] = true
		}
		return set
	}
	topics := ids("topic", len(b.Topics), func(i int) string { return b.Topics[i].ID })
	sources := ids("source", len(b.Sources), func(i int) string { return b.Sources[i].ID })
	claimants := ids("claimant", len(b.Claimants), func(i int) string { return b.Claimants[i].ID })
	claimIDs := ids("claim", len(b.Claims), func(i int) string { return b.Claims[i].ID })
	ids("link", len(b.Links), func(i int) string { return b.Links[i].ID })

	for _, tp := range b.Topics {
		if tp.ParentID != "" && !topics[tp.ParentID] {
			t.Errorf("topic %s: parent_id %q is not a topic of the bundle", tp.ID, tp.ParentID)
		}
	}
	if _, err := parentsFirst(b.Topics); err != nil {
		t.Errorf("topics: %v", err)
	}
	usedSources := map[string]bool{}
	usedClaimants := map[string]bool{}
	for _, c := range b.Claims {
		if !topics[c.TopicID] {
			t.Errorf("claim %s: topic_id %q is not a topic of the bundle", c.ID, c.TopicID)
		}
		if !claimants[c.ClaimantID] {
			t.Errorf("claim %s: claimant_id %q is not a claimant of the bundle", c.ID, c.ClaimantID)
		}
		usedClaimants[c.ClaimantID] = true
		if !sources[c.Provenance.SourceID] {
			t.Errorf("claim %s: provenance.source_id %q is not a source of the bundle", c.ID, c.Provenance.SourceID)
		}
		usedSources[c.Provenance.SourceID] = true
		for i, r := range c.Provenance.Relays {
			if !sources[r.SourceID] {
				t.Errorf("claim %s: provenance.relays[%d].source_id %q is not a source of the bundle", c.ID, i, r.SourceID)
			}
			if r.SourceID == c.Provenance.SourceID {
				t.Errorf("claim %s: relay %d repeats the origin %s", c.ID, i, r.SourceID)
			}
			usedSources[r.SourceID] = true
		}
	}
	for _, l := range b.Links {
		for _, end := range []string{l.FromID, l.ToID} {
			if !claimIDs[end] {
				t.Errorf("link %s: %q is not a claim of the bundle", l.ID, end)
			}
		}
	}
	for id := range sources {
		if !usedSources[id] {
			t.Errorf("source %s is neither the origin nor a relay of any claim", id)
		}
	}
	for id := range claimants {
		if !usedClaimants[id] {
			t.Errorf("claimant %s has no claim", id)
		}
	}
}

// TestRecordsValidate checks every record against its Validate after
// Normalize, claims through Prepare. A claim whose only fault is a
// quantity_text the parser cannot read is left to TestClaimsParse.
func TestRecordsValidate(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	for _, tp := range b.Topics {
		tp.Normalize()
		if err := tp.Validate(); err != nil {
			t.Errorf("topic %s: %v", tp.ID, err)
		}
		if tp.Unit != "people" || !tp.Additive || tp.WindowDays < 120 || tp.WindowDays > 180 {
			t.Errorf("topic %s: unit %q, additive %t, window %d days; want people, additive, 120 to 180 days", tp.ID, tp.Unit, tp.Additive, tp.WindowDays)
		}
	}
	for _, s := range b.Sources {
		s.Normalize()
		if err := s.Validate(); err != nil {
			t.Errorf("source %s: %v", s.ID, err)
		}
	}
	for _, c := range b.Claimants {
		c.Normalize()
		if err := c.Validate(); err != nil {
			t.Errorf("claimant %s: %v", c.ID, err)
		}
	}
	for _, c := range b.Claims {
		err := c.Prepare(nil)
		var other []claims.FieldError
		for _, f := range claims.ErrorFields(err) {
			if f.Field != "quantity_text" {
				other = append(other, f)
			}
		}
		if err != nil && claims.ErrorCode(err) != claims.CodeInvalid {
			t.Errorf("claim %s: Prepare: %v", c.ID, err)
		}
		if len(other) > 0 {
			t.Errorf("claim %s: %v", c.ID, other)
		}
	}
	for _, l := range b.Links {
		l.Normalize()
		if err := l.Validate(); err != nil {
			t.Errorf("link %s: %v", l.ID, err)
		}
	}
}

var factID = regexp.MustCompile(`^([rt])([0-9]+)[a-z]?-`)

// TestFactsCovered checks that each of the 39 facts the dataset carries
// (R1-R26 on Russians and former-Soviet nationals, T1-T13 on foreign
// fighters overall) has at least one claim, and that the variant reports
// are there as claims of their own.
func TestFactsCovered(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	seen := map[string]int{}
	for _, c := range b.Claims {
		m := factID.FindStringSubmatch(c.ID)
		if m == nil {
			t.Errorf("claim %s is not named after its fact (r1- to r26-, t1- to t13-)", c.ID)
			continue
		}
		seen[m[1]+m[2]]++
	}
	for series, n := range map[string]int{"r": 26, "t": 13} {
		for i := 1; i <= n; i++ {
			if fact := series + strconv.Itoa(i); seen[fact] == 0 {
				t.Errorf("fact %s has no claim", fact)
			}
		}
	}
	if len(seen) != 39 {
		t.Errorf("claims cover %d facts, want 39", len(seen))
	}
	if got, want := len(b.Claims), 39+6; got < want {
		t.Errorf("the bundle has %d claims, want at least %d (39 facts plus their variant reports)", got, want)
	}
}

// TestVariants checks the reports of one statement: each variant has its own
// claim, with the claimant (and, where it names one, the occasion) of the
// claim it varies, and a link of the expected kind.
func TestVariants(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	byID := map[string]*claims.Claim{}
	for _, c := range b.Claims {
		byID[c.ID] = c
	}
	links := map[[2]string]claims.LinkKind{}
	for _, l := range b.Links {
		links[[2]string{l.FromID, l.ToID}] = l.Kind
	}
	tests := []struct {
		variant, of string
		kind        claims.LinkKind
	}{
		{"r12b-smirnov-2015-09-perviy-kanal", "r12-smirnov-2015-09", claims.LinkSameStatement},
		{"r16b-soufan-2015-12-perconcordiam", "r16-soufan-2015-12", claims.LinkDerivedFrom},
		{"r20c-putin-2017-02-elvisti", "r20b-putin-2017-02-mt", claims.LinkSameStatement},
		{"r7b-bortnikov-2015-02-retold", "r7-bortnikov-2015-02", claims.LinkDerivedFrom},
		{"r4-bogdanov-2014", "r5-independent-2014", claims.LinkContradicts},
		{"r23-peskov-2017-10", "r22a-soufan-2017-10", claims.LinkContradicts},
		{"r12-smirnov-2015-09", "r8-smirnov-2015-04", claims.LinkSupersedes},
		{"r24-bortnikov-2017-12", "r18-bortnikov-2015-12", claims.LinkSupersedes},
	}
	for _, tt := range tests {
		v, of := byID[tt.variant], byID[tt.of]
		if v == nil || of == nil {
			t.Errorf("%s or %s is missing", tt.variant, tt.of)
			continue
		}
		if got := links[[2]string{tt.variant, tt.of}]; got != tt.kind {
			t.Errorf("link %s -> %s is %q, want %q", tt.variant, tt.of, got, tt.kind)
		}
		if tt.kind == claims.LinkContradicts {
			continue
		}
		if v.ClaimantID != of.ClaimantID {
			t.Errorf("%s has claimant %s, want %s as in %s", tt.variant, v.ClaimantID, of.ClaimantID, tt.of)
		}
		if tt.kind == claims.LinkSameStatement && (v.Occasion == "" || v.Occasion != of.Occasion) {
			t.Errorf("%s has occasion %q, want %q as in %s", tt.variant, v.Occasion, of.Occasion, tt.of)
		}
	}
	for _, l := range b.Links {
		if l.Kind == claims.LinkSupersedes && byID[l.FromID].RefDate().Start().Before(byID[l.ToID].RefDate().End()) {
			t.Errorf("link %s: %s supersedes %s but is not later", l.ID, l.FromID, l.ToID)
		}
	}
	// The founding pair: the BBC relay of Bogdanov's statement is a relay of
	// the same claim, not a claim of its own.
	r4 := byID["r4-bogdanov-2014"]
	if !slices.ContainsFunc(r4.Provenance.Relays, func(r claims.Relay) bool { return r.SourceID == "src-bbc-russian" }) {
		t.Errorf("r4-bogdanov-2014 has no BBC relay")
	}
	if r23 := byID["r23-peskov-2017-10"]; !r23.NoNumber || r23.TopicID != byID["r22a-soufan-2017-10"].TopicID {
		t.Errorf("r23-peskov-2017-10: no_number %t, topic %s; want a no-number claim in the topic of the claim it rebuts", r23.NoNumber, r23.TopicID)
	}
}

// TestClaimsParse checks that the parser reads every quantity the dataset
// leaves to it: claims with a quantity_text, no analyst_interval and a
// number.
func TestClaimsParse(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	p := quantity.New()
	for _, c := range b.Claims {
		if c.NoNumber || c.AnalystInterval != nil {
			continue
		}
		if c.QuantityText == "" {
			t.Errorf("claim %s has neither quantity_text, analyst_interval nor no_number", c.ID)
			continue
		}
		if _, err := p.Parse(c.QuantityText); err != nil {
			var perr *quantity.Error
			if !errors.As(err, &perr) {
				t.Errorf("claim %s: Parse(%q): unexpected error %v", c.ID, c.QuantityText, err)
				continue
			}
			t.Errorf("claim %s: Parse(%q): %s", c.ID, c.QuantityText, perr.Reason)
		}
	}
}

// bound is an expected interval bound: unchecked (the zero value), open, or
// a value.
type bound struct {
	set, open bool
	v         float64
}

func at(v float64) bound { return bound{set: true, v: v} }

var unbounded = bound{set: true, open: true}

func (b bound) check(got *float64) bool {
	switch {
	case !b.set:
		return true
	case b.open:
		return got == nil
	default:
		return got != nil && *got == b.v
	}
}

func (b bound) String() string {
	switch {
	case !b.set:
		return "any"
	case b.open:
		return "open"
	}
	return strconv.FormatFloat(b.v, 'f', -1, 64)
}

func show(v *float64) string {
	if v == nil {
		return "open"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// TestAnalystReadings cross-checks the analyst's reading of phrases of the
// dataset against the interval the parser gives the claims that carry them.
func TestAnalystReadings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, claim     string
		low, high, best bound
	}{
		{"a few dozen", "r4-bogdanov-2014", at(24), at(60), bound{}},
		{"about 800", "r5-independent-2014", at(720), at(880), at(800)},
		{"more than 400", "r3-fsb-2013-09", at(401), unbounded, bound{}},
		{"between 800 and 1,500", "r9-icsr-2015-01", at(800), at(1500), bound{}},
		{"up to 3,000", "r17-cia-2015-12", bound{}, at(3000), bound{}},
		{"more than 2,900", "r18-bortnikov-2015-12", at(2901), unbounded, bound{}},
		{"5-7 thousand", "r14-putin-2015-10", at(5000), at(7000), bound{}},
		{"up to 4,500", "r25-rudskoy-2015", bound{}, at(4500), bound{}},
		{"between 27,000 and 31,000", "t10-soufan-2015-12", at(27000), at(31000), bound{}},
		{"between 30 and 50 thousand", "t1-patrushev-2014-09", at(30000), at(50000), bound{}},
		{"at least 8,500", "r26-csis-2017-12", at(8500), unbounded, bound{}},
		{"more than 8,700", "r22b-soufan-2017-10-ex-ussr", at(8701), unbounded, bound{}},
		{"over 25,000", "t7-unsc-2015-05", at(25001), unbounded, bound{}},
		{"3,417", "r22a-soufan-2017-10", at(3417), at(3417), at(3417)},
		{"2,719", "r15-ct-official-2015-11", at(2719), at(2719), at(2719)},
		{"five thousand", "r20d-putin-2017-02-others", at(5000), at(5000), at(5000)},
		{"nine thousand at least", "r21b-putin-2017-04-min", at(9000), unbounded, bound{}},
		{"up to 7,000", "r14b-putin-2015-10-sputnik", bound{}, at(7000), bound{}},
		{"as many as 4,000", "r20b-putin-2017-02-mt", bound{}, at(4000), bound{}},
		{"at least four thousand", "r20c-putin-2017-02-elvisti", at(4000), unbounded, bound{}},
		{"about 2,000", "r10a-novikov-2015-intel", at(1800), at(2200), at(2000)},
		{"about three thousand", "r12c-smirnov-2015-09-central-asia", at(2700), at(3300), at(3000)},
		{"exceeds 20,000", "t4a-icsr-2015-01", at(20001), unbounded, bound{}},
		{"up to about 4 thousand", "r20-putin-2017-02", unbounded, bound{}, bound{}},
		{"nearly 30,000", "t8-us-intelligence-2015-09", bound{}, at(29999), bound{}},
	}
	b := mustBundle(t)
	byID := map[string]*claims.Claim{}
	for _, c := range b.Claims {
		byID[c.ID] = c
	}
	for _, tt := range tests {
		c := byID[tt.claim]
		if c == nil {
			t.Errorf("%q: claim %s is not in the bundle", tt.text, tt.claim)
			continue
		}
		if c.QuantityText != tt.text {
			t.Errorf("%q: claim %s says %q", tt.text, tt.claim, c.QuantityText)
			continue
		}
		if err := c.Prepare(nil); err != nil {
			t.Errorf("%q (%s): Prepare: %v", tt.text, tt.claim, err)
			continue
		}
		if c.IntervalSource != claims.FromParser {
			t.Errorf("%q (%s): interval from %q, want the parser's", tt.text, tt.claim, c.IntervalSource)
			continue
		}
		iv := c.Interval
		if !tt.low.check(iv.Low) || !tt.high.check(iv.High) || !tt.best.check(iv.Best) {
			t.Errorf("parse %q (%s) = low %s, high %s, best %s; want low %s, high %s, best %s",
				tt.text, tt.claim, show(iv.Low), show(iv.High), show(iv.Best), tt.low, tt.high, tt.best)
		}
	}
}

// TestAnalystIntervals checks the claims that carry an analyst's interval:
// the notes must say how the phrase was read.
func TestAnalystIntervals(t *testing.T) {
	t.Parallel()
	b := mustBundle(t)
	n := 0
	for _, c := range b.Claims {
		if c.AnalystInterval == nil {
			continue
		}
		n++
		if !strings.Contains(c.Notes, "Analyst's reading") {
			t.Errorf("claim %s has an analyst_interval but its notes do not explain the reading", c.ID)
		}
		if !slices.Contains(c.Tags, "analyst-reading") {
			t.Errorf("claim %s has an analyst_interval but no analyst-reading tag", c.ID)
		}
	}
	if n == 0 {
		t.Errorf("no claim has an analyst_interval, want at least the reading of \"a little half\"")
	}
}
