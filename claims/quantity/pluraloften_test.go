package quantity

import "testing"

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

// TestParsePluralOfTenAnyCaseOrApostrophe: "100's of", "1000's of", "10S
// OF" and "10s of 1000s" read as "100s of", "1000s of", "10s of thousands":
// the range of the words hundreds, thousands, tens of thousands.
func TestParsePluralOfTenAnyCaseOrApostrophe(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in        string
		low, high float64
	}{
		{"10s of 1000s", 20_000, 99_999},
		{"100s of 1000s", 200_000, 999_999},
		{"10S OF THOUSANDS", 20_000, 99_999},
		{"10's of thousands", 20_000, 99_999},
		{"10’s of thousands", 20_000, 99_999},
		{"100's of people", 200, 999},
		{"1000's of refugees", 2_000, 9_999},
		{"1,000's of refugees", 2_000, 9_999},
		{"1000S of people", 2_000, 9_999},
	} {
		q, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if q.Low == nil || q.High == nil || *q.Low != c.low || *q.High != c.high {
			t.Errorf("Parse(%q) = %v to %v (%s); want %v to %v", c.in, fmtp(q.Low), fmtp(q.High), q.Explanation, c.low, c.high)
		}
	}
	// A figure with "s" and no plural "of" near it is not read as one.
	for _, in := range []string{"a lap time of 10s", "10s", "the 1990s"} {
		if q, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %s; want it refused", in, q.Explanation)
		}
	}
}
