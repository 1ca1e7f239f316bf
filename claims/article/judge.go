package article

import (
	"strings"
	"unicode"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// The reasons a quantity is kept but marked as likely not a claim.
const (
	ReasonLabel       = "a name or label, not a count"
	ReasonAge         = "an age"
	ReasonTime        = "a time of day"
	ReasonDate        = "a date"
	ReasonDuration    = "a duration"
	ReasonStatistical = "a statistical parameter, not a count"
	ReasonRefers      = "a small number word that refers rather than counts"
	ReasonGeneric     = "a figure in a generic or hypothetical statement"
	ReasonDenied      = "a figure the sentence denies, not claims"
	ReasonDistance    = "a distance that places something, not a count"
	ReasonDegree      = "a word of degree (somewhat), not a count"
	ReasonAppeal      = "a sum the outlet asks its readers for, not a claim"
)

var quantifierWords = set("about", "some", "nearly", "over", "more", "up", "around", "almost", "roughly", "approximately",
	"only", "just", "under", "than", "least", "most", "estimated", "около", "почти", "более", "менее", "до", "свыше",
	"порядка", "примерно", "лишь", "всего", "уже", "еще", "ещё", "из", "от", "между", "between", "from", "to", "and", "or", "и",
	"another", "all", "total", "with", "after", "for", "by", "of", "only", "еще", "ещё", "все", "всех", "около", "более", "свыше")

var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря")

var timeMarks = set("a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc", "hrs", "msk", "мск", "утра", "вечера")

var genericVerbs = set("is", "would", "could", "can", "may", "will", "might", "was")

var statWords = []string{"confidence interval", "confidence level", "margin of error", "standard deviation", "standard error",
	"p-value", "statistically significant", "погрешност", "доверительн", "стандартн"}

// Whether a sentence holds one of statStems, in sent.stat.
const (
	statUnknown uint8 = iota
	statNone
	statSome
)

// hasStatStem reports whether s holds one of the stems of statWords (as
// written, whatever the case of their first letter): only a window that
// does is lowered and searched for the words themselves. A window within
// a sentence that holds none holds none either.
func hasStatStem(s string) bool {
	return strings.Contains(s, "onfiden") || strings.Contains(s, "rror") || strings.Contains(s, "eviation") || strings.Contains(s, "value") || strings.Contains(s, "ignifican") || strings.Contains(s, "огрешн") || strings.Contains(s, "оверител") || strings.Contains(s, "тандартн")
}

// mayHoldStatStem is true wherever hasStatStem is, and seldom elsewhere:
// it looks for a part of each stem that starts with a byte rare in news
// text, where most of the stems' own first bytes (the lead byte of every
// Cyrillic letter, 'o', 'i') would stop the search every few bytes. The
// Cyrillic parts start inside a letter: "шн" of "огрешн" from the second
// byte of "ш", "верит" of "оверител" from that of "в", "дарт" of
// "тандартн" from that of "д".
func mayHoldStatStem(s string) bool {
	return strings.Contains(s, "fiden") || strings.Contains(s, "rror") || strings.Contains(s, "viation") || strings.Contains(s, "value") || strings.Contains(s, "fican") ||
		strings.Contains(s, "\x88\xd0\xbd") || strings.Contains(s, "\xb2\xd0\xb5\xd1\x80\xd0\xb8\xd1\x82") || strings.Contains(s, "\xb4\xd0\xb0\xd1\x80\xd1\x82")
}

// What judge and the reader ask of a quantity's unit, in unitFlagsOf.
const (
	uTime     uint8 = 1 << iota // a time mark: inFolded(timeMarks, u)
	uDuration                   // durationWords[stem(u)]
	uLength                     // a unit of distance: inFolded(lengthUnits, u)
)

// unitFlagsOf folds and stems the unit u once for the questions judge and
// the reader ask of it; "" has none.
func unitFlagsOf(u string) uint8 {
	if u == "" {
		return 0
	}
	var f uint8
	if inFolded(timeMarks, u) {
		f |= uTime
	}
	if durationWords[stem(u)] {
		f |= uDuration
	}
	if inFolded(lengthUnits, u) {
		f |= uLength
	}
	return f
}

// maxUnitCache bounds doc.units: it is emptied when full.
const maxUnitCache = 1024

// unitFlags is unitFlagsOf(u), kept for the units met before.
func (d *doc) unitFlags(u string) uint8 {
	if u == "" {
		return 0
	}
	if f, ok := d.units[u]; ok {
		return f
	}
	f := unitFlagsOf(u)
	if d.units == nil || len(d.units) >= maxUnitCache {
		d.units = make(map[string]uint8, 64)
	}
	d.units[strings.Clone(u)] = f
	return f
}

// judge decides whether q, in sentence s of paragraph p, is likely a claim.
// uf is unitFlagsOf(q.Unit).
func judge(p string, s *sent, q *quantity.Quantity, uf uint8, quotes []span) (bool, string) {
	ts := s.toks
	k := 0
	for k < len(ts) && ts[k].end <= q.Start {
		k++
	}
	j := k
	for j < len(ts) && ts[j].start < q.End {
		j++
	}
	var prev, prev2, next *tok
	if k > 0 {
		prev = &ts[k-1]
	}
	if k > 1 {
		prev2 = &ts[k-2]
	}
	if j < len(ts) {
		next = &ts[j]
	}
	text := fold(q.Text)
	// "тысяч 50–60": a scale before its figure written in digits.
	digits := isDigitStart(q.Text) || invertedDigits(text)
	plain := q.Rule == "numeral" || q.Rule == "round_figure"

	// Names and labels: "Apollo 11", "Channel 4", a "48%-er", «Марш миллионов».
	if digits && plain && q.Unit == "" && prev != nil && prev.word && prev.upper && prev.cls&cNotName == 0 && !quantifierWords[prev.low] && prev.cls&cMonth == 0 && !isAllCaps(prev.s) {
		return false, ReasonLabel
	}
	// "the Million Man March", "the Three Gorges Dam": a number word
	// capitalised inside a sentence, before another capitalised word.
	if !digits && k > 0 && prev != nil && prev.word && unicode.IsUpper(firstRune(q.Text)) &&
		(q.Unit != "" && unicode.IsUpper(firstRune(q.Unit)) || next != nil && next.word && next.upper && next.cls&cNotName == 0) {
		return false, ReasonLabel
	}
	if q.End+1 < len(p) && p[q.End] == '-' {
		rest := p[q.End+1:]
		if strings.HasPrefix(rest, "er") && (len(rest) == 2 || !unicode.IsLetter(rune(rest[2])) || strings.HasPrefix(rest, "ers")) {
			return false, ReasonLabel
		}
	}
	for _, qr := range quotes {
		if !digits && qr.start < q.Start && q.End <= qr.end {
			n, first := fieldsUpTo(strings.Trim(p[qr.start:qr.end], "\"“”«»„"), 6)
			// …but not a short quotation that counts people or things:
			// «Число погибших достигло девяти человек».
			if n <= 5 && n > 0 && unicode.IsUpper(firstRune(first)) && !digits && !inFolded(peopleUnits, q.Unit) {
				return false, ReasonLabel
			}
		}
	}
	// Ages: "Jones, 37," or "aged 37".
	if digits && plain && q.Unit == "" && q.Low != nil && *q.Low <= 120 && *q.Low == float64(int(*q.Low)) {
		if prev != nil && prev.s == "," && prev2 != nil && prev2.word && prev2.upper && (next == nil || next.s == "," || next.s == ")" || next.s == ".") {
			return false, ReasonAge
		}
		if prev != nil && (prev.low == "aged" || prev.low == "age") {
			return false, ReasonAge
		}
	}
	// A figure set against the one claimed: «десятками, а не тысячами»,
	// "hundreds, not thousands".
	if prev != nil && (prev.low == "не" && prev2 != nil && (prev2.low == "а" || prev2.s == ",") || prev.low == "not" && prev2 != nil && prev2.s == ",") {
		return false, ReasonDenied
	}
	// Times: "at 4 p.m.", «в 18.30».
	if next != nil && timeMarks[next.low] || digits && uf&uTime != 0 {
		return false, ReasonTime
	}
	if digits && prev != nil && clockPreps[prev.low] && isClock(q.Text) {
		return false, ReasonTime
	}
	// Dates that came through: "March 3", «5 мая».
	if digits && plain && ((next != nil && (next.cls&cMonth != 0)) || (prev != nil && (prev.cls&cMonth != 0) && prev.upper) ||
		prev != nil && prev.s == "." && prev2 != nil && prev2.cls&cMonth != 0 && prev2.upper) { // "Apr. 26"
		return false, ReasonDate
	}
	// Durations: "a six-week strike", "3 hours".
	if uf&uDuration != 0 {
		return false, ReasonDuration
	}
	if next != nil && next.word && durationWords[next.st] && plain {
		return false, ReasonDuration
	}
	if i := strings.LastIndexByte(q.Text, '-'); i > 0 && durationWords[stem(q.Text[i+1:])] {
		return false, ReasonDuration
	}
	// "несколько странно": "несколько" before an adverb is "somewhat".
	if !digits && strings.HasPrefix(text, "несколько ") && q.Unit != "" && mannerAdverb(fold(q.Unit)) {
		return false, ReasonDegree
	}
	// Distances that place something: «в 28 км от Пальмиры», "30 miles
	// north of the city", "5 km away".
	if uf&uLength != 0 && next != nil && next.word && placingWords[next.low] {
		return false, ReasonDistance
	}
	// Statistical parameters.
	if s.stat == statUnknown {
		s.stat = statNone
		if mayHoldStatStem(p[s.sp.start:s.sp.end]) {
			s.stat = statSome
		}
	}
	if win := p[max(s.sp.start, q.Start-40):min(s.sp.end, q.End+40)]; s.stat == statSome && hasStatStem(win) {
		win = strings.ToLower(win)
		for _, w := range statWords {
			if strings.Contains(win, w) {
				return false, ReasonStatistical
			}
		}
	}
	// Small number words that refer: "the two leaders", "Four regions voted".
	if !digits && plain && smallWords[firstWord(text)] && q.Low != nil && *q.Low <= 10 {
		if prev != nil && determiners[prev.low] {
			return false, ReasonRefers
		}
		if k == 0 || (prev != nil && !prev.word && !isQuoteMark(prev) && prev.s != "—" && prev.s != "–" && prev.s != "-" && prev.s != ":" && prev.s != ",") {
			return false, ReasonRefers
		}
	}
	if !digits && plain && prev != nil && determiners[prev.low] && isCyrillic(prev.low) {
		return false, ReasonRefers
	}
	// The outlet's own appeal for money: "please support us monthly
	// starting from just $2", «поддержите нас — от 100 рублей в месяц».
	// The parser gives a sum of money its currency's code as unit (three
	// letters, asked first: most quantities have none).
	if len(q.Unit) == 3 && quantity.IsCurrencyCode(q.Unit) && isAppeal(ts) {
		return false, ReasonAppeal
	}
	// "A protest of 50,000 is impressive".
	if prev != nil && prev.low == "of" && prev2 != nil && k >= 3 && (ts[k-3].low == "a" || ts[k-3].low == "an") && next != nil && genericVerbs[next.low] {
		return false, ReasonGeneric
	}
	return true, ""
}

// appealAsks are the words of an outlet asking its readers for money that
// say so alone: imperatives and "support us".
var appealAsks = set("поддержите", "пожертвуйте", "подпишитесь", "станьте")

// appealGives are words of giving or subscribing that may as well report
// a fact ("donors can donate up to $2,700", «фонд получил пожертвование в 2
// миллиона рублей»): they make an appeal only in a sentence that also
// addresses the reader (appealReader) or names a small price
// (appealPrice).
var appealGives = set("donate", "subscribe", "пожертвование", "пожертвования", "пожертвованием", "подписка", "подписку", "подписки")

// appealReader are the words that address the reader (pronouns, "please",
// the imperatives «сделайте», «оформите», which count only beside a word
// of appealGives, anywhere in the sentence) or speak as the outlet ("us").
var appealReader = set("you", "your", "please", "us", "вы", "вас", "вам", "ваш", "ваша", "ваше", "ваши", "вашей", "пожалуйста", "нас", "нам", "сделайте", "оформите")

// appealPrice are the words of a small or recurring price. Alone they
// appeal for nothing: "prices rose from just $2", "passage for as little
// as $500".
var appealPrice = set("just", "little", "starting", "monthly", "month", "всего", "месяц", "ежемесячно")

// isAppeal reports whether the sentence with the tokens ts asks the reader
// for money: "support us", "become a member", an imperative of appealAsks,
// or a word of appealGives with a word of appealReader or appealPrice.
// "US" in capitals is the country, not the reader.
func isAppeal(ts []tok) bool {
	ask, give, reader, price := false, false, false, false
	for i := range ts {
		t := &ts[i]
		if !t.word {
			continue
		}
		var next string
		if i+1 < len(ts) {
			next = ts[i+1].low
		}
		switch {
		case appealAsks[t.low], (t.low == "support" || t.low == "join") && next == "us",
			t.low == "become" && (next == "a" || next == "an") && i+2 < len(ts) && (ts[i+2].low == "member" || ts[i+2].low == "supporter" || ts[i+2].low == "subscriber"):
			ask = true
		case appealGives[t.low]:
			give = true
		}
		if appealReader[t.low] && !(t.low == "us" && isAllCaps(t.s)) {
			reader = true
		}
		if appealPrice[t.low] {
			price = true
		}
	}
	return ask || give && (reader || price)
}

// peopleUnits count people: a short quotation with one of them after its
// figure is a statement, not a title.
var peopleUnits = set("человек", "человека", "people", "persons")

// lengthUnits are units of distance, as the parser gives them.
var lengthUnits = set("км", "километров", "километра", "километр", "километрах", "м", "метров", "метра", "метрах", "миль", "мили",
	"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "yards", "feet")

// placingWords after a distance make it a location: «в 28 км от
// Пальмиры», «в 5 км к северу», "30 miles north of", "5 km away".
var placingWords = set("от", "к", "севернее", "южнее", "западнее", "восточнее", "from", "away", "north", "south", "east",
	"west", "northeast", "northwest", "southeast", "southwest", "outside", "off", "inland", "offshore")

// clockPreps come before a time of day: «в 18.30», «назначено на 15.00»,
// «до 23.00».
var clockPreps = set("в", "к", "с", "на", "до", "после", "at", "by", "until", "till")

// isClock reports whether s reads as a time: "18.30", "4:15".
func isClock(s string) bool {
	i := strings.IndexAny(s, ".:")
	if i < 1 || i > 2 || len(s) != i+3 {
		return false
	}
	for k, r := range s {
		if k != i && !unicode.IsDigit(r) {
			return false
		}
	}
	h := int(s[0] - '0')
	if i == 2 {
		h = h*10 + int(s[1]-'0')
	}
	m := int(s[i+1]-'0')*10 + int(s[i+2]-'0')
	return h < 24 && m < 60
}

// invertedDigits reports whether a folded quantity's text opens with a
// scale before a figure in digits ("тысяч 50–60"), as the parser reads
// the colloquial inversion.
func invertedDigits(text string) bool {
	w, rest, ok := strings.Cut(text, " ")
	return ok && quantity.IsInvertedScale(w) && isDigitStart(rest)
}

// fieldsUpTo returns how many words strings.Fields finds in s, counting
// no further than limit, and the first of them, without making the list.
func fieldsUpTo(s string, limit int) (n int, first string) {
	start := -1
	for i, r := range s {
		switch {
		case !unicode.IsSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			if n == 0 {
				first = s[start:i]
			}
			n++
			if n == limit {
				return n, first
			}
			start = -1
		}
	}
	if start >= 0 {
		if n == 0 {
			first = s[start:]
		}
		n++
	}
	return n, first
}
