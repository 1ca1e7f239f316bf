package xref

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// SuggestScope suggests the names of t's population tree that a claim
// should take as its scope.population and scope.group, given what the
// article extractor says its figure counts ("Russians fighting alongside
// Islamic State"): population "Russian nationals", group "Islamic State".
// Either is "" when the phrase does not say it plainly enough: an analyst
// confirms the suggestion, and none is far better than a wrong one, so the
// rules below leave out whatever they cannot place for sure.
//
// A phrase that is a name or an alias of the tree (folded as
// claims.FoldName folds) suggests that node as the population, whole
// ("Islamic State and other groups" is not split), and no group.
//
// Otherwise the phrase and every name and alias of the tree are read as
// English words: folded, split at anything not a letter or a digit, an
// "'s" taken off (and remembered), plurals reduced ("Russians" and
// "Russian" are one word, as are "countries" and "country"), and the
// function words (the, of, and, with...) set aside. A name occurs in the
// phrase where its words stand in the phrase in its order, one after the
// other, except that a generic head noun of a population ("nationals",
// "citizens", "people", "residents") may be left unsaid: "Russians"
// names "Russian nationals", not "Russian nationals from the Caucasus".
// At least one word must be said. A node is reported by its name, never
// by the alias that occurred.
//
// The population is a node that names who the phrase counts: its head,
// the first plural of the phrase ("Russians" of "Russians fighting
// alongside Islamic State", "fighters" of "fighters from the former
// USSR"). The node's words must hold the head, or end right before it
// with a nation's adjective ("Chechen fighters": Chechens) or with its
// generic head left unsaid ("Russian fighters": Russian nationals), or
// follow it with its generic head left unsaid ("fighters from the former
// USSR": nationals of the former USSR). A name that ends right before
// the head otherwise ("Islamic State fighters") says whose fighters they
// are, not who they are, and a name in the possessive ("Islamic State's
// fighters") never names the population. A phrase without a plural
// ("the Russian contingent") takes a node that opens it.
//
// The group is suggested only beside a population, since a tree holds
// both in one list and a name alone cannot say which it is: a node on
// another root of the tree than the population's, sharing no word of the
// phrase with it, and introduced by "with", "alongside", "for", "in",
// "of", "among", "within", "inside" or "joined"/"joining" ("alongside the
// Islamic State"; "the", "a", "an", "any" and "all" between are passed
// over). "Russians and Chechens" suggests no group, whatever the tree.
//
// Where several nodes qualify, the one with the most words said wins,
// then the one said first, then the first in the tree. Phrases in another
// language than the tree's, such as "россиян" against an English tree,
// suggest nothing.
func SuggestScope(t *claims.Topic, phrase string) (population, group string) {
	if t == nil || len(t.Populations) == 0 {
		return "", ""
	}
	p := newPopulations(t)
	if r := p.fold(phrase); r.node >= 0 {
		return p.names[r.node], ""
	}
	words := phraseWords(phrase)
	var sig []int // indexes into words of the significant ones
	for i, w := range words {
		if !w.function {
			sig = append(sig, i)
		}
	}
	head := -1 // index into sig of the first plural
	for k, i := range sig {
		if words[i].plural {
			head = k
			break
		}
	}
	var found []scopeMatch
	for node, n := range t.Populations {
		best := scopeMatch{node: -1}
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			if m, ok := matchName(phraseWords(name), words, sig); ok && m.said > best.said {
				m.node = node
				best = m
			}
		}
		if best.node >= 0 {
			found = append(found, best)
		}
	}
	pop := -1 // index into found
	for k, m := range found {
		if m.namesHead(words, sig, head) && (pop < 0 || m.better(found[pop])) {
			pop = k
		}
	}
	if pop < 0 {
		return "", ""
	}
	grp := -1
	pm := found[pop]
	for k, m := range found {
		if p.root(m.node) != p.root(pm.node) && (m.end <= pm.start || m.start >= pm.end) &&
			introducesGroup(words, sig[m.start]) && (grp < 0 || m.better(found[grp])) {
			grp = k
		}
	}
	population = t.Populations[pm.node].Name
	if grp >= 0 {
		group = t.Populations[found[grp].node].Name
	}
	return population, group
}

// ClaimUnit is the unit a figure whose unit the quantity parser read as
// unit (quantity.Quantity.Unit: "percent", an ISO 4217 code, or the word
// after the figure as written) is stored with as a claim of topic t.
//
// A word ("fighters" of "800 fighters", "человек") names what is counted,
// which the claim's population says, not a unit of measure: the figure
// takes "", the topic's own unit, so that "800 fighters" in a topic
// counted in people is compared with the topic's claims as 800 people.
// "percent" and a currency are units of their own and are kept as read
// ("$5 million" stays "USD"), and so is a word when the topic itself
// counts money or a percentage ("800 fighters" in a topic counted in USD
// stays "fighters"): UnitNote then says the figure will not be compared.
func ClaimUnit(t *claims.Topic, unit string) string {
	if unit == "" || isMeasure(unit) || isMeasure(t.Unit) {
		return unit
	}
	return ""
}

// isMeasure reports whether unit is "percent" or the ISO 4217 code of a
// currency the parser knows, in any case ("usd"), rather than a word for
// what is counted ("people", "fighters").
func isMeasure(unit string) bool {
	u := strings.ToUpper(strings.TrimSpace(unit))
	return u == "PERCENT" || quantity.IsCurrencyCode(u)
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

// scopeWord is one word of a phrase or a name, as SuggestScope reads it.
type scopeWord struct {
	stem       string // lower case, plural reduced
	plural     bool
	possessive bool // it carried "'s"
	function   bool // a function word, not matched
	generic    bool // a generic head noun of a population
}

// scopeFunction are the function words SuggestScope sets aside.
var scopeFunction = wordSet("a an the of and or in on at to from for with by as into alongside among within inside than any all who that which")

// scopeGeneric are the head nouns a population's name may leave unsaid.
var scopeGeneric = wordSet("national citizen people resident")

// scopeIrregular are plurals that end in no "s".
var scopeIrregular = wordSet("people men women children")

// groupIntroducers may stand before a group; groupSkipped may stand
// between one and the group's name.
var (
	groupIntroducers = wordSet("with alongside for in of among within inside joined joining")
	groupSkipped     = wordSet("the a an any all")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// phraseWords splits s into words (see SuggestScope).
func phraseWords(s string) []scopeWord {
	var out []scopeWord
	for _, f := range strings.FieldsFunc(claims.FoldName(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w := scopeWord{}
		for _, suffix := range []string{"'s", "’s", "'", "’"} {
			if cut, ok := strings.CutSuffix(f, suffix); ok {
				f, w.possessive = cut, suffix[len(suffix)-1] == 's'
				break
			}
		}
		f = strings.Trim(f, "'’")
		if f == "" {
			continue
		}
		w.stem, w.plural = singular(f)
		w.function = scopeFunction[f]
		w.generic = scopeGeneric[w.stem]
		out = append(out, w)
	}
	return out
}

// singular reduces an English plural: "countries" to "country", "Russians"
// to "russian"; "Caucasus", "ISIS" and "press" are left as they are, and
// words of three letters or fewer ("CIS") too.
func singular(w string) (string, bool) {
	switch {
	case scopeIrregular[w]:
		return w, true
	case len(w) < 4:
		return w, false
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y", true
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1], true
	}
	return w, false
}

// scopeMatch is where a node's name occurs in a phrase: significant words
// start to end (exclusive, indexes into the phrase's significant words),
// of which said were the name's; unsaid tells that a generic head noun of
// the name was left out.
type scopeMatch struct {
	node             int
	start, end, said int
	unsaid           bool
}

// matchName finds the first place where name occurs in the phrase (its
// words, and sig, the indexes of the significant ones).
func matchName(name, words []scopeWord, sig []int) (scopeMatch, bool) {
	var want []scopeWord
	for _, w := range name {
		if !w.function {
			want = append(want, w)
		}
	}
	for start := range sig {
		m := scopeMatch{start: start, end: start}
		ok := true
		for _, w := range want {
			switch {
			case m.end < len(sig) && words[sig[m.end]].stem == w.stem:
				m.end++
				m.said++
			case w.generic:
				m.unsaid = true
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && m.said > 0 {
			return m, true
		}
	}
	return scopeMatch{}, false
}

// namesHead reports whether m may be the population of the phrase whose
// head (an index into sig) is head, -1 for none.
func (m scopeMatch) namesHead(words []scopeWord, sig []int, head int) bool {
	last := words[sig[m.end-1]]
	switch {
	case last.possessive:
		return false
	case head < 0:
		return m.start == 0
	case m.start <= head && head < m.end:
		return true
	case m.end == head:
		return m.unsaid || quantity.IsDemonym(last.stem)
	}
	return m.unsaid && m.start > head
}

// better orders the candidates for one slot: more words said, then said
// earlier, then earlier in the tree.
func (m scopeMatch) better(o scopeMatch) bool {
	if m.said != o.said {
		return m.said > o.said
	}
	if m.start != o.start {
		return m.start < o.start
	}
	return m.node < o.node
}

// introducesGroup reports whether the word before words[i], past
// groupSkipped, is one of groupIntroducers.
func introducesGroup(words []scopeWord, i int) bool {
	for i--; i >= 0; i-- {
		w := words[i].stem
		if !groupSkipped[w] {
			return groupIntroducers[w]
		}
	}
	return false
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
