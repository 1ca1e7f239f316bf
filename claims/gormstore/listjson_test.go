package gormstore

import (
	"encoding/json"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestListJSONIsMarshal checks that listJSON writes what json.Marshal of
// the whole list (orEmpty'd) writes, byte for byte: nil, empty, one and
// several series, with text json escapes.
func TestListJSONIsMarshal(t *testing.T) {
	lists := [][]xref.Series{
		nil,
		{},
		{{ClaimantID: "k0", ClaimantName: "<Minister> & co", Places: []string{"Syria"}, Measure: claims.Cumulative,
			Entries: []xref.SeriesEntry{{ClaimID: "c1"}, {ClaimID: "c2", SupersededBy: "c3", FlowFell: true}}, FlowFell: true}},
		{{ClaimantID: "k0"}, {ClaimantID: "k1", Places: []string{}}, {ClaimantID: "k2", ClaimantName: "\u2028\"quoted\""}},
	}
	for i, l := range lists {
		got, err := listJSON(l)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(orEmpty(l))
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("list %d: listJSON wrote\n%s\njson.Marshal\n%s", i, got, want)
		}
	}
}
