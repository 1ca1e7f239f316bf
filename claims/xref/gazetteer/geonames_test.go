package gazetteer

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

// TestContainmentThroughTheTree compares cities and regions of the
// GeoNames table with each other and with the hand-kept table: a city
// lies in its first-level region, which lies in its country, which lies
// in the groupings that list it.
func TestContainmentThroughTheTree(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		a, b []string
		want Relation
	}{
		{[]string{"Mariupol"}, []string{"Ukraine"}, Inside},
		{[]string{"Mariupol"}, []string{"Donetsk Oblast"}, Inside},
		{[]string{"Donetsk Oblast"}, []string{"Ukraine"}, Inside},
		{[]string{"Ukraine"}, []string{"Mariupol"}, Contains},
		{[]string{"Мариуполь"}, []string{"Украина"}, Inside},
		{[]string{"Mariupol"}, []string{"Donetsk"}, Disjoint}, // Donetsk is the city
		{[]string{"Mariupol"}, []string{"Kharkiv"}, Disjoint},
		{[]string{"Mariupol"}, []string{"Russia"}, Disjoint},
		{[]string{"Lyon"}, []string{"France"}, Inside},
		{[]string{"Lyon"}, []string{"Auvergne-Rhône-Alpes"}, Inside},
		// A city lies in a grouping through its country.
		{[]string{"Lyon"}, []string{"Western Europe"}, Inside},
		{[]string{"Lyon"}, []string{"European Union"}, Inside},
		{[]string{"Lyon"}, []string{"World"}, Inside},
		{[]string{"Aleppo"}, []string{"Middle East"}, Inside},
		{[]string{"Aleppo"}, []string{"Syria and Iraq"}, Inside},
		{[]string{"Mosul"}, []string{"Syria"}, Disjoint},
		{[]string{"Mariupol"}, []string{"CIS"}, Disjoint}, // Ukraine is not in the CIS
		{[]string{"Almaty"}, []string{"CIS"}, Inside},
		{[]string{"Almaty"}, []string{"Central Asia"}, Inside},
		// GeoNames' Chechnya is the hand-kept one, so its cities lie in
		// the North Caucasus.
		{[]string{"Grozny"}, []string{"Chechnya"}, Inside},
		{[]string{"Grozny"}, []string{"North Caucasus"}, Inside},
		{[]string{"Grozny"}, []string{"Dagestan"}, Disjoint},
		{[]string{"Nazran"}, []string{"Ingushetia"}, Inside},
		{[]string{"Moscow"}, []string{"Russia"}, Inside},
		{[]string{"Moscow"}, []string{"North Caucasus"}, Disjoint},
		// A country the hand-kept table lacks comes from CLDR, in the World.
		{[]string{"Brazil"}, []string{"World"}, Inside},
		{[]string{"São Paulo"}, []string{"Brazil"}, Inside},
		{[]string{"Бразилия"}, []string{"Brazil"}, Equal},
		// Sets: a city and its own region are the region.
		{[]string{"Mariupol", "Donetsk Oblast"}, []string{"Donetsk Oblast"}, Equal},
		{[]string{"Mariupol and Lyon"}, []string{"Ukraine", "France"}, Inside},
		{[]string{"Mariupol", "France"}, []string{"Ukraine"}, Overlap},
		{[]string{"Mariupol", "Donetsk"}, []string{"Donetsk Oblast"}, Inside},
		// An unknown place stays opaque.
		{[]string{"Dabiq"}, []string{"Syria"}, Disjoint},
		{[]string{"Dabiq"}, []string{"Dabiq"}, Equal},
		{[]string{"Dabiq", "Aleppo"}, []string{"Syria"}, Overlap},
	} {
		if got := Compare(g.Resolve(tt.a), g.Resolve(tt.b)); got != tt.want {
			t.Errorf("Compare(%q, %q) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestAmbiguousNames: a name several places share is the most populous
// of them, a country of the listed table before any city, and a
// qualified name the one inside the qualifier.
func TestAmbiguousNames(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		name   string
		within string // a place the resolved one lies in
		kind   Kind
	}{
		{"Alexandria", "Egypt", City},
		{"Alexandria, Virginia", "United States", City},
		{"Paris", "France", City},
		{"Paris, Texas", "Texas", City},
		{"Lebanon", "Middle East", Country},
		{"Lebanon, Pennsylvania", "United States", City},
		{"Georgia", "South Caucasus", Country},
		{"Georgia, United States", "United States", Subdivision},
		{"Москва", "Russia", City},
		{"Moscow, Idaho", "United States", City},
		{"Киев", "Ukraine", City},
		{"Kiev", "Ukraine", City},
		{"Donetsk", "Donetsk Oblast", City},
		{"Donetsk Oblast", "Ukraine", Subdivision},
		{"Reading", "United Kingdom", City}, // typed as a place, a common word is one
	} {
		p, ok := g.Lookup(tt.name)
		if !ok {
			t.Errorf("Lookup(%q): unknown", tt.name)
			continue
		}
		if p.Kind != tt.kind {
			t.Errorf("Lookup(%q) = %s %q, want a %s", tt.name, p.Kind, p.Name, tt.kind)
		}
		if got := Compare(g.Resolve([]string{tt.name}), g.Resolve([]string{tt.within})); got != Inside {
			t.Errorf("%q (%s) vs %q = %s, want inside", tt.name, p.ID, tt.within, got)
		}
	}
	if _, ok := g.Lookup("Paris, Germany"); ok {
		t.Errorf(`Lookup("Paris, Germany") found a place; there is none`)
	}
}

// TestNamesRoundTrip: the name the gazetteer gives each region and city
// (in Lookup, Resolve and InText) denotes that place again, so a name
// written back by an analyst or the extractor is the same place.
func TestNamesRoundTrip(t *testing.T) {
	t.Parallel()
	g := Builtin()
	geo := g.geoTab()
	for i := range geo.len() {
		name := g.geoName(i)
		r, ok := g.find(name)
		if name == geo.id(i) {
			continue // the last resort: an ID
		}
		if !ok || r.geo != i {
			t.Fatalf("%s is named %q, which finds %+v", geo.id(i), name, r)
		}
	}
	if p, _ := g.Lookup("UA.05"); p.Name != "Donetsk Oblast" {
		t.Errorf("UA.05 is named %q, want Donetsk Oblast (Donetsk is the city)", p.Name)
	}
	p, _ := g.Lookup("Paris, Texas")
	if p.Name != "Paris, Texas" {
		t.Errorf(`Lookup("Paris, Texas").Name = %q`, p.Name)
	}
}

// TestCustomPlaceInsideACity: an analyst's place may lie in a GeoNames
// city and so in its region and country.
func TestCustomPlaceInsideACity(t *testing.T) {
	t.Parallel()
	g := Builtin()
	mariupol, ok := g.Lookup("Mariupol")
	if !ok {
		t.Fatal("Mariupol unknown")
	}
	if err := g.Add(Place{ID: "custom:azovstal", Name: "Azovstal", Kind: Subdivision, In: []string{mariupol.ID}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		b    string
		want Relation
	}{{"Mariupol", Inside}, {"Donetsk Oblast", Inside}, {"Ukraine", Inside}, {"Donetsk", Disjoint}, {"Azovstal", Equal}} {
		if got := Compare(g.Resolve([]string{"Azovstal"}), g.Resolve([]string{tt.b})); got != tt.want {
			t.Errorf("Azovstal vs %s = %s, want %s", tt.b, got, tt.want)
		}
	}
	if err := g.Add(Place{ID: "custom:x", Name: "X", In: []string{"gn:0"}}); err == nil {
		t.Errorf("Add with an unknown GeoNames parent = nil error")
	}
}

// TestInText: names that are common words, or old and foreign names of
// smaller cities, are not read in running text, though typed they are
// places.
func TestInText(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		folded string
		want   string
	}{
		{"mariupol", "Mariupol"},
		{"мариуполь", "Mariupol"},
		{"kiev", "Kyiv"},  // a Latin alternate name of a city of millions
		{"stalino", ""},   // an old name of Donetsk, a smaller city
		{"reading", ""},   // a common word
		{"nice", ""},      // a common word
		{"mobile", ""},    // a common word
		{"split", ""},     // a common word
		{"bath", ""},      // a common word
		{"most", ""},      // a common word
		{"van", ""},       // a common word
		{"of", ""},        // a town in Turkey, and a common word
		{"орел", "Oryol"}, // "eagle", but aliases.json reads it in text (after "в", capitalised)
		{"syria", ""},     // a listed place: not the table's business
		{"central", ""},   // several regions, and a common word
		{"donetsk oblast", "Donetsk Oblast"},
	} {
		got, ok := g.InText(tt.folded)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("InText(%q) = %q, %v; want %q", tt.folded, got, ok, tt.want)
		}
	}
	if !g.TextPrefix("donetsk") {
		t.Errorf(`TextPrefix("donetsk") = false: "Donetsk Oblast" is a name of two words`)
	}
	for _, typed := range []string{"Reading", "Nice", "Mobile", "Split", "Bath", "Van", "Орёл"} {
		if _, ok := g.Lookup(typed); !ok {
			t.Errorf("Lookup(%q): unknown, want the city", typed)
		}
	}
}

// TestInTextMatch: a name read in text is one of the place's own names
// (GeoNames', or the press's kept in aliases.json) or an alternate one;
// each is named as InText names it.
func TestInTextMatch(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		folded, name string
		own          bool
	}{
		// The press's names, own from aliases.json.
		{"кобане", "Kobani", true},
		{"хама", "Hama", true},
		{"серов", "Serov", true},
		// Alternate names: Cobán, in Guatemala; Hamme, in Belgium;
		// Serowe, in Botswana.
		{"кобан", "Cobán", false},
		{"хаме", "Hamme", false},
		{"серове", "Serowe", false},
		// GeoNames' own name.
		{"mariupol", "Mariupol", true},
	} {
		m, ok := g.InTextMatch(tt.folded)
		if !ok {
			t.Errorf("InTextMatch(%q): not found", tt.folded)
			continue
		}
		if m.Own() != tt.own {
			t.Errorf("InTextMatch(%q).Own() = %v, want %v", tt.folded, m.Own(), tt.own)
		}
		if got := g.TextName(m); got != tt.name {
			t.Errorf("TextName(%q) = %q, want %q", tt.folded, got, tt.name)
		}
	}
	for _, folded := range []string{"reading", "syria", "хамовники"} {
		if _, ok := g.InTextMatch(folded); ok {
			t.Errorf("InTextMatch(%q) found a place; want none, as InText", folded)
		}
	}
}

// TestEmbeddedTableRoundTrips: decoding the committed geonames.txt.gz and
// writing it again gives the same bytes, so the decoder drops nothing the
// generator wrote; and the entries it decodes are, line for line, those a
// plain reading of the text finds.
func TestEmbeddedTableRoundTrips(t *testing.T) {
	t.Parallel()
	tab, err := geofile.Read(bytes.NewReader(geonamesGz))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := geofile.Write(&again, tab); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), geonamesGz) {
		t.Errorf("writing the decoded table gives %d bytes that differ from the committed %d", again.Len(), len(geonamesGz))
	}
	zr, err := gzip.NewReader(bytes.NewReader(geonamesGz))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var mariupol []string
	for _, line := range strings.Split(string(text), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 5 || strings.HasPrefix(line, "#") {
			continue
		}
		kinds[f[0]]++
		if f[1] == "gn:701822" {
			mariupol = f
		}
	}
	got := map[string]int{"C": len(tab.Countries), "X": len(tab.Extra), "A": len(tab.Admin1), "P": len(tab.Cities)}
	if diff := cmp.Diff(kinds, got); diff != "" {
		t.Errorf("entries by kind (-text +decoded):\n%s", diff)
	}
	if kinds["P"] < 20000 || kinds["A"] < 3000 {
		t.Errorf("the table has %d cities and %d regions; GeoNames has some 26,000 of 15,000 people or more and 3,800 regions", kinds["P"], kinds["A"])
	}
	if mariupol == nil || mariupol[2] != "UA.05" || !strings.Contains(mariupol[4], "^Мариуполь") {
		t.Errorf("Mariupol's line: %q", mariupol)
	}
}

// TestSuggestionsBuiltOnDemand: the built-in table opens the index of
// regions and cities as it is built, since its groupings name GeoNames
// regions (Donbas: UA.05, UA.14), which costs the reading of the index's
// header, as it is read where it lies; resolving names, listed or not,
// does not build Suggest's list of names, which the first suggestion
// does.
func TestSuggestionsBuiltOnDemand(t *testing.T) {
	t.Parallel()
	g := buildBuiltin(builtinJSON, geonamesGz)
	if g.geo.tab == nil {
		t.Fatal("the built-in table does not open the index, though Donbas names GeoNames regions")
	}
	if got := Compare(g.Resolve([]string{"Donetsk Oblast"}), g.Resolve([]string{"Donbas"})); got != Inside {
		t.Errorf("Donetsk Oblast vs Donbas = %s", got)
	}
	if err := g.Add(Place{ID: "custom:dabiq", Name: "Dabiq", In: []string{"SY"}}); err != nil {
		t.Fatal(err)
	}
	g.Resolve([]string{"Brazil", "Dabiq", "Mariupol"})
	if g.geo.tab.suggest != nil {
		t.Errorf("Suggest's list of names was built for resolving names")
	}
	if got, _ := g.Suggest("Mariupl"); got != "Mariupol" || g.geo.tab.suggest == nil {
		t.Errorf("Suggest(Mariupl) = %q, list built %v", got, g.geo.tab.suggest != nil)
	}
}
