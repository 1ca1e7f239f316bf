package article

import "github.com/claimdesk/claimdesk/claims/quantity"

// placeReader reads the places of a paragraph's sentences for its
// candidates, looking up only the sentences whose places a candidate can
// use.
//
// A candidate takes the places its own sentence names (placesOf), or, where
// it names none, those of the last sentence before it that named some in
// the locative (the doc's lastPlaces, kept across paragraphs). Read in
// order, that is placesOf of every sentence; but placesOf is pure, so a
// sentence with no candidate need only be read when a later candidate (or
// the next paragraph) needs lastPlaces, and then only back to the first
// sentence, going back, that names a place in the locative. Most sentences
// of news text hold no figure, and a sentence with no locative preposition
// followed by a capitalised word (hasLocative) can name none, without a
// lookup. The result is the same as reading every sentence in order:
// TestPlacesOracle holds it to that.
type placeReader struct {
	d     *doc
	sents []sent
	// need marks the sentences that hold a quantity of qs, as read
	// assigns them (the last sentence starting at or before it).
	need []bool
	// done is the index of the last sentence whose places d.lastPlaces
	// takes into account.
	done int
}

func (d *doc) placeReader(sents []sent, qs []quantity.Quantity) placeReader {
	pl := placeReader{d: d, sents: sents, need: d.needBuf(len(sents)), done: -1}
	si := 0
	for _, q := range qs {
		for si+1 < len(sents) && q.Start >= sents[si+1].sp.start {
			si++
		}
		if si < len(sents) {
			pl.need[si] = true
		}
	}
	return pl
}

// needBuf returns the doc's buffer of n flags, all false.
func (d *doc) needBuf(n int) []bool {
	if cap(d.need) < n {
		d.need = make([]bool, n)
	}
	b := d.need[:n]
	clear(b)
	return b
}

// at is reached in reading order for sentence i: where i holds a
// candidate, it sets its places and ctxPlaces, with d.lastPlaces brought
// up to the sentence before it.
func (pl *placeReader) at(i int) {
	if !pl.need[i] {
		return
	}
	pl.catchUp(i - 1)
	d, s := pl.d, &pl.sents[i]
	places, loc, actor := d.x.placesOf(s, &d.placeHits, &d.places)
	s.places = places
	if loc {
		d.lastPlaces = places
	}
	s.ctxPlaces = places
	if len(places) == 0 && !actor {
		// A sentence that names only an actor ("Минобороны России
		// сообщило…") says whose the count is, not that it is where an
		// earlier sentence was: "Переговоры прошли в Стамбуле" does not
		// place the ministry's count in Istanbul. It has no place.
		s.ctxPlaces = d.lastPlaces
	}
	pl.done = i
}

// finish brings d.lastPlaces up to the end of the paragraph.
func (pl *placeReader) finish() { pl.catchUp(len(pl.sents) - 1) }

// catchUp sets d.lastPlaces as reading sentences done+1 … upto in order
// would: to the places of the last of them that names some in the
// locative, if any.
func (pl *placeReader) catchUp(upto int) {
	d := pl.d
	for k := upto; k > pl.done; k-- {
		s := &pl.sents[k]
		if !hasLocative(s.toks) {
			continue
		}
		if places, loc, _ := d.x.placesOf(s, &d.placeHits, &d.places); loc {
			d.lastPlaces = places
			break
		}
	}
	pl.done = max(pl.done, upto)
}

// hasLocative reports whether placesOf may find a place in the locative
// in ts: only a capitalised word after a locative preposition can be one.
func hasLocative(ts []tok) bool {
	prep := false
	for i := range ts {
		t := &ts[i]
		if !t.word {
			continue
		}
		if t.cls&cLocPrep != 0 {
			prep = true
		} else if prep && t.upper {
			return true
		}
	}
	return false
}

// placesSlab is how many place names keepPlaces allocates room for at
// once.
const placesSlab = 64

// placesCopy returns a copy of ps for a candidate, non-nil even when
// empty (see keepPlaces).
func (d *doc) placesCopy(ps []string) []string {
	if len(ps) == 0 {
		return []string{}
	}
	return keepPlaces(&d.places, ps)
}

// keepPlaces returns a copy of ps, len(ps) > 0, in a stretch of *slab
// whose capacity ends where it does, so that neither a change to its
// elements nor an append reaches another copy; the slab is only ever
// appended to, so no copy is overwritten. A nil slab gives a slice of
// the copy's own.
func keepPlaces(slab *[]string, ps []string) []string {
	if slab == nil {
		return append([]string(nil), ps...)
	}
	if cap(*slab)-len(*slab) < len(ps) {
		*slab = make([]string, 0, max(placesSlab, len(ps)))
	}
	i := len(*slab)
	*slab = append(*slab, ps...)
	return (*slab)[i:len(*slab):len(*slab)]
}
