package xref_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// The demo's population trees, copied by hand from claims/demo/demo.json.
var (
	russiansTree = []claims.Population{
		{Name: "Russian nationals"},
		{Name: "Russian nationals from the Caucasus", Broader: "Russian nationals"},
		{Name: "any militant group", Aliases: []string{"all terrorist organisations"}},
		{Name: "Islamic State and other groups", Broader: "any militant group"},
		{Name: "Islamic State", Broader: "Islamic State and other groups"},
	}
	exUSSRTree = []claims.Population{
		{Name: "nationals of the former USSR", Aliases: []string{"nationals of the former Soviet Union", "nationals of Russia and the other former Soviet republics"}},
		{Name: "nationals of CIS states", Broader: "nationals of the former USSR", Aliases: []string{"nationals of Russia and the other CIS states"}},
		{Name: "nationals of Russia and five Central Asian states", Broader: "nationals of CIS states"},
		{Name: "any militant group", Aliases: []string{"all factions"}},
		{Name: "Islamic State and other groups", Broader: "any militant group"},
		{Name: "Islamic State", Broader: "Islamic State and other groups"},
	}
	exUSSROtherTree = []claims.Population{
		{Name: "citizens of former Soviet states other than Russia", Aliases: []string{"nationals of former Soviet republics other than Russia"}},
		{Name: "nationals of CIS states other than Russia", Broader: "citizens of former Soviet states other than Russia"},
		{Name: "citizens of Central Asian states", Broader: "nationals of CIS states other than Russia"},
		{Name: "any militant group"},
		{Name: "Islamic State", Broader: "any militant group"},
	}
	foreignTree = []claims.Population{
		{Name: "foreign terrorist fighters worldwide"},
		{Name: "foreign fighters", Broader: "foreign terrorist fighters worldwide", Aliases: []string{"foreigners", "foreign militants", "foreign terrorist fighters",
			"foreign mercenaries from 80 countries", "foreign fighters from more than 80 countries", "foreign fighters from more than 90 countries",
			"foreign fighters from more than 100 countries", "foreign terrorist fighters from more than 100 countries",
			"foreign fighters from at least 86 countries", "foreign fighters from 81 countries", "foreigners from more than 110 countries"}},
		{Name: "any militant group"},
		{Name: "Sunni militant groups", Broader: "any militant group"},
		{Name: "Islamic State and other groups", Broader: "Sunni militant groups", Aliases: []string{"Islamic State and other militant groups",
			"Islamic State and similar groups", "ISIL, Al-Qaida and other groups", "Al-Qaida, Islamic State and affiliates"}},
		{Name: "Islamic State and Nusra Front", Broader: "Islamic State and other groups"},
		{Name: "Islamic State", Broader: "Islamic State and Nusra Front"},
	}
	chechensTree = []claims.Population{
		{Name: "Chechens"},
		{Name: "any militant group"},
	}
	isFightersTree = []claims.Population{
		{Name: "all Islamic State fighters"},
		{Name: "Islamic State"},
	}
)

func TestSuggestScope(t *testing.T) {
	for _, c := range []struct {
		name       string
		tree       []claims.Population
		phrase     string
		pop, group string
	}{
		// The founding article's phrase, against the topic the demo files
		// both claims under.
		{"founding phrase", russiansTree, "Russians fighting alongside Islamic State", "Russian nationals", "Islamic State"},
		{"founding phrase, 'the' before the group", russiansTree, "Russians fighting alongside the Islamic State", "Russian nationals", "Islamic State"},
		{"founding phrase in a place", russiansTree, "Russians fighting alongside Islamic State in Syria and Iraq", "Russian nationals", "Islamic State"},
		{"a demonym's plural alone", russiansTree, "Russians", "Russian nationals", ""},
		{"a demonym's plural in a place", russiansTree, "Russians in Syria", "Russian nationals", ""},
		{"another generic head", russiansTree, "Russian citizens", "Russian nationals", ""},
		{"a tree name kept", russiansTree, "Russian nationals", "Russian nationals", ""},
		{"an alias kept, by its node's name", russiansTree, "all  Terrorist organisations", "any militant group", ""},
		{"a group's name kept whole", russiansTree, "Islamic State and other groups", "Islamic State and other groups", ""},
		{"the narrower population said in full", russiansTree, "Russian nationals from the Caucasus fighting with Islamic State", "Russian nationals from the Caucasus", "Islamic State"},
		{"the longer group said", russiansTree, "Russians fighting with Islamic State and other groups", "Russian nationals", "Islamic State and other groups"},
		{"in the ranks of a group", russiansTree, "Russians serving in the ranks of Islamic State", "Russian nationals", "Islamic State"},
		{"a group on the population's root", russiansTree, "Russians fighting alongside Russian nationals from the Caucasus", "", ""},
		{"a group not named as the tree does", russiansTree, "Russians fighting with militant groups", "", ""},
		{"a group without a verb", russiansTree, "Russians in the ranks of Islamic State", "", ""},
		{"another place", russiansTree, "Russians in Ukraine", "", ""},
		{"a narrower population not said in full", russiansTree, "Russians from the North Caucasus", "", ""},
		{"a nation without its nationals' node", russiansTree, "Chechens", "", ""},
		{"a demonym before a word that is not its nationals", russiansTree, "Russian fighters", "", ""},
		{"a group before its fighters", russiansTree, "Islamic State fighters", "", ""},
		{"members of a group", russiansTree, "members of Islamic State", "", ""},
		{"a group in the possessive before them", russiansTree, "Islamic State's Russian fighters", "", ""},
		{"'and' joins no group", russiansTree, "Russians and Islamic State", "", ""},
		{"an adjective that is not the head", russiansTree, "Russian-speaking fighters", "", ""},
		{"Russian words against an English tree", russiansTree, "россиян", "", ""},
		{"nothing of the tree", russiansTree, "different countries", "", ""},
		{"no phrase", russiansTree, "", "", ""},
		// A reviewer's phrases: none counts the Russians fighting alongside
		// Islamic State, or names them word for word.
		{"troops", russiansTree, "Russian troops", "", ""},
		{"tourists", russiansTree, "Russian tourists died", "", ""},
		{"Muslims", russiansTree, "Russian Muslims", "", ""},
		{"children", russiansTree, "Russian children", "", ""},
		{"wives", russiansTree, "wives of Russian fighters", "", ""},
		{"families", russiansTree, "families of Russians", "", ""},
		{"relatives", russiansTree, "relatives of Russians fighting in Syria", "", ""},
		{"victims", russiansTree, "Russian victims of Islamic State", "", ""},
		{"hostages", russiansTree, "Russian hostages of Islamic State", "", ""},
		{"killed", russiansTree, "Russians killed in Islamic State attacks", "", ""},
		{"held", russiansTree, "Russians held in Islamic State prisons", "", ""},
		{"children in camps", russiansTree, "Russian children in Islamic State camps", "", ""},
		{"fighting against", russiansTree, "Russians fighting against Islamic State", "", ""},
		{"warplanes", russiansTree, "Russian warplanes", "", ""},

		// The parent topic's tree has no Russians: no population, so no group.
		{"founding phrase, no population in the tree", exUSSRTree, "Russians fighting alongside Islamic State", "", ""},
		{"an alias said in full, with a group", exUSSRTree, "nationals of Russia and the other CIS states fighting with Islamic State", "nationals of CIS states", "Islamic State"},
		{"a generic head replaced", exUSSRTree, "fighters from the former USSR", "", ""},
		{"another generic head, the rest said", exUSSRTree, "citizens of Russia and five Central Asian states", "", ""},
		{"a name and more", exUSSRTree, "nationals of CIS states other than Russia", "", ""},
		{"'Russia' is not 'Russian'", exUSSRTree, "fighters from Russia", "", ""},

		{"a name of the other tree", exUSSROtherTree, "citizens of Central Asian states", "citizens of Central Asian states", ""},
		{"a name's last word unsaid", exUSSROtherTree, "Central Asians", "", ""},

		{"an alias", foreignTree, "foreign militants", "foreign fighters", ""},
		{"a long alias kept", foreignTree, "foreign terrorist fighters from more than 100 countries", "foreign fighters", ""},
		{"an alias with a group", foreignTree, "foreign fighters fighting with Islamic State and Nusra Front", "foreign fighters", "Islamic State and Nusra Front"},
		{"an alias with a group in whose ranks", foreignTree, "foreign militants serving in the ranks of Sunni militant groups", "foreign fighters", "Sunni militant groups"},
		{"more said after the name", foreignTree, "foreign fighters from Russia", "", ""},
		{"another place after the name", foreignTree, "foreign fighters from Central Asia", "", ""},
		{"kidnapped", foreignTree, "foreigners kidnapped by Islamic State", "", ""},
		{"fighters' wives", foreignTree, "foreign fighters' wives", "", ""},
		{"words out of order", foreignTree, "fighters who are foreign", "", ""},

		{"a nation's adjective of a people", chechensTree, "Chechen fighters", "", ""},
		{"a place set aside", chechensTree, "Chechens fighting in Syria", "Chechens", ""},
		{"the group root", chechensTree, "Chechens fighting with any militant group", "Chechens", "any militant group"},

		{"a name not said in full", isFightersTree, "Islamic State fighters", "", ""},

		{"no tree", nil, "Russians fighting alongside Islamic State", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			pop, group := xref.SuggestScope(&claims.Topic{Populations: c.tree}, c.phrase)
			if pop != c.pop || group != c.group {
				t.Errorf("SuggestScope(%q) = %q, %q; want %q, %q", c.phrase, pop, group, c.pop, c.group)
			}
		})
	}
}

func TestUnitNote(t *testing.T) {
	people := &claims.Topic{Unit: "people"}
	for _, c := range []struct{ unit, want string }{
		{"", ""},
		{"people", ""},
		{"People", ""},
		{"USD", "The topic counts people; this figure is in \"USD\", so it will not be compared with the topic's figures in people."},
		{"countries", "The topic counts people; this figure is in \"countries\", so it will not be compared with the topic's figures in people."},
		// The comparison reads a count noun as a unit of its own.
		{"fighters", "The topic counts people; this figure is in \"fighters\", so it will not be compared with the topic's figures in people."},
	} {
		if got := xref.UnitNote(people, c.unit); got != c.want {
			t.Errorf("UnitNote(people, %q) = %q, want %q", c.unit, got, c.want)
		}
	}
	if got := xref.UnitNote(&claims.Topic{Unit: "USD"}, "USD"); got != "" {
		t.Errorf("UnitNote(USD, USD) = %q, want none", got)
	}
}

// TestClaimUnit checks the unit a candidate is stored with in a topic and
// the note that then says it will not be compared: a topic counted in
// people takes a figure of people in its own unit; every other unit is
// kept, and noted.
func TestClaimUnit(t *testing.T) {
	const founding = "Russians fighting alongside Islamic State"
	for _, c := range []struct {
		name, topicUnit, parsed, counted string
		want, note                       string
	}{
		{"no unit into people", "people", "", "", "", ""},
		{"people into people", "people", "people", "people", "", ""},
		{"a count noun of people", "people", "fighters", "fighters", "", ""},
		{"a count noun of the founding phrase", "people", "fighters", founding, "", ""},
		{"a Russian count noun", "people", "человек", "человек", "", ""},
		{"the population named", "people", "Russians", founding, "", ""},
		{"the population in a place", "people", "Russians", "Russians in Syria", "", ""},
		{"a population the phrase does not count", "people", "Russians", "families of Russians", "Russians",
			`The topic counts people; this figure is in "Russians", so it will not be compared with the topic's figures in people.`},
		{"metres", "people", "metres", "metres", "metres",
			`The topic counts people; this figure is in "metres", so it will not be compared with the topic's figures in people.`},
		{"km", "people", "km", "km", "km",
			`The topic counts people; this figure is in "km", so it will not be compared with the topic's figures in people.`},
		{"tonnes", "people", "tonnes", "tonnes", "tonnes",
			`The topic counts people; this figure is in "tonnes", so it will not be compared with the topic's figures in people.`},
		{"vehicles", "people", "vehicles", "vehicles", "vehicles",
			`The topic counts people; this figure is in "vehicles", so it will not be compared with the topic's figures in people.`},
		{"sorties", "people", "sorties", "sorties", "sorties",
			`The topic counts people; this figure is in "sorties", so it will not be compared with the topic's figures in people.`},
		{"villages", "people", "villages", "villages", "villages",
			`The topic counts people; this figure is in "villages", so it will not be compared with the topic's figures in people.`},
		{"warplanes of a nation", "people", "warplanes", "Russian warplanes", "warplanes",
			`The topic counts people; this figure is in "warplanes", so it will not be compared with the topic's figures in people.`},
		{"a currency into people", "people", "USD", "", "USD",
			`The topic counts people; this figure is in "USD", so it will not be compared with the topic's figures in people.`},
		{"percent into people", "people", "percent", "", "percent",
			`The topic counts people; this figure is in "percent", so it will not be compared with the topic's figures in people.`},
		{"a currency into its own", "USD", "USD", "", "USD", ""},
		{"a currency into its own in lower case", "usd", "USD", "", "USD", ""},
		{"a topic's own word", "sorties", "sorties", "sorties", "sorties", ""},
		{"people into sorties", "sorties", "people", "people", "people",
			`The topic counts sorties; this figure is in "people", so it will not be compared with the topic's figures in sorties.`},
		{"a count noun into sorties", "sorties", "fighters", founding, "fighters",
			`The topic counts sorties; this figure is in "fighters", so it will not be compared with the topic's figures in sorties.`},
		{"a count noun into money", "USD", "fighters", "fighters", "fighters",
			`The topic counts USD; this figure is in "fighters", so it will not be compared with the topic's figures in USD.`},
		{"a count noun into percent", "percent", "fighters", "fighters", "fighters",
			`The topic counts percent; this figure is in "fighters", so it will not be compared with the topic's figures in percent.`},
		{"no unit into money", "USD", "", "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			topic := &claims.Topic{Unit: c.topicUnit, Populations: russiansTree}
			got := xref.ClaimUnit(topic, c.parsed, c.counted)
			if got != c.want {
				t.Errorf("ClaimUnit(%s, %q, %q) = %q, want %q", c.topicUnit, c.parsed, c.counted, got, c.want)
			}
			if note := xref.UnitNote(topic, got); note != c.note {
				t.Errorf("UnitNote(%s, %q) = %q, want %q", c.topicUnit, got, note, c.note)
			}
		})
	}
}
