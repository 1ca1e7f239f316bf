// Package fulltext turns what an analyst types into a full-text query, and
// a marked-up passage into snippet parts. It does no I/O; the stores run
// the queries with their database's own index (SQLite FTS5, PostgreSQL
// tsvector).
//
// A query is words and "quoted phrases"; every one must match. Words are
// compared without case or diacritics. OR, typed in capitals between two
// words or phrases, matches either: "Shoigu OR Shoygu", and "Sergei OR
// Sergey Shoigu" is (Sergei or Sergey) and Shoigu: OR binds only its
// neighbours, so a query stays a list of terms every one of which must
// match.
//
// PostgreSQL stems words with the text search configuration of each
// claim's language (russian, english, ...) on top of the 'simple' one, so
// "Богданов" finds "Богданова" and "Богдановой".
//
// SQLite's FTS5 has no Russian stemmer, so a query word is reduced to its
// Snowball stem (the Russian algorithm for Cyrillic words, the English one
// for Latin words) and matched as a prefix: "Богдановой" becomes
// богданов*, which matches Богданов, Богданова and Богдановым, and
// "Сирия" becomes сир*, which matches Сирии and сирийских. Where the stem
// is shorter than MinStem letters the word itself is the prefix ("ИГИЛ"
// finds "ИГИЛа"); a word shorter than MinPrefix that stemming leaves as it
// is is matched whole, so that "war" does not find "Warsaw". Phrases are
// matched as written.
//
// A word typed with a "*" after it is matched as a prefix as it is, on
// both databases: "Bogdanov*" finds Bogdanov and Bogdanova. (PostgreSQL's
// stemming configuration stems it first, as it does every word, so there
// "Kadyrovs*" finds Kadyrov too.) A prefix shorter than MinStem letters is
// matched whole. This is how a Russian query's Latin spelling is searched
// (package latin).
package fulltext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// MaxTerms bounds the words and phrases of one query that must all
// match, and MaxOr the alternatives of one of them (see Term.Or).
const (
	MaxTerms = 16
	MaxOr    = 8
)

// Or is the word that, typed in capitals between two terms, matches
// either.
const Or = "OR"

// MinStem is the shortest stem matched as a prefix, and MinPrefix the
// shortest word.
const (
	MinStem   = 3
	MinPrefix = 4
)

// Term is one word or phrase of a query. Words holds the phrase's words
// (one for a word), lower-cased; Stem is the prefix a word matches on
// SQLite, "" for a phrase or a word matched whole. Prefix marks a word
// typed with a "*": Stem is then the word, matched as a prefix on
// PostgreSQL too. Or holds the terms that may match instead of this one
// (typed with OR between them), at most MaxOr-1; they have no Or of their
// own.
type Term struct {
	Words  []string
	Phrase bool
	Stem   string
	Prefix bool
	Or     []Term
}

// Parse splits a query into terms. Punctuation separates words; a double
// quote opens and closes a phrase; a "*" right after a word outside a
// phrase makes it a prefix; OR outside a phrase joins the terms either
// side of it into one that either matches (an OR with no term on one side
// is ignored). It returns nil for a query without a word.
func Parse(q string) []Term {
	var terms []Term
	// or says that the next term is an alternative of the last one.
	or := false
	add := func(t Term) {
		if n := len(terms); or && n > 0 {
			if len(terms[n-1].Or) < MaxOr-1 {
				terms[n-1].Or = append(terms[n-1].Or, t)
			}
		} else {
			terms = append(terms, t)
		}
		or = false
	}
	for i, part := range strings.Split(q, `"`) {
		inPhrase := i%2 == 1
		if inPhrase {
			switch words := Words(part); {
			case len(words) > 1:
				add(Term{Words: words, Phrase: true})
			case len(words) == 1:
				add(Term{Words: words, Stem: stem(words[0])})
			}
			continue
		}
		for _, field := range strings.FieldsFunc(part, unicode.IsSpace) {
			if field == Or {
				or = len(terms) > 0
				continue
			}
			starred := starredWords(field)
			for _, w := range Words(field) {
				switch {
				case starred[w] && utf8.RuneCountInString(w) >= MinStem:
					add(Term{Words: []string{w}, Stem: w, Prefix: true})
				case starred[w]:
					add(Term{Words: []string{w}})
				default:
					add(Term{Words: []string{w}, Stem: stem(w)})
				}
			}
		}
	}
	if len(terms) > MaxTerms {
		terms = terms[:MaxTerms]
	}
	return terms
}

// CapOr returns q without the alternatives that Parse drops, those beyond
// MaxOr in one group of terms joined by OR, so that a query written for
// the analyst to read (package latin's spelling, in searched_as) says
// only what is searched. Everything else is kept as written.
func CapOr(q string) string {
	// The query's tokens outside phrases, a phrase being one token.
	var tokens []string
	for i, part := range strings.Split(q, `"`) {
		switch {
		case i%2 == 1:
			tokens = append(tokens, `"`+part+`"`)
		default:
			tokens = append(tokens, strings.FieldsFunc(part, unicode.IsSpace)...)
		}
	}
	if strings.Count(q, `"`)%2 == 1 {
		tokens[len(tokens)-1] = strings.TrimSuffix(tokens[len(tokens)-1], `"`) // unclosed, as typed
	}
	var out []string
	n := 0 // the terms in the current group
	dropped := false
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		if t == Or {
			continue
		}
		if i > 0 && tokens[i-1] == Or && n > 0 {
			if n++; n > MaxOr {
				dropped = true
				continue
			}
			out = append(out, Or)
		} else {
			n = 1
		}
		out = append(out, t)
	}
	if !dropped {
		return q
	}
	return strings.Join(out, " ")
}

// Alternatives splits a listing's text (which records contain as one run
// of characters, not a query) at " OR ", any of whose parts a record may
// contain instead: "Sergey Shoygu OR Sergei Shoigu". It keeps at most
// MaxOr parts and drops empty ones; a text without " OR " is one part.
func Alternatives(text string) []string {
	var out []string
	for _, a := range strings.Split(text, " "+Or+" ") {
		if a = strings.TrimSpace(a); a != "" && len(out) < MaxOr {
			out = append(out, a)
		}
	}
	return out
}

// Words returns the lower-cased words of s: runs of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// starredWords returns the lower-cased words of s that a "*" follows.
func starredWords(s string) map[string]bool {
	var out map[string]bool
	for i := strings.IndexByte(s, '*'); i >= 0; i = strings.IndexByte(s, '*') {
		if ws := Words(s[:i]); len(ws) > 0 && wordEnds(s[:i]) {
			if out == nil {
				out = map[string]bool{}
			}
			out[ws[len(ws)-1]] = true
		}
		s = s[i+1:]
	}
	return out
}

// wordEnds reports whether s ends with a letter or digit of a word.
func wordEnds(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// stem returns the prefix w matches by, or "" to match w whole.
func stem(w string) string {
	var s string
	switch script(w) {
	case unicode.Cyrillic:
		s = russian.Stem(strings.ReplaceAll(w, "ё", "е"), false)
	case unicode.Latin:
		s = english.Stem(w, false)
	default:
		return ""
	}
	w = strings.ReplaceAll(w, "ё", "е")
	n := utf8.RuneCountInString(w)
	switch {
	case !strings.HasPrefix(w, s):
	case utf8.RuneCountInString(s) >= MinStem && (s != w || n >= MinPrefix):
		return s
	}
	if n >= MinPrefix {
		return w
	}
	return ""
}

// script returns the script of w's letters: Cyrillic, Latin, or nil for a
// word of digits or of mixed or other scripts.
func script(w string) *unicode.RangeTable {
	var found *unicode.RangeTable
	for _, r := range w {
		var t *unicode.RangeTable
		switch {
		case unicode.IsDigit(r):
			continue
		case unicode.Is(unicode.Cyrillic, r):
			t = unicode.Cyrillic
		case unicode.Is(unicode.Latin, r):
			t = unicode.Latin
		default:
			return nil
		}
		if found != nil && found != t {
			return nil
		}
		found = t
	}
	return found
}

// FTS5 returns the terms as an FTS5 MATCH expression: every term must
// match, a stemmed word as a prefix, anything else as a (quoted) phrase.
func FTS5(terms []Term) string { return join(terms, fts5Term, " OR ", " AND ") }

// join writes each term with term, its alternatives joined by or in
// parentheses, and the terms joined by and.
func join(terms []Term, term func(Term) string, or, and string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = term(t)
		if len(t.Or) > 0 {
			alts := []string{parts[i]}
			for _, o := range t.Or {
				alts = append(alts, term(o))
			}
			parts[i] = "(" + strings.Join(alts, or) + ")"
		}
	}
	return strings.Join(parts, and)
}

// fts5Term is one term (not its alternatives) in FTS5's syntax.
func fts5Term(t Term) string {
	if t.Stem != "" {
		return `"` + t.Stem + `"*`
	}
	return `"` + strings.Join(t.Words, " ") + `"`
}

// TSQuery returns the terms in the syntax of PostgreSQL's to_tsquery:
// every term must match (&), a phrase's words in order (<->), a prefix
// word with :*. Each word is quoted; words hold only letters, digits and
// marks, so no quote or backslash needs escaping.
func TSQuery(terms []Term) string { return join(terms, tsTerm, " | ", " & ") }

// tsTerm is one term (not its alternatives) in to_tsquery's syntax.
func tsTerm(t Term) string {
	words := make([]string, len(t.Words))
	for j, w := range t.Words {
		words[j] = "'" + w + "'"
	}
	s := strings.Join(words, " <-> ")
	switch {
	case t.Phrase:
		s = "(" + s + ")"
	case t.Prefix:
		s += ":*"
	}
	return s
}

// The markers a store asks its database to put around matching words in a
// passage, and the ellipsis it puts where the passage is cut. They are
// control characters, which claimdesk's text fields do not hold.
const (
	Open     = "\x02"
	Close    = "\x03"
	Ellipsis = "…"
)

// Snippet splits a passage marked with Open and Close into parts.
func Snippet(marked string) []SnippetPart {
	parts := []SnippetPart{}
	for marked != "" {
		i := strings.Index(marked, Open)
		if i < 0 {
			parts = appendPart(parts, strings.ReplaceAll(marked, Close, ""), false)
			break
		}
		parts = appendPart(parts, strings.ReplaceAll(marked[:i], Close, ""), false)
		marked = marked[i+len(Open):]
		j := strings.Index(marked, Close)
		if j < 0 {
			j = len(marked)
		}
		parts = appendPart(parts, strings.ReplaceAll(marked[:j], Open, ""), true)
		marked = marked[min(j+len(Close), len(marked)):]
	}
	return parts
}

// SnippetPart is a run of a snippet's text; Match marks the words the
// query found.
type SnippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

func appendPart(parts []SnippetPart, text string, match bool) []SnippetPart {
	if text == "" {
		return parts
	}
	if n := len(parts); n > 0 && parts[n-1].Match == match {
		parts[n-1].Text += text
		return parts
	}
	return append(parts, SnippetPart{Text: text, Match: match})
}
