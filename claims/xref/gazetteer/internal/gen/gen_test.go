package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

// A few lines in the format of GeoNames' cities500.txt: id, name, ASCII
// name, alternate names, lat, lng, feature class and code, country, cc2,
// admin1 to admin4, population, elevation, dem, timezone, modified.
var fixtureCities = strings.Join([]string{
	"701822\tMariupol\tMariupol\tMarioupol,Мариуполь,MPW,Hayeren,Zhdanov\t47.1\t37.5\tP\tPPL\tUA\t\t05\t\t\t\t431859\t\t65\tEurope/Kyiv\t2022-10-27",
	"556560\tGrozny\tGroznyy\tГрозный\t43.3\t45.7\tP\tPPLA\tRU\t\t12\t\t\t\t271573\t\t130\tEurope/Moscow\t2019-09-05",
	"2639577\tReading\tReading\tРединг,Reding\t51.4\t-0.9\tP\tPPL\tGB\t\tENG\t\t\t\t318014\t\t50\tEurope/London\t2019-09-05",
	"100\tHamlet\tHamlet\t\t0\t0\tP\tPPL\tUA\t\t05\t\t\t\t5000\t\t0\tEurope/Kyiv\t2019-09-05",
	"101\tDistrict\tDistrict\t\t0\t0\tA\tADM2\tUA\t\t05\t\t\t\t90000\t\t0\tEurope/Kyiv\t2019-09-05",
	"102\tNowhere City\tNowhere City\t\t0\t0\tP\tPPL\tUA\t\t99\t\t\t\t20000\t\t0\tEurope/Kyiv\t2019-09-05",
}, "\n") + "\n"

const fixtureAdmin1 = `[{"code":"UA.05","name":"Donetsk"},{"code":"RU.12","name":"Chechnya"},{"code":"GB.ENG","name":"England"}]`

const fixturePlaces = `{"places": [
	{"id": "region:world", "name": "World", "kind": "region"},
	{"id": "UA", "name": "Ukraine", "aliases": ["Украина"], "in": ["region:world"]},
	{"id": "RU", "name": "Russia", "aliases": ["Россия", "Росія"]},
	{"id": "RU-CE", "name": "Chechnya", "kind": "subdivision", "aliases": ["Чечня"], "in": ["RU"]}
]}`

// TestBuildAndWrite builds the table from the fixture, writes it and
// reads the file back with plain gzip and string splitting, not with
// geofile's reader, against the lines the fixture should give.
func TestBuildAndWrite(t *testing.T) {
	t.Parallel()
	tab, err := build(input{
		cities: []byte(fixtureCities), admin1: []byte(fixtureAdmin1), places: []byte(fixturePlaces),
		words: map[string]bool{"reading": true}, minPop: 15000, latinPop: 100000,
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := geofile.Write(&buf, tab); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
		if !strings.HasPrefix(line, "#") {
			got = append(got, line)
		}
	}
	want := []string{
		// GB comes from CLDR, in English, Russian and Ukrainian.
		"C\tGB\t\t0\tUnited Kingdom|Великобритания|Велика Британія",
		// Ukraine gains the names it lacks; Russia lacks none.
		"X\tUA\t\t0\tУкраїна",
		// Regions, most populous first (the sum of their cities). Chechnya
		// is the hand-kept RU-CE, so it is no line of its own. Ukraine's
		// regions are oblasts.
		"A\tUA.05\tUA\t431859\tDonetsk|Donetsk Oblast|Donetsk Region|Donetsk Province",
		"A\tGB.ENG\tGB\t318014\tEngland|England Region|England Province",
		// Cities of 15,000 or more, most populous first; a city's own
		// names, Cyrillic alternates, Latin ones above 100,000 people; no
		// codes ("MPW"); "Reading" is a common word.
		"P\tgn:701822\tUA.05\t431859\tMariupol|^Marioupol|^Мариуполь|^Hayeren|^Zhdanov",
		"P\tgn:2639577\tGB.ENG\t318014\t~Reading|^Рединг|^Reding",
		"P\tgn:556560\tRU-CE\t271573\tGrozny|Groznyy|^Грозный",
		// An unknown region code: the city lies in its country.
		"P\tgn:102\tUA\t20000\tNowhere City",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("written lines (-want +got):\n%s", diff)
	}
	back, err := geofile.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tab, back); diff != "" {
		t.Errorf("Read(Write(t)) differs from t (-written +read):\n%s", diff)
	}
}

func TestPlainLetters(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Côte d’Ivoire": "Cote d'Ivoire",
		"São Tomé":      "Sao Tome",
		"Україна":       "Україна", // ї is a letter of its own
		"Кот-д’Ивуар":   "Кот-д'Ивуар",
		"Київ":          "Київ",
		"Йемен":         "Йемен", // so is й
	} {
		if got := plainLetters(in); got != want {
			t.Errorf("plainLetters(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAliases builds the fixture with a list of hand-kept names: they
// become own names of the country, region and city, before the
// alternate names (an alternate name given again is promoted, not
// repeated), a common word is marked so unless named under "text", a
// town too small for the table is kept when it is named there, and a
// display name goes first.
func TestAliases(t *testing.T) {
	t.Parallel()
	aliases := `{"names": {
		"GB": ["UK", "Британия"],
		"UA.05": ["Донецкая область", "Donetsk Oblast"],
		"gn:701822": ["Мариуполь", "Mariupol City"],
		"gn:2639577": ["Reading"],
		"gn:100": ["Hamlet Town"],
		"gn:556560": ["Грозный"]
	}, "display": {"gn:701822": "Mariupol City"}, "text": {"gn:556560": ["Грозный"]}}`
	tab, err := build(input{
		cities: []byte(fixtureCities), admin1: []byte(fixtureAdmin1), places: []byte(fixturePlaces), aliases: []byte(aliases),
		words: map[string]bool{"reading": true, "uk": false, "грозный": true}, minPop: 15000, latinPop: 100000,
	})
	if err != nil {
		t.Fatal(err)
	}
	names := func(ns []geofile.Name) string {
		var parts []string
		for _, n := range ns {
			s := n.Text
			if n.Alt {
				s = "^" + s
			}
			if n.Common {
				s = "~" + s
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "|")
	}
	got := map[string]string{}
	for _, list := range [][]geofile.Entry{tab.Countries, tab.Admin1, tab.Cities} {
		for _, e := range list {
			got[e.ID] = names(e.Names)
		}
	}
	want := map[string]string{
		"GB":         "United Kingdom|Великобритания|Велика Британія|UK|Британия",
		"UA.05":      "Donetsk|Donetsk Oblast|Donetsk Region|Donetsk Province|Донецкая область",
		"GB.ENG":     "England|England Region|England Province",
		"gn:701822":  "Mariupol City|Mariupol|Мариуполь|^Marioupol|^Hayeren|^Zhdanov",
		"gn:2639577": "~Reading|^Рединг|^Reding",
		"gn:556560":  "Grozny|Groznyy|Грозный", // a common word, but named under text
		"gn:102":     "Nowhere City",
		// Under the smallest population kept, but named here.
		"gn:100": "Hamlet|Hamlet Town",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

// TestAliasesRefused: a name list or display name for a place the table
// lacks, a name list for a hand-kept place, and a display name that is
// not an own name of the place, are errors naming the place.
func TestAliasesRefused(t *testing.T) {
	t.Parallel()
	for aliases, want := range map[string]string{
		`{"names": {"UA.99": ["Nowhere"]}}`:     "no place UA.99",
		`{"names": {"RU-CE": ["ЧР"]}}`:          "RU-CE is a place of places.json",
		`{"names": {"UA": ["Ukr"]}}`:            "UA is a place of places.json",
		`{"display": {"UA.99": "Nowhere"}}`:     "display name for UA.99",
		`{"display": {"gn:701822": "Zhdanov"}}`: `display name "Zhdanov" of gn:701822 is not one of its own names`,
		`{"text": {"UA": ["Ukraine"]}}`:         "text names for UA",
		`{"text": {"gn:701822": ["Zhdanov"]}}`:  `text name "Zhdanov" of gn:701822 is not one of its own names`,
	} {
		_, err := build(input{
			cities: []byte(fixtureCities), admin1: []byte(fixtureAdmin1), places: []byte(fixturePlaces), aliases: []byte(aliases),
			words: map[string]bool{}, minPop: 15000, latinPop: 100000,
		})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("aliases %s: error %v, want one saying %q", aliases, err, want)
		}
	}
}

// TestRegionBesideItsCity: a bare region name beside a region of the same
// country named with "Region" is the capital city (GeoNames' KZ.02
// "Almaty" beside KZ.01 "Almaty Region"): it gets no "Region" or "Oblast"
// names, which would take the region's; another bare region still does.
func TestRegionBesideItsCity(t *testing.T) {
	t.Parallel()
	admin1 := `[{"code":"KZ.01","name":"Almaty Region"},{"code":"KZ.02","name":"Almaty"},{"code":"KZ.04","name":"Aktobe"}]`
	got := joinedNames(buildBare(t, "", admin1).Admin1)
	want := map[string]string{
		"KZ.01": "Almaty Region",
		"KZ.02": "Almaty",
		"KZ.04": "Aktobe|Aktobe Oblast|Aktobe Region|Aktobe Province",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("region names (-want +got):\n%s", diff)
	}
}

// TestRegionsThatAreCities: a region of cityRegions, a city of its own
// that GeoNames names bare with no "X Region" beside it (KZ.1537272
// Shymkent, KG.01 Bishkek, TJ.04 Dushanbe), gets no "Oblast", "Region"
// or "Province" names, which English does not give it; an oblast named
// bare beside it (KG.07 Issyk-Kul) still does. A display name is spelt as
// aliases.json spells it: GeoNames' "Oryol oblast" is shown "Oryol
// Oblast".
func TestRegionsThatAreCities(t *testing.T) {
	t.Parallel()
	got := joinedNames(buildWith(t, "", `[{"code":"KZ.1537272","name":"Shymkent"},{"code":"KG.01","name":"Bishkek"},
		{"code":"KG.07","name":"Issyk-Kul"},{"code":"TJ.04","name":"Dushanbe"},{"code":"RU.56","name":"Oryol oblast"}]`,
		`{"names": {"RU.56": ["Oryol Oblast", "Orel Oblast"]}, "display": {"RU.56": "Oryol Oblast"}}`).Admin1)
	want := map[string]string{
		"KZ.1537272": "Shymkent",
		"KG.01":      "Bishkek",
		"KG.07":      "Issyk-Kul|Issyk-Kul Oblast|Issyk-Kul Region|Issyk-Kul Province",
		"TJ.04":      "Dushanbe",
		"RU.56":      "Oryol Oblast|Orel Oblast",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("region names (-want +got):\n%s", diff)
	}
}

// TestPressNames: a city of a country not written in Latin letters is
// shown first under GeoNames' name without its accents and
// transliteration marks; GeoNames' own spellings stay its names. A city
// of a Latin-script country keeps its name first (Genève), and a name
// another place has is not given to a second one (Mar’ino's "Marino").
// Only marks are dropped, and only in countries written in Cyrillic,
// Arabic, Georgian or Armenian letters.
func TestPressNames(t *testing.T) {
	t.Parallel()
	cities := strings.Join([]string{
		"90150\tTikrīt\tTikrit\tТикрит\t0\t0\tP\tPPLA\tIQ\t\t18\t\t\t\t42477\t\t0\tAsia/Baghdad\t2019-09-05",
		"523064\tNazran’\tNazran'\tNazran,Назрань\t0\t0\tP\tPPLA\tRU\t\t19\t\t\t\t164131\t\t0\tEurope/Moscow\t2019-09-05",
		"94824\tSāmarrā’\tSamarra'\t\t0\t0\tP\tPPL\tIQ\t\t18\t\t\t\t158508\t\t0\tAsia/Baghdad\t2019-09-05",
		"2660646\tGenève\tGeneve\tGeneva\t0\t0\tP\tPPLA\tCH\t\tGE\t\t\t\t183981\t\t0\tEurope/Zurich\t2019-09-05",
		"3173529\tMarino\tMarino\t\t0\t0\tP\tPPL\tIT\t\t07\t\t\t\t40000\t\t0\tEurope/Rome\t2019-09-05",
		"529368\tMar’ino\tMar'ino\t\t0\t0\tP\tPPLX\tRU\t\t48\t\t\t\t243000\t\t0\tEurope/Moscow\t2019-09-05",
		// The reviewer's: GeoNames' ASCII names that are no press name
		// (UEruemqi, Moeroen, Lueshun, Ingija, BordjBouArreridj), a
		// backtick for an ayin, an apostrophe of the name (Xi’an, Cox’s
		// Bāzār), Serbia and Belarus, Latin-written in GeoNames.
		"1529102\tÜrümqi\tUEruemqi\t\t0\t0\tP\tPPLA\tCN\t\t13\t\t\t\t3029372\t\t0\tAsia/Urumqi\t2019-09-05",
		"2029945\tMörön\tMoeroen\t\t0\t0\tP\tPPLA\tMN\t\t12\t\t\t\t39404\t\t0\tAsia/Ulaanbaatar\t2019-09-05",
		"1801722\tLüshun\tLueshun\t\t0\t0\tP\tPPL\tCN\t\t19\t\t\t\t82345\t\t0\tAsia/Shanghai\t2019-09-05",
		"790015\tInđija\tIngija\t\t0\t0\tP\tPPL\tRS\t\tVO\t\t\t\t26247\t\t0\tEurope/Belgrade\t2019-09-05",
		"787657\tNiš\tNis\t\t0\t0\tP\tPPLA\tRS\t\t00\t\t\t\t250000\t\t0\tEurope/Belgrade\t2019-09-05",
		"625625\tMaladziečna\tMaladziecna\t\t0\t0\tP\tPPLA2\tBY\t\t07\t\t\t\t101300\t\t0\tEurope/Minsk\t2019-09-05",
		"2503701\tBordj Bou Arréridj\tBordjBouArreridj\t\t0\t0\tP\tPPLA\tDZ\t\t51\t\t\t\t168346\t\t0\tAfrica/Algiers\t2019-09-05",
		"103369\tQal‘at Bīshah\tQal`at Bishah\t\t0\t0\tP\tPPL\tSA\t\t11\t\t\t\t81828\t\t0\tAsia/Riyadh\t2019-09-05",
		"163476\tTall Rif‘at\tTall Rif`at\t\t0\t0\tP\tPPL\tSY\t\t09\t\t\t\t25658\t\t0\tAsia/Damascus\t2019-09-05",
		"1790630\tXi’an\tXi'an\t\t0\t0\tP\tPPLA\tCN\t\t26\t\t\t\t9600000\t\t0\tAsia/Shanghai\t2019-09-05",
		"1336134\tCox’s Bāzār\tCox's Bazar\t\t0\t0\tP\tPPLA2\tBD\t\t84\t\t\t\t253788\t\t0\tAsia/Dhaka\t2019-09-05",
		// A mark before a final s may be the name's apostrophe.
		"1162004\tKhairpur Mir’s\tKhairpur Mir's\t\t0\t0\tP\tPPLA2\tPK\t\t05\t\t\t\t124602\t\t0\tAsia/Karachi\t2019-09-05",
		// Three towns of one name in a Cyrillic-script country: the
		// first takes the press name, the others keep theirs.
		"9000001\tKhar’kovo\tKhar'kovo\t\t0\t0\tP\tPPL\tRU\t\t48\t\t\t\t30000\t\t0\tEurope/Moscow\t2019-09-05",
		"9000002\tKhar’kovo\tKhar'kovo\t\t0\t0\tP\tPPL\tRU\t\t48\t\t\t\t20000\t\t0\tEurope/Moscow\t2019-09-05",
		"9000003\tKhar’kovo\tKhar'kovo\t\t0\t0\tP\tPPL\tRU\t\t48\t\t\t\t16000\t\t0\tEurope/Moscow\t2019-09-05",
	}, "\n") + "\n"
	got := joinedNames(buildBare(t, cities, `[]`).Cities)
	want := map[string]string{
		"gn:90150":   "Tikrit|Tikrīt|^Тикрит",
		"gn:523064":  "Nazran|Nazran’|Nazran'|^Назрань",
		"gn:94824":   "Samarra|Sāmarrā’|Samarra'",
		"gn:2660646": "Genève|Geneve|^Geneva",
		"gn:3173529": "Marino",
		"gn:529368":  "Mar’ino|Mar'ino",
		"gn:1529102": "Ürümqi|UEruemqi",
		"gn:2029945": "Mörön|Moeroen",
		"gn:1801722": "Lüshun|Lueshun",
		"gn:790015":  "Inđija|Ingija",
		"gn:787657":  "Niš|Nis",
		"gn:625625":  "Maladziečna|Maladziecna",
		"gn:2503701": "Bordj Bou Arreridj|Bordj Bou Arréridj|BordjBouArreridj",
		"gn:103369":  "Qalat Bishah|Qal‘at Bīshah|Qal`at Bishah",
		"gn:163476":  "Tall Rifat|Tall Rif‘at|Tall Rif`at",
		"gn:1790630": "Xi’an|Xi'an",
		"gn:1336134": "Cox’s Bāzār|Cox's Bazar",
		"gn:1162004": "Khairpur Mir’s|Khairpur Mir's",
		"gn:9000001": "Kharkovo|Khar’kovo|Khar'kovo",
		"gn:9000002": "Khar’kovo|Khar'kovo",
		"gn:9000003": "Khar’kovo|Khar'kovo",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("city names (-want +got):\n%s", diff)
	}
}

// joinedNames gives each entry's names by ID, joined by "|", an alternate
// name marked "^" as in the table's file.
func joinedNames(entries []geofile.Entry) map[string]string {
	out := map[string]string{}
	for _, e := range entries {
		var parts []string
		for _, n := range e.Names {
			if n.Alt {
				parts = append(parts, "^"+n.Text)
			} else {
				parts = append(parts, n.Text)
			}
		}
		out[e.ID] = strings.Join(parts, "|")
	}
	return out
}

// buildBare builds the table of some GeoNames lines and admin1 codes,
// with no hand-kept places, aliases or common words.
func buildBare(t *testing.T, cities, admin1 string) *geofile.Table {
	t.Helper()
	return buildWith(t, cities, admin1, "")
}

// buildWith is buildBare with aliases.json's content aliases, if not "".
func buildWith(t *testing.T, cities, admin1, aliases string) *geofile.Table {
	t.Helper()
	in := input{
		cities: []byte(cities), admin1: []byte(admin1), places: []byte(`{"places": []}`),
		words: map[string]bool{}, minPop: 15000, latinPop: 100000,
	}
	if aliases != "" {
		in.aliases = []byte(aliases)
	}
	tab, err := build(in)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}
