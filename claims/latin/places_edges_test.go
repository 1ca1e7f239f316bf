package latin

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// TestAdjectivesNameTheRightPlace: adjectives of Russian cities
// whose name the adjective rules do not undo (Тула тульск, Ярославль
// ярославск) are taken for a foreign town of the rule's candidate name
// (Toul in France, Jarosław in Poland); a common lowercase adjective
// ("грозный": formidable, "олимпийские игры") is taken for a place.
func TestAdjectivesNameTheRightPlace(t *testing.T) {
	g := gazetteer.Builtin()
	for word, want := range map[string]string{
		"тульской":    "Tula",
		"ярославской": "Yaroslavl",
	} {
		if got, _ := placeName(word, g); got != want {
			t.Errorf("placeName(%s) = %q, want %q", word, got, want)
		}
	}
	for _, word := range []string{"грозный", "грозное", "олимпийские"} {
		if got, ok := placeName(word, g); ok {
			t.Errorf("placeName(%s) = %q, want no place (a common adjective)", word, got)
		}
	}
}

// TestStopwordsAndIndeclinableNamesAreNoPlace: a Russian stopword is no
// place, typed in lower case or with the capital that starts a sentence
// ("того", "Того же мнения": not Togo), and a foreign name that Russian
// does not decline is a place only as typed ("совета" is not Soweto,
// Совето; "мало" not Mali).
func TestStopwordsAndIndeclinableNamesAreNoPlace(t *testing.T) {
	g := gazetteer.Builtin()
	for _, word := range []string{"того", "Того", "совета", "мало"} {
		if got, ok := placeName(word, g); ok {
			t.Errorf("placeName(%s) = %q, want no place", word, got)
		}
	}
	for word, want := range map[string]string{"Мали": "Mali", "Сирии": "Syria"} {
		if got, _ := placeName(word, g); got != want {
			t.Errorf("placeName(%s) = %q, want %q", word, got, want)
		}
	}
}
