package gormstore

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm/schema"

	"github.com/claimdesk/claimdesk/claims"
)

// The one declaration of each table's columns is its row struct in
// rows.go: gorm maps it for CRUD, and declare reads it, once, with gorm's
// own schema parser, into the column lists and scan destinations of the
// paths that bypass gorm's reflection (bulk INSERTs, exports, the
// recompute's reads). No other list of columns is written by hand.
//
// A column tagged row:"derived" is computed from the others when a row is
// written (the interval in force, the reference dates, the search text):
// it is written but never read back into a record, so the exports and the
// recompute leave it out.

// columns is the declaration of the table of row type R.
type columns[R any] struct {
	table string
	all   []column // every column, in the struct's order
	read  []column // those a record is read from: all but the derived
}

type column struct {
	name  string
	index []int // of the field in the row struct
	time  bool  // a time.Time, scanned through storedTime
}

// declare reads the columns of R from its struct tags. It panics on a row
// struct gorm cannot parse: that is a programming error found by any test.
func declare[R interface{ TableName() string }]() *columns[R] {
	var r R
	s, err := schema.Parse(&r, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(fmt.Sprintf("gormstore: declare %T: %v", r, err))
	}
	c := &columns[R]{table: r.TableName()}
	t := reflect.TypeFor[R]()
	for _, f := range s.Fields {
		if f.DBName == "" {
			continue
		}
		col := column{name: f.DBName, index: f.StructField.Index, time: f.StructField.Type == reflect.TypeFor[time.Time]()}
		if col.index[0] < 0 || t.FieldByIndex(col.index).Name != f.Name {
			panic(fmt.Sprintf("gormstore: declare %T: field %s: not a direct or embedded field", r, f.Name))
		}
		c.all = append(c.all, col)
		if f.Tag.Get("row") != "derived" {
			c.read = append(c.read, col)
		}
	}
	return c
}

// The declarations of the tables the fast paths read and write.
var (
	topicCols    = declare[topicRow]()
	sourceCols   = declare[sourceRow]()
	claimantCols = declare[claimantRow]()
	claimCols    = declare[claimRow]()
	linkCols     = declare[linkRow]()
	reviewCols   = declare[reviewRow]()
)

func names(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// allNames returns the names of every column.
func (c *columns[R]) allNames() []string { return names(c.all) }

// readList returns the columns a record is read from, comma-separated, for
// a SELECT.
func (c *columns[R]) readList() string { return strings.Join(names(c.read), ", ") }

// readSelect returns the columns a record is read from, each qualified
// by qual ("claims.") and, on SQLite, a timestamp as an untyped expression (timeValue),
// which readDest's storedTime parses faster than the driver would.
func (c *columns[R]) readSelect(d dialect, qual string) string {
	out := make([]string, len(c.read))
	for i, col := range c.read {
		out[i] = qual + col.name
		if col.time && d == dialectSQLite {
			out[i] = timeValue(out[i])
		}
	}
	return strings.Join(out, ", ")
}

// readDest returns where each column of readList (or readSelect) scans
// into r: a timestamp through storedTime, which takes a time or its text.
func (c *columns[R]) readDest(r *R) []any {
	v := reflect.ValueOf(r).Elem()
	out := make([]any, len(c.read))
	for i, col := range c.read {
		out[i] = v.FieldByIndex(col.index).Addr().Interface()
		if col.time {
			out[i] = (*storedTime)(out[i].(*time.Time))
		}
	}
	return out
}

// appendValues appends the value of every column of r, in the order of
// allNames, to args.
func (c *columns[R]) appendValues(args []any, r *R) []any {
	v := reflect.ValueOf(r).Elem()
	for _, col := range c.all {
		args = append(args, v.FieldByIndex(col.index).Interface())
	}
	return args
}

// bulk returns the table's description for bulk writes.
func (c *columns[R]) bulk() table { return table{c.table, c.allNames()} }

// Row returns the table, columns and values of the row a topic, source,
// claimant or claim is stored as, for baselines that insert the same rows
// by other means (cmd/claimdesk-load).
func Row(rec any) (table string, cols []string, vals []any, err error) {
	switch v := rec.(type) {
	case *claims.Topic:
		r, err := toTopicRow(v)
		if err != nil {
			return "", nil, nil, err
		}
		return topicCols.table, topicCols.allNames(), topicCols.appendValues(nil, r), nil
	case *claims.Source:
		return sourceCols.table, sourceCols.allNames(), sourceCols.appendValues(nil, toSourceRow(v)), nil
	case *claims.Claimant:
		return claimantCols.table, claimantCols.allNames(), claimantCols.appendValues(nil, toClaimantRow(v)), nil
	case *claims.Claim:
		r, err := toClaimRow(v)
		if err != nil {
			return "", nil, nil, err
		}
		return claimCols.table, claimCols.allNames(), claimCols.appendValues(nil, r), nil
	}
	return "", nil, nil, fmt.Errorf("gormstore: no row for %T", rec)
}
