package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// TestAppendLineMatchesEncodingJSON holds the command's own JSON writer
// to what encoding/json writes (HTML escaping off) for the lines the
// corpus does not reach: strings with quotes, backslashes, control
// characters, invalid UTF-8, U+2028 and HTML; a nil claimant, nil places,
// a reason, no file and a refusal.
func TestAppendLineMatchesEncodingJSON(t *testing.T) {
	odd := "a \"q\" \\ <b>&amp; \x01\x1f\t\n\r\b\f \xff\xfe \u2028\u2029 «ёж» 😀"
	v := 1.5e-7
	big := 2e21
	cands := []article.Candidate{
		{Quantity: quantity.Quantity{Text: odd, Low: &v, High: &big, Kind: "range", Unit: odd, Start: 1, End: 9, Rule: odd, Explanation: odd},
			Claimant: &article.Claimant{Name: odd, Role: odd, Kind: article.Outlet}, Outlet: odd, Counted: odd,
			Places: []string{odd, "Syria"}, Sentence: article.Sentence{Text: odd, Start: 2, End: 3, Offset: 4}, Reason: odd},
		{Quantity: quantity.Quantity{Text: "12"}, LikelyClaim: true},
	}
	for _, file := range []string{"", "dir/a \"b\".txt"} {
		for i := range cands {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(candidate{File: file, Candidate: &cands[i]}); err != nil {
				t.Fatal(err)
			}
			if got := string(appendCandidate(nil, file, &cands[i])); got != want.String() {
				t.Errorf("candidate %d, file %q:\n got: %s\nwant: %s", i, file, got, want.String())
			}
		}
		rf := article.Refusal{Text: odd, Start: 3, End: 5, Sentence: article.Sentence{Text: odd, End: 1}, Reason: odd}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(refusal{File: file, Refusal: &rf}); err != nil {
			t.Fatal(err)
		}
		if got := string(appendRefusal(nil, file, &rf)); got != want.String() {
			t.Errorf("refusal, file %q:\n got: %s\nwant: %s", file, got, want.String())
		}
	}
}
