package api

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// conflictItem is a conflict as the review inbox shows it: both claims
// named by claimant and quantity, so the list needs no further requests.
type conflictItem struct {
	xref.Conflict
	A          conflictSide `json:"a"`
	B          conflictSide `json:"b"`
	TopicTitle string       `json:"topic_title"`
	// Review is the analysts' review of the pair (who, when, why, and
	// the version to patch), or null while nobody has reviewed it.
	Review *claims.Review `json:"review"`
}

type conflictSide struct {
	ClaimID      string `json:"claim_id"`
	ClaimantID   string `json:"claimant_id"`
	ClaimantName string `json:"claimant_name"`
	QuantityText string `json:"quantity_text"`
}

// conflicts serves GET /api/v1/conflicts: the stored notable conflicts of
// every topic, highest priority first (or most severe first), narrowed by
// topic, review status and a band of severity: min_severity and up, below
// severity_below (half-open, so that the bands 2 to 5 and 5 and above
// share no conflict of severity 5).
func (h *handler) conflicts(c *gin.Context) {
	q, err := parseQuery(c.Request.URL.Query(), "topic_id", "status", "min_severity", "severity_below")
	var f xref.ConflictFilter
	if err == nil {
		f = xref.ConflictFilter{TopicID: q.get("topic_id"), Status: claims.ReviewStatus(q.get("status"))}
		var p claims.Problems
		// severity reads a bound: a finite number that ok accepts, else
		// a problem saying rule.
		severity := func(name, rule string, ok func(v float64) bool) float64 {
			s := q.get(name)
			if s == "" {
				return 0
			}
			v, perr := strconv.ParseFloat(s, 64)
			if perr != nil || math.IsNaN(v) || math.IsInf(v, 0) || !ok(v) {
				p.Add(name, "must be a number %s", rule)
				return 0
			}
			return v
		}
		f.MinSeverity = severity("min_severity", "of 1 or more: the factor between the two claims' nearer bounds",
			func(v float64) bool { return v >= 1 })
		f.SeverityBelow = severity("severity_below", "above 1: the conflicts less severe than it are listed (a severity, the factor between the two claims' nearer bounds, is 1 or more)",
			func(v float64) bool { return v > 1 })
		if f.MinSeverity > 0 && f.SeverityBelow > 0 && f.SeverityBelow <= f.MinSeverity {
			p.Add("severity_below", "must be above min_severity (%s): no conflict is at least %s and below %s",
				q.get("min_severity"), q.get("min_severity"), q.get("severity_below"))
		}
		switch f.Status {
		case "", claims.ReviewOpen, claims.ReviewReviewed, claims.ReviewDismissed:
		default:
			p.Add("status", "must be open, reviewed or dismissed")
		}
		err = p.Err("listing")
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	build := func() ([]byte, error) { return h.conflictsBody(ctx, f, q.opts) }
	// The first page, from the cache of first pages (pagecache.go) while
	// no write has changed any topic.
	var versionOf func(context.Context) (string, error)
	if q.opts.Cursor == "" {
		versionOf = h.store.DataVersion
	}
	h.serve(c, "conflicts?"+q.values.Encode(), versionOf, build)
}

// conflictsBody returns the encoded page of the conflicts f selects.
func (h *handler) conflictsBody(ctx context.Context, f xref.ConflictFilter, o claims.ListOptions) ([]byte, error) {
	page, err := h.store.ListConflicts(ctx, f, o)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, cf := range page.Items {
		ids = append(ids, cf.ClaimA, cf.ClaimB)
	}
	// Only the four columns a side shows (see xref.Reader.ConflictSides),
	// not the whole claims and claimants.
	found, err := h.store.ConflictSides(ctx, unique(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]conflictSide, len(found))
	for _, f := range found {
		byID[f.ClaimID] = conflictSide{ClaimID: f.ClaimID, ClaimantID: f.ClaimantID, ClaimantName: f.ClaimantName, QuantityText: f.QuantityText}
	}
	side := func(id string) conflictSide {
		if s, ok := byID[id]; ok {
			return s
		}
		return conflictSide{ClaimID: id}
	}
	titles, reviews, err := h.topicsAndReviews(ctx, page.Items)
	if err != nil {
		return nil, err
	}
	out := claims.Page[conflictItem]{Items: make([]conflictItem, len(page.Items)), Next: page.Next}
	for i, cf := range page.Items {
		out.Items[i] = conflictItem{Conflict: cf, A: side(cf.ClaimA), B: side(cf.ClaimB),
			TopicTitle: titles[cf.TopicID], Review: reviews[[2]string{cf.ClaimA, cf.ClaimB}]}
	}
	return json.Marshal(out)
}

// topicsAndReviews reads the titles of the topics the conflicts belong
// to, in one query, and the reviews of the conflicts' pairs in another.
// (Reading every review of each topic instead cost a scan of each topic's
// claims, most of the request for a large topic; reading each topic
// whole, one query a topic, half of it on a page spanning many topics.)
func (h *handler) topicsAndReviews(ctx context.Context, cs []xref.Conflict) (map[string]string, map[[2]string]*claims.Review, error) {
	reviews := map[[2]string]*claims.Review{}
	pairs := make([][2]string, 0, len(cs))
	var topics []string
	for _, cf := range cs {
		pairs = append(pairs, [2]string{cf.ClaimA, cf.ClaimB})
		topics = append(topics, cf.TopicID)
	}
	titles, err := h.store.TopicTitles(ctx, unique(topics))
	if err != nil {
		return nil, nil, err
	}
	for _, cf := range cs {
		if _, ok := titles[cf.TopicID]; !ok {
			return nil, nil, claims.NotFound("topic", cf.TopicID)
		}
	}
	o := claims.ListOptions{Limit: claims.MaxLimit}
	for len(pairs) > 0 {
		page, err := h.store.ListReviews(ctx, claims.ReviewFilter{Pairs: pairs, ListOptions: o})
		if err != nil {
			return nil, nil, err
		}
		for _, r := range page.Items {
			reviews[[2]string{r.ClaimA, r.ClaimB}] = r
		}
		if page.Next == "" {
			break
		}
		o.Cursor = page.Next
	}
	return titles, reviews, nil
}

// topicReviews lists every review of a pair with a claim in the topic.
func (h *handler) topicReviews(c *gin.Context, topicID string) ([]*claims.Review, error) {
	var out []*claims.Review
	o := claims.ListOptions{Limit: claims.MaxLimit}
	for {
		page, err := h.store.ListReviews(c.Request.Context(), claims.ReviewFilter{TopicID: topicID, ListOptions: o})
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		o.Cursor = page.Next
	}
}

// relationsPage is the body of GET /api/v1/claims/{id}/relations.
type relationsPage struct {
	Items      []xref.Relation `json:"items"`
	Total      int             `json:"total"`
	NextCursor string          `json:"next_cursor"`
}

// relations serves GET /api/v1/claims/{id}/relations: how the claim
// relates to each other claim of its topic and of the parent topic,
// computed on demand (one claim's pairs, never the topic's), with the
// analysts' reviews attached. A first page is kept encoded in the cache of
// first pages (pagecache.go) at the store's RelationsVersion: the
// analysts who open a claim from the conflicts inbox, which they share,
// open the same few claims, and relating one claim of a topic of tens of
// thousands costs a few milliseconds of CPU (issue 14).
func (h *handler) relations(c *gin.Context) {
	q, err := parseQuery(c.Request.URL.Query(), "kind")
	if err == nil && q.opts.Sort != "" {
		var p claims.Problems
		p.Add("sort", "relations are listed conflicts first, most severe first: leave sort out")
		err = p.Err("listing")
	}
	offset := 0
	if err == nil && q.opts.Cursor != "" {
		offset, err = strconv.Atoi(q.opts.Cursor)
		if err != nil || offset < 1 {
			var p claims.Problems
			p.Add("cursor", "is not a cursor of this listing: start again from the first page")
			err = p.Err("listing")
		}
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	id := c.Param("id")
	build := func() ([]byte, error) {
		target, err := h.store.FindClaim(c.Request.Context(), id)
		if err != nil {
			return nil, err
		}
		page, err := h.relationsOf(c, target, xref.RelationQuery{Offset: offset, Limit: q.opts.PageSize()}, q.get("kind"))
		if err != nil {
			return nil, err
		}
		out := relationsPage{Items: page.Items, Total: page.Total}
		if page.NextOffset > 0 {
			out.NextCursor = strconv.Itoa(page.NextOffset)
		}
		return json.Marshal(out)
	}
	var versionOf func(context.Context) (string, error)
	if q.opts.Cursor == "" {
		versionOf = h.store.RelationsVersion
	}
	h.serve(c, "claims/"+id+"/relations?"+q.values.Encode(), versionOf, build)
}

func (h *handler) relationsOf(c *gin.Context, target *claims.Claim, rq xref.RelationQuery, kind string) (xref.RelationPage, error) {
	ctx := c.Request.Context()
	if kind != "" {
		if !slices.Contains(relationKinds, xref.Kind(kind)) {
			var p claims.Problems
			p.Add("kind", "must be one of %s", joinKinds(relationKinds))
			return xref.RelationPage{}, p.Err("listing")
		}
		rq.Kinds = []xref.Kind{xref.Kind(kind)}
	}
	// One computation a processor at a time (see handler.computing); the
	// wait for a place holds no slot of the read gate.
	leaveReadGate(c)
	select {
	case h.computing <- struct{}{}:
		defer func() { <-h.computing }()
	case <-ctx.Done():
		return xref.RelationPage{}, ctx.Err()
	}
	// The topic's claims and its parent's, prepared once and kept while
	// they are unchanged (see xref.Prepared).
	p, links, err := h.store.PreparedTopic(ctx, target.TopicID)
	if err != nil {
		return xref.RelationPage{}, err
	}
	page, ok := p.Relations(target.ID, links, rq)
	if !ok {
		// Not among the prepared claims (moved or written since they
		// were read): relate it to them as it is.
		cands := p.Claims()
		xc := xref.NewContext(p.Topic(), p.Gazetteer(), links)
		if p.Parent() != nil {
			xc.WithParent(p.Parent())
		}
		page = xref.Relations(xref.ClaimView{Claim: target}, cands, xc, rq)
	}
	reviews, err := h.store.ListReviews(ctx, claims.ReviewFilter{ClaimID: target.ID, ListOptions: claims.ListOptions{Limit: claims.MaxLimit}})
	if err != nil {
		return xref.RelationPage{}, err
	}
	xref.AttachReviews(page.Items, reviews.Items)
	return page, nil
}

// relationKinds are the kinds a relations listing may be filtered by.
var relationKinds = []xref.Kind{
	xref.Corroborates, xref.Consistent, xref.Conflicts, xref.Contradicts, xref.ScopeDiffers,
	xref.ChangeOverTime, xref.NotComparable, xref.Drift, xref.SameStatement, xref.Supersedes,
	xref.SupersededBy, xref.Derived, xref.FlowFell, xref.PartExceedsWhole, xref.Unrelated,
}

func joinKinds(ks []xref.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
