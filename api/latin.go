package api

import (
	"context"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
	"github.com/claimdesk/claimdesk/claims/latin"
)

// A query typed in Russian that matches nothing as written is searched
// again in its Latin spelling (package latin: "Богданова" as Bogdanov*,
// "Сирии" as Syria), for the records kept in English, and the answer
// says so in searched_as. Only then: a database of Russian quotes finds
// the Russian text first, and a Latin spelling, a guess, never mixes its
// matches into those of the words the analyst typed. "Nothing" is no
// claim, and for GET /search no topic, source or claimant either: a
// search whose Russian words name a topic but no claim answers that
// topic as typed, not the claims of a spelling (whose answer would drop
// it and say, wrongly, that nothing matched as written). GET /search and
// the listings' text, GET /claims?q=, /claimants?q=, /sources?q= and
// /topics?q=, do this. A word the press spells in several ways is
// searched in each (at most three, joined by OR: "Шойгу" is Shoygu OR
// Shoigu), and a listing's text in each spelling of the whole text
// ("Сергей Шойгу": Sergey Shoygu OR Sergei Shoigu).
//
// The pages after the first continue the Latin spelling: their cursor
// carries latinCursor before the store's, so that following next_cursor
// with the query as typed pages on through the same claims.
const latinCursor = "latin:"

// latinSearchVersion is the store's SearchVersion with the gazetteer's
// version, for a search whose query holds Cyrillic: its Latin spelling
// depends on the places the gazetteer knows (Дабике is Dabiq once an
// analyst adds the place Дабик), which no data version counts.
func (h *handler) latinSearchVersion(ctx context.Context) (string, error) {
	v, err := h.store.SearchVersion(ctx)
	if err != nil || v == "" {
		return v, err
	}
	g, err := h.store.GazetteerVersion(ctx)
	if err != nil {
		return "", err
	}
	return v + ":" + g, nil
}

// latinOf returns the Latin spelling of a full-text query (asQuery) or of
// a listing's text, "" when it has no Cyrillic word, is spelt the same or
// its spelling has no word (hasWord): ъ and ь have no Latin letter, and
// "ъ*" spelt "*" would be a query without a word, a 422 where the query as
// typed gave an empty answer.
func (h *handler) latinOf(ctx context.Context, q string, asQuery bool) (string, error) {
	if !latin.HasCyrillic(q) {
		return "", nil
	}
	g, err := h.store.Gazetteer(ctx)
	if err != nil {
		return "", err
	}
	alt := latin.Text(q, g)
	if asQuery {
		alt = latin.Query(q, g)
	}
	if alt == q || !hasWord(alt, asQuery) {
		return "", nil
	}
	return alt, nil
}

// hasWord reports whether a spelling has a word to search besides the
// operator OR that joins its alternatives: "ъ OR ь" is spelt " OR ",
// which has none.
func hasWord(alt string, asQuery bool) bool {
	if asQuery {
		return fulltext.Parse(alt) != nil
	}
	for _, a := range fulltext.Alternatives(alt) {
		if len(fulltext.Words(a)) > 0 {
			return true
		}
	}
	return false
}

// fallBack runs the search or listing of q (run) and, when it finds
// nothing on a first page (n counts all a run's groups), that of q's
// Latin spelling (see latinCursor), returning the spelling's results and
// the spelling as searchedAs if it finds any; a cursor of a Latin
// spelling's page runs the spelling again. next points at a run's next
// cursor.
func fallBack[R any](ctx context.Context, h *handler, q, cursor string, asQuery bool,
	run func(q, cursor string) (R, error), n func(R) int, next func(*R) *string,
) (res R, searchedAs string, err error) {
	rest, latinPage := strings.CutPrefix(cursor, latinCursor)
	if !latinPage {
		if res, err = run(q, cursor); err != nil || cursor != "" || n(res) > 0 {
			return res, "", err
		}
	}
	alt, err := h.latinOf(ctx, q, asQuery)
	switch {
	case err != nil:
		return res, "", err
	case alt == "" && !latinPage:
		return res, "", nil
	case alt == "":
		// A cursor made up by hand: q has no Latin spelling to go on with.
		kind := "listing"
		if asQuery {
			kind = "search"
		}
		var p claims.Problems
		p.Add("cursor", "is not a cursor of this %s: start again from the first page", kind)
		return res, "", p.Err(kind)
	}
	altRes, err := run(alt, rest)
	if err != nil || !latinPage && n(altRes) == 0 {
		return res, "", err
	}
	if p := next(&altRes); *p != "" {
		*p = latinCursor + *p
	}
	return altRes, alt, nil
}
