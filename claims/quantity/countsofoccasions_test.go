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
		{"visited 3 times", 3},
		{"3 times", 3},
		{"20 раз подряд", 20},
		{"visited 3 times as a tourist", 3},
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
	for _, in := range []string{"в два раза больше", "в 3 раза быстрее", "300 times higher", "5 times the number", "в несколько раз больше"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q): no error; want the factor refused", in)
		}
	}
	// A vague count of occasions is read too: "несколько раз" is 3 to 9.
	for _, in := range []string{"несколько раз", "тысячи раз"} {
		if q, err := Parse(in); err != nil || q.Low == nil {
			t.Errorf("Parse(%q): %v; want a count of occasions", in, err)
		}
	}
}
