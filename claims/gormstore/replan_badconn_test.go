package gormstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
	"testing"
)

// badConnDriver is a database/sql driver whose connections answer the
// first bad queries with driver.ErrBadConn, as pgx's do when their
// connection was closed under them, and every later one with one row
// holding "ok".
type badConnDriver struct {
	mu  sync.Mutex
	bad int // queries still to refuse
}

func (d *badConnDriver) Open(string) (driver.Conn, error) { return refusingConn{d}, nil }

// Connect and Driver make the driver its own connector, so that the test
// opens it with sql.OpenDB: sql.Register would panic when the test runs
// twice in one binary (-count=2).
func (d *badConnDriver) Connect(context.Context) (driver.Conn, error) { return d.Open("") }
func (d *badConnDriver) Driver() driver.Driver                        { return d }

type refusingConn struct{ d *badConnDriver }

func (c refusingConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not supported") }
func (c refusingConn) Close() error                        { return nil }
func (c refusingConn) Begin() (driver.Tx, error)           { return nil, errors.New("not supported") }

func (c refusingConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if c.d.bad > 0 {
		c.d.bad--
		return nil, driver.ErrBadConn
	}
	return &okRows{}, nil
}

type okRows struct{ done bool }

func (r *okRows) Columns() []string { return []string{"v"} }
func (r *okRows) Close() error      { return nil }
func (r *okRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = "ok"
	return nil
}

// TestReadRunsAgainAfterBadConnections: database/sql gives up on a query
// after three connections that were bad (driver.ErrBadConn, the statement
// not sent); a read through replanPool runs again, so that a request
// whose client still waits is not failed because others' cancelled
// queries left closed connections in the pool. A read whose context is
// cancelled is not run again.
func TestReadRunsAgainAfterBadConnections(t *testing.T) {
	d := &badConnDriver{}
	db := sql.OpenDB(d)
	defer db.Close()
	db.SetMaxOpenConns(4)
	p := newReplanPool(db, 4)
	ctx := context.Background()
	const bad = 7 // more than database/sql's three tries, fewer than the pool's
	d.bad = bad
	if _, err := db.QueryContext(ctx, "SELECT"); !errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("database/sql alone after %d bad connections: %v, want driver.ErrBadConn (the test's premise)", bad, err)
	}
	read := func(what string, query func() (string, error)) {
		t.Helper()
		d.bad = bad
		v, err := query()
		if err != nil || v != "ok" {
			t.Errorf("%s after %d bad connections: %q, %v; want \"ok\"", what, bad, v, err)
		}
	}
	read("QueryContext", func() (string, error) {
		rows, err := p.QueryContext(ctx, "SELECT")
		if err != nil {
			return "", err
		}
		defer rows.Close()
		var v string
		if rows.Next() {
			err = rows.Scan(&v)
		}
		return v, errors.Join(err, rows.Err())
	})
	read("QueryRowContext", func() (string, error) {
		var v string
		err := p.QueryRowContext(ctx, "SELECT").Scan(&v)
		return v, err
	})
	// A read whose client went away is not run again.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	d.bad = bad
	if _, err := p.QueryContext(cancelled, "SELECT"); err == nil {
		t.Error("a read with a cancelled context succeeded")
	}
	if d.bad < bad-3 {
		t.Errorf("a read with a cancelled context used %d connections, want at most database/sql's 3", bad-d.bad)
	}
}
