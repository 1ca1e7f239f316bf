package xref

import (
	"math"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Tolerance is how far, as a factor, a claim's figure may be off for the
// reasons its basis and its hedge give, before another claim beyond its
// interval contradicts it: the interval is widened by the factor each way
// (low divided, high multiplied), so two claims conflict only when the
// factor between their nearer bounds exceeds the product of their
// tolerances. Below that product the verdict is "roughly agrees".
//
// The band an approximator gives ("about 2,000" is 1,800-2,200) is the
// reading of the words, not the error of the estimate; the tolerance adds
// the error. The table is calibrated on the tuned third of
// testdata/eval.json (see TestEvaluation) and may be recalibrated there:
// keys are a basis and a hedge (the interval's kind: exact, approximate,
// range, lower_bound, upper_bound, vague).
var Tolerance = map[claims.Basis]map[string]float64{
	claims.BasisCount:      {"exact": 1, "approximate": 1.05, "range": 1, "lower_bound": 1, "upper_bound": 1, "vague": 1.05},
	claims.BasisEstimate:   {"exact": 1.05, "approximate": 1.1, "range": 1.05, "lower_bound": 1.05, "upper_bound": 1.05, "vague": 1.1},
	claims.BasisProjection: {"exact": 1.15, "approximate": 1.2, "range": 1.15, "lower_bound": 1.15, "upper_bound": 1.15, "vague": 1.2},
	claims.BasisDeclared:   {"exact": 1.15, "approximate": 1.2, "range": 1.15, "lower_bound": 1.15, "upper_bound": 1.15, "vague": 1.2},
	claims.BasisModel:      {"exact": 1.15, "approximate": 1.2, "range": 1.15, "lower_bound": 1.15, "upper_bound": 1.15, "vague": 1.2},
}

// tolerance returns the factor of Tolerance for a basis and a hedge: 1
// where the table has none.
func tolerance(b claims.Basis, hedge string) float64 {
	if b == "" {
		b = claims.BasisEstimate
	}
	if hedge == "" {
		hedge = "exact"
	}
	if t, ok := Tolerance[b][hedge]; ok && t >= 1 && !math.IsInf(t, 0) {
		return t
	}
	return 1
}

// kindOf groups the bases whose figures are compared with each other:
// counts and estimates; projections; declared figures; models.
func kindOf(b claims.Basis) int8 {
	switch b {
	case claims.BasisProjection:
		return 1
	case claims.BasisDeclared:
		return 2
	case claims.BasisModel:
		return 3
	}
	return 0
}

func basisWords(b claims.Basis) string {
	switch b {
	case claims.BasisCount:
		return "a count"
	case claims.BasisProjection:
		return "a projection"
	case claims.BasisDeclared:
		return "a declared figure"
	case claims.BasisModel:
		return "a model's figure"
	}
	return "an estimate"
}

// Direction says how one scope relates to another: the same, narrower
// (its count can only be smaller or equal), broader, or not comparable.
type direction int8

const (
	dirNone  direction = iota // unrelated, unclear or unspecified: never compared
	dirSame                   // the same scope
	dirInner                  // the first is narrower: its count is at most the other's
	dirOuter                  // the first is broader
)

// combine joins the directions of two aspects of a scope (place,
// population, group, measure): a claim is narrower when it is narrower or
// the same in every aspect and narrower in one.
func combine(a, b direction) direction {
	switch {
	case a == dirNone || b == dirNone:
		return dirNone
	case a == dirSame:
		return b
	case b == dirSame || a == b:
		return a
	}
	return dirNone
}

// populations is a topic's population tree, resolved.
type populations struct {
	byName map[string]int32 // folded name or alias -> node
	parent []int32          // -1 for a root
	names  []string
	// refs memoises ref by the text as written: a topic's claims repeat
	// a few populations and groups, and folding each candidate's again
	// took a seventh of a relations request's CPU.
	refs map[string]popRef
}

func newPopulations(t *claims.Topic) *populations {
	p := &populations{byName: map[string]int32{}}
	for i, n := range t.Populations {
		p.names = append(p.names, n.Name)
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			if k := claims.FoldName(name); k != "" {
				if _, dup := p.byName[k]; !dup {
					p.byName[k] = int32(i)
				}
			}
		}
	}
	p.parent = make([]int32, len(t.Populations))
	for i, n := range t.Populations {
		p.parent[i] = -1
		if j, ok := p.byName[claims.FoldName(n.Broader)]; ok && n.Broader != "" && int(j) != i {
			p.parent[i] = j
		}
	}
	return p
}

// popRef is who a claim counts in one aspect: a node of the tree (node >=
// 0), the topic's own population when the claim states none (node -1,
// text ""), or free text the tree does not hold (node -1, text folded).
type popRef struct {
	node int32
	text string
}

func (p *populations) ref(s string) popRef {
	if s == "" {
		return popRef{node: -1}
	}
	if r, ok := p.refs[s]; ok {
		return r
	}
	r := p.fold(s)
	if p.refs == nil {
		p.refs = map[string]popRef{}
	}
	p.refs[s] = r
	return r
}

func (p *populations) fold(s string) popRef {
	k := claims.FoldName(s)
	if k == "" {
		return popRef{node: -1}
	}
	if n, ok := p.byName[k]; ok {
		return popRef{node: n}
	}
	return popRef{node: -1, text: k}
}

// ancestor reports whether a lies within b (strictly), following at most
// len(parent) links so that a malformed tree cannot loop.
func (p *populations) ancestor(b, a int32) bool {
	for n := 0; a >= 0 && n <= len(p.parent); n++ {
		a = p.parent[a]
		if a == b {
			return true
		}
	}
	return false
}

// relate says how population a relates to b. The same name (or free text
// said the same way) is the same population. A stated population and an
// unstated one (the topic's) compare as the root the tree gives, or else
// not at all; free text the tree does not place is unclear.
func (p *populations) relate(a, b popRef) (direction, string) {
	switch {
	case a == b:
		return dirSame, ""
	case a.node >= 0 && b.node >= 0:
		switch {
		case p.ancestor(b.node, a.node):
			return dirInner, ""
		case p.ancestor(a.node, b.node):
			return dirOuter, ""
		}
		return dirNone, "unrelated"
	case a.node >= 0 && b.text == "":
		// b states none: it counts the topic's population, which a root
		// of the tree is, and which holds every other node.
		if p.parent[a.node] < 0 {
			return dirSame, ""
		}
		return dirInner, ""
	case b.node >= 0 && a.text == "":
		if p.parent[b.node] < 0 {
			return dirSame, ""
		}
		return dirOuter, ""
	}
	return dirNone, "unclear"
}

// measureRelation says how a's measure relates to b's: the same measure
// over compatible periods (dirSame), a current figure beside a cumulative
// total or a peak (dirInner: it is at most the other at the same date), or
// not comparable.
func measureRelation(a, b *fact) direction {
	ma, mb := a.measure, b.measure
	if ma == mb {
		switch ma {
		case claims.Cumulative:
			if a.since != "" && b.since != "" && a.since != b.since {
				return dirNone
			}
		case claims.PerPeriod:
			if a.period != b.period {
				return dirNone
			}
		}
		return dirSame
	}
	narrower := func(x, y claims.Measure) bool {
		return x == claims.Current && (y == claims.Cumulative || y == claims.Peak)
	}
	switch {
	case narrower(ma, mb):
		return dirInner
	case narrower(mb, ma):
		return dirOuter
	}
	return dirNone
}

// comparison is how the sweep and Relate compare two claims of one unit.
type comparison struct {
	dir  direction
	mode mode
	// why names what stops or shapes the comparison, for explanations.
	why string
}

// mode says which claims of another class a claim is compared with.
type mode int8

const (
	modeNone       mode = iota
	modeWindow          // disjoint intervals within the topic's window conflict
	modeSameDate        // only claims whose dates overlap are compared
	modeCumulative      // cumulative totals: a later one below an earlier one conflicts, whatever the gap in time
)

// compare decides how two claims of the same unit are compared by their
// scopes alone: basis, measure, place, population and group. Claims of
// one class (see classIndex) compare identically with any third claim,
// which the sweep relies on.
func (c *Context) compare(a, b *fact, places gazetteer.Relation) comparison {
	if kindOf(a.basis) != kindOf(b.basis) {
		return comparison{why: "kind"}
	}
	md := measureRelation(a, b)
	if md == dirNone {
		return comparison{why: "measure"}
	}
	var pd direction
	switch places {
	case gazetteer.Equal:
		pd = dirSame
	case gazetteer.Inside:
		pd = dirInner
	case gazetteer.Contains:
		pd = dirOuter
	case gazetteer.Unknown:
		return comparison{why: "place unspecified"}
	default:
		return comparison{why: "places"}
	}
	popDir, why := c.pops.relate(a.pop, b.pop)
	if popDir == dirNone {
		return comparison{why: "population " + why}
	}
	grpDir, why := c.pops.relate(a.grp, b.grp)
	if grpDir == dirNone {
		return comparison{why: "group " + why}
	}
	d := combine(combine(combine(md, pd), popDir), grpDir)
	if d == dirNone {
		return comparison{why: "crossed"}
	}
	if d != dirSame && !c.topic.Additive {
		return comparison{why: "not additive"}
	}
	cmp := comparison{dir: d, mode: modeWindow}
	switch {
	case md != dirSame:
		cmp.mode = modeSameDate
	case a.measure == claims.Cumulative && d == dirSame:
		cmp.mode = modeCumulative
	case a.measure == claims.Cumulative:
		cmp.mode = modeSameDate
	}
	return cmp
}

// roundSeverity rounds a severity to three significant figures (2.41,
// 12.0, 131): more would claim a precision no published figure has.
func roundSeverity(s float64) float64 {
	if s <= 0 || math.IsInf(s, 0) || math.IsNaN(s) || s >= MaxSeverity {
		return s
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(s)))
	return math.Round(s*p) / p
}
