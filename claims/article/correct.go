package article

import (
	"regexp"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// correct amends the parser's readings where the words before a quantity
// change its meaning: "возросло до 13 человек" is 13, not up to 13; "grew
// from $464 million to $824 million" is two figures; "приближается к пяти
// тысячам" is nearly five thousand. The quantities as corrected are
// appended to out.
func (x *Extractor) correct(out []quantity.Quantity, p string, qs []quantity.Quantity) []quantity.Quantity {
	for _, q := range qs {
		win := p[max(0, q.Start-80):q.Start] // the words before, not the whole paragraph
		before := lastWord(win)
		before2 := lastWord(win[:max(0, len(win)-len(before)-1)])
		low := fold(q.Text)
		switch {
		case q.Unit != "" && isCyrillic(q.Unit) && hasAnySuffix(fold(q.Unit), "ся", "сь", "ют", "ят") && strings.HasSuffix(q.Text, " "+q.Unit):
			// "из них 9 находятся": the parser took the verb for the unit.
			if r, ok := x.reparse(p, q.Start, q.End-len(q.Unit)-1, ""); ok {
				out = append(out, r)
				continue
			}
		case (strings.HasPrefix(low, "с ") || before == "с") && strings.Contains(low, " до ") && changeInClause(p[max(0, q.Start-200):q.Start], true):
			// "возросло … – с 13 тысяч до 20 тысяч": two figures, not a range.
			mid := q.Start + strings.Index(low, " до ")
			from := q.Start
			if strings.HasPrefix(low, "с ") {
				from += len("с ")
			}
			a, ok1 := x.reparse(p, from, mid, "")
			b, ok2 := x.reparse(p, mid+len(" до "), q.End, "")
			if ok1 && ok2 {
				out = append(out, a, b)
				continue
			}
		case strings.HasPrefix(low, "до ") && (isChangeVerb(before) || isChangeVerb(before2) || (fromFigure.MatchString(win) || dashOrTimes[before]) && changeInClause(p[max(0, q.Start-200):q.Start], false)):
			// "увеличилось с 56 человек до 64", "увеличилось почти в два
			// раза - до 69": the new figure, not a bound.
			if r, ok := x.reparse(p, q.Start+len("до "), q.End, ""); ok {
				out = append(out, r)
				continue
			}
		case (before == "the" && crossVerbs[before2] || crossVerbs[before]) && (strings.HasSuffix(low, " mark") || hasAnyPrefix(foldedAfter(p, q.End), "mark", "barrier", "threshold")):
			end := q.End
			if strings.HasSuffix(low, " mark") {
				end -= len(" mark")
			}
			if r, ok := x.reparse(p, q.Start, end, "more than "); ok {
				out = append(out, r)
				continue
			}
		case before == "на" && q.Low != nil && q.High != nil && *q.Low == *q.High && boundBeforeNa(win[:max(0, len(win)-len("на")-1)]) != "":
			// "снижаться более чем на 17 %", "выросло не менее чем на 5
			// тысяч": the bound before "на" bounds the figure after it.
			if r, ok := x.reparse(p, q.Start, q.End, boundBeforeNa(win[:max(0, len(win)-len("на")-1)])); ok {
				out = append(out, r)
				continue
			}
		case strings.HasPrefix(low, "about ") && aboutVerbs[before]:
			// "talking about a few dozen": a preposition, not a hedge.
			if r, ok := x.reparse(p, q.Start+len("about "), q.End, ""); ok {
				out = append(out, r)
				continue
			}
		case strings.HasPrefix(low, "from ") && strings.Contains(low, " to ") && isChangeVerb(before):
			mid := q.Start + strings.Index(low, " to ")
			a, ok1 := x.reparse(p, q.Start+len("from "), mid, "")
			b, ok2 := x.reparse(p, mid+len(" to "), q.End, "")
			if ok1 && ok2 {
				out = append(out, a, b)
				continue
			}
		case (before == "приближается" || before == "приблизилось" || before == "приблизилась") && strings.HasPrefix(low, "к "):
			if r, ok := x.reparse(p, q.Start+len("к "), q.End, "почти "); ok {
				r.Start = q.Start
				r.Text = p[q.Start:q.End]
				out = append(out, r)
				continue
			}
		case before == "к" && before2 == "приближается":
			if r, ok := x.reparse(p, q.Start, q.End, "почти "); ok {
				out = append(out, r)
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// reparse reads p[start:end] (with prefix before it) as one quantity, with
// offsets in p.
func (x *Extractor) reparse(p string, start, end int, prefix string) (quantity.Quantity, bool) {
	text := strings.TrimRight(p[start:end], " .,;")
	r, err := x.parser.Parse(prefix + text)
	if err != nil {
		return quantity.Quantity{}, false
	}
	r.Text = text
	r.Start = start
	r.End = start + len(text)
	return r, true
}

// aboutVerbs take "about" as a preposition: "we're talking about a few
// dozen".
var aboutVerbs = set("talking", "talk", "talked", "speak", "speaking", "spoke", "think", "thinking", "thought", "worried",
	"concerned", "know", "knew", "heard", "hear", "asked", "wrote", "writing", "care", "cares")

// crossVerbs before "the N mark" make it a lower bound: "breached the
// 16,000 mark".
var crossVerbs = set("breached", "crossed", "passed", "topped", "surpassed", "exceeded", "broke", "breaches", "crosses", "passes", "tops")

func isChangeVerb(w string) bool {
	for _, v := range changeVerbs {
		if strings.HasPrefix(w, v) {
			return true
		}
	}
	return false
}

// dashOrTimes end what stands between a verb of change and its "до":
// a dash ("выросло на треть — до 120") or a factor ("почти в два раза до
// 69").
var dashOrTimes = set("-", "–", "—", "раз", "раза")

// fromFigure matches the text before the "до" of "с 56 человек до 64".
var fromFigure = regexp.MustCompile(`(^|\s)[сС] \d[\d\s.,]*(\s\pL+)?\s*$`)

// changeInClause reports whether a verb of change stands in the clause
// that ends s: back to a sentence end, a semicolon or, unless across is
// set, a comma ("возросло до 100, а число иностранцев – с 13 тысяч до 20
// тысяч" crosses the comma to its verb).
func changeInClause(s string, across bool) bool {
	stops := ".;!?"
	if !across {
		stops += ","
	}
	if i := strings.LastIndexAny(s, stops); i >= 0 {
		s = s[i+1:]
	}
	for _, w := range strings.Fields(s) {
		if isChangeVerb(fold(strings.Trim(w, ",–—-«»\"()"))) {
			return true
		}
	}
	return false
}

// lastWord returns the last word of s, folded.
// boundBeforeNa returns the bound that ends s before a "на" ("более чем",
// "менее чем", "свыше", "не менее чем") as the parser's prefix, or "".
func boundBeforeNa(s string) string {
	w := lastWord(s)
	if w == "чем" {
		s = strings.TrimRight(s, " \t,")
		s = strings.TrimRight(s[:len(s)-len("чем")], " \t,")
		w = lastWord(s)
	}
	switch w {
	case "более", "больше", "свыше":
		return "более "
	case "менее", "меньше":
		if lastWord(strings.TrimRight(s, " \t,")[:len(strings.TrimRight(s, " \t,"))-len(w)]) == "не" {
			return "не менее "
		}
		return "менее "
	}
	return ""
}

func lastWord(s string) string {
	s = strings.TrimRight(s, " \t,")
	i := lastWordBreak(s)
	return fold(s[i+1:])
}

// lastWordBreak is strings.LastIndexAny(s, " \t\n(«\"“") without decoding
// s backwards rune by rune, as LastIndexAny does for a set with runes
// outside ASCII: a byte of the set, or the last byte of «
// (C2 AB) or “ (E2 80 9C) after the bytes before it.
func lastWordBreak(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t', '\n', '(', '"':
			return i
		case 0xAB:
			if i >= 1 && s[i-1] == 0xC2 {
				return i - 1
			}
		case 0x9C:
			if i >= 2 && s[i-2] == 0xE2 && s[i-1] == 0x80 {
				return i - 2
			}
		}
	}
	return -1
}

// foldedAfter is the 16 bytes of p after end, spaces trimmed at their
// start, folded: what follows a quantity, as the crossVerbs case reads it
// ("the 16,000 mark").
func foldedAfter(p string, end int) string {
	return fold(strings.TrimLeft(p[end:min(len(p), end+16)], " "))
}
