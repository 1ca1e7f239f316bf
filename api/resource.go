package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// resource serves the five verbs of one kind of record, T, with the
// store's methods passed in. Each resource file (topics.go, …) fills one.
type resource[T any] struct {
	h    *handler
	kind string // "topic", for messages
	path string // "/api/v1/topics", for Location
	// params are the listing's filter parameters, besides sort, limit and
	// cursor; filter turns them into the store's listing.
	params []string
	filter func(ctx context.Context, q query) (claims.Page[*T], error)
	// facets, if set, counts the records the listing selects, when the
	// query asks for it (nil otherwise).
	facets func(ctx context.Context, q query) (*claims.Facets, error)
	// latin says that a text (?q=) typed in Russian that selects nothing
	// is looked for again in Latin letters (latin.go).
	latin bool
	// firstPage, if set, says whether the listing q asks for may be
	// answered from the cache of first pages (pagecache.go), and at what
	// version: versionOf covers everything the answer shows.
	firstPage func(q query) (versionOf func(context.Context) (string, error), ok bool)
	// readOnly are the fields beyond id that the server sets: rejected on
	// create, taken from the stored record on PATCH. keep copies those not
	// in claims.Meta from stored to next.
	readOnly []string
	keep     func(next, stored *T)
	meta     func(*T) *claims.Meta
	// show, if set, fixes up a record's wire shape before it is written.
	show func(*T)
	// tag, if set, is the record's ETag; else its version in quotes (see
	// etag.go).
	tag func(*T) string
	// author, if set, stamps the record with the name of who writes it:
	// author fields are the server's, never the client's.
	author func(rec *T, name string)

	insert func(context.Context, *T) error
	find   func(context.Context, string) (*T, error)
	update func(context.Context, *T) error
	remove func(context.Context, string, int) error
	// cascade, if set, is the delete of DELETE ?cascade=true: the record
	// with what names it.
	cascade func(context.Context, string, int) error
}

// metaFields are the read-only fields every record has.
var metaFields = []string{"created_at", "updated_at", "version"}

func (r *resource[T]) list(c *gin.Context) {
	q, err := parseQuery(c.Request.URL.Query(), r.params...)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	build := func() ([]byte, error) { return r.listBody(c.Request.Context(), q) }
	var versionOf func(context.Context) (string, error)
	if r.firstPage != nil && q.opts.Cursor == "" {
		if v, ok := r.firstPage(q); ok {
			versionOf = v
		}
	}
	r.h.serve(c, r.path+"?"+q.values.Encode(), versionOf, build)
}

// listBody returns the encoded page of the listing q asks for.
func (r *resource[T]) listBody(ctx context.Context, q query) ([]byte, error) {
	var page claims.Page[*T]
	var searchedAs string
	var err error
	if r.latin && q.get("q") != "" {
		page, searchedAs, err = fallBack(ctx, r.h, q.get("q"), q.opts.Cursor, false,
			func(text, cursor string) (claims.Page[*T], error) { return r.filter(ctx, q.with(text, cursor)) },
			func(p claims.Page[*T]) int { return len(p.Items) },
			func(p *claims.Page[*T]) *string { return &p.Next })
		if searchedAs != "" {
			q = q.with(searchedAs, "")
		}
	} else {
		page, err = r.filter(ctx, q)
	}
	if err != nil {
		return nil, err
	}
	if page.Items == nil {
		page.Items = []*T{}
	}
	for _, rec := range page.Items {
		r.reply(rec)
	}
	var fc *claims.Facets
	if r.facets != nil {
		if fc, err = r.facets(ctx, q); err != nil {
			return nil, err
		}
	}
	return json.Marshal(pageWithFacets[*T]{Page: page, SearchedAs: searchedAs, Facets: fc})
}

func (r *resource[T]) get(c *gin.Context) {
	rec, err := r.find(c.Request.Context(), c.Param("id"))
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	tag := r.etag(rec)
	c.Header("ETag", tag)
	if noneMatch(c.GetHeader("If-None-Match"), tag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.JSON(http.StatusOK, r.reply(rec))
}

func (r *resource[T]) create(c *gin.Context) {
	body, err := readJSON(c.Request.Body, r.h.maxBody)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	ctx, err := takeReason(c.Request.Context(), body)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	rec, err := r.decode(body, true)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	r.stamp(c, rec)
	if err := r.insert(ctx, rec); err != nil {
		r.h.writeError(c, err)
		return
	}
	m := r.meta(rec)
	c.Header("Location", r.path+"/"+url.PathEscape(m.ID))
	c.Header("ETag", r.etag(rec))
	c.JSON(http.StatusCreated, r.reply(rec))
}

// patch applies a JSON merge patch (RFC 7396) to the stored record and
// updates it if the If-Match version is still the stored one.
func (r *resource[T]) patch(c *gin.Context) {
	version, err := ifMatch(c)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	patch, err := readJSON(c.Request.Body, r.h.maxBody)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	ctx, err := takeReason(c.Request.Context(), patch)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	next, changed, err := r.apply(ctx, c.Param("id"), version, patch)
	if err == nil && changed {
		r.stamp(c, next)
		err = r.update(ctx, next)
	}
	if err != nil {
		r.h.writeError(c, r.withCurrent(c.Request.Context(), c.Param("id"), err))
		return
	}
	c.Header("ETag", r.etag(next))
	c.JSON(http.StatusOK, r.reply(next))
}

func (r *resource[T]) delete(c *gin.Context) {
	version, err := ifMatch(c)
	if err != nil {
		r.h.writeError(c, err)
		return
	}
	remove := r.remove
	if q := c.Query("cascade"); q != "" {
		on, err := strconv.ParseBool(q)
		if err != nil || (on && r.cascade == nil) {
			var p claims.Problems
			p.Add("cascade", "must be true or false, and only claims cascade")
			r.h.writeError(c, p.Err("delete"))
			return
		}
		if on {
			remove = r.cascade
		}
	}
	if err := remove(c.Request.Context(), c.Param("id"), version); err != nil {
		r.h.writeError(c, r.withCurrent(c.Request.Context(), c.Param("id"), err))
		return
	}
	c.Status(http.StatusNoContent)
}

// etag returns the ETag of rec as stored.
func (r *resource[T]) etag(rec *T) string {
	if r.tag != nil {
		return r.tag(rec)
	}
	return etag(r.meta(rec).Version)
}

// stamp sets the author fields of rec to who makes the request.
func (r *resource[T]) stamp(c *gin.Context, rec *T) {
	if r.author == nil {
		return
	}
	if a, ok := actor(c); ok {
		r.author(rec, a.Name)
	}
}

// reply returns rec ready to be written.
func (r *resource[T]) reply(rec *T) *T {
	if r.show != nil {
		r.show(rec)
	}
	return rec
}

// decode turns a request body into a record. On create, the read-only
// fields are rejected rather than ignored: a client that sets them is
// mistaken about who owns them.
func (r *resource[T]) decode(body any, create bool) (*T, error) {
	var readOnly claims.Problems
	if obj, ok := body.(map[string]any); ok && create {
		for _, f := range r.readOnly {
			if _, ok := obj[f]; ok {
				readOnly.Add(f, "is read-only: the server sets it")
			}
		}
	}
	rec := new(T)
	if err := decodeStrict(body, rec, r.kind, readOnly); err != nil {
		return nil, err
	}
	return rec, nil
}

// apply fetches the record, checks its version and returns it with the
// patch applied, and whether the patch changes anything: a patch that
// changes nothing is not written, so it bumps no version and costs a
// colleague no 412. Read-only members may be sent back as they were read
// (a client may send a whole record it got from GET) but not changed: a
// client that changes them is mistaken about who owns them.
func (r *resource[T]) apply(ctx context.Context, id string, version int, patch any) (*T, bool, error) {
	pm, ok := patch.(map[string]any)
	if !ok {
		return nil, false, claims.Errorf(claims.CodeMalformed, "a merge patch must be a JSON object")
	}
	stored, err := r.find(ctx, id)
	if err != nil {
		return nil, false, err
	}
	sm := r.meta(stored)
	if version == anyVersion {
		version = sm.Version
	} else if version != sm.Version {
		return nil, false, staleVersion(r.kind, version, sm.Version, r.etag(stored))
	}
	doc, err := toDoc(stored)
	if err != nil {
		return nil, false, err
	}
	var readOnly claims.Problems
	for _, f := range append([]string{"id"}, r.readOnly...) {
		if v, ok := pm[f]; ok {
			if !reflect.DeepEqual(v, doc[f]) {
				readOnly.Add(f, "is read-only: the server sets it; leave it out of the patch")
			}
			delete(pm, f)
		}
	}
	if err := readOnly.Err(r.kind); err != nil {
		return nil, false, err
	}
	before, err := toDoc(stored)
	if err != nil {
		return nil, false, err
	}
	merged := mergePatch(doc, pm)
	if reflect.DeepEqual(merged, before) {
		return stored, false, nil
	}
	next, err := r.decode(merged, false)
	if err != nil {
		return nil, false, err
	}
	if r.keep != nil {
		r.keep(next, stored)
	}
	m := r.meta(next)
	*m = *sm
	m.Version = version
	return next, true, nil
}

// withCurrent adds the stored version to a stale error, so the client
// learns what to fetch.
func (r *resource[T]) withCurrent(ctx context.Context, id string, err error) error {
	if claims.ErrorCode(err) != claims.CodeStale {
		return err
	}
	if se := (*staleError)(nil); errors.As(err, &se) {
		return err
	}
	cur, ferr := r.find(ctx, id)
	if ferr != nil {
		return err
	}
	return &staleError{err: err, current: r.meta(cur).Version, tag: r.etag(cur)}
}

func staleVersion(kind string, got, current int, tag string) error {
	return &staleError{
		err:     claims.Errorf(claims.CodeStale, "the %s has changed since version %d: it is at version %d; fetch it again, reapply your change and send If-Match: %s", kind, got, current, tag),
		current: current, tag: tag,
	}
}

// noneMatch reports whether an If-None-Match header matches tag, by the
// weak comparison RFC 9110 prescribes for it.
func noneMatch(header, tag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}
