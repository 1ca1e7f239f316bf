package quantity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Readings of parser Version 15, each stated by hand from the text, not
// from a run of the parser.

// spanUnits extracts every quantity of text and returns its span and
// unit, in order.
func spanUnits(text string) [][2]string {
	var out [][2]string
	for _, q := range Extract(text) {
		out = append(out, [2]string{q.Text, q.Unit})
	}
	return out
}

// checkAllSpanUnits extracts the quantities of each text and checks their
// spans and units, in order.
func checkAllSpanUnits(t *testing.T, tests map[string][][2]string) {
	t.Helper()
	for text, want := range tests {
		if diff := cmp.Diff(want, spanUnits(text)); diff != "" {
			t.Errorf("Extract(%q) spans and units (-want +got):\n%s", text, diff)
		}
	}
}

// An English word the lexicon does not know, an adjective or a noun used
// as one, between a figure and the plural noun it counts qualifies the
// noun, which is the unit: "300 ballistic missiles" counts missiles, as
// "300 foreign fighters" counts fighters. Measures, verbs and figures
// that count nothing keep their readings.
func TestEnglishWordBeforeCountedNoun(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"fired 300 ballistic missiles", exact(300, "numeral").unit("missiles").span("300 ballistic missiles")},
		{"launched 40 cruise missiles", exact(40, "numeral").unit("missiles").span("40 cruise missiles")},
		{"300 ballistic missiles", exact(300, "numeral").unit("missiles")},
		{"about 300 nuclear warheads", about(270, 300, 330).unit("warheads")},
		{"killed 12 local residents", exact(12, "numeral").unit("residents").span("12 local residents")},
		{"hired 300 aid workers", exact(300, "numeral").unit("workers").span("300 aid workers")},
		{"deployed 5,000 combat troops", exact(5000, "numeral").unit("troops").span("5,000 combat troops")},
		{"captured 40 heavy weapons", exact(40, "numeral").unit("weapons").span("40 heavy weapons")},
		{"hundreds of cruise missiles", vague(200, 450, 999, "vague:hundreds").unit("missiles")},
		{"fired between 20 and 30 cruise missiles", rng(20, 30).unit("missiles").span("between 20 and 30 cruise missiles")},
		// What read right before still does: a measure or a word in
		// capitals before a plural, a word the lexicon knows, a verb
		// after a figure that may be a clause's subject, a participle, a
		// single count, a second word that is no plural.
		{"built 10 km roads", exact(10, "numeral").unit("km").span("10 km")},
		{"300 MW turbines", exact(300, "numeral").unit("MW").span("300 MW")},
		{"60 mph winds", exact(60, "numeral").unit("mph").span("60 mph")},
		{"stayed in 5 star hotels", exact(5, "numeral").unit("star").span("5 star")},
		{"fired 155 calibre shells", exact(155, "numeral").unit("calibre").span("155 calibre")},
		{"300 flee clashes", exact(300, "numeral").unit("flee").span("300 flee")},
		{"police say 300 flee clashes", exact(300, "numeral").unit("flee").span("300 flee")},
		{"the 300 attended rallies", exact(300, "numeral").span("300")},
		{"fired 1 cruise missile", exact(1, "numeral").unit("cruise").span("1 cruise")},
		{"fired 40 cruise missile", exact(40, "numeral").unit("cruise").span("40 cruise")},
		{"300 foreign fighters", exact(300, "numeral").unit("fighters")},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		"They fired 300 ballistic missiles and 40 cruise missiles.": {
			{"300 ballistic missiles", "missiles"}, {"40 cruise missiles", "missiles"},
		},
		"Officials said 95 positive cases were found.": {{"95 positive cases", "cases"}},
		// A year counts nothing after it.
		"In 2014 civilian casualties rose.": nil,
	})
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"ballistic", true}, {"cruise", true}, {"nuclear", true}, {"local", true}, {"service", true},
		{"million", false}, {"Cruise", false}, {"km", false}, {"star", false}, {"attended", false}, {"fighters", false},
		{"face", false}, {"core", false}, {"goal", false}, {"smart", false}, {"rand", false}, {"finish", false},
	} {
		if got := IsAttributive(tt.word); got != tt.want {
			t.Errorf("IsAttributive(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// After a figure that ends in 2, 3 or 4 Russian puts a feminine noun in
// the genitive singular, in "-ы" or "-и", and its adjective in the
// genitive or the nominative plural ("3 военных базы", "3 военные
// базы"): the noun is the unit, as "3 русскоязычных боевика" has
// "боевика". Short participles, verbs and adverbs in "-ы" or "-и" after
// a substantivised adjective are no noun, and a preposition that takes no
// accusative leaves the adjective the unit, as before.
func TestRussianFeminineNounAfterAdjective(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"3 военных базы", exact(3, "numeral").unit("базы")},
		{"около 3 военных базы", approxW(2.7, 3, 3.3, "okolo").unit("базы")},
		{"3 военные базы", exact(3, "numeral").unit("базы")},
		{"3 крылатые ракеты", exact(3, "numeral").unit("ракеты")},
		{"2 крылатых ракеты", exact(2, "numeral").unit("ракеты")},
		{"3 ракетных установки", exact(3, "numeral").unit("установки")},
		{"3 соседние области", exact(3, "numeral").unit("области")},
		{"4 пожилые женщины", exact(4, "numeral").unit("женщины")},
		{"3 российские военные базы", exact(3, "numeral").unit("базы")},
		{"22 военные базы", exact(22, "numeral").unit("базы")},
		// What read right before still does.
		{"3 военные", exact(3, "numeral").unit("военные")},
		{"3 раненых убиты", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 раненых переданы врачам", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"2 пострадавшие госпитализированы", exact(2, "numeral").unit("пострадавшие").span("2 пострадавшие")},
		{"2 пострадавших были госпитализированы", exact(2, "numeral").unit("пострадавших").span("2 пострадавших")},
		{"3 раненых впереди", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"удалось 3 раненых спасти", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"среди 3 погибших женщины", exact(3, "numeral").unit("погибших").span("3 погибших")},
		{"12 военных базы", exact(12, "numeral").unit("военных").span("12 военных")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"Россия потеряла 3 военные базы.", "3 военные базы", "базы"},
		{"По данным Минобороны, сбиты 2 крылатые ракеты.", "2 крылатые ракеты", "ракеты"},
	})
}

// "R" before a figure and a scale is the South African rand, as "$" is
// the dollar; a currency's code glued to a figure and a scale reads as
// one spaced from it ("Rs500 crore"). A scale word after a figure that is
// not read (a name's, a road's or a code's number, digits that make no
// number) is not a million of its own: it was read as 1,000,000 with no
// currency, a confident misreading, and is now refused with the figure.
func TestRandAndScaleAfterUnreadFigure(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"R500 million", exact(5e8, "numeral").unit("ZAR")},
		{"R 500 million", exact(5e8, "numeral").unit("ZAR")},
		{"R1.2 billion", exact(1.2e9, "numeral").unit("ZAR")},
		{"R500m", exact(5e8, "numeral").unit("ZAR")},
		{"R2bn", exact(2e9, "numeral").unit("ZAR")},
		{"ZAR 500 million", exact(5e8, "numeral").unit("ZAR")},
		{"500 million ZAR", exact(5e8, "numeral").unit("ZAR")},
		{"Rs500 crore", exact(5e9, "numeral").unit("INR")},
		{"USD5bn", exact(5e9, "numeral").unit("USD")},
		// What read right before still does.
		{"Rs 500 crore", exact(5e9, "numeral").unit("INR")},
		{"Rs 500 million", exact(5e8, "numeral").unit("INR")},
		{"Rs. 500 crore", exact(5e9, "numeral").unit("INR")},
		{"$500 million", exact(5e8, "numeral").unit("USD")},
		{"R$5 million", exact(5e6, "numeral").span("$5 million")},
		{"R 500", exact(500, "numeral").span("500")},
	})
	runRefusals(t, []refusal{
		{"R500", `cannot read "500" as a quantity`},
		{"the R512 road", `cannot read "512" as a quantity`},
		{"XYZ500 million", `cannot read "500" as a quantity`},
		{"1.2.3 million", `cannot read "1.2.3" as a number`},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		"The deal was worth R500 million.":                  {{"R500 million", "ZAR"}},
		"The deal was worth R 500 million, or Rs500 crore.": {{"R 500 million", "ZAR"}, {"Rs500 crore", "INR"}},
		"R2-D2 appeared in 3 films.":                        {{"3 films", "films"}},
		"Take the R512 road to Pretoria.":                   nil,
		"The XYZ500 million project was cancelled.":         nil,
		"It was 1.2.3 million.":                             nil,
		"The MH17 million-dollar settlement.":               nil,
	})
}

// A figure after a capitalised name that follows another figure is the
// model's number, not a count: "14 Leopard 2 tanks" is one quantity, 14,
// counting tanks, where two were read ("14 Leopard" and "2 tanks").
func TestModelNumberIsNoCount(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"captured 14 Leopard 2 tanks", exact(14, "numeral").unit("tanks").span("14 Leopard 2 tanks")},
		{"sent 3 Challenger 2 battle tanks", exact(3, "numeral").unit("tanks").span("3 Challenger 2 battle tanks")},
		{"lost 12 Su 24 bombers", exact(12, "numeral").unit("bombers").span("12 Su 24 bombers")},
		{"bought 3 Mirage 2000 jets", exact(3, "numeral").unit("jets").span("3 Mirage 2000 jets")},
		{"dozens of Leopard 2 tanks", vague(24, 48, 99, "vague:dozens").unit("tanks")},
		// What read right before still does: a name and its number
		// joined by a hyphen, which make no second figure.
		{"lost 12 Su-24 bombers", exact(12, "numeral").unit("Su").span("12 Su")},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		"Rebels captured 14 Leopard 2 tanks near Raqqa.": {{"14 Leopard 2 tanks", "tanks"}},
		"Britain sent 3 Challenger 2 tanks and 14 Leopard 2 tanks.": {
			{"3 Challenger 2 tanks", "tanks"}, {"14 Leopard 2 tanks", "tanks"},
		},
		// A plural after the name is two counts, not a model.
		"They freed 14 Russians 2 days later.": {{"14 Russians", "Russians"}},
	})
}

// A capitalised word the lexicon does not know before a figure makes the
// figure a name's ("The Fortune 500 US companies"), so no group's name
// after it is passed over; in a headline in Title Case every word is
// capitalised, and the verb before the figure is no name: "Israel Kills
// 3 Hezbollah Commanders in Lebanon" counts "Commanders", as "Israel
// kills 3 Hezbollah commanders" counts "commanders".
func TestTitleCaseHeadline(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"Israel Kills 3 Hezbollah Commanders in Lebanon", exact(3, "numeral").unit("Commanders").span("3 Hezbollah Commanders")},
		{"Strike Kills 300 Islamic State Fighters", exact(300, "numeral").unit("Fighters").span("300 Islamic State Fighters")},
		{"Officials In Gaza Say Israel Kills 3 Hamas Fighters", exact(3, "numeral").unit("Fighters").span("3 Hamas Fighters")},
		// What read right before still does: a sentence in lower case, a
		// line with words in lower case, a name that is no group's.
		{"Israel kills 3 Hezbollah commanders", exact(3, "numeral").unit("commanders").span("3 Hezbollah commanders")},
		{"Israel Kills 3 Hezbollah commanders in a strike", exact(3, "numeral").unit("Hezbollah").span("3 Hezbollah")},
		{"In Game 7 Boston Fans Rioted", exact(7, "numeral").unit("Boston").span("7 Boston")},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		"Israel Kills 3 Hezbollah Commanders\nThe Fortune 500 US companies reported profits.": {
			{"3 Hezbollah Commanders", "Commanders"}, {"500", ""},
		},
	})
}

// The word between a figure and a plural is passed over only when it ends
// as an English adjective does or is one of a short list of nouns of
// conflict news, and never after a figure that is a name's number: the
// sentences below, read wrong by the first rule of Version 15, keep the
// reading they had before it ("3 clinical", "30 face"), which an analyst
// sees is no count, rather than a confident count of trials or charges.
func TestNoAttributiveWordMisread(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"8 core processors", exact(8, "numeral").unit("core").span("8 core")},
		{"4 cylinder engines", exact(4, "numeral").unit("cylinder").span("4 cylinder")},
		{"2 goal leads", exact(2, "numeral").unit("goal").span("2 goal")},
		// What the rule is for still reads.
		{"They deployed 300 rescue workers", exact(300, "numeral").unit("workers").span("300 rescue workers")},
		{"sent 300 service members", exact(300, "numeral").unit("members").span("300 service members")},
		{"police say 300 ballistic missiles were fired", exact(300, "numeral").unit("missiles").span("300 ballistic missiles")},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		// A noun that refers to the figure, a product's name before it,
		// a figure glued to letters: a name's number.
		"The drug is now in phase 3 clinical trials.":         {{"3 clinical", "clinical"}},
		"Moderna began phase 3 vaccine trials in July.":       {{"3 vaccine", "vaccine"}},
		"The country moved to level 4 lockdown restrictions.": {{"4 lockdown", "lockdown"}},
		"Results for class 10 board exams were declared.":     {{"10 board", "board"}},
		"In round 2 opposition voters backed him.":            {{"2 opposition", "opposition"}},
		"On day 3 rescue teams found survivors.":              {{"3 rescue", "rescue"}},
		"Attendance at COVID 19 vaccine clinics fell.":        {{"19 vaccine", "vaccine"}},
		"Attendance at COVID 19 medical clinics fell.":        {{"19 medical", "medical"}},
		"Attendance at COVID-19 medical clinics fell.":        nil,
		"Apple unveiled iPhone 15 camera upgrades.":           {{"15 camera", "camera"}},
		"Apple unveiled iPhone 15 special editions.":          {{"15 special", "special"}},
		"The iPhone 15 pro models sold out.":                  {{"15 pro", "pro"}},
		// A verb after a figure that opens a clause.
		"Police believe 30 face charges over the riots.":  {{"30 face", "face"}},
		"Officials estimate 300 lack shelters.":           {{"300 lack", "lack"}},
		"Of the 300 detained 40 face trials.":             {{"300", ""}, {"40 face", "face"}},
		"Among the victims 12 suffer burns.":              {{"12 suffer", "suffer"}},
		"In total 300 sign petitions every day.":          {{"300 sign", "sign"}},
		"Officials say 300 rescue workers were deployed.": {{"300 rescue", "rescue"}},
		// A measure or a thing counted before a plural: the figure counts
		// it ("8 core processors" have 8 cores).
		"The chip has 8 core processors.": {{"8 core", "core"}},
		"They built 4 cylinder engines.":  {{"4 cylinder", "cylinder"}},
		"They held 2 goal leads.":         {{"2 goal", "goal"}},
		"Robbers took 500 rand notes.":    {{"500 rand", "rand"}},
		// A word that makes a unit another is kept: "cubic metres" are
		// no metres, nor "nautical miles" miles.
		"Reserves total 100 billion cubic metres of gas.":           {{"100 billion cubic", "cubic"}},
		"The reservoir holds 3 cubic kilometres of water.":          {{"3 cubic", "cubic"}},
		"China claims waters within 12 nautical miles of the reef.": {{"12 nautical", "nautical"}},
		"The tank holds 5 imperial gallons.":                        {{"5 imperial", "imperial"}},
		// A lower-case label's number counts nothing after it.
		"In sector 7 residential blocks were hit.":               {{"7 residential", "residential"}},
		"In microdistrict 5 residential buildings were damaged.": {{"5 residential", "residential"}},
		"In zone 4 civilian shelters were full.":                 {{"4 civilian", "civilian"}},
		"At terminal 3 security checks were tightened.":          {{"3 security", "security"}},
	})
}

// A model's name before its number is in Title Case ("Leopard 2"); a
// time zone's or a code's in capitals is no name, and the figure after it
// counts the noun after it: "At 0700 GMT 3 rockets hit the city" is 3
// rockets, not 700.
func TestTimeZoneIsNoModelName(t *testing.T) {
	t.Parallel()
	checkAllSpanUnits(t, map[string][][2]string{
		"At 0700 GMT 3 rockets hit the city.":          {{"0700 GMT", "GMT"}, {"3 rockets", "rockets"}},
		"By 5 PM 3 people had died.":                   {{"5 PM", "PM"}, {"3 people", "people"}},
		"At 3 AM 2 explosions were heard.":             {{"3 AM", "AM"}, {"2 explosions", "explosions"}},
		"At about 0400 UTC 2 missiles struck Kharkiv.": {{"about 0400 UTC", "UTC"}, {"2 missiles", "missiles"}},
		"At 0300 MSK 6 missiles were launched.":        {{"0300 MSK", "MSK"}, {"6 missiles", "missiles"}},
		"At 10 ET 2 suspects were arrested.":           {{"10 ET", "ET"}, {"2 suspects", "suspects"}},
		"At 7 BST 2 officers were injured.":            {{"7 BST", "BST"}, {"2 officers", "officers"}},
		"The blast at 11 IST 3 workers were killed.":   {{"11 IST", "IST"}, {"3 workers", "workers"}},
		"GMT 3 rockets hit city":                       {{"3 rockets", "rockets"}},
		// A model's name still reads.
		"Rebels captured 14 Leopard 2 tanks near Raqqa.": {{"14 Leopard 2 tanks", "tanks"}},
		"They lost 12 Su 24 bombers.":                    {{"12 Su 24 bombers", "bombers"}},
	})
	for _, tt := range []struct {
		word string
		want bool
	}{{"Leopard", true}, {"Su", true}, {"Challenger", true}, {"GMT", false}, {"PM", false}, {"ET", false}, {"iPhone", false}, {"S", false}} {
		if got := IsModelName(tt.word); got != tt.want {
			t.Errorf("IsModelName(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// A Russian neuter noun of an action or a thing in "-ние" or "-тие"
// ("здание", "отделение", "решение") ends as a nominative plural
// adjective does, and is no adjective: the figure before it is a
// building's, a ward's or a clause's number, and the noun after it
// ("больницы") none it counts. Adjectives in "-ые" and soft ones in
// "-ние" after a consonant ("соседние") still are.
func TestRussianVerbalNounIsNoAdjective(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"в 3 отделение реанимации", exact(3, "numeral").unit("отделение").span("3 отделение")},
		{"на 2 покрытие дороги", exact(2, "numeral").unit("покрытие").span("2 покрытие")},
		// What read right still does.
		{"3 новые школы", exact(3, "numeral").unit("школы")},
		{"2 крупные компании", exact(2, "numeral").unit("компании")},
		{"2 взрослые дочери", exact(2, "numeral").unit("дочери")},
		{"2 последние версии", exact(2, "numeral").unit("версии")},
		{"3 внутренние области", exact(3, "numeral").unit("области")},
	})
	checkAllSpanUnits(t, map[string][][2]string{
		"Раненых доставили во 2 здание больницы.":         {{"2 здание", "здание"}},
		"Его перевели в 3 отделение реанимации.":          {{"3 отделение", "отделение"}},
		"Сотрудники 2 управление разведки провели обыск.": {{"2 управление", "управление"}},
		"Согласно пункту 2 решение суда вступает в силу.": {{"2 решение", "решение"}},
		"На 2 условие стороны не согласились.":            {{"2 условие", "условие"}},
		"Россия потеряла 3 военные базы.":                 {{"3 военные базы", "базы"}},
		"Сбиты 2 крылатые ракеты.":                        {{"2 крылатые ракеты", "ракеты"}},
		"Построены 3 новые школы.":                        {{"3 новые школы", "школы"}},
	})
}

// In a headline in Title Case the word before a figure is the headline's
// verb only when it ends as one does ("Kills", "Killed"); a noun that
// refers to the figure ("Highway 232", "Gate 96", "Game 7") or any other
// word ("Squad 7") keeps the figure a name's number, after which no
// group's name is passed over.
func TestTitleCaseNameNumber(t *testing.T) {
	t.Parallel()
	checkAllSpanUnits(t, map[string][][2]string{
		"On Highway 232 Hamas Gunmen Ambushed Festival Goers": {{"232 Hamas", "Hamas"}},
		"At Gate 96 Hamas Fighters Breached The Fence":        {{"96 Hamas", "Hamas"}},
		"Squad 7 Wagner Fighters Captured Near Bakhmut":       {{"7 Wagner", "Wagner"}},
		"Ahead Of Game 7 Taliban Fighters Gather":             {{"7 Taliban", "Taliban"}},
		// A verb of a headline still lifts the guard.
		"Israeli Strike Killed 3 Hamas Commanders In Gaza": {{"3 Hamas Commanders", "Commanders"}},
		"Israel Kills 3 Hezbollah Commanders in Lebanon":   {{"3 Hezbollah Commanders", "Commanders"}},
	})
}
