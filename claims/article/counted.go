package article

import (
	"strings"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// stopCounted ends a counted phrase.
var stopCounted = set(
	"have", "has", "had", "are", "is", "was", "were", "will", "would", "could", "can", "may", "might", "be", "been",
	"being", "do", "does", "did", "said", "says", "told", "to", "at", "by", "for", "on", "as", "than", "since", "till",
	"until", "after", "before", "during", "per", "each", "this", "these", "who", "which", "that", "while", "and", "or", "near",
	"but", "with", "according", "including", "already", "now", "so", "far", "more", "also", "only", "out", "today",
	"yesterday", "into", "across", "over", "under", "if", "not", "should", "must", "between", "there", "here", "it",
	"have", "get", "got", "went", "come", "came", "make", "made", "take", "took", "says",
	"и", "а", "но", "что", "как", "который", "которые", "которых", "на", "по", "до", "с", "к", "за", "от", "для",
	"при", "после", "уже", "ещё", "еще", "также", "не", "это", "этом", "в", "во", "о", "об", "же", "лишь", "только",
	"сообщил", "сообщила", "сообщили", "заявил", "сказал", "составляет", "составило", "составил", "было", "были", "был",
	"есть", "стало", "сейчас", "всего", "уже", "году", "года", "even", "though", "although", "because", "when", "where",
)

// countNouns introduce the phrase a figure counts when no noun follows
// it: "the number of X … at 800", "число X … превысило 2400".
var countNouns = set("number", "numbers", "число", "количество", "численность", "числа", "количества", "численности")

// counted returns what the quantity q counts in sentence s of paragraph p.
// prev is the counted phrase of the quantity before it in the sentence,
// taken by a later item of a list ("1,500 troops to California; 1,800 to
// Texas").
func counted(p string, s *sent, q quantity.Quantity, prev string) string {
	c, own := countedHere(p, s, q, prev)
	if c != "" || own {
		return c
	}
	return s.ctxCount
}

// countPhrase returns the phrase a sentence gives as the thing its figures
// are the number of ("estimating the number of marchers"), or "".
func countPhrase(ts []tok) string {
	for m := range ts {
		if ts[m].word && ts[m].cls&cCountNoun != 0 {
			n := m + 1
			if n < len(ts) && ts[n].low == "of" {
				n++
			}
			if ph := nounPhrase(ts, n); ph != "" {
				return ph
			}
		}
	}
	return ""
}

// countedHere is counted within the sentence. own reports a figure that
// a verb follows ("135 пострадали"): a clause of its own, whose counted
// is not the phrase of an earlier sentence or of the list item before.
func countedHere(p string, s *sent, q quantity.Quantity, prev string) (phrase string, own bool) {
	ts := s.toks
	// The first token after the figure: the unit word, if the parser kept one.
	k := 0
	for k < len(ts) && ts[k].end <= q.Start {
		k++
	}
	j := k
	for j < len(ts) && ts[j].end <= q.End {
		j++
	}
	start := j
	if q.Unit != "" && q.Unit != "percent" && !currencyCode(q.Unit) || (q.Unit != "" && isCyrillic(q.Unit)) {
		// the unit is the last word inside the span ("300 Wagner men":
		// "men"); a currency's code is no word of it ("$300": "USD")
		for m := j - 1; m >= k; m-- {
			if ts[m].word && ts[m].s == q.Unit {
				start = m
				break
			}
		}
	}
	// "156 российских граждан", "70 different countries": the parser's
	// unit is the noun, and the adjectives before it in the span belong to
	// what is counted.
	for start > k+1 && start < j && ts[start-1].word && ruAdjectiveAny(ts[start-1].low) {
		start--
	}
	// "70,000 foreign terrorist fighters", "5,050 active duty troops",
	// "5,025 active-duty troops", "300 Chechen fighters": an English
	// qualifier or nation's adjective the parser read before its unit
	// opens what is counted, with the words between, up to an "and"
	// ("5,000 foreign and Russian fighters" counts "Russian fighters").
	// So does a group's name the parser passed over to the noun (one of
	// its hand-kept list: "300 Islamic State fighters", "2,000 National
	// Guard troops", "300 al-Qaeda fighters", "40 Wagner men"): which
	// fighters is what the claim is about. Not a name that is a word
	// ending the phrase in small letters ("300 IS fighters": "is"), at
	// which the phrase would be empty. So does a word in small letters
	// the parser passed over between the figure and its unit, an
	// adjective or a noun used as one ("300 ballistic missiles", "40
	// cruise missiles", "hundreds of cruise missiles"), after a scale
	// word too ("3 dozen artillery pieces").
	for m := start - 1; m > k && m >= start-3 && start < j && ts[m].word && ts[m].low != "and" && ts[m].low != "or"; m-- {
		if w, _, _ := strings.Cut(ts[m].low, "-"); quantity.IsQualifier(w) || quantity.IsDemonym(w) || latinName(ts[m].s) && !stopCounted[ts[m].low] ||
			(m == start-1 || ts[m-1].digit || ts[m-1].low == "of") && quantity.IsAttributive(ts[m].s) {
			start = m
		}
	}
	if q.Unit == "percent" && start < len(ts) && ts[start].low == "of" {
		start++
	}
	if q.Unit == "percent" && start < len(ts) && (ts[start].low == "из" || ts[start].low == "от") {
		start++
	}
	phrase = nounPhrase(ts, start)
	// "14 Leopard 2 tanks", "3 Challenger 2 battle tanks": a model's
	// number the parser read within the span, before its unit, belongs to
	// what is counted, where nounPhrase stops at a figure. The name
	// before it is in Title Case, as the parser's model names are: not
	// "GMT 3 rockets".
	for m := min(j, len(ts)) - 1; m > start && start > k; m-- {
		if ts[m].digit && quantity.IsModelName(ts[m-1].s) {
			words := make([]string, 0, m+1-start)
			for _, t := range ts[start : m+1] {
				words = append(words, t.s)
			}
			phrase = strings.TrimSpace(strings.Join(words, " ") + " " + nounPhrase(ts, m+1))
			break
		}
	}
	if q.Unit == "" && phrase != "" && ts[start].word && quantity.IsPastVerb(ts[start].low) {
		// "200 погибли", "19 получили ранения": the parser took the word
		// after the figure for a verb, which is not what is counted. It
		// falls back as when there is no unit, but within the figure's
		// own clause: a "число X" before it with no other figure between
		// ("число жертв выросло: 200 погибли"). Not "число погибших …
		// 14 человек, 135 пострадали", nor the list item before ("погибли
		// 73 человека, в том числе трое детей, 19 получили ранения"), nor
		// an earlier sentence's phrase: in the news these name others
		// than the verb's subject ("число пострадавших составило 143, при
		// этом четверо погибли").
		phrase, own = "", true
	}
	if inFolded(vagueUnits, firstWord(phrase)) {
		phrase = ""
	}
	generic := inFolded(genericUnits, phrase)
	if phrase != "" && !generic && !durationWords[stem(firstWord(phrase))] && !(q.Unit == "percent" && (phrase == "ВВП" || phrase == "GDP")) {
		return phrase, false
	}
	// "the number of X … at N", "how many X were", "death toll", "число X".
	for m := k - 1; m >= 0; m-- {
		t := &ts[m]
		if own && t.digit {
			break // another figure's clause
		}
		if !t.word {
			continue
		}
		if t.cls&cCountNoun != 0 { // countNouns[t.low]
			n := m + 1
			if n < len(ts) && ts[n].low == "of" {
				n++
			}
			if ph := nounPhrase(ts[:k], n); ph != "" {
				return ph, own
			}
		}
		if t.low == "many" && m > 0 && ts[m-1].low == "how" {
			if ph := nounPhrase(ts[:k], m+1); ph != "" {
				return ph, own
			}
		}
		if generic {
			continue
		}
		if t.low == "toll" {
			if m > 0 && ts[m-1].word && !ts[m-1].upper && !determiners[ts[m-1].low] && ts[m-1].low != "a" {
				return ts[m-1].s + " toll", own
			}
			return "toll", own
		}
	}
	if generic {
		return phrase, false
	}
	// Money and shares: the nearest budget word before the figure
	// ("costs jump to $3.44 billion", "расходы … на 1,5 трлн рублей").
	if q.Unit == "percent" || currencyCode(q.Unit) {
		for m := k - 1; m >= 0; m-- {
			if ts[m].word && moneyNouns[ts[m].st] {
				return ts[m].s, own
			}
		}
	}
	// "что жертв 165": a Russian noun right before a bare figure.
	if k > 0 && ts[k-1].word && isCyrillic(ts[k-1].low) && !ts[k-1].upper && !stopCounted[ts[k-1].low] && !isVerbLike(&ts[k-1]) && j >= len(ts) || (k > 0 && j < len(ts) && !ts[j].word && ts[k-1].word && isCyrillic(ts[k-1].low) && !ts[k-1].upper && !stopCounted[ts[k-1].low] && !isVerbLike(&ts[k-1]) && strings.HasSuffix(ts[k-1].low, "в")) {
		return ts[k-1].s, own
	}
	if own {
		return "", true
	}
	return prev, false
}

// currencyCode reports a unit of three capital letters, as the parser
// gives a currency ("USD" of "$300"), which the text may not spell so
// (an abbreviation in capitals, "737 MAX", is taken for one too); a unit
// of three letters not all capitals is a word of the text ("men", "mph",
// "MWh").
func currencyCode(u string) bool { return len(u) == 3 && strings.ToUpper(u) == u }

// latinName reports a word in Latin letters any part of which, between
// hyphens, opens with a capital letter: a name's word ("State", "ISIS",
// "al-Qaeda", "US-led").
func latinName(w string) bool {
	for _, part := range strings.Split(w, "-") {
		if part != "" && part[0] >= 'A' && part[0] <= 'Z' {
			return true
		}
	}
	return false
}

// vagueUnits are words the parser may keep as a unit that say nothing of
// what is counted.
var vagueUnits = set("mark", "level", "figure", "number", "threshold", "barrier", "estimate")

// genericUnits count people without saying which: a phrase for them
// earlier in the sentence ("число граждан РФ … 2400 человек") is preferred.
var genericUnits = set("человек", "человека", "people", "persons", "person")

// moneyNouns name what a sum of money or a share is of.
var moneyNouns = stemSet("cost", "costs", "budget", "spending", "price", "bill", "deficit", "revenue", "funding", "aid", "debt",
	"расходы", "бюджет", "резерв", "дефицит", "доходы", "выплаты", "стимул", "средства", "затраты", "долг")

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// nounPhrase reads a counted phrase from ts[i]: up to six words, stopping
// at punctuation, figures, verbs and the words of stopCounted, and at a
// place phrase ("in Syria alone"). Articles are dropped.
func nounPhrase(ts []tok, i int) string {
	// words and their folded forms (a word token's low is fold of its s),
	// on the stack: at most six.
	var wbuf, lbuf [6]string
	words, lows := wbuf[:0], lbuf[:0]
	for i < len(ts) && (isQuoteMark(&ts[i]) || ts[i].word && (ts[i].low == "more" || ts[i].low == "additional" || ts[i].low == "another" || ts[i].low == "further" || ts[i].low == "еще" || ts[i].low == "ещё")) {
		i++
	}
	if i < len(ts) && ts[i].word && leadPreps[ts[i].low] {
		return ""
	}
	for ; i < len(ts) && len(words) < 6; i++ {
		t := &ts[i]
		if !t.word {
			if t.s == "-" || t.s == "–" {
				continue
			}
			break
		}
		if t.digit || stopCounted[t.low] {
			if (t.low == "were" || t.low == "are" || t.low == "was" || t.low == "is") && len(words) > 0 && i+1 < len(ts) && strings.HasSuffix(ts[i+1].low, "ing") {
				continue // "how many Russians were fighting"
			}
			break
		}
		if t.low == "in" && i+1 < len(ts) {
			break
		}
		if (len(words) > 0 || isCyrillic(t.low) && hasAnySuffix(t.low, "ся", "сь", "ют", "ят")) && isVerbLike(t) && (len(words) == 0 || lows[len(lows)-1] != "those") {
			break
		}
		if t.low == "the" || t.low == "a" || t.low == "an" || t.low == "alone" {
			continue
		}
		words = append(words, t.s)
		lows = append(lows, t.low)
	}
	for len(words) > 0 {
		last := lows[len(lows)-1]
		if last == "of" || last == "from" || last == "in" || last == "из" || last == "of the" {
			words, lows = words[:len(words)-1], lows[:len(lows)-1]
			continue
		}
		break
	}
	return strings.Join(words, " ")
}

// leadPreps cannot start a counted phrase: "12 of them", "2 from
// Malappuram".
var leadPreps = set("of", "among", "from", "in", "to", "for", "at", "with", "by", "из", "от", "среди", "в", "на", "к", "по")

// isVerbLike guesses that a word is a finite verb: English past forms in
// -ed, Russian past and present forms.
func isVerbLike(t *tok) bool {
	w := t.low
	if t.upper {
		return false
	}
	if isCyrillic(w) {
		n := len([]rune(w))
		if n < 5 {
			return false
		}
		return hasAnySuffix(w, "ли", "ло", "ла", "ют", "ят", "ется", "ются", "ится", "ятся", "лся", "лась", "лось", "лись", "ает", "яет", "ует", "ит", "ат")
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// ruAdjectiveAny reports whether a lower-case Russian word has the ending
// of an adjective in any gender, number and case ("российских",
// "российский", "мирных").
func ruAdjectiveAny(w string) bool {
	return isCyrillic(w) && utf8.RuneCountInString(w) > 4 && hasAnySuffix(w, "ых", "их", "ый", "ий", "ой", "ая", "яя", "ое",
		"ее", "ого", "его", "ые", "ие", "ую", "юю", "ому", "ему", "ыми", "ими", "ым", "им", "ей")
}
