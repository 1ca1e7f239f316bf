package api

import (
	"context"
	"log/slog"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// TestStoreReadsOnly checks that the API's Store has no write: a handler
// that wants to write has only Writes (the service) to do it with.
func TestStoreReadsOnly(t *testing.T) {
	st := reflect.TypeFor[Store]()
	for i := range st.NumMethod() {
		name := st.Method(i).Name
		for _, verb := range []string{"Create", "Update", "Delete", "Import", "Insert", "Save", "Restore", "Undelete", "Revoke", "Atomically", "Bulk"} {
			if strings.HasPrefix(name, verb) {
				t.Errorf("api.Store has %s, a write: writes go through Writes", name)
			}
		}
	}
	for _, w := range []reflect.Type{reflect.TypeFor[claims.Writer](), reflect.TypeFor[claims.Transactor](), reflect.TypeFor[claims.Restorer]()} {
		for i := range w.NumMethod() {
			if _, ok := st.MethodByName(w.Method(i).Name); ok {
				t.Errorf("api.Store has %s of %s", w.Method(i).Name, w)
			}
		}
	}
}

// claimShelf is a hand-written fake of claims.ClaimReader, the one read
// interface the claim endpoints below use: claims by ID, listed in ID
// order.
type claimShelf map[string]claims.Claim

func (s claimShelf) FindClaim(_ context.Context, id string) (*claims.Claim, error) {
	c, ok := s[id]
	if !ok {
		return nil, claims.Errorf(claims.CodeNotFound, "claim %q not found", id)
	}
	return &c, nil
}

func (s claimShelf) ListClaims(_ context.Context, f claims.ClaimFilter) (claims.Page[*claims.Claim], error) {
	var p claims.Page[*claims.Claim]
	for _, id := range slices.Sorted(maps.Keys(s)) {
		if c := s[id]; f.TopicID == "" || c.TopicID == f.TopicID {
			p.Items = append(p.Items, &c)
		}
	}
	return p, nil
}

// cascades is a hand-written fake of the one write DELETE
// /claims/{id}?cascade=true makes: it records the deletes it is asked for.
type cascades struct {
	Writes // nil: any other write panics, and the handler answers 500
	asked  []string
}

func (c *cascades) DeleteClaimCascade(_ context.Context, id string, version int) error {
	c.asked = append(c.asked, id+"@"+strings.Repeat("I", version))
	return nil
}

// onlyClaims serves a claims.ClaimReader as the API's Store. Every other
// read goes to a nil Store and panics, which the handler answers with a
// 500: a request answered otherwise was served by the ClaimReader alone.
type onlyClaims struct {
	claims.ClaimReader
	fixedVersions
	nothingElse
}

// fixedVersions is the version of every topic, which a listing within a
// topic reads for the cache of first pages (pagecache.go): the fake's
// claims never change.
type fixedVersions struct{}

func (fixedVersions) TopicVersion(context.Context, string) (string, error) { return "1.1", nil }

// nothingElse sits one level down, so that its methods give way to the
// ClaimReader's.
type nothingElse struct{ Store }

// TestHandlersOnNarrowFakes serves claim requests from hand-written fakes
// of the narrow interfaces they use, without a database: the handlers
// depend on those interfaces, not on a whole store. The behaviour of the
// endpoints over real databases is tested elsewhere (claims_test.go, …).
func TestHandlersOnNarrowFakes(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	shelf := claimShelf{
		"cl-1": {Meta: claims.Meta{ID: "cl-1", Version: 3, CreatedAt: at, UpdatedAt: at},
			TopicID: "t-ru", ClaimantID: "k-1", Quote: "about 1,500 people", QuantityText: "about 1,500",
			Provenance: claims.Provenance{SourceID: "s-1"}},
		"cl-2": {Meta: claims.Meta{ID: "cl-2", Version: 1, CreatedAt: at, UpdatedAt: at},
			TopicID: "t-other", ClaimantID: "k-1", QuantityText: "12", Provenance: claims.Provenance{SourceID: "s-1"}},
	}
	for id, c := range shelf {
		c.Normalize()
		shelf[id] = c
	}
	writes := &cascades{}
	buf := &syncBuffer{}
	store := onlyClaims{ClaimReader: shelf}
	e := &env{
		h: NewHandler(Options{Store: store, Writes: writes,
			Logger: slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}),
		store: store, log: buf,
	}

	var got claims.Claim
	rec := e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-1"}, 200, &got)
	if got.ID != "cl-1" || got.Version != 3 || got.Quote != "about 1,500 people" || got.TopicID != "t-ru" || !got.CreatedAt.Equal(at) {
		t.Errorf("GET /claims/cl-1 = %+v, want the fake's cl-1 at version 3", got)
	}
	tag := rec.Header().Get("ETag")
	if m := claimTagForm.FindStringSubmatch(tag); m == nil || m[1] != "3" {
		t.Errorf("ETag = %s, want \"3.<hash>\"", tag)
	}
	rec = e.do(t, request{method: "GET", path: "/api/v1/claims/cl-1", headers: map[string]string{"If-None-Match": tag}})
	if rec.Code != 304 {
		t.Errorf("GET /claims/cl-1 If-None-Match %s = %d, want 304", tag, rec.Code)
	}

	rec = e.do(t, request{method: "GET", path: "/api/v1/claims/cl-404"})
	if p := decodeProblem(t, rec); rec.Code != 404 || p.Code != claims.CodeNotFound || !strings.Contains(p.Detail, "cl-404") {
		t.Errorf("GET /claims/cl-404 = %d %+v, want 404 not_found naming cl-404", rec.Code, p)
	}

	var page struct {
		Items []claims.Claim `json:"items"`
	}
	e.doJSON(t, request{method: "GET", path: "/api/v1/claims?topic_id=t-other"}, 200, &page)
	if len(page.Items) != 1 || page.Items[0].ID != "cl-2" {
		t.Errorf("GET /claims?topic_id=t-other = %+v, want cl-2 alone", page.Items)
	}

	e.doJSON(t, request{method: "DELETE", path: "/api/v1/claims/cl-1?cascade=true", headers: map[string]string{"If-Match": `"3"`}}, 204, nil)
	if want := []string{"cl-1@III"}; !reflect.DeepEqual(writes.asked, want) {
		t.Errorf("cascading deletes asked of Writes = %v, want %v", writes.asked, want)
	}

	// A read the fakes lack reaches the nil Store: the handler answers
	// 500, which shows the requests above needed nothing more.
	rec = e.do(t, request{method: "GET", path: "/api/v1/topics/t-ru"})
	if rec.Code != 500 {
		t.Errorf("GET /topics/t-ru with no TopicReader = %d, want 500", rec.Code)
	}
}
