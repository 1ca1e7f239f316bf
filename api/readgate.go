package api

import (
	"log/slog"
	"net/http"
	"strings"
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
// store: a semaphore.Weighted of the gate's size (handler.reads) lets at
// most that many of them run at once and admits the others in the order
// they came, a freed slot going to the longest waiter, so that
// database/sql never has a crowd of waiters. A request whose context ends
// while it waits leaves the line without a slot.
//
// The gate comes before authentication, whose token and session checks
// read the store, and covers the API's GET requests (gated). A request
// holds its slot from its handlers' start until they start writing the
// answer (slotWriter), or return without one, or give it back
// (leaveReadGate: a relations request before it waits for a place to
// compute). Every store read
// a gated handler makes comes before its first byte (the cached pages and
// comparisons read the version again before they write, not after; none
// streams nor flushes early), so the slot covers them all, and none takes
// a second slot: reads nested in a request cannot deadlock on the gate.
// A client that reads a large answer slowly, or never, holds no slot while
// the server writes to it. A cached first page on SQLite reads its version
// through the store's commit watch, not the pool, so it holds its slot for
// its CPU only; letting it skip the gate changed nothing measurable at a
// million claims (RESULTS.md, issue 14, the commit watch), so it waits in
// line like any read. Writes do not wait in the gate: they find the
// pool's spare connection, which the gated reads leave free (the few reads
// outside the gate, /readyz, a relations request's reads after it left the
// gate, may take it for a moment). Nor do the streamed exports, which read
// the store while they write and would hold a slot for as long as their
// client reads: an export holds a connection of the pool for its whole
// download.

// admitRead holds a slot of the read gate for a GET request (HEAD comes
// as GET, see headAsGet) until its handlers start writing the answer, or
// return without one; other methods pass. A request whose client goes
// away while it waits is answered 499.
func (h *handler) admitRead(c *gin.Context) {
	if h.reads == nil || c.Request.Method != http.MethodGet || !gated(c.Request.URL.Path) {
		c.Next()
		return
	}
	if err := h.reads.Acquire(c.Request.Context(), 1); err != nil {
		h.writeError(c, err)
		return
	}
	release := sync.OnceFunc(func() { h.reads.Release(1) })
	defer release()
	w := &slotWriter{ResponseWriter: c.Writer, release: release}
	c.Writer = w
	c.Next()
	c.Writer = w.ResponseWriter
}

// gated says whether a GET of path waits in the read gate: the API's,
// except the streamed export (see above); not the frontend's files, the
// health checks nor the metrics.
func gated(path string) bool {
	return strings.HasPrefix(path, "/api/v1/") && path != "/api/v1/export"
}

// leaveReadGate gives c's slot of the read gate back before the handler
// has written anything, where it is done with the store's reads that the
// slot is for, or goes on to wait for something else: a relations request
// that waits for a place to compute must not keep others from the store.
// Its later reads, if any, wait in database/sql's pool.
func leaveReadGate(c *gin.Context) {
	if w, ok := c.Writer.(*slotWriter); ok {
		w.release()
	}
}

// slotWriter gives its request's slot of the read gate back (release)
// before the first status, bytes or flush it passes on: the store has
// been read by then, and a client that reads the answer slowly, or not at
// all, must not keep other requests from the store while the server
// writes to it.
type slotWriter struct {
	gin.ResponseWriter
	release func() // once
}

func (w *slotWriter) WriteHeader(code int) {
	w.release()
	w.ResponseWriter.WriteHeader(code)
}

func (w *slotWriter) WriteHeaderNow() {
	w.release()
	w.ResponseWriter.WriteHeaderNow()
}

func (w *slotWriter) Write(p []byte) (int, error) {
	w.release()
	return w.ResponseWriter.Write(p)
}

func (w *slotWriter) WriteString(s string) (int, error) {
	w.release()
	return w.ResponseWriter.WriteString(s)
}

func (w *slotWriter) Flush() {
	w.release()
	w.ResponseWriter.Flush()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *slotWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// storeReadConns is the optional method of a Store that says how many
// reads it serves at once (gormstore.Store.ReadConns): the read gate's
// default size.
type storeReadConns interface{ ReadConns() int }

// readSlots is the read gate's size for opts: ReadSlots when positive,
// else the store's ReadConns; 0 is no gate. A ReadSlots above the store's
// ReadConns is capped at them, with a warning on log: the slots beyond
// the read connections would only let more requests wait in database/sql's
// pool, for a connection drawn at random (what the gate is for), and take
// the connections kept for writes. The cap is no error, as ReadConns
// depends on the machine's cores: a setting made for a larger machine
// serves on a smaller one, and says so.
func readSlots(opts Options, log *slog.Logger) int {
	conns := 0
	if s, ok := opts.Store.(storeReadConns); ok {
		conns = s.ReadConns()
	}
	switch {
	case opts.ReadSlots < 0:
		return 0
	case opts.ReadSlots == 0:
		return conns
	case conns > 0 && opts.ReadSlots > conns:
		log.Warn("read slots capped at the store's read connections: more would wait in the connection pool at random and take the connections kept for writes",
			"read_slots", opts.ReadSlots, "read_conns", conns)
		return conns
	}
	return opts.ReadSlots
}
