package article

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestWordCacheTable holds the word cache to newWordInfo on words met
// once and again, across its growth and its emptying when full, and to
// its bounds.
func TestWordCacheTable(t *testing.T) {
	var c wordCache
	rng := rand.New(rand.NewPCG(11, 7))
	words := []string{"Москвы", "Reuters", "ЗАЯВИЛ", "Ёлки", "U.S."}
	for i := range 3 * maxWordCache {
		words = append(words, "Слово"+strconv.Itoa(i))
	}
	for n := 0; n < 6*maxWordCache; n++ {
		w := words[rng.IntN(len(words))]
		if n%2 == 0 {
			w = words[n/2%len(words)]
		}
		if got, want := c.info(w), newWordInfo(w); got != want {
			t.Fatalf("info(%q) = %+v, want %+v", w, got, want)
		}
		if c.n > maxWordCache || len(c.tab) > 2*maxWordCache || 2*c.n > len(c.tab) {
			t.Fatalf("%d words in %d slots (at most %d words, half full)", c.n, len(c.tab), maxWordCache)
		}
	}
	held := 0
	for _, e := range c.tab {
		if e.key != "" {
			held++
		}
	}
	if held != c.n || held == 0 {
		t.Errorf("%d slots hold words, n = %d", held, c.n)
	}
}
