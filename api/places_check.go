package api

import (
	"context"
	"strconv"

	"github.com/claimdesk/claimdesk/claims"
)

// placesKnown refuses place names that the gazetteer does not know but
// nearly does: "Sirya" is a 422 naming the field, with "did you mean
// Syria?". A name far from every known one is kept, as an opaque place an
// analyst may add later; bad input other than places is told first.
func (h *handler) placesKnown(ctx context.Context, field, kind string, places []string, validate func() error) error {
	if err := validate(); err != nil {
		return err
	}
	if len(places) == 0 {
		return nil
	}
	g, err := h.store.Gazetteer(ctx)
	if err != nil {
		return err
	}
	var p claims.Problems
	for i, name := range places {
		if _, ok := g.Lookup(name); ok {
			continue
		}
		if s, ok := g.Suggest(name); ok {
			p.Add(field+"["+strconv.Itoa(i)+"]", "unknown place %q: did you mean %s? (add it under /api/v1/places if it is a place of its own)", name, s)
		}
	}
	return p.Err(kind)
}

func (h *handler) claimPlacesKnown(ctx context.Context, c *claims.Claim) error {
	return h.placesKnown(ctx, "scope.places", "claim", c.Scope.Places, func() error {
		// The store prepares the claim itself; a copy tells bad input
		// first. Claim has no maps, so the shallow copy is enough here.
		cp := *c
		return cp.Prepare(nil)
	})
}

func (h *handler) topicPlacesKnown(ctx context.Context, t *claims.Topic) error {
	return h.placesKnown(ctx, "places", "topic", t.Places, func() error {
		t.Normalize()
		return t.Validate()
	})
}
