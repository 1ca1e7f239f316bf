package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// reviews serves /api/v1/reviews: where the analysts' review of the
// conflict between two claims stands (open, reviewed, dismissed with a
// resolution). A pair has one review; writing one recomputes the topic's
// open-conflict counts.
func (h *handler) reviews() *resource[claims.Review] {
	return &resource[claims.Review]{
		h: h, kind: "review", path: "/api/v1/reviews",
		params: []string{"topic_id", "claim_id", "status"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Review], error) {
			return h.store.ListReviews(ctx, claims.ReviewFilter{
				ListOptions: q.opts, TopicID: q.get("topic_id"), ClaimID: q.get("claim_id"),
				Status: claims.ReviewStatus(q.get("status")),
			})
		},
		readOnly: append([]string{"author"}, metaFields...),
		keep:     func(next, stored *claims.Review) { next.Author = stored.Author },
		author:   func(r *claims.Review, name string) { r.Author = name },
		meta:     func(r *claims.Review) *claims.Meta { return &r.Meta },
		insert:   h.writes.CreateReview,
		find:     h.store.FindReview,
		update:   h.writes.UpdateReview,
		remove:   h.writes.DeleteReview,
	}
}
