package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// links serves /api/v1/links: analysts' verdicts on how two claims relate.
func (h *handler) links() *resource[claims.Link] {
	return &resource[claims.Link]{
		h: h, kind: "link", path: "/api/v1/links",
		params: []string{"claim_id", "kind"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Link], error) {
			return h.store.ListLinks(ctx, claims.LinkFilter{
				ListOptions: q.opts, ClaimID: q.get("claim_id"), Kind: claims.LinkKind(q.get("kind")),
			})
		},
		readOnly: append([]string{"author"}, metaFields...),
		keep:     func(next, stored *claims.Link) { next.Author = stored.Author },
		author:   func(l *claims.Link, name string) { l.Author = name },
		meta:     func(l *claims.Link) *claims.Meta { return &l.Meta },
		insert:   h.writes.CreateLink,
		find:     h.store.FindLink,
		update:   h.writes.UpdateLink,
		remove:   h.writes.DeleteLink,
	}
}
