package quantity

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tSym
)

// Number token flags.
const (
	nBad      uint8 = 1 << iota // separators that make no number ("1.2.3", "03.04.2015")
	nGrouped                    // written with thousands separators
	nYearLike                   // four plain digits from 1800 to 2100
	nHuge                       // above MaxValue: read, then refused as out of range
	nDotAmbig                   // "1.500": a dot before three digits, one and a half or fifteen hundred
	nTypo                       // "150,00", "83,7186": a thousands group with a digit missing or one too many
)

// token is one word, number or symbol of the text. Start and end are byte
// offsets; space says whether white space came before it.
type token struct {
	kind       tokKind
	space      bool
	nflags     uint8
	decimals   uint8 // digits after the decimal separator
	trailZeros uint8 // trailing zeros of the integer part, when there are no decimals
	id         int32 // word ID, 0 when unknown
	sym        rune
	start, end int
	num        float64
}

const maxWordLen = 48

// tokenize appends the tokens of s to toks.
//
// A dot before exactly three digits ("1.500") is a decimal point in English
// and groups thousands in Russian and most of Europe: in a text with
// Cyrillic words it groups thousands; elsewhere the token keeps nDotAmbig
// and is refused ("350.000", with three zeros, always groups thousands).
func (l *lexicon) tokenize(s string, toks []token) []token {
	first := len(toks)
	space, cyrillic, ambig := true, false, false
	defer func() {
		if ambig && cyrillic {
			for k := first; k < len(toks); k++ {
				toks[k].nflags &^= nDotAmbig
			}
		}
	}()
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			space = true
			i++
			continue
		case c >= '0' && c <= '9':
			t := scanNumber(s, i)
			t.space = space
			if id, end := l.pluralOfTen(s, &t); id != 0 {
				// "10s of", "100s of", "1,000s of": the words tens,
				// hundreds and thousands written in figures.
				toks = append(toks, token{kind: tWord, space: space, id: id, start: i, end: end})
				i = end
				break
			}
			toks = append(toks, t)
			i = t.end
			ambig = ambig || t.nflags&nDotAmbig != 0
		case c == ',' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && (i == 0 || s[i-1] == ' '):
			// ",5": a decimal comma with no whole part, or a figure cut
			// short; not read.
			t := scanFraction(s, i)
			t.space, t.nflags = space, t.nflags|nBad
			toks = append(toks, t)
			i = t.end
		case c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && (i == 0 || !isWordByte(s[i-1])):
			// ".05": a decimal without its leading zero.
			t := scanFraction(s, i)
			t.space = space
			toks = append(toks, t)
			i = t.end
		case c < utf8.RuneSelf && !isASCIILetter(c):
			toks = append(toks, token{kind: tSym, space: space, sym: rune(c), start: i, end: i + 1})
			i++
		case c == 0xD0 || c == 0xD1:
			ok := false
			if i+1 < len(s) {
				_, _, ok = cyrillicLowerFast(c, s[i+1])
			}
			if !ok {
				_, ok = cyrillicLower(s, i)
			}
			if ok {
				cyrillic = true
				end, id := l.scanWord(s, i)
				toks = append(toks, token{kind: tWord, space: space, id: id, start: i, end: end})
				i = end
				break
			}
			fallthrough
		default:
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if unicode.IsSpace(r) {
				space = true
				i += n
				continue
			}
			if !unicode.IsLetter(r) {
				toks = append(toks, token{kind: tSym, space: space, sym: r, start: i, end: i + n})
				i += n
				break
			}
			end, id := l.scanWord(s, i)
			toks = append(toks, token{kind: tWord, space: space, id: id, start: i, end: end})
			i = end
		}
		space = false
	}
	return toks
}

// pluralOfTen returns the ID of "tens", "hundreds" or "thousands" and
// the end of the plural when the figure t is 10, 100 or 1,000 followed by a
// plural "s" ("10s", "10S", "10's", "10’s") and "of" ("10s of thousands",
// "100's of people"), or after the "of" of such a plural ("10s of 1000s"),
// else 0. Without it the figure was refused and the next word read alone:
// "10s of thousands" read as thousands (2,000 to 9,999), ten times too
// few. "10s" on its own (seconds) and "the 1990s" stay unread.
func (l *lexicon) pluralOfTen(s string, t *token) (int32, int) {
	var w string
	switch {
	case t.nflags&^nGrouped != 0 || t.decimals != 0:
		return 0, 0
	case t.num == 10:
		w = "tens"
	case t.num == 100:
		w = "hundreds"
	case t.num == 1000:
		w = "thousands"
	default:
		return 0, 0
	}
	j := t.end
	switch {
	case strings.HasPrefix(s[j:], "'"):
		j++
	case strings.HasPrefix(s[j:], "’"):
		j += len("’")
	}
	if j >= len(s) || s[j]|0x20 != 's' {
		return 0, 0
	}
	j++
	if j < len(s) && isWordByte(s[j]) {
		return 0, 0
	}
	k := j
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k > j && len(s) >= k+2 && s[k]|0x20 == 'o' && s[k+1]|0x20 == 'f' && (k+2 == len(s) || !isWordByte(s[k+2])) {
		return l.lookup([]byte(w)), j
	}
	if afterPluralOf(s[:t.start]) {
		return l.lookup([]byte(w)), j
	}
	return 0, 0
}

// afterPluralOf reports text ending in a plural of ten and "of": "10s of
// ", "tens of ", "100's of ", so that "10s of 1000s" reads as tens of
// thousands while "a lap of 10s" stays unread.
func afterPluralOf(before string) bool {
	before = strings.TrimRight(before, " ")
	if len(before) < 3 || !strings.EqualFold(before[len(before)-2:], "of") || before[len(before)-3] != ' ' {
		return false
	}
	before = strings.TrimRight(before[:len(before)-2], " ")
	w := before[strings.LastIndexByte(before, ' ')+1:]
	w = strings.NewReplacer("'", "", "’", "", ",", "").Replace(strings.ToLower(w))
	switch w {
	case "10s", "100s", "1000s", "tens", "hundreds", "thousands", "dozens":
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// isWordByte reports a byte of a word or figure: an ASCII letter or digit,
// a dot, or any byte of a multi-byte letter.
func isWordByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '.' || c >= utf8.RuneSelf
}

// scanFraction reads ".05": digits after a dot with no whole part.
func scanFraction(s string, i int) token {
	j := digitsEnd(s, i+1)
	t := token{kind: tNum, start: i, end: j, decimals: uint8(min(j-i-1, 255))}
	var f float64
	for k := i + 1; k < j; k++ {
		f = f*10 + float64(s[k]-'0')
	}
	t.num = f / math.Pow10(j-i-1)
	if j-i-1 > 18 {
		t.nflags |= nBad
	}
	return t
}

// scanWord reads a run of letters from s[i] and looks its lower-cased
// form up without allocating. It returns where the word ends and its ID,
// not a token, which the caller would only copy.
func (l *lexicon) scanWord(s string, i int) (end int, id int32) {
	var buf [maxWordLen]byte
	n, j := 0, i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			if n < maxWordLen {
				buf[n] = c | 0x20
			}
			n++
			j++
			continue
		}
		if j+1 < len(s) {
			if b0, b1, ok := cyrillicLowerFast(c, s[j+1]); ok {
				if n+2 <= maxWordLen {
					buf[n], buf[n+1] = b0, b1
				}
				n += 2
				j += 2
				continue
			}
		}
		if r, ok := cyrillicLower(s, j); ok {
			// The fast path for Russian: two bytes, lower-cased, ё as е.
			if n+2 <= maxWordLen {
				buf[n], buf[n+1] = byte(0xC0|r>>6), byte(0x80|r&0x3F)
			}
			n += 2
			j += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		if n+utf8.RuneLen(r) <= maxWordLen {
			utf8.EncodeRune(buf[n:], r)
		}
		n += utf8.RuneLen(r)
		j += size
	}
	if n <= maxWordLen {
		id = l.lookup(buf[:n])
	}
	return j, id
}

// scanNumber reads digits with their separators. A comma or dot followed
// by exactly three digits groups thousands when more groups of three
// follow or when it is a comma ("1,500"); a lone dot is a decimal point
// ("3.5") and so is a lone comma before one, two or four or more digits
// ("1,5"). Mixed separators read as "1,234.5" or "1.234,5". Digits grouped
// by a space or a no-break space ("10 000") are one number when every
// group after the first has three digits.
func scanNumber(s string, i int) token {
	t := token{kind: tNum, start: i}
	type group struct {
		sep        byte // ',' '.' or ' ' (any space) or 0 for the first
		start, end int
	}
	var groups [8]group
	ng := 0
	j := digitsEnd(s, i)
	groups[0] = group{0, i, j}
	ng = 1
	for j < len(s) && ng < len(groups) {
		c := s[j]
		sep, w := byte(0), 0
		switch {
		case c == ',' || c == '.' || c == '\'':
			sep, w = c, 1
		case c == ' ':
			sep, w = ' ', 1
		case c == 0xC2 && j+1 < len(s) && s[j+1] == 0xA0: // no-break space
			sep, w = ' ', 2
		case c == 0xE2 && j+2 < len(s) && s[j+1] == 0x80 && (s[j+2] == 0xAF || s[j+2] == 0x89): // narrow no-break, thin space
			sep, w = ' ', 3
		}
		if sep == 0 || j+w >= len(s) || s[j+w] < '0' || s[j+w] > '9' {
			break
		}
		k := digitsEnd(s, j+w)
		if sep == ' ' || sep == '\'' {
			// Space grouping: the first group has 1-3 digits and each
			// later group exactly three.
			if k-(j+w) != 3 || groups[0].end-groups[0].start > 3 || (ng > 1 && groups[ng-1].sep != sep) {
				break
			}
		}
		groups[ng] = group{sep, j + w, k}
		ng++
		j = k
	}
	t.end = groups[ng-1].end
	// Indian grouping: "3,72,150", "12,34,56,789": one or two digits, pairs,
	// then three.
	if ng >= 3 && groups[ng-1].end-groups[ng-1].start == 3 && groups[0].end-groups[0].start <= 2 {
		indian := true
		for g := 1; g < ng; g++ {
			if groups[g].sep != ',' || (g < ng-1 && groups[g].end-groups[g].start != 2) {
				indian = false
			}
		}
		if indian {
			var v float64
			for k := i; k < t.end; k++ {
				if s[k] >= '0' && s[k] <= '9' {
					v = v*10 + float64(s[k]-'0')
				}
			}
			t.num, t.nflags = v, nGrouped
			for k := t.end - 1; k >= i && (s[k] == '0' || s[k] == ','); k-- {
				if s[k] == '0' {
					t.trailZeros++
				}
			}
			return t
		}
	}
	// Decide which separator, if any, is the decimal point.
	dec := -1 // index of the group after the decimal separator
	last := groups[ng-1]
	lastLen := last.end - last.start
	firstLen := groups[0].end - groups[0].start
	switch {
	case ng == 1:
	case last.sep == '.':
		if ng == 2 || groups[ng-2].sep != '.' {
			dec = ng - 1
		}
		if ng == 2 && lastLen == 3 && firstLen <= 3 && s[groups[0].start] != '0' {
			// "350.000" groups thousands: no one writes three zeros after
			// a decimal point. "1.500" may be either.
			if s[last.start:last.end] == "000" {
				dec = -1
			} else {
				t.nflags |= nDotAmbig
				dec = -1
			}
		}
	case last.sep == ',':
		if lastLen != 3 || (ng > 2 && groups[ng-2].sep == '.') {
			dec = ng - 1
		}
		if ng == 2 && (lastLen == 4 || lastLen == 2 && s[last.start:last.end] == "00" && firstLen == 3) {
			// "83,7186", "1,0000": a group of four; "150,00": a group of
			// two zeros after three digits. A thousands group with a digit
			// too many or too few, not a decimal.
			t.nflags |= nTypo
			t.end = last.end
			return t
		}
	}
	// Every separator before the decimal one must group thousands the same way.
	var gsep byte
	for g := 1; g < ng; g++ {
		if g == dec {
			if gsep == groups[g].sep {
				t.nflags |= nBad
			}
			continue
		}
		if groups[g].end-groups[g].start != 3 || (gsep != 0 && groups[g].sep != gsep) || g > dec && dec >= 0 {
			t.nflags |= nBad
		}
		if gsep == 0 {
			gsep = groups[g].sep
		}
		t.nflags |= nGrouped
	}
	if groups[0].end-groups[0].start > 3 && t.nflags&nGrouped != 0 {
		t.nflags |= nBad // "1234,567"
	}
	if t.nflags&nBad != 0 {
		t.end = groups[ng-1].end
		return t
	}
	var v float64
	digits := 0
	intEnd := ng
	if dec >= 0 {
		intEnd = dec
	}
	for g := 0; g < intEnd; g++ {
		for k := groups[g].start; k < groups[g].end; k++ {
			v = v*10 + float64(s[k]-'0')
			digits++
		}
	}
	if dec < 0 {
		tz := 0
		for g := intEnd - 1; g >= 0 && tz < 255; g-- {
			k := groups[g].end - 1
			for k >= groups[g].start && s[k] == '0' {
				tz++
				k--
			}
			if k >= groups[g].start {
				break
			}
		}
		if v == 0 {
			tz = 0
		}
		t.trailZeros = uint8(tz)
	} else {
		g := groups[dec]
		n := g.end - g.start
		var f float64
		for k := g.start; k < g.end; k++ {
			f = f*10 + float64(s[k]-'0')
		}
		v += f / math.Pow10(n)
		t.decimals = uint8(min(n, 255))
		digits += n
	}
	switch {
	case v > MaxValue || math.IsInf(v, 0):
		t.nflags |= nHuge
	case digits > 18 || math.IsNaN(v):
		t.nflags |= nBad // more digits than a float64 holds
	}
	if ng == 1 && groups[0].end-groups[0].start == 4 && v >= 1800 && v <= 2100 {
		t.nflags |= nYearLike
	}
	t.num = v
	return t
}

func digitsEnd(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// cyrillicLowerFast is cyrillicLower, small enough to inline, for the
// letters of Russian but ё and Ё written as the bytes c, c2: it returns the
// two bytes of the lower-case letter. ok is false for any other pair, which
// cyrillicLower then reads.
func cyrillicLowerFast(c, c2 byte) (b0, b1 byte, ok bool) {
	switch {
	case c == 0xD0 && c2 >= 0xB0 && c2 <= 0xBF, c == 0xD1 && c2 >= 0x80 && c2 <= 0x8F: // а-п, р-я
		return c, c2, true
	case c == 0xD0 && c2 >= 0x90 && c2 <= 0x9F: // А-П
		return 0xD0, c2 + 0x20, true
	case c == 0xD0 && c2 >= 0xA0 && c2 <= 0xAF: // Р-Я
		return 0xD1, c2 - 0x20, true
	}
	return 0, 0, false
}

// cyrillicLower decodes a basic Cyrillic letter (U+0400-U+045F) at s[i]
// and returns it lower-cased, with ё folded to е.
func cyrillicLower(s string, i int) (rune, bool) {
	c := s[i]
	if (c != 0xD0 && c != 0xD1) || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
		return 0, false
	}
	r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
	switch {
	case r > 0x45F:
		return 0, false
	case r == 0x401 || r == 0x451:
		return 0x435, true
	case r >= 0x410 && r <= 0x42F:
		return r + 0x20, true
	case r < 0x410:
		return r + 0x50, true // Ѐ-Џ to ѐ-џ
	}
	return r, true
}
