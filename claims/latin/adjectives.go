package latin

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Places named by an adjective.
//
// Russian names a place's people and things by an adjective of it:
// "сирийских боевиков" are Syrian fighters, "иракской армии" Iraq's army.
// Such an adjective is the place's name with -ск- and an adjective's
// ending ("сирийский", "иракской", "киевских"), its Snowball stem ending
// in -ск or -цк, and most are made by a few rules that adjectivePlace
// undoes: Ирак иракск, Израиль израильск, Сирия сирийск, Япония японск,
// Украина украинск, Одесса одесск, Турция турецк. The others, and the
// places whose own name is an adjective (Грозный, declined as one:
// "Грозного"), are in irregular.

// irregular maps the Snowball stem of a place's adjective, or of a place
// named by an adjective, to a Russian name of the place that the
// gazetteer knows, where no rule of adjectivePlace derives it. Grozny is
// taken for the city in any case ("Ивана Грозного" is Ivan the Terrible,
// rarer in claims than the city), and Donetsk and Luhansk, whose adjective
// is their own name ("донецких"), for their cities; a city whose name
// is also a common adjective's stem (Славянск, Советск, Комсомольск) is
// not listed, as "советских войск" would be Sovetsk's.
var irregular = map[string]string{
	"чеченск":     "Чечня",
	"ингушск":     "Ингушетия",
	"немецк":      "Германия",
	"французск":   "Франция",
	"итальянск":   "Италия",
	"британск":    "Великобритания",
	"американск":  "Соединенные Штаты",
	"греческ":     "Греция",
	"грузинск":    "Грузия",
	"армянск":     "Армения",
	"белорусск":   "Беларусь",
	"казахск":     "Казахстан",
	"узбекск":     "Узбекистан",
	"таджикск":    "Таджикистан",
	"туркменск":   "Туркменистан",
	"киргизск":    "Киргизия",
	"кыргызск":    "Киргизия",
	"афганск":     "Афганистан",
	"польск":      "Польша",
	"литовск":     "Литва",
	"шведск":      "Швеция",
	"норвежск":    "Норвегия",
	"финск":       "Финляндия",
	"датск":       "Дания",
	"швейцарск":   "Швейцария",
	"нидерландск": "Нидерланды",
	"голландск":   "Нидерланды",
	"саудовск":    "Саудовская Аравия",
	"эмиратск":    "ОАЭ",
	"московск":    "Москва",
	"грозненск":   "Грозный",
	"грозн":       "Грозный",
	"донецк":      "Донецк",
	"луганск":     "Луганск",
}

// capitalOnly are the stems of irregular that are a common adjective's
// too, a place only when typed with a capital: "Грозного" is the city,
// "грозный" formidable.
var capitalOnly = map[string]bool{"грозн": true}

// notPlaces are the stems of common adjectives that the rules would take
// for a place's: "олимпийские игры" are the Olympic games, not Olympia's
// (Washington), "пушкинское" is the poet's, not the town Pushkin's.
var notPlaces = map[string]bool{"олимпийск": true, "пушкинск": true}

// adjectiveEndings are the endings of a Russian adjective, in every
// gender, number and case.
var adjectiveEndings = []string{
	"ий", "ый", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
	"ей", "ую", "юю", "ые", "ие", "ых", "их", "ыми", "ими",
}

// adjectivePlace returns the place whose adjective word is, in any gender,
// number and case: "сирийских" Syria, "иракской" Iraq, "чеченских"
// Chechnya, "Грозного" Grozny. The rules' candidates (a place's name
// derived from the adjective's stem) count only as knownPlace has them, so
// a common word taken for a town's name ("городских": город) is not
// one, and only when the part they keep of the stem has four letters or
// more ("русских" is not Русь, "морских" not Мория); a country, region or
// subdivision goes before a city ("палестинских" is Palestine, not a
// town in Texas).
func adjectivePlace(word string, places Places) (gazetteer.Place, bool) {
	w := strings.ReplaceAll(strings.ToLower(word), "ё", "е")
	stem := Stem(w)
	ending := strings.TrimPrefix(w, stem)
	if ending == w || !isAdjectiveEnding(ending) {
		return gazetteer.Place{}, false
	}
	if name, ok := irregular[stem]; ok {
		if r, _ := utf8.DecodeRuneInString(word); capitalOnly[stem] && !unicode.IsUpper(r) {
			return gazetteer.Place{}, false
		}
		return places.Lookup(name)
	}
	if notPlaces[stem] {
		return gazetteer.Place{}, false
	}
	var city gazetteer.Place
	for _, c := range adjectiveNouns(stem) {
		p, ok := knownPlace(c, places)
		switch {
		case !ok:
		case p.Kind != gazetteer.City:
			return p, true
		case city.Name == "" || inRussia(p) && !inRussia(city):
			city = p
		}
	}
	return city, city.Name != ""
}

// inRussia reports whether a place lies in Russia. Of two towns a
// Russian adjective may name, the Russian one is meant: "тульской" is
// Tula's, not Toul's (Туль, France), "ярославской" Yaroslavl's, not
// Jarosław's (Ярослав, Poland).
func inRussia(p gazetteer.Place) bool {
	for _, in := range p.In {
		if in == "RU" || strings.HasPrefix(in, "RU.") || strings.HasPrefix(in, "RU-") {
			return true
		}
	}
	return false
}

func isAdjectiveEnding(e string) bool {
	for _, a := range adjectiveEndings {
		if e == a {
			return true
		}
	}
	return false
}

// adjectiveNouns returns the names a place's adjective with this stem may
// be made from, most likely first: сирийск Сирия, турецк Турция, одесск
// Одесса, иракск Ирак, японск Япония, украинск Украина, тверск Тверь,
// тульск Тула, ярославск Ярославль; none from a part of the stem shorter
// than four letters.
func adjectiveNouns(stem string) []string {
	var out []string
	add := func(b string, endings ...string) {
		if utf8.RuneCountInString(b) >= 4 {
			for _, e := range endings {
				out = append(out, b+e)
			}
		}
	}
	if b, ok := strings.CutSuffix(stem, "ийск"); ok {
		add(b+"и", "я")
	}
	if b, ok := strings.CutSuffix(stem, "ецк"); ok {
		add(b+"ц", "ия")
	}
	if b, ok := strings.CutSuffix(stem, "сск"); ok {
		add(b+"сс", "а")
		add(b+"ск", "")
	}
	if b, ok := strings.CutSuffix(stem, "ск"); ok {
		add(b, "", "ия", "а", "ь", "ль")
		// тульск: Тула, the ь only softening the л (the four letters
		// kept are туль).
		if c, ok := strings.CutSuffix(b, "ь"); ok && utf8.RuneCountInString(b) >= 4 {
			out = append(out, c+"а", c+"я")
		}
	}
	return out
}

// hyphenPlace returns the place a hyphenated name in an oblique case
// denotes, which declines its first or its last part: "Ростове-на-Дону"
// Rostov-on-Don, "Нью-Йорке" New York. That part is read as its stem, or
// its stem and а or ь (Stem and knownPlace as for a word).
func hyphenPlace(word string, places Places) (gazetteer.Place, bool) {
	parts := strings.Split(strings.ToLower(word), "-")
	if len(parts) < 2 {
		return gazetteer.Place{}, false
	}
	for _, i := range []int{0, len(parts) - 1} {
		orig := parts[i]
		stem := Stem(orig)
		for _, c := range []string{stem, stem + "а", stem + "ь"} {
			if c == orig {
				continue
			}
			parts[i] = c
			if p, ok := knownPlace(strings.Join(parts, "-"), places); ok {
				return p, true
			}
		}
		parts[i] = orig
	}
	return gazetteer.Place{}, false
}

// firstNames maps the stem (Stem) of a common Russian first name whose
// stem is too short to be searched as a prefix (MinPrefixStem) to the
// name itself: its other cases ("Юрия", "Ивана", "Олега") are spelt as
// the name, which is how English texts hold it (Yuri, Ivan, Oleg), not
// letter by letter (Yuriya, Ivana, Olega). Names with a longer stem need
// none: "Сергея" is Serge*, "Алексея" Alekse* OR Alexe*.
var firstNames = map[string]string{
	"юри": "Юрий", "ива": "Иван", "петр": "Пётр", "олег": "Олег", "игор": "Игорь", "павл": "Павел",
	"иль": "Илья", "льва": "Лев", "глеб": "Глеб", "егор": "Егор",
	"мар": "Мария", "анн": "Анна", "ольг": "Ольга", "ирин": "Ирина", "еле": "Елена",
}

// firstName returns the first name a word typed with a capital is in
// another case, or false.
func firstName(word string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) || acronym(word) {
		return "", false
	}
	name, ok := firstNames[Stem(word)]
	return name, ok
}
