package gazetteer

import (
	"cmp"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed geonames.txt.gz
var geonamesGz []byte

// sep joins the steps of a place's path through the tree: "UA", then
// "UA\x01UA.05" (Donetsk Oblast), then "UA\x01UA.05\x01gn:701822"
// (Mariupol). It sorts before every printable byte, so that in a sorted
// list a place's descendants follow it directly.
const sep = "\x01"

// textPopulation is the smallest population of a city whose Latin-script
// alternate names ("Kiev", "Moskau") are read in running text; below it,
// old and foreign names ("Stalin" for Donetsk) are only looked up when an
// analyst types them.
const textPopulation = 1_000_000

// suggestPopulation is the smallest population of a city that Suggest
// offers: a slip is likelier in the name of a large city than a small
// one, and with every town of the table nearly any unknown village would
// be one letter from some town.
const suggestPopulation = 100_000

// A candidate value packs an entry index with flags.
const (
	candText  = 1 << 31 // the name may be read in running text
	candIndex = 1<<31 - 1
)

// geoTable is the shared, read-only table of regions and cities: the
// built-in index (see geoindex.go), read where it lies, and Suggest's
// list of names, built when Suggest is first called.
type geoTable struct {
	geoIndex

	suggestOnce sync.Once
	suggest     []suggestName // by length in runes, then name
	byLen       []int         // byLen[n] is the first of suggest with n runes or more
}

// lazyGeo opens the built-in index of regions and cities the first time
// a gazetteer needs it.
type lazyGeo struct {
	data string
	once sync.Once
	tab  *geoTable
}

func (l *lazyGeo) get() *geoTable {
	l.once.Do(func() { l.tab = &geoTable{geoIndex: openGeoIndex(l.data)} })
	return l.tab
}

// geoTab returns g's table of regions and cities, or nil.
func (g *Gazetteer) geoTab() *geoTable {
	if g.geo == nil {
		return nil
	}
	return g.geo.get()
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// path is the entry's place in the tree, from the listed place it lies in.
func (g *geoTable) path(i int32) string {
	if p := g.parent(i); p >= 0 {
		return g.path(p) + sep + g.id(i)
	}
	return g.anchor(i) + sep + g.id(i)
}

// candidates returns the entries a folded name may denote, best first.
func (g *geoTable) candidates(k string) []int32 {
	if all := g.all(k); all != nil {
		return all
	}
	if v, ok := g.best(k); ok {
		return []int32{int32(v & candIndex)}
	}
	return nil
}

func (g *geoTable) place(i int32, name string) Place {
	p := Place{ID: g.id(i), Name: name, Kind: g.kind(i)}
	lo, hi := g.names(i)
	for k := lo; k < hi; k++ {
		if n := g.name(k); n.Text != p.Name {
			p.Aliases = append(p.Aliases, n.Text)
		}
	}
	if par := g.parent(i); par >= 0 {
		p.In = []string{g.id(par)}
	} else {
		p.In = []string{g.anchor(i)}
	}
	return p
}

// suggestName is a name of the table as Suggest scans it.
type suggestName struct {
	name  string
	runes int
	sig   uint64 // which letters, hashed into 64 bits, the name has
}

func letterSig(s string) uint64 {
	var sig uint64
	for _, r := range s {
		sig |= 1 << (uint32(r) * 0x9E3779B1 >> 26)
	}
	return sig
}

// suggestIndex sorts the table's names by length for Suggest.
func (g *geoTable) suggestIndex() ([]suggestName, []int) {
	g.suggestOnce.Do(func() {
		var names []suggestName
		for i := range g.len() {
			if g.kind(i) == City && g.pop(i) < suggestPopulation {
				continue
			}
			lo, hi := g.names(i)
			for j := lo; j < hi; j++ {
				n := g.name(j)
				if n.Alt && !hasCyrillic(n.Text) {
					continue
				}
				k := Fold(n.Text)
				if v, _ := g.best(k); int32(v&candIndex) != i {
					continue
				}
				names = append(names, suggestName{name: k, runes: utf8.RuneCountInString(k), sig: letterSig(k)})
			}
		}
		slices.SortFunc(names, func(a, b suggestName) int {
			return cmp.Or(cmp.Compare(a.runes, b.runes), strings.Compare(a.name, b.name))
		})
		maxLen := 0
		if len(names) > 0 {
			maxLen = names[len(names)-1].runes
		}
		byLen := make([]int, maxLen+2)
		j := 0
		for n := range byLen {
			for j < len(names) && names[j].runes < n {
				j++
			}
			byLen[n] = j
		}
		g.suggest, g.byLen = names, byLen
	})
	return g.suggest, g.byLen
}
