package article_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestClaimantTitleAndOpeningWord checks two things about the name and
// role of a speaker: an English title written in capitals keeps its
// modifiers ("Deputy Foreign Minister", not "Minister"), and a time word
// that opens the sentence ("Позже", "Later") is capitalised for that
// alone and is no part of the name that follows.
func TestClaimantTitleAndOpeningWord(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity, name, role string
	}{
		{"Deputy Foreign Minister Mikhail Bogdanov said about 200 Russians fight in Syria.", "about 200", "Mikhail Bogdanov", "Deputy Foreign Minister"},
		{"Prime Minister David Cameron said about 500 Britons had travelled to Syria.", "about 500", "David Cameron", "Prime Minister"},
		{"Acting Defense Secretary Patrick Shanahan said 2,000 troops would leave.", "2,000", "Patrick Shanahan", "Acting Defense Secretary"},
		{"Later Bogdanov said about 200 Russians fight in Syria.", "about 200", "Bogdanov", ""},
		{"Позже Богданов заявил, что в Сирии воюют около 200 россиян.", "около 200", "Богданов", ""},
		{"Вчера Богданов сообщил, что в Сирии воюют около 200 россиян.", "около 200", "Богданов", ""},
		{"Позднее Богданов заявил, что в Сирии воюют около 200 россиян.", "около 200", "Богданов", ""},
		// A first name that is an auxiliary too opens a name.
		{"Will Hurd said 300 migrants crossed the border.", "300", "Will Hurd", ""},
	}
	for _, tt := range tests {
		checkNamed(t, x, tt.text, tt.quantity, tt.name, tt.role, "")
	}
}

// TestBodyNameInTheNominative checks that a body named by adjectives and a
// noun in an oblique case is given in the nominative as Russian spells it:
// "-ий" after к, г, х ("Московский"), the stressed "-ой" of "городской",
// "областной", "краевой", "-ый" otherwise.
func TestBodyNameInTheNominative(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	for _, tt := range []struct{ text, quantity, name string }{
		{"Как сообщили в Тверском районном суде, арестованы 20 человек.", "20 человек", "Тверской районный суд"},
		{"Как сообщили в Московском областном суде, арестованы 20 человек.", "20 человек", "Московский областной суд"},
		{"Как сообщили в Московском городском суде, арестованы 20 человек.", "20 человек", "Московский городской суд"},
		{"По данным Краснодарского краевого суда, арестованы 20 человек.", "20 человек", "Краснодарский краевой суд"},
		{"Как сообщили в Следственном комитете, задержаны 12 человек.", "12 человек", "Следственный комитет"},
		{"Как сообщили в Высшем арбитражном суде, рассмотрено 40 дел.", "40 дел", "Высший арбитражный суд"},
	} {
		checkOrganisation(t, x, tt.text, tt.quantity, tt.name, "")
	}
}

// checkOrganisation checks that the candidate quantity names in text
// (candidateOf) is claimed by the organisation name, with role.
func checkOrganisation(t *testing.T, x *article.Extractor, text, quantity, name, role string) {
	t.Helper()
	checkNamed(t, x, text, quantity, name, role, article.Organisation)
}

// checkNamed checks that the candidate quantity names in text
// (candidateOf) is claimed by name with role, and, unless kind is "",
// that the claimant is of that kind.
func checkNamed(t *testing.T, x *article.Extractor, text, quantity, name, role string, kind article.Kind) {
	t.Helper()
	got := candidateOf(t, x.Extract(text), text, quantity)
	switch {
	case got == nil: // candidateOf reported it
	case got.Claimant == nil:
		t.Errorf("%q: %q has no claimant, want %q", text, quantity, name)
	case got.Claimant.Name != name || got.Claimant.Role != role || (kind != "" && got.Claimant.Kind != kind):
		t.Errorf("%q: claimant of %q = %q, role %q (%s); want %q, role %q (%s)", text, quantity, got.Claimant.Name, got.Claimant.Role, got.Claimant.Kind, name, role, cmpKind(kind))
	}
}

// cmpKind names the kind a check wants, "any" for none.
func cmpKind(k article.Kind) string {
	if k == "" {
		return "any"
	}
	return string(k)
}

// TestMonthAsSurname checks that "May" after a first name is a surname
// ("Theresa May" is a person, with her title as the role, "Then-" kept),
// and alone before a verb of saying is hers ("May added"), while a month
// before a figure stays a date and names no one, and "May said" with no
// May named before names no one.
func TestMonthAsSurname(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct{ text, quantity, name, role string }{
		{"Theresa May said about 200 Britons fight in Syria.", "about 200", "Theresa May", ""},
		{"Home Secretary Theresa May said about 500 Britons had travelled to Syria.", "about 500", "Theresa May", "Home Secretary"},
		{"In May 2015 about 200 Britons fought in Syria, officials said.", "about 200", "officials", ""},
		{"Prime Minister Theresa May said 5,000 people attended. May added that 300 were arrested.", "300", "Theresa May", "Prime Minister"},
		{"Then-Prime Minister Theresa May said about 500 Britons had travelled to Syria.", "about 500", "Theresa May", "Then-Prime Minister"},
	}
	for _, tt := range tests {
		kind := article.Person
		if tt.name == "officials" {
			kind = ""
		}
		checkNamed(t, x, tt.text, tt.quantity, tt.name, tt.role, kind)
	}
}

func TestMonthAsSurnameNoOne(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"Police said 5,000 people attended. May said that 300 were arrested.", "300", ""},
	})
}

// TestSubjectAfterConjunction checks that "after", "before" or "since"
// before a named speaker opens the clause whose subject the speaker is
// ("This comes after Prime Minister David Cameron announced": Cameron,
// was "This comes"), while "after" before no name, or before a phrase
// that only holds a name ("Police after the death of George Floyd
// said"), still ends the subject. A title may link its words with "of"
// or "for" ("after U.S. Secretary of State John Kerry said": Kerry, was
// "This comes"); a lower-case word that links nothing of a title still
// makes the name part of a phrase ("after the visit of Secretary of State
// John Kerry").
func TestSubjectAfterConjunction(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"This comes after Prime Minister David Cameron announced the UK would take 20,000 Syrian refugees.", "20,000", "=David Cameron"},
		{"The row began before Home Secretary Theresa May said 500 Britons had travelled to Syria.", "500", "=Theresa May"},
		{"Police after the blast said 30 people had died.", "30 people", "=Police"},
		// A name deeper in a phrase after "after" is not the speaker.
		{"Police after the death of George Floyd said 300 people were arrested.", "300 people", "=Police"},
		{"Officials after the visit by Boris Johnson said 300 beds were free.", "300 beds", "=Officials"},
		{"This comes after the Prime Minister David Cameron announced the UK would take 20,000 Syrian refugees.", "20,000", "=David Cameron"},
		{"This comes after U.S. Secretary of State John Kerry said 300 people had died.", "300 people", "=John Kerry"},
		{"This comes after Secretary of State John Kerry said 300 people had died.", "300 people", "=John Kerry"},
		{"After U.S. Secretary of State John Kerry said 300 people had died, the ministry disagreed.", "300 people", "=John Kerry"},
		{"The talks stalled after Minister for Health Jane Smith said 300 beds were free.", "300 beds", "=Jane Smith"},
		{"Officials after the visit of Secretary of State John Kerry said 300 beds were free.", "300 beds", "=Officials"},
	})
}

// TestTitleLinkedByOf checks that a title whose words "of" or "for" link
// ("Secretary of State", "Minister for Foreign Affairs") is the role of
// the name after it, whole: the name was "of State John Kerry". "of"
// between capitalised words that are no title still joins a name ("The
// Ministry of Defence").
func TestTitleLinkedByOf(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	for _, tt := range []struct{ text, quantity, name, role string }{
		{"Secretary of State John Kerry said 300 people had died.", "300 people", "John Kerry", "Secretary of State"},
		{"300 people had died, said Secretary of State John Kerry.", "300 people", "John Kerry", "Secretary of State"},
		{"Minister for Foreign Affairs Ivan Petrov said 300 people had died.", "300 people", "Ivan Petrov", "Minister for Foreign Affairs"},
	} {
		checkNamed(t, x, tt.text, tt.quantity, tt.name, tt.role, article.Person)
	}
	checkOrganisation(t, x, "The Ministry of Defence said 300 people had died.", "300 people", "The Ministry of Defence", "")
}

// TestCapitalisedTitleApposition checks that a title set off by a comma
// before the name it belongs to gives that name, the title as its role
// (no comma), when the title is capitalised too ("said UN spokesman,
// Stephane Dujarric" was the person "UN spokesman"), while a body named
// after "в" still ends at a comma (TestRussianMinistrySources).
func TestCapitalisedTitleApposition(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	for _, tt := range []struct{ text, quantity, name, role string }{
		{"300 people died, said UN spokesman, Stephane Dujarric.", "300 people", "Stephane Dujarric", "UN spokesman"},
		{"300 people died, said UNHCR spokesman, Andrej Mahecic.", "300 people", "Andrej Mahecic", "UNHCR spokesman"},
		{"300 people died, said EU foreign policy chief, Josep Borrell.", "300 people", "Josep Borrell", "EU foreign policy chief"},
		{"300 человек погибли, сообщил Глава региона, Иван Петров.", "300 человек", "Иван Петров", "Глава региона"},
		{"300 человек погибли, сообщил глава региона, Иван Петров.", "300 человек", "Иван Петров", "глава региона"},
	} {
		checkNamed(t, x, tt.text, tt.quantity, tt.name, tt.role, article.Person)
	}
}
