package latin

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// TestReviewAdjectivesNameTheRightPlace: adjectives of Russian cities
// whose name the adjective rules do not undo (Тула тульск, Ярославль
// ярославск) are taken for a foreign town of the rule's candidate name
// (Toul in France, Jarosław in Poland); a common lowercase adjective
// ("грозный": formidable, "олимпийские игры") is taken for a place.
func TestReviewAdjectivesNameTheRightPlace(t *testing.T) {
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
