package api

import "sync"

// comparisonCacheBytes bounds the comparison bodies kept, all together.
const comparisonCacheBytes = 32 << 20

// bodyCache keeps encoded response bodies by key, each with the version
// of the data it was built from; a lookup with another version misses. It
// holds at most limit bytes, evicting the oldest entries first.
type bodyCache struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[string]bodyEntry
	order   []string // insertion order
}

type bodyEntry struct {
	version string
	body    []byte
}

func newBodyCache(limit int) *bodyCache {
	return &bodyCache{limit: limit, entries: map[string]bodyEntry{}}
}

func (c *bodyCache) get(key, version string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.version != version {
		return nil, false
	}
	return e.body, true
}

func (c *bodyCache) put(key, version string, body []byte) {
	if len(body) > c.limit/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		c.size -= len(old.body)
		delete(c.entries, key)
		for i, k := range c.order {
			if k == key {
				c.order = append(c.order[:i], c.order[i+1:]...)
				break
			}
		}
	}
	for c.size+len(body) > c.limit && len(c.order) > 0 {
		victim := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.entries[victim].body)
		delete(c.entries, victim)
	}
	c.entries[key] = bodyEntry{version: version, body: body}
	c.order = append(c.order, key)
	c.size += len(body)
}
