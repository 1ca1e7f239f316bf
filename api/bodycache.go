package api

import (
	"bytes"
	"compress/gzip"

	"github.com/claimdesk/claimdesk/claims/cache"
)

// comparisonCacheBytes bounds the comparison bodies kept, all together,
// both encodings of each counted.
const comparisonCacheBytes = 32 << 20

// bodyCache keeps encoded response bodies by key, each at the version of
// the data it was built from (claims/cache): a lookup with another
// version misses. It holds at most limit bytes (the plain and gzipped
// forms together), evicting the least recently used entries first, and
// keeps no body over a quarter of the limit.
type bodyCache struct {
	limit int
	c     *cache.Cache[string, bodyEntry]
}

// bodyEntry is one cached body in two encodings: the JSON as is and
// gzipped once, when it was built. Both slices are shared by every
// request that reads them, so nobody may write into them.
type bodyEntry struct {
	plain   []byte
	gzipped []byte
}

func (e bodyEntry) size() int { return len(e.plain) + len(e.gzipped) }

func newBodyCache(limit int) *bodyCache {
	return &bodyCache{limit: limit, c: cache.New[string, bodyEntry](limit)}
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

func (c *bodyCache) get(key, version string) (bodyEntry, bool) { return c.c.Get(key, version) }

// put keeps e, built at version, under key, unless it is over a quarter
// of the limit.
func (c *bodyCache) put(key, version string, e bodyEntry) {
	if e.size() <= c.limit/4 {
		c.c.Put(key, version, e, e.size())
	}
}
