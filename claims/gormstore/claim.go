package gormstore

import (
	"context"
	"strconv"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

func (s *Store) claimRecord(c *claims.Claim) record {
	return record{
		kind: "claim", table: "claims",
		checkRefs: func(tx *gorm.DB) error {
			refs := []ref{
				{"topic_id", "topics", "topic", c.TopicID},
				{"claimant_id", "claimants", "claimant", c.ClaimantID},
				{"provenance.source_id", "sources", "source", c.Provenance.SourceID},
			}
			for i, r := range c.Provenance.Relays {
				refs = append(refs, ref{"provenance.relays[" + strconv.Itoa(i) + "].source_id", "sources", "source", r.SourceID})
			}
			return checkRefs(tx, "claim", refs...)
		},
		row:    func() (any, error) { return toClaimRow(c) },
		topics: func(*gorm.DB) ([]string, error) { return []string{c.TopicID}, nil },
		afterWrite: func(tx *gorm.DB) error {
			if err := replaceTags(tx, "claim_tags", "claim_id", c.ID, c.Tags); err != nil {
				return err
			}
			if err := tx.Exec("DELETE FROM claim_sources WHERE claim_id = ?", c.ID).Error; err != nil {
				return err
			}
			ids := sourceIDs(c)
			rows := make([]map[string]any, len(ids))
			for i, id := range ids {
				rows[i] = map[string]any{"claim_id": c.ID, "source_id": id}
			}
			return tx.Table("claim_sources").Create(rows).Error
		},
	}
}

// CreateClaim stores a new claim, reading its QuantityText with the
// Store's parser.
func (s *Store) CreateClaim(ctx context.Context, c *claims.Claim) error {
	return s.create(ctx, &c.Meta, func() error { return c.Prepare(s.parser) }, s.claimRecord(c))
}

// FindClaim returns the claim with the given ID.
func (s *Store) FindClaim(ctx context.Context, id string) (*claims.Claim, error) {
	var r claimRow
	if err := s.find(ctx, &r, "claim", "claims", id); err != nil {
		return nil, err
	}
	c, err := r.domain()
	return c, translate(err, "find claim")
}

// ListClaims returns a page of the claims that f selects.
func (s *Store) ListClaims(ctx context.Context, f claims.ClaimFilter) (claims.Page[*claims.Claim], error) {
	var p claims.Problems
	if !f.From.Valid() {
		p.Add("from", "%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", string(f.From))
	}
	if !f.To.Valid() {
		p.Add("to", "%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", string(f.To))
	}
	if err := p.Err("listing"); err != nil {
		return claims.Page[*claims.Claim]{Items: []*claims.Claim{}}, err
	}
	return list[claimRow, *claims.Claim](s, ctx, "claims", f.ListOptions, claims.ClaimSorts, func(q *gorm.DB) *gorm.DB {
		if f.TopicID != "" {
			q = q.Where("claims.topic_id = ?", f.TopicID)
		}
		if f.ClaimantID != "" {
			q = q.Where("claims.claimant_id = ?", f.ClaimantID)
		}
		if f.SourceID != "" {
			q = q.Where("claims.id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)", f.SourceID)
		}
		if f.Tag != "" {
			q = q.Where("claims.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)", f.Tag)
		}
		if f.Rank != "" {
			q = q.Where("claims.rank = ?", string(f.Rank))
		}
		if f.Grade != "" {
			q = q.Where("claims.grade = ?", string(f.Grade))
		}
		// [ref_start, ref_end] overlaps [From.Start(), To.End()]; a claim
		// with no reference date has NULLs there and never matches.
		if f.From != "" {
			q = q.Where("claims.ref_end >= ?", f.From.Start().Format(isoDay))
		}
		if f.To != "" {
			q = q.Where("claims.ref_start <= ?", f.To.End().Format(isoDay))
		}
		return whereText(q, "claims", f.Text)
	})
}

// UpdateClaim replaces a claim; c.Version must be the stored version. The
// QuantityText is read again with the Store's parser.
func (s *Store) UpdateClaim(ctx context.Context, c *claims.Claim) error {
	return s.update(ctx, &c.Meta, func() error { return c.Prepare(s.parser) }, s.claimRecord(c))
}

// DeleteClaim deletes a claim that no link names.
func (s *Store) DeleteClaim(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "claim", "claims", id, version,
		reference{"links", "links", "from_id = ? OR to_id = ?"})
}
