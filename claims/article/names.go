package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stem folds a word for matching across Russian case endings and English
// possessives: lower case, "'s" dropped, and for Cyrillic words of five
// letters or more the inflexional ending dropped ("Сысоева", "Сысоеву",
// "Сысоевым" are all "сысоев"; "Алексея" and "Алексей" are "алекс").
func stem(w string) string { return stemFolded(fold(w)) }

// cyrillicEndings are the inflexional endings stemFolded drops, longest
// first where one ends another.
var cyrillicEndings = []string{"ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ым", "им", "ом", "ем", "ой", "ей", "ая", "яя", "ую", "юю", "ия", "ие", "ии", "ию", "ами", "ями", "ах", "ях"}

// stemFolded is stem of a word already folded.
func stemFolded(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if len(w) < 8 || w[0] < 0x80 { // Latin script, or under five Cyrillic letters
		return w
	}
	n := utf8.RuneCountInString(w)
	for _, suf := range cyrillicEndings {
		// Each ending is two or three Cyrillic letters of two bytes.
		if strings.HasSuffix(w, suf) && n-len(suf)/2 >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	for n > 4 {
		r, k := utf8.DecodeLastRuneInString(w)
		if !strings.ContainsRune("аеиоуыэюяйь", r) {
			break
		}
		w = w[:len(w)-k]
		n--
	}
	return w
}

func isCyrillic(w string) bool {
	for _, r := range w {
		if isLetter(r) {
			return 0x400 <= r && r <= 0x4FF || unicode.Is(unicode.Cyrillic, r)
		}
	}
	return false
}

// stems returns the stems of the words of s.
func stems(s string) []string {
	var out []string
	var buf [8]tok
	for _, t := range tokenize(s, 0, buf[:0], nil) {
		if t.word {
			out = append(out, t.st)
		}
	}
	return out
}

// containsSeq reports whether b occurs in a as a contiguous run.
func containsSeq(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for i := 0; i+len(b) <= len(a); i++ {
		ok := true
		for j := range b {
			if a[i+j] != b[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// SameName reports whether two names denote the same claimant: one's words
// (stemmed, so Russian case endings and possessives do not matter) run
// inside the other's ("Bogdanov" and "Mikhail Bogdanov", "Сысоева" and
// "Евгений Сысоев", "police" and "the police").
func SameName(a, b string) bool {
	sa, sb := dropArticles(stems(a)), dropArticles(stems(b))
	return containsSeq(sa, sb) || containsSeq(sb, sa)
}

func dropArticles(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "the" && s != "a" && s != "an" {
			out = append(out, s)
		}
	}
	return out
}

// nominative turns a Russian name found in the genitive, dative or
// prepositional ("Владимира Колокольцева", "Сысоеву", "Минздраве") into
// the nominative as best a rule can: surnames in -ова/-ева/-ина/-ына and
// -ову/-еву drop the ending, -овой/-евой/-иной take -а and -ской -ская
// (women's surnames), -ого becomes -ый, first names in -ея/-ия become
// -ей/-ий, in -ии/-ьи -ия/-ья ("Марии", "Ильи"), -ы and -и after г, к, х
// and the hushing consonants -а ("Ирины", "Ольги"), -я after a consonant
// -ь, and -а/-е after a consonant go. Latin-script and indeclinable names
// ("Шойгу") are returned unchanged.
func nominative(name string) string {
	if !isCyrillic(name) {
		return name
	}
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = nominativeWord(w)
	}
	return strings.Join(words, " ")
}

func nominativeWord(w string) string {
	r0, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r0) || strings.ToUpper(w) == w {
		return w
	}
	return nominativeForm(w)
}

// nominativeForm is nominativeWord for a word of any case of letters: a
// role ("губернатора", "главы") or a name's common noun ("счетчика").
func nominativeForm(w string) string {
	if utf8.RuneCountInString(w) < 4 || !isCyrillic(w) {
		return w
	}
	low := fold(w)
	if n, ok := fixedNominatives[low]; ok {
		return n
	}
	switch {
	case hasAnySuffix(low, "овой", "евой", "иной", "ыной"):
		// "Захаровой", "Скворцовой": a woman's surname.
		return w[:len(w)-len("ой")] + "а"
	case hasAnySuffix(low, "ской", "цкой"):
		return w[:len(w)-len("ой")] + "ая" // "Поклонской"
	case hasAnySuffix(low, "ьи", "ии"):
		return w[:len(w)-len("и")] + "я" // "Натальи", "Ильи", "Марии"
	case hasAnySuffix(low, "ого", "его"):
		return w[:len(w)-len("ого")] + "ый"
	case hasAnySuffix(low, "ова", "ева", "ина", "ына", "ову", "еву", "ину", "ыну", "овым", "евым", "иным"):
		if strings.HasSuffix(low, "ым") {
			return strings.TrimSuffix(w, "ым")
		}
		_, n := utf8.DecodeLastRuneInString(w)
		return w[:len(w)-n]
	case hasAnySuffix(low, "ея", "ия", "ею", "ию", "ее", "ие"):
		_, n := utf8.DecodeLastRuneInString(w)
		return w[:len(w)-n] + "й"
	case hasAnySuffix(low, "ем", "ом") && utf8.RuneCountInString(w) > 5:
		return w[:len(w)-len("ом")]
	}
	r, n := utf8.DecodeLastRuneInString(low)
	prev, _ := utf8.DecodeLastRuneInString(low[:len(low)-n])
	if strings.ContainsRune("аеиоуыэюяйь", prev) {
		return w
	}
	switch r {
	case 'а', 'е':
		return w[:len(w)-n]
	case 'я', 'ю':
		return w[:len(w)-n] + "ь"
	case 'ы':
		return w[:len(w)-n] + "а" // "Ирины", "Никиты"
	case 'и':
		if strings.ContainsRune("гкхжшчщ", prev) {
			return w[:len(w)-n] + "а" // "Ольги", "Вероники"
		}
	}
	// A final "у" is kept: the genitive of a man's name does not end in
	// it, and "Шойгу" does not decline.
	return w
}

// fixedNominatives are names in an oblique case whose nominative no rule
// on the ending finds: a soft sign ("в Кремле" is "Кремль", while "в
// Минздраве" is "Минздрав") or a compound whose genitive never declines
// ("Минобороны", "Минобрнауки").
var fixedNominatives = map[string]string{"кремле": "Кремль", "кремля": "Кремль", "кремлю": "Кремль", "кремлем": "Кремль",
	"минобороны": "Минобороны", "минобрнауки": "Минобрнауки"}

// dativeOutlet turns an outlet named in the dative ("Интерфаксу",
// "«Известиям»") into the nominative: a final -у after a consonant goes,
// -иям becomes -ия. Other forms are returned unchanged.
func dativeOutlet(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 && isDomainName(name) {
		// "Газете.Ru" is "Газета.Ru": a feminine -а noun's dative -е.
		if head := name[:i]; isCyrillic(head) && strings.HasSuffix(head, "е") && utf8.RuneCountInString(head) > 3 {
			return head[:len(head)-len("е")] + "а" + name[i:]
		}
		return dativeOutlet(name[:i]) + name[i:]
	}
	if !isCyrillic(name) {
		return name
	}
	low := fold(name)
	switch {
	case strings.HasSuffix(low, "иям"):
		return name[:len(name)-len("м")]
	case strings.HasSuffix(low, "у") && utf8.RuneCountInString(low) > 3:
		r, n := utf8.DecodeLastRuneInString(low[:len(low)-len("у")])
		if n > 0 && !strings.ContainsRune("аеиоуыэюяйь", r) {
			return name[:len(name)-len("у")]
		}
	}
	return name
}

func hasAnySuffix(s string, sufs ...string) bool {
	for _, x := range sufs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
