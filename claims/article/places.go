package article

import (
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

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

// coord is a coordination of place names (see coordination): its names
// run from the first to end; loc is whether it stands in the locative,
// and appos marks the names of it that are appositions of the city
// before them ("in Aleppo, Syria and Mosul"), by their distance from its
// first.
type coord struct {
	end   int
	loc   bool
	appos uint64
}

// apposition reports whether the name at ts[i] of the coordination that
// starts at ts[start] is an apposition.
func (c coord) apposition(start, i int) bool {
	d := i - start
	return d > 0 && d < 64 && c.appos&(1<<d) != 0
}

// coordination returns the coordination of place names that the name
// ts[i:i+n] (name, a city or not) opens. placesOf reads every name of it
// as it reads the first: in the locative (loc), as an origin (from), or,
// out of the locative, by what stands before the first and after the
// last, as an actor (see actorAt).
//
// Names are coordinated by "and", "or", "и" and "или", with "the" or the
// preposition again before a name ("the US and the UK", "в Пальмире и в
// Ракке", "из Чечни и из Дагестана"), and listed with commas that a
// conjunction closes ("in Homs, Hama and Aleppo", with a comma before
// "and" or not). Commas no conjunction closes make no list: "In Mariupol,
// Ukraine, 300 died" is an apposition, and in "In Palmyra, Raqqa
// residents said …" Raqqa is not in the locative. Nor does a comma and a
// conjunction after the first name, or after a list a conjunction has
// closed, which open a new clause ("came from Chechnya, and Iraq took
// them", "died in Homs and Hama, and Damascus blamed the rebels"). A
// country after a comma that holds the city before it is that city's
// apposition, no place of the count, in a list as outside one ("In
// Mariupol, Ukraine, 300 died"): "in Aleppo, Syria and Mosul" names
// Aleppo and Mosul, "in Mosul, Iraq and Raqqa, Syria," Mosul and Raqqa.
//
// "or" is read as "and": a count of many in A or B ("300 fighters were
// killed in Syria or Iraq") has each of them in one or the other, so it
// is a count for both together; where "or" means one place not known
// ("the attack in Homs or Hama"), the count's place still lies in them,
// and giving no place would give it the places of a sentence before.
//
// In the locative, a name after a conjunction may instead be the subject
// of a new clause ("300 died in Homs and Damascus said …", "погибли в
// Баку и Ереван обвинил …"), which no rule short of a parser tells
// surely. So a coordination in the locative is read only where it is
// told without a verb (see closedEn, ruLocative), and is otherwise cut
// to its first name; the names after it are then read as before
// coordination was read: a country after "and" in the locative still is
// (placesOf's locative runs on over "and"), a city after the first, or a
// name after a comma, is not. Every reading this adds to that is a city
// or a name of a comma list:
//
//   - in English, the coordination must be closed right after its last
//     name by the end of the sentence, a punctuation mark or a word of
//     enClosers ("died in Homs and Hama.", "In Palmyra and Raqqa, 300
//     …", "in Kyiv and Kharkiv on Monday"); after a locative that opens
//     the sentence, a list with commas only by a comma ("In Homs, Hama
//     and Aleppo, 300 died"; in "In Kherson, Russia and Ukraine on
//     Friday traded blame" the names after the comma are the subject);
//   - in Russian, every name must be written in the prepositional, as the
//     first is (see ruLocative): "в Пальмире и Ракке", not "в Баку и
//     Ереван обвинил", "в Крыму и Киев заявил", whose case is not told.
//
// A nation's adjective after the conjunction before a noun of armed
// forces ("US and Iraqi troops", "US, UK and French forces") ends the
// coordination, so that the noun makes actors of the names before it.
func (x *Extractor) coordination(ts []tok, i, n int, name string, city, loc, from bool, cache *placeCache) coord {
	c := coord{end: i + n, loc: loc}
	if e := c.end; e >= len(ts) || ts[e].s != "," && !coordConj[ts[e].low] {
		return c // nothing coordinated: the usual case, no look-up more
	}
	ru := loc && isCyrillic(ts[i+n-1].low)
	if ru && !x.ruLocative(ts, i, n, city) {
		return c // "в Баку и …": the case is not told
	}
	prev, prevCity := name, city // the name before, whose apposition a country may be
	closed, commas := false, false
	listCommas := false // commas before c.end
	for j := c.end; ; {
		k := j
		comma := k < len(ts) && ts[k].s == ","
		if comma {
			k++
		}
		conj := k < len(ts) && coordConj[ts[k].low]
		if !comma && !conj || comma && conj && (j == i+n || closed) {
			break // ", and" after one name or a closed list: a new clause
		}
		if conj {
			k++
			if k < len(ts) && (loc && ts[k].cls&cLocPrep != 0 || from && (ts[k].low == "from" || ts[k].low == "из")) {
				k++ // the preposition again
			}
		}
		if k < len(ts) && ts[k].low == "the" {
			k++
		}
		if k >= len(ts) || !ts[k].upper {
			break
		}
		name, m, city, ok := x.placeAt(ts, k, loc, cache)
		if !ok {
			if conj && quantity.IsDemonym(ts[k].low) && enActorAfter(ts, k+1) != enNone {
				c.end = k + 1 // "US and Iraqi troops": the noun is every name's
			}
			break
		}
		appos := comma && !conj && prevCity && !city && k-i < 64 && x.within(prev, name)
		if comma && closed && !appos {
			break // "in Homs and Hama, Damascus said"
		}
		if ru && !appos && !x.ruLocative(ts, k, m, city) {
			break // "в Сирии и Анкара закрыла границу"
		}
		j = k + m
		prev, prevCity = name, city
		commas = commas || comma
		switch {
		case appos:
			c.appos |= 1 << (k - i)
			if closed {
				c.end = j // "in Mosul and Raqqa, Syria,"
			}
		case conj:
			c.end, closed = j, true // a list ends at its conjunction's name
		}
		if c.end == j {
			listCommas = commas
		}
	}
	if loc && !ru && c.end > i+n && !closedEn(ts, c.end, listCommas && fronted(ts, i)) {
		return coord{end: i + n, loc: loc} // "died in Homs and Damascus said"
	}
	return c
}

// coordConj are the conjunctions that coordinate place names (see
// coordination).
var coordConj = set("and", "or", "и", "или")

// within reports whether the gazetteer puts the city named inside the
// place outer.
func (x *Extractor) within(city, outer string) bool {
	g := x.places
	return gazetteer.Compare(g.Resolve([]string{city}), g.Resolve([]string{outer})) == gazetteer.Inside
}

// closedEn reports whether an English coordination in the locative that
// ends before ts[p] is closed there (see coordination): by the end of the
// sentence, a comma, a full stop, a colon, a semicolon or a dash, or a
// word of enClosers. A list with commas after a locative that opens the
// sentence (commaOnly) is closed only by a comma.
func closedEn(ts []tok, p int, commaOnly bool) bool {
	switch {
	case p >= len(ts):
		return !commaOnly
	case commaOnly:
		return ts[p].s == ","
	case !ts[p].word:
		return enClosingMarks[ts[p].s]
	}
	return enClosers[ts[p].low]
}

// enClosingMarks are the punctuation marks that close a coordination
// (see closedEn).
var enClosingMarks = set(",", ".", "!", "?", ":", ";", "-", "–", "—")

// enClosers are the words that may follow the last name of a coordinated
// place and cannot start the verb of a clause whose subject that name
// would be: prepositions and words of time. A noun may ("… in Homs and
// Hama residents said", "… and Hama province reported"), so none is here.
var enClosers = set("in", "on", "at", "during", "last", "this", "since", "after", "before", "yesterday", "today",
	"according")

// ruLocative reports whether the Russian place name ts[k:k+m] (a city or
// not) is written in the prepositional, as after "в": its last word ends
// in "-е" or "-и" and the name as written is no name of the gazetteer, so
// that it was read by undoing that ending ("Сирии", "Хомсе", "Киеве").
// The case of a name in "-у" ("Крыму") or that does not decline ("Баку",
// "Алеппо", "Тбилиси"), and of an abbreviation ("США"), is not told.
func (x *Extractor) ruLocative(ts []tok, k, m int, city bool) bool {
	last := &ts[k+m-1]
	if isAllCaps(last.s) || !hasAnySuffix(last.low, "е", "и") {
		return false
	}
	var buf [64]byte
	key := append(buf[:0], ts[k].low...)
	for p := k + 1; p < k+m; p++ {
		key = append(append(key, ' '), ts[p].low...)
	}
	_, asWritten := x.lookupName(city, key)
	return !asWritten
}

// fronted reports whether the names from ts[i] follow a locative
// preposition that opens the sentence, or a clause after a punctuation
// mark or "that" ("In Kherson, …").
func fronted(ts []tok, i int) bool {
	k := i - 1
	for k >= 0 && (ts[k].low == "the" || ts[k].low == "both") {
		k--
	}
	if k < 0 || ts[k].cls&cLocPrep == 0 {
		return false
	}
	return k == 0 || !ts[k-1].word || ts[k-1].low == "that"
}
