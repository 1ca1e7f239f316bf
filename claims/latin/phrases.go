package latin

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/russian"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Places named by several words.
//
// A place's name of several words is one or two adjectives and a noun
// ("Саудовская Аравия", "Нижний Новгород", "Объединённые Арабские
// Эмираты"), and Russian declines every word of it: "в Саудовской
// Аравии", "из Нижнего Новгорода", "в Соединённых Штатах". phrasePlace
// puts each word back in the nominative, the adjectives by their ending
// (саудовск-ой: саудовская, саудовский, ...), the noun by its stem and a
// noun's nominative endings (арав-ии: Аравия), and the name so made
// counts when the gazetteer has it, as a single word's (knownPlace). The
// adjectives of one name agree, so they take their nominative ending in
// one gender or the plural together.

// maxPhrase is the most words of a place's name that phrasePlace reads.
const maxPhrase = 3

// maxPhraseLookups bounds the gazetteer look-ups that a query or text
// spends on names of several words: a name costs up to a few hundred
// (each adjective's nominatives with each of the noun's), so a query of
// many capitalised adjectives that start place names ("Северной Южной
// Новой ...") would cost some thousand a word. Once they are spent, the
// rest of the query is read word by word, as main read it.
const maxPhraseLookups = 400

// nominativeEndings are an adjective's nominative endings, by gender and
// number: feminine, masculine, neuter, plural.
var nominativeEndings = [][]string{
	{"ая", "яя"}, {"ий", "ый", "ой"}, {"ое", "ее"}, {"ые", "ие"},
}

// nounEndings are the endings a Russian noun's nominative may have after
// the stem its oblique cases share: Аравия (арав-ии), Корея (кор-еи),
// Штаты (штат-ах), Новгород (новгород-а), Африка (африк-е).
var nounEndings = []string{"", "ия", "ея", "а", "я", "ы", "и", "ь", "й", "о", "е"}

// phrasePlace returns the place that words name (two or three, in any
// case: adjectives then a noun), or false. first reports whether a
// folded word starts a place's name of several words: only the genders
// in which the first adjective's nominative does are tried, so that a
// capitalised adjective that starts no place's name ("Северной")
// costs a few look-ups of first words, not the ~1,000 of every ending's
// combination with every noun's.
//
// budget is the look-ups the query has left for names of several words
// (maxPhraseLookups); phrasePlace spends it and stops when it is gone.
func phrasePlace(words []string, places Places, first func(string) bool, budget *int) (gazetteer.Place, bool) {
	if len(words) < 2 || len(words) > maxPhrase {
		return gazetteer.Place{}, false
	}
	look := func(name string) (gazetteer.Place, bool) {
		if *budget <= 0 {
			return gazetteer.Place{}, false
		}
		*budget--
		return knownPlace(name, places)
	}
	if p, ok := look(strings.Join(words, " ")); ok {
		return p, true
	}
	adjectives := make([]string, len(words)-1) // each one's base, without its ending
	for i, w := range words[:len(words)-1] {
		base, ok := adjectiveBase(w)
		if !ok {
			return gazetteer.Place{}, false
		}
		adjectives[i] = base
	}
	nouns := nounNominatives(words[len(words)-1])
	for _, endings := range nominativeEndings {
		if !slices.ContainsFunc(endings, func(e string) bool { return first(adjectives[0] + e) }) {
			continue
		}
		for _, heads := range adjectiveHeads(adjectives, endings) {
			for _, n := range nouns {
				if *budget <= 0 {
					return gazetteer.Place{}, false
				}
				if p, ok := look(heads + " " + n); ok {
					return p, true
				}
			}
		}
	}
	return gazetteer.Place{}, false
}

// adjectiveBase returns an adjective's letters before its ending (the
// longest of adjectiveEndings it ends with, with three letters or more
// before it), lower case with ё read as е: "Соединённых" соединенн,
// "Нижнего" нижн.
func adjectiveBase(word string) (string, bool) {
	w := strings.ReplaceAll(strings.ToLower(word), "ё", "е")
	best := ""
	for _, e := range adjectiveEndings {
		if strings.HasSuffix(w, e) && len(e) > len(best) {
			best = e
		}
	}
	base := strings.TrimSuffix(w, best)
	if best == "" || utf8.RuneCountInString(base) < 3 {
		return "", false
	}
	return base, true
}

// adjectiveHeads returns the adjectives' bases each with one of endings,
// joined by spaces, in every combination.
func adjectiveHeads(bases, endings []string) []string {
	out := []string{""}
	for _, b := range bases {
		var next []string
		for _, h := range out {
			for _, e := range endings {
				next = append(next, strings.TrimPrefix(h+" "+b+e, " "))
			}
		}
		out = next
	}
	return out
}

// nounCaseEndings are the endings of a Russian noun's oblique cases.
var nounCaseEndings = []string{
	"ами", "ями", "ах", "ях", "ам", "ям", "ов", "ев", "ом", "ем", "ой", "ей", "ию", "ии",
	"а", "я", "у", "ю", "е", "и", "ы",
}

// nounNominatives returns the nominatives a noun typed in any case may
// have: its stem with each of nounEndings, the stem being Stem's,
// Snowball's own (which drops a plural's -ов that Stem keeps for a
// surname: "Эмиратов" эмират), or the word without a case ending
// ("Судана" судан, where Snowball has суда); and the word itself.
func nounNominatives(word string) []string {
	w := strings.ReplaceAll(strings.ToLower(word), "ё", "е")
	stems := []string{Stem(w)}
	if s := russian.Stem(w, false); strings.HasPrefix(w, s) {
		stems = append(stems, s)
	}
	for _, e := range nounCaseEndings {
		if s, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(s) >= 3 {
			stems = append(stems, s)
		}
	}
	out := []string{w}
	seen := map[string]bool{w: true}
	for _, s := range stems {
		for _, e := range nounEndings {
			if c := s + e; !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// A phrase is a place's name of several words found in a query's or
// text's parts (splitKeep's): its English name, the index of its last
// part, and the characters before its first word and after its last.
type phrase struct {
	name        string
	end         int
	lead, trail string
}

// phrasesIn returns the places named by several words of parts (see
// phrasePlace), by the index of their first part, the longest first:
// words one space apart, with no punctuation between them, and no "*"
// after the last, the first with a capital, as Russian writes a place's
// name (a name typed in lower case is read word by word, and a common
// phrase, "южной границе", costs no look-up), unless the text has no
// capital at all (caseless, see placeOf).
func phrasesIn(parts []string, places Places, caseless bool) map[int]phrase {
	var out map[int]phrase
	budget := maxPhraseLookups
	var listed map[string]bool // the first words of the listed places' names of several words
	first := func(word string) bool {
		if places.TextPrefix(word) {
			return true
		}
		if listed == nil {
			if c := listedFirst.Load(); c != nil && c.places == places {
				listed = c.words
			} else {
				listed = firstWords(places.Places())
				listedFirst.Store(&listedWords{places: places, words: listed})
			}
		}
		return listed[word]
	}
	for i := 0; i < len(parts) && budget > 0; i++ {
		for n := maxPhrase; n >= 2; n-- {
			end := i + 2*(n-1)
			if end >= len(parts) {
				continue
			}
			words := make([]string, 0, n)
			var lead, trail string
			ok := true
			for k := i; k <= end && ok; k++ {
				if (k-i)%2 == 1 {
					ok = strings.TrimSpace(parts[k]) == "" && parts[k] != ""
					continue
				}
				l, w, t := splitWord(parts[k])
				ok = w != "" && HasCyrillic(w) && (k == i || l == "") && (k == end || t == "") && !strings.HasPrefix(t, "*")
				words = append(words, w)
				if k == i {
					lead = l
				}
				trail = t
			}
			// Russian writes such a name with a capital.
			if r, _ := utf8.DecodeRuneInString(words[0]); !ok || !caseless && !unicode.IsUpper(r) {
				continue
			}
			if p, found := phrasePlace(words, places, first, &budget); found {
				if out == nil {
					out = map[int]phrase{}
				}
				out[i] = phrase{name: p.Name, end: end, lead: lead, trail: trail}
				i = end
				break
			}
		}
	}
	return out
}

// listedFirst holds firstWords of the listed places of the gazetteer
// last asked, made once for it: a gazetteer in use is not changed (the
// store makes a new one when the analysts' places change). Only the last
// is kept, so that an old gazetteer is not held.
var listedFirst atomic.Pointer[listedWords]

// listedWords are a gazetteer's firstWords.
type listedWords struct {
	places Places
	words  map[string]bool
}

// firstWords returns the first words, folded, of the Cyrillic names of
// several words of places (names and aliases).
func firstWords(places []gazetteer.Place) map[string]bool {
	out := map[string]bool{}
	for _, p := range places {
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			if f := strings.Fields(gazetteer.Fold(a)); len(f) > 1 && HasCyrillic(f[0]) {
				out[f[0]] = true
			}
		}
	}
	return out
}

// splitWord splits a part of splitKeep's into the punctuation before its
// word, the word (letters and digits throughout, or such runs joined by
// single hyphens, as the first word of "Ханты-Мансийский автономный
// округ" or "Ивано-Франковская область" is; else ""), and what follows
// it.
func splitWord(part string) (lead, word, trail string) {
	start := strings.IndexFunc(part, isWordRune)
	if start < 0 {
		return part, "", ""
	}
	end := strings.LastIndexFunc(part, isWordRune)
	_, size := utf8.DecodeRuneInString(part[end:])
	lead, word, trail = part[:start], part[start:end+size], part[end+size:]
	for _, run := range strings.Split(word, "-") {
		if run == "" || strings.IndexFunc(run, func(r rune) bool { return !isWordRune(r) }) >= 0 {
			return part, "", ""
		}
	}
	return lead, word, trail
}
