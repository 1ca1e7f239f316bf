package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayHoldStatStem holds mayHoldStatStem to its promise: true wherever
// one of the stems judge looks for is written (the eight stems spelt out
// here, not taken from hasStatStem), on the corpus passages and on
// random strings of the stems, their parts and other text.
func TestMayHoldStatStem(t *testing.T) {
	stems := []string{"onfiden", "rror", "eviation", "value", "ignifican", "огрешн", "оверител", "тандартн"}
	holds := func(s string) bool {
		for _, st := range stems {
			if strings.Contains(s, st) {
				return true
			}
		}
		return false
	}
	texts := corpusTexts(t)
	pieces := []string{" ", "a", "o", "и", "ш", "н", "д", "в", "е", "р", "т", "Т", "E", "ос", "ан", "\xd0", "\xb2"}
	for _, st := range stems {
		for i := 1; i < len(st); i++ {
			pieces = append(pieces, st[:i], st[i:])
		}
	}
	rng := rand.New(rand.NewPCG(11, 3))
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	n := 0
	for _, s := range texts {
		if !holds(s) {
			continue
		}
		n++
		if !mayHoldStatStem(s) {
			t.Fatalf("mayHoldStatStem(%q) = false; it holds a stem", s)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d texts hold a stem", n)
	}
	if mayHoldStatStem("Организаторы насчитали около 25 тысяч участников, полиция — 8 тысяч.") {
		t.Error("mayHoldStatStem holds a sentence without any stem")
	}
}
