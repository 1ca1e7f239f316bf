package quantity

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		reason string // a prefix of the reason
	}{
		{"", "empty text"},
		{"   \t ", "empty text"},
		{"no idea", "no number or quantity word found"},
		{"more than", "no number or quantity word found"},
		{"a lot", "no number or quantity word found"},
		{"many", `"many" names no number`},
		{"много", `"много" names no number`},
		{"numerous fighters", `"numerous" names no number`},
		{"800 Russians and 200 Chechens", `two quantities found ("800 Russians" and "200 Chechens"): give one`},
		{"800, 900 and 1,000", "3 quantities found: give one"},
		{"1.2.3", `cannot read "1.2.3" as a number`},
		{"03.04.2015", `cannot read "03.04.2015" as a number`},
		{"the 3rd", `cannot read "3" as a quantity`},
		{"Su-24", `cannot read "24" as a quantity`},
		{"1990s", `cannot read "1990" as a quantity`},
		{"in 2014 and 2015", "2 dates, years or reference numbers found and no other quantity: give one"},
		// A multiplier is no count: "в два раза больше" was read as 2.
		{"3 times more", `"3 times more" is a comparison by a factor, not a count: give the figure it multiplies`},
		{"в два раза больше", `"в два раза больше" is a comparison by a factor, not a count`},
		{"в 2 раза", `"в 2 раза" is a comparison by a factor, not a count`},
		{"в десять раз", `"в десять раз" is a comparison by a factor, not a count`},
		{"ten times as many fighters", `"ten times as many" is a comparison by a factor`},
		{"цены выросли в 1,5 раза", `"в 1,5 раза" is a comparison by a factor`},
		{"потери 3 раза выше", `"3 раза выше" is a comparison by a factor`},
		// A year in a date context is no quantity.
		{"In 2015, the number rose.", "only a year found: no quantity"},
		{"in 2015", "only a year found: no quantity"},
		{"since 2011", "only a year found: no quantity"},
		{"by 2017", "only a year found: no quantity"},
		{"from 2015", "only a year found: no quantity"},
		{"March 2015", "only a year found: no quantity"},
		{"2015 год", "only a year found: no quantity"},
		{"в 2015 году", "only a year found: no quantity"},
		{"с 2011 года", "only a year found: no quantity"},
		{"с 2011", "only a year found: no quantity"},
		{"до 2020 года", "only a year found: no quantity"},
		{"in 2014-2016", "only years found: no quantity"},
		// A year after a date preposition that opens the sentence, or
		// after one only dates follow, is a year even before a count
		// noun or a nation's adjective and its noun.
		{"In 2014 Russian troops entered Crimea.", "only a year found: no quantity"},
		{"In 2014 troops entered Crimea.", "only a year found: no quantity"},
		{"Since 2011 Syrian civilians have fled.", "only a year found: no quantity"},
		{"refugees have left since 2011 Syrian cities fell", "only a year found: no quantity"},
		{"In 2015 people fled Ramadi.", "only a year found: no quantity"},
		// Out of range, and scientific notation.
		{"99999999999999999999999", `out of range: "99999999999999999999999" is above 10^15`},
		{"9999999999999999", `out of range: "9999999999999999" is above 10^15`},
		{"1,000,000,000,000,000,000", `out of range: "1,000,000,000,000,000,000" is above 10^15`},
		{"2000 trillion", `out of range: "2000 trillion" is above 10^15`},
		{"more than 5000 trillion dollars", `out of range: "more than 5000 trillion dollars" is above 10^15`},
		{"billions of billions", `out of range: "billions of billions" is above 10^15`},
		{"около 99999999999999999999 рублей", `out of range: "около 99999999999999999999 рублей" is above 10^15`},
		{"1e9", "scientific notation is not read: write 1,000,000,000 or 1 billion"},
		{"1E6", "scientific notation is not read: write 1,000,000 or 1 million"},
		{"about 2.5e6 people", "scientific notation is not read: write 2,500,000 or 2.5 million"},
		{"1e+9", "scientific notation is not read: write 1,000,000,000 or 1 billion"},
		{"1.2345e9", "scientific notation is not read: write 1,234,500,000"},
		{"1e-3", "scientific notation is not read: write 1e-3 in full"},
		{"1e20", "scientific notation is not read, and 1e20 is above 10^15"},
		// Negative figures: a minus glued before the figure.
		{"-5", "a sign before the number: negative quantities are not counts"},
		{"−5", "a sign before the number: negative quantities are not counts"},
		{"-5 fighters", "a sign before the number: negative quantities are not counts"},
		{"- 5", "a sign before the number: negative quantities are not counts"},
		{"minus 3,400,000", "a sign before the number: negative quantities are not counts"},
		{"минус 5", "a sign before the number: negative quantities are not counts"},
		{"(-5)", "a sign before the number: negative quantities are not counts"},
		{"-$5bn", `a sign before a sum: say what fell or was lost ("fell by $5bn"); a negative sum is not read`},
		{"about -800", "a sign before the number: negative quantities are not counts"},
		{"-5-7", "a sign before the number: negative quantities are not counts"},
		{"-2015", "a sign before the number: negative quantities are not counts"},
		{"−5 человек", "a sign before the number: negative quantities are not counts"},
		{"около -800", "a sign before the number: negative quantities are not counts"},
		{strings.Repeat("8", MaxParseLen+1), "text is longer than 300 characters"},
		{strings.Repeat("ж", MaxParseLen+1), "text is longer than 300 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			q, err := Parse(tt.in)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %+v, %v; want *Error", tt.in, q, err)
			}
			if !strings.HasPrefix(pe.Reason, tt.reason) {
				t.Errorf("Parse(%q) reason = %q, want %q", tt.in, pe.Reason, tt.reason)
			}
			if pe.Text != tt.in {
				t.Errorf("Parse(%q) error Text = %q, want the input", tt.in, pe.Text)
			}
		})
	}
}

// A long Russian text within the limit in characters but not in bytes is
// read, not refused.
func TestParseCountsCharacters(t *testing.T) {
	t.Parallel()
	in := strings.Repeat("ж ", 100) + "около 800"
	if len(in) <= MaxParseLen {
		t.Fatalf("test input is %d bytes, want more than %d", len(in), MaxParseLen)
	}
	if _, err := Parse(in); err != nil {
		t.Errorf("Parse(%d characters) error: %v", len([]rune(in)), err)
	}
}

func TestExplanation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"a few dozen", "a few dozen: 2 to 5 dozen (24-60, best 36)"},
		{"about 800", "about 800: ±10% (720-880)"},
		{"более тысячи", "более тысячи: at least 1,001"},
		{"more than 400", "more than 400: at least 401"},
		{"exceeds 20,000", "exceeds 20,000: at least 20,001"},
		{"at least 4,000", "at least 4,000: 4,000 or more"},
		{"at least four thousand", "at least four thousand: at least 4,000"},
		{"nine thousand at least", "nine thousand at least: at least 9,000"},
		{"9,000 people at least", "9,000 people at least: at least 9,000"},
		{"more than 3.5", "more than 3.5: above 3.5"},
		{"above 3.5", "above 3.5: more than 3.5"},
		{"up to 3,000 people", "up to 3,000: at most 3,000"},
		{"at most 3000", "at most 3000: 3,000 or less"},
		{"fewer than 50", "fewer than 50: at most 49"},
		{"less than 0.5", "less than 0.5: below 0.5"},
		{"up to about 4 thousand", "up to about 4 thousand: at most 4,000, hedged"},
		{"more than a few dozen", "more than a few dozen: at least 24"},
		{"nearly 2000", "nearly 2000: up to 10% under 2,000 (1,800-1,999)"},
		{"just under 1000", "just under 1000: up to 5% under 1,000 (950-999)"},
		{"just over 1000", "just over 1000: up to 5% over 1,000 (1,001-1,050)"},
		{"between 800 and 1,500", "between 800 and 1,500: midpoint 1,150 (800-1,500)"},
		{"70 to 80", "70 to 80: midpoint 75 (70-80)"},
		{"about 70-80", "about 70-80: midpoint 75 (70-80), hedged"},
		{"dozens", "dozens: 24 to 99, best 48"},
		{"some hundreds", "some hundreds: 200 to 999, best 450, hedged"},
		{"несколько десятков", "несколько десятков: 3 to 9 tens (30-90, best 50)"},
		{"two-thirds", "two-thirds: 66.67% (rounded)"},
		{"one in five", "one in five: 20%"},
		{"$2bn", "$2bn: 2,000,000,000, in USD"},
		{"3.5", "3.5: exact figure"},
		{"7000", "7000: exact figure"},
		{"40%", "40%: exact figure"},
		{"five thousand", "five thousand: 5,000"},
		{"40-odd", "40-odd: 40 and some (41-49)"},
		{"two or three thousand", "two or three thousand: midpoint 2,500 (2,000-3,000), hedged"},
		{"пять-шесть тысяч", "пять-шесть тысяч: midpoint 5,500 (5,000-6,000), hedged"},
		{"from five to seven thousand", "from five to seven thousand: midpoint 6,000 (5,000-7,000)"},
		{"1000000000000000", "1000000000000000: exact figure"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if q.Explanation != tt.want {
			t.Errorf("Parse(%q).Explanation = %q, want %q", tt.in, q.Explanation, tt.want)
		}
	}
}

func TestRoundFigurePrecision(t *testing.T) {
	t.Parallel()
	p := New(WithRoundFigurePrecision(true))
	round := func(lo, best, hi float64) want {
		return want{Low: v(lo), High: v(hi), Best: v(best), Approx: true, Kind: Approximate, Rule: "round_figure"}
	}
	runTable(t, p, []parseCase{
		{"4,000", round(3500, 4000, 4500)},
		{"800", round(750, 800, 850)},
		{"1,500", round(1450, 1500, 1550)},
		{"2 million", round(1.5e6, 2e6, 2.5e6)},
		{"1.2 million", round(1.15e6, 1.2e6, 1.25e6)},
		{"3.5m", round(3.45e6, 3.5e6, 3.55e6)},
		{"eight hundred", round(750, 800, 850)},
		{"две тысячи", round(1500, 2000, 2500)},
		{"$2bn", round(1.5e9, 2e9, 2.5e9).unit("USD")},
		// Number words keep their precision: the scale they report for
		// ranges does not make "two dozen" a round figure.
		{"two dozen", exact(24, "numeral")},
		{"twenty-five hundred", round(2450, 2500, 2550)},
		{"полторы тысячи", round(1450, 1500, 1550)},
		{"three hundred thousand", round(2.5e5, 3e5, 3.5e5)},
		// Not round, hedged, or a percentage: unchanged.
		{"4,001", exact(4001, "numeral")},
		{"40", exact(40, "numeral")},
		{"100%", pct(100, "numeral")},
		{"about 4,000", about(3600, 4000, 4400)},
		{"more than 400", lower(401, "more_than")},
	})
	// Off by default.
	q, err := Parse("4,000")
	if err != nil || q.Kind != Exact {
		t.Errorf("Parse(%q) with the default parser = %v %v, want an exact figure", "4,000", q.Kind, err)
	}
}

// Every word of every entry of the vague table, in both languages, reads
// as that entry.
func TestLexiconWordsReadAsTheirEntry(t *testing.T) {
	t.Parallel()
	p := New()
	for _, e := range p.vague {
		if e.Why == "" {
			t.Errorf("vague %q has no why", e.key)
		}
		if len(e.words) == 0 {
			t.Errorf("vague %q has no words", e.key)
		}
		for _, w := range e.words {
			q, err := p.Parse(w)
			if err != nil {
				t.Errorf("Parse(%q) error: %v", w, err)
				continue
			}
			if q.Rule != "vague:"+e.key || q.Kind != Vague {
				t.Errorf("Parse(%q) = %s %s, want vague:%s", w, q.Kind, q.Rule, e.key)
			}
		}
	}
	for k, h := range builtin.Hedges {
		if h.Why == "" {
			t.Errorf("hedge %q has no why", k)
		}
	}
}

func TestCalibration(t *testing.T) {
	t.Parallel()
	const file = `{
		"vague": {"few": {"low": 3, "high": 6, "best": 4, "why": "our desk reads 'a few' as three to six"}},
		"hedges": {"about": {"low": 0.8, "high": 1.2, "best": 1}}
	}`
	c, err := LoadCalibration(strings.NewReader(file))
	if err != nil {
		t.Fatalf("LoadCalibration error: %v", err)
	}
	p := New(WithCalibration(c))
	runTable(t, p, []parseCase{
		{"a few dozen", vague(36, 48, 72, "vague:few")},
		{"a few", vague(3, 4, 6, "vague:few")},
		{"about 800", about(640, 800, 960)},
		{"several dozen", vague(36, 60, 108, "vague:several")}, // not overridden
	})
	if got := p.Version(); got == Version || !strings.HasPrefix(got, Version+"+cal.") {
		t.Errorf("Version() with a calibration = %q, want %q followed by a calibration hash", got, Version)
	}
	if got := New().Version(); got != Version {
		t.Errorf("Version() without a calibration = %q, want %q", got, Version)
	}
	c2, err := LoadCalibration(strings.NewReader(`{"vague": {"few": {"low": 3, "high": 7}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if New(WithCalibration(c2)).Version() == p.Version() {
		t.Error("two different calibrations give the same Version")
	}
	q, err := p.Parse("about 800")
	if err != nil || q.Explanation != "about 800: ±20% (640-960)" {
		t.Errorf("calibrated explanation = %q, %v", q.Explanation, err)
	}
	// A calibration without best leaves the reading without one.
	q, err = New(WithCalibration(c2)).Parse("a few")
	if err != nil || q.Best != nil {
		t.Errorf("Parse(%q) with no best in the calibration = %+v, %v; want no best", "a few", q, err)
	}
}

func TestLoadCalibrationErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, want string
	}{
		{"low above high", `{"vague": {"few": {"low": 6, "high": 3}}}`, `vague "few": low (6) is greater than high (3)`},
		{"unknown entry", `{"vague": {"bunch": {"low": 2, "high": 3}}}`, `vague "bunch": unknown entry`},
		{"unknown hedge", `{"hedges": {"roughly": {"low": 0.9, "high": 1.1}}}`, `hedges "roughly": unknown entry`},
		{"unknown field", `{"vague": {"few": {"low": 2, "high": 3, "words": ["a few"]}}}`, `vague "few": json: unknown field "words"`},
		{"unknown section", `{"vagu": {}}`, `unknown field "vagu"`},
		{"missing high", `{"vague": {"few": {"low": 2}}}`, `vague "few": low and high are required`},
		{"best outside", `{"vague": {"dozens": {"low": 24, "high": 99, "best": 120}}}`, `vague "dozens": best (120) lies outside`},
		{"negative", `{"vague": {"few": {"low": -1, "high": 3}}}`, `vague "few": low and high must be finite and not negative`},
		{"about misses 1", `{"hedges": {"about": {"low": 1.1, "high": 1.2}}}`, `hedges "about": low-high (1.1-1.2) must contain 1`},
		{"nearly above 1", `{"hedges": {"nearly": {"low": 0.9, "high": 1.1}}}`, `hedges "nearly": low-high (0.9-1.1) must lie at or below 1`},
		{"not json", `{"vague": [}`, `quantity: calibration: invalid character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadCalibration(strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadCalibration(%s) error = %v, want one containing %q", tt.file, err, tt.want)
			}
		})
	}
}

func TestNewPanicsOnInvalidCalibration(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("New(WithCalibration(invalid)) did not panic")
		}
	}()
	New(WithCalibration(Calibration{Vague: map[string]Meaning{"few": {Low: 5, High: 2}}}))
}

func TestDefaultCalibrationRoundTrips(t *testing.T) {
	t.Parallel()
	c := DefaultCalibration()
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultCalibration().Validate() = %v", err)
	}
	for _, in := range []string{"a few dozen", "about 800", "nearly 2000", "tens of thousands"} {
		a, errA := New().Parse(in)
		b, errB := New(WithCalibration(c)).Parse(in)
		if errA != nil || errB != nil {
			t.Fatalf("Parse(%q) errors: %v, %v", in, errA, errB)
		}
		b.Rule, a.Rule = "", ""
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("Parse(%q) with the default calibration differs (-built-in +calibrated):\n%s", in, diff)
		}
	}
}

// TestStatementDrift reads three renderings of one statement (Putin,
// February 2017): "up to about 4 thousand", "as many as 4,000" and "at
// least 4,000". The first two are upper bounds and read alike; "at least"
// is a lower bound. The parser must not blur the drift between them into
// one approximate figure: the readings meet only at 4,000.
func TestStatementDrift(t *testing.T) {
	t.Parallel()
	read := func(s string) Quantity {
		t.Helper()
		q, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) error: %v", s, err)
		}
		return q
	}
	upTo, asMany, atLeast := read("up to about 4 thousand"), read("as many as 4,000"), read("at least 4,000")
	for _, q := range []Quantity{upTo, asMany} {
		if q.Kind != UpperBound || q.Low != nil || q.High == nil || *q.High != 4000 {
			t.Errorf("%q = %s %v-%v, want an upper bound of 4,000", q.Text, q.Kind, q.Low, q.High)
		}
	}
	if atLeast.Kind != LowerBound || atLeast.Low == nil || *atLeast.Low != 4000 || atLeast.High != nil {
		t.Errorf("%q = %s %v-%v, want a lower bound of 4,000", atLeast.Text, atLeast.Kind, atLeast.Low, atLeast.High)
	}
	if !upTo.Approx || asMany.Approx {
		t.Errorf("approx: %q %t, %q %t; want only the hedged one approximate", upTo.Text, upTo.Approx, asMany.Text, asMany.Approx)
	}
	if !strings.Contains(asMany.Explanation, "at most") || !strings.Contains(atLeast.Explanation, "or more") {
		t.Errorf("explanations %q and %q do not show the two sides", asMany.Explanation, atLeast.Explanation)
	}
}
