package gormstore

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
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

// The reference loader: what xref.Recompute needs of one topic, read one
// query at a time, independently of the batched loader it checks.

// computeTopic loads what xref.Recompute needs for a topic and runs it,
// one query at a time: the reference for the batched recompute of
// recompute.go, which must give the same results.
func computeTopic(tx *gorm.DB, topicID string, g *gazetteer.Gazetteer) (xref.TopicResult, error) {
	topic, err := loadTopic(tx, topicID)
	if err != nil {
		return xref.TopicResult{}, err
	}
	cs, err := loadViews(tx, "claims.topic_id = ?", topicID)
	if err != nil {
		return xref.TopicResult{}, err
	}
	rel := &xref.Related{Gazetteer: g}
	if topic.ParentID != "" {
		if rel.Parent, err = loadTopic(tx, topic.ParentID); err != nil {
			return xref.TopicResult{}, err
		}
		if rel.ParentClaims, err = loadViews(tx, "claims.topic_id = ?", topic.ParentID); err != nil {
			return xref.TopicResult{}, err
		}
	}
	if rel.ChildClaims, err = loadViews(tx, "claims.topic_id IN (SELECT id FROM topics WHERE parent_id = ?)", topicID); err != nil {
		return xref.TopicResult{}, err
	}
	links, err := topicLinks(tx, topicID)
	if err != nil {
		return xref.TopicResult{}, err
	}
	const inTopic = "IN (SELECT id FROM claims WHERE topic_id = ?)"
	var rrows []reviewRow
	if err := tx.Table("reviews").Where("claim_a "+inTopic+" OR claim_b "+inTopic, topicID, topicID).Order("id").Find(&rrows).Error; err != nil {
		return xref.TopicResult{}, err
	}
	rel.Reviews = make([]*claims.Review, len(rrows))
	for i := range rrows {
		rel.Reviews[i], _ = rrows[i].domain()
	}
	slices.SortFunc(rel.Reviews, func(a, b *claims.Review) int { return strings.Compare(a.ID, b.ID) })
	return xref.Recompute(topic, cs, links, rel), nil
}

// claimViewRow is a claim with its claimant's name.
type claimViewRow struct {
	Claim        claimRow `gorm:"embedded"`
	ClaimantName string
}

// loadViews returns the claims a condition on the claims table selects,
// with their claimants' names, ordered by ID (byte by byte, whatever the
// database's collation, so that a recompute gives the same result on
// every database).
func loadViews(tx *gorm.DB, where string, args ...any) ([]xref.ClaimView, error) {
	var rows []claimViewRow
	err := tx.Table("claims").Select("claims.*, claimants.name AS claimant_name").
		Joins("JOIN claimants ON claimants.id = claims.claimant_id").
		Where(where, args...).Order("claims.id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]xref.ClaimView, len(rows))
	for i := range rows {
		c, err := rows[i].Claim.domain()
		if err != nil {
			return nil, err
		}
		out[i] = xref.ClaimView{Claim: c, ClaimantName: rows[i].ClaimantName}
	}
	sortViews(out)
	return out, nil
}

// topicLinks returns the links touching a claim of the topic, by ID.
func topicLinks(tx *gorm.DB, topicID string) ([]*claims.Link, error) {
	const inTopic = "IN (SELECT id FROM claims WHERE topic_id = ?)"
	var rows []linkRow
	if err := tx.Table("links").Where("from_id "+inTopic+" OR to_id "+inTopic, topicID, topicID).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	links := make([]*claims.Link, len(rows))
	for i := range rows {
		links[i], _ = rows[i].domain()
	}
	slices.SortFunc(links, func(a, b *claims.Link) int { return strings.Compare(a.ID, b.ID) })
	return links, nil
}

func loadTopic(tx *gorm.DB, id string) (*claims.Topic, error) {
	var r topicRow
	if err := tx.Table("topics").Where("id = ?", id).Take(&r).Error; err != nil {
		return nil, err
	}
	return r.domain()
}

func sortViews(vs []xref.ClaimView) {
	slices.SortFunc(vs, func(a, b xref.ClaimView) int { return strings.Compare(a.ID, b.ID) })
}
