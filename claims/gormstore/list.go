package gormstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
)

// A sortKey is a column a listing sorts on. Nullable columns sort as if
// NULL were greater than every value: last ascending, first descending,
// which is PostgreSQL's native order.
type sortKey struct {
	column   string
	kind     valueKind
	nullable bool
}

type valueKind int

const (
	kindTime valueKind = iota
	kindString
	kindFloat
)

var (
	createdKey = sortKey{"created_at", kindTime, false}
	updatedKey = sortKey{"updated_at", kindTime, false}
)

// sortKeys maps the sortable fields of claims.*Sorts to columns.
var sortKeys = map[string]sortKey{
	"created_at":   createdKey,
	"updated_at":   updatedKey,
	"title":        {"title", kindString, false},
	"name":         {"name", kindString, false},
	"published_on": {"published_on", kindString, true},
	"ref_date":     {"ref_start", kindString, true},
	"low":          {"low", kindFloat, true},
	"high":         {"high", kindFloat, true},
	"best":         {"best", kindFloat, true},
}

// cursor is what a page's Next encodes: the listing and sort it belongs to,
// and the sort value and ID of the page's last row.
type cursor struct {
	Listing string          `json:"l"`
	Sort    string          `json:"s"`
	Value   json.RawMessage `json:"v"`
	ID      string          `json:"i"`
}

func badCursor() error {
	var p claims.Problems
	p.Add("cursor", "is not a cursor of this listing: start again from the first page")
	return p.Err("listing")
}

func encodeCursor(listing, sort string, value any, id string) (string, error) {
	v, err := json.Marshal(value)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(cursor{Listing: listing, Sort: sort, Value: v, ID: id})
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// decodeCursor returns the sort value (nil for NULL) and ID a cursor holds.
func decodeCursor(s, listing, sort string, key sortKey) (value any, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, "", badCursor()
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Listing != listing || c.Sort != sort || !claims.ValidID(c.ID) {
		return nil, "", badCursor()
	}
	if string(c.Value) == "null" {
		if !key.nullable {
			return nil, "", badCursor()
		}
		return nil, c.ID, nil
	}
	switch key.kind {
	case kindTime:
		var t time.Time
		err = json.Unmarshal(c.Value, &t)
		value = t.UTC()
	case kindFloat:
		var f float64
		err = json.Unmarshal(c.Value, &f)
		value = f
	default:
		var str string
		err = json.Unmarshal(c.Value, &str)
		value = str
	}
	if err != nil {
		return nil, "", badCursor()
	}
	return value, c.ID, nil
}

// keyset adds the condition "after the cursor" and the order of the listing
// to q. Ties are broken by ID, in the direction of the sort.
func keyset(q *gorm.DB, table string, key sortKey, desc bool, after any, afterID string, hasCursor bool) *gorm.DB {
	col, id := table+"."+key.column, table+".id"
	if hasCursor {
		switch {
		case !desc && after == nil:
			q = q.Where(col+" IS NULL AND "+id+" > ?", afterID)
		case !desc && key.nullable:
			q = q.Where("("+col+" > ? OR "+col+" IS NULL OR ("+col+" = ? AND "+id+" > ?))", after, after, afterID)
		case !desc:
			q = q.Where("("+col+" > ? OR ("+col+" = ? AND "+id+" > ?))", after, after, afterID)
		case after == nil:
			q = q.Where("("+col+" IS NOT NULL OR "+id+" < ?)", afterID)
		default:
			q = q.Where("("+col+" < ? OR ("+col+" = ? AND "+id+" < ?))", after, after, afterID)
		}
	}
	switch {
	case !desc && key.nullable:
		return q.Order(col + " ASC NULLS LAST").Order(id + " ASC")
	case !desc:
		return q.Order(col + " ASC").Order(id + " ASC")
	case key.nullable:
		return q.Order(col + " DESC NULLS FIRST").Order(id + " DESC")
	}
	return q.Order(col + " DESC").Order(id + " DESC")
}

// listRow is what every row struct offers listings.
type listRow[T any] interface {
	domain() (T, error)
	sortValue(col string) any
	id() string
}

// list runs one page of a listing: listing names it (in cursors and
// errors), sorts are its sortable fields, and filter adds its conditions.
func list[R any, T any, PR interface {
	*R
	listRow[T]
}](s *Store, ctx context.Context, table string, o claims.ListOptions, sorts []string, filter func(q *gorm.DB) *gorm.DB) (claims.Page[T], error) {
	page := claims.Page[T]{Items: []T{}}
	if err := o.Check(sorts); err != nil {
		return page, err
	}
	field, desc := o.SortField(sorts[0])
	key := sortKeys[field]
	sort := field
	if desc {
		sort = "-" + field
	}
	var after any
	var afterID string
	if o.Cursor != "" {
		var err error
		if after, afterID, err = decodeCursor(o.Cursor, table, sort, key); err != nil {
			return page, err
		}
	}
	q := filter(s.hotReader(ctx).Table(table))
	q = keyset(q, table, key, desc, after, afterID, o.Cursor != "")
	n := o.PageSize()
	var rows []R
	var err error
	if cr, ok := any(&rows).(*[]claimRow); ok {
		*cr, err = scanClaims(q.Limit(n+1), key.column)
	} else {
		err = q.Limit(n + 1).Find(&rows).Error
	}
	if err != nil {
		return page, translate(err, "list "+table)
	}
	if len(rows) > n {
		rows = rows[:n]
		last := PR(&rows[n-1])
		next, err := encodeCursor(table, sort, last.sortValue(key.column), last.id())
		if err != nil {
			return page, translate(err, "list "+table)
		}
		page.Next = next
	}
	page.Items = make([]T, 0, len(rows))
	for i := range rows {
		item, err := PR(&rows[i]).domain()
		if err != nil {
			return page, translate(err, "list "+table)
		}
		page.Items = append(page.Items, item)
	}
	return page, nil
}

// likeContains returns a LIKE pattern matching text anywhere, with the
// wildcards in text escaped (the queries say ESCAPE '\'). It lowercases
// text, as the search columns are lowercase.
func likeContains(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(text)) + "%"
}

// whereText adds a case-insensitive "contains" filter on the table's
// search column: any of text's alternatives (fulltext.Alternatives:
// "Sergey Shoygu OR Sergei Shoigu"), each a run of characters. A text
// of spaces is no filter; one whose every alternative is empty (" OR ")
// matches nothing.
func whereText(q *gorm.DB, table, text string) *gorm.DB {
	if strings.TrimSpace(text) == "" {
		return q
	}
	alts := fulltext.Alternatives(text)
	if len(alts) == 0 {
		return q.Where("1 = 0")
	}
	conds := make([]string, len(alts))
	args := make([]any, len(alts))
	for i, a := range alts {
		conds[i] = table + `.search LIKE ? ESCAPE '\'`
		args[i] = likeContains(a)
	}
	return q.Where("("+strings.Join(conds, " OR ")+")", args...)
}
