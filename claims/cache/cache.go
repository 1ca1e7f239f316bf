// Package cache keeps values built from stored data, each under a key
// and with the version of the data it was built from, within a bound in
// bytes. A lookup names the version the caller just read (a version
// database triggers keep, bumped by every write of what the value shows):
// an entry of another version misses, so a cache never serves a value
// older than what was committed before its version was read. The least
// recently used entries are evicted first.
//
// It is one design for the caches of claimdesk: the comparison's bodies
// (api), the facets of a topic's claims (api) and the prepared topics of
// relations (claims/gormstore). It knows nothing of what it keeps: the
// caller says how many bytes an entry holds.
package cache

import (
	"container/list"
	"sync"
)

// Cache is a version-keyed, byte-bounded LRU cache, safe for concurrent
// use. Values are shared by every caller that gets them: a caller must not
// change one.
type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[K]*list.Element
	lru     list.List // of *entry[K, V], the most recently used first
}

type entry[K comparable, V any] struct {
	key     K
	version string
	value   V
	bytes   int
}

// New returns a cache that holds at most limit bytes, all entries
// together, as their Put calls count them.
func New[K comparable, V any](limit int) *Cache[K, V] {
	return &Cache[K, V]{limit: limit, entries: map[K]*list.Element{}}
}

// Get returns the value kept under key if it was built at version, and
// marks it used.
func (c *Cache[K, V]) Get(key K, version string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok || el.Value.(*entry[K, V]).version != version {
		var zero V
		return zero, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Put keeps v, built at version and holding bytes, under key, replacing
// what key held and evicting the least recently used entries to make
// room. An entry larger than the whole bound is not kept: Put returns
// false. A caller that builds a value over some time re-reads the version
// just before Put, and keeps the value only if it is still the current
// one: a value built at an older version must not replace one built at
// the newer.
func (c *Cache[K, V]) Put(key K, version string, v V, bytes int) bool {
	if bytes > c.limit {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.remove(el)
	}
	for c.size+bytes > c.limit {
		c.remove(c.lru.Back())
	}
	c.entries[key] = c.lru.PushFront(&entry[K, V]{key: key, version: version, value: v, bytes: bytes})
	c.size += bytes
	return true
}

func (c *Cache[K, V]) remove(el *list.Element) {
	e := c.lru.Remove(el).(*entry[K, V])
	delete(c.entries, e.key)
	c.size -= e.bytes
}

// Bytes returns how many bytes the entries hold, as Put counted them.
func (c *Cache[K, V]) Bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}
