package xref

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestCityInsideItsCountry: the gazetteer's cities lie in their regions
// and countries, so a count for Mariupol is a narrower place than one for
// Ukraine: smaller is consistent, larger contradicts. A city elsewhere
// differs in scope, and a village the gazetteer does not know is opaque.
func TestCityInsideItsCountry(t *testing.T) {
	t.Parallel()
	topic := &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Civilians killed", Unit: "people", Additive: true}
	ctx := NewContext(topic, nil, nil)
	d := on("2022-05")
	for _, tt := range []struct {
		name     string
		a, b     ClaimView
		wantKind Kind
		words    []string
	}{
		{"a smaller count for a city inside the country is consistent",
			mk("a", "ohchr", "about 1,300", 1170, 1430, in("Mariupol"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Ukraine"), d),
			ScopeDiffers, []string{"Mariupol", "inside"}},
		{"a larger count for a city inside the country contradicts",
			mk("a", "ohchr", "about 21,000", 18900, 23100, in("Мариуполь"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Ukraine"), d),
			Contradicts, []string{"Mariupol", "inside", "Ukraine"}},
		{"the region between them is inside too",
			mk("a", "ohchr", "21,000", 21000, 21000, in("Mariupol"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Donetsk Oblast"), d),
			Contradicts, []string{"inside"}},
		{"a city of another country differs in scope",
			mk("a", "ohchr", "21,000", 21000, 21000, in("Mariupol"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Russia"), d),
			ScopeDiffers, nil},
		// The DPR holds part of Donetsk Oblast: a smaller count for it is
		// a part's, not the same place's count contradicting the oblast's.
		{"a smaller count for the DPR is a part of the oblast's",
			mk("a", "ohchr", "about 1,300", 1170, 1430, in("ДНР"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Donetsk Oblast"), d),
			ScopeDiffers, []string{"Donetsk People's Republic", "inside"}},
		{"a larger count for the DPR than for its oblast contradicts",
			mk("a", "ohchr", "21,000", 21000, 21000, in("DPR"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Донецкая область"), d),
			Contradicts, []string{"inside"}},
		{"a count for the Donbas holds one for Mariupol",
			mk("a", "ohchr", "21,000", 21000, 21000, in("Mariupol"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Донбасс"), d),
			Contradicts, []string{"Mariupol", "inside", "Donbas"}},
		{"an unknown village is compared with no other place",
			mk("a", "ohchr", "21,000", 21000, 21000, in("Dabiq"), d), mk("b", "kyiv", "3,900", 3900, 3900, in("Syria"), d),
			ScopeDiffers, nil},
	} {
		for _, pair := range [][2]ClaimView{{tt.a, tt.b}, {tt.b, tt.a}} {
			r := Relate(pair[0], pair[1], ctx)
			if r.Kind != tt.wantKind {
				t.Errorf("%s: Relate(%s, %s) = %s (%s), want %s", tt.name, pair[0].ID, pair[1].ID, r.Kind, r.Explanation, tt.wantKind)
			}
			for _, w := range tt.words {
				if !strings.Contains(r.Explanation, w) {
					t.Errorf("%s: explanation %q lacks %q", tt.name, r.Explanation, w)
				}
			}
		}
	}
}
