package xref

import (
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// Builders for hand-made claims.

type opt func(*claims.Claim)

var names = map[string]string{
	"bogdanov": "Bogdanov", "independent": "The Independent", "bortnikov": "Bortnikov",
	"smirnov": "Smirnov", "soufan": "Soufan Group", "icsr": "ICSR", "kadyrov": "Kadyrov",
	"putin": "Putin", "official": "an unnamed official", "newsweek": "Newsweek", "novikov": "Novikov",
}

func mk(id, claimant, text string, lo, hi float64, opts ...opt) ClaimView {
	l, h := lo, hi
	c := &claims.Claim{
		Meta: claims.Meta{ID: id}, TopicID: "t", ClaimantID: claimant, QuantityText: text,
		Interval: &claims.Interval{Low: &l, High: &h}, Provenance: claims.Provenance{SourceID: "src-" + id},
		Scope: claims.Scope{Measure: claims.Current},
	}
	for _, o := range opts {
		o(c)
	}
	return ClaimView{Claim: c, ClaimantName: names[claimant]}
}

func in(places ...string) opt      { return func(c *claims.Claim) { c.Scope.Places = places } }
func on(d claims.Date) opt         { return func(c *claims.Claim) { c.SaidOn = d } }
func occasion(s string) opt        { return func(c *claims.Claim) { c.Occasion = s } }
func flow(c *claims.Claim)         { c.Scope.Measure = claims.Cumulative }
func unit(u string) opt            { return func(c *claims.Claim) { c.Unit = u } }
func deprecated(c *claims.Claim)   { c.Rank, c.DeprecationReason = claims.RankDeprecated, "misread" }
func noNumber(c *claims.Claim)     { c.NoNumber, c.Interval = true, nil }
func topicOf(id string) opt        { return func(c *claims.Claim) { c.TopicID = id } }
func hedge(kind quantity.Kind) opt { return func(c *claims.Claim) { c.Interval.Kind = kind } }
func lowerOnly(c *claims.Claim)    { c.Interval.High = nil }
func best(v float64) opt           { return func(c *claims.Claim) { c.Interval.Best = &v } }
func source(id string) opt         { return func(c *claims.Claim) { c.Provenance.SourceID = id } }
func link(from, to string, k claims.LinkKind) *claims.Link {
	return &claims.Link{Meta: claims.Meta{ID: "l-" + from + "-" + to, UpdatedAt: time.Unix(1, 0)}, FromID: from, ToID: to, Kind: k, Author: "analyst", Note: "checked the transcript"}
}

var russians = &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Russians fighting with IS", Unit: "people", Additive: true, Places: []string{"Syria", "Iraq"},
	Populations: []claims.Population{
		{Name: "Russian nationals", Aliases: []string{"Russians"}}, {Name: "Chechens", Broader: "Russian nationals"},
		{Name: "recruited", Broader: "Russian nationals"}, {Name: "trained", Broader: "recruited"}, {Name: "deployed", Broader: "trained"},
		{Name: "Ukrainians"},
		{Name: "any militant group"}, {Name: "Islamic State", Broader: "any militant group"},
	}}

// unplaced is russians without a place of its own.
var unplaced = &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Russians fighting with IS", Unit: "people", Additive: true}

func pop(p string) opt                 { return func(c *claims.Claim) { c.Scope.Population = p } }
func group(g string) opt               { return func(c *claims.Claim) { c.Scope.Group = g } }
func measure(m claims.Measure) opt     { return func(c *claims.Claim) { c.Scope.Measure = m } }
func basis(b claims.Basis) opt         { return func(c *claims.Claim) { c.Basis = b } }
func asOf(d claims.Date) opt           { return func(c *claims.Claim) { c.AsOf = d } }
func period(since, to claims.Date) opt { return func(c *claims.Claim) { c.Since, c.AsOf = since, to } }

// The founding example: Bogdanov's "a few dozen" for Syria and Iraq
// against The Independent's "about 800" in Syria alone.
var (
	bogdanov    = mk("r4", "bogdanov", "a few dozen", 24, 60, in("Syria", "Iraq"), on("2014-09-29"))
	independent = mk("r5", "independent", "about 800", 720, 880, in("Syria"), on("2014-09"))
)

func TestFoundingExample(t *testing.T) {
	t.Parallel()
	ctx := NewContext(russians, nil, nil)
	for _, tt := range []struct{ a, b ClaimView }{{independent, bogdanov}, {bogdanov, independent}} {
		r := Relate(tt.a, tt.b, ctx)
		if r.Kind != Contradicts || r.Severity != 12 || !r.Conflict() {
			t.Errorf("Relate(%s, %s) = %s severity %g, want contradicts severity 12", tt.a.ID, tt.b.ID, r.Kind, r.Severity)
		}
		for _, want := range []string{"Syria", "Bogdanov", "The Independent", "720-880", "24-60", "12×", "inside"} {
			if !strings.Contains(r.Explanation, want) {
				t.Errorf("Relate(%s, %s).Explanation = %q, want it to mention %q", tt.a.ID, tt.b.ID, r.Explanation, want)
			}
		}
	}
	// With the same places the two are a plain conflict of the same size.
	wide := mk("r5w", "independent", "about 800", 720, 880, in("Syria and Iraq"), on("2014-09"))
	if r := Relate(wide, bogdanov, ctx); r.Kind != Conflicts || r.Severity != 12 {
		t.Errorf("Relate(800 for Syria and Iraq, a few dozen for Syria and Iraq) = %s %g, want conflicts 12", r.Kind, r.Severity)
	}
	res := Recompute(russians, []ClaimView{bogdanov, independent}, nil, nil)
	for _, s := range res.Claims {
		if s.ConflictCount != 1 || s.WorstSeverity != 12 || s.WorstRelation != Contradicts {
			t.Errorf("Recompute: %s = %+v, want one contradiction of severity 12", s.ClaimID, s)
		}
	}
	if res.Claims[0].WorstAgainst != "r5" || res.Claims[1].WorstAgainst != "r4" {
		t.Errorf("Recompute: worst against = %s, %s, want r5, r4", res.Claims[0].WorstAgainst, res.Claims[1].WorstAgainst)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].ClaimA != "r4" || res.Conflicts[0].Status != claims.ReviewOpen {
		t.Errorf("Recompute: conflicts = %+v, want the one open pair r4-r5", res.Conflicts)
	}
}

func TestRelate(t *testing.T) {
	t.Parallel()
	nonAdditive := &claims.Topic{Meta: claims.Meta{ID: "t"}, Unit: "percent", Additive: false}
	tests := []struct {
		name         string
		topic        *claims.Topic
		a, b         ClaimView
		links        []*claims.Link
		wantKind     Kind
		wantSeverity float64
		wantWords    []string
	}{
		{
			name:     "1,700 against about 1,700 corroborate",
			a:        mk("a", "smirnov", "1,700", 1700, 1700, on("2015-04-10")),
			b:        mk("b", "bortnikov", "about 1,700", 1530, 1870, on("2015-02")),
			wantKind: Corroborates, wantSeverity: 1, wantWords: []string{"agree"},
		},
		{
			name:     "800-1,500 against 1,400-1,600 are consistent",
			a:        mk("a", "icsr", "between 800 and 1,500", 800, 1500, in("Syria", "Iraq"), on("2015-01")),
			b:        mk("b", "soufan", "1,400-1,600", 1400, 1600, in("Syria", "Iraq"), on("2015-03")),
			wantKind: Consistent, wantSeverity: 1,
		},
		{
			name:     "same places, disjoint intervals conflict",
			a:        mk("a", "bortnikov", "500", 500, 500, in("Syria"), on("2013-10")),
			b:        mk("b", "smirnov", "about 200", 180, 220, in("Сирия"), on("2013-09")),
			wantKind: Conflicts, wantSeverity: 2.27, wantWords: []string{"Bortnikov", "Smirnov", "220 and 500", "beyond the tolerance"},
		},
		{
			name:     "a claim without a place takes the topic's",
			a:        mk("a", "smirnov", "approximately 1,700", 1530, 1870, on("2015-04-10")),
			b:        mk("b", "official", "2,719", 2719, 2719, in("Syria"), on("2015-06")),
			wantKind: Contradicts, wantSeverity: 1.45, wantWords: []string{"Syria lies inside Syria and Iraq"},
		},
		{
			name:     "place unspecified is never a conflict",
			topic:    unplaced,
			a:        mk("a", "smirnov", "approximately 1,700", 1530, 1870, on("2015-04-10")),
			b:        mk("b", "official", "2,719", 2719, 2719, in("Syria"), on("2015-06")),
			wantKind: PlaceUnspecified, wantSeverity: 1, wantWords: []string{"states no place", "place unspecified"},
		},
		{
			name:     "inner count below outer count is no conflict",
			a:        mk("a", "bortnikov", "200", 200, 200, in("Syria"), on("2015-12")),
			b:        mk("b", "soufan", "2,900", 2900, 2900, in("Syria", "Iraq"), on("2015-12")),
			wantKind: ScopeDiffers, wantSeverity: 1,
		},
		{
			name:     "inside, but the topic is not additive",
			topic:    nonAdditive,
			a:        mk("a", "icsr", "80%", 80, 80, in("Syria"), on("2015-12")),
			b:        mk("b", "soufan", "10%", 10, 10, in("Syria", "Iraq"), on("2015-12")),
			wantKind: ScopeDiffers, wantSeverity: 1, wantWords: []string{"does not add up"},
		},
		{
			name:     "disjoint places are not a conflict",
			a:        mk("a", "bortnikov", "1,700", 1700, 1700, in("Iraq"), on("2015-02")),
			b:        mk("b", "icsr", "40", 40, 40, in("Syria"), on("2015-02")),
			wantKind: ScopeDiffers, wantSeverity: 1, wantWords: []string{"different places"},
		},
		{
			name:     "partly overlapping places are not a conflict",
			a:        mk("a", "bortnikov", "1,700", 1700, 1700, in("Iraq", "Syria"), on("2015-02")),
			b:        mk("b", "icsr", "40", 40, 40, in("Syria", "Turkey"), on("2015-02")),
			wantKind: ScopeDiffers, wantSeverity: 1, wantWords: []string{"partly different places"},
		},
		{
			name:     "dates further apart than the window are a change over time",
			a:        mk("a", "soufan", "2,900", 2900, 2900, in("Syria", "Iraq"), on("2015-12")),
			b:        mk("b", "bortnikov", "some 200", 180, 220, in("Syria", "Iraq"), on("2013-06")),
			wantKind: ChangeOverTime, wantSeverity: 1, wantWords: []string{"Bortnikov's some 200 (180-220) as of 2013-06 and Soufan Group's 2,900 as of 2015-12", "180-day window"},
		},
		{
			name:     "a later and lower cumulative total conflicts, years apart",
			a:        mk("a", "official", "2,719 have gone", 2719, 2719, flow, on("2015-11-20")),
			b:        mk("b", "icsr", "about 1,000 joined", 900, 1100, flow, on("2017-10")),
			wantKind: Conflicts, wantSeverity: 2.47, wantWords: []string{"never falls"},
		},
		{
			name:     "a later and higher cumulative total is consistent",
			a:        mk("a", "official", "2,719 have gone", 2719, 2719, flow, on("2015-11-20")),
			b:        mk("b", "icsr", "about 1,000 joined", 900, 1100, flow, on("2015-01")),
			wantKind: Consistent, wantSeverity: 1, wantWords: []string{"a later total at or above an earlier one"},
		},
		{
			name:     "a later and lower cumulative total of the same claimant is a revision",
			a:        mk("a", "icsr", "2,719", 2719, 2719, flow, on("2015-11-20")),
			b:        mk("b", "icsr", "about 1,000", 900, 1100, flow, on("2016-01")),
			wantKind: SupersededBy, wantSeverity: 1,
		},
		{
			name:     "cumulative totals since different starts are not compared",
			a:        mk("a", "official", "2,719", 2719, 2719, flow, on("2015-11-20"), func(c *claims.Claim) { c.Since = "2011" }),
			b:        mk("b", "icsr", "about 1,000", 900, 1100, flow, on("2016-01"), func(c *claims.Claim) { c.Since = "2015" }),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"since 2011", "since 2015"},
		},
		{
			name:     "a current figure above the cumulative total of the same date contradicts",
			a:        mk("a", "soufan", "2,400 fighting", 2400, 2400, on("2015-12")),
			b:        mk("b", "bogdanov", "a few dozen have gone", 24, 60, flow, on("2015-12")),
			wantKind: Contradicts, wantSeverity: 40, wantWords: []string{"current figure", "cumulative total"},
		},
		{
			name:     "a current figure below the cumulative total is no conflict",
			a:        mk("a", "soufan", "a few dozen fighting", 24, 60, on("2015-12")),
			b:        mk("b", "bogdanov", "2,400 have gone", 2400, 2400, flow, on("2015-12")),
			wantKind: ScopeDiffers, wantSeverity: 1,
		},
		{
			name:     "current and cumulative of different dates are not simultaneous",
			a:        mk("a", "soufan", "2,400 fighting", 2400, 2400, on("2015-12")),
			b:        mk("b", "bogdanov", "a few dozen have gone", 24, 60, flow, on("2015-06")),
			wantKind: NotSimultaneous, wantSeverity: 1, wantWords: []string{"same date"},
		},
		{
			name:     "a current figure above the peak contradicts",
			a:        mk("a", "soufan", "50,000 in the square", 50000, 50000, on("2019-06-16")),
			b:        mk("b", "bogdanov", "at most 20,000 at the peak", 20000, 20000, measure(claims.Peak), on("2019-06-16")),
			wantKind: Contradicts, wantSeverity: 2.5, wantWords: []string{"peak"},
		},
		{
			name:     "a cumulative total and a peak are different measures",
			a:        mk("a", "soufan", "2,000,000 marched", 2000000, 2000000, flow, on("2019-06-16")),
			b:        mk("b", "bogdanov", "338,000 at the peak", 338000, 338000, measure(claims.Peak), on("2019-06-16")),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"not the same measure"},
		},
		{
			name:     "per-period figures of different periods are not compared",
			a:        mk("a", "soufan", "900 in 2014", 900, 900, measure(claims.PerPeriod), period("2014", "2014")),
			b:        mk("b", "icsr", "90 in 2015", 90, 90, measure(claims.PerPeriod), period("2015", "2015")),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"period 2014 to 2014"},
		},
		{
			name:     "per-period figures of one period conflict",
			a:        mk("a", "soufan", "900 in 2015", 900, 900, measure(claims.PerPeriod), period("2015", "2015")),
			b:        mk("b", "icsr", "90 in 2015", 90, 90, measure(claims.PerPeriod), period("2015", "2015")),
			wantKind: Conflicts, wantSeverity: 10,
		},
		{
			name:     "a proxy against a current figure is not compared",
			a:        mk("a", "soufan", "2,400 cases", 2400, 2400, measure(claims.Proxy), on("2015-12")),
			b:        mk("b", "bogdanov", "a few dozen", 24, 60, on("2015-12")),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"not the same measure", "proxy"},
		},
		{
			name:     "a narrower population with the larger count contradicts",
			a:        mk("a", "kadyrov", "about 500 Chechens", 450, 550, pop("Chechens"), on("2015-11")),
			b:        mk("b", "bortnikov", "200 Russians", 200, 200, pop("Russians"), on("2015-11")),
			wantKind: Contradicts, wantSeverity: 2.25, wantWords: []string{"narrower population", "Chechens"},
		},
		{
			name:     "a narrower population with the smaller count is consistent",
			a:        mk("a", "kadyrov", "about 500 Chechens", 450, 550, pop("Chechens"), on("2015-11")),
			b:        mk("b", "bortnikov", "2,900", 2900, 2900, on("2015-11")),
			wantKind: ScopeDiffers, wantSeverity: 1, wantWords: []string{"no conflict"},
		},
		{
			name:     "a later pipeline stage above an earlier one contradicts",
			a:        mk("a", "kadyrov", "5,000 deployed", 5000, 5000, pop("deployed"), on("2015-11")),
			b:        mk("b", "bortnikov", "3,000 recruited", 3000, 3000, pop("recruited"), on("2015-11")),
			wantKind: Contradicts, wantSeverity: 1.67, wantWords: []string{"\"deployed\" is a narrower population than \"recruited\""},
		},
		{
			name:     "unrelated populations differ in scope",
			a:        mk("a", "kadyrov", "5,000", 5000, 5000, pop("Chechens"), on("2015-11")),
			b:        mk("b", "bortnikov", "30", 30, 30, pop("Ukrainians"), on("2015-11")),
			wantKind: ScopeDiffers, wantSeverity: 1, wantWords: []string{"different populations"},
		},
		{
			name:     "a population the tree cannot place is scope unclear",
			a:        mk("a", "kadyrov", "5,000", 5000, 5000, pop("Dagestanis"), on("2015-11")),
			b:        mk("b", "bortnikov", "30", 30, 30, pop("Russians"), on("2015-11")),
			wantKind: ScopeUnclear, wantSeverity: 1, wantWords: []string{"scope unclear", "Dagestanis"},
		},
		{
			name:     "a narrower group with the larger count contradicts",
			a:        mk("a", "independent", "about 800", 720, 880, group("Islamic State"), on("2014-09")),
			b:        mk("b", "bogdanov", "a few dozen", 24, 60, group("any militant group"), on("2014-09-29")),
			wantKind: Contradicts, wantSeverity: 12, wantWords: []string{"narrower group"},
		},
		{
			name:     "a projection beside a count differs in kind",
			a:        mk("a", "soufan", "100,000 expected", 100000, 100000, basis(claims.BasisProjection), on("2019-06-16")),
			b:        mk("b", "bogdanov", "12,000 counted", 12000, 12000, basis(claims.BasisCount), on("2019-06-16")),
			wantKind: DiffersInKind, wantSeverity: 1, wantWords: []string{"differ in kind", "a projection", "a count"},
		},
		{
			name:     "a declared figure beside an estimate differs in kind",
			a:        mk("a", "soufan", "a permit for 50,000", 50000, 50000, basis(claims.BasisDeclared), on("2019-06-16")),
			b:        mk("b", "bogdanov", "about 8,000", 7200, 8800, on("2019-06-16")),
			wantKind: DiffersInKind, wantSeverity: 1, wantWords: []string{"declared figure"},
		},
		{
			name:     "estimates a little apart roughly agree",
			a:        mk("a", "novikov", "about 2,000", 1800, 2200, hedge("approximate"), on("2015-09")),
			b:        mk("b", "smirnov", "2,400", 2400, 2400, on("2015-09-18")),
			wantKind: RoughlyAgrees, wantSeverity: 1, wantWords: []string{"roughly agree", "1.09× apart", "tolerance of 1.155× for an estimate"},
		},
		{
			name:     "counts a little apart conflict",
			a:        mk("a", "novikov", "2,200", 2200, 2200, basis(claims.BasisCount), on("2015-09")),
			b:        mk("b", "smirnov", "2,400", 2400, 2400, basis(claims.BasisCount), on("2015-09-18")),
			wantKind: Conflicts, wantSeverity: 1.09,
		},
		{
			name:     "a count at an hour beside the whole day's is not simultaneous",
			a:        mk("a", "soufan", "30,000 by noon", 30000, 30000, asOf("2019-06-16T12:00")),
			b:        mk("b", "bogdanov", "2,000,000 through the day", 2000000, 2000000, asOf("2019-06-16")),
			wantKind: NotSimultaneous, wantSeverity: 1, wantWords: []string{"part of a day", "whole"},
		},
		{
			name:     "a total to date at noon above the day's total conflicts",
			a:        mk("a", "soufan", "300 killed by noon", 300, 300, flow, asOf("2019-06-16T12:00")),
			b:        mk("b", "bogdanov", "100 killed that day", 100, 100, flow, asOf("2019-06-16")),
			wantKind: Conflicts, wantSeverity: 3, wantWords: []string{"never falls"},
		},
		{
			name:     "reports of one statement 1,000x apart are a likely misreport",
			a:        mk("a", "smirnov", "2.5 thousand", 2500, 2500, occasion("SCO meeting, Tashkent"), on("2015-09-18")),
			b:        mk("b", "smirnov", "2.5 million", 2500000, 2500000, occasion("SCO meeting, Tashkent"), on("2015-09-18")),
			wantKind: Misreport, wantSeverity: 1000, wantWords: []string{"misreport", "1,000× apart"},
		},
		{
			name:     "counts far apart give the stored factor with separators",
			a:        mk("a", "novikov", "60", 60, 60, basis(claims.BasisCount), on("2015-09")),
			b:        mk("b", "smirnov", "1,968,800", 1968800, 1968800, basis(claims.BasisCount), on("2015-09-18")),
			wantKind: Conflicts, wantSeverity: 32800, wantWords: []string{"are 32,800× apart", "beyond the tolerance of 1× for a count and a count"},
		},
		{
			name:     "different units are not compared",
			a:        mk("a", "soufan", "8%", 8, 8, unit("percent"), on("2015-12")),
			b:        mk("b", "bogdanov", "a few dozen", 24, 60, on("2015-12")),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"different units"},
		},
		{
			name:     "a claim without a number is not compared",
			a:        mk("a", "putin", "", 0, 0, noNumber),
			b:        mk("b", "soufan", "3,417", 3417, 3417),
			wantKind: NotComparable, wantSeverity: 1, wantWords: []string{"gives no number"},
		},
		{
			name:     "one statement reported with different numbers is drift",
			a:        mk("a", "smirnov", "2,400", 2400, 2400, occasion("SCO meeting, Tashkent"), on("2015-09-18")),
			b:        mk("b", "smirnov", "around 2,500", 2250, 2750, best(2500), occasion("SCO meeting, Tashkent"), on("2015-09-18")),
			wantKind: Drift, wantSeverity: 1, wantWords: []string{"one statement", "numbers"},
		},
		{
			name:     "a relay that widens the places is scope drift",
			a:        mk("a", "bortnikov", "around 1,700", 1530, 1870, in("Iraq"), occasion("Washington CVE summit")),
			b:        mk("b", "bortnikov", "around 1,700", 1530, 1870, in("Syria and Iraq"), occasion("Washington CVE summit")),
			wantKind: Drift, wantSeverity: 1, wantWords: []string{"places (Iraq against Syria and Iraq)"},
		},
		{
			name:     "as many as against at least is hedge drift",
			a:        mk("a", "putin", "as many as 4,000", 4000, 4000, hedge("upper_bound"), in("Syria"), on("2017-02-23"), source("tass")),
			b:        mk("b", "putin", "at least 4,000", 4000, 4000, hedge("lower_bound"), lowerOnly, in("Syria"), on("2017-02-23"), source("tass")),
			wantKind: Drift, wantSeverity: 1, wantWords: []string{"hedges", "upper bound", "lower bound"},
		},
		{
			name:     "the same claimant's later figure supersedes",
			a:        mk("a", "bortnikov", "2,400", 2400, 2400, in("Syria", "Iraq"), on("2015-09")),
			b:        mk("b", "bortnikov", "1,700", 1700, 1700, in("Syria", "Iraq"), on("2015-02")),
			wantKind: Supersedes, wantSeverity: 1, wantWords: []string{"later", "kept"},
		},
		{
			name:     "the same claimant's earlier figure is superseded",
			a:        mk("a", "bortnikov", "1,700", 1700, 1700, in("Syria", "Iraq"), on("2015-02")),
			b:        mk("b", "bortnikov", "2,900", 2900, 2900, in("Syria", "Iraq"), on("2015-12")),
			wantKind: SupersededBy, wantSeverity: 1,
		},
		{
			name:     "a derived claim with the same figure is not independent",
			a:        mk("a", "bogdanov", "a few dozen", 24, 60, in("Syria", "Iraq"), on("2014-09-29")),
			b:        mk("b", "bogdanov", "a few dozen", 24, 60, in("Syria", "Iraq"), on("2014-09-30")),
			links:    []*claims.Link{link("b", "a", claims.LinkDerivedFrom)},
			wantKind: Derived, wantSeverity: 1, wantWords: []string{"not independent", "checked the transcript"},
		},
		{
			name:     "a derived claim with another figure is drift",
			a:        mk("a", "smirnov", "2,400", 2400, 2400, on("2015-09-18")),
			b:        mk("b", "newsweek", "2,300", 2300, 2300, on("2015-09-18")),
			links:    []*claims.Link{link("b", "a", claims.LinkDerivedFrom)},
			wantKind: Drift, wantSeverity: 1.04, wantWords: []string{"not independent", "numbers"},
		},
		{
			name:     "unrelated overrules an automatic conflict",
			a:        bogdanov,
			b:        independent,
			links:    []*claims.Link{link("r4", "r5", claims.LinkUnrelated)},
			wantKind: Unrelated, wantSeverity: 1, wantWords: []string{"unrelated", "analyst"},
		},
		{
			name:     "contradicts forces a conflict between consistent claims",
			a:        mk("a", "soufan", "3,417", 3417, 3417, on("2017-10-24")),
			b:        mk("b", "putin", "about 4,000", 3000, 5000, on("2017-10-01")),
			links:    []*claims.Link{link("a", "b", claims.LinkContradicts)},
			wantKind: Conflicts, wantSeverity: 1, wantWords: []string{"contradicting"},
		},
		{
			name:     "an analyst's supersedes link",
			a:        mk("a", "soufan", "2,400", 2400, 2400, on("2015-12")),
			b:        mk("b", "soufan", "2,300", 2300, 2300, on("2015-12")),
			links:    []*claims.Link{link("b", "a", claims.LinkSupersedes)},
			wantKind: SupersededBy, wantSeverity: 1,
		},
	}
	for _, tt := range tests {
		topic := tt.topic
		if topic == nil {
			topic = russians
		}
		ctx := NewContext(topic, nil, tt.links)
		got := Relate(tt.a, tt.b, ctx)
		if got.Kind != tt.wantKind || got.Severity != tt.wantSeverity {
			t.Errorf("Relate(%s) = %s severity %g, want %s severity %g\n%s", tt.name, got.Kind, got.Severity, tt.wantKind, tt.wantSeverity, got.Explanation)
		}
		for _, w := range tt.wantWords {
			if !strings.Contains(got.Explanation, w) {
				t.Errorf("Relate(%s).Explanation = %q, want it to mention %q", tt.name, got.Explanation, w)
			}
		}
		if tt.a.ClaimantName != "" && !strings.Contains(got.Explanation, tt.a.ClaimantName) && got.Kind != NotComparable {
			t.Errorf("Relate(%s).Explanation = %q, want it to name %s", tt.name, got.Explanation, tt.a.ClaimantName)
		}
	}
}

func TestRelateDeprecated(t *testing.T) {
	t.Parallel()
	old := mk("a", "independent", "about 800", 720, 880, in("Syria"), on("2014-09"), deprecated)
	r := Relate(old, bogdanov, NewContext(russians, nil, nil))
	if r.Kind != Contradicts || !r.Deprecated || r.Conflict() {
		t.Errorf("Relate(deprecated 800, a few dozen) = %s deprecated=%v conflict=%v, want a contradiction shown but not counted", r.Kind, r.Deprecated, r.Conflict())
	}
	res := Recompute(russians, []ClaimView{old, bogdanov}, nil, nil)
	for _, s := range res.Claims {
		if s.ConflictCount != 0 {
			t.Errorf("Recompute with a deprecated claim: %s has %d conflicts, want 0", s.ClaimID, s.ConflictCount)
		}
	}
	if res.Claims[0].Active || !res.Claims[1].Active {
		t.Errorf("Recompute: active = %v, %v, want false, true", res.Claims[0].Active, res.Claims[1].Active)
	}
}

func TestPartExceedsWhole(t *testing.T) {
	t.Parallel()
	chechens := &claims.Topic{Meta: claims.Meta{ID: "chechens"}, Unit: "people", Additive: true, ParentID: "t"}
	kadyrov := mk("k", "kadyrov", "about 500", 450, 550, in("Syria"), on("2015-11"), topicOf("chechens"))
	few := mk("b", "bogdanov", "a few dozen", 24, 60, in("Syria", "Iraq"), on("2015-10"))
	other := mk("c", "icsr", "a few dozen", 24, 60, in("Iraq"), on("2015-10"))
	later := mk("d", "soufan", "2,400", 2400, 2400, in("Syria", "Iraq"), on("2015-12"))
	ctx := NewContext(chechens, nil, nil).WithParent(russians)
	tests := []struct {
		whole        ClaimView
		wantKind     Kind
		wantSeverity float64
	}{
		{few, PartExceedsWhole, 450.0 / 60},
		{other, ScopeDiffers, 1},
		{later, Consistent, 1},
	}
	for _, tt := range tests {
		r := Relate(kadyrov, tt.whole, ctx)
		if r.Kind != tt.wantKind || r.Severity != tt.wantSeverity {
			t.Errorf("Relate(Chechens 500 in Syria, Russians %s for %v) = %s %g, want %s %g", tt.whole.QuantityText, tt.whole.Scope.Places, r.Kind, r.Severity, tt.wantKind, tt.wantSeverity)
		}
	}
	if r := Relate(kadyrov, few, ctx); !strings.Contains(r.Explanation, "Kadyrov") || !strings.Contains(r.Explanation, "narrower population") {
		t.Errorf("part above whole explanation = %q", r.Explanation)
	}
	res := Recompute(chechens, []ClaimView{kadyrov}, nil, &Related{Parent: russians, ParentClaims: []ClaimView{few, other, later}})
	got := res.Claims[0]
	if got.PartWholeCount != 1 || got.WorstAgainst != "b" || got.WorstRelation != PartExceedsWhole || got.ConflictCount != 0 {
		t.Errorf("Recompute(Chechens) = %+v, want one part above whole against b", got)
	}
	// Its worst relation is its worst part above whole: listed once among
	// the notable conflicts, with the explanation of the summary.
	want := Relate(kadyrov, few, ctx)
	if len(res.Conflicts) != 1 {
		t.Fatalf("Recompute(Chechens).Conflicts = %+v, want the part above whole k-b alone", res.Conflicts)
	}
	if c := res.Conflicts[0]; c.ClaimA != "b" || c.ClaimB != "k" || c.Kind != PartExceedsWhole || c.Explanation != want.Explanation || got.WorstExplanation != want.Explanation {
		t.Errorf("Recompute(Chechens) conflict %+v, summary's explanation %q, want b-k part above whole explained %q", c, got.WorstExplanation, want.Explanation)
	}
}

func TestSumOfParts(t *testing.T) {
	t.Parallel()
	// Putin, Mir 24 interview, April 2017: "nearly 10,000" from the CIS,
	// narrowed to "nine thousand at least", "a little half" of them from
	// Russia and five thousand from the other CIS states. The demo reads
	// "a little half" as 4,000-4,500 (best 4,000): the parts add up to at
	// least 9,000, within both totals, so nothing is flagged.
	exUSSR := &claims.Topic{Meta: claims.Meta{ID: "fsu"}, Unit: "people", Additive: true}
	said := []opt{in("Syria"), occasion("Mir 24 interview"), on("2017-04-12")}
	nearly := mk("nearly", "putin", "nearly 10,000", 9000, 9999, append(said, topicOf("fsu"))...)
	atLeast := mk("least", "putin", "nine thousand at least", 9000, 0, append(said, topicOf("fsu"), lowerOnly)...)
	russiansPart := mk("ru", "putin", "a little half", 4000, 4500, append(said, topicOf("t"), best(4000))...)
	cisPart := mk("cis", "putin", "five thousand", 5000, 5000, append(said, topicOf("cis"))...)
	res := Recompute(exUSSR, []ClaimView{nearly, atLeast}, nil, &Related{ChildClaims: []ClaimView{russiansPart, cisPart}})
	if len(res.SumOfParts) != 0 {
		t.Errorf("SumOfParts of the demo's reading (4,000 + 5,000 against 9,000-9,999) = %+v, want none", res.SumOfParts)
	}

	// A hypothetical report of the same answer, not the demo's: the total
	// as exactly "nine thousand" and the Russian part read as "a little
	// over half" of it, 4,500-4,700. The parts then add up to at least
	// 9,500, above the whole.
	total := mk("total", "putin", "nine thousand", 9000, 9000, append(said, topicOf("fsu"))...)
	overHalf := mk("ru", "putin", "a little over half", 4500, 4700, append(said, topicOf("t"))...)
	res = Recompute(exUSSR, []ClaimView{total}, nil, &Related{ChildClaims: []ClaimView{overHalf, cisPart}})
	if len(res.SumOfParts) != 1 {
		t.Fatalf("SumOfParts = %+v, want one flag", res.SumOfParts)
	}
	s := res.SumOfParts[0]
	if s.TotalID != "total" || s.PartsLow != 9500 || s.TotalHigh != 9000 || !strings.Contains(s.Explanation, "Putin") {
		t.Errorf("SumOfParts = %+v, want parts 9,500 above total 9,000", s)
	}
	if msg := CheckExplanation(s.Explanation, "Putin"); msg != "" {
		t.Errorf("SumOfParts explanation %s: %q", msg, s.Explanation)
	}
	fewer := mk("cis", "putin", "four thousand", 4000, 4000, append(said, topicOf("cis"))...)
	if res := Recompute(exUSSR, []ClaimView{total}, nil, &Related{ChildClaims: []ClaimView{overHalf, fewer}}); len(res.SumOfParts) != 0 {
		t.Errorf("SumOfParts with parts 8,500 under 9,000 = %+v, want none", res.SumOfParts)
	}
}

// TestEnvelopeAndSpread checks the envelope's finite range and open flags,
// and the spread of the consensus's period against the spread of all time.
func TestEnvelopeAndSpread(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("bogdanov", "bogdanov", "a few dozen", 24, 60, on("2014-09-29")),
		mk("cia", "cia", "up to 3,000", 0, 3000, upperOnly, on("2017-01")),
		mk("novikov", "novikov", "close to 5,000", 4500, 4999, on("2017-02")),
		mk("fsb", "bortnikov", "more than 400", 401, 0, lowerOnly, on("2017-02")),
		mk("putin", "putin", "about 4,000", 3600, 4400, on("2017-03")),
	}
	res := Recompute(russians, cs, nil, nil)
	e := res.Topic.Envelope
	if e.Low == nil || *e.Low != 24 || e.High == nil || *e.High != 4999 || !e.OpenLow || !e.OpenHigh {
		t.Errorf("envelope = %s, want 24 … 4,999 open on both sides", show(&Consensus{Range: e.Range}))
	}
	s := res.Topic
	// Central values: "close to 5,000" is 4,749.5, "more than 400" 401,
	// "a few dozen" 42: 11.8 and 113, to three significant figures.
	if want := 11.8; s.Spread != want || s.SpreadPeriod != (Period{From: "2017-01", To: "2017-03"}) {
		t.Errorf("spread = %g over %+v, want %g over 2017-01 to 2017-03", s.Spread, s.SpreadPeriod, want)
	}
	if want := 113.0; s.SpreadAllTime != want {
		t.Errorf("spread all time = %g, want %g", s.SpreadAllTime, want)
	}
	if only := Recompute(russians, cs[1:2], nil, nil).Topic.Envelope; only.Low == nil || *only.Low != 3000 || *only.High != 3000 || !only.OpenLow || only.OpenHigh {
		t.Errorf("envelope of up to 3,000 alone = %+v, want 3,000 open below", only)
	}
}
