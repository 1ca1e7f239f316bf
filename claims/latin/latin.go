// Package latin spells a query typed in Russian in Latin letters, for the
// claims recorded in English: a place by the gazetteer's English name
// ("Сирия", "Сирии": Syria), any other word by its stem transliterated and
// matched as a prefix ("Богданова": Bogdanov*, which finds Bogdanov and
// Bogdanova). The API searches it when the query as typed matches no
// claim.
//
// # Transliteration
//
// Russian is spelt as English-language media spell Russian names:
// BGN/PCGN without its diacritics. Богданов is Bogdanov, Патрушев
// Patrushev, Юрий Yuriy; е is ye where BGN/PCGN has it, first in a word
// and after a vowel, й, ъ or ь (Ельцин Yeltsin, Сергеев Sergeyev).
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

// Word spells a Cyrillic word in Latin letters, keeping its case:
// "Богданов" is Bogdanov, "ЕС" YeS. Other characters are kept.
func Word(w string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range w {
		lower := unicode.ToLower(r)
		t, ok := table[lower]
		if lower == 'е' && (!unicode.IsLetter(prev) || strings.ContainsRune(yeAfter, prev)) {
			t = "ye"
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
	return b.String()
}

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
}

// Query returns q with each Cyrillic word in Latin letters: a place by its
// English name, quoted when it has several words ("ОАЭ": "United Arab
// Emirates"); any other word by its Stem, spelt with the case it was typed
// in and matched as a prefix ("Богданова": Bogdanov*), or spelt whole in a
// quoted phrase, as phrases match as written, when typed all in capitals
// (an acronym: "НАТО" is NATO) and when its stem is shorter than
// MinPrefixStem letters ("Мария" is Mariya). Other words and the
// quotes are kept. It returns "" when q has no Cyrillic word.
func Query(q string, places Places) string {
	return spellAll(q, places, true)
}

// Text returns a text that records are to contain spelt in Latin
// letters: Query's spelling without the quotes it puts around a place's
// name or its prefix marks ("Богданова" is Bogdanov, which Bogdanova
// contains), and with any quote typed kept as a character like another.
// Only the last word is cut to its stem: the text is found as one run of
// characters, where only the last word may go on ("Алексей Навальный" is
// Aleksey Navaln, which "Aleksey Navalny" contains; Aleks Navaln is in no
// text). It returns "" when text has no Cyrillic word.
func Text(text string, places Places) string {
	return spellAll(text, places, false)
}

// spellAll is Query (asQuery) or Text.
func spellAll(q string, places Places, asQuery bool) string {
	if !HasCyrillic(q) {
		return ""
	}
	var b strings.Builder
	inPhrase := false
	parts := splitKeep(q)
	last := len(parts) - 1 // the last word's part: see Text
	for last > 0 && strings.IndexFunc(parts[last], isWordRune) < 0 {
		last--
	}
	for i, part := range parts {
		if part == `"` && asQuery {
			inPhrase = !inPhrase
			b.WriteString(part)
			continue
		}
		// A word with punctuation around it: only its letters are spelt.
		start := strings.IndexFunc(part, isWordRune)
		if start < 0 || !HasCyrillic(part) {
			b.WriteString(part)
			continue
		}
		end := strings.LastIndexFunc(part, isWordRune)
		_, size := utf8.DecodeRuneInString(part[end:])
		lead, word, trail := part[:start], part[start:end+size], part[end+size:]
		spelt := spell(word, inPhrase || !asQuery && i < last, asQuery, places)
		if strings.HasSuffix(spelt, "*") {
			trail = strings.TrimPrefix(trail, "*") // typed: one is enough
		}
		b.WriteString(lead)
		b.WriteString(spelt)
		b.WriteString(trail)
	}
	return b.String()
}

// spell returns the Latin spelling of one word of a query (see Query) or
// text, whole (not by its stem) when asked.
func spell(word string, whole, asQuery bool, places Places) string {
	if name, ok := placeName(word, places); ok {
		if asQuery && !whole && len(fulltext.Words(name)) > 1 {
			return `"` + name + `"`
		}
		return name
	}
	if whole || strings.IndexFunc(word, func(r rune) bool { return !isWordRune(r) }) >= 0 || acronym(word) {
		return Word(word)
	}
	n := utf8.RuneCountInString(Stem(word))
	if n < MinPrefixStem {
		return Word(word)
	}
	if !asQuery {
		return Word(word[:runeOffset(word, n)])
	}
	return Word(word[:runeOffset(word, n)]) + "*"
}

// MinPrefixStem is the shortest stem spelt as a prefix: a shorter one
// would match too many words of other stems ("Мария" is Mar*, Mark and
// Marseille), so the word is spelt whole (Mariya).
const MinPrefixStem = 5

// acronym reports whether word is typed all in capitals, two letters or
// more ("НАТО", "ИГИЛ"): an acronym, which does not inflect as a word
// does and is spelt whole (NATO, not NAT*).
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
// in any case ("Сирии" is Syria). A city counts only where the gazetteer
// reads its name as a place in running text too, so that a common word
// that some town is also called ("Дом", "Орёл") is spelt, not taken for
// it. The gazetteer's suggestion for a name it does not know counts only
// when one of the place's Russian names has the word's stem and is at
// most one letter longer than the word, as a name in another case is
// ("Сирия", "Сирии"; "Ирак", "Ираком"): "Ракка" is not Dhaka (Дакка), nor
// "Александр" Alexandria (Александрия). A word of fulltext.MinStem letters or
// fewer gets no suggestion: too many names are one letter from it.
func placeName(word string, places Places) (string, bool) {
	if p, ok := knownPlace(word, places); ok {
		return p.Name, true
	}
	stem, n := Stem(word), utf8.RuneCountInString(word)
	if n <= fulltext.MinStem {
		return "", false // "кот" is one letter from Kota (Кота)
	}
	s, ok := places.Suggest(word)
	if !ok {
		return "", false
	}
	p, ok := knownPlace(s, places)
	if !ok {
		return "", false
	}
	for _, a := range append([]string{s}, p.Aliases...) {
		if HasCyrillic(a) && utf8.RuneCountInString(a) <= n+1 && Stem(a) == stem {
			return p.Name, true
		}
	}
	return "", false
}

// knownPlace returns the place a name denotes (see placeName).
func knownPlace(name string, places Places) (gazetteer.Place, bool) {
	p, ok := places.Lookup(name)
	if ok && p.Kind == gazetteer.City {
		_, ok = places.InText(gazetteer.Fold(name))
	}
	return p, ok
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

// HasCyrillic reports whether s has a Cyrillic letter.
func HasCyrillic(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
}
