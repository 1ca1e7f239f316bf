package xref

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// ClaimSummary is what a topic's comparison says about one claim. Stores
// keep one per claim and rewrite them when the topic is recomputed.
type ClaimSummary struct {
	ClaimID string `json:"claim_id"`
	TopicID string `json:"topic_id"`
	// ConflictCount is the number of claims of the topic it conflicts or
	// contradicts with (comparable scope, within the time window).
	ConflictCount int `json:"conflict_count"`
	// PartWholeCount is the number of the parent topic's claims it
	// outnumbers although it counts a narrower population.
	PartWholeCount int `json:"part_whole_count"`
	// WorstSeverity is the severity of its worst conflict, contradiction
	// or part above whole, 1 when there is none.
	WorstSeverity    float64 `json:"worst_severity"`
	WorstAgainst     string  `json:"worst_against,omitempty"`
	WorstRelation    Kind    `json:"worst_relation,omitempty"`
	WorstExplanation string  `json:"worst_explanation,omitempty"`
	// Group is the index of its consistent group in TopicSummary.Groups,
	// -1 when it is in none (no number, deprecated, another unit).
	Group int `json:"group"`
	// SupersededBy is the same claimant's next figure for the same scope.
	SupersededBy string `json:"superseded_by,omitempty"`
	// IndependentOrigin names its origin cluster (see Origins).
	IndependentOrigin string `json:"independent_origin"`
	// Active is false for claims without a number and deprecated claims,
	// which are shown but never drive conflicts.
	Active bool `json:"active"`
	// UnknownPlaces are the claim's place names the gazetteer does not
	// know; the UI warns about them.
	UnknownPlaces []string `json:"unknown_places,omitempty"`
	// FlowFell is set when, in its revision series, this cumulative figure
	// is below an earlier one.
	FlowFell bool `json:"flow_fell"`
}

// Range is an interval of values; a nil bound is open.
type Range struct {
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
}

// Group is a set of mutually consistent claims: their intervals share the
// range Low..High. See the package documentation for how claims are
// grouped.
type Group struct {
	Measure claims.Measure `json:"measure"`
	Claims  []string       `json:"claims"`
	Range
}

// Envelope spans every active claim of a topic: Low..High is the range of
// their finite bounds, and OpenLow (OpenHigh) is set when some claim is
// open below (above), as "up to 3,000" is below: draw "24 … 4,999+".
// Low and High are nil only when no claim has a finite bound.
type Envelope struct {
	Range
	OpenLow  bool `json:"open_low"`
	OpenHigh bool `json:"open_high"`
}

// Period is the span of reference dates a consensus or a spread is for:
// the reference dates, as written, of its earliest and its latest claim
// ("2015-09-17" to "2015-12"). Both are empty when its claims are undated.
type Period struct {
	From claims.Date `json:"from,omitempty"`
	To   claims.Date `json:"to,omitempty"`
}

// Consensus is where the most independent origins agree within one
// period: the range Low..High (always both finite) that the intervals of
// Origins origin clusters all cover, ClaimCount claims among them, all
// with reference dates in From..To. See the package documentation.
type Consensus struct {
	Range
	Measure    claims.Measure `json:"measure"`
	ClaimCount int            `json:"claim_count"`
	Origins    int            `json:"origins"`
	Period
}

// TopicSummary is the comparison of a whole topic.
type TopicSummary struct {
	TopicID     string `json:"topic_id"`
	ClaimCount  int    `json:"claim_count"`
	ActiveCount int    `json:"active_count"`
	// ConflictCount is the number of claims with at least one conflict;
	// ConflictPairs the number of conflicting pairs, counted by the sweep
	// (each pair once), never listed.
	ConflictCount int   `json:"conflict_count"`
	ConflictPairs int64 `json:"conflict_pairs"`
	// NotableConflicts is the number of entries in TopicResult.Conflicts,
	// OpenConflicts those of them not yet reviewed or dismissed.
	NotableConflicts int `json:"notable_conflicts"`
	OpenConflicts    int `json:"open_conflicts"`
	// Envelope spans every active claim in the topic's unit, of every
	// date.
	Envelope Envelope `json:"envelope"`
	// Consensus is the range where the most independent origins agree in
	// the most recent period where any agree (see the package
	// documentation); nil when there is none.
	Consensus *Consensus `json:"consensus"`
	// Spread is the largest central value over the smallest positive one
	// (a claim's central value is its best estimate, else the middle of
	// its finite bounds) among the claims of SpreadPeriod: the consensus's
	// period, or the most recent period when there is no consensus; 1
	// with fewer than two such values. It is never less than the severity
	// of the topic's worst notable conflict or contradiction, of any
	// period: a topic holding a 26x contradiction never reads 1.7x.
	// Rounded to three significant figures.
	Spread       float64 `json:"spread"`
	SpreadPeriod Period  `json:"spread_period"`
	// SpreadAllTime is the same ratio over every active claim in the
	// topic's unit, whatever its date: figures years apart make it large
	// without any disagreement.
	SpreadAllTime      float64  `json:"spread_all_time"`
	IndependentOrigins int      `json:"independent_origins"`
	Groups             []Group  `json:"groups"`
	WindowDays         int      `json:"window_days"`
	UnknownPlaces      []string `json:"unknown_places"`
	FlowFalls          int      `json:"flow_falls"`
}

// SumOfParts flags a total exceeded by the sum of its parts as one
// statement gave them: Putin's figures for Russians and for other CIS
// citizens above his figure for all foreign fighters.
type SumOfParts struct {
	TotalID     string   `json:"total_id"`
	PartIDs     []string `json:"part_ids"`
	PartsLow    float64  `json:"parts_low"`
	TotalHigh   float64  `json:"total_high"`
	Severity    float64  `json:"severity"`
	Explanation string   `json:"explanation"`
}

// TopicResult is everything Recompute derives for a topic.
type TopicResult struct {
	Topic  TopicSummary   `json:"topic"`
	Claims []ClaimSummary `json:"claims"`
	Series []Series       `json:"series"`
	// Conflicts are the topic's notable conflicts: each claim's worst
	// conflict, one entry per pair, every manual contradicts link, and
	// each claim's worst part above a whole of the parent topic.
	Conflicts  []Conflict   `json:"conflicts"`
	SumOfParts []SumOfParts `json:"sum_of_parts"`
}

// Related holds the optional inputs of Recompute.
type Related struct {
	// Gazetteer resolves places; nil means gazetteer.Builtin().
	Gazetteer *gazetteer.Gazetteer
	// Reviews are the analysts' reviews of the topic's conflicts.
	Reviews []*claims.Review
	// Parent is the topic's parent and ParentClaims its claims: each claim
	// is checked against them as a part against the whole.
	Parent       *claims.Topic
	ParentClaims []ClaimView
	// ChildClaims are claims of topics whose parent is this topic: parts
	// given in one statement are summed against its total. Only those
	// whose StatementKey is that of one of the topic's claims are read,
	// so a caller may leave the others out.
	ChildClaims []ClaimView
}

// Recompute compares the claims of one topic (cs must all belong to it)
// and summarises the result per claim and for the topic, in the order of
// cs. links are the analysts' links touching the topic's claims; rel may
// be nil. See the package documentation for the
// rules and the cost. It is RecomputeLean on the claims in lean form.
func Recompute(topic *claims.Topic, cs []ClaimView, links []*claims.Link, rel *Related) TopicResult {
	if rel == nil {
		rel = &Related{}
	}
	return RecomputeLean(topic, LeanOf(cs), links, &LeanRelated{Gazetteer: rel.Gazetteer, Reviews: rel.Reviews,
		Parent: rel.Parent, ParentClaims: LeanOf(rel.ParentClaims), ChildClaims: LeanOf(rel.ChildClaims)})
}

// LeanRelated is Related with its claims in lean form.
type LeanRelated struct {
	Gazetteer                 *gazetteer.Gazetteer
	Reviews                   []*claims.Review
	Parent                    *claims.Topic
	ParentClaims, ChildClaims *Lean
}

// RecomputeLean is Recompute on claims in lean form: the claims are read
// one at a time into their facts, and never held whole. rel may be nil.
func RecomputeLean(topic *claims.Topic, cs *Lean, links []*claims.Link, rel *LeanRelated) TopicResult {
	if rel == nil {
		rel = &LeanRelated{}
	}
	ctx := NewContext(topic, rel.Gazetteer, links)
	ctx.parent = rel.Parent

	n := cs.Len()
	facts := make([]fact, n)
	for k, c := range cs.All() {
		facts[k] = ctx.fact(c)
	}
	ids := make([]string, n)
	for k := range facts {
		ids[k] = facts[k].v.ID
	}
	origin, independent := originsOf(facts, ctx.linkList())
	ctx.origins = origin
	touched := touchedClaims(ctx, ids, origin)
	sums := make([]ClaimSummary, n)
	worst := make([]worstOf, n)
	// partWorst is each claim's worst part above whole, listed among the
	// notable conflicts even when a conflict within the topic is worse.
	var partWorst []worstOf
	for k := range facts {
		sums[k] = ClaimSummary{
			ClaimID: ids[k], TopicID: topic.ID, WorstSeverity: 1, Group: -1,
			IndependentOrigin: origin[ids[k]], Active: facts[k].active, UnknownPlaces: facts[k].set.Unknown,
		}
		worst[k] = worstOf{j: -1}
	}
	sweepTopic(ctx, facts, ids, sums, func(k int, c cand, above bool, kind Kind) {
		worst[k].offerCand(&facts[k], true, int(c.i), false, ids[c.i], c.v, above, kind)
	})
	var parentFacts []fact
	if rel.Parent != nil && rel.ParentClaims.Len() > 0 {
		parentFacts = make([]fact, rel.ParentClaims.Len())
		for k, c := range rel.ParentClaims.All() {
			parentFacts[k] = ctx.factIn(c, rel.Parent)
		}
		partWorst = make([]worstOf, n)
		for k := range partWorst {
			partWorst[k] = worstOf{j: -1}
		}
		sweepParent(ctx, facts, parentFacts, sums, func(k, j int, v float64) {
			worst[k].offerCand(&facts[k], false, j, true, parentFacts[j].v.ID, v, false, PartExceedsWhole)
			partWorst[k].offerCand(&facts[k], false, j, true, parentFacts[j].v.ID, v, false, PartExceedsWhole)
		})
	}

	// Claims touched by a link, and the claims sharing an origin with
	// them, are re-examined one by one.
	for k := range facts {
		if !touched[ids[k]] {
			continue
		}
		sums[k].ConflictCount, sums[k].PartWholeCount = 0, 0
		worst[k] = worstOf{j: -1}
		if partWorst != nil {
			partWorst[k] = worstOf{j: -1}
		}
		for j := range facts {
			if j == k || !ctx.mayConflict(&facts[k], &facts[j]) {
				continue
			}
			if r := ctx.relate(&facts[k], &facts[j]); r.Conflict() {
				sums[k].ConflictCount++
				worst[k].offer(j, false, ids[j], r.excess, r.Kind)
			}
		}
		for j := range parentFacts {
			if r := ctx.relate(&facts[k], &parentFacts[j]); r.Kind == PartExceedsWhole && !r.Deprecated {
				sums[k].PartWholeCount++
				worst[k].offer(j, true, parentFacts[j].v.ID, r.excess, r.Kind)
				partWorst[k].offer(j, true, parentFacts[j].v.ID, r.excess, r.Kind)
			}
		}
	}

	res := TopicResult{Claims: sums}
	conflicts := map[[2]string]bool{}
	var pairs int64
	for k := range facts {
		pairs += int64(sums[k].ConflictCount)
		if sums[k].ConflictCount > 0 {
			res.Topic.ConflictCount++
		}
		w := worst[k]
		if w.j < 0 {
			continue
		}
		var other *fact
		if w.parent {
			other = &parentFacts[w.j]
		} else {
			other = &facts[w.j]
		}
		r := ctx.relate(&facts[k], other)
		sums[k].WorstSeverity = r.Severity
		sums[k].WorstAgainst = other.v.ID
		sums[k].WorstRelation = r.Kind
		sums[k].WorstExplanation = r.Explanation
		if !w.parent && r.Conflict() {
			key := pairKey(ids[k], other.v.ID)
			if !conflicts[key] {
				conflicts[key] = true
				res.Conflicts = append(res.Conflicts, conflictOf(topic.ID, r, facts[k].v.Grade, other.v.Grade))
			}
		}
		if w.parent && partWorst != nil && partWorst[k].j == w.j {
			// Its worst is its worst part above whole: listed below
			// with this relation and its explanation, not a copy
			// made again.
			partWorstConflict(ctx, &res, conflicts, topic.ID, &facts[k], &parentFacts[w.j], &r)
			partWorst[k].j = -1
		}
	}
	res.Topic.ConflictPairs = pairs / 2
	// Each claim's worst part above whole joins the notable conflicts:
	// the pair spans two topics and is listed with the narrower one.
	for k := range partWorst {
		if w := partWorst[k]; w.j >= 0 {
			partWorstConflict(ctx, &res, conflicts, topic.ID, &facts[k], &parentFacts[w.j], nil)
		}
	}
	byID := make(map[string]int, n)
	for k := range facts {
		byID[ids[k]] = k
	}
	for _, l := range ctx.linkList() {
		if l.Kind != claims.LinkContradicts {
			continue
		}
		a, okA := byID[l.FromID]
		b, okB := byID[l.ToID]
		if !okA || !okB || conflicts[pairKey(l.FromID, l.ToID)] {
			continue
		}
		r := ctx.relate(&facts[a], &facts[b])
		if r.Conflict() {
			conflicts[pairKey(l.FromID, l.ToID)] = true
			res.Conflicts = append(res.Conflicts, conflictOf(topic.ID, r, facts[a].v.Grade, facts[b].v.Grade))
		}
	}
	// Reports of one statement far apart are listed as likely
	// misreports: per statement and per origin cluster, the pair of the
	// highest low and the lowest high.
	for _, m := range misreports(ctx, facts, origin) {
		r := ctx.relate(&facts[m[0]], &facts[m[1]])
		if key := pairKey(r.ClaimID, r.OtherID); r.Kind == Misreport && !conflicts[key] {
			conflicts[key] = true
			res.Conflicts = append(res.Conflicts, conflictOf(topic.ID, r, facts[m[0]].v.Grade, facts[m[1]].v.Grade))
		}
	}
	attachConflictReviews(res.Conflicts, rel.Reviews)
	sortConflicts(res.Conflicts)

	res.Series = seriesOf(facts)
	for _, s := range res.Series {
		for _, e := range s.Entries {
			k := byID[e.ClaimID]
			sums[k].SupersededBy = e.SupersededBy
			if e.FlowFell {
				sums[k].FlowFell = true
				res.Topic.FlowFalls++
			}
		}
	}
	// An analyst's supersedes link wins over the series.
	for _, l := range ctx.linkList() {
		if k, ok := byID[l.ToID]; ok && l.Kind == claims.LinkSupersedes {
			if _, ok := byID[l.FromID]; ok {
				sums[k].SupersededBy = l.FromID
			}
		}
	}
	if rel.ChildClaims.Len() > 0 {
		res.SumOfParts = sumOfParts(ctx, facts, rel.ChildClaims)
	}

	t := &res.Topic
	t.TopicID = topic.ID
	t.ClaimCount = n
	t.WindowDays = topic.Window()
	t.IndependentOrigins = independent
	t.NotableConflicts = len(res.Conflicts)
	for _, c := range res.Conflicts {
		if c.Status == claims.ReviewOpen {
			t.OpenConflicts++
		}
	}
	summarise(ctx, facts, sums, t)
	// The spread never hides a conflict: it is at least the severity of
	// the worst notable conflict between the topic's claims, and then it
	// is that pair's, of the pair's dates ("25.5x (2014-2015)"), not of
	// the period it was read in first.
	for _, c := range res.Conflicts {
		if (c.Kind == Conflicts || c.Kind == Contradicts) && c.Severity > t.Spread && c.Severity < MaxSeverity {
			t.Spread = c.Severity
			var pair []int
			for _, id := range []string{c.ClaimA, c.ClaimB} {
				if k, ok := byID[id]; ok {
					pair = append(pair, k)
				}
			}
			t.SpreadPeriod = periodOf(facts, pair)
		}
	}
	t.Spread, t.SpreadAllTime = roundSeverity(t.Spread), roundSeverity(t.SpreadAllTime)
	return res
}

// partWorstConflict lists the part above whole of claim a over the
// parent topic's claim whole among res's notable conflicts, unless the
// pair is listed already. r is their relation when the caller has it
// (nil: it is computed): each claim's worst part above whole is often
// its worst relation too, whose explanation is then shared rather than
// written twice.
func partWorstConflict(ctx *Context, res *TopicResult, listed map[[2]string]bool, topicID string, a, whole *fact, r *Relation) {
	if r == nil {
		rel := ctx.relate(a, whole)
		r = &rel
	}
	if key := pairKey(a.v.ID, r.OtherID); r.Kind == PartExceedsWhole && !r.Deprecated && !listed[key] {
		listed[key] = true
		res.Conflicts = append(res.Conflicts, conflictOf(topicID, *r, a.v.Grade, whole.v.Grade))
	}
}

// misreports returns, for each statement and each origin cluster of two
// or more active claims, the pair of the claim with the highest low and
// the one with the lowest high when they are more than MisreportFactor
// apart. O(n).
func misreports(ctx *Context, facts []fact, origin map[string]string) [][2]int {
	// A group's key is its parts as they are, not a string made of them:
	// a topic's claims each offer one or two, and the largest topic's
	// keys were a good part of its recompute's heap.
	type key struct {
		origin          bool // else a statement
		unit, statement string
	}
	type ext struct{ hiLo, loHi int }
	groups := map[key]int{} // in exts
	var exts []ext
	offer := func(g key, k int) {
		i, ok := groups[g]
		if !ok {
			groups[g] = len(exts)
			exts = append(exts, ext{k, k})
			return
		}
		e := &exts[i]
		f := &facts[k]
		if f.lo > facts[e.hiLo].lo {
			e.hiLo = k
		}
		if f.hi < facts[e.loHi].hi {
			e.loHi = k
		}
	}
	for k := range facts {
		f := &facts[k]
		if !f.active {
			continue
		}
		if f.statement != "" {
			offer(key{unit: f.unit, statement: f.statement}, k)
		}
		if o, ok := origin[f.v.ID]; ok {
			offer(key{origin: true, unit: f.unit, statement: o}, k)
		}
	}
	var out [][2]int
	for _, e := range exts {
		if e.hiLo != e.loHi && facts[e.loHi].hi*MisreportFactor < facts[e.hiLo].lo {
			out = append(out, [2]int{e.hiLo, e.loHi})
		}
	}
	return out
}

// worstOf tracks a claim's worst conflict: the largest severity, ties
// going to the smaller claim ID.
type worstOf struct {
	j      int // index of the other claim, -1 for none
	parent bool
	id     string
	sev    float64
	kind   Kind
}

func (w *worstOf) offer(j int, parent bool, id string, sev float64, kind Kind) {
	if w.j < 0 || sev > w.sev || sev == w.sev && id < w.id {
		*w = worstOf{j: j, parent: parent, id: id, sev: sev, kind: kind}
	}
}

// offerCand offers a sweep's candidate: the other claim's nearer bound v,
// a conflict only if it lies beyond f's interval (widened by its
// tolerance when widened is set, as the topic's sweep compares them).
func (w *worstOf) offerCand(f *fact, widened bool, j int, parent bool, id string, v float64, above bool, kind Kind) {
	lo, hi := f.lo, f.hi
	if widened {
		lo, hi = f.wlo, f.whi
	}
	switch {
	case above && v > hi:
		w.offer(j, parent, id, severity(hi, v), kind)
	case !above && v < lo:
		w.offer(j, parent, id, severity(v, lo), kind)
	}
}

// factIn prepares a claim of another topic, whose unit defaults to that
// topic's.
func (c *Context) factIn(v ClaimView, t *claims.Topic) fact {
	f := c.fact(v)
	f.unit = compareUnit(v.Unit, t.Unit)
	return f
}

// mayConflict is false for a pair of one topic that relate cannot find
// in conflict, which it tells cheaply, without the explanation: no link
// joins them, and they are not both active claims of one unit that
// compare can compare (reports of one statement never conflict).
func (c *Context) mayConflict(a, b *fact) bool {
	if c.links[pairKey(a.v.ID, b.v.ID)] != nil {
		return true
	}
	if !a.active || !b.active || a.unit != b.unit || a.v.TopicID != b.v.TopicID ||
		a.statement != "" && a.statement == b.statement || c.sameOrigin(a, b) {
		return false
	}
	return c.compare(a, b, gazetteer.Compare(a.set, b.set)).mode != modeNone
}

// touchedClaims returns the claims whose relations a link may change: the
// ends of every link and every claim in an origin cluster that a link
// joined.
func touchedClaims(ctx *Context, ids []string, origin map[string]string) map[string]bool {
	touched := map[string]bool{}
	roots := map[string]bool{}
	for _, l := range ctx.linkList() {
		touched[l.FromID], touched[l.ToID] = true, true
		if originLink(l.Kind) {
			roots[origin[l.FromID]] = true
		}
	}
	for _, id := range ids {
		if roots[origin[id]] {
			touched[id] = true
		}
	}
	return touched
}

// partition groups the indexes of active facts by unit and measure, then
// by place set.
type partition struct {
	classes [][]int32 // fact indexes per place set
	sets    []gazetteer.Set
}

// partitions returns the partitions of the facts of lists, numbered as
// one list: the first list's, then the next list's after them.
func partitions(lists ...[]fact) []*partition {
	byUM := map[string]*partition{}
	classOf := map[string]map[string]int{}
	var out []*partition
	k := -1
	for _, facts := range lists {
		for i := range facts {
			k++
			f := &facts[i]
			if !f.active {
				continue
			}
			um := f.unit + "\x00" + string(f.measure)
			p := byUM[um]
			if p == nil {
				p = &partition{}
				byUM[um] = p
				classOf[um] = map[string]int{}
				out = append(out, p)
			}
			sk := f.set.Key()
			ci, ok := classOf[um][sk]
			if !ok {
				ci = len(p.classes)
				classOf[um][sk] = ci
				p.classes = append(p.classes, nil)
				p.sets = append(p.sets, f.set)
			}
			p.classes[ci] = append(p.classes[ci], int32(k))
		}
	}
	return out
}

// keyer numbers strings densely.
type keyer map[string]int32

func (m keyer) id(s string) int32 {
	if k, ok := m[s]; ok {
		return k
	}
	k := int32(len(m))
	m[s] = k
	return k
}

// sweepTopic counts each active claim's conflicts and contradictions and
// proposes its worst ones, class by class: claims of one class (see
// classIndex) compare identically with every other claim, so each class
// is related by compare to the classes it may be compared with, and its
// claims are swept against theirs (or related pair by pair when the block
// is small). Intervals are widened by their tolerances.
func sweepTopic(ctx *Context, facts []fact, ids []string, sums []ClaimSummary, consider func(k int, c cand, above bool, kind Kind)) {
	claimants, statements := keyer{}, keyer{}
	s := &sweeper{ctx: ctx, facts: facts, ids: ids, sums: sums, consider: consider, w: int64(ctx.topic.Window()),
		claimant: make([]int32, len(facts)), statement: make([]int32, len(facts))}
	for k := range facts {
		s.claimant[k] = claimants.id(facts[k].v.ClaimantID)
		st := facts[k].statement
		if st == "" {
			st = "\x01" + facts[k].v.ID // a statement of its own
		}
		s.statement[k] = statements.id(st)
	}
	ix := newClassIndex(ctx, facts)
	var lists [numCats][]int32
	for a := range ix.classes {
		for c := range lists {
			lists[c] = lists[c][:0]
		}
		rep := &facts[ix.classes[a].members[0]]
		ix.partners(int32(a), func(b int32, places gazetteer.Relation) {
			cmp := ctx.compare(rep, &facts[ix.classes[b].members[0]], places)
			if cat, ok := categoryOf(cmp); ok {
				lists[cat] = append(lists[cat], ix.classes[b].members...)
			}
		})
		for c := range lists {
			s.block(ix.classes[a].members, lists[c], category(c))
		}
	}
}

// counter counts, for each query, the data points it conflicts with.
type counter func(qs, ds []pt) []int

// countCumulative counts the totals to date a query conflicts with: of
// an overlapping date and disjoint, earlier and above it, or later and
// below it.
func countCumulative(qs, ds []pt) []int {
	out := countDisjoint(qs, ds, 0, true, true)
	if len(qs) == 0 || len(ds) == 0 {
		return out
	}
	los, his := make([]float64, len(ds)), make([]float64, len(ds))
	for k, d := range ds {
		los[k], his[k] = d.lo, d.hi
	}
	slices.Sort(los)
	slices.Sort(his)
	for k, c := range dominance(qs, ds, 0, true, los, true) {
		out[k] += c
	}
	for k, c := range dominance(qs, ds, 0, false, his, false) {
		out[k] += c
	}
	return out
}

type dirCand struct {
	q     int32
	c     cand
	above bool
}

// cumulativeExtremes proposes each query's worst conflicts among totals
// to date: the most extreme of an overlapping date either way, the
// highest earlier one and the lowest later one.
func cumulativeExtremes(q, d []int32, keys []int32, mk func([]int32, []int32) []pt, ids []string) []dirCand {
	if len(q) == 0 || len(d) == 0 {
		return nil
	}
	qs, ds := mk(q, keys), mk(d, keys)
	var out []dirCand
	add := func(cs []cand, above bool) {
		for n, c := range cs {
			if c.i >= 0 {
				out = append(out, dirCand{q[n], c, above})
			}
		}
	}
	add(extremes(qs, ds, 0, true, ids), true)
	add(extremes(qs, ds, 0, false, ids), false)
	add(bestBeyond(qs, ds, true, true, ids), true)
	add(bestBeyond(qs, ds, false, false, ids), false)
	return out
}

// count adds to each query claim the number of data claims it is disjoint
// from within the window, less those sharing its key: the count over all
// data minus the count within each key's block.
func count(sums []ClaimSummary, q, d []int32, keys []int32, mk func([]int32, []int32) []pt, fn counter) {
	if len(q) == 0 || len(d) == 0 {
		return
	}
	for n, c := range fn(mk(q, keys), mk(d, keys)) {
		sums[q[n]].ConflictCount += c
	}
	qb, db := map[int32][]int32{}, map[int32][]int32{}
	for _, k := range q {
		qb[keys[k]] = append(qb[keys[k]], k)
	}
	for _, k := range d {
		if _, ok := qb[keys[k]]; ok {
			db[keys[k]] = append(db[keys[k]], k)
		}
	}
	for key, qk := range qb {
		for n, c := range fn(mk(qk, keys), mk(db[key], keys)) {
			sums[qk[n]].ConflictCount -= c
		}
	}
}

type qcand struct {
	q int32
	c cand
}

func extremesOf(q, d []int32, keys []int32, mk func([]int32, []int32) []pt, w int64, above bool, ids []string) []qcand {
	if len(q) == 0 || len(d) == 0 {
		return nil
	}
	cs := extremes(mk(q, keys), mk(d, keys), w, above, ids)
	out := make([]qcand, 0, len(cs))
	for n, c := range cs {
		if c.i >= 0 {
			out = append(out, qcand{q[n], c})
		}
	}
	return out
}

// sweepParent counts, for each active claim, the parent topic's claims it
// exceeds for the same or a containing place within the window.
func sweepParent(ctx *Context, facts, parent []fact, sums []ClaimSummary, consider func(k, j int, v float64)) {
	w := int64(ctx.topic.Window())
	// The claims are numbered as one list, the topic's (below n) then the
	// parent's, but the two slices are not copied into one: a fact is
	// 496 bytes, and at a million claims (a child of 66,951 claims under a
	// parent of 29,622) the copy was about 50 MB of the import's peak (its
	// heap profile), live beside both slices while the parent was swept.
	n := int32(len(facts))
	at := func(k int32) *fact {
		if k < n {
			return &facts[k]
		}
		return &parent[k-n]
	}
	// Queries and data get different keys: no pair is excluded.
	mk := func(ix []int32, key int32) []pt {
		out := make([]pt, len(ix))
		for m, k := range ix {
			f := at(k)
			out[m] = pt{i: k, key: key, lo: f.lo, hi: f.hi, start: f.start, end: f.end}
		}
		return out
	}
	ids := make([]string, len(facts)+len(parent))
	for k := range ids {
		ids[k] = at(int32(k)).v.ID
	}
	for _, p := range partitions(facts, parent) {
		for a := range p.classes {
			var q, d []int32
			for _, k := range p.classes[a] {
				if k < n {
					q = append(q, k)
				}
			}
			for b := range p.classes {
				switch gazetteer.Compare(p.sets[a], p.sets[b]) {
				case gazetteer.Equal, gazetteer.Unknown, gazetteer.Inside:
					for _, k := range p.classes[b] {
						if k >= n {
							d = append(d, k)
						}
					}
				}
			}
			if len(q) == 0 || len(d) == 0 {
				continue
			}
			qs, ds := mk(q, -1), mk(d, -2)
			for m, c := range countDisjoint(qs, ds, w, false, true) {
				sums[q[m]].PartWholeCount += c
			}
			for m, c := range extremes(qs, ds, w, false, ids) {
				if c.i >= 0 {
					consider(int(q[m]), int(c.i-n), c.v)
				}
			}
		}
	}
}

// summarise fills the topic-wide figures, the consensus and the
// consistent groups (see the package documentation).
func summarise(ctx *Context, facts []fact, sums []ClaimSummary, t *TopicSummary) {
	unit := compareUnit("", ctx.topic.Unit)
	lo, hi := math.Inf(1), math.Inf(-1)
	var centers []float64
	unknown := map[string]bool{}
	byMeasure := map[claims.Measure][]int{}
	var measures []claims.Measure
	var eligible []int
	for k := range facts {
		f := &facts[k]
		for _, u := range f.set.Unknown {
			unknown[u] = true
		}
		if !f.active || f.unit != unit && unit != "" {
			continue
		}
		t.ActiveCount++
		for _, v := range [2]float64{f.lo, f.hi} {
			if !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		t.Envelope.OpenLow = t.Envelope.OpenLow || math.IsInf(f.lo, -1)
		t.Envelope.OpenHigh = t.Envelope.OpenHigh || math.IsInf(f.hi, 1)
		if c := f.center(); c > 0 && !math.IsInf(c, 0) {
			centers = append(centers, c)
		}
		if _, ok := byMeasure[f.measure]; !ok {
			measures = append(measures, f.measure)
		}
		byMeasure[f.measure] = append(byMeasure[f.measure], k)
		if sums[k].SupersededBy == "" {
			eligible = append(eligible, k)
		}
	}
	if lo <= hi {
		t.Envelope.Range = rangeOf(lo, hi)
	}
	t.SpreadAllTime = spreadOf(centers)
	t.UnknownPlaces = make([]string, 0, len(unknown))
	for u := range unknown {
		t.UnknownPlaces = append(t.UnknownPlaces, u)
	}
	slices.Sort(t.UnknownPlaces)
	slices.Sort(measures)

	origins := keyer{}
	var best pick
	first := true
	for block := range periods(facts, eligible, int64(ctx.topic.Window())) {
		c, p := consensusOf(facts, sums, block, origins)
		if first || c != nil {
			t.SpreadPeriod = periodOf(facts, block)
			centers = centers[:0]
			for _, k := range block {
				if c := facts[k].center(); c > 0 && !math.IsInf(c, 0) {
					centers = append(centers, c)
				}
			}
			t.Spread = spreadOf(centers)
			first = false
		}
		if c != nil {
			c.Period = t.SpreadPeriod
			t.Consensus, best = c, p
			break
		}
	}
	if first {
		t.Spread = 1
	}

	t.Groups = []Group{}
	for _, m := range measures {
		var all []span
		for _, k := range byMeasure[m] {
			all = append(all, spanOf(k, &facts[k], origins.id(sums[k].IndependentOrigin)))
		}
		seed := best.ok && t.Consensus.Measure == m
		for _, g := range cliques(all, seed, best.lo) {
			gi := len(t.Groups)
			grp := Group{Measure: m, Range: rangeOf(g.lo, g.hi)}
			for _, k := range g.members {
				grp.Claims = append(grp.Claims, facts[k].v.ID)
				sums[k].Group = gi
			}
			t.Groups = append(t.Groups, grp)
		}
	}
}

// spreadOf is the largest value over the smallest, 1 for fewer than two.
func spreadOf(centers []float64) float64 {
	if len(centers) < 2 {
		return 1
	}
	return slices.Max(centers) / slices.Min(centers)
}

// periods yields the eligible claims period by period, most recent first.
// A period is anchored at the most recent reference date not yet taken
// (the latest last day, then the latest first day, then the claim ID)
// and holds every claim not yet taken whose reference date reaches
// within window days of the anchor's: the claims the anchor would compare
// with rather than read as a change over time. The next period is
// anchored at the latest date before that. Each claim is in one period,
// so the periods cost a sort. Undated claims are in none, unless no
// claim is dated: then all of them form one undated period.
func periods(facts []fact, eligible []int, window int64) func(yield func([]int) bool) {
	return func(yield func([]int) bool) {
		dated := make([]int, 0, len(eligible))
		for _, k := range eligible {
			if facts[k].start != dayMin {
				dated = append(dated, k)
			}
		}
		if len(dated) == 0 {
			if len(eligible) > 0 {
				yield(eligible)
			}
			return
		}
		slices.SortFunc(dated, func(x, y int) int {
			a, b := &facts[x], &facts[y]
			return cmp.Or(cmp.Compare(b.end, a.end), cmp.Compare(b.start, a.start), strings.Compare(a.v.ID, b.v.ID))
		})
		for i := 0; i < len(dated); {
			from := facts[dated[i]].start - window
			j := i + 1
			for j < len(dated) && facts[dated[j]].end >= from {
				j++
			}
			if !yield(dated[i:j]) {
				return
			}
			i = j
		}
	}
}

// periodOf names the reference dates of a period's claims: the earliest
// (by first day, then last day) and the latest (by last day, then first
// day).
func periodOf(facts []fact, block []int) Period {
	var p Period
	var early, late *fact
	for _, k := range block {
		f := &facts[k]
		if f.start == dayMin {
			continue
		}
		if early == nil || f.start < early.start || f.start == early.start && f.end < early.end {
			early = f
		}
		if late == nil || f.end > late.end || f.end == late.end && f.start > late.start {
			late = f
		}
	}
	if early != nil {
		p.From, p.To = early.v.RefDate(), late.v.RefDate()
	}
	return p
}

// consensusOf finds the consensus among the claims ks, measure by measure
// (see pick.better): nil when fewer than two origins agree anywhere.
func consensusOf(facts []fact, sums []ClaimSummary, ks []int, origins keyer) (*Consensus, pick) {
	byMeasure := map[claims.Measure][]span{}
	var measures []claims.Measure
	for _, k := range ks {
		m := facts[k].measure
		if _, ok := byMeasure[m]; !ok {
			measures = append(measures, m)
		}
		byMeasure[m] = append(byMeasure[m], spanOf(k, &facts[k], origins.id(sums[k].IndependentOrigin)))
	}
	slices.Sort(measures)
	var best pick
	var out *Consensus
	for _, m := range measures {
		c := maxClique(byMeasure[m])
		if !c.ok || !c.better(best) {
			continue
		}
		best = c
		out = &Consensus{Range: rangeOf(c.lo, c.hi), Measure: m, Origins: c.origins}
		for _, s := range byMeasure[m] {
			if s.lo <= c.hi && s.hi >= c.lo {
				out.ClaimCount++
			}
		}
	}
	return out, best
}

func rangeOf(lo, hi float64) Range {
	var r Range
	if !math.IsInf(lo, 0) {
		r.Low = &lo
	}
	if !math.IsInf(hi, 0) {
		r.High = &hi
	}
	return r
}
