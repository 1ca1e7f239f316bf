// Package wordfilter is a set of words that can say "not in the set"
// without a map lookup: one bit per hash bucket, 2^16 buckets, in 8 KiB.
// The word lists of the quantity parser and the article reader put it in
// front of their maps, since most words of a text are in no list.
package wordfilter

// Filter has the bit of hash(w) set for every word w added. A clear bit
// means w was never added; a set bit means it may have been.
type Filter [1 << 10]uint64

// Add puts w in the filter.
func Add[S string | []byte](f *Filter, w S) {
	h := hash(w)
	f[h/64] |= 1 << (h % 64)
}

// MayHold reports whether w may have been added: false is certain.
func MayHold[S string | []byte](f *Filter, w S) bool {
	h := hash(w)
	return f[h/64]&(1<<(h%64)) != 0
}

// hash mixes a word's length and five of its bytes into 16 bits.
func hash[S string | []byte](w S) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(w[0])<<8 ^ uint32(w[n-1])<<16 ^ uint32(w[n/2])
	if n > 1 {
		h ^= uint32(w[1])<<24 ^ uint32(w[n-2])*0x85EBCA6B
	}
	h *= 0x27D4EB2F
	return h >> 16
}
