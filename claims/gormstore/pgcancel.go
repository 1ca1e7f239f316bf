package gormstore

import (
	"context"
	"database/sql/driver"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresConnOptions are the options of the PostgreSQL connections'
// pool: a connection on which a query's context was cancelled answers a
// ping before database/sql hands it to the next query.
//
// pgx cancels a query by setting a deadline on its network connection
// (pgconn.DeadlineContextWatcherHandler). When a write of a query took
// more than 15 ms (a loaded machine suffices), pgx starts a background
// reader to avoid a deadlock with the server, and that reader may be left
// blocked in a read after the query's answer arrived. The deadline of a
// cancel that comes while the query still reads its buffered answer ends
// that read with "i/o timeout", which the reader keeps; the query
// succeeds and clears the deadline, database/sql sees a healthy
// connection (stdlib's ResetSession pings only after a second of idleness)
// and the next query on it, whose client still waits, gets the kept
// error at once: a 500 "timeout: read tcp ...: i/o timeout" right after
// many requests were cut off (wrk stopping). The ping reads the kept
// error instead; pgx then closes the connection, and database/sql takes
// another one before sending the statement.
func postgresConnOptions() []stdlib.OptionOpenDB {
	return []stdlib.OptionOpenDB{
		stdlib.OptionBeforeConnect(func(_ context.Context, c *pgx.ConnConfig) error {
			c.BuildContextWatcherHandler = newCancelWatch
			return nil
		}),
		stdlib.OptionResetSession(pingIfCancelled),
	}
}

// cancelWatchKey finds a connection's cancelWatch in its CustomData.
const cancelWatchKey = "gormstore.cancelWatch"

// cancelWatch handles a cancelled context as pgx does by default, with a
// deadline on the connection, and remembers that it did.
type cancelWatch struct {
	pgconn.DeadlineContextWatcherHandler
	cancelled atomic.Bool
}

func newCancelWatch(c *pgconn.PgConn) ctxwatch.Handler {
	w := &cancelWatch{DeadlineContextWatcherHandler: pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}}
	c.CustomData()[cancelWatchKey] = w
	return w
}

func (w *cancelWatch) HandleCancel(ctx context.Context) {
	w.cancelled.Store(true)
	w.DeadlineContextWatcherHandler.HandleCancel(ctx)
}

// pingIfCancelled pings a connection on which a context was cancelled
// since it was last handed out, and reports driver.ErrBadConn if the ping
// fails, so that database/sql discards it (see postgresConnOptions). For
// a query whose own context is already done it does not ping: the ping
// would fail without reading and discard a connection that may be sound.
// The mark stays for the next query; database/sql hands out the
// connection, and the query fails before it sends anything.
func pingIfCancelled(ctx context.Context, c *pgx.Conn) error {
	w, _ := c.PgConn().CustomData()[cancelWatchKey].(*cancelWatch)
	if w == nil || !w.cancelled.Load() {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	w.cancelled.Store(false)
	if err := c.PgConn().Ping(ctx); err != nil {
		return driver.ErrBadConn
	}
	return nil
}
