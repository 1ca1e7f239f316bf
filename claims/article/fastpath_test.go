package article

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// corpusTexts returns the texts of the corpus's passages, in order.
func corpusTexts(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Passages []struct{ Text string } }
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(c.Passages))
	for i, p := range c.Passages {
		texts[i] = p.Text
	}
	return texts
}

// TestPlaceCacheMatchesLookups holds placesOf with its cache of what
// single words name to placesOf without it, on the corpus's sentences and
// on random sentences of its words, capitalised and with Russian case
// endings at random, read with one cache throughout.
func TestPlaceCacheMatchesLookups(t *testing.T) {
	t.Parallel()
	paras := corpusTexts(t)
	var words []string
	for _, p := range paras {
		words = append(words, strings.Fields(p)...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	endings := []string{"", "е", "и", "у", "ой", "ом", "ии", "ей", "'s", "’s"}
	for range 400 {
		var b strings.Builder
		for k := range 5 + rng.IntN(20) {
			if k > 0 {
				b.WriteByte(' ')
			}
			w := strings.Trim(words[rng.IntN(len(words))], ".,;:!?\"«»()")
			if rng.IntN(3) == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			if rng.IntN(4) == 0 {
				w += endings[rng.IntN(len(endings))]
			}
			b.WriteString(w)
		}
		b.WriteString(".")
		paras = append(paras, b.String())
	}
	x := New(nil, nil)
	var cache wordCache
	var hits placeCache
	n, named := 0, 0
	for _, p := range paras {
		for _, sp := range sentences(p, nil) {
			s := sent{sp: sp, toks: tokenize(p[sp.start:sp.end], sp.start, nil, &cache)}
			got, gotLoc, _ := x.placesOf(&s, &hits, nil)
			want, wantLoc, _ := x.placesOf(&s, nil, nil)
			if strings.Join(got, "|") != strings.Join(want, "|") || gotLoc != wantLoc {
				t.Fatalf("%q: places %q (locative %v) with the cache, %q (%v) without", p[sp.start:sp.end], got, gotLoc, want, wantLoc)
			}
			n++
			if len(want) > 0 {
				named++
			}
		}
	}
	if named < 100 {
		t.Fatalf("only %d of %d sentences name a place: the comparison says little", named, n)
	}
}

// TestRuneClasses holds the tokenizer's isSpace, isUpper, isDigit,
// isAlnum and isLetter to the unicode package's tables on every rune, and
// isCyrillic's shortcut (a letter of U+0400–U+04FF) to unicode.Cyrillic.
func TestRuneClasses(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) || isUpper(r) != unicode.IsUpper(r) || isDigit(r) != unicode.IsDigit(r) ||
			isAlnum(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) || isLetter(r) != unicode.IsLetter(r) {
			t.Fatalf("%U: isSpace %v, isUpper %v, isDigit %v, isAlnum %v, isLetter %v; unicode says %v, %v, %v, %v, %v", r,
				isSpace(r), isUpper(r), isDigit(r), isAlnum(r), isLetter(r), unicode.IsSpace(r), unicode.IsUpper(r), unicode.IsDigit(r), unicode.IsLetter(r) || unicode.IsDigit(r), unicode.IsLetter(r))
		}
		if w := string(r); unicode.IsLetter(r) && isCyrillic(w) != unicode.Is(unicode.Cyrillic, r) {
			t.Fatalf("isCyrillic(%q) = %v", w, isCyrillic(w))
		}
	}
}

// TestPlainLowerWordInfo holds tokenize's shortcut for plain lower-case
// words (their own folded form and stem) to newWordInfo, on every word
// of the corpus and on random strings of the bytes plainLower admits,
// every word of the word lists among them.
func TestPlainLowerWordInfo(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range strings.FieldsFunc(string(raw), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' && r != ','
	}) {
		words = append(words, w, strings.ToLower(w))
	}
	for w := range wordClass {
		words = append(words, w)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.,"
	for range 20000 {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		words = append(words, string(b))
	}
	plain := 0
	for _, w := range words {
		if !plainLower(w) {
			continue
		}
		plain++
		// Through tokenize itself (no cache), whose words of w are plain
		// too: each takes the shortcut.
		for _, tk := range tokenize(w, 0, nil, nil) {
			if !tk.word {
				continue
			}
			got, want := wordInfo{low: tk.low, st: tk.st, cls: tk.cls}, newWordInfo(tk.s)
			if got != want {
				t.Fatalf("%q in %q: tokenize %+v, newWordInfo %+v", tk.s, w, got, want)
			}
		}
	}
	if plain < 20000 {
		t.Fatalf("only %d plain words checked", plain)
	}
}

// TestTokenizeFastPaths holds tokenize, which reads ASCII bytes and
// two-byte Cyrillic letters from tables without decoding them, to
// tokenizeRef (the tokenizer as it was before, rune by rune) on the
// corpus and on random strings of ASCII, Cyrillic (the whole block, its
// signs and combining marks among the letters), other scripts, spaces,
// punctuation, quotation marks and broken UTF-8.
func TestTokenizeFastPaths(t *testing.T) {
	t.Parallel()
	texts := corpusTexts(t)
	pieces := []string{"a", "Z", "q", "0", "7", " ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", ".", ",", "-", "'", "’", "*", "«", "»", "“", "”", "(", ")", ":", ";", "!", "?", "…", "—", "$", "%", "/",
		"é", "ß", "Ω", "λ", "中", "٣", "١", "😀", "\xd0", "\xd1", "\xd0a", "\xff", "\xd1\x80", "ru", "Газета", ".Ru", "U.S.", "3,400", "пресс-служба", "Russia's"}
	for r := rune(0x400); r <= 0x4FF; r++ {
		pieces = append(pieces, string(r))
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	var cache, refCache wordCache
	for _, s := range texts {
		for _, c := range []struct{ got, want *wordCache }{{nil, nil}, {&cache, &refCache}} {
			got, want := tokenize(s, 3, nil, c.got), tokenizeRef(s, 3, nil, c.want)
			if len(got) != len(want) {
				t.Fatalf("%q: %d tokens, want %d:\n got %+v\nwant %+v", s, len(got), len(want), got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%q: token %d is %+v, want %+v", s, i, got[i], want[i])
				}
			}
		}
	}
}

// tokenizeRef is tokenize as it was before its fast paths, a rune at a
// time through isSpace and isAlnum: the oracle of TestTokenizeFastPaths.
func tokenizeRef(s string, base int, out []tok, cache *wordCache) []tok {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
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

// TestScanHelpers holds the helpers that replaced library calls in
// correct and judge to those calls, on random strings of the bytes and
// runes they look for, spaces, other text and broken UTF-8: lastWordBreak
// to strings.LastIndexAny and fieldsUpTo to strings.Fields.
func TestScanHelpers(t *testing.T) {
	t.Parallel()
	pieces := []string{" ", " ", " ", " ", "\t", "\n", "\v", "\u00a0", "\u2003", "\u0085", "(", "«", "\"", "“", "”", "»", "„", ",", "a", "Z", "о", "т", "д", "ё",
		"\xc2", "\xab", "\xe2", "\x80", "\x9c", "\xe2\x80", "\x80\x9c", "\xc2\xc2\xab", "\xd0", "\xd1", "word", "слово"}
	rng := rand.New(rand.NewPCG(9, 10))
	long := 0
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := lastWordBreak(s), strings.LastIndexAny(s, " \t\n(«\"“"); got != want {
			t.Fatalf("lastWordBreak(%q) = %d, strings.LastIndexAny %d", s, got, want)
		}
		f := strings.Fields(s)
		for _, limit := range []int{1, 2, 6, 100} {
			n, first := fieldsUpTo(s, limit)
			wantFirst := ""
			if len(f) > 0 {
				wantFirst = f[0]
			}
			if n != min(len(f), limit) || first != wantFirst {
				t.Fatalf("fieldsUpTo(%q, %d) = %d, %q; strings.Fields gives %d words, the first %q", s, limit, n, first, len(f), wantFirst)
			}
		}
		if len(f) > 5 {
			long++
		}
	}
	if long < 1000 {
		t.Fatalf("only %d strings of more than five words", long)
	}
}

// TestIsAbbrevDot holds isAbbrevDot to its definition with strings.Split
// (every part of the word between dots one rune) on random strings of
// letters, dots and broken UTF-8.
func TestIsAbbrevDot(t *testing.T) {
	t.Parallel()
	pieces := []string{".", ".", "U", "s", "e", "g", "ab", "С", "ША", "\xd0", "\xff", "1"}
	rng := rand.New(rand.NewPCG(13, 14))
	yes := 0
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		w := b.String()
		want := w != ""
		for _, p := range strings.Split(w, ".") {
			want = want && utf8.RuneCountInString(p) == 1
		}
		if got := isAbbrevDot("x"+w+"y", 1, 1+len(w)); got != want {
			t.Fatalf("isAbbrevDot(%q) = %v, want %v", w, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 1000 {
		t.Fatalf("only %d abbreviations among the random words", yes)
	}
}
