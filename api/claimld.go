package api

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// claimPageID returns the claim ID of a frontend path /claims/{id}, or ""
// for any other path (and for /claims/new, the entry form).
func claimPageID(p string) string {
	id, ok := strings.CutPrefix(p, "/claims/")
	if !ok || id == "new" || !claims.ValidID(id) {
		return ""
	}
	return id
}

// claimPageLD writes index.html for the page of the claim id with the
// claim's ClaimReview in its head, as JSON-LD, when an analyst has
// assessed the claim: a crawler that runs no script still reads the
// review. A <script type="application/ld+json"> element is a data block,
// which the Content-Security-Policy's script-src does not govern. It
// reports false, having written nothing, when there is no review to add.
func (h *handler) claimPageLD(c *gin.Context, id string) bool {
	ctx := c.Request.Context()
	cl, err := h.store.FindClaim(ctx, id)
	if err != nil {
		if claims.ErrorCode(err) != claims.CodeNotFound {
			h.log.ErrorContext(ctx, "claim page: find claim", "error", err.Error(), "claim_id", id)
		}
		return false
	}
	reviews, err := h.store.ListReviews(ctx, claims.ReviewFilter{ClaimID: id, ListOptions: claims.ListOptions{Limit: claims.MaxLimit}})
	if err != nil {
		h.log.ErrorContext(ctx, "claim page: list reviews", "error", err.Error(), "claim_id", id)
		return false
	}
	if !exchange.Reviewed(cl, reviews.Items) {
		return false
	}
	in := exchange.ClaimReviewInput{Claim: cl, Sources: map[string]*claims.Source{}, Reviews: reviews.Items}
	if k, err := h.store.FindClaimant(ctx, cl.ClaimantID); err == nil {
		in.Claimant = k
	}
	ids := []string{cl.Provenance.SourceID}
	for _, r := range cl.Provenance.Relays {
		ids = append(ids, r.SourceID)
	}
	for _, sid := range ids {
		if _, done := in.Sources[sid]; !done && sid != "" {
			if s, err := h.store.FindSource(ctx, sid); err == nil {
				in.Sources[sid] = s
			}
		}
	}
	ld, err := exchange.ClaimReviewJSON(in, h.publisher)
	if err != nil {
		h.log.ErrorContext(ctx, "claim page: ClaimReview", "error", err.Error(), "claim_id", id)
		return false
	}
	index, err := fs.ReadFile(h.assets, "index.html")
	if err != nil {
		return false
	}
	i := bytes.Index(index, []byte("</head>"))
	if i < 0 {
		return false
	}
	var page bytes.Buffer
	page.Grow(len(index) + len(ld) + 64)
	page.Write(index[:i])
	page.WriteString(`<script type="application/ld+json">`)
	page.Write(ld) // json.Marshal escapes <, > and &: no "</script>" can occur
	page.WriteString("</script>\n")
	page.Write(index[i:])
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", page.Bytes())
	return true
}
