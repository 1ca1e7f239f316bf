package latin

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// BenchmarkQuery times the Latin spelling of one-word queries: a surname
// (no place, the gazetteer's suggestion tried and refused), a place in
// another case (found by the suggestion) and a word one letter from a
// place (suggested and refused), what a search that falls back adds
// besides its second search.
func BenchmarkQuery(b *testing.B) {
	g := gazetteer.Builtin()
	for _, q := range []string{"Богдановым", "Сирии", "Ракка"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				Query(q, g)
			}
		})
	}
}
