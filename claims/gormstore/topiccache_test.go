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

// TestTopicCacheBoundsBytes fills the cache of prepared topics past its
// byte bound, as Prepared.Bytes counts them: the least recently used
// topics go, and a topic larger than the bound is not kept.
func TestTopicCacheBoundsBytes(t *testing.T) {
	c := newTopicCache(2*cachePrepared("t0", 10).Bytes() + 100) // room for two topics
	for i := range 3 {
		p := cachePrepared(fmt.Sprint("t", i), 10)
		c.prepared.Put(fmt.Sprint("t", i), "1", p, p.Bytes())
		if i == 1 {
			c.prepared.Get("t0", "1") // t0 is used: t1 is now the least recently used
		}
	}
	for i, want := range []bool{true, false, true} {
		if _, ok := c.prepared.Get(fmt.Sprint("t", i), "1"); ok != want {
			t.Errorf("topic t%d cached = %v, want %v (least recently used evicted first)", i, ok, want)
		}
	}
	if _, ok := c.prepared.Get("t2", "2"); ok {
		t.Errorf("a newer version of topic t2 was served from the cache")
	}
	big := cachePrepared("big", 100)
	c.prepared.Put("big", "1", big, big.Bytes())
	if _, ok := c.prepared.Get("big", "1"); ok {
		t.Errorf("a topic above the whole bound was cached")
	}
}
