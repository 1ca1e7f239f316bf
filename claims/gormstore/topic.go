package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

// maxTopicDepth bounds the walk up a topic's parent chain.
const maxTopicDepth = 1000

func (s *Store) topicRecord(t *claims.Topic) record {
	return record{
		kind: "topic", table: "topics",
		value:     t,
		checkRefs: func(tx *gorm.DB) error { return checkParent(tx, t) },
		row:       func() (any, error) { return toTopicRow(t) },
		topics:    func(*gorm.DB) ([]string, error) { return []string{t.ID, t.ParentID}, nil },
		afterWrite: func(tx *gorm.DB) error {
			return replaceTags(tx, "topic_tags", "topic_id", t.ID, t.Tags)
		},
	}
}

// checkParent reports a parent that does not exist or whose chain of
// parents leads back to t.
func checkParent(tx *gorm.DB, t *claims.Topic) error {
	if t.ParentID == "" {
		return nil
	}
	if err := checkRefs(tx, "topic", ref{"parent_id", "topics", "topic", t.ParentID}); err != nil {
		return err
	}
	id := t.ParentID
	for range maxTopicDepth {
		if id == t.ID {
			var p claims.Problems
			p.Add("parent_id", "topic %q is already part of this topic: a topic cannot be part of itself", t.ParentID)
			return p.Err("topic")
		}
		var parent []string
		if err := tx.Table("topics").Where("id = ?", id).Pluck("COALESCE(parent_id, '')", &parent).Error; err != nil {
			return err
		}
		if len(parent) == 0 || parent[0] == "" {
			return nil
		}
		id = parent[0]
	}
	var p claims.Problems
	p.Add("parent_id", "the chain of parent topics is more than %d deep", maxTopicDepth)
	return p.Err("topic")
}

// CreateTopic stores a new topic.
func (s *Store) CreateTopic(ctx context.Context, t *claims.Topic) error {
	return s.create(ctx, &t.Meta, s.topicRecord(t))
}

// FindTopic returns the topic with the given ID.
func (s *Store) FindTopic(ctx context.Context, id string) (*claims.Topic, error) {
	var r topicRow
	if err := s.find(ctx, &r, "topic", "topics", id); err != nil {
		return nil, err
	}
	t, err := r.domain()
	return t, translate(err, "find topic")
}

// ListTopics returns a page of the topics that f selects.
func (s *Store) ListTopics(ctx context.Context, f claims.TopicFilter) (claims.Page[*claims.Topic], error) {
	return list[topicRow, *claims.Topic](s, ctx, "topics", f.ListOptions, claims.TopicSorts, func(q *gorm.DB) *gorm.DB {
		if f.ParentID != "" {
			q = q.Where("topics.parent_id = ?", f.ParentID)
		}
		if f.Tag != "" {
			q = q.Where("topics.id IN (SELECT topic_id FROM topic_tags WHERE tag = ?)", f.Tag)
		}
		if f.HasConflicts != nil {
			// Each topic probed by its summary's key, in the order of
			// the listing: a first page of the topics with conflicts
			// reads about as many topics as it lists where most have
			// some (at a million claims), rather than every topic with
			// conflicts to sort them (IN (SELECT ...), 10 ms at 10,000
			// topics). A topic not yet summarised has none.
			exists := "EXISTS"
			if !*f.HasConflicts {
				exists = "NOT EXISTS"
			}
			q = q.Where(exists + " (SELECT 1 FROM topic_summaries s WHERE s.topic_id = topics.id AND s.notable_conflicts > 0)")
		}
		return whereText(q, "topics", f.Text)
	})
}

// UpdateTopic replaces a topic; t.Version must be the stored version.
func (s *Store) UpdateTopic(ctx context.Context, t *claims.Topic) error {
	return s.update(ctx, &t.Meta, s.topicRecord(t))
}

// DeleteTopic deletes a topic that has no claims and no sub-topics.
func (s *Store) DeleteTopic(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "topic", "topics", id, version,
		reference{"claims", "claims", "topic_id = ?"},
		reference{"sub-topics", "topics", "parent_id = ?"})
}
