package gormstore

import (
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

func cachePrepared(topic string, n int) *xref.Prepared {
	views := make([]xref.ClaimView, n)
	for i := range views {
		views[i] = xref.ClaimView{ClaimantName: "Mikhail Bogdanov", Claim: &claims.Claim{
			Meta: claims.Meta{ID: fmt.Sprintf("%s-%d", topic, i)}, TopicID: topic, QuantityText: "a few dozen",
		}}
	}
	return xref.Prepare(&claims.Topic{Meta: claims.Meta{ID: topic}}, nil, nil, views, nil)
}

// TestTopicCacheBoundsBytes fills the cache past its byte bound: the
// least recently used topics go, and a topic larger than the bound is not
// kept.
func TestTopicCacheBoundsBytes(t *testing.T) {
	c := newTopicCache()
	c.min = 1
	c.limit = 2*cachePrepared("t0", 10).Bytes() + 100 // room for two topics
	for i := range 3 {
		c.put(fmt.Sprint("t", i), "1", cachePrepared(fmt.Sprint("t", i), 10))
		if i == 1 {
			c.get("t0", "1") // t0 is used: t1 is now the least recently used
		}
	}
	if c.size > c.limit {
		t.Errorf("cache holds %d bytes, above its bound of %d", c.size, c.limit)
	}
	for i, want := range []bool{true, false, true} {
		if _, ok := c.get(fmt.Sprint("t", i), "1"); ok != want {
			t.Errorf("topic t%d cached = %v, want %v (least recently used evicted first)", i, ok, want)
		}
	}
	if _, ok := c.get("t2", "2"); ok {
		t.Errorf("a newer version of topic t2 was served from the cache")
	}
	c.put("big", "1", cachePrepared("big", 100))
	if _, ok := c.get("big", "1"); ok {
		t.Errorf("a topic above the whole bound was cached")
	}
	c.min = 20
	c.put("small", "1", cachePrepared("small", 10))
	if _, ok := c.get("small", "1"); ok {
		t.Errorf("a topic below the smallest worth caching was cached")
	}
}
