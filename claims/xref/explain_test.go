package xref

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
)

// CheckExplanation reports what is wrong with an explanation of a pair of
// claims by the claimants names: it must start with a capital letter, end
// with a period, never name the same claimant twice in a row (with no
// other claimant named between) and never say "X's later X's".
func CheckExplanation(text string, names ...string) string {
	if r, _ := utf8.DecodeRuneInString(text); !unicode.IsUpper(r) {
		return "does not start with a capital letter"
	}
	if !strings.HasSuffix(text, ".") {
		return "does not end with a period"
	}
	type hit struct {
		at   int
		name string
	}
	var hits []hit
	slices.Sort(names)
	names = slices.Compact(names)
	for _, n := range names {
		if n == "" || slices.ContainsFunc(names, func(o string) bool { return o != n && strings.Contains(o, n) }) {
			continue // a name inside another cannot be told apart
		}
		for i := 0; ; {
			j := strings.Index(text[i:], n)
			if j < 0 {
				break
			}
			hits = append(hits, hit{i + j, n})
			i += j + len(n)
		}
		if strings.Contains(text, "'s later "+n) || strings.Contains(text, "'s earlier "+n) || strings.Contains(text, n+" gives "+n) {
			return "names " + n + " twice in one phrase"
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	for k := 1; k < len(hits); k++ {
		if hits[k].name == hits[k-1].name {
			return "names " + hits[k].name + " twice in a row"
		}
	}
	if strings.Contains(text, ") (") {
		return "has two brackets in a row"
	}
	return ""
}

func TestAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text   string
		lo, hi float64
		opts   []opt
		want   string
	}{
		{"exceeds 20,000", 20001, 0, []opt{lowerOnly}, `"exceeds 20,000" (20,001 or more)`},
		{"More than 20,000", 20001, 0, []opt{lowerOnly}, "more than 20,000 (20,001 or more)"},
		{"7000", 7000, 7000, nil, "7,000"},
		{"2,719", 2719, 2719, nil, "2,719"},
		{"between 800 and 1,500", 800, 1500, nil, "between 800 and 1,500"},
		{"between 30 and 50 thousand", 30000, 50000, nil, "between 30 and 50 thousand (30,000-50,000)"},
		{"5-7 thousand", 5000, 7000, nil, "5-7 thousand (5,000-7,000)"},
		{"about 800", 720, 880, nil, "about 800 (720-880)"},
		{"at least 4,000", 4000, 0, []opt{lowerOnly}, "at least 4,000"},
		{"as many as 4,000", 0, 4000, []opt{upperOnly}, "as many as 4,000"},
		{"up to 3,000", 0, 3000, []opt{upperOnly}, "up to 3,000"},
		{"nine thousand at least", 9000, 0, []opt{lowerOnly}, "nine thousand at least (9,000 or more)"},
		{"a few dozen", 24, 60, nil, "a few dozen (24-60)"},
		{"a little half", 4000, 4500, nil, `"a little half" (4,000-4,500)`},
		{"", 24, 60, nil, "24-60"},
	}
	for _, tt := range tests {
		f := NewContext(russians, nil, nil).fact(mk("x", "putin", tt.text, tt.lo, tt.hi, tt.opts...))
		if got := amount(&f); got != tt.want {
			t.Errorf("amount(%q, %g..%g) = %q, want %q", tt.text, f.lo, f.hi, got, tt.want)
		}
	}
}

// TestExplanationsRead relates hand-made pairs of every kind, each with
// two claimants and with one, and checks every explanation reads as a
// sentence that names each claimant once in turn.
func TestExplanationsRead(t *testing.T) {
	t.Parallel()
	parent := &claims.Topic{Meta: claims.Meta{ID: "fsu"}, Unit: "people", Additive: true}
	unrelatedTopic := func(c *claims.Claim) { c.TopicID = "other" }
	type pair struct {
		a, b  ClaimView
		links []*claims.Link
		topic *claims.Topic
	}
	var pairs []pair
	for _, same := range []bool{false, true} {
		who := func(c string) string {
			if same {
				return "putin"
			}
			return c
		}
		p := func(a, b ClaimView, links ...*claims.Link) { pairs = append(pairs, pair{a, b, links, nil}) }
		d := on("2015-09")
		// corroborates, consistent, conflicts (same place)
		p(mk("a", "bortnikov", "about 800", 720, 880, in("Syria"), d), mk("b", who("smirnov"), "800", 800, 800, in("Syria"), d))
		p(mk("a", "bortnikov", "700-900", 700, 900, in("Syria"), d), mk("b", who("smirnov"), "850-1,000", 850, 1000, in("Syria"), d))
		p(mk("a", "bortnikov", "some 200", 180, 220, in("Syria"), d), mk("b", who("smirnov"), "more than 400", 401, 0, lowerOnly, in("Syria"), d))
		p(mk("a", "bortnikov", "some 200", 180, 220, d), mk("b", who("smirnov"), "more than 400", 401, 0, lowerOnly, in("Syria"), d))
		p(mk("a", "bortnikov", "some 200", 180, 220, d, flow), mk("b", who("smirnov"), "more than 400", 401, 0, lowerOnly, on("2015-08"), flow))
		// contradicts, scope_differs (inside, disjoint)
		p(mk("a", "independent", "about 800", 720, 880, in("Syria"), d), mk("b", who("bogdanov"), "a few dozen", 24, 60, in("Syria", "Iraq"), d))
		p(mk("a", "independent", "about 20", 18, 22, in("Syria"), d), mk("b", who("bogdanov"), "a few dozen", 24, 60, in("Syria", "Iraq"), d))
		p(mk("a", "independent", "about 800", 720, 880, in("Syria"), d), mk("b", who("bogdanov"), "a few dozen", 24, 60, in("Chechnya"), d))
		// change_over_time, flow_fell
		p(mk("a", "bortnikov", "some 200", 180, 220, in("Syria"), on("2013-06")), mk("b", who("soufan"), "2,900", 2900, 2900, in("Iraq"), on("2015-12")))
		p(mk("a", "bortnikov", "3,000 went", 3000, 3000, flow, in("Syria"), on("2013-06")), mk("b", who("soufan"), "2,000 went", 2000, 2000, flow, in("Syria"), on("2015-12")))
		// not_comparable: measure, unit, no number
		p(mk("a", "bortnikov", "200", 200, 200, d), mk("b", who("soufan"), "2,000 went", 2000, 2000, flow, d))
		p(mk("a", "bortnikov", "200", 200, 200, d), mk("b", who("soufan"), "10%", 10, 10, unit("percent"), d))
		p(mk("a", "bortnikov", "200", 200, 200, d), mk("b", who("soufan"), "", 0, 0, noNumber, d))
		p(mk("a", "bortnikov", "", 0, 0, noNumber, d), mk("b", who("soufan"), "", 0, 0, noNumber, d))
		// drift, same_statement, derived (one occasion)
		o := occasion("SCO, Tashkent")
		p(mk("a", "smirnov", "2,400", 2400, 2400, o), mk("b", "smirnov", "around 2,500", 2250, 2750, o, hedge("upper_bound")))
		p(mk("a", "smirnov", "2,400", 2400, 2400, o), mk("b", "smirnov", "2,400", 2400, 2400, o))
		p(mk("a", "smirnov", "2,400", 2400, 2400), mk("b", who("newsweek"), "2,400", 2400, 2400), link("b", "a", claims.LinkDerivedFrom))
		// supersedes, superseded_by (one claimant's series), drift within it
		p(mk("a", "putin", "a little half", 4000, 4500, in("Syria"), on("2017-04-12")), mk("b", "putin", "as many as 4,000", 0, 4000, upperOnly, in("Syria"), on("2017-02-23")))
		p(mk("a", "putin", "as many as 4,000", 0, 4000, upperOnly, in("Syria"), on("2017-02-23")), mk("b", "putin", "a little half", 4000, 4500, in("Syria"), on("2017-04-12")))
		p(mk("a", "putin", "4,000", 4000, 4000, in("Syria"), d), mk("b", "putin", "9,000", 9000, 9000, in("Syria"), d))
		p(mk("a", "putin", "4,000", 4000, 4000, in("Syria"), d), mk("b", "putin", "about 4,000", 3600, 4400, in("Syria"), d))
		// manual links
		for _, k := range claims.LinkKinds {
			p(mk("a", "bortnikov", "200", 200, 200, d), mk("b", who("soufan"), "2,000", 2000, 2000, d), link("a", "b", k))
			p(mk("a", "bortnikov", "200", 200, 200, d), mk("b", who("soufan"), "2,000", 2000, 2000, d), link("b", "a", k))
		}
		// part and whole, and unrelated topics
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "a few dozen", 24, 60, in("Syria", "Iraq"), d, topicOf("fsu")))
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "up to 500", 0, 500, upperOnly, d, topicOf("fsu")))
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "9,000", 9000, 9000, in("Syria"), d, topicOf("fsu")))
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "9,000", 9000, 9000, in("Chechnya"), d, topicOf("fsu")))
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "9,000", 9000, 9000, in("Syria"), on("2017-01"), topicOf("fsu")))
		p(mk("a", "kadyrov", "about 500", 450, 550, in("Syria"), d), mk("b", who("bogdanov"), "9,000", 9000, 9000, in("Syria"), d, unrelatedTopic))
		// deprecated
		p(mk("a", "bortnikov", "some 200", 180, 220, in("Syria"), d, deprecated), mk("b", who("smirnov"), "more than 400", 401, 0, lowerOnly, in("Syria"), d))
		// roughly agrees, differs in kind, scope unclear, not simultaneous, misreport
		p(mk("a", "bortnikov", "about 2,000", 1800, 2200, hedge("approximate"), d), mk("b", who("smirnov"), "2,400", 2400, 2400, d))
		p(mk("a", "bortnikov", "3,000 went", 3000, 3000, flow, on("2015-06")), mk("b", who("smirnov"), "2,900 went", 2900, 2900, flow, on("2015-09")))
		p(mk("a", "bortnikov", "100,000 expected", 100000, 100000, basis(claims.BasisProjection), d), mk("b", who("smirnov"), "12,000", 12000, 12000, basis(claims.BasisCount), d))
		p(mk("a", "bortnikov", "5,000", 5000, 5000, pop("Dagestanis"), d), mk("b", who("smirnov"), "30", 30, 30, pop("Russians"), d))
		p(mk("a", "bortnikov", "30,000 by noon", 30000, 30000, asOf("2019-06-16T12:00")), mk("b", who("smirnov"), "2,000,000", 2000000, 2000000, asOf("2019-06-16")))
		p(mk("a", "bortnikov", "2,400 fighting", 2400, 2400, on("2015-12")), mk("b", who("smirnov"), "a few dozen have gone", 24, 60, flow, on("2015-06")))
		p(mk("a", "smirnov", "2.5 thousand", 2500, 2500, o), mk("b", "smirnov", "2.5 million", 2500000, 2500000, o))
		pairs = append(pairs, pair{a: mk("a", "bortnikov", "200", 200, 200, d), b: mk("b", who("smirnov"), "2,000", 2000, 2000, in("Syria"), d), topic: unplaced})
		pairs = append(pairs, pair{a: mk("a", "bortnikov", "200", 200, 200, d), b: mk("b", who("smirnov"), "2,000", 2000, 2000, d), topic: unplaced})
	}
	seen := map[Kind]bool{}
	for _, pr := range pairs {
		topic := russians
		if pr.topic != nil {
			topic = pr.topic
		}
		ctx := NewContext(topic, nil, pr.links).WithParent(parent)
		ctx.UseOrigins([]ClaimView{pr.a, pr.b})
		for _, r := range []Relation{Relate(pr.a, pr.b, ctx), Relate(pr.b, pr.a, ctx)} {
			seen[r.Kind] = true
			if msg := CheckExplanation(r.Explanation, pr.a.ClaimantName, pr.b.ClaimantName); msg != "" {
				t.Errorf("%s (%s against %s) %s: %q", r.Kind, pr.a.ClaimantID, pr.b.ClaimantID, msg, r.Explanation)
			}
		}
	}
	for _, k := range []Kind{Corroborates, Consistent, Conflicts, Contradicts, ScopeDiffers, ChangeOverTime, NotComparable, Drift,
		SameStatement, Supersedes, SupersededBy, Derived, PartExceedsWhole, Unrelated,
		RoughlyAgrees, DiffersInKind, ScopeUnclear, PlaceUnspecified, NotSimultaneous, Misreport} {
		if !seen[k] {
			t.Errorf("no pair is %s: add one", k)
		}
	}
}

// TestFactor pins Factor to what the web app's badge (frontend/js/format.js,
// factor) shows for the same numbers, read off a browser: halves round up
// as toFixed does (1.125, 10.25), trailing zeros go, a factor reaching the
// next precision's band takes its form (99.96 is "100×").
func TestFactor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "1×"}, {0.5, "1×"}, {1, "1×"}, {1.004, "1×"}, {1.005, "1×"}, {1.0051, "1.01×"},
		{1.125, "1.13×"}, {1.155, "1.16×"}, {1.375, "1.38×"}, {1.8, "1.8×"}, {1.82, "1.82×"}, {2, "2×"},
		{2.675, "2.67×"}, {9.995, "9.99×"}, {9.999, "10×"}, {10, "10×"}, {10.25, "10.3×"}, {10.75, "10.8×"},
		{12, "12×"}, {25.5, "25.5×"}, {99.94, "99.9×"}, {99.96, "100×"}, {100, "100×"}, {100.5, "101×"},
		{537, "537×"}, {1000, "1,000×"}, {32800, "32,800×"}, {32813.4, "32,813×"}, {537e6, "537,000,000×"},
		{999999999, "999,999,999×"}, {1e9, "∞"}, {math.Inf(1), "∞"}, {math.NaN(), "1×"},
	} {
		if got := Factor(c.v); got != c.want {
			t.Errorf("Factor(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestTimesRoundsAsStored: an explanation gives the severity as it is
// stored, to three significant figures, so 32,813.4 reads "32,800×" as
// its badge does, and a factor that rounds up to MaxSeverity is unbounded
// when the nearer bound is zero or below, and past the cap when it is not.
func TestTimesRoundsAsStored(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v, near float64
		want    string
	}{
		{32813.4, 1, "32,800×"}, {25.54, 2, "25.5×"}, {1.8249, 100, "1.82×"}, {999.6, 3, "1,000×"},
		{999999999.5, 0, "an unbounded factor (one bound is zero)"},
		{MaxSeverity, -5, "an unbounded factor (one bound is below zero)"},
		{999999999.5, 1, "1,000,000,000× or more"},
		{MaxSeverity, 2, "1,000,000,000× or more"},
	} {
		if got := times(c.v, c.near); got != c.want {
			t.Errorf("times(%v, %v) = %q, want %q", c.v, c.near, got, c.want)
		}
	}
}

// TestCapWording: a conflict at MaxSeverity (its badge "∞") says a bound
// is zero only when one is; "1" against "2 billion", both positive, is a
// factor past the cap.
func TestCapWording(t *testing.T) {
	t.Parallel()
	ctx := NewContext(russians, nil, nil)
	for _, tt := range []struct {
		name      string
		a, b      ClaimView
		says, not string
	}{
		{"1 against 2 billion", mk("c1", "bortnikov", "1", 1, 1, in("Syria")), mk("c2", "soufan", "2 billion", 2e9, 2e9, in("Syria")),
			"1,000,000,000× or more apart", "zero"},
		{"0 against 500", mk("c3", "bortnikov", "0", 0, 0, in("Syria")), mk("c4", "soufan", "500", 500, 500, in("Syria")),
			"an unbounded factor (one bound is zero) apart", "or more"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Relate(tt.a, tt.b, ctx)
			if r.Kind != Conflicts || r.Severity != MaxSeverity {
				t.Fatalf("%s at %v, want a conflict at MaxSeverity: %s", r.Kind, r.Severity, r.Explanation)
			}
			if Factor(r.Severity) != "∞" {
				t.Errorf("badge %q, want ∞", Factor(r.Severity))
			}
			if !strings.Contains(r.Explanation, tt.says) || strings.Contains(r.Explanation, tt.not) {
				t.Errorf("explanation %q: want %q and no %q", r.Explanation, tt.says, tt.not)
			}
		})
	}
}
