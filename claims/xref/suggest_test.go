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
		{"a demonym's plural alone", russiansTree, "Russians", "Russian nationals", ""},
		{"another generic head", russiansTree, "Russian citizens", "Russian nationals", ""},
		{"a demonym before the head", russiansTree, "Russian fighters", "Russian nationals", ""},
		{"the narrower population said", russiansTree, "Russians from the Caucasus fighting with Islamic State", "Russian nationals from the Caucasus", "Islamic State"},
		{"the longer group said", russiansTree, "Russians fighting with Islamic State and other groups", "Russian nationals", "Islamic State and other groups"},
		{"a group's name past 'any'", russiansTree, "Russians fighting with militant groups", "Russian nationals", "any militant group"},
		{"a group in the possessive after 'in the'", russiansTree, "Russians in the Islamic State's ranks", "Russian nationals", "Islamic State"},
		{"a tree name kept", russiansTree, "Russian nationals", "Russian nationals", ""},
		{"an alias kept, by its node's name", russiansTree, "all  Terrorist organisations", "any militant group", ""},
		{"a group's name kept whole", russiansTree, "Islamic State and other groups", "Islamic State and other groups", ""},
		{"a group before its fighters: whose, not who", russiansTree, "Islamic State fighters", "", ""},
		{"members of a group", russiansTree, "members of Islamic State", "", ""},
		{"a group in the possessive before them", russiansTree, "Islamic State's Russian fighters", "Russian nationals", ""},
		{"'and' introduces no group", russiansTree, "Russians and Islamic State", "Russian nationals", ""},
		{"an adjective that is not the head", russiansTree, "Russian-speaking fighters", "", ""},
		{"a narrower population not said in full", russiansTree, "Russians from the North Caucasus", "Russian nationals", ""},
		{"Russian words against an English tree", russiansTree, "россиян", "", ""},
		{"nothing of the tree", russiansTree, "different countries", "", ""},
		{"no phrase", russiansTree, "", "", ""},

		// The parent topic's tree has no Russians: no population, so no group.
		{"founding phrase, no population in the tree", exUSSRTree, "Russians fighting alongside Islamic State", "", ""},
		{"a generic head replaced before the name", exUSSRTree, "fighters from the former USSR", "nationals of the former USSR", ""},
		{"an alias said in full, with a group", exUSSRTree, "nationals of Russia and the other CIS states fighting with Islamic State", "nationals of CIS states", "Islamic State"},
		{"another generic head, the rest said", exUSSRTree, "citizens of Russia and five Central Asian states", "nationals of Russia and five Central Asian states", ""},
		{"'Russia' is not 'Russian'", exUSSRTree, "fighters from Russia", "", ""},

		{"a name of the other tree", exUSSROtherTree, "citizens of Central Asian states", "citizens of Central Asian states", ""},
		{"a name's last word unsaid", exUSSROtherTree, "Central Asians", "", ""},

		{"an alias", foreignTree, "foreign militants", "foreign fighters", ""},
		{"more said after the name", foreignTree, "foreign fighters from Russia", "foreign fighters", ""},
		{"a long alias kept", foreignTree, "foreign terrorist fighters from more than 100 countries", "foreign fighters", ""},
		{"the most words win", foreignTree, "foreign fighters with Islamic State and Nusra Front", "foreign fighters", "Islamic State and Nusra Front"},
		{"an alias with a group after 'in'", foreignTree, "foreign militants in Sunni militant groups", "foreign fighters", "Sunni militant groups"},
		{"words out of order", foreignTree, "fighters who are foreign", "", ""},

		{"a nation's adjective of a people", chechensTree, "Chechen fighters", "Chechens", ""},
		{"a place is no group", chechensTree, "Chechens fighting in Syria", "Chechens", ""},
		{"the group root", chechensTree, "Chechens fighting with militant groups", "Chechens", "any militant group"},

		{"the population holds the group's words", isFightersTree, "Islamic State fighters", "all Islamic State fighters", ""},

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
// the note that then says it will not be compared: a counted word takes
// the topic's unit, money and percent keep theirs.
func TestClaimUnit(t *testing.T) {
	for _, c := range []struct {
		name, topicUnit, parsed string
		want, note              string
	}{
		{"a counted word into people", "people", "fighters", "", ""},
		{"a Russian counted word into people", "people", "человек", "", ""},
		{"a currency into people", "people", "USD", "USD",
			`The topic counts people; this figure is in "USD", so it will not be compared with the topic's figures in people.`},
		{"a currency into its own", "USD", "USD", "USD", ""},
		{"a currency into its own in lower case", "usd", "USD", "USD", ""},
		{"percent into people", "people", "percent", "percent",
			`The topic counts people; this figure is in "percent", so it will not be compared with the topic's figures in people.`},
		{"a counted word into money", "USD", "fighters", "fighters",
			`The topic counts USD; this figure is in "fighters", so it will not be compared with the topic's figures in USD.`},
		{"a counted word into percent", "percent", "fighters", "fighters",
			`The topic counts percent; this figure is in "fighters", so it will not be compared with the topic's figures in percent.`},
		{"no unit into people", "people", "", "", ""},
		{"no unit into money", "USD", "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			topic := &claims.Topic{Unit: c.topicUnit}
			got := xref.ClaimUnit(topic, c.parsed)
			if got != c.want {
				t.Errorf("ClaimUnit(%s, %q) = %q, want %q", c.topicUnit, c.parsed, got, c.want)
			}
			if note := xref.UnitNote(topic, got); note != c.note {
				t.Errorf("UnitNote(%s, %q) = %q, want %q", c.topicUnit, got, note, c.note)
			}
		})
	}
}
