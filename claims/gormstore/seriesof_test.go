package gormstore

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestSeriesOf: the series seriesOf keeps are those a full decode, then a
// filter on the entries' claim IDs, keeps, whatever the IDs hold
// (quotes, backslashes, brackets, commas, non-ASCII), and a value that is
// no array is an error.
func TestSeriesOf(t *testing.T) {
	ids := []string{"a", `q"uote`, `back\slash`, "br[ack]et,{x}", "é", "a,b", `"claim_id":"z"`}
	var all []xref.Series
	for i, id := range ids {
		all = append(all, xref.Series{
			ClaimantID: "c" + id, ClaimantName: `name with "claim_id":"` + ids[(i+1)%len(ids)] + `"`,
			Entries: []xref.SeriesEntry{{ClaimID: id, QuantityText: "about ] 5, {"}, {ClaimID: id + "-2"}},
		})
	}
	js, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]string{{}, {"a"}, {`q"uote`, "é"}, {`back\slash-2`, "a,b"}, {"br[ack]et,{x}"}, {`"claim_id":"z"`}, {"z"}, ids} {
		got, err := seriesOf(string(js), want)
		if err != nil {
			t.Fatalf("%q: %v", want, err)
		}
		var oracle []xref.Series
		for _, sr := range all {
			for _, e := range sr.Entries {
				if slices.Contains(want, e.ClaimID) {
					oracle = append(oracle, sr)
					break
				}
			}
		}
		gotIDs, wantIDs := seriesClaimants(got), seriesClaimants(oracle)
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("series of %q: %q, want %q", want, gotIDs, wantIDs)
		}
	}
	if got, err := seriesOf("[]", []string{"a"}); err != nil || len(got) != 0 {
		t.Errorf("an empty array: %v, %v", got, err)
	}
	// A value that is no array of JSON values is an error, never a panic
	// nor an array of fewer elements.
	for _, bad := range []string{`{"a":1}`, `[{"entries":[{"claim_id":"a"}]`, `[{"x":"a]`,
		`[,]`, `[{"a":1},,{"b":2}]`, `[,{"a":1}]`, `[{"a":1},]`, `[}{]`, `[{]}]`} {
		if _, err := seriesOf(bad, []string{"a"}); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func seriesClaimants(ss []xref.Series) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ClaimantID)
	}
	return out
}
