package api

import (
	"context"
	"encoding/json"
	"math"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/latin"
)

// claimFilterParams are the filters of a claim listing, which a search
// takes too.
var claimFilterParams = []string{
	"topic_id", "claimant_id", "source_id", "tag", "from", "to", "rank", "grade",
	"evidence_type", "place", "said_from", "said_to", "as_of_from", "as_of_to",
	"value_low", "value_high", "in_conflict", "facets",
}

// claimFilter reads the filters of a claim listing or search from q.
func claimFilter(q query) (claims.ClaimFilter, error) {
	f := claims.ClaimFilter{
		ListOptions: q.opts,
		TopicID:     q.get("topic_id"), ClaimantID: q.get("claimant_id"), SourceID: q.get("source_id"),
		Tag:  q.get("tag"),
		From: claims.Date(q.get("from")), To: claims.Date(q.get("to")),
		SaidFrom: claims.Date(q.get("said_from")), SaidTo: claims.Date(q.get("said_to")),
		AsOfFrom: claims.Date(q.get("as_of_from")), AsOfTo: claims.Date(q.get("as_of_to")),
		Rank: claims.Rank(q.get("rank")), Grade: claims.Grade(q.get("grade")),
		EvidenceType: claims.EvidenceType(q.get("evidence_type")), Place: q.get("place"),
	}
	var p claims.Problems
	for _, v := range []struct {
		name string
		dst  **float64
	}{{"value_low", &f.ValueLow}, {"value_high", &f.ValueHigh}} {
		s := q.get(v.name)
		if s == "" {
			continue
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			p.Add(v.name, "must be a number")
			continue
		}
		*v.dst = &x
	}
	for _, b := range []struct {
		name string
		dst  **bool
	}{{"in_conflict", &f.InConflict}} {
		switch q.get(b.name) {
		case "":
		case "true":
			*b.dst = new(true)
		case "false":
			*b.dst = new(false)
		default:
			p.Add(b.name, "must be true or false")
		}
	}
	switch q.get("facets") {
	case "", "true", "false":
	default:
		p.Add("facets", "must be true or false")
	}
	if err := p.Err("listing"); err != nil {
		return f, err
	}
	return f, f.CheckRanges()
}

// pageWithFacets is a listing with the counts by facet of all the records
// it selects (not only the page's), when asked for with facets=true, and
// the Latin spelling of its text when that is what it selected by
// (latin.go).
type pageWithFacets[T any] struct {
	claims.Page[T]
	SearchedAs string         `json:"searched_as,omitempty"`
	Facets     *claims.Facets `json:"facets,omitempty"`
}

// searchReply is a search's result, with the counts by facet of all the
// claims it matches when asked for. SearchedAs is the Latin spelling
// searched when q, typed in Russian, matches no claim (latin.go).
type searchReply struct {
	claims.SearchResult
	SearchedAs string         `json:"searched_as,omitempty"`
	Facets     *claims.Facets `json:"facets,omitempty"`
}

// facets returns the counts of f when q asks for them, else nil.
func (h *handler) facets(ctx context.Context, q query, f claims.ClaimFilter) (*claims.Facets, error) {
	if q.get("facets") != "true" {
		return nil, nil
	}
	fc, err := h.claimFacets(ctx, f)
	return &fc, err
}

// search serves GET /api/v1/search: the claims matching q and every
// claim filter, ranked, with highlighted snippets; and the topics, sources
// and claimants matching q.
func (h *handler) search(c *gin.Context) {
	q, err := parseQuery(c.Request.URL.Query(), append([]string{"q"}, claimFilterParams...)...)
	var f claims.ClaimFilter
	if err == nil {
		f, err = claimFilter(q)
		f.Query = q.get("q")
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	build := func() ([]byte, error) { return h.searchBody(ctx, q, f) }
	// The first page, with its groups and facets, from the cache of first
	// pages (pagecache.go) at the store's SearchVersion, with the
	// gazetteer's when the query may be spelt in Latin letters (latin.go).
	var versionOf func(context.Context) (string, error)
	switch {
	case f.Cursor != "":
	case latin.HasCyrillic(f.Query):
		versionOf = h.latinSearchVersion
	default:
		versionOf = h.store.SearchVersion
	}
	h.serve(c, "search?"+q.values.Encode(), versionOf, build)
}

// searchBody returns the encoded answer of the search f (q for its facets).
func (h *handler) searchBody(ctx context.Context, q query, f claims.ClaimFilter) ([]byte, error) {
	res, searchedAs, err := fallBack(ctx, h, f.Query, f.Cursor, true,
		func(query, cursor string) (claims.SearchResult, error) {
			g := f
			g.Query, g.Cursor = query, cursor
			return h.store.Search(ctx, g)
		},
		func(r claims.SearchResult) int {
			return len(r.Claims.Items) + len(r.Topics) + len(r.Sources) + len(r.Claimants)
		},
		func(r *claims.SearchResult) *string { return &r.Claims.Next })
	if err != nil {
		return nil, err
	}
	if searchedAs != "" {
		f.Query = searchedAs
	}
	fc, err := h.facets(ctx, q, f)
	if err != nil {
		return nil, err
	}
	topics := h.topics()
	for _, t := range res.Topics {
		topics.reply(t.Item)
	}
	return json.Marshal(searchReply{SearchResult: res, SearchedAs: searchedAs, Facets: fc})
}
