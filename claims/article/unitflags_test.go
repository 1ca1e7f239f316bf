package article

import (
	"strconv"
	"testing"
)

// TestUnitFlags holds the doc's cached flags of units to the questions
// judge and the reader asked of a unit before they were cached (the
// expressions spelt out here), for units of each kind in several cases
// and enough other units to empty the cache more than once.
func TestUnitFlags(t *testing.T) {
	units := []string{"", "p.m.", "P.M.", "МСК", "утра", "hours", "Hours", "weeks", "недели", "недель", "лет", "km", "км", "Километров",
		"miles", "people", "человек", "percent", "тысяч"}
	for i := range 3 * maxUnitCache {
		units = append(units, "unit"+strconv.Itoa(i%(2*maxUnitCache)))
	}
	want := func(u string) (f uint8) {
		if u != "" && inFolded(timeMarks, u) {
			f |= uTime
		}
		if u != "" && durationWords[stem(u)] {
			f |= uDuration
		}
		if u != "" && inFolded(lengthUnits, u) {
			f |= uLength
		}
		return f
	}
	d := New(nil, nil).newDoc()
	defer d.release()
	kinds := uint8(0)
	for range 2 {
		for _, u := range units {
			if got, w := d.unitFlags(u), want(u); got != w {
				t.Fatalf("unitFlags(%q) = %b, want %b", u, got, w)
			}
			kinds |= want(u)
		}
	}
	if kinds != uTime|uDuration|uLength {
		t.Errorf("the units tried have only the flags %b", kinds)
	}
	if len(d.units) > maxUnitCache {
		t.Errorf("%d units cached, more than %d", len(d.units), maxUnitCache)
	}
}
