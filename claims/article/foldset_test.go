package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendFoldFastMatchesToLower checks appendFoldFast against
// strings.ToLower with "ё" read as "е" on random strings of ASCII and
// basic Cyrillic, and inFolded against a lookup of fold on random strings
// with other runes too.
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
