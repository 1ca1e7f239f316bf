package xref

import (
	"cmp"
	"slices"
	"sort"
)

// pt is a claim as a sweep sees it: an interval of values, a span of days
// and a key (claimant or statement) whose pairs the caller excludes.
type pt struct {
	i          int32 // index of the fact
	key        int32
	lo, hi     float64
	start, end int64
}

// fenwick is a binary indexed tree of counts over 1-based ranks.
type fenwick []int32

func (f fenwick) add(i int) {
	for i++; i < len(f); i += i & -i {
		f[i]++
	}
}

// prefix returns the count of ranks < i.
func (f fenwick) prefix(i int) int {
	s := 0
	for ; i > 0; i -= i & -i {
		s += int(f[i])
	}
	return s
}

// countDisjoint returns, for each query q, how many data points d have
// dates within w days of q's (claims.DaysApart <= w) and lie above q
// (d.lo > q.hi, when above is set) or below it (d.hi < q.lo, when below is
// set).
//
// It counts the points above (or below) regardless of date with a binary
// search, then subtracts those whose dates end more than w days before q
// starts and those that start more than w days after q ends; the two are
// disjoint, and each is a two-dimensional dominance count done offline
// with a sort and a Fenwick tree. O((|qs|+|ds|) log |ds|).
func countDisjoint(qs, ds []pt, w int64, above, below bool) []int {
	out := make([]int, len(qs))
	if len(qs) == 0 || len(ds) == 0 {
		return out
	}
	if above {
		los := make([]float64, len(ds))
		for k, d := range ds {
			los[k] = d.lo
		}
		slices.Sort(los)
		for k, q := range qs {
			out[k] += len(los) - upperBound(los, q.hi)
		}
		sub(out, dominance(qs, ds, w, true, los, true))
		sub(out, dominance(qs, ds, w, false, los, true))
	}
	if below {
		his := make([]float64, len(ds))
		for k, d := range ds {
			his[k] = d.hi
		}
		slices.Sort(his)
		for k, q := range qs {
			out[k] += lowerBound(his, q.lo)
		}
		sub(out, dominance(qs, ds, w, true, his, false))
		sub(out, dominance(qs, ds, w, false, his, false))
	}
	return out
}

func sub(a, b []int) {
	for k := range a {
		a[k] -= b[k]
	}
}

// dominance counts, for each query, the data points out of its date
// window on one side (before: d.end < q.start-w; else d.start > q.end+w)
// and beyond it in value: above (d.lo > q.hi) when vals holds the sorted
// lows, below (d.hi < q.lo) when it holds the sorted highs.
func dominance(qs, ds []pt, w int64, before bool, vals []float64, lows bool) []int {
	out := make([]int, len(qs))
	qi := order(len(qs), func(a, b int) int {
		if before {
			return cmp.Compare(qs[a].start, qs[b].start)
		}
		return cmp.Compare(qs[b].end, qs[a].end)
	})
	di := order(len(ds), func(a, b int) int {
		if before {
			return cmp.Compare(ds[a].end, ds[b].end)
		}
		return cmp.Compare(ds[b].start, ds[a].start)
	})
	bit := make(fenwick, len(vals)+1)
	n, p := 0, 0
	for _, k := range qi {
		q := qs[k]
		for ; p < len(di); p++ {
			d := ds[di[p]]
			if before && !(d.end < q.start-w) || !before && !(d.start > q.end+w) {
				break
			}
			if lows {
				bit.add(lowerBound(vals, d.lo))
			} else {
				bit.add(lowerBound(vals, d.hi))
			}
			n++
		}
		if lows {
			out[k] = n - bit.prefix(upperBound(vals, q.hi))
		} else {
			out[k] = bit.prefix(lowerBound(vals, q.lo))
		}
	}
	return out
}

func order(n int, less func(a, b int) int) []int {
	ix := make([]int, n)
	for k := range ix {
		ix[k] = k
	}
	slices.SortFunc(ix, less)
	return ix
}

// lowerBound returns the number of values < x.
func lowerBound(vals []float64, x float64) int {
	return sort.Search(len(vals), func(k int) bool { return vals[k] >= x })
}

// upperBound returns the number of values <= x.
func upperBound(vals []float64, x float64) int {
	return sort.Search(len(vals), func(k int) bool { return vals[k] > x })
}

// cand is a candidate for a claim's worst conflict: the value of its nearer
// bound and the fact it belongs to (-1 for none).
type cand struct {
	v   float64
	i   int32
	key int32
}

var noCand = cand{i: -1}

// top2 holds the best candidate and the best one whose key differs from
// the best's, so a query can skip pairs with its own key.
type top2 struct{ a, b cand }

// extremes finds, for each query, the most extreme data point within its
// date window: the highest low (above) or the lowest high (below), whose
// key differs from the query's. Ties go to the smaller claim ID.
//
// Data are inserted in order of their start day while it is no later than
// the query's end plus w; a segment tree over the data sorted by end day
// answers "best among those ending no earlier than the query's start minus
// w". O((|qs|+|ds|) log |ds|).
func extremes(qs, ds []pt, w int64, above bool, ids []string) []cand {
	out := make([]cand, len(qs))
	for k := range out {
		out[k] = noCand
	}
	if len(qs) == 0 || len(ds) == 0 {
		return out
	}
	better := func(x, y cand) bool { // is x better than y
		if y.i < 0 {
			return x.i >= 0
		}
		if x.i < 0 {
			return false
		}
		if x.v != y.v {
			return x.v > y.v == above
		}
		return ids[x.i] < ids[y.i]
	}
	empty := top2{noCand, noCand}
	merge := func(s, t top2) top2 {
		cs := [4]cand{s.a, s.b, t.a, t.b}
		r := empty
		for _, c := range cs {
			if better(c, r.a) {
				r.a = c
			}
		}
		if r.a.i < 0 {
			return r
		}
		for _, c := range cs {
			if c.i >= 0 && c.key != r.a.key && better(c, r.b) {
				r.b = c
			}
		}
		return r
	}

	byEnd := order(len(ds), func(a, b int) int { return cmp.Compare(ds[a].end, ds[b].end) })
	pos := make([]int, len(ds))
	ends := make([]int64, len(ds))
	for p, k := range byEnd {
		pos[k] = p
		ends[p] = ds[k].end
	}
	size := 1
	for size < len(ds) {
		size <<= 1
	}
	tree := make([]top2, 2*size)
	for k := range tree {
		tree[k] = empty
	}
	byStart := order(len(ds), func(a, b int) int { return cmp.Compare(ds[a].start, ds[b].start) })
	qi := order(len(qs), func(a, b int) int { return cmp.Compare(qs[a].end, qs[b].end) })
	p := 0
	for _, k := range qi {
		q := qs[k]
		for ; p < len(byStart) && ds[byStart[p]].start <= q.end+w; p++ {
			d := ds[byStart[p]]
			c := cand{v: d.hi, i: d.i, key: d.key}
			if above {
				c.v = d.lo
			}
			x := size + pos[byStart[p]]
			tree[x] = top2{c, noCand}
			for x >>= 1; x > 0; x >>= 1 {
				tree[x] = merge(tree[2*x], tree[2*x+1])
			}
		}
		from := sort.Search(len(ends), func(j int) bool { return ends[j] >= q.start-w })
		r := empty
		for l, h := from+size, len(ds)+size; l < h; l, h = l>>1, h>>1 {
			if l&1 == 1 {
				r = merge(r, tree[l])
				l++
			}
			if h&1 == 1 {
				h--
				r = merge(r, tree[h])
			}
		}
		if r.a.i >= 0 && r.a.key != q.key {
			out[k] = r.a
		} else {
			out[k] = r.b
		}
	}
	return out
}
