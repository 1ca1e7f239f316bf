package api

import (
	"context"
	"slices"

	"github.com/claimdesk/claimdesk/claims"
)

// claims serves /api/v1/claims. A claim sent with only quantity_text gets
// its interval from the parser (the store runs claims.Prepare); an
// analyst_interval overrides it, both are kept, and interval_source says
// which is in force. Those derived fields are the server's.
func (h *handler) claims() *resource[claims.Claim] {
	return &resource[claims.Claim]{
		h: h, kind: "claim", path: "/api/v1/claims",
		params: append([]string{"q"}, claimFilterParams...),
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Claim], error) {
			f, err := claimFilter(q)
			if err != nil {
				return claims.Page[*claims.Claim]{}, err
			}
			f.Text = q.get("q")
			return h.store.ListClaims(ctx, f)
		},
		facets: func(ctx context.Context, q query) (*claims.Facets, error) {
			f, err := claimFilter(q)
			if err != nil {
				return nil, err
			}
			f.Text = q.get("q")
			return h.facets(ctx, q, f)
		},
		latin: true,
		firstPage: func(q query) (func(context.Context) (string, error), bool) {
			// See pagecache.go: within one topic, and only filters on
			// what the topic's version covers.
			topic := q.get("topic_id")
			if topic == "" || q.get("q") != "" || q.get("place") != "" {
				return nil, false
			}
			return func(ctx context.Context) (string, error) { return h.store.TopicVersion(ctx, topic) }, true
		},
		readOnly: slices.Concat(metaFields, claims.DerivedMembers),
		keep: func(next, stored *claims.Claim) {
			next.Parsed, next.Interval = stored.Parsed, stored.Interval
			next.IntervalSource, next.ParserVersion = stored.IntervalSource, stored.ParserVersion
		},
		meta: func(c *claims.Claim) *claims.Meta { return &c.Meta },
		tag:  claimETag,
		insert: func(ctx context.Context, c *claims.Claim) error {
			if err := h.claimPlacesKnown(ctx, c); err != nil {
				return err
			}
			return h.writes.CreateClaim(ctx, c)
		},
		find: h.store.FindClaim,
		update: func(ctx context.Context, c *claims.Claim) error {
			if err := h.claimPlacesKnown(ctx, c); err != nil {
				return err
			}
			return h.writes.UpdateClaim(ctx, c)
		},
		remove:  h.writes.DeleteClaim,
		cascade: h.writes.DeleteClaimCascade,
	}
}
