package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCueFlagsMatchLookups checks the word classes cues reads in place of
// a lookup of every word against the lookups themselves, on random texts
// of words near them: cStatement against statementNouns, cDeclaredPfx
// and cVoicedPfx against strings.HasPrefix, with and without the word
// cache.
func TestCueFlagsMatchLookups(t *testing.T) {
	stems := []string{"заявлен", "заявле", "озвученн", "озвучен", "названн", "назван", "приведенн", "приведён",
		"опубликованн", "опубликован", "сообщени", "данны", "оценк", "цифр", "подсчет", "подсчёт", "report", "said"}
	ends := []string{"", "ие", "ия", "иям", "ые", "ая", "ой", "ы", "и", "у", "ую", "е", "ой", "ом", "ers", "ing"}
	voiced := []string{"озвученн", "названн", "приведенн", "опубликованн"}
	rng := rand.New(rand.NewPCG(11, 3))
	var cache wordCache
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			w := stems[rng.IntN(len(stems))] + ends[rng.IntN(len(ends))]
			switch rng.IntN(4) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = strings.ToUpper(w[:2]) + w[2:]
			}
			b.WriteString(w)
			b.WriteString([]string{" ", ", ", " «", "» ", "-"}[rng.IntN(5)])
		}
		text := b.String()
		for _, c := range []*wordCache{nil, &cache} {
			for _, tk := range tokenize(text, 0, nil, c) {
				if !tk.word {
					continue
				}
				if got, want := tk.cls&cStatement != 0, statementNouns[tk.low]; got != want {
					t.Fatalf("%q: cStatement %v, statementNouns %v", tk.s, got, want)
				}
				if got, want := tk.cls&cDeclaredPfx != 0, strings.HasPrefix(tk.low, "заявлен"); got != want {
					t.Fatalf("%q: cDeclaredPfx %v, prefix %v", tk.s, got, want)
				}
				want := false
				for _, p := range voiced {
					want = want || strings.HasPrefix(tk.low, p)
				}
				if got := tk.cls&cVoicedPfx != 0; got != want {
					t.Fatalf("%q: cVoicedPfx %v, prefix %v", tk.s, got, want)
				}
			}
		}
	}
}

// TestAllCapsClassMatchesIsAllCaps checks the cAllCaps class personTok
// reads against isAllCaps of the token as written, on random texts of
// words in capitals, capitalised, lower case and mixed, with and without
// the word cache.
func TestAllCapsClassMatchesIsAllCaps(t *testing.T) {
	words := []string{"WHO", "US", "U.S.", "МВД", "ГУ", "СМИ", "ТАСС", "РИА-Новости", "ОВД-инфо", "Reuters", "reuters", "said",
		"A", "I", "Я", "x", "3,400", "2014", "ИЗ", "iPhone", "McDONALD", "BBC's", "ÉCOLE", "École", "日本", "NATO-led"}
	rng := rand.New(rand.NewPCG(11, 6))
	var cache wordCache
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString([]string{" ", ", ", " «", "» ", "-", "."}[rng.IntN(6)])
		}
		text := b.String()
		for _, c := range []*wordCache{nil, &cache} {
			for _, tk := range tokenize(text, 0, nil, c) {
				if got, want := tk.cls&cAllCaps != 0, isAllCaps(tk.s); got != want {
					t.Fatalf("%q in %q: cAllCaps %v, isAllCaps %v", tk.s, text, got, want)
				}
			}
		}
	}
}

// TestRuImpersonalClassMatches checks the cRuImpersonal class cues reads
// against ruImpersonal of every token's folded form, on the corpus and
// on random texts of verbs of saying with their endings, with and without
// the word cache.
func TestRuImpersonalClassMatches(t *testing.T) {
	stems := []string{"сообща", "сообщ", "говори", "говор", "заявля", "отмеча", "призна", "уточня", "указыва", "сказа", "said", "report"}
	ends := []string{"лось", "ется", "ится", "лся", "ет", "ит", "л", "ло", "ed", "s", ""}
	texts := corpusTexts(t)
	rng := rand.New(rand.NewPCG(11, 8))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			w := stems[rng.IntN(len(stems))] + ends[rng.IntN(len(ends))]
			if rng.IntN(3) == 0 {
				w = strings.ToUpper(w[:2]) + w[2:]
			}
			b.WriteString(w)
			b.WriteString([]string{" ", ", ", " «", "» ", "-", "."}[rng.IntN(6)])
		}
		texts = append(texts, b.String())
	}
	var cache wordCache
	n := 0
	for _, text := range texts {
		for _, c := range []*wordCache{nil, &cache} {
			for _, tk := range tokenize(text, 0, nil, c) {
				want := ruImpersonal(tk.low)
				if got := tk.cls&cRuImpersonal != 0; got != want {
					t.Fatalf("%q in %q: cRuImpersonal %v, ruImpersonal %v", tk.s, text, got, want)
				}
				if want {
					n++
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d impersonal verbs met", n)
	}
}
