package latin

import (
	"reflect"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/fulltext"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

func TestWordSpellsBGNPCGN(t *testing.T) {
	for w, want := range map[string]string{
		"Богданов":       "Bogdanov",
		"Патрушев":       "Patrushev",
		"Ельцин":         "Yeltsin",
		"Евгений":        "Yevgeniy",
		"Сергеев":        "Sergeyev",
		"Подъезд":        "Podyezd",
		"Фёдор":          "Fyodor",
		"Щукин":          "Shchukin",
		"Юрий":           "Yuriy",
		"Ежов":           "Yezhov",
		"Кадыров":        "Kadyrov",
		"ЦСКА":           "TsSKA",
		"Ростов-на-Дону": "Rostov-na-Donu",
	} {
		if got := Word(w); got != want {
			t.Errorf("Word(%s) = %q, want %q", w, got, want)
		}
	}
}

func TestStemOfInflectedNamesAndPlaces(t *testing.T) {
	for _, c := range []struct {
		stem  string
		forms []string
	}{
		{"богданов", []string{"Богданов", "Богданова", "Богдановым", "Богдановой", "Богданову"}},
		{"лавров", []string{"Лавров", "Лаврова", "Лаврову"}},
		{"кадыров", []string{"Кадыров", "Кадырова", "Кадыровым"}},
		{"медведев", []string{"Медведев", "Медведева"}},
		{"путин", []string{"Путин", "Путина", "Путиным"}},
		{"сир", []string{"Сирия", "Сирии", "Сирию"}},
		{"ирак", []string{"Ирак", "Ирака", "Ираке"}},
		{"федор", []string{"Фёдор", "Фёдора"}},
		{"юри", []string{"Юрий", "Юрия"}}, // Snowball's юр, lengthened
		{"кот", []string{"кот"}},          // too short: whole
	} {
		for _, f := range c.forms {
			if got := Stem(f); got != c.stem {
				t.Errorf("Stem(%s) = %q, want %q", f, got, c.stem)
			}
		}
	}
}

func TestQuerySpellsNamesAsPrefixesAndPlacesByName(t *testing.T) {
	g := gazetteer.Builtin()
	for q, want := range map[string]string{
		"Богданов":   "Bogdanov*",
		"Богданова":  "Bogdanov*",
		"Богдановым": "Bogdanov*",
		"Лавров":     "Lavrov*",
		"Лаврова":    "Lavrov*",
		"Кадыров":    "Kadyrov*",
		"Кадырова":   "Kadyrov*",
		"Сирия":      "Syria",
		"Сирии":      "Syria",
		"Сирию":      "Syria",
		"Ирак":       "Iraq",
		"Ирака":      "Iraq",
		"Москве":     "Moscow",
		"ОАЭ":        `"United Arab Emirates"`,
		"Донецке":    "Donetsk",
		// A town's name that is a common word is spelt ("Dome" is one).
		"Дом": "Dom",
		// Raqqa, whose Russian name the gazetteer has; not Dhaka (Дакка),
		// one letter away.
		"Ракка": "Raqqa",
		// Acronyms, spelt whole, not as prefixes of their first letters.
		"НАТО": "NATO",
		"ИГИЛ": "IGIL",
		"ФСБ":  "FSB",
		// Short stems: the word whole, not a prefix of three letters.
		"Мария": "Mariya OR Maria",
		"Марии": "Mariya OR Maria", // the name, as English texts hold it
		"Ивана": "Ivan",
		"Шойгу": "Shoygu OR Shoigu", // Snowball's stem is шойг; the press's i
		// Five letters and more: a prefix.
		"Путиным": "Putin*",
		// Other words and quotes are kept; a phrase is spelt whole.
		`Богданова,  fighters "Александр Богданов" Сирии`: `Bogdanov*,  fighters "Aleksandr Bogdanov" OR "Alexander Bogdanov" Syria`,
		`"в ОАЭ"`: `"United Arab Emirates"`,
		// A stopword is left out: "v" is in no English text.
		"в Сирии": "Syria",
		"войска из Ирака и Сирии": "voysk* OR voisk* Iraq Syria",
		"Юрия": "Yuriy OR Yury OR Yuri",
		// A "*" typed after a word spelt as a prefix is not doubled.
		"Богданов*":  "Bogdanov*",
		"Богданова*": "Bogdanov*",
		"Мария*":     "Mariya* OR Maria*",
		"кот":        "kot",
		"Bogdanov":   "",
		"":           "",
	} {
		if got := Query(q, g); got != want {
			t.Errorf("Query(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestTextSpellsWithoutQuotesOrPrefixMarks(t *testing.T) {
	g := gazetteer.Builtin()
	for q, want := range map[string]string{
		"Богданова":                 "Bogdanov",
		`заявил "Богдановым" в ОАЭ`: `zayavil "Bogdanovym" v United Arab Emirates`,
		"Сирии": "Syria",
		// Inner words whole, only the last one cut to its stem.
		"Алексей Навальный": "Aleksey Navaln OR Alexei Navaln",
		"Богданова Мария":   "Bogdanova Mariya OR Bogdanova Maria",
		"Сергея Лаврова":    "Sergeya Lavrov",
		"Сергея Лаврова, ":  "Sergeya Lavrov, ",
		"Bogdanov":          "",
	} {
		if got := Text(q, g); got != want {
			t.Errorf("Text(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestVariantsSpellAsThePressDoes(t *testing.T) {
	for w, want := range map[string][]string{
		"Шойгу":     {"Shoygu", "Shoigu"},
		"Юрий":      {"Yuriy", "Yury", "Yuri"},
		"Дмитрий":   {"Dmitriy", "Dmitry", "Dmitri"},
		"Аксёнов":   {"Aksyonov", "Aksenov"},
		"Сергей":    {"Sergey", "Sergei"},
		"Алексей":   {"Aleksey", "Alexei"},
		"Максим":    {"Maksim", "Maxim"},
		"Александр": {"Aleksandr", "Alexander"},
		"Ксения":    {"Kseniya", "Ksenia"},
		"Навальный": {"Navalnyy", "Navalny"},
		"Толстой":   {"Tolstoy"},
		"Ильин":     {"Ilin", "Ilyin"},
		"Евгений":   {"Yevgeniy", "Yevgeny", "Yevgeni"}, // at most three
		"Сергеев":   {"Sergeyev", "Sergeev"},
		"Подъезд":   {"Podyezd", "Podezd"},
		"Байкал":    {"Baykal", "Baikal"},
	} {
		if got := Variants(w); !reflect.DeepEqual(got, want) {
			t.Errorf("Variants(%s) = %q, want %q", w, got, want)
		}
	}
}

func TestPlaceAdjectivesAndObliqueFormsAreThePlace(t *testing.T) {
	g := gazetteer.Builtin()
	for q, want := range map[string]string{
		"сирийских":        "Syria*",
		"сирийского":       "Syria*",
		"Сирийская":        "Syria*",
		"иракской":         "Iraq*",
		"иракских":         "Iraq*",
		"ливийских":        "Libya*",
		"российских":       "Russia*",
		"турецкой":         "Turkey*",
		"украинской":       "Ukraine*",
		"израильских":      "Israel*",
		"японского":        "Japan*",
		"палестинских":     "Palestine*", // a country before a town in Texas
		"чеченских":        "Chechnya*",
		"чеченской":        "Chechnya*",
		"Грозного":         "Grozny*", // the gazetteer's name and the transliteration agree
		"Грозном":          "Grozny*",
		"грозненских":      "Grozny*",
		"донецких":         "Donetsk*",
		"киевской":         "Kyiv*",
		"харьковских":      "Kharkiv*",
		"одесского":        "Odesa*",
		"мариупольского":   "Mariupol*",
		"московских":       "Moscow*",
		"дагестанских":     "Dagestan*",
		"Ростове-на-Дону":  `"Rostov-on-Don"`,
		"Ростова-на-Дону":  `"Rostov-on-Don"`,
		"Нью-Йорке":        `"New York City"`,
		"Санкт-Петербурге": `"Saint Petersburg"`,
		// Adjectives of no place, though some town has a name like them.
		"русских":    "russk*",
		"морских":    "morsk*",
		"городских":  "gorodsk*",
		"советских":  "sovetsk*",
		"славянских": "slavyansk*",
		// A phrase of an adjective and a noun: the place, as a prefix
		// (Syrian), and the noun in both its spellings.
		"сирийских боевиков": "Syria* boyevikov* OR boevikov*",
	} {
		if got := Query(q, g); got != want {
			t.Errorf("Query(%q) = %q, want %q", q, got, want)
		}
	}
	if got, want := Text("иракской армии", g), "Iraq armii"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestIrregularAdjectivesNameKnownPlaces(t *testing.T) {
	g := gazetteer.Builtin()
	for stem, name := range irregular {
		if _, ok := g.Lookup(name); !ok {
			t.Errorf("irregular[%s] = %s, which the gazetteer does not know", stem, name)
		}
	}
}

func TestSpellingsStayBounded(t *testing.T) {
	// Sixteen words, each with several spellings: a query keeps at most
	// MaxVariants a word (an OR of them, not a product), a text at most
	// MaxVariants in all.
	g := gazetteer.Builtin()
	long := strings.Repeat("Сергей Шойгу Юрий Евгений ", 4)
	terms := fulltext.Parse(Query(long, g))
	if len(terms) != 16 {
		t.Fatalf("Query(%q) has %d terms, want 16", long, len(terms))
	}
	for _, term := range terms {
		if n := 1 + len(term.Or); n < 2 || n > MaxVariants {
			t.Errorf("term %v has %d spellings, want 2 to %d", term.Words, n, MaxVariants)
		}
	}
	if got := fulltext.Alternatives(Text(long, g)); len(got) != MaxVariants {
		t.Errorf("Text(%q) has %d alternatives, want %d", long, len(got), MaxVariants)
	}
}

func TestFirstNamesInOtherCasesAreTheName(t *testing.T) {
	g := gazetteer.Builtin()
	for q, want := range map[string]string{
		"Юрия Ушакова": "Yuriy OR Yury OR Yuri Ushakov*",
		"Олега":        "Oleg",
		"Игорю":        "Igor",
		"Павла":        "Pavel",
		"Петра":        "Pyotr OR Petr",
		"Ольги":        "Olga",
		"Елены":        "Yelena OR Elena",
		// Longer stems are prefixes already; a word in lower case is no name.
		"Сергея": "Serge*",
		"олега":  "olega",
	} {
		if got := Query(q, g); got != want {
			t.Errorf("Query(%q) = %q, want %q", q, got, want)
		}
	}
	if got, want := Text("Юрия Ушакова", g), "Yuriy Ushakov OR Yury Ushakov OR Yuri Ushakov"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	// Each stem listed is too short for a prefix (a longer one is one
	// already, and needs no entry).
	for stem, name := range firstNames {
		if len([]rune(stem)) >= MinPrefixStem {
			t.Errorf("firstNames[%s] = %s: a stem of five letters or more is a prefix already", stem, name)
		}
	}
}

// TestQuerySaysOnlyWhatIsSearched: words typed with OR between them, each
// in its spellings, may make more alternatives than the search takes
// (fulltext.MaxOr); the spelling, shown as searched_as, leaves out those
// not searched.
func TestQuerySaysOnlyWhatIsSearched(t *testing.T) {
	got := Query("Юрий OR Шойгу OR Аксёнов OR Юрий", gazetteer.Builtin())
	if want := "Yuriy OR Yury OR Yuri OR Shoygu OR Shoigu OR Aksyonov* OR Aksenov* OR Yuriy"; got != want {
		t.Errorf("Query = %q, want %q", got, want)
	}
}
