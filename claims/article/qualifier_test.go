package article_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestQualifiedUnit: the parser reads the noun after a qualifying
// adjective or a name as the unit, so the extractor needs no list of its
// own, and what is counted keeps the adjective or the name; a verb after
// a figure is no unit and not what is counted.
func TestQualifiedUnit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text, span, unit, counted string
	}{
		{"Bogdanov said they come from between 70 and 80 different countries.", "between 70 and 80 different countries", "countries", "different countries"},
		{"The Pentagon said some 70,000 foreign terrorist fighters have fought for ISIS.", "some 70,000 foreign terrorist fighters", "fighters", "foreign terrorist fighters"},
		{"The Pentagon said more than 5,025 active-duty troops were deployed.", "more than 5,025 active-duty troops", "troops", "active-duty troops"},
		{"The ministry said 817 new cases were reported.", "817 new cases", "cases", "new cases"},
		{"По данным ФСБ, в ИГ воюют 300 российских граждан.", "300 российских граждан", "граждан", "российских граждан"},
		// A word in small letters the parser passed over to the plural
		// after it (an adjective, or a noun used as one) opens what is
		// counted; a scale word is no such word.
		{"Officials said the army fired 300 ballistic missiles at the city.", "300 ballistic missiles", "missiles", "ballistic missiles"},
		{"The navy fired 40 cruise missiles at the base.", "40 cruise missiles", "missiles", "cruise missiles"},
		{"The navy fired hundreds of cruise missiles at the base.", "hundreds of cruise missiles", "missiles", "cruise missiles"},
		{"Officials said more than 1 million people had left.", "more than 1 million people", "people", "people"},
		// A model's name and number before the noun are what is counted.
		{"Rebels captured 14 Leopard 2 tanks near Raqqa.", "14 Leopard 2 tanks", "tanks", "Leopard 2 tanks"},
		{"Britain sent 3 Challenger 2 battle tanks.", "3 Challenger 2 battle tanks", "tanks", "Challenger 2 battle tanks"},
		// After a scale word the word the parser passed over still opens
		// what is counted; a word it did not pass over is the unit.
		{"The army had 3 dozen artillery pieces.", "3 dozen artillery pieces", "pieces", "artillery pieces"},
		{"They sold 10 million smart watches.", "10 million smart", "smart", "smart watches"},
		{"Robbers took 500 rand notes.", "500 rand", "rand", "rand notes"},
		// A verb after the figure is neither its unit nor what it counts.
		{"По данным МЧС, 19 получили ранения.", "19", "", ""},
		{"По данным МЧС, 200 погибли.", "200", "", ""},
		{"The ministry said 20 ran away.", "20", "", ""},
		// A nation's adjective qualifies the noun after it as "foreign"
		// does; two joined by "and" leave the second with the noun.
		{"Officials said 300 Chechen fighters had left.", "300 Chechen fighters", "fighters", "Chechen fighters"},
		{"The CIA said 2,400 Russian citizens were there.", "2,400 Russian citizens", "citizens", "Russian citizens"},
		{"He said 400 new Russian recruits had arrived.", "400 new Russian recruits", "recruits", "new Russian recruits"},
		{"He said 1,700 Russian-speaking militants had arrived.", "1,700 Russian-speaking militants", "militants", "Russian-speaking militants"},
		{"Officials said 5,000 foreign and Russian fighters had left.", "5,000 foreign and Russian fighters", "fighters", "Russian fighters"},
		// A name before the noun is passed over to it and opens what is
		// counted; one word in the plural is the people counted.
		{"Moscow said 300 Islamic State fighters were killed.", "300 Islamic State fighters", "fighters", "Islamic State fighters"},
		{"Officials said 300 al-Qaeda fighters had left.", "300 al-Qaeda fighters", "fighters", "al-Qaeda fighters"},
		{"Officials said 300 Free Syrian Army fighters had left.", "300 Free Syrian Army fighters", "fighters", "Free Syrian Army fighters"},
		{"He said 300 US-led coalition troops had arrived.", "300 US-led coalition troops", "troops", "US-led coalition troops"},
		{"Officials said 300 Russians were killed.", "300 Russians", "Russians", "Russians"},
		// A unit of three small letters is a word of the span, which
		// opens what is counted with the name before it; only a
		// currency's code of three capitals is not.
		{"Officials said 300 Wagner men were killed.", "300 Wagner men", "men", "Wagner men"},
		{"Officials said 2,000 Hezbollah men were killed.", "2,000 Hezbollah men", "men", "Hezbollah men"},
		{"Officials said 300 men were killed.", "300 men", "men", "men"},
		// "IS" is "is" in small letters, which ends a counted phrase:
		// the phrase opens at the noun.
		{"Officials said 300 IS fighters were killed.", "300 IS fighters", "fighters", "fighters"},
		// A headline in Title Case writes the verb before the figure
		// capitalised: it is no name the figure belongs to.
		{"Israel Kills 3 Hezbollah Commanders in Lebanon", "3 Hezbollah Commanders", "Commanders", "Hezbollah Commanders"},
		// A year before a group's name is no count of it, and the
		// figure the sentence gives counts what a number word before it
		// names, or nothing.
		{"As of 2020 Hezbollah fighters numbered some 25,000.", "some 25,000", "", ""},
	} {
		cs := article.New(nil, nil).Extract(tt.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d candidates, want 1", tt.text, len(cs))
			continue
		}
		if c := cs[0]; c.Text != tt.span || c.Unit != tt.unit || c.Counted != tt.counted {
			t.Errorf("%q: span %q unit %q counted %q, want %q, %q, %q", tt.text, c.Text, c.Unit, c.Counted, tt.span, tt.unit, tt.counted)
		}
	}
}

// TestVerbNotCounted: a figure a verb follows counts what a "число X"
// before it in its own clause names, not the verb, nor the phrase of
// another figure's clause; an auxiliary ("были спасены") leaves the list
// item before it as it was.
func TestVerbNotCounted(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text, span, counted string
	}{
		{"Число жертв выросло, 200 погибли.", "200", "жертв"},
		{"Число погибших на предприятии увеличилось до 14 человек, 135 пострадали.", "135", ""},
		{"Итоговое число пострадавших составило 143, при этом четверо погибли.", "четверо", ""},
		{"Спасатели эвакуировали из комплекса 100 человек, 20 были спасены.", "20", "человек"},
	} {
		var got *article.Candidate
		cs := article.New(nil, nil).Extract(tt.text)
		for i := range cs {
			if cs[i].Text == tt.span {
				got = &cs[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no candidate %q among %d", tt.text, tt.span, len(cs))
			continue
		}
		if got.Counted != tt.counted || got.Unit != "" {
			t.Errorf("%q: %q unit %q counted %q, want no unit, counted %q", tt.text, tt.span, got.Unit, got.Counted, tt.counted)
		}
	}
}

// TestCountedNotBorrowed: a figure whose unit is a word of three small
// letters counts that word, not the phrase of the figure before it.
func TestCountedNotBorrowed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text, span, counted string
	}{
		{"The army lost 300 T-72 tanks and 40 Wagner men.", "40 Wagner men", "Wagner men"},
		{"The army lost 300 T-72 tanks and 40 men.", "40 men", "men"},
		// A time zone's code is no model's name: the figure after it is a
		// count of its own, whose phrase has no code.
		{"At 0700 GMT 3 rockets hit the city.", "3 rockets", "rockets hit city"},
	} {
		got := candidateOf(t, article.New(nil, nil).Extract(tt.text), tt.text, tt.span)
		if got != nil && got.Counted != tt.counted {
			t.Errorf("%q: %q counted %q, want %q", tt.text, tt.span, got.Counted, tt.counted)
		}
	}
}
