package gazetteer

import "unicode/utf8"

// Suggest returns the name of the known place whose name or alias is
// nearest to name when name is unknown and a near one exists: at most one
// edit (an insertion, a deletion, a substitution or a swap of two
// neighbouring letters) for names of up to three letters, two for longer
// ones, so "Sirya" suggests Syria and "Irq" Iraq. A name that is known,
// or too far from every known name, gets none; ties go to the name that
// sorts first among those that share the first letter and the most
// letters.
func (g *Gazetteer) Suggest(name string) (string, bool) {
	f := Fold(name)
	if f == "" {
		return "", false
	}
	if _, ok := g.names[f]; ok {
		return "", false
	}
	limit := 1
	if utf8.RuneCountInString(f) > 3 {
		limit = 2
	}
	type rank struct {
		dist, firstDiffers, bagDiff int
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
		}
		return a.name < b.name
	}
	best, bestID := rank{dist: limit + 1}, ""
	first, _ := utf8.DecodeRuneInString(f)
	for known, id := range g.names {
		d := editDistance(f, known, limit)
		if d > limit {
			continue
		}
		r := rank{dist: d, bagDiff: bagDiff(f, known), name: known}
		if k, _ := utf8.DecodeRuneInString(known); k != first {
			r.firstDiffers = 1
		}
		if bestID == "" || less(r, best) {
			best, bestID = r, id
		}
	}
	if bestID == "" {
		return "", false
	}
	return g.places[bestID].Name, true
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
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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
