package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// FreshResult recomputes a topic from what is stored, without writing, to
// compare with the summaries the writes left.
func FreshResult(ctx context.Context, s *Store, topicID string) (xref.TopicResult, error) {
	tx := s.db.WithContext(ctx)
	g, err := loadGazetteer(tx)
	if err != nil {
		return xref.TopicResult{}, err
	}
	return computeTopic(tx, topicID, g)
}

// RecomputeTopic recomputes a topic and stores the result in one
// transaction, as a write to the topic would.
func RecomputeTopic(ctx context.Context, s *Store, topicID string) error {
	predict := func(*gorm.DB) ([]string, error) { return []string{topicID}, nil }
	return s.write(ctx, predict, func(tx *gorm.DB) error {
		dirtyOf(tx).add(false, topicID)
		return nil
	})
}

// TopicViews loads a topic's claims as a recompute does.
func TopicViews(ctx context.Context, s *Store, topicID string) ([]xref.ClaimView, error) {
	return loadViews(s.db.WithContext(ctx), "claims.topic_id = ?", topicID)
}
