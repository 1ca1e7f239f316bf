package article

import (
	"strings"
	"unicode/utf8"

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
// run from the first to end; clause is the index of a name after its
// conjunction that opens a new clause instead (-1 if none), and appos
// marks the names of it that are appositions of the city before them
// ("in Aleppo, Syria and Mosul"), by their distance from its first.
type coord struct {
	end, clause int
	appos       uint64
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
// by what stands before the first and after the last, as an actor (see
// actorAt).
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
// In the locative, a name after a conjunction may be the subject of a new
// clause instead (see joins): "300 died in Syria and Russia said …",
// "погибли в Сирии и Анкара закрыла границу". An English list after a
// locative that opens the sentence must end where the locative does, at
// a comma or a word that ends a place's phrase (see enCloses): in "In
// Kherson, Russia and Ukraine traded blame" the names after the comma
// are the subject, and only Kherson is the place. Nor is a word the
// gazetteer does not know coordinated ("in Homs and 20 others died", "in
// Raqqa and the army said"; "in Homs, Hama and other cities" names Homs
// and Hama, the other cities no place).
//
// A nation's adjective after the conjunction before a noun of armed
// forces ("US and Iraqi troops", "US, UK and French forces") ends the
// coordination, so that the noun makes actors of the names before it.
func (x *Extractor) coordination(ts []tok, i, n int, name string, city, loc, from bool, cache *placeCache) coord {
	c := coord{end: i + n, clause: -1}
	first := &ts[i+n-1] // a Russian name's case is read against the first's
	verbBefore := loc && enVerbBefore(ts, i)
	prev, prevCity := name, city // the name before, whose apposition a country may be
	closed, commas := false, false
loop:
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
		again := false
		if conj {
			k++
			if k < len(ts) && (loc && ts[k].cls&cLocPrep != 0 || from && (ts[k].low == "from" || ts[k].low == "из")) {
				k++
				again = true
			}
		}
		if k < len(ts) && ts[k].low == "the" {
			k++
		}
		if k >= len(ts) || !ts[k].upper {
			if conj && k < len(ts) && ts[k].low == "other" {
				c.end = j // "in Homs, Hama and other cities"
			}
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
		if loc && !again && !appos {
			switch joins(ts, first, k, m, city, verbBefore) {
			case joinClause:
				if conj {
					c.clause = k
				}
				break loop
			case joinNot:
				break loop
			}
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
	}
	if commas && loc && !isCyrillic(first.low) && fronted(ts, i) && !enCloses(ts, c.end) {
		return coord{end: i + n, clause: -1} // "In Kherson, Russia and Ukraine traded blame"
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

// What joins tells of a name after a conjunction in the locative.
const (
	joinYes    = iota // coordinated
	joinClause        // the subject of a new clause
	joinNot           // not told: not coordinated, as before coordination was read
)

// joins tells whether the place name ts[k:k+m] (a city or not), after a
// conjunction in the locative, is coordinated with the names before it,
// the first of which ends with the word first.
//
// A Russian name in the nominative after one in the prepositional is the
// subject of a new clause ("погибли в Сирии и Анкара закрыла границу",
// "в Донецке и Киев отверг"): coordinated, it would share the case of the
// first ("в Сирии и Ираке", "в Пальмире и Ракке сообщили", whatever
// verb follows). Abbreviations, which do not decline ("США"), and names that
// do not ("в Алеппо и …") are not told by case, and are coordinated.
//
// An English name is the subject of a new clause where the clause before
// the coordination already has its verb and a verb follows the name
// ("300 died in Ukraine and Moscow denied …", "… and Washington has
// said"), or its possessive and a noun or two ("… and Moscow's envoy
// said"; not "in Syria and Iraq's Anbar province", "in Russia and Syria's
// air strikes"). A verb after the coordination of a clause with none
// before it is the clause's own, whose subject the coordination is in
// ("Officials in Syria and Iraq said", "The Islamic State in Iraq and
// Syria claimed"), and so is a plural verb right after the name, which
// one name does not take: in "The 300 fighters killed in Syria and Iraq
// were foreigners" the verb before is a participle. Where
// the clause has its verb and what follows a city neither is a verb nor
// ends a place's phrase (see enCloses), the reading is not told and the
// city is not coordinated ("… in Mosul and Baghdad promises aid"): a
// place wrongly added is worse than one missed.
func joins(ts []tok, first *tok, k, m int, city, verbBefore bool) int {
	last := &ts[k+m-1]
	if isCyrillic(last.low) {
		if !isAllCaps(last.s) && ruNominativeForm(last.low) && ruLocativeForm(first.low) && !isAllCaps(first.s) {
			return joinClause
		}
		return joinYes
	}
	if !verbBefore || k+m < len(ts) && enPluralVerbs[ts[k+m].low] {
		return joinYes
	}
	if enFiniteAt(ts, k+m) {
		return joinClause
	}
	if possessive(last) && enActorAfter(ts, k+m) == enNone {
		for p := k + m; p < len(ts) && p <= k+m+2 && ts[p].word; p++ {
			if enFinite(ts, p) {
				return joinClause // "and Moscow's envoy said"
			}
		}
	}
	if city && !enCloses(ts, k+m) {
		return joinNot
	}
	return joinYes
}

// ruLocativeForm reports whether the folded last word of a Russian place
// name has an ending of the prepositional case ("Сирии", "Хомсе",
// "Нидерландах", "Грозном") or of a name that does not decline
// ("Алеппо").
func ruLocativeForm(w string) bool {
	return hasAnySuffix(w, "е", "и", "ах", "ях", "ом", "ем", "ой", "ей", "о")
}

// ruNominativeForm reports whether the folded last word of a Russian
// place name has an ending of the nominative that no prepositional has:
// "-а", "-я" or a consonant ("Анкара", "Россия", "Киев", "Израиль").
func ruNominativeForm(w string) bool {
	if hasAnySuffix(w, "ах", "ях", "ом", "ем", "ой", "ей") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	return r == 'а' || r == 'я' || strings.ContainsRune("бвгджзйклмнпрстфхцчшщь", r)
}

// enVerbBefore reports whether the clause before ts[i] has a finite
// English verb (see enFinite): back to a punctuation mark, a word that
// opens a clause (boundaryWord: "that", "and", "where") or the start of
// the sentence. "300 died in Syria and …" has; "Officials in Syria and
// …", "In Kherson, …" and "At least 300 died, officials in Syria and …"
// have not.
func enVerbBefore(ts []tok, i int) bool {
	for k := i - 1; k >= 0; k-- {
		t := &ts[k]
		switch {
		case !t.word && isQuoteMark(t):
			continue
		case !t.word || t.cls&cBoundary != 0:
			return false
		case enFinite(ts, k):
			return true
		}
	}
	return false
}

// enFiniteAt reports whether a finite English verb stands at ts[p],
// after up to two adverbs ("Moscow denied", "Washington has said",
// "Baghdad later declared").
func enFiniteAt(ts []tok, p int) bool {
	for a := 0; p < len(ts) && a < 2 && ts[p].word && !ts[p].upper && (enAdverbs[ts[p].low] || strings.HasSuffix(ts[p].low, "ly")); a++ {
		p++
	}
	return p < len(ts) && enFinite(ts, p)
}

// enFinite guesses that the English word ts[k] is a finite verb: an
// auxiliary or a common verb of enFiniteVerbs, an irregular past, a verb
// of speech where it is one (verbHere), or a form in "-ed" not followed
// by "by" (a participle: "held by rebels") and not one of enClosers
// ("combined").
func enFinite(ts []tok, k int) bool {
	t := &ts[k]
	if !t.word || t.upper || t.digit || isCyrillic(t.low) || enClosers[t.low] {
		return false
	}
	switch {
	case enFiniteVerbs[t.low] || quantity.IsPastVerb(t.low):
		return true
	case t.cls&cSpeech != 0:
		return verbHere(ts, k)
	}
	return len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !(k+1 < len(ts) && ts[k+1].low == "by")
}

// enFiniteVerbs are the English auxiliaries and the verbs of news of
// fighting that enFinite knows besides the forms in "-ed".
var enFiniteVerbs = set("is", "was", "were", "are", "has", "have", "had", "will", "would", "can", "could", "may", "might",
	"must", "should", "shall", "did", "does", "do", "died", "dies", "hit", "shot", "fought", "fell", "fled", "left",
	"came", "went", "saw", "met", "got", "won", "denies", "blames", "accuses", "rejects", "sends", "vows", "remains")

// enPluralVerbs are the English verbs that agree with a plural subject
// only (see joins).
var enPluralVerbs = set("were", "are", "have")

// enAdverbs are the adverbs enFiniteAt reads past before a verb.
var enAdverbs = set("also", "later", "then", "again", "still", "not", "never", "soon", "swiftly", "quickly")

// enCloses reports whether what stands at ts[p] may end a place's phrase
// in English: the end of the sentence, a punctuation mark, a conjunction
// or a word of enClosers ("in Homs and Hama on Friday", "in Homs and
// Hama provinces").
func enCloses(ts []tok, p int) bool {
	return p >= len(ts) || !ts[p].word || coordConj[ts[p].low] || enClosers[ts[p].low]
}

// enClosers are the words that may follow the last name of a place's
// phrase: prepositions, words of time and nouns of places.
var enClosers = set("in", "on", "at", "near", "since", "during", "after", "before", "over", "from", "to", "for",
	"with", "by", "between", "amid", "across", "around", "outside", "inside", "as", "when", "where", "while",
	"until", "this", "last", "early", "earlier", "overnight", "alone", "combined", "respectively", "province",
	"provinces", "governorate", "governorates", "region", "regions", "area", "areas", "city", "cities",
	"district", "districts", "countryside", "suburbs")

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
