package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// comparison is the body of GET /api/v1/topics/{id}/comparison: a topic's
// claims side by side, read from the summaries the store keeps current.
type comparison struct {
	Topic      *claims.Topic     `json:"topic"`
	Summary    xref.TopicSummary `json:"summary"`
	Claims     []comparedClaim   `json:"claims"`
	NextCursor string            `json:"next_cursor"`
	Groups     []xref.Group      `json:"groups"`
	// Series are the claimants' series with a figure on this page, whole:
	// a page holding all of a topic's claims has all of its series.
	Series     []xref.Series     `json:"series"`
	SumOfParts []xref.SumOfParts `json:"sum_of_parts"`
	// Conflicts are the topic's most severe notable conflicts, at most
	// maxComparisonConflicts; GET /api/v1/conflicts?topic_id= lists all.
	Conflicts []xref.Conflict `json:"conflicts"`
	// Reviews are the analysts' reviews of the topic's pairs: who
	// reviewed a conflict, when, why, and the version to patch.
	Reviews []*claims.Review `json:"reviews"`
}

// maxComparisonConflicts bounds the conflicts a comparison embeds.
const maxComparisonConflicts = 100

// comparedClaim is one claim of a comparison with who said it, where it
// first appeared and what the comparison says about it.
type comparedClaim struct {
	Claim    *claims.Claim     `json:"claim"`
	Claimant claimantRef       `json:"claimant"`
	Source   sourceRef         `json:"source"`
	Relays   []relayRef        `json:"relays"`
	Summary  xref.ClaimSummary `json:"summary"`
}

type claimantRef struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Role        string `json:"role"`
	Affiliation string `json:"affiliation"`
}

type sourceRef struct {
	ID   string            `json:"id"`
	Name string            `json:"name"`
	Kind claims.SourceKind `json:"kind"`
	URL  string            `json:"url"`
}

type relayRef struct {
	SourceID string `json:"source_id"`
	Name     string `json:"name"`
}

func (h *handler) comparison(c *gin.Context) {
	q, err := parseComparisonQuery(c)
	if err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	// The version is read before the comparison, so that a write between
	// the two leaves a body older than its key, which the next request
	// replaces, never the reverse.
	version, err := h.store.TopicVersion(ctx, c.Param("id"))
	if err != nil {
		h.writeError(c, err)
		return
	}
	// The body is a function of the query and the version, so the
	// version names it: a client holding it is answered 304 without the
	// body being looked at. Each encoding has its own tag, as RFC 9110
	// asks of different representations.
	gz := acceptsGzip(c.GetHeader("Accept-Encoding"))
	tag := comparisonETag(version, gz)
	if noneMatch(c.GetHeader("If-None-Match"), tag) {
		varyOnEncoding(c)
		c.Header("ETag", tag)
		c.Status(http.StatusNotModified)
		return
	}
	key := c.Param("id") + "?" + c.Request.URL.RawQuery
	if e, ok := h.comparisons.get(key, version); ok {
		sendEncoded(c, e, tag, gz)
		return
	}
	topic, err := h.findTopic(ctx, c.Param("id"))
	if err != nil {
		h.writeError(c, err)
		return
	}
	page, err := h.store.ClaimSummaries(ctx, topic.ID, q)
	if err != nil {
		h.writeError(c, err)
		return
	}
	ids := make([]string, len(page.Items))
	for i, s := range page.Items {
		ids[i] = s.ClaimID
	}
	res, err := h.store.TopicResultPart(ctx, topic.ID, xref.ResultPart{Conflicts: maxComparisonConflicts, SeriesOf: ids})
	if err != nil {
		h.writeError(c, err)
		return
	}
	cs, err := h.compared(ctx, page.Items)
	if err != nil {
		h.writeError(c, err)
		return
	}
	reviews, err := h.topicReviews(c, topic.ID)
	if err != nil {
		h.writeError(c, err)
		return
	}
	out := comparison{
		Reviews: nonNil(reviews),
		Topic:   topic, Summary: res.Topic, Claims: cs, NextCursor: page.Next,
		Groups: nonNil(res.Topic.Groups), Series: nonNil(res.Series), SumOfParts: nonNil(res.SumOfParts),
		Conflicts: nonNil(res.Conflicts[:min(len(res.Conflicts), maxComparisonConflicts)]),
	}
	if topic.Tags == nil {
		topic.Tags = []string{}
	}
	body, err := json.Marshal(out)
	if err != nil {
		h.writeError(c, err)
		return
	}
	e := bodyEntry{plain: body, gzipped: gzipBody(body)}
	// Kept only if no write came while it was built: a body built at an
	// older version must not replace one a later request built at the
	// newer.
	if now, err := h.store.TopicVersion(ctx, c.Param("id")); err == nil && now == version {
		h.comparisons.put(key, version, e)
	}
	sendEncoded(c, e, tag, gz)
}

// comparisonETag is the strong ETag of a comparison at version, in the
// encoding sent: the gzipped body is another sequence of bytes, so it
// has a tag of its own.
func comparisonETag(version string, gz bool) string {
	if gz {
		return `"` + version + `-gzip"`
	}
	return `"` + version + `"`
}

// sendEncoded answers 200 with e's body in the encoding chosen, as it is
// in the cache: the bytes are written, never copied nor compressed again.
// The compress middleware leaves a body that already has a
// Content-Encoding alone.
func sendEncoded(c *gin.Context, e bodyEntry, tag string, gz bool) {
	body := e.plain
	if gz {
		body = e.gzipped
		c.Header("Content-Encoding", "gzip")
	}
	varyOnEncoding(c)
	c.Header("ETag", tag)
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

// varyOnEncoding adds Accept-Encoding to Vary unless it is there (the
// compress middleware adds it to every answer it wraps).
func varyOnEncoding(c *gin.Context) {
	for _, v := range c.Writer.Header().Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return
			}
		}
	}
	c.Writer.Header().Add("Vary", "Accept-Encoding")
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip:
// named (or x-gzip) with a quality above 0, or not named and * accepted.
func acceptsGzip(header string) bool {
	star := false
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		ok := true
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q <= 0 {
					ok = false
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip", "x-gzip":
			return ok
		case "*":
			star = ok
		}
	}
	return star
}

// parseComparisonQuery reads limit (default 1000, at most 5000), cursor
// and order: claim_id (the default) or conflicts, the claims in conflict
// first, the most severe first, so that the first page of a topic of
// tens of thousands of claims holds the ones an analyst looks at first.
func parseComparisonQuery(c *gin.Context) (claims.ListOptions, error) {
	var o claims.ListOptions
	var p claims.Problems
	for k, v := range c.Request.URL.Query() {
		switch {
		case k != "limit" && k != "cursor" && k != "order":
			p.Add(k, "is not a parameter of the comparison: use limit, cursor, order")
		case len(v) > 1:
			p.Add(k, "is given %d times: give it once", len(v))
		}
	}
	o.Cursor = c.Query("cursor")
	switch v := c.Query("order"); v {
	case "", "claim_id":
	case "conflicts":
		o.Sort = xref.SortWorstFirst
	default:
		p.Add("order", "must be claim_id or conflicts")
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > xref.MaxComparisonLimit {
			p.Add("limit", "must be a whole number between 1 and %d", xref.MaxComparisonLimit)
		}
		o.Limit = n
	}
	return o, p.Err("comparison")
}

// compared joins claim summaries with their claims, claimants and sources:
// three queries by ID, whatever the page size.
func (h *handler) compared(ctx context.Context, sums []xref.ClaimSummary) ([]comparedClaim, error) {
	ids := make([]string, len(sums))
	for i, s := range sums {
		ids[i] = s.ClaimID
	}
	found, err := h.store.FindClaimsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*claims.Claim, len(found))
	var claimantIDs, sourceIDs []string
	for _, cl := range found {
		byID[cl.ID] = cl
		claimantIDs = append(claimantIDs, cl.ClaimantID)
		sourceIDs = append(sourceIDs, cl.Provenance.SourceID)
		for _, r := range cl.Provenance.Relays {
			sourceIDs = append(sourceIDs, r.SourceID)
		}
	}
	claimants, err := h.store.FindClaimantsByID(ctx, unique(claimantIDs))
	if err != nil {
		return nil, err
	}
	sources, err := h.store.FindSourcesByID(ctx, unique(sourceIDs))
	if err != nil {
		return nil, err
	}
	whoByID := make(map[string]*claims.Claimant, len(claimants))
	for _, w := range claimants {
		whoByID[w.ID] = w
	}
	srcByID := make(map[string]*claims.Source, len(sources))
	for _, s := range sources {
		srcByID[s.ID] = s
	}
	out := make([]comparedClaim, 0, len(sums))
	for _, s := range sums {
		cl := byID[s.ClaimID]
		if cl == nil {
			continue // deleted since the summaries were read
		}
		cc := comparedClaim{Claim: cl, Summary: s, Relays: []relayRef{}}
		if s.UnknownPlaces == nil {
			cc.Summary.UnknownPlaces = []string{}
		}
		if w := whoByID[cl.ClaimantID]; w != nil {
			cc.Claimant = claimantRef{ID: w.ID, Name: w.Name, Role: w.Role, Affiliation: w.Affiliation}
		}
		if src := srcByID[cl.Provenance.SourceID]; src != nil {
			cc.Source = sourceRef{ID: src.ID, Name: src.Name, Kind: src.Kind, URL: src.URL}
		}
		for _, r := range cl.Provenance.Relays {
			rr := relayRef{SourceID: r.SourceID}
			if src := srcByID[r.SourceID]; src != nil {
				rr.Name = src.Name
			}
			cc.Relays = append(cc.Relays, rr)
		}
		out = append(out, cc)
	}
	return out, nil
}

func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// topicItem is a topic in GET /api/v1/topics?include=summary.
type topicItem struct {
	*claims.Topic
	Summary *xref.TopicSummary `json:"summary,omitempty"`
}

// listTopics serves GET /api/v1/topics: the topics resource's listing,
// with include=summary adding each topic's stored summary.
func (h *handler) listTopics(topics *resource[claims.Topic]) gin.HandlerFunc {
	return func(c *gin.Context) {
		values := c.Request.URL.Query()
		include := values.Get("include")
		if _, ok := values["include"]; !ok {
			topics.list(c)
			return
		}
		values.Del("include")
		q, err := parseQuery(values, topics.params...)
		if include != "summary" {
			var p claims.Problems
			p.Add("include", "must be summary")
			err = p.Err("listing")
		}
		if err != nil {
			h.writeError(c, err)
			return
		}
		page, err := topics.filter(c.Request.Context(), q)
		if err != nil {
			h.writeError(c, err)
			return
		}
		ids := make([]string, len(page.Items))
		for i, t := range page.Items {
			ids[i] = t.ID
		}
		sums, err := h.store.TopicSummaries(c.Request.Context(), ids)
		if err != nil {
			h.writeError(c, err)
			return
		}
		out := claims.Page[topicItem]{Items: make([]topicItem, len(page.Items)), Next: page.Next}
		for i, t := range page.Items {
			out.Items[i] = topicItem{Topic: topics.reply(t)}
			if s, ok := sums[t.ID]; ok {
				out.Items[i].Summary = &s
			}
		}
		c.JSON(http.StatusOK, out)
	}
}
