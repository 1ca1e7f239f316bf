package api

import (
	"context"
	"encoding/json"
	"errors"

	"golang.org/x/sync/singleflight"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/cache"
)

// The cache of the facets of filters. Counting a large topic's claims by
// every facet reads all of them (about 1.2 s of CPU for the 67,000 claims
// of the largest topic of a million), counting a search's newest 10,000
// matches about 30 ms (several times the search itself), and an analyst's
// screen asks for the same counts again and again (every page of a
// search, every return to a topic). An entry is keyed by the whole filter
// but its page. A filter by topic is kept at the topic's TopicVersion,
// which database triggers bump on every write to the topic's claims
// (their sources and tags are written with them), its row, its summaries
// (conflicts are recomputed with them) and the names of claimants and
// sources; any other filter (a search, a listing across topics) at the
// DataVersion, which every one of those bumps changes. A request reads
// the version (one indexed lookup for a topic; for the data one row on
// SQLite; on PostgreSQL the server's snapshot, and a scan of one row a
// topic only after a commit) and reuses the counts
// while it is unchanged, so no write path and no replica sees stale
// counts. Requests that miss together
// share one count.

// facetCacheBytes bounds the facets kept, all filters together, as
// facetBytes estimates them; an entry is a few KB.
const facetCacheBytes = 4 << 20

type facetCache struct {
	c       *cache.Cache[string, claims.Facets]
	loading singleflight.Group
}

func newFacetCache() *facetCache {
	return &facetCache{c: cache.New[string, claims.Facets](facetCacheBytes)}
}

// facetKey is the cache key of a filter's facets.
func facetKey(f claims.ClaimFilter) (string, bool) {
	f.ListOptions = claims.ListOptions{} // the page does not change the counts
	b, err := json.Marshal(f)
	return string(b), err == nil
}

// facetBytes estimates the memory facets hold.
func facetBytes(f claims.Facets) int {
	n := 256
	for k, counts := range f.Counts {
		n += 64 + len(k)
		for _, c := range counts {
			n += 48 + len(c.Value) + len(c.Label)
		}
	}
	return n
}

// claimFacets counts the claims f selects by each facet, from the cache
// while the version they were counted at (the topic's for a filter by
// topic, else the data's) is unchanged.
func (h *handler) claimFacets(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	key, ok := facetKey(f)
	if !ok {
		return h.store.ClaimFacets(ctx, f)
	}
	versionOf := func() (string, error) {
		if f.TopicID != "" {
			return h.store.TopicVersion(ctx, f.TopicID)
		}
		v, err := h.store.DataVersion(ctx)
		return "data:" + v, err
	}
	version, err := versionOf()
	if err != nil {
		return claims.Facets{}, err
	}
	if fc, ok := h.facetCache.c.Get(key, version); ok {
		return copyFacets(fc), nil
	}
	for {
		ran := false // whether this request ran the count, or waited for another's
		v, err, _ := h.facetCache.loading.Do(version+":"+key, func() (any, error) {
			ran = true
			out, err := h.store.ClaimFacets(ctx, f)
			if err != nil {
				return nil, err
			}
			// Kept only if no write came while counting: counts at an older
			// version must not replace those a later request counted at the
			// newer.
			if now, err := versionOf(); err == nil && now == version {
				h.facetCache.c.Put(key, version, out, facetBytes(out))
			}
			return out, nil
		})
		// A count run by another request that went away (a closed tab, a
		// screen the analyst left) ends with that request's context: count
		// again for this one, which still waits.
		if err != nil && !ran && ctx.Err() == nil &&
			(errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			continue
		}
		if err != nil {
			return claims.Facets{}, err
		}
		return copyFacets(v.(claims.Facets)), nil
	}
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
