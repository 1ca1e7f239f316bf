// Package gazetteer names places and knows which lie inside which, so that
// claimdesk can tell a count for Syria from a count for Syria and Iraq.
//
// # Where the built-in table comes from
//
// The embedded places.json lists about 80 places. Countries are identified
// by their ISO 3166-1 alpha-2 codes (SY, IQ, RU) and the federal subjects of
// the North Caucasus by their ISO 3166-2 codes (RU-CE Chechnya, RU-DA
// Dagestan). Regions, whose IDs start with "region:", are claimdesk's own
// groupings, defined by their members rather than by a border:
//
//   - Central Asia: the five states of the UN M49 "Central Asia" sub-region.
//   - Former Soviet Union: the fifteen former Soviet republics; CIS: those
//     of them in the Commonwealth of Independent States, with Turkmenistan
//     (an associate member) and without Georgia and Ukraine.
//   - North Caucasus: the seven subjects of the North Caucasian Federal
//     District, inside Russia; Caucasus: North and South Caucasus.
//   - Middle East: the Levant (Syria, Iraq, Lebanon, Jordan, Israel,
//     Palestine), Turkey, Iran, Egypt and the Arabian peninsula.
//   - Western Europe: the EU-15 with Norway, Switzerland and the United
//     Kingdom, as counter-terrorism reports of 2014-2017 use the term; not
//     the narrower UN M49 sub-region. Russia is not placed in Europe.
//
// Aliases are given in English and Russian and are matched
// case-insensitively.
//
// # Containment
//
// A place covers a set of atoms: a country or subdivision is an atom of its
// own (the part of it no listed child covers) plus the atoms of its
// children; a region is exactly the union of its members' atoms. Two sets of
// places are then compared as sets of atoms, which works for regions that
// overlap (the CIS and Central Asia share four states). A name the gazetteer
// does not know is kept as an opaque place: equal only to itself, compared
// case-insensitively, and taken to be disjoint from every other place, so it
// never produces a conflict until an analyst adds it.
package gazetteer

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Kind says whether a place has territory of its own or is a grouping.
type Kind string

// The kinds of place.
const (
	Country     Kind = "country"
	Subdivision Kind = "subdivision" // a part of a country: Chechnya
	Region      Kind = "region"      // a grouping defined by its members
)

// Place is one entry of the gazetteer.
type Place struct {
	// ID is an ISO 3166 code for countries and subdivisions, or
	// "region:name" for claimdesk's groupings.
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    Kind     `json:"kind"`
	Aliases []string `json:"aliases,omitempty"`
	// In lists the IDs of the places this one lies inside.
	In []string `json:"in,omitempty"`
}

// Gazetteer resolves place names and compares sets of places. Its methods
// may be called concurrently, except Add, which must not run alongside
// other calls.
type Gazetteer struct {
	places map[string]*Place   // by ID
	names  map[string]string   // folded name or alias -> ID
	atoms  map[string][]string // ID -> sorted atoms
	order  []string            // IDs in insertion order
}

//go:embed places.json
var builtinJSON []byte

var (
	builtinOnce   sync.Once
	builtinPlaces []Place
)

// Builtin returns a new gazetteer holding the built-in table. Each call
// returns a separate copy, so Add on one does not affect the others.
func Builtin() *Gazetteer {
	builtinOnce.Do(func() {
		ps, err := Decode(bytes.NewReader(builtinJSON))
		if err != nil {
			panic("gazetteer: built-in table: " + err.Error())
		}
		builtinPlaces = ps
	})
	g := New()
	if err := g.Add(builtinPlaces...); err != nil {
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
		case places[p.ID] != nil:
			return invalid("place %q: duplicate id", p.ID)
		}
		if p.Kind == "" {
			p.Kind = Country
		}
		if p.Kind != Country && p.Kind != Subdivision && p.Kind != Region {
			return invalid("place %q: kind must be country, subdivision or region, not %q", p.ID, p.Kind)
		}
		p.Aliases = slices.Clone(p.Aliases)
		p.In = slices.Clone(p.In)
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
			if places[parent] == nil {
				return invalid("place %q: unknown parent %q", p.ID, parent)
			}
		}
	}
	if cyc := findCycle(places, order); cyc != nil {
		return invalid("containment cycle: %s", strings.Join(cyc, " in "))
	}
	g.places, g.names, g.order = places, names, order
	g.atoms = computeAtoms(places, order)
	return nil
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

func computeAtoms(places map[string]*Place, order []string) map[string][]string {
	children := map[string][]string{}
	for _, id := range order {
		for _, parent := range places[id].In {
			children[parent] = append(children[parent], id)
		}
	}
	atoms := make(map[string][]string, len(places))
	var walk func(id string) []string
	walk = func(id string) []string {
		if a, ok := atoms[id]; ok {
			return a
		}
		var a []string
		if places[id].Kind != Region {
			a = append(a, id)
		}
		for _, c := range children[id] {
			a = append(a, walk(c)...)
		}
		slices.Sort(a)
		a = slices.Compact(a)
		atoms[id] = a
		return a
	}
	for _, id := range order {
		walk(id)
	}
	return atoms
}

// Places returns the gazetteer's places in the order they were added.
func (g *Gazetteer) Places() []Place {
	out := make([]Place, 0, len(g.order))
	for _, id := range g.order {
		out = append(out, *g.places[id])
	}
	return out
}

// Lookup returns the place a name, alias or ID denotes.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	id, ok := g.names[Fold(name)]
	if !ok {
		return Place{}, false
	}
	return *g.places[id], true
}

// Fold normalises a place name for matching: trimmed, lower case, inner
// spaces collapsed, "ё" read as "е".
func Fold(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(s, "ё", "е")
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

// Key returns a string that is equal for two sets covering the same atoms.
func (s Set) Key() string { return strings.Join(s.atoms, "|") }

// Atoms returns the sorted atoms the set covers. Opaque places are "?name".
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
		if p, ok := g.Lookup(n); ok {
			s.add(p.Name, g.atoms[p.ID])
			continue
		}
		if parts := splitPlaces(n); len(parts) > 1 && g.allKnown(parts) {
			for _, part := range parts {
				p, _ := g.Lookup(part)
				s.add(p.Name, g.atoms[p.ID])
			}
			continue
		}
		s.Unknown = append(s.Unknown, n)
		s.add(n, []string{"?" + Fold(n)})
	}
	slices.Sort(s.atoms)
	s.atoms = slices.Compact(s.atoms)
	return s
}

func (s *Set) add(name string, atoms []string) {
	if !slices.Contains(s.Names, name) {
		s.Names = append(s.Names, name)
	}
	s.atoms = append(s.atoms, atoms...)
}

func (g *Gazetteer) allKnown(parts []string) bool {
	for _, p := range parts {
		if _, ok := g.Lookup(p); !ok {
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
	common := 0
	i, j := 0, 0
	for i < len(a.atoms) && j < len(b.atoms) {
		switch {
		case a.atoms[i] == b.atoms[j]:
			common++
			i++
			j++
		case a.atoms[i] < b.atoms[j]:
			i++
		default:
			j++
		}
	}
	switch {
	case common == 0:
		return Disjoint
	case common == len(a.atoms) && common == len(b.atoms):
		return Equal
	case common == len(a.atoms):
		return Inside
	case common == len(b.atoms):
		return Contains
	}
	return Overlap
}
