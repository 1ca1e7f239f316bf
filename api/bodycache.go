package api

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// comparisonCacheBytes bounds the comparison bodies kept, all together,
// both encodings of each counted.
const comparisonCacheBytes = 32 << 20

// bodyCache keeps encoded response bodies by key, each with the version
// of the data it was built from; a lookup with another version misses. It
// holds at most limit bytes (the plain and gzipped forms together),
// evicting the oldest entries first.
type bodyCache struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[string]bodyEntry
	order   []string // insertion order
}

// bodyEntry is one cached body in two encodings: the JSON as is and
// gzipped once, when it was built. Both slices are shared by every
// request that reads them, so nobody may write into them.
type bodyEntry struct {
	version string
	plain   []byte
	gzipped []byte
}

func (e bodyEntry) size() int { return len(e.plain) + len(e.gzipped) }

func newBodyCache(limit int) *bodyCache {
	return &bodyCache{limit: limit, entries: map[string]bodyEntry{}}
}

// gzipBody returns body gzipped, at the default level: computed once per
// version, it spares every later hit compressing the body again.
func gzipBody(body []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(body)/4 + 64)
	zw := gzip.NewWriter(&b)
	zw.Write(body) // writes into a bytes.Buffer cannot fail
	zw.Close()
	return b.Bytes()
}

func (c *bodyCache) get(key, version string) (bodyEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.version != version {
		return bodyEntry{}, false
	}
	return e, true
}

// put keeps e under key, unless it is over a quarter of the limit.
func (c *bodyCache) put(key string, e bodyEntry) {
	if e.size() > c.limit/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		c.size -= old.size()
		delete(c.entries, key)
		for i, k := range c.order {
			if k == key {
				c.order = append(c.order[:i], c.order[i+1:]...)
				break
			}
		}
	}
	for c.size+e.size() > c.limit && len(c.order) > 0 {
		victim := c.order[0]
		c.order = c.order[1:]
		c.size -= c.entries[victim].size()
		delete(c.entries, victim)
	}
	c.entries[key] = e
	c.order = append(c.order, key)
	c.size += e.size()
}
