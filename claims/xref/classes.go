package xref

import (
	"slices"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// A topic's claims fall into classes: claims of one unit, basis kind,
// measure (with its since or period), place set, population and group
// compare identically with every other claim (see compare). The sweep
// relates classes, not claims, and only the classes that can be compared
// at all: a class's partners are found through an index of the five
// aspects, each with the list of values it can be compared with, so a
// topic with thousands of small classes costs no class-by-class scan.

// aspect numbers the values of one aspect of a scope densely.
type aspect[K comparable] struct {
	ids  map[K]int32
	reps []int32 // a fact holding each value
}

func (a *aspect[K]) id(k K, fact int32) int32 {
	if a.ids == nil {
		a.ids = map[K]int32{}
	}
	if v, ok := a.ids[k]; ok {
		return v
	}
	v := int32(len(a.reps))
	a.ids[k] = v
	a.reps = append(a.reps, fact)
	return v
}

// measureKey is a fact's measure with the date that bounds it: since for
// cumulative totals, the period for per-period figures.
type measureKey struct {
	unit, measure, bound string
	kind                 int8
}

// placeRel is a place set that a class's places can be compared with,
// and how they relate.
type placeRel struct {
	v   int32
	rel gazetteer.Relation
}

// class is one class of active facts.
type class struct {
	measure, place, pop, grp int32
	members                  []int32
}

// classIndex holds a topic's classes and finds a class's partners.
type classIndex struct {
	classes []class
	// tree is the index: measure -> place -> population -> group ->
	// class. The measure key holds the unit and the basis kind, which
	// must be equal.
	tree map[int32]map[int32]map[int32]map[int32]int32
	// The values each value of an aspect may be compared with (the
	// aspect alone does not rule it out).
	measures [][]int32
	places   [][]placeRel
	pops     [][]int32
	grps     [][]int32
}

func newClassIndex(ctx *Context, facts []fact) *classIndex {
	var ms aspect[measureKey]
	var ps aspect[string]
	var us, gs aspect[popRef]
	ix := &classIndex{tree: map[int32]map[int32]map[int32]map[int32]int32{}}
	setOf := map[string]gazetteer.Set{}
	for k := range facts {
		f := &facts[k]
		if !f.active {
			continue
		}
		mk := measureKey{unit: f.unit, measure: string(f.measure), kind: kindOf(f.basis)}
		switch f.measure {
		case "cumulative":
			mk.bound = string(f.since)
		case "per_period":
			mk.bound = f.period
		}
		m := ms.id(mk, int32(k))
		sk := f.set.Key()
		p := ps.id(sk, int32(k))
		setOf[sk] = f.set
		u, g := us.id(f.pop, int32(k)), gs.id(f.grp, int32(k))
		byPlace := ix.tree[m]
		if byPlace == nil {
			byPlace = map[int32]map[int32]map[int32]int32{}
			ix.tree[m] = byPlace
		}
		byPop := byPlace[p]
		if byPop == nil {
			byPop = map[int32]map[int32]int32{}
			byPlace[p] = byPop
		}
		byGrp := byPop[u]
		if byGrp == nil {
			byGrp = map[int32]int32{}
			byPop[u] = byGrp
		}
		ci, ok := byGrp[g]
		if !ok {
			ci = int32(len(ix.classes))
			byGrp[g] = ci
			ix.classes = append(ix.classes, class{measure: m, place: p, pop: u, grp: g})
		}
		ix.classes[ci].members = append(ix.classes[ci].members, int32(k))
	}

	// Measures: the same unit and basis kind, and a measure relation.
	ix.measures = make([][]int32, len(ms.reps))
	for a, ra := range ms.reps {
		ka := measureKeyOf(&facts[ra])
		for b, rb := range ms.reps {
			kb := measureKeyOf(&facts[rb])
			if ka.unit == kb.unit && ka.kind == kb.kind && measureRelation(&facts[ra], &facts[rb]) != dirNone {
				ix.measures[a] = append(ix.measures[a], int32(b))
			}
		}
	}
	// Places: equal, inside or containing.
	ix.places = make([][]placeRel, len(ps.reps))
	for a, ra := range ps.reps {
		for b, rb := range ps.reps {
			switch rel := gazetteer.Compare(facts[ra].set, facts[rb].set); rel {
			case gazetteer.Equal, gazetteer.Inside, gazetteer.Contains:
				ix.places[a] = append(ix.places[a], placeRel{int32(b), rel})
			}
		}
	}
	ix.pops = relatedRefs(ctx.pops, &us)
	ix.grps = relatedRefs(ctx.pops, &gs)
	return ix
}

func measureKeyOf(f *fact) measureKey {
	return measureKey{unit: f.unit, kind: kindOf(f.basis)}
}

// relatedRefs lists, for each population (or group) the facts give, those
// it can be compared with: free text only with itself, tree nodes and the
// topic's own population by the tree.
func relatedRefs(p *populations, a *aspect[popRef]) [][]int32 {
	refs := make([]popRef, len(a.reps))
	for r, v := range a.ids {
		refs[v] = r
	}
	var treeRefs []int32
	for v, r := range refs {
		if r.node >= 0 || r.text == "" {
			treeRefs = append(treeRefs, int32(v))
		}
	}
	out := make([][]int32, len(refs))
	for v, r := range refs {
		if r.node < 0 && r.text != "" {
			out[v] = []int32{int32(v)}
			continue
		}
		for _, w := range treeRefs {
			if d, _ := p.relate(r, refs[w]); d != dirNone {
				out[v] = append(out[v], w)
			}
		}
	}
	return out
}

// partners calls fn for every class b that class a may be compared with,
// with how their places relate; fn decides by compare.
func (ix *classIndex) partners(a int32, fn func(b int32, places gazetteer.Relation)) {
	ca := &ix.classes[a]
	for _, m := range ix.measures[ca.measure] {
		byPlace := ix.tree[m]
		if byPlace == nil {
			continue
		}
		for _, pr := range ix.places[ca.place] {
			byPop := byPlace[pr.v]
			if byPop == nil {
				continue
			}
			for _, u := range ix.pops[ca.pop] {
				byGrp := byPop[u]
				if byGrp == nil {
					continue
				}
				for _, g := range ix.grps[ca.grp] {
					if b, ok := byGrp[g]; ok {
						fn(b, pr.rel)
					}
				}
			}
		}
	}
}

// category is how the claims of one class are swept against those of
// another, from compare's direction and mode.
type category int8

const (
	catSame   category = iota // same scope, within the window: disjoint intervals conflict
	catRising                 // totals to date of one scope: a later one below an earlier one conflicts
	catOuter                  // the other is broader, within the window: the other below contradicts
	catOuter0                 // the other is broader, at the same date
	catInner                  // the other is narrower, within the window: the other above contradicts
	catInner0                 // the other is narrower, at the same date
	numCats
)

func categoryOf(c comparison) (category, bool) {
	switch {
	case c.mode == modeNone:
		return 0, false
	case c.dir == dirSame && c.mode == modeCumulative:
		return catRising, true
	case c.dir == dirSame:
		return catSame, true
	case c.dir == dirInner && c.mode == modeWindow:
		return catOuter, true
	case c.dir == dirInner:
		return catOuter0, true
	case c.dir == dirOuter && c.mode == modeWindow:
		return catInner, true
	case c.dir == dirOuter:
		return catInner0, true
	}
	return 0, false
}

// directLimit decides between relating a block of query and data claims
// pair by pair and sweeping it: pairs when there are at most directLimit
// times as many pairs as claims. Tests set it to force either path.
var directLimit = 48

// sweeper relates the blocks of a topic's sweep and collects each
// claim's conflict count and worst candidates.
type sweeper struct {
	ctx       *Context
	facts     []fact
	ids       []string
	sums      []ClaimSummary
	consider  func(k int, c cand, above bool, kind Kind)
	w         int64
	claimant  []int32
	statement []int32
}

// block relates query claims q to data claims d of one category.
func (s *sweeper) block(q, d []int32, cat category) {
	if len(q) == 0 || len(d) == 0 {
		return
	}
	if len(q)*len(d) <= directLimit*(len(q)+len(d)) {
		s.direct(q, d, cat)
		return
	}
	keys, w, kind := s.claimant, s.w, Conflicts
	above, below := true, true
	switch cat {
	case catRising:
		s.rising(q, d)
		return
	case catOuter, catOuter0:
		keys, kind, above = s.statement, Contradicts, false
	case catInner, catInner0:
		keys, kind, below = s.statement, Contradicts, false
	}
	if cat == catOuter0 || cat == catInner0 {
		w = 0
	}
	if !s.anyTimed(q) && !s.anyTimed(d) {
		s.window(q, d, keys, w, above, below, kind)
		return
	}
	qT, qD, qU := s.split(q)
	dT, dD, dU := s.split(d)
	// Part of a day beside a whole day (or a longer dated span) holding
	// it is not simultaneous: those pairs count only when their dates are
	// apart. Undated claims compare with all.
	s.window(qT, concat(dT, dU), keys, w, above, below, kind)
	s.window(qD, concat(dD, dU), keys, w, above, below, kind)
	s.window(qU, d, keys, w, above, below, kind)
	if w > 0 {
		s.apart(qT, dD, keys, w, above, below, kind)
		s.apart(qD, dT, keys, w, above, below, kind)
	}
}

// split divides claims into those with a time of day, the other dated
// ones and the undated ones.
func (s *sweeper) split(ix []int32) (timed, dated, undated []int32) {
	for _, k := range ix {
		switch f := &s.facts[k]; {
		case f.timed:
			timed = append(timed, k)
		case f.start == dayMin:
			undated = append(undated, k)
		default:
			dated = append(dated, k)
		}
	}
	return timed, dated, undated
}

func (s *sweeper) anyTimed(ix []int32) bool {
	for _, k := range ix {
		if s.facts[k].timed {
			return true
		}
	}
	return false
}

func concat(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	return append(slices.Clip(a), b...)
}

// timeScale says how a sweep places claims in time: by their days, by
// the minute (claims with a time of day among themselves), or as points
// that order part of a day before the whole day (a claim with a time of
// day at 2·day, a dated claim without one at 2·last day + 1).
type timeScale int8

const (
	byDay timeScale = iota
	byMinute
	byParity
)

func (s *sweeper) pts(ix []int32, keys []int32, ts timeScale) []pt {
	out := make([]pt, len(ix))
	for n, k := range ix {
		f := &s.facts[k]
		p := pt{i: k, key: keys[k], lo: f.wlo, hi: f.whi, start: f.start, end: f.end}
		switch {
		case ts == byMinute:
			p.start, p.end = f.minute, f.minute
		case ts == byParity && f.timed:
			p.start, p.end = 2*f.start, 2*f.start
		case ts == byParity:
			p.start, p.end = 2*f.end+1, 2*f.end+1
		}
		out[n] = p
	}
	return out
}

func (s *sweeper) mk(ts timeScale) func([]int32, []int32) []pt {
	return func(ix, keys []int32) []pt { return s.pts(ix, keys, ts) }
}

// window counts and proposes conflicts within w days.
func (s *sweeper) window(q, d []int32, keys []int32, w int64, above, below bool, kind Kind) {
	if len(q) == 0 || len(d) == 0 {
		return
	}
	mk := s.mk(byDay)
	count(s.sums, q, d, keys, mk, func(qs, ds []pt) []int { return countDisjoint(qs, ds, w, above, below) })
	for _, up := range [2]bool{true, false} {
		if up && above || !up && below {
			for _, c := range extremesOf(q, d, keys, mk, w, up, s.ids) {
				s.consider(int(c.q), c.c, up, kind)
			}
		}
	}
}

// apart counts and proposes conflicts between 1 and w days apart.
func (s *sweeper) apart(q, d []int32, keys []int32, w int64, above, below bool, kind Kind) {
	if len(q) == 0 || len(d) == 0 {
		return
	}
	mk := s.mk(byDay)
	count(s.sums, q, d, keys, mk, func(qs, ds []pt) []int {
		out := countDisjoint(qs, ds, w, above, below)
		sub(out, countDisjoint(qs, ds, 0, above, below))
		return out
	})
	qs, ds := mk(q, keys), mk(d, keys)
	for _, up := range [2]bool{true, false} {
		if up && above || !up && below {
			for n, c := range extremesApart(qs, ds, w, up, s.ids) {
				if c.i >= 0 {
					s.consider(int(q[n]), c, up, kind)
				}
			}
		}
	}
}

// rising relates totals to date of one scope: by the day, except that
// claims with a time of day are ordered by the minute among themselves
// and before a whole day that holds theirs.
func (s *sweeper) rising(q, d []int32) {
	run := func(q, d []int32, ts timeScale) {
		if len(q) == 0 || len(d) == 0 {
			return
		}
		mk := s.mk(ts)
		count(s.sums, q, d, s.claimant, mk, countCumulative)
		for _, c := range cumulativeExtremes(q, d, s.claimant, mk, s.ids) {
			s.consider(int(c.q), c.c, c.above, Conflicts)
		}
	}
	if !s.anyTimed(q) && !s.anyTimed(d) {
		run(q, d, byDay)
		return
	}
	qT, qD, qU := s.split(q)
	dT, dD, dU := s.split(d)
	run(concat(qD, qU), concat(dD, dU), byDay)
	run(qT, dT, byMinute)
	run(qT, dU, byDay)
	run(qU, dT, byDay)
	run(qT, dD, byParity)
	run(qD, dT, byParity)
}

// direct relates a small block pair by pair, as the sweep would.
func (s *sweeper) direct(q, d []int32, cat category) {
	keys, w, kind := s.claimant, s.w, Conflicts
	up, down := true, true
	switch cat {
	case catOuter, catOuter0:
		keys, kind, up = s.statement, Contradicts, false
	case catInner, catInner0:
		keys, kind, down = s.statement, Contradicts, false
	}
	if cat == catOuter0 || cat == catInner0 {
		w = 0
	}
	for _, k := range q {
		f := &s.facts[k]
		for _, j := range d {
			if keys[k] == keys[j] {
				continue
			}
			g := &s.facts[j]
			above, below := g.wlo > f.whi, g.whi < f.wlo
			if cat == catRising {
				// A total to date never falls: an earlier one above or
				// a later one below conflicts; of one moment, any apart.
				switch {
				case cumulativeBefore(g, f):
					below = false
				case cumulativeBefore(f, g):
					above = false
				}
			} else {
				apart := daysApart(f, g)
				if apart > w || apart == 0 && f.timed != g.timed && f.start != dayMin && g.start != dayMin {
					continue
				}
				above, below = above && up, below && down
			}
			switch {
			case above:
				s.consider(int(k), cand{v: g.wlo, i: j, key: keys[j]}, true, kind)
			case below:
				s.consider(int(k), cand{v: g.whi, i: j, key: keys[j]}, false, kind)
			default:
				continue
			}
			s.sums[k].ConflictCount++
		}
	}
}

// extremesApart is extremes for the data between 1 and w days from each
// query: those ending in [q.start-w, q.start-1] and those starting in
// [q.end+1, q.end+w], each found in a segment tree of the data sorted by
// that day. O((|qs|+|ds|) log |ds|).
func extremesApart(qs, ds []pt, w int64, above bool, ids []string) []cand {
	out := make([]cand, len(qs))
	for k := range out {
		out[k] = noCand
	}
	if len(qs) == 0 || len(ds) == 0 {
		return out
	}
	rk := ranker{above: above, ids: ids}
	val := func(d pt) top2 {
		c := cand{v: d.hi, i: d.i, key: d.key}
		if above {
			c.v = d.lo
		}
		return top2{c, noCand}
	}
	type tree struct {
		days []int64
		node []top2
		size int
	}
	build := func(day func(pt) int64) tree {
		ix := order(len(ds), func(a, b int) int { return cmpInt(day(ds[a]), day(ds[b])) })
		t := tree{days: make([]int64, len(ix)), size: 1}
		for t.size < len(ix) {
			t.size <<= 1
		}
		t.node = make([]top2, 2*t.size)
		for k := range t.node {
			t.node[k] = top2{noCand, noCand}
		}
		for n, k := range ix {
			t.days[n] = day(ds[k])
			t.node[t.size+n] = val(ds[k])
		}
		for x := t.size - 1; x > 0; x-- {
			t.node[x] = rk.merge(t.node[2*x], t.node[2*x+1])
		}
		return t
	}
	query := func(t tree, from, to int64) top2 { // days in [from, to]
		l, _ := slices.BinarySearch(t.days, from)
		h, _ := slices.BinarySearch(t.days, to+1)
		r := top2{noCand, noCand}
		for l, h = l+t.size, h+t.size; l < h; l, h = l>>1, h>>1 {
			if l&1 == 1 {
				r = rk.merge(r, t.node[l])
				l++
			}
			if h&1 == 1 {
				h--
				r = rk.merge(r, t.node[h])
			}
		}
		return r
	}
	byEnd := build(func(d pt) int64 { return d.end })
	byStart := build(func(d pt) int64 { return d.start })
	for k, q := range qs {
		r := rk.merge(query(byEnd, q.start-w, q.start-1), query(byStart, q.end+1, q.end+w))
		if r.a.i >= 0 && r.a.key != q.key {
			out[k] = r.a
		} else {
			out[k] = r.b
		}
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
