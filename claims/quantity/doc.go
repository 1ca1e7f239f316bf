// Package quantity reads quantity expressions as news reports them ("a few
// dozen", "about 800", "более тысячи", "$2bn") and turns them into
// intervals with a best estimate, a kind and an explanation.
//
// [Parse] reads the one quantity an analyst typed ("about 800 Russians");
// [Extract] finds every quantity in running text with its byte span. Both
// read English and Russian. The package imports only the standard library.
//
// # What a quantity means
//
// A [Quantity] has inclusive bounds Low and High (nil when open), a central
// estimate Best (nil when the text gives none), Approx (hedged or vague),
// a [Kind], a Unit and the Rule that read it:
//
//	text                      low        high       best     kind         rule
//	800                       800        800        800      exact        numeral
//	about 800                 720        880        800      approximate  about
//	more than 400             401        -          -        lower_bound  more_than
//	exceeds 20,000            20,001     -          -        lower_bound  more_than
//	at least 4,000            4,000      -          -        lower_bound  at_least
//	nine thousand at least    9,000      -          -        lower_bound  at_least
//	fewer than 50             -          49         -        upper_bound  fewer_than
//	up to 3,000               -          3,000      -        upper_bound  up_to
//	up to about 4 thousand    -          4,000      -        upper_bound  up_to+about (approx)
//	nearly 2,000              1,800      1,999      1,900    approximate  nearly
//	just over 1,000           1,001      1,050      1,020    approximate  just_over
//	40-odd                    41         49         45       approximate  odd
//	between 800 and 1,500     800        1,500      1,150    range        range
//	five to seven thousand    5,000      7,000      6,000    range        range
//	two or three thousand     2,000      3,000      2,500    range        range (approx)
//	a few dozen               24         60         36       vague        vague:few
//	more than a few dozen     24         -          -        lower_bound  more_than+vague:few
//	two-thirds                66.66      66.67      66.67    approximate  fraction
//	one in five               20         20         20       exact        ratio
//
// The decisions behind these readings:
//
//   - Approximators (about, around, some, roughly, approximately, an
//     estimated, circa, c., ~, ≈, "or so"; около, порядка, примерно,
//     приблизительно, где-то) widen the figure by ±10% and keep it as the
//     best estimate. "A little" with no direction ("a little half") is an
//     approximator too; "a little over", "a little under" are hedges below. Bounds are not rounded: "about 15" is 13.5 to 16.5.
//   - Strict bounds on whole counts become the next whole count: "more than
//     400" has low 401, "fewer than 50" high 49. Non-integer figures,
//     percentages and money keep the figure itself as the bound ("more than
//     3.5" has low 3.5): an inclusive interval cannot say "just above", and
//     the figure is the nearest closed reading; the explanation keeps the
//     words.
//   - Upper bounds ("up to", "as many as", "no more than", "under", "до",
//     "не более") leave Low open rather than 0. That a count is not negative
//     is known to every consumer; a low of 0 would make "up to 3,000" look
//     like a range someone stated, and would blur the kinds: a lower_bound
//     never has a High and an upper_bound never has a Low. "As many as" is an
//     upper bound; "at least", "как минимум", "не менее" are lower bounds.
//     Bounds give no Best: the text names a limit, not an estimate.
//   - A bound may follow the figure ("nine thousand at least", "800 or
//     more", "50 or fewer", "4,000 at most", "тысяча с лишним", "9 тысяч
//     как минимум", "300 и более") and means what it means before it.
//     After a unit it counts only where the clause ends ("9,000 people at
//     least."), so that "800 fighters and more weapons" stays 800. Words
//     before another figure belong to it: "200 и более 300" is 200 and
//     more than 300.
//   - Verbs of comparison bound the figure: "exceeds", "exceeded",
//     "surpasses", "tops", "превышает", "превысило", "перевалило за" as
//     "more than" (20,001 for "exceeds 20,000"); "does not exceed", "не
//     превышает" as "no more than". "More than doubled to 20,000" is read
//     as 20,000: "more than" bounds the growth, not the figure it reached.
//   - A bound before an approximator ("up to about 4 thousand", "at least
//     an estimated 30,000", "до порядка 4 тыс.") reads as the bound alone,
//     marked Approx, with "+about" in the rule; it is not widened by the
//     approximator's margin. The speaker names a limit and "about" says it
//     is round, not that it reaches past it; and renderings of one
//     statement stay comparable: "up to about 4 thousand" and "as many as
//     4,000" have the same high, while "at least 4,000", a lower bound,
//     shows the drift between translations instead of overlapping them.
//     Strict bounds stay strict: "more than about 400" has low 401.
//   - "Nearly", "almost", "close to", "почти", "под" read as below the figure
//     and within 10% of it, best 95% of it; "just under"/"just over" (чуть
//     менее/более) within 5%, "без малого" within 5% below, "just shy of"
//     within 3% below. "In the region of" is ±15%; "около" and "порядка"
//     ±10%, and so is the colloquial inversion of a Russian scale before
//     its figure ("тысяч 50" as "около 50 тысяч"; "тысяч 50–60" is 50,000
//     to 60,000, hedged; "тысяч на 50 рублей", money, the same, but not
//     "миллионов на 5 школ", millions for five schools; after a verb of
//     change, "выросли на тысяч 50" and "выросли тысяч на 50" are a rise
//     of 45,000 to 55,000). A Russian count noun before its figure is
//     the same inversion: "человек 200" is "около 200 человек", 180 to 220
//     (rule okolo; "человек 200-300" a hedged range), unless the figure
//     has a unit, a modifier or a year of its own ("человек 20 лет").
//     So is a currency's or "процент"'s genitive plural: "рублей 500" is
//     450 to 550 RUB, "долларов 100" 90 to 110 USD, "рублей 500 тысяч"
//     450,000 to 550,000 RUB, "процентов 5" 4.5% to 5.5%; not "евро",
//     which stands before a rate in every case ("курс евро 100"), nor a
//     singular ("курс доллара 90"), nor after a figure ("3 млн рублей 500
//     тысяч" stays two figures). "На" between such a noun and its figure
//     changes nothing, as after an inverted scale: "процентов на 5" is
//     4.5% to 5.5%, "рублей на 500" 450 to 550 RUB, "человек на 200" 180
//     to 220; after a verb of change it is a change ("выросли процентов
//     на 5", "выросли на процентов 5", "выросло человек на 200"; "выросли
//     процентов 5" too, a percentage needing no "на").
//     "С" before an accusative figure ("с десяток", "с сотню", "с тысячу",
//     "с два десятка", "с полтора десятка") is "около" too: 9 to 11 for
//     "с десяток"; "с" takes the genitive as "from" and the instrumental as
//     "with", so "с тысячи до двух", "с тысячей человек" are not read so,
//     nor "с два" with no counted noun. A hedge before "на" holds
//     the figure after it: "примерно на 85 млрд" is ±10%, "выросли почти на
//     5%" a rise of up to 10% under 5%. "Upwards of 400" is 400 or more; "north of 400" and "более чем
//     400" are 401 or more. Each of these hedges has its own entry in the
//     hedge table below, with its reasoning, so that a desk can calibrate
//     one without moving another.
//   - Russian "от" with no "до" after the figure is a lower bound where it
//     opens the figure: "от 300 человек воюют", "воюют от 5 тысяч
//     боевиков", "численность составляет от 300" are 300 or more (rule
//     at_least). It opens the figure at the start of the text or a clause
//     (after a comma, dash, colon, bracket or quotation mark) and after a
//     verb of being, amounting, estimating, fighting or gathering; after
//     any other word, a conjunction too, "от" may be governed by the word
//     before ("получили письма от 300 человек": from 300 people; "от
//     родных и от 300 человек") and the figure is read alone, as before. A year or date after it ("от 2015 года", "от 5
//     марта") is no bound, and "от 300 человек до 500" names a range's
//     ends: the figures are read as before.
//   - Ranges ("between 70 and 80", "70-80", "70 to 80", "from 70 to 80",
//     "от 70 до 80", "между 70 и 80", "two or three") take the arithmetic
//     midpoint as Best. Speakers give a range as two ends of one estimate,
//     and readers compare the midpoint a calculator gives; the geometric
//     midpoint, right for the open-ended plural words below, would make
//     "70-80" 74.83. A scale, currency or percent sign on one end applies
//     to both ("1.5 to 2 million", "$2-3bn", "40-50%"), in digits or words:
//     "five to seven thousand", "от пяти до семи тысяч" and "5-7 thousand"
//     are 5,000 to 7,000. The scale of the second end goes to a first end
//     that has none of its own ("five hundred to two thousand" is 500 to
//     2,000) and only when the ends still rise. A figure in words reports
//     the scale after its leading numerals ("three hundred thousand":
//     100,000); a compound one the last of thousand, million… it holds
//     ("two to three thousand five hundred" is 2,000 to 3,500). "X or Y" is
//     a range only when Y is at most twice X: "500 or 5,000" are
//     alternatives. "X or Y" ("two or three thousand", "4,000 or 5,000",
//     "две или три тысячи") and "X-Y" in words ("пять-шесть тысяч",
//     "два-три десятка") are two guesses rather than stated ends: ranges
//     marked Approx, "hedged" in the explanation; "5-7 thousand" and "from
//     five to seven thousand" are not. An end may be a vague quantity,
//     read at its outer bound: the low end of its interval as the first
//     end, the high end as the second. "From several hundred to a
//     thousand", "between several hundred and a thousand" and "от
//     нескольких сотен до тысячи" are 300 to 1,000 ("several hundred" is
//     300 to 900), "from a few dozen to a hundred" 24 to 100, "от сотни до
//     нескольких тысяч" 100 to 9,000: ranges marked Approx, the
//     explanation naming the vague end's interval. A vague first end with
//     no scale takes the second's ("от нескольких до 10 тысяч" is 3,000 to
//     10,000); a plain first end that might share a vague second end's
//     scale or not ("от пяти до нескольких тысяч") is no range.
//   - Vague words take their interval from the vague-word table. A bound on
//     a vague quantity keeps the bound's side of it ("more than a few dozen"
//     has low 24); an approximator on it only sets Approx.
//   - Proportions have unit "percent": "40%", "40 per cent", "40
//     процентов", "one in five", "каждый пятый", "half", "a third",
//     "two-thirds", "две трети", "четверть". A fraction that does not come
//     out in two decimals is bracketed by its two-decimal neighbours
//     (66.66 to 66.67, best 66.67) and marked Approx. Digits over digits
//     are a proportion ("3/4" = 75%) when the second is larger and at most
//     ten or a multiple of five up to 100; "9/11" or "12/5" is refused (a
//     date or a score). A fraction or half of a scale is a figure: "half a
//     million", "half million", "quarter million", "three-quarters of a
//     million", "one million and a half", "полмиллиона", "четверть
//     миллиона", "два с половиной миллиона".
//   - Money has its ISO 4217 code as unit: $ and dollars USD, € and euros
//     EUR, £ GBP, ₽, руб. and рублей RUB, ¥ and JPY, ₹, Rs and rupees INR,
//     CHF, CNY; ₴, грн. and гривен UAH, ₸ and тенге KZT, ₪ and shekels
//     ILS, ₾ and лари GEL, ֏ and драмов AMD, ₼ and манатов AZN, zł and
//     злотых PLN, форинтов HUF; ₺ TRY; C$, CA$, Can$, CDN$, Cdn$ and
//     CAD$ CAD, A$ and AU$ AUD, HK$ HKD, NZ$ NZD, S$ SGD. A bare "$" is
//     USD but where another nation's dollar follows the figure ("$3
//     million CAD", "$3 million Canadian dollars"); letters glued before
//     "$" that name none of these ("NT$500", "R$5 million") leave the sum
//     with no currency. "R" before a figure and a scale word or suffix,
//     glued or spaced, is the South African rand, ZAR ("R500 million",
//     "R 500 million", "R1.2 billion", "R500m"), as is the code ZAR;
//     without a scale the figure after a glued "R" may be a road's or a
//     model's ("the R512", "R2-D2") and is not read, as after any letters,
//     and "R 500" is a plain 500. A code glued to a figure and a scale
//     reads as one spaced from it ("Rs500 crore" INR, "USD5bn"); without
//     a scale ("CNY2024", "USD500") it is a name's, and not read. The word
//     "rand" is a name as often ("Rand Paul") and names no currency.
//     Dollars, pounds, roubles, lira, dinars, rials,
//     dirhams and crowns after a nation's adjective are that nation's:
//     "Canadian dollars" CAD, "белорусских рублей" BYN, "сирийских
//     фунтов" and "сирийских лир" SYP, "иракских динаров" IQD (also AUD,
//     SGD, LBP, EGP, IRR, SAR, AED, TRY, CZK, and, known only so, JOD,
//     KWD, LYD, DZD, TND, BHD, RSD, YER, QAR, OMR, MAD, SEK, NOK, DKK);
//     alone, dollars, pounds and roubles are USD, GBP and RUB, and the
//     words no one currency owns ("5 млн лир", "dinars", "drams": a
//     measure of whisky too) are the unit as written, as after an
//     adjective that names no nation of the lexicon's ("5 million new
//     dinars"). A code that is an English word too (TRY, GEL, AMD, CAD,
//     ILS) is read only in capitals, and not in a headline in capitals
//     ("try 5 times", "COURT TO TRY 14 JOURNALISTS" are no money). A code
//     before the figure keeps the scale after it: "JPY 640
//     trillion", "руб. 5 млрд", "Rs 47.66 lakh crore"; the codes of
//     currencies other than USD, EUR, GBP, RUB, JPY, CHF, CNY and INR,
//     which are acronyms and words too, are read before a figure only
//     where a scale word, a sign or the end of the text follows it
//     ("SAR 5 million", "TRY 500."; not "Hong Kong SAR 2024 was
//     approved", "AMD 3000 series"), and after a figure not before a
//     plural noun in lower case, which the code qualifies and which is
//     the unit ("5 SAR teams", "10 AMD chips", "20 CAD drawings"; "5
//     SAR", "20 CAD a day" are money). "U.S. dollars" is USD as "US
//     dollars" is. "Pounds" is a weight, and the unit as written, before
//     "of" and what it weighs ("2,000 pounds of explosives"; not "of
//     taxpayers' money", "of damage"), and the singular before a
//     munition ("2,000 pound bombs") a compound adjective, as
//     "2,000-pound bombs" is, and no quantity. Cents and kopecks
//     after a sum add to it ("7 dollars 25 cents" = 7.25 USD). A vague
//     quantity takes the currency after it ("millions of dollars").
//     Otherwise Unit is the word after
//     the figure as written ("fighters", "Russians", "человек"), not
//     singularised or lower-cased: English singulars are easy to get wrong
//     and Russian needs a morphology; the analyst sees what the source said.
//     A Russian adjective of a place or nation (in -ск- or -цк-:
//     "российских", "сирийской", "донецких") qualifies the noun after it,
//     which is the unit, with any adjectives in the genitive plural
//     between: "300 российских боевиков" has unit "боевиков", "115
//     российских мирных жителей" "жителей", "50 тысяч российских и
//     сирийских военных" "военных", and the span takes them in. A
//     word after it that ends as a verb does ("300 гражданских погибли")
//     leaves the adjective as the unit. Any other Russian word with the
//     ending of an adjective in the genitive plural ("-ых", "-их": an
//     adjective or participle, "русскоязычных", "погибших") is passed
//     over only where a word that can only be a noun follows it, directly
//     or after more such words or one "и" or "или": a count noun of the
//     lexicon, or an unknown lower-case word that ends as a genitive
//     plural may and as no adjective, verb, short participle or adverb
//     does. "Около 2000 русскоязычных боевиков" has unit "боевиков",
//     "200 погибших мирных жителей" "жителей", "около 5000 иностранных и
//     российских боевиков" "боевиков"; but such words are nouns as often
//     ("раненых", "военных", "рабочих"), so "200 раненых", "200 раненых
//     доставлены", "200 раненых вчера" and "200 погибших среди мирных
//     жителей" keep the adjective's form as the unit. The test is narrow
//     on purpose: a noun in "-ет", "-ит", "-ут", "-ят", or in "-ат" after
//     ж, ч, ш, щ, which a verb's present shares, is reached only when it
//     is one of the few a figure counts in the news ("300 крылатых
//     ракет", "100 бетонных плит"; not "минут"). After a figure that ends
//     in 2, 3 or 4 but not 12 to 14 ("3", "22", "104", "три") the noun's
//     genitive singular in "-а" or "-я" is reached too ("3 русскоязычных
//     боевика", "22 местных жителя": "боевика", "жителя", as "3
//     боевика" reads), but not an adverb, conjunction, gerund or pronoun
//     that ends so ("3 раненых вчера", "3 погибших несмотря на", "3
//     раненых себя"), a short participle or a verb in the feminine past
//     ("2 пострадавших госпитализирована"), nor a feminine nominative
//     ("2 раненых девушка"). So is a feminine noun's genitive singular in
//     "-ы" or "-и", after an adjective in the genitive plural or, as a
//     feminine noun's adjective may be there, in the nominative plural
//     ("3 военных базы", "3 военные базы", "3 крылатые ракеты", "3
//     ракетных установки": "базы", "ракеты", "установки"; "3 военные"
//     alone keeps "военные"; not a neuter noun in "-ние" after a vowel or
//     in "-тие", which ends as such an adjective does: "во 2 здание
//     больницы", "в 3 отделение реанимации", "2 решение суда" keep
//     "здание", "отделение", "решение", while the soft adjectives in
//     "-ние" after a consonant read, "3 соседние области"), but not a
//     short participle or a verb that
//     ends so ("2 раненых доставлены", "3 раненых убиты", "2 раненых
//     переданы", "2 пострадавших были"), an infinitive ("3 раненых
//     спасти") or an adverb ("3 раненых впереди"); the ending of a
//     participle ("-ены") turns away the few nouns that share it ("3
//     военных стены" keeps "военных"). After a preposition
//     that takes no accusative ("у 3 пострадавших диагностирована
//     контузия", "среди 2 погибших") the figure puts no noun in the
//     genitive singular, and the adjective's form stays the unit. Nothing
//     tells a substantivised adjective's genitive owner from the noun it
//     qualifies: "200 рабочих заводов" (workers of factories) reads
//     "заводов" as "300 рабочих мест" reads "мест", and "2 рабочих
//     завода" "завода"; only after other figures is a genitive singular
//     no counted noun ("200 рабочих завода": "рабочих"), and after 2, 3
//     or 4 only for the few such words that are nouns far more often
//     ("3 военнослужащих батальона", "2 служащих банка", "3 заключенных
//     лагеря": the first word). A
//     nation's adjective before its own currency leaves the currency the
//     unit: "3 million Russian roubles", "3 млн российских рублей" (RUB),
//     "американских долларов" (USD), as "US dollars" is; another nation's
//     names its own ("Canadian dollars" CAD, "белорусских рублей" BYN),
//     or, when the lexicon has no currency of that nation's, is read as
//     any adjective is, with no currency. A few other adjectives qualify the
//     noun after them alike ("different", "various", "separate",
//     "distinct", "other", "foreign", "active", "additional", "more",
//     "new", "разных", "различных", "других", "иностранных", "новых",
//     "дополнительных"; see IsQualifier): "300 foreign fighters" has unit
//     "fighters", "70,000 foreign terrorist fighters" and "5,050 active
//     duty troops" take English words up to the first plural (a word
//     joined by a hyphen is one: "5,025 active-duty troops"), "11 more
//     people" "people"; with no such noun after them they are no unit.
//     An English word in lower case that the lexicon does not know and
//     that ends as an English adjective does ("-al" of five letters or
//     more, "-ic", "-tive", "-sive", "-ous", "-ary", "-ory", "-ian",
//     "-ese", "-ful", "-less", "-able", "-ible", "-tile", "-bile", "-lar",
//     "-nar"), or is one of a short hand-kept list of nouns of conflict
//     and disaster news ("cruise", "attack", "combat", "aid", "rescue",
//     "service", "security", "battle", "heavy"...), qualifies a plural in
//     lower case after it alike, which is the unit: "They fired 300
//     ballistic missiles and 40 cruise missiles" has unit "missiles"
//     twice, "12 local residents" "residents", "hundreds of cruise
//     missiles" "missiles" (see IsAttributive). Any other such word stays
//     the unit, as it was: it may be a verb ("Police believe 30 face
//     charges", "Among the victims 12 suffer burns"), or what the figure
//     counts ("8 core processors", "4 cylinder engines", "2 goal leads",
//     "500 rand notes", "5 star hotels", "10 km roads"). Narrow: the
//     figure counts more than one and is no year, day or name's number,
//     nor a figure after a noun that refers to it ("phase 3 clinical
//     trials", "level 4 lockdown restrictions", "On day 3 rescue teams":
//     phase, level, class, grade, round, day, stage, tier, step,
//     category, game, season, episode, page, chapter, article, section,
//     room, gate, highway, route, line, platform, version, model, number,
//     no), after a word with a capital letter ("COVID 19 vaccine
//     clinics", "iPhone 15 special editions") or glued to letters
//     ("COVID-19"); and where the figure may open a clause as its
//     subject (at the start of the text or after a punctuation mark, a
//     conjunction that opens a clause or a verb of saying) a listed noun
//     may be a verb, and only a word with the ending of an adjective is
//     passed over ("police say 300 ballistic missiles were fired";
//     "Officials say 300 rescue workers" keeps "rescue").
//     A capitalised name and a plain figure between a figure and the
//     plural it counts are a model's name and number, no count: "Rebels
//     captured 14 Leopard 2 tanks" is one quantity, 14, with unit
//     "tanks" ("3 Challenger 2 battle tanks", "12 Su 24 bombers", "3
//     Mirage 2000 jets" alike), not "14 Leopard" and "2 tanks". The name
//     is a word in Title Case the lexicon does not know, no word in
//     capitals, a time zone's or a code's ("At 0700 GMT 3 rockets hit the
//     city", "By 5 PM 3 people had died" count 3 rockets and 3 people),
//     and no plural ("14 Russians 2 days later" keeps its count), and
//     the plural follows the model's
//     number; without it ("sent 14 Leopard 2.") the figures read as
//     before. A name and number joined by a hyphen ("12 Su-24 bombers")
//     make no figure and keep their reading.
//     A nation's or people's English adjective, capitalised, qualifies
//     the noun after it alike ("300 Chechen fighters", "2,400 Russian
//     citizens", "400 new Russian recruits", "1,700 Russian-speaking
//     militants", "300 North Korean troops"; two joined by "and" or "or":
//     "5,000 foreign and Russian fighters"); with no noun after it, it
//     names the people and is the unit ("300 Chinese were evacuated").
//     CLDR has no demonyms, so the list is kept by hand (see IsDemonym).
//     The name of an armed group, an organisation or a force used as an
//     adjective before the counted noun is passed over to it alike ("300
//     Islamic State fighters", "300 al-Qaeda fighters", "300 US-led
//     coalition troops", "more than 2,000 National Guard troops": unit
//     "fighters", "troops"), but only a name of the lexicon's hand-kept
//     list (groupNames: "Islamic State", "ISIS", "Hezbollah", "Hamas",
//     "Taliban", "Wagner", "NATO", "UN", "US", "U.S.", ... with their
//     variants), then a lower-case word joined to it by a hyphen ("-led"),
//     up to two of a few nouns used as adjectives ("coalition",
//     "suicide"), then a count noun or an unknown word in "-men" or "-s"
//     (not "-ss", "-us", "-is", "-as", "news", "overseas", "outdoors").
//     A headline in Title Case or capitals writes the name and the noun
//     so: a count noun or a group's members ("commanders", "militants")
//     is the noun in any case ("200 Hezbollah Fighters Killed", "ISRAEL
//     KILLS 3 HEZBOLLAH COMMANDERS": "Fighters", "COMMANDERS").
//     No other capitalised word is passed over ("300 MW turbines", "1,000
//     Shell gas stations", "In Game 7 Boston fans" keep "MW", "Shell",
//     "Boston"), nor is a name before anything else ("300 Taliban
//     attacked", "1,000 ISIS", "2 UN resolutions", "750 US overseas
//     bases"), nor after a figure that counts nothing after it: four
//     digits from 1800 to 2100 as written, a range's end too ("In 2014
//     ISIS fighters", "The 2014 ISIS fighters"); a figure after a month's
//     name, dotted or not, or a day of the week ("On Oct. 7 Hamas
//     fighters"), or joined to a number before it ("10/7"); a figure
//     after a capitalised word the lexicon does not know or a reference
//     word ("The Fortune 500 US companies", "World War 2 US veterans"),
//     but for a word in capitals, a headline's ("ISRAEL KILLS 3"), and a
//     headline's verb in Title Case, a capitalised word in "-s" (not
//     "-ss") or "-ed" in a headline where every word of four letters or
//     more in the sentence but the function words is capitalised ("Israel
//     Kills 3 Hezbollah Commanders in Lebanon", "Israeli Strike Killed 3
//     Hamas Commanders In Gaza": "Commanders"; "Israel Kills 3 Hezbollah
//     commanders in a strike" keeps "Hezbollah"). Any other capitalised
//     word, and a noun that refers to the figure ("On Highway 232 Hamas
//     Gunmen Ambushed Festival Goers", "At Gate 96 Hamas Fighters",
//     "Squad 7 Wagner Fighters", "Ahead Of Game 7 Taliban Fighters"),
//     keeps the figure a name's number there too. In such a headline a
//     verb's "-s" may be a plural's ("World Wars 2 US Troops"): the news
//     writes few, and "Kills 3" many.
//     A capitalised word after an abbreviation's dot opens the next
//     sentence and is no unit ("1,5 тыс. Число погибших"); a word in
//     capitals is ("1,5 тыс. НКО").
//     A verb is never a unit: an English past in "-ed" or an irregular one
//     ("ran", "lost"), a Russian past plural or neuter, reflexive or not
//     ("200 погибли", "19 получили ранения", "5 погибло", "30
//     собрались"), but for the few nouns that end so after a figure ("3
//     цели", "2 мили", "21 село"); "-ла" and "-л" are left alone, for a
//     figure counts nouns in them ("2 балла", "3 генерала").
//   - Digits: "3,400" and "1,500,000" group thousands with commas, "3.5" has
//     a decimal point. European forms are read where they are unambiguous:
//     "1,5" (a comma not followed by exactly three digits), "1.234,5",
//     "1.500.000" (more than one dot group) and "10 000" with a space or
//     no-break space. A lone dot before three digits groups thousands when
//     the digits are "000" ("350.000" is never 350) or the text has Russian
//     words ("1.500 человек"); otherwise "1.500" may be 1.5 or 1,500 and is
//     refused with that reason. Indian grouping ("3,72,150", "12,34,56,789")
//     is read. A comma before four digits ("83,7186") or before "00" after
//     three digits ("150,00") is a thousands group with a digit too many or
//     missing, a typo in the source: refused. Decimals need not have a
//     whole part (".05") and may be said: "point 35", "4 point 2", "two
//     point two million", "один точка один". Scales: thousand, lakh
//     (10^5), million, crore (10^7), billion, trillion, and their plurals
//     after a numeral ("five billions"); suffixes k, m, mn, mil, bn, MM,
//     Mio, Mrd, тыс., млн, млрд, трлн, к and К, and an upper-case Cyrillic
//     М ("7М"); a lower-case "4mm" or "5м" is a length and not read. A
//     spaced "k" is a thousand only before a symbol, a currency or the end
//     ("4.75 k"). Scales multiply ("lakh crore" = 10^12), a scale of
//     scales too ("three thousand millions"), and a smaller figure with a
//     smaller scale adds ("3 lakh 50 thousand"). Zero and small words:
//     "zero", "nil", "none", "nought", "ноль", "нуль", "ни одного" are 0; "a
//     pair" 2; "a dozen", "дюжина" 12. English hundreds said in two groups
//     read as one figure: "one forty five" is 145. Numbers in words, with
//     Russian case endings: "eight hundred",
//     "twenty-five", "a dozen", "half a dozen", "two and a half million",
//     "двухсот пятидесяти", "полторы тысячи", "два десятка", and a unit
//     noun of a scale: "два десятка тысяч" (20,000), "более десятка
//     тысяч" (10,001 or more), "около сотни тысяч". Russian
//     "тысячи", "сотни" after a bound are the genitive singular ("более
//     тысячи" = more than 1,000); alone they are the plural ("тысячи" =
//     thousands). Figures run up to [MaxValue], 10^15; scientific notation
//     ("1e9") is not read.
//   - Comparisons: symbols "<", ">", "≤", "≥", "<=", "=<", ">=", "< ="
//     ("< 250" is at most 249, "≤ 250" at most 250); words "equal to or
//     less than", "less than or equal to", "or less", "or more", "no fewer
//     than", "less than 5000 or equal"; verbs "surpass", "exceed", "top",
//     "fall short of"; "не ниже", "не выше". A negated comparison turns
//     side and includes the figure: "couldn't have been more than 3,000",
//     "could not exceed 500", "wasn't more than 10", "не могло быть больше
//     3000", "никак не более 200" are upper bounds; "couldn't be fewer than
//     200" a lower one. Two bounds of opposite sides joined by "and",
//     "but", "и", "но" or a comma make a range of their closed ends:
//     "greater than 50 and smaller than 400" is 51 to 399, "не менее 20 и
//     не более 50" 20 to 50. "40 through 60" and "8k-12k" are ranges.
//     A range's first end shares the second's scale word or suffix
//     ("700K-900K", "1.2-1.5 million", "5–7 млн", "от 2 до 3 тыс.") and,
//     when it is a plain figure below the second's leading group with at
//     most one digit fewer, its zero groups: "30-40,000" and "10 to
//     20,000" are 30,000 to 40,000 and 10,000 to 20,000; "100-1,000"
//     keeps both ends as written. A range that may share them or not is
//     refused: "3-400,000", "1.5-2,000", "3-4,500". Ends that fall once
//     they share a scale ("с 5 до 3 млн") are refused by Parse; Extract
//     splits them when a verb of change or revision comes first.
//   - Stated errors widen the figure as stated: "45,000, give or take 15%"
//     (a share of a figure that is not one), "20,000 ± 5,000", "52% plus or
//     minus 3 points" (in the figure's own unit), "200 плюс-минус 10%"; rule
//     stated_error. A margin with no figure before it ("± 5,000") is
//     refused. "Give or take" alone is "about".
//   - Signs: counts, sums and shares in the news are magnitudes, and a sign
//     is never dropped. A change keeps its sign in kind [Change]: a verb of
//     change with "by"/"на" ("fell by 5%", "rose by 2,000", "снизился на
//     5%"), or before a percentage ("down 3%"), and a signed percentage
//     ("-3.2%", "минус 5 процентов") read as -5 or 5, with rule change or
//     change+MODIFIER. Any other sign before a figure is refused with a
//     reason: a hyphen-minus or U+2212 glued before it ("-5", "(-5)",
//     "-$5bn"), a sign word ("minus 3,400,000", "negative 504", "минус 5"),
//     or a dash that starts the text Parse reads ("- 5"); not a dash inside
//     a range ("5-7", "1990-91"). Extract leaves out a figure after U+2212,
//     a sign word or a hyphen-minus glued to a bracket or operator and lists
//     it among the refusals of [Parser.ExtractAll]; after a space or at the
//     start of running text a hyphen-minus is taken for a dash, as in a list
//     ("-5 people died"), and the figure is read.
//   - Round figures: with [WithRoundFigurePrecision] a plain figure that
//     ends in two or more zeros or carries a scale word reads as the
//     precision it implies, half a unit of its last significant digit either
//     side: "4,000" is 3,500 to 4,500, "1.2 million" 1.15 to 1.25 million
//     (rule round_figure). Off by default: most analysts want the figure as
//     said, and conflict detection can widen it.
//
// Parse refuses, with an [*Error] whose Reason an analyst can act on: empty
// text, text over [MaxParseLen] characters, text with no quantity ("no
// number or quantity word found"), words that name no number ("many",
// "много"), digits that are not a number ("1.2.3"), figures above
// [MaxValue] ("out of range: … is above 10^15"), scientific notation
// ("scientific notation is not read: write 1,000,000,000 or 1 billion"),
// negative figures ("negative quantities are not read"), a year in a date
// context with nothing else ("in 2015", "since 2011", "by 2017", "March
// 2015", "в 2015 году", "с 2011 года": "only a year found: no quantity"),
// and two or more quantities ("two quantities found ("800 Russians" and
// "200 Chechens"): give one"). Years, dates and page numbers are set aside
// when another quantity is present, so "about 800 Russians in 2014" reads
// as about 800. A year with no context, "2015" alone, reads as the number
// 2015: an analyst who types a lone figure into a quantity field means a
// count, as with "2,015" and "2015 fighters". A year after a bound ("до
// 2017", "about 2015") reads as the bound says.
//
// # Extract
//
// [Extract] reads running text in one linear pass and leaves out what is
// not a count: years ("in 2014", "since 2011", "2014-2016", "в 2014 году")
// unless a bound, money or a count noun makes them one ("more than 2000",
// "до 2000 человек"); dates ("March 3", "12 May", "3 марта"); times
// ("11:30"); ordinals ("3rd", "5-й", "1990s"); model names ("Su-24",
// "MH17"), and a scale word after a figure that is not read ("XYZ500
// million", "1.2.3 million", "the MH17 million-dollar settlement"), which
// is no million of its own (Parse refuses it with the figure: "cannot
// read "500" as a quantity"); page, article and section numbers ("page 14", "Article 208",
// "ст. 205", "№ 5"); compound adjectives ("25-year-old", "62-page");
// durations and multipliers ("three years", "several days", "two or three
// times"); a lone "one" ("one of the authors"); and English fractions
// that are not proportions ("the first half"); figures above [MaxValue];
// negative figures (see Signs above); zero words with nothing after them
// ("none of them"). Unit words that end in "-ed" are taken for verbs ("40
// arrived") and not reported.
//
// A range is two quantities, each with its own span, when the sentence
// gives two sources (an official one such as the police, the prefecture or
// МВД, and the organisers or unions: "Marseille (15,000 to 40,000)"), says
// "respectively" or "соответственно", or when a verb of change or revision
// comes before "from", or before the Russian "с" of "с … до": "raised
// from 90,000 to 250,000", "число выросло с 300 до 500". [Parser.ExtractAll]
// also returns what it refused, in order, with the reason: a source's typo
// ("150,00"), an ambiguous dot ("1.500" in English text), a negative count.
//
// # Rules
//
// Rule names the rule that fired: numeral, range, fraction, ratio,
// vague:KEY (KEY is an entry of the vague-word table), round_figure, or a
// modifier: about, more_than, at_least, fewer_than, up_to, nearly,
// just_under, just_over, odd, a hedge of the table below (close_to,
// just_shy_of, upwards_of, north_of, in_the_region_of, pochti, bez_malogo,
// bolee_chem, okolo, poryadka), stated_error, or change for a signed
// change. A modifier on anything but a plain figure is
// joined to the core rule with "+": about+range, more_than+vague:few,
// about+fraction. A bound hedged by an approximator adds "+about" after
// the bound: up_to+about, more_than+about+vague:hundreds.
//
// # Explanations
//
// The explanation says what the words mean in figures and does not repeat
// them: "more than 400: at least 401", "at least 4,000: 4,000 or more",
// "fewer than 50: at most 49", "more than 3.5: above 3.5" (not a whole
// count, so the bound stays strict in words), "between 800 and 1,500:
// midpoint 1,150 (800-1,500)", "nearly 2000: up to 10% under 2,000
// (1,800-1,999)", "1,700: exact figure". ", hedged" marks a hedged bound,
// range or vague quantity, and a range of alternatives ("two or three
// thousand: midpoint 2,500 (2,000-3,000), hedged"); ", in USD" the
// currency.
//
// Claims store [Version] (or [Parser.Version], which adds a hash of the
// calibration) with the reading, so that a change of the rules or the
// lexicon can re-parse stored claims and show what moved. Bump Version
// whenever a reading changes.
//
// # The vague-word table
//
// Plural quantifiers span from two of their unit to below the next unit
// ("hundreds" = 200-999) with Best near the geometric midpoint, because
// such words spread evenly on a log scale. Multipliers ("a few",
// "several", "несколько") count units of whatever follows them: "a few
// dozen" = 2-5 dozen = 24-60, "several hundred thousand" = 300,000-900,000.
//
//	key       words                                  low   high     best  reasoning
//	couple    a couple (of); пара, пару              2     3        2     literally two, loosely three
//	few       a few                                  2     5        3     project anchor: a few dozen = 24-60
//	several   several                                3     9        5     above a couple, below ten
//	handful   a handful (of); горстка                2     6        4     what fits in a hand, stressing few
//	neskolko  несколько, нескольких…                 3     9        5     more than two, fewer than ten
//	tens      tens; десятки, десятков…               20    <100     45    tens of thousands = 20,000-99,999
//	dozens    dozens                                 24    <100     48    two dozen up to "hundreds"
//	scores    scores                                 40    <200     90    two score up to "hundreds"
//	hundreds  hundreds; сотни, сотен…                200   <1,000   450
//	thousands thousands; тысячи, тысяч…              2,000 <10,000  4,500
//	millions  millions; миллионы…                    2e6   <1e7     4.5e6
//	billions  billions; миллиарды…                   2e9   <1e10    4.5e9
//
// "<100" is an exclusive bound: on whole counts it reads as 99. Bare "few"
// ("few fighters") means "not many" and is not read; "a few" is. The hedge
// table gives the approximators' margins as fractions of the figure:
//
//	key         low        high       best   words
//	about       0.9        1.1        1      about, around, some, roughly, примерно
//	nearly      0.9        <1         0.95   nearly, almost, approaching, под
//	just_under  0.95       <1         0.98   just under, slightly less than, чуть менее
//	just_over   >1         1.05       1.02   just over, slightly more than, чуть более, с небольшим
//	close_to    0.9        <1         0.95   close to
//	just_shy_of 0.97       <1         0.99   just shy of
//	upwards_of  1          open       -      upwards of, upward of
//	north_of    >1         open       -      north of
//	in_the_region_of 0.85  1.15       1      in the region of
//	pochti      0.9        <1         0.95   почти
//	bez_malogo  0.95       <1         0.98   без малого
//	bolee_chem  >1         open       -      более чем, больше чем
//	okolo       0.9        1.1        1      около
//	poryadka    0.9        1.1        1      порядка
//
// The full reasoning for each entry is the "why" of lexicon.json, embedded
// in the package.
//
// # Calibration
//
// Organisations disagree on what "a few" means. A deployment overrides any
// entry with a calibration file, read by [LoadCalibration] and passed to
// [New] with [WithCalibration]:
//
//	{
//	  "vague": {
//	    "few":   {"low": 3, "high": 5, "best": 4, "why": "our desk reads a few as three to five"},
//	    "dozens": {"low": 20, "high": 100, "high_exclusive": true, "best": 45}
//	  },
//	  "hedges": {
//	    "about": {"low": 0.85, "high": 1.15, "best": 1}
//	  }
//	}
//
// Keys are the entry names above. An entry replaces the built-in meaning
// whole: low and high are required; best is optional (without it the
// reading has no Best); low_exclusive and high_exclusive make a bound open;
// open_high, for upwards_of, north_of and bolee_chem only, reads the hedge
// as a lower bound with no ceiling;
// why defaults to a note that the deployment set it. Words cannot be
// changed. LoadCalibration rejects unknown fields and entries, low above
// high, a best outside them, negative values, an "about" that does not
// contain 1, a "nearly" or "just_under" above 1 and a "just_over" below 1,
// naming the entry at fault. [DefaultCalibration] returns the built-in
// table as a starting point.
package quantity
