package qid_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange/qid"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Every country of the built-in gazetteer has an item in the generated
// table, and the items of a few are the ones Wikidata gives them.
func TestGazetteerCountriesHaveItems(t *testing.T) {
	t.Parallel()
	if n := qid.Places(); n < 240 {
		t.Fatalf("the table maps %d codes, want every ISO 3166-1 country", n)
	}
	countries := 0
	for _, p := range gazetteer.Builtin().Places() {
		if p.Kind != gazetteer.Country {
			continue
		}
		countries++
		id, ok := qid.Place(p.ID)
		if !ok || !qid.Valid(id) {
			t.Errorf("country %s (%s) has no Wikidata item", p.ID, p.Name)
		}
	}
	if countries < 20 {
		t.Errorf("the gazetteer lists %d countries", countries)
	}
	// Checked by hand on Wikidata: Syria, Iraq, Russia, the United Kingdom.
	for code, want := range map[string]string{"SY": "Q858", "IQ": "Q796", "RU": "Q159", "GB": "Q145", "sy": "Q858"} {
		if got, _ := qid.Place(code); got != want {
			t.Errorf("Place(%q) = %q, want %q", code, got, want)
		}
	}
	if _, ok := qid.Place("region:middle-east"); ok {
		t.Errorf("a claimdesk region has an item: regions are groupings of their own")
	}
}

func TestValid(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{"Q5": true, "Q4115189": true, "Q0": false, "Q05": false, "P31": false, "Q": false, "q5": false, "Q5 ": false} {
		if got := qid.Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}
