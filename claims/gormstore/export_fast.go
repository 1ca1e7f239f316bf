package gormstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims/exchange"
)

var _ exchange.RawClaimStore = (*Store)(nil)

// The fast path of the json and ndjson exports (exchange.RawClaimStore).
//
// Reading a row column by column costs the SQLite driver a few cgo calls
// and an allocation per column, more than the rest of the export together.
// So the database packs a claim's columns into one text value, and a
// reader goroutine copies the packed rows into a few reused chunks, which
// the caller's goroutine splits and encodes while the next rows are read.
//
// SQLite joins the columns with NUL bytes: the rowid, the types of the
// columns the driver converts (rawTyped: created_at, updated_at, version,
// no_number), those columns, then the text columns (rawText). A row in any
// other shape (a NUL inside a column, a timestamp the driver would read
// differently) is read again column by column through the driver, by
// rowid, so that every row reads exactly as EachClaim reads it.
// PostgreSQL, which keeps no NUL in text, returns the typed columns as
// columns and the text columns prefixed with their byte lengths:
// "2,8,…;" + id + topic_id + ….
//
// concat and octet_length exist in PostgreSQL and in SQLite from 3.44; an older SQLite falls back to EachClaim (ErrNoRawClaims).

// rawCol is a column of claims the raw export reads, and the member of
// exchange.RawMembers it holds.
type rawCol struct {
	name  string
	index []int // of the field in claimRow
	slot  int   // the member's Index, in RawClaim.Bytes or Values
	kind  exchange.RawKind
}

// sqliteType is what SQLite's typeof says for a typed column as claimdesk
// writes it.
func (c rawCol) sqliteType() string {
	if c.kind == exchange.RawTime {
		return "text"
	}
	return "integer"
}

// rawTyped are the columns of the claim declaration the driver converts
// (times, integers, booleans) and rawText the columns read as they are
// stored, each in the declaration's order: the columns of claimFields,
// which says which member each holds.
var rawTyped, rawText = func() (typed, text []rawCol) {
	members := exchange.RawMembers()
	for _, f := range claimFields {
		rc := rawCol{name: f.col.name, index: f.col.index, slot: members[f.member].Index, kind: f.kind}
		if rc.kind == exchange.RawText || rc.kind == exchange.RawJSON {
			text = append(text, rc)
		} else {
			typed = append(typed, rc)
		}
	}
	return typed, text
}()

func colNames(cols []rawCol, wrap string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
		if wrap != "" {
			out[i] = wrap + "(" + c.name + ")"
		}
	}
	return out
}

// rawQuery returns the query of the packed claims in dialect d.
func rawQuery(d dialect) string {
	if d == dialectSQLite {
		cols := slices.Concat([]string{"rowid"}, colNames(rawTyped, "typeof"), colNames(rawTyped, ""), colNames(rawText, ""))
		// Not concat_ws, which leaves out empty values with their
		// separators.
		return "SELECT concat(" + strings.Join(cols, ", char(0), ") + ") FROM claims"
	}
	return "SELECT " + strings.Join(colNames(rawTyped, ""), ", ") + ", concat(concat_ws(',', " +
		strings.Join(colNames(rawText, "octet_length"), ", ") + "), ';', " + strings.Join(colNames(rawText, ""), ", ") + ") FROM claims"
}

// The parts of a packed SQLite row.
var (
	sqlitePartTypes = 1                               // after the rowid
	sqlitePartTyped = sqlitePartTypes + len(rawTyped) // created_at …
	sqlitePartText  = sqlitePartTyped + len(rawTyped) // rawText
	sqliteParts     = sqlitePartText + len(rawText)
)

// rawChunk holds packed rows: data is their text, one after the other.
type rawChunk struct {
	data  []byte
	rows  []rawRow
	typed []exchange.RawValue // PostgreSQL only: len(rawTyped) a row
}

type rawRow struct {
	end int // of the row's text in data
}

const (
	rawChunkBytes = 256 << 10
	rawChunkRows  = 1024
	rawChunks     = 4 // in flight at most, so memory stays flat
)

// appendScanner scans a text or blob value onto the end of a buffer.
type appendScanner struct{ buf *[]byte }

func (a appendScanner) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*a.buf = append(*a.buf, v...)
	case []byte:
		*a.buf = append(*a.buf, v...)
	case nil:
		return errors.New("a text column of the claim is NULL")
	default:
		return fmt.Errorf("unexpected %T for the packed columns", src)
	}
	return nil
}

// EachRawClaim streams the claims f selects in ID order, as stored.
func (s *Store) EachRawClaim(ctx context.Context, f exchange.Filter, fn func(*exchange.RawClaim) error) error {
	if !s.packs {
		return exchange.ErrNoRawClaims
	}
	q, args := rawQuery(s.dialect), []any{}
	if f.TopicID != "" {
		if _, err := s.topicChain(ctx, f.TopicID); err != nil {
			return err
		}
		q, args = q+" WHERE topic_id = ?", append(args, f.TopicID)
	}
	q += " ORDER BY id"
	qctx := ctx
	if s.dialect == dialectSQLite {
		// With a context that can be cancelled the SQLite driver steps
		// every row in a goroutine of its own; the reader checks ctx
		// itself instead.
		qctx = context.WithoutCancel(ctx)
	}
	rows, err := s.db.WithContext(qctx).Raw(q, args...).Rows()
	if err != nil {
		return translate(err, "export claims")
	}
	defer rows.Close()

	full := make(chan *rawChunk, rawChunks)
	free := make(chan *rawChunk, rawChunks)
	for range rawChunks {
		free <- &rawChunk{data: make([]byte, 0, rawChunkBytes+4<<10), rows: make([]rawRow, 0, rawChunkRows)}
	}
	done := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(full)
		readErr <- readRaw(ctx, rows, s.dialect == dialectSQLite, full, free, done)
	}()
	r := exchange.NewRawClaim()
	var slow claimRow
	for c := range full {
		start := 0
		for i := range c.rows {
			row := &c.rows[i]
			var err error
			if s.dialect == dialectSQLite {
				err = s.fillRawSQLite(ctx, r, &slow, c.data[start:row.end])
			} else {
				for k, col := range rawTyped {
					r.Values[col.slot] = c.typed[i*len(rawTyped)+k]
				}
				err = fillRaw(r, c.data[start:row.end])
			}
			if err == nil {
				err = fn(r)
			}
			if err != nil {
				close(done)
				for range full {
				}
				<-readErr
				return err
			}
			start = row.end
		}
		free <- c
	}
	return translate(<-readErr, "export claims")
}

// readRaw reads the rows into chunks from free and sends them on full,
// until the rows end or done is closed.
func readRaw(ctx context.Context, rows *sql.Rows, packedOnly bool, full, free chan *rawChunk, done chan struct{}) error {
	var c *rawChunk
	// Where the typed columns scan to, then the packed text.
	times, ints, bools := make([]time.Time, len(rawTyped)), make([]int64, len(rawTyped)), make([]bool, len(rawTyped))
	dest := make([]any, len(rawTyped)+1)
	for k, col := range rawTyped {
		switch col.kind {
		case exchange.RawTime:
			dest[k] = &times[k]
		case exchange.RawInt:
			dest[k] = &ints[k]
		case exchange.RawBool:
			dest[k] = &bools[k]
		}
	}
	send := func() bool {
		select {
		case full <- c:
			c = nil
			return true
		case <-done:
			return false
		}
	}
	for n := 0; rows.Next(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if c == nil {
			select {
			case c = <-free:
			case <-done:
				return nil
			}
			c.data, c.rows, c.typed = c.data[:0], c.rows[:0], c.typed[:0]
		}
		var row rawRow
		var err error
		if packedOnly {
			err = rows.Scan(appendScanner{&c.data})
		} else {
			dest[len(dest)-1] = appendScanner{&c.data}
			if err = rows.Scan(dest...); err == nil {
				for k, col := range rawTyped {
					var v exchange.RawValue
					switch col.kind {
					case exchange.RawTime:
						v.Time = times[k]
					case exchange.RawInt:
						v.Int = ints[k]
					case exchange.RawBool:
						v.Bool = bools[k]
					}
					c.typed = append(c.typed, v)
				}
			}
		}
		if err != nil {
			return err
		}
		row.end = len(c.data)
		c.rows = append(c.rows, row)
		if (len(c.data) >= rawChunkBytes || len(c.rows) == rawChunkRows) && !send() {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if c != nil && len(c.rows) > 0 {
		send()
	}
	return nil
}

// fillRawSQLite splits a packed SQLite row into r, or reads the row again
// through the driver into slow when it is not in the shape fillRawSQLite
// reads.
func (s *Store) fillRawSQLite(ctx context.Context, r *exchange.RawClaim, slow *claimRow, p []byte) error {
	parts := make([][]byte, sqliteParts)
	n := 0
	for n < len(parts)-1 {
		i := bytes.IndexByte(p, 0)
		if i < 0 {
			break
		}
		parts[n], p = p[:i:i], p[i+1:]
		n++
	}
	parts[n] = p
	rowid := parts[0]
	if n == len(parts)-1 && bytes.IndexByte(p, 0) < 0 {
		if ok := fillSQLiteParts(r, parts); ok {
			return nil
		}
	}
	// A NUL within a column, or a column the driver converts in another
	// shape: read the row as EachClaim does.
	id, err := strconv.ParseInt(string(rowid), 10, 64)
	if err != nil {
		return fmt.Errorf("gormstore: export claims: a packed row starts with %q, not a rowid", rowid)
	}
	rows, err := s.db.WithContext(ctx).Raw("SELECT "+claimCols.readList()+" FROM claims WHERE rowid = ?", id).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return fmt.Errorf("gormstore: export claims: row %d is gone", id)
	}
	if err := rows.Scan(claimCols.readDest(slow)...); err != nil {
		return err
	}
	fillFromRow(r, slow)
	return rows.Close()
}

// fillSQLiteParts fills r from the parts of a packed SQLite row, reporting
// whether the columns the driver converts are in the shape it writes
// them, so that they read here as through the driver.
func fillSQLiteParts(r *exchange.RawClaim, parts [][]byte) bool {
	for i, col := range rawTyped {
		if string(parts[sqlitePartTypes+i]) != col.sqliteType() {
			return false
		}
	}
	for i, col := range rawTyped {
		p, v := parts[sqlitePartTyped+i], &r.Values[col.slot]
		switch col.kind {
		case exchange.RawTime:
			t, ok := parseSQLiteTime(p)
			if !ok {
				return false
			}
			v.Time = t
		case exchange.RawInt:
			n, err := strconv.ParseInt(string(p), 10, 64)
			if err != nil {
				return false
			}
			v.Int = n
		case exchange.RawBool:
			// The driver reads a boolean column's integer as value > 0.
			if len(p) == 0 || p[0] == '-' {
				return false
			}
			v.Bool = string(p) != "0"
		}
	}
	setColumns(r, parts[sqlitePartText:])
	return true
}

// fillFromRow fills r from a claim row scanned by scanClaim.
func fillFromRow(r *exchange.RawClaim, c *claimRow) {
	row := reflect.ValueOf(c).Elem()
	for _, col := range rawTyped {
		f, v := row.FieldByIndex(col.index), &r.Values[col.slot]
		switch col.kind {
		case exchange.RawTime:
			v.Time = f.Interface().(time.Time)
		case exchange.RawInt:
			v.Int = f.Int()
		case exchange.RawBool:
			v.Bool = f.Bool()
		}
	}
	for _, col := range rawText {
		r.Bytes[col.slot] = []byte(row.FieldByIndex(col.index).String())
	}
}

// parseSQLiteTime parses the text the SQLite driver writes for a
// time.Time, "2006-01-02 15:04:05.999999999-07:00", to the instant in
// UTC, and reports whether it did; the caller leaves anything else to the
// driver.
func parseSQLiteTime(b []byte) (time.Time, bool) {
	if len(b) < len("2006-01-02 15:04:05+00:00") || b[10] != ' ' || (b[len(b)-6] != '+' && b[len(b)-6] != '-') {
		return time.Time{}, false
	}
	t, ok := parseTimestamp(b)
	return t.UTC(), ok
}

// fillRaw splits a packed PostgreSQL row into r: the byte lengths of the
// columns of rawText, a semicolon, then the columns.
func fillRaw(r *exchange.RawClaim, p []byte) error {
	cols := make([][]byte, len(rawText))
	i, sum := 0, 0
	lens := make([]int, len(cols))
	for k := range cols {
		v, digits := 0, 0
		for ; i < len(p) && '0' <= p[i] && p[i] <= '9'; i++ {
			v = v*10 + int(p[i]-'0')
			digits++
		}
		sep := byte(',')
		if k == len(cols)-1 {
			sep = ';'
		}
		if digits == 0 || digits > 9 || i >= len(p) || p[i] != sep {
			return fmt.Errorf("gormstore: export claims: a packed row does not hold %d columns", len(cols))
		}
		i++
		lens[k] = v
		sum += v
	}
	if i+sum != len(p) {
		return errors.New("gormstore: export claims: a packed row's lengths do not add up")
	}
	for k := range cols {
		cols[k] = p[i : i+lens[k] : i+lens[k]]
		i += lens[k]
	}
	setColumns(r, cols[:])
	return nil
}

// setColumns sets the text columns of r, in the order of rawText.
func setColumns(r *exchange.RawClaim, c [][]byte) {
	for i, col := range rawText {
		r.Bytes[col.slot] = c[i]
	}
}
