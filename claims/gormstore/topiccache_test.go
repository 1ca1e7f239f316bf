package gormstore

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

func cacheViews(topic string, n int) []xref.ClaimView {
	views := make([]xref.ClaimView, n)
	for i := range views {
		views[i] = xref.ClaimView{ClaimantName: "Mikhail Bogdanov", Claim: &claims.Claim{
			Meta: claims.Meta{ID: fmt.Sprintf("%s-%d", topic, i)}, TopicID: topic,
			Quote: strings.Repeat("a long quote ", 40), Notes: "notes", QuantityText: "a few dozen",
		}}
	}
	return views
}

// TestTopicCacheBoundsBytes fills the cache past its byte bound: the
// oldest topics go, a topic larger than the bound is not kept, and what is
// kept is slim.
func TestTopicCacheBoundsBytes(t *testing.T) {
	c := newTopicCache()
	c.min = 1
	per := viewBytes(xref.ClaimView{ClaimantName: "Mikhail Bogdanov", Claim: xref.Slim(cacheViews("x", 1)[0].Claim)})
	c.limit = 25 * per // room for 25 slim views
	for i := range 4 {
		got := c.put(fmt.Sprint("t", i), 1, 1, cacheViews(fmt.Sprint("t", i), 10))
		if got[0].Quote != "" {
			t.Fatalf("put returned views with their quotes: the cache should hold slim copies")
		}
	}
	if c.size > c.limit {
		t.Errorf("cache holds %d bytes, above its bound of %d", c.size, c.limit)
	}
	for i, want := range []bool{false, false, true, true} {
		if _, ok := c.get(fmt.Sprint("t", i), 1, 1); ok != want {
			t.Errorf("topic t%d cached = %v, want %v (oldest evicted first)", i, ok, want)
		}
	}
	if _, ok := c.get("t3", 2, 1); ok {
		t.Errorf("a newer version of topic t3 was served from the cache")
	}
	big := cacheViews("big", 30)
	if got := c.put("big", 1, 1, big); got[0].Quote == "" {
		t.Errorf("a topic above the bound came back slim: it should be returned as loaded, uncached")
	}
	if _, ok := c.get("big", 1, 1); ok {
		t.Errorf("a topic above the whole bound was cached")
	}
}
