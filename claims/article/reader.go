package article

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// doc is the state of one article while it is read: the people and
// organisations named so far, for pronouns and surnames, a role waiting
// for its name, and the last places named.
type doc struct {
	x                            *Extractor
	entities                     []*entity
	lastPerson, lastOrg, lastAny *entity
	lastSpeaker                  *entity // of the last attribution outside quotes
	pendingRole                  string
	bareRole                     string // pendingRole's role words alone, for unnamed()
	lastPlaces                   []string
	need                         []bool // placeReader's flags, reused
	lastCount                    string
	prevLast                     int    // offset of the last sentence of the paragraph before
	pp                           *prep  // the current paragraph, prepared
	para                         string // the paragraph being read
	quotes                       []span // its quotations (see quoted)
	// words is the tokenizer's cache (prepare's), placeHits what words
	// name as places (the reader's): while Scan prepares paragraphs on
	// another goroutine, that goroutine has words and the doc placeHits.
	words     wordCache
	placeHits placeCache
	// batches are Scan's paragraphs prepared ahead (see prepareAhead),
	// kept for the next scan with the caches.
	batches *batches
	// stemCache holds the stems of names and roles looked up, and their
	// keys (the stems without articles); emptied when it grows past
	// maxStemCache, so memory stays bounded.
	stemCache map[string]stemmed
	// units holds what judge and read ask of the units of the quantities
	// met (unitFlagsOf), bounded as stemCache.
	units map[string]uint8
	// refusals says whether to collect what the parser refused in
	// refused (see refusal.go).
	refusals bool
	refused  []Refusal

	// colonLead is the speaker of a paragraph that ends "… сказал:", and
	// quoteLead that of the paragraph before the one being read: a
	// quotation that opens the next paragraph is theirs.
	colonLead, quoteLead *entity

	// carry is the speaker whose reported speech may run on into the
	// next sentences, and carryOutlet its channel (see carryOver).
	carry       *entity
	carryOutlet string
	// carryAll says the speech runs on into every sentence of the
	// paragraph (it was announced by a sentence with no figure of its
	// own: "Штаб обнародовал новые данные."), and carryNext that it runs
	// on into the next paragraph (the announcement ended this one).
	carryAll, carryNext bool
	// carryCounts are what the speaker's own figures counted
	// ("задержанных" of "сообщает о 1798 задержанных"): a sentence that
	// counts them again goes on with the speech.
	carryCounts []string
	// carried holds the offsets of the candidates of this paragraph and
	// the end of the one before that took their speaker from carry: "Об
	// этом сообщил X" after them still names theirs.
	carried []int

	// cataphor stands for a personal pronoun met before anyone was named
	// ("«…», — приводит ТАСС его слова." opening the text): a person with
	// no name yet, whom the next person named as a speaker names
	// ("Октай добавил, что …"). cataphorAt holds the offsets of the
	// candidates it spoke, which that person's name is given to, and
	// cataphorParas how many paragraphs have gone by since: it waits for
	// that one and the next.
	cataphor      *entity
	cataphorAt    []int
	cataphorParas int

	// claimants is the slab the candidates' Claimants are taken from:
	// one allocation for many, each candidate still its own Claimant.
	claimants []Claimant
	// places is the slab the candidates' Places are copied into, each
	// candidate's a separate stretch with no room to grow into the next.
	places []string
}

type stemmed struct{ stems, key []string }

const maxStemCache = 512

// stemmed returns the stems of s and its key, from the cache when it can.
// The slices are shared: callers only read them.
func (d *doc) stemmed(s string) stemmed {
	if v, ok := d.stemCache[s]; ok {
		return v
	}
	st := stems(s)
	v := stemmed{stems: st, key: dropArticles(st)}
	if d.stemCache == nil || len(d.stemCache) >= maxStemCache {
		d.stemCache = make(map[string]stemmed, 64)
	}
	d.stemCache[strings.Clone(s)] = v
	return v
}

// key is dropArticles(stems(s)), cached.
func (d *doc) key(s string) []string { return d.stemmed(s).key }

// stems is stems(s), cached.
func (d *doc) stems(s string) []string { return d.stemmed(s).stems }

func (x *Extractor) newDoc() *doc {
	d := &doc{x: x}
	if sc, ok := scratchPool.Get().(*scratch); ok {
		d.pp = sc.pp
		d.words = sc.words
		d.placeHits = sc.places
		d.batches = sc.batches
		d.stemCache = sc.stems
		d.units = sc.units
	}
	return d
}

// release returns the doc's buffers and caches to the pool: the caches
// hold pure functions of words and names (and places with the extractor
// they were read for), so the next article may use them.
func (d *doc) release() {
	scratchPool.Put(d.scratch())
	d.pp = nil
}

// scratch is what d leaves for the next doc (see release).
func (d *doc) scratch() *scratch {
	sc := &scratch{words: d.words, places: d.placeHits, batches: d.batches, stems: d.stemCache, units: d.units}
	if d.pp != nil && cap(d.pp.toks) <= 1<<16 {
		sc.pp = d.pp
		sc.pp.p = ""
		clear(sc.pp.sents)
		clear(sc.pp.found)
		clear(sc.pp.qs)
		clear(sc.pp.cues[:cap(sc.pp.cues)])
	}
	return sc
}

// scratch is what a doc leaves for the next: its token buffer, Scan's
// batches (read and recycled, so bounded: see batch.recycle) and its
// caches of words and names.
type scratch struct {
	pp      *prep
	words   wordCache
	places  placeCache
	batches *batches
	stems   map[string]stemmed
	units   map[string]uint8
}

var scratchPool sync.Pool

// sent is one sentence of a paragraph.
type sent struct {
	sp        span
	toks      []tok
	cues      []cue
	topics    []cue    // statements' authors over their "о" phrases (see cue.topicEnd)
	places    []string // named in the sentence
	ctxPlaces []string // named in it, or (unless it names an actor only) in the last sentence before that named any
	ctxCount  string   // the last "number of X" phrase up to this sentence
	// stat says whether the sentence may hold one of the stems judge
	// looks for around a figure (mayHoldStatStem), asked once for the
	// sentence rather than in each figure's window: statUnknown until
	// asked. Only a window of a sentence that may is searched.
	stat uint8
}

// prep is what can be read of a paragraph without the article's state:
// its quantities (as corrected) and refusals, sentences, quotations and
// tokens (the places of its sentences are read by the doc, and only where
// a candidate needs them: see placeReader). Reading it needs no doc
// (x.prepare), and the doc then reads it with its state (d.read). Scan
// prepares the next paragraphs on another goroutine while the doc reads
// (see doc.prepareAhead); Extract, for one article, does both in turn.
type prep struct {
	p        string
	base     int
	blank    bool
	raw      int                 // how many quantities the parser found, before correction
	found    []quantity.Quantity // the parser's quantities, before correction
	rs       []quantity.Refusal  // the parser's refusals
	qs       []quantity.Quantity // as corrected
	refused  []Refusal
	sps      []span
	quotes   []span
	toks     []tok
	bounds   []int
	sents    []sent
	countPhr []string
	// cues holds the cues of the sentences of the paragraph read, each
	// sentence's a part of it: the buffer is reused for the next one (see
	// read).
	cues []cue
}

// prepare reads paragraph p, which starts at byte base of the article,
// into pp, reusing pp's buffers. words caches the words met before;
// refusals says whether to collect what the parser refused.
func (x *Extractor) prepare(pp *prep, p string, base int, refusals bool, words *wordCache) {
	pp.p, pp.base = p, base
	pp.refused = pp.refused[:0]
	pp.blank = strings.TrimSpace(p) == ""
	if pp.blank {
		pp.qs, pp.sents = pp.qs[:0], pp.sents[:0]
		return
	}
	pp.sps = sentences(p, pp.sps[:0])
	if cap(pp.found) > maxKeptQuantities {
		pp.found, pp.qs = nil, nil // do not keep a huge paragraph's buffers
	}
	if refusals {
		pp.found, pp.rs = x.parser.AppendExtractAll(pp.found[:0], pp.rs[:0], p)
		pp.refused = appendRefusals(pp.refused, p, base, pp.sps, pp.rs)
		clear(pp.rs) // keeps no paragraph alive
	} else {
		pp.found = x.parser.AppendExtract(pp.found[:0], p)
	}
	qs := pp.found
	pp.raw = len(qs)
	pp.quotes = quoteRegions(p, pp.quotes[:0])
	if cap(pp.toks) > 1<<16 {
		pp.toks = nil // do not keep a huge paragraph's buffer
	}
	pp.toks = pp.toks[:0]
	pp.bounds = append(pp.bounds[:0], 0)
	for _, sp := range pp.sps {
		pp.toks = tokenize(p[sp.start:sp.end], sp.start, pp.toks, words)
		pp.bounds = append(pp.bounds, len(pp.toks))
	}
	// The sentences' buffer is reused, cleared: the candidates copy their
	// places, and nothing is kept of a sentence past its paragraph. Their
	// places are read later, and only where a candidate needs them (see
	// readPlaces).
	if cap(pp.sents) > maxKeptSentences {
		pp.sents = nil
	}
	pp.sents = slices.Grow(pp.sents[:0], len(pp.sps))[:len(pp.sps)]
	clear(pp.sents)
	pp.countPhr = pp.countPhr[:0]
	for i, sp := range pp.sps {
		s := &pp.sents[i]
		s.sp = sp
		s.toks = pp.toks[pp.bounds[i]:pp.bounds[i+1]:pp.bounds[i+1]]
		c := ""
		if len(qs) > 0 || strings.Contains(p[sp.start:sp.end], "number") {
			c = countPhrase(s.toks)
		}
		pp.countPhr = append(pp.countPhr, c)
	}
	pp.qs = pp.qs[:0]
	if len(qs) > 0 {
		pp.qs = x.correct(pp.qs, p, qs)
	}
}

// keptBytes is the memory pp's buffers hold, by their capacities.
func (pp *prep) keptBytes() int {
	return cap(pp.found)*int(unsafe.Sizeof(quantity.Quantity{})) +
		cap(pp.rs)*int(unsafe.Sizeof(quantity.Refusal{})) +
		cap(pp.qs)*int(unsafe.Sizeof(quantity.Quantity{})) +
		cap(pp.refused)*int(unsafe.Sizeof(Refusal{})) +
		(cap(pp.sps)+cap(pp.quotes))*int(unsafe.Sizeof(span{})) +
		cap(pp.toks)*int(unsafe.Sizeof(tok{})) +
		cap(pp.bounds)*int(unsafe.Sizeof(0)) +
		cap(pp.sents)*int(unsafe.Sizeof(sent{})) +
		cap(pp.countPhr)*int(unsafe.Sizeof("")) +
		cap(pp.cues)*int(unsafe.Sizeof(cue{}))
}

// forget drops what pp holds of the paragraph it was prepared with (its
// text, in its tokens and elsewhere, and what the doc's reading left in
// its sentences and cues), keeping its buffers: a prep waiting to be
// prepared again keeps no paragraph alive.
func (pp *prep) forget() {
	pp.p = ""
	clear(pp.found)
	clear(pp.qs)
	clear(pp.refused)
	clear(pp.toks)
	clear(pp.sents)
	clear(pp.countPhr)
	clear(pp.cues[:cap(pp.cues)])
}

// maxKeptQuantities and maxKeptSentences bound the buffers of quantities
// and sentences a prep keeps for the next paragraph.
const (
	maxKeptQuantities = 1 << 12
	maxKeptSentences  = 1 << 12
	maxKeptCues       = 1 << 12
	// minFreeCues is the room left in the cues' buffer for a sentence's
	// cues; more than a sentence has as a rule.
	minFreeCues = 8
)

// paragraph reads one paragraph p, which starts at byte base of the
// article, and appends its candidates to out. out[prev:] holds the
// candidates of the paragraph before, which "Об этом сообщил X" at the
// start of this one may still attribute.
func (d *doc) paragraph(p string, base int, out []Candidate, prev int) []Candidate {
	if strings.TrimSpace(p) == "" {
		return out
	}
	if d.pp == nil {
		d.pp = &prep{}
	}
	d.x.prepare(d.pp, p, base, d.refusals, &d.words)
	return d.read(d.pp, out, prev)
}

// read reads a prepared paragraph with the article's state, and appends
// its candidates to out (see paragraph).
func (d *doc) read(pp *prep, out []Candidate, prev int) []Candidate {
	if pp.blank {
		return out
	}
	p, base := pp.p, pp.base
	d.para, d.quotes = p, pp.quotes
	defer func() { d.para, d.quotes = "", nil }()
	d.refused = append(d.refused, pp.refused...)
	qs := pp.qs
	d.lastCount = ""
	quotes := pp.quotes
	sents := pp.sents
	d.quoteLead, d.colonLead = d.colonLead, nil
	d.carried = slices.DeleteFunc(d.carried, func(at int) bool { return at < d.prevLast })
	pl := d.placeReader(sents, qs)
	// The sentences' cues go one after another into pp.cues, capped, so
	// that a sentence appending cues does not allocate; nothing keeps a
	// cue past its paragraph.
	if cap(pp.cues) > maxKeptCues {
		pp.cues = nil
	}
	free := pp.cues[:0]
	for i := range sents {
		s := &sents[i]
		d.roleSubject(s)
		d.mentions(p, s)
		if cap(free) < minFreeCues {
			pp.cues = make([]cue, 0, max(64, 2*cap(pp.cues)))
			free = pp.cues
		}
		cs := d.cues(p, s, quotes, free)
		if s.cues = nil; len(cs) > 0 {
			s.cues = cs[:len(cs):len(cs)]
		}
		free = cs[len(cs):]
		pl.at(i)
		if c := pp.countPhr[i]; c != "" {
			d.lastCount = c
		}
		s.ctxCount = d.lastCount
	}
	pl.finish()
	if n := len(sents); n > 0 {
		if ts := sents[n-1].toks; len(ts) > 0 && ts[len(ts)-1].s == ":" {
			cs := sents[n-1].cues
			for k := len(cs) - 1; k >= 0; k-- {
				if cs[k].who != nil && !cs[k].inQuote {
					d.colonLead = cs[k].who
					break
				}
			}
		}
	}
	first := len(out)
	defer func() {
		if len(sents) > 0 {
			d.prevLast = base + sents[len(sents)-1].sp.start
		}
	}()
	if pp.raw == 0 {
		out = d.aboutBefore(sents, out, base, first, prev)
		return d.carryOver(p, sents, out, base, first)
	}
	si := 0
	prevCounted, prevSent := "", -1
	for _, q := range qs {
		for si+1 < len(sents) && q.Start >= sents[si+1].sp.start {
			si++
		}
		s := &sents[si]
		c := Candidate{Quantity: q}
		c.Start += base
		c.End += base
		c.Sentence = Sentence{Text: p[s.sp.start:s.sp.end], Start: q.Start - s.sp.start, End: q.End - s.sp.start, Offset: base + s.sp.start}
		if c.Sentence.Start < 0 || c.Sentence.End > len(c.Sentence.Text) { // a quantity across a sentence break
			c.Sentence = Sentence{Text: p, Start: q.Start, End: q.End, Offset: base}
		}
		who, outlet := d.attribute(sents, si, q, quotes)
		c.Claimant = d.claimant(who)
		if who != nil && who == d.cataphor && who.name == "" {
			d.cataphorAt = append(d.cataphorAt, c.Start)
		}
		c.Outlet = outlet
		if si != prevSent {
			prevCounted = ""
		}
		c.Counted = counted(p, s, q, prevCounted)
		if c.Counted != "" {
			prevCounted = c.Counted
		}
		uf := d.unitFlags(q.Unit)
		prevSent = si
		c.Places = d.placesCopy(s.ctxPlaces)
		c.LikelyClaim, c.Reason = judge(p, s, &q, uf, quotes)
		out = append(out, c)
	}
	// Reported speech that runs on: a sentence with no attribution of its
	// own that opens by referring back ("В их числе", "Of those", "Among
	// them") continues the speaker of the sentence before.
	for k := first; k < len(out); k++ {
		if out[k].Claimant != nil {
			continue
		}
		si := sentIndex(sents, out[k].Start-base)
		part := partitive(p[out[k].End-base:])
		if si < 0 || len(sents[si].cues) > 0 || !part && (si == 0 || !opensWithAnaphor(sents[si].toks)) {
			continue
		}
		if si == 0 {
			// "…, заявил Владимир Пучков.⏎На данный момент тела шести из
			// них …": the last sentence of the paragraph before.
			for m := first - 1; m >= prev && m >= 0 && out[m].Start >= d.prevLast; m-- {
				if out[m].Claimant != nil {
					out[k].Claimant = out[m].Claimant
					out[k].Outlet = out[m].Outlet
					break
				}
			}
			continue
		}
		found := false
		for m := k - 1; m >= first; m-- {
			if sentIndex(sents, out[m].Start-base) == si-1 {
				if out[m].Claimant != nil {
					out[k].Claimant = out[m].Claimant
					out[k].Outlet = out[m].Outlet
				}
				found = true
				break
			}
		}
		if !found {
			// The sentence before holds no figure but names a speaker:
			// "По словам Бортникова, … много россиян. При этом 214 из них…"
			for _, cu := range sents[si-1].cues {
				if cu.who != nil && !cu.inQuote && !cu.about {
					out[k].Claimant = d.claimant(cu.who)
					out[k].Outlet = cu.outlet
					break
				}
			}
		}
	}
	out = d.aboutBefore(sents, out, base, first, prev)
	out = d.carryOver(p, sents, out, base, first)
	return d.nameCataphor(sents, out, prev)
}

// nameCataphor gives the candidates a pronoun spoke before anyone was
// named (see doc.cataphor) the first person this paragraph or the one
// before names as a speaker, once one is: "«…Сейчас их 17 674 человека»,
// — приводит ТАСС его слова.⏎Октай добавил, что …". out[prev:] are the
// candidates of the paragraph before and this one.
func (d *doc) nameCataphor(sents []sent, out []Candidate, prev int) []Candidate {
	if d.cataphor == nil {
		return out
	}
	var who *entity
	for i := range sents {
		for _, cu := range sents[i].cues {
			if who == nil && cu.who != nil && cu.who != d.cataphor && cu.who.kind == Person && cu.who.name != "" && !cu.inQuote {
				who = cu.who
			}
		}
	}
	if who == nil {
		if d.cataphorParas++; d.cataphorParas > 1 {
			d.cataphorAt = d.cataphorAt[:0]
		}
		return out
	}
	for k := max(prev, 0); k < len(out); k++ {
		if out[k].Claimant == nil && slices.Contains(d.cataphorAt, out[k].Start) {
			out[k].Claimant = d.claimant(who)
		}
	}
	// The pronoun stands for that person from now on.
	*d.cataphor = *who
	d.cataphor, d.cataphorAt, d.cataphorParas = nil, nil, 0
	return out
}

// carryOver gives reported speech that runs on over several sentences
// its speaker: a Russian sentence with no attribution of its own takes
// the speaker of the last forward attribution while it reads as that
// speech going on, until another attribution is made, an attribution
// closes what it attributes ("…, — сказал X."), or the article's own
// voice resumes ("Напомним, …", "Ранее …", "Таким образом …"). A
// sentence reads as the speech going on when the speech was announced
// by a sentence with no figure of its own ("Оперативный штаб обнародовал
// новые данные. … Количество пострадавших увеличилось до 43 человек."),
// when it lies in an open quotation, or when it opens with a word that
// adds to what was said ("Еще", "Также", "Кроме того", "Из них", "Он"),
// or when it counts again what the speaker's figures counted (see
// countsAgain); any other sentence with a claim is the article's own and
// ends the speech ("…
// заявил, что погибли 43 человека. Рядом расположен стадион на 45 тысяч
// мест."). A paragraph ends it too, unless it opens as its continuation:
// a dialogue dash, a quotation mark, one of those words or a count again,
// or right after the announcement. Figures attributed to no one ("ранее сообщалось о
// …") stay no one's. out[first:] are the paragraph's candidates.
func (d *doc) carryOver(p string, sents []sent, out []Candidate, base, first int) []Candidate {
	all := d.carryNext || opensDialogue(p)
	if d.carry != nil && !all && !(len(sents) > 0 && (continuesSpeech(sents[0].toks) || countsAgain(sents[0].toks, d.carryCounts))) {
		d.carry, d.carryOutlet = nil, ""
	}
	d.carryAll, d.carryNext = all, false
	k := first
	for si := range sents {
		s := &sents[si]
		// "Ранее в минздраве сообщали о 11 погибших.": a report the
		// article recalls in its own voice starts no speech that runs on.
		voice := ownVoice(s.toks)
		if voice {
			d.carry = nil
		}
		own := false
		for _, cu := range s.cues {
			if cu.who != nil && !cu.inQuote {
				own = true
			}
		}
		if d.carry != nil && !own && !d.carryAll && !inOpenQuote(p, s.sp.start) && !continuesSpeech(s.toks) &&
			!countsAgain(s.toks, d.carryCounts) && claimIn(out[k:], base+s.sp.end) {
			// A sentence with a claim in the article's own voice ends the
			// speech; one with none ("Это данные на 10 утра 22 апреля.")
			// leaves it be.
			d.carry, d.carryOutlet = nil, ""
		}
		from := k
		for ; k < len(out) && out[k].Start-base < s.sp.end; k++ {
			c := &out[k]
			if c.Claimant != nil || own || d.carry == nil || anonAt(s.cues, c.Start-base) {
				continue
			}
			c.Claimant = d.claimant(d.carry)
			if c.Outlet == "" {
				c.Outlet = d.carryOutlet
			}
			d.carried = append(d.carried, c.Start)
		}
		for _, cu := range s.cues {
			if cu.inQuote || cu.who == nil && !cu.anon {
				continue
			}
			switch {
			case cu.anon && len(s.toks) > 0 && cu.anonHi < s.toks[len(s.toks)-1].end:
				// "Если ранее говорилось о 35 пропавших, то теперь …":
				// no one's clause inside the speech that runs on.
			case cu.anon || !cu.fwd || cu.about:
				d.carry, d.carryOutlet = nil, ""
				d.carryAll, d.carryNext = false, false
			case isCyrillic(leadWord(p[cu.pos:])) && !voice:
				d.carry, d.carryOutlet = cu.who, cu.outlet
				d.carryCounts = d.carryCounts[:0]
				for _, c := range out[from:k] {
					if c.Claimant != nil && c.Counted != "" {
						d.carryCounts = append(d.carryCounts, c.Counted)
					}
				}
				// A speaker's sentence with no figure announces those
				// that follow.
				d.carryAll = from == k
				d.carryNext = d.carryAll && si == len(sents)-1
			default:
				d.carry, d.carryOutlet = nil, ""
				d.carryAll, d.carryNext = false, false
			}
		}
	}
	return out
}

// opensDialogue reports whether paragraph p opens with a dialogue dash or
// a quotation mark: the speech of the paragraph before may go on in it.
func opensDialogue(p string) bool {
	p = strings.TrimLeft(p, " \t\u00a0")
	for _, m := range []string{"—", "–", "- ", "«", "\"", "“", "„"} {
		if strings.HasPrefix(p, m) {
			return true
		}
	}
	return false
}

// continuesSpeech reports whether a sentence opens with words that add to
// what was said before: "Еще 12 ранены", "Также …", "Кроме того, …",
// "Помимо этого …", "Из них …", "Среди них …", "В том числе …", or a
// pronoun for the speaker ("Он добавил, …").
func continuesSpeech(ts []tok) bool {
	w := func(i int) string { return wordLow(ts, i) }
	switch w(0) {
	case "еще", "также", "он", "она", "они":
		return true
	case "кроме", "помимо":
		return w(1) == "того" || w(1) == "этого"
	case "из", "среди":
		return w(1) == "них"
	case "в":
		return w(1) == "том" && w(2) == "числе"
	}
	return false
}

// claimIn reports whether a likely claim of no one's opens cs before end.
func claimIn(cs []Candidate, end int) bool {
	for i := range cs {
		if cs[i].Start >= end {
			break
		}
		if cs[i].LikelyClaim && cs[i].Claimant == nil {
			return true
		}
	}
	return false
}

// countsAgain reports whether a sentence names again, as written, what the
// speaker's figures counted (counts): "Больше всего задержанных в Казани –
// 120 человек" after "сообщает о 400 задержанных". "Человек" and the like
// count anything and do not.
func countsAgain(ts []tok, counts []string) bool {
	for _, c := range counts {
		c = strings.ToLower(c)
		if i := strings.LastIndexByte(c, ' '); i >= 0 {
			c = c[i+1:]
		}
		if genericCount[c] {
			continue
		}
		for i := range ts {
			if ts[i].word && ts[i].low == c {
				return true
			}
		}
	}
	return false
}

// genericCount holds the counted words that name no one thing counted.
var genericCount = map[string]bool{
	"человек": true, "человека": true, "людей": true, "тысяч": true, "тысячи": true,
	"миллионов": true, "миллиона": true, "раз": true, "раза": true, "единиц": true,
	"рублей": true, "долларов": true, "евро": true, "процентов": true, "процента": true,
}

// inOpenQuote reports whether offset at of paragraph p lies inside a
// quotation opened before it and not closed.
func inOpenQuote(p string, at int) bool {
	// “ closes a Russian inner „…“ and opens an English “…”, so the marks
	// are paired as they come, not counted.
	guillemets, low, curly, straight := 0, 0, 0, 0
	for _, r := range p[:at] {
		switch r {
		case '«':
			guillemets++
		case '»':
			guillemets = max(guillemets-1, 0)
		case '„':
			low++
		case '“':
			if low > 0 {
				low--
			} else {
				curly++
			}
		case '”':
			curly = max(curly-1, 0)
		case '"':
			straight++
		}
	}
	return guillemets > 0 || low > 0 || curly > 0 || straight%2 == 1
}

// leadWord returns the word s opens with.
func leadWord(s string) string {
	if i := strings.IndexAny(s, " ,.:;!?»\"\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// anonAt reports whether pos lies in the span of an attribution to no one.
func anonAt(cues []cue, pos int) bool {
	for _, cu := range cues {
		if cu.anon && cu.anonLo <= pos && pos < cu.anonHi {
			return true
		}
	}
	return false
}

// anonCue marks c an attribution to no one, over the figures before it
// in the sentence ts when inverted ("…, сообщает «Интерфакс» со ссылкой
// на источники"), else over those after it.
func anonCue(ts []tok, i int, inverted bool, c cue) cue {
	c.anon = true
	if inverted {
		c.anonLo, c.anonHi = ts[0].start, ts[i].start
	} else {
		c.anonLo, c.anonHi = ts[i].start, ts[len(ts)-1].end
	}
	return c
}

// clauseEnd returns where the clause of ts[i] ends: at the first comma
// after it that no "что" follows, or at the sentence's end.
func clauseEnd(ts []tok, i int) int {
	for k := i + 1; k < len(ts); k++ {
		if ts[k].s == "," && !(k+1 < len(ts) && ts[k+1].low == "что") {
			return ts[k].start
		}
	}
	return ts[len(ts)-1].end
}

// ruImpersonal reports whether a folded Russian word is an impersonal
// verb of saying: a speech stem in the reflexive past neuter or the
// reflexive present ("сообщалось", "говорилось", "сообщается",
// "оценивается"); "признается" ("он признается, что …") has a subject.
func ruImpersonal(low string) bool {
	switch {
	case strings.HasPrefix(low, "призна"):
		return false
	case strings.HasSuffix(low, "лось"), strings.HasSuffix(low, "ется"), strings.HasSuffix(low, "ится"):
		return ruSpeechVerb(low[:len(low)-len("ся")])
	}
	return false
}

// wordLow returns the folded form of ts[i] when it is a word, else "".
func wordLow(ts []tok, i int) string {
	if i < len(ts) && ts[i].word {
		return ts[i].low
	}
	return ""
}

// ownVoice reports whether a sentence opens with words by which the
// article speaks in its own voice again: "Напомним", "Ранее", "Между
// тем", "Тем временем", "В то же время", "Таким образом", "Как известно".
func ownVoice(ts []tok) bool {
	w := func(i int) string { return wordLow(ts, i) }
	switch w(0) {
	case "напомним", "ранее":
		return true
	case "между", "тем":
		return w(1) == "тем" || w(1) == "временем"
	case "таким":
		return w(1) == "образом"
	case "как":
		return w(1) == "известно"
	case "в":
		return w(1) == "то" && w(2) == "же" && w(3) == "время" || w(1) == "тоже" && w(2) == "время"
	}
	return false
}

// aboutBefore gives the speaker of "Об этом сообщил X" to the claims of
// the sentence before, which may end the paragraph before.
func (d *doc) aboutBefore(sents []sent, out []Candidate, base, first, prevFirst int) []Candidate {
	for i := range sents {
		for _, cu := range sents[i].cues {
			if !cu.about || cu.who == nil {
				continue
			}
			lo, hi, from := 0, 0, first
			if i == 0 {
				lo, hi, from = d.prevLast, base, prevFirst
			} else {
				lo, hi = base+sents[i-1].sp.start, base+sents[i-1].sp.end
				// "… собрал менее тысячи человек. При этом организаторами
				// была заявлена … Об этом сообщает X": a sentence that
				// opens by referring back carries the one before it along.
				for m := i - 1; m > 0 && opensWithAnaphor(sents[m].toks); m-- {
					lo = base + sents[m-1].sp.start
				}
			}
			if cu.outlet == "" {
				for _, o := range sents[i].cues {
					if o.outlet != "" {
						cu.outlet = o.outlet
					} else if o.relay && o.who != nil {
						cu.outlet = o.who.name
					}
				}
			}
			who := cu.who
			if who.kind == Outlet {
				// "Об этом сообщает РИА Новости со ссылкой на пресс-службу
				// главка МВД": the outlet relays whom it cites.
				for _, o := range sents[i].cues {
					if o.pos > cu.pos && o.who != nil && o.who != cu.who && !o.inQuote {
						if cu.outlet == "" {
							cu.outlet = cu.who.name
						}
						who = o.who
						break
					}
				}
			}
			for k := from; k < len(out); k++ {
				if (out[k].Claimant == nil || slices.Contains(d.carried, out[k].Start)) && out[k].Start >= lo && out[k].End <= hi {
					out[k].Claimant = d.claimant(who)
					if out[k].Outlet == "" {
						out[k].Outlet = cu.outlet
					}
				}
			}
		}
	}
	return out
}

// attribute finds who made the claim at q in sentence si, and the outlet
// named as its channel.
func (d *doc) attribute(sents []sent, si int, q quantity.Quantity, quotes []span) (*entity, string) {
	s := &sents[si]
	for qi, qr := range quotes {
		if !(qr.start < q.Start && q.End <= qr.end) {
			continue
		}
		// A quotation that names its own speaker before the figure: «…
		// Владимир Варфоломеев оценил количество участников в 20-25
		// тысяч», — отмечают в издании.
		if who := d.quotedSpeaker(s, qr, q); who != nil {
			return who, ""
		}
		// «…, — сказал Пучков. — …»: the attribution set inside it.
		if cu := embeddedCue(sents, qr); cu != nil {
			return cu.who, cu.outlet
		}
		// The speaker of a quotation, or, for a quotation with no
		// attribution of its own, of the quotation before it ("…," said
		// Anna Lee. "Another 30 are missing.").
		for k := qi; k >= 0 && k >= qi-2; k-- {
			if who, outlet := quoteSpeaker(sents, si, quotes[k], quotes); who != nil {
				return who, outlet
			}
		}
		// "Пучков сказал:" ending the paragraph before, the quotation
		// opening this one.
		if d.quoteLead != nil && quotes[0].start <= 1 {
			return d.quoteLead, ""
		}
		// A quotation no one is said to speak, with attributions of its
		// own (an article quoted whole: “… organizers maintained that at
		// least 1 million men took part …”): the one before the figure
		// in its sentence, or one after it that reaches back.
		var in *cue
		for k := range s.cues {
			cu := &s.cues[k]
			if cu.who == nil || !cu.inQuote || cu.embedded || cu.pos <= qr.start || cu.pos >= qr.end {
				continue
			}
			if cu.pos < q.Start {
				in = cu
			} else if in == nil && cu.back {
				in = cu
				break
			}
		}
		if in != nil {
			return in.who, in.outlet
		}
		break
	}
	// "заявленной организаторами численности митинга до 50 тысяч": the
	// declarer of the figure's own clause; "заявления российской стороны
	// о гибели 1600 человек": the body whose statement gives the figure.
	for k := range s.topics {
		if cu := &s.topics[k]; cu.pos <= q.Start && q.Start < cu.topicEnd {
			return cu.who, ""
		}
	}
	for k := range s.cues {
		cu := &s.cues[k]
		if cu.declared && (cu.pos < q.Start && q.Start-cu.pos <= 120 || cu.pos >= q.End && cu.pos-q.End <= 40) {
			return cu.who, ""
		}
	}
	// A figure in brackets is its own statement: only a cue inside the
	// same brackets attributes it.
	paren := parenAround(s.toks, q.Start)
	var before, after, outletCue *cue
	outlet := ""
	speakers := 0
	for k := range s.cues {
		if cu := &s.cues[k]; !cu.inQuote && cu.who != nil && !cu.relay {
			speakers++
		}
	}
	for k := range s.cues {
		cu := &s.cues[k]
		if cu.inQuote || cu.who == nil {
			if cu.outlet != "" && outlet == "" && !cu.inQuote {
				outlet = cu.outlet
			}
			continue
		}
		if cu.outlet != "" && outlet == "" {
			outlet = cu.outlet
		}
		if paren != parenAround(s.toks, cu.pos) {
			continue
		}
		if cu.relay && speakers > 0 {
			if outletCue == nil {
				outletCue = cu
			}
			continue
		}
		if cu.pos < q.Start {
			before = cu
		} else if after == nil && cu.back {
			after = cu
		}
	}
	if before != nil {
		if o := outerSpeaker(s, before); o != nil {
			before = o
		}
	}
	switch {
	case before != nil:
		return before.who, pick(before.outlet, outlet, outletCue, before.who)
	case after != nil:
		return after.who, pick(after.outlet, outlet, outletCue, after.who)
	}
	// "50 тысяч человек (по оценкам организаторов)": an attribution in
	// brackets right after the figure.
	for k := range s.cues {
		cu := &s.cues[k]
		if po := parenAround(s.toks, cu.pos); cu.who != nil && !cu.inQuote && po >= q.End && po-q.End <= 3 {
			return cu.who, cu.outlet
		}
	}
	return nil, outlet
}

// outerSpeaker returns the speaker whose "что" clause holds the verb of
// saying of in ("издание «Московские новости» утверждает, что
// сотрудники полиции насчитали 60 тысяч": the outlet's claim, which
// reports the count), or nil.
func outerSpeaker(s *sent, in *cue) *cue {
	ts := s.toks
	v := -1
	for i := range ts {
		if ts[i].start == in.pos {
			v = i
			break
		}
	}
	if v < 0 || ts[v].cls&cSpeech == 0 || !isCyrillic(ts[v].low) {
		return nil
	}
	for k := range s.cues {
		o := &s.cues[k]
		if o.pos >= in.pos || o.who == nil || o.inQuote || !o.fwd || o.who == in.who {
			continue
		}
		// The verb's own clause opens with "что": no comma between them
		// ("В МЧС настаивают, что погиб 171 человек, СК сообщает о 164":
		// another clause, another speaker).
		for i := v - 1; i > 0 && ts[i].start > o.pos && ts[i].s != ","; i-- {
			if ts[i].low == "что" && ts[i-1].s == "," {
				return o
			}
		}
	}
	return nil
}

// embeddedCue returns the first attribution set inside the quotation qr
// between dashes, or nil.
func embeddedCue(sents []sent, qr span) *cue {
	for j := range sents {
		if sents[j].sp.end <= qr.start || sents[j].sp.start >= qr.end {
			continue
		}
		for k := range sents[j].cues {
			if cu := &sents[j].cues[k]; cu.embedded && cu.who != nil && cu.pos > qr.start && cu.pos < qr.end {
				return cu
			}
		}
	}
	return nil
}

func sentIndex(sents []sent, pos int) int {
	for i := range sents {
		if pos >= sents[i].sp.start && pos < sents[i].sp.end {
			return i
		}
	}
	return -1
}

// anaphors open a sentence that refers back to the one before.
var anaphors = set("их", "них", "этих", "этом", "том", "них", "them", "those", "these", "this", "which", "also", "также", "причем", "при", "еще", "ещё")

// partitive reports whether the text after a figure opens "из них" (of
// them): the figure counts part of a set the sentence before gave.
func partitive(rest string) bool {
	rest = strings.TrimLeft(rest, " \u00a0")
	return strings.HasPrefix(rest, "из них") || strings.HasPrefix(rest, "из которых")
}

func opensWithAnaphor(ts []tok) bool {
	for i := 0; i < len(ts) && i < 5; i++ {
		if ts[i].word && anaphors[ts[i].low] {
			return true
		}
	}
	return false
}

// parenAround returns the offset of the bracket that opens around pos in
// the sentence, or -1.
func parenAround(ts []tok, pos int) int {
	open := -1
	for i := range ts {
		if ts[i].start >= pos {
			break
		}
		switch ts[i].s {
		case "(":
			open = ts[i].start
		case ")":
			open = -1
		}
	}
	return open
}

// quoteSpeaker returns who is named right after the quotation qr ("…,"
// he added; «…», — сказал Новиков) or right before it (Bogdanov said: "…").
func quoteSpeaker(sents []sent, si int, qr span, quotes []span) (*entity, string) {
	for si > 0 && sents[si].sp.start > qr.start {
		si--
	}
	for j := si; j < len(sents); j++ {
		if sents[j].sp.start > qr.end {
			break
		}
		if sents[j].sp.end < qr.end {
			continue
		}
		for _, cu := range sents[j].cues {
			if cu.pos >= qr.end && !cu.inQuote && cu.who != nil && !quoteBetween(quotes, qr.end, cu.pos) {
				return cu.who, cu.outlet
			}
		}
	}
	for j := si; j >= 0; j-- {
		if sents[j].sp.end < qr.start {
			break
		}
		cs := sents[j].cues
		for k := len(cs) - 1; k >= 0; k-- {
			if cs[k].pos < qr.start && !cs[k].inQuote && cs[k].who != nil {
				return cs[k].who, cs[k].outlet
			}
		}
	}
	return nil, ""
}

func pick(own, any string, oc *cue, who *entity) string {
	switch {
	case own != "":
		return own
	case oc != nil && oc.who != who:
		return oc.who.name
	}
	return any
}

func quoteBetween(quotes []span, from, to int) bool {
	for _, q := range quotes {
		if q.start >= from && q.start < to {
			return true
		}
	}
	return false
}

// roleSubject notes a role named as a sentence's subject with no name
// ("Russia's deputy foreign minister on Monday called for…"): the next
// person named without a role is given it.
func (d *doc) roleSubject(s *sent) {
	ts := s.toks
	n := 0
	hasRole := false
	for n < len(ts) && n < 7 && ts[n].word {
		t := &ts[n]
		if n > 0 && ((t.cls&cTime != 0) || t.low == "said" || t.low == "says" || (t.cls&cSpeech != 0) || (t.cls&cBoundary != 0)) {
			break
		}
		if (t.cls&cRole != 0) && t.low != "first" && t.low != "первый" {
			hasRole = true
		}
		n++
	}
	if !hasRole || n == 0 {
		return
	}
	head := ts[:n]
	for i := range head {
		t := &head[i]
		if t.upper && t.cls&cNotName == 0 && t.cls&cRole == 0 && t.cls&cOrg == 0 && !strings.HasSuffix(t.low, "'s") && !strings.HasSuffix(t.low, "’s") && !isAllCaps(t.s) && i > 0 {
			return // a name is given: not a bare role
		}
	}
	if head[0].low == "the" {
		head = head[1:]
	}
	// Only the role itself: up to its last role word.
	last := -1
	for i := range head {
		if head[i].cls&cRole != 0 {
			last = i
		}
	}
	if last >= 0 {
		d.pendingRole = joinToks(head[:last+1])
		first := 0
		for head[first].cls&cRole == 0 {
			first++
		}
		d.bareRole = joinToks(head[first : last+1])
	}
}

// unnamed returns the official a sentence named by role alone before any
// person was named ("Соответствующее заявление губернатор сделал …"), for
// a pronoun that has no one else to stand for, or nil.
// personPronoun returns whom a personal pronoun (folded: low) stands for:
// the last person named, else the bare role given before (unnamed), else,
// for a Russian pronoun, the cataphor, a person the text names later.
func (d *doc) personPronoun(low string) *entity {
	if d.lastPerson != nil {
		return d.lastPerson
	}
	if e := d.unnamed(); e != nil || !isCyrillic(low) {
		return e
	}
	if d.cataphor == nil {
		d.cataphor = &entity{kind: Person}
	}
	return d.cataphor
}

func (d *doc) unnamed() *entity {
	if d.lastPerson != nil || d.bareRole == "" {
		return nil
	}
	return &entity{name: d.bareRole, kind: Person}
}

// cues finds the attributions of a sentence, resolving their speakers in
// reading order. It appends them to buf[:0], using the room buf has.
func (d *doc) cues(p string, s *sent, quotes []span, buf []cue) []cue {
	ts := s.toks
	out := buf[:0]
	s.topics = s.topics[:0]
	// "Об этом сообщил X", "Такие данные сообщили в пресс-службе X": the
	// speaker of the sentence before.
	about := len(ts) >= 2 && (ts[0].low == "об" && ts[1].low == "этом" ||
		(ts[0].low == "такие" || ts[0].low == "эти") && (ts[1].low == "данные" || ts[1].low == "сведения" || ts[1].low == "цифры") ||
		// "Информацию подтвердили в МЧС", "Эту информацию сообщил …"
		ts[0].low == "информацию" || (ts[0].low == "эту" || ts[0].low == "данную") && ts[1].low == "информацию")
	inQ := func(pos int) bool {
		for _, q := range quotes {
			if q.start < pos && pos < q.end {
				return true
			}
		}
		return false
	}
	add := func(c cue) {
		c.inQuote = inQ(c.pos)
		if about && len(out) == 0 {
			c.about = true
		}
		if !c.inQuote {
			d.note(c.who)
			if c.who != nil {
				d.lastSpeaker = c.who
			}
		}
		out = append(out, c)
	}
	// "Аман Тулеев: погибли 64 человека", "ЦРУ: число боевиков …": a
	// name or a body before a colon that opens the sentence speaks it.
	for k := 1; k < len(ts) && k <= 4; k++ {
		if !ts[k].word {
			if ts[k].s == ":" && ts[0].upper && (hasNamePair(ts[:k]) || isOrgName(ts[:k])) && !inQ(ts[k].start) && !hasSpeechVerb(ts[:k]) {
				if e := d.resolve(p, ts[:k], false); e != nil {
					add(cue{pos: ts[0].start, who: e, fwd: true})
				} else {
					out = append(out, anonCue(ts, k, false, cue{pos: ts[0].start})) // "СМИ: …"
				}
			}
			break
		}
	}
	// "Из сообщения организации «Гражданин наблюдатель»: «…»": the
	// author of the statement quoted after the colon.
	if len(ts) > 3 && ts[0].low == "из" && sourceNouns[ts[1].low] {
		for k := 2; k < len(ts) && k < 12; k++ {
			if ts[k].s == ":" {
				if k > 2 && !inQ(ts[0].start) {
					if e := d.resolve(p, ts[2:k], true); e != nil {
						add(cue{pos: ts[0].start, who: e})
					}
				}
				break
			}
		}
	}
	for i := 0; i < len(ts); i++ {
		t := &ts[i]
		// "заявленной организаторами численности", "организаторами была
		// заявлена численность": the body in the instrumental declared it.
		if t.word && t.cls&cDeclaredPfx != 0 {
			for k := max(0, i-3); k < min(len(ts), i+4); k++ {
				if by, ok := declarers[ts[k].low]; ok && k != i {
					e := d.find(by)
					if e == nil {
						e = d.remember(&entity{name: by, kind: Organisation})
					}
					c := cue{pos: t.start, who: e, declared: true}
					c.inQuote = inQ(c.pos)
					out = append(out, c)
					break
				}
			}
		}
		// "цифры, озвученные руководством Южной Осетии, — более 2 тысяч":
		// a participle of saying with its author in the instrumental
		// right after it declares the figures it introduces.
		if t.word && i+1 < len(ts) && t.cls&cVoicedPfx != 0 && declarers[ts[i+1].low] == "" {
			if head := instrumentalNominative(ts[i+1].low); head != "" && (ts[i+1].cls&cOrg != 0 || strings.HasSuffix(head, "ство") || i+2 < len(ts) && ts[i+2].upper) {
				k := i + 2
				for k < len(ts) && k-i <= 5 && ts[k].word && ts[k].upper {
					k++
				}
				name := head
				if k > i+2 {
					name += " " + joinToks(ts[i+2:k])
				}
				e := d.find(name)
				if e == nil || e.kind == Person {
					e = d.remember(&entity{name: name, kind: Organisation})
				}
				c := cue{pos: t.start, who: e, declared: true}
				c.inQuote = inQ(c.pos)
				out = append(out, c)
			}
		}
		// "официальные заявления российской стороны о гибели 1600
		// человек", "сообщения организаторов о 40 тысячах": a statement
		// noun, its author in the genitive, and the figure it is about.
		if t.word && t.cls&cStatement != 0 && !inQ(t.start) {
			k := i + 1
			for k < len(ts) && k-i <= 5 && ts[k].word && !ts[k].digit && ts[k].cls&cBoundary == 0 && ts[k].low != "о" && ts[k].low != "об" && ts[k].cls&cSpeech == 0 {
				k++
			}
			if k > i+1 && k+1 < len(ts) && (ts[k].low == "о" || ts[k].low == "об") && (ts[k+1].digit || k+2 < len(ts) && ts[k+2].digit) {
				if isSpeakerNP(ts[i+1:k]) || ruGenitive(ts[k-1].low) {
					if e := d.resolve(p, ts[i+1:k], true); e != nil && e.kind != Outlet {
						s.topics = append(s.topics, cue{pos: ts[k].start, who: e, topicEnd: ts[min(k+3, len(ts)-1)].end})
					}
				}
			}
		}
		// "Полиция насчитала 8 тысяч участников, организаторы — 25
		// тысяч": a clause with its verb left out, the body before the dash.
		if !t.word && (t.s == "—" || t.s == "–") && i+1 < len(ts) && (ts[i+1].digit || i+2 < len(ts) && ts[i+2].digit && (ts[i+1].low == "о" || ts[i+1].low == "об" || ts[i+1].low == "до" || ts[i+1].low == "в")) && !inQ(t.start) {
			k := i
			for k > 0 && ts[k-1].word && i-k < 3 {
				k--
			}
			if _, cued := prepCueAt(ts, k); k > 0 && k < i && !cued && (ts[k-1].s == "," || ts[k-1].s == ";") && (isOrgName(ts[k:i]) || hasRoleWord(ts[k:i]) || hasNamePair(ts[k:i])) {
				if e := d.resolve(p, ts[k:i], false); e != nil {
					add(cue{pos: ts[k].start, who: e})
				}
			}
		}
		embedded, nested := false, false
		if t.word && inQ(t.start) {
			// «Погибли 64 человека, — сказал Пучков. — Еще 10 …»: a verb
			// of saying right after ", —" inside the quotation marks.
			if !(t.cls&cSpeech != 0 && i >= 2 && isPunct(&ts[i-1], "—–-") && isPunct(&ts[i-2], ",!?…")) {
				if t.cls&cSpeech == 0 || t.cls&cGerund != 0 {
					continue
				}
				// A verb of saying inside a quotation: kept for a
				// quotation no one is said to speak (see attribute).
				nested = true
			} else {
				embedded = true
			}
		}
		if !t.word {
			continue
		}
		// "по его словам": the speaker named before.
		if t.low == "по" && i+2 < len(ts) && (ts[i+1].cls&cPersonPron != 0) && (ts[i+2].low == "словам" || ts[i+2].low == "данным" || ts[i+2].low == "оценке" || ts[i+2].low == "мнению" || ts[i+2].low == "расчетам") {
			// "представитель МЧС … По его словам": a body's spokesman
			// when no person was named.
			who := d.lastPerson
			if who == nil {
				who = d.lastSpeaker
			}
			if who == nil {
				who = d.unnamed()
			}
			if who != nil {
				add(cue{pos: t.start, who: who, back: tailShort(ts, i+2)})
			}
			i += 2
			continue
		}
		// Prepositional cues: "according to X", "по данным X".
		if n, ok := prepCueAt(ts, i); ok {
			j := i + n
			if j < len(ts) && ts[j].word && (ts[j].cls&cPersonPron != 0) && j+1 < len(ts) && (ts[j+1].low == "словам" || ts[j+1].low == "данным" || ts[j+1].low == "оценке") {
				add(cue{pos: t.start, who: d.lastPerson})
				i = j + 1
				continue
			}
			if j+1 < len(ts) && ts[i].low == "по" && (ts[i+1].cls&cPersonPron != 0) {
				j = i + 1
			}
			k := j
			for k < len(ts) && k-j < 12 {
				u := &ts[k]
				if !u.word && !isQuoteMark(u) && u.s != "(" && u.s != ")" && u.s != "-" {
					break
				}
				if u.s == ")" && !hasOpenParen(ts[j:k]) {
					break // "(по оценкам организаторов)"
				}
				if u.word && ((u.cls&cBoundary != 0) || u.digit || u.low == "till" || u.low == "until" || u.low == "in" || u.low == "on" || u.low == "at" || u.low == "since" || u.low == "this" || u.low == "have" || u.low == "has" || u.low == "reveals") {
					break
				}
				if u.word && (u.low == "в" || u.low == "на") && k+1 < len(ts) && !ts[k+1].upper {
					break
				}
				if u.word && (u.low == "в" || u.low == "во") && k > j && k+1 < len(ts) && ts[k+1].upper && (d.isPlaceTok(ts, k+1) || d.x.wordPlace(&ts[k+1], &d.placeHits).isCity) && (isOrgName(ts[j:k]) || isOutletName(ts[j:k])) {
					break // "по данным ОВД-Инфо в Москве": where, not who
				}
				if u.word && k > j && !u.upper && (frontedObjects[u.low] || strings.HasPrefix(u.low, "составля") || strings.HasPrefix(u.low, "составил")) {
					break // "по оценкам журналистов количество участников составляет …"
				}
				if u.word && pastPlural(u) {
					break // "по данным ОВД-инфо в России задержали …": the clause's verb
				}
				k++
			}
			phrase := ts[j:k]
			// "collated data from the Health Ministry": the body after from/by.
			for m := len(phrase) - 1; m >= 0; m-- {
				if phrase[m].word && (phrase[m].low == "from" || phrase[m].low == "by") {
					phrase = phrase[m+1:]
					break
				}
			}
			// "Health Ministry figures": drop the trailing word for data.
			for len(phrase) > 1 && phrase[len(phrase)-1].word && dataWords[phrase[len(phrase)-1].low] {
				phrase = phrase[:len(phrase)-1]
			}
			// "данные от Минобороны России, согласно которым …": the
			// relative pronoun stands for the data before the comma.
			if len(phrase) > 0 && strings.HasPrefix(phrase[0].low, "котор") {
				phrase = dataSource(ts[:i])
			}
			// "согласно официальным данным": data no one is named for.
			if t.low == "согласно" && n == 1 && len(phrase) > 0 && len(phrase) <= 2 && !phrase[0].upper && ruDataWords[phrase[len(phrase)-1].low] {
				phrase = nil
			}
			var e *entity
			if len(phrase) > 0 {
				oblique := isCyrillic(t.low)
				if e = d.resolve(p, phrase, oblique); e != nil {
					back := tailShort(ts, k-1)
					add(cue{pos: t.start, who: e, back: back, fwd: !back})
				}
			}
			if e == nil && isCyrillic(t.low) && !inQ(t.start) {
				// "по различным данным", "согласно официальным данным":
				// data no one is named for.
				out = append(out, anonCue(ts, i, i > 0 && ts[i-1].s == "," && tailShort(ts, k-1), cue{pos: t.start}))
			}
			i = k - 1
			continue
		}
		// Possessive cues: "Trump's previous claim", "His new figure".
		if (strings.HasSuffix(t.low, "'s") || strings.HasSuffix(t.low, "’s") || t.low == "his" || t.low == "her" || t.low == "their") && i+1 < len(ts) {
			k := i + 1
			for k < len(ts) && ts[k].word && (ts[k].low == "new" || ts[k].low == "previous" || ts[k].low == "latest" || ts[k].low == "own" || ts[k].low == "earlier" || ts[k].low == "initial") {
				k++
			}
			if k < len(ts) && claimNouns[ts[k].low] {
				var e *entity
				if (t.cls&cPersonPron != 0) || (t.cls&cOtherPron != 0) {
					e = d.resolve(p, ts[i:i+1], false)
				} else {
					lo := i
					for lo > 0 && ts[lo-1].word && ts[lo-1].upper && ts[lo-1].cls&cNotName == 0 {
						lo--
					}
					e = d.resolve(p, ts[lo:i+1], false)
					if e != nil {
						e.name = strings.TrimSuffix(strings.TrimSuffix(e.name, "'s"), "’s")
						d.setKey(e)
					}
				}
				if e != nil {
					add(cue{pos: t.start, who: e})
				}
				continue
			}
		}
		// "«…», — говорится в сообщении": the body that issued it, named
		// last.
		if t.cls&cReportVerb != 0 && i+2 < len(ts) && (ts[i+1].low == "в" || ts[i+1].low == "во") && reportNouns[ts[i+2].low] {
			// "говорится в докладе Совбеза ООН": the body named after the
			// statement, in the genitive.
			k := i + 3
			for k < len(ts) && k-i < 9 && ts[k].word && (ts[k].upper || ts[k].cls&cOrg != 0) && ts[k].cls&cBoundary == 0 {
				k++
			}
			if k > i+3 {
				if e := d.resolve(p, ts[i+3:k], true); e != nil {
					add(cue{pos: t.start, who: e, back: true})
				}
				i = k - 1
				continue
			}
			if d.lastOrg != nil {
				add(cue{pos: t.start, who: d.lastOrg, back: true})
			}
			i += 2
			continue
		}
		// "Organizers disputed that figure, saying 100,000 attended",
		// "Губернатор опроверг данные, заявив, что …": a gerund after a
		// comma speaks for the clause's subject.
		if t.cls&cGerund != 0 && i > 1 && ts[i-1].s == "," {
			if lo, hi, oblique := clauseSubject(ts, i); hi > lo {
				if e := d.resolve(p, ts[lo:hi], oblique); e != nil {
					add(cue{pos: t.start, who: e})
				}
			}
			continue
		}
		// "Как стало известно «Интерфаксу», …", "стало известно РБК": the
		// outlet that learned it is the source.
		if t.low == "известно" && i > 0 && ts[i-1].low == "стало" && i+1 < len(ts) && !inQ(t.start) {
			name := ""
			if isQuoteMark(&ts[i+1]) {
				j := i + 2
				for j < len(ts) && !isQuoteMark(&ts[j]) && j-i < 7 {
					j++
				}
				if j < len(ts) && j > i+2 && looksDativeOutlet(ts[i+2:j]) {
					name = dativeOutlet(joinToks(ts[i+2 : j]))
				}
			} else if k := i + 1; ts[k].word && ts[k].upper && isOutletTok(&ts[k]) {
				for k < len(ts) && ts[k].word && ts[k].upper && isOutletTok(&ts[k]) {
					k++
				}
				name = joinToks(ts[i+1 : k])
				if looksDativeOutlet(ts[i+1 : k]) {
					name = dativeOutlet(name)
				}
			}
			if name != "" {
				e := d.find(name)
				if e == nil {
					e = d.remember(&entity{name: name, kind: Outlet})
				}
				add(cue{pos: t.start, who: e, fwd: true})
				continue
			}
			out = append(out, anonCue(ts, i, false, cue{pos: t.start})) // "Как стало известно, …": the article's own news
			continue
		}
		// "Ранее сообщалось о 17 погибших", "Если ранее говорилось о 35
		// пропавших, то …": an impersonal verb of saying attributes the
		// figures of its clause to no one.
		if t.cls&cSpeech == 0 && t.cls&cReportVerb == 0 && t.cls&cRuImpersonal != 0 && !inQ(t.start) {
			inv := i > 0 && ts[i-1].s == ","
			c := anonCue(ts, i, inv, cue{pos: t.start})
			if !inv && !(i > 0 && ts[i-1].low == "как") {
				c.anonHi = clauseEnd(ts, i)
			}
			out = append(out, c)
			continue
		}
		if t.cls&cSpeech == 0 && t.cls&cOutletVerb == 0 {
			continue
		}
		// "The crowd was estimated at 20,000 by police": a passive verb of
		// saying with its agent after "by".
		if i > 0 && (ts[i-1].low == "was" || ts[i-1].low == "were" || ts[i-1].low == "been" || ts[i-1].low == "is" || ts[i-1].low == "are") && (strings.HasSuffix(t.low, "ed") || t.low == "put") {
			for k := i + 1; k+1 < len(ts) && k < i+12; k++ {
				if !ts[k].word && !isPunct(&ts[k], "$€£%") {
					break
				}
				if ts[k].low == "by" {
					e := k + 1
					for e < len(ts) && e < k+7 && ts[e].word && ts[e].cls&cBoundary == 0 && !ts[e].digit {
						e++
					}
					if e > k+1 && isSpeakerNP(ts[k+1:e]) {
						if who := d.resolve(p, ts[k+1:e], false); who != nil {
							add(cue{pos: t.start, who: who, back: true})
						}
					}
					break
				}
			}
			continue
		}
		if !verbHere(ts, i) {
			continue
		}
		var c cue
		c.pos = t.start
		inverted := i == 0 || (!ts[i-1].word && !isQuoteMark(&ts[i-1]) && ts[i-1].s != ")") || (i >= 2 && !ts[i-1].word && isQuoteMark(&ts[i-1]) && isPunct(&ts[i-2], ",.!?…—")) || (i >= 1 && (ts[i-1].low == "как" || ts[i-1].low == "этом" && (i < 2 || ts[i-2].low != "при"))) || about
		told := t.low == "told" || t.low == "tells" || t.low == "tell"
		if t.cls&cOutletVerb != 0 {
			if n, via, ok := rightNP(ts, i); ok {
				phrase := ts[n.lo:n.hi]
				// "передает ТАСС слова главы МЧС Владимира Пучкова": the
				// outlet relays the speaker whose words it gives.
				k := 0
				for k < len(phrase) && phrase[k].word && phrase[k].upper && isOutletTok(&phrase[k]) {
					k++
				}
				if k > 0 {
					via = joinToks(phrase[:k])
				}
				if via != "" && k+1 < len(phrase) && phrase[k].low == "слова" {
					if who := d.resolve(p, phrase[k+1:], true); who != nil {
						add(cue{pos: t.start, who: who, outlet: via, back: true})
						continue
					}
				}
				// "передает ТАСС со ссылкой на ГУ МВД": the outlet relays
				// the body it cites; an unnamed source is no claimant.
				if via != "" && k+2 < len(phrase) && phrase[k].low == "со" && phrase[k+1].low == "ссылкой" {
					rest := phrase[k+2:]
					if len(rest) > 1 && rest[0].low == "на" {
						rest = rest[1:]
					}
					if who := d.resolve(p, rest, true); who != nil {
						add(cue{pos: t.start, who: who, outlet: via, back: true})
					} else {
						out = append(out, anonCue(ts, i, true, cue{pos: t.start, outlet: via, inQuote: inQ(t.start)}))
					}
					continue
				}
				if e := d.resolve(p, phrase, false); e != nil {
					out = append(out, cue{pos: t.start, outlet: e.name, inQuote: inQ(t.start)})
				}
			}
			continue
		}
		// "Об уничтожении 200 боевиков сообщило Минобороны": a fronted
		// topic, the speaker after the verb.
		if !inverted && i > 0 && (ts[0].low == "о" || ts[0].low == "об" || ts[0].low == "обо") {
			inverted = true
		}
		var n np
		var outlet string
		ok := false
		if !inverted {
			n, ok = leftNP(ts, i)
			if ok && !isSpeakerNP(ts[n.lo:n.hi]) {
				ok = false
			}
		}
		rightUsed := false
		// "Слова Силуанова подтвердил Песков", "Эту цифру подтвердил
		// Песков": the object put first (the verb does not agree with
		// it); the speaker is after the verb.
		// "Слова министра подтверждают данные Росстата": with a plural
		// verb the words may be its subject, what follows its object;
		// only "подтвердили в Кремле" names a speaker after it.
		if ok && objectFirst(ts[n.lo:n.hi]) && isCyrillic(t.low) &&
			!(wordsHead(ts[n.lo:n.hi]) && ruPluralVerb(t.low) && !(i+1 < len(ts) && (ts[i+1].low == "в" || ts[i+1].low == "во"))) {
			// "Слова Силуанова приводит ТАСС": an outlet after the
			// verb relays them; the words stay their speaker's, and the
			// outlet is their channel, as "told Kommersant" is.
			if n2, outlet2, ok2 := rightNP(ts, i); ok2 && isSpeakerNP(ts[n2.lo:n2.hi]) {
				if !isOutletName(ts[n2.lo:n2.hi]) {
					n, outlet, rightUsed = n2, outlet2, true
				} else if o := d.resolve(p, ts[n2.lo:n2.hi], false); o != nil && o.kind == Outlet {
					outlet = o.name
				}
			}
		}
		// "Данные о 17 погибших приводит ТАСС", "Цифру в 300 погибших
		// подтвердил …": a fronted object, the speaker after the verb.
		if !ok && !inverted && (citedWords[ts[0].low] || objectFirst(ts)) && isCyrillic(t.low) {
			inverted = true
		}
		if !ok && inverted && !told {
			n, outlet, ok = rightNP(ts, i)
			rightUsed = ok
			if ok && !isSpeakerNP(ts[n.lo:n.hi]) {
				ok = false
			}
		}
		if !ok && i > 0 && ts[i-1].s == "," {
			// "researchers from Boston University, working from
			// photographs, judged …": the subject before the participle.
			if n2, ok2 := leftNP(ts, i); ok2 && n2.hi < i-1 && isSpeakerNP(ts[n2.lo:n2.hi]) {
				n, ok, rightUsed, outlet = n2, true, false, ""
			}
		}
		if !ok && i > 0 && ts[i-1].s == "," {
			if name, role, found := appositive(ts, i); found {
				if e := d.resolve(p, name, false); e != nil {
					if e.role == "" {
						e.role = joinToks(dropDet(role))
					}
					c.who = e
				}
			}
		}
		if ok {
			oblique := false
			if rightUsed && n.lo > 0 && (ts[n.lo-1].low == "в" || ts[n.lo-1].low == "во") {
				oblique = true
			}
			if !rightUsed && n.lo < n.hi && (ts[n.lo].low == "в" || ts[n.lo].low == "во") {
				n.lo++
				oblique = true
			}
			phrase := ts[n.lo:n.hi]
			// "цитирует «Интерфакс» господина Силуанова", "цитирует его РИА
			// Новости": the outlet is the subject, the speaker its object.
			var pron *entity
			if rightUsed && (strings.Contains(t.low, "цитир") || strings.HasPrefix(t.low, "привод")) && len(phrase) > 1 {
				phrase, outlet, oblique, pron = d.citedBy(p, phrase, outlet, oblique)
				if strings.Contains(t.low, "цитир") {
					oblique = true // the one quoted is the object: "главу МЧС Владимира Пучкова"
				}
			}
			// "официальные данные МВД гласят": the body whose data speak.
			if !rightUsed {
				for m := 0; m+1 < len(phrase) && m < 3; m++ {
					if phrase[m].word && citedWords[phrase[m].low] && phrase[m].low != "слова" {
						phrase, oblique = phrase[m+1:], true
						break
					}
				}
			}
			// "цитирует издание заявление министра…"
			for len(phrase) > 1 && phrase[0].word && (phrase[0].low == "издание" && rightUsed || phrase[0].low == "заявление" || phrase[0].low == "слова" || phrase[0].low == "господина" || phrase[0].low == "госпожу" || phrase[0].low == "госпожи") {
				phrase = phrase[1:]
				oblique = true
			}
			// "Интерфакс со ссылкой организаторов сообщает": the outlet
			// relays the body it cites.
			for m := 1; m+1 < len(phrase); m++ {
				if phrase[m].low == "ссылкой" && phrase[m-1].low == "со" {
					rest := phrase[m+1:]
					if len(rest) > 1 && rest[0].low == "на" {
						rest = rest[1:]
					}
					if o := d.resolve(p, phrase[:m-1], false); o != nil && o.kind == Outlet {
						outlet = o.name
						phrase, oblique = rest, true
					}
					break
				}
			}
			switch {
			case pron != nil:
				c.who = pron
			case !oblique && roleOwner(phrase, t.low):
				// "Пресс-секретарь Владимира Путина добавил": the
				// genitive is whose the role is; its holder speaks.
				c.who = d.roleHolder(p, phrase, false, true)
			default:
				c.who = d.resolve(p, phrase, oblique)
			}
		}
		// "Волонтеры … опубликовали данные подсчетов. Насчитали 74 400
		// человек.": a verb of saying that opens the sentence with no
		// subject after it continues the speaker before.
		if c.who == nil && !ok && i == 0 && !about && t.upper && d.lastSpeaker != nil && outlet == "" {
			c.who = d.lastSpeaker
			inverted = true
		}
		if c.who == nil {
			if ok && !nested && !embedded {
				// "сообщает «Интерфакс» со ссылкой на источники": an
				// unnamed source, no claimant; the outlet is the channel.
				// "Источник в силовых структурах сообщил": no one named.
				out = append(out, anonCue(ts, i, inverted, cue{pos: t.start, outlet: outlet, inQuote: inQ(t.start)}))
			}
			continue
		}
		if !nested {
			d.note(c.who)
		}
		if outlet == "" {
			outlet = outletAfter(ts, i)
		}
		if outlet == "" {
			outlet = interviewOutlet(ts)
		}
		c.outlet = outlet
		c.back = inverted || tailShort(ts, i)
		c.fwd = !inverted
		c.relay = relayVerbs[t.low] && c.who.kind == Outlet
		if nested {
			c.inQuote = true
			out = append(out, c)
			continue
		}
		if embedded {
			c.embedded = true
			d.note(c.who)
			d.lastSpeaker = c.who
			out = append(out, cue{pos: c.pos, who: c.who, outlet: c.outlet, inQuote: true, embedded: true})
			continue
		}
		if (t.cls&cOutletVerb != 0) && c.who.kind == Outlet {
			c.outlet = c.who.name
			c.who = nil
			out = append(out, cue{pos: c.pos, outlet: c.outlet, inQuote: inQ(c.pos)})
			continue
		}
		add(c)
	}
	return out
}

// citedBy splits the phrase after "цитирует" into the outlet that quotes
// and the speaker it quotes: "«Интерфакс» господина Силуанова", "РИА
// Новости главу ведомства", "его РИА Новости" (the pronoun resolved,
// returned as pron). A phrase that starts with no outlet or pronoun is
// returned as it was.
func (d *doc) citedBy(p string, phrase []tok, outlet string, oblique bool) ([]tok, string, bool, *entity) {
	if phrase[0].word && phrase[0].cls&cPersonPron != 0 {
		who := d.personPronoun(phrase[0].low)
		if outlet == "" && isOutletName(phrase[1:]) {
			outlet = joinToks(phrase[1:])
		}
		if who == nil {
			return phrase[:0], outlet, oblique, nil // no one to quote: not the outlet either
		}
		return phrase[:1], outlet, oblique, who
	}
	k := 0
	if isQuoteMark(&phrase[0]) {
		k = 1
		for k < len(phrase) && !isQuoteMark(&phrase[k]) {
			k++
		}
		if k >= len(phrase) {
			return phrase, outlet, oblique, nil
		}
		name := joinToks(phrase[1:k])
		k++
		if k < len(phrase) {
			if outlet == "" {
				outlet = name
			}
			if phrase[k].word && phrase[k].cls&cPersonPron != 0 {
				return d.citedPronoun(phrase, k, outlet, oblique) // "приводит «Российская газета» его слова"
			}
			return phrase[k:], outlet, true, nil
		}
		return phrase, outlet, oblique, nil
	}
	for k < len(phrase) && phrase[k].word && phrase[k].upper && isOutletTok(&phrase[k]) {
		k++
	}
	if k > 0 && k < len(phrase) {
		if outlet == "" {
			outlet = joinToks(phrase[:k])
		}
		// "приводит ТАСС его слова", "цитирует РИА Новости ее слова": the
		// pronoun after the outlet stands for the person named before.
		if phrase[k].word && phrase[k].cls&cPersonPron != 0 {
			return d.citedPronoun(phrase, k, outlet, oblique)
		}
		return phrase[k:], outlet, true, nil
	}
	return phrase, outlet, oblique, nil
}

// citedPronoun resolves the pronoun phrase[k] after the outlet that
// quotes it ("приводит ТАСС его слова"): the person named before, or no
// one (nor the outlet either).
func (d *doc) citedPronoun(phrase []tok, k int, outlet string, oblique bool) ([]tok, string, bool, *entity) {
	who := d.personPronoun(phrase[k].low)
	if who == nil {
		return phrase[:0], outlet, oblique, nil
	}
	return phrase[k : k+1], outlet, oblique, who
}

func dropDet(ts []tok) []tok {
	for len(ts) > 0 && ts[0].word && (ts[0].low == "the" || ts[0].low == "a" || ts[0].low == "an") {
		ts = ts[1:]
	}
	return ts
}

func hasSpeechVerb(ts []tok) bool {
	for i := range ts {
		if ts[i].cls&cSpeech != 0 {
			return true
		}
	}
	return false
}

// sourceNouns name a statement in the genitive after "из": "из
// сообщения X:", "из заявления X:".
var sourceNouns = set("сообщения", "заявления", "доклада", "отчета", "отчёта", "пресс-релиза", "релиза", "публикации", "обращения")

// pastPlural reports whether a lower-case Russian word reads as a verb in
// the past plural ("задержали", "погибли", "пострадали", "собрались"),
// which ends the noun phrase before it.
func pastPlural(t *tok) bool {
	return !t.upper && isCyrillic(t.low) && utf8.RuneCountInString(t.low) >= 6 &&
		hasAnySuffix(t.low, "али", "или", "ыли", "яли", "ались", "ились", "ылись", "ялись")
}

// declarers are the bodies, in the instrumental, that declare a figure
// ("заявленная организаторами"), with their nominative.
var declarers = map[string]string{"организаторами": "организаторы", "властями": "власти", "полицией": "полиция", "мэрией": "мэрия", "заявителями": "заявители"}

func hasOpenParen(ts []tok) bool {
	for i := range ts {
		if ts[i].s == "(" {
			return true
		}
	}
	return false
}

// gerunds of saying speak for the subject of the clause they close.
var gerunds = set("saying", "adding", "noting", "claiming", "insisting", "warning", "estimating",
	"заявив", "отметив", "сообщив", "добавив", "уточнив", "подчеркнув", "пояснив", "указав", "признав")

// clauseSubject returns the subject that opens the sentence ts before the
// word at end: a run of capitalised words, bodies, roles and articles
// ("The ministry", "Russian officials", "в МЧС", which is oblique), or
// lo == hi when there is none. "Слова Силуанова подтвердил Песков": words
// put first are the object of the verb of saying after them, whose
// subject follows it.
func clauseSubject(ts []tok, end int) (lo, hi int, oblique bool) {
	if len(ts) > 0 && (ts[0].low == "в" || ts[0].low == "во") {
		lo, oblique = 1, true
	}
	run := func(lo int) int {
		hi := lo
		for hi < end && hi-lo < 6 && ts[hi].word && !ts[hi].digit && (ts[hi].upper || ts[hi].cls&(cOrg|cRole) != 0 || ts[hi].low == "the" || isOutletTok(&ts[hi])) && ts[hi].cls&cTime == 0 {
			hi++
		}
		return hi
	}
	hi = run(lo)
	if objectFirst(ts[lo:hi]) && hi+1 < end && ts[hi].cls&cSpeech != 0 {
		lo, oblique = hi+1, false
		hi = run(lo)
	}
	if hi == lo || !isSpeakerNP(ts[lo:hi]) || ts[lo].cls&cNotName != 0 && ts[lo].low != "the" {
		return 0, 0, false
	}
	return lo, hi, oblique
}

// objectFirst reports whether a phrase before a verb of saying is its
// object put first, not its subject, which is after the verb: someone's
// words ("Слова Силуанова", "Эти слова", "Его слова") or a noun that is
// only ever accusative ("Эту цифру", "Цифру в 300 погибших").
func objectFirst(ts []tok) bool {
	if len(ts) > 1 && (objectDeterminers[ts[0].low] || personPronouns[ts[0].low]) {
		ts = ts[1:]
	}
	return len(ts) > 0 && (ts[0].low == "слова" || accusativeObjects[ts[0].low])
}

// wordsHead reports whether the fronted object ts (objectFirst) is
// someone's words ("Слова министра", "Эти слова"), which can also be a
// subject, unlike "цифру".
func wordsHead(ts []tok) bool {
	if len(ts) > 1 && (objectDeterminers[ts[0].low] || personPronouns[ts[0].low]) {
		ts = ts[1:]
	}
	return len(ts) > 0 && ts[0].low == "слова"
}

// ruPluralVerb reports whether a folded Russian verb is plural: past
// "подтвердили", present "подтверждают", "говорят", "ведут", "кричат".
func ruPluralVerb(w string) bool {
	return hasAnySuffix(w, "ли", "ют", "ят", "ут", "ат")
}

// objectDeterminers open a fronted object: "эти слова", "эту цифру".
var objectDeterminers = set("эти", "эту", "такие", "такую", "их")

// accusativeObjects are nouns in a form that is only accusative, never a
// subject: "Эту цифру подтвердил Песков".
var accusativeObjects = set("цифру", "оценку", "информацию", "версию")

// reportVerbs say what a statement holds: "говорится в сообщении",
// "отмечается в заявлении МИД".
var reportVerbs = set("говорится", "отмечается", "сообщается", "указывается", "подчеркивается", "уточняется")

// reportNouns name a statement a body issues: "говорится в сообщении".
var reportNouns = set("сообщении", "заявлении", "пресс-релизе", "документе", "докладе", "отчете", "релизе", "публикации")

// relayVerbs with an outlet as subject report another's claim when the
// sentence names another speaker ("American officials have said …,
// Reuters reported").
var relayVerbs = set("reported", "reports", "сообщает", "сообщают", "передает", "передают", "пишет")

// tailShort reports whether little follows ts[i] in its sentence: no
// figure and at most seven words, as after an attribution that closes it.
func tailShort(ts []tok, i int) bool {
	n := 0
	for k := i + 1; k < len(ts); k++ {
		if ts[k].digit {
			return false
		}
		if ts[k].word {
			n++
		}
	}
	return n <= 7
}

// claimNouns after a possessive make it a cue: "Trump's previous claim".
var claimNouns = set("claim", "claims", "estimate", "estimates", "figure", "figures", "count", "tally", "report", "assessment", "numbers")

// citedWords are what "приводит" cites when it is a verb of saying.
var citedWords = set("слова", "данные", "цифры", "оценки", "сведения", "мнение")

// dataSource returns who gives the data named last in ts before its
// closing comma ("данные от Минобороны России," gives "Минобороны
// России"), or nil.
func dataSource(ts []tok) []tok {
	if len(ts) < 3 || ts[len(ts)-1].s != "," {
		return nil
	}
	for m := len(ts) - 2; m >= 0 && m >= len(ts)-8 && ts[m].word; m-- {
		if citedWords[ts[m].low] {
			src := ts[m+1 : len(ts)-1]
			if len(src) > 1 && (src[0].low == "от" || src[0].low == "из") {
				src = src[1:]
			}
			return src
		}
	}
	return nil
}

// ruDataWords are the Russian nouns for data after "согласно".
var ruDataWords = set("данным", "сведениям", "оценкам", "подсчетам", "информации", "расчетам")

// dataWords name the data a body gives: "Health Ministry figures".
var dataWords = set("figures", "data", "estimates", "estimate", "statistics", "numbers", "count", "tally", "report", "сведениям")

// verbHere rules out nouns and other uses of a verb form: "put" needs an
// "at" after it, "state" is usually a noun, "found"/"counted" after an
// auxiliary ("was found") are passive.
func verbHere(ts []tok, i int) bool {
	t := &ts[i]
	switch t.low {
	case "put", "puts", "putting":
		for k := i + 1; k < len(ts) && k < i+14; k++ {
			if ts[k].low == "at" {
				return true
			}
		}
		return false
	case "projected", "predicted":
		// "Once projected to cost $2.2 billion": a participle, not a claim
		// by whoever stands before it.
		return i > 0 && ts[i-1].word && !(i+1 < len(ts) && ts[i+1].low == "to")
	case "приводит", "приводят", "приводятся", "привел", "привела", "привели", "привело":
		// only "приводит (ТАСС) слова X", "приводятся данные", "привели
		// различные данные" ("привели к гибели" is no saying), "Данные о
		// 17 погибших приводит ТАСС"
		if citedWords[ts[0].low] {
			return true
		}
		// The outlet's name between them ("приводит РИА Новости его
		// слова", "приводит «Российская газета» его слова") does not count
		// against the three words: it is one word however many it has.
		n := 0
		for k := i + 1; k < len(ts) && n < 3 && k <= i+8; k++ {
			if citedWords[ts[k].low] {
				return true
			}
			if isQuoteMark(&ts[k]) || ts[k].word && ts[k].upper && k > i+1 && (ts[k-1].upper || isQuoteMark(&ts[k-1])) {
				continue
			}
			n++
		}
		return false
	case "estimates", "estimate", "report", "reports", "claim", "claims", "count", "counts", "find", "finds", "found", "note", "notes", "cite", "cites", "projects", "forecast", "forecasts":
		if i == 0 {
			return false
		}
		prev := &ts[i-1]
		if !prev.word || determiners[prev.low] || prev.low == "an" || prev.low == "a" || prev.low == "of" || prev.low == "was" || prev.low == "were" || prev.low == "been" {
			return false
		}
		return true
	}
	if i > 0 && (ts[i-1].low == "was" || ts[i-1].low == "were" || ts[i-1].low == "been" || ts[i-1].low == "be") && strings.HasSuffix(t.low, "ed") {
		return false
	}
	return true
}

// isSpeakerNP reports whether a phrase before a verb can be its speaker.
func isSpeakerNP(ts []tok) bool {
	if len(ts) == 0 {
		return false
	}
	for i := range ts {
		t := &ts[i]
		if !t.word {
			continue
		}
		if t.upper || (t.cls&cPersonPron != 0) || (t.cls&cOtherPron != 0) || (t.cls&cRole != 0) || (t.cls&cOrg != 0) || isOutletTok(t) || t.low == "i" || t.low == "we" || t.low == "я" || t.low == "мы" ||
			strings.HasPrefix(t.low, "собеседник") || strings.HasPrefix(t.low, "источник") { // resolve tells who, or no one
			return true
		}
	}
	return false
}

// outletAfter finds an outlet named as the addressee of "told": "told ABC
// News", "told EFE".
func outletAfter(ts []tok, i int) string {
	if ts[i].low != "told" && ts[i].low != "tells" && ts[i].low != "tell" && ts[i].low != "confirmed" {
		return ""
	}
	k := i + 1
	if k < len(ts) && ts[k].low == "to" {
		k++
	}
	if k < len(ts) && ts[k].low == "the" {
		k++
	}
	j := k
	for j < len(ts) && ts[j].word && ts[j].upper && ts[j].cls&cTime == 0 && ts[j].cls&cNotName == 0 {
		j++
	}
	if j > k && isOutletName(ts[k:j]) {
		return joinToks(ts[k:j])
	}
	return ""
}

// interviewOutlet finds "in an interview with business daily Kommersant"
// or "в интервью «Коммерсанту»".
func interviewOutlet(ts []tok) string {
	for i := range ts {
		if ts[i].low != "interview" && ts[i].low != "интервью" {
			continue
		}
		k := i + 1
		if k < len(ts) && (ts[k].low == "with" || ts[k].low == "to") {
			k++
		}
		for k < len(ts) && (ts[k].word && !ts[k].upper || isQuoteMark(&ts[k])) && k < i+6 {
			k++
		}
		j := k
		for j < len(ts) && ts[j].word && ts[j].upper && ts[j].cls&cNotName == 0 {
			j++
		}
		if j > k {
			return dativeOutlet(joinToks(ts[k:j]))
		}
	}
	return ""
}

// prepFirst holds the first words of the prepositional cues.
var prepFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range prepCues {
		m[c[0]] = true
	}
	return m
}()

// prepCueAt matches a prepositional cue at ts[i].
func prepCueAt(ts []tok, i int) (int, bool) {
	if ts[i].cls&cPrepFirst == 0 {
		return 0, false
	}
	for _, c := range prepCues {
		if i+len(c) > len(ts) {
			continue
		}
		ok := true
		for k, w := range c {
			if !ts[i+k].word || ts[i+k].low != w {
				ok = false
				break
			}
		}
		if ok {
			return len(c), true
		}
	}
	// "по предварительной оценке Банка России", "по официальным данным
	// полиции": adjectives between "по" and the noun of the cue.
	if ts[i].low == "по" {
		for a := i + 1; a < len(ts) && a <= i+3 && ts[a].word && !ts[a].upper; a++ {
			if a > i+1 {
				for _, c := range prepCues {
					if len(c) == 2 && c[0] == "по" && ts[a].low == c[1] {
						return a + 1 - i, true
					}
				}
			}
			if !ruAdjective(ts[a].low) && !(ts[a].low != "их" && hasAnySuffix(ts[a].low, "ых", "их")) {
				break // "по различных данным": a writer's slip of the case
			}
		}
	}
	return 0, false
}

// instrumentalNominative gives the nominative of a body's noun in the
// instrumental ("руководством" руководство, "штабом" штаб, "полицией"
// полиция, "властями" власти), or "" for a word that is not one.
func instrumentalNominative(w string) string {
	if !isCyrillic(w) || utf8.RuneCountInString(w) < 5 {
		return ""
	}
	switch {
	case strings.HasSuffix(w, "ством"):
		return strings.TrimSuffix(w, "м")
	case strings.HasSuffix(w, "ией"):
		return strings.TrimSuffix(w, "ей") + "я"
	case strings.HasSuffix(w, "ями"):
		return strings.TrimSuffix(w, "ями") + "и"
	case strings.HasSuffix(w, "ами"):
		return strings.TrimSuffix(w, "ами") + "ы"
	case strings.HasSuffix(w, "ой"):
		return strings.TrimSuffix(w, "ой") + "а"
	case strings.HasSuffix(w, "ом"):
		return strings.TrimSuffix(w, "ом")
	}
	return ""
}

func hasAnyPrefix(s string, pres ...string) bool {
	for _, p := range pres {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// statementNouns are statements whose author, in the genitive after them,
// owns the figures they are about: "заявления российской стороны о …".
var statementNouns = set("заявления", "заявление", "заявлениям", "сообщения", "сообщение", "сообщениям", "данные", "оценки", "оценка", "оценку", "цифры", "подсчеты")

// ruGenitive reports whether a lower-case Russian noun has a genitive
// ending ("стороны", "властей", "организаторов").
func ruGenitive(w string) bool {
	return isCyrillic(w) && utf8.RuneCountInString(w) > 3 && hasAnySuffix(w, "ы", "и", "а", "я", "ов", "ев", "ей")
}

// ruAdjective reports whether a lower-case Russian word has the ending of
// an adjective in the dative or prepositional ("официальным",
// "предварительной", "последним").
func ruAdjective(w string) bool {
	return isCyrillic(w) && utf8.RuneCountInString(w) > 4 && hasAnySuffix(w, "ым", "им", "ой", "ей", "ому", "ему")
}

// placesOf returns the gazetteer's names for the places a sentence names.
// Where some are named after a locative preposition ("in Syria and Iraq",
// "в Сирии") only those are returned, and loc is true: places of origin
// ("including Russia", "граждан РФ") do not scope the count. A place
// after "from" or "из" ("fighters from Chechnya", "боевики из
// Дагестана") is where the counted come from, never where they are
// counted, and is not returned at all; so is one a word apart from it or
// from such a place ("from the former Soviet Union", "из России и стран
// СНГ"). Nor is a country named as an actor ("US strikes", "операции
// США", "Минобороны России"; see actorAt), in the locative or not.
//
// Names coordinated ("in Syria and Iraq", "в Пальмире и Ракке", "US and
// UK forces", "армии России и Сирии"; see coordination) are read alike:
// all in the locative, all origins, or, out of the locative, all actors.
//
// A city or region of the gazetteer's GeoNames table counts only in the
// locative (see lookupCity), and where the sentence also names a country
// or region of the listed table in the locative, only if it lies inside
// one of them or is coordinated with one ("in Syria and Mosul"): in "в
// Ираке находятся ... сказал ... в Вашингтоне" the count is for Iraq, and
// Washington is where it was said. With no such country or region, the
// first city is the count's place, with the cities coordinated with it
// ("in Palmyra and Raqqa"), and a city named apart from them is not ("300
// died in Homs, the monitor in Damascus said"). A city's name as the
// adjective of a district ("в Грозном районе") is no place, and the city
// the district is of is read in the locative ("в Ленинском районе
// Донецка"; see ruDistrictAt).
//
// The places returned are copied into *slab (see keepPlaces), or into a
// slice of their own where slab is nil. actor reports a name left out as
// an actor's.
func (x *Extractor) placesOf(s *sent, cache *placeCache, slab *[]string) (places []string, loc, actor bool) {
	// The lists are built on the stack: a sentence rarely names more.
	// locRuns and cities' run are where the coordination of each name
	// starts.
	var allBuf, locBuf [8]string
	var cityBuf [8]cityName
	var runBuf [8]int
	all, locative, cities, locRuns := allBuf[:0], locBuf[:0], cityBuf[:0], runBuf[:0]
	ts := s.toks
	inLoc, inFrom := false, false
	fromGap := 0 // lower-case words read since "from", before a place
	// The coordination the names from ts[run] make (see coordination),
	// and district the form of "район" after a district's adjective (see
	// ruDistrictAt), for the name after it.
	var co coord
	run, district := 0, -1
	// Not a range loop: a name of n words skips its other n-1, which a
	// range loop's i += n-1 would not ("North Caucasus" is not Caucasus
	// too).
	for i := 0; i < len(ts); i++ {
		t := &ts[i]
		if !t.word {
			// A comma between coordinated names ("in Homs, Hama and
			// Aleppo") does not end the locative.
			if i < co.end {
				continue
			}
			if t.s != "[" && t.s != "]" && t.s != "(" && !isQuoteMark(t) {
				inLoc, inFrom = false, false
			}
			continue
		}
		if t.cls&cLocPrep != 0 {
			inLoc, inFrom = true, false
			continue
		}
		if t.low == "from" || t.low == "из" {
			inLoc, inFrom, fromGap = false, true, 0
			continue
		}
		if i == district {
			continue // "в Ленинском районе Донецка": the city's is in the locative
		}
		if t.upper {
			name, n, city, ok := x.placeAt(ts, i, inLoc, cache)
			if !ok {
				continue
			}
			if i >= co.end {
				run = i
				co = x.coordination(ts, i, n, name, city, inLoc, inFrom, cache)
			}
			// Actors are read of a coordination as a whole only out of the
			// locative ("US and UK forces"): in it, a name after "and" may
			// start a clause of its own ("died in Syria and US strikes
			// killed 20 more"), and each name is read alone.
			actStart, actEnd := run, co.end
			if co.loc {
				actStart, actEnd = i, i+n
			}
			dist := -1
			if city {
				dist = ruDistrictAt(ts, i, n)
			}
			switch {
			case co.apposition(run, i):
				// "in Aleppo, Syria and Mosul": the city's, no place
			case inFrom:
				fromGap = 0 // an origin: not the count's place
			case actorAt(ts, actStart, actEnd, inLoc):
				actor = true // an actor: whose, not where
			case dist >= 0:
				district = dist // a district, not the city: no place
			case city:
				if !slices.ContainsFunc(cities, func(c cityName) bool { return c.name == name }) {
					cities = append(cities, cityName{name, run})
				}
			default:
				all = appendNew(all, name)
				if inLoc {
					locative = appendNew(locative, name)
					if !slices.Contains(locRuns, run) {
						locRuns = append(locRuns, run)
					}
				}
			}
			i += n - 1
			continue
		}
		if !(t.low == "and" || t.low == "both" || t.low == "the" || t.low == "и" || t.low == "alone" || t.low == "or" || t.low == "или") {
			inLoc = false
			if fromGap++; fromGap > 1 {
				inFrom = false
			}
		}
	}
	if len(cities) > 0 {
		g := x.places
		if len(locative) == 0 {
			// The first city and those coordinated with it.
			for _, c := range cities {
				if c.run == cities[0].run {
					locative = appendNew(locative, c.name)
				}
			}
		} else {
			outer := g.Resolve(locative)
			for _, c := range cities {
				if slices.Contains(locRuns, c.run) {
					locative = appendNew(locative, c.name) // "in Syria and Mosul"
					continue
				}
				if outer.Unspecified() {
					continue // Compare(…, outer) is Unknown
				}
				rel := gazetteer.Compare(g.Resolve([]string{c.name}), outer)
				if rel == gazetteer.Inside || rel == gazetteer.Equal {
					locative = appendNew(locative, c.name)
				}
			}
		}
	}
	if len(locative) > 0 {
		return keepPlaces(slab, locative), true, actor
	}
	if len(all) == 0 {
		return nil, false, actor
	}
	return keepPlaces(slab, all), false, actor
}

// cityName is a city placesOf reads, and where the coordination of names
// it is in starts.
type cityName struct {
	name string
	run  int
}

// ruDistrictAt returns the index of the form of "район" that makes the
// city's name ts[i:i+n], read in the locative, the adjective of a
// district, or -1: "в Грозном районе", "в Ленинском районе", "в Грозном
// и Шалинском районах". The gazetteer lists no districts, and the city
// the adjective reads as (Grozny; Leninsk, that is Baikonur) is not the
// place: the adjective of a district as often names no city ("в
// Октябрьском районе Ростова" is no Oktyabrsk's), and that city's region
// is no better. The district gives no place; the city or region named
// after it in the genitive does ("в Ленинском районе Донецка", "в
// Грозном районе Чечни").
//
// Both must be in the prepositional case, as after "в": the name with an
// adjective's ending ("-ом", "-ем"), the noun "районе", or "районах"
// after adjectives coordinated with it. A noun's prepositional ends in
// "-е" or "-и" ("в Киеве район Оболонь", "в Сирии районов деэскалации"),
// and another case of "район" after the name starts a phrase of its own
// ("в Москве районы Капотня и Марьино", "в Грозном районы …": the city).
func ruDistrictAt(ts []tok, i, n int) int {
	adjective := func(t *tok) bool { return isCyrillic(t.low) && hasAnySuffix(t.low, "ом", "ем") }
	if !adjective(&ts[i+n-1]) {
		return -1
	}
	j, many := i+n, false
	for j+1 < len(ts) && (ts[j].low == "и" || ts[j].s == ",") && ts[j+1].upper && adjective(&ts[j+1]) {
		j, many = j+2, true
	}
	if j < len(ts) && (ts[j].low == "районах" || ts[j].low == "районе" && !many) {
		return j
	}
	return -1
}

// locPreps introduce the place a count is for.
var locPreps = set("in", "inside", "within", "across", "throughout", "в", "во", "на", "по")

func appendNew(list []string, s string) []string {
	for _, o := range list {
		if o == s {
			return list
		}
	}
	return append(list, s)
}

// placeAt matches the longest place name (up to three words) at ts[i].
// After a locative preposition (loc), the gazetteer's cities and regions
// count too; see lookupCity. cache, when not nil, keeps what one word
// names (see wordPlace).
func (x *Extractor) placeAt(ts []tok, i int, loc bool, cache *placeCache) (name string, n int, city, ok bool) {
	// With the cache, what ts[i] names alone and whether it starts a
	// name of several words (matchName's first test of one) are known.
	var h placeHit
	cached := cache != nil && ts[i].word
	if cached {
		h = x.wordPlace(&ts[i], cache)
	}
	for n := 3; n >= 1; n-- {
		if i+n > len(ts) || n > 1 && !ts[i+n-1].word {
			continue
		}
		if n == 1 && cached {
			switch {
			case h.isPlace:
				return h.place, 1, false, true
			case loc && h.isCity:
				return h.city, 1, true, true
			}
			continue
		}
		if !cached || h.prefix {
			if name, ok := x.lookupPlace(ts[i : i+n]); ok {
				return name, n, false, true
			}
		}
		if !loc || cached && !h.cityPrefix {
			continue
		}
		if name, ok := x.lookupCity(ts[i : i+n]); ok {
			return name, n, true, true
		}
	}
	return "", 0, false, false
}

// placeHit is what one word names: a place (lookupPlace), a city or
// region (lookupCity), or neither; and whether it starts the name of a
// place (prefix) or of a city or region (cityPrefix) of several words.
type placeHit struct {
	place, city        string
	isPlace, isCity    bool
	prefix, cityPrefix bool
}

// wordPlace is lookupPlace and lookupCity of the word t alone, from the
// cache when it can: both read only the word as written (its case, fold
// and endings), and a capitalised word costs up to a dozen lookups, with
// its oblique case endings undone, in each.
func (x *Extractor) wordPlace(t *tok, cache *placeCache) placeHit {
	if cache.of != x {
		clear(cache.hits)
		cache.of = x
	}
	if h, ok := cache.hits[t.s]; ok {
		return h
	}
	ts := []tok{*t}
	var h placeHit
	h.place, h.isPlace = x.lookupPlace(ts)
	h.city, h.isCity = x.lookupCity(ts)
	h.prefix = x.namePrefix(false, t.low) || x.adjectivePrefix(false, t.low)
	h.cityPrefix = x.namePrefix(true, t.low) || x.adjectivePrefix(true, t.low)
	if cache.hits == nil || len(cache.hits) >= maxWordCache {
		cache.hits = make(map[string]placeHit, 256)
	}
	cache.hits[strings.Clone(t.s)] = h
	return h
}

// cityEndings are placeEndings with the soft-sign nouns ("Мариуполе" is
// "Мариуполь"; tried before a bare stem: "в Даляне" is Dalian, "Далянь",
// not Daliang, "Далян") and a city named by an adjective ("Грозном" is
// "Грозный").
var cityEndings = func() [][2]string {
	var es [][2]string
	for _, e := range placeEndings {
		if e == [2]string{"е", ""} {
			es = append(es, [2]string{"е", "ь"}, [2]string{"я", "ь"}, [2]string{"и", "ь"})
		}
		es = append(es, e)
	}
	return append(es, [2]string{"ом", "ый"}, [2]string{"ого", "ый"})
}()

// dativeEndings undo the dative of a masculine name ("по Харькову": "по"
// is a locative preposition for placesOf), which matchCity weighs below
// every other reading of a one-word name: after "в" a final "у" is
// rather a foreign name's own ("в Йосу" is Yeosu, not Jos in Nigeria;
// "в Фару" Faro). cityLocatives are cityEndings without them, nor the
// genitive "и", "ы" of a feminine name, which no locative preposition
// takes ("в Хами" is Hami, in China, not Hama, "Хама").
var (
	dativeEndings = [][2]string{{"у", ""}}
	cityLocatives = slices.DeleteFunc(slices.Clone(cityEndings), func(e [2]string) bool {
		return e == dativeEndings[0] || e == [2]string{"и", "а"} || e == [2]string{"ы", "а"}
	})
)

// declinedNeuters are the neuter city names in -ово, -ево, -ино that the
// press declines after "в" as often as not ("в Кемерове", "в Иванове"),
// folded. A list, not an ending: "-ине" and "-ове" are far more often a
// man's surname in the locative ("видят в Сталине вождя", "в Медведеве
// преемника") or the locative of a masculine town ("в Пушкине" is
// Pushkin, not Pushkino), and GeoNames has a village for most surnames.
var declinedNeuters = map[string]bool{
	"кемерово": true, "иваново": true, "одинцово": true, "домодедово": true, "ступино": true, "кстово": true,
	"енакиево": true, "шебекино": true, // the wars' towns ("в Енакиеве", "в Шебекине")
}

// lookupCity matches a GeoNames city or first-level region of the
// gazetteer (Mariupol, Lyon, Donetsk Oblast) in running text, with more
// care than a country: every word capitalised; not a name that is a
// common English or Russian word ("Reading", "Nice", "Mobile", "Сокол"),
// which the gazetteer marks; and only after a locative preposition ("in
// Mariupol", "в Мариуполе"), which placesOf checks. A name several places
// share is the most populous of them. Russian case endings are undone as
// for countries (see nominatives: "Орле" is "Орёл"); forms this misses
// (irregular stems such as "Торжке", Torzhok) are not read. Where the
// word as written and a nominative made of it both name places, the
// surer is kept (see matchCity).
func (x *Extractor) lookupCity(ts []tok) (string, bool) {
	for i := range ts {
		if !ts[i].upper && (i == 0 || !regionNouns[stemOfNoun(ts[i].low)] && !strings.HasPrefix(ts[i].low, autonomous)) {
			return "", false
		}
	}
	return x.matchName(ts, true, cityEndings)
}

// regionNouns are the stems of the Russian nouns that end the name of a
// region in lower case ("Донецкая область", "в Донецкой области",
// "Краснодарский край"), which lookupCity reads after capitalised words.
var regionNouns = map[string]bool{"област": true, "кра": true, "округ": true}

// autonomous starts the adjective that comes, in lower case, between the
// capitalised words and the noun of an autonomous region's name
// ("Ханты-Мансийский автономный округ", "в Еврейской автономной области").
const autonomous = "автономн"

// stemOfNoun is a lower-case word without the case endings of regionNouns
// ("области", "крае", "краю", "округе").
func stemOfNoun(w string) string {
	for _, e := range []string{"ью", "ях", "ям", "ями", "ь", "и", "ю", "я", "й", "е", "а", "у", "ом"} {
		if strings.HasSuffix(w, e) {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// placeEndings turn a Russian place name in an oblique case into the
// nominative: "Сирии" → "Сирия", "Москве" → "Москва", "Ираке" → "Ирак".
var placeEndings = [][2]string{{"ии", "ия"}, {"ие", "ия"}, {"ию", "ия"}, {"ее", "ея"}, {"еи", "ея"}, {"ею", "ея"}, {"ае", "ай"}, {"ая", "ай"}, {"аю", "ай"}, {"не", "ня"}, {"ни", "ня"}, {"ню", "ня"}, {"ей", "ь"}, {"е", "а"}, {"е", ""}, {"ы", "а"}, {"и", "а"}, {"у", "а"}, {"у", ""}, {"а", ""}, {"ой", "ая"}, {"ом", ""}}

// adjectiveEndings turn a Russian adjective in an oblique case into the
// nominative, feminine, masculine or neuter, so that the first words of a
// name agree with its noun undone by placeEndings: "Южной Осетии" →
// "Южная Осетия", "Нагорном Карабахе" → "Нагорный Карабах", "Ближнем
// Востоке" → "Ближний Восток", "Панкисском ущелье" → "Панкисское ущелье".
var adjectiveEndings = [][2]string{
	{"ой", "ая"}, {"ую", "ая"}, {"ей", "яя"}, {"юю", "яя"},
	{"ого", "ый"}, {"ого", "ий"}, {"ого", "ой"}, {"ому", "ый"}, {"ому", "ий"}, {"ому", "ой"},
	{"ом", "ый"}, {"ом", "ий"}, {"ом", "ой"}, {"ым", "ый"}, {"ым", "ой"}, {"им", "ий"},
	{"его", "ий"}, {"ему", "ий"}, {"ем", "ий"},
	{"ом", "ое"}, {"ого", "ое"}, {"ому", "ое"}, {"ем", "ее"},
}

// adjectiveNominatives calls f with each nominative adjectiveEndings make
// of a folded Cyrillic word, until f returns true.
func adjectiveNominatives(w string, f func(nom string) bool) bool {
	var buf [64]byte
	for _, e := range adjectiveEndings {
		if len(w) > len(e[0]) && w[len(w)-len(e[0]):] == e[0] {
			if f(string(append(append(buf[:0], w[:len(w)-len(e[0])]...), e[1]...))) {
				return true
			}
		}
	}
	return false
}

// adjectivePrefix reports whether a folded word is an adjective in an
// oblique case whose nominative starts a name of several words:
// "южной" (Южная Осетия).
func (x *Extractor) adjectivePrefix(city bool, w string) bool {
	if w == "" || w[0] < 0x80 {
		return false
	}
	return adjectiveNominatives(w, func(nom string) bool { return x.namePrefix(city, nom) })
}

func (x *Extractor) lookupPlace(ts []tok) (string, bool) {
	if len(ts) > 0 && !ts[0].upper {
		return "", false
	}
	// A listed place named as a region ("Южно-Казахстанская область", a
	// grouping of places.json) ends in a region noun, which is declined
	// as the gazetteer's regions' are ("в Южно-Казахстанской области").
	if len(ts) > 1 && regionNouns[stemOfNoun(ts[len(ts)-1].low)] {
		return x.matchName(ts, false, cityEndings)
	}
	return x.matchName(ts, false, placeEndings)
}

// matchName looks the words ts up as one name: a name of several words
// only if its first word starts one, without a final "'s", and for a
// Cyrillic word not in capitals, with the oblique case endings undone.
// It looks the name up among the gazetteer's cities and regions (see
// lookupCity) when city is set, else among the names of places.
//
// The keys are built in buffers on the stack: the lookups are direct
// calls, so that the buffers do not escape (with function values for the
// lookups, as before, every call allocated its buffer and the joined name).
func (x *Extractor) matchName(ts []tok, city bool, endings [][2]string) (string, bool) {
	for i := range ts {
		if !ts[i].word {
			return "", false
		}
	}
	if len(ts) > 1 && !x.namePrefix(city, ts[0].low) && !x.adjectivePrefix(city, ts[0].low) {
		return "", false
	}
	var buf [64]byte
	key := append(buf[:0], ts[0].low...)
	for i := 1; i < len(ts); i++ {
		key = append(append(key, ' '), ts[i].low...)
	}
	key = trimSuffix(trimSuffix(key, "'s"), "’s")
	declined := len(key) > 0 && key[0] >= 0x80 && !isAllCaps(ts[0].s)
	if city {
		if n, ok := x.matchCity(key, declined); ok {
			return n, true
		}
	} else {
		if n, ok := x.lookupName(city, key); ok {
			if x.caps[string(key)] && !allCaps(ts) {
				return "", false // "Us", not "US"
			}
			return n, true
		}
		var found string
		if declined && nominatives(key, endings, func(form []byte) bool {
			n, ok := x.lookupName(city, form)
			found = n
			return ok
		}) {
			return found, true
		}
	}
	if !declined {
		return "", false
	}
	if len(ts) > 1 && !allCaps(ts) {
		return x.matchDeclined(ts, city, endings)
	}
	return "", false
}

// matchDeclined matches a Russian name whose first words are adjectives
// that agree with its last, a noun, in an oblique case: "в Южной Осетии",
// "в Донецкой области", "в Нагорном Карабахе", "в Донецкой Народной
// Республике". Each word before the last is taken as written or in the
// nominative adjectiveEndings make of it; the last with endings undone.
func (x *Extractor) matchDeclined(ts []tok, city bool, endings [][2]string) (string, bool) {
	head := ts[:len(ts)-1]
	forms := make([][]string, len(head))
	for i := range head {
		w := head[i].low
		forms[i] = append(forms[i], w)
		adjectiveNominatives(w, func(nom string) bool {
			forms[i] = append(forms[i], nom)
			return false
		})
	}
	last := ts[len(ts)-1].low
	lasts := []string{last}
	nominatives([]byte(last), endings, func(form []byte) bool {
		lasts = append(lasts, string(form))
		return false
	})
	var try func(i int, key string) (string, bool)
	try = func(i int, key string) (string, bool) {
		if i == len(head) {
			for _, l := range lasts {
				if n, ok := x.lookupName(city, []byte(key+" "+l)); ok {
					return n, true
				}
			}
			return "", false
		}
		for _, f := range forms[i] {
			if i == 0 && !x.namePrefix(city, f) {
				continue
			}
			k := f
			if i > 0 {
				k = key + " " + f
			}
			if n, ok := try(i+1, k); ok {
				return n, true
			}
		}
		return "", false
	}
	return try(0, "")
}

// matchCity looks a key up among the gazetteer's cities and regions (see
// lookupCity): as written and, where declined is set (a Cyrillic word not
// in capitals), as each nominative made of it; of the readings the
// gazetteer has, it keeps the surest (see surer). "в Хаме" is Hama: "Хаме"
// as written is an alternate Russian name of Hamme, a Belgian town, and
// its nominative "Хама" the press's name of Hama, kept in aliases.json as
// its own. "в Козани" stays Kozani, whose alternate name "Козани" is, not
// Kazan, whose alternate name "Козань" the nominative would be; "в
// Кобане" stays Kobani, whose own name "Кобане" is.
func (x *Extractor) matchCity(key []byte, declined bool) (string, bool) {
	best, found := x.places.InTextMatch(string(key))
	standing := asWritten
	consider := func(form []byte, s readingStanding) {
		if m, ok := x.places.InTextMatch(string(form)); ok && (!found || surer(m, s, best, standing)) {
			best, standing, found = m, s, true
		}
	}
	if declined {
		nominatives(key, cityLocatives, func(form []byte) bool {
			consider(form, asNominative)
			return false
		})
		// "кемерове" → "кемерово": every name of declinedNeuters ends in
		// -ово, -ево or -ино.
		if stem, ok := bytes.CutSuffix(key, []byte("е")); ok {
			var buf [64]byte
			if form := append(append(buf[:0], stem...), "о"...); declinedNeuters[string(form)] {
				consider(form, asNeuter)
			}
		}
		nominatives(key, dativeEndings, func(form []byte) bool {
			consider(form, asDative)
			return false
		})
	}
	if !found {
		return "", false
	}
	return x.places.TextName(best), true
}

// A readingStanding is how directly a reading of a written word comes
// from it: the word as written, a nominative the endings make of it, a
// neuter name of declinedNeuters ("в Пушкине" is first Pushkin, a
// masculine name, not Pushkino), or the nominative of a dative.
type readingStanding int

const (
	asDative readingStanding = iota
	asNeuter
	asNominative
	asWritten
)

// surer reports whether the reading m, of standing s, is surer than o, of
// standing t, found before it. A place's own name (GeoNames', or the
// press's name kept in aliases.json) goes before an alternate name, which
// most Russian names are; then the word as written before a nominative
// made of it, a masculine or feminine nominative before a neuter one, and
// a dative last; of two nominatives, the first the endings make (their
// order, surest first). Population does not weigh: a name several places
// share is already the most populous's, and a more populous place under
// another form of the word is no surer ("в Фару" is Faro, not Pharr, in
// Texas, "Фар"; "в Байонне" the French Bayonne, "Байонна", not the
// American, "Байонн").
func surer(m gazetteer.TextMatch, s readingStanding, o gazetteer.TextMatch, t readingStanding) bool {
	if m.Own() != o.Own() {
		return m.Own()
	}
	return s > t
}

// nominatives calls f with each nominative the endings make of a folded
// Cyrillic word, in their order, until f returns true, and reports
// whether it did. An ending undone to nothing leaves a stem that must end
// in a consonant ("Ираке" → "Ирак"; "Абае" is "Абай", never "Аба"); a
// stem that ends in two consonants, the last л or ц, may have lost a
// fleeting е ("Орле" → "Орел", "Ельце" → "Елец"). A hyphenated name whose
// second part is a preposition or an adjective declines its first part
// ("Ростове-на-Дону" → "Ростов-на-Дону", "Франкфурте-на-Майне",
// "Петропавловске-Камчатском" → "Петропавловск-Камчатский").
func nominatives(w []byte, endings [][2]string, f func(form []byte) bool) bool {
	var buf [64]byte
	for _, e := range endings {
		if len(w) <= len(e[0]) || string(w[len(w)-len(e[0]):]) != e[0] {
			continue
		}
		stem := w[:len(w)-len(e[0])]
		if e[1] == "" {
			last, _ := utf8.DecodeLastRune(stem)
			if strings.ContainsRune(softOrVowel, last) {
				continue
			}
			if fleeting, ok := withFleetingE(stem, buf[:0]); ok && f(fleeting) {
				return true
			}
		}
		if f(append(append(buf[:0], stem...), e[1]...)) {
			return true
		}
	}
	head, rest, ok := bytes.Cut(w, []byte("-"))
	if !ok || len(head) == 0 || len(rest) == 0 {
		return false
	}
	// The rest as written after a preposition ("на-Дону"); else in the
	// nominative of an adjective ("Камчатском" → "Камчатский").
	var rests []string
	if p, _, _ := bytes.Cut(rest, []byte("-")); bytes.Equal(p, []byte("на")) || bytes.Equal(p, []byte("над")) || bytes.Equal(p, []byte("под")) {
		rests = []string{string(rest)}
	} else if !bytes.ContainsRune(rest, '-') {
		adjectiveNominatives(string(rest), func(nom string) bool {
			rests = append(rests, nom)
			return false
		})
	}
	if len(rests) == 0 {
		return false
	}
	var whole [96]byte
	return nominatives(head, endings, func(h []byte) bool {
		for _, r := range rests {
			if f(append(append(append(whole[:0], h...), '-'), r...)) {
				return true
			}
		}
		return false
	})
}

// softOrVowel are the letters no stem left by undoing an ending ends in.
const softOrVowel = "аеёиоуыэюяьъ"

// withFleetingE returns the stem with the е that its nominative has before
// a last л or ц after a consonant ("орл" → "орел", "ельц" → "елец"; a soft
// sign before ц goes), appended to buf.
func withFleetingE(stem, buf []byte) ([]byte, bool) {
	last, n := utf8.DecodeLastRune(stem)
	if last != 'л' && last != 'ц' {
		return nil, false
	}
	before := stem[:len(stem)-n]
	prev, m := utf8.DecodeLastRune(before)
	if prev == 'ь' && last == 'ц' {
		before = before[:len(before)-m]
		prev, _ = utf8.DecodeLastRune(before)
	}
	if prev == utf8.RuneError || strings.ContainsRune(softOrVowel, prev) {
		return nil, false
	}
	return utf8.AppendRune(append(append(buf, before...), "е"...), last), true
}

// allCaps reports whether every word of ts is written in capitals
// ("UK's" is).
func allCaps(ts []tok) bool {
	for i := range ts {
		if !isAllCaps(strings.TrimSuffix(strings.TrimSuffix(ts[i].s, "'s"), "’s")) {
			return false
		}
	}
	return true
}

// namePrefix reports whether a folded word starts a name of several words
// (see matchName).
func (x *Extractor) namePrefix(city bool, w string) bool {
	if city {
		return x.places.TextPrefix(w)
	}
	return x.prefixes[w]
}

// lookupName looks a folded name up (see matchName); the key is not kept.
func (x *Extractor) lookupName(city bool, k []byte) (string, bool) {
	if city {
		return x.places.InText(string(k))
	}
	n, ok := x.names[string(k)] // does not allocate the key
	return n, ok
}

// trimSuffix is strings.TrimSuffix for a byte slice.
func trimSuffix(b []byte, suffix string) []byte {
	if len(b) >= len(suffix) && string(b[len(b)-len(suffix):]) == suffix {
		return b[:len(b)-len(suffix)]
	}
	return b
}

// isDigitStart reports whether s starts with a digit.
func isDigitStart(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r)
	}
	return false
}

// quotedSpeaker returns the person a quotation names as the speaker of a
// figure in it: a named subject of a verb of speech inside the quotation,
// before the figure and in the same sentence; or a body or an outlet so
// named ("Корреспонденты "Медузы" … привели различные данные: от 8 до 20
// тысяч человек", - отмечают в издании: Медуза, not the outlet quoting).
func (d *doc) quotedSpeaker(s *sent, qr span, q quantity.Quantity) *entity {
	ts := s.toks
	for i := range ts {
		t := &ts[i]
		if t.start <= qr.start || t.start >= q.Start {
			continue
		}
		if t.cls&cSpeech == 0 || !verbHere(ts, i) {
			continue
		}
		n, ok := leftNP(ts, i)
		if !ok || ts[n.lo].start <= qr.start {
			continue
		}
		person := hasNamePair(ts[n.lo:n.hi])
		if !person && !namesBody(ts[n.lo:n.hi]) {
			continue
		}
		if e := d.resolve(d.para, ts[n.lo:n.hi], false); e != nil && (e.kind == Person) == person {
			d.note(e)
			return e
		}
	}
	return nil
}

// namesBody reports a subject that names a body or an outlet by name: an
// abbreviation or a body's word with a capital ("МВД", "Росстат"), or a
// name in quotation marks after a common noun ("корреспонденты «Медузы»").
func namesBody(ts []tok) bool {
	for i := range ts {
		t := &ts[i]
		if !t.word {
			continue
		}
		if isAllCaps(t.s) && len(t.s) > 1 || t.upper && (t.cls&cOrg != 0 || isOutletTok(t)) {
			return true
		}
		if i > 0 && t.upper && isQuoteMark(&ts[i-1]) {
			return true
		}
	}
	return false
}
