package cache

import "testing"

// TestCacheBoundsBytesLeastRecentlyUsedFirst fills a cache past its bound:
// the least recently used entries go first, an entry larger than the whole
// bound is not kept, and a lookup at another version misses.
func TestCacheBoundsBytesLeastRecentlyUsedFirst(t *testing.T) {
	c := New[string, int](100)
	c.Put("a", "1", 1, 40)
	c.Put("b", "1", 2, 40)
	if v, ok := c.Get("a", "1"); !ok || v != 1 { // a is used: b is now the least recently used
		t.Fatalf("a = %d, %v; want 1, kept", v, ok)
	}
	c.Put("c", "1", 3, 40) // 120 bytes: b goes
	if _, ok := c.Get("b", "1"); ok {
		t.Errorf("b, the least recently used, was kept")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k, "1"); !ok {
			t.Errorf("%s was evicted; want b evicted alone", k)
		}
	}
	if c.Bytes() != 80 {
		t.Errorf("holds %d bytes, want 80", c.Bytes())
	}
	if _, ok := c.Get("a", "2"); ok {
		t.Errorf("a found at another version")
	}
	c.Put("a", "2", 4, 10) // replaces a, whatever its version
	if v, ok := c.Get("a", "2"); !ok || v != 4 || c.Bytes() != 50 {
		t.Errorf("a at version 2 = %d, %v, %d bytes in all; want 4, kept, 50", v, ok, c.Bytes())
	}
	if _, ok := c.Get("a", "1"); ok {
		t.Errorf("a found at its replaced version")
	}
	if c.Put("big", "1", 5, 101) {
		t.Errorf("an entry above the whole bound was kept")
	}
	if _, ok := c.Get("c", "1"); !ok || c.Bytes() != 50 {
		t.Errorf("an entry too large to keep evicted others (%d bytes left)", c.Bytes())
	}
	c.Put("all", "1", 6, 100) // takes the whole bound
	if _, ok := c.Get("a", "2"); ok || c.Bytes() != 100 {
		t.Errorf("an entry of the whole bound kept others (%d bytes)", c.Bytes())
	}
}
