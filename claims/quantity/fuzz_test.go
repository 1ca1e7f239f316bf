package quantity

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkQuantity holds the invariants every Quantity keeps.
func checkQuantity(t *testing.T, text string, q Quantity) {
	t.Helper()
	for name, p := range map[string]*float64{"low": q.Low, "high": q.High, "best": q.Best} {
		if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
			t.Errorf("%q: %s = %v, want a finite number", text, name, *p)
		}
	}
	if q.Low != nil && q.High != nil && *q.Low > *q.High {
		t.Errorf("%q: low %v > high %v", text, *q.Low, *q.High)
	}
	if q.Best != nil && ((q.Low != nil && *q.Best < *q.Low) || (q.High != nil && *q.Best > *q.High)) {
		t.Errorf("%q: best %v outside %v-%v", text, *q.Best, q.Low, q.High)
	}
	both := q.Low != nil && q.High != nil
	switch q.Kind {
	case Exact:
		if !both || q.Best == nil || *q.Low != *q.High || *q.Best != *q.Low {
			t.Errorf("%q: exact with low %v high %v best %v", text, q.Low, q.High, q.Best)
		}
	case Approximate, Range, Vague:
		if !both {
			t.Errorf("%q: %s without both bounds", text, q.Kind)
		}
		if q.Kind != Range && !q.Approx {
			t.Errorf("%q: %s not marked approx", text, q.Kind)
		}
	case LowerBound:
		if q.Low == nil || q.High != nil || q.Best != nil {
			t.Errorf("%q: lower bound with low %v high %v best %v", text, q.Low, q.High, q.Best)
		}
	case UpperBound:
		if q.High == nil || q.Low != nil || q.Best != nil {
			t.Errorf("%q: upper bound with low %v high %v best %v", text, q.Low, q.High, q.Best)
		}
	case Change:
		// A signed change ("up 5", "fell by 3%"): either bound may be
		// open ("rose by more than 5"), but never negative zero.
		for _, v := range []*float64{q.Low, q.High, q.Best} {
			if v != nil && *v == 0 && math.Signbit(*v) {
				t.Errorf("%q: a change of -0", text)
			}
		}
	default:
		t.Errorf("%q: unknown kind %q", text, q.Kind)
	}
	if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
		t.Errorf("%q: span %d-%d out of the text (%d bytes)", text, q.Start, q.End, len(text))
	}
	if q.Rule == "" || q.Explanation == "" {
		t.Errorf("%q: rule %q, explanation %q: want both", text, q.Rule, q.Explanation)
	}
}

func seedCorpus(f *testing.F) {
	for _, c := range englishCases {
		f.Add(c.in)
	}
	for _, c := range russianCases {
		f.Add(c.in)
	}
	for _, s := range benchCorpus {
		f.Add(s)
	}
}

func FuzzParse(f *testing.F) {
	seedCorpus(f)
	p := New(WithRoundFigurePrecision(true))
	f.Fuzz(func(t *testing.T, text string) {
		for _, parser := range []*Parser{defaultParser, p} {
			q, err := parser.Parse(text)
			if err != nil {
				var pe *Error
				if !errors.As(err, &pe) || pe.Reason == "" {
					t.Fatalf("Parse(%q) error %v: want *Error with a reason", text, err)
				}
				continue
			}
			if q.Text != text {
				t.Errorf("Parse(%q).Text = %q", text, q.Text)
			}
			checkQuantity(t, text, q)
		}
	})
}

func FuzzExtract(f *testing.F) {
	seedCorpus(f)
	for _, name := range []string{"testdata/article_en.txt", "testdata/article_ru.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, q := range Extract(text) {
			checkQuantity(t, text, q)
			if q.Start < end {
				t.Errorf("%q: span %d-%d overlaps the previous one (ends at %d)", text, q.Start, q.End, end)
			}
			if q.Start >= 0 && q.End <= len(text) && q.Start <= q.End && q.Text != text[q.Start:q.End] {
				t.Errorf("%q: Text %q is not the span %d-%d", text, q.Text, q.Start, q.End)
			}
			end = q.End
		}
	})
}

// adversarial builds inputs of about n bytes that stress the scanner and
// the matcher: long digit runs, separator chains, modifier chains with
// no figure, numerals that never end.
func adversarial(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)+1)[:n] }
	in := map[string]string{
		"digits":     rep("9"),
		"separators": rep("1,000."),
		"spaces":     rep("100 "),
		"modifiers":  rep("more than about nearly up to "),
		"numerals":   rep("twenty-five hundred and "),
		"russian":    rep("несколько десятков тысяч "),
		"ranges":     rep("1-2-"),
		"vague":      rep("a few of "),
		"symbols":    rep("~$€%+-"),
	}
	for k, s := range in {
		for !utf8.ValidString(s) { // a cut through a multi-byte letter
			s = s[:len(s)-1]
		}
		in[k] = s
	}
	return in
}

// Ten kilobytes of hostile input are read in one linear pass: each test
// here would take seconds if a rule backtracked over the text.
func TestLargeInputs(t *testing.T) {
	t.Parallel()
	for name, text := range adversarial(10 << 10) {
		qs := Extract(text)
		for _, q := range qs {
			checkQuantity(t, text, q)
		}
		if _, err := Parse(text); err == nil {
			t.Errorf("Parse(%s, %d bytes) = nil error, want text is longer than %d characters", name, len(text), MaxParseLen)
		}
	}
}
