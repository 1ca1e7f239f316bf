package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// topics serves /api/v1/topics.
func (h *handler) topics() *resource[claims.Topic] {
	return &resource[claims.Topic]{
		h: h, kind: "topic", path: "/api/v1/topics",
		params: []string{"q", "tag", "parent_id"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Topic], error) {
			return h.store.ListTopics(ctx, claims.TopicFilter{
				ListOptions: q.opts, Text: q.get("q"), Tag: q.get("tag"), ParentID: q.get("parent_id"),
			})
		},
		readOnly: metaFields,
		meta:     func(t *claims.Topic) *claims.Meta { return &t.Meta },
		// Topic.Normalize leaves absent tags nil, unlike Claim's; the API
		// promises an array.
		show: func(t *claims.Topic) {
			if t.Tags == nil {
				t.Tags = []string{}
			}
		},
		insert: h.store.CreateTopic,
		find:   h.store.FindTopic,
		update: h.store.UpdateTopic,
		remove: h.store.DeleteTopic,
	}
}
