package fulltext

import (
	"reflect"
	"testing"
)

func TestParseStemsWordsAndKeepsPhrases(t *testing.T) {
	got := Parse(`Богдановой  "Islamic State" fighters, war ИГИЛ`)
	want := []Term{
		{Words: []string{"богдановой"}, Stem: "богданов"},
		{Words: []string{"islamic", "state"}, Phrase: true},
		{Words: []string{"fighters"}, Stem: "fighter"},
		{Words: []string{"war"}},                // too short a stem: whole word
		{Words: []string{"игил"}, Stem: "игил"}, // short stem: the word is the prefix
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse =\n%+v\nwant\n%+v", got, want)
	}
	if m, w := FTS5(got), `"богданов"* AND "islamic state" AND "fighter"* AND "war" AND "игил"*`; m != w {
		t.Errorf("FTS5 = %s, want %s", m, w)
	}
	if m, w := TSQuery(got), `'богдановой' & ('islamic' <-> 'state') & 'fighters' & 'war' & 'игил'`; m != w {
		t.Errorf("TSQuery = %s, want %s", m, w)
	}
}

func TestStarredWordIsAPrefixAsTyped(t *testing.T) {
	// A "*" after a word makes the word itself the prefix, unstemmed, on
	// PostgreSQL too; too short a prefix is matched whole; a "*" in a
	// phrase or after a space is a separator.
	got := Parse(`Bogdanov* ties* ab* "Ivan Petrov*" *war`)
	want := []Term{
		{Words: []string{"bogdanov"}, Stem: "bogdanov", Prefix: true},
		{Words: []string{"ties"}, Stem: "ties", Prefix: true},
		{Words: []string{"ab"}},
		{Words: []string{"ivan", "petrov"}, Phrase: true},
		{Words: []string{"war"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse =\n%+v\nwant\n%+v", got, want)
	}
	if m, w := FTS5(got), `"bogdanov"* AND "ties"* AND "ab" AND "ivan petrov" AND "war"`; m != w {
		t.Errorf("FTS5 = %s, want %s", m, w)
	}
	if m, w := TSQuery(got), `'bogdanov':* & 'ties':* & 'ab' & ('ivan' <-> 'petrov') & 'war'`; m != w {
		t.Errorf("TSQuery = %s, want %s", m, w)
	}
}

func TestInflectionsShareAPrefix(t *testing.T) {
	// Each inflected form of a surname reduces to a stem that is a prefix
	// of every other form, which is what SQLite's prefix match needs.
	for _, forms := range [][]string{
		{"Богданов", "Богданова", "Богдановой", "Богдановым", "Богданову"},
		{"Сирия", "Сирии", "Сирию", "Сирией"},
		{"fighter", "fighters"},
	} {
		samePrefix(t, forms)
	}
}

func samePrefix(t *testing.T, forms []string) {
	t.Helper()
	for _, q := range forms {
		terms := Parse(q)
		if len(terms) != 1 || terms[0].Stem == "" {
			t.Fatalf("Parse(%q) = %+v: want one stemmed word", q, terms)
		}
		for _, f := range forms {
			if w := Words(f)[0]; len(w) < len(terms[0].Stem) || w[:len(terms[0].Stem)] != terms[0].Stem {
				t.Errorf("stem %q of %q is not a prefix of %q", terms[0].Stem, q, f)
			}
		}
	}
}

func TestParseOfNoWordsIsEmpty(t *testing.T) {
	for _, q := range []string{"", "  ", `"" ,.;`, `*`} {
		if got := Parse(q); got != nil {
			t.Errorf("Parse(%q) = %+v, want nil", q, got)
		}
	}
}

func TestQuotesInInputCannotBreakOutOfAPhrase(t *testing.T) {
	// Query syntax characters are separators, never operators; OR is
	// one only in capitals, and then claimdesk's, not FTS5's.
	got := FTS5(Parse(`a or b NEAR(c) -d* col:e`))
	want := `"a" AND "or" AND "b" AND "near"* AND "c" AND "d" AND "col" AND "e"`
	if got != want {
		t.Errorf("FTS5 = %s, want %s", got, want)
	}
	// OR in capitals joins two quoted terms, nothing more: an OR or a
	// NEAR( inside a phrase or after it is a word.
	if got, want := FTS5(Parse(`a OR "b OR c" NEAR(d) OR`)), `("a" OR "b or c") AND "near"* AND "d"`; got != want {
		t.Errorf("FTS5 = %s, want %s", got, want)
	}
	if got, want := TSQuery(Parse(`a OR "b OR c" NEAR(d) OR`)), `('a' | ('b' <-> 'or' <-> 'c')) & 'near' & 'd'`; got != want {
		t.Errorf("TSQuery = %s, want %s", got, want)
	}
	// An unclosed quote makes the rest one phrase, still quoted.
	if got, want := FTS5(Parse(`a "b c`)), `"a" AND "b c"`; got != want {
		t.Errorf("FTS5 = %s, want %s", got, want)
	}
}

func TestOrJoinsItsNeighboursOnly(t *testing.T) {
	got := Parse(`Sergei OR Sergey Shoigu* OR "Sergei Shoygu" OR Shoygu, war`)
	want := []Term{
		{Words: []string{"sergei"}, Stem: "sergei", Or: []Term{{Words: []string{"sergey"}, Stem: "sergey"}}},
		{Words: []string{"shoigu"}, Stem: "shoigu", Prefix: true, Or: []Term{
			{Words: []string{"sergei", "shoygu"}, Phrase: true},
			{Words: []string{"shoygu"}, Stem: "shoygu"},
		}},
		{Words: []string{"war"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse =\n%+v\nwant\n%+v", got, want)
	}
	if m, w := FTS5(got), `("sergei"* OR "sergey"*) AND ("shoigu"* OR "sergei shoygu" OR "shoygu"*) AND "war"`; m != w {
		t.Errorf("FTS5 = %s, want %s", m, w)
	}
	if m, w := TSQuery(got), `('sergei' | 'sergey') & ('shoigu':* | ('sergei' <-> 'shoygu') | 'shoygu') & 'war'`; m != w {
		t.Errorf("TSQuery = %s, want %s", m, w)
	}
	// An OR with nothing on one side is dropped; alternatives beyond
	// MaxOr are.
	if m, w := FTS5(Parse(`OR war OR`)), `"war"`; m != w {
		t.Errorf("FTS5 = %s, want %s", m, w)
	}
	if m, w := FTS5(Parse(`a1 OR a2 OR a3 OR a4 OR a5 OR a6 OR a7 OR a8 OR a9`)), `("a1" OR "a2" OR "a3" OR "a4" OR "a5" OR "a6" OR "a7" OR "a8")`; m != w {
		t.Errorf("FTS5 = %s, want %s", m, w)
	}
}

func TestAlternativesSplitAListingsText(t *testing.T) {
	for text, want := range map[string][]string{
		"Sergey Shoygu OR Sergei Shoigu":            {"Sergey Shoygu", "Sergei Shoigu"},
		"Oregon or Ohio":                            {"Oregon or Ohio"},
		"a OR b OR c OR d OR e OR f OR g OR h OR i": {"a", "b", "c", "d", "e", "f", "g", "h"},
		" OR a":  {"a"},
		"ORwell": {"ORwell"},
	} {
		if got := Alternatives(text); !reflect.DeepEqual(got, want) {
			t.Errorf("Alternatives(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSnippetSplitsMarkedPassage(t *testing.T) {
	got := Snippet("…said " + Open + "Богданова" + Close + " about " + Open + "300" + Close + Open + " fighters" + Close)
	want := []SnippetPart{{Text: "…said "}, {Text: "Богданова", Match: true}, {Text: " about "}, {Text: "300 fighters", Match: true}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Snippet = %+v, want %+v", got, want)
	}
	if got := Snippet(Open + "unclosed"); !reflect.DeepEqual(got, []SnippetPart{{Text: "unclosed", Match: true}}) {
		t.Errorf("Snippet(unclosed) = %+v", got)
	}
}

func TestCapOrSaysWhatParseKeeps(t *testing.T) {
	nine := `a1 OR a2 OR a3 OR a4 OR a5 OR "a 6" OR a7 OR a8 OR a9* b1 OR b2`
	got := CapOr(nine)
	if want := `a1 OR a2 OR a3 OR a4 OR a5 OR "a 6" OR a7 OR a8 b1 OR b2`; got != want {
		t.Errorf("CapOr = %s, want %s", got, want)
	}
	if a, b := FTS5(Parse(got)), FTS5(Parse(nine)); a != b {
		t.Errorf("FTS5 of CapOr's %s, of the query %s: want the same", a, b)
	}
	for _, q := range []string{`Shoygu OR Shoigu, "Sergey  Shoygu`, `a OR b`, `OR`} {
		if got := CapOr(q); got != q {
			t.Errorf("CapOr(%s) = %s, want it as written", q, got)
		}
	}
}
