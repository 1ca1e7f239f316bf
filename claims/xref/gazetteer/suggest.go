package gazetteer

import (
	"math/bits"
	"unicode/utf8"
)

// Suggest returns the name of the known place whose name or alias is
// nearest to name when name is unknown and a near one exists: at most one
// edit (an insertion, a deletion, a substitution or a swap of two
// neighbouring letters) for names of up to three letters, two for longer
// ones, so "Sirya" suggests Syria and "Irq" Iraq. A name that is known,
// or too far from every known name, gets none. A listed place (a country,
// a hand-kept region, an analyst's place) within reach goes before every
// GeoNames region or city ("Sirya" is Syria, not Sirsa in India); among
// names equally near, the one that shares the first letter, then the most
// letters, then the most populous place, then the name that sorts first.
// Of the GeoNames table, only the regions and the
// cities of 100,000 people or more are offered, by their own and their
// Cyrillic names, and only one edit away ("Mariupl": Mariupol): with every
// town of the table, nearly any village it lacks would be near one. They
// are scanned through an index by length and letters, so that the larger
// table stays fast.
func (g *Gazetteer) Suggest(name string) (string, bool) {
	f := Fold(name)
	if f == "" {
		return "", false
	}
	if _, ok := g.find(f); ok {
		return "", false
	}
	limit := 1
	if utf8.RuneCountInString(f) > 3 {
		limit = 2
	}
	type rank struct {
		dist, firstDiffers, bagDiff int
		pop                         int64
		name                        string
	}
	less := func(a, b rank) bool {
		switch {
		case a.dist != b.dist:
			return a.dist < b.dist
		case a.firstDiffers != b.firstDiffers:
			return a.firstDiffers < b.firstDiffers
		case a.bagDiff != b.bagDiff:
			return a.bagDiff < b.bagDiff
		case a.pop != b.pop:
			return a.pop > b.pop
		}
		return a.name < b.name
	}
	best, bestName := rank{dist: limit + 1}, ""
	first, _ := utf8.DecodeRuneInString(f)
	consider := func(known string, geo int32) bool {
		d := editDistance(f, known, limit)
		if d > limit {
			return false
		}
		r := rank{dist: d, bagDiff: bagDiff(f, known), name: known}
		if geo >= 0 {
			r.pop = g.geoTab().pop(geo)
		}
		if k, _ := utf8.DecodeRuneInString(known); k != first {
			r.firstDiffers = 1
		}
		if bestName == "" || less(r, best) {
			best, bestName = r, known
			return true
		}
		return false
	}
	bestID, bestGeo := "", int32(-1)
	for known, id := range g.names {
		if consider(known, -1) {
			bestID = id
		}
	}
	if geo := g.geoTab(); geo != nil && bestID == "" {
		// The table's names, by length: only those within limit letters
		// of f's length, and whose letters differ from f's in at most two
		// per edit, can be near.
		names, byLen := geo.suggestIndex()
		n := utf8.RuneCountInString(f)
		geoLimit := 1
		lo, hi := max(n-geoLimit, 0), n+geoLimit+1
		lo, hi = min(lo, len(byLen)-1), min(hi, len(byLen)-1)
		sig := letterSig(f)
		for _, c := range names[byLen[lo]:byLen[hi]] {
			if bits.OnesCount64(c.sig^sig) > 2*geoLimit || editDistance(f, c.name, geoLimit) > geoLimit {
				continue
			}
			if _, listed := g.names[c.name]; listed {
				continue
			}
			v, _ := geo.best(c.name)
			if i := int32(v & candIndex); consider(c.name, i) {
				bestID, bestGeo = "", i
			}
		}
	}
	switch {
	case bestGeo >= 0:
		return g.geoName(bestGeo), true
	case bestID != "":
		return g.places[bestID].Name, true
	}
	return "", false
}

// bagDiff counts the letters one string has that the other lacks, with
// repeats: 0 for "sirya" and "syria", which differ only in order.
func bagDiff(a, b string) int {
	n := map[rune]int{}
	for _, r := range a {
		n[r]++
	}
	for _, r := range b {
		n[r]--
	}
	d := 0
	for _, c := range n {
		d += max(c, -c)
	}
	return d
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein with swaps of neighbours), by runes; any distance above
// limit is reported as limit+1.
func editDistance(a, b string, limit int) int {
	// Names are short: runes and rows live on the stack up to 32 letters.
	var bufA, bufB [32]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	var rows [3][33]int
	prev2, prev, cur := rows[0][:0], rows[1][:0], rows[2][:0]
	if len(rb) >= len(rows[0]) {
		prev2, prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev2, prev, cur = prev2[:len(rb)+1], prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}
