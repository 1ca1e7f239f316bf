package gormstore

import (
	"context"

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
