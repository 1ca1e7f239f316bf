package gormstore

import (
	"context"
	"errors"
	"strconv"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

func (s *Store) claimRecord(c *claims.Claim) record {
	return record{
		kind: "claim", table: "claims",
		value: c,
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
	return s.create(ctx, &c.Meta, s.claimRecord(c))
}

// FindClaim returns the claim with the given ID.
func (s *Store) FindClaim(ctx context.Context, id string) (*claims.Claim, error) {
	var r claimRow
	if err := s.readClaim(ctx, id, &r); err != nil {
		return nil, err
	}
	c, err := r.domain()
	return c, translate(err, "find claim")
}

// ListClaims returns a page of the claims that f selects.
func (s *Store) ListClaims(ctx context.Context, f claims.ClaimFilter) (claims.Page[*claims.Claim], error) {
	if err := f.CheckRanges(); err != nil {
		return claims.Page[*claims.Claim]{Items: []*claims.Claim{}}, err
	}
	return list[claimRow, *claims.Claim](s, ctx, "claims", f.ListOptions, claims.ClaimSorts, func(q *gorm.DB) *gorm.DB {
		return s.whereClaims(q, f)
	})
}

// UpdateClaim replaces a claim; c.Version must be the stored version. The
// QuantityText is read again with the Store's parser.
func (s *Store) UpdateClaim(ctx context.Context, c *claims.Claim) error {
	return s.update(ctx, &c.Meta, s.claimRecord(c))
}

// StampParserVersion sets the parser_version of the claims ids, which
// were read again by that version and read exactly as before: no new
// version, updated_at or history row (claims.ParserStamper).
func (s *Store) StampParserVersion(ctx context.Context, version string, ids []string) error {
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := s.db.WithContext(ctx).Exec("UPDATE claims SET parser_version = ? WHERE id IN ?", version, ids[:n]).Error; err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// DeleteClaim deletes a claim that no link or review names; with them,
// the error says so and points at DeleteClaimCascade (?cascade=true).
func (s *Store) DeleteClaim(ctx context.Context, id string, version int) error {
	err := s.remove(ctx, "claim", "claims", id, version,
		reference{"links", "links", "from_id = ? OR to_id = ?"},
		reference{"reviews", "reviews", "claim_a = ? OR claim_b = ?"})
	if ce := (*claims.Error)(nil); errors.As(err, &ce) && ce.Code == claims.CodeConflict {
		return claims.Errorf(claims.CodeConflict, "%s, or delete them with it: DELETE with ?cascade=true (an admin can undo it from the trash)", ce.Message)
	}
	return err
}
