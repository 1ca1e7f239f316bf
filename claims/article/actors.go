package article

import (
	"strings"
	"unicode/utf8"
)

// Countries named as actors.
//
// A country's name often says whose forces, operation or ministry a
// sentence is about, not where anything is: "US strikes killed 300
// fighters", "UK forces", "the Israel Defense Forces", "Syria's army",
// "в операции ВС РФ участвуют 4000 военнослужащих", "в результате
// операции США", "Минобороны России", "коалиции во главе с США". Such a
// name is no place of the count (placesOf leaves it out), even after a
// locative preposition, which then governs the noun, not the name ("killed
// in US strikes", "служат в ВС РФ"; in English only an abbreviation, see
// actorAt). The rule is kept narrow: only the nouns of armed forces, their
// operations and strikes, and the ministries of defence and foreign
// affairs make a name an actor. A country's
// economy, population or border ("the US population", "the US border"),
// its interior ministry or its citizens ("МВД России", "граждан РФ") are
// left as they were, since their figures are most often counted in the
// country itself.

// actorAt reports whether the place names ts[start:end] name actors: in
// English a modifier of a noun of armed forces or of a ministry that
// follows it ("US strikes", "UK Defence Ministry", "Syria's army"), in
// Russian a genitive after such a noun ("операции США", "армии России",
// "МИД России"), or the leader of a coalition ("во главе с США", "led by
// the US"). The names are one name alone or a coordination of them (see
// coordination), which the noun follows or precedes as a whole: every
// country of "US and UK forces", "армии России и Сирии", "led by the US
// and the UK" is an actor, or none is. The rules for one name are read
// of the coordination as a whole: it is written in capitals if any of
// its names is ("US and France air strikes"), and possessive if its last
// name is ("Russia and Syria's air strikes").
//
// After a locative preposition (loc) an English name is read as a
// modifier only in capitals ("in US strikes", "in the UK armed forces"):
// a name written out there is where the clause that follows happens ("In
// Syria troops killed 300", "In Mariupol forces shelled …"), and the
// press makes its modifiers of an adjective ("in Syrian strikes").
//
// Before a noun of an action (enActionHeads) a name written out is as
// often the action's target as its actor ("Pakistan drone strikes killed
// 2,500", "Syria strikes killed 200 civilians"): there only an
// abbreviation ("US strikes") or a possessive ("Israel's strikes") makes
// an actor.
func actorAt(ts []tok, start, end int, loc bool) bool {
	short := false
	for k := start; k < end && !short; k++ {
		short = ts[k].word && ts[k].upper && allCaps(ts[k:k+1])
	}
	modifier := false
	switch enActorAfter(ts, end) {
	case enForce:
		modifier = !loc || short
	case enAction:
		modifier = short || possessive(&ts[end-1])
	}
	return modifier || ruActorBefore(ts, start) || ledBy(ts, start)
}

// possessive reports a word in the English possessive ("Israel's").
func possessive(t *tok) bool {
	return strings.HasSuffix(t.s, "'s") || strings.HasSuffix(t.s, "’s")
}

// enActorHeads are the English nouns of armed forces that a country's
// name modifies as their actor ("US troops", "UK forces", "Syria's
// army"). Not "coalition", which is also a government's ("the UK
// coalition government"): a coalition's leader is read by ledBy.
var enActorHeads = set("troops", "forces", "force", "military", "army", "armies", "navy", "marines",
	"soldiers", "servicemen", "commandos", "jets", "warplanes")

// enActionHeads are the English nouns of armed actions (see actorAt).
var enActionHeads = set("strike", "strikes", "airstrike", "airstrikes", "raid", "raids", "bombing", "bombings",
	"bombardment", "offensive", "drones")

// enCivilAfterMilitary are the nouns after "military" that make it a
// country's budget or trade, not its forces: "US military spending
// reached $877 billion" is counted in the United States.
var enCivilAfterMilitary = set("spending", "budget", "budgets", "expenditure", "expenditures", "aid", "exports",
	"imports", "sales", "contracts", "bases", "base")

// enActorModifiers are the words that may stand between a country's
// name and a noun of enActorHeads ("US air strikes", "US special
// forces", "Israel Defense Forces") or of enActorOffices ("UK Defence
// Ministry", "US State Department").
var enActorModifiers = set("air", "drone", "military", "special", "ground", "naval", "armed", "combat",
	"defence", "defense", "foreign", "state")

// enActorOffices are the nouns that make an actor only after a word of
// enActorModifiers: a ministry ("Defence Ministry", "State Department",
// "Foreign Office", "Defense Secretary") and an operation ("US military
// operation", "US special operations"), since a company's "US operations"
// are where it works.
var enActorOffices = set("ministry", "department", "office", "secretary", "minister", "operation", "operations")

// The kinds of words after a country's name that enActorAfter tells.
const (
	enNone   = iota
	enForce  // a force or an office: "US troops", "UK Defence Ministry"
	enAction // an armed action: "US strikes", "US air raids"
)

// enActorAfter tells whether the words from ts[j] make the country name
// before them an actor, and of what: a noun of enActorHeads or
// enActionHeads, one of enActorModifiers and then such a noun or one of
// enActorOffices, or "Ministry of Defence".
func enActorAfter(ts []tok, j int) int {
	word := func(k int) string {
		if k < len(ts) && ts[k].word {
			return ts[k].low
		}
		return ""
	}
	head := func(w string) int {
		switch {
		case w == "military" && enCivilAfterMilitary[word(j+1)]:
			return enNone
		case enActorHeads[w]:
			return enForce
		case enActionHeads[w]:
			return enAction
		}
		return enNone
	}
	w := word(j)
	if k := head(w); k != enNone {
		return k
	}
	switch {
	case enActorModifiers[w]:
		next := word(j + 1)
		switch {
		case enActorOffices[next] || enActorHeads[next]:
			return enForce
		case enActionHeads[next]:
			return enAction
		}
	case w == "ministry" && word(j+1) == "of" && (word(j+2) == "defence" || word(j+2) == "defense"):
		return enForce
	}
	return enNone
}

// ruActorWords are the Russian words after which a country's name in
// the genitive is whose they are, as written whatever the case: the
// abbreviations of armed forces and of the ministries of defence and
// foreign affairs, and "обороны" of "министерства обороны", "министр
// обороны".
var ruActorWords = set("вс", "вкс", "ввс", "вмс", "вмф", "вдв", "минобороны", "обороны")

// ruActorStems are the stems of the Russian nouns of armed forces, their
// actions and the foreign ministry (МИД), read with an ending of up to
// three letters ("операции", "войсками", "армии", "сил", "ударов",
// "МИДа"), after which a country's name in the genitive is their actor.
var ruActorStems = []string{"операци", "спецопераци", "войск", "арми", "сил", "коалици", "удар", "авиаудар",
	"бомбардировк", "флот", "спецслужб", "военн", "военнослужащ", "солдат", "миротворц",
	"контингент", "генштаб", "мид"}

// ruActorHead reports whether a folded Russian word is one of
// ruActorWords or a noun of ruActorStems.
func ruActorHead(w string) bool {
	if ruActorWords[w] {
		return true
	}
	for _, s := range ruActorStems {
		if strings.HasPrefix(w, s) && utf8.RuneCountInString(w[len(s):]) <= 3 {
			return true
		}
	}
	return false
}

// ruActorBefore reports whether the word before ts[i] makes the country
// name at ts[i] an actor: a noun of ruActorHead, or "дел" of "иностранных
// дел" ("министр иностранных дел России").
func ruActorBefore(ts []tok, i int) bool {
	if i == 0 || !ts[i-1].word {
		return false
	}
	w, before := ts[i-1].low, ""
	if i >= 2 && ts[i-2].word {
		before = ts[i-2].low
	}
	switch {
	case w == "дел":
		return before == "иностранных"
	case w == "обороны":
		// "министра обороны России", "Сил обороны Израиля"; not "нужды
		// обороны России", a budget's.
		return strings.HasPrefix(before, "минист") || ruActorHead(before)
	case strings.HasPrefix(w, "сил") && strings.HasPrefix(before, "рабоч"):
		return false // "рабочей силы России": the labour force
	}
	return ruActorHead(w)
}

// ledBy reports whether a coalition's leader is named at ts[i]: "во
// главе с США", "под руководством США", "led by the US", "backed by
// Russia".
func ledBy(ts []tok, i int) bool {
	k := i - 1
	if k >= 0 && ts[k].low == "the" {
		k--
	}
	prev := func(d int) string {
		if k-d >= 0 && ts[k-d].word {
			return ts[k-d].low
		}
		return ""
	}
	switch prev(0) {
	case "с":
		return prev(1) == "главе"
	case "руководством":
		return prev(1) == "под"
	case "by":
		return prev(1) == "led" || prev(1) == "backed"
	}
	return false
}
