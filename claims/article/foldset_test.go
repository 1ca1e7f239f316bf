package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendFoldFastMatchesToLower checks appendFoldFast against
// strings.ToLower with "ё" read as "е" on random strings of ASCII and
// basic Cyrillic, and inFolded against a lookup of fold on random strings
// with other runes too; foldFast as appendFoldFast, and false for any
// other rune.
func TestAppendFoldFastMatchesToLower(t *testing.T) {
	basic := []string{"a", "Z", "q", "M", "1", ".", "'", " ", "-", "Ё", "ё", "Ѐ", "Џ", "ѐ", "џ", "А", "Я", "а", "я",
		"П", "ж", "Ж", "Е", "е", "Ђ", "ђ"}
	other := []string{"é", "É", "İ", "ǅ", "Ω", "ß", "«", "—", "Ѡ"}
	set := map[string]bool{}
	rng := rand.New(rand.NewPCG(11, 5))
	word := func(pool []string) string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		return b.String()
	}
	for n := 0; n < 20000; n++ {
		s := word(basic)
		want := strings.ReplaceAll(strings.ToLower(s), "ё", "е")
		got, ok := appendFoldFast([]byte("x"), s)
		if !ok || string(got) != "x"+want {
			t.Fatalf("appendFoldFast(%q) = %q, %v, want %q", s, got, ok, want)
		}
		if rng.IntN(3) == 0 {
			set[want] = true
		}
	}
	mixed := append(append([]string{}, basic...), other...)
	// foldFast: the lowered string for basic words, and for words with
	// any other rune or broken UTF-8 (a lead byte cut off, a stray
	// continuation, U+0460 just past the range) false.
	broken := append(append([]string{}, mixed...), "\xd0", "\xd1", "\xd1\xa0", "\x80", "\xbf", "\xff", "\xc0\x80", "\xd2\x80")
	for n := 0; n < 20000; n++ {
		s := word(basic)
		if rng.IntN(2) == 0 {
			s = word(broken)
		}
		basicOnly := true
		for _, r := range s {
			if r >= 0x80 && (r < 0x400 || r > 0x45F) {
				basicOnly = false
			}
		}
		want := strings.ReplaceAll(strings.ToLower(s), "ё", "е")
		if got, ok := foldFast(s); ok != basicOnly || ok && got != want {
			t.Fatalf("foldFast(%q) = %q, %v, want %q, %v", s, got, ok, want, basicOnly)
		}
	}
	for n := 0; n < 20000; n++ {
		s := word(basic)
		if rng.IntN(2) == 0 {
			s = word(mixed)
		}
		if rng.IntN(3) == 0 {
			set[fold(s)] = true
		}
		if got, want := inFolded(set, s), set[fold(s)]; got != want {
			t.Fatalf("inFolded(%q) = %v, want %v", s, got, want)
		}
	}
}
