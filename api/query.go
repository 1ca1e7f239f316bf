package api

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
)

// query is a listing's parsed query string.
type query struct {
	values url.Values
	opts   claims.ListOptions
}

// MaxQueryText is the longest text search (?q=) a listing accepts, in
// characters.
const MaxQueryText = 500

// listParams are the parameters every listing takes.
var listParams = []string{"sort", "limit", "cursor"}

// parseQuery checks the query string against the listing's parameters:
// an unknown parameter is an error naming it, so that a typo such as
// ?topic= does not silently list everything. So is a repeated one.
func parseQuery(values url.Values, params ...string) (query, error) {
	var p claims.Problems
	known := slices.Concat(params, listParams)
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		switch {
		case !slices.Contains(known, k):
			p.Add(k, "is not a parameter of this listing: use %s", strings.Join(known, ", "))
		case len(values[k]) > 1:
			p.Add(k, "is given %d times: give it once", len(values[k]))
		case !utf8.ValidString(values.Get(k)):
			p.Add(k, "is not valid UTF-8")
		case strings.ContainsRune(values.Get(k), 0):
			// PostgreSQL's text holds no NUL: it would fail the query.
			p.Add(k, "holds a NUL character (%%00), which no text can: remove it")
		case k == "q" && utf8.RuneCountInString(values.Get(k)) > MaxQueryText:
			p.Add(k, "is longer than %d characters", MaxQueryText)
		}
	}
	q := query{values: values}
	q.opts.Sort = values.Get("sort")
	q.opts.Cursor = values.Get("cursor")
	if s := values.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > claims.MaxLimit {
			p.Add("limit", "must be a whole number between 1 and %d", claims.MaxLimit)
		}
		q.opts.Limit = n
	}
	var dates [2]claims.Date
	for i, k := range []string{"from", "to"} {
		if s := values.Get(k); s != "" && slices.Contains(params, k) {
			d, err := claims.ParseDate(s)
			if err != nil {
				p.Add(k, "%v", err)
			}
			dates[i] = d
		}
	}
	if from, to := dates[0], dates[1]; from != "" && to != "" && from.Start().After(to.End()) {
		p.Add("from", "%s is after to (%s): the range is empty", from, to)
	}
	return q, p.Err("listing")
}

// get returns the value of a parameter, or "".
func (q query) get(name string) string { return q.values.Get(name) }

// with returns a copy of q with the text query text and the cursor
// cursor.
func (q query) with(text, cursor string) query {
	out := query{values: maps.Clone(q.values), opts: q.opts}
	out.values.Set("q", text)
	out.values.Del("cursor")
	if cursor != "" {
		out.values.Set("cursor", cursor)
	}
	out.opts.Cursor = cursor
	return out
}
