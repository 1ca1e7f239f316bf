package gormstore_test

import (
	"context"
	"errors"
	"net"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// stallingConn is a connection to PostgreSQL whose armed write, once
// sent, waits until pgx's background reader has read the whole answer
// (up to ReadyForQuery) and begun another read, as it does when a write
// took more than its 15 ms; then it cancels the query's context and waits
// for that read to end. The cancel comes when the answer is buffered: the
// query succeeds, and the read that the cancel's deadline ended is left.
type stallingConn struct {
	net.Conn

	mu       sync.Mutex
	cancel   context.CancelFunc // of the armed write's query; nil when not armed
	watching bool               // the armed write is under way
	answer   []byte             // read during the armed write
	answered bool               // answer ends with ReadyForQuery
	pending  chan struct{}      // closed when a read begins after the answer
	ended    chan struct{}      // closed when that read returns
	endErr   error              // that read's error
}

func (c *stallingConn) arm(cancel context.CancelFunc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancel = cancel
	c.pending, c.ended = make(chan struct{}), make(chan struct{})
}

func (c *stallingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	cancel := c.cancel
	c.cancel, c.watching = nil, cancel != nil
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if cancel == nil || err != nil {
		return n, err
	}
	<-c.pending
	cancel()
	<-c.ended
	c.mu.Lock()
	c.watching = false
	c.mu.Unlock()
	return n, err
}

func (c *stallingConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	watching := c.watching
	last := watching && c.answered
	if last {
		close(c.pending)
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case last:
		c.endErr = err
		c.watching = false
		close(c.ended)
	case watching:
		c.answer = append(c.answer, p[:n]...)
		a := c.answer
		// ReadyForQuery: 'Z', length 5, transaction status.
		c.answered = len(a) >= 6 && a[len(a)-6] == 'Z' && string(a[len(a)-5:len(a)-1]) == "\x00\x00\x00\x05"
	}
	return n, err
}

// TestReadAfterQueryCancelledOnItsAnswer: a query whose context is
// cancelled while pgx's background reader waits for more after the
// buffered answer leaves, in pgx, that read's "i/o timeout" to the next
// query on the connection. The pool of a PostgreSQL store must not hand
// that connection to the next read as it is: the read, whose context is
// live, succeeds.
func TestReadAfterQueryCancelledOnItsAnswer(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu     sync.Mutex
		dialed []*stallingConn
	)
	dial := cfg.DialFunc
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		c := &stallingConn{Conn: nc}
		mu.Lock()
		dialed = append(dialed, c)
		mu.Unlock()
		return c, nil
	}
	db := stdlib.OpenDB(*cfg, gormstore.PostgresConnOptions()...)
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	const q = "SELECT 1"
	var one int
	// q is prepared on the connection: its next run is a single write.
	if err := db.QueryRowContext(ctx, q).Scan(&one); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	c := dialed[0]
	mu.Unlock()
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c.arm(cancel)
	if rows, err := db.QueryContext(qctx, q); err == nil {
		rows.Close()
	}
	if !errors.Is(c.endErr, os.ErrDeadlineExceeded) {
		t.Fatalf("the read pending when the query was cancelled ended with %v, want a deadline exceeded (the test's premise)", c.endErr)
	}
	one = 0
	if err := db.QueryRowContext(ctx, q).Scan(&one); err != nil || one != 1 {
		t.Fatalf("a read after a query cancelled on its answer, on the same connection: %d, %v; want 1", one, err)
	}
}
