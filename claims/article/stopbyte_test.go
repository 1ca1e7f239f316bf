package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNextStopByte holds nextStopByte to a byte-by-byte search from every
// index of the corpus passages and of random strings of the four bytes,
// their neighbours and other text.
func TestNextStopByte(t *testing.T) {
	want := func(p string, i int) int {
		for ; i < len(p); i++ {
			if p[i] == '.' || p[i] == '!' || p[i] == '?' || p[i] == 0xE2 {
				return i
			}
		}
		return len(p)
	}
	texts := corpusTexts(t)
	pieces := []string{"a", " ", ".", "!", "?", "…", "—", "\xe2", "\xe3", "\xe1", "/", "-", ">", "@", "\x00", "\xff", "я", "abcdefgh", "Москва"}
	rng := rand.New(rand.NewPCG(11, 9))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, p := range texts {
		for i := 0; i <= len(p); i++ {
			if got, w := nextStopByte(p, i), want(p, i); got != w {
				t.Fatalf("nextStopByte(%q, %d) = %d, want %d", p, i, got, w)
			}
		}
	}
}
