package xref

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestMisreportsMatchBruteForce checks the misreports Recompute lists
// against a check written from the rule alone: reports of one statement
// (one claimant's words on one occasion, or on one day in one source)
// whose figures lie more than three times apart, compared pair by pair.
// Each statement with such a pair is listed once, for the pair furthest
// apart, and nothing else is listed as a misreport.
func TestMisreportsMatchBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 3))
		cs := misreportTopic(r, 2+r.IntN(30))
		topic := &claims.Topic{Meta: claims.Meta{ID: "t"}, Unit: "people", WindowDays: 365}
		res := Recompute(topic, cs, nil, nil)

		// The oracle: group by statement, then every pair.
		type worst struct {
			gap  float64
			a, b string
		}
		groups := map[string]*worst{}
		stmt := func(c *claims.Claim) string {
			if occ := strings.ToLower(strings.TrimSpace(c.Occasion)); occ != "" {
				return c.ClaimantID + "|o|" + occ + "|" + misreportUnit(c)
			}
			if c.SaidOn != "" && c.Provenance.SourceID != "" {
				return c.ClaimantID + "|d|" + string(c.SaidOn) + "|" + c.Provenance.SourceID + "|" + misreportUnit(c)
			}
			return ""
		}
		for i, a := range cs {
			for _, b := range cs[i+1:] {
				ka, kb := stmt(a.Claim), stmt(b.Claim)
				if ka == "" || ka != kb || !misreportActive(a.Claim) || !misreportActive(b.Claim) {
					continue
				}
				la, ha := misreportBounds(a.Claim)
				lb, hb := misreportBounds(b.Claim)
				gap := 1.0
				switch {
				case ha < lb:
					gap = lb / ha
				case hb < la:
					gap = la / hb
				}
				if gap <= 3 {
					continue
				}
				if g := groups[ka]; g == nil || gap > g.gap {
					groups[ka] = &worst{gap, a.ID, b.ID}
				}
			}
		}

		listed := map[string]Conflict{}
		for _, c := range res.Conflicts {
			if c.Kind != Misreport {
				continue
			}
			var a, b *claims.Claim
			for _, v := range cs {
				switch v.ID {
				case c.ClaimA:
					a = v.Claim
				case c.ClaimB:
					b = v.Claim
				}
			}
			k := stmt(a)
			if k == "" || k != stmt(b) {
				t.Fatalf("seed %d: misreport %s/%s joins claims of different statements", seed, c.ClaimA, c.ClaimB)
			}
			if _, dup := listed[k]; dup {
				t.Fatalf("seed %d: statement %q listed twice", seed, k)
			}
			listed[k] = c
		}
		for k, g := range groups {
			c, ok := listed[k]
			if !ok {
				t.Fatalf("seed %d: statement %q has reports %s and %s %.4gx apart, but no misreport is listed", seed, k, g.a, g.b, g.gap)
			}
			if !threeFigures(c.Severity, g.gap) {
				t.Fatalf("seed %d: statement %q: misreport %s/%s of severity %g, want the pair furthest apart, %.4g (%s/%s)",
					seed, k, c.ClaimA, c.ClaimB, c.Severity, g.gap, g.a, g.b)
			}
			if !strings.Contains(c.Explanation, "misreport") {
				t.Fatalf("seed %d: explanation %q does not say misreport", seed, c.Explanation)
			}
		}
		if len(listed) != len(groups) {
			t.Fatalf("seed %d: %d statements listed as misreports, want %d", seed, len(listed), len(groups))
		}
	}
}

// misreportTopic builds claims by a few claimants on a few occasions and
// days, some with a slip of a thousand or a lost digit, some open, without
// a number, deprecated or in another unit.
func misreportTopic(r *rand.Rand, n int) []ClaimView {
	var cs []ClaimView
	for k := range n {
		c := &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("c%02d", k)}, TopicID: "t", Scope: claims.Scope{Places: []string{"Syria"}}}
		c.ClaimantID = fmt.Sprintf("p%d", r.IntN(3))
		switch r.IntN(3) {
		case 0:
			c.Occasion = []string{"press conference", "Press Conference ", "interview"}[r.IntN(3)]
		case 1:
			c.SaidOn = claims.Date([]string{"2015-10-01", "2015-10-02"}[r.IntN(2)])
			c.Provenance.SourceID = fmt.Sprintf("s%d", r.IntN(2))
		default:
			c.SaidOn = "2015-10-01"
		}
		base := float64(1000 + 500*r.IntN(4))
		switch r.IntN(6) {
		case 0:
			base *= 1000 // "2.5 thousand" read as "2.5 million"
		case 1:
			base /= 10 // a lost digit
		case 2:
			base *= 3 // just at the factor: not more than three times
		}
		lo, hi := base, base*(1+float64(r.IntN(3))/10)
		iv := &claims.Interval{Low: &lo, High: &hi, Kind: "range"}
		switch r.IntN(8) {
		case 0:
			iv.High, iv.Kind = nil, "lower_bound"
		case 1:
			iv.Low, iv.Kind = nil, "upper_bound"
		}
		c.Interval = iv
		if r.IntN(12) == 0 {
			c.NoNumber = true
		}
		if r.IntN(10) == 0 {
			c.Rank = claims.RankDeprecated
		}
		if r.IntN(10) == 0 {
			c.Unit = "percent"
		}
		cs = append(cs, ClaimView{Claim: c})
	}
	return cs
}

func misreportActive(c *claims.Claim) bool {
	return !c.NoNumber && c.Interval != nil && c.Rank != claims.RankDeprecated
}

func misreportUnit(c *claims.Claim) string {
	if c.Unit != "" {
		return c.Unit
	}
	return "people"
}

// misreportBounds reads an interval's bounds, open ones as infinite.
func misreportBounds(c *claims.Claim) (float64, float64) {
	lo, hi := math.Inf(-1), math.Inf(1)
	if c.Interval.Low != nil {
		lo = *c.Interval.Low
	}
	if c.Interval.High != nil {
		hi = *c.Interval.High
	}
	return lo, hi
}

// threeFigures reports whether got is x to three significant figures:
// no further from it than half a unit of the third figure.
func threeFigures(got, x float64) bool {
	unit := math.Pow(10, math.Floor(math.Log10(x))-2)
	return math.Abs(got-x) <= unit/2*(1+1e-9)
}
