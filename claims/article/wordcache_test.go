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
		if size := len(c.words); size > maxWordCache || len(c.tab) > 2*maxWordCache || 2*size > len(c.tab) {
			t.Fatalf("%d words in %d slots (at most %d words, half full)", size, len(c.tab), maxWordCache)
		}
	}
	held := 0
	for _, e := range c.tab {
		if e.i != 0 {
			if w := c.words[e.i-1]; uint32(w.h>>32) != e.h {
				t.Errorf("slot of %q holds hash %#x, want %#x", w.key, e.h, uint32(w.h>>32))
			}
			held++
		}
	}
	if held != len(c.words) || held == 0 {
		t.Errorf("%d slots hold words, %d words", held, len(c.words))
	}
}
