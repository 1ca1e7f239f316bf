package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// claimPage is GET /api/v1/claims/{id}?include=page: the claim with what
// its page shows, so that the page takes one request, whatever the number
// of relations.
type claimPage struct {
	*claims.Claim
	Topic    *claims.Topic    `json:"topic"`
	Claimant *claims.Claimant `json:"claimant"`
	// Sources are the origin and the relays, full records, origin first.
	Sources []*claims.Source `json:"sources"`
	// Relations are the first claims.MaxLimit relations, in the order of
	// GET /claims/{id}/relations, which pages through the rest of the
	// RelationsTotal (a claim of a large topic has tens of thousands).
	Relations      []xref.Relation  `json:"relations"`
	RelationsTotal int              `json:"relations_total"`
	Links          []*claims.Link   `json:"links"`
	Reviews        []*claims.Review `json:"reviews"`
	// Others names each claim a relation, link or review points to.
	Others map[string]claimRef `json:"others"`
}

// claimRef names a claim by who said what, and when.
type claimRef struct {
	ID           string           `json:"id"`
	TopicID      string           `json:"topic_id"`
	ClaimantID   string           `json:"claimant_id"`
	ClaimantName string           `json:"claimant_name"`
	QuantityText string           `json:"quantity_text"`
	Interval     *claims.Interval `json:"interval"`
	SaidOn       claims.Date      `json:"said_on"`
	Rank         claims.Rank      `json:"rank"`
}

// getClaim serves GET /api/v1/claims/{id}: the claim resource, or with
// include=page the claim page's whole content.
func (h *handler) getClaim(claimList *resource[claims.Claim]) gin.HandlerFunc {
	return func(c *gin.Context) {
		values := c.Request.URL.Query()
		if _, ok := values["include"]; !ok {
			claimList.get(c)
			return
		}
		var p claims.Problems
		for k := range values {
			if k != "include" {
				p.Add(k, "is not a parameter of a claim: use include")
			}
		}
		if inc := values["include"]; len(inc) != 1 || inc[0] != "page" {
			p.Add("include", "must be page")
		}
		if err := p.Err("request"); err != nil {
			h.writeError(c, err)
			return
		}
		out, err := h.claimPage(c, c.Param("id"))
		if err != nil {
			h.writeError(c, err)
			return
		}
		c.Header("ETag", claimETag(out.Claim))
		c.JSON(http.StatusOK, out)
	}
}

func (h *handler) claimPage(c *gin.Context, id string) (*claimPage, error) {
	ctx := c.Request.Context()
	cl, err := h.store.FindClaim(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &claimPage{Claim: cl, Others: map[string]claimRef{}}
	if out.Topic, err = h.store.FindTopic(ctx, cl.TopicID); err != nil {
		return nil, err
	}
	if out.Claimant, err = h.store.FindClaimant(ctx, cl.ClaimantID); err != nil && claims.ErrorCode(err) != claims.CodeNotFound {
		return nil, err
	}
	srcIDs := []string{cl.Provenance.SourceID}
	for _, r := range cl.Provenance.Relays {
		srcIDs = append(srcIDs, r.SourceID)
	}
	found, err := h.store.FindSourcesByID(ctx, unique(srcIDs))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b *claims.Source) int {
		return slices.Index(srcIDs, a.ID) - slices.Index(srcIDs, b.ID)
	})
	out.Sources = nonNil(found)
	rels, err := h.relationsOf(c, cl, xref.RelationQuery{Limit: claims.MaxLimit}, "")
	if err != nil {
		return nil, err
	}
	out.Relations, out.RelationsTotal = nonNil(rels.Items), rels.Total
	links, err := h.store.ListLinks(ctx, claims.LinkFilter{ClaimID: id, ListOptions: claims.ListOptions{Limit: claims.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out.Links = nonNil(links.Items)
	reviews, err := h.store.ListReviews(ctx, claims.ReviewFilter{ClaimID: id, ListOptions: claims.ListOptions{Limit: claims.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out.Reviews = nonNil(reviews.Items)

	// Name every other claim: the topic's (and its parent's) claims carry
	// their claimants' names already; links may reach further.
	var ids []string
	for _, r := range out.Relations {
		ids = append(ids, r.OtherID)
	}
	for _, l := range out.Links {
		ids = append(ids, l.FromID, l.ToID)
	}
	for _, r := range out.Reviews {
		ids = append(ids, r.ClaimA, r.ClaimB)
	}
	ids = slices.DeleteFunc(unique(ids), func(s string) bool { return s == id })
	return out, h.nameClaims(c, ids, out.Others)
}

// nameClaims fills refs with a claimRef for each ID: two queries by ID.
func (h *handler) nameClaims(c *gin.Context, ids []string, refs map[string]claimRef) error {
	ctx := c.Request.Context()
	cs, err := h.store.FindClaimsByID(ctx, ids)
	if err != nil {
		return err
	}
	var who []string
	for _, cl := range cs {
		who = append(who, cl.ClaimantID)
	}
	people, err := h.store.FindClaimantsByID(ctx, unique(who))
	if err != nil {
		return err
	}
	names := make(map[string]string, len(people))
	for _, w := range people {
		names[w.ID] = w.Name
	}
	for _, cl := range cs {
		refs[cl.ID] = claimRef{
			ID: cl.ID, TopicID: cl.TopicID, ClaimantID: cl.ClaimantID, ClaimantName: names[cl.ClaimantID],
			QuantityText: strings.TrimSpace(cl.QuantityText), Interval: cl.Interval, SaidOn: cl.SaidOn, Rank: cl.Rank,
		}
	}
	return nil
}
