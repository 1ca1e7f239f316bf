package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// TestPlacesPerGazetteer reads the same sentences with two extractors of
// different gazetteers, one after the other, many times: each gives the
// places of its own gazetteer, as a fresh extractor of it read alone does.
// The caches that outlive an article (pooled between extractors) must not
// carry what one gazetteer names into the other's reading.
func TestPlacesPerGazetteer(t *testing.T) {
	t.Parallel()
	own := gazetteer.New()
	if err := own.Add(gazetteer.Place{ID: "custom:zembla", Name: "Zembla", Aliases: []string{"Зембла", "Lyon"}}); err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"About 300 people died in Syria last week.",
		"At least 1,200 people marched in Zembla on Sunday.",
		"About 2,000 people marched in Lyon on Saturday.",
		"В Сирии погибли не менее 300 человек.",
	}
	places := func(x *article.Extractor, text string) string {
		cs := x.Extract(text)
		if len(cs) == 0 {
			t.Fatalf("%q: no candidate", text)
		}
		return strings.Join(cs[0].Places, "+")
	}
	want := map[bool][]string{}
	for _, builtin := range []bool{true, false} {
		for _, text := range texts {
			g := own.Clone()
			if builtin {
				g = gazetteer.Builtin()
			}
			want[builtin] = append(want[builtin], places(article.New(nil, g), text))
		}
	}
	// The oracle: what each gazetteer names, by hand.
	if strings.Join(want[true], "|") != "Syria||Lyon|Syria" || strings.Join(want[false], "|") != "|Zembla|Zembla|" {
		t.Fatalf("fresh extractors read %q (built-in) and %q (own gazetteer)", want[true], want[false])
	}
	xb, xo := article.New(nil, nil), article.New(nil, own)
	for round := range 200 {
		for i, text := range texts {
			for _, builtin := range []bool{round%2 == 0, round%2 != 0} {
				x := xo
				if builtin {
					x = xb
				}
				if got := places(x, text); got != want[builtin][i] {
					t.Fatalf("round %d, %q (built-in gazetteer %v): places %q, want %q", round, text, builtin, got, want[builtin][i])
				}
			}
		}
	}
}
