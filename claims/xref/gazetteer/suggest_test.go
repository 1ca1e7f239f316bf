package gazetteer

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"Sirya", "Syria", true}, // two letters swapped apart: 2 edits, but "Sirya" has 5 letters
		{"Syira", "Syria", true}, // neighbours swapped
		{"Irq", "Iraq", true},    // one deletion, within the one edit of a short name
		{"Chechniya", "Chechnya", true},
		{"Сирии", "Syria", true}, // Russian, one letter off "Сирия"
		{"Syria", "", false},     // known
		{"Zyxwvut", "", false},   // nothing near
		{"Atlantis", "", false},  // a city in South Africa: known
		{"Mariupl", "Mariupol", true},
		{"Мариупль", "Mariupol", true},
		{"", "", false},
	} {
		got, ok := g.Suggest(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestEditDistanceMatchesBruteForce checks the bounded distance against
// a plain recursive definition on short random strings.
func TestEditDistanceMatchesBruteForce(t *testing.T) {
	t.Parallel()
	var osa func(a, b []rune) int
	osa = func(a, b []rune) int {
		if len(a) == 0 {
			return len(b)
		}
		if len(b) == 0 {
			return len(a)
		}
		cost := 1
		if a[len(a)-1] == b[len(b)-1] {
			cost = 0
		}
		d := min(osa(a[:len(a)-1], b)+1, osa(a, b[:len(b)-1])+1, osa(a[:len(a)-1], b[:len(b)-1])+cost)
		if len(a) > 1 && len(b) > 1 && a[len(a)-1] == b[len(b)-2] && a[len(a)-2] == b[len(b)-1] {
			d = min(d, osa(a[:len(a)-2], b[:len(b)-2])+1)
		}
		return d
	}
	letters := []rune("abcя")
	word := func(n uint64) []rune {
		var out []rune
		for n > 0 {
			out = append(out, letters[n%5-min(n%5, 1)])
			n /= 5
		}
		return out
	}
	for x := range uint64(400) {
		for y := range uint64(60) {
			a, b := word(x), word(y*7+3)
			want := osa(a, b)
			for _, limit := range []int{1, 2} {
				got := editDistance(string(a), string(b), limit)
				if want <= limit && got != want || want > limit && got != limit+1 {
					t.Fatalf("editDistance(%q, %q, %d) = %d, brute force %d", string(a), string(b), limit, got, want)
				}
			}
		}
	}
}

// suggestLinear is Suggest without the index: every name of the table
// that Suggest may offer, scanned in full. It is the oracle of the index
// and the baseline of its benchmark.
func suggestLinear(g *Gazetteer, name string) (string, bool) {
	f := Fold(name)
	if _, ok := g.find(f); ok || f == "" {
		return "", false
	}
	limit := 1
	if utf8.RuneCountInString(f) > 3 {
		limit = 2
	}
	type cand struct {
		dist, firstDiffers, bag int
		pop                     int64
		key, out                string
	}
	var best *cand
	first, _ := utf8.DecodeRuneInString(f)
	consider := func(c cand) {
		if k, _ := utf8.DecodeRuneInString(c.key); k != first {
			c.firstDiffers = 1
		}
		c.bag = bagDiff(f, c.key)
		if best == nil || cmp.Or(cmp.Compare(c.dist, best.dist), cmp.Compare(c.firstDiffers, best.firstDiffers),
			cmp.Compare(c.bag, best.bag), cmp.Compare(best.pop, c.pop), strings.Compare(c.key, best.key)) < 0 {
			best = &c
		}
	}
	n := utf8.RuneCountInString(f)
	near := func(key string, limit int) bool { // a length check: editDistance would say the same
		d := utf8.RuneCountInString(key) - n
		return d <= limit && -d <= limit
	}
	for key, id := range g.names {
		if !near(key, limit) {
			continue
		}
		if d := editDistance(f, key, limit); d <= limit {
			consider(cand{dist: d, key: key, out: g.places[id].Name})
		}
	}
	names, _ := g.geoTab().suggestIndex()
	if best != nil {
		names = nil // a listed place within reach goes first
	}
	for _, c := range names {
		if _, listed := g.names[c.name]; listed {
			continue
		}
		if !near(c.name, 1) {
			continue
		}
		if d := editDistance(f, c.name, 1); d <= 1 {
			v, _ := g.geoTab().best(c.name)
			i := int32(v & candIndex)
			consider(cand{dist: d, pop: g.geoTab().pop(i), key: c.name, out: g.geoName(i)})
		}
	}
	if best == nil {
		return "", false
	}
	return best.out, true
}

// suggestInputs are names one or two slips from the table's: letters
// dropped, doubled, swapped and replaced in a sample of its names.
func suggestInputs(g *Gazetteer, n int) []string {
	names, _ := g.geoTab().suggestIndex()
	var out []string
	for i := 0; len(out) < n && i < len(names); i += len(names)/n + 1 {
		r := []rune(names[i].name)
		if len(r) < 3 {
			continue
		}
		k := i % (len(r) - 1)
		swapped := slices.Clone(r)
		swapped[k], swapped[k+1] = swapped[k+1], swapped[k]
		out = append(out, string(r[:k])+string(r[k+1:]), string(swapped), string(r[:k])+"x"+string(r[k+1:]), string(r)+string(r[k]), "q"+string(r[1:]))
	}
	return append(out, "Sirya", "Irq", "Chechniya", "Mariupl", "Мариупль", "Dabiq", "Zyxwvut")
}

// TestSuggestMatchesLinearScan checks the index against a scan of every
// name it holds.
func TestSuggestMatchesLinearScan(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, in := range suggestInputs(g, 60) {
		got, gotOK := g.Suggest(in)
		want, wantOK := suggestLinear(g, in)
		if got != want || gotOK != wantOK {
			t.Errorf("Suggest(%q) = %q, %v; the linear scan gives %q, %v", in, got, gotOK, want, wantOK)
		}
	}
}

// BenchmarkSuggest: today's Suggest over today's table (places.json
// alone), the index over the GeoNames table, and a plain scan of the same
// names.
// Run: go test -run '^$' -bench Suggest -benchmem ./claims/xref/gazetteer/
func BenchmarkSuggest(b *testing.B) {
	today, err := Load(bytes.NewReader(builtinJSON))
	if err != nil {
		b.Fatal(err)
	}
	g := Builtin()
	g.Suggest("x") // build the index
	inputs := suggestInputs(g, 40)
	b.Run("today=places.json", func(b *testing.B) {
		for b.Loop() {
			for _, in := range inputs {
				today.Suggest(in)
			}
		}
	})
	b.Run("geonames/index", func(b *testing.B) {
		for b.Loop() {
			for _, in := range inputs {
				g.Suggest(in)
			}
		}
	})
	b.Run("geonames/linear", func(b *testing.B) {
		for b.Loop() {
			for _, in := range inputs {
				suggestLinear(g, in)
			}
		}
	})
}
