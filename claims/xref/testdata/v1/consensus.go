package xref

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// span is an active claim's interval as the consensus and the grouping see
// it.
type span struct {
	k      int // index of the fact
	lo, hi float64
	two    bool  // both bounds finite
	origin int32 // dense number of its origin cluster
	id     string
}

func spanOf(k int, f *fact, origin int32) span {
	lo, hi := f.lo, f.hi
	if lo > hi { // never from a valid claim; keep the sweep sound anyway
		lo, hi = hi, lo
	}
	return span{k: k, lo: lo, hi: hi, two: !math.IsInf(lo, 0) && !math.IsInf(hi, 0), origin: origin, id: f.v.ID}
}

// axis cuts the value line at the spans' finite endpoints xs into pieces:
// piece 2i+1 is the point xs[i], piece 2i the open gap just below it and
// piece 2·len(xs) the gap above the last. A closed interval covers a
// contiguous run of pieces.
type axis []float64

func newAxis(spans []span) axis {
	xs := make([]float64, 0, 2*len(spans))
	for _, s := range spans {
		if !math.IsInf(s.lo, 0) {
			xs = append(xs, s.lo)
		}
		if !math.IsInf(s.hi, 0) {
			xs = append(xs, s.hi)
		}
	}
	slices.Sort(xs)
	return slices.Compact(xs)
}

func (a axis) pieces() int { return 2*len(a) + 1 }

// first and last return the pieces where an interval starting at lo and
// ending at hi begins and ends.
func (a axis) first(lo float64) int {
	if math.IsInf(lo, -1) {
		return 0
	}
	return 2*lowerBound(a, lo) + 1
}

func (a axis) last(hi float64) int {
	if math.IsInf(hi, 1) {
		return 2 * len(a)
	}
	return 2*lowerBound(a, hi) + 1
}

// low and high return the closure of piece p's values.
func (a axis) low(p int) float64 {
	if p%2 == 1 {
		return a[p/2]
	}
	if p == 0 {
		return math.Inf(-1)
	}
	return a[p/2-1]
}

func (a axis) high(p int) float64 {
	if p%2 == 1 || p < 2*len(a) {
		return a[p/2]
	}
	return math.Inf(1)
}

// pick is a candidate consensus: the independent origins agreeing on
// lo..hi, and how many of them give a two-sided interval there.
type pick struct {
	ok               bool
	origins, twoSide int
	lo, hi           float64
}

// better reports whether p is a better consensus than q: more independent
// origins, then more two-sided ones, then a narrower range, then a lower
// one.
func (p pick) better(q pick) bool {
	switch {
	case !q.ok || !p.ok:
		return p.ok && !q.ok
	case p.origins != q.origins:
		return p.origins > q.origins
	case p.twoSide != q.twoSide:
		return p.twoSide > q.twoSide
	case p.hi-p.lo != q.hi-q.lo:
		return p.hi-p.lo < q.hi-q.lo
	}
	return p.lo < q.lo
}

// maxClique finds where the most independent origins agree among spans:
// the maximum clique of their interval graph when each origin counts once,
// as the union of its claims' intervals. It cuts the line into pieces,
// adds each origin's merged intervals (and separately those of its
// two-sided intervals) to difference arrays, and scans the pieces for the
// deepest ones covered by at least one two-sided interval; of several
// runs of equally deep pieces it keeps the best by pick.better. The result
// is not ok with fewer than two origins there. O(n log n).
func maxClique(spans []span) pick {
	if len(spans) == 0 {
		return pick{}
	}
	ax := newAxis(spans)
	n := ax.pieces()
	depth := make([]int32, n+1)
	two := make([]int32, n+1)
	order := slices.Clone(spans)
	slices.SortFunc(order, func(a, b span) int { return cmp.Or(cmp.Compare(a.origin, b.origin), cmp.Compare(a.lo, b.lo)) })
	addUnion := func(block []span, diff []int32, keep func(span) bool) {
		lo, hi, open := 0.0, 0.0, false
		flush := func() {
			if open {
				diff[ax.first(lo)]++
				diff[ax.last(hi)+1]--
			}
		}
		for _, s := range block {
			if !keep(s) {
				continue
			}
			if open && s.lo <= hi {
				hi = max(hi, s.hi)
				continue
			}
			flush()
			lo, hi, open = s.lo, s.hi, true
		}
		flush()
	}
	all := func(span) bool { return true }
	twoSided := func(s span) bool { return s.two }
	for b := 0; b < len(order); {
		e := b
		for e < len(order) && order[e].origin == order[b].origin {
			e++
		}
		addUnion(order[b:e], depth, all)
		addUnion(order[b:e], two, twoSided)
		b = e
	}
	for p := 1; p < n; p++ {
		depth[p] += depth[p-1]
		two[p] += two[p-1]
	}
	var bd, bt int32
	for p := range n {
		if two[p] > 0 && (depth[p] > bd || depth[p] == bd && two[p] > bt) {
			bd, bt = depth[p], two[p]
		}
	}
	if bd < 2 {
		return pick{}
	}
	var best pick
	for p := 0; p < n; p++ {
		if depth[p] != bd || two[p] != bt {
			continue
		}
		q := p
		for q+1 < n && depth[q+1] == bd && two[q+1] == bt {
			q++
		}
		c := pick{ok: true, origins: int(bd), twoSide: int(bt), lo: ax.low(p), hi: ax.high(q)}
		if c.better(best) {
			best = c
		}
		p = q
	}
	return best
}

// maxTree is a segment tree over pieces supporting adding to a range and
// finding the leftmost piece of largest value.
type maxTree struct {
	n        int
	val, add []int64
}

func newMaxTree(n int) *maxTree {
	return &maxTree{n: n, val: make([]int64, 4*n), add: make([]int64, 4*n)}
}

func (t *maxTree) update(l, r int, d int64) { t.upd(1, 0, t.n-1, l, r, d) }

func (t *maxTree) upd(x, xl, xr, l, r int, d int64) {
	if r < xl || xr < l {
		return
	}
	if l <= xl && xr <= r {
		t.val[x] += d
		t.add[x] += d
		return
	}
	m := (xl + xr) / 2
	t.upd(2*x, xl, m, l, r, d)
	t.upd(2*x+1, m+1, xr, l, r, d)
	t.val[x] = max(t.val[2*x], t.val[2*x+1]) + t.add[x]
}

// argmax returns the leftmost piece of largest value.
func (t *maxTree) argmax() int {
	x, xl, xr := 1, 0, t.n-1
	for xl < xr {
		m := (xl + xr) / 2
		if t.val[2*x] >= t.val[2*x+1] {
			x, xr = 2*x, m
		} else {
			x, xl = 2*x+1, m+1
		}
	}
	return xl
}

// endTree holds, for spans sorted by their first piece, their last piece
// (-1 once removed), to find the spans covering a piece.
type endTree struct {
	n  int
	mx []int
}

func newEndTree(ends []int) *endTree {
	t := &endTree{n: len(ends), mx: make([]int, 4*len(ends))}
	t.build(1, 0, t.n-1, ends)
	return t
}

func (t *endTree) build(x, xl, xr int, ends []int) {
	if xl == xr {
		t.mx[x] = ends[xl]
		return
	}
	m := (xl + xr) / 2
	t.build(2*x, xl, m, ends)
	t.build(2*x+1, m+1, xr, ends)
	t.mx[x] = max(t.mx[2*x], t.mx[2*x+1])
}

// take removes and returns one of the first cnt spans whose last piece is
// at least p, -1 when there is none.
func (t *endTree) take(cnt, p int) int {
	return t.find(1, 0, t.n-1, cnt, p)
}

func (t *endTree) find(x, xl, xr, cnt, p int) int {
	if xl >= cnt || t.mx[x] < p {
		return -1
	}
	if xl == xr {
		t.mx[x] = -1
		return xl
	}
	m := (xl + xr) / 2
	j := t.find(2*x, xl, m, cnt, p)
	if j < 0 {
		j = t.find(2*x+1, m+1, xr, cnt, p)
	}
	t.mx[x] = max(t.mx[2*x], t.mx[2*x+1])
	return j
}

// clique is a group of spans that all contain lo..hi.
type clique struct {
	members []int // fact indexes, by low bound then claim ID
	lo, hi  float64
}

// cliques partitions spans into groups of mutually consistent claims by
// repeatedly extracting a maximum clique: the point covered by the most
// remaining claims (then by the most two-sided ones, then the lowest)
// and every remaining claim containing it. When seed is set, the first
// group is instead taken at the value seedAt (the consensus's low end).
// An open-ended interval thus joins the deepest group it overlaps, not
// the first one found. Each claim is removed once from a segment tree of
// depths and one of ends: O(n log n).
func cliques(spans []span, seed bool, seedAt float64) []clique {
	if len(spans) == 0 {
		return nil
	}
	ax := newAxis(spans)
	n := ax.pieces()
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi), strings.Compare(a.id, b.id))
	})
	starts := make([]int, len(sorted))
	ends := make([]int, len(sorted))
	weight := int64(len(sorted) + 1) // a claim outweighs every two-sided tie-break
	depth := newMaxTree(n)
	w := func(s span) int64 {
		if s.two {
			return weight + 1
		}
		return weight
	}
	for j, s := range sorted {
		starts[j], ends[j] = ax.first(s.lo), ax.last(s.hi)
		depth.update(starts[j], ends[j], w(s))
	}
	byEnd := newEndTree(ends)
	var out []clique
	for left := len(sorted); left > 0; {
		p := depth.argmax()
		if seed {
			p, seed = ax.first(seedAt), false
		}
		cnt, _ := slices.BinarySearch(starts, p+1) // spans starting at or before p
		c := clique{lo: math.Inf(-1), hi: math.Inf(1)}
		for {
			j := byEnd.take(cnt, p)
			if j < 0 {
				break
			}
			s := sorted[j]
			depth.update(starts[j], ends[j], -w(s))
			c.members = append(c.members, j)
			c.lo, c.hi = max(c.lo, s.lo), min(c.hi, s.hi)
		}
		if len(c.members) == 0 {
			continue // a seed no claim covers
		}
		left -= len(c.members)
		slices.Sort(c.members)
		for m, j := range c.members {
			c.members[m] = sorted[j].k
		}
		out = append(out, c)
	}
	return out
}
