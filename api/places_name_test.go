package api

import (
	"net/url"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPlaceByName looks names up with GET /api/v1/places?name=: a GeoNames
// city, which the list leaves out, is found with what it lies in; a slip
// gets the suggestion; a name far from all gets neither.
func TestPlaceByName(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		type answer struct {
			Items      []place `json:"items"`
			Suggestion string  `json:"suggestion"`
		}
		var list answer
		e.doJSON(t, request{method: "GET", path: "/api/v1/places"}, 200, &list)
		if slices.ContainsFunc(list.Items, func(p place) bool { return p.Name == "Mariupol" }) || len(list.Items) < 200 {
			t.Errorf("the list has %d places, with Mariupol: want the countries and groupings, not the cities", len(list.Items))
		}
		for _, tt := range []struct {
			name, wantID, wantIn, wantSuggestion string
		}{
			{"Mariupol", "gn:701822", "UA.05", ""},
			{"мариуполь", "gn:701822", "UA.05", ""},
			{"Donetsk Oblast", "UA.05", "UA", ""},
			{"Syria", "SY", "region:levant", ""},
			{"Mariupl", "", "", "Mariupol"},
			{"Sirya", "", "", "Syria"},
			{"Zyxwvut", "", "", ""},
		} {
			var got answer
			e.doJSON(t, request{method: "GET", path: "/api/v1/places?name=" + url.QueryEscape(tt.name)}, 200, &got)
			switch {
			case tt.wantID == "" && (len(got.Items) != 0 || got.Suggestion != tt.wantSuggestion):
				t.Errorf("?name=%s: %+v, want no place and suggestion %q", tt.name, got, tt.wantSuggestion)
			case tt.wantID != "" && (len(got.Items) != 1 || got.Items[0].ID != tt.wantID || !slices.Contains(got.Items[0].In, tt.wantIn) || got.Items[0].Custom):
				t.Errorf("?name=%s: %+v, want %s inside %s", tt.name, got, tt.wantID, tt.wantIn)
			}
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/places?colour=red"}, 422, nil)
	})
}
