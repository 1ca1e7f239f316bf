package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

// The cache of first pages. An analyst's screen asks again and again for
// the first page of a topic's claims (by grade, by claimant, ...) and of
// the conflicts inbox; each costs a query, the scan of up to a few hundred
// rows and their encoding (about 1.2 ms and 1.5 ms of CPU for 50 claims,
// 50 conflicts at a million claims). A first page is kept as its encoded
// JSON, keyed by the whole query string (parsed, so that the order of the
// parameters does not matter), at a version that covers everything it
// shows:
//
//   - a listing of claims within a topic, at the topic's TopicVersion
//     (its claims, their sources and tags, its row, its summaries and
//     the names of claimants and sources; the facets, if asked for, are
//     counted at the same version). in_conflict is covered too: a
//     claim's summary is written only when its own topic is recomputed
//     (a write recomputes its topic, the topic's parent and children),
//     and every recompute of a topic rewrites its row of topic_summaries,
//     whose triggers bump its version. A filter whose answer reads more
//     than the topic's claims is not cached: a place (places are custom
//     records of their own), a text (the search index).
//   - the conflicts, at the DataVersion (every topic's version): their
//     rows are recomputed with topics' summaries, their sides are claims
//     and claimants, their titles topics, their reviews bump the topics
//     of their claims.
//   - a search (any filter, facets or not), at the store's SearchVersion:
//     the DataVersion, which covers its claims, their snippets, in_conflict
//     and facets and the rows of the topics, sources and claimants it
//     names, with the versions of the search indexes of topics, sources
//     and claimants, which a record of those created or deleted changes
//     too (the DataVersion counts only their updates); on PostgreSQL the
//     server's snapshot, which every commit changes. A store that cannot
//     tell (""; within a transaction) has its searches built every time.
//
// The answer does not depend on who asks (the routes' permission is
// checked before the handler runs), and the plain JSON is kept: gzip,
// when the client accepts it, is applied by the compression middleware as
// for any other answer, so the body is the same bytes either way. Later
// pages (a cursor) are not kept: they are asked for once each.

// pageCacheBytes bounds the first pages kept, all listings together; a
// page of 50 claims is about 50 KB. They are kept in a bodyCache of their
// own, plain only: gzip is the compression middleware's.
const pageCacheBytes = 16 << 20

// serve answers c with the body build returns. When versionOf is set and
// gives a version (not ""), the body comes from the cache of first pages
// under key at that version (servePage); else it is built afresh.
func (h *handler) serve(c *gin.Context, key string, versionOf func(context.Context) (string, error), build func() ([]byte, error)) {
	var err error
	if versionOf == nil {
		err = writeBuilt(c, build)
	} else if version, verr := versionOf(c.Request.Context()); verr != nil {
		err = verr
	} else if version == "" {
		err = writeBuilt(c, build)
	} else {
		err = h.pages.servePage(c, key, version, versionOf, build)
	}
	if err != nil {
		h.writeError(c, err)
	}
}

// writeBuilt writes the body build returns.
func writeBuilt(c *gin.Context, build func() ([]byte, error)) error {
	body, err := build()
	if err == nil {
		writeJSONBody(c, body)
	}
	return err
}

// servePage answers c from b when key is kept at version, else encodes the
// page build returns and keeps it if the version, read again once it is
// built, is unchanged (a page built at an older version must not replace
// one a later request built at the newer). version is the version read
// before build ran.
func (b *bodyCache) servePage(c *gin.Context, key, version string, versionOf func(context.Context) (string, error), build func() ([]byte, error)) error {
	if e, ok := b.get(key, version); ok {
		writeJSONBody(c, e.plain)
		return nil
	}
	body, err := build()
	if err != nil {
		return err
	}
	if now, err := versionOf(c.Request.Context()); err == nil && now == version {
		b.put(key, version, bodyEntry{plain: body})
	}
	writeJSONBody(c, body)
	return nil
}

// writeJSONBody writes an encoded JSON body as c.JSON writes it.
func writeJSONBody(c *gin.Context, body []byte) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}
