package article

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
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
	n, named := 0, 0
	for _, p := range paras {
		for _, sp := range sentences(p, nil) {
			s := sent{sp: sp, toks: tokenize(p[sp.start:sp.end], sp.start, nil, &cache)}
			got, gotLoc := x.placesOf(&s, &cache)
			want, wantLoc := x.placesOf(&s, nil)
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

// TestRuneClasses holds the tokenizer's isSpace, isUpper, isDigit and
// isAlnum to the unicode package's tables on every rune.
func TestRuneClasses(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) || isUpper(r) != unicode.IsUpper(r) || isDigit(r) != unicode.IsDigit(r) ||
			isAlnum(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Fatalf("%U: isSpace %v, isUpper %v, isDigit %v, isAlnum %v; unicode says %v, %v, %v, %v", r,
				isSpace(r), isUpper(r), isDigit(r), isAlnum(r), unicode.IsSpace(r), unicode.IsUpper(r), unicode.IsDigit(r), unicode.IsLetter(r) || unicode.IsDigit(r))
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
