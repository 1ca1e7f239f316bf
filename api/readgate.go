package api

import (
	"context"
	"net/http"
	"slices"
	"sync"

	"github.com/gin-gonic/gin"
)

// The read gate
//
// The store serves a few reads at once: its pool holds a few connections
// (on SQLite max(4, GOMAXPROCS) for reads and one more for a write).
// When more requests want a connection than the pool holds, database/sql
// hands each freed connection to a waiter picked at random, so that a
// request can lose that draw many times in a row: with 64 readers on 4
// connections the 99th percentile waited while about 320 others were
// served, against about 150 behind this gate (BenchmarkReadTurns; 63
// would be its turn exactly). The API's cached reads have a tail of six
// times their median (p99 37 ms at p50 5 ms at a million claims, at 0.15
// ms of CPU a request), the draw's shape; whether the gate shortens it in
// wall time was not measurable on a busy machine (RESULTS.md, issue 14).
//
// The API's reading requests therefore wait in line before they reach the
// store: readGate lets at most its number of them run at once, and admits
// the others in the order they came, so that database/sql never has a
// crowd of waiters. A request holds its slot from its handler's start to
// its end, every store read it makes included (none takes a second slot,
// so reads nested in a request cannot deadlock on the gate). Writes do not
// wait in it: they find the pool's spare connection, which the gated reads
// leave free (the few reads outside the gate, a token's check, /readyz, an
// export, may take it for a moment). Nor do the streamed exports, which
// would hold a slot for as long as their client reads.

// readGate admits up to n holders at once, in the order they asked.
type readGate struct {
	mu   sync.Mutex
	free int
	// queue holds the waiters' channels in arrival order; release closes
	// the first, handing it the slot.
	queue []chan struct{}
}

func newReadGate(n int) *readGate { return &readGate{free: n} }

// acquire waits for a slot, in arrival order, until ctx is done.
func (g *readGate) acquire(ctx context.Context) error {
	g.mu.Lock()
	if g.free > 0 && len(g.queue) == 0 {
		g.free--
		g.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	g.queue = append(g.queue, ch)
	g.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		g.mu.Lock()
		if i := slices.Index(g.queue, ch); i >= 0 {
			g.queue = slices.Delete(g.queue, i, i+1)
			g.mu.Unlock()
		} else {
			// Handed the slot as ctx ended: pass it on.
			g.mu.Unlock()
			g.release()
		}
		return ctx.Err()
	}
}

// release gives the slot to the longest waiter, or frees it.
func (g *readGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.free++
		return
	}
	close(g.queue[0])
	g.queue = slices.Delete(g.queue, 0, 1)
}

// waiting is how many wait for a slot.
func (g *readGate) waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

// admitRead holds a slot of the read gate for a GET request (HEAD comes
// as GET, see headAsGet) while its handlers run; other methods pass. A
// request whose client goes away while it waits is answered 499.
func (h *handler) admitRead(c *gin.Context) {
	if h.reads == nil || c.Request.Method != http.MethodGet {
		c.Next()
		return
	}
	if err := h.reads.acquire(c.Request.Context()); err != nil {
		h.writeError(c, err)
		return
	}
	defer h.reads.release()
	c.Next()
}

// storeReadConns is the optional method of a Store that says how many
// reads it serves at once (gormstore.Store.ReadConns): the read gate's
// default size.
type storeReadConns interface{ ReadConns() int }

// readSlots is the read gate's size for opts: ReadSlots when positive,
// else the store's ReadConns; 0 is no gate.
func readSlots(opts Options) int {
	switch {
	case opts.ReadSlots > 0:
		return opts.ReadSlots
	case opts.ReadSlots < 0:
		return 0
	}
	if s, ok := opts.Store.(storeReadConns); ok {
		return s.ReadConns()
	}
	return 0
}
