package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestClaimantTitleAndOpeningWord checks two things about the name and
// role of a speaker: an English title written in capitals keeps its
// modifiers ("Deputy Foreign Minister", not "Minister"), and a time word
// that opens the sentence ("Позже", "Later") is capitalised for that
// alone and is no part of the name that follows.
func TestClaimantTitleAndOpeningWord(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity, name, role string
	}{
		{"Deputy Foreign Minister Mikhail Bogdanov said about 200 Russians fight in Syria.", "about 200", "Mikhail Bogdanov", "Deputy Foreign Minister"},
		{"Prime Minister David Cameron said about 500 Britons had travelled to Syria.", "about 500", "David Cameron", "Prime Minister"},
		{"Acting Defense Secretary Patrick Shanahan said 2,000 troops would leave.", "2,000", "Patrick Shanahan", "Acting Defense Secretary"},
		{"Later Bogdanov said about 200 Russians fight in Syria.", "about 200", "Bogdanov", ""},
		{"Позже Богданов заявил, что в Сирии воюют около 200 россиян.", "около 200", "Богданов", ""},
		{"Вчера Богданов сообщил, что в Сирии воюют около 200 россиян.", "около 200", "Богданов", ""},
	}
	for _, tt := range tests {
		var got *article.Candidate
		for _, c := range x.Extract(tt.text) {
			if strings.HasPrefix(c.Text, tt.quantity) {
				got = &c
				break
			}
		}
		switch {
		case got == nil:
			t.Errorf("%q: no candidate %q", tt.text, tt.quantity)
		case got.Claimant == nil:
			t.Errorf("%q: %q has no claimant, want %q", tt.text, tt.quantity, tt.name)
		case got.Claimant.Name != tt.name || got.Claimant.Role != tt.role:
			t.Errorf("%q: claimant %q, role %q; want %q, role %q", tt.text, got.Claimant.Name, got.Claimant.Role, tt.name, tt.role)
		}
	}
}
