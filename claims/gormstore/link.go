package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

func linkRecord(l *claims.Link) record {
	return record{
		kind: "link", table: "links",
		value: l,
		checkRefs: func(tx *gorm.DB) error {
			return checkRefs(tx, "link",
				ref{"from_id", "claims", "claim", l.FromID},
				ref{"to_id", "claims", "claim", l.ToID})
		},
		row:    func() (any, error) { return toLinkRow(l), nil },
		topics: func(tx *gorm.DB) ([]string, error) { return claimTopics(tx, l.FromID, l.ToID) },
	}
}

// CreateLink stores a new link between two claims.
func (s *Store) CreateLink(ctx context.Context, l *claims.Link) error {
	return s.create(ctx, &l.Meta, linkRecord(l))
}

// FindLink returns the link with the given ID.
func (s *Store) FindLink(ctx context.Context, id string) (*claims.Link, error) {
	var r linkRow
	if err := s.find(ctx, &r, "link", "links", id); err != nil {
		return nil, err
	}
	return r.domain()
}

// ListLinks returns a page of the links that f selects.
func (s *Store) ListLinks(ctx context.Context, f claims.LinkFilter) (claims.Page[*claims.Link], error) {
	return list[linkRow, *claims.Link](s, ctx, "links", f.ListOptions, claims.LinkSorts, func(q *gorm.DB) *gorm.DB {
		if f.ClaimID != "" {
			q = q.Where("(links.from_id = ? OR links.to_id = ?)", f.ClaimID, f.ClaimID)
		}
		if f.Kind != "" {
			q = q.Where("links.kind = ?", string(f.Kind))
		}
		return q
	})
}

// UpdateLink replaces a link; l.Version must be the stored version.
func (s *Store) UpdateLink(ctx context.Context, l *claims.Link) error {
	return s.update(ctx, &l.Meta, linkRecord(l))
}

// DeleteLink deletes a link.
func (s *Store) DeleteLink(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "link", "links", id, version)
}
