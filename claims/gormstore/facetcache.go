package gormstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/claimdesk/claimdesk/claims"
)

// The cache of the facets of filters by topic. Counting a large topic's
// claims by nine facets reads all of them (about 1.2 s of CPU for the
// 67,000 claims of the largest topic of a million), and an analyst's
// screen asks for the same counts again and again. An entry is keyed by
// the whole filter and by the topic's version and the names' version
// (topic_versions, see topiccache.go), which database triggers bump on
// every write to the topic's claims (their sources and tags are written
// with them), its row, its summaries (conflicts are recomputed with
// them) and the names of claimants and sources: a request reads the two
// versions (one indexed lookup) and reuses the counts when they are
// unchanged, so no write path and no replica sees stale counts. Requests
// that miss together share one count.

// facetCacheEntries bounds how many filters' facets are kept, the oldest
// evicted first; an entry is a few KB.
const facetCacheEntries = 512

type facetCache struct {
	mu      sync.Mutex
	entries map[string]*facetEntry
	order   []string // insertion order, for eviction
	loading singleflight.Group
}

type facetEntry struct {
	version, names int64
	facets         claims.Facets
}

func newFacetCache() *facetCache {
	return &facetCache{entries: map[string]*facetEntry{}}
}

// facetKey is the cache key of a filter's facets.
func facetKey(f claims.ClaimFilter) (string, bool) {
	f.ListOptions = claims.ListOptions{} // the page does not change the counts
	b, err := json.Marshal(f)
	return string(b), err == nil
}

// cachedFacets returns the facets of f, which filters by topic, from the
// cache when the topic's versions are those they were counted at, else
// counts them with count and keeps them.
func (s *Store) cachedFacets(ctx context.Context, f claims.ClaimFilter, count func() (claims.Facets, error)) (claims.Facets, error) {
	key, ok := facetKey(f)
	if !ok || s.inTx || s.facets == nil {
		return count()
	}
	version, names, err := topicVersions(s.db.WithContext(ctx), f.TopicID)
	if err != nil {
		return claims.Facets{}, translate(err, "read topic version")
	}
	c := s.facets
	c.mu.Lock()
	e, hit := c.entries[key]
	c.mu.Unlock()
	if hit && e.version == version && e.names == names {
		return copyFacets(e.facets), nil
	}
	v, err, _ := c.loading.Do(fmt.Sprintf("%d.%d:%s", version, names, key), func() (any, error) {
		out, err := count()
		if err != nil {
			return nil, err
		}
		// The versions read before counting: a write committed while
		// counting bumps them, and the next request counts again.
		c.put(key, &facetEntry{version: version, names: names, facets: out})
		return out, nil
	})
	if err != nil {
		return claims.Facets{}, err
	}
	return copyFacets(v.(claims.Facets)), nil
}

func (c *facetCache) put(key string, e *facetEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		for len(c.order) >= facetCacheEntries {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, key)
	}
	c.entries[key] = e
}

// copyFacets returns facets a caller may change without changing the
// cache's.
func copyFacets(f claims.Facets) claims.Facets {
	out := f
	out.Counts = make(map[string][]claims.FacetCount, len(f.Counts))
	for k, v := range f.Counts {
		out.Counts[k] = append([]claims.FacetCount{}, v...)
	}
	return out
}
