package latin

import (
	"testing"

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
		// One letter from Dakka (Dhaka) but not Dhaka: spelt, whole as
		// its stem (ракк) is short.
		"Ракка": "Rakka",
		// Acronyms, spelt whole, not as prefixes of their first letters.
		"НАТО": "NATO",
		"ИГИЛ": "IGIL",
		"ФСБ":  "FSB",
		// Short stems: the word whole, not a prefix of three letters.
		"Мария": "Mariya",
		"Марии": "Marii",
		"Ивана": "Ivana",
		"Шойгу": "Shoygu", // Snowball's stem is шойг
		// Five letters and more: a prefix.
		"Путиным": "Putin*",
		// Other words and quotes are kept; a phrase is spelt whole.
		`Богданова,  fighters "Александр Богданов" Сирии`: `Bogdanov*,  fighters "Aleksandr Bogdanov" Syria`,
		`"в ОАЭ"`: `"v United Arab Emirates"`,
		"Юрия":    "Yuriya",
		// A "*" typed after a word spelt as a prefix is not doubled.
		"Богданов*":  "Bogdanov*",
		"Богданова*": "Bogdanov*",
		"Мария*":     "Mariya*",
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
		"Алексей Навальный": "Aleksey Navaln",
		"Богданова Мария":   "Bogdanova Mariya",
		"Сергея Лаврова":    "Sergeya Lavrov",
		"Сергея Лаврова, ":  "Sergeya Lavrov, ",
		"Bogdanov":          "",
	} {
		if got := Text(q, g); got != want {
			t.Errorf("Text(%q) = %q, want %q", q, got, want)
		}
	}
}
