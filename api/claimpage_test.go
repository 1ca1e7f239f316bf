package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// TestClaimPage: GET /claims/{id}?include=page holds what the claim's page
// shows, every other claim named, and agrees with the separate listings.
func TestClaimPage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		if _, err := demo.Load(context.Background(), service.New(s, nil)); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		e := newEnv(t, s, nil)
		const id = "r12-smirnov-2015-09"
		e.doJSON(t, request{method: "POST", path: "/api/v1/reviews", body: `{"claim_a":"r12-smirnov-2015-09","claim_b":"r10b-novikov-2015-experts","status":"reviewed","resolution":"experts' guess against an official count"}`}, http.StatusCreated, nil)

		var pg struct {
			claims.Claim
			Topic     *claims.Topic       `json:"topic"`
			Claimant  *claims.Claimant    `json:"claimant"`
			Sources   []*claims.Source    `json:"sources"`
			Relations []map[string]any    `json:"relations"`
			RelTotal  int                 `json:"relations_total"`
			Links     []*claims.Link      `json:"links"`
			Reviews   []*claims.Review    `json:"reviews"`
			Others    map[string]claimRef `json:"others"`
		}
		rec := e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + id + "?include=page"}, http.StatusOK, &pg)
		plain := e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + id}, http.StatusOK, nil).Header().Get("ETag")
		if m := claimTagForm.FindStringSubmatch(rec.Header().Get("ETag")); m == nil || m[1] != strconv.Itoa(pg.Version) || rec.Header().Get("ETag") != plain || pg.ID != id {
			t.Errorf("claim page: id %q, ETag %q, version %d; want the claim's ETag %q", pg.ID, rec.Header().Get("ETag"), pg.Version, plain)
		}
		if pg.Topic == nil || pg.Topic.ID != pg.TopicID || pg.Claimant == nil || pg.Claimant.Name != "Sergei Smirnov" {
			t.Errorf("topic %v, claimant %v: want the claim's own", pg.Topic, pg.Claimant)
		}
		wantSources := []string{pg.Provenance.SourceID}
		for _, r := range pg.Provenance.Relays {
			wantSources = append(wantSources, r.SourceID)
		}
		var gotSources []string
		for _, src := range pg.Sources {
			gotSources = append(gotSources, src.ID)
		}
		if strings.Join(gotSources, " ") != strings.Join(wantSources, " ") {
			t.Errorf("sources %v, want origin then relays %v", gotSources, wantSources)
		}
		var rels relationsPage
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + id + "/relations?limit=500"}, http.StatusOK, &rels)
		if len(pg.Relations) != rels.Total || pg.RelTotal != rels.Total || rels.Total == 0 {
			t.Errorf("%d relations on the page (relations_total %d), the listing has %d", len(pg.Relations), pg.RelTotal, rels.Total)
		}
		for _, r := range pg.Relations {
			other, _ := r["other_id"].(string)
			// A claimant who gave no number has no quantity text.
			if ref := pg.Others[other]; ref.ClaimantName == "" || (ref.QuantityText == "") != (ref.Interval == nil) {
				t.Errorf("relation to %s: other claim named %+v", other, ref)
			}
		}
		if len(pg.Reviews) != 1 || pg.Reviews[0].Resolution == "" {
			t.Errorf("reviews %+v, want the one made", pg.Reviews)
		}

		// The inbox carries the topic's title and the pair's review.
		var inbox struct {
			Items []struct {
				ClaimA     string         `json:"claim_a"`
				ClaimB     string         `json:"claim_b"`
				TopicTitle string         `json:"topic_title"`
				Review     *claims.Review `json:"review"`
			} `json:"items"`
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?topic_id=topic-russians-is&limit=500"}, http.StatusOK, &inbox)
		reviewed := 0
		for _, it := range inbox.Items {
			if it.TopicTitle != pg.Topic.Title {
				t.Errorf("conflict %s/%s: topic_title %q, want %q", it.ClaimA, it.ClaimB, it.TopicTitle, pg.Topic.Title)
			}
			if it.Review != nil {
				reviewed++
				if it.Review.ID != pg.Reviews[0].ID || it.Review.Status != claims.ReviewReviewed {
					t.Errorf("review on the inbox %+v, want %+v", it.Review, pg.Reviews[0])
				}
			}
		}
		if reviewed != 1 {
			t.Errorf("%d conflicts carry a review, want 1", reviewed)
		}

		for _, bad := range []string{"?include=everything", "?include=page&x=1"} {
			rec := e.do(t, request{method: "GET", path: "/api/v1/claims/" + id + bad})
			var p struct {
				Errors []struct{ Field string } `json:"errors"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &p)
			if rec.Code != http.StatusUnprocessableEntity || len(p.Errors) != 1 {
				t.Errorf("GET %s = %d %s, want 422 naming one field", bad, rec.Code, rec.Body)
			}
		}
	})
}

// TestTopicTitlesAndSlugs: a topic is found by the slug of its title, and
// a second topic with the same words for a title is refused, naming the
// first; renaming into a taken title is refused too.
func TestTopicTitlesAndSlugs(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		var first, second claims.Topic
		e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":"Russians fighting with IS (2015)","unit":"people"}`}, http.StatusCreated, &first)
		e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":"Chechens fighting with IS","unit":"people"}`}, http.StatusCreated, &second)

		var cmp struct {
			Topic claims.Topic `json:"topic"`
		}
		for _, key := range []string{first.ID, "russians-fighting-with-is-2015"} {
			e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + key + "/comparison"}, http.StatusOK, &cmp)
			if cmp.Topic.ID != first.ID {
				t.Errorf("comparison of %s is topic %s, want %s", key, cmp.Topic.ID, first.ID)
			}
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/russians-fighting-with-is/comparison"}, http.StatusNotFound, nil)

		for _, tc := range []struct{ method, path, body string }{
			{"POST", "/api/v1/topics", `{"title":"russians: fighting with IS 2015","unit":"people"}`},
			{"PATCH", "/api/v1/topics/" + second.ID, `{"title":"Russians fighting with IS, 2015"}`},
		} {
			r := request{method: tc.method, path: tc.path, body: tc.body}
			if tc.method == "PATCH" {
				r.headers = map[string]string{"If-Match": etag(second.Version), "Content-Type": "application/merge-patch+json"}
			}
			rec := e.do(t, r)
			var p struct {
				Errors []struct{ Field, Detail string } `json:"errors"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &p)
			if rec.Code != http.StatusConflict || len(p.Errors) != 1 || p.Errors[0].Field != "title" || !strings.Contains(p.Errors[0].Detail, first.ID) {
				t.Errorf("%s %s: %d %s, want 409 naming title and %s", tc.method, tc.path, rec.Code, rec.Body, first.ID)
			}
		}
		// A topic keeps its own title when other fields change.
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/" + first.ID, body: `{"description":"Syria and Iraq"}`,
			headers: map[string]string{"If-Match": etag(first.Version), "Content-Type": "application/merge-patch+json"}}, http.StatusOK, nil)
	})
}
