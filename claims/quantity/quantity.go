package quantity

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Version identifies the parser's rules and lexicon. Claims store the
// version that read them, so that a change of the lexicon can re-parse
// stored claims and show what moved. A parser with a calibration reports
// its own version (see Parser.Version).
const Version = "15"

// MaxValue is the largest figure read, 10^15 (a thousand trillion). A
// figure above it, or a range or vague quantity that reaches past it, is
// refused by Parse as out of range and left out by Extract: no count, sum
// or share in the news comes near it (world output is about 10^14 USD a
// year), whole numbers stay exact in a float64 well past it (to 2^53), and
// explanations write every figure up to it in full.
const MaxValue = 1e15

// MaxParseLen is the longest text, in characters, that Parse reads: a
// quantity as said, perhaps with a few words around it. Use Extract for
// running text.
const MaxParseLen = 300

// Kind classifies a quantity.
type Kind string

// The kinds of quantity.
const (
	Exact       Kind = "exact"       // "800": low = high = best
	Approximate Kind = "approximate" // "about 800", "nearly 2,000": both bounds, hedged
	Range       Kind = "range"       // "between 70 and 80": both bounds, best the midpoint
	LowerBound  Kind = "lower_bound" // "more than 400": low only, no best
	UpperBound  Kind = "upper_bound" // "up to 3,000": high only, no best
	Vague       Kind = "vague"       // "a few dozen": both bounds from the vague-word table
	// Change is a signed change ("fell by 5%": -5, "rose by 3%": 3,
	// "минус 5 процентов": -5). Its bounds may be negative; every other
	// kind is a magnitude and never negative.
	Change Kind = "change"
)

// Quantity is what a quantity expression means. Low and High are inclusive
// bounds, nil when open; Best is the central estimate, nil when there is
// none. Start and End are the byte offsets of the matched span in Text.
type Quantity struct {
	Text   string   `json:"text"`
	Low    *float64 `json:"low"`
	High   *float64 `json:"high"`
	Best   *float64 `json:"best"`
	Approx bool     `json:"approx"`
	Kind   Kind     `json:"kind"`
	// Unit is "percent", an ISO 4217 code ("USD", "EUR", "GBP", "RUB"),
	// or the word after the figure as written ("fighters", "человек").
	Unit  string `json:"unit"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Rule names the rule that fired: "numeral", "about", "more_than",
	// "range", "vague:few", "more_than+vague:few"… (see the package doc).
	Rule        string `json:"rule"`
	Explanation string `json:"explanation"`
}

// Error is returned for text that holds no quantity the parser can read.
type Error struct {
	Text   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("quantity: %s: %q", e.Reason, e.Text) }

// Parser reads quantity expressions. Its zero value is not usable: call
// New. A Parser is safe for concurrent use.
type Parser struct {
	lex          *lexicon
	vague        []vagueEntry
	hedges       [numMods]Meaning
	roundFigures bool
	version      string
	rules        [2][numMods][]string // by hedged (an approximator after a bound), modifier, then core (numeral, range, fraction, ratio, vague…)
}

type vagueEntry struct {
	key    string
	plural bool
	words  []string
	Meaning
}

// Option configures a Parser.
type Option func(*config)

type config struct {
	cal          *Calibration
	roundFigures bool
}

// WithCalibration replaces the meaning of the vague words and hedges that c
// names. New panics if c does not pass Calibration.Validate; a calibration
// from LoadCalibration always does.
func WithCalibration(c Calibration) Option { return func(cf *config) { cf.cal = &c } }

// WithRoundFigurePrecision reads a plain round figure as the precision it
// implies: "4,000" becomes 3,500 to 4,500 and "1.2 million" 1.15 to 1.25
// million (half a unit of the last significant digit either side). It
// applies to unhedged figures in digits or words that end in at least two
// zeros or carry a scale word, and not to percentages. Off by default.
func WithRoundFigurePrecision(on bool) Option { return func(cf *config) { cf.roundFigures = on } }

// New returns a parser with the built-in lexicon, changed by opts.
func New(opts ...Option) *Parser {
	var cf config
	for _, o := range opts {
		o(&cf)
	}
	p := &Parser{roundFigures: cf.roundFigures, version: Version}
	if cf.cal != nil {
		if err := cf.cal.Validate(); err != nil {
			panic(err)
		}
		if len(cf.cal.Vague)+len(cf.cal.Hedges) > 0 {
			p.version = Version + "+cal." + cf.cal.hash()
		}
	}
	for _, k := range sortedKeys(builtin.Vague) {
		e := builtin.Vague[k]
		v := vagueEntry{key: k, plural: e.As == "plural", words: append(append([]string(nil), e.En...), e.Ru...), Meaning: e.Meaning}
		if cf.cal != nil {
			if m, ok := cf.cal.Vague[k]; ok {
				v.Meaning = m
			}
		}
		p.vague = append(p.vague, v)
	}
	for mod, key := range hedgeKey {
		p.hedges[mod] = builtin.Hedges[key]
		if cf.cal != nil {
			if m, ok := cf.cal.Hedges[key]; ok {
				p.hedges[mod] = m
			}
		}
	}
	p.lex = buildLexicon(p.vague)
	cores := []string{"numeral", "range", "fraction", "ratio"}
	for _, v := range p.vague {
		cores = append(cores, "vague:"+v.key)
	}
	for h, hedge := range []string{"", "+about"} {
		for mod := range numMods {
			p.rules[h][mod] = make([]string, len(cores))
			for c, core := range cores {
				switch {
				case mod == modNone || mod == modExact || mod == modBetween || mod == modFrom:
					p.rules[h][mod][c] = core
				case c == 0:
					p.rules[h][mod][c] = modRule[mod] + hedge
				default:
					p.rules[h][mod][c] = modRule[mod] + hedge + "+" + core
				}
			}
		}
	}
	return p
}

// Version is the version to store with a quantity this parser read: the
// package Version, followed by "+cal." and a hash of the calibration when
// there is one, so that a change of calibration also marks claims for
// re-parsing.
func (p *Parser) Version() string { return p.version }

var defaultParser = New()

// Parse reads text with the built-in lexicon.
func Parse(text string) (Quantity, error) { return defaultParser.Parse(text) }

// Extract finds the quantities in text with the built-in lexicon.
func Extract(text string) []Quantity { return defaultParser.Extract(text) }

type scratch struct {
	toks []token
}

var scratchPool = sync.Pool{New: func() any { return &scratch{toks: make([]token, 0, 64)} }}

// Parse reads the one quantity expression in text: what an analyst types
// as "the quantity as said", perhaps with a unit or a few words around it
// ("about 800 Russians"). Years, dates and page numbers are set aside when
// another quantity is present. Text that holds no quantity, or more than
// one, a year in a date context alone ("in 2015"), a negative figure, a
// figure above MaxValue or scientific notation is an *Error with a reason.
func (p *Parser) Parse(text string) (Quantity, error) {
	if strings.TrimSpace(text) == "" {
		return Quantity{}, &Error{Text: text, Reason: "empty text"}
	}
	if len(text) > MaxParseLen && utf8.RuneCountInString(text) > MaxParseLen {
		return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("text is longer than %d characters", MaxParseLen)}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	toks := p.lex.tokenize(text, sc.toks[:0])
	sc.toks = toks[:0]

	var found [3]match // the first non-skipped matches, then skipped ones
	var nKept, nSkipped int
	var firstSkipped match
	var m match
	for i := 0; i < len(toks); {
		next, ok := p.matchAt(text, toks, i, &m)
		if !ok {
			i++
			continue
		}
		switch {
		case !m.skip && nKept < len(found):
			found[nKept] = m
			nKept++
		case !m.skip:
			nKept++
		case nSkipped == 0:
			firstSkipped = m
			nSkipped++
		default:
			nSkipped++
		}
		i = next
	}
	if nKept >= 1 && len(toks) > 1 && toks[0].kind == tSym && (toks[0].sym == '-' || toks[0].sym == '−') && found[0].start == toks[1].start {
		found[0].sign = '−' // "- 1,200,000": a quantity typed with a sign before it
	}
	switch {
	case nKept == 1:
		return p.one(text, &found[0])
	case nKept == 0 && nSkipped == 1:
		if from, to, ok := factorSpan(text, &firstSkipped); ok {
			return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("%q is a comparison by a factor, not a count: give the figure it multiplies", text[from:to])}
		}
		if firstSkipped.dateYear && firstSkipped.sign == 0 {
			reason := "only a year found: no quantity"
			if firstSkipped.core == coreRange {
				reason = "only years found: no quantity"
			}
			return Quantity{}, &Error{Text: text, Reason: reason}
		}
		return p.one(text, &firstSkipped)
	case nKept == 0 && nSkipped == 0:
		return Quantity{}, &Error{Text: text, Reason: p.noQuantityReason(text, toks)}
	case nKept == 2:
		return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("two quantities found (%q and %q): give one",
			text[found[0].start:found[0].end], text[found[1].start:found[1].end])}
	case nKept == 0:
		return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("%d dates, years or reference numbers found and no other quantity: give one", nSkipped)}
	default:
		return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("%d quantities found: give one", nKept)}
	}
}

// factorSpan reports a figure read with "times", "раз" or "раза" that is a
// multiplier, and the span of the comparison around it: "в два раза
// больше", "в 2 раза", "3 times more", "ten times as many", "5 times the
// number". Parse, which reads a lone skipped figure (a bare year) as a
// number, must not read "в два раза больше" as a count of 2. Without "в"
// before it or a comparative after it the figure counts occasions and is
// read as a count: "violated 300 times", "обстреляли 20 раз", "несколько
// раз".
func factorSpan(text string, m *match) (from, to int, ok bool) {
	switch strings.ToLower(m.unit) {
	case "times", "раз", "раза":
	default:
		return 0, 0, false
	}
	from, to = m.start, m.end
	// The word before the figure: "в два раза", "во много раз".
	before := strings.TrimRight(text[:m.start], " \t\u00a0")
	k := strings.LastIndexAny(before, " \t\u00a0(«\"")
	if w := strings.ToLower(before[k+1:]); w == "в" || w == "во" {
		from, ok = k+1, true
	}
	// The word after it: "больше", "more", "as many", "the number".
	after := text[m.end:]
	rest := strings.TrimLeft(after, " \t\u00a0")
	w := rest
	if e := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); e >= 0 {
		w = rest[:e]
	}
	end := m.end + len(after) - len(rest) + len(w)
	if lw := strings.ToLower(w); lw == "as" {
		// "ten times as many", "3 times as high": not "3 times as a tourist".
		next := strings.TrimLeft(text[end:], " \t\u00a0")
		for _, v := range []string{"many", "much", "high", "large", "big", "great", "long", "likely", "often", "fast", "low", "few", "small"} {
			if len(next) >= len(v) && strings.EqualFold(next[:len(v)], v) && (len(next) == len(v) || !unicode.IsLetter(rune(next[len(v)]))) {
				to, ok = end+len(next[:len(v)])+len(text[end:])-len(next), true
				break
			}
		}
	} else if w != "" && isComparative(lw) {
		to, ok = end, true
	}
	return from, to, ok
}

// isComparative reports a word that, after "N times" or "N раз", makes N a
// factor.
func isComparative(w string) bool {
	switch w {
	case "more", "less", "fewer", "higher", "lower", "larger", "smaller", "greater", "bigger",
		"faster", "slower", "longer", "shorter", "cheaper", "dearer", "worse", "better", "the",
		"больше", "меньше", "выше", "ниже", "дороже", "дешевле", "чаще", "реже", "хуже", "лучше",
		"дольше", "короче", "шире", "больший", "меньший", "превышает", "превысил", "превысило", "превысили":
		return true
	}
	// A Russian comparative: "быстрее", "сильнее", "более", "менее".
	return strings.HasSuffix(w, "ее") && utf8.RuneCountInString(w) > 3
}

// one returns the quantity Parse found, or refuses a figure it cannot
// stand for: negative or out of range.
func (p *Parser) one(text string, m *match) (Quantity, error) {
	switch {
	case m.reason != "":
		return Quantity{}, &Error{Text: text, Reason: m.reason}
	case m.sign != 0 && !m.signedShare():
		if m.a.currency != "" {
			return Quantity{}, &Error{Text: text, Reason: "a sign before a sum: say what fell or was lost (\"fell by $5bn\"); a negative sum is not read"}
		}
		return Quantity{}, &Error{Text: text, Reason: "a sign before the number: negative quantities are not counts"}
	case m.tooBig:
		return Quantity{}, &Error{Text: text, Reason: fmt.Sprintf("out of range: %q is above 10^15 (a thousand trillion), the largest figure read", text[m.start:m.leadEnd])}
	}
	return p.quantity(text, m, nil), nil
}

// noQuantityReason explains why text holds no quantity.
func (p *Parser) noQuantityReason(text string, toks []token) string {
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tNum && t.nflags&nBad != 0:
			return fmt.Sprintf("cannot read %q as a number", text[t.start:t.end])
		case t.kind == tNum && t.nflags&nHuge != 0:
			return fmt.Sprintf("out of range: %q is above 10^15 (a thousand trillion), the largest figure read", text[t.start:t.end])
		case t.kind == tNum && i+2 < len(toks) && isExponent(text, toks, i+1):
			return scientificReason(text, toks, i)
		case t.kind == tWord && p.word(t).has(fTooVague):
			return fmt.Sprintf("%q names no number", text[t.start:t.end])
		}
	}
	for i := range toks {
		if toks[i].kind == tNum {
			return fmt.Sprintf("cannot read %q as a quantity (an ordinal, a model name or a code?)", text[toks[i].start:toks[i].end])
		}
	}
	return "no number or quantity word found"
}

// isExponent reports the "e9", "E+6" or "e-3" of scientific notation at
// toks[k], glued to the digits before it.
func isExponent(text string, toks []token, k int) bool {
	t := &toks[k]
	if t.kind != tWord || t.space || t.end-t.start != 1 || text[t.start]|0x20 != 'e' {
		return false
	}
	k++
	if k < len(toks) && toks[k].kind == tSym && !toks[k].space && (toks[k].sym == '+' || toks[k].sym == '-' || toks[k].sym == '−') {
		k++
	}
	return k < len(toks) && toks[k].kind == tNum && !toks[k].space && toks[k].decimals == 0 && toks[k].nflags == 0
}

// scientificReason refuses scientific notation at toks[i] and says how to
// write the figure: "1e9" as 1,000,000,000 or 1 billion.
func scientificReason(text string, toks []token, i int) string {
	k, neg := i+2, false
	if toks[k].kind == tSym {
		neg = toks[k].sym != '+'
		k++
	}
	exp := toks[k].num
	if neg {
		exp = -exp
	}
	v := toks[i].num * math.Pow(10, exp)
	lit := text[toks[i].start:toks[k].end]
	switch {
	case v > MaxValue || math.IsInf(v, 0):
		return fmt.Sprintf("scientific notation is not read, and %s is above 10^15 (a thousand trillion), the largest figure read", lit)
	case v != math.Trunc(v):
		return fmt.Sprintf("scientific notation is not read: write %s in full", lit)
	}
	b := []byte("scientific notation is not read: write ")
	b = appendNum(b, v, false)
	for _, sc := range [...]struct {
		v    float64
		name string
	}{{1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}, {1e3, " thousand"}} {
		if q := v / sc.v; q >= 1 {
			if c := q * 100; math.Abs(c-math.Round(c)) < 1e-6 {
				b = append(b, " or "...)
				b = appendNum(b, q, false)
				b = append(b, sc.name...)
			}
			break
		}
	}
	return string(b)
}

// Extract finds every quantity expression in running text, such as an
// article, in order. It leaves out years ("in 2014", "since 2011"),
// dates, times, ordinals, model names ("Su-24"), page and section numbers,
// durations ("three years"), figures above MaxValue and negative figures
// (a hyphen-minus after a space is taken for a dash: see the package doc). Each Quantity's Text is the matched span
// and Start and End are its offsets in text. It returns nil when there is
// none. Time and memory are linear in the length of text.
func (p *Parser) Extract(text string) []Quantity {
	return p.extract(nil, text, nil)
}

// AppendExtract appends the quantities Extract finds in text to dst and
// returns the extended slice, so that a caller reading many texts (an
// article's paragraphs) can reuse one buffer instead of allocating a new
// one each time.
func (p *Parser) AppendExtract(dst []Quantity, text string) []Quantity {
	return p.extract(dst, text, nil)
}

// Refusal is a span of running text that reads as a quantity but cannot
// be read right: a source's typo ("150,00"), a dot that may be a decimal
// point or a thousands separator ("1.500"), a negative count. Reason says
// why, as Parse's errors do.
type Refusal struct {
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"error"`
}

// ExtractAll is Extract that also reports what it left out because it
// cannot be read right, in order, rather than leaving it out silently.
func (p *Parser) ExtractAll(text string) ([]Quantity, []Refusal) {
	var refused []Refusal
	qs := p.extract(nil, text, &refused)
	return qs, refused
}

// AppendExtractAll is ExtractAll that appends the quantities to qs and the
// refusals to rs, as AppendExtract does.
func (p *Parser) AppendExtractAll(qs []Quantity, rs []Refusal, text string) ([]Quantity, []Refusal) {
	qs = p.extract(qs, text, &rs)
	return qs, rs
}

// ExtractAll finds the quantities and the refusals in text with the
// built-in lexicon.
func ExtractAll(text string) ([]Quantity, []Refusal) { return defaultParser.ExtractAll(text) }

// extract appends the quantities of text to out, and what it refuses to
// *refused when refused is not nil.
func (p *Parser) extract(out []Quantity, text string, refused *[]Refusal) []Quantity {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	toks := p.lex.tokenize(text, sc.toks[:0])
	if cap(toks) <= 1<<16 {
		sc.toks = toks[:0] // keep the grown buffer, within reason
	}
	var m match
	var vals boundSlab // backs the bounds of the quantities
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.kind == tWord && t.id == 0 && !p.dollarPrefix(text, toks, i) && !p.randPrefix(text, toks, i) {
			i++ // an unknown word starts nothing but another nation's dollar ("HK$200 million") or the rand ("R500 million")
			continue
		}
		if t.kind == tWord && p.lex.mayBeInvertedScale(t.id) {
			if q, next, ok := p.invertedScale(text, toks, i, i, &m); ok {
				out = append(out, q)
				i = next
				continue
			}
		}
		// A verb of change, "на" and an inverted scale: "выросли на тысяч
		// 50" is a rise of about 50,000, not a rise of thousands and a 50;
		// so is "выросли тысяч на 50".
		if t.kind == tWord && p.word(t).flags&(fUp|fDown) != 0 && i+2 < len(toks) {
			sc := i + 1
			if p.word(&toks[sc]).has(fBy) {
				sc++
			}
			if toks[sc].kind == tWord && p.lex.mayBeInvertedScale(toks[sc].id) {
				if q, next, ok := p.invertedScale(text, toks, sc, i, &m); ok && q.Kind == Change {
					out = append(out, q)
					i = next
					continue
				}
			}
		}
		next, ok := p.matchAt(text, toks, i, &m)
		if !ok {
			i++
			continue
		}
		// A figure past MaxValue is left out, and so is a negative one:
		// after U+2212, a sign word, or a hyphen-minus glued to a bracket
		// or an operator ("(-5)", "=-5"). A hyphen-minus that starts the
		// text or follows a space ("-5 dead", "toll -800") is taken for a
		// dash, as in a list or a hasty aside, and the figure is read.
		switch {
		case m.core == coreRange && m.b.fall && m.reason == m.b.bad && !m.skip && p.paired(text, toks, i, next, &m):
			// "снизили с 5 до 3 млн": a falling revision, each figure with
			// the scale they share.
			first, second := m.pairEnds()
			first.reason, second.reason = "", ""
			for _, e := range [...]*match{&first, &second} {
				q := p.quantity(text, e, &vals)
				q.Text = text[e.start:e.end]
				out = append(out, q)
			}
		case m.reason != "" && !m.skip || m.sign == '−' && !m.signedShare():
			if refused != nil {
				reason := m.reason
				if reason == "" {
					reason = "a sign before the number: negative quantities are not counts"
				}
				*refused = append(*refused, Refusal{Text: text[m.start:m.end], Start: m.start, End: m.end, Reason: reason})
			}
		case m.skip || m.tooBig:
		case m.core == coreRange && p.paired(text, toks, i, next, &m):
			// Two counts from two sources, or a figure and its revision:
			// each is a quantity of its own.
			first, second := m.pairEnds()
			for _, e := range [...]*match{&first, &second} {
				q := p.quantity(text, e, &vals)
				q.Text = text[e.start:e.end]
				out = append(out, q)
			}
		default:
			q := p.quantity(text, &m, &vals)
			q.Text = text[m.start:m.end]
			out = append(out, q)
		}
		i = next
	}
	return out
}

// boundSlab hands out the three floats a Quantity's bounds point to from
// slabs that double from one quantity's to valsSlab quantities': a text
// with one quantity allocates what it did alone, and a long one a slab per
// valsSlab quantities.
type boundSlab struct {
	free []float64
	next int // quantities the next slab holds; 0 is 1
}

// valsSlab is the most quantities a boundSlab allocates for at once.
const valsSlab = 16

func (b *boundSlab) take() []float64 {
	if len(b.free) < 3 {
		n := max(b.next, 1)
		b.free = make([]float64, 3*n)
		b.next = min(2*n, valsSlab)
	}
	v := b.free[:3:3]
	b.free = b.free[3:]
	return v
}

// quantity turns a match into a Quantity. Its Low, High and Best point into
// three floats from slab, or allocated for it alone when slab is nil.
func (p *Parser) quantity(text string, m *match, slab *boundSlab) Quantity {
	r := p.resolve(m)
	q := Quantity{
		Text: text, Approx: r.approx, Kind: r.kind, Unit: m.unit,
		Start: m.start, End: m.end, Rule: r.rule,
	}
	if m.unit == "percent" {
		r.lo, r.hi, r.best = round2(r.lo), round2(r.hi), round2(r.best)
	}
	var vals []float64
	if slab == nil {
		vals = make([]float64, 3)
	} else {
		vals = slab.take()
	}
	if r.hasLo {
		vals[0] = clean(r.lo)
		q.Low = &vals[0]
	}
	if r.hasHi {
		vals[1] = clean(r.hi)
		q.High = &vals[1]
	}
	if r.hasBest {
		vals[2] = clean(r.best)
		q.Best = &vals[2]
	}
	q.Explanation = p.explain(text[m.start:m.leadEnd], m, &r)
	if m.change != 0 || m.sign != 0 && m.signedShare() {
		p.signed(&q, text[m.start:m.leadEnd], m.change < 0 || m.sign != 0)
	}
	return q
}

// signedShare reports a signed percentage: "-3.2%", "минус 5 процентов",
// read as a change.
func (m *match) signedShare() bool {
	return m.a.percent && m.a.currency == "" && (m.core == coreNumeral || m.core == coreRange)
}

// signed turns a magnitude into a change: "fell by 5%" is -5, "rose by 5%"
// is 5. A fall swaps and negates the bounds.
func (p *Parser) signed(q *Quantity, lead string, neg bool) {
	verb := "a rise of "
	if neg {
		verb = "a fall of "
		q.Low, q.High = q.High, q.Low
		for _, v := range []*float64{q.Low, q.High, q.Best} {
			if v != nil {
				*v = 0 - *v // not -0: "fell 0" is a change of 0
			}
		}
	}
	q.Kind = Change
	if q.Rule == "numeral" {
		q.Rule = "change"
	} else {
		q.Rule = "change+" + q.Rule
	}
	q.Explanation = lead + ": " + verb + strings.TrimPrefix(q.Explanation, lead+": ")
}

// reading is a match resolved into bounds.
type reading struct {
	lo, hi, best             float64
	hasLo, hasHi, hasBest    bool
	approx                   bool
	kind                     Kind
	rule                     string
	coreLo, coreHi, coreBest float64
	coreHasBest, roundFigure bool
	count                    bool
}

// resolve applies the modifier to the core reading.
func (p *Parser) resolve(m *match) reading {
	var r reading
	coreIdx := int(m.core)
	switch m.core {
	case coreNumeral:
		n := m.a.v
		r.coreLo, r.coreHi, r.coreBest, r.coreHasBest = n, n, n, true
		r.count = m.a.currency == "" && !m.a.percent && n == math.Trunc(n)
	case coreRange:
		r.coreLo, r.coreHi, r.coreBest, r.coreHasBest = m.a.v, m.b.v, (m.a.v+m.b.v)/2, true
		r.approx = m.alt || m.a.vague != 0 || m.b.vague != 0 // "от нескольких сотен до тысячи": a vague end
		r.count = m.a.currency == "" && !m.a.percent && m.a.v == math.Trunc(m.a.v) && m.b.v == math.Trunc(m.b.v)
	case coreFraction, coreRatio:
		v := math.Round(m.pct*1e9) / 1e9 // 3 × 0.2 × 100 is 60.00000000000001
		r.coreLo, r.coreHi, r.coreBest, r.coreHasBest = math.Floor(v*100)/100, math.Ceil(v*100)/100, math.Round(v*100)/100, true
		if r.coreLo != r.coreHi {
			r.approx = true
		}
	case coreVague:
		e := &p.vague[m.vague]
		coreIdx = 4 + m.vague
		r.coreLo, r.coreHi = e.Low*m.base, e.High*m.base
		if e.LowExclusive {
			r.coreLo = exclusiveLow(r.coreLo)
		}
		if e.HighExclusive {
			r.coreHi = exclusiveHigh(r.coreHi)
		}
		if e.Best != nil {
			r.coreBest, r.coreHasBest = *e.Best*m.base, true
		}
		r.approx = true
	}
	mod := m.mod
	if mod == modOdd && (m.core != coreNumeral || !r.count) {
		mod = modNone
	}
	hedged := 0
	if m.hedged && isBoundMod(mod) {
		hedged = 1
		r.approx = true
	}
	r.rule = p.rules[hedged][mod][coreIdx]
	// Start from the core reading.
	r.lo, r.hi, r.best, r.hasLo, r.hasHi, r.hasBest = r.coreLo, r.coreHi, r.coreBest, true, true, r.coreHasBest
	switch m.core {
	case coreNumeral:
		r.kind = Exact
	case coreRange:
		r.kind = Range
	case coreVague:
		r.kind = Vague
	default:
		r.kind = Exact
		if r.approx {
			r.kind = Approximate
		}
	}
	pointwise := m.core == coreNumeral || m.core == coreFraction || m.core == coreRatio
	switch mod {
	case modNone, modExact:
		if p.roundFigures && m.core == coreNumeral && !m.a.percent {
			if unit := m.a.roundUnit(); unit > 0 {
				r.lo, r.hi = m.a.v-unit/2, m.a.v+unit/2
				r.kind, r.approx, r.roundFigure, r.rule = Approximate, true, true, "round_figure"
			}
		}
	case modMoreThan, modAtLeast:
		r.hasHi, r.hasBest, r.kind = false, false, LowerBound
		if mod == modMoreThan && m.core == coreNumeral {
			r.lo = exclusiveLowIf(r.coreLo, r.count)
		}
		if mod == modMoreThan && m.core == coreRange {
			r.lo = r.coreLo
		}
	case modFewerThan, modUpTo:
		r.hasLo, r.hasBest, r.kind = false, false, UpperBound
		if mod == modFewerThan && m.core == coreNumeral {
			r.hi = exclusiveHighIf(r.coreHi, r.count)
		}
	case modError:
		r.lo, r.hi, r.best, r.hasBest = max(r.coreBest-m.err, 0), r.coreBest+m.err, r.coreBest, true
		r.kind, r.approx = Approximate, true
	case modOdd:
		place := math.Pow10(max(int(m.a.trailZeros), 1))
		n := m.a.v
		r.lo, r.hi, r.best = n+1, n+place-1, n+place/2
		r.kind, r.approx = Approximate, true
	default:
		if _, ok := hedgeKey[mod]; ok {
			p.applyHedge(&r, mod, pointwise)
		}
	}
	if r.kind == Exact && (r.lo != r.hi || r.best != r.lo) {
		r.kind = Approximate
	}
	return r
}

// applyHedge reads a hedged figure by the hedge's calibration entry: a
// share of the figure either side ("about", "nearly"), or a lower bound
// with no ceiling ("upwards of"). On a range or vague quantity a two-sided
// hedge only marks the reading approximate.
func (p *Parser) applyHedge(r *reading, mod modKind, pointwise bool) {
	h := &p.hedges[mod]
	n := r.coreBest
	if h.OpenHigh {
		r.hasHi, r.hasBest, r.kind = false, false, LowerBound
		r.lo = r.coreLo
		if pointwise {
			r.lo = n * h.Low
			if h.LowExclusive {
				r.lo = exclusiveLowIf(r.lo, r.count && r.lo == math.Trunc(r.lo))
			}
		}
		return
	}
	r.approx = true
	if !pointwise {
		return
	}
	r.lo, r.hi = n*h.Low, n*h.High
	if h.LowExclusive {
		r.lo = exclusiveLowIf(r.lo, r.count && r.lo == math.Trunc(r.lo))
	}
	if h.HighExclusive {
		r.hi = exclusiveHighIf(r.hi, r.count && r.hi == math.Trunc(r.hi))
	}
	r.hasBest = h.Best != nil
	if r.hasBest {
		r.best = n * *h.Best
	}
	if r.lo > r.hi {
		if h.Low >= 1 {
			r.hi = r.lo
		} else {
			r.lo = r.hi
		}
	}
	if r.hasBest {
		r.best = min(max(r.best, r.lo), r.hi)
	}
	r.kind = Approximate
}

// exclusiveLowIf turns an open lower bound on a whole count into a closed
// one: more than 400 is at least 401. Other values keep the bound itself,
// the nearest closed reading of an open interval.
func exclusiveLowIf(v float64, count bool) float64 {
	if count && v == math.Trunc(v) {
		return v + 1
	}
	return v
}

// exclusiveHighIf is exclusiveLowIf for an upper bound: fewer than 50 is
// at most 49.
func exclusiveHighIf(v float64, count bool) float64 {
	if count && v == math.Trunc(v) && v >= 1 {
		return v - 1
	}
	return v
}

func exclusiveLow(v float64) float64  { return exclusiveLowIf(v, true) }
func exclusiveHigh(v float64) float64 { return exclusiveHighIf(v, true) }

// clean rounds away floating-point noise such as 720.0000000000001.
func clean(v float64) float64 {
	if v == math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	if e < -100 || e > 100 {
		return v
	}
	scale := math.Pow10(11 - int(e))
	c := math.Round(v*scale) / scale
	if math.IsInf(c, 0) || math.IsNaN(c) {
		return v
	}
	return c
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// invertedScales are the Russian scales in the genitive plural that may
// stand before the figure they scale: "тысяч 50–60" is the colloquial
// order of "около 50–60 тысяч".
var invertedScales = func() map[string]bool {
	m := make(map[string]bool, len(invertedScaleWords))
	for _, w := range invertedScaleWords {
		m[w] = true
	}
	return m
}()

var invertedScaleWords = [...]string{"тысяч", "миллионов", "миллиардов"}

// IsInvertedScale reports whether word (in lower case) is a scale the
// parser may read before its figure ("тысяч" of "тысяч 50–60").
func IsInvertedScale(word string) bool { return invertedScales[word] }

// wordSet is the set of the words of a list separated by spaces.
func wordSet(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var qualifiers = wordSet(qualifierWords)

// IsQualifier reports whether word (in lower case) is an adjective the
// parser reads as qualifying the unit after it ("foreign" of "300 foreign
// fighters", whose unit is "fighters"), as it does a place's adjective
// ("российских граждан").
func IsQualifier(word string) bool { return qualifiers[word] }

var demonyms = wordSet(demonymWords)

// IsDemonym reports whether word (in lower case) is an English adjective
// of a nation or people that the parser reads as qualifying the unit
// after it ("Chechen" of "300 Chechen fighters", whose unit is
// "fighters"); in text it is capitalised.
func IsDemonym(word string) bool { return demonyms[word] }

var countNoun = wordSet(countNouns)

// IsCountNoun reports whether word, in any case, is a word of the lexicon
// that counts people ("people", "fighters", "человек"), as the parser
// reads it after a figure: "800 fighters" counts people, "800 vehicles"
// does not.
func IsCountNoun(word string) bool { return countNoun[normalizeKey(word)] }

var irregularPast = wordSet(irregularPasts)

// Words of the lexicon the reading of a group's name before a noun looks
// up (nounAfterName).
var (
	groupAdjunct   = wordSet(groupAdjuncts)
	notPlural      = wordSet(notPluralWords)
	memberNounList = strings.Fields(memberNouns)
	weekdays       = wordSet(weekdayWords)
)

// Words the reading of an English word before the counted noun looks up
// (attributiveNoun).
var (
	qualifyingNoun = wordSet(attributiveNouns)
	referenceNoun  = wordSet(referenceNouns)
	unitQualifier  = wordSet(unitQualifiers)
	clauseOpener   = wordSet(clauseOpeners)
)

// IsAttributive reports whether word, as written, is an English word the
// parser may pass over to the plural noun after a figure, which is then
// the unit ("ballistic" of "300 ballistic missiles", "cruise" of "40
// cruise missiles"): a word in lower case that the lexicon does not know
// and that ends as an English adjective does or is one of a short
// hand-kept list of nouns of conflict and disaster news. Whether it is
// passed over depends on the words around it too (see the package doc).
func IsAttributive(word string) bool {
	if len(word) > maxWordLen || !isLowerASCII(word) {
		return false
	}
	id := defaultParser.lex.lookup([]byte(word))
	return attributiveWord(word, id == 0 || defaultParser.lex.words[id].has(fCurrencyWord))
}

// Words the reading of "pounds" as a weight looks up (poundWeight).
var (
	poundMoneyWord = wordSet(poundMoneyWords)
	munitionWord   = wordSet(munitionWords)
)

// IsPastVerb reports whether word (in lower case) is a verb in the past
// that the parser never takes for the unit of a figure before it: a
// Russian past plural or neuter, reflexive or not ("погибли", "погибло",
// "собрались"), but for the nouns that end so ("цели", "село"), or an
// English irregular past ("ran", "lost"). "200 погибли" has no unit, and
// what is counted is not "погибли". An English form in "-ed", which the
// parser turns away as a unit too, is not reported: after a figure it is
// as often a participle that names what is counted ("81 infected", "2,900
// suspected cases").
func IsPastVerb(word string) bool { return ruPastVerb(word) || irregularPast[word] }

// IsCurrencyCode reports whether unit is the ISO 4217 code of a currency
// of the lexicon ("RUB").
func IsCurrencyCode(unit string) bool {
	for _, c := range currencies {
		if c.code == unit {
			return true
		}
	}
	return false
}

// governsScale holds the words before a genitive plural scale that make it
// theirs, not an inverted figure's: a preposition that governs the
// genitive ("из тысяч 300 человек", out of thousands, 300 people) or a
// quantifier ("сотен тысяч"). Prepositions that never take a genitive
// ("на", "по", "к", "о") leave the inversion alone: "выросли на тысяч 50
// рублей" is about 50,000 roubles.
var governsScale = map[string]bool{
	"из": true, "среди": true, "от": true, "до": true, "для": true, "с": true, "со": true,
	"у": true, "без": true,
	"десятков": true, "сотен": true, "нескольких": true, "многих": true,
	"десятки": true, "сотни": true, "несколько": true, "много": true, "множество": true,
}

// invertedScale reads a scale word before a figure ("Тут тысяч 50–60",
// "было миллионов 5 зрителей") as one quantity, the figure scaled and
// hedged as after "около" (the inverted order says the speaker guesses),
// from toks[i], the scale word. The quantity starts at toks[from], before
// the scale word when a verb of change and "на" lead it ("выросли на
// тысяч 50", read as "выросли на около 50 тысяч"). It returns the quantity
// and the token to go on from, or false when toks[i] opens no such phrase.
func (p *Parser) invertedScale(text string, toks []token, i, from int, m *match) (Quantity, int, bool) {
	t := &toks[i]
	// "тысяч на 50": "на" between the scale and its figure, as in "выросли
	// тысяч на 50" (a rise of about 50,000) or "купили тысяч на 50 рублей".
	fi, na := i+1, false
	if fi+1 < len(toks) && toks[fi].kind == tWord && p.word(&toks[fi]).has(fBy) && text[toks[fi].start:toks[fi].end] == "на" {
		fi, na = fi+1, true
	}
	if t.kind != tWord || fi >= len(toks) || toks[fi].kind != tNum || !toks[fi].space || i > 0 && toks[i-1].kind == tNum {
		return Quantity{}, 0, false
	}
	scale := text[t.start:t.end]
	if !invertedScales[strings.ToLower(scale)] {
		return Quantity{}, 0, false
	}
	if i > 0 && toks[i-1].kind == tWord && governsScale[strings.ToLower(text[toks[i-1].start:toks[i-1].end])] {
		return Quantity{}, 0, false
	}
	next, ok := p.matchAt(text, toks, fi, m)
	if !ok || m.skip || m.reason != "" || m.tooBig || m.start != toks[fi].start {
		return Quantity{}, 0, false
	}
	// The figure: digits, separators and a dash between two of them
	// ("50–60"), before any unit ("50–60 человек").
	fig := text[m.start:m.end]
	k := 0
	for k < len(fig) {
		r, n := utf8.DecodeRuneInString(fig[k:])
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || r == '-' || r == '–' || r == '—') {
			break
		}
		k += n
	}
	if k == 0 {
		return Quantity{}, 0, false
	}
	rest := fig[k:]
	if rest != "" && rest[0] != ' ' {
		return Quantity{}, 0, false
	}
	// "Среди миллионов 2 процента", "тысяч 3 раза": a share or a factor
	// is never thousands of itself.
	if unit, _, _ := strings.Cut(strings.ToLower(strings.TrimLeft(rest, " ")), " "); strings.HasPrefix(unit, "процент") ||
		strings.HasPrefix(unit, "%") || unit == "раз" || unit == "раза" || strings.HasPrefix(unit, "п.п") {
		return Quantity{}, 0, false
	}
	start := toks[from].start
	lead := text[start:t.start]
	if na && from < i {
		lead += "на " // "выросли тысяч на 50" as "выросли на около 50 тысяч"
	}
	reading := lead + "около " + fig[:k] + " " + scale + rest
	q, err := p.Parse(reading)
	if err != nil {
		return Quantity{}, 0, false
	}
	// "на" after the scale is the inversion's only when a verb of change
	// leads ("выросли тысяч на 50") or the figure is money ("купили тысяч
	// на 50 рублей"): "выделили миллионов на 5 школ" is millions for
	// five schools, "потеряла миллионов на 3 больше" three more millions.
	if na && from == i && !IsCurrencyCode(q.Unit) {
		return Quantity{}, 0, false
	}
	q.Text = text[start:m.end]
	q.Start, q.End = start, m.end
	q.Explanation = q.Text + " (as «" + reading + "»): " + strings.TrimPrefix(q.Explanation, reading+": ")
	return q, next, true
}
