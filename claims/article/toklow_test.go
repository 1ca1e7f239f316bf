package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordTokLowIsFold checks, on many random texts, that a word token's
// low is fold of its text, with and without the word cache: nounPhrase
// reads low where it would fold the word. It checks as well the class
// countedHere reads in place of a lookup: cCountNoun against countNouns.
func TestWordTokLowIsFold(t *testing.T) {
	pool := []string{"Reuters", "THE", "the", "Of", "of", "From", "Из", "ИЗ", "из", "Those", "THOSE", "Ёлки", "ещё", "Ещё",
		"МВД", "пресс-служба", "U.S.", "3,400", "12.5", "İstanbul", "Ωmega", "ǅemal", "straße", "ÀB", "a", "Б",
		"number", "Numbers", "NUMBER", "numbered", "число", "Число", "ЧИСЛА", "количество", "Количества", "численность", "численности", "числу",
		" ", "  ", "\n", ",", ".", "—", "-", "«", "»", "\"", "(", ")", "\u00a0", "\xff", "\xd0"}
	rng := rand.New(rand.NewPCG(11, 7))
	cache := &wordCache{}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		for _, c := range []*wordCache{nil, cache} {
			for _, tk := range tokenize(s, 0, nil, c) {
				if tk.word && tk.low != fold(tk.s) {
					t.Fatalf("tokenize(%q): word %q has low %q, want fold %q", s, tk.s, tk.low, fold(tk.s))
				}
				if got, want := tk.cls&cCountNoun != 0, countNouns[tk.low]; tk.word && got != want {
					t.Fatalf("tokenize(%q): word %q has cCountNoun %v, countNouns %v", s, tk.s, got, want)
				}
			}
		}
	}
}
