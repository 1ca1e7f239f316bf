package gazetteer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

// This file builds geoindex.bin from geonames.txt.gz (see geoindex.go):
// go generate runs it through TestGeoIndexFile. The program itself only
// reads the index.

// geoEntry is a first-level region or a city of the GeoNames table.
type geoEntry struct {
	id     string
	parent int32  // index of the region the entry lies in, or -1
	anchor string // ID of the listed place it lies in, directly or through its region
	pop    int64
	names  []geofile.Name // the first is the entry's name
}

// geoMaps is the table of regions and cities indexed in maps, as the
// index holds it.
type geoMaps struct {
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
}

// newGeoMaps indexes the regions and cities of t.
func newGeoMaps(t *geofile.Table) *geoMaps {
	n := len(t.Admin1) + len(t.Cities)
	g := &geoMaps{entries: make([]geoEntry, 0, n), byID: make(map[string]int32, n)}
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
	g.all = map[string][]int32{}
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

// encodeGeoIndex writes g in the layout geoindex.go reads. The bytes
// depend only on g: keys and prefixes are written in sorted order.
func encodeGeoIndex(g *geoMaps) []byte {
	var pool bytes.Buffer
	at := map[string]uint32{}
	str := func(s string) uint32 {
		off, ok := at[s]
		if !ok {
			off = uint32(pool.Len())
			pool.WriteString(s)
			at[s] = off
		}
		if len(s) > 0xff || off >= 1<<22 {
			panic(fmt.Sprintf("gazetteer: index: string %q at %d does not fit a reference", s, off))
		}
		return off<<8 | uint32(len(s))
	}
	var entries, names, keys, multi, all, prefixes []uint32
	// foldOf is, for each folded name, the first name (in names) it is
	// the fold of.
	foldOf := map[string]uint32{}
	for _, e := range g.entries {
		entries = append(entries, str(e.id), uint32(e.parent), str(e.anchor), uint32(e.pop), uint32(len(names)))
		if e.pop < 0 || e.pop > math.MaxUint32 {
			panic(fmt.Sprintf("gazetteer: index: population %d of %s", e.pop, e.id))
		}
		for _, n := range e.names {
			ref := str(n.Text)
			v := ref>>8<<10 | ref&0xff
			if n.Common {
				v |= nameCommon
			}
			if n.Alt {
				v |= nameAlt
			}
			if k := Fold(n.Text); foldOf[k] == 0 {
				foldOf[k] = uint32(len(names)) + 1
			}
			names = append(names, v)
		}
	}
	ks := slices.Sorted(maps.Keys(g.best))
	for r, k := range ks {
		keys = append(keys, fnv(k), foldOf[k]-1, g.best[k])
		if list := g.all[k]; len(list) > 1 {
			multi = append(multi, uint32(r), uint32(len(all)))
			all = append(all, uint32(len(list)))
			for _, i := range list {
				all = append(all, uint32(i))
			}
		}
	}
	ps := slices.Sorted(maps.Keys(g.prefixes))
	for _, p := range ps {
		prefixes = append(prefixes, str(p))
	}
	slotsOf := func(keyOf func(int) string, n int) []uint32 {
		size := 1
		for 3*size < 4*n {
			size *= 2
		}
		slots := make([]uint32, size)
		for r := range n {
			s := fnv(keyOf(r)) & uint32(size-1)
			for slots[s] != 0 {
				s = (s + 1) & uint32(size-1)
			}
			slots[s] = uint32(r + 1)
		}
		return slots
	}
	keySlots := slotsOf(func(r int) string { return ks[r] }, len(ks))
	idSlots := slotsOf(func(r int) string { return g.entries[r].id }, len(g.entries))
	prefixSlots := slotsOf(func(r int) string { return ps[r] }, len(ps))

	var h [hdrFields]uint32
	off := uint32(4 * (hdrFields + 1))
	place := func(field int, words []uint32) {
		h[field] = off
		off += uint32(4 * len(words))
	}
	place(hEntries, entries)
	h[hNEntries] = uint32(len(g.entries))
	place(hNames, names)
	h[hNNames] = uint32(len(names))
	place(hKeys, keys)
	place(hMulti, multi)
	h[hNMulti] = uint32(len(multi) / 2)
	place(hAll, all)
	place(hPrefixes, prefixes)
	place(hKeySlots, keySlots)
	h[hKeyMask] = uint32(len(keySlots) - 1)
	place(hIDSlots, idSlots)
	h[hIDMask] = uint32(len(idSlots) - 1)
	place(hPrefixSlots, prefixSlots)
	h[hPrefixMask] = uint32(len(prefixSlots) - 1)
	h[hPool] = off

	out := binary.LittleEndian.AppendUint32(nil, geoMagic)
	for _, words := range [][]uint32{h[:], entries, names, keys, multi, all, prefixes, keySlots, idSlots, prefixSlots} {
		for _, w := range words {
			out = binary.LittleEndian.AppendUint32(out, w)
		}
	}
	return append(out, pool.Bytes()...)
}
