package article_test

import (
	"os"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// seedArticle holds the sentences of the project's founding article (The
// Moscow Times, September 2014) that the done-when check needs; the
// frontend's end-to-end test pastes the same file.
func seedArticle(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/seed_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedArticle is the done-when check on the extractor: the
// founding article gives Bogdanov's "a few dozen" and The Independent's
// "about 800", each with its claimant and counted thing, and "70 to 80
// countries".
func TestSeedArticle(t *testing.T) {
	t.Parallel()
	text := seedArticle(t)
	cs := article.New(nil, nil).Extract(text)
	find := func(text string) *article.Candidate {
		for i := range cs {
			if strings.Contains(cs[i].Text, text) {
				return &cs[i]
			}
		}
		t.Fatalf("no candidate %q in %+v", text, cs)
		return nil
	}
	few := find("a few dozen")
	if few.Text != "a few dozen" || *few.Low != 24 || *few.High != 60 {
		t.Errorf("a few dozen: %q %v-%v, want \"a few dozen\" 24-60", few.Text, *few.Low, *few.High)
	}
	want := article.Claimant{Name: "Mikhail Bogdanov", Role: "Russia's deputy foreign minister", Kind: article.Person}
	if few.Claimant == nil || *few.Claimant != want {
		t.Errorf("a few dozen: claimant %+v, want %+v", few.Claimant, want)
	}
	if !strings.HasPrefix(few.Counted, "Russians fighting alongside") {
		t.Errorf("a few dozen: counted %q, want Russians fighting alongside Islamic State", few.Counted)
	}
	if strings.Join(few.Places, "+") != "Syria+Iraq" {
		t.Errorf("a few dozen: places %v, want Syria and Iraq (the passage's)", few.Places)
	}
	if got := few.Sentence.Text[few.Sentence.Start:few.Sentence.End]; got != "a few dozen" {
		t.Errorf("a few dozen: sentence span %q", got)
	}
	if !few.LikelyClaim {
		t.Errorf("a few dozen: not likely a claim: %s", few.Reason)
	}

	eight := find("about 800")
	if eight.Claimant == nil || eight.Claimant.Name != "The Independent" || eight.Claimant.Kind != article.Outlet {
		t.Errorf("about 800: claimant %+v, want The Independent (outlet)", eight.Claimant)
	}
	if !strings.HasPrefix(eight.Counted, "Russians fighting alongside") {
		t.Errorf("about 800: counted %q", eight.Counted)
	}
	if strings.Join(eight.Places, "+") != "Syria" {
		t.Errorf("about 800: places %v, want Syria", eight.Places)
	}

	countries := find("70 and 80")
	if *countries.Low != 70 || *countries.High != 80 || countries.Claimant == nil || countries.Claimant.Name != "Mikhail Bogdanov" {
		t.Errorf("70 and 80: %v-%v by %+v", *countries.Low, *countries.High, countries.Claimant)
	}
	if !strings.Contains(countries.Counted, "countries") {
		t.Errorf("70 and 80: counted %q", countries.Counted)
	}
	if got := text[countries.Start:countries.End]; got != countries.Text {
		t.Errorf("offsets give %q, want %q", got, countries.Text)
	}
}

// TestRoleSubjectPastQuotedSpeaker checks the founding article's shape: a
// role named as the lede's subject, then a quotation of two sentences
// whose first cites someone ("The Europeans tell us …"), then the name of
// the one quoted. The role is his: the speaker cited inside the quotation
// does not take it.
func TestRoleSubjectPastQuotedSpeaker(t *testing.T) {
	t.Parallel()
	text := "Russia's deputy foreign minister on Tuesday urged closer work with Warsaw on border checks.\n\n" +
		"\"The Europeans tell us the smuggling routes worry them as well. We believe every neighbour faces the same risk,\" Pavel Orlov said at a briefing.\n\n" +
		"Orlov said the routes cross some 40 different borders.\n"
	cs := article.New(nil, nil).Extract(text)
	want := article.Claimant{Name: "Pavel Orlov", Role: "Russia's deputy foreign minister", Kind: article.Person}
	for _, c := range cs {
		if c.Text != "some 40 different borders" {
			continue
		}
		if c.Claimant == nil || *c.Claimant != want {
			t.Errorf("some 40 different borders: claimant %+v, want %+v", c.Claimant, want)
		}
		return
	}
	t.Fatalf("no candidate \"some 40 different borders\" in %+v", cs)
}
