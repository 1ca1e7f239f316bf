package gazetteer

import (
	"bytes"
	"cmp"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
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

// geoEntry is a first-level region or a city of the GeoNames table.
type geoEntry struct {
	id     string
	parent int32  // index of the region the entry lies in, or -1
	anchor string // ID of the listed place it lies in, directly or through its region
	pop    int64
	names  []geofile.Name // the first is the entry's name
}

func (e *geoEntry) kind() Kind {
	if strings.HasPrefix(e.id, "gn:") {
		return City
	}
	return Subdivision
}

// A candidate value packs an entry index with flags.
const (
	candText  = 1 << 31 // the name may be read in running text
	candIndex = 1<<31 - 1
)

// geoTable is the shared, read-only table of regions and cities.
type geoTable struct {
	entries []geoEntry
	byID    map[string]int32
	// best maps each folded name to the entry it denotes, with candText.
	best map[string]uint32
	// all lists, for names of several entries, every entry best first,
	// for qualified names ("Paris, Texas").
	all map[string][]int32
	// prefixes holds the first words of names of several words that may
	// be read in running text.
	prefixes map[string]bool

	suggestOnce sync.Once
	suggest     []suggestName // by length in runes, then name
	byLen       []int         // byLen[n] is the first of suggest with n runes or more
}

// lazyGeo decodes the embedded table of regions and cities the first time
// a gazetteer needs it: a process that only names countries never pays
// for it.
type lazyGeo struct {
	gz   []byte
	once sync.Once
	tab  *geoTable
}

func (l *lazyGeo) get() *geoTable {
	l.once.Do(func() {
		t, err := geofile.Read(bytes.NewReader(l.gz))
		if err != nil {
			panic("gazetteer: built-in GeoNames table: " + err.Error())
		}
		l.tab = newGeoTable(t)
	})
	return l.tab
}

// geoTab returns g's table of regions and cities, or nil.
func (g *Gazetteer) geoTab() *geoTable {
	if g.geo == nil {
		return nil
	}
	return g.geo.get()
}

// newGeoTable indexes the regions and cities of t.
func newGeoTable(t *geofile.Table) *geoTable {
	n := len(t.Admin1) + len(t.Cities)
	g := &geoTable{entries: make([]geoEntry, 0, n), byID: make(map[string]int32, n)}
	for _, part := range [][]geofile.Entry{t.Admin1, t.Cities} {
		for _, e := range part {
			g.byID[e.ID] = int32(len(g.entries))
			g.entries = append(g.entries, geoEntry{id: e.ID, parent: -1, anchor: e.Parent, pop: e.Population, names: e.Names})
		}
	}
	for i := range g.entries {
		e := &g.entries[i]
		if p, ok := g.byID[e.anchor]; ok {
			e.parent = p
			e.anchor = g.entries[p].anchor
		}
	}
	// The file lists cities and regions most populous first, so the first
	// entry to claim a name is the one it denotes: an entry's own names
	// before alternate ones, a city before a region of the same name
	// (Donetsk the city, not the oblast), then the most populous.
	nnames := 0
	for _, e := range g.entries {
		nnames += len(e.names)
	}
	g.best = make(map[string]uint32, nnames)
	g.prefixes = map[string]bool{}
	nAdmin := int32(len(t.Admin1))
	order := make([]int32, 0, n)
	for i := nAdmin; i < int32(n); i++ {
		order = append(order, i)
	}
	for i := range nAdmin {
		order = append(order, i)
	}
	for _, alt := range []bool{false, true} {
		for _, i := range order {
			e := &g.entries[i]
			for _, nm := range e.names {
				if nm.Alt != alt {
					continue
				}
				k := Fold(nm.Text)
				if v, ok := g.best[k]; ok {
					if first := int32(v & candIndex); first != i {
						if g.all == nil {
							g.all = map[string][]int32{}
						}
						all := g.all[k]
						if all == nil {
							all = []int32{first}
						}
						if !slices.Contains(all, i) {
							g.all[k] = append(all, i)
						}
					}
					continue
				}
				v := uint32(i)
				latinAlt := nm.Alt && !hasCyrillic(nm.Text)
				if !nm.Common && (!latinAlt || e.pop >= textPopulation) {
					v |= candText
					if j := strings.IndexByte(k, ' '); j > 0 {
						g.prefixes[k[:j]] = true
					}
				}
				g.best[k] = v
			}
		}
	}
	return g
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
	e := &g.entries[i]
	if e.parent >= 0 {
		return g.path(e.parent) + sep + e.id
	}
	return e.anchor + sep + e.id
}

// candidates returns the entries a folded name may denote, best first.
func (g *geoTable) candidates(k string) []int32 {
	if all, ok := g.all[k]; ok {
		return all
	}
	if v, ok := g.best[k]; ok {
		return []int32{int32(v & candIndex)}
	}
	return nil
}

func (g *geoTable) place(i int32, name string) Place {
	e := &g.entries[i]
	p := Place{ID: e.id, Name: name, Kind: e.kind()}
	for _, n := range e.names {
		if n.Text != p.Name {
			p.Aliases = append(p.Aliases, n.Text)
		}
	}
	if e.parent >= 0 {
		p.In = []string{g.entries[e.parent].id}
	} else {
		p.In = []string{e.anchor}
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
		for i := range g.entries {
			e := &g.entries[i]
			if e.kind() == City && e.pop < suggestPopulation {
				continue
			}
			for _, n := range e.names {
				if n.Alt && !hasCyrillic(n.Text) {
					continue
				}
				k := Fold(n.Text)
				if v := g.best[k]; int32(v&candIndex) != int32(i) {
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
