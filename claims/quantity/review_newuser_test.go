package quantity

import "testing"

// TestParseReadsACountOfOccasions: "times"/"раз" without a comparison is a
// count of occasions (ceasefire violations, shellings), not a multiplier;
// parser 8 refuses it as a factor, and an export holding such a claim no
// longer imports. "в два раза больше" stays refused.
func TestParseReadsACountOfOccasions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		best float64
	}{
		{"the ceasefire was violated 300 times", 300},
		{"обстреляли 20 раз", 20},
		{"нарушали перемирие 1000 раз", 1000},
	} {
		q, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v; want a count of %v occasions", c.in, err, c.best)
			continue
		}
		if q.Best == nil || *q.Best != c.best {
			t.Errorf("Parse(%q) best = %v; want %v", c.in, q.Best, c.best)
		}
	}
	if _, err := Parse("в два раза больше"); err == nil {
		t.Errorf(`Parse("в два раза больше"): no error; want the factor refused`)
	}
}

// TestParsePluralOfTenWrittenOtherwise: "10s of 1000s" is tens of
// thousands (it read 20 to 99: refused before parser 8), and "10S OF
// THOUSANDS" / "10's of thousands" are the same phrase as "10s of
// thousands" (they read 2,000 to 9,999, ten times too few).
func TestParsePluralOfTenWrittenOtherwise(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"10s of 1000s", "10S OF THOUSANDS", "10's of thousands"} {
		q, err := Parse(in)
		if err != nil {
			continue // refusing is honest; a wrong reading is not
		}
		if q.Low == nil || *q.Low != 20000 {
			t.Errorf("Parse(%q) low = %v (%s); want 20,000 (tens of thousands) or a refusal", in, fmtp(q.Low), q.Explanation)
		}
	}
}

func fmtp(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
