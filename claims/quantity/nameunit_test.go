package quantity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Readings of parser Version 14 (English), stated by hand from the text:
// the name of an armed group, an organisation or a force of the lexicon's
// groupNames used before the counted noun ("300 Islamic State fighters")
// is passed over to the noun, as a nation's adjective is ("200 Kurdish
// fighters"), so that claims about the same fighters share a unit and
// are compared. A name the figure counts itself ("300 Taliban attacked",
// "1,000 ISIS") stays the unit, as does any capitalised word that is no
// such name.
func TestNameBeforeCountedNoun(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 Boko Haram fighters", exact(300, "numeral").unit("fighters")},
		{"killed 300 Islamic State fighters", exact(300, "numeral").unit("fighters").span("300 Islamic State fighters")},
		{"300 Taliban fighters", exact(300, "numeral").unit("fighters")},
		{"300 Hezbollah fighters", exact(300, "numeral").unit("fighters")},
		{"300 ISIS fighters", exact(300, "numeral").unit("fighters")},
		{"300 al-Qaeda fighters", exact(300, "numeral").unit("fighters")},
		{"300 Al Qaeda fighters", exact(300, "numeral").unit("fighters")},
		{"300 US troops", exact(300, "numeral").unit("troops")},
		{"300 U.S. troops", exact(300, "numeral").unit("troops")},
		{"300 Free Syrian Army fighters", exact(300, "numeral").unit("fighters")},
		{"300 Syrian Democratic Forces fighters", exact(300, "numeral").unit("fighters")},
		{"more than 2,000 National Guard troops", lower(2001, "more_than").unit("troops")},
		// A plural the lexicon does not know, a word joined to the name
		// by a hyphen, and adjuncts between the name and the noun.
		{"300 Wagner mercenaries", exact(300, "numeral").unit("mercenaries")},
		{"2,000 Hezbollah gunmen", exact(2000, "numeral").unit("gunmen")},
		{"300 Wagner men", exact(300, "numeral").unit("men")},
		{"300 US-led coalition troops", exact(300, "numeral").unit("troops")},
		{"40 Islamic State suicide bombers", exact(40, "numeral").unit("bombers")},
		{"dozens of Islamic State militants", vague(24, 48, 99, "vague:dozens").unit("militants")},

		// What read right before still does: the people a figure counts,
		// a name with no noun after it, a verb or a preposition after
		// the name, a nation's adjective.
		{"300 Americans", exact(300, "numeral").unit("Americans")},
		{"300 Russians were killed", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Russians fight alongside", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Syrians died", exact(300, "numeral").unit("Syrians").span("300 Syrians")},
		{"800 Chechens in Syria", exact(800, "numeral").unit("Chechens").span("800 Chechens")},
		{"5 million Syrians", exact(5e6, "numeral").unit("Syrians")},
		{"1,000 ISIS", exact(1000, "numeral").unit("ISIS")},
		{"1,000 ISIS were killed", exact(1000, "numeral").unit("ISIS").span("1,000 ISIS")},
		{"300 Taliban attacked", exact(300, "numeral").unit("Taliban").span("300 Taliban")},
		{"300 Hezbollah always", exact(300, "numeral").unit("Hezbollah").span("300 Hezbollah")},
		{"300 Russian soldiers", exact(300, "numeral").unit("soldiers")},
		{"200 Kurdish fighters", exact(200, "numeral").unit("fighters")},
		{"$300 million", exact(3e8, "numeral").unit("USD")},
		{"300 US dollars", exact(300, "numeral").unit("USD")},
		{"300 km", exact(300, "numeral").unit("km")},
		// A duration after a name is no noun it qualifies: "days later"
		// is when.
		{"300 Russians days later", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Kurds hours later", exact(300, "numeral").unit("Kurds").span("300 Kurds")},
		{"300 ISIS days later", exact(300, "numeral").unit("ISIS").span("300 ISIS")},
		// A verb after the name, even with a plural after it.
		{"300 Russians fight jihadists", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Taliban fight jihadists", exact(300, "numeral").unit("Taliban").span("300 Taliban")},
		// Names in "-s" that are no plural, and names of more words
		// that end in one.
		{"300 Hamas fighters", exact(300, "numeral").unit("fighters")},
		// Four digits below 1800 are no year (as the scanner's year-like
		// figures): "1500 Hamas fighters" counts as "1,500" does.
		{"1500 Hamas fighters", exact(1500, "numeral").unit("fighters")},
		{"1,500 Hamas fighters", exact(1500, "numeral").unit("fighters")},
		{"300 Isis fighters", exact(300, "numeral").unit("fighters")},
		{"300 United States troops", exact(300, "numeral").unit("troops")},
		// A word the lexicon knows opens no name: a month, "The".
		{"killed 12 The fighters", exact(12, "numeral").span("12")},
	})
	// A year after a date preposition stays a year: the name after it
	// is the sentence's subject, not a noun adjunct of the figure.
	runRefusals(t, []refusal{
		{"In 2014 Islamic State fighters took Mosul", "only a year found"},
		{"in 2014 Islamic State fighters took Mosul", "only a year found"},
		{"In September 2014 Islamic State fighters besieged Kobani", "only a year found"},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"Russia says it killed 300 Islamic State fighters near Palmyra.", "300 Islamic State fighters", "fighters"},
		{"On 12 May strikes killed 30 civilians.", "30 civilians", "civilians"},
	})
}

// TestNoNameBeforeUnit: a capitalised word after a figure that is none of
// the lexicon's groups is not passed over, whatever plural follows it: a
// unit's symbol ("300 MW turbines"), an era or a time of day, a model's
// or an event's name with its number ("Boeing 737 MAX jets", "Game 7"),
// a firm or a broadcaster ("1,000 Shell gas stations"). Nor is a group's
// name after a figure that names something ("The Fortune 500 US
// companies"), or before a word in "-s" that is no plural ("750 US
// overseas bases"). Each reads as Version 13 read it.
func TestNoNameBeforeUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 MW turbines", exact(300, "numeral").unit("MW").span("300 MW")},
		{"15 MW turbines made by Vestas", exact(15, "numeral").unit("MW").span("15 MW")},
		{"120 MPH winds", exact(120, "numeral").unit("MPH").span("120 MPH")},
		{"20 W adapters", exact(20, "numeral").unit("W").span("20 W")},
		{"200 MP cameras", exact(200, "numeral").unit("MP").span("200 MP")},
		{"1.5 L bottles", exact(1.5, "numeral").unit("L").span("1.5 L")},
		{"300 MW gas turbines", exact(300, "numeral").unit("MW").span("300 MW")},
		{"5 GW plants", exact(5, "numeral").unit("GW").span("5 GW")},
		{"64 GB phones", exact(64, "numeral").unit("GB").span("64 GB")},
		{"300 HP engines", exact(300, "numeral").unit("HP").span("300 HP")},
		{"60 Hz grids", exact(60, "numeral").unit("Hz").span("60 Hz")},
		{"100 MWh batteries", exact(100, "numeral").unit("MWh").span("100 MWh")},
		{"300 BC coins", exact(300, "numeral").span("300")},
		{"300 AD coins", exact(300, "numeral").span("300")},
		{"The 10 AM flights", exact(10, "numeral").unit("AM").span("10 AM")},
		{"at 1600 GMT traders said", exact(1600, "numeral").unit("GMT").span("1600 GMT")},
		{"Boeing 737 MAX jets", exact(737, "numeral").unit("MAX").span("737 MAX")},
		{"PlayStation 5 Pro owners", exact(5, "numeral").unit("Pro").span("5 Pro")},
		{"Pixel 8 Pro phones", exact(8, "numeral").unit("Pro").span("8 Pro")},
		{"In Game 7 Boston fans rioted", exact(7, "numeral").unit("Boston").span("7 Boston")},
		{"Phase 3 Pfizer trials", exact(3, "numeral").unit("Pfizer").span("3 Pfizer")},
		{"Category 5 Atlantic hurricanes", exact(5, "numeral").unit("Atlantic").span("5 Atlantic")},
		{"The Fortune 500 US companies", exact(500, "numeral").span("500")},
		{"World War 2 US veterans", exact(2, "numeral").span("2")},
		{"1,000 Shell gas stations", exact(1000, "numeral").unit("Shell").span("1,000 Shell")},
		{"750 US overseas bases", exact(750, "numeral").span("750")},
		{"200 BBC news staff", exact(200, "numeral").unit("BBC").span("200 BBC")},
		{"300 NATO outdoors exercises", exact(300, "numeral").unit("NATO").span("300 NATO")},
	})
}

// TestNoCountAfterDateOrYear: a year, a day after its month and a figure
// after a day of the week count nothing of a group's name after them,
// so the noun after the name is not passed to them, and Extract finds no
// claim in "In 2014 ISIS fighters"; the figures of the sentence are as
// Version 13 found them ("some 25,000" is the claim).
func TestNoCountAfterDateOrYear(t *testing.T) {
	t.Parallel()
	type su struct{ Text, Unit string }
	for _, tt := range []struct {
		in   string
		want []su
	}{
		{"In the summer of 2014 Islamic State fighters swept across northern Iraq.", nil},
		{"At the end of 2014 ISIS fighters controlled a third of Iraq.", []su{{"a third", "percent"}}},
		{"By the end of 2014 Islamic State fighters had seized Mosul.", nil},
		{"On June 10, 2014 Islamic State fighters captured Mosul.", nil},
		{"In 2014 and 2015 ISIS fighters destroyed ancient sites.", nil},
		{"Between 2014 and 2016 Islamic State fighters held Raqqa.", nil},
		{"As of 2020 Hezbollah fighters numbered some 25,000.", []su{{"some 25,000", ""}}},
		{"In the first half of 2023 Wagner fighters took Bakhmut.", nil},
		{"The 2014 ISIS fighters who took Mosul were local.", nil},
		// A day after its month, dotted or not, keeps the word after it
		// as before (the article's judge marks it a date).
		{"Prosecutors charged more than 1,000 Jan. 6 Capitol rioters.", []su{{"6 Capitol", "Capitol"}}},
		{"On Sept. 11 al-Qaeda hijackers killed nearly 3,000 people.", []su{{"11 al", "al"}, {"nearly 3,000 people", "people"}}},
		{"On Oct. 7 Hamas fighters killed about 1,200 people.", []su{{"7 Hamas", "Hamas"}, {"about 1,200 people", "people"}}},
		{"Since the Oct. 7 Hamas-led attacks, 1,200 people have died.", []su{{"7 Hamas", "Hamas"}, {"1,200 people", "people"}}},
		{"On Oct 7 Hamas fighters attacked.", nil}, // a date: "Oct 7"
		{"On Saturday 300 Hamas fighters attacked.", []su{{"300 Hamas", "Hamas"}}},
	} {
		var got []su
		for _, q := range Extract(tt.in) {
			got = append(got, su{q.Text, q.Unit})
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}
