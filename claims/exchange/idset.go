package exchange

import (
	"encoding/binary"
	"hash/maphash"
)

// idSet is a set of record IDs held compactly, for the importer's
// registers of the IDs it has read: a map[string]struct{} costs about 80
// bytes an ID (the string header, its own allocation, the map's buckets),
// which at a million claims is most of an import's memory. idSet keeps
// the bytes of every ID in one arena, each after its length (a varint:
// one byte for any valid ID), and finds them through an open-addressing table of
// their offsets: about 20 bytes an ID, and no pointers for the garbage
// collector to scan.
type idSet struct {
	seed  maphash.Seed
	arena []byte
	// slots hold 1 + the offset in arena of an ID's length; 0 is
	// empty. len(slots) is a power of two, at most half full.
	slots []uint64
	n     int
}

func newIDSet() *idSet { return &idSet{seed: maphash.MakeSeed()} }

// Len returns the number of IDs in the set.
func (s *idSet) Len() int { return s.n }

// at returns the bytes of the ID at off in the arena.
func (s *idSet) at(off uint64) []byte {
	n, w := binary.Uvarint(s.arena[off:])
	start := off + uint64(w)
	return s.arena[start : start+n]
}

// find returns the slot of id: the one holding it, or the empty one where
// it would go.
func (s *idSet) find(id string) int {
	mask := uint64(len(s.slots) - 1)
	i := maphash.String(s.seed, id) & mask
	for {
		v := s.slots[i]
		if v == 0 {
			return int(i)
		}
		if string(s.at(v-1)) == id {
			return int(i)
		}
		i = (i + 1) & mask
	}
}

// Has reports whether id is in the set.
func (s *idSet) Has(id string) bool {
	if s.n == 0 {
		return false
	}
	return s.slots[s.find(id)] != 0
}

// Add puts id in the set and reports whether it was new.
func (s *idSet) Add(id string) bool {
	if (s.n+1)*2 > len(s.slots) {
		s.grow()
	}
	i := s.find(id)
	if s.slots[i] != 0 {
		return false
	}
	s.slots[i] = uint64(len(s.arena)) + 1
	s.arena = binary.AppendUvarint(s.arena, uint64(len(id)))
	s.arena = append(s.arena, id...)
	s.n++
	return true
}

func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(64, 2*len(old)))
	mask := uint64(len(s.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := maphash.Bytes(s.seed, s.at(v-1)) & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = v
	}
}
