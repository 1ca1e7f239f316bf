package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// sources serves /api/v1/sources.
func (h *handler) sources() *resource[claims.Source] {
	return &resource[claims.Source]{
		h: h, kind: "source", path: "/api/v1/sources",
		params: []string{"q", "kind"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Source], error) {
			return h.store.ListSources(ctx, claims.SourceFilter{
				ListOptions: q.opts, Text: q.get("q"), Kind: claims.SourceKind(q.get("kind")),
			})
		},
		// A name typed in Russian finds one recorded in English (latin.go).
		latin:    true,
		readOnly: metaFields,
		meta:     func(s *claims.Source) *claims.Meta { return &s.Meta },
		insert:   h.writes.CreateSource,
		find:     h.store.FindSource,
		update:   h.writes.UpdateSource,
		remove:   h.writes.DeleteSource,
	}
}
