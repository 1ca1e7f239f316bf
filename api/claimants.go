package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// claimants serves /api/v1/claimants.
func (h *handler) claimants() *resource[claims.Claimant] {
	return &resource[claims.Claimant]{
		h: h, kind: "claimant", path: "/api/v1/claimants",
		params: []string{"q"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Claimant], error) {
			return h.store.ListClaimants(ctx, claims.ClaimantFilter{ListOptions: q.opts, Text: q.get("q")})
		},
		// A name typed in Russian finds one recorded in English (latin.go).
		latin:    true,
		readOnly: metaFields,
		meta:     func(c *claims.Claimant) *claims.Meta { return &c.Meta },
		insert:   h.writes.CreateClaimant,
		find:     h.store.FindClaimant,
		update:   h.writes.UpdateClaimant,
		remove:   h.writes.DeleteClaimant,
	}
}
