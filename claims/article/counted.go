package article

import (
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// stopCounted ends a counted phrase.
var stopCounted = set(
	"have", "has", "had", "are", "is", "was", "were", "will", "would", "could", "can", "may", "might", "be", "been",
	"being", "do", "does", "did", "said", "says", "told", "to", "at", "by", "for", "on", "as", "than", "since", "till",
	"until", "after", "before", "during", "per", "each", "this", "these", "who", "which", "that", "while", "and", "or",
	"but", "with", "according", "including", "already", "now", "so", "far", "more", "also", "only", "out", "today",
	"yesterday", "into", "across", "over", "under", "if", "not", "should", "must", "between", "there", "here", "it",
	"have", "get", "got", "went", "come", "came", "make", "made", "take", "took", "says",
	"и", "а", "но", "что", "как", "который", "которые", "которых", "на", "по", "до", "с", "к", "за", "от", "для",
	"при", "после", "уже", "ещё", "еще", "также", "не", "это", "этом", "в", "во", "о", "об", "же", "лишь", "только",
	"сообщил", "сообщила", "сообщили", "заявил", "сказал", "составляет", "составило", "составил", "было", "были", "был",
	"есть", "стало", "сейчас", "всего", "уже", "году", "года",
)

// countNouns introduce the phrase a figure counts when no noun follows
// it: "the number of X … at 800", "число X … превысило 2400".
var countNouns = set("number", "numbers", "число", "количество", "численность", "числа", "количества", "численности")

// counted returns what the quantity q counts in sentence s of paragraph p.
// prev is the counted phrase of the quantity before it in the sentence,
// taken by a later item of a list ("1,500 troops to California; 1,800 to
// Texas").
func counted(p string, s *sent, q quantity.Quantity, prev string) string {
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
	if q.Unit != "" && q.Unit != "percent" && len(q.Unit) != 3 || (q.Unit != "" && isCyrillic(q.Unit)) {
		// the unit is the last word inside the span
		for m := j - 1; m >= k; m-- {
			if ts[m].word && ts[m].s == q.Unit {
				start = m
				break
			}
		}
	}
	if q.Unit == "percent" && start < len(ts) && ts[start].low == "of" {
		start++
	}
	if q.Unit == "percent" && start < len(ts) && (ts[start].low == "из" || ts[start].low == "от") {
		start++
	}
	if phrase := nounPhrase(ts, start); phrase != "" && !durationWords[stem(firstWord(phrase))] {
		return phrase
	}
	// "the number of X … at N", "how many X were", "death toll", "число X".
	for m := k - 1; m >= 0; m-- {
		t := &ts[m]
		if !t.word {
			continue
		}
		if countNouns[t.low] {
			n := m + 1
			if n < len(ts) && ts[n].low == "of" {
				n++
			}
			if ph := nounPhrase(ts[:k], n); ph != "" {
				return ph
			}
		}
		if t.low == "many" && m > 0 && ts[m-1].low == "how" {
			if ph := nounPhrase(ts[:k], m+1); ph != "" {
				return ph
			}
		}
		if t.low == "toll" {
			if m > 0 && ts[m-1].word && !ts[m-1].upper && !determiners[ts[m-1].low] && ts[m-1].low != "a" {
				return ts[m-1].s + " toll"
			}
			return "toll"
		}
	}
	return prev
}

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
	var words []string
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
		if len(words) > 0 && isVerbLike(t) {
			break
		}
		if t.low == "the" || t.low == "a" || t.low == "an" || t.low == "alone" {
			continue
		}
		words = append(words, t.s)
	}
	for len(words) > 0 {
		last := fold(words[len(words)-1])
		if last == "of" || last == "from" || last == "in" || last == "из" || last == "of the" {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return strings.Join(words, " ")
}

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
