package xref

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// randomTopic builds a topic of n claims mixing every feature the rules
// look at: places (known, nested, opaque, unspecified), partial and
// unknown dates, claimants with shared occasions and said_on dates,
// measures, units, open intervals, missing numbers, deprecation and links.
func randomTopic(r *rand.Rand, n int, withLinks bool) (*claims.Topic, []ClaimView, []*claims.Link) {
	topic := &claims.Topic{Meta: claims.Meta{ID: "t"}, Unit: "people", Additive: r.IntN(4) != 0, WindowDays: []int{0, 30, 365, 2000}[r.IntN(4)]}
	if r.IntN(2) == 0 {
		topic.Places = [][]string{{"Syria", "Iraq"}, {"Syria"}, {"Middle East"}}[r.IntN(3)]
	}
	// A population tree: Russians > Caucasians > Chechens, Russians >
	// recruited > trained > deployed; "IS" within "any group".
	if r.IntN(3) != 0 {
		topic.Populations = []claims.Population{
			{Name: "Russians", Aliases: []string{"Russian nationals"}}, {Name: "Caucasians", Broader: "Russians"}, {Name: "Chechens", Broader: "Caucasians"},
			{Name: "recruited", Broader: "Russians"}, {Name: "trained", Broader: "recruited"}, {Name: "deployed", Broader: "trained"},
			{Name: "any group"}, {Name: "IS", Broader: "any group"},
		}
	}
	pops := []string{"", "", "", "", "", "Russians", "Russian nationals", "Caucasians", "Chechens", "recruited", "trained", "deployed", "Dagestanis"}
	groups := []string{"", "", "", "", "", "", "any group", "IS", "Nusra"}
	places := [][]string{nil, {"Syria"}, {"Iraq"}, {"Syria", "Iraq"}, {"Dabiq"}, {"Middle East"}, {"Chechnya"}, {"Russia"}, {"Syria and Iraq"}}
	dates := func() claims.Date {
		switch r.IntN(6) {
		case 0:
			return ""
		case 1:
			return claims.Date(fmt.Sprint(2013 + r.IntN(4)))
		case 2:
			return claims.Date(fmt.Sprintf("%d-%02d", 2013+r.IntN(4), 1+r.IntN(12)))
		}
		return claims.Date(fmt.Sprintf("%d-%02d-%02d", 2013+r.IntN(4), 1+r.IntN(12), 1+r.IntN(28)))
	}
	var cs []ClaimView
	for k := range n {
		c := &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("c%03d", k)}, TopicID: "t"}
		c.ClaimantID = fmt.Sprintf("p%d", r.IntN(6))
		c.Scope.Places = places[r.IntN(len(places))]
		c.Scope.Measure = []claims.Measure{claims.Current, claims.Current, claims.Current, claims.Current, claims.Cumulative, claims.Cumulative, claims.Cumulative, claims.Peak, claims.PerPeriod, claims.Proxy}[r.IntN(10)]
		c.Scope.Population = pops[r.IntN(len(pops))]
		c.Scope.Group = groups[r.IntN(len(groups))]
		if r.IntN(8) == 0 {
			c.Basis = []claims.Basis{claims.BasisProjection, claims.BasisDeclared, claims.BasisModel}[r.IntN(3)]
		} else {
			c.Basis = []claims.Basis{"", claims.BasisCount, claims.BasisEstimate}[r.IntN(3)]
		}
		if r.IntN(15) == 0 {
			c.Unit = "percent"
		}
		if r.IntN(5) == 0 {
			c.Occasion = fmt.Sprintf("occasion %d", r.IntN(3))
		}
		c.SaidOn = dates()
		if r.IntN(3) == 0 {
			c.AsOf = dates()
		}
		if r.IntN(10) == 0 {
			// A time of day, often on a day other claims give whole.
			c.AsOf = claims.Date(fmt.Sprintf("%d-%02d-%02dT%02d:00", 2013+r.IntN(4), 1+r.IntN(12), 1+r.IntN(28), r.IntN(24)))
		}
		if c.Scope.Measure == claims.Cumulative && r.IntN(3) == 0 {
			c.Since = []claims.Date{"2011", "2013"}[r.IntN(2)]
		}
		if c.Scope.Measure == claims.PerPeriod {
			c.AsOf = claims.Date(fmt.Sprint(2013 + r.IntN(2)))
			c.Since = c.AsOf
		}
		c.Provenance.SourceID = fmt.Sprintf("s%d", r.IntN(3))
		if r.IntN(12) == 0 {
			c.NoNumber = true
		} else {
			lo := float64(1 + r.IntN(20)*r.IntN(300))
			hi := lo + float64(r.IntN(3)*r.IntN(500))
			iv := &claims.Interval{Low: &lo, High: &hi}
			iv.Kind = []quantity.Kind{"exact", "approximate", "range", "vague"}[r.IntN(4)]
			switch r.IntN(8) {
			case 0:
				iv.High, iv.Kind = nil, "lower_bound"
			case 1:
				iv.Low, iv.Kind = nil, "upper_bound"
			case 2:
				iv.Low, iv.High, iv.Best = nil, nil, &lo
			}
			c.Interval = iv
		}
		if r.IntN(10) == 0 {
			c.Rank = claims.RankDeprecated
		}
		cs = append(cs, ClaimView{Claim: c, ClaimantName: "Claimant " + c.ClaimantID})
	}
	var links []*claims.Link
	if withLinks && n > 1 {
		for k := range r.IntN(4) {
			a, b := r.IntN(n), r.IntN(n)
			if a == b {
				continue
			}
			links = append(links, &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("l%d", k)}, FromID: cs[a].ID, ToID: cs[b].ID, Kind: claims.LinkKinds[r.IntN(len(claims.LinkKinds))]})
		}
	}
	return topic, cs, links
}

// withTimes gives a third of the claims a time of day on one of a few
// days, which other claims give whole (or as their month or year), so
// that part-day claims meet whole-day ones, at the same minute, on the
// same day and on days apart; half of them lose their population, group
// and places and count now or to date, so that claims of one scope meet.
func withTimes(r *rand.Rand, cs []ClaimView) {
	days := []string{"2014-03-01", "2014-03-02", "2014-03-05", "2015-06-30"}
	for _, c := range cs {
		if c.Scope.Measure == claims.PerPeriod {
			continue
		}
		if r.IntN(2) == 0 {
			c.Scope.Population, c.Scope.Group, c.Scope.Places, c.Since = "", "", nil, ""
			c.Scope.Measure = []claims.Measure{claims.Current, claims.Cumulative}[r.IntN(2)]
		}
		day := days[r.IntN(len(days))]
		switch r.IntN(6) {
		case 0, 1:
			c.AsOf = claims.Date(fmt.Sprintf("%sT%02d:%02d", day, 8+r.IntN(3)*4, r.IntN(2)*30))
		case 2:
			c.AsOf = claims.Date(day)
		case 3:
			c.AsOf = claims.Date(day[:7])
		}
	}
}

// TestRecomputeMatchesBruteForce checks the sweep against relating every
// pair one by one with Relate, which applies the rules to the two claims
// alone: once with every block of the sweep related pair by pair and
// once with every block swept, on random topics and on topics where a
// third of the claims give a time of day.
func TestRecomputeMatchesBruteForce(t *testing.T) {
	for _, limit := range []int{0, 1 << 30} {
		t.Run(fmt.Sprint("limit=", limit), func(t *testing.T) {
			defer func(old int) { directLimit = old }(directLimit)
			directLimit = limit
			recomputeMatchesBruteForce(t)
		})
	}
}

func recomputeMatchesBruteForce(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		topic, cs, links := randomTopic(r, 1+r.IntN(60), seed%3 == 0)
		if seed%2 == 1 {
			withTimes(r, cs)
		}
		res := Recompute(topic, cs, links, nil)
		ctx := NewContext(topic, nil, links)
		ctx.UseOrigins(cs)
		var pairs int64
		for k, a := range cs {
			// The worst conflict is the one furthest beyond the pair's
			// tolerance; among equally far, any of their severities.
			count, excess, worst := 0, 0.0, map[float64]bool{}
			for j, b := range cs {
				if j == k {
					continue
				}
				rel := Relate(a, b, ctx)
				if back := Relate(b, a, ctx); back.Conflict() != rel.Conflict() || back.Severity != rel.Severity {
					t.Fatalf("seed %d: Relate(%s, %s) = %s %g but Relate(%s, %s) = %s %g", seed, a.ID, b.ID, rel.Kind, rel.Severity, b.ID, a.ID, back.Kind, back.Severity)
				}
				if rel.Conflict() {
					count++
					switch {
					case rel.excess > excess:
						excess, worst = rel.excess, map[float64]bool{rel.Severity: true}
					case rel.excess == excess:
						worst[rel.Severity] = true
					}
				}
			}
			pairs += int64(count)
			got := res.Claims[k]
			if got.ConflictCount != count || !worst[got.WorstSeverity] && count > 0 {
				t.Fatalf("seed %d: claim %s: sweep says %d conflicts, worst %g; brute force %d, worst %v",
					seed, a.ID, got.ConflictCount, got.WorstSeverity, count, worst)
			}
			if count > 0 {
				var other ClaimView
				for _, c := range cs {
					if c.ID == got.WorstAgainst {
						other = c
					}
				}
				if rel := Relate(a, other, ctx); !rel.Conflict() || !worst[rel.Severity] {
					t.Fatalf("seed %d: claim %s: worst against %s is %s %g, want a conflict of %v", seed, a.ID, got.WorstAgainst, rel.Kind, rel.Severity, worst)
				}
			}
		}
		if res.Topic.ConflictPairs != pairs/2 {
			t.Fatalf("seed %d: conflict_pairs = %d, want %d", seed, res.Topic.ConflictPairs, pairs/2)
		}
	}
}

// TestPartWholeMatchesBruteForce checks the parent sweep the same way.
func TestPartWholeMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 11))
		topic, cs, _ := randomTopic(r, 1+r.IntN(40), false)
		topic.ParentID = "parent"
		parent := &claims.Topic{Meta: claims.Meta{ID: "parent"}, Unit: "people", Additive: true}
		_, ps, _ := randomTopic(r, 1+r.IntN(40), false)
		for _, p := range ps {
			p.TopicID = "parent"
			p.ID = "p" + p.ID
		}
		res := Recompute(topic, cs, nil, &Related{Parent: parent, ParentClaims: ps})
		ctx := NewContext(topic, nil, nil).WithParent(parent)
		for k, a := range cs {
			count, worst := 0, 1.0
			for _, p := range ps {
				if rel := Relate(a, p, ctx); rel.Kind == PartExceedsWhole && !rel.Deprecated {
					count++
					worst = max(worst, rel.Severity)
				}
			}
			got := res.Claims[k]
			if got.PartWholeCount != count {
				t.Fatalf("seed %d: claim %s: sweep says %d parts above wholes, brute force %d", seed, a.ID, got.PartWholeCount, count)
			}
			if count > 0 && got.ConflictCount == 0 && got.WorstSeverity != worst {
				t.Fatalf("seed %d: claim %s: worst %g, want %g", seed, a.ID, got.WorstSeverity, worst)
			}
		}
	}
}
