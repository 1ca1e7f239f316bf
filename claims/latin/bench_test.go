package latin

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// BenchmarkQuery times the Latin spelling of queries: a surname (no
// place, the gazetteer's suggestion tried and refused), a place in
// another case (found by the suggestion), a word one letter from a place
// (suggested and refused), a place's adjective, a first name and surname
// that the press spells two ways, and sixteen words, what a search that
// falls back adds besides its second search.
func BenchmarkQuery(b *testing.B) {
	g := gazetteer.Builtin()
	for _, q := range benchQueries {
		b.Run(q[:min(len(q), 40)], func(b *testing.B) {
			for b.Loop() {
				Query(q, g)
			}
		})
	}
}

// BenchmarkText times Text, a listing's spelling, of the same queries.
func BenchmarkText(b *testing.B) {
	g := gazetteer.Builtin()
	for _, q := range benchQueries {
		b.Run(q[:min(len(q), 40)], func(b *testing.B) {
			for b.Loop() {
				Text(q, g)
			}
		})
	}
}

var benchQueries = []string{"Богдановым", "Сирии", "Ракка", "сирийских", "Сергей Шойгу",
	strings.Repeat("Сергей Шойгу сирийских боевиков ", 4)}
