package api

import (
	"context"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
)

// topics serves /api/v1/topics.
func (h *handler) topics() *resource[claims.Topic] {
	return &resource[claims.Topic]{
		h: h, kind: "topic", path: "/api/v1/topics",
		params: []string{"q", "tag", "parent_id", "has_conflicts"},
		filter: func(ctx context.Context, q query) (claims.Page[*claims.Topic], error) {
			f := claims.TopicFilter{
				ListOptions: q.opts, Text: q.get("q"), Tag: q.get("tag"), ParentID: q.get("parent_id"),
			}
			// has_conflicts: the topics with notable conflicts (those
			// GET /api/v1/conflicts lists), or those without, so that a
			// picker offers the topics with conflicts first.
			switch q.get("has_conflicts") {
			case "":
			case "true":
				f.HasConflicts = new(true)
			case "false":
				f.HasConflicts = new(false)
			default:
				var p claims.Problems
				p.Add("has_conflicts", "must be true or false")
				return claims.Page[*claims.Topic]{}, p.Err("listing")
			}
			return h.store.ListTopics(ctx, f)
		},
		// A name typed in Russian finds one recorded in English (latin.go).
		latin:    true,
		readOnly: metaFields,
		meta:     func(t *claims.Topic) *claims.Meta { return &t.Meta },
		// Topic.Normalize leaves absent tags nil, unlike Claim's; the API
		// promises an array.
		show: func(t *claims.Topic) {
			if t.Tags == nil {
				t.Tags = []string{}
			}
		},
		insert: func(ctx context.Context, t *claims.Topic) error {
			if err := h.titleFree(ctx, t); err != nil {
				return err
			}
			if err := h.topicPlacesKnown(ctx, t); err != nil {
				return err
			}
			return h.writes.CreateTopic(ctx, t)
		},
		find: h.store.FindTopic,
		update: func(ctx context.Context, t *claims.Topic) error {
			if err := h.titleFree(ctx, t); err != nil {
				return err
			}
			if err := h.topicPlacesKnown(ctx, t); err != nil {
				return err
			}
			return h.writes.UpdateTopic(ctx, t)
		},
		remove: h.writes.DeleteTopic,
	}
}

// titleFree refuses a title whose slug another topic's title already has:
// the same words, whatever the case and punctuation, are the same topic,
// and the slug names the topic in URLs.
func (h *handler) titleFree(ctx context.Context, t *claims.Topic) error {
	// Bad input is told first (422), a clash with another record after.
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	slug := claims.Slug(t.Title)
	if slug == "" {
		return nil
	}
	// Any topic with the same slug holds its longest word.
	word := ""
	for _, w := range strings.Split(slug, "-") {
		if len(w) > len(word) {
			word = w
		}
	}
	other, err := h.topicBySlug(ctx, slug, word)
	if err != nil || other == nil || other.ID == t.ID {
		return err
	}
	return &claims.Error{
		Code:    claims.CodeConflict,
		Message: "a topic with this title exists",
		Fields: []claims.FieldError{{Field: "title", Detail: "is the title of topic " + other.ID +
			" (“" + other.Title + "”): add its claims there, or choose a title that says how this topic differs"}},
	}
}

// topicBySlug returns the topic whose title has the slug, or nil. text,
// when given, narrows the search to topics whose text holds it.
func (h *handler) topicBySlug(ctx context.Context, slug, text string) (*claims.Topic, error) {
	o := claims.ListOptions{Limit: claims.MaxLimit}
	for {
		page, err := h.store.ListTopics(ctx, claims.TopicFilter{ListOptions: o, Text: text})
		if err != nil {
			return nil, err
		}
		for _, t := range page.Items {
			if claims.Slug(t.Title) == slug {
				return t, nil
			}
		}
		if page.Next == "" {
			return nil, nil
		}
		o.Cursor = page.Next
	}
}

// findTopic reads a topic by ID or, failing that, by the slug of its
// title: /topics/russian-nationals-fighting-with-islamic-state.
func (h *handler) findTopic(ctx context.Context, key string) (*claims.Topic, error) {
	t, err := h.store.FindTopic(ctx, key)
	if err == nil || claims.ErrorCode(err) != claims.CodeNotFound || claims.Slug(key) != key {
		return t, err
	}
	bySlug, serr := h.topicBySlug(ctx, key, "")
	if serr != nil {
		return nil, serr
	}
	if bySlug == nil {
		return nil, err
	}
	return bySlug, nil
}
