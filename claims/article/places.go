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

// coordination returns where the coordination of place names that the
// name ts[i:i+n] opens ends (after its last name), and the index of a
// name after its conjunction that starts a new clause instead, or -1.
// placesOf reads every name of it as it reads the first: in the locative
// (loc), as an origin (from), or, by what stands before the first and
// after the last, as an actor (see actorAt).
//
// Names are coordinated by "and", "or", "и" and "или", with "the" or the
// preposition again before a name ("the US and the UK", "в Пальмире и в
// Ракке", "из Чечни и из Дагестана"), and listed with commas that a
// conjunction closes ("in Homs, Hama and Aleppo", with a comma before
// "and" or not). Commas no conjunction closes make no list: "In Mariupol,
// Ukraine, 300 died" is an apposition, and in "In Palmyra, Raqqa
// residents said …" Raqqa is not in the locative. Nor does a comma and a
// conjunction after the first name, which open a new clause ("came from
// Chechnya, and Iraq took them").
//
// "or" is read as "and": a count of many in A or B ("300 fighters were
// killed in Syria or Iraq") has each of them in one or the other, so it
// is a count for both together; where "or" means one place not known
// ("the attack in Homs or Hama"), the count's place still lies in them,
// and giving no place would give it the places of a sentence before.
//
// A name after a conjunction that a verb of speech follows is the subject
// of a new clause ("300 died in Syria and Russia said …"), not coordinated;
// nor is a word the gazetteer does not know ("in Homs and 20 others
// died", "in Raqqa and the army said").
func (x *Extractor) coordination(ts []tok, i, n int, loc, from bool, cache *placeCache) (end, clause int) {
	end = i + n
	for j := end; ; {
		k := j
		comma := k < len(ts) && ts[k].s == ","
		if comma {
			k++
		}
		conj := k < len(ts) && coordConj[ts[k].low]
		if !comma && !conj || comma && conj && j == i+n {
			return end, -1 // ", and" after one name: a new clause
		}
		if conj {
			k++
			if k < len(ts) && (loc && ts[k].cls&cLocPrep != 0 || from && (ts[k].low == "from" || ts[k].low == "из")) {
				k++
			}
		}
		if k < len(ts) && ts[k].low == "the" {
			k++
		}
		if k >= len(ts) || !ts[k].upper {
			return end, -1
		}
		_, m, _, ok := x.placeAt(ts, k, loc, cache)
		if !ok {
			return end, -1
		}
		if conj && k+m < len(ts) && ts[k+m].cls&cSpeech != 0 && verbHere(ts, k+m) {
			return end, k
		}
		j = k + m
		if conj {
			end = j // a list ends at its conjunction's name
		}
	}
}

// coordConj are the conjunctions that coordinate place names (see
// coordination).
var coordConj = set("and", "or", "и", "или")

// ruDistrictNouns are the forms of "район", a district.
var ruDistrictNouns = set("район", "района", "району", "районом", "районе", "районы", "районов", "районам",
	"районами", "районах")

// ruDistrictAt reports whether ts[j] is a form of "район": the name
// before it is then the adjective of a district ("в Грозном районе",
// "в Ленинском районе"), which the gazetteer does not list, not the city
// it reads as (Grozny; Leninsk, that is Baikonur). The city's region is
// no better: the adjective of a district as often names no city ("в
// Октябрьском районе Ростова" is no Oktyabrsk's), so the district gives
// no place, and only a region named with it counts ("в Грозном районе
// Чечни" is in Chechnya).
func ruDistrictAt(ts []tok, j int) bool {
	return j < len(ts) && ts[j].word && ruDistrictNouns[ts[j].low]
}
