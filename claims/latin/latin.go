// Package latin spells a query typed in Russian in Latin letters, for the
// claims recorded in English: a place by the gazetteer's English name
// ("Сирия", "Сирии": Syria), also when named by its adjective
// ("сирийских": Syria, see adjectives.go) or by several words
// ("Саудовской Аравии": Saudi Arabia, see phrases.go), any other word by its stem
// transliterated and matched as a prefix ("Богданова": Bogdanov*, which
// finds Bogdanov and Bogdanova). The API searches it when the query as
// typed matches no claim.
//
// # Transliteration
//
// Russian is spelt as English-language media spell Russian names, and
// they spell them in more than one way. The first spelling is BGN/PCGN
// without its diacritics: Богданов is Bogdanov, Патрушев Patrushev, Юрий
// Yuriy; е is ye where BGN/PCGN has it, first in a word and after a vowel,
// й, ъ or ь (Ельцин Yeltsin, Сергеев Sergeyev). The press's own habits
// give the others (see system): Shoigu for Shoygu, Dmitry and Dmitri for
// Dmitriy, Sergei, Alexei, Aksenov for Aksyonov, Sergeev. A word is
// searched in each of its spellings, at most MaxVariants, joined by OR.
//
// # Stems
//
// A name typed in an oblique case is reduced to its stem before it is
// spelt, so that the Latin prefix matches the name as the English text
// holds it: "Богдановым" is Bogdanov*. The stem is the Snowball Russian
// stemmer's (github.com/kljensen/snowball, which package fulltext already
// uses for SQLite's prefixes: one stemmer for both), with one change for
// surnames: Snowball reads the -ов and -ев of a nominative such as
// "Лавров" as a genitive plural ending and drops it ("лавр"), where the
// surname keeps it in every case (Лаврова, Лавровым), so the stem keeps
// those letters when the word has them after Snowball's stem. A hand-kept
// list of endings would have to redo what Snowball already does for every
// other word. A stem shorter than fulltext.MinStem letters is lengthened
// to that many letters of the word ("Юрия": юри), and a word no longer
// than that is spelt whole. A stem shorter than MinPrefixStem letters is
// no prefix: the word is spelt whole.
package latin

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/russian"

	"github.com/claimdesk/claimdesk/claims/fulltext"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// table spells each lower-case Cyrillic letter (Russian, and the
// Ukrainian і, ї, є, ґ).
var table = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// yeAfter is what BGN/PCGN spells a following е as ye after, besides the
// start of a word.
const yeAfter = "аеёиоуыэюяйъь"

// Word spells a Cyrillic word in Latin letters by BGN/PCGN, keeping its
// case: "Богданов" is Bogdanov, "ЕС" YeS. Other characters are kept.
func Word(w string) string { return wordIn(w, bgn, true) }

// A system is a way of spelling Russian in Latin letters. English-language
// media do not keep to one: BGN/PCGN's Shoygu, Dmitriy and Aksyonov are
// as often Shoigu, Dmitry and Aksenov there. Variants tries each system.
type system int

const (
	// bgn is BGN/PCGN without its diacritics (Word).
	bgn system = iota
	// press is the English press's usual spelling: й after a vowel is i
	// (Shoigu, Sergei, Nikolai) except in a final -ой (Tolstoy), a final
	// -ий or -ый is y (Dmitry, Navalny, Grozny), a final -ия ia (Maria),
	// the кс of Алекс- and Макс- x (Alexei, Maxim), a final -андр
	// ander (Alexander), and ь before и y (Ilyin).
	press
	// pressI is press with a final -ий spelt i (Yuri, Dmitri).
	pressI
	// plain is press with every е and ё spelt e (Evgeny, Sergeev,
	// Aksenov), as a writer without ё, or one who drops BGN/PCGN's ye,
	// spells them.
	plain
)

// systems are the systems Variants tries, BGN/PCGN first.
var systems = []system{bgn, press, pressI, plain}

// MaxVariants bounds the spellings Variants returns of one word, so that a
// query of many words stays a query of a few alternatives a word.
const MaxVariants = 3

// Variants returns the distinct spellings of a Cyrillic word in Latin
// letters, BGN/PCGN's first (Word), at most MaxVariants: "Шойгу" is
// Shoygu and Shoigu, "Юрий" Yuriy, Yury and Yuri, "Аксёнов" Aksyonov and
// Aksenov.
func Variants(w string) []string { return variants(w, true) }

// variants is Variants of a whole word, or of a word's stem (not whole),
// whose last letters are not the word's ending.
func variants(w string, whole bool) []string {
	var out []string
	for _, sys := range systems {
		if v := wordIn(w, sys, whole); !slices.Contains(out, v) && len(out) < MaxVariants {
			out = append(out, v)
		}
	}
	return out
}

// pressEndings are the final letters that press and pressI spell their own
// way (see system), and how.
var pressEndings = []struct{ cyr, press, pressI string }{
	{"ий", "y", "i"}, {"ый", "y", "y"}, {"ия", "ia", "ia"},
}

// wordIn spells w in sys, keeping its case; whole says w is a whole word,
// whose final letters the press systems spell their own way.
func wordIn(w string, sys system, whole bool) string {
	var b strings.Builder
	ending := ""
	if whole && sys != bgn {
		lw := strings.ToLower(w)
		for _, e := range pressEndings {
			if strings.HasSuffix(lw, e.cyr) && len(lw) > len(e.cyr) {
				ending = e.press
				if sys == pressI {
					ending = e.pressI
				}
				if r, _ := utf8.DecodeRuneInString(w[len(w)-len(e.cyr):]); unicode.IsUpper(r) {
					ending = strings.ToUpper(ending)
				}
				w = w[:len(w)-len(e.cyr)]
				break
			}
		}
	}
	prev := rune(0)
	x := false // the last letter was a к spelt x, with the с after it
	for i, r := range w {
		lower := unicode.ToLower(r)
		next := rune(0) // none after the last letter
		if rest := w[i+utf8.RuneLen(r):]; rest != "" {
			next, _ = utf8.DecodeRuneInString(rest)
			next = unicode.ToLower(next)
		}
		t, ok := table[lower]
		wasX := x
		x = false
		switch {
		case lower == 'е' && sys == plain, lower == 'ё' && sys == plain:
			t = "e"
		case lower == 'е' && (!unicode.IsLetter(prev) || strings.ContainsRune(yeAfter, prev)):
			t = "ye"
		case sys == bgn:
		case lower == 'й' && strings.ContainsRune(vowels, prev) && (next != 0 || prev != 'о'):
			t = "i"
		case lower == 'к' && next == 'с' && xStem(w[:i]):
			t, x = "x", true // Alexei, Maxim; but Aksyonov
		case lower == 'с' && wasX:
			t = ""
		case lower == 'ь' && next == 'и':
			t = "y"
		case lower == 'р' && prev == 'д' && next == 0 && strings.HasSuffix(strings.ToLower(w[:i]), "анд"):
			t = "er" // Alexander
		}
		switch {
		case !ok:
			b.WriteRune(r)
		case r != lower && t != "":
			first, size := utf8.DecodeRuneInString(t)
			b.WriteRune(unicode.ToUpper(first))
			b.WriteString(t[size:])
		default:
			b.WriteString(t)
		}
		prev = lower
	}
	return b.String() + ending
}

// xStem reports whether a word starts with before and then кс that the
// press spells x: the names of Алексей, Александр and Максим (Alexei,
// Alexander, Maxim), not every кс (Aksyonov).
func xStem(before string) bool {
	b := strings.ToLower(before)
	return b == "але" || b == "ма"
}

// vowels are the Russian vowel letters.
const vowels = "аеёиоуыэюя"

// Stem returns the part of a Russian word that it keeps in every case, in
// lower case with ё read as е: "Богдановым" is богданов, "Сирии" сир. It
// returns the word itself when it is no longer than fulltext.MinStem
// letters.
func Stem(w string) string {
	w = strings.ReplaceAll(strings.ToLower(w), "ё", "е")
	n := utf8.RuneCountInString(w)
	if n <= fulltext.MinStem {
		return w
	}
	s := russian.Stem(w, false)
	if !strings.HasPrefix(w, s) {
		s = w
	}
	// A surname's -ов or -ев, which Snowball takes for a plural ending.
	if rest := w[len(s):]; strings.HasPrefix(rest, "ов") || strings.HasPrefix(rest, "ев") {
		s += rest[:len("ов")]
	}
	if utf8.RuneCountInString(s) < fulltext.MinStem {
		s = w[:runeOffset(w, fulltext.MinStem)]
	}
	return s
}

// runeOffset returns the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// Places looks place names up; *gazetteer.Gazetteer has these methods.
type Places interface {
	Lookup(name string) (gazetteer.Place, bool)
	Suggest(name string) (string, bool)
	InText(folded string) (string, bool)
	TextPrefix(folded string) bool
	Places() []gazetteer.Place
}

// Query returns q with each Cyrillic word in Latin letters: a place by its
// English name (see placeName), quoted when it has several words ("ОАЭ":
// "United Arab Emirates"); any other word by its Stem, spelt with the case
// it was typed in and matched as a prefix ("Богданова": Bogdanov*), or
// spelt whole when typed all in capitals (an acronym: "НАТО" is NATO) and
// when its stem is shorter than MinPrefixStem letters ("Мария" is Mariya).
// A word the systems spell differently is searched in each spelling (at
// most MaxVariants), joined by fulltext's OR: "Шойгу" is Shoygu OR Shoigu,
// "Алексея" Aleks* OR Alex*, "Грозного" Groznyy OR Grozny. A quoted
// phrase is spelt whole, once in each system: "Сергей Шойгу" in quotes is
// "Sergey Shoygu" OR "Sergei Shoigu". A Russian stopword ("в Сирии",
// "из Ирака") is left out, in quotes too, where its spelling ("v
// Syria") would make a phrase no English text holds: "в Сирии" is
// Syria. Other words and the quotes are kept. It returns "" when q has
// no Cyrillic word.
func Query(q string, places Places) string {
	if !HasCyrillic(q) {
		return ""
	}
	caseless := Caseless(q)
	place := placeMemo(places, caseless)
	var b strings.Builder
	parts := splitKeep(q)
	phrases := phrasesIn(parts, places, caseless)
	for i := 0; i < len(parts); i++ {
		if ph, ok := phrases[i]; ok {
			var alts []string
			for _, sys := range systems {
				if v := spellPlace(ph.name, false, false, true, sys); !slices.Contains(alts, v) && len(alts) < MaxVariants {
					alts = append(alts, v)
				}
			}
			b.WriteString(ph.lead + strings.Join(alts, " "+fulltext.Or+" ") + ph.trail)
			i = ph.end
			continue
		}
		if lead, trail, ok := stopword(parts[i]); ok {
			b.WriteString(lead + trail)
			if i+1 < len(parts) && trail == "" && strings.TrimSpace(parts[i+1]) == "" {
				i++ // and the space after it
			}
			continue
		}
		if parts[i] != `"` {
			b.WriteString(spellPart(parts[i], func(word string) []string {
				var out []string
				for _, sys := range systems {
					if v := spellIn(word, false, true, sys, place); !slices.Contains(out, v) && len(out) < MaxVariants {
						out = append(out, v)
					}
				}
				return out
			}))
			continue
		}
		// A phrase, to its closing quote or the end, spelt whole.
		j := i + 1
		for j < len(parts) && parts[j] != `"` {
			j++
		}
		var alts []string
		for _, sys := range systems {
			var p strings.Builder
			for k := i + 1; k < j; k++ {
				if ph, ok := phrases[k]; ok {
					p.WriteString(ph.lead + spellPlace(ph.name, false, true, true, sys) + ph.trail)
					k = ph.end
					continue
				}
				if lead, trail, ok := stopword(parts[k]); ok {
					p.WriteString(lead + trail)
					if k+1 < j && trail == "" && strings.TrimSpace(parts[k+1]) == "" {
						k++
					}
					continue
				}
				p.WriteString(spellPart(parts[k], func(word string) []string {
					return []string{spellIn(word, true, true, sys, place)}
				}))
			}
			if a := `"` + p.String() + `"`; !slices.Contains(alts, a) && len(alts) < MaxVariants {
				alts = append(alts, a)
			}
		}
		b.WriteString(strings.Join(alts, " "+fulltext.Or+" "))
		i = j
	}
	// Words OR'd as typed, each in its spellings, may make a group of
	// more than the search takes; say only what is searched.
	return fulltext.CapOr(b.String())
}

// stopword reports whether a part of splitKeep's is a Russian stopword
// ("в", "из", "и"), which Query leaves out: its Latin spelling ("v",
// "iz") is in no English text, and a query with it would find nothing.
// It returns the punctuation before and after the word, which is kept
// (with the space after it only when punctuation follows the word).
func stopword(part string) (lead, trail string, ok bool) {
	lead, word, trail := splitWord(part)
	if word == "" || !HasCyrillic(word) || strings.HasPrefix(trail, "*") || !russian.IsStopWord(strings.ToLower(word)) {
		return "", "", false
	}
	return lead, trail, true
}

// Text returns a text that records are to contain spelt in Latin
// letters: Query's spelling without the quotes it puts around a place's
// name or its prefix marks ("Богданова" is Bogdanov, which Bogdanova
// contains), and with any quote typed kept as a character like another.
// Only the last word is cut to its stem: the text is found as one run of
// characters, where only the last word may go on ("Алексей Навальный" is
// Aleksey Navaln, which "Aleksey Navalny" contains; Aleks Navaln is in no
// text). The text is spelt once in each system, the spellings that
// differ (at most MaxVariants) joined by " OR " (fulltext.Alternatives):
// "Сергей Шойгу" is Sergey Shoygu OR Sergei Shoigu. It returns "" when
// text has no Cyrillic word.
func Text(text string, places Places) string {
	if !HasCyrillic(text) {
		return ""
	}
	caseless := Caseless(text)
	place := placeMemo(places, caseless)
	parts := splitKeep(text)
	phrases := phrasesIn(parts, places, caseless)
	last := len(parts) - 1 // the last word's part
	for last > 0 && strings.IndexFunc(parts[last], isWordRune) < 0 {
		last--
	}
	var alts []string
	for _, sys := range systems {
		var b strings.Builder
		for i := 0; i < len(parts); i++ {
			if ph, ok := phrases[i]; ok {
				b.WriteString(ph.lead + spellPlace(ph.name, false, true, false, sys) + ph.trail)
				i = ph.end
				continue
			}
			part := parts[i]
			b.WriteString(spellPart(part, func(word string) []string {
				return []string{spellIn(word, i < last, false, sys, place)}
			}))
		}
		if a := b.String(); !slices.Contains(alts, a) && len(alts) < MaxVariants {
			alts = append(alts, a)
		}
	}
	return strings.Join(alts, " "+fulltext.Or+" ")
}

// spellPart spells the Cyrillic word of a part of splitKeep's (a word
// with any punctuation around it: only its letters are spelt) by spell,
// its spellings joined by OR. A "*" typed after a word spelt as a prefix
// is not doubled.
func spellPart(part string, spell func(word string) []string) string {
	start := strings.IndexFunc(part, isWordRune)
	if start < 0 || !HasCyrillic(part) {
		return part
	}
	end := strings.LastIndexFunc(part, isWordRune)
	_, size := utf8.DecodeRuneInString(part[end:])
	lead, word, trail := part[:start], part[start:end+size], part[end+size:]
	alts := spell(word)
	if rest, ok := strings.CutPrefix(trail, "*"); ok {
		trail = rest
		for i, a := range alts {
			if !strings.HasSuffix(a, "*") {
				alts[i] = a + "*"
			}
		}
	}
	return lead + strings.Join(alts, " "+fulltext.Or+" ") + trail
}

// spellIn returns the spelling in sys of one word of a query (see Query)
// or text, whole (not by its stem) when asked. place is placeName's.
func spellIn(word string, whole, asQuery bool, sys system, place func(string) (string, bool, bool)) string {
	if name, adjective, ok := place(word); ok {
		return spellPlace(name, adjective, whole, asQuery, sys)
	}
	if acronym(word) {
		return Word(word)
	}
	if name, ok := firstName(word); ok {
		return wordIn(name, sys, true)
	}
	if whole || strings.IndexFunc(word, func(r rune) bool { return !isWordRune(r) }) >= 0 {
		return wordIn(word, sys, true)
	}
	n := utf8.RuneCountInString(Stem(word))
	if n < MinPrefixStem {
		return wordIn(word, sys, true)
	}
	stem := wordIn(word[:runeOffset(word, n)], sys, false)
	if !asQuery {
		return stem
	}
	return stem + "*"
}

// spellPlace returns the spelling in sys of a place's English name, for
// a word or words of a query or text (see spellIn), adjective when they
// named it by its adjective.
func spellPlace(name string, adjective, whole, asQuery bool, sys system) string {
	if sys != bgn {
		name = pressPlace(name)
	}
	switch words := len(fulltext.Words(name)); {
	case asQuery && !whole && words > 1:
		return `"` + name + `"`
	case asQuery && !whole && adjective && words == 1:
		// English says Syrian and Iraqi where Russian says
		// сирийских and иракской.
		return name + "*"
	}
	return name
}

// finalY is a final -yy or -iy of a word of a place's English name as
// GeoNames spells it after BGN/PCGN (Groznyy), which the English press
// spells y (Grozny).
var finalY = regexp.MustCompile(`(?:yy|iy)\b`)

// pressPlace returns a place's English name as the press spells it.
func pressPlace(name string) string { return finalY.ReplaceAllString(name, "y") }

// placeMemo returns placeName over places, remembering each word's
// answer, as every system asks it again; caseless as placeOf's.
func placeMemo(places Places, caseless bool) func(string) (string, bool, bool) {
	type answer struct {
		name          string
		adjective, ok bool
	}
	seen := map[string]answer{}
	return func(word string) (string, bool, bool) {
		a, ok := seen[word]
		if !ok {
			a.name, a.adjective, a.ok = placeOf(word, places, caseless)
			seen[word] = a
		}
		return a.name, a.adjective, a.ok
	}
}

// MinPrefixStem is the shortest stem spelt as a prefix: a shorter one
// would match too many words of other stems ("Мария" is Mar*, Mark and
// Marseille), so the word is spelt whole (Mariya).
const MinPrefixStem = 5

// acronym reports whether word is typed all in capitals, two letters or
// more ("НАТО", "ИГИЛ"): an acronym, which does not inflect as a word
// does and is spelt whole (NATO, not NAT*), by BGN/PCGN only.
func acronym(word string) bool {
	letters := 0
	for _, r := range word {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// placeName returns the English name of the place a Russian word names,
// in any case ("Сирии" is Syria), or an adjective of it (see
// adjectivePlace: "сирийских" is Syria), or a hyphenated name in any case
// (see hyphenPlace: "Ростове-на-Дону"). A city counts only where the
// gazetteer reads its name as a place in running text too, so that a
// common word that some town is also called ("Дом") is spelt, not
// taken for it. The gazetteer's suggestion for a name it does not know
// counts only when one of the place's Russian names has the word's stem
// and is at most one letter longer than the word, as a name in another
// case is ("Сирия", "Сирии"; "Ирак", "Ираком"): "Ракка" is not Dhaka
// (Дакка), nor "Александр" Alexandria (Александрия). A word of
// fulltext.MinStem letters or fewer gets no suggestion: too many names are
// one letter from it.
//
// A Russian stopword is no place, typed in lower case or not ("Того",
// which the gazetteer has as Togo, opens a sentence as the pronoun), nor
// is a city's name typed in lower case in a text that has capitals
// ("Цены газа": gas, not Gaza; see placeOf's caseless), a name
// the gazetteer has in lower case only (commonNoun), or a declined word
// whose nominative is none (see declinedPlace). A suggestion whose
// Russian name does not decline, ending in a vowel other than а or я
// ("Совето", "Мали"), counts only as typed: "совета" is not Soweto, nor
// "мало" Mali.
//
// placeName reads the word as a word of a text with capitals.
func placeName(word string, places Places) (string, bool) {
	name, _, ok := placeOf(word, places, false)
	return name, ok
}

// placeOf is placeName, and says whether the word named the place by its
// adjective (which Query searches as a prefix of the place's English
// name: Syria* finds Syrian). caseless says the word's text has no
// capital letter (Caseless): case then says nothing, and a city's name
// in lower case is the city ("москве": Moscow), as an analyst types a
// query in a search box; where the text has capitals, a city's name
// counts typed with a capital only, in lower case it is a common word
// ("Цены газа": gas, not Gaza; "мира" not Mira).
func placeOf(word string, places Places, caseless bool) (name string, adjective, ok bool) {
	if russian.IsStopWord(strings.ToLower(word)) {
		return "", false, false
	}
	r, _ := utf8.DecodeRuneInString(word)
	named := func(p gazetteer.Place) bool { return p.Kind != gazetteer.City || caseless || unicode.IsUpper(r) }
	if p, ok := knownPlace(word, places); ok && !commonNoun(p, word) && named(p) {
		return p.Name, false, true
	}
	if p, ok := adjectivePlace(word, places); ok {
		return p.Name, true, true
	}
	if p, ok := declinedPlace(word, places); ok && named(p) {
		return p.Name, false, true
	}
	return "", false, false
}

// declinedPlace returns the place a word names in another case than the
// nominative (see placeName).
func declinedPlace(word string, places Places) (gazetteer.Place, bool) {
	if p, ok := hyphenPlace(word, places); ok {
		return p, true
	}
	stem, n := Stem(word), utf8.RuneCountInString(word)
	if n <= fulltext.MinStem {
		return gazetteer.Place{}, false // "кот" is one letter from Kota (Кота)
	}
	s, ok := places.Suggest(word)
	if !ok {
		return gazetteer.Place{}, false
	}
	p, ok := knownPlace(s, places)
	if !ok {
		return gazetteer.Place{}, false
	}
	for _, a := range append([]string{s}, p.Aliases...) {
		if !HasCyrillic(a) || utf8.RuneCountInString(a) > n+1 || Stem(a) != stem && !withCaseEnding(word, a) {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(strings.ToLower(a)); strings.ContainsRune(indeclinable, last) && !strings.EqualFold(a, word) {
			continue
		}
		// The word is the place its Russian name in the nominative is:
		// none where that name is read as no place ("думу": "Дума", the
		// parliament, not Douma), and of the places so named the one
		// knownPlace reads ("Ставрополя": Stavropol, not Tolyatti).
		if q, ok := knownPlace(a, places); ok && !commonNoun(q, a) {
			return q, true
		}
	}
	return gazetteer.Place{}, false
}

// withCaseEnding reports whether word is name with one of a noun's case
// endings added (nounCaseEndings): a name whose stem differs from the
// word's is still the word's nominative then, as Snowball stems
// "Каракалпакстан" to каракалпакста but "Каракалпакстане" to
// каракалпакстан. "россиян" (Russians) is no "Россия" with an ending.
func withCaseEnding(word, name string) bool {
	rest, ok := strings.CutPrefix(gazetteer.Fold(word), gazetteer.Fold(name))
	return ok && slices.Contains(nounCaseEndings, rest)
}

// indeclinable are the final letters of a foreign name that Russian does
// not decline (Совето, Мали, Того, Токио).
const indeclinable = "оеиуюэ"

// knownPlace returns the place a name denotes (see placeName). Of two
// cities of one country that a Russian name denotes, the one whose
// English name is that name spelt by BGN/PCGN (Word) is meant, before a
// more populous one that had it once: "Ставрополь" is Stavropol, not
// Tolyatti (Stavropol until 1964), as a Russian writer names Tolyatti by
// its name. Across countries the more populous stays ("Одесса" is Odesa,
// not Odessa, Texas).
func knownPlace(name string, places Places) (gazetteer.Place, bool) {
	p, ok := places.Lookup(name)
	if ok && p.Kind == gazetteer.City {
		_, ok = places.InText(gazetteer.Fold(name))
	}
	if ok && p.Kind == gazetteer.City && HasCyrillic(name) {
		if q, found := places.Lookup(Word(name)); found && q.Kind == gazetteer.City && q.Name != p.Name && hasName(q, name) && country(p) != "" && country(q) == country(p) {
			return q, true
		}
	}
	return p, ok
}

// country returns the code of the country a place lies in, as its In
// names it ("RU" of "RU.65" or "RU-STA"), or "".
func country(p gazetteer.Place) string {
	for _, in := range p.In {
		if c, _, _ := strings.Cut(strings.ReplaceAll(in, "-", "."), "."); len(c) == 2 {
			return c
		}
	}
	return ""
}

// hasName reports whether a place has name among its names and aliases
// (folded).
func hasName(p gazetteer.Place, name string) bool {
	f := gazetteer.Fold(name)
	for _, a := range append([]string{p.Name}, p.Aliases...) {
		if gazetteer.Fold(a) == f {
			return true
		}
	}
	return false
}

// commonNoun reports whether the gazetteer has a Russian name of a place
// only in lower case, as a common noun ("мир" for the World): a word
// typed so is that noun, no place's name.
func commonNoun(p gazetteer.Place, name string) bool {
	if !HasCyrillic(name) {
		return false
	}
	f, lower := gazetteer.Fold(name), false
	for _, a := range append([]string{p.Name}, p.Aliases...) {
		if gazetteer.Fold(a) != f {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(a); unicode.IsUpper(r) {
			return false
		}
		lower = true
	}
	return lower
}

// splitKeep splits q into runs of spaces, double quotes and the text
// between them, keeping every character.
func splitKeep(q string) []string {
	var parts []string
	for q != "" {
		i := strings.IndexFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		switch {
		case i < 0:
			return append(parts, q)
		case i > 0:
			parts = append(parts, q[:i])
			q = q[i:]
			continue
		}
		r, size := utf8.DecodeRuneInString(q)
		if r == '"' {
			parts = append(parts, `"`)
			q = q[size:]
			continue
		}
		j := strings.IndexFunc(q, func(r rune) bool { return !unicode.IsSpace(r) })
		if j < 0 {
			j = len(q)
		}
		parts = append(parts, q[:j])
		q = q[j:]
	}
	return parts
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Caseless reports whether s has no capital letter: a query typed all
// in lower case, whose case tells no name from a common word.
func Caseless(s string) bool { return !strings.ContainsFunc(s, unicode.IsUpper) }

// HasCyrillic reports whether s has a Cyrillic letter.
func HasCyrillic(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
}
