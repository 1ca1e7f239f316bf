package quantity

import "testing"

// Readings of parser Version 14 (English), stated by hand from the text:
// the name of a group, organisation or place used before the counted noun
// ("300 Islamic State fighters") is passed over to the noun, as a nation's
// adjective is ("200 Kurdish fighters"), so that claims about the same
// fighters share a unit and are compared. A capitalised word that is what
// the figure counts ("300 Russians", "1,000 ISIS") stays the unit.
func TestNameBeforeCountedNoun(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 Boko Haram fighters", exact(300, "numeral").unit("fighters")},
		{"killed 300 Islamic State fighters", exact(300, "numeral").unit("fighters").span("300 Islamic State fighters")},
		{"300 Taliban fighters", exact(300, "numeral").unit("fighters")},
		{"300 Hezbollah fighters", exact(300, "numeral").unit("fighters")},
		{"300 ISIS fighters", exact(300, "numeral").unit("fighters")},
		{"300 al-Qaeda fighters", exact(300, "numeral").unit("fighters")},
		{"300 pro-Russian separatists", exact(300, "numeral").unit("separatists")},
		{"300 US troops", exact(300, "numeral").unit("troops")},
		{"300 Free Syrian Army fighters", exact(300, "numeral").unit("fighters")},
		{"300 Syrian Democratic Forces fighters", exact(300, "numeral").unit("fighters")},
		// A plural the lexicon does not know, and lower-case words
		// between the name and it.
		{"300 Wagner mercenaries", exact(300, "numeral").unit("mercenaries")},
		{"2,000 Hezbollah gunmen", exact(2000, "numeral").unit("gunmen")},
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
		{"300 km", exact(300, "numeral").unit("km")},
		// A duration after a people's plural is no noun it qualifies:
		// "days later" is when.
		{"300 Russians days later", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Kurds hours later", exact(300, "numeral").unit("Kurds").span("300 Kurds")},
		{"300 ISIS days later", exact(300, "numeral").unit("ISIS").span("300 ISIS")},
		// One word in the plural is the people counted, whatever
		// follows: here a verb and its object.
		{"300 Russians fight jihadists", exact(300, "numeral").unit("Russians").span("300 Russians")},
		{"300 Kurds guard prisons", exact(300, "numeral").unit("Kurds").span("300 Kurds")},
		// Names in "-s" that are no plural, and names of more words
		// that end in one.
		{"300 Hamas fighters", exact(300, "numeral").unit("fighters")},
		{"300 Isis fighters", exact(300, "numeral").unit("fighters")},
		{"300 United States troops", exact(300, "numeral").unit("troops")},
		// A word the lexicon knows after the name is no plural it takes:
		// "resolutions" is one of the words before a reference number
		// ("resolution 2254"), so "UN" stays the unit, as before.
		{"2 UN resolutions", exact(2, "numeral").unit("UN").span("2 UN")},
		// A word the lexicon knows opens no name: a month, "The".
		{"killed 12 The fighters", exact(12, "numeral").span("12")},
	})
	// A year after a date preposition stays a year: the name after it
	// is the sentence's subject, not a noun adjunct of the figure.
	runRefusals(t, []refusal{
		{"In 2014 Islamic State fighters took Mosul", "only a year found"},
		{"in 2014 Islamic State fighters took Mosul", "only a year found"},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"Russia says it killed 300 Islamic State fighters near Palmyra.", "300 Islamic State fighters", "fighters"},
		{"On 12 May strikes killed 30 civilians.", "30 civilians", "civilians"},
	})
}
