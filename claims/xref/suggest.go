package xref

import (
	"fmt"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// SuggestScope suggests the names of t's population tree that a claim
// should take as its scope.population and scope.group, given what the
// article extractor says its figure counts ("Russians fighting alongside
// Islamic State"): population "Russian nationals", group "Islamic State".
// Both are "" unless the phrase says them in one of the few forms below,
// word for word: an analyst confirms the suggestion, and none is far
// better than a wrong one ("Russian children", "wives of Russian
// fighters" and "Russians fighting against Islamic State" suggest
// nothing).
//
// A phrase that is a name or an alias of the tree (folded as
// claims.FoldName folds) suggests that node as the population, whole
// ("Islamic State and other groups" is not split), and no group.
// Otherwise, once a place at its end is set aside ("in Syria", "in Syria
// and Iraq"), the phrase must be a population, optionally followed by
// "fighting" or "serving" and then optionally by "alongside", "with",
// "for" or "in the ranks of" and a group:
//
//   - the population is a name or an alias of the tree, or a nation's
//     plural ("Russians") or its adjective with "nationals" or "citizens"
//     ("Russian citizens") when the tree has a node named or aliased
//     "<Nation> nationals" or "<Nation> citizens";
//   - the group is a name or an alias of the tree, "the" before it passed
//     over, on another root of the tree than the population.
//
// A node is reported by its name, never by the alias that matched.
func SuggestScope(t *claims.Topic, phrase string) (population, group string) {
	if t == nil || len(t.Populations) == 0 {
		return "", ""
	}
	p := newPopulations(t)
	pop, grp, _ := p.suggest(phrase)
	if pop >= 0 {
		population = p.names[pop]
	}
	if grp >= 0 {
		group = p.names[grp]
	}
	return population, group
}

// suggest does SuggestScope's work: it returns the population's and the
// group's nodes, -1 for none, and the words of the phrase that named the
// population (folded).
func (p *populations) suggest(phrase string) (pop, grp int32, popWords []string) {
	words := strings.Fields(claims.FoldName(phrase))
	if n, ok := p.exact(words); ok {
		return n, -1, words
	}
	words = dropPlace(words)
	for end := len(words); end > 0; end-- {
		pop, ok := p.population(words[:end])
		if !ok {
			continue
		}
		rest := words[end:]
		if len(rest) > 0 && scopeVerbs[rest[0]] {
			rest = rest[1:]
		} else if len(rest) > 0 {
			continue
		}
		if len(rest) == 0 {
			return pop, -1, words[:end]
		}
		rest, ok = cutIntroducer(rest)
		if !ok {
			continue
		}
		if rest[0] == "the" {
			rest = rest[1:]
		}
		if g, ok := p.exact(rest); ok && p.root(int(g)) != p.root(int(pop)) {
			return pop, g, words[:end]
		}
	}
	return -1, -1, nil
}

// exact returns the node whose folded name or alias the words are.
func (p *populations) exact(words []string) (int32, bool) {
	n, ok := p.byName[strings.Join(words, " ")]
	return n, ok && len(words) > 0
}

// population returns the node the words name as a population: a name or
// an alias, or a nation's plural ("russians") or adjective and generic
// noun ("russian citizens") standing for the node named "<Nation>
// nationals" or "<Nation> citizens".
func (p *populations) population(words []string) (int32, bool) {
	if n, ok := p.exact(words); ok {
		return n, true
	}
	var nation string
	switch {
	case len(words) == 1 && strings.HasSuffix(words[0], "s"):
		nation = strings.TrimSuffix(words[0], "s")
	case len(words) == 2 && (words[1] == "nationals" || words[1] == "citizens"):
		nation = words[0]
	}
	if !quantity.IsDemonym(nation) {
		return -1, false
	}
	for _, noun := range []string{"nationals", "citizens"} {
		if n, ok := p.exact([]string{nation, noun}); ok {
			return n, true
		}
	}
	return -1, false
}

// scopeVerbs may follow a population ("Russians fighting").
var scopeVerbs = map[string]bool{"fighting": true, "serving": true}

// groupIntroducers may stand between a population's verb and the group.
var groupIntroducers = [][]string{{"alongside"}, {"with"}, {"for"}, {"in", "the", "ranks", "of"}}

// cutIntroducer cuts one of groupIntroducers off the start of words, and
// reports whether something follows it.
func cutIntroducer(words []string) ([]string, bool) {
	for _, in := range groupIntroducers {
		if len(words) > len(in) && slices.Equal(words[:len(in)], in) {
			return words[len(in):], true
		}
	}
	return nil, false
}

// scopePlaces are the places SuggestScope sets aside at a phrase's end.
var scopePlaces = [][]string{
	{"in", "syria", "and", "iraq"}, {"in", "iraq", "and", "syria"},
	{"in", "syria"}, {"in", "iraq"},
}

// dropPlace returns words without one of scopePlaces at its end.
func dropPlace(words []string) []string {
	for _, place := range scopePlaces {
		if len(words) > len(place) && slices.Equal(words[len(words)-len(place):], place) {
			return words[:len(words)-len(place)]
		}
	}
	return words
}

// ClaimUnit is the unit a figure is stored with as a claim of topic t,
// given the unit the quantity parser read (quantity.Quantity.Unit:
// "percent", an ISO 4217 code, or the word after the figure as written)
// and what the article extractor says the figure counts.
//
// The figure takes "", the topic's own unit, when the parser read none,
// or when the topic counts people (its unit is a word of the lexicon that
// counts people, quantity.IsCountNoun) and the word is one too ("800
// fighters", "300 человек") or names the population SuggestScope finds in
// the counted phrase ("800 Russians"): "800 fighters" in a topic counted
// in people is compared with its claims as 800 people. Any other unit is
// kept as read ("120 metres", "40 vehicles", "$5 million" stays "USD";
// "800 fighters" in a topic counted in sorties stays "fighters"), and
// UnitNote then says the figure will not be compared.
func ClaimUnit(t *claims.Topic, unit, counted string) string {
	if unit == "" {
		return ""
	}
	if !quantity.IsCountNoun(t.Unit) {
		return unit
	}
	if quantity.IsCountNoun(unit) {
		return ""
	}
	if len(t.Populations) > 0 {
		if pop, _, words := newPopulations(t).suggest(counted); pop >= 0 && slices.Contains(words, claims.FoldName(unit)) {
			return ""
		}
	}
	return unit
}

// UnitNote says, for an analyst about to add a figure in unit (the unit
// it will be stored with, ClaimUnit) to topic t, that it will not be
// compared with the topic's claims, because its unit is not the topic's
// as the comparison reads both (compareUnit: folded, and a figure that
// states no unit is in the topic's): "The topic counts people; this
// figure is in "USD", so it will not be compared with the topic's figures
// in people." It is "" when the figure is compared. The comparison reads
// every unit but the topic's as another, a stored word too ("fighters").
func UnitNote(t *claims.Topic, unit string) string {
	own := compareUnit("", t.Unit)
	if own == "" || compareUnit(unit, t.Unit) == own {
		return ""
	}
	return fmt.Sprintf("The topic counts %s; this figure is in \"%s\", so it will not be compared with the topic's figures in %s.", t.Unit, unit, t.Unit)
}

// root returns the root of node n, following at most len(parent) links
// so that a malformed tree cannot loop.
func (p *populations) root(n int) int32 {
	r := int32(n)
	for k := 0; k <= len(p.parent) && p.parent[r] >= 0; k++ {
		r = p.parent[r]
	}
	return r
}
