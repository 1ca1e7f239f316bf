package gazetteer

import (
	_ "embed"
	"strings"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

// geoindex.bin is the GeoNames regions and cities of geonames.txt.gz,
// indexed as the gazetteer looks them up, in a form read where it lies:
// a lookup reads the few records it needs from the embedded bytes, so a
// process pays nothing at start for the table (decoding it and building
// its maps took some 0.2 CPU-seconds, the start-up of every
// `claimdesk extract` that met a city). It is generated from geonames.txt.gz by
// TestGeoIndexFile (go generate), which fails when the two disagree;
// TestGeoIndexMatchesTable checks every lookup against the table decoded
// and indexed in maps, as the gazetteer did before.
//
// The layout, every number a little-endian uint32, a string a reference
// into the pool (offset << 8 | length):
//
//	header   geoMagic, then the offsets and counts of hdrFields
//	entries  per entry: id, parent (or -1), anchor, population, its
//	         first name in names (the next entry's first ends them)
//	names    per name: its text's offset << 10 | nameCommon | nameAlt |
//	         its length
//	keys     per folded name: its hash, the name (in names) it is the
//	         fold of, so a lookup checks the key without storing it, and
//	         its best value (entry index | candText)
//	multi    for the names of several entries, in keys' order: the key's
//	         index and the offset in all of its list
//	all      lists of entry indexes: a count, then the entries, best first
//	prefixes per prefix: the prefix
//	slots    three open-addressing hash tables (linear probing, FNV-1a),
//	         each a power of two of slots holding record index + 1 or 0:
//	         keys by key, entries by ID, prefixes by prefix
//	pool     the strings
//
//go:generate go test -run ^TestGeoIndexFile$ -update-geoindex .
//go:embed geoindex.bin
var geoIndexData string

const geoMagic = 0x31584947 // "GIX1"

// The header's fields, after the magic.
const (
	hEntries     = iota // offset of the entries
	hNEntries           // their number
	hNames              // offset of the names
	hNNames             // their number
	hKeys               // offset of the keys
	hMulti              // offset of multi
	hNMulti             // its number of pairs
	hAll                // offset of all
	hPrefixes           // offset of the prefixes
	hKeySlots           // offset of the keys' hash table
	hKeyMask            // its size - 1
	hIDSlots            // offset of the entries' hash table by ID
	hIDMask             // its size - 1
	hPrefixSlots        // offset of the prefixes' hash table
	hPrefixMask         // its size - 1
	hPool               // offset of the strings
	hdrFields
)

// Record sizes, in bytes.
const (
	entrySize  = 5 * 4
	nameSize   = 4
	keySize    = 3 * 4
	multiSize  = 2 * 4
	prefixSize = 4
)

// Flags of a name.
const (
	nameCommon = 1 << 9
	nameAlt    = 1 << 8
)

// geoIndex reads an index in the layout above.
type geoIndex struct {
	d string
	h [hdrFields]uint32
}

func openGeoIndex(d string) geoIndex {
	x := geoIndex{d: d}
	if len(d) < 4*(hdrFields+1) || u32(d, 0) != geoMagic {
		panic("gazetteer: built-in GeoNames index: bad header")
	}
	for i := range x.h {
		x.h[i] = u32(d, 4*(i+1))
	}
	return x
}

func u32(d string, off int) uint32 {
	s := d[off : off+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func (x *geoIndex) at(field int, i int32, size, k int) uint32 {
	return u32(x.d, int(x.h[field])+int(i)*size+4*k)
}

// str returns the string of a reference.
func (x *geoIndex) str(ref uint32) string {
	p := x.h[hPool] + ref>>8
	return x.d[p : p+ref&0xff]
}

// fnv is the index's hash, FNV-1a.
func fnv(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func (x *geoIndex) len() int32 { return int32(x.h[hNEntries]) }

func (x *geoIndex) id(i int32) string { return x.str(x.at(hEntries, i, entrySize, 0)) }

// parent is the index of the region entry i lies in, or -1.
func (x *geoIndex) parent(i int32) int32 { return int32(x.at(hEntries, i, entrySize, 1)) }

// anchor is the ID of the listed place entry i lies in, directly or
// through its region.
func (x *geoIndex) anchor(i int32) string { return x.str(x.at(hEntries, i, entrySize, 2)) }

func (x *geoIndex) pop(i int32) int64 { return int64(x.at(hEntries, i, entrySize, 3)) }

// names returns the range of entry i's names, for name; the first is the
// entry's name.
func (x *geoIndex) names(i int32) (lo, hi int32) {
	lo, hi = int32(x.at(hEntries, i, entrySize, 4)), int32(x.h[hNNames])
	if i+1 < x.len() {
		hi = int32(x.at(hEntries, i+1, entrySize, 4))
	}
	return lo, hi
}

func (x *geoIndex) name(k int32) geofile.Name {
	n := x.at(hNames, k, nameSize, 0)
	p := x.h[hPool] + n>>10
	return geofile.Name{Text: x.d[p : p+n&0xff], Common: n&nameCommon != 0, Alt: n&nameAlt != 0}
}

func (x *geoIndex) kind(i int32) Kind {
	if strings.HasPrefix(x.id(i), "gn:") {
		return City
	}
	return Subdivision
}

// byID returns the index of the entry with an ID.
func (x *geoIndex) byID(id string) (int32, bool) {
	m := x.h[hIDMask]
	for s := fnv(id) & m; ; s = (s + 1) & m {
		v := u32(x.d, int(x.h[hIDSlots])+4*int(s))
		if v == 0 {
			return -1, false
		}
		if x.id(int32(v-1)) == id {
			return int32(v - 1), true
		}
	}
}

// key returns the index of the record of a folded name, or -1. A record
// holds no key, but the name it is the fold of.
func (x *geoIndex) key(k string) int32 {
	h, m := fnv(k), x.h[hKeyMask]
	for s := h & m; ; s = (s + 1) & m {
		v := u32(x.d, int(x.h[hKeySlots])+4*int(s))
		if v == 0 {
			return -1
		}
		r := int32(v - 1)
		if x.at(hKeys, r, keySize, 0) == h && Fold(x.name(int32(x.at(hKeys, r, keySize, 1))).Text) == k {
			return r
		}
	}
}

// best returns the entry a folded name denotes, with candText; 0 and
// false for a name of none.
func (x *geoIndex) best(k string) (uint32, bool) {
	r := x.key(k)
	if r < 0 {
		return 0, false
	}
	return x.at(hKeys, r, keySize, 2), true
}

// all returns, for a name of several entries, every entry best first;
// nil for others.
func (x *geoIndex) all(k string) []int32 {
	r := x.key(k)
	if r < 0 {
		return nil
	}
	lo, hi := 0, int(x.h[hNMulti])
	for lo < hi { // the first pair whose key is r or after
		mid := int(uint(lo+hi) >> 1)
		if int32(x.at(hMulti, int32(mid), multiSize, 0)) < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == int(x.h[hNMulti]) || int32(x.at(hMulti, int32(lo), multiSize, 0)) != r {
		return nil
	}
	off := int32(x.at(hMulti, int32(lo), multiSize, 1))
	n := x.at(hAll, off, 4, 0)
	out := make([]int32, n)
	for j := range out {
		out[j] = int32(x.at(hAll, off+1+int32(j), 4, 0))
	}
	return out
}

// prefix reports whether a folded word starts a name of several words
// that may be read in running text.
func (x *geoIndex) prefix(w string) bool {
	m := x.h[hPrefixMask]
	for s := fnv(w) & m; ; s = (s + 1) & m {
		v := u32(x.d, int(x.h[hPrefixSlots])+4*int(s))
		if v == 0 {
			return false
		}
		if x.str(x.at(hPrefixes, int32(v-1), prefixSize, 0)) == w {
			return true
		}
	}
}
