package article

import (
	"hash/maphash"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims/internal/wordfilter"
)

// tok is a word or a punctuation mark of a sentence, with its byte offsets
// in the paragraph.
type tok struct {
	s          string // as written
	low        string // lower case, "ё" read as "е"
	start, end int
	st         string // stem (see stem), for words
	word       bool   // letters or digits; otherwise one punctuation rune
	upper      bool   // a word starting with an upper-case letter
	digit      bool   // a word starting with a digit
	cls        class  // the word lists low and st belong to
}

// class is a set of the word lists a token belongs to, looked up once when
// it is made (see classOf).
type class uint32

// The word lists, keyed by the folded word (low) or its stem (st).
const (
	cNotName      class = 1 << iota // notNames[low]
	cMonth                          // months[low]
	cWeekday                        // weekdays[low]
	cSpeech                         // speechVerbs[low]
	cOutletVerb                     // outletVerbs[low]
	cBoundary                       // boundaryWord[low]
	cTime                           // timeWords[low]
	cPersonPron                     // personPronouns[low]
	cOtherPron                      // otherPronouns[low]
	cLocPrep                        // locPreps[low]
	cRole                           // roleWords[st]
	cOrg                            // orgWords[st]
	cNotPerson                      // notPersonWords[st]
	cPrepFirst                      // prepFirst[low]
	cCountNoun                      // countNouns[low]
	cGerund                         // gerunds[low]
	cReportVerb                     // reportVerbs[low]
	cStatement                      // statementNouns[low]
	cDeclaredPfx                    // low starts with "заявлен" (see newWordInfo)
	cVoicedPfx                      // low starts with a participle of saying: "озвученн", … (see newWordInfo)
	cAllCaps                        // isAllCaps(s), the word as written (see newWordInfo)
	cRuImpersonal                   // ruImpersonal(low): "сообщалось" (see newWordInfo)
)

// wordClass holds, for each word of the lists, the lists its folded form
// (low) and its stem (st) belong to, so that a word whose stem is itself
// is looked up once.
var wordClass = func() map[string][2]class {
	m := map[string][2]class{}
	add := func(k int, set map[string]bool, c class) {
		for w := range set {
			v := m[w]
			v[k] |= c
			m[w] = v
		}
	}
	add(0, notNames, cNotName)
	add(0, months, cMonth)
	add(0, weekdays, cWeekday)
	add(0, speechVerbs, cSpeech)
	add(0, outletVerbs, cOutletVerb)
	add(0, boundaryWord, cBoundary)
	add(0, timeWords, cTime)
	add(0, personPronouns, cPersonPron)
	add(0, otherPronouns, cOtherPron)
	add(0, locPreps, cLocPrep)
	add(0, prepFirst, cPrepFirst)
	add(0, countNouns, cCountNoun)
	add(0, gerunds, cGerund)
	add(0, reportVerbs, cReportVerb)
	add(0, statementNouns, cStatement)
	add(1, roleWords, cRole)
	add(1, orgWords, cOrg)
	add(1, notPersonWords, cNotPerson)
	for w := range m {
		wordfilter.Add(&classFilter, w)
	}
	return m
}()

// classFilter holds every word of wordClass: classOf answers for a word
// it does not hold without a map lookup, as for most words of a text.
var classFilter wordfilter.Filter

func inClassFilter(w string) bool { return wordfilter.MayHold(&classFilter, w) }

// classOf returns the lists low belongs to as a folded word and st as a
// stem.
func classOf(low, st string) class {
	var v [2]class
	if inClassFilter(low) {
		v = wordClass[low]
	}
	if st == low {
		return v[0] | v[1]
	}
	if inClassFilter(st) {
		return v[0] | wordClass[st][1]
	}
	return v[0]
}

// tokenize splits s (which starts at byte base of the paragraph) into
// words and punctuation. A word may hold inner apostrophes, hyphens and
// dots between letters ("Russia's", "пресс-служба", "U.S."), and digits
// with inner commas and dots ("3,400").
//
// cache, when not nil, keeps each word's folded form, stem and word lists,
// so that a word met before is looked up once instead of folded, stemmed
// and classed again.
func tokenize(s string, base int, out []tok, cache *wordCache) []tok {
	i := 0
	for i < len(s) {
		var r rune
		var n int
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most runes of English text: its classes from a table,
			// a punctuation mark's word lists too.
			ac := asciiClass[c]
			if ac&aSpace != 0 {
				i++
				continue
			}
			if ac&aAlnum == 0 && (c != '*' || i == 0 || !footnoteMark(s, i)) {
				out = append(out, tok{s: s[i : i+1], low: s[i : i+1], start: base + i, end: base + i + 1, cls: asciiPunctClass[c]})
				i++
				continue
			}
			r, n = rune(c), 1
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			i += n
			continue
		}
		if r == '*' && i > 0 && footnoteMark(s, i) {
			// "ОВД-инфо*", "«Правого сектора»*": a footnote mark glued to
			// a name (a body the state lists as a foreign agent or banned)
			// is no part of the sentence's grammar.
			i += n
			continue
		}
		if !isAlnum(r) {
			out = append(out, tok{s: s[i : i+n], low: s[i : i+n], start: base + i, end: base + i + n, cls: classOf(s[i:i+n], "")})
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			// ASCII letters and digits, and the two-byte runes
			// U+0400–U+047F (Cyrillic letters), go on the word without
			// decoding.
			if c := s[j]; c < utf8.RuneSelf {
				if asciiClass[c]&aAlnum != 0 {
					j++
					continue
				}
			} else if (c == 0xD0 || c == 0xD1) && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
				j += 2
				continue
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isAlnum(r2) {
				j += n2
				continue
			}
			if r2 == '.' && domainAfter(s, j) {
				// "Газета.Ru", "Lenta.ru", "News.ru": an outlet named by its
				// web address is one word, whatever case its suffix has.
				j += n2
				for j < len(s) && s[j] < utf8.RuneSelf && isAlnum(rune(s[j])) {
					j++
				}
				break
			}
			if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == ',' {
				// Inner mark: kept when a letter or digit follows.
				if j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isAlnum(r3) && (r2 != ',' || isDigit(r)) && (r2 != '.' || isDigit(r) || isAbbrevDot(s, i, j)) {
						j += n2
						continue
					}
				}
				// "U.S." keeps its final dot.
				if r2 == '.' && isAbbrevDot(s, i, j) && strings.Count(s[i:j], ".") > 0 {
					j += n2
				}
			}
			break
		}
		w := s[i:j]
		var wi wordInfo
		switch {
		case plainLower(w):
			// Its own folded form and stem: newWordInfo without the
			// cache's lookup, cheaper than the lookup itself.
			wi = wordInfo{low: w, st: w, cls: classOf(w, w)}
		case cache != nil:
			wi = cache.info(w)
		default:
			wi = newWordInfo(w)
		}
		out = append(out, tok{s: w, low: wi.low, st: wi.st, start: base + i, end: base + j, word: true, upper: isUpper(r), digit: isDigit(r), cls: wi.cls})
		i = j
	}
	return out
}

// What the tokenizer asks of an ASCII byte, in asciiClass.
const (
	aSpace uint8 = 1 << iota // unicode.IsSpace
	aAlnum                   // unicode.IsLetter or unicode.IsDigit
)

// asciiClass holds each ASCII byte's aSpace and aAlnum.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if unicode.IsSpace(rune(c)) {
			t[c] |= aSpace
		}
		if unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) {
			t[c] |= aAlnum
		}
	}
	return t
}()

// asciiPunctClass holds the word lists of each ASCII byte as a token of
// its own, classOf(string(c), "").
var asciiPunctClass = func() (t [utf8.RuneSelf]class) {
	for c := range t {
		t[c] = classOf(string(rune(c)), "")
	}
	return t
}()

// domains are the top-level domains of outlets named by their address.
var domains = set("ru", "com", "net", "org", "ua", "info", "su", "by", "kz", "uk", "io", "fm", "tv", "news", "media")

// domainAfter reports whether the dot at j of s starts a top-level domain
// that ends the word ("Газета.Ru»", "Lenta.ru,"), after a word of letters.
func domainAfter(s string, j int) bool {
	k := j + 1
	for k < len(s) && s[k] < utf8.RuneSelf && isAlnum(rune(s[k])) {
		k++
	}
	if k == j+1 || k-j-1 > 5 || !domains[strings.ToLower(s[j+1:k])] {
		return false
	}
	if k < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[k:]); isAlnum(r) || r == '.' && k+1 < len(s) && s[k+1] != ' ' && s[k+1] != '\n' {
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s[:j])
	return unicode.IsLetter(r)
}

// isDomainName reports whether a word is an address such as "Газета.Ru".
func isDomainName(w string) bool {
	i := strings.LastIndexByte(w, '.')
	return i > 0 && domainAfter(w, i)
}

// footnoteMark reports whether the '*' at i of s is glued to the word or
// closing quote before it and is followed by no letter or digit.
func footnoteMark(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isAlnum(r) && r != '»' && r != '"' && r != '”' {
		return false
	}
	if i+1 < len(s) {
		if r2, _ := utf8.DecodeRuneInString(s[i+1:]); isAlnum(r2) || r2 == '*' {
			return false
		}
	}
	return true
}

// plainLower reports whether w is only lower-case ASCII letters, digits,
// hyphens, dots and commas: then fold(w) and its stem are w itself, and
// no letter is a capital (newWordInfo gives {w, w, classOf(w, w)}), as for
// most English words.
func plainLower(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == ',') {
			return false
		}
	}
	return true
}

// wordInfo is what tokenize derives from a word as written.
type wordInfo struct {
	low, st string
	cls     class
}

func newWordInfo(w string) wordInfo {
	low := fold(w)
	st := stemFolded(low)
	cls := classOf(low, st)
	if cls&cSpeech == 0 && ruSpeechVerb(low) {
		cls |= cSpeech
	}
	// The prefixes cues asks of every word, asked once per word here (a
	// word tokenize gives without newWordInfo is ASCII and has none).
	if strings.HasPrefix(low, "заявлен") {
		cls |= cDeclaredPfx
	}
	if hasAnyPrefix(low, "озвученн", "названн", "приведенн", "опубликованн") {
		cls |= cVoicedPfx
	}
	if bodyCompound(w, st) {
		cls |= cOrg
	}
	// Every ending ruImpersonal asks of is Cyrillic: no word tokenize
	// gives without newWordInfo, nor a mark, has one.
	if ruImpersonal(low) {
		cls |= cRuImpersonal
	}
	// A word tokenize gives without newWordInfo, lower-case or a mark,
	// is not in capitals.
	caps := isAllCaps(w)
	if caps {
		cls |= cAllCaps
	}
	// "WHO", "US": an abbreviation in capitals is a name, not the
	// pronoun or function word it spells.
	if cls&(cNotName|cBoundary|cPersonPron|cOtherPron) != 0 && len(w) > 1 && caps {
		cls &^= cNotName | cBoundary | cPersonPron | cOtherPron
	}
	return wordInfo{low: low, st: st, cls: cls}
}

// wordCache maps words as written to their wordInfo. It holds at most
// maxWordCache words (it is emptied when full), and its strings are copies,
// so it keeps no paragraph alive.
type wordCache struct {
	// words holds the words met, in the order met; tab is an
	// open-addressed index of them (linear probing, at most half full,
	// grown from minWordTab slots up to twice maxWordCache), hashed with
	// seed. Its slots are 8 bytes, so that a lookup's probes stay in a
	// cache line or two and only the word it finds is read from words:
	// with the words in the slots (64 bytes each), the probes of a 5 MB
	// text's lookups missed the processor's caches. The map the table
	// replaced cost twice its lookups' time.
	tab   []wordSlot
	words []wordEntry
	seed  maphash.Seed
}

// placeCache holds what words name as places (see wordPlace) in the
// gazetteer of of, bounded as wordCache. It is the doc's (the reader's),
// while wordCache is the tokenizer's (prepare's), so that the two may run
// on different goroutines. The cache is pooled between extractors, whose
// gazetteers may differ: an extractor that finds another's places in it
// empties it first.
type placeCache struct {
	hits map[string]placeHit
	of   *Extractor
}

// wordSlot is a slot of wordCache.tab: the high half of a word's hash and
// 1 + the word's index in wordCache.words (0 for none).
type wordSlot struct {
	h, i uint32
}

// wordEntry is a word of wordCache.words, with its hash and wordInfo.
type wordEntry struct {
	h   uint64
	key string
	wi  wordInfo
}

const (
	maxWordCache = 8192
	minWordTab   = 1024
)

func (c *wordCache) info(w string) wordInfo {
	if c.tab == nil {
		c.seed = maphash.MakeSeed()
		c.tab = make([]wordSlot, minWordTab)
	}
	h := maphash.String(c.seed, w)
	mask := uint64(len(c.tab) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := c.tab[i]
		if s.i == 0 {
			break
		}
		if s.h == uint32(h>>32) {
			if e := &c.words[s.i-1]; e.key == w {
				return e.wi
			}
		}
	}
	k := strings.Clone(w)
	wi := newWordInfo(k)
	switch {
	case len(c.words) >= maxWordCache:
		clear(c.tab)
		clear(c.words) // keeps no word's strings alive
		c.words = c.words[:0]
	case 2*(len(c.words)+1) > len(c.tab):
		c.tab = make([]wordSlot, 2*len(c.tab))
		for i, e := range c.words {
			c.put(e.h, i)
		}
	}
	c.words = append(c.words, wordEntry{h: h, key: k, wi: wi})
	c.put(h, len(c.words)-1)
	return wi
}

// put indexes words[i], of hash h, in the first free slot from h's.
func (c *wordCache) put(h uint64, i int) {
	mask := uint64(len(c.tab) - 1)
	k := h & mask
	for c.tab[k].i != 0 {
		k = (k + 1) & mask
	}
	c.tab[k] = wordSlot{h: uint32(h >> 32), i: uint32(i + 1)}
}

// isAlnum is unicode.IsLetter(r) || unicode.IsDigit(r), answered
// without the tables for ASCII and the Cyrillic letters U+0400–U+0481.
func isAlnum(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0x400 <= r && r <= 0x481:
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isSpace, isUpper and isDigit are unicode.IsSpace, IsUpper and IsDigit,
// answered without the tables for ASCII and the Cyrillic letters
// U+0400–U+04FF, the runes of most of the text the tokenizer reads.
func isSpace(r rune) bool {
	if 0x400 <= r && r <= 0x4FF {
		return false
	}
	return unicode.IsSpace(r)
}

// isLetter is unicode.IsLetter (no rune is both a letter and a digit).
func isLetter(r rune) bool { return isAlnum(r) && !isDigit(r) }

func isUpper(r rune) bool {
	switch {
	case r < 0x80:
		return 'A' <= r && r <= 'Z'
	case 0x400 <= r && r <= 0x45F:
		return r <= 0x42F
	}
	return unicode.IsUpper(r)
}

func isDigit(r rune) bool {
	switch {
	case r < 0x80:
		return '0' <= r && r <= '9'
	case 0x400 <= r && r <= 0x4FF:
		return false
	}
	return unicode.IsDigit(r)
}

// isAbbrevDot reports whether the dot at j ends a letter-dot-letter
// abbreviation such as "U.S" or "e.g".
func isAbbrevDot(s string, i, j int) bool {
	w := s[i:j]
	if len(w) == 0 {
		return false
	}
	// single letters separated by dots: U.S, U.N, e.g (each part between
	// the dots one rune, walked without strings.Split's list, which the
	// tokenizer made at every dot after a word)
	for {
		k := strings.IndexByte(w, '.')
		part := w
		if k >= 0 {
			part = w[:k]
		}
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		if k < 0 {
			return true
		}
		w = w[k+1:]
	}
}

// fold lower-cases s and reads "ё" as "е". It returns s itself, without
// allocating, when there is nothing to change.
func fold(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	if f, ok := foldFast(s); ok {
		return f
	}
	change := false
	for _, r := range s {
		if unicode.IsUpper(r) || r == 'ё' {
			change = true
			break
		}
	}
	if !change {
		return s
	}
	s = strings.ToLower(s)
	if strings.Contains(s, "ё") {
		s = strings.ReplaceAll(s, "ё", "е")
	}
	return s
}

// foldFast is fold for text of ASCII and the basic Cyrillic letters
// (U+0400–U+045F), which it lowers itself; ok is false for any other rune,
// which fold then hands to the unicode tables.
func foldFast(s string) (string, bool) {
	change := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				change = true
			}
			i++
			continue
		}
		r, ok := basicCyrillicAt(s, i)
		if !ok {
			return "", false
		}
		if r < 0x430 || r == 'ё' {
			change = true
		}
		i += 2
	}
	if !change {
		return s, true
	}
	// Every rune is in appendFoldFast's range: checked above. The bytes
	// are new and no one else holds them.
	b, _ := appendFoldFast(make([]byte, 0, len(s)), s)
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// basicCyrillicAt decodes the rune at byte i of s (not ASCII) when it is
// one of the basic Cyrillic letters U+0400–U+045F, written in two bytes
// D0 80–BF or D1 80–9F, without the general decoder; ok is false for any
// other rune or broken UTF-8.
func basicCyrillicAt(s string, i int) (rune, bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	switch c, c2 := s[i], s[i+1]; {
	case c == 0xD0 && c2&0xC0 == 0x80:
		return 0x400 + rune(c2&0x3F), true
	case c == 0xD1 && 0x80 <= c2 && c2 <= 0x9F:
		return 0x440 + rune(c2&0x3F), true
	}
	return 0, false
}

// inFolded reports set[fold(w)], folding w, when it is ASCII and basic
// Cyrillic as most words are, into a buffer on the stack rather than a new
// string.
func inFolded(set map[string]bool, w string) bool {
	var buf [64]byte
	if b, ok := appendFoldFast(buf[:0], w); ok {
		return set[string(b)]
	}
	return set[fold(w)]
}

// appendFoldFast appends fold(s) to b, for s of ASCII and the basic
// Cyrillic letters (U+0400–U+045F); ok is false for any other rune.
func appendFoldFast(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, ok := basicCyrillicAt(s, i)
		switch {
		case !ok:
			return b, false
		case r == 'Ё' || r == 'ё':
			r = 'е'
		case r >= 0x410 && r <= 0x42F:
			r += 0x20
		case r < 0x410:
			r += 0x50
		}
		b = append(b, byte(0xC0|r>>6), byte(0x80|r&0x3F))
		i += 2
	}
	return b, true
}

// span is a byte range of a paragraph.
type span struct{ start, end int }

// abbreviations do not end a sentence when followed by a capital.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "lt": true, "gen": true,
	"col": true, "sgt": true, "capt": true, "gov": true, "sen": true, "rep": true, "rev": true, "no": true,
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "vs": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"им": true, "ул": true, "г": true, "гг": true, "т": true, "д": true, "п": true, "ст": true, "тыс": true, "млн": true,
	"млрд": true, "трлн": true, "руб": true, "долл": true, "проф": true, "ген": true, "см": true, "тов": true,
}

// nextStopByte returns the index of the first '.', '!', '?' or 0xE2 byte
// of p from i, or len(p): eight bytes at a time while none of the eight is
// one (a word of bytes holds b where x^(b*ones) has a zero byte).
func nextStopByte(p string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(y uint64) uint64 { return (y - ones) &^ y & highs }
	for ; i+8 <= len(p); i += 8 {
		x := uint64(p[i]) | uint64(p[i+1])<<8 | uint64(p[i+2])<<16 | uint64(p[i+3])<<24 |
			uint64(p[i+4])<<32 | uint64(p[i+5])<<40 | uint64(p[i+6])<<48 | uint64(p[i+7])<<56
		if zero(x^('.'*ones))|zero(x^('!'*ones))|zero(x^('?'*ones))|zero(x^(0xE2*ones)) != 0 {
			break
		}
	}
	for ; i < len(p); i++ {
		if c := p[i]; c == '.' || c == '!' || c == '?' || c == 0xE2 {
			return i
		}
	}
	return i
}

// sentences splits the paragraph p into sentence spans. A sentence ends at
// ".", "!", "?" or "…" (with any closing quotes and brackets after it)
// followed by white space and then a capital letter, a digit, an opening
// quote or a dash, unless the word before the dot is an abbreviation or a
// lone capital (an initial).
func sentences(p string, out []span) []span {
	start := 0
	for start < len(p) && p[start] == ' ' {
		start++
	}
	i := 0
	for i < len(p) {
		// Only '.', '!', '?' and '…' (which starts with byte 0xE2) can end
		// a sentence: other bytes are stepped over without decoding.
		if c := p[i]; c != '.' && c != '!' && c != '?' && c != 0xE2 {
			i = nextStopByte(p, i+1)
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += n
			continue
		}
		j := i + n
		for j < len(p) {
			r2, n2 := utf8.DecodeRuneInString(p[j:])
			if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '"' || r2 == '”' || r2 == '»' || r2 == ')' || r2 == '\'' || r2 == '’' || r2 == '“' {
				j += n2
				continue
			}
			break
		}
		if j >= len(p) {
			break
		}
		k := j
		for k < len(p) {
			r2, n2 := utf8.DecodeRuneInString(p[k:])
			if !unicode.IsSpace(r2) {
				break
			}
			k += n2
		}
		if k == j || k >= len(p) {
			i = j
			continue
		}
		nr, _ := utf8.DecodeRuneInString(p[k:])
		if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || strings.ContainsRune("\"“«„—–-'(", nr)) {
			i = j
			continue
		}
		if r == '.' && abbrevBefore(p, i) && !(unicode.IsUpper(nr) && unitBefore(p, i)) {
			i = j
			continue
		}
		out = append(out, span{start, j})
		start = k
		i = k
	}
	if start < len(p) {
		end := len(p)
		for end > start && (p[end-1] == ' ' || p[end-1] == '\t' || p[end-1] == '\r') {
			end--
		}
		if end > start {
			out = append(out, span{start, end})
		}
	}
	return out
}

// unitAbbreviations are the abbreviated scales and currencies: they do
// not end a sentence before a figure ("руб. 5 млрд") or a lower-case word
// ("35 тыс. человек"), but a capital after them starts a new one ("1,5
// трлн руб. Траты фонда…").
var unitAbbreviations = map[string]bool{"тыс": true, "млн": true, "млрд": true, "трлн": true, "руб": true, "долл": true}

// unitBefore reports whether the dot at i ends a unit abbreviation.
func unitBefore(p string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return unitAbbreviations[p[j:i]]
}

// abbrevBefore reports whether the dot at i ends an abbreviation or an
// initial.
func abbrevBefore(p string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	w := p[j:i]
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") { // U.S. , e.g.
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return inFolded(abbreviations, w)
}

// quoteRegions returns the spans of p inside quotation marks, outermost
// only: “…”, «…» (nested guillemets counted), „…“ and straight "…". A
// straight mark with a letter after it and none before it opens, one with
// a letter or a stop before it and none after it closes, so that straight
// marks nest ("Замглавреда "Эха Москвы" оценил …", - отмечают); a mark
// that reads both ways or neither toggles. Straight marks that do not
// balance so in p are paired as they come (toggling), as before.
func quoteRegions(p string, out []span) []span {
	base := len(out)
	depth := 0
	open := -1
	// The straight marks: nested (sdepth, sopen, nested) and toggling
	// (straight, topen, toggled). The other marks count outside straight
	// ones only, which differ by mode: a span outside them either way goes
	// to out, one outside them in one mode only is kept with that mode's
	// straight spans (nested or toggled), so that the toggling fallback
	// reads the other marks as it did before straight marks nested.
	sdepth, sopen, straight, topen := 0, -1, false, -1
	var nested, toggled []span
	marks := newMarkBytes(p)
	for i := marks.from(0); i < len(p); i = marks.from(i) {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == '«' || r == '“' || r == '„':
			if depth == 0 {
				open = i
			}
			depth++
		case r == '»' || r == '”':
			if depth > 0 {
				depth--
				if depth == 0 && open >= 0 {
					// Straight marks inside are stepped over, so sdepth
					// and straight are as they were at the opening mark.
					sp := span{open, i + n}
					switch {
					case sdepth == 0 && !straight:
						out = append(out, sp)
					case sdepth == 0:
						nested = append(nested, sp)
					case !straight:
						toggled = append(toggled, sp)
					}
					open = -1
				}
			}
		case r == '"':
			if depth == 0 {
				if straight {
					toggled = append(toggled, span{topen, i + n})
				} else {
					topen = i
				}
				straight = !straight
				opens, closes := straightMark(p, i)
				switch {
				case opens && !closes || opens == closes && sdepth == 0:
					// an opening mark, or one that reads both ways or
					// neither with no quotation open
					if sdepth == 0 {
						sopen = i
					}
					sdepth++
				case sdepth > 0:
					// a closing mark, or one that reads both ways or
					// neither inside a quotation
					sdepth--
					if sdepth == 0 {
						nested = append(nested, span{sopen, i + n})
					}
				}
			}
		}
		i += n
	}
	if sdepth == 0 && !straight {
		out = append(out, nested...)
	} else {
		out = append(out, toggled...)
	}
	if len(nested)+len(toggled) > 0 {
		sort.Slice(out[base:], func(a, b int) bool { return out[base+a].start < out[base+b].start })
	}
	return out
}

// markBytes finds in p the bytes that may start a quotation mark: '"',
// and 0xC2 («») and 0xE2 (“”„) leading a rune. It keeps where the next
// of each byte is, so that each is looked for once through p with
// strings.IndexByte (many bytes at a time) rather than every byte compared.
type markBytes struct {
	p    string
	next [3]int // of '"', 0xC2, 0xE2 from the last from's i; len(p) if none
}

func newMarkBytes(p string) markBytes {
	return markBytes{p: p, next: [3]int{-1, -1, -1}}
}

// from returns where the first of the bytes at or after p[i] is, len(p) if
// there is none. i never decreases from call to call.
func (m *markBytes) from(i int) int {
	k := len(m.p)
	for x, c := range [...]byte{'"', 0xC2, 0xE2} {
		if m.next[x] < i {
			m.next[x] = len(m.p)
			if j := strings.IndexByte(m.p[i:], c); j >= 0 {
				m.next[x] = i + j
			}
		}
		k = min(k, m.next[x])
	}
	return k
}

// straightMark reports whether the straight quotation mark at p[i] reads
// as opening (a letter, digit or opening mark after it, none before it)
// and as closing (a letter, digit, stop or closing mark before it, none
// after it).
func straightMark(p string, i int) (opens, closes bool) {
	var before, after rune = ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(p[:i])
	}
	if i+1 < len(p) {
		after, _ = utf8.DecodeRuneInString(p[i+1:])
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	prev := word(before) || strings.ContainsRune(".,!?;:…)»%", before)
	next := word(after) || strings.ContainsRune("«(„$", after)
	return next && !prev, prev && !next
}

// bodyHeads and bodyTails are the parts of Russian compound names of
// bodies by stem: a ministry's "Минздрав", "Минтранс", "Минюст"; an
// agency's or a state company's "Росстат", "Мосгорстат", "Роспотребнадзор",
// "Росгвардия", "Росавиация", "Росатом", "Роснефть", "Газпром",
// "Сбербанк"; "Генпрокуратура", "Мосизбирком", "Госдума", "Генштаб". No
// Russian surname or first name starts or ends so.
var (
	bodyHeads = []string{"минздрав", "минфин", "минтранс", "минэконом", "минпром", "минюст", "минприрод", "минпросвещ",
		"минцифр", "минтруд", "минсельхоз", "минэнерг", "минкульт", "минстро", "минспорт", "минвосток", "миннаук",
		"минобрнаук", "минобор", "минкомсвяз", "минрегион", "госдум", "генштаб", "госдеп", "совфед", "совбез"}
	bodyTails = []string{"стат", "надзор", "гвард", "реестр", "космос", "авиац", "атом", "нефт", "пром", "банк", "автодор", "трансгаз",
		"прокуратур", "избирком"}
)

// bodyCompound reports a capitalised Cyrillic word, with its folded stem
// st, that names a body by one of bodyHeads or bodyTails ("Росстата",
// "Минтрансе", "Роспотребнадзору").
func bodyCompound(w, st string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || !isCyrillic(w) || utf8.RuneCountInString(st) < 5 {
		return false
	}
	return hasAnyPrefix(st, bodyHeads...) || hasAnySuffix(st, bodyTails...)
}
