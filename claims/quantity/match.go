package quantity

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

type coreKind uint8

const (
	coreNumeral coreKind = iota
	coreRange
	coreFraction
	coreRatio
	coreVague
)

// amount is one figure as written: "$2bn", "eight hundred", "1,5 млн руб.".
type amount struct {
	v          float64
	scale      float64 // product of the scale words and suffixes, 1 when none; for number words the figure's own scale (see wordNumber)
	folded     bool    // number words: the scale is folded into v and trailZeros
	currency   string
	bareDollar bool // the currency is a "$" with no letters before it, which another nation's dollar named after the figure overrides
	percent    bool
	digits     bool // written in digits
	yearLike   bool
	wordOne    bool // a lone word "one", "один"
	zeroWord   bool // "zero", "none", "ноль": in running text mostly not a count ("zero tolerance", "none of them")
	decimals   uint8
	trailZeros uint8
	tok        int    // index of the first number token
	bad        string // why the figure cannot be read: "1.500" in English, "150,00"
	fall       bool   // a range's second end below its first once they share a scale: "с 5 до 3 млн"
	vague      int16  // a range's end that is a vague quantity ("от нескольких сотен до тысячи"): its index in Parser.vague plus one; scale is its base
}

// roundUnit is the unit of the last significant digit as written: 1,000
// for "4,000", 100 for "eight hundred", 100,000 for "1.2 million". It is 0
// when the figure is not round: no scale word or suffix after digits, and
// fewer than two trailing zeros.
func (a *amount) roundUnit() float64 {
	switch {
	case a.folded || a.scale == 1:
		if a.trailZeros < 2 {
			return 0
		}
		return math.Pow10(int(a.trailZeros))
	default:
		return math.Pow10(int(a.trailZeros)) * a.scale / math.Pow10(int(a.decimals))
	}
}

// match is one quantity expression found in the tokens.
type match struct {
	start, end int // byte span
	leadEnd    int // end of the quantity words, before the unit
	leadEndTok int // index of the token after them
	mod        modKind
	core       coreKind
	vague      int     // index into Parser.vague
	base       float64 // unit of a vague multiplier: 12 for "a few dozen"
	a, b       amount  // the figure, or a range's ends
	pct        float64 // a fraction or ratio as a percentage
	unit       string
	countNoun  bool
	hedged     bool    // an approximator after a bound: "up to about 4,000"
	alt        bool    // a range given as alternatives: "two or three thousand", "пять-шесть тысяч"
	sign       rune    // a minus glued before the figure: '−' when surely a sign, '-' when a hyphen-minus after a space may be a dash
	change     int8    // a verb of change before the figure: -1 "fell by", 1 "rose by"
	changeBy   bool    // the verb had "by", "на"
	err        float64 // a stated error, in the figure's unit: "± 5,000"
	reason     string  // why the match cannot be read: Parse refuses with it, Extract leaves the match out
	aEnd       int     // a range: the end of its first figure
	bStart     int     // a range: the start of its second figure
	aStart     int     // "from 90,000 to 250,000": the start of the first figure
	tooBig     bool    // a figure above MaxValue
	dateYear   bool    // a year in a date context: "in 2015", "с 2011 года"
	otLow      bool    // "от 300 человек": "от" read as a lower bound
	sApprox    bool    // "с десяток": "с" read as an approximator
	skip       bool    // Extract leaves it out: a year, a date, a page number…
}

// matchAt reads the quantity expression that starts at toks[i], if any,
// and returns the index of the token after it.
func (p *Parser) matchAt(s string, toks []token, i int, m *match) (int, bool) {
	return p.matchOne(s, toks, i, m, false)
}

// matchOne is matchAt; nested is set when it reads the second side of a
// two-sided bound, which cannot have a third.
func (p *Parser) matchOne(s string, toks []token, i int, m *match, nested bool) (int, bool) {
	*m = match{start: toks[i].start}
	if afterNumberDash(toks, i) {
		return 0, false
	}
	j := i
	// A count noun before the figure, the colloquial inversion of "около":
	// "человек 200" is about 200 people (see invertedNoun).
	fig, inverted := p.invertedNounAt(s, toks, i)
	noun := i
	// A verb of change before it: "выросли процентов на 5", "выросли на
	// процентов 5", "снизились рублей на 500" are a change of about so much.
	changeLead := false
	if !inverted && toks[i].kind == tWord && p.word(&toks[i]).flags&(fUp|fDown) != 0 && i+2 < len(toks) {
		k := i + 1
		if p.isNa(s, &toks[k]) {
			k++
		}
		if f, ok := p.invertedNounAt(s, toks, k); ok && (k > i+1 || f > k+1 || p.word(&toks[k]).has(fPercent)) {
			fig, inverted, changeLead, noun = f, true, true, k
			m.change, m.changeBy = 1, k > i+1 || f > k+1
			if p.word(&toks[i]).has(fDown) {
				m.change = -1
			}
		}
	}
	if inverted {
		j = fig
	}
	// A verb of change before the figure: "fell by 5%", "rose 3%",
	// "снизился на 5%". Without "by" only a percentage is a change: "dropped
	// 5 bombs" is a count.
	if w := p.word(&toks[j]); w.flags&(fUp|fDown) != 0 && j+1 < len(toks) {
		k := j + 1
		by := p.word(&toks[k]).has(fBy)
		if by {
			k++
		} else if e, _, ok := p.prefixAt(toks, k); toks[k].kind == tWord && toks[k].id != 0 && ok && p.hedgedBy(toks, e) {
			// A hedge between the verb and "на": "выросли примерно на 50
			// тысяч", "снизилась почти на 5%"; the hedge is read below.
			by = true
		}
		if k < len(toks) && (by || toks[k].kind == tNum) {
			m.change = 1
			if w.has(fDown) {
				m.change = -1
			}
			m.changeBy = by
			j = k
		}
	}
	// A sign in words: "minus 5", "negative 504", "минус 5 процентов".
	if w := p.word(&toks[j]); w.has(fSignWord) && j+1 < len(toks) && p.startsFigure(&toks[j+1]) {
		m.sign = '−'
		j++
	}
	// A margin of error with no figure before it: "± 5,000", "plus or
	// minus 3 points".
	if k, ok := p.errorSign(toks, j); ok && k < len(toks) {
		m.reason = "a margin of error (±) with no figure before it to widen"
		j = k
	}
	if j >= len(toks) {
		return 0, false
	}
	if t := &toks[j]; t.kind == tSym {
		if k, mod, ok := comparisonAt(toks, j); ok {
			m.mod, j = mod, k
		}
	} else if t.kind == tWord && t.id != 0 && !p.dollarPrefix(s, toks, j) {
		if k, mod, ok := p.prefixAt(toks, j); ok {
			m.mod, j = mod, k
		} else if k, mod, ok := p.negatedAt(toks, j); ok {
			m.mod, j = mod, k
		}
		if m.mod != modNone && p.hedgedBy(toks, j) {
			j++ // "примерно на 85 млрд", "почти на 5%": the hedge holds the figure after "на"
		}
		if m.mod == modNone && t.id == p.lex.idS && j+1 < len(toks) && toks[j+1].space && p.word(&toks[j+1]).has(fSApprox) {
			// "с десяток", "с сотню", "с два десятка": "с" before an
			// accusative figure is "about" (checked after the figure).
			m.mod, m.sApprox, j = modOkolo, true, j+1
		}
	}
	// A bound then an approximator: "up to about 4,000", "более порядка
	// тысячи". The bound decides the reading; the approximator marks it
	// hedged.
	if isBoundMod(m.mod) && j < len(toks) {
		if k, ok := p.approximatorAt(toks, j); ok {
			m.hedged, j = true, k
		}
	}
	if j >= len(toks) {
		return 0, false
	}
	if m.mod == modBetween || m.mod == modFrom {
		k, ok := p.rangeAfter(s, toks, j, m)
		if ok {
			m.mod = modNone
			j = k
		} else if m.mod == modFrom && p.otOpens(s, toks, i) {
			// "от 300 человек воюют": "от" with no "до" after the figure
			// opens it as a lower bound (checked after the figure).
			m.aStart, m.aEnd, m.bStart = 0, 0, 0
			m.mod, m.otLow = modAtLeast, true
			k, ok := p.core(s, toks, j, m)
			if !ok {
				return 0, false
			}
			j = p.postfix(s, toks, k, m)
		} else {
			return 0, false // the figure alone matches at the next token
		}
	} else {
		k, ok := p.core(s, toks, j, m)
		if !ok {
			return 0, false
		}
		j = p.postfix(s, toks, k, m)
	}
	m.leadEnd, m.leadEndTok = toks[j-1].end, j
	if u := p.unitAfter(s, toks, j, m); u > j {
		j = u
		// A hedge after the unit: "nine thousand fighters at least".
		// Only where the sentence or clause ends, so that "800 fighters
		// and more weapons" or "800 fighters plus their families" keep
		// their plain reading.
		if m.mod == modNone && (m.core == coreNumeral || m.core == coreVague) && j < len(toks) && toks[j].kind == tWord {
			if e, mod, ok := p.postfixMod(toks, j); ok && mod != modOdd && !p.word(&toks[j]).has(fPlus) &&
				(e == len(toks) || toks[e].kind == tSym) {
				m.mod, m.leadEnd, j = mod, toks[e-1].end, e
			}
		}
	}
	if inverted && !p.invertedNoun(s, toks, noun, changeLead, &j, m) {
		return 0, false // "человек 20 лет", "человек 5%": the figure alone
	}
	if m.mod == modFewerThan || m.mod == modMoreThan {
		// "less than 5000 or equal", "more than 30 or equal to"
		if k, ok := p.orEqualAt(toks, j); ok {
			m.mod = map[modKind]modKind{modFewerThan: modUpTo, modMoreThan: modAtLeast}[m.mod]
			j = k
		}
	}
	if !nested && m.core == coreNumeral && m.change == 0 && m.sign == 0 && boundSide(m.mod) != 0 {
		if k, ok := p.twoSided(s, toks, j, m); ok {
			j = k
		}
	}
	m.end = toks[j-1].end
	if m.reason == "" {
		if m.a.bad != "" {
			m.reason = m.a.bad
		} else if m.core == coreRange && m.b.bad != "" {
			m.reason = m.b.bad
		}
	}
	p.judgeSkip(s, toks, j, m)
	switch {
	case m.otLow && !p.otLowerBound(toks, j, m):
		return 0, false // "от 2015 года", "от 300 человек до 500": the figure alone, as before
	case m.sApprox && !((m.core == coreNumeral || m.core == coreRange) && m.mod == modOkolo && !m.a.digits && m.a.scale > 1 && !m.skip):
		return 0, false // "с два": no counted noun, so no approximation; the figure alone
	case inverted && m.skip:
		return 0, false // "человек 12 марта": a date
	}
	if m.a.v > MaxValue || m.b.v > MaxValue || (m.core == coreVague && p.vague[m.vague].High*m.base > MaxValue) {
		m.tooBig = true
	}
	if i > 0 && (toks[i].kind == tNum || currencySymbol(toks[i].sym) != "") && !toks[i].space && isSign(toks, i-1) {
		m.sign = '−'
		if t := &toks[i-1]; t.sym == '-' && (i == 1 || t.space) {
			m.sign = '-' // "-5" alone or after a space: in running text often a dash
		}
	}
	return j, true
}

// isSign reports a minus sign at toks[k], glued to what follows it: a
// hyphen-minus or U+2212 that starts the text, follows a space or an
// opening bracket or operator ("-5", "(−5)", "=-5"), not one between two
// words or figures ("F-16", "5-7").
func isSign(toks []token, k int) bool {
	t := &toks[k]
	if t.kind != tSym || (t.sym != '-' && t.sym != '−') {
		return false
	}
	if k == 0 || t.space {
		return true
	}
	prev := &toks[k-1]
	if prev.kind != tSym {
		return false
	}
	switch prev.sym {
	case '(', '[', '{', '=', ':', ';', ',', '/', '<', '>', '~', '≈', '∼', '"', '\'', '«', '“', '‘':
		return true
	}
	return false
}

// prefixAt matches the longest modifier phrase at toks[i].
func (p *Parser) prefixAt(toks []token, i int) (int, modKind, bool) {
	for _, ph := range p.lex.words[toks[i].id].prefix {
		if k, ok := matchPhrase(toks, i, ph.ids); ok {
			if len(ph.ids) == 1 && p.lex.words[ph.ids[0]].flags&fAbbrev != 0 {
				if k < len(toks) && toks[k].kind == tSym && toks[k].sym == '.' && !toks[k].space {
					k++
				} else if toks[i].end-toks[i].start == 1 {
					continue // "c" is circa only as "c."
				}
			}
			return k, ph.mod, true
		}
	}
	return 0, modNone, false
}

// approximatorAt matches an approximator at toks[i]: "~", "≈", "about",
// "около"…
func (p *Parser) approximatorAt(toks []token, i int) (int, bool) {
	t := &toks[i]
	if t.kind == tSym && (t.sym == '~' || t.sym == '≈' || t.sym == '∼') {
		return i + 1, true
	}
	if t.kind == tWord && t.id != 0 {
		if k, mod, ok := p.prefixAt(toks, i); ok && isApproxMod(mod) {
			return k, true
		}
	}
	return 0, false
}

// isBoundMod reports the modifiers that put the figure at one end of the
// reading, which an approximator after them only hedges.
func isBoundMod(mod modKind) bool {
	switch mod {
	case modMoreThan, modAtLeast, modFewerThan, modUpTo, modNearly, modJustUnder, modJustOver,
		modCloseTo, modJustShy, modPochti, modBezMalogo, modUpwardsOf, modNorthOf, modBoleeChem:
		return true
	}
	return false
}

// matchPhrase matches word IDs from toks[i], stepping over hyphens inside
// the phrase ("где-то").
func matchPhrase(toks []token, i int, ids []int32) (int, bool) {
	k := i
	for n, id := range ids {
		if n > 0 && k < len(toks) && toks[k].kind == tSym && toks[k].sym == '-' && !toks[k].space {
			k++
		}
		if n > 0 && k+1 < len(toks) && toks[k].kind == tSym && (toks[k].sym == '\'' || toks[k].sym == '’') &&
			!toks[k].space && !toks[k+1].space {
			k++ // "doesn't"
		}
		if k >= len(toks) || toks[k].kind != tWord || toks[k].id != id {
			return 0, false
		}
		k++
	}
	return k, true
}

// word returns what the lexicon knows of t: nothing (words[0]) for an
// unknown word, a number or a symbol, which tokenize leaves with ID 0.
func (p *Parser) word(t *token) *wordInfo {
	return &p.lex.words[t.id]
}

func isSym(toks []token, k int, r rune) bool {
	return k < len(toks) && toks[k].kind == tSym && toks[k].sym == r
}

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '‒' || r == '−' }

// rangeAfter reads "70 and 80" after "between", or "70 to 80" after "from".
func (p *Parser) rangeAfter(s string, toks []token, j int, m *match) (int, bool) {
	k, ok := p.rangeEnd(s, toks, j, &m.a, m.mod == modFrom, true)
	if !ok || k+1 >= len(toks) {
		return 0, false // "between 0 and" ends the text: no second end
	}
	t := &toks[k]
	w := p.word(t)
	switch {
	case t.kind == tSym && isDash(t.sym):
	case m.mod == modBetween && w.has(fAnd):
	case m.mod == modFrom && w.has(fTo):
	default:
		return 0, false
	}
	m.aStart, m.aEnd, m.bStart = toks[j].start, toks[k-1].end, toks[k+1].start
	k, ok = p.rangeEnd(s, toks, k+1, &m.b, m.mod == modFrom && w.has(fTo), false)
	if !ok {
		return 0, false
	}
	if m.b.vague != 0 && m.a.vague == 0 && m.a.scale == 1 && m.b.scale > 1 && m.a.v*m.b.scale <= m.b.v {
		// "от пяти до нескольких тысяч": five, or five thousand, to
		// several thousand? Not read as one range.
		return 0, false
	}
	if !spreadRange(&m.a, &m.b) {
		return 0, false
	}
	m.core = coreRange
	return k, true
}

// rangeEnd reads an end of a range at toks[j]: an amount or, where
// genitive is set (the ends of "от … до …", which govern the genitive), a
// Russian genitive singular that is also a plural, read as the singular
// it is after those prepositions: "от сотни до тысячи" is 100 to 1,000,
// "от 300 до тысячи" 300 to 1,000 ("тысячи" alone is "thousands").
//
// An end that is a vague quantity ("from several hundred to a thousand",
// "от нескольких десятков до сотни", "between a few dozen and 100") is
// read at its outer bound, the low end of its interval as the first end
// and the high end as the second: "several hundred" is 300 to 900, so
// "from several hundred to a thousand" is 300 to 1,000. first tells the
// ends apart.
func (p *Parser) rangeEnd(s string, toks []token, j int, a *amount, genitive bool, first bool) (int, bool) {
	if k, ok := p.amount(s, toks, j, a); ok {
		return k, ok
	}
	if j >= len(toks) || toks[j].kind != tWord {
		return 0, false
	}
	if w := p.word(&toks[j]); genitive && w.sing > 0 && !isASCIILetter(s[toks[j].start]) {
		*a = amount{v: w.sing, scale: 1, tok: j}
		return p.amountTail(s, toks, j+1, a), true
	}
	var vm match
	k, ok := p.vagueAt(toks, j, &vm)
	if !ok {
		return 0, false
	}
	e := &p.vague[vm.vague]
	*a = amount{scale: vm.base, tok: j, vague: int16(vm.vague + 1)}
	if first {
		a.v = e.Low * vm.base
		if e.LowExclusive {
			a.v = exclusiveLow(a.v)
		}
	} else {
		a.v = e.High * vm.base
		if e.HighExclusive {
			a.v = exclusiveHigh(a.v)
		}
	}
	return p.amountTail(s, toks, k, a), true
}

// spreadRange shares scale, currency and percent between a range's ends
// ("70-80 thousand", "$2-3bn", "40-50%") and reports whether the ends
// rise.
func spreadRange(a, b *amount) bool {
	switch {
	case a.scale == 1 && b.scale > 1 && a.v*b.scale <= b.v:
		a.v *= b.scale
		a.scale = b.scale
	case a.scale == 1 && b.scale > 1 && a.v*b.scale < 10*b.v && a.bad == "" && b.bad == "":
		// "с 5 до 3 млн", "from 5 to 3 million": falling ends that share
		// the scale, a revision (split by Extract) rather than a range
		// of 5 to 3,000,000.
		a.v *= b.scale
		a.scale = b.scale
		b.fall = true
		b.bad = fmt.Sprintf("the figures fall (%s to %s): a revision or two figures, not a range", numText(a.v), numText(b.v))
		return a.currency == b.currency || a.currency == "" || b.currency == ""
	}
	sharedGroups(a, b)
	if a.currency == "" {
		a.currency = b.currency
	} else if b.currency == "" {
		b.currency = a.currency
	}
	if a.percent != b.percent {
		a.percent, b.percent = true, true
	}
	return a.v < b.v && a.currency == b.currency
}

// sharedGroups reads a range whose first end leaves out the zero groups
// its second end writes: "30-40,000" is 30,000 to 40,000, "10 to 20,000"
// 10,000 to 20,000, "1-2,000,000" 1 to 2 million, "30–40 000" alike. Both
// ends are plain figures in digits; the first, under 1,000, is below the
// second's leading group (40 of "40,000") and has at most one digit
// fewer. A first end at or above the leading group keeps both ends as
// written ("100-1,000", "800 to 1,500"). What may be either is refused
// with a reason in b.bad: "3-400,000" (3,000 or 300,000?), "1.5-2,000",
// "3-4,500" (3 or 3,000?).
func sharedGroups(a, b *amount) {
	if !a.digits || !b.digits || a.scale != 1 || b.scale != 1 || a.percent || b.percent || b.bad != "" || a.bad != "" ||
		a.v <= 0 || a.v >= 1000 || b.v < 1000 || b.decimals != 0 {
		return
	}
	m := 1.0
	for m*1000 <= b.v && math.Mod(b.v, m*1000) == 0 {
		m *= 1000
	}
	lead := b.v / max(m, 1000)
	if a.v >= lead {
		return // "100-1,000": both ends as written
	}
	if m == 1 || a.decimals != 0 || intDigits(a.v) < intDigits(lead)-1 {
		b.bad = fmt.Sprintf("a range that may share its second end's thousands or not (%s to %s, or %s to %s): write both ends in full",
			numText(a.v), numText(b.v), numText(a.v*max(m, 1000)), numText(b.v))
		if intDigits(a.v) < intDigits(lead)-1 {
			b.bad = fmt.Sprintf("a range whose first end is too short for its second (%s to %s, %s to %s or %s to %s?): write both ends in full",
				numText(a.v), numText(b.v), numText(a.v*m), numText(b.v), numText(a.v*m*math.Pow10(intDigits(lead)-intDigits(a.v))), numText(b.v))
		}
		return
	}
	a.v *= m
}

// intDigits is the number of digits of v's whole part, at least 1.
func intDigits(v float64) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// numText writes v with thousands separators, as the explanations do.
func numText(v float64) string { return string(appendNum(nil, v, false)) }

// core reads the figure, fraction, ratio or vague quantity at toks[j].
func (p *Parser) core(s string, toks []token, j int, m *match) (int, bool) {
	t := &toks[j]
	w := p.word(t)
	// "каждый пятый"
	if w.has(fEach) && j+1 < len(toks) {
		if o := p.word(&toks[j+1]).ordinal; o > 0 {
			m.core, m.pct = coreRatio, 100/o
			return j + 2, true
		}
	}
	// "более тысячи", "около сотни": the genitive singular after a bound.
	if w.sing > 0 && m.mod != modNone && m.mod != modExact {
		m.a = amount{v: w.sing, scale: 1, tok: j}
		// "более десятка тысяч", "около сотни тысяч": a unit noun of the
		// scale after it.
		if n := j + 1; w.base > 0 && n < len(toks) && toks[n].kind == tWord && !isASCIILetter(s[t.start]) {
			if nw := p.word(&toks[n]); nw.scale > w.sing && nw.has(fNumScale) {
				m.a.v *= nw.scale
				m.a.scale = nw.scale
				return p.amountTail(s, toks, n+1, &m.a), true
			}
		}
		return p.amountTail(s, toks, j+1, &m.a), true
	}
	if k, ok := p.slashFraction(toks, j, m); ok {
		return k, true
	}
	if k, ok := p.vagueAt(toks, j, m); ok {
		return k, true
	}
	if k, ok := p.fractionAt(s, toks, j, m); ok {
		return k, true
	}
	k, ok := p.amount(s, toks, j, &m.a)
	if !ok {
		return 0, false
	}
	// "one in five", "1 out of 10", "один из пяти"
	if k < len(toks) && !m.a.percent && m.a.currency == "" {
		kw := p.word(&toks[k])
		r := k
		switch {
		case kw.has(fIn):
			r = k + 1
		case kw.has(fOut) && r+1 < len(toks) && p.word(&toks[k+1]).has(fOf):
			r = k + 2
		case kw.has(fOf) && toks[k].kind == tWord && !isASCIILetter(s[toks[k].start]): // "из"
			r = k + 1
		}
		if r > k && r < len(toks) {
			if p.word(&toks[r]).has(fEvery) {
				r++
			}
			var b amount
			if e, ok := p.amount(s, toks, r, &b); ok && b.currency == "" && !b.percent && !b.yearLike && m.a.v < b.v && m.a.v > 0 {
				m.core, m.b, m.pct = coreRatio, b, 100*m.a.v/b.v
				return e, true
			}
		}
	}
	// "two-thirds", "three quarters", "две трети"
	if k < len(toks) && !m.a.digits && m.a.scale == 1 && m.a.v >= 1 && m.a.v < 10 {
		f := k
		if isSym(toks, f, '-') && !toks[f].space {
			f++
		}
		if f < len(toks) && p.word(&toks[f]).frac > 0 && !p.word(&toks[f]).has(fHalf) {
			frac := m.a.v * p.word(&toks[f]).frac
			// "three-quarters of a million", "три четверти миллиона": a figure.
			b := f + 1
			if b < len(toks) && p.word(&toks[b]).has(fOf) {
				b++
			}
			if b < len(toks) && p.word(&toks[b]).has(fA) {
				b++
			}
			if b < len(toks) && p.word(&toks[b]).scale > 0 && p.word(&toks[b]).has(fNumScale) {
				sc := p.word(&toks[b]).scale
				m.a = amount{v: frac * sc, scale: sc, tok: j}
				return p.amountTail(s, toks, b+1, &m.a), true
			}
			m.core, m.pct = coreFraction, 100*frac
			return f + 1, true
		}
	}
	return k, true
}

// fractionAt reads "half", "a third", "one-half", "половина", "half a
// dozen" and "a quarter of a million" (the last two are figures).
func (p *Parser) fractionAt(s string, toks []token, j int, m *match) (int, bool) {
	k := j
	w := p.word(&toks[k])
	article := false
	if w.has(fA) || (w.num == 1 && w.rank == rankUnit && isASCIILetter(s[toks[k].start])) {
		article = true
		k++
		if isSym(toks, k, '-') && !toks[k].space {
			k++
		}
		if k >= len(toks) {
			return 0, false
		}
		w = p.word(&toks[k])
	}
	if w.frac == 0 {
		return 0, false
	}
	english := isASCIILetter(s[toks[k].start])
	if english && !article && !w.has(fHalf) && (k+1 >= len(toks) || p.word(&toks[k+1]).scale == 0) {
		return 0, false // "third" alone is an ordinal; "quarter million" is a figure
	}
	frac := w.frac
	k++
	// "half a dozen", "half a million", "a quarter of a million"
	b := k
	hyphen := func() { // "half-a-dozen"
		if isSym(toks, b, '-') && !toks[b].space && b+1 < len(toks) && !toks[b+1].space {
			b++
		}
	}
	hyphen()
	if b < len(toks) && p.word(&toks[b]).has(fOf) {
		b++
	}
	if b < len(toks) && p.word(&toks[b]).has(fA) {
		b++
		hyphen()
	}
	if b < len(toks) && (b > k || p.word(&toks[b]).scale > 0) {
		bw := p.word(&toks[b])
		if u := max(bw.scale, bw.base); u > 0 && bw.flags&fPlural == 0 {
			m.a = amount{v: frac * u, scale: u, tok: j}
			return p.amountTail(s, toks, b+1, &m.a), true
		}
	}
	m.core, m.pct = coreFraction, 100*frac
	return k, true
}

// vagueAt reads a vague quantity: "a few dozen", "several hundred
// thousand", "dozens", "tens of thousands", "несколько десятков".
func (p *Parser) vagueAt(toks []token, j int, m *match) (int, bool) {
	k, idx := j, -1
	for _, ph := range p.word(&toks[j]).vagueP {
		if e, ok := matchPhrase(toks, j, ph.ids); ok {
			k, idx = e, int(ph.vague)-1
			break
		}
	}
	if idx < 0 {
		w := p.word(&toks[j])
		if w.vague == 0 {
			return 0, false
		}
		k, idx = j+1, int(w.vague)-1
	}
	e := &p.vague[idx]
	m.core, m.vague, m.base = coreVague, idx, 1
	// The unit that follows: "a few dozen", "several hundred thousand",
	// "a couple of hundred"; after a plural only scales: "tens of thousands".
	b := k
	if b < len(toks) && p.word(&toks[b]).has(fOf) {
		b++
	}
	for n := 0; n < 3 && b < len(toks); n++ {
		w := p.word(&toks[b])
		u := w.scale
		if !e.plural && u == 0 {
			u = w.base
			if w.has(fHundred) {
				u = 100
			}
		}
		if u == 0 && w.has(fOf) && b+1 < len(toks) && p.word(&toks[b+1]).scale > 0 && m.base > 1 {
			b++ // "several tens of thousands"
			continue
		}
		if u == 0 || (toks[b].kind != tWord) {
			break
		}
		m.base *= u
		b++
		if w.has(fAbbrev) && isSym(toks, b, '.') && !toks[b].space {
			b++
		}
		k = b
	}
	return k, true
}

// amount reads one figure: an optional currency, digits or number words,
// scale words, and a currency or percent sign after.
func (p *Parser) amount(s string, toks []token, j int, a *amount) (int, bool) {
	*a = amount{scale: 1}
	k := j
	if k >= len(toks) {
		return 0, false
	}
	// Currency before the figure: "$2bn", "US$ 5m", "€300", "USD 40".
	if t := &toks[k]; t.kind == tSym {
		if c := currencySymbol(t.sym); c != "" {
			a.currency, a.bareDollar = c, t.sym == '$'
			if t.sym == '$' && !t.space && k > 0 && toks[k-1].kind == tWord && toks[k-1].id == 0 {
				// "NT$500", "R$5 million": letters glued before "$" that
				// dollarPrefixes does not know make another nation's
				// dollar (or real), which is no USD.
				a.currency, a.bareDollar = "", false
			}
			k++
		}
	} else if w := p.word(t); w.has(fUS) && isSym(toks, k+1, '$') {
		a.currency = "USD"
		k += 2
	} else if p.dollarPrefix(s, toks, k) {
		a.currency = dollarPrefixes[s[t.start:t.end]] // "C$3 million", "HK$200 million"
		k += 2
	} else if c := p.codeBefore(s, toks, k); c != "" {
		n := k + 1
		if isSym(toks, n, '.') && !toks[n].space {
			n++ // "Rs. 30.80 lakh crores", "руб. 5 млрд"
		}
		// A code glued to the figure ("Rs500 crore", "USD5bn") is read
		// only before a scale, as "R" is: "CNY2024", "USD500" may be
		// names as "MH17" is.
		if n < len(toks) && toks[n].kind == tNum && (toks[n].space || n > k+1 || p.scaleAfter(s, toks, n)) &&
			(majorCurrency(c) || p.scaleOrEndAfter(toks, n)) {
			a.currency = c
			k = n
		}
	} else if p.randPrefix(s, toks, k) {
		a.currency = "ZAR" // "R500 million", "R 1.2 billion"
		k++
	}
	if k >= len(toks) {
		return 0, false
	}
	a.tok = k
	t := &toks[k]
	switch t.kind {
	case tNum:
		if t.nflags&nBad != 0 || a.currency == "" && p.attachedToWord(toks, k) {
			return 0, false
		}
		switch {
		case t.nflags&nTypo != 0:
			a.bad = fmt.Sprintf("%q has a thousands group with a digit missing or one too many: a typo in the source?", s[t.start:t.end])
		case t.nflags&nDotAmbig != 0:
			a.bad = fmt.Sprintf("%q may be %s or %s: the dot is a decimal point in English and groups thousands in much of Europe; write it with a comma or in full",
				s[t.start:t.end], strings.Replace(s[t.start:t.end], ".", ",", 1), strings.TrimRight(strings.TrimRight(s[t.start:t.end], "0"), "."))
		}
		a.v, a.digits = t.num, true
		a.decimals, a.trailZeros = t.decimals, t.trailZeros
		a.yearLike = t.nflags&nYearLike != 0
		k++
		// A suffix written against the digits: "3.5m", "2bn", "40pc"; an
		// ordinal or other letters ("3rd", "1990s", "5G") make no figure.
		if f, e, ok := p.pointFraction(s, toks, k); ok && a.decimals == 0 && t.nflags == 0 {
			a.v += f // "4 point 2"
			a.decimals, a.trailZeros = uint8(e-k-1), 0
			k = e
			break
		}
		if k < len(toks) && toks[k].kind == tWord && !toks[k].space {
			w := p.word(&toks[k])
			lit := s[toks[k].start:toks[k].end]
			switch {
			case lit == "MM" || lit == "М":
				// "4MM" in finance, "7М" in Russian: millions. A lower-case
				// "4mm" or "5м" is a length.
				a.v *= 1e6
				a.scale *= 1e6
				k++
			case lit == "м" || lit == "mm":
				return 0, false
			case w.has(fSuffix) || w.has(fNumScale):
				a.v *= w.scale
				a.scale *= w.scale
				k++
				if isSym(toks, k, '.') && !toks[k].space && w.has(fAbbrev) {
					k++
				}
			case w.has(fPercent):
				a.percent = true
				k++
			default:
				return 0, false
			}
		} else if k+1 < len(toks) && isSym(toks, k, '-') && !toks[k].space && !toks[k+1].space && toks[k+1].kind == tWord {
			if w := p.word(&toks[k+1]); w.has(fOrdSuffix) && !isASCIILetter(s[toks[k+1].start]) {
				return 0, false // "5-й", "1990-х"
			}
		}
	case tWord:
		if k > 0 && toks[k-1].kind == tNum && p.word(t).scale > 0 {
			// "XYZ500 million", "1.2.3 million": a scale after a figure
			// that was not read (a name's or a code's number, digits that
			// make no number; a figure read takes its scale) is not a
			// million of its own.
			return 0, false
		}
		if p.word(t).has(fPoint) {
			// "point 35": a decimal with no whole part.
			f, e, ok := p.pointFraction(s, toks, k)
			if !ok {
				return 0, false
			}
			a.v, a.digits, a.decimals = f, true, uint8(e-k-1)
			return p.amountTail(s, toks, e, a), true
		}
		v, sc, e, one, ok := p.wordNumber(s, toks, k)
		if !ok {
			return 0, false
		}
		a.zeroWord = v == 0 && e == k+1
		if f, pe, ok := p.pointFraction(s, toks, e); ok && v == math.Trunc(v) && sc == 1 {
			// "two point two million", "один точка один"
			a.v, a.digits, a.decimals = v+f, true, uint8(pe-e-1)
			return p.amountTail(s, toks, pe, a), true
		}
		a.v, a.wordOne, a.folded = v, one, true
		if v == math.Trunc(v) && v < 1e15 {
			for n := int64(v); n > 0 && n%10 == 0; n /= 10 {
				a.trailZeros++
			}
		}
		// The scale is already in the value: the tail reads no scale
		// words, and the figure reports its own afterwards.
		k = p.amountTail(s, toks, e, a)
		a.scale = sc
		return k, true
	default:
		return 0, false
	}
	k = p.amountTail(s, toks, k, a)
	// "3 lakh 50 thousand", "2 million 500 thousand": a smaller figure
	// with a smaller scale adds to the first.
	if a.scale > 1 && a.currency == "" && !a.percent && k+1 < len(toks) && toks[k].kind == tNum && toks[k].nflags == 0 && toks[k].space {
		var b amount
		if e, ok := p.amount(s, toks, k, &b); ok && b.scale > 1 && b.scale < a.scale && b.v < a.scale && b.currency == "" && !b.percent {
			a.v += b.v
			return e, true
		}
	}
	return k, true
}

// attachedToWord reports a number glued to a word before it: "MH17",
// "F-16", "COVID-19", "Су-24", the exponent of "1e+9".
func (p *Parser) attachedToWord(toks []token, k int) bool {
	if k == 0 || toks[k].space {
		return false
	}
	prev := &toks[k-1]
	if prev.kind == tWord {
		return true
	}
	// "20k-30k": the word before the hyphen is a scale glued to a figure.
	if k >= 3 && prev.sym == '-' && toks[k-2].kind == tWord && !toks[k-2].space && toks[k-3].kind == tNum && p.word(&toks[k-2]).has(fSuffix) {
		return false
	}
	return k >= 2 && prev.kind == tSym && (prev.sym == '-' || prev.sym == '+' || prev.sym == '−') && !prev.space && toks[k-2].kind == tWord
}

// afterNumberDash reports a number glued by a hyphen to a number before
// it that did not read as a range: the "91" of "1990-91".
func afterNumberDash(toks []token, k int) bool {
	return toks[k].kind == tNum && !toks[k].space && k >= 2 && toks[k-1].kind == tSym && toks[k-1].sym == '-' &&
		!toks[k-1].space && toks[k-2].kind == tNum
}

// amountTail reads scale words, then a currency or percent sign.
func (p *Parser) amountTail(s string, toks []token, k int, a *amount) int {
	if a.digits || a.scale > 1 {
		for n := 0; n < 3 && k < len(toks) && toks[k].kind == tWord; n++ {
			w := p.word(&toks[k])
			u := w.scale
			if u == 0 || !(w.has(fNumScale) || w.has(fSuffix)) {
				u = w.base
			}
			if w.has(fHundred) {
				u = 100
			}
			if u == 0 {
				break
			}
			if lit := s[toks[k].start:toks[k].end]; w.has(fSuffix) && !w.has(fNumScale) && utf8.RuneCountInString(lit) == 1 {
				// A spaced "m" is a metre and a spaced "к" a preposition;
				// a spaced "k" is a thousand where nothing but a symbol or
				// a currency follows: "4.75 k", "12.5 K $".
				if lit != "k" && lit != "K" || k+1 < len(toks) && toks[k+1].kind == tWord && p.word(&toks[k+1]).currency == "" {
					break
				}
			}
			a.v *= u
			a.scale *= u
			k++
			if w.has(fAbbrev) && isSym(toks, k, '.') && !toks[k].space {
				k++
			}
		}
	}
	if k >= len(toks) {
		return k
	}
	t := &toks[k]
	if t.kind == tSym {
		switch {
		case t.sym == '%':
			a.percent = true
			return k + 1
		case a.currency == "" && currencySymbol(t.sym) != "" && (t.sym != '$' || !t.space):
			a.currency = currencySymbol(t.sym) // "300 €", "50 ₽", "10k$"
			return k + 1
		}
		return k
	}
	cur := ""
	if c := p.nationBeforeCurrency(s, toks, k); c != "" && (a.currency == "" || a.currency == c || a.bareDollar && otherDollar(c)) {
		// "3 million Russian roubles", "3 млн российских рублей", "3
		// million Canadian dollars": the currency after its nation's
		// adjective, which names it.
		k++
		t = &toks[k]
		cur = c
	}
	w := p.word(t)
	if cur == "" {
		cur = p.currencyOf(s, toks, k)
		if cur != "" && (p.codeAsAdjective(s, toks, k) || cur == "GBP" && p.poundWeight(s, toks, k) != 0) {
			cur = "" // "5 SAR teams", "2,000 pounds of explosives": no money
		}
	}
	if a.currency == "USD" && a.bareDollar && otherDollar(cur) {
		// "$3 million CAD", "$3 million Canadian dollars": the code or
		// the nation after the figure says whose dollar "$" is.
		a.currency = cur
	}
	us := p.usDollars(s, toks, k)
	switch {
	case w.has(fPercent):
		a.percent = true
		return k + 1
	case w.has(fPer) && k+1 < len(toks) && p.word(&toks[k+1]).has(fCent):
		a.percent = true
		return k + 2
	case cur != "" && (a.currency == "" || a.currency == cur):
		a.currency = cur
		k++
		if w.has(fAbbrev) && isSym(toks, k, '.') && !toks[k].space {
			k++
		}
		// "7 dollars 25 cents", "15 долларов 10 центов"
		c := k
		if c < len(toks) && p.word(&toks[c]).has(fAnd) {
			c++
		}
		if c+1 < len(toks) && toks[c].kind == tNum && toks[c].nflags == 0 && toks[c].decimals == 0 && toks[c].num < 100 &&
			a.v == math.Trunc(a.v) && p.word(&toks[c+1]).has(fSubunit) {
			a.v += toks[c].num / 100
			k = c + 2
		}
	case us > 0:
		a.currency = "USD" // "US dollars", "U.S. dollars"
		k = us + 1
	}
	return k
}

// usDollars returns the index of the currency word after "US" or "U.S."
// written at toks[k] when it is USD's ("US dollars", "U.S. dollars"), or 0.
func (p *Parser) usDollars(s string, toks []token, k int) int {
	e := k
	switch {
	case k < len(toks) && p.word(&toks[k]).has(fUS):
		e = k + 1
	case k+3 < len(toks) && toks[k].kind == tWord && s[toks[k].start:toks[k].end] == "U" && isSym(toks, k+1, '.') &&
		!toks[k+1].space && toks[k+2].kind == tWord && s[toks[k+2].start:toks[k+2].end] == "S" && !toks[k+2].space &&
		isSym(toks, k+3, '.') && !toks[k+3].space:
		e = k + 4
	}
	if e > k && e < len(toks) && p.word(&toks[e]).currency == "USD" {
		return e
	}
	return 0
}

// codeAsAdjective reports a currency code toks[k] after a figure that a
// plural noun in lower case follows (englishPlural): the code is then an
// acronym that qualifies the noun the figure counts, no money ("5 SAR
// teams", search and rescue; "10 AMD chips"; "20 CAD drawings"), and the
// noun is the unit. A code alone or before any other word stays money
// ("5 SAR", "500 AMD per month", "20 CAD a day"), and so do the codes
// the parser read before Version 14 (majorCurrency: "5 USD bills").
func (p *Parser) codeAsAdjective(s string, toks []token, k int) bool {
	if k+1 >= len(toks) || toks[k].kind != tWord || toks[k+1].kind != tWord || !toks[k+1].space {
		return false
	}
	w := p.word(&toks[k])
	c := ""
	switch {
	case w.has(fCurrencyCode):
		c = w.currency
	case w.capsCurrency != "" && allCaps(s[toks[k].start:toks[k].end]):
		c = w.capsCurrency
	}
	return c != "" && !majorCurrency(c) && p.englishPlural(s, &toks[k+1])
}

// The readings of "pound" and "pounds" after a figure as a weight
// (poundWeight).
const (
	poundMoney     = iota
	poundWeighs    // "2,000 pounds of explosives": the unit
	poundAdjective // "2,000 pound bombs": as "2,000-pound bombs"
)

// poundWeight tells whether "pounds" or "pound" at toks[k], after a
// figure, is a weight rather than sterling (poundMoney):
//   - before "of" and a word that does not name money or what money
//     buys (poundMoneyWords), nor is a function word: "2,000 pounds of
//     explosives", "3,000 pounds of TNT" weigh; "5 million pounds of
//     taxpayers' money", "2,000 pounds of damage" and "5,000 pounds of
//     the money" do not;
//   - the singular before a word of munitionWords, as an adjective:
//     "2,000 pound bombs", "US Sends 2,000 Pound Bombs", read as the
//     hyphenated "2,000-pound bombs" is, a compound adjective.
//
// "2,000 pounds" alone, "a fine of 2,000 pounds", "2,000 pounds
// sterling" stay money.
func (p *Parser) poundWeight(s string, toks []token, k int) int {
	if k+1 >= len(toks) || toks[k].kind != tWord || !toks[k].space || toks[k+1].kind != tWord || !toks[k+1].space {
		return poundMoney
	}
	w := s[toks[k].start:toks[k].end]
	if p.word(&toks[k]).currency != "GBP" || !strings.EqualFold(w, "pound") && !strings.EqualFold(w, "pounds") {
		return poundMoney // no copy in lower case of every word after a figure
	}
	switch {
	case p.word(&toks[k+1]).has(fOf):
		if k+2 < len(toks) && toks[k+2].kind == tWord && toks[k+2].space && !p.word(&toks[k+2]).has(fStop) &&
			!poundMoneyWord[strings.ToLower(s[toks[k+2].start:toks[k+2].end])] {
			return poundWeighs
		}
	case strings.EqualFold(w, "pound") && munitionWord[strings.ToLower(s[toks[k+1].start:toks[k+1].end])]:
		return poundAdjective
	}
	return poundMoney
}

// dollarPrefixes are the letters glued before "$" that make it another
// nation's dollar, case as written: "C$3 million", "CA$3 million",
// "HK$200 million". "US$" is the lexicon's fUS; "ca$300" is circa $300
// (prefixAt), which "CA$" is not.
var dollarPrefixes = map[string]string{
	"C": "CAD", "CA": "CAD", "Can": "CAD", "CDN": "CAD", "Cdn": "CAD", "CAD": "CAD",
	"A": "AUD", "AU": "AUD", "HK": "HKD", "NZ": "NZD", "S": "SGD",
}

// dollarPrefix reports toks[k] as one of dollarPrefixes glued to a "$"
// after it: "C$", "HK$".
func (p *Parser) dollarPrefix(s string, toks []token, k int) bool {
	t := &toks[k]
	return t.kind == tWord && isSym(toks, k+1, '$') && !toks[k+1].space && dollarPrefixes[s[t.start:t.end]] != ""
}

// otherDollar reports the code of a dollar other than the US one, which
// a bare "$" may be written for: "$3 million CAD".
func otherDollar(c string) bool {
	switch c {
	case "CAD", "AUD", "HKD", "NZD", "SGD":
		return true
	}
	return false
}

// majorCurrency reports the currencies whose codes the parser read before
// Version 14 (USD, EUR, GBP, RUB, JPY, CHF, CNY, INR): a code of theirs
// before a figure is one whatever follows ("USD 40 per barrel").
func majorCurrency(c string) bool {
	switch c {
	case "USD", "EUR", "GBP", "RUB", "JPY", "CHF", "CNY", "INR":
		return true
	}
	return false
}

// scaleOrEndAfter reports a figure toks[n] that a scale word follows
// ("5 million", "5m"), or nothing but a sign or the end of the text: what a
// code of the later currencies before a figure needs to be one. Those
// codes are acronyms and words too (SAR, AED, NIS, TRY, AMD), and a word
// after the figure is what it counts: "Hong Kong SAR 2024 was approved",
// "TRY 3 SUSPECTS", "AMD 3000 series".
func (p *Parser) scaleOrEndAfter(toks []token, n int) bool {
	if n+1 >= len(toks) || toks[n+1].kind == tSym {
		return true
	}
	w := p.word(&toks[n+1])
	return toks[n+1].kind == tWord && (w.has(fNumScale) || w.has(fSuffix))
}

// scaleAfter reports a scale word after the figure toks[n] ("5 million",
// "5 crore"), or a scale suffix glued to it ("5m", "2bn"). A spaced "m" is
// a metre: "R 500 m" is no rand.
func (p *Parser) scaleAfter(s string, toks []token, n int) bool {
	if n+1 >= len(toks) || toks[n+1].kind != tWord {
		return false
	}
	w := p.word(&toks[n+1])
	return w.has(fNumScale) || w.has(fSuffix) && (!toks[n+1].space || s[toks[n+1].start:toks[n+1].end] == "k")
}

// randPrefix reports an "R" at toks[k], as written, before a figure that a
// scale follows: the South African rand ("R500 million", "R1.2bn", "R
// 500 million"). Alone the figure may be a road's or a model's ("the R21",
// "R2-D2"), and is not read after a glued "R", as after any letters; a
// spaced "R 500" is the plain figure.
func (p *Parser) randPrefix(s string, toks []token, k int) bool {
	t := &toks[k]
	return t.kind == tWord && s[t.start:t.end] == "R" && k+1 < len(toks) && toks[k+1].kind == tNum && p.scaleAfter(s, toks, k+1)
}

// codeBefore returns the currency of a code toks[k] that may come before a
// figure ("USD 40", "CAD 3 million"), or "".
func (p *Parser) codeBefore(s string, toks []token, k int) string {
	if w := p.word(&toks[k]); w.has(fCurrencyCode) {
		return w.currency
	}
	return p.capsCode(s, toks, k)
}

// currencyOf returns the currency the word toks[k] names alone
// ("dollars", "рублей", "USD", "TRY"), or "".
func (p *Parser) currencyOf(s string, toks []token, k int) string {
	if c := p.word(&toks[k]).currency; c != "" {
		return c
	}
	return p.capsCode(s, toks, k)
}

// capsCode returns the currency of a code toks[k] that is an English word
// too ("TRY", "CAD"), written in capitals in text that is not: not
// "try", nor "TRY" in a headline in capitals ("COURT TO TRY 14
// JOURNALISTS"), where the word before it or the first word after it,
// past the figure, is in capitals too. Else "".
func (p *Parser) capsCode(s string, toks []token, k int) string {
	t := &toks[k]
	c := p.word(t).capsCurrency
	if c == "" || !allCaps(s[t.start:t.end]) {
		return ""
	}
	if k > 0 && toks[k-1].kind == tWord && allCaps(s[toks[k-1].start:toks[k-1].end]) {
		return ""
	}
	for n := k + 1; n < len(toks) && n <= k+3; n++ {
		if toks[n].kind == tWord {
			if allCaps(s[toks[n].start:toks[n].end]) {
				return ""
			}
			break
		}
	}
	return c
}

// allCaps reports a word of two letters or more all in capitals ("TRY",
// "СУД"), not "A" or "I".
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func currencySymbol(r rune) string {
	switch r {
	case '$':
		return "USD"
	case '€':
		return "EUR"
	case '£':
		return "GBP"
	case '₽':
		return "RUB"
	case '¥':
		return "JPY"
	case '₹':
		return "INR"
	case '₴':
		return "UAH"
	case '₸':
		return "KZT"
	case '₺':
		return "TRY"
	case '₪':
		return "ILS"
	case '₾':
		return "GEL"
	case '֏':
		return "AMD"
	case '₼':
		return "AZN"
	}
	return ""
}

// wordNumber composes number words: "eight hundred", "twenty-five",
// "one hundred and fifty", "a dozen", "two and a half million", "две
// тысячи пятьсот", "полторы тысячи". The value has the scale words folded
// in; scale reports the figure's own scale, which a range's first end may
// share ("five to seven thousand"): the last of thousand, million… it
// holds, else 100 for an English "hundred", else the unit noun's base
// ("two dozen" 12, "два десятка" 10), else 1. one reports a lone "one".
func (p *Parser) wordNumber(s string, toks []token, j int) (v, scale float64, next int, one, ok bool) {
	var total, cur float64
	lastRank := uint8(255) // rank of the last numeral in the current group
	lastScale := math.Inf(1)
	hundred := false
	lead, pure := 0.0, true // the numerals before the first multiplier; whether none follow it
	words := 0
	k := j
	if w := p.word(&toks[k]); w.has(fZero) {
		return 0, 1, k + 1, false, true // "zero", "ноль"
	} else if toks[k].id == p.lex.idNi && k+1 < len(toks) && p.word(&toks[k+1]).num == 1 && p.word(&toks[k+1]).rank == rankUnit {
		return 0, 1, k + 2, false, true // "ни одного"
	} else if w.whole > 0 {
		return w.whole, w.wholeScale, k + 1, false, true // "полмиллиона"
	}
	if w := p.word(&toks[k]); w.has(fA) {
		// "a hundred", "a thousand", "a dozen": the article is one.
		if k+1 >= len(toks) {
			return 0, 0, 0, false, false
		}
		n := p.word(&toks[k+1])
		if !n.has(fHundred) && !(n.has(fStandalone) && (n.scale > 0 || n.base > 0)) {
			return 0, 0, 0, false, false
		}
		cur, lastRank = 1, rankUnit
		k++
	}
	end := func(k int) (float64, float64, int, bool, bool) {
		if words == 0 {
			return 0, 0, 0, false, false
		}
		sc := 1.0
		switch {
		case lead > 0 && pure:
			sc = (total + cur) / lead // "three hundred thousand": 100,000
		case !math.IsInf(lastScale, 1):
			sc = lastScale
		case hundred:
			sc = 100
		}
		v := total + cur
		return v, sc, k, words == 1 && v == 1, true
	}
	for k < len(toks) && toks[k].kind == tWord {
		w := p.word(&toks[k])
		switch {
		case w.rank > 0:
			if words == 1 && lastRank == rankUnit && isASCIILetter(s[toks[j].start]) && cur >= 1 && cur <= 9 && cur == math.Trunc(cur) && (w.rank == rankTen || w.rank == rankTeen) {
				// "one forty five", "one twenty two": hundreds said as
				// two groups, as in prices and counts read aloud.
				cur *= 100
				lastRank = rankHundred
				hundred = true
				lead = cur / 100
			}
			if w.rank >= lastRank || lastRank == rankTeen {
				return end(k)
			}
			cur += w.num
			lastRank = w.rank
			pure = lead == 0
			words++
			k++
			// "twenty-five"
			if w.rank == rankTen && isSym(toks, k, '-') && !toks[k].space && k+1 < len(toks) && p.word(&toks[k+1]).rank == rankUnit {
				k++
			}
		case w.has(fHundred):
			if cur >= 100 {
				return end(k)
			}
			if lead == 0 {
				lead = max(cur, 1)
			}
			cur = max(cur, 1) * 100
			lastRank = rankHundred
			hundred = true
			words++
			k++
		case w.scale > 0 && w.has(fNumScale):
			if cur == 0 && total > 0 && w.scale > lastScale {
				// "three thousand millions": a scale of scales.
				total *= w.scale
				lastScale = w.scale
				words++
				k++
				continue
			}
			if w.scale >= lastScale || (cur == 0 && !w.has(fStandalone)) {
				return end(k)
			}
			if lead == 0 {
				lead = max(cur, 1)
			}
			total += max(cur, 1) * w.scale
			cur, lastRank, lastScale = 0, 255, w.scale
			words++
			k++
		case w.base > 0 && w.scale == 0 && (cur > 0 || w.has(fStandalone)) && !w.has(fHundred):
			// "two dozen", "два десятка", "сотня": the unit noun ends the figure.
			sc := w.base
			if !math.IsInf(lastScale, 1) {
				sc = lastScale
			}
			v := total + max(cur, 1)*w.base
			// "два десятка тысяч", "десяток тысяч", "сотню тысяч": a
			// Russian unit noun counts the scale after it (20,000, not 20
			// and thousands).
			if n := k + 1; total == 0 && n < len(toks) && toks[n].kind == tWord && !isASCIILetter(s[toks[k].start]) {
				if nw := p.word(&toks[n]); nw.scale > w.base && nw.has(fNumScale) {
					// The scale a range's first end shares is both:
					// "от двух до трех десятков тысяч" is 20,000 to 30,000.
					return v * nw.scale, w.base * nw.scale, n + 1, false, true
				}
			}
			return v, sc, k + 1, false, true
		case toks[k].id == p.lex.idS && k+1 < len(toks) && toks[k+1].id == p.lex.idPolovinoy && cur > 0 && lastRank <= rankTen:
			// "два с половиной", "пять с половиной миллиардов"
			cur += 0.5
			lastRank = 0
			pure = lead == 0
			k += 2
		case w.has(fAnd) && lastRank == 255 && total > 0 && cur == 0 && k+2 < len(toks) && p.word(&toks[k+1]).has(fA) &&
			toks[k+2].id == p.lex.idHalf && !math.IsInf(lastScale, 1):
			// "one million and a half"
			total += lastScale / 2
			k += 3
			return end(k)
		case w.has(fAnd) && (lastRank == rankHundred || lastRank == 255 && total > 0 || lastRank <= rankTen && cur > 0):
			// "one hundred and fifty"; "two and a half million"
			if k+2 < len(toks) && p.word(&toks[k+1]).has(fA) && p.word(&toks[k+2]).has(fHalf) && cur > 0 && lastRank <= rankTen {
				cur += 0.5
				lastRank = 0
				pure = lead == 0
				k += 3
				continue
			}
			if k+1 < len(toks) && p.word(&toks[k+1]).rank > 0 && p.word(&toks[k+1]).rank < lastRank &&
				!p.startsGroup(toks, k+1, cur, lastScale) {
				k++
				continue
			}
			return end(k)
		default:
			return end(k)
		}
	}
	return end(k)
}

// startsGroup reports numerals at toks[k] that a multiplier the figure
// cannot take follows: the "and" before them joins two figures ("five
// thousand and seven thousand", "one hundred and two hundred"), not the
// parts of one.
func (p *Parser) startsGroup(toks []token, k int, cur, lastScale float64) bool {
	for n := 0; n < 4 && k < len(toks) && toks[k].kind == tWord && p.word(&toks[k]).rank > 0; n++ {
		k++
		if isSym(toks, k, '-') && !toks[k].space {
			k++
		}
	}
	if k >= len(toks) || toks[k].kind != tWord {
		return false
	}
	w := p.word(&toks[k])
	return w.has(fHundred) && cur >= 100 || w.scale > 0 && w.has(fNumScale) && w.scale >= lastScale
}

// postfix reads what may follow a figure: a range's second end ("70-80",
// "70 to 80", "two or three") and a postfix modifier ("or so", "40-odd",
// "800+", "с лишним").
func (p *Parser) postfix(s string, toks []token, k int, m *match) int {
	if k >= len(toks) || (m.core != coreNumeral && m.core != coreVague) {
		return k
	}
	if m.mod == modNone && m.core == coreNumeral {
		if e, ok := p.statedError(s, toks, k, m); ok {
			return e
		}
	}
	if m.mod == modNone || m.mod == modExact {
		// "equal to 5000 or less": the bound after the figure decides.
		if e, mod, ok := p.postfixMod(toks, k); ok && (m.core == coreNumeral || mod != modOdd) && (m.mod == modNone || boundSide(mod) != 0) {
			m.mod = mod
			return e
		}
	}
	if m.core != coreNumeral {
		return k
	}
	t := &toks[k]
	w := p.word(t)
	if (t.kind == tSym && isDash(t.sym)) || w.has(fTo) || w.has(fOr) {
		var b amount
		if e, ok := p.amount(s, toks, k+1, &b); ok {
			a := m.a
			// "two or three", "800 or 900"; but "500 or 5,000" are alternatives.
			if spreadRange(&a, &b) && (!w.has(fOr) || b.v <= 2*a.v) {
				m.core, m.a, m.b = coreRange, a, b
				m.aEnd, m.bStart = toks[k-1].end, toks[k+1].start
				// "two or three thousand", "пять-шесть тысяч": two guesses,
				// an estimate rather than stated ends.
				m.alt = w.has(fOr) || (t.kind == tSym && (!a.digits || !b.digits))
				return e
			}
		}
	}
	return k
}

func (p *Parser) postfixMod(toks []token, k int) (int, modKind, bool) {
	t := &toks[k]
	if t.kind == tSym && t.sym == '+' {
		return k + 1, modAtLeast, true
	}
	if isSym(toks, k, '-') && !t.space && k+1 < len(toks) && !toks[k+1].space {
		k++ // "40-odd", "800-plus"
	}
	if toks[k].kind != tWord {
		return 0, modNone, false
	}
	for _, ph := range p.lex.words[toks[k].id].postfix {
		if e, ok := matchPhrase(toks, k, ph.ids); ok {
			if e < len(toks) && p.startsFigure(&toks[e]) {
				// "200 и более 300": the words belong to the figure after.
				return 0, modNone, false
			}
			return e, ph.mod, true
		}
	}
	return 0, modNone, false
}

// hedgedBy reports "на" (or "by") at toks[k] between a hedge or a bound
// and the figure it holds: "примерно на 85 млрд", "почти на 5%", "более
// чем на 10%".
func (p *Parser) hedgedBy(toks []token, k int) bool {
	return k+1 < len(toks) && toks[k].kind == tWord && p.word(&toks[k]).has(fBy) && p.startsFigure(&toks[k+1])
}

// startsFigure reports a token that begins a figure: digits, a numeral or
// a vague word.
func (p *Parser) startsFigure(t *token) bool {
	if t.kind == tNum {
		return true
	}
	w := p.word(t)
	return w.num > 0 || w.vague > 0
}

// unitAfter reads the unit: a currency or percent found with the figure,
// or the word after it ("800 fighters", "dozens of people", "800
// человек"), reported as written.
func (p *Parser) unitAfter(s string, toks []token, k int, m *match) int {
	switch {
	case m.a.percent || m.core == coreFraction || m.core == coreRatio:
		m.unit = "percent"
		return k
	case m.a.currency != "":
		m.unit = m.a.currency
		return k
	}
	switch p.poundWeight(s, toks, k) {
	case poundWeighs:
		m.unit = s[toks[k].start:toks[k].end] // "2,000 pounds of explosives", as "2,000 tons of explosives"
		return k + 1
	case poundAdjective:
		m.skip = true // "2,000 pound bombs", as "2,000-pound bombs" is
		return k
	}
	u := k
	if u < len(toks) && p.word(&toks[u]).has(fOf) && m.core != coreNumeral {
		u++
	}
	if u >= len(toks) || toks[u].kind != tWord || !toks[u].space {
		return k
	}
	if u > 0 && isSym(toks, u-1, '.') && isTitleCase(s[toks[u].start:toks[u].end]) {
		// "1,5 тыс. Число погибших": the abbreviation's dot ends the
		// sentence too, and the capitalised word opens the next one.
		return k
	}
	if c := p.nationBeforeCurrency(s, toks, u); c != "" && m.core == coreVague {
		m.unit = c // "millions of Russian roubles", "миллионы российских рублей"
		return u + 2
	}
	if isASCIILetter(s[toks[u].start]) {
		u = p.modelNumber(s, toks, u, m)
		if p.codeAsAdjective(s, toks, u) {
			u++ // "5 SAR teams": the noun after the code
		}
		u = p.nounAfterName(s, toks, u, m)
		// A nation's adjective of two words ("300 North Korean troops",
		// "Sri Lankan") is read as its second.
		if u+1 < len(toks) && p.word(&toks[u]).has(fDemonymLead) && isUpperASCII(s[toks[u].start]) &&
			toks[u+1].kind == tWord && toks[u+1].space && p.isDemonym(s, &toks[u+1]) {
			u++
		}
		// Two qualifiers joined by "and" or "or" qualify one noun: "5,000
		// foreign and Russian fighters", "Syrian and Iraqi refugees".
		if u+3 < len(toks) && p.qualifies(s, &toks[u]) && toks[u+1].kind == tWord && toks[u+1].space &&
			p.word(&toks[u+1]).flags&(fAnd|fOr) != 0 && toks[u+2].kind == tWord && toks[u+2].space &&
			p.qualifies(s, &toks[u+2]) && toks[u+3].kind == tWord && toks[u+3].space {
			u += 2
		}
		// English: the qualifier or a nation's adjective, then words up
		// to the first plural, each after the first in lower case ("300
		// foreign terrorist fighters", "5,050 active duty troops", "11
		// more people", "400 new Russian recruits", "300 Chechen
		// fighters"), a word joined by a hyphen as one ("5,025
		// active-duty troops", "1,700 Russian-speaking militants"); words
		// that end in no plural ("2,000 additional active duty U.S.")
		// leave the qualifier, which is no unit, and the nation's
		// adjective, which is ("300 Chinese were evacuated").
		if p.qualifies(s, &toks[u]) {
			q, steps, joined := u, 0, false
			for steps < 3 {
				for u+2 < len(toks) && isSym(toks, u+1, '-') && !toks[u+1].space && toks[u+2].kind == tWord && !toks[u+2].space &&
					s[toks[u+2].start] >= 'a' && s[toks[u+2].start] <= 'z' {
					u, joined = u+2, true
				}
				if u+1 >= len(toks) || toks[u+1].kind != tWord || !toks[u+1].space ||
					steps > 0 && (s[toks[u].end-1] == 's' || s[toks[u+1].start] < 'a' || s[toks[u+1].start] > 'z') ||
					!p.qualifies(s, &toks[u+1]) && !p.nounAfterAdjective(s, &toks[u+1]) {
					break
				}
				u++
				steps++
			}
			if w := s[toks[u].start:toks[u].end]; u != q && (steps > 1 || joined) && !p.word(&toks[u]).has(fCountNoun) &&
				!strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "men") && !strings.HasSuffix(w, "ren") || steps == 0 {
				u = q
			}
		} else {
			u = p.attributiveNoun(s, toks, u, m)
		}
	} else {
		u = p.ruCountedNoun(s, toks, u, ruFewCase(s, toks, u, m.start))
	}
	w := p.word(&toks[u])
	if w.currency != "" && m.core == coreVague {
		m.unit = w.currency // "millions of dollars"
		return u + 1
	}
	unknown := p.unknownWord(&toks[u])
	if !unknown && !w.has(fTime) && !w.has(fCountNoun) && !p.isDemonym(s, &toks[u]) {
		return k
	}
	if word := s[toks[u].start:toks[u].end]; unknown && pastVerbForm(word) {
		return k // a verb: "40 arrived", "800 were killed", "200 погибли", "11 получили ранения"
	}
	m.unit = s[toks[u].start:toks[u].end]
	m.countNoun = w.has(fCountNoun)
	if w.has(fTime) {
		m.skip = true // a duration, not a count
	}
	return u + 1
}

// judgeSkip decides whether Extract leaves the match out: years, dates,
// times, page and section numbers, a lone "one", durations.
func (p *Parser) judgeSkip(s string, toks []token, j int, m *match) {
	a := &m.a
	money := a.currency != "" || a.percent || a.scale > 1 || m.countNoun && !p.englishDateYear(s, toks, m)
	if m.core == coreNumeral || m.core == coreRange {
		if a.yearLike && !money {
			switch {
			case m.core == coreRange && (m.b.yearLike || m.b.v < 100):
				m.skip = true
			case m.core == coreRange:
			case isBoundMod(m.mod) && m.mod != modUpTo || m.mod == modOdd:
			case (isApproxMod(m.mod) || m.mod == modUpTo) && m.unit != "":
			default:
				m.skip = true
			}
		}
		if (a.wordOne || a.zeroWord && m.unit == "" && !a.percent) && m.core == coreNumeral && (m.mod == modNone || isApproxMod(m.mod)) {
			m.skip = true // "one of the authors", "how about one more", "a little one"
		}
		if a.digits {
			n := a.tok
			if n > 0 {
				prev := &toks[n-1]
				pw := p.word(prev)
				switch {
				case prev.kind == tSym && (prev.sym == '#' || prev.sym == '№' || (!toks[n].space && (prev.sym == ':' || prev.sym == '/'))):
					m.skip = true
				case pw.has(fMonth) && (pw.has(fMonthAfter) || isUpper(s, prev)) || pw.has(fRef):
					m.skip = true
				case prev.kind == tSym && prev.sym == '.' && n >= 2 && p.word(&toks[n-2]).has(fRefAbbrev):
					m.skip = true
				}
			}
			if n+1 < len(toks) {
				next := &toks[n+1]
				nw := p.word(next)
				switch {
				case next.kind == tSym && !next.space && (next.sym == ':' || next.sym == '/'):
					m.skip = true
				case nw.has(fMonthAfter) || nw.has(fMonth) && isUpper(s, next) || nw.has(fYearWord):
					m.skip = true
				case next.kind == tSym && next.sym == '-' && !next.space && n+2 < len(toks) && !toks[n+2].space &&
					toks[n+2].kind == tWord && m.mod != modOdd && m.mod != modAtLeast && m.core == coreNumeral:
					m.skip = true // a compound adjective: "25-year-old", "62-page"
				}
			}
		}
	}
	if m.core == coreFraction {
		// "half-hearted", "a third-party report": a compound, whatever
		// the modifier.
		n := m.leadEndTok
		if t := &toks[n-1]; t.kind == tWord && isASCIILetter(s[t.start]) && n+1 < len(toks) && isSym(toks, n, '-') &&
			!toks[n].space && !toks[n+1].space && toks[n+1].kind == tWord {
			m.skip = true
		}
	}
	if m.core == coreFraction && m.mod == modNone {
		// "the second half", "a third day": English fraction words are
		// quantities in running text only before "of" or "the".
		n := m.leadEndTok
		if t := &toks[n-1]; t.kind == tWord && isASCIILetter(s[t.start]) {
			if n >= len(toks) || !(p.word(&toks[n]).has(fOf) || p.word(&toks[n]).has(fThe)) {
				m.skip = true
			}
		}
		if f := m.start; f > 0 {
			for k := n - 1; k > 0; k-- {
				if toks[k].start == f {
					if p.word(&toks[k-1]).has(fOrdWord) {
						m.skip = true // "the first half", "в первой половине"
					}
					break
				}
			}
		}
	}
	if j < len(toks) && p.word(&toks[j]).has(fYearWord) {
		m.skip = true
	}
	// A year in a date context: "in 2015", "since 2011", "в 2015 году",
	// "in 2014-2016". Parse refuses it when nothing else is found; a bare
	// "2015" stays a number.
	if m.skip && a.yearLike && !money && (m.core == coreNumeral || m.core == coreRange && m.b.yearLike) {
		n := a.tok
		switch {
		case j < len(toks) && p.word(&toks[j]).has(fYearWord):
			m.dateYear = true
		case n+1 < len(toks) && p.word(&toks[n+1]).has(fYearWord):
			m.dateYear = true
		case m.mod == modNone && n > 0 && toks[n-1].kind == tWord:
			pw := p.word(&toks[n-1])
			m.dateYear = pw.has(fDatePrep) || pw.has(fMonth) && (pw.has(fMonthAfter) || isUpper(s, &toks[n-1]))
		}
	}
}

// isUpper reports a capitalised ASCII word: "May" the month, not "may".
func isUpper(s string, t *token) bool { return s[t.start] >= 'A' && s[t.start] <= 'Z' }

// englishDateYear reports whether m is a plain year-like figure right after
// an English date preposition that opens the sentence or is one only dates
// follow ("In 2014 Russian troops entered", "By 2015 Syrian refugees…",
// "since 2011 Syrian civilians have fled"): a year, even with a count noun
// after it. Lower case "in", "by", "after" and the like stay counts ("sent
// in 2000 troops", "increased its force by 2000 troops"), as does Russian
// "численностью в 2000 человек".
func (p *Parser) englishDateYear(s string, toks []token, m *match) bool {
	n := m.a.tok
	if !m.a.yearLike || m.mod != modNone || m.change != 0 || m.core != coreNumeral || n == 0 || toks[n-1].kind != tWord {
		return false
	}
	pw := &toks[n-1]
	if !p.word(pw).has(fDatePrep) || s[pw.start] >= utf8.RuneSelf {
		return false
	}
	if isUpper(s, pw) {
		return true
	}
	switch s[pw.start:pw.end] {
	case "since", "until", "till", "during", "throughout":
		return true
	}
	return false
}

// comparisonAt reads a comparison symbol: "<", "<=", "< =", "=<", "≤",
// ">", ">=", "=>", "≥", and the approximators "~", "≈".
func comparisonAt(toks []token, j int) (int, modKind, bool) {
	t := &toks[j]
	eq := func(k int) bool { return isSym(toks, k, '=') }
	switch t.sym {
	case '~', '≈', '∼':
		return j + 1, modAbout, true
	case '≤', '⩽':
		return j + 1, modUpTo, true
	case '≥', '⩾':
		return j + 1, modAtLeast, true
	case '<':
		if eq(j + 1) {
			return j + 2, modUpTo, true
		}
		return j + 1, modFewerThan, true
	case '>':
		if eq(j + 1) {
			return j + 2, modAtLeast, true
		}
		return j + 1, modMoreThan, true
	case '=':
		if isSym(toks, j+1, '<') {
			return j + 2, modUpTo, true
		}
		if isSym(toks, j+1, '>') {
			return j + 2, modAtLeast, true
		}
	}
	return 0, modNone, false
}

// negatedAt reads a negated comparison: "couldn't have been more than",
// "could not exceed", "wasn't more than", "не могло быть больше", "никак
// не более". A negated upper side is a lower bound and the other way
// round; the figure itself is included ("not more than 3,000" is at most
// 3,000).
func (p *Parser) negatedAt(toks []token, j int) (int, modKind, bool) {
	k, neg := j, false
	for n := 0; n < 8 && k < len(toks); n++ {
		t := &toks[k]
		if t.kind == tSym && (t.sym == '\'' || t.sym == '’') && !t.space {
			k++
			continue
		}
		w := p.word(t)
		if t.kind != tWord || w.flags&(fNeg|fNegAux) == 0 {
			break
		}
		if w.has(fNeg) {
			neg = true
		}
		k++
	}
	if !neg || k >= len(toks) || toks[k].kind != tWord || toks[k].id == 0 {
		return 0, modNone, false
	}
	e, mod, ok := p.prefixAt(toks, k)
	if !ok {
		return 0, modNone, false
	}
	switch mod {
	case modMoreThan, modNorthOf, modBoleeChem, modJustOver:
		return e, modUpTo, true
	case modFewerThan:
		return e, modAtLeast, true
	case modUpTo, modAtLeast:
		return e, mod, true // "not up to", "no fewer than": already said
	}
	return 0, modNone, false
}

// orEqualAt reads "or equal" or "or equal to" after a strict bound's figure.
func (p *Parser) orEqualAt(toks []token, j int) (int, bool) {
	if j+1 >= len(toks) || !p.word(&toks[j]).has(fOr) || toks[j+1].kind != tWord || toks[j+1].id != p.lex.idEqual {
		return 0, false
	}
	j += 2
	if j < len(toks) && p.word(&toks[j]).has(fTo) {
		j++
	}
	return j, true
}

// errorSign reads the sign of a stated error: "±", "+/-", "+-", "plus or
// minus", "плюс-минус", "плюс/минус".
func (p *Parser) errorSign(toks []token, j int) (int, bool) {
	if j >= len(toks) {
		return 0, false
	}
	t := &toks[j]
	if t.kind == tSym {
		switch {
		case t.sym == '±':
			return j + 1, true
		case t.sym == '+' && isSym(toks, j+1, '/') && isSym(toks, j+2, '-'):
			return j + 3, true
		case t.sym == '+' && isSym(toks, j+1, '-') && !toks[j+1].space:
			return j + 2, true
		}
		return 0, false
	}
	if t.kind != tWord || t.id == 0 {
		return 0, false
	}
	switch t.id {
	case p.lex.idPlus:
		if j+2 < len(toks) && p.word(&toks[j+1]).has(fOr) && p.word(&toks[j+2]).has(fSignWord) {
			return j + 3, true
		}
	case p.lex.idPlusRu:
		k := j + 1
		if isSym(toks, k, '-') || isSym(toks, k, '/') {
			k++
		}
		if k < len(toks) && p.word(&toks[k]).has(fSignWord) {
			return k + 1, true
		}
	case p.lex.idGive:
		if j+2 < len(toks) && p.word(&toks[j+1]).has(fOr) && toks[j+2].id == p.lex.idTake {
			return j + 3, true
		}
	}
	return 0, false
}

// statedError reads an error after the figure: "± 5,000", ", give or take
// 15%", "plus or minus 3 points", "± 10%". A percentage after a figure
// that is not one is a share of it; otherwise the error is in the figure's
// own unit.
func (p *Parser) statedError(s string, toks []token, k int, m *match) (int, bool) {
	e := k
	if isSym(toks, e, ',') {
		e++
	}
	e, ok := p.errorSign(toks, e)
	if !ok {
		return 0, false
	}
	var b amount
	n, ok := p.amount(s, toks, e, &b)
	if !ok || b.bad != "" || b.currency != "" && b.currency != m.a.currency {
		return 0, false
	}
	switch {
	case b.percent && !m.a.percent:
		m.err = m.a.v * b.v / 100
	default:
		m.err = b.v
		for n < len(toks) && p.word(&toks[n]).has(fPoints) {
			n++ // "3 points", "2 percentage points", "3 процентных пункта"
		}
	}
	if m.err <= 0 {
		return 0, false
	}
	m.mod = modError
	return n, true
}

// boundSide is -1 for a modifier that gives a lower bound, 1 for an upper
// bound and 0 for anything else.
func boundSide(mod modKind) int {
	switch mod {
	case modMoreThan, modAtLeast, modNorthOf, modUpwardsOf, modBoleeChem:
		return -1
	case modFewerThan, modUpTo:
		return 1
	}
	return 0
}

// twoSided reads the other side of a bound after "and", "but", "и", "но"
// or a comma: "greater than 50 and smaller than 400", "at most 90 and at
// least 30", "не менее 20 и не более 50". The two closed bounds become a
// range.
func (p *Parser) twoSided(s string, toks []token, j int, m *match) (int, bool) {
	k := j
	if isSym(toks, k, ',') {
		k++
	}
	if k < len(toks) && p.word(&toks[k]).flags&(fAnd|fBut) != 0 {
		k++
	}
	if k == j || k >= len(toks) {
		return 0, false
	}
	var o match
	e, ok := p.matchOne(s, toks, k, &o, true)
	if !ok || o.core != coreNumeral || o.reason != "" || boundSide(o.mod)+boundSide(m.mod) != 0 || o.start != toks[k].start {
		return 0, false
	}
	if m.unit != "" && m.unit != o.unit {
		return 0, false // "more than 400 dead and up to 3,000 wounded": two counts
	}
	r1, r2 := p.resolve(m), p.resolve(&o)
	lo, hi := r1, r2
	if boundSide(m.mod) > 0 {
		lo, hi = r2, r1
	}
	if !(lo.lo < hi.hi) || m.a.percent != o.a.percent || m.a.currency != o.a.currency && o.a.currency != "" {
		return 0, false
	}
	a, b := m.a, o.a
	if boundSide(m.mod) > 0 {
		a, b = o.a, m.a
	}
	a.v, b.v = lo.lo, hi.hi
	m.a, m.b, m.core, m.mod, m.hedged = a, b, coreRange, modNone, false
	if m.unit == "" {
		m.unit = o.unit
	}
	m.leadEnd, m.leadEndTok = o.leadEnd, o.leadEndTok
	return e, true
}

// slashFraction reads "3/4", "1/5": a proportion in digits. A first figure
// at or above the second ("9/11", "12/5") is a date or a score: refused.
func (p *Parser) slashFraction(toks []token, j int, m *match) (int, bool) {
	if j+2 >= len(toks) || !isSym(toks, j+1, '/') || toks[j+1].space || toks[j+2].space {
		return 0, false
	}
	a, b := &toks[j], &toks[j+2]
	if a.kind != tNum || b.kind != tNum || a.nflags != 0 || b.nflags != 0 || a.decimals != 0 || b.decimals != 0 ||
		p.attachedToWord(toks, j) || j+3 < len(toks) && !toks[j+3].space && toks[j+3].kind != tSym {
		return 0, false
	}
	m.core, m.a = coreFraction, amount{v: a.num, scale: 1, digits: true, tok: j}
	switch d := b.num; {
	case a.num >= d || d == 0:
		m.reason = "a figure over one not larger is no proportion (a date or a score?)"
		return j + 3, true
	case d > 10 && (d > 100 || math.Mod(d, 5) != 0):
		// "9/11", "3/17": not a fraction anyone says; a date or a score.
		m.reason = fmt.Sprintf("%g/%g is no usual fraction (a date or a score?): give it as a percentage", a.num, d)
		return j + 3, true
	}
	m.pct = 100 * a.num / b.num
	return j + 3, true
}

// pointFraction reads the decimals after "point" or "точка" at toks[k]:
// one or two digits ("point 35") or digit words ("point two five").
func (p *Parser) pointFraction(s string, toks []token, k int) (float64, int, bool) {
	if k+1 >= len(toks) || toks[k].kind != tWord || !p.word(&toks[k]).has(fPoint) {
		return 0, 0, false
	}
	n := &toks[k+1]
	if n.kind == tNum {
		l := n.end - n.start
		if n.nflags != 0 || n.decimals != 0 || l > 2 {
			return 0, 0, false
		}
		return n.num / math.Pow10(l), k + 2, true
	}
	var f, scale float64 = 0, 0.1
	e := k + 1
	for ; e < len(toks) && toks[e].kind == tWord; e++ {
		w := p.word(&toks[e])
		switch {
		case w.has(fZero):
		case w.rank == rankUnit && w.num == math.Trunc(w.num) && w.num < 10:
			f += w.num * scale
		default:
			goto done
		}
		scale /= 10
	}
done:
	if e == k+1 {
		return 0, 0, false
	}
	return f, e, true
}

// paired reports a range that is two quantities: "Marseille (15,000 to
// 40,000)" in a sentence that names an official source and the organisers,
// "15,000 and 40,000 respectively", or a revision, "raised from 90,000 to
// 250,000". toks[i:next] is the range.
func (p *Parser) paired(s string, toks []token, i, next int, m *match) bool {
	if m.alt || m.aEnd == 0 || m.bStart == 0 {
		return false
	}
	// A revision: a verb of change or revision right before "from", or
	// before the Russian "с" that opens "с 300 до 500" ("число выросло с
	// 300 до 500", "повысили с 300 до 500"), which is no range prefix since
	// "с" also opens dates.
	if m.aStart > m.start && i > 0 && p.word(&toks[i]).has(fDatePrep) {
		if w := p.word(&toks[i-1]); w.flags&(fUp|fDown|fRevise) != 0 {
			return true
		}
	}
	if m.aStart == 0 && i >= 2 && (toks[i-1].id == p.lex.idS || toks[i-1].id == p.lex.idSo) && toks[i-1].space && toks[i].space {
		if w := p.word(&toks[i-2]); w.flags&(fUp|fDown|fRevise) != 0 && !isASCIILetter(s[toks[i-2].start]) {
			return true
		}
	}
	// Two sources in the sentence.
	lo, hi := i, next
	for lo > 0 && !isSentenceEnd(&toks[lo-1]) {
		lo--
	}
	for hi < len(toks) && !isSentenceEnd(&toks[hi]) {
		hi++
	}
	// A source counts for the range only when the range is the first
	// figure after it: one whose next figure is another has a count of its
	// own ("Police said 5,000-7,000 with organisers saying 15,000": the
	// organisers' figure is 15,000, and the range is the police's alone).
	var official, organiser bool
	for k := lo; k < hi; k++ {
		w := p.word(&toks[k])
		if w.has(fRespectively) {
			return true
		}
		if w.flags&(fOfficial|fOrganiser) == 0 || p.figureBetween(toks, k+1, i) || k >= next && p.figureBetween(toks, k+1, hi) {
			continue
		}
		official = official || w.has(fOfficial)
		organiser = organiser || w.has(fOrganiser)
	}
	return official && organiser
}

// figureBetween reports a figure, in digits or in words, among toks[from:to].
func (p *Parser) figureBetween(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if toks[k].kind == tNum || toks[k].kind == tWord && p.word(&toks[k]).num != 0 {
			return true
		}
	}
	return false
}

func isSentenceEnd(t *token) bool {
	return t.kind == tSym && (t.sym == '.' || t.sym == '!' || t.sym == '?' || t.sym == ';')
}

// pairEnds splits a range into its two figures, each with its own span.
func (m *match) pairEnds() (match, match) {
	first, second := *m, *m
	first.core, first.mod, first.end, first.leadEnd, first.unit = coreNumeral, modNone, m.aEnd, m.aEnd, ""
	if m.a.currency != "" || m.a.percent {
		first.unit = m.unit
	}
	if m.aStart > m.start {
		first.start = m.aStart
	}
	second.core, second.mod, second.a, second.start = coreNumeral, modNone, m.b, m.bStart
	// A vague end ("between a few dozen and 100") is the vague quantity
	// again, not the bound it gave the range.
	if m.a.vague != 0 {
		first.core, first.vague, first.base = coreVague, int(m.a.vague-1), m.a.scale
	}
	if m.b.vague != 0 {
		second.core, second.vague, second.base = coreVague, int(m.b.vague-1), m.b.scale
	}
	return first, second
}

// otOpens reports an "от" at toks[i] that may open a figure as a lower
// bound ("от 300 человек воюют" is 300 or more) rather than say whom
// something comes from ("письма от 300 человек"): one that starts the
// text or a clause (after a comma, a dash, a colon, a bracket or a
// quotation mark) or follows a verb of being, amounting, estimating,
// fighting or gathering ("воюют от 5 тысяч боевиков", "составляет от
// 300"). After any other word the reading is left as it was: the figure
// alone, for "от" may be governed by it.
func (p *Parser) otOpens(s string, toks []token, i int) bool {
	if !strings.EqualFold(s[toks[i].start:toks[i].end], "от") {
		return false
	}
	if i == 0 {
		return true
	}
	prev := &toks[i-1]
	if prev.kind == tSym {
		switch prev.sym {
		case ',', ':', ';', '(', '«', '"', '“', '-', '–', '—', '.', '!', '?':
			return true
		}
		return false
	}
	return prev.kind == tWord && p.word(prev).has(fOtOpens)
}

// otLowerBound reports whether the figure after an opening "от" reads as
// a lower bound: a figure or vague quantity that is not a year, a date or
// a reference ("от 2015 года", "от 5 марта"), and with no "до" after it
// ("от 300 человек до 500" names a range's two ends).
func (p *Parser) otLowerBound(toks []token, j int, m *match) bool {
	switch {
	case m.skip || m.change != 0 || m.sign != 0 || m.reason != "":
		return false
	case m.core == coreRange:
		return m.mod == modNone // "от 20 и не более 50": the two sides' range
	case m.core != coreNumeral && m.core != coreVague:
		return false
	case m.a.yearLike && !m.countNoun && m.a.currency == "" && !m.a.percent:
		return false
	case j+1 < len(toks) && p.word(&toks[j]).has(fTo) && p.startsFigure(&toks[j+1]):
		return false
	}
	return m.mod == modAtLeast
}

// invertedNounAt reports a Russian count noun, or a currency's or
// "процент"'s genitive plural, at toks[i] with a figure after it, or "на"
// and a figure, and no figure before it: "человек 200", "рублей 500",
// "процентов на 5", the colloquial order of "около 200 человек", "около
// 500 рублей", "примерно на 5 процентов". It returns the figure's token.
func (p *Parser) invertedNounAt(s string, toks []token, i int) (int, bool) {
	t := &toks[i]
	if t.kind != tWord || p.word(t).flags&(fCountNoun|fInverts) == 0 || isASCIILetter(s[t.start]) || i+1 >= len(toks) {
		return 0, false
	}
	fig := i + 1
	if p.isNa(s, &toks[fig]) && toks[fig].space {
		fig++ // "процентов на 5", as "тысяч на 50"
	}
	if fig >= len(toks) || toks[fig].kind != tNum || !toks[fig].space {
		return 0, false
	}
	if i > 0 {
		prev := &toks[i-1]
		if prev.kind == tNum || p.startsFigure(prev) || p.word(prev).scale > 0 || p.word(prev).base > 0 {
			return 0, false // "300 человек 200 из них": the noun is the figure's before it
		}
	}
	return fig, true
}

// isNa reports the Russian preposition "на".
func (p *Parser) isNa(s string, t *token) bool {
	return t.kind == tWord && p.word(t).has(fBy) && strings.EqualFold(s[t.start:t.end], "на")
}

// invertedNoun reads the figure after a count noun (invertedNounAt) as
// "около" before it would: "человек 200" is about 200 people, 180 to
// 220, and "человек 200-300" a hedged range; "рублей 500" is 450 to 550
// roubles (unit RUB), "процентов 5" 4.5 to 5.5%. The noun is the unit; a verb
// after the figure ("человек 200 пришли") is none. It reports false, and
// the figure is read alone, when the figure has a modifier, a unit, a
// currency or a percent sign of its own, or is a year ("человек 20 лет",
// "человек 5%", "человек 1990 года рождения"). *j is the token after the
// match.
func (p *Parser) invertedNoun(s string, toks []token, i int, changeLead bool, j *int, m *match) bool {
	if m.mod != modNone || m.core != coreNumeral && m.core != coreRange || m.a.percent || m.a.currency != "" ||
		m.a.yearLike || m.change != 0 && !changeLead || m.sign != 0 || m.reason != "" {
		return false
	}
	if m.unit != "" {
		if !ruVerbLike(m.unit) {
			return false
		}
		*j = m.leadEndTok // "человек 200 пришли": the verb is no unit
	}
	switch w := p.word(&toks[i]); {
	case w.currency != "": // "рублей 500" is about 500 roubles
		m.a.currency, m.b.currency, m.unit = w.currency, w.currency, w.currency
	case w.has(fPercent): // "процентов 5" is about 5%
		if m.a.scale > 1 || m.a.v > 100 || m.core == coreRange && (m.b.scale > 1 || m.b.v > 100) {
			return false // "процентов на 5 млрд": interest on 5 billion, not 5 billion percent
		}
		m.a.percent, m.b.percent, m.unit = true, true, "percent"
	default:
		m.unit = s[toks[i].start:toks[i].end]
		m.countNoun = true
	}
	m.mod = modOkolo
	return true
}

// ruCountedNoun returns the index of the noun a figure counts when
// Russian adjectives stand between them, toks[u] being the first word
// after the figure, or u.
//
// A place's or nation's adjective, or one of a few others ("300
// российских боевиков", "50 других людей", the lexicon's fQualifies),
// qualifies the counted noun after it, which is the unit; so do the
// adjectives in the genitive plural after it ("115 российских мирных
// жителей"), and two adjectives joined by "и" or "или" ("50 тысяч
// российских и сирийских военных", "5000 иностранных и российских
// боевиков"). Any other word with the ending of an adjective in the
// genitive plural ("русскоязычных", "раненых", "военных") may be an
// adjective or a noun ("200 раненых": 200 wounded), so it is passed over
// only where a word that can only be a noun comes after it, directly or
// after more such adjectives: "2000 русскоязычных боевиков", "200
// погибших мирных жителей" (see ruNounAfterAdjectives). After a figure
// that ends in 2, 3 or 4 the noun may be in the genitive singular: "3
// русскоязычных боевика", "22 местных жителя": few says so (ruFewCase);
// then a feminine noun's adjective may be in the nominative plural too
// ("3 военные базы", "3 крылатые ракеты"; see ruAdjectiveCase).
func (p *Parser) ruCountedNoun(s string, toks []token, u int, few bool) int {
	spaced := func(i int) bool { return i < len(toks) && toks[i].kind == tWord && toks[i].space }
	if few && ruOwnNouns[s[toks[u].start:toks[u].end]] {
		// "3 военнослужащих батальона": servicemen of a battalion; a
		// genitive after them is their owner.
		few = false
	}
	// A count noun before "и" is counted itself: "300 военных и мирных
	// жителей" is soldiers and civilians, not 300 civilians.
	if spaced(u+1) && spaced(u+2) && spaced(u+3) && isRuAndOr(s[toks[u+1].start:toks[u+1].end]) && !p.word(&toks[u]).has(fCountNoun) {
		a, b := p.ruAdjective(s, &toks[u], few), p.ruAdjective(s, &toks[u+2], few)
		if a != ruNotAdjective && b != ruNotAdjective && p.ruNounAfter(s, &toks[u+3], a == ruAdjectiveForm || b == ruAdjectiveForm, few) {
			u += 2
		}
	}
	start := u
	for n := 0; n < 3 && spaced(u+1) &&
		(n == 0 && p.ruAdjective(s, &toks[u], few) == ruQualifying ||
			n > 0 && toks[u].id == 0 && ruAdjectiveCase(s[toks[u].start:toks[u].end], few)) &&
		p.nounAfterAdjective(s, &toks[u+1]); n++ {
		u++
	}
	if u != start || p.ruAdjective(s, &toks[u], few) != ruAdjectiveForm {
		return u
	}
	for j, n := u, 0; n < 3 && spaced(j+1); j, n = j+1, n+1 {
		if p.ruNounAfterAdjectives(s, &toks[j+1], few) {
			return j + 1
		}
		if p.ruAdjective(s, &toks[j+1], few) == ruNotAdjective {
			break
		}
	}
	return u
}

// nounAfterName returns the index of the noun a figure counts when the
// name of a group stands between them, toks[u] being the first word after
// the figure, or u.
//
// English puts the name of an armed group, an organisation or a force
// before the noun it counts, as an adjective: "300 Islamic State
// fighters", "300 Boko Haram fighters", "300 al-Qaeda fighters", "300
// US-led coalition troops", "2,000 Hezbollah men". The noun is the unit,
// as it is after a nation's adjective ("200 Kurdish fighters"), so that
// "300 Islamic State fighters" and "800 fighters" are compared. The name
// is one of the lexicon's groupNames, the longest that matches; a
// lower-case word may be joined to it by a hyphen ("US-led", "Hamas-run");
// up to two of groupAdjuncts may follow ("coalition", "suicide"); then
// comes the noun, a plural (englishPlural). Anything else leaves toks[u]
// to the rules after, which read as before: an unknown capitalised word
// ("300 MW turbines", "1,000 Shell gas stations") or a name the figure
// counts itself ("300 Taliban attacked", "1,000 ISIS") stays the unit, a
// known one ("300 US overseas bases") leaves none.
//
// A figure that is a date's, a year's or a name's is no count of what
// follows (figureNotCount): "On Oct. 7 Hamas fighters killed", "In 2014
// ISIS fighters swept", "The Fortune 500 US companies".
func (p *Parser) nounAfterName(s string, toks []token, u int, m *match) int {
	j := p.groupNameEnd(s, toks, u)
	if j == u || p.figureNotCount(s, toks, m) {
		return u
	}
	if j+1 < len(toks) && isSym(toks, j, '-') && !toks[j].space && toks[j+1].kind == tWord && !toks[j+1].space &&
		s[toks[j+1].start] >= 'a' && s[toks[j+1].start] <= 'z' {
		j += 2 // "US-led", "Hamas-run"
	}
	spaced := func(i int) bool { return i < len(toks) && toks[i].kind == tWord && toks[i].space }
	for n := 0; n < 2 && spaced(j) && groupAdjunct[s[toks[j].start:toks[j].end]]; n++ {
		j++
	}
	if spaced(j) && p.englishPlural(s, &toks[j]) {
		return j
	}
	return u
}

// groupNameEnd returns the index of the token after the longest of the
// lexicon's groupNames that starts at toks[u], or u.
func (p *Parser) groupNameEnd(s string, toks []token, u int) int {
	best := u
	for _, g := range p.lex.groups[s[toks[u].start:toks[u].end]] {
		if e := u + len(g); e > best && g.at(s, toks, u) {
			best = e
		}
	}
	return best
}

// at reports whether g is written at toks[u]: each token's text as
// listed, or capitalised ("Al" of "al"), or in capitals as a headline
// writes it ("HAMAS", "ISLAMIC STATE"), and spaced as listed.
func (g groupName) at(s string, toks []token, u int) bool {
	if u+len(g) > len(toks) {
		return false
	}
	for i, nt := range g {
		t := &toks[u+i]
		w := s[t.start:t.end]
		if i > 0 && t.space != nt.space ||
			w != nt.w && !(len(w) == len(nt.w) && w[1:] == nt.w[1:] && capitalised(nt.w) == w) && w != strings.ToUpper(nt.w) {
			return false
		}
	}
	return true
}

// figureNotCount reports a figure that counts nothing of a name after it:
//   - a year: four digits from 1800 to 2100 as written, with no
//     separator or decimals, an end of a range included ("In 2014 ISIS
//     fighters", "between 2014 and 2016 Islamic State fighters", "The
//     2014 ISIS fighters who took Mosul"), whatever precedes it;
//   - a day: after a month, with or without its dot ("On Oct. 7 Hamas
//     fighters", "Jan. 6 Capitol rioters", "June 10"), after a day of the
//     week, or joined to a figure before it by "/", "-" or "." ("10/7");
//   - a name's or label's number: after a capitalised word the lexicon
//     does not know ("The Fortune 500 US companies", "World War 2 US
//     veterans", "Game 7") or after a reference word ("resolution 2254");
//     a word in capitals is a headline's ("ISRAEL KILLS 3 HEZBOLLAH
//     COMMANDERS"), not a name's, and so is a capitalised word in a
//     headline in Title Case ("Israel Kills 3 Hezbollah Commanders in
//     Lebanon"; see titleCase).
func (p *Parser) figureNotCount(s string, toks []token, m *match) bool {
	if m.core == coreVague {
		return false // "dozens of Islamic State militants": no figure written
	}
	if m.a.yearLike || m.core == coreRange && m.b.yearLike {
		return true
	}
	n := m.a.tok
	if n == 0 {
		return false
	}
	prev := &toks[n-1]
	if prev.kind == tSym && !toks[n].space && n >= 2 && toks[n-2].kind == tNum && (prev.sym == '/' || prev.sym == '-' || prev.sym == '.') {
		return true // "10/7"
	}
	if isSym(toks, n-1, '.') && n >= 2 && toks[n-2].kind == tWord {
		prev = &toks[n-2] // "Sept. 11"
	}
	if prev.kind != tWord {
		return false
	}
	pw, w := p.word(prev), s[prev.start:prev.end]
	return pw.has(fMonth) && (pw.has(fMonthAfter) || isUpper(s, prev)) || weekdays[strings.ToLower(w)] ||
		pw.has(fRef) || prev.id == 0 && isUpper(s, prev) && !allCaps(w) && prev == &toks[n-1] && !(headlineVerb(w) && p.titleCase(s, toks, n))
}

// headlineVerb reports a capitalised word before a figure that may be the
// verb of a headline in Title Case: one that ends in "-s" but not "-ss"
// ("Kills", "Says", "Captures") or in "-ed" ("Killed", "Arrested"), and
// is no noun that refers to the figure (referenceNouns: "Highway 232",
// "Gate 96", "Game 7" keep their figure a name's number).
func headlineVerb(w string) bool {
	l := strings.ToLower(w)
	return (strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") || strings.HasSuffix(l, "ed")) &&
		!referenceNoun[strings.TrimSuffix(l, "s")]
}

// titleCase reports a headline in Title Case around toks[n]: of the words
// in Latin letters of four letters or more in its sentence (within its
// line, at most twelve tokens either side), three or more are capitalised
// and none is in lower case but the lexicon's function words ("with",
// "from", "near"). "Israel Kills 3 Hezbollah Commanders in Lebanon" is;
// "Rebels captured 14 Leopard 2 tanks", "In Game 7 Boston fans rioted"
// are not.
func (p *Parser) titleCase(s string, toks []token, n int) bool {
	caps, lower := 0, 0
	// word counts toks[i], next to toks[j], and reports false where the
	// sentence or the line ends between them.
	word := func(i, j int) bool {
		t := &toks[i]
		a, b := min(i, j), max(i, j)
		switch {
		case strings.ContainsAny(s[toks[a].end:toks[b].start], "\n\r"),
			t.kind == tSym && (t.sym == '.' || t.sym == '!' || t.sym == '?'):
			return false
		case t.kind != tWord || t.end-t.start < 4 || !isASCIILetter(s[t.start]):
		case isUpperASCII(s[t.start]):
			caps++
		case !p.word(t).has(fStop):
			lower++
		}
		return true
	}
	for i := n - 1; i >= max(0, n-12) && word(i, i+1); i-- {
	}
	for i := n + 1; i < min(len(toks), n+13) && word(i, i-1); i++ {
	}
	return caps >= 3 && lower == 0
}

// modelNumber returns the index of the word after a model's name and
// number that a figure counts ("Leopard 2" of "Rebels captured 14 Leopard
// 2 tanks", "3 Challenger 2 tanks", "12 Su 24 bombers", "3 Mirage 2000
// jets"), toks[u] being the first word after the figure; else u. The
// second figure is the model's, no count: it is read within the first
// quantity, which counts the plural after it ("tanks"), and not as a
// quantity of its own ("2 tanks"). Narrow: the name is a word in Title
// Case the lexicon does not know (IsModelName: never one in capitals, a
// time zone's or a code's, "At 0700 GMT 3 rockets hit the city", "By 5
// PM 3 people had died"), no plural ("14 Russians 2 Ukrainians" keeps
// two counts), directly before a plain whole figure; the first figure may
// count what follows it (figureNotCount: a year's does not, "In 2014
// Leopard 2 tanks"); and the plural, or a word attributiveNoun passes
// over to one, follows the second figure ("sent 3 Challenger 2 battle
// tanks"). A model's name and number glued by a hyphen ("Su-24") make no
// second figure and are left as they were.
func (p *Parser) modelNumber(s string, toks []token, u int, m *match) int {
	n := u + 2
	if n >= len(toks) {
		return u
	}
	name, num, next := &toks[u], &toks[u+1], &toks[n]
	w := s[name.start:name.end]
	if name.kind != tWord || name.id != 0 || !IsModelName(w) || englishPluralEnding(w) ||
		num.kind != tNum || !num.space || num.nflags&^nYearLike != 0 || num.decimals != 0 ||
		next.kind != tWord || !next.space || p.figureNotCount(s, toks, m) {
		return u
	}
	if p.englishPlural(s, next) || p.attributiveNoun(s, toks, n, m) > n {
		return n
	}
	return u
}

// IsModelName reports a word that may be a model's name before its
// number ("Leopard 2", "Challenger 2", "Su 24", "Mirage 2000"): a word
// in Title Case, a capital and then small letters, of two letters or
// more. A word in capitals ("GMT", "UTC", "PM", "ET", "MSK") is not: it
// is a time zone's or a code's far more often, and the figure after it a
// count ("At 0700 GMT 3 rockets hit the city").
func IsModelName(w string) bool {
	return len(w) >= 2 && isUpperASCII(w[0]) && isLowerASCII(w[1:])
}

// attributiveNoun returns the index of the plural noun a figure counts
// when one English word the lexicon does not know stands between them and
// qualifies it, as an adjective or a noun used as one ("They fired 300
// ballistic missiles and 40 cruise missiles": "missiles", as "300 foreign
// fighters" has "fighters"), toks[u] being the first word after the
// figure; else u. Narrow, for such a pair is as often read otherwise
// ("phase 3 clinical trials", "Police believe 30 face charges", "8 core
// processors"):
//   - the figure counts more than one and may count what follows it
//     (figureNotCount: not "In 2014 civilian casualties", "Game 7 ...");
//   - it is no name's number (figureNamed: not "phase 3 clinical
//     trials", "On day 3 rescue teams", "COVID 19 vaccine clinics",
//     "iPhone 15 camera upgrades");
//   - the first word is in lower case and ends as an English adjective
//     does (adjectiveEnding: "ballistic", "nuclear", "local",
//     "positive") or is one of a short hand-kept list of nouns of
//     conflict and disaster news (attributiveNouns: "cruise", "aid",
//     "combat"); any other ("face", "core", "cylinder", "opposition")
//     stays the unit, as it was;
//   - the second is a plural in lower case (englishPlural: "missiles",
//     "fighters", "gunmen"), not a word the lexicon knows ("is", "has",
//     "days");
//   - where the figure may be a clause's subject, and a listed noun a
//     verb ("Police say 300 attack ..."), only a word with the ending of
//     an adjective is passed over ("300 ballistic missiles were fired").
func (p *Parser) attributiveNoun(s string, toks []token, u int, m *match) int {
	if u+1 >= len(toks) || m.core == coreNumeral && m.a.v <= 1 {
		return u
	}
	t, n := &toks[u], &toks[u+1]
	w := s[t.start:t.end]
	if t.kind != tWord || !attributiveWord(w, p.unknownWord(t)) ||
		n.kind != tWord || !n.space || s[n.start] < 'a' || s[n.start] > 'z' || !p.englishPlural(s, n) ||
		p.mayOpenClause(s, toks, u, m.start) && !adjectiveEnding(w) || p.figureNamed(s, toks, m.start) || p.figureNotCount(s, toks, m) {
		return u
	}
	return u + 1
}

// attributiveWord reports a word w, as written, that attributiveNoun may
// pass over to the plural after it; unknown says the lexicon does not
// know it (unknownWord). A word that makes a unit of measure another
// (unitQualifiers: "cubic metres", "nautical miles") is none: passed
// over, it would leave a unit read as the plain one.
func attributiveWord(w string, unknown bool) bool {
	return unknown && len(w) >= 3 && isLowerASCII(w) && !unitQualifier[w] && (adjectiveEnding(w) || qualifyingNoun[w])
}

// figureNamed reports a quantity that starts at the byte start and is a
// name's number, which counts nothing after it: after a noun that refers
// to it (referenceNouns: "phase 3", "level 4", "class 10", "day 3"), after
// a word with a capital letter, a product's or a name's ("COVID 19",
// "iPhone 15"; figureNotCount turns away a name in Title Case, "Fortune
// 500"), or glued to letters ("COVID-19").
func (p *Parser) figureNamed(s string, toks []token, start int) bool {
	i := 0
	for i < len(toks) && toks[i].start < start {
		i++
	}
	if i == 0 || i == len(toks) {
		return false
	}
	prev := &toks[i-1]
	if !toks[i].space && (prev.kind == tWord || isSym(toks, i-1, '-')) {
		return true
	}
	w := s[prev.start:prev.end]
	return prev.kind == tWord && (referenceNoun[strings.ToLower(w)] || strings.ToLower(w) != w)
}

// isLowerASCII reports a word of ASCII letters in lower case.
func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// mayOpenClause reports a quantity that starts at the byte start and may
// open a clause as its subject, toks[u] being the first word after it:
// one at the start of the text, after a punctuation mark, or after a word
// of clauseOpeners ("that", "while", "said"). After any other word
// ("fired 300", "of 300", "and 40") the figure is an object or a part of
// one, and the word after it no verb; so is a word after a vague
// quantity's "of" ("hundreds of cruise missiles").
func (p *Parser) mayOpenClause(s string, toks []token, u, start int) bool {
	if p.word(&toks[u-1]).has(fOf) {
		return false
	}
	i := u - 1
	for i >= 0 && toks[i].start >= start {
		i--
	}
	return i < 0 || toks[i].kind != tWord || clauseOpener[strings.ToLower(s[toks[i].start:toks[i].end])]
}

// adjectiveEnding reports an English word with the ending of an
// adjective that no verb of the present has: "-al" ("tactical",
// "local"; not "-eal", "appeal", "reveal", nor a noun of four letters,
// "goal", "coal": "2 goal leads" counts goals), "-ic" ("ballistic"),
// "-tive", "-sive" ("offensive"; not "-ive" after another letter,
// "receive", "survive"), "-ous", "-ary", "-ory", "-ian", "-ese", "-ful",
// "-less", "-able", "-ible", "-tile", "-bile" ("hostile", "mobile"; not
// "file", "compile"), "-lar", "-nar" ("similar", "lunar") and "nuclear".
// Not "-ish" ("finish", "perish", "publish") nor "-ant", "-ent", "-ist"
// ("plant", "prevent", "resist"), which verbs share.
func adjectiveEnding(w string) bool {
	for _, e := range [...]string{"ic", "tive", "sive", "ous", "ary", "ory", "ful", "less", "able", "ible", "ian", "ese",
		"tile", "bile", "lar", "nar", "nuclear"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return len(w) >= 5 && strings.HasSuffix(w, "al") && !strings.HasSuffix(w, "eal")
}

// englishPluralEnding reports an English word that ends as a plural
// does: in "-men" ("gunmen") or in "-s", but for the endings of
// singulars and names ("-ss", "-us", "-is", "-as": "across", "campus",
// "analysis", "Hamas").
func englishPluralEnding(w string) bool {
	if strings.HasSuffix(w, "men") {
		return true
	}
	if len(w) < 2 {
		return false
	}
	switch w[len(w)-2:] {
	case "ss", "us", "is", "as":
		return false
	}
	return w[len(w)-1] == 's'
}

// englishPlural reports a word after a group's name that is a noun in the
// plural (nounAfterName): a count noun of the lexicon or one of
// memberNouns in any case ("fighters", "commanders", and "Fighters" or
// "COMMANDERS" of a headline), or a lower-case word the lexicon does not know that ends
// in "-men" ("men", "gunmen") or in "-s" ("mercenaries", "hijackers"),
// but for the endings of singulars and names ("-ss", "-us", "-is",
// "-as": "across", "campus", "analysis", "Hamas") and notPluralWords
// ("news", "overseas"). A word the lexicon knows and counts not ("days",
// "resolutions", "dollars") is none.
func (p *Parser) englishPlural(s string, t *token) bool {
	w := s[t.start:t.end]
	if p.word(t).has(fCountNoun) {
		return true // in any case: "200 Hezbollah Fighters Killed", "5 HAMAS FIGHTERS"
	}
	if w[0] < 'a' || w[0] > 'z' {
		// "Three Hezbollah Commanders", "3 HEZBOLLAH COMMANDERS"; compared
		// folded, with no copy in lower case.
		for _, n := range memberNounList {
			if strings.EqualFold(n, w) {
				return true
			}
		}
		return false
	}
	return t.id == 0 && len(w) >= 3 && !notPlural[w] && englishPluralEnding(w)
}

// The kinds of Russian adjectives before a counted noun (ruAdjective).
const (
	ruNotAdjective = iota
	// A place's or nation's adjective ("российских") or a qualifier
	// ("иностранных"): an adjective that qualifies the noun after it.
	ruQualifying
	// Any other word with the ending of an adjective in the genitive
	// plural ("русскоязычных", "раненых"), which may be a noun too, or
	// after 2, 3 or 4 in the nominative plural ("военные").
	ruAdjectiveForm
)

// ruAdjective tells what kind of Russian adjective before a counted noun
// t may be: ruQualifying, ruAdjectiveForm or ruNotAdjective; few as in
// ruCountedNoun.
func (p *Parser) ruAdjective(s string, t *token, few bool) int {
	w := s[t.start:t.end]
	switch {
	case t.kind != tWord || w[0] < utf8.RuneSelf:
		return ruNotAdjective
	case t.id == 0 && isRelAdjective(w) || p.word(t).has(fQualifies):
		return ruQualifying
	case (t.id == 0 || p.word(t).has(fCountNoun)) && ruAdjectiveCase(w, few) && isLowerStart(w):
		return ruAdjectiveForm
	}
	return ruNotAdjective
}

// ruAdjectiveCase reports a Russian word with the ending of an adjective
// in the case a figure puts it in before its noun: the genitive plural
// ("мирных", "крылатых") after any figure; after one that ends in 2, 3
// or 4 (few) the nominative plural too, which a feminine noun's
// adjective takes there as often ("3 военные базы", "2 крылатые
// ракеты").
func ruAdjectiveCase(w string, few bool) bool {
	return isGenPluralAdjective(w) ||
		few && utf8.RuneCountInString(w) > 4 && (strings.HasSuffix(w, "ые") || strings.HasSuffix(w, "ие")) && !ruVerbalNoun(w)
}

// ruVerbalNoun reports a Russian neuter noun in "-ие" that ends as a
// nominative plural adjective does: in "-ние" after a vowel ("здание",
// "отделение", "управление", "решение", "состояние") or in "-тие"
// ("покрытие", "событие", "предприятие") or "-вие" ("условие",
// "действие"). "во 2 здание больницы", "в 3
// отделение реанимации" name a building and a ward, and the noun after
// them is none the figure counts. A soft adjective ends in "-ние" after
// a consonant ("соседние", "последние", "внутренние") and is none.
func ruVerbalNoun(w string) bool {
	if strings.HasSuffix(w, "тие") || strings.HasSuffix(w, "вие") {
		return true
	}
	stem, ok := strings.CutSuffix(w, "ние")
	if !ok {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(stem)
	return strings.ContainsRune("аеёиоуыэюя", last)
}

// ruNounAfter reports a word that may be the noun after Russian
// adjectives: by nounAfterAdjective after adjectives that qualify the
// noun after them, by ruNounAfterAdjectives when one of them is only an
// adjective's form (few as there).
func (p *Parser) ruNounAfter(s string, t *token, strict, few bool) bool {
	if strict {
		return p.ruNounAfterAdjectives(s, t, few)
	}
	return p.nounAfterAdjective(s, t)
}

// ruNounAfterAdjectives reports a word after a figure and Russian
// adjectives that can only be a noun: a count noun of the lexicon, or a
// word it does not know, in lower case, that ends as a noun's genitive
// plural may ("боевиков", "жителей", "армий", "граждан", "мест") and as
// no adjective, verb or adverb does. Of three letters it must end in
// "-ел", as the genitive plural of a neuter noun in "-ло" does ("уголовных
// дел"), where most words of three letters the lexicon does not know are
// pronouns and adverbs ("там", "нам"). Turned away: a vowel or soft sign
// at the end (adverbs: "сразу", "вчера", "здесь"; short participles:
// "доставлены", "задержано"; verbs in the past or reflexive: "погибли",
// "находятся"), a longer word in "-л" (a verb in the past: "хотел"), the
// endings of an adjective but for "-ий" and "-ей" ("домой", "потом"), of
// a verb in the present ("-ет", "-ёт", "-ит", "-ут", "-ют", "-ят"; "-ат"
// after ж, ч, ш, щ: "лежат", not "солдат"), and the dative and
// prepositional plurals ("-ам", "-ям", "-ах", "-ях"), which do not follow
// a genitive. The few feminine nouns a figure counts whose genitive plural
// ends as a verb in the present does ("ракет", "плит") are known by name
// (ruNounsInT); others ("минут" is the lexicon's) keep the adjective as
// the unit. A currency's word the lexicon has only for its nation's
// adjective ("динаров") is read as a word it does not know (unknownWord).
//
// few says the noun is in the genitive singular (ruFewCase): then a word
// in "-а" or "-я" that may be a masculine or neuter noun's genitive
// singular is a noun too ("3 русскоязычных боевика", "22 местных жителя";
// see ruGenitiveSingular), and so is one in "-ы" or "-и" that may be a
// feminine noun's ("3 военных базы", "2 крылатые ракеты", "3 ракетных
// установки"; see ruFeminineGenitiveSingular), but for the short
// participles and verbs that end so ("2 раненых доставлены", "3 раненых
// убиты", "2 пострадавших были").
func (p *Parser) ruNounAfterAdjectives(s string, t *token, few bool) bool {
	if t.kind != tWord {
		return false
	}
	if p.word(t).has(fCountNoun) {
		return true
	}
	w := s[t.start:t.end]
	n := utf8.RuneCountInString(w)
	if !p.unknownWord(t) || w[0] < utf8.RuneSelf || !isLowerStart(w) || n < 3 ||
		n == 3 && !strings.HasSuffix(w, "ел") || n > 3 && strings.HasSuffix(w, "л") {
		return false
	}
	if ruNounsInT[w] {
		return true
	}
	if last, _ := utf8.DecodeLastRuneInString(w); strings.ContainsRune("аеёиоуыэюяь", last) &&
		!(few && n > 3 && (ruGenitiveSingular(w) || ruFeminineGenitiveSingular(w))) {
		return false
	}
	if _, ok := ruAdjectiveStem(w); ok && !strings.HasSuffix(w, "ий") && !strings.HasSuffix(w, "ей") {
		return false
	}
	for _, e := range [...]string{"ет", "ёт", "ит", "ут", "ют", "ят", "жат", "чат", "шат", "щат", "ам", "ям", "ах", "ях"} {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return true
}

// ruNounsInT are the genitive plurals of feminine nouns in "-та" that a
// figure counts in the news and that end as a verb in the present does
// ("ракет" as "ждет", "плит" as "спит"): "300 крылатых ракет", "100
// бетонных плит" (see ruNounAfterAdjectives). Not "примет", which is a
// verb too.
var ruNounsInT = wordSet("ракет газет монет кассет сигарет анкет планет комет конфет котлет плит орбит валют кают")

// ruGenitiveSingular reports a word in "-а" or "-я" (of four letters or
// more) that may be a masculine or neuter noun's genitive singular, as
// after 2, 3 or 4 ("боевика", "жителя", "ветерана", "члена"). Turned
// away: a reflexive verb ("находятся"); the adverbs, conjunctions,
// prepositions, pronouns and gerunds that end so (ruNotNounsInA:
// "вчера", "позавчера", "несмотря", "себя"); a short participle or a
// verb in the past (ruShortParticiple: "обнаружена", "изъята"); a
// feminine noun in the nominative (ruFeminineNominative: "девушка",
// "женщина").
func ruGenitiveSingular(w string) bool {
	return (strings.HasSuffix(w, "а") || strings.HasSuffix(w, "я")) && !strings.HasSuffix(w, "ся") &&
		!ruNotNounsInA[w] && !ruShortParticiple(w) && !ruFeminineNominative(w)
}

// ruFeminineGenitiveSingular reports a word in "-ы" or "-и" (of four
// letters or more) that may be a feminine noun's genitive singular, as
// after 2, 3 or 4 ("базы", "ракеты", "установки", "части", "дивизии").
// Turned away: a short participle in the plural, by the ending of its
// feminine singular (ruShortParticiple of "доставлена" for "доставлены",
// "убиты", "взяты", "задержаны", "госпитализированы") and by "-даны",
// "-званы", "-сланы" ("переданы", "вызваны", "посланы"), which no
// feminine noun a figure counts ends in, while masculine genitives end
// in "-дана" ("чемодана"); a verb in the past ("были", "погибли":
// ruPastVerb); an infinitive in "-йти", "-зти", "-ести", "-ясти",
// "-пасти", "-расти" ("прийти", "везти", "вести", "трясти", "спасти",
// "вырасти"; not "области", "власти", "новости"); the pronouns in "-ои"
// ("свои", "мои") and the adverbs and pronouns of ruNotNounsInI
// ("впереди", "сами", "наши").
func ruFeminineGenitiveSingular(w string) bool {
	stem, ok := strings.CutSuffix(w, "ы")
	if !ok {
		stem, ok = strings.CutSuffix(w, "и")
	}
	if !ok || ruShortParticiple(stem+"а") || ruPastVerb(w) || ruNotNounsInI[w] {
		return false
	}
	for _, e := range [...]string{"даны", "званы", "сланы", "йти", "зти", "ести", "ясти", "пасти", "расти", "ои"} {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return true
}

// ruNotNounsInI are the adverbs and pronouns in "-и" that may follow a
// substantivised adjective after a figure ("3 раненых впереди", "2
// погибших сами"), which a feminine noun's genitive singular would
// otherwise be taken for after two to four (ruFeminineGenitiveSingular).
var ruNotNounsInI = wordSet("впереди позади внутри снаружи сзади вблизи вдали почти сами наши ваши")

// ruNotNounsInA are the adverbs, conjunctions, prepositions, pronouns
// and gerunds in "-а" or "-я" that may follow a substantivised adjective
// after a figure ("3 раненых вчера", "2 погибших когда", "3 погибших
// несмотря на", "3 раненых себя"), which a noun's genitive singular
// would otherwise be taken for after two to four (see
// ruGenitiveSingular). No rule of their endings tells them from nouns
// ("слегка" ends as "боевика" does). Not "дома", which is the genitive of
// "дом" as often ("3 жилых дома").
var ruNotNounsInA = wordSet("вчера позавчера сегодня завтра послезавтра тогда когда всегда навсегда иногда " +
	"никогда пока покуда куда туда сюда никуда оттуда отсюда откуда ниоткуда едва снова сперва слева справа " +
	"сначала слегка наверняка издалека сгоряча сообща сполна дотла хотя нельзя спустя благодаря несмотря " +
	"судя глядя исходя говоря смотря идя стоя сидя лежа сама наша ваша своя твоя моя себя меня тебя")

// ruShortParticiple reports a word with the ending of a feminine short
// participle ("обнаружена", "ранена", "диагностирована", "изъята",
// "убита", "задержана", "оказана") or of a verb in the feminine past
// ("получила", "была"), which are no noun's genitive singular. The
// endings are those no masculine noun a figure counts shares: "-ена" but
// for "члена" and "-мена" ("бизнесмена"), "-ована", "-ята", "-ыта" but
// for "опыта", "-бита", "-нута", and of "-ана" only "-казана", "-вязана",
// "-писана", "-ержана", "-брана" ("ветерана", "капитана", "партизана"
// are nouns); "-ила", "-ыла" (not "-ала", "-ела": "генерала", "отдела").
func ruShortParticiple(w string) bool {
	switch w {
	case "члена", "опыта":
		return false
	}
	if strings.HasSuffix(w, "мена") {
		return false
	}
	for _, e := range [...]string{"ена", "ёна", "ована", "ята", "ыта", "бита", "нута", "казана", "вязана", "писана",
		"ержана", "брана", "ила", "ыла"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// ruFeminineNominative reports a word with the ending of a feminine (or
// common) noun's nominative in "-а" that no masculine noun's genitive
// singular shares: "девушка", "бабушка", "девочка", "школьница",
// "женщина" ("мужчина" too, a nominative all the same), "журналистка",
// "пенсионерка", "иностранка", "гражданка", "американка", "россиянка".
// Not "-ка" alone, nor "-анка" or "-ерка" alone: "боевика", "ребенка",
// "подростка", "танка", "банка", "клерка" are genitives.
func ruFeminineNominative(w string) bool {
	for _, e := range [...]string{"ушка", "юшка", "ышка", "очка", "ечка", "ница", "щина", "истка", "онерка",
		"ранка", "данка", "канка", "ганка", "манка", "чанка", "жанка", "янка"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// ruOwnNouns are substantivised adjectives that are nouns far more often
// than adjectives: after 2, 3 or 4 a genitive singular after them is
// their owner ("3 военнослужащих батальона", "2 служащих банка", "3
// заключенных лагеря"), and they stay the unit. Not "рабочих" ("2 рабочих
// места") nor "ученых" ("2 ученых совета"), nor "рядовых" ("2 рядовых
// сотрудника"), which qualify a noun after them as often.
var ruOwnNouns = wordSet("военнослужащих служащих заключенных заключённых")

// ruFewCase reports a figure after which Russian puts the noun in the
// genitive singular: one that ends in 2, 3 or 4 (ruFewFigure; toks[u-1]
// its last token) in the nominative or accusative. After a preposition
// that governs another case ("у 3 пострадавших", "среди 2 погибших",
// "для 3 раненых"; ruObliquePreps) the noun is in the genitive plural or
// another case, as after any figure. start is the byte offset where the
// quantity starts (a modifier included).
func ruFewCase(s string, toks []token, u, start int) bool {
	if u == 0 || !ruFewFigure(s, &toks[u-1]) {
		return false
	}
	i := u - 1
	for i >= 0 && toks[i].start >= start {
		i--
	}
	return i < 0 || toks[i].kind != tWord || !ruObliquePreps[strings.ToLower(s[toks[i].start:toks[i].end])]
}

// ruObliquePreps are the Russian prepositions that never take the
// accusative (ruFewCase). "в", "на", "за", "через", "по", "под" and
// "про" may ("в 2 жилых дома попали снаряды") and are left out.
var ruObliquePreps = wordSet("у из от для до без около возле после кроме среди о об обо при к ко между перед " +
	"над с со")

// unknownWord reports a word the lexicon does not know, or knows only as
// the word of a currency that names it after its nation's adjective or as
// a code in capitals (fCurrencyWord: "dinars", "gel"), which elsewhere is
// read as it was before the lexicon listed it ("5 million new dinars":
// "dinars").
func (p *Parser) unknownWord(t *token) bool {
	return t.id == 0 || p.word(t).has(fCurrencyWord)
}

// ruFewFigure reports a figure whose last token t is a number that ends
// in 2, 3 or 4 but not in 12 to 14 ("3", "22", "104", "2-3"), or the
// nominative of a Russian numeral of two to four ("три", "двадцать два"):
// Russian puts the noun after it in the genitive singular ("3 боевика").
// After a scale word ("2 тысячи местных жителей"), a collective numeral
// ("трое") or a decimal the noun is in the genitive plural, as after
// other figures.
func ruFewFigure(s string, t *token) bool {
	switch t.kind {
	case tNum:
		if t.decimals != 0 || t.num != math.Trunc(t.num) || t.num > MaxValue {
			return false
		}
		n := int64(t.num) % 100
		return n%10 >= 2 && n%10 <= 4 && (n < 12 || n > 14)
	case tWord:
		switch strings.ToLower(s[t.start:t.end]) {
		case "два", "две", "три", "четыре":
			return true
		}
	}
	return false
}

// isLowerStart reports a word that opens with a lower-case letter.
func isLowerStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// isRelAdjective reports a Russian relational adjective in -ск- or -цк-,
// as a place or a nation is named by ("российских", "сирийской",
// "донецких", "чеченских"): the rule the latin package's adjectivePlace
// starts from, here without the gazetteer, which this package does not
// import. It needs no list: what it also takes ("политических
// заключенных", "детских садов") qualifies the noun after it all the same.
func isRelAdjective(w string) bool {
	stem, ok := ruAdjectiveStem(w)
	return ok && utf8.RuneCountInString(stem) >= 5 && (strings.HasSuffix(stem, "ск") || strings.HasSuffix(stem, "цк"))
}

// ruAdjectiveStem cuts the ending of a Russian adjective, in any case,
// gender and number, off w: "российск" of "российских". The endings are
// in lower case, as they are in a capitalised word; a word in capitals,
// or in Latin letters, has none.
func ruAdjectiveStem(w string) (string, bool) {
	if w == "" || w[0] < utf8.RuneSelf {
		return "", false
	}
	for _, e := range [...]string{"ого", "его", "ому", "ему", "ыми", "ими", "ий", "ый", "ой", "ая", "яя", "ое", "ее",
		"ым", "им", "ом", "ем", "ей", "ую", "юю", "ые", "ие", "ых", "их"} {
		if stem, ok := strings.CutSuffix(w, e); ok {
			return stem, true
		}
	}
	return "", false
}

// nationCurrency returns the currency that the adjective adj of its
// nation and the word noun name together ("Russian" "roubles", "канадских"
// "долларов": RUB, CAD), or "" (see the lexicon's currencies).
func nationCurrency(adj, noun string) string {
	adj, noun = normalizeKey(adj), normalizeKey(noun)
	stem, ru := ruAdjectiveStem(adj)
	if !ru {
		stem = adj
	}
	for _, c := range currencies {
		if hasField(c.nation, stem) && (hasField(c.forms, noun) || hasField(c.nouns, noun)) {
			return c.code
		}
	}
	return ""
}

// hasField reports whether w is one of the space-separated words of list.
func hasField(list, w string) bool {
	for f := range strings.FieldsSeq(list) {
		if f == w {
			return true
		}
	}
	return false
}

// nationBeforeCurrency returns the currency that toks[k] and the word of
// a currency after it name when toks[k] is the adjective of its nation
// ("Russian roubles", "российских рублей", "Canadian dollars",
// "иракских динаров"), or "".
func (p *Parser) nationBeforeCurrency(s string, toks []token, k int) string {
	if k+1 >= len(toks) || toks[k].kind != tWord || toks[k+1].kind != tWord || !toks[k+1].space {
		return ""
	}
	if w := p.word(&toks[k+1]); w.currency != "" || w.has(fCurrencyWord) {
		return nationCurrency(s[toks[k].start:toks[k].end], s[toks[k+1].start:toks[k+1].end])
	}
	return ""
}

// isDemonym reports a nation's or people's English adjective, capitalised
// as English writes it: "Russian", "Chechen" (the lexicon's fDemonym).
func (p *Parser) isDemonym(s string, t *token) bool {
	return t.kind == tWord && isUpperASCII(s[t.start]) && p.word(t).has(fDemonym)
}

// qualifies reports an English word that qualifies the noun after it,
// which is then the unit: a qualifier ("foreign", "new") or a nation's
// adjective ("Russian").
func (p *Parser) qualifies(s string, t *token) bool {
	return p.word(t).has(fQualifies) || p.isDemonym(s, t)
}

// isTitleCase reports a word that opens with a capital letter followed by
// a small one ("Число", "The"), as a sentence's first word does; not a
// word in capitals ("НКО", "USD").
func isTitleCase(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	r2, _ := utf8.DecodeRuneInString(w[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// isRuAndOr reports the Russian conjunctions that join two adjectives of
// one noun: "и", "или".
func isRuAndOr(w string) bool { return w == "и" || w == "или" }

// isGenPluralAdjective reports a Russian word with the ending of an
// adjective in the genitive plural ("мирных", "кадровых"), the case of
// the adjectives after a figure of five or more.
func isGenPluralAdjective(w string) bool {
	return utf8.RuneCountInString(w) > 4 && (strings.HasSuffix(w, "ых") || strings.HasSuffix(w, "их"))
}

// nounAfterAdjective reports a word after a relational adjective that may
// be the noun it qualifies: a count noun, or a word the lexicon does not
// know that does not end as a Russian verb does. "300 гражданских
// погибли" keeps "гражданских" (civilians) as the unit.
func (p *Parser) nounAfterAdjective(s string, t *token) bool {
	if p.word(t).has(fCountNoun) {
		return true
	}
	w := s[t.start:t.end]
	return p.unknownWord(t) && !ruVerbLike(w) && !(len(w) > 4 && (w[len(w)-2:] == "ed" || w[len(w)-3:] == "ing")) // "300 more arrived", "more marching"
}

// ruVerbLike reports a Russian word with the ending of a verb in the past
// ("погибли", "погибло"), the infinitive, a reflexive form ("собрались")
// or the third person plural ("воюют"): endings that the genitive plural
// of a noun after a figure does not have.
func ruVerbLike(w string) bool {
	for _, e := range [...]string{"ли", "ло", "ла", "ся", "сь", "ть", "ют"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// pastVerbForm reports a word with the ending of a past verb: English
// "-ed" (of five letters or more: "arrived", not "red") or a Russian past
// plural or neuter (ruPastVerb).
func pastVerbForm(w string) bool {
	return len(w) > 4 && w[len(w)-2:] == "ed" || ruPastVerb(w)
}

// ruPastVerb reports a Russian word with the ending of a verb in the past
// plural or neuter ("погибли", "получили", "погибло"), reflexive or not
// ("собрались", "собралось", "оказался", "оказалась"): never a figure's
// unit. A genitive singular in "-ла" ("2 балла", "3 генерала") and a
// nominative in "-л" ("21 балл") are nouns as often as verbs and are left
// alone; so are the few nouns in "-ли" and "-ло" a figure counts
// (ruNounsInL). A word of three letters or fewer ("чел") is no verb.
func ruPastVerb(w string) bool {
	if w == "" || w[0] < utf8.RuneSelf || utf8.RuneCountInString(w) < 4 {
		return false
	}
	for _, e := range [...]string{"ли", "ло", "лись", "лось", "лся", "лась"} {
		if strings.HasSuffix(w, e) {
			return !ruNounsInL[strings.ToLower(w)]
		}
	}
	return false
}

// ruNounsInL are the nouns ending as a verb in the past does that a
// figure counts or measures: feminine nouns in "-ль" in the genitive
// singular after two to four ("3 цели", "2 мили", "4 недели") and
// neuter nouns in "-ло" after one ("21 село").
var ruNounsInL = map[string]bool{
	"цели": true, "мили": true, "недели": true, "модели": true, "роли": true, "медали": true, "детали": true,
	"земли": true, "капли": true, "петли": true, "мысли": true, "сабли": true, "шинели": true,
	"артели": true, "дуэли": true, "купели": true, "постели": true,
	"село": true, "число": true, "дело": true, "тело": true, "крыло": true, "кресло": true, "весло": true,
	"стекло": true, "правило": true, "начало": true, "сало": true, "масло": true, "жерло": true,
}
