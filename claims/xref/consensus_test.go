package xref

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/google/go-cmp/cmp"
)

func upperOnly(c *claims.Claim) { c.Interval.Low = nil }

func TestConsensus(t *testing.T) {
	t.Parallel()
	type want struct {
		lo, hi            float64
		measure           claims.Measure
		claims, originsIn int
		from, to          claims.Date
	}
	undated := func(cs []ClaimView) []ClaimView {
		for _, c := range cs {
			c.SaidOn = ""
		}
		return cs
	}
	// The founding topic's stocks, 2014 to 2017.
	founding := func() []ClaimView {
		return []ClaimView{
			mk("bogdanov", "bogdanov", "a few dozen", 24, 60, on("2014-09-29")),
			mk("cia", "cia", "up to 3,000", 0, 3000, upperOnly, on("2015-12")),
			mk("putin", "putin", "as many as 4,000", 0, 4000, upperOnly, on("2017-02-23")),
			mk("icsr", "icsr", "1,500 to 2,000", 1500, 2000, on("2015-01")),
			mk("bortnikov", "bortnikov", "around 1,700", 1530, 1870, on("2015-02")),
			mk("kolokoltsev", "kolokoltsev", "1,800", 1800, 1800, on("2015-09")),
			mk("novikov", "novikov", "about 2,000", 1800, 2200, on("2015-06")),
			mk("sutormina", "sutormina", "about 2,500", 2250, 2500, on("2015-09")),
		}
	}
	tests := []struct {
		name string
		cs   []ClaimView
		want *want // nil: no consensus
	}{
		{
			// The greedy grouping put both open-ended claims with the
			// first interval to end, a few dozen, and called that the
			// consensus. Undated, the claims form one period.
			name: "open-ended claims join the thousands, not a few dozen",
			cs:   undated(founding()),
			want: &want{lo: 1800, hi: 1800, measure: claims.Current, claims: 6, originsIn: 6},
		},
		{
			// Dated, the consensus is that of the latest period where
			// two origins agree: Putin's 2017 figure stands alone, so
			// the 180 days to the CIA's December 2015, from Novikov's
			// June 2015 on. Across all four years six origins agreed
			// on 1,800, mixing 2015's figures with 2017's.
			name: "the consensus is for one period",
			cs:   founding(),
			want: &want{lo: 1800, hi: 1800, measure: claims.Current, claims: 3, originsIn: 3, from: "2015-06", to: "2015-12"},
		},
		{
			// Three origins agree in 2013, two in 2017: the current
			// period wins though fewer agree in it.
			name: "the most recent period wins over a deeper older one",
			cs: []ClaimView{
				mk("a", "icsr", "100", 100, 100, on("2013-03")),
				mk("b", "soufan", "90-110", 90, 110, on("2013-04-02")),
				mk("c", "smirnov", "95-120", 95, 120, on("2013-05")),
				mk("d", "putin", "400-420", 400, 420, on("2017-01-10")),
				mk("e", "kadyrov", "410-430", 410, 430, on("2017-03")),
			},
			want: &want{lo: 410, hi: 420, measure: claims.Current, claims: 2, originsIn: 2, from: "2017-01-10", to: "2017-03"},
		},
		{
			// The latest period has two origins that disagree: look
			// back to the latest period where two agree.
			name: "look back to the latest period with agreement",
			cs: []ClaimView{
				mk("a", "icsr", "100", 100, 100, on("2015")),
				mk("b", "soufan", "90-110", 90, 110, on("2015-04-02")),
				mk("d", "putin", "400", 400, 400, on("2017-01-10")),
				mk("e", "kadyrov", "900", 900, 900, on("2017-03")),
			},
			want: &want{lo: 100, hi: 100, measure: claims.Current, claims: 2, originsIn: 2, from: "2015", to: "2015"},
		},
		{
			name: "the same figure years apart is no consensus",
			cs: []ClaimView{
				mk("a", "icsr", "100", 100, 100, on("2013-03")),
				mk("b", "soufan", "100", 100, 100, on("2017-03")),
			},
		},
		{
			name: "undated claims are left out when others are dated",
			cs: []ClaimView{
				mk("a", "icsr", "100", 100, 100),
				mk("b", "soufan", "100", 100, 100),
				mk("c", "putin", "100", 100, 100, on("2017-03")),
			},
		},
		{
			name: "reports of one statement count once",
			cs: []ClaimView{
				mk("ria", "smirnov", "2,400", 100, 120, occasion("SCO, Tashkent")),
				mk("perviy", "smirnov", "around 2,500", 100, 120, occasion("SCO, Tashkent")),
				mk("tass", "smirnov", "2,400", 100, 120, occasion("SCO, Tashkent")),
				mk("a", "icsr", "200", 200, 220, on("2015-01")),
				mk("b", "soufan", "210", 205, 215, on("2015-01")),
			},
			want: &want{lo: 205, hi: 215, measure: claims.Current, claims: 2, originsIn: 2, from: "2015-01", to: "2015-01"},
		},
		{
			name: "one origin relayed many times is no consensus",
			cs: []ClaimView{
				mk("ria", "smirnov", "2,400", 2400, 2400, occasion("SCO, Tashkent")),
				mk("perviy", "smirnov", "2,400", 2400, 2400, occasion("SCO, Tashkent")),
				mk("x", "icsr", "300", 300, 300, on("2015-01")),
			},
		},
		{
			name: "a derived_from link joins origins too",
			cs: []ClaimView{
				mk("a", "bogdanov", "a few dozen", 24, 60, on("2014-09-29")),
				mk("b", "bbc", "a few dozen", 24, 60, on("2014-09-30")),
			},
		},
		{
			// Counting the superseded 100 would tie the two regions and
			// the lower would win.
			name: "superseded figures do not count",
			cs: []ClaimView{
				mk("old", "bortnikov", "100", 100, 100, on("2014-01")),
				mk("new", "bortnikov", "300", 300, 300, on("2015-01")),
				mk("b", "icsr", "90-110", 90, 110, on("2014-01")),
				mk("c", "soufan", "95-105", 95, 105, on("2014-01")),
				mk("d", "smirnov", "290-310", 290, 310, on("2015-01")),
				mk("e", "putin", "280-320", 280, 320, on("2015-01")),
			},
			want: &want{lo: 300, hi: 300, measure: claims.Current, claims: 3, originsIn: 3, from: "2015-01", to: "2015-01"},
		},
		{
			name: "deprecated claims do not count",
			cs: []ClaimView{
				mk("x", "newsweek", "100", 100, 100, deprecated, on("2014-01")),
				mk("y", "kadyrov", "100", 100, 100, deprecated, on("2014-01")),
				mk("b", "icsr", "90-110", 90, 110, on("2014-01")),
				mk("c", "soufan", "95-105", 95, 105, on("2014-01")),
				mk("d", "smirnov", "290-310", 290, 310, on("2015-01")),
				mk("e", "putin", "280-320", 280, 320, on("2015-01")),
				mk("f", "bortnikov", "300", 300, 300, on("2015-01")),
			},
			want: &want{lo: 300, hi: 300, measure: claims.Current, claims: 3, originsIn: 3, from: "2015-01", to: "2015-01"},
		},
		{
			name: "only open-ended intervals agree: no consensus",
			cs: []ClaimView{
				mk("cia", "cia", "up to 3,000", 0, 3000, upperOnly, on("2015-12")),
				mk("putin", "putin", "as many as 4,000", 0, 4000, upperOnly, on("2017-02")),
				mk("fsb", "bortnikov", "more than 400", 401, 0, lowerOnly, on("2013-09")),
			},
		},
		{
			name: "open-ended intervals count beside a two-sided one",
			cs: []ClaimView{
				mk("cia", "cia", "up to 3,000", 0, 3000, upperOnly, on("2015-12")),
				mk("fsb", "bortnikov", "more than 400", 401, 0, lowerOnly, on("2015-09")),
				mk("a", "icsr", "2,000-2,500", 2000, 2500, on("2015-10")),
			},
			want: &want{lo: 2000, hi: 2500, measure: claims.Current, claims: 3, originsIn: 3, from: "2015-09", to: "2015-12"},
		},
		{
			name: "a single claim is no consensus",
			cs:   []ClaimView{mk("a", "icsr", "10-20", 10, 20)},
		},
		{
			name: "ties go to more two-sided intervals",
			cs: []ClaimView{
				mk("upto", "cia", "up to 500", 0, 500, upperOnly),
				mk("least", "bortnikov", "at least 100", 100, 0, lowerOnly),
				mk("a", "icsr", "200-300", 200, 300),
				mk("b", "soufan", "1,000-1,100", 1000, 1100),
				mk("c", "smirnov", "1,050-1,200", 1050, 1200),
			},
			want: &want{lo: 1050, hi: 1100, measure: claims.Current, claims: 3, originsIn: 3},
		},
		{
			name: "then to the narrower range",
			cs: []ClaimView{
				mk("a", "icsr", "10-20", 10, 20),
				mk("b", "soufan", "10-20", 10, 20),
				mk("c", "smirnov", "100-101", 100, 101),
				mk("d", "putin", "100-101", 100, 101),
			},
			want: &want{lo: 100, hi: 101, measure: claims.Current, claims: 2, originsIn: 2},
		},
		{
			name: "the measure where more origins agree",
			cs: []ClaimView{
				mk("a", "icsr", "10-20", 10, 20),
				mk("b", "soufan", "15-25", 15, 25),
				mk("c", "smirnov", "2,000 went", 2000, 2000, flow),
				mk("d", "putin", "1,900-2,100 went", 1900, 2100, flow),
				mk("e", "bortnikov", "2,000 went", 2000, 2000, flow),
			},
			want: &want{lo: 2000, hi: 2000, measure: claims.Cumulative, claims: 3, originsIn: 3},
		},
		{
			name: "another unit is left out",
			cs: []ClaimView{
				mk("a", "icsr", "10%", 10, 10, unit("percent")),
				mk("b", "soufan", "10%", 10, 10, unit("percent")),
				mk("c", "smirnov", "500", 500, 500),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var links []*claims.Link
			if tt.name == "a derived_from link joins origins too" {
				links = []*claims.Link{link("b", "a", claims.LinkDerivedFrom)}
			}
			res := Recompute(russians, tt.cs, links, nil)
			checkGroups(t, russians, tt.cs, res)
			got := res.Topic.Consensus
			if tt.want == nil {
				if got != nil {
					t.Fatalf("consensus = %s, want none", show(got))
				}
				return
			}
			w := &Consensus{Range: Range{Low: ptr(tt.want.lo), High: ptr(tt.want.hi)}, Measure: tt.want.measure, ClaimCount: tt.want.claims, Origins: tt.want.originsIn,
				Period: Period{From: tt.want.from, To: tt.want.to}}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("consensus mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func show(c *Consensus) string {
	if c == nil {
		return "none"
	}
	return rangeWords(bound(c.Low, -1), bound(c.High, 1)) + " (" + string(c.Measure) + ", " + itoa(int64(c.Origins)) + " origins)"
}

func bound(v *float64, inf int) float64 {
	if v == nil {
		return math.Inf(inf)
	}
	return *v
}

// TestGroupsOpenEnded checks that open-ended intervals join the deepest
// group they overlap, and that the group holding the consensus comes
// first.
func TestGroupsOpenEnded(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("bogdanov", "bogdanov", "a few dozen", 24, 60, on("2014-09-29")),
		mk("cia", "cia", "up to 3,000", 0, 3000, upperOnly, on("2015-12")),
		mk("putin", "putin", "as many as 4,000", 0, 4000, upperOnly, on("2017-02-23")),
		mk("fsb", "fsb", "more than 400", 401, 0, lowerOnly, on("2013-09")),
		mk("icsr", "icsr", "1,500 to 2,000", 1500, 2000, on("2015-01")),
		mk("kolokoltsev", "kolokoltsev", "1,800", 1800, 1800, on("2015-09")),
		mk("novikov", "novikov", "about 2,000", 1800, 2200, on("2015-06")),
		mk("late", "bortnikov", "about 4,500", 4050, 4950, on("2017-12")),
	}
	res := Recompute(russians, cs, nil, nil)
	checkGroups(t, russians, cs, res)
	want := []Group{
		{Measure: claims.Current, Claims: []string{"cia", "putin", "fsb", "icsr", "kolokoltsev", "novikov"}, Range: Range{Low: ptr(1800), High: ptr(1800)}},
		{Measure: claims.Current, Claims: []string{"bogdanov"}, Range: Range{Low: ptr(24), High: ptr(60)}},
		{Measure: claims.Current, Claims: []string{"late"}, Range: Range{Low: ptr(4050), High: ptr(4950)}},
	}
	if diff := cmp.Diff(want, res.Topic.Groups); diff != "" {
		t.Errorf("groups mismatch (-want +got):\n%s", diff)
	}
	// The consensus's group comes first even when a deeper clique of
	// reports of one statement exists elsewhere.
	cs = []ClaimView{
		mk("r1", "smirnov", "2,400", 2400, 2400, occasion("SCO")),
		mk("r2", "smirnov", "2,400", 2400, 2400, occasion("SCO")),
		mk("r3", "smirnov", "2,400", 2400, 2400, occasion("SCO")),
		mk("a", "icsr", "1,800", 1800, 1800, on("2015-01")),
		mk("b", "soufan", "1,700-1,900", 1700, 1900, on("2015-01")),
	}
	res = Recompute(russians, cs, nil, nil)
	checkGroups(t, russians, cs, res)
	if c := res.Topic.Consensus; c == nil || *c.Low != 1800 || res.Topic.Groups[0].Claims[0] != "b" {
		t.Errorf("consensus %s, groups %+v: want 1,800 and its group first", show(c), res.Topic.Groups)
	}
}

// checkGroups checks that the groups partition the active claims in the
// topic's unit, that every member contains its group's range and that
// ClaimSummary.Group agrees with TopicSummary.Groups.
func checkGroups(t *testing.T, topic *claims.Topic, cs []ClaimView, res TopicResult) {
	t.Helper()
	ctx := NewContext(topic, nil, nil)
	unit := ctx.fact(ClaimView{Claim: &claims.Claim{}}).unit
	at := map[string]int{}
	for gi, g := range res.Topic.Groups {
		if len(g.Claims) == 0 {
			t.Fatalf("group %d is empty", gi)
		}
		lo, hi := bound(g.Low, -1), bound(g.High, 1)
		if lo > hi {
			t.Fatalf("group %d range %g..%g is empty", gi, lo, hi)
		}
		for _, id := range g.Claims {
			if _, dup := at[id]; dup {
				t.Fatalf("claim %s is in two groups", id)
			}
			at[id] = gi
			k := slices.IndexFunc(cs, func(c ClaimView) bool { return c.ID == id })
			f := ctx.fact(cs[k])
			if f.lo > lo || f.hi < hi || f.measure != g.Measure {
				t.Fatalf("claim %s (%g..%g %s) is in group %d (%g..%g %s) but does not contain its range", id, f.lo, f.hi, f.measure, gi, lo, hi, g.Measure)
			}
		}
	}
	for k, c := range cs {
		f := ctx.fact(c)
		wantIn := f.active && f.unit == unit
		gi, in := at[c.ID]
		switch {
		case wantIn && !in:
			t.Fatalf("active claim %s is in no group", c.ID)
		case !wantIn && in:
			t.Fatalf("claim %s (inactive or another unit) is in group %d", c.ID, gi)
		case !in && res.Claims[k].Group != -1, in && res.Claims[k].Group != gi:
			t.Fatalf("claim %s: summary says group %d, the groups say %d (in: %v)", c.ID, res.Claims[k].Group, gi, in)
		}
	}
}

// bruteClique finds where the most origins agree by trying every
// endpoint and the middle of every gap between endpoints: the reference
// the sweep is checked against.
func bruteClique(spans []span) pick {
	var xs []float64
	for _, s := range spans {
		for _, v := range []float64{s.lo, s.hi} {
			if !math.IsInf(v, 0) {
				xs = append(xs, v)
			}
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	key := func(x float64) (int, int) {
		all, two := map[int32]bool{}, map[int32]bool{}
		for _, s := range spans {
			if s.lo <= x && x <= s.hi {
				all[s.origin] = true
				if s.two {
					two[s.origin] = true
				}
			}
		}
		return len(all), len(two)
	}
	bd, bt := 0, 0
	for _, x := range xs {
		if d, tw := key(x); tw > 0 && (d > bd || d == bd && tw > bt) {
			bd, bt = d, tw
		}
	}
	if bd < 2 {
		return pick{}
	}
	is := func(x float64) bool { d, tw := key(x); return d == bd && tw == bt }
	var best pick
	for i := 0; i < len(xs); i++ {
		if !is(xs[i]) {
			continue
		}
		j := i
		for j+1 < len(xs) && is((xs[j]+xs[j+1])/2) && is(xs[j+1]) {
			j++
		}
		if c := (pick{ok: true, origins: bd, twoSide: bt, lo: xs[i], hi: xs[j]}); c.better(best) {
			best = c
		}
		i = j
	}
	return best
}

// TestMaxCliqueMatchesBruteForce compares the sweep with the brute force
// on random spans with many shared origins, open ends and ties.
func TestMaxCliqueMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 3))
		n := r.IntN(25)
		var spans []span
		for k := range n {
			lo := float64(r.IntN(30))
			hi := lo + float64(r.IntN(3)*r.IntN(6))
			switch r.IntN(6) {
			case 0:
				lo = math.Inf(-1)
			case 1:
				hi = math.Inf(1)
			}
			s := span{k: k, lo: lo, hi: hi, two: !math.IsInf(lo, 0) && !math.IsInf(hi, 0), origin: int32(r.IntN(1 + n/2)), id: itoa(int64(k))}
			spans = append(spans, s)
		}
		got, want := maxClique(spans), bruteClique(spans)
		if got != want {
			t.Fatalf("seed %d: sweep %+v, brute force %+v over %+v", seed, got, want, spans)
		}
	}
}

// TestConsensusMatchesBruteForce recomputes random topics and checks the
// consensus against the brute force over every measure's eligible
// claims, and the groups against their invariants.
func TestConsensusMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 13))
		topic, cs, links := randomTopic(r, 1+r.IntN(60), seed%2 == 0)
		res := Recompute(topic, cs, links, nil)
		checkGroups(t, topic, cs, res)
		ctx := NewContext(topic, nil, links)
		unit := ctx.fact(ClaimView{Claim: &claims.Claim{}}).unit
		origins := keyer{}
		var eligible []int
		facts := make([]fact, len(cs))
		dated := false
		for k, c := range cs {
			facts[k] = ctx.fact(c)
			f := &facts[k]
			origins.id(res.Claims[k].IndependentOrigin)
			if !f.active || f.unit != unit || res.Claims[k].SupersededBy != "" {
				continue
			}
			eligible = append(eligible, k)
			dated = dated || f.v.RefDate() != ""
		}
		// Periods the slow way: anchor at the latest date left, take every
		// claim left within the window of it, until two origins agree.
		taken := map[int]bool{}
		var want *Consensus
		for want == nil {
			anchor := -1
			for _, k := range eligible {
				f := &facts[k]
				if taken[k] || dated && f.v.RefDate() == "" {
					continue
				}
				if anchor < 0 {
					anchor = k
					continue
				}
				a := &facts[anchor]
				if f.end > a.end || f.end == a.end && (f.start > a.start || f.start == a.start && f.v.ID < a.v.ID) {
					anchor = k
				}
			}
			if anchor < 0 {
				break
			}
			var block []int
			for _, k := range eligible {
				f := &facts[k]
				if !taken[k] && (!dated || f.v.RefDate() != "" && daysApart(f, &facts[anchor]) <= int64(topic.Window())) {
					block = append(block, k)
					taken[k] = true
				}
			}
			byMeasure := map[claims.Measure][]span{}
			var period Period
			for _, k := range block {
				f := &facts[k]
				byMeasure[f.measure] = append(byMeasure[f.measure], spanOf(k, f, origins.id(res.Claims[k].IndependentOrigin)))
				if d := f.v.RefDate(); d != "" && (period.From == "" || f.start < days(period.From.Start()) ||
					f.start == days(period.From.Start()) && f.end < days(period.From.End())) {
					period.From = d
				}
				if d := f.v.RefDate(); d != "" && (period.To == "" || f.end > days(period.To.End()) ||
					f.end == days(period.To.End()) && f.start > days(period.To.Start())) {
					period.To = d
				}
			}
			var best pick
			for _, m := range []claims.Measure{claims.Cumulative, claims.Current, claims.Peak, claims.PerPeriod, claims.Proxy} { // sorted
				c := bruteClique(byMeasure[m])
				if !c.ok || !c.better(best) {
					continue
				}
				best = c
				want = &Consensus{Range: rangeOf(c.lo, c.hi), Measure: m, Origins: c.origins, Period: period}
				for _, s := range byMeasure[m] {
					if s.lo <= c.hi && s.hi >= c.lo {
						want.ClaimCount++
					}
				}
			}
		}
		if diff := cmp.Diff(want, res.Topic.Consensus); diff != "" {
			t.Fatalf("seed %d: consensus mismatch (-brute force +sweep):\n%s", seed, diff)
		}
	}
}
