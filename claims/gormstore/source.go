package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

func sourceRecord(src *claims.Source) record {
	return record{
		kind: "source", table: "sources",
		value: src,
		row:   func() (any, error) { return toSourceRow(src), nil },
	}
}

// CreateSource stores a new source.
func (s *Store) CreateSource(ctx context.Context, src *claims.Source) error {
	return s.create(ctx, &src.Meta, sourceRecord(src))
}

// FindSource returns the source with the given ID.
func (s *Store) FindSource(ctx context.Context, id string) (*claims.Source, error) {
	var r sourceRow
	if err := s.find(ctx, &r, "source", "sources", id); err != nil {
		return nil, err
	}
	return r.domain()
}

// ListSources returns a page of the sources that f selects.
func (s *Store) ListSources(ctx context.Context, f claims.SourceFilter) (claims.Page[*claims.Source], error) {
	return list[sourceRow, *claims.Source](s, ctx, "sources", f.ListOptions, claims.SourceSorts, func(q *gorm.DB) *gorm.DB {
		if f.Kind != "" {
			q = q.Where("sources.kind = ?", string(f.Kind))
		}
		return whereText(q, "sources", f.Text)
	})
}

// UpdateSource replaces a source; src.Version must be the stored version.
func (s *Store) UpdateSource(ctx context.Context, src *claims.Source) error {
	return s.update(ctx, &src.Meta, sourceRecord(src))
}

// DeleteSource deletes a source that no claim names as origin or relay.
func (s *Store) DeleteSource(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "source", "sources", id, version,
		reference{"claims", "claim_sources", "source_id = ?"})
}

func claimantRecord(c *claims.Claimant) record {
	return record{
		kind: "claimant", table: "claimants",
		value: c,
		row:   func() (any, error) { return toClaimantRow(c), nil },
	}
}

// CreateClaimant stores a new claimant.
func (s *Store) CreateClaimant(ctx context.Context, c *claims.Claimant) error {
	return s.create(ctx, &c.Meta, claimantRecord(c))
}

// FindClaimant returns the claimant with the given ID.
func (s *Store) FindClaimant(ctx context.Context, id string) (*claims.Claimant, error) {
	var r claimantRow
	if err := s.find(ctx, &r, "claimant", "claimants", id); err != nil {
		return nil, err
	}
	return r.domain()
}

// ListClaimants returns a page of the claimants that f selects.
func (s *Store) ListClaimants(ctx context.Context, f claims.ClaimantFilter) (claims.Page[*claims.Claimant], error) {
	return list[claimantRow, *claims.Claimant](s, ctx, "claimants", f.ListOptions, claims.ClaimantSorts, func(q *gorm.DB) *gorm.DB {
		return whereText(q, "claimants", f.Text)
	})
}

// UpdateClaimant replaces a claimant; c.Version must be the stored version.
func (s *Store) UpdateClaimant(ctx context.Context, c *claims.Claimant) error {
	return s.update(ctx, &c.Meta, claimantRecord(c))
}

// DeleteClaimant deletes a claimant to whom no claim is attributed.
func (s *Store) DeleteClaimant(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "claimant", "claimants", id, version,
		reference{"claims", "claims", "claimant_id = ?"})
}
