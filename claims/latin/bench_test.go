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

// BenchmarkQueryWorstCase times the queries that cost phrasesIn most:
// 32 capitalised adjectives, each of which may start a place's name of
// several words, and a query of 500 characters of such words.
func BenchmarkQueryWorstCase(b *testing.B) {
	g := gazetteer.Builtin()
	adjectives := strings.Repeat("Северной Южной Восточной Западной Большой Новой Верхней Нижней ", 4)
	long := strings.Repeat("Северной границе Южной Корее Новой Зеландии ", 12)
	long = long[:strings.LastIndex(long[:min(len(long), 1000)], " ")] // some 500 characters
	for name, q := range map[string]string{"adjectives32": adjectives, "chars500": long} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Query(q, g)
			}
		})
	}
}
