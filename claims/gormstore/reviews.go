package gormstore

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

type reviewRow struct {
	Meta       metaRow `gorm:"embedded"`
	ClaimA     string
	ClaimB     string
	Status     string
	Resolution string
	Author     string
}

func (reviewRow) TableName() string { return "reviews" }

func toReviewRow(r *claims.Review) *reviewRow {
	return &reviewRow{
		Meta: rowMeta(r.Meta), ClaimA: r.ClaimA, ClaimB: r.ClaimB, Status: string(r.Status),
		Resolution: r.Resolution, Author: r.Author,
	}
}

func (r *reviewRow) domain() (*claims.Review, error) {
	return &claims.Review{
		Meta: r.Meta.meta(), ClaimA: r.ClaimA, ClaimB: r.ClaimB, Status: claims.ReviewStatus(r.Status),
		Resolution: r.Resolution, Author: r.Author,
	}, nil
}

func (r *reviewRow) id() string { return r.Meta.ID }

func (r *reviewRow) sortValue(col string) any {
	if col == "updated_at" {
		return r.Meta.UpdatedAt
	}
	return r.Meta.CreatedAt
}

func reviewRecord(r *claims.Review) record {
	return record{
		kind: "review", table: "reviews",
		value: r,
		checkRefs: func(tx *gorm.DB) error {
			if err := checkRefs(tx, "review",
				ref{"claim_a", "claims", "claim", r.ClaimA},
				ref{"claim_b", "claims", "claim", r.ClaimB}); err != nil {
				return err
			}
			var other reviewRow
			err := tx.Table("reviews").Where("claim_a = ? AND claim_b = ? AND id <> ?", r.ClaimA, r.ClaimB, r.ID).Take(&other).Error
			switch {
			case err == nil:
				return claims.Errorf(claims.CodeConflict,
					"the conflict between claims %q and %q already has a review (%q): update that one instead", r.ClaimA, r.ClaimB, other.Meta.ID)
			case !errors.Is(err, gorm.ErrRecordNotFound):
				return err
			}
			return nil
		},
		row:    func() (any, error) { return toReviewRow(r), nil },
		topics: func(tx *gorm.DB) ([]string, error) { return claimTopics(tx, r.ClaimA, r.ClaimB) },
	}
}

// CreateReview stores a new review of the conflict between two claims.
func (s *Store) CreateReview(ctx context.Context, r *claims.Review) error {
	return s.create(ctx, &r.Meta, reviewRecord(r))
}

// FindReview returns the review with the given ID.
func (s *Store) FindReview(ctx context.Context, id string) (*claims.Review, error) {
	var r reviewRow
	if err := s.find(ctx, &r, "review", "reviews", id); err != nil {
		return nil, err
	}
	return r.domain()
}

// ListReviews returns a page of the reviews that f selects.
func (s *Store) ListReviews(ctx context.Context, f claims.ReviewFilter) (claims.Page[*claims.Review], error) {
	if f.Status != "" && f.Status != claims.ReviewOpen && f.Status != claims.ReviewReviewed && f.Status != claims.ReviewDismissed {
		var p claims.Problems
		p.Add("status", "must be open, reviewed or dismissed")
		return claims.Page[*claims.Review]{Items: []*claims.Review{}}, p.Err("listing")
	}
	return list[reviewRow, *claims.Review](s, ctx, "reviews", f.ListOptions, claims.ReviewSorts, func(q *gorm.DB) *gorm.DB {
		if f.TopicID != "" {
			const inTopic = "IN (SELECT id FROM claims WHERE topic_id = ?)"
			q = q.Where("(reviews.claim_a "+inTopic+" OR reviews.claim_b "+inTopic+")", f.TopicID, f.TopicID)
		}
		if f.ClaimID != "" {
			q = q.Where("(reviews.claim_a = ? OR reviews.claim_b = ?)", f.ClaimID, f.ClaimID)
		}
		if f.Pairs != nil {
			if len(f.Pairs) == 0 {
				return q.Where("1 = 0")
			}
			// One lookup a pair in the index of UNIQUE (claim_a, claim_b).
			pairs := make([][]any, len(f.Pairs))
			for i, p := range f.Pairs {
				pairs[i] = []any{p[0], p[1]}
			}
			if s.hot != nil && !s.inTx {
				// Padded with the last pair to a power of two: few
				// statement texts to keep prepared (see padIDs).
				pairs = padIDs(pairs)
			}
			q = q.Where("(reviews.claim_a, reviews.claim_b) IN ?", pairs)
		}
		if f.Status != "" {
			q = q.Where("reviews.status = ?", string(f.Status))
		}
		return q
	})
}

// UpdateReview replaces a review; r.Version must be the stored version.
func (s *Store) UpdateReview(ctx context.Context, r *claims.Review) error {
	return s.update(ctx, &r.Meta, reviewRecord(r))
}

// DeleteReview deletes a review: its conflict is open again.
func (s *Store) DeleteReview(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "review", "reviews", id, version)
}
