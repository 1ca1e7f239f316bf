package xref

import (
	"math"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
)

// describe names a claim for an explanation: "Bogdanov's a few dozen (24-60)".
func describe(f *fact) string {
	name := possessive(f.v.Name())
	if !f.numbered {
		return name + " claim"
	}
	r := rangeWords(f.lo, f.hi)
	q := strings.TrimSpace(f.v.QuantityText)
	if q == "" || q == r {
		return name + " " + r
	}
	return name + " " + q + " (" + r + ")"
}

// describeDated adds the reference date: "Bortnikov's 1,700 (2015-02)".
func describeDated(f *fact) string {
	d := f.v.RefDate()
	if d == "" {
		return describe(f) + " (undated)"
	}
	return describe(f) + " (" + string(d) + ")"
}

// describeIn adds the places: "in Syria alone" for an inner count, "for
// Syria and Iraq" otherwise.
func describeIn(f *fact, alone bool) string {
	if f.set.Unspecified() {
		return describe(f) + " (no place stated)"
	}
	if alone {
		return describe(f) + " in " + placeWords(f) + " alone"
	}
	return describe(f) + " for " + placeWords(f)
}

func placeWords(f *fact) string {
	if f.set.Unspecified() {
		return "no stated place"
	}
	return joinAnd(f.set.Names)
}

func sharedPlace(a, b *fact) string {
	switch {
	case a.set.Unspecified() && b.set.Unspecified():
		return "(neither states a place)"
	case a.set.Unspecified():
		return "(the first states no place, the second is for " + placeWords(b) + ")"
	case b.set.Unspecified():
		return "(the second states no place, the first is for " + placeWords(a) + ")"
	}
	return "for " + placeWords(a)
}

func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func possessive(name string) string {
	if strings.HasSuffix(name, "'") {
		return name
	}
	return name + "'s"
}

func measureWords(m claims.Measure) string {
	switch m {
	case claims.Flow:
		return "a cumulative flow (how many over a period)"
	case claims.Proxy:
		return "a proxy measure"
	}
	return "a stock (how many at a moment)"
}

func hedgeWords(f *fact) string {
	var k string
	switch f.v.Interval.Kind {
	case "lower_bound":
		k = "a lower bound"
	case "upper_bound":
		k = "an upper bound"
	case "exact":
		k = "an exact figure"
	case "approximate":
		k = "an approximation"
	case "range":
		k = "a range"
	case "vague":
		k = "a vague figure"
	default:
		k = "unqualified"
	}
	if q := strings.TrimSpace(f.v.QuantityText); q != "" {
		return "\"" + q + "\", " + k
	}
	return k
}

// rangeWords formats an interval: "720-880", "2,400", "400 or more", "up to 3,000".
func rangeWords(lo, hi float64) string {
	loInf, hiInf := math.IsInf(lo, 0), math.IsInf(hi, 0)
	switch {
	case loInf && hiInf:
		return "any number"
	case hiInf:
		return num(lo) + " or more"
	case loInf:
		return "up to " + num(hi)
	case lo == hi:
		return num(lo)
	}
	return num(lo) + "-" + num(hi)
}

// num formats a number with thousands separators: 2,719; 0.25.
func num(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(v)), 10)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// times formats a severity: "12x", "1.04x".
func times(s float64) string {
	if s >= MaxSeverity {
		return "an unbounded factor (one bound is zero)"
	}
	t := strconv.FormatFloat(s, 'f', 2, 64)
	t = strings.TrimSuffix(strings.TrimRight(t, "0"), ".")
	return t + "x"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
