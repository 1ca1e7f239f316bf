package article

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entity is a person or organisation the article has named.
type entity struct {
	name, role string
	kind       Kind
	key        []string // stems of the name
	alias      string   // an abbreviation given in brackets: "TSG"
	mention    bool     // named in passing, perhaps in an oblique case
	// sig has a bit for each word of key and for the folded alias (see
	// wordsSig): find skips an entity that shares no bit with a name.
	sig uint64
}

// setKey sets e's key, the stems of its name, and its sig.
func (d *doc) setKey(e *entity) {
	e.key = d.key(e.name)
	e.sig = wordsSig(e.key)
	if e.alias != "" {
		e.sig |= wordsSig([]string{fold(e.alias)})
	}
}

// wordsSig sets, for each word, one bit of 64 chosen by its hash: two
// lists that share a word share a bit.
func wordsSig(ws []string) uint64 {
	var sig uint64
	for _, w := range ws {
		h := uint32(2166136261)
		for i := 0; i < len(w); i++ {
			h ^= uint32(w[i])
			h *= 16777619
		}
		sig |= 1 << (h >> 26)
	}
	return sig
}

// claimantSlab is how many Claimants d.claimant allocates at once.
const claimantSlab = 32

// claimant returns a new Claimant for e (nil for nil), taken from the
// doc's slab: every call returns a distinct Claimant, so a caller that
// changes one candidate's changes no other's.
func (d *doc) claimant(e *entity) *Claimant {
	if e == nil || e.name == "" { // a cataphor not named yet
		return nil
	}
	if len(d.claimants) == cap(d.claimants) {
		d.claimants = make([]Claimant, 0, claimantSlab)
	}
	d.claimants = append(d.claimants, Claimant{Name: e.name, Role: e.role, Kind: e.kind})
	return &d.claimants[len(d.claimants)-1]
}

// maxEntities bounds the table of people and organisations an article
// has named, so that memory does not grow with a long input.
const maxEntities = 64

// cue is an attribution in a sentence: a speech verb with its speaker, a
// phrase such as "according to X", or an outlet.
type cue struct {
	pos     int     // byte offset of the cue in the paragraph
	who     *entity // the speaker
	outlet  string  // the outlet named as the channel
	about   bool    // "Об этом сообщил X": the speaker of the sentence before
	inQuote bool
	// embedded: "«…, — сказал Пучков. — …»": an attribution set inside
	// the quotation marks between dashes; it speaks the quotation.
	embedded bool
	back     bool // applies to figures before it: inverted ("…, said X") or ending the sentence
	relay    bool // an outlet reporting ("Reuters reported"), not claiming, when someone else speaks
	// declared: "заявленная организаторами численность": the figure the
	// clause gives is the body's, whoever reports it.
	declared bool
	// topicEnd: "заявления российской стороны о гибели 1600 человек": the
	// body owns the figures of its statement's "о" phrase, from pos to
	// topicEnd, whoever reports the statement.
	topicEnd int
	// fwd: the speaker stands before the verb ("X заявил, что …") or
	// opens the sentence ("По словам X, …"): what X says may run on over
	// the sentences after it (see carryOver); an attribution after the
	// figures ("…, — сказал X.") closes what it attributes.
	fwd bool
	// anon: an attribution to no one named ("Ранее сообщалось о …",
	// "Источник сообщил, что …"): the figures from anonLo to anonHi are
	// no one's, and no speaker before runs on over them.
	anon           bool
	anonLo, anonHi int
}

// np is a noun phrase as token range [lo, hi) of a sentence.
type np struct{ lo, hi int }

func isPunct(t *tok, set string) bool { return !t.word && strings.Contains(set, t.s) }

// isQuoteMark reports whether t is a quotation mark.
func isQuoteMark(t *tok) bool { return !t.word && strings.Contains("\"“”«»„'’", t.s) }

// boundaryWord ends a noun phrase.
var boundaryWord = set("that", "while", "with", "and", "but", "who", "which", "where", "when", "as", "if", "whereas",
	"что", "как", "и", "а", "но", "который", "которая", "которые", "которых", "чтобы", "где", "когда", "причем")

// leftNP finds the subject before the verb at index v.
func leftNP(ts []tok, v int) (np, bool) {
	hi := v
	// "Минобороны ранее, 25 марта, сообщало": a date between commas
	// before the verb; the subject is before it.
	if hi >= 4 && ts[hi-1].s == "," {
		m, date := hi-2, false
		for m > 0 && ts[m].word && (ts[m].digit || ts[m].cls&(cMonth|cWeekday|cTime) != 0) {
			date = date || ts[m].digit || ts[m].cls&(cMonth|cWeekday) != 0
			m--
		}
		if date && m > 0 && ts[m].s == "," {
			hi = m
		}
	}
	for hi > 0 && ts[hi-1].word && ((ts[hi-1].cls&cTime != 0) && !ts[hi-1].upper || hi >= 2 && ts[hi-1].cls&cMonth != 0 && ts[hi-2].digit) {
		if ts[hi-1].cls&cMonth != 0 {
			hi-- // "Владимир Пучков 20 марта сообщил": the date
		}
		hi--
	}
	// "researchers from Boston University, working from photographic
	// images, judged …": a participial phrase between commas before the
	// verb; the subject is before it.
	if hi >= 4 && ts[hi-1].s == "," {
		for m := hi - 2; m > 0 && m >= hi-10; m-- {
			if ts[m].s == "," {
				// "Корреспонденты «Медузы», которые находились на площадках
				// акции, привели …": a relative clause the same.
				if w := &ts[m+1]; w.word && !w.upper && (len(w.low) > 5 && (strings.HasSuffix(w.low, "ing") || ruParticiple(w.low)) && ts[m-1].word ||
					ruRelative[w.low] && (ts[m-1].word || isQuoteMark(&ts[m-1]))) {
					hi = m
				}
				break
			}
			if !ts[m].word {
				break
			}
		}
	}
	// "В РИА Новости при этом сообщили", "МВД в свою очередь заявило",
	// "Полиция же насчитала": a linking word between subject and verb.
	for {
		switch {
		case hi >= 3 && ts[hi-1].low == "этом" && ts[hi-2].low == "при":
			hi -= 2
		case hi >= 4 && ts[hi-1].low == "очередь" && ts[hi-2].low == "свою" && ts[hi-3].low == "в":
			hi -= 3
		case hi >= 2 && ts[hi-1].word && !ts[hi-1].upper && (ts[hi-1].low == "же" || ts[hi-1].low == "однако" || ts[hi-1].low == "впрочем"):
			hi--
		default:
			goto linked
		}
	}
linked:
	// "СКР официально подтверждал": an adverb of manner before the verb
	// is no part of the subject.
	for hi > 1 && ts[hi-1].word && !ts[hi-1].upper && mannerAdverb(ts[hi-1].low) {
		hi--
	}
	// "В МЧС настаивают": a prepositional phrase at clause start names the body.
	lo := hi
	for lo > 0 {
		t := &ts[lo-1]
		if !t.word {
			if isPunct(t, ",;:—–.!?") || (t.s == "-" && lo-1 > 0 && !ts[lo-2].word) {
				break
			}
			if isQuoteMark(t) || isPunct(t, "()") {
				lo--
				continue
			}
			break
		}
		if t.low == "who" && t.cls&cBoundary != 0 || t.low == "который" || t.low == "которая" || t.low == "которые" {
			// a relative clause between subject and verb
			hi = lo - 1
			lo = hi
			continue
		}
		if t.cls&cBoundary != 0 {
			break
		}
		if t.low == "has" || t.low == "have" || t.low == "had" {
			if lo != hi {
				// "The organisers of the march that has overtaken London have
				// estimated": skip the relative clause back to its "that".
				rel := -1
				for m := lo - 2; m >= 0 && m > lo-10; m-- {
					if ts[m].low == "that" || ts[m].low == "which" || ts[m].low == "who" {
						rel = m
						break
					}
					if !ts[m].word && !isQuoteMark(&ts[m]) {
						break
					}
				}
				if rel < 0 {
					break
				}
				hi, lo = rel, rel
				continue
			}
			hi--
		}
		if t.digit {
			break
		}
		lo--
		if hi-lo > 12 {
			break
		}
	}
	for lo < hi && (isQuoteMark(&ts[lo]) || isPunct(&ts[lo], "()")) {
		lo++
	}
	// "Оперативный штаб, работающий на месте пожара … обнародовал": a
	// participial phrase after the subject whose closing comma the writer
	// left out; the subject is before its opening comma.
	if lo >= 2 && lo < hi && ts[lo-1].s == "," && ts[lo].word && !ts[lo].upper && ruParticiple(ts[lo].low) && ts[lo-2].word {
		return leftNP(ts, lo-1)
	}
	// "Вместе с тем один из организаторов …": a linking phrase.
	if hi-lo > 3 && ts[lo].low == "вместе" && ts[lo+1].low == "с" && ts[lo+2].low == "тем" {
		lo += 3
	}
	// "В то же время издание … утверждает", "В тоже время …".
	if hi-lo > 4 && ts[lo].low == "в" && ts[lo+1].low == "то" && ts[lo+2].low == "же" && ts[lo+3].low == "время" {
		lo += 4
	} else if hi-lo > 3 && ts[lo].low == "в" && ts[lo+1].low == "тоже" && ts[lo+2].low == "время" {
		lo += 3
	}
	// "May added": a month in capitals alone before the verb is no
	// time but a surname (months do not speak); resolve knows whose.
	for lo < hi && ts[lo].word && !(hi == lo+1 && ts[lo].upper && ts[lo].cls&cMonth != 0) && ((ts[lo].cls&cTime != 0) && ts[lo].low != "в" && ts[lo].low != "во" || ts[lo].low == "although" || ts[lo].low == "though" || ts[lo].low == "because" || ts[lo].low == "if" || (ts[lo].cls&cMonth != 0) || ts[lo].low == "к" || ts[lo].low == "утру" || ts[lo].low == "but" || ts[lo].low == "and" || ts[lo].low == "however" || ts[lo].low == "so" || ts[lo].low == "now" || ts[lo].low == "meanwhile" || ts[lo].low == "also" || ts[lo].low == "finally" || ts[lo].low == "как" ||
		ts[lo].low == "между" || ts[lo].low == "тем" || ts[lo].low == "однако" || ts[lo].low == "впрочем" || clauseOpeners[ts[lo].low]) {
		lo++
	}
	// "At the main “Women’s March on Washington” organizers told": a
	// prepositional phrase opening the clause is not the subject, which
	// follows the quoted or capitalised name that ends it (not a title's
	// word before "of": "After U.S. Secretary of State John Kerry said").
	if lo < hi && ts[lo].word && ts[lo].s != "On" && (ts[lo].low == "at" || ts[lo].low == "in" || ts[lo].low == "on" || ts[lo].low == "during" || ts[lo].low == "after") {
		for m := hi - 2; m > lo; m-- {
			if isQuoteMark(&ts[m]) && (ts[m].s == "”" || ts[m].s == "\"") || ts[m].word && ts[m].upper && ts[m+1].word && !ts[m+1].upper && !titleLink(ts, m+1) {
				lo = m + 1
				break
			}
		}
	}
	// Cut trailing prepositional and participial phrases: "…комитет России
	// в конце прошлого года", "federal officials monitoring the project".
	for i := lo + 1; i < hi; i++ {
		t := &ts[i]
		if !t.word {
			continue
		}
		// "This comes after Prime Minister David Cameron announced":
		// "after" opens the clause whose subject is the named speaker,
		// when all it has before the verb is that speaker, titled; not
		// when the name is deeper in a phrase ("Police after the death
		// of George Floyd said": Police).
		if (t.low == "after" || t.low == "before" || t.low == "since") && namedSpeakerOnly(ts[i+1:hi]) {
			lo = i + 1
			continue
		}
		if t.low == "in" || t.low == "on" || t.low == "at" || t.low == "during" || t.low == "after" || t.low == "last" || t.low == "earlier" ||
			(len(t.low) > 5 && strings.HasSuffix(t.low, "ing") && !t.upper) {
			hi = i
			break
		}
		if (t.low == "в" || t.low == "во" || t.low == "на" || t.low == "после" || t.low == "у" || t.low == "при" || t.low == "с") && i+1 < hi && !ts[i+1].upper {
			hi = i
			break
		}
	}
	// "Число участников полиция оценила в …": the fronted object and its
	// genitive are not the subject.
	if hi-lo >= 3 && ts[lo].word && frontedObjects[ts[lo].low] && ts[lo+1].word && !ts[lo+1].upper {
		lo += 2
		// "Число участников митинга полиция оценила": more genitives.
		for hi-lo > 1 && ts[lo].word && !ts[lo].upper && ts[lo].cls&(cOrg|cRole) == 0 {
			lo++
		}
	}
	if lo < hi && ts[lo].word && (ts[lo].low == "no" || ts[lo].low == "nobody" || ts[lo].low == "none" || ts[lo].low == "никто") {
		return np{}, false
	}
	return np{lo, hi}, hi > lo
}

// mannerAdverb reports whether a lower-case Russian word is an adverb of
// manner ("официально", "публично", "неоднократно", "фактически").
func mannerAdverb(w string) bool {
	return isCyrillic(w) && utf8.RuneCountInString(w) > 5 && (strings.HasSuffix(w, "но") || strings.HasSuffix(w, "ски"))
}

// clauseOpeners link a clause to the one before and are no part of its
// subject: "При этом он отметил", "Кроме того, …", "В свою очередь …".
var clauseOpeners = set("при", "этом", "кроме", "того", "свою", "очередь", "напомним", "затем")

// frontedObjects open a fronted object: "Число участников полиция оценила".
var frontedObjects = set("число", "количество", "численность", "цифру", "оценку", "потери")

// rightNP finds the speaker after the verb at index v (inverted order), and
// any outlet named as the addressee ("told ABC News", "сообщили
// «Интерфаксу»").
func rightNP(ts []tok, v int) (n np, outlet string, ok bool) {
	i := v + 1
	for i < len(ts) {
		t := &ts[i]
		switch {
		case t.word && (t.low == "в" || t.low == "во") && i+1 < len(ts) && ts[i+1].upper && !isOutletTok(&ts[i+1]) && !isAllCaps(ts[i+1].s) && !acronymHead(ts[i+1].s) && i+2 < len(ts) && ts[i+2].word && !hasBody(ts[i+1:]):
			i += 2 // "заявил в Ташкенте"
		case t.word && (t.low == "в" || t.low == "во") && i+1 < len(ts) && !ts[i+1].upper && circumstance(ts, i+1) > i+1 && ts[circumstance(ts, i+1)].cls&cOrg == 0:
			i = circumstance(ts, i+1) // "заявила в эфире телеканала «Россия 24» уполномоченный …"
		case t.word && (t.cls&cTime != 0) && (!t.upper || (t.cls&cWeekday != 0)):
			i++
		case t.word && addressees[t.low]:
			i++
		case dativeName(ts, i):
			i += 2 // "рассказал Дмитрию Медведеву губернатор области": the one told
		case !t.word && (isPunct(t, ",") && i+1 < len(ts) && ts[i+1].word && ((ts[i+1].cls&cTime != 0) || ts[i+1].digit)):
			i++
		case t.digit && i+1 < len(ts) && (ts[i+1].cls&cMonth != 0):
			i += 2
		case t.word && t.low == "на" && circumstance(ts, i+1) > i+1:
			i = circumstance(ts, i+1) // "заявил на сегодняшнем брифинге глава Минфина"
		case t.word && (t.low == "в" || t.low == "во") && circumstance(ts, i+1) > i+1 && ts[circumstance(ts, i+1)].cls&cOrg == 0:
			i = circumstance(ts, i+1) // "рассказал в интервью РБК глава Чечни"
		default:
			goto collect
		}
	}
collect:
	// An outlet as addressee: a quoted or dative outlet name right after the verb.
	if i < len(ts) && isQuoteMark(&ts[i]) {
		j := i + 1
		for j < len(ts) && !isQuoteMark(&ts[j]) && j-i < 6 {
			j++
		}
		if j < len(ts) && j > i+1 && looksDativeOutlet(ts[i+1:j]) {
			outlet = dativeOutlet(joinToks(ts[i+1 : j]))
			i = j + 1
		}
	}
	// An outlet as addressee before the speaker: "сообщили ТАСС в
	// пресс-службе МЧС", "рассказал РИА Новости глава ведомства".
	if outlet == "" {
		k := i
		for k < len(ts) && ts[k].word && ts[k].upper && isOutletTok(&ts[k]) && k-i < 3 {
			k++
		}
		if k > i && k+1 < len(ts) && ts[k].word && ((ts[k].low == "в" || ts[k].low == "во") && (ts[k+1].upper || ts[k+1].cls&cOrg != 0) || ts[k].cls&cRole != 0 ||
			strings.HasPrefix(ts[k].low, "источник") || strings.HasPrefix(ts[k].low, "собеседник") || // "рассказал РБК источник в …"
			!ts[k].upper && ts[k+1].word && (ts[k+1].cls&cRole != 0 || strings.HasPrefix(ts[k+1].low, "источник"))) { // "официальный представитель", "осведомленный источник"
			outlet = joinToks(ts[i:k])
			if looksDativeOutlet(ts[i:k]) {
				outlet = dativeOutlet(outlet)
			}
			i = k
		}
	}
	lo := i
	// "в пресс-службе ГУ МВД": the body in the prepositional.
	if lo < len(ts) && (ts[lo].low == "в" || ts[lo].low == "во") {
		lo++
	}
	hi := lo
	for hi < len(ts) {
		t := &ts[hi]
		if !t.word {
			if isQuoteMark(t) || t.s == "(" || t.s == ")" || t.s == "&" {
				hi++
				continue
			}
			break
		}
		if (t.low == "в" || t.low == "во") && hi > lo && hasName(ts[lo:hi]) {
			break // "Александр Бортников в Вашингтоне"
		}
		if hi > lo && addressees[t.low] && hasName(ts[lo:hi]) {
			break // "сказал Пучков журналистам": the addressee after the speaker
		}
		if t.low == "на" && hi > lo && ts[hi-1].low == "ссылкой" {
			hi++ // "«Интерфакс» со ссылкой на источники": kept whole for the cue to split
			continue
		}
		if t.low == "и" && hi > lo && !hasName(ts[lo:hi]) && hasRoleWord(ts[lo:hi]) && nameAhead(ts, hi+1) {
			hi++ // a role of several parts, its name after it
			continue
		}
		if (t.cls&cBoundary != 0) || t.low == "after" || t.low == "during" || t.low == "in" || t.low == "on" || t.low == "at" || t.low == "to" || t.low == "for" || t.low == "while" ||
			t.low == "после" || t.low == "во" || t.low == "для" || t.low == "на" || t.low == "призывая" || ((t.low == "в" || t.low == "с") && hi+1 < len(ts) && !ts[hi+1].upper) {
			break
		}
		if hi > lo && (t.cls&cTime != 0) && !t.upper && t.low != "в" {
			break
		}
		hi++
		if hi-lo > 12 {
			break
		}
	}
	// "сообщили в МВД Чечни «Интерфаксу»": a quoted outlet in the dative
	// after the speaker.
	if outlet == "" && hi-lo >= 4 && isQuoteMark(&ts[hi-1]) {
		k := hi - 2
		for k > lo && !isQuoteMark(&ts[k]) {
			k--
		}
		if k > lo && k < hi-2 && looksDativeOutlet(ts[k+1:hi-1]) {
			outlet = dativeOutlet(joinToks(ts[k+1 : hi-1]))
			hi = k
		}
	}
	for hi > lo && (isQuoteMark(&ts[hi-1]) && !hasOpenQuote(ts[lo:hi-1]) || ts[hi-1].s == "(") {
		hi--
	}
	if hi == lo {
		return np{}, outlet, false
	}
	// A long role whose name comes after its place: "представитель
	// Регионального оперативного штаба … на Северном Кавказе полковник
	// Илья Шабалкин".
	if !hasNamePair(ts[lo:hi]) && hasRoleWord(ts[lo:hi]) {
		if e := nameEnd(ts, hi); e > hi {
			hi = e
		}
	}
	// A dative outlet glued to the speaker: "заявил Новиков Интерфаксу".
	if hi-lo >= 2 && isOutletTok(&ts[hi-1]) && ts[hi-1].upper && looksDativeOutlet(ts[hi-1:hi]) && !isOutletTok(&ts[hi-2]) {
		outlet = dativeOutlet(ts[hi-1].s)
		hi--
	} else if k := outletTail(ts, lo, hi); k > lo {
		// An outlet of several words after the speaker, whose case does
		// not show: "сказал Лысенко РИА Новости".
		outlet = joinToks(ts[k:hi])
		hi = k
	}
	// Apposition: "первый замдиректора ФСБ России, генерал армии Сергей
	// Смирнов", "один из организаторов акции, активист …": a role or a
	// group with no name continues after a comma, a capitalised title
	// too ("UN spokesman, Stephane Dujarric", "Глава региона, Иван
	// Петров"); a body named ("в Минобороны, осуществлял …") or a
	// pronoun does not.
	if !hasName(ts[lo:hi]) && (!ts[lo].upper || hasRoleWord(ts[lo:hi])) && ts[lo].cls&(cPersonPron|cOtherPron) == 0 && hi+1 < len(ts) && ts[hi].s == "," {
		j := hi + 1
		k := j
		for k < len(ts) && (ts[k].word && ts[k].cls&cBoundary == 0 || isQuoteMark(&ts[k])) && k-j < 8 {
			k++
		}
		if hasName(ts[j:k]) {
			hi = k
		}
	}
	return np{lo, hi}, outlet, true
}

// hasBody reports whether ts opens with a body named by adjectives and
// its noun ("Государственной думе"), not a place ("Ташкенте").
func hasBody(ts []tok) bool { _, n := bodyNominative(ts); return n > 0 }

// bodyNominative puts a body named by adjectives and its noun in an
// oblique case ("Следственного комитета", "Государственной думе",
// "Центральной избирательной комиссии") into the nominative and returns
// it with the number of words it took, or 0 when ts does not open so.
func bodyNominative(ts []tok) (string, int) {
	m := 0
	for m < len(ts) && m < 4 && ts[m].word && isCyrillic(ts[m].low) && !isAllCaps(ts[m].s) && utf8.RuneCountInString(ts[m].low) > 4 && // not "его", "ней"
		hasAnySuffix(ts[m].low, "ого", "его", "ом", "ем", "ой", "ей") {
		m++
	}
	if m == 0 || m >= len(ts) || !ts[m].word || ts[m].upper {
		return "", 0
	}
	noun := bodyNoun(ts[m].low)
	if noun == "" {
		return "", 0
	}
	parts := make([]string, 0, m+1)
	for i := 0; i < m; i++ {
		parts = append(parts, adjectiveNominative(ts[i].s, noun))
	}
	return strings.Join(append(parts, noun), " "), m + 1
}

// surnameFits reports whether a Russian surname standing alone (w,
// folded) can be a form of person e's name: a man's surname in -ов, -ев,
// -ин, -ский is not a woman's in the nominative, where the word is the
// subject ("сообщила Богданова" after "Михаил Богданов": another person),
// nor in -ой in any case ("по словам Богдановой"); the genitive "по
// словам Богданова" is his. A woman's surname in -ова is not a man's in
// -ов or -ым. Other names and entities fit.
func surnameFits(e *entity, w string, oblique bool) bool {
	if e.kind != Person || !isCyrillic(w) {
		return true
	}
	f := strings.Fields(fold(e.name))
	if len(f) == 0 {
		return true
	}
	last := f[len(f)-1]
	switch {
	case last == w:
		return true
	case hasAnySuffix(last, "ов", "ев", "ин", "ын", "ский", "цкий"):
		return !hasAnySuffix(w, "овой", "евой", "иной", "ыной", "ской", "цкой") &&
			(oblique || !hasAnySuffix(w, "ова", "ева", "ина", "ына", "ская", "цкая"))
	case hasAnySuffix(last, "ова", "ева", "ина", "ына", "ская", "цкая"):
		return !hasAnySuffix(w, "ов", "ев", "ин", "ын", "ский", "цкий", "овым", "евым", "иным", "ыным", "ском", "цком", "ому", "ого")
	}
	return true
}

// dativeName reports whether ts[i:i+2] is a Russian person's first name
// and surname in the dative ("Дмитрию Медведеву", "Наталье Ивановой")
// with the speaker after it, a role, a body ("пресс-служба", "МЧС",
// "в пресс-службе"), a source or a name: the one told, after a verb of
// saying, not the one who tells.
func dativeName(ts []tok, i int) bool {
	if i+2 >= len(ts) || !ts[i].word || !ts[i+1].word || !ts[i].upper || !ts[i+1].upper || !isCyrillic(ts[i].low) || !isCyrillic(ts[i+1].low) ||
		isAllCaps(ts[i].s) || isAllCaps(ts[i+1].s) || !hasName(ts[i:i+2]) {
		return false
	}
	first, last := ts[i].low, ts[i+1].low
	masc := hasAnySuffix(first, "у", "ю") && hasAnySuffix(last, "ову", "еву", "ёву", "ину", "ыну", "ому", "ему")
	fem := hasAnySuffix(first, "е", "и") && hasAnySuffix(last, "овой", "евой", "ёвой", "иной", "ыной", "ой", "ей") && !hasAnySuffix(last, "ский", "цкий")
	if !masc && !fem {
		return false
	}
	next := &ts[i+2]
	// "в пресс-службе МЧС", "источник в полиции": the speaker as a body
	// or an unnamed source.
	if next.word && (next.low == "в" || next.low == "во" || hasAnyPrefix(next.low, "источник", "собеседник")) {
		return true
	}
	return next.word && (next.cls&(cRole|cOrg) != 0 || next.upper && i+3 < len(ts) && ts[i+3].word && ts[i+3].upper && hasName(ts[i+2:i+4]))
}

// circumstance returns where a circumstance after "на" ends ("на
// сегодняшнем брифинге", "на пресс-конференции"): up to three lower-case
// words that name no body, role or outlet, followed by more of the
// clause; or i when there is none.
func circumstance(ts []tok, i int) int {
	k := i
	for k < len(ts) && k-i < 3 && ts[k].word && !ts[k].upper && !ts[k].digit && ts[k].cls&(cRole|cOrg|cBoundary) == 0 && (!isOutletTok(&ts[k]) || k+1 < len(ts) && isQuoteMark(&ts[k+1])) {
		k++
	}
	// "в эфире телеканала «Россия 24»": a quoted name ends it.
	if k > i && k < len(ts) && isQuoteMark(&ts[k]) {
		m := k + 1
		for m < len(ts) && !isQuoteMark(&ts[m]) && m-k < 6 {
			m++
		}
		if m < len(ts) && m > k+1 && isQuoteMark(&ts[m]) {
			k = m + 1
		}
	}
	if k == i || k >= len(ts) || !ts[k].word {
		return i
	}
	return k
}

// nameAhead reports whether a person's name follows ts[i] within the same
// phrase: before any punctuation, boundary word or figure.
func nameAhead(ts []tok, i int) bool {
	for k := i; k < len(ts) && k < i+10; k++ {
		t := &ts[k]
		if !t.word || t.cls&cBoundary != 0 || t.digit {
			return false
		}
		if t.upper && k+1 < len(ts) && ts[k+1].word && ts[k+1].upper && hasName(ts[k:k+2]) && !isOrgName(ts[k:k+2]) {
			return true
		}
	}
	return false
}

func hasOpenQuote(ts []tok) bool {
	n := 0
	for i := range ts {
		if isQuoteMark(&ts[i]) {
			n++
		}
	}
	return n%2 == 1
}

func looksDativeOutlet(ts []tok) bool {
	if len(ts) == 0 || !ts[0].upper {
		return false
	}
	last := ts[len(ts)-1].low
	if d, ok := domainStem(last); ok {
		// "«Газете.Ru»": the case shows before the address's suffix.
		return isCyrillic(d) && (strings.HasSuffix(d, "е") || strings.HasSuffix(d, "у") || strings.HasSuffix(d, "ю"))
	}
	return isCyrillic(last) && (strings.HasSuffix(last, "у") || strings.HasSuffix(last, "ю") || strings.HasSuffix(last, "ам") || strings.HasSuffix(last, "ям"))
}

func isOutletTok(t *tok) bool { return t.word && (outletWords[t.st] || isDomainName(t.s)) }

// hasName reports whether ts holds a capitalised word that could be part
// of a person's name.
func hasName(ts []tok) bool {
	for i := range ts {
		t := &ts[i]
		if t.word && t.upper && t.cls&cNotName == 0 && t.cls&cRole == 0 && t.cls&cOrg == 0 && !isAllCaps(t.s) {
			return true
		}
	}
	return false
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if isLetter(r) {
			if !isUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// domainStem returns the name of an address before its suffix ("газете"
// of "газете.ru").
func domainStem(w string) (string, bool) {
	i := strings.LastIndexByte(w, '.')
	if i <= 0 || !isDomainName(w) {
		return "", false
	}
	return w[:i], true
}

// acronymHead reports whether a hyphenated word opens with an
// abbreviation: "ОВД-Инфо", "РИА-Новости" name bodies, not people.
func acronymHead(s string) bool {
	i := strings.IndexByte(s, '-')
	return i > 0 && isAllCaps(s[:i])
}

// joinToks gives the text of ts: the tokens with a space where the text
// had space between them, trimmed of outer space.
func joinToks(ts []tok) string {
	switch len(ts) {
	case 0:
		return ""
	case 1:
		// One token: its text, without building a copy.
		return strings.TrimSpace(ts[0].s)
	}
	// The length first, so that the text is built in one allocation
	// rather than by the builder's growing.
	n := len(ts[0].s)
	for i := 1; i < len(ts); i++ {
		if spaceBefore(ts, i) {
			n++
		}
		n += len(ts[i].s)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(ts[0].s)
	for i := 1; i < len(ts); i++ {
		if spaceBefore(ts, i) {
			b.WriteByte(' ')
		}
		b.WriteString(ts[i].s)
	}
	return strings.TrimSpace(b.String())
}

// joinToksIn is joinToks(ts) for tokens read from p: where p from the
// first token to the last is what joinToks builds (each token's text at
// its offsets, and between two tokens nothing, or one space where
// joinToks puts one), it returns that stretch of p, which costs no copy.
// Otherwise, as for tokens not from p, it returns joinToks(ts).
func joinToksIn(p string, ts []tok) string {
	if len(ts) < 2 {
		return joinToks(ts)
	}
	for i := range ts {
		t := &ts[i]
		if t.start < 0 || t.end > len(p) || t.start > t.end || p[t.start:t.end] != t.s {
			return joinToks(ts)
		}
		if i == 0 {
			continue
		}
		gap := t.start - ts[i-1].end
		if spaceBefore(ts, i) {
			if gap != 1 || p[t.start-1] != ' ' {
				return joinToks(ts)
			}
		} else if gap != 0 {
			return joinToks(ts)
		}
	}
	return strings.TrimSpace(p[ts[0].start:ts[len(ts)-1].end])
}

// countFields is len(strings.Fields(s)) without building the fields.
func countFields(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// spaceBefore reports whether joinToks puts a space between ts[i-1] and
// ts[i], i > 0: there was space between them in the text, and ts[i-1] is
// not an opening quotation mark that starts ts.
func spaceBefore(ts []tok, i int) bool {
	return ts[i-1].end < ts[i].start && !(i-1 == 0 && isQuoteMark(&ts[0]))
}

// resolve turns a noun phrase into an entity, registering a newly named
// person or organisation and resolving pronouns, surnames, roles and
// abbreviations to those named before. oblique marks a phrase in an
// oblique case ("по словам Сысоева"), whose name is given in the
// nominative.
func (d *doc) resolve(p string, ts []tok, oblique bool) *entity {
	// Drop leading articles and trailing punctuation.
	for len(ts) > 0 && (!ts[0].word && !isQuoteMark(&ts[0]) || ts[0].word && (ts[0].low == "the" && !ts[0].upper || ts[0].low == "a" || ts[0].low == "an")) {
		ts = ts[1:]
	}
	for len(ts) > 0 && !ts[len(ts)-1].word && !isQuoteMark(&ts[len(ts)-1]) && ts[len(ts)-1].s != ")" {
		ts = ts[:len(ts)-1]
	}
	if len(ts) == 0 {
		return nil
	}
	// Pronouns.
	if len(ts) == 1 || (len(ts) == 2 && ts[1].word && (ts[1].low == "own" || ts[1].low == "new")) {
		switch {
		case (ts[0].cls&cPersonPron != 0):
			return d.personPronoun(ts[0].low)
		case (ts[0].cls&cOtherPron != 0):
			return d.lastAny
		}
	}
	// "сказал источник агентства": like "собеседник агентства", the one
	// the agency spoke to, named before.
	if len(ts) == 2 && ts[0].word && strings.HasPrefix(ts[0].low, "источник") && isOutletTok(&ts[1]) && !ts[1].upper && d.lastSpeaker != nil {
		return d.lastSpeaker
	}
	// "источник в силовых структурах", "a source close to …": a speaker
	// the text does not name is no claimant.
	if ts[0].word && (strings.HasPrefix(ts[0].low, "источник") || ts[0].low == "source" || ts[0].low == "sources") && !hasNamePair(ts) {
		return nil
	}
	// "собственный источник", "осведомленные источники", "a senior
	// source", "сирийский военный источник".
	if len(ts) > 1 && ts[0].word && !ts[0].upper && !hasNamePair(ts) {
		for i := 1; i < len(ts) && i < 4 && ts[i].word && !ts[i].upper; i++ {
			if strings.HasPrefix(ts[i].low, "источник") || ts[i].low == "source" || ts[i].low == "sources" {
				return nil
			}
		}
	}
	// "собеседник агентства" with no one named before: no one.
	if ts[0].word && strings.HasPrefix(ts[0].low, "собеседник") && d.lastSpeaker == nil {
		return nil
	}
	// "российские СМИ", "СМИ": the media at large name no one (state
	// media, "государственные СМИ", are an outlet of their own).
	if last := &ts[len(ts)-1]; last.word && last.s == "СМИ" && !hasNamePair(ts) && !strings.HasPrefix(ts[0].low, "государствен") && !isQuoteMark(&ts[0]) {
		return nil
	}
	// "по оценкам российских журналистов": journalists at large, no
	// outlet named, are no claimant ("журналистов «Медузы»" name one).
	if last := &ts[len(ts)-1]; last.word && !last.upper && hasAnyPrefix(last.low, "журналист", "корреспондент") && strings.HasSuffix(last.low, "ов") && allLower(ts) {
		return nil
	}
	// "собеседник агентства": whoever the agency spoke to, named before.
	if ts[0].word && strings.HasPrefix(ts[0].low, "собеседник") && d.lastSpeaker != nil {
		return d.lastSpeaker
	}
	// "the group", "the agency", "ведомство": the last organisation.
	if len(ts) <= 2 && !ts[len(ts)-1].upper && (ts[len(ts)-1].low == "group" || ts[len(ts)-1].low == "agency" || ts[len(ts)-1].low == "ministry" || ts[len(ts)-1].st == "ведомств" || ts[len(ts)-1].low == "organisation" || ts[len(ts)-1].low == "organization") && d.lastOrg != nil {
		return d.lastOrg
	}
	// "Представитель МВД Ирина Волк … По данным ведомства": with no body
	// named on its own, the body in the role of the person named last.
	if len(ts) == 1 && ts[0].st == "ведомств" && d.lastOrg == nil && d.lastPerson != nil {
		for _, w := range strings.Fields(d.lastPerson.role) {
			if isAllCaps(w) && utf8.RuneCountInString(w) >= 2 {
				if e := d.find(w); e != nil && e.kind != Person {
					return e
				}
				return d.remember(&entity{name: w, kind: Organisation})
			}
		}
	}
	// An abbreviation in brackets names the same body: "the Soufan Group (TSG)".
	alias := ""
	for i := 0; i+2 < len(ts); i++ {
		if ts[i].s == "(" && ts[i+2].s == ")" && isAllCaps(ts[i+1].s) {
			alias = ts[i+1].s
			ts = append(ts[:i:i], ts[i+3:]...)
			break
		}
	}
	if len(ts) == 0 {
		return nil
	}
	// A name in quotes: проекта «Белый счетчик», газета «Известия».
	for i := range ts {
		if isQuoteMark(&ts[i]) {
			j := i + 1
			for j < len(ts) && !isQuoteMark(&ts[j]) {
				j++
			}
			// …unless a person's name follows it: "активист движения
			// «Солидарность» Сергей Давидис".
			if j < len(ts) && j > i+1 && !hasNamePair(ts[j+1:]) {
				name := joinToksIn(p, ts[i+1:j])
				if looksDativeOutlet(ts[i+1 : j]) {
					name = dativeOutlet(name)
				} else if oblique && i == 0 || i > 0 && ts[i-1].word && !appositiveNouns[ts[i-1].st] && !isOutletTok(&ts[i-1]) && isCyrillic(ts[i-1].low) {
					// "по данным «Белого счетчика»", "активисты «Мемориала»":
					// a name governed by the word before it is in the
					// genitive; after "проект", "газета" it keeps its own.
					name = quotedNominative(ts[i+1 : j])
				}
				kind := Organisation
				for k := 0; k < i; k++ {
					if isOutletTok(&ts[k]) {
						kind = Outlet
					}
				}
				if isOutletTok(&ts[i+1]) {
					kind = Outlet
				}
				return d.remember(&entity{name: name, role: joinToksIn(p, ts[:i]), kind: kind, alias: alias})
			}
			break
		}
	}
	// A known abbreviation or surname.
	if len(ts) == 1 && ts[0].upper {
		if e := d.find(ts[0].s); e != nil && surnameFits(e, ts[0].low, oblique) {
			return e
		}
		if ts[0].cls&cMonth != 0 {
			return nil // "May" is a surname only of someone named before
		}
	}
	// Split role and name: the name is the capitalised run that ends the
	// phrase ("Kerala Health Minister K K Shailaja", "Один из
	// организаторов акции Роман Рубанов", "British newspaper The
	// Independent"); what comes before it is the role.
	lo := len(ts)
	for lo > 0 && d.nameTok(ts, lo-1) {
		lo--
	}
	for lo < len(ts) && !ts[lo].word {
		lo++
	}
	// "замдиректора ФСБ Евгений Сысоев", "глава Минфина Иван Сидоров": an
	// abbreviation or a body before a person's name belongs to the role.
	if lo < len(ts) && !isAllCaps(ts[len(ts)-1].s) {
		for m := len(ts) - 1; m >= lo; m-- {
			if ts[m].word && (isAllCaps(ts[m].s) || ts[m].cls&cOrg != 0 && m+2 < len(ts) && isCyrillic(ts[m].low) && hasNamePair(ts[m+1:m+3])) && !isOrgName(ts[m+1:]) && !isOutletTok(&ts[m]) {
				lo = m + 1
				break
			}
		}
	}
	// "пресс-службы ГУ МВД по Москве Андрей Галиакберов": the territory
	// after "по" belongs to the role.
	for lo+2 < len(ts) && (ts[lo].low == "по" || lo > 0 && ts[lo-1].low == "по") && hasNamePair(ts[len(ts)-2:]) && !isOrgName(ts[len(ts)-2:]) {
		lo++
	}
	// "Мэр Москвы Сергей Собянин", "Пресс-секретарь Владимира Путина
	// Дмитрий Песков": the role's domain or owner.
	if lo > 0 {
		lo += ownerBeforeName(ts, lo-1, len(ts))
	}
	// "Secretary of State John Kerry", "Minister for Foreign Affairs
	// Ivan Petrov": the capitalised words a title links with "of" or
	// "for" are the title's, but for the first name and surname.
	if lo >= 2 && titleLink(ts, lo-1) && ts[lo-2].cls&cRole != 0 {
		for len(ts)-lo > 2 && ts[lo].word && ts[lo].upper {
			lo++
		}
	}
	if lo > 0 && ts[lo-1].word && ts[lo-1].s == "The" && lo < len(ts) {
		lo--
	}
	// "пресс-службе МВД России по Москве": a capitalised word after "по"
	// names the territory of the body before it, not a person.
	if lo > 0 && lo < len(ts) && ts[lo].word && !ts[lo].upper && isOrgName(ts[:lo]) {
		name := joinToksIn(p, ts)
		if oblique {
			name = nominativePhrase(ts[:1]) + " " + joinToksIn(p, ts[1:])
		}
		if e := d.find(name); e != nil {
			return e
		}
		return d.remember(&entity{name: name, kind: Organisation, alias: alias})
	}
	nameToks, roleToks := ts[lo:], ts[:lo]
	// "UN spokesman, Stephane Dujarric": the apposition's comma is no
	// part of the role.
	if k := len(roleToks) - 1; k >= 0 && roleToks[k].s == "," {
		roleToks = roleToks[:k]
	}
	for len(roleToks) > 0 && roleToks[0].word && ((roleToks[0].cls&cTime != 0) || (roleToks[0].cls&cNotName != 0) || (roleToks[0].cls&cMonth != 0) || roleToks[0].digit) {
		roleToks = roleToks[1:]
	}
	roleOnly := len(nameToks) > 0 && len(roleToks) > 0 && (roleToks[len(roleToks)-1].low == "of" || strings.HasSuffix(roleToks[len(roleToks)-1].low, "'s"))
	// "по оценке главы ФСБ" after "Директор ФСБ Александр Бортников":
	// the head of a body named by its abbreviation is the person given
	// as its head before.
	if len(nameToks) == 1 && isAllCaps(nameToks[0].s) && hasHeadWord(roleToks) {
		for i := len(d.entities) - 1; i >= 0; i-- {
			e := d.entities[i]
			if e.kind == Person && e.role != "" && hasHeadWord(tokensOf(e.role)) && slices.Contains(strings.Fields(e.role), nameToks[0].s) {
				return e
			}
		}
	}
	// "губернатор Севастополя", "мэра Москвы": one capitalised word in the
	// genitive after a role names its domain, not the person.
	if len(nameToks) == 1 && len(roleToks) > 0 && roleToks[len(roleToks)-1].cls&cRole != 0 && genitiveDomain(nameToks[0].low) {
		roleOnly = true
	}
	if len(nameToks) > 0 && !roleOnly {
		name := joinToksIn(p, nameToks)
		role := joinToksIn(p, roleToks)
		kind := Person
		if isOrgName(nameToks) {
			kind = Organisation
		}
		hasRole := false
		for i := range roleToks {
			if roleToks[i].cls&cRole != 0 {
				hasRole = true
			}
		}
		if isOutletName(nameToks) || (!hasRole && len(roleToks) > 0 && isOutletTok(&roleToks[len(roleToks)-1])) {
			kind = Outlet
		}
		if kind == Person && len(nameToks) == 1 && !hasRole && len(roleToks) > 0 {
			// "overtaken central London": a lone capital after other words is no name.
			kind = Organisation
			name = joinToksIn(p, ts)
			role = ""
		}
		if oblique && kind == Person {
			name = nominative(name)
			role = nominativeRole(p, roleToks, role)
		} else if oblique && kind == Organisation && nameToks[0].word && !isAllCaps(nameToks[0].s) && strings.HasPrefix(name, nameToks[0].s) {
			// "в докладе Совбеза ООН": the body's first word in the
			// nominative, the rest as written ("Минздрава России").
			if head, n := bodyNominative(nameToks); n > 0 {
				// "Государственной думы", "Центральной избирательной
				// комиссии": the body's adjectives and noun.
				name = head
				if n < len(nameToks) {
					name += " " + joinToksIn(p, nameToks[n:])
				}
			} else {
				name = nominativeWord(nameToks[0].s) + strings.TrimPrefix(name, nameToks[0].s)
			}
		}
		if oblique && kind == Organisation && role != "" && orgNominative[roleToks[0].st] != "" {
			role = nominativePhrase(roleToks) // "в пресс-службе МЧС": "пресс-служба"
		}
		if e := d.find(name); e != nil && (len(nameToks) > 1 || surnameFits(e, nameToks[0].low, oblique)) {
			if e.role == "" && role != "" {
				e.role = role
			}
			if e.mention && countFields(name) >= countFields(e.name) {
				// The name as a cue gives it: nominative after "said", turned
				// into the nominative after "по словам".
				e.name, e.mention = name, false
				if oblique && kind == Person && role != "" {
					e.role = role // the role in the nominative too
				}
				d.setKey(e)
			}
			return e
		}
		// The role a sentence's subject named with no name waits for the
		// person the narrative names next, not for one named inside a
		// quotation ("\"The Americans say …\""), whom the quoted speaker
		// cites (as in mentions).
		if role == "" && kind == Person && d.pendingRole != "" && len(nameToks) >= 2 && !d.quoted(nameToks[0].start) {
			role = d.pendingRole
			d.pendingRole = ""
		}
		return d.remember(&entity{name: name, role: role, kind: kind, alias: alias})
	}
	if e := d.roleHolder(p, ts, oblique, false); e != nil {
		return e
	}
	text := joinToksIn(p, ts)
	if oblique {
		text = nominativePhrase(ts)
	}
	kind := Organisation
	if isOutletName(ts) {
		kind = Outlet
	}
	if e := d.find(text); e != nil {
		return e
	}
	e := &entity{name: text, kind: kind, alias: alias}
	if ts[0].upper || alias != "" {
		return d.remember(e)
	}
	d.lastAny = e
	return e
}

// roleHolder resolves a phrase that names a role and no person ("the
// minister", "губернатор области", "Пресс-секретарь Владимира Путина"):
// the person named before with that role, or an unnamed person the role
// stands for. owned says the phrase names the person whose the role is
// (roleOwner): it is no other title of an official named before. It
// returns nil when ts holds no role word.
func (d *doc) roleHolder(p string, ts []tok, oblique, owned bool) *entity {
	last := -1
	for i := range ts {
		if ts[i].cls&cRole != 0 {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	roleToks := ts[:last+1]
	text := joinToksIn(p, ts)
	if oblique {
		text = nominativePhrase(ts)
	}
	// The person named before with that role.
	var only *entity
	officials := 0
	for i := len(d.entities) - 1; i >= 0; i-- {
		e := d.entities[i]
		if e.kind == Person && e.role != "" && d.sharesStem(e.role, roleToks) {
			return e
		}
		if e.kind == Person && e.role != "" {
			only = e
			officials++
		}
	}
	// A bare role word ("…, добавил министр", "the minister added",
	// "Дипломат добавила") that matches no role named before: the last
	// speaker, if a person ("глава Минфина Антон Силуанов", "—
	// подчеркнула Мария Захарова").
	if len(ts) == 1 && d.lastSpeaker != nil && d.lastSpeaker.kind == Person {
		return d.lastSpeaker
	}
	// Another title for the one official the article has named:
	// "Губернатор Аман Тулеев … По словам главы региона".
	if officials == 1 && isCyrillic(text) && !owned {
		return only
	}
	if oblique && ts[0].word && !ts[0].upper && ts[0].cls&cRole != 0 {
		// "по словам губернатора": the role in the nominative
		text = nominativeForm(ts[0].s) + strings.TrimPrefix(text, ts[0].s)
	}
	return &entity{name: text, kind: Person}
}

// headWords name the head of a body: "глава ФСБ", "директор ФСБ".
var headWords = set("глава", "главы", "главе", "главу", "главой", "директор", "директора", "руководитель", "руководителя",
	"начальник", "начальника", "председатель", "председателя", "министр", "министра", "head", "director", "chief")

func hasHeadWord(ts []tok) bool {
	for i := range ts {
		if ts[i].word && headWords[ts[i].low] {
			return true
		}
	}
	return false
}

// tokensOf splits a role as stored into word tokens, for hasHeadWord.
func tokensOf(s string) []tok {
	var ts []tok
	for _, w := range strings.Fields(s) {
		ts = append(ts, tok{s: w, low: fold(w), word: true})
	}
	return ts
}

// appositiveNouns name the kind of a body whose quoted name follows in
// the nominative ("проект «Белый счетчик»"), by stem.
var appositiveNouns = stemSet("проект", "проекта", "газета", "газеты", "издание", "издания", "движение", "движения",
	"центр", "центра", "партия", "партии", "организация", "организации", "фонд", "фонда", "компания", "компании",
	"агентство", "агентства", "телеканал", "телеканала", "портал", "портала", "группа", "группы", "объединение",
	"объединения", "ассоциация", "ассоциации", "союз", "союза", "общество", "общества", "сервис", "сервиса")

// quotedNominative gives a quoted name found in the genitive in the
// nominative: its first word, and the noun after it when the first is an
// adjective ("Белого счетчика" is "Белый счетчик", "Мемориала" "Мемориал").
func quotedNominative(ts []tok) string {
	var b strings.Builder
	adj := false
	for i := range ts {
		t := &ts[i]
		if i > 0 && ts[i-1].end < t.start {
			b.WriteByte(' ')
		}
		switch {
		case i == 0 && t.word && isDomainName(t.s):
			// "«Газеты.Ru»": the name before the address's suffix.
			k := strings.LastIndexByte(t.s, '.')
			b.WriteString(nominativeForm(t.s[:k]) + t.s[k:])
		case i == 0 && t.word:
			adj = hasAnySuffix(t.low, "ого", "его")
			b.WriteString(nominativeForm(t.s))
		case i == 1 && adj && t.word:
			b.WriteString(nominativeForm(t.s))
		default:
			b.WriteString(t.s)
		}
	}
	return b.String()
}

// ownerBeforeName returns how many of the capitalised words ts[r+1:end]
// after the role word ts[r] (none, one or two) are in the genitive, naming
// the role's domain or owner, before the first name and surname of the one
// who holds it: "Мэр Москвы Сергей Собянин", "глава Росгвардии Виктор
// Золотов" (one), "Пресс-секретарь Владимира Путина Дмитрий Песков",
// "помощник Марии Захаровой Анна Петрова" (a person's name, two).
func ownerBeforeName(ts []tok, r, end int) int {
	if ts[r].cls&cRole == 0 {
		return 0
	}
	n := end - r - 1
	if n >= 4 && genitivePersonName(ts[r+1].low, ts[r+2].low) {
		return 2
	}
	if n >= 3 && genitiveDomain(ts[r+1].low) && !strings.HasSuffix(ts[r+1].low, "ья") {
		return 1
	}
	return 0
}

// genitivePersonName reports whether a first name and surname (folded)
// read as a person's name in the genitive: a man's in -а or -я
// ("Владимира Путина", "Сергея Лаврова"), a woman's in -и or -ы and -ой
// ("Марии Захаровой", "Анны Поповой"). A woman's name in the nominative
// ends in -а or -я too ("Мария Захарова"): only where the case is known
// otherwise (a name in the nominative follows; see roleOwner) does this
// tell them apart. So does a man's first name ("Илья Кива", "Никита
// Кива"): one in -ья (a genitive is "Ильи") or a common one in -а or -я
// is in the nominative.
func genitivePersonName(first, surname string) bool {
	return (hasAnySuffix(first, "а", "я") && !strings.HasSuffix(first, "ья") && !maleFirstNamesA[first] && hasAnySuffix(surname, "а", "я") ||
		hasAnySuffix(first, "и", "ы") && hasAnySuffix(surname, "ой")) &&
		isCyrillic(first) && isCyrillic(surname)
}

// maleFirstNamesA are men's first names (folded) whose nominative ends
// in -а or -я, as a man's genitive does ("Никита", "Владимира").
var maleFirstNamesA = set("никита", "лука", "фома", "кузьма", "савва", "добрыня", "данила", "гаврила", "иона",
	"мина", "фока", "муса", "иса", "мустафа", "хамза", "шота", "мамука")

// roleOwner reports whether ts, the subject of the Russian verb of saying
// verb (folded), is a role in the nominative and the name of the person
// it belongs to, in the genitive, and no name of its holder:
// "Пресс-секретарь Владимира Путина добавил", "Помощник Марии Захаровой
// сообщила". A woman's surname in an oblique case ("Захаровой") is such
// a genitive whatever the verb. A man's in the genitive ("Путина",
// "Владимира Путина") reads as a woman's name in the nominative
// ("Пресс-секретарь Мария Захарова добавила"); the verb tells them apart:
// a man's subject takes "добавил", which a woman's name cannot. A man's
// surname in -ой ("Депутат Андрей Луговой заявил", "Депутат Луговой")
// is in the nominative but for a first name in the genitive before it
// ("Марии Захаровой") or, alone, a verb in the past that a man's name
// cannot take ("Помощник Захаровой сообщила").
func roleOwner(ts []tok, verb string) bool {
	k := len(ts)
	for k > 0 && len(ts)-k < 2 && ts[k-1].word && ts[k-1].upper && ts[k-1].cls&(cRole|cOrg|cNotName|cAllCaps) == 0 {
		k--
	}
	if k == len(ts) || k == 0 || !ts[k-1].word || ts[k-1].cls&cRole == 0 || !isCyrillic(ts[k].low) || !isCyrillic(ts[len(ts)-1].low) {
		return false
	}
	surname := ts[len(ts)-1].low
	if hasAnySuffix(surname, "овой", "евой", "ёвой", "иной", "ыной") {
		if k == len(ts)-1 {
			return ruPast(verb) && !ruPastMasculine(verb)
		}
		return genitivePersonName(ts[k].low, surname)
	}
	if !ruPastMasculine(verb) {
		return false
	}
	if k == len(ts)-1 {
		// A surname alone: a Russian one, as "Путина" ("Премьер Кишида
		// заявил" is the Japanese premier).
		return hasAnySuffix(surname, "ова", "ева", "ёва", "ина", "ына")
	}
	return genitivePersonName(ts[k].low, surname)
}

// speechVerbBy returns the verb of saying (folded) whose subject may be
// the phrase from ts[r] to ts[j]: the one after it within a few
// lower-case words ("… добавил", "… в понедельник добавил"), else the one
// before it ("добавил пресс-секретарь …", "добавил официальный
// представитель …"), or "".
func speechVerbBy(ts []tok, r, j int) string {
	for k := j; k < len(ts) && k < j+4 && ts[k].word && !ts[k].upper; k++ {
		if ts[k].cls&cSpeech != 0 {
			return ts[k].low
		}
	}
	for k := r - 1; k >= 0 && k >= r-4 && ts[k].word && !ts[k].upper; k-- {
		if ts[k].cls&cSpeech != 0 {
			return ts[k].low
		}
	}
	return ""
}

// ruPast reports whether a folded Russian verb is in the past: "добавил",
// "добавила", "добавили", "поделилась".
func ruPast(w string) bool {
	return hasAnySuffix(w, "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись") && isCyrillic(w)
}

// ruPastMasculine reports whether a folded Russian verb is in the past
// singular masculine: "добавил", "сказал", "поделился".
func ruPastMasculine(w string) bool {
	return hasAnySuffix(w, "л", "лся") && isCyrillic(w)
}

// genitiveDomain reports whether a capitalised Russian word reads as a
// genitive (a place or body a role belongs to) rather than a surname:
// "Севастополя", "Москвы", "Чечни". Surnames in the nominative end
// otherwise ("Петров", "Голикова", "Шойгу").
func genitiveDomain(low string) bool {
	return isCyrillic(low) && utf8.RuneCountInString(low) > 3 && !hasAnySuffix(low, "ая", "яя", "ия") && hasAnySuffix(low, "я", "ы", "и")
}

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// notPersonWords make a capitalised run a thing or a place, not a person.
var notPersonWords = stemSet("house", "state", "states", "patrol", "guard", "square", "street", "city", "river", "republic",
	"region", "mosque", "church", "airport", "station", "park", "hospital", "college", "university", "school", "march",
	"vote", "news", "party", "people", "front", "army", "navy", "island", "islands", "sea", "ocean", "mountains", "valley",
	"bridge", "hall", "palace", "court", "road", "avenue", "america", "americans", "union", "nations", "times", "post",
	"virus", "syndrome", "fever", "war", "caliphate", "islamic", "daesh", "isis", "isil", "tv", "twitter", "facebook",
	"гэс", "аэс", "думе", "дума", "площадь", "площади", "проспект", "проспекте", "улица", "республика", "край", "области", "область")

// mentions registers the people a sentence names in passing ("Министр
// обороны Иван Петров выступил в Думе"), with the role before the name,
// so that a later surname, role or pronoun finds them.
func (d *doc) mentions(p string, s *sent) {
	ts := s.toks
	for i := 0; i < len(ts); i++ {
		if !ts[i].word || !ts[i].upper || !d.personTok(ts, i) {
			continue
		}
		j := i + 1 // ts[i] passed the test just above
		for j < len(ts) && ts[j].word && ts[j].upper && d.personTok(ts, j) && j-i < 4 {
			j++
		}
		if j-i < 2 || (j < len(ts) && ts[j].word && ts[j].upper) {
			i = j
			continue
		}
		if j-i >= 3 && i > 0 && ts[i-1].low == "по" {
			i++ // "ГУ МВД по Москве Андрей …": the role's domain
		} else if i > 0 {
			i += ownerBeforeName(ts, i-1, j) // "Мэр Москвы Сергей Собянин"
		}
		// "Minister for Foreign Affairs Ivan Petrov": the words a title
		// links are the title's (see resolve).
		if i >= 2 && titleLink(ts, i-1) && ts[i-2].cls&cRole != 0 {
			for j-i > 2 {
				i++
			}
		}
		// "сообщил Ивану Петрову Сергей Сидоров": the one told, then the
		// speaker.
		if j-i == 4 && dativeName(ts, i) {
			i += 2
		}
		run := ts[i:j]
		// "Пресс-секретарь Владимира Путина добавил": the role's owner,
		// in the genitive, is not its holder (see roleOwner).
		if i > 0 && j-i <= 2 && ts[i-1].cls&cRole != 0 && roleOwner(ts[i-1:j], speechVerbBy(ts, i-1, j)) {
			i = j
			continue
		}
		if isOrgName(run) || isOutletName(run) {
			i = j
			continue
		}
		// The role: role words right before the name.
		lo := i
		for lo > 0 && i-lo < 6 && ts[lo-1].word && ts[lo-1].cls&cBoundary == 0 && ts[lo-1].cls&cSpeech == 0 && ((ts[lo-1].cls&cRole != 0) || !ts[lo-1].upper || isAllCaps(ts[lo-1].s) || d.isPlaceTok(ts, lo-1) || titleModifier(ts[lo-1].low)) {
			lo--
		}
		// "Deputy Foreign Minister Mikhail Bogdanov", "Prime Minister
		// David Cameron": a title in capitals keeps its modifiers.
		for lo < i && ts[lo].cls&cRole == 0 && !(titleModifier(ts[lo].low) && ts[lo].upper) {
			lo++
		}
		role := joinToksIn(p, ts[lo:i])
		name := joinToksIn(p, run)
		if role == "" && !d.quoted(run[0].start) && d.pendingRole != "" && d.find(name) == nil {
			role, d.pendingRole = d.pendingRole, ""
		}
		e := d.find(name)
		if e == nil {
			e = d.remember(&entity{name: name, role: role, kind: Person, mention: true})
		} else if e.role == "" {
			e.role = role
		}
		d.note(e)
		i = j
	}
}

// quoted reports whether the offset pos of the paragraph being read is
// inside one of its quotations.
func (d *doc) quoted(pos int) bool {
	for _, q := range d.quotes {
		if q.start < pos && pos < q.end {
			return true
		}
	}
	return false
}

func (d *doc) personTok(ts []tok, i int) bool {
	t := &ts[i]
	if t.cls&cMonth != 0 && surnameMonth(ts, i) {
		return true // "Theresa May said"
	}
	if t.cls&(cNotName|cRole|cOrg|cNotPerson|cAllCaps|cMonth|cWeekday) != 0 {
		return false
	}
	if strings.HasSuffix(t.low, "'s") || strings.HasSuffix(t.low, "’s") || t.digit {
		return false
	}
	if i == 0 && !isCyrillic(t.low) && (i+1 >= len(ts) || !ts[i+1].upper) {
		return false
	}
	// "Позже Богданов заявил", "Later Bogdanov said": a time adverb
	// opening the sentence is capitalised for that alone. Only adverbs:
	// "Will Hurd said" opens with a first name that is an auxiliary too.
	if timeOpeners[t.low] && opensSentence(ts, i) {
		return false
	}
	return !d.isPlaceTok(ts, i)
}

// titleModifiers qualify a role noun in an English title written in
// capitals ("Prime Minister", "Deputy Foreign Minister", "Defence
// Secretary", "Attorney General"): words that are no role alone.
var titleModifiers = set("prime", "foreign", "defence", "defense", "interior", "home", "finance", "justice",
	"vice", "first", "state", "senior", "acting", "former", "assistant", "executive", "attorney", "health",
	"security", "national", "press", "interim", "chief", "deputy", "general")

// titleModifier reports whether w is a title modifier, also after
// "then-" or "ex-" ("Then-Prime Minister Theresa May").
func titleModifier(w string) bool {
	if r, ok := strings.CutPrefix(w, "then-"); ok {
		w = r
	} else if r, ok := strings.CutPrefix(w, "ex-"); ok {
		w = r
	}
	return titleModifiers[w]
}

// surnameMonth reports whether the month's name ts[i] is a surname after a
// first name ("Theresa May", "Brian May"): an English month in capitals
// right after a capitalised word that could be a person's and not before
// a figure ("in May 2015", "May 5" stay dates).
func surnameMonth(ts []tok, i int) bool {
	t := &ts[i]
	if t.low != "may" || i == 0 || !ts[i-1].word || !ts[i-1].upper || ts[i-1].cls&(cNotName|cRole|cOrg|cNotPerson|cAllCaps|cMonth|cWeekday|cTime) != 0 {
		return false
	}
	return i+1 >= len(ts) || !ts[i+1].digit
}

// timeOpeners are time adverbs that open a sentence before its subject.
var timeOpeners = set("today", "yesterday", "tonight", "earlier", "later", "previously", "recently", "now", "then",
	"сегодня", "вчера", "ранее", "накануне", "позже", "позднее", "затем", "потом", "теперь")

// opensSentence reports whether ts[i] is the sentence's first word (only
// marks, such as a quotation mark or a dash, before it).
func opensSentence(ts []tok, i int) bool {
	for k := 0; k < i; k++ {
		if ts[k].word {
			return false
		}
	}
	return true
}

// isPlaceTok reports whether the word ts[i] alone is a place's name
// (lookupPlace), from the doc's cache of what words name (wordPlace).
func (d *doc) isPlaceTok(ts []tok, i int) bool {
	return d.x.wordPlace(&ts[i], &d.placeHits).isPlace
}

// appositive finds the speaker of "Ivan Petrov, the regional governor,
// said" and "The army's spokesman, Colonel John Smith, told": the two
// comma-separated phrases before the verb at v, one holding a name.
func appositive(ts []tok, v int) (name, role []tok, ok bool) {
	if v < 2 || ts[v-1].s != "," {
		return nil, nil, false
	}
	seg := func(end int) (int, bool) {
		k := end
		for k > 0 && ts[k-1].word && end-k < 8 && ts[k-1].cls&cBoundary == 0 {
			k--
		}
		return k, k < end
	}
	b, ok1 := seg(v - 1)
	if !ok1 || b < 2 || ts[b-1].s != "," {
		return nil, nil, false
	}
	a, ok2 := seg(b - 1)
	if !ok2 {
		return nil, nil, false
	}
	first, second := ts[a:b-1], ts[b:v-1]
	// "Jane Smith, one of the organizers,", "The Syrian Observatory …, a
	// Britain-based monitoring group,": a description after the name.
	if (hasName(first) || isOrgName(first)) && second[0].word && !second[0].upper && (second[0].low == "a" || second[0].low == "an" || second[0].low == "the" || second[0].low == "one") {
		return first, second, true
	}
	switch {
	case hasName(second) && !hasName(first) || hasName(second) && hasRoleWord(first):
		return second, first, true
	case hasName(first) && hasRoleWord(second):
		return first, second, true
	}
	return nil, nil, false
}

func hasRoleWord(ts []tok) bool {
	for i := range ts {
		if ts[i].cls&cRole != 0 {
			return true
		}
	}
	return false
}

// nameTok reports whether ts[i] can be part of a name: a capitalised word
// that is no role and no place, or a connector between two such words.
func (d *doc) nameTok(ts []tok, i int) bool {
	t := &ts[i]
	if !t.word {
		return (t.s == "." || t.s == "-" || t.s == "&") && i > 0 && ts[i-1].word && ts[i-1].upper
	}
	if !t.upper {
		// "Bank of England", "Ministry of Defence"; but "of" after a
		// role links a title ("Secretary of State"), not a name.
		return (t.low == "of" || t.low == "and" || t.low == "for" || t.low == "по" || t.low == "de" || t.low == "al") && i > 0 && ts[i-1].upper && i+1 < len(ts) && ts[i+1].upper &&
			!(titleLink(ts, i) && ts[i-1].cls&cRole != 0)
	}
	if (t.cls&cNotName != 0) || (t.cls&cRole != 0) || strings.HasSuffix(t.low, "'s") || strings.HasSuffix(t.low, "’s") {
		return false
	}
	return !d.isPlaceTok(ts, i)
}

// nominativePhrase gives an oblique phrase ("пресс-службе ГУ МВД",
// "полиции") in the nominative: common nouns in -е take -а, in -ии -ия;
// capitalised words go through nominative.
// nominativeRole gives a person's role found in an oblique case with
// the name ("по словам главы Росстата Сергея Галкина") in the nominative:
// its words up to its first role noun, lower-case and Cyrillic, each in
// the nominative ("глава Росстата", "первый заместитель главы МИД"); the
// words after the role word depend on it and keep their case. Any other
// role is returned as written.
func nominativeRole(p string, ts []tok, role string) string {
	head := -1
	for i := range ts {
		if !ts[i].word || ts[i].upper || !isCyrillic(ts[i].s) {
			return role
		}
		if ts[i].cls&cRole != 0 && !hasAnySuffix(ts[i].low, "ого", "его") {
			head = i // a noun, not an adjective such as "первого"
			break
		}
	}
	if head < 0 {
		return role
	}
	parts := make([]string, 0, head+2)
	for i := 0; i <= head; i++ {
		parts = append(parts, nominativeForm(ts[i].s))
	}
	if head+1 < len(ts) {
		parts = append(parts, joinToksIn(p, ts[head+1:]))
	}
	return strings.Join(parts, " ")
}

func nominativePhrase(ts []tok) string {
	var parts []string
	if head, n := bodyNominative(ts); n > 1 {
		// "Государственной думы", "Центральной избирательной комиссии"
		parts = append(parts, head)
		for i := n; i < len(ts); i++ {
			parts = append(parts, ts[i].s) // the genitive after it as written
		}
		return strings.Join(parts, " ")
	}
	for i := range ts {
		t := &ts[i]
		w := t.s
		if t.word && isCyrillic(w) && !isAllCaps(w) {
			low := t.low
			switch {
			case i == 0 && orgNominative[t.st] != "":
				// "в штабе", "в министерстве": the body's own noun.
				w = orgNominative[t.st]
				if t.upper {
					r, n := utf8.DecodeRuneInString(w)
					w = string(unicode.ToUpper(r)) + w[n:]
				}
			case i == 0 && strings.HasSuffix(low, "ии"):
				w = strings.TrimSuffix(w, "и") + "я"
			case i == 0 && strings.HasSuffix(low, "е") && !t.upper:
				w = strings.TrimSuffix(w, "е") + "а"
			case i == 0 && len(ts) > 1 && orgNominative[ts[1].st] != "" && hasAnySuffix(low, "ого", "ом", "ой", "его", "ем", "ей"):
				// "в Следственном комитете": an adjective agreeing with
				// the body's noun after it.
				w = adjectiveNominative(w, orgNominative[ts[1].st])
			case t.upper && i == 0:
				// only the head: "МЧС России", "полиции Москвы" keep
				// their genitive after it
				w = nominativeWord(w)
			case i == 1 && orgNominative[t.st] != "" && hasAnySuffix(ts[0].low, "ого", "его", "ом", "ем", "ой", "ей"):
				w = orgNominative[t.st] // "Следственного комитета", "Следственном комитете"
			}
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// adjectiveNominative puts an adjective in an oblique case into the
// nominative of the gender of noun: "Следственном" before "комитет" is
// "Следственный", "Пограничной" before "служба" "Пограничная".
func adjectiveNominative(w, noun string) string {
	soft := hasAnySuffix(fold(w), "его", "ем", "ей")
	stem := w
	for _, end := range []string{"ого", "его", "ом", "ем", "ой", "ей"} {
		if strings.HasSuffix(stem, end) {
			stem = strings.TrimSuffix(stem, end)
			break
		}
	}
	switch {
	case strings.HasSuffix(noun, "о") || strings.HasSuffix(noun, "е"):
		if soft {
			return stem + "ее"
		}
		return stem + "ое"
	case strings.HasSuffix(noun, "а") || strings.HasSuffix(noun, "я"):
		if soft {
			return stem + "яя"
		}
		return stem + "ая"
	}
	switch low := fold(stem); {
	case stressedOj[low]:
		return stem + "ой" // "в городском суде": городской суд
	case soft || hasAnySuffix(low, "к", "г", "х", "ж", "ш", "ч", "щ"):
		return stem + "ий" // "в Московском суде": Московский, never Московскый
	}
	return stem + "ый"
}

// stressedOj are the stems of adjectives in body names whose masculine
// nominative ends in a stressed "-ой" ("городской суд", "областной
// суд", "Тверской районный суд"); any other takes "-ый", or "-ий" after
// к, г, х and the hushing consonants.
var stressedOj = set("городск", "областн", "краев", "окружн", "миров", "войсков", "морск", "полев", "тверск",
	"донск", "земск", "передов", "рабоч")

// bodyNoun returns the nominative of a body's noun (lower case) in any
// case of the singular ("думы", "комиссии", "комитете"), or "".
func bodyNoun(low string) string {
	if n := orgNominative[stem(low)]; n != "" {
		return n
	}
	for _, end := range []string{"а", "я", "ы", "и", "е", "у", "ю", "ой", "ей", "ом", "ем", "ию"} {
		if k, ok := strings.CutSuffix(fold(low), end); ok {
			if n := bodyNouns[k]; n != "" {
				return n
			}
		}
	}
	return ""
}

// bodyNouns are orgNominative's nouns by their form without the final
// vowel: "дум" is "дума", "комисси" "комиссия".
var bodyNouns = func() map[string]string {
	m := map[string]string{}
	for _, w := range orgNominative {
		k := w
		for _, end := range []string{"а", "я", "о", "е"} {
			if c, ok := strings.CutSuffix(w, end); ok {
				k = c
				break
			}
		}
		m[fold(k)] = w
	}
	return m
}()

// orgNominative gives the nominative of the nouns that name a body, by
// stem: "штабе" is "штаб", "министерстве" "министерство".
var orgNominative = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{"штаб", "министерство", "ведомство", "комитет", "служба", "пресс-служба", "центр",
		"правительство", "администрация", "управление", "прокуратура", "полиция", "главк", "минздрав", "минфин",
		"мэрия", "департамент", "совет", "суд", "агентство", "посольство", "издание", "палата", "дума", "комиссия",
		"инспекция", "коллегия"} {
		m[stem(w)] = w
	}
	return m
}()

func (d *doc) sharesStem(role string, ts []tok) bool {
	rs := d.stems(role)
	for i := range ts {
		s := ts[i].st
		if !roleWords[s] {
			continue
		}
		for _, r := range rs {
			if r == s {
				return true
			}
		}
	}
	return false
}

func isOrgName(ts []tok) bool {
	for i := range ts {
		if (ts[i].cls&cOrg != 0) || isAllCaps(ts[i].s) || acronymHead(ts[i].s) {
			return true
		}
	}
	return false
}

func isOutletName(ts []tok) bool {
	for i := range ts {
		if isOutletTok(&ts[i]) && ts[i].upper {
			return true
		}
	}
	return false
}

// find returns the entity a name, surname or abbreviation denotes.
func (d *doc) find(name string) *entity {
	key := d.key(name)
	if len(key) == 0 {
		return nil
	}
	// Each match below needs a word of key in e.key, or key's one word
	// to be e's alias: an entity that shares no bit of sig has none.
	sig := wordsSig(key)
	for i := len(d.entities) - 1; i >= 0; i-- {
		e := d.entities[i]
		if e.sig&sig == 0 {
			continue
		}
		if e.alias != "" && len(key) == 1 && fold(e.alias) == key[0] {
			return e
		}
		if containsSeq(e.key, key) || (len(key) > 1 && containsSeq(key, e.key) && len(e.key) > 1) {
			return e
		}
		// a surname: the last word of a person's name
		if e.kind == Person && len(key) == 1 && len(e.key) > 1 && e.key[len(e.key)-1] == key[0] {
			return e
		}
	}
	return nil
}

// remember adds e to the table, dropping the oldest entry when full.
func (d *doc) remember(e *entity) *entity {
	d.setKey(e)
	if len(d.entities) == maxEntities {
		copy(d.entities, d.entities[1:])
		d.entities = d.entities[:maxEntities-1]
	}
	d.entities = append(d.entities, e)
	return e
}

// note records e as the last one mentioned, for pronouns.
func (d *doc) note(e *entity) {
	if e == nil {
		return
	}
	d.lastAny = e
	switch e.kind {
	case Person:
		d.lastPerson = e
	default:
		d.lastOrg = e
	}
}

// firstRune returns the first rune of s.
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// outletTail returns where an outlet named by capitalised words that all
// belong to it ("РИА Новости") starts at the end of ts[lo:hi], after a
// capitalised speaker, or lo when there is none.
func outletTail(ts []tok, lo, hi int) int {
	k := hi
	for k > lo && ts[k-1].word && ts[k-1].upper && (isOutletTok(&ts[k-1]) || isAllCaps(ts[k-1].s) && ts[k-1].cls&cOrg == 0) {
		k--
	}
	if k == hi || k == lo || !isOutletTok(&ts[k]) || !isCyrillic(ts[k].low) {
		return lo
	}
	// the speaker before it: a capitalised name, or a body's abbreviation
	// ("в МЧС РИА Новости")
	if !ts[k-1].word || !ts[k-1].upper || ts[k-1].cls&(cRole|cNotName) != 0 || ts[k-1].cls&cOrg != 0 && !isAllCaps(ts[k-1].s) || isOutletTok(&ts[k-1]) {
		return lo
	}
	return k
}

// nameEnd returns the end of a person's name (two capitalised words or
// more) that follows ts[i] in the same clause, within a few words and
// before any punctuation, boundary word or figure, or i when there is none.
func nameEnd(ts []tok, i int) int {
	for k := i; k < len(ts) && k < i+10; k++ {
		t := &ts[k]
		if !t.word || t.cls&cBoundary != 0 || t.digit {
			return i
		}
		if t.upper && k > 0 && ts[k-1].cls&cLocPrep != 0 {
			for k+1 < len(ts) && ts[k+1].word && ts[k+1].upper {
				k++ // a place: "на Северном Кавказе"
			}
			continue
		}
		if t.upper && k+1 < len(ts) && ts[k+1].word && ts[k+1].upper && hasName(ts[k:k+2]) && !isOrgName(ts[k:k+2]) && !isOutletName(ts[k:k+2]) {
			e := k + 2
			for e < len(ts) && ts[e].word && ts[e].upper && hasName(ts[e:e+1]) && e < k+4 {
				e++
			}
			return e
		}
	}
	return i
}

// namedSpeakerOnly reports whether ts is a named speaker and nothing
// else: an optional "the", then capitalised words or roles only ("Prime
// Minister David Cameron"), holding a first name and surname. A title
// may join its capitalised words with "of" or "for" ("U.S. Secretary of
// State John Kerry", "Minister for Health"), as a name does; a
// lower-case word that is no such link is not a title's ("the death of
// George Floyd").
func namedSpeakerOnly(ts []tok) bool {
	if len(ts) > 0 && ts[0].low == "the" {
		ts = ts[1:]
	}
	for i := range ts {
		if !ts[i].word || !ts[i].upper && ts[i].cls&cRole == 0 && !titleLink(ts, i) {
			return false
		}
	}
	return hasNamePair(ts)
}

// titleLink reports whether the lower-case word ts[i] joins two
// capitalised words of a title ("Secretary of State", "Minister for
// Health").
func titleLink(ts []tok, i int) bool {
	return (ts[i].low == "of" || ts[i].low == "for") && i > 0 && ts[i-1].upper && i+1 < len(ts) && ts[i+1].word && ts[i+1].upper
}

// hasNamePair reports whether ts holds two capitalised words in a row
// that could be a person's first name and surname.
func hasNamePair(ts []tok) bool {
	for k := 0; k+1 < len(ts); k++ {
		if ts[k].word && ts[k].upper && ts[k+1].word && ts[k+1].upper && hasName(ts[k:k+1]) && hasName(ts[k+1:k+2]) {
			return true
		}
	}
	return false
}

// ruParticiple reports whether a folded Russian word is an active
// participle ("работающий", "находящиеся", "прибывший"), which opens a
// phrase describing the noun before it.
// ruRelative are the Russian relative pronouns in the nominative that
// open a clause about the subject before them.
var ruRelative = set("который", "которая", "которое", "которые")

func ruParticiple(w string) bool {
	return isCyrillic(w) && utf8.RuneCountInString(w) > 6 && hasAnySuffix(w, "щий", "щая", "щее", "щие", "щего", "щих", "вший", "вшая", "вшее", "вшие", "вшего", "вших")
}

// allLower reports whether ts holds lower-case words only: no name, no
// abbreviation, no quotation mark.
func allLower(ts []tok) bool {
	for i := range ts {
		if !ts[i].word || ts[i].upper {
			return false
		}
	}
	return true
}
