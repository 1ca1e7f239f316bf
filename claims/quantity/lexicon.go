package quantity

import (
	"cmp"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims/internal/wordfilter"
)

// Word flags.
const (
	fHundred      uint64 = 1 << iota // English "hundred": multiplies what precedes
	fStandalone                      // a scale or unit noun that means 1× on its own: "тысяча", "миллион"
	fSuffix                          // a scale written against the digits: "3.5m", "2bn", "10k"
	fNumScale                        // a scale that may follow a numeral: "thousand", "тысячи"
	fA                               // "a", "an"
	fAnd                             // "and", "и"
	fTo                              // "to", "до"
	fOr                              // "or", "или"
	fOf                              // "of", "из"
	fIn                              // "in" of "one in five"
	fOut                             // "out" of "one out of five"
	fEvery                           // "every" of "one in every five"
	fEach                            // "каждый" of "каждый пятый"
	fPercent                         // "percent", "процентов"
	fPer                             // "per" of "per cent"
	fCent                            // "cent" of "per cent"
	fStop                            // never a unit
	fMonth                           // a month name
	fMonthAfter                      // a month name that may follow a day number ("3 May" but not "800 may")
	fYearWord                        // "year", "года", "г."
	fRef                             // "page", "section", "статья": the next number is a reference
	fRefAbbrev                       // "p.", "ст.": a reference only when a dot follows
	fOrdSuffix                       // "th", "st", "й": an ordinal ending
	fTime                            // "days", "лет": a duration unit
	fTooVague                        // "many", "много": names no number
	fHalf                            // "half", "половина"
	fPlus                            // "plus" of "800-plus"
	fOdd                             // "odd" of "40-odd"
	fCountNoun                       // "people", "человек": a year-like figure before it is a count
	fThe                             // "the": "half the fighters"
	fUS                              // "US" of "US$"
	fCurrencyCode                    // "USD": may come before the number
	fAbbrev                          // an abbreviation that may take a dot: "тыс.", "млн."
	fPlural                          // a plural form of a unit noun: "тысячи" (vague when alone)
	fOrdWord                         // "first", "первой": "the first half" is no proportion
	fDatePrep                        // "in", "since", "с": a year after it is a date
	fZero                            // "zero", "nil", "ноль": the figure 0
	fPoint                           // "point", "точка": a decimal point in words
	fSignWord                        // "minus", "negative", "минус"
	fNeg                             // "not", "never", "n't", "не": negates a bound
	fNegAux                          // "could", "have", "been", "могло", "быть": may stand around a negation
	fUp                              // "rose", "grew", "вырос": a change upwards
	fDown                            // "fell", "dropped", "снизился": a change downwards
	fBy                              // "by", "на": the size of a change follows
	fBut                             // "but", "но", "а": joins the two sides of a bound
	fSubunit                         // "cents", "копеек": a hundredth of the currency before
	fPoints                          // "points", "пункта": an error stated in the figure's own unit
	fRevise                          // "raised", "revised", "повысил": a figure and its revision follow
	fRespectively                    // "respectively", "соответственно"
	fOfficial                        // "police", "authorities", "МВД": an official source of a count
	fOrganiser                       // "unions", "organisers", "организаторы": the organisers' count
	fSApprox                         // "десяток", "сотню", "два": an accusative figure that "с" before it makes approximate ("с десяток")
	fOtOpens                         // "составляет", "воюют": a word after which "от" opens a figure as a lower bound ("составляет от 300")
	fQualifies                       // "foreign", "других": an adjective that qualifies the noun after it, which is the unit ("300 foreign fighters")
	fInverts                         // "рублей", "процентов": a unit noun that may stand before its figure as "около" ("рублей 500"), as a count noun may
	fDemonym                         // "Russian", "Chechen": a nation's or people's adjective, which qualifies the noun after it ("300 Chechen fighters")
	fDemonymLead                     // "North", "Sri": the first word of a two-word demonym ("North Korean", "Sri Lankan")
	fCurrencyWord                    // "dinars", "лир", "drams", "try": a word that names no currency alone, but only after its nation's adjective ("Iraqi dinars") or as a code in capitals ("TRY"); elsewhere it is read as a word the lexicon does not know ("5 million new dinars", "5 gel packs")
)

// Numeral ranks: within a group a numeral may only be followed by one of
// lower rank ("сто двадцать пять", "twenty-five").
const (
	rankUnit    = 1 // 1-9
	rankTeen    = 2 // 10-19
	rankTen     = 3 // 20-90
	rankHundred = 4 // 100-900 as one word (Russian "двести")
)

// wordInfo is what the lexicon knows of one word form.
type wordInfo struct {
	num        float64 // numeral value
	rank       uint8
	scale      float64 // thousand, million…
	base       float64 // unit nouns: dozen 12, score 20, десяток 10, сотня 100
	sing       float64 // the singular value of an ambiguous plural form after a bound: "более тысячи"
	frac       float64 // fraction: half 0.5, third 1/3
	ordinal    float64 // "пятый" 5, for "каждый пятый"
	whole      float64 // a whole figure in one word: "полмиллиона" 500,000
	wholeScale float64 // its scale: 1,000,000 for "полмиллиона"
	vague      int16   // 1 + index into Parser.vague
	currency   string
	// capsCurrency is the currency of a code that is an English word too
	// ("TRY", "CAD"): it names the currency only written in capitals.
	capsCurrency string
	flags        uint64
	// Phrases that start with this word: modifiers before and after a
	// figure, and multi-word vague entries ("a few", "a couple of").
	prefix, postfix, vagueP []phrase
}

func (w *wordInfo) has(f uint64) bool { return w.flags&f != 0 }

type modKind uint8

const (
	modNone modKind = iota
	modAbout
	modMoreThan
	modAtLeast
	modFewerThan
	modUpTo
	modNearly
	modJustUnder
	modJustOver
	modOdd
	modExact
	modBetween
	modFrom
	// Closeness hedges with their own calibration entries.
	modCloseTo   // close to
	modJustShy   // just shy of
	modUpwardsOf // upwards of
	modNorthOf   // north of
	modRegion    // in the region of
	modPochti    // почти
	modBezMalogo // без малого
	modBoleeChem // более чем
	modOkolo     // около
	modPoryadka  // порядка
	modError     // a stated error: "45,000 give or take 15%", "20,000 ± 5,000"
	numMods
)

var modRule = [numMods]string{
	modNone: "", modAbout: "about", modMoreThan: "more_than", modAtLeast: "at_least",
	modFewerThan: "fewer_than", modUpTo: "up_to", modNearly: "nearly", modJustUnder: "just_under",
	modJustOver: "just_over", modOdd: "odd", modExact: "exact", modBetween: "between", modFrom: "from",
	modCloseTo: "close_to", modJustShy: "just_shy_of", modUpwardsOf: "upwards_of", modNorthOf: "north_of",
	modRegion: "in_the_region_of", modPochti: "pochti", modBezMalogo: "bez_malogo", modBoleeChem: "bolee_chem",
	modOkolo: "okolo", modPoryadka: "poryadka", modError: "stated_error",
}

// hedgeKey names the calibration entry of each hedge.
var hedgeKey = map[modKind]string{
	modAbout: "about", modNearly: "nearly", modJustUnder: "just_under", modJustOver: "just_over",
	modCloseTo: "close_to", modJustShy: "just_shy_of", modUpwardsOf: "upwards_of", modNorthOf: "north_of",
	modRegion: "in_the_region_of", modPochti: "pochti", modBezMalogo: "bez_malogo", modBoleeChem: "bolee_chem",
	modOkolo: "okolo", modPoryadka: "poryadka",
}

// isApproxMod reports the approximators: they widen a figure on both
// sides, and after a bound only hedge it.
func isApproxMod(mod modKind) bool {
	return mod == modAbout || mod == modRegion || mod == modOkolo || mod == modPoryadka
}

// phrase is a sequence of word IDs that means a modifier or a vague entry.
type phrase struct {
	ids   []int32
	mod   modKind
	vague int16 // 1 + index into Parser.vague
}

// Prefix modifiers. Words of a phrase are separated by spaces; a hyphen in
// the text between them ("где-то") is skipped.
var prefixMods = []struct {
	text string
	mod  modKind
}{
	{"about", modAbout}, {"around", modAbout}, {"some", modAbout}, {"roughly", modAbout},
	{"approximately", modAbout}, {"approx", modAbout}, {"an estimated", modAbout}, {"estimated", modAbout},
	{"est", modAbout}, {"circa", modAbout}, {"c", modAbout}, {"ca", modAbout}, {"in the region of", modRegion},
	{"on the order of", modAbout}, {"of the order of", modAbout}, {"something like", modAbout},
	{"more than", modMoreThan}, {"over", modMoreThan},
	{"exceeds", modMoreThan}, {"exceeded", modMoreThan}, {"exceed", modMoreThan}, {"surpasses", modMoreThan},
	{"surpassed", modMoreThan}, {"surpassing", modMoreThan}, {"tops", modMoreThan}, {"topped", modMoreThan},
	{"does not exceed", modUpTo}, {"did not exceed", modUpTo}, {"do not exceed", modUpTo}, {"not exceed", modUpTo},
	{"not exceeding", modUpTo}, {"not to exceed", modUpTo}, {"never exceeded", modUpTo}, {"never exceeds", modUpTo},
	{"doesn t exceed", modUpTo}, {"didn t exceed", modUpTo}, {"don t exceed", modUpTo}, {"won t exceed", modUpTo},
	{"will not exceed", modUpTo}, {"at the very least", modAtLeast}, {"at the least", modAtLeast},
	{"at a minimum", modAtLeast}, {"at minimum", modAtLeast}, {"at the most", modUpTo}, {"at the very most", modUpTo},
	{"at a maximum", modUpTo}, {"a little", modAbout}, {"a little above", modJustOver}, {"a little below", modJustUnder},
	{"a little fewer than", modJustUnder}, {"above", modMoreThan}, {"in excess of", modMoreThan},
	{"upwards of", modUpwardsOf}, {"upward of", modUpwardsOf}, {"greater than", modMoreThan}, {"well over", modMoreThan},
	{"well above", modMoreThan}, {"north of", modNorthOf}, {"exceeding", modMoreThan}, {"far more than", modMoreThan},
	{"at least", modAtLeast}, {"no fewer than", modAtLeast}, {"no less than", modAtLeast}, {"not less than", modAtLeast},
	{"not fewer than", modAtLeast}, {"a minimum of", modAtLeast}, {"minimum of", modAtLeast},
	{"fewer than", modFewerThan}, {"less than", modFewerThan}, {"under", modFewerThan}, {"below", modFewerThan},
	{"up to", modUpTo}, {"no more than", modUpTo}, {"not more than", modUpTo}, {"at most", modUpTo},
	{"as many as", modUpTo}, {"as much as", modUpTo}, {"a maximum of", modUpTo}, {"maximum of", modUpTo},
	{"nearly", modNearly}, {"almost", modNearly}, {"close to", modCloseTo}, {"just shy of", modJustShy}, {"approaching", modNearly},
	{"just under", modJustUnder}, {"just below", modJustUnder}, {"just short of", modJustUnder},
	{"slightly less than", modJustUnder}, {"slightly fewer than", modJustUnder}, {"a little under", modJustUnder},
	{"a little less than", modJustUnder}, {"just over", modJustOver}, {"just above", modJustOver},
	{"slightly more than", modJustOver}, {"a little over", modJustOver}, {"a little more than", modJustOver},
	{"just more than", modJustOver},
	{"exactly", modExact}, {"precisely", modExact}, {"only", modExact}, {"just", modExact}, {"a total of", modExact},
	{"between", modBetween}, {"from", modFrom},
	{"equal to or less than", modUpTo}, {"equal to or fewer than", modUpTo}, {"equal to or more than", modAtLeast},
	{"equal to or greater than", modAtLeast}, {"less than or equal to", modUpTo}, {"fewer than or equal to", modUpTo},
	{"more than or equal to", modAtLeast}, {"greater than or equal to", modAtLeast}, {"smaller or equal than", modUpTo},
	{"smaller than or equal to", modUpTo}, {"lower or equal than", modUpTo}, {"less or equal than", modUpTo},
	{"bigger or equal than", modAtLeast}, {"higher or equal than", modAtLeast}, {"greater or equal than", modAtLeast},
	{"larger or equal than", modAtLeast}, {"at least or equal to", modAtLeast},
	{"smaller than", modFewerThan}, {"lower than", modFewerThan}, {"larger than", modMoreThan},
	{"bigger than", modMoreThan}, {"higher than", modMoreThan},
	{"equals", modExact}, {"equal to", modExact}, {"equaling", modExact}, {"equalling", modExact},
	{"top", modMoreThan}, {"topping", modMoreThan}, {"surpass", modMoreThan},
	{"fall short of", modFewerThan}, {"fell short of", modFewerThan}, {"falls short of", modFewerThan},
	{"falling short of", modFewerThan}, {"fallen short of", modFewerThan},

	{"около", modOkolo}, {"порядка", modPoryadka}, {"примерно", modAbout}, {"приблизительно", modAbout},
	{"ориентировочно", modAbout}, {"где то", modAbout}, {"приблизительно около", modAbout},
	{"более", modMoreThan}, {"больше", modMoreThan}, {"более чем", modBoleeChem}, {"больше чем", modBoleeChem},
	{"без малого", modBezMalogo}, {"не ниже", modAtLeast}, {"не выше", modUpTo},
	{"свыше", modMoreThan},
	{"превышает", modMoreThan}, {"превышают", modMoreThan}, {"превышало", modMoreThan}, {"превышал", modMoreThan},
	{"превышала", modMoreThan}, {"превышали", modMoreThan}, {"превысило", modMoreThan}, {"превысил", modMoreThan},
	{"превысила", modMoreThan}, {"превысили", modMoreThan}, {"превысит", modMoreThan}, {"превысят", modMoreThan},
	{"превышающее", modMoreThan}, {"превышающий", modMoreThan}, {"превышающая", modMoreThan},
	{"перевалило за", modMoreThan}, {"перевалил за", modMoreThan}, {"перевалила за", modMoreThan},
	{"перевалили за", modMoreThan},
	{"не превышает", modUpTo}, {"не превышают", modUpTo}, {"не превышало", modUpTo}, {"не превышал", modUpTo},
	{"не превышала", modUpTo}, {"не превышали", modUpTo}, {"не превысило", modUpTo}, {"не превысил", modUpTo},
	{"не превысила", modUpTo}, {"не превысили", modUpTo}, {"не превысит", modUpTo}, {"не превысят", modUpTo},
	{"не превышающее", modUpTo}, {"не превышающий", modUpTo}, {"не превышающая", modUpTo},
	{"как максимум", modUpTo}, {"гораздо больше", modMoreThan}, {"значительно больше", modMoreThan},
	{"не менее", modAtLeast}, {"не меньше", modAtLeast}, {"не менее чем", modAtLeast}, {"не меньше чем", modAtLeast},
	{"не больше чем", modUpTo}, {"как минимум", modAtLeast},
	{"минимум", modAtLeast}, {"по меньшей мере", modAtLeast}, {"по крайней мере", modAtLeast},
	{"менее", modFewerThan}, {"меньше", modFewerThan}, {"менее чем", modFewerThan}, {"меньше чем", modFewerThan},
	{"не более", modUpTo}, {"не больше", modUpTo}, {"не более чем", modUpTo}, {"до", modUpTo},
	{"вплоть до", modUpTo}, {"максимум", modUpTo}, {"самое большее", modUpTo},
	{"почти", modPochti}, {"под", modNearly}, {"едва ли не", modNearly},
	{"чуть менее", modJustUnder}, {"чуть меньше", modJustUnder}, {"немногим менее", modJustUnder},
	{"немногим меньше", modJustUnder}, {"чуть более", modJustOver}, {"чуть больше", modJustOver},
	{"немногим более", modJustOver}, {"немногим больше", modJustOver}, {"немного более", modJustOver},
	{"ровно", modExact}, {"всего", modExact}, {"лишь", modExact}, {"только", modExact},
	{"между", modBetween}, {"от", modFrom},
}

// Postfix modifiers: "800 or so", "40-odd", "800 с лишним".
var postfixMods = []struct {
	text string
	mod  modKind
}{
	{"or so", modAbout}, {"or thereabouts", modAbout}, {"give or take", modAbout},
	{"or more", modAtLeast}, {"and more", modAtLeast}, {"or above", modAtLeast}, {"plus", modAtLeast},
	{"or over", modAtLeast}, {"or higher", modAtLeast}, {"or greater", modAtLeast}, {"and above", modAtLeast},
	{"and over", modAtLeast}, {"and up", modAtLeast}, {"and upwards", modAtLeast},
	{"at least", modAtLeast}, {"at the least", modAtLeast}, {"at the very least", modAtLeast},
	{"at a minimum", modAtLeast}, {"at minimum", modAtLeast}, {"minimum", modAtLeast},
	{"or fewer", modUpTo}, {"or less", modUpTo}, {"and fewer", modUpTo}, {"and less", modUpTo},
	{"or under", modUpTo}, {"or below", modUpTo}, {"and under", modUpTo}, {"and below", modUpTo},
	{"at most", modUpTo}, {"at the most", modUpTo}, {"at the very most", modUpTo}, {"at a maximum", modUpTo},
	{"at maximum", modUpTo}, {"maximum", modUpTo},
	{"odd", modOdd},
	{"с лишним", modMoreThan}, {"с лишком", modMoreThan}, {"с гаком", modMoreThan}, {"с небольшим", modJustOver},
	{"с хвостиком", modJustOver},
	{"и более", modAtLeast}, {"и больше", modAtLeast}, {"и свыше", modAtLeast}, {"и выше", modAtLeast},
	{"или более", modAtLeast}, {"или больше", modAtLeast}, {"как минимум", modAtLeast}, {"минимум", modAtLeast},
	{"по меньшей мере", modAtLeast}, {"по крайней мере", modAtLeast}, {"самое меньшее", modAtLeast},
	{"и менее", modUpTo}, {"или менее", modUpTo}, {"и меньше", modUpTo}, {"или меньше", modUpTo},
	{"как максимум", modUpTo}, {"максимум", modUpTo}, {"самое большее", modUpTo},
	{"или около того", modAbout},
}

type numeral struct {
	num  float64
	rank uint8
}

var enNumerals = map[string]numeral{
	"one": {1, rankUnit}, "two": {2, rankUnit}, "three": {3, rankUnit}, "four": {4, rankUnit},
	"five": {5, rankUnit}, "six": {6, rankUnit}, "seven": {7, rankUnit}, "eight": {8, rankUnit}, "nine": {9, rankUnit},
	"ten": {10, rankTeen}, "eleven": {11, rankTeen}, "twelve": {12, rankTeen}, "thirteen": {13, rankTeen},
	"fourteen": {14, rankTeen}, "fifteen": {15, rankTeen}, "sixteen": {16, rankTeen}, "seventeen": {17, rankTeen},
	"eighteen": {18, rankTeen}, "nineteen": {19, rankTeen},
	"twenty": {20, rankTen}, "thirty": {30, rankTen}, "forty": {40, rankTen}, "fifty": {50, rankTen},
	"sixty": {60, rankTen}, "seventy": {70, rankTen}, "eighty": {80, rankTen}, "ninety": {90, rankTen},
}

// ruNumerals lists Russian numerals with their case forms (ё is folded to е).
var ruNumerals = []struct {
	num   float64
	rank  uint8
	forms string
}{
	{1, rankUnit, "один одна одно одного одной одному одним одном одну"},
	{2, rankUnit, "два две двух двум двумя"},
	{3, rankUnit, "три трех трем тремя"},
	{4, rankUnit, "четыре четырех четырем четырьмя"},
	{5, rankUnit, "пять пяти пятью"},
	{6, rankUnit, "шесть шести шестью"},
	{7, rankUnit, "семь семи семью"},
	{8, rankUnit, "восемь восьми восемью восьмью"},
	{9, rankUnit, "девять девяти девятью"},
	{1.5, rankUnit, "полтора полторы полутора"},
	{2, rankUnit, "двое двоих"}, // collective numerals: "двое или трое"
	{3, rankUnit, "трое троих"},
	{4, rankUnit, "четверо четверых"},
	{5, rankUnit, "пятеро пятерых"},
	{6, rankUnit, "шестеро шестерых"},
	{7, rankUnit, "семеро семерых"},
	{10, rankTeen, "десять десяти десятью"},
	{11, rankTeen, "одиннадцать одиннадцати одиннадцатью"},
	{12, rankTeen, "двенадцать двенадцати двенадцатью"},
	{13, rankTeen, "тринадцать тринадцати тринадцатью"},
	{14, rankTeen, "четырнадцать четырнадцати четырнадцатью"},
	{15, rankTeen, "пятнадцать пятнадцати пятнадцатью"},
	{16, rankTeen, "шестнадцать шестнадцати шестнадцатью"},
	{17, rankTeen, "семнадцать семнадцати семнадцатью"},
	{18, rankTeen, "восемнадцать восемнадцати восемнадцатью"},
	{19, rankTeen, "девятнадцать девятнадцати девятнадцатью"},
	{20, rankTen, "двадцать двадцати двадцатью"},
	{30, rankTen, "тридцать тридцати тридцатью"},
	{40, rankTen, "сорок сорока"},
	{50, rankTen, "пятьдесят пятидесяти пятьюдесятью"},
	{60, rankTen, "шестьдесят шестидесяти шестьюдесятью"},
	{70, rankTen, "семьдесят семидесяти семьюдесятью"},
	{80, rankTen, "восемьдесят восьмидесяти восемьюдесятью"},
	{90, rankTen, "девяносто девяноста"},
	{100, rankHundred, "сто ста"},
	{200, rankHundred, "двести двухсот двумстам двумястами двухстах"},
	{300, rankHundred, "триста трехсот тремстам тремястами трехстах"},
	{400, rankHundred, "четыреста четырехсот четыремстам четырьмястами четырехстах"},
	{500, rankHundred, "пятьсот пятисот пятистам пятьюстами пятистах"},
	{600, rankHundred, "шестьсот шестисот шестистам шестьюстами шестистах"},
	{700, rankHundred, "семьсот семисот семистам семьюстами семистах"},
	{800, rankHundred, "восемьсот восьмисот восьмистам восьмьюстами восемьюстами восьмистах"},
	{900, rankHundred, "девятьсот девятисот девятистам девятьюстами девятистах"},
}

// Scales. Singular forms stand alone as 1×; Russian plural forms are also
// vague on their own ("тысячи" = thousands), which lexicon.json says.
var scales = []struct {
	scale      float64
	standalone string // "тысяча" = 1,000
	forms      string // after a numeral: "две тысячи", "пять тысяч"
	sing       string // genitive singular that is also a plural: "более тысячи"
	suffix     string // written against the digits or abbreviated: "3.5m", "1,5 млн"
}{
	{1e3, "thousand тысяча тысячу тысячей тысячью тысяче", "thousands тысячи тысяч тысячам тысячами тысячах", "тысячи", "k тыс к"},
	{1e5, "lakh lac", "lakh lakhs lac lacs lkh lkhs", "", ""},
	{1e6, "million миллион миллиону миллионом миллионе", "millions миллиона миллионов миллионы миллионам миллионами миллионах", "миллиона", "m mn mln mil mio млн"},
	{1e7, "crore", "crore crores cr", "", ""},
	{1e9, "billion миллиард миллиарду миллиардом миллиарде", "billions миллиарда миллиардов миллиарды миллиардам миллиардами миллиардах", "миллиарда", "bn b mrd млрд"},
	{1e12, "trillion триллион", "trillions триллиона триллионов триллионы", "триллиона", "tn trn трлн"},
}

// Unit nouns: "two dozen", "два десятка", "сотня".
var unitNouns = []struct {
	base       float64
	standalone string
	forms      string
	sing       string
}{
	{12, "dozen дюжина дюжину", "dozen dozens дюжины дюжин дюжинам дюжинами дюжинах", "дюжины"},
	{2, "pair", "pair pairs", ""},
	{20, "score", "score", ""},
	{10, "десяток", "десятка десятку десятком десятке десятков десятки десяткам десятками десятках", "десятка"},
	{100, "сотня сотню сотней сотне", "сотни сотен сотням сотнями сотнях", "сотни"},
	{100, "hundred", "hundred", ""}, // English "hundred" as a unit after "a few", "several"
	{10, "", "tens", ""},            // "several tens of thousands"
}

var fractions = []struct {
	frac  float64
	forms string
}{
	{0.5, "half половина половины половину половиной половине"},
	{1.0 / 3, "third thirds треть трети третью"},
	{0.25, "quarter quarters четверть четверти четвертью"},
	{0.2, "fifth fifths"},
	{0.1, "tenth tenths"},
}

var ordinals = []struct {
	n     float64
	forms string
}{
	{2, "второй вторая второе второго"},
	{3, "третий третья третье третьего"},
	{4, "четвертый четвертая четвертое четвертого"},
	{5, "пятый пятая пятое пятого"},
	{6, "шестой шестая шестое шестого"},
	{7, "седьмой седьмая седьмое седьмого"},
	{8, "восьмой восьмая восьмое восьмого"},
	{9, "девятый девятая девятое девятого"},
	{10, "десятый десятая десятое десятого"},
	{20, "двадцатый двадцатая двадцатое двадцатого"},
	{100, "сотый сотая сотое сотого"},
}

// qualifierWords are adjectives that qualify the counted noun after a
// figure, which is then the unit: "300 foreign fighters", "50 других
// людей" (see IsQualifier).
const qualifierWords = "different various separate distinct other foreign active additional more new " +
	"разных различных других иностранных новых дополнительных"

// irregularPasts are English past forms that do not end in "-ed"; see
// flagWords and IsPastVerb.
const irregularPasts = "arose awoke became began bled blew broke brought built bought caught chose clung crept dealt dug drew drank " +
	"drove ate fed felt found flew forbade forgot forgave froze gave hung heard hid held kept knelt knew laid leapt " +
	"learnt lent lost made meant rode rang ran sought sold sent shook shone sang sank sat slept spoke sped spent spun " +
	"sprang stood stole stuck stung stank struck swore swept swam swung took taught tore told thought threw understood " +
	"woke wore wove wept wrote lied tied"

// demonymWords are English adjectives of nations and peoples, in lower
// case. Unicode CLDR, which golang.org/x/text carries, has names of
// countries and languages but no demonyms, so the list is kept by hand:
// the "Nationality: adjective" entries of the CIA World Factbook (public
// domain) for the sovereign states and Palestine, with the common variants
// ("Argentinian", "Kazakhstani", "Laotian"), and the peoples and regions
// that news of Russia, the Caucasus, Central Asia and the Middle East
// counts by ("Chechen", "Dagestani", "Kurdish", "Uyghur", "Crimean"), the
// continents and "Soviet". A two-word demonym's second word is here
// ("Korean", "Lankan", "Rican"), its first in demonymLeads.
const demonymWords = "afghan albanian algerian american andorran angolan antiguan argentine argentinian armenian " +
	"australian austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian belgian belizean beninese " +
	"bhutanese bolivian bosnian botswanan brazilian british bruneian bulgarian burkinabe burmese burundian " +
	"cambodian cameroonian canadian chadian chilean chinese colombian comoran congolese croatian cuban cypriot " +
	"czech danish djiboutian dominican dutch ecuadorian egyptian emirati eritrean estonian ethiopian eswatini " +
	"fijian filipino finnish french gabonese gambian georgian german ghanaian greek grenadian guatemalan guinean " +
	"guyanese haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian " +
	"jamaican japanese jordanian kazakh kazakhstani kenyan korean kosovar kuwaiti kyrgyz kyrgyzstani lao laotian " +
	"latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian " +
	"malian maltese marshallese mauritanian mauritian mexican micronesian moldovan monegasque mongolian " +
	"montenegrin moroccan mozambican namibian nauruan nepali nepalese nicaraguan nigerian nigerien norwegian " +
	"omani pakistani palauan palestinian panamanian paraguayan peruvian polish portuguese qatari romanian russian " +
	"rwandan salvadoran samoan sammarinese saudi senegalese serbian seychellois singaporean slovak slovakian " +
	"slovenian somali somalian spanish sudanese surinamese swazi swedish swiss syrian taiwanese tajik tajikistani " +
	"tanzanian thai timorese togolese tongan trinidadian tunisian turkish turkmen tuvaluan ugandan ukrainian " +
	"uruguayan uzbek uzbekistani vanuatuan venezuelan vietnamese yemeni zambian zimbabwean " +
	"english scottish welsh " +
	"lankan rican leonean african zealand " +
	"chechen dagestani ingush ossetian abkhaz abkhazian kabardian balkar circassian tatar bashkir chuvash yakut " +
	"buryat tuvan kalmyk crimean caucasian kurdish arab pashtun baluch uyghur uighur yazidi yezidi " +
	"european asian soviet"

// demonymLeads are the first words of two-word demonyms ("North Korean",
// "Sri Lankan", "South African", "New Zealand"), read as one only before a
// word of demonymWords.
const demonymLeads = "north south east west central sri costa sierra new"

// groupNames are the names of armed groups, organisations, forces and
// coalitions that news of wars and crises puts before the noun it counts,
// as an adjective: "300 Islamic State fighters", "2,000 Hezbollah men",
// "300 US troops", "more than 2,000 National Guard troops". Past one of
// them the parser reads the noun as the unit (see nounAfterName), so that
// such claims are compared with "800 fighters"; no other capitalised word
// is passed over ("300 MW turbines", "Game 7 Boston fans", "1,000 Shell
// gas stations" keep their readings). Each is written as the news spells
// it, with its common variants and transliterations; a part in lower case
// ("al") matches its capitalised form too ("Al-Qaeda"). Chosen: the
// jihadist, militia and rebel groups of Syria, Iraq, Lebanon, Gaza,
// Yemen, Afghanistan, Somalia and the Sahel; the Kurdish forces; the
// private and irregular forces of the war in Ukraine; the alliances,
// unions, states and forces whose troops, peacekeepers and monitors the
// news counts (NATO, the UN and its missions and agencies, the EU, the
// US, the UK, the National Guard); and the Red Cross and Red Crescent,
// whose workers it counts. A nation's adjective ("Kurdish", "Russian")
// needs no entry: the rules for demonyms read it.
var groupNames = []string{
	// Jihadist groups.
	"Islamic State", "IS", "ISIS", "Isis", "ISIL", "Daesh", "ISWAP",
	"al-Qaeda", "al-Qaida", "al Qaeda", "al Qaida", "AQAP", "AQIM",
	"al-Nusra", "al-Nusra Front", "Nusra Front", "Jabhat al-Nusra",
	"Hayat Tahrir al-Sham", "HTS", "Ahrar al-Sham", "Jaish al-Islam",
	"al-Shabaab", "al-Shabab", "Boko Haram", "Taliban", "Islamic Jihad",
	// Militias, movements and rebels.
	"Hezbollah", "Hizbollah", "Hizballah", "Kataib Hezbollah", "Hamas",
	"Houthi", "Ansar Allah", "Popular Mobilization Forces", "Popular Mobilisation Forces",
	"PMF", "PMU", "Hashd", "Hashd al-Shaabi", "Free Syrian Army", "FSA",
	"Syrian Democratic Forces", "SDF", "YPG", "YPJ", "PKK", "Peshmerga",
	"Wagner", "Wagner Group", "Azov", "Akhmat",
	// States' forces.
	"National Guard", "Border Guard", "Coast Guard", "Revolutionary Guard", "IRGC", "IDF", "Rosgvardia",
	// Alliances, unions, states and international bodies.
	"NATO", "UN", "U.N.", "United Nations", "UNIFIL", "UNRWA", "UNHCR", "UNICEF", "OSCE",
	"EU", "European Union", "African Union", "US", "U.S.", "United States", "UK",
	"Red Cross", "Red Crescent", "ICRC",
}

// groupAdjuncts are the nouns that may stand, as adjectives, between a
// group's name and the noun counted ("300 US-led coalition troops", "40
// Islamic State suicide bombers", "300 US ground troops"): at most two of
// them. Any other word there ends the reading ("750 US overseas bases",
// "300 Taliban fight jihadists").
const groupAdjuncts = "coalition suicide special elite combat ground security military militia rebel group"

// countNouns are the words that count people: a year-like figure before
// one is a count ("2014 fighters").
const countNouns = "people persons individuals fighters troops soldiers militants civilians refugees members " +
	"человек людей граждан боевиков военных"

// memberNouns are the plurals that count a group's members and that a
// headline in Title Case or capitals writes capitalised after the group's
// name ("3 HEZBOLLAH COMMANDERS", "Three Hezbollah Commanders Killed"),
// where no other capitalised word is read as the noun (englishPlural);
// the lexicon's count nouns ("Fighters", "TROOPS") are read so too.
const memberNouns = "commanders leaders officers officials operatives " +
	"gunmen militiamen men rebels jihadists insurgents peacekeepers recruits mercenaries volunteers prisoners " +
	"hostages detainees workers staff personnel"

// notPluralWords are English words in "-s" the lexicon does not know that
// are no plural noun a group's name may qualify ("200 BBC news staff",
// "300 NATO outdoors exercises"); see englishPlural.
const notPluralWords = "news overseas outdoors indoors always perhaps sometimes besides whereas nowadays " +
	"towards afterwards backwards forwards upwards downwards"

// poundMoneyWords name money, or what money buys or costs, after "pounds
// of": "5 million pounds of taxpayers' money", "2,000 pounds of damage".
// After "pounds of" any other word is what the pounds weigh ("2,000
// pounds of explosives"); see poundWeight.
const poundMoneyWords = "money cash public taxpayers taxpayer funding funds investment investments spending " +
	"revenue revenues profit profits debt debts damage damages savings cuts aid government state business sales assets"

// munitionWords are what a weight in pounds qualifies as an adjective,
// the singular "pound" before them: "2,000 pound bombs", "500 pound
// warheads" (poundWeight).
const munitionWords = "bomb bombs warhead warheads shell shells missile missiles munition munitions " +
	"explosive explosives device devices charge charges"

// attributiveNouns are the English nouns, and the few adjectives with no
// adjective's ending, that conflict and disaster news puts before a
// plural to qualify it ("40 cruise missiles", "300 aid workers", "5,000
// combat troops", "40 heavy weapons"); attributiveNoun passes over them
// to the plural, which is the unit. Hand-kept and short: any other word
// of this kind ("3 dozen smart watches", "8 core processors", "30 face
// charges", "500 rand notes") stays the unit, as it was, for it may as
// well be a verb ("Police believe 30 face charges") or the thing counted
// ("4 cylinder engines": cylinders).
const attributiveNouns = "cruise attack assault combat fighter rocket artillery army police border aid rescue relief " +
	"security service drone tank battle navy naval air ground special riot heavy rebel government health emergency"

// referenceNouns are the English nouns a figure after them belongs to as
// a name's number, which counts nothing after it ("phase 3 clinical
// trials", "level 4 lockdown restrictions", "On day 3 rescue teams",
// "Highway 232", "Game 7"): attributiveNoun passes over no word after
// such a figure, and in a headline in Title Case such a noun before a
// figure is no verb (figureNotCount). Compared in lower case.
const referenceNouns = "phase level class grade round day stage tier step category game season episode page " +
	"chapter article section room gate highway route line platform version model number no " +
	"sector zone block district microdistrict terminal ward floor hall bay pier berth lane"

// unitQualifiers are the English words that make a unit of measure
// another ("cubic metres", "square miles", "nautical miles", "imperial
// gallons", "metric tons", "fluid ounces", "troy ounces", "statute
// miles"): attributiveNoun never passes over them.
const unitQualifiers = "cubic square nautical imperial metric fluid troy statute"

// clauseOpeners are the English words after which a figure may open a
// clause as its subject, and the word after it be a verb ("Police say 300
// flee clashes", "while 300 flee"): conjunctions that open a clause, and
// verbs of saying. Not "and" or "or", which join a list of counts far more
// often ("300 ballistic missiles and 40 cruise missiles"); see
// attributiveNoun.
const clauseOpeners = "that as while when where whereas because since after before if though although but " +
	"say says said"

// weekdayWords are the English days of the week: a figure after one is a
// date's ("Saturday 7"), and what follows it no noun the figure counts.
const weekdayWords = "monday tuesday wednesday thursday friday saturday sunday"

// currencyAbbrevs are the forms of currencies that are shortened words.
const currencyAbbrevs = "руб долл грн"

// The words that several nations' currencies share: the currency that
// lists them among its forms is the one they name alone ("dollars" USD,
// "фунтов" GBP, "рублей" RUB; no two list one word), the others only after
// their nation's adjective ("Canadian dollars", "сирийских
// фунтов", "белорусских рублей"). Lira, dinars, rials, dirhams and crowns
// are no one currency's alone: "5 млн лир" may be Turkish, Syrian or
// Lebanese, and keeps "лир" as its unit (so do "drams", a measure of
// whisky as often as Armenian money).
const (
	dollarWords = "dollars dollar долларов доллара доллар долларах долларам долл"
	poundWords  = "pounds pound фунтов фунта"
	roubleWords = "roubles rubles rouble ruble рублей рубля рубль руб"
	liraWords   = "lira liras lire лир лиры лира"
	dinarWords  = "dinars dinar динаров динара динар"
	rialWords   = "rials rial riyals riyal риалов риала риал риялов рияла риял"
	dirhamWords = "dirhams dirham дирхамов дирхама дирхам"
	crownWords  = "korunas koruna crowns крон кроны крона"
)

// currencies are the currencies the parser knows, by ISO 4217 code: those
// of the sums an analyst of Russian, Middle-Eastern and European media
// meets most.
var currencies = []struct {
	code  string
	forms string // words after the number that name it alone
	codes string // codes that may come before it
	// Codes that are English words too ("try", "gel", "amd", "cad"): a
	// code only written in capitals ("TRY 5 million", "5 million CAD").
	capsCodes string
	// The adjective of the currency's own nation, which may stand between
	// the figure and the currency ("3 million Russian roubles"): English
	// words, and the stems of Russian adjectives ("российск" of
	// "российских рублей"). Another nation's adjective names another
	// currency ("Canadian dollars", "белорусских рублей").
	nation string
	// Words that name the currency only after its nation's adjective:
	// another currency's forms ("Canadian dollars") or a word several
	// share ("иракских динаров").
	nouns string
}{
	{"USD", dollarWords, "usd", "", "american американск", ""},
	{"EUR", "euros euro евро", "eur", "", "", ""},
	{"GBP", poundWords, "gbp", "", "british британск", ""},
	{"RUB", roubleWords, "rub руб", "", "russian российск", ""},
	{"JPY", "yen иен йен", "jpy", "", "japanese японск", ""},
	{"CHF", "francs franc франков", "chf", "", "swiss швейцарск", ""},
	{"CNY", "yuan renminbi юаней юаня юань", "cny rmb", "", "chinese китайск", ""},
	{"INR", "rupees rupee рупий", "inr rs", "", "indian индийск", ""},
	{"CAD", "", "", "cad", "canadian канадск", dollarWords},
	{"AUD", "", "aud", "", "australian австралийск", dollarWords},
	{"BYN", "", "byn", "", "belarusian белорусск", roubleWords},
	{"UAH", "hryvnias hryvnia hryvnas hryvna гривен гривны гривна гривну грн", "uah", "", "ukrainian украинск", ""},
	{"KZT", "tenge тенге", "kzt", "", "kazakh kazakhstani казахстанск", ""},
	{"TRY", "", "", "try", "turkish турецк", liraWords},
	{"SYP", "", "syp", "", "syrian сирийск", poundWords + " " + liraWords},
	{"LBP", "", "lbp", "", "lebanese ливанск", poundWords + " " + liraWords},
	{"EGP", "", "egp", "", "egyptian египетск", poundWords},
	{"IQD", "", "iqd", "", "iraqi иракск", dinarWords},
	{"IRR", "", "irr", "", "iranian иранск", rialWords},
	{"SAR", "", "sar", "", "saudi саудовск", rialWords},
	{"AED", "", "aed", "", "emirati эмиратск", dirhamWords},
	{"ILS", "shekels shekel шекелей шекеля шекель", "nis", "ils", "israeli израильск", ""},
	{"GEL", "lari лари", "", "gel", "georgian грузинск", ""},
	{"AMD", "драмов", "", "amd", "armenian армянск", "drams dram"}, // "2 drams of whisky"
	{"AZN", "manats manat манатов маната манат", "azn", "", "azerbaijani азербайджанск", ""},
	{"PLN", "zlotys zloty zlotych zł злотых злотый злотого", "pln", "", "polish польск", ""},
	{"CZK", "", "czk", "", "czech чешск", crownWords},
	{"HUF", "forints forint форинтов форинта форинт", "huf", "", "hungarian венгерск", ""},
	// The rand by its code, and by the "R" before a figure and a scale
	// (randPrefix): "R500 million". The word "rand" is a name as often
	// ("Rand Paul", the RAND Corporation) and is not read.
	{"ZAR", "", "zar", "", "", ""},
	// Known only after their nation's adjective, with no code: "5 million
	// Jordanian dinars", "5 млн шведских крон".
	{"JOD", "", "", "", "jordanian иорданск", dinarWords},
	{"KWD", "", "", "", "kuwaiti кувейтск", dinarWords},
	{"LYD", "", "", "", "libyan ливийск", dinarWords},
	{"DZD", "", "", "", "algerian алжирск", dinarWords},
	{"TND", "", "", "", "tunisian тунисск", dinarWords},
	{"BHD", "", "", "", "bahraini бахрейнск", dinarWords},
	{"RSD", "", "", "", "serbian сербск", dinarWords},
	{"YER", "", "", "", "yemeni йеменск", rialWords},
	{"QAR", "", "", "", "qatari катарск", rialWords},
	{"OMR", "", "", "", "omani оманск", rialWords},
	{"MAD", "", "", "", "moroccan марокканск", dirhamWords},
	{"SEK", "", "", "", "swedish шведск", crownWords},
	{"NOK", "", "", "", "norwegian норвежск", crownWords},
	{"DKK", "", "", "", "danish датск", crownWords},
	// Other nations' dollars, by the letters glued before "$" (see
	// dollarPrefixes) and after their nation's adjective.
	{"HKD", "", "hkd", "", "", ""},
	{"NZD", "", "nzd", "", "", ""},
	{"SGD", "", "sgd", "", "singaporean сингапурск", dollarWords},
}

var flagWords = []struct {
	flags uint64
	forms string
}{
	{fA | fStop, "a an"},
	{fAnd | fStop, "and и"},
	{fTo | fStop, "to through thru"},
	{fOr | fStop, "or или либо"},
	{fOf | fStop, "of из"},
	{fIn | fStop, "in"},
	{fOut | fStop, "out"},
	{fEvery | fStop, "every each"},
	{fEach | fStop, "каждый каждая каждое каждого каждой каждому"},
	{fPercent, "percent pc pct процентов процента процент процентам процентах проц"},
	{fPer | fStop, "per"},
	{fCent, "cent"},
	{fPlus, "plus плюс"},
	{fOdd, "odd"},
	{fThe | fStop, "the"},
	{fUS | fStop, "us"},
	{fMonth | fMonthAfter | fStop, "january february april june july august september october november december " +
		"jan feb apr jun jul aug sep sept oct nov dec " +
		"января февраля марта апреля мая июня июля августа сентября октября ноября декабря " +
		"январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь " +
		"январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре " +
		"янв фев мар апр июн июл авг сен сент окт ноя дек"},
	{fMonth | fStop, "march may"},
	{fYearWord | fStop, "year years yr yrs ad bc bce ce год года году годом годах годы г гг"},
	{fRef | fStop, "page pages section sections article articles chapter chapters paragraph paragraphs para clause " +
		"item items resolution resolutions vol volume part rule amendment figure fig table verse line lines " +
		"статья статьи статье статью пункт пункта пункте глава главы главе раздел раздела разделе часть части " +
		"страница страницы странице резолюция резолюции резолюцию номер номера номером"},
	{fRefAbbrev | fStop, "p pp no nos sec art ст стр п с ч гл"},
	{fOrdSuffix | fStop, "st nd rd th й я е го му м х ый ой ая ое ий"},
	{fTime, "second seconds minute minutes hour hours day days week weeks month months decade decades century centuries " +
		"секунд секунды минут минуты минуту часов часа час дней дня день недель недели неделю месяцев месяца месяц " +
		"лет десятилетий века веков times раз раза"},
	{fOrdWord | fStop, "first second last final latter former первая первой первую первый вторая второй вторую последняя последней последнюю"},
	{fDatePrep, "in since by until till before after during from through throughout early late " +
		"в во с со после к по от"},
	{fZero, "zero nil none naught nought ноль нуль ноля нуля"},
	{fPoint, "point точка"},
	{fSignWord, "minus negative минус"},
	{fNeg, "not never cannot t не никогда"},
	{fNegAux, "could couldn can can was wasn were weren is isn be been have has had would wouldn will won did didn does doesn " +
		"никак могло мог могла могли может могут быть было был была были"},
	{fDown, "fell fall falls falling dropped drop drops dropping declined decline declines declining decreased decrease " +
		"decreases shrank shrunk shrink shrinks slid slipped plunged plummeted tumbled sank dipped down " +
		"снизился снизилась снизилось снизились снизится упал упала упало упали уменьшился уменьшилась уменьшилось " +
		"уменьшились сократился сократилась сократилось сократились сократится"},
	{fUp, "rose rise rises rising increased increase increases grew grow grows growing gained gains climbed jumped " +
		"surged soared up вырос выросла выросло выросли увеличился увеличилась увеличилось увеличились повысился " +
		"повысилась повысилось повысились"},
	{fBy, "by на"},
	{fRevise, "raised raise raises revised revise revises lowered lowers upped cut cuts reduced reduces hiked adjusted " +
		"upgraded downgraded повысил повысила повысили понизил понизила понизили пересмотрел пересмотрела пересмотрели " +
		"увеличил увеличила увеличили снизил снизила снизили"},
	{fRespectively, "respectively соответственно"},
	{fOfficial, "authorities authority police prefecture prefectures ministry interior government officials official " +
		"полиция полиции полицией мвд гувд власти властей министерство министерства префектура префектуры"},
	{fOrganiser, "unions union organisers organizers organiser organizer cgt cfdt " +
		"организаторы организаторов организаторами профсоюзы профсоюзов оппозиция оппозиции"},
	{fBut, "but но а"},
	{fSubunit, "cents cent pence центов цента цент копеек копейки копейка копейку"},
	{fPoints, "points point percentage пункта пунктов пункт процентных"},
	{fTooVague | fStop, "many numerous countless multiple much lots много многие многих немало множество масса"},
	// The genitive plurals of currencies and of "процент" that colloquial
	// Russian puts before a figure for "about" ("рублей 500", "долларов
	// 100", "процентов 5"), as it does a count noun ("человек 200"). Not
	// "евро", which is every case and stands before a rate ("курс евро
	// 100"), nor a singular ("курс доллара 90").
	{fInverts, "рублей долларов фунтов юаней иен йен франков рупий процентов"},
	// Adjectives that qualify the counted noun after them, which is the
	// unit ("300 foreign fighters", "50 других людей"), as a place's
	// adjective does; alone after a figure they are no unit.
	{fQualifies, qualifierWords},
	{fCountNoun, countNouns},
	// The accusative forms that no other sense of "с" takes (it governs
	// the genitive as "from" and the instrumental as "with"): "с десяток",
	// "с сотню", "с тысячу", "с два десятка", "с полтора десятка".
	{fSApprox, "десяток сотню тысячу дюжину миллион миллиард " +
		"два две три четыре пять шесть семь восемь девять десять полтора полторы"},
	// Words after which "от" opens a figure ("воюют от 5 тысяч боевиков",
	// "численность составляет от 300 человек") rather than naming whom
	// something is from ("письма от 300 человек"): verbs of being,
	// amounting, estimating, fighting and gathering, which take no "от" of
	// their own. Not conjunctions: "письма от родных и от 300 человек"
	// repeats the "от" of the word before.
	{fOtOpens, "составляет составляют составлял составляла составляло составляли составит составят составило составила составил составили " +
		"насчитывается насчитываются насчитывалось насчитывалась насчитывался насчитывались насчитывает насчитывают насчитали " +
		"оценивается оцениваются оценивалось оценивалась оценивался оценивались оценивают оценили оценил оценила " +
		"воюет воюют воевало воевали воевал сражается сражаются сражались сражалось участвует участвуют участвовало участвовали " +
		"находится находятся находилось находились находился находилась есть было были был была будет будут " +
		"собралось собрались собирается собираются проживает проживают проживало проживали живут жило жили"},
	{fStop, "the this that these those is are was were be been being has have had will would could should can might " +
		"must said says say who whom which what when where while but not nor so if then there their they them it its " +
		"he she his her we our you your i also more less fewer most least each all both other such any into onto upon " +
		"after before since until during among against through across within without near off like unlike than by " +
		"with for on at as per now ago later earlier yet still already only just even nearly almost about around " +
		"в во на с со по к ко у о об от до за для при без над под про через что как это эти этот тот та те был " +
		"была было были будет будут есть не ни же а но ли бы его ее их они он она мы вы я также более менее около " +
		"почти свыше уже еще всего лишь только чем тогда сейчас " +
		"против напротив вокруг близ перед вслед сверх подряд назад вперед вперёд всех " +
		"left fled died fought went came remain remains stay stayed did do does got"},
	// English past forms that do not end in "-ed" (unitAfter turns those
	// away by their ending): a verb after a figure is never its unit ("20
	// ran", "50 lost their homes"). Not the forms that are also nouns a
	// figure may count or qualify ("20 shot", "5 cut", "10 ground troops",
	// "the Met").
	{fStop, irregularPasts},
	// A nation's or people's adjective qualifies the noun after it, which
	// is the unit ("300 Chechen fighters", "2,400 Russian citizens"), as
	// a Russian place adjective does; alone it stays the unit ("300
	// Chinese were evacuated").
	{fDemonym, demonymWords},
	{fDemonymLead, demonymLeads},
}

// lexicon is the compiled vocabulary of one Parser.
type lexicon struct {
	ids   map[string]int32 // lower-cased word form (ё folded to е) -> ID; 0 is unknown
	words []wordInfo       // by ID
	// filter holds every word of ids: most words of a text are in no
	// list, and it answers for them without a map lookup (see scanWord).
	filter wordfilter.Filter
	// tab is ids as an open-addressed table (linear probing, a power of
	// two long, at most a quarter full), built once the lexicon is: a
	// lookup the filter lets through hashes the word once and compares a
	// slot or two instead of a map access.
	tab []lexSlot
	// invScale holds the IDs of the words of invertedScales that are in
	// the lexicon (0 for one that is not): extract asks invertedScale only
	// about a word with one of them.
	invScale [len(invertedScaleWords)]int32
	// groups holds groupNames as tokens, filed under the text of their
	// first token (and its capitalised form: "al", "Al"), longest first.
	groups map[string][]groupName
	// Words some rules look for by name.
	idEqual, idPlus, idPlusRu, idGive, idTake, idS, idSo, idPolovinoy, idHalf, idNi int32
}

// mayBeInvertedScale reports whether a word token with ID id may be one of
// invertedScales: a word that lower-cases to one of them folds to it too,
// for none holds "ё", and so has its ID.
func (l *lexicon) mayBeInvertedScale(id int32) bool {
	return id != 0 && slices.Contains(l.invScale[:], id)
}

func (l *lexicon) id(w string) int32 {
	if id, ok := l.ids[w]; ok {
		return id
	}
	id := int32(len(l.words))
	l.ids[w] = id
	wordfilter.Add(&l.filter, w)
	l.words = append(l.words, wordInfo{})
	return id
}

// lookup returns the ID of the lower-cased word w, 0 when it is unknown.
func (l *lexicon) lookup(w []byte) int32 {
	if !wordfilter.MayHold(&l.filter, w) || len(l.tab) == 0 {
		return 0
	}
	mask := uint32(len(l.tab) - 1)
	for i := lexHash(w) & mask; ; i = (i + 1) & mask {
		s := &l.tab[i]
		if s.id == 0 {
			return 0
		}
		if s.w == string(w) {
			return s.id
		}
	}
}

// lexSlot is a slot of lexicon.tab; id 0 marks an empty one.
type lexSlot struct {
	w  string
	id int32
}

// lexHash is FNV-1a of w.
func lexHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// buildTab fills l.tab from l.ids, which no longer changes.
func (l *lexicon) buildTab() {
	n := 1
	for n < 4*len(l.ids) {
		n *= 2
	}
	l.tab = make([]lexSlot, n)
	mask := uint32(n - 1)
	for w, id := range l.ids {
		if id == 0 {
			continue
		}
		i := lexHash([]byte(w)) & mask
		for l.tab[i].id != 0 {
			i = (i + 1) & mask
		}
		l.tab[i] = lexSlot{w: w, id: id}
	}
}

func (l *lexicon) word(w string) *wordInfo { return &l.words[l.id(w)] }

func (l *lexicon) each(forms string, f func(w *wordInfo)) {
	for _, w := range strings.Fields(forms) {
		f(l.word(w))
	}
}

func (l *lexicon) phrase(text string) []int32 {
	var ids []int32
	for _, w := range strings.Fields(normalizeKey(text)) {
		ids = append(ids, l.id(w))
	}
	return ids
}

// addPhrase files p under its first word, longest phrases first.
func addPhrase(list *[]phrase, p phrase) {
	*list = append(*list, p)
	slices.SortStableFunc(*list, func(a, b phrase) int { return cmp.Compare(len(b.ids), len(a.ids)) })
}

func normalizeKey(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ё", "е")
}

// buildLexicon compiles the word tables and the vague entries.
func buildLexicon(vague []vagueEntry) *lexicon {
	l := &lexicon{ids: map[string]int32{"": 0}, words: []wordInfo{{}}}
	for _, fw := range flagWords {
		l.each(fw.forms, func(w *wordInfo) { w.flags |= fw.flags })
	}
	l.word("to").flags |= fTo
	l.word("до").flags |= fTo
	for w, n := range enNumerals {
		wi := l.word(w)
		wi.num, wi.rank = n.num, n.rank
	}
	for _, n := range ruNumerals {
		l.each(n.forms, func(w *wordInfo) { w.num, w.rank = n.num, n.rank })
	}
	l.word("hundred").flags |= fHundred
	for _, s := range scales {
		l.each(s.standalone, func(w *wordInfo) { w.scale = s.scale; w.flags |= fStandalone | fNumScale })
		l.each(s.forms, func(w *wordInfo) { w.scale = s.scale; w.flags |= fNumScale })
		l.each(s.sing, func(w *wordInfo) { w.sing = s.scale })
		l.each(s.suffix, func(w *wordInfo) { w.scale = s.scale; w.flags |= fSuffix | fAbbrev })
	}
	// English plurals are units after vague words ("hundreds of thousands")
	// and after numerals too ("five billions", "two thousands"): said
	// often enough, and never anything else.
	for _, u := range unitNouns {
		l.each(u.standalone, func(w *wordInfo) { w.base = u.base; w.flags |= fStandalone })
		l.each(u.forms, func(w *wordInfo) { w.base = u.base })
		l.each(u.sing, func(w *wordInfo) { w.sing = u.base })
	}
	l.word("hundred").flags &^= fStandalone
	for _, f := range fractions {
		l.each(f.forms, func(w *wordInfo) { w.frac = f.frac })
	}
	l.each("half половина половины половину половиной половине", func(w *wordInfo) { w.flags |= fHalf })
	for _, o := range ordinals {
		l.each(o.forms, func(w *wordInfo) { w.ordinal = o.n })
	}
	for _, c := range currencies {
		l.each(c.forms, func(w *wordInfo) { w.currency = c.code })
		l.each(c.codes, func(w *wordInfo) { w.currency = c.code; w.flags |= fCurrencyCode })
	}
	// A word that names a currency alone ("dollars", "рублей") is no
	// fCurrencyWord even where another currency lists it after its nation's
	// adjective ("Canadian dollars"): it was a known word before.
	for _, c := range currencies {
		l.each(c.nouns, func(w *wordInfo) {
			if w.currency == "" {
				w.flags |= fCurrencyWord
			}
		})
		l.each(c.capsCodes, func(w *wordInfo) { w.capsCurrency = c.code; w.flags |= fCurrencyWord })
	}
	// Only a shortened currency takes a dot: "600 руб.", "5 долл."; the
	// dot after "рублей" ends the sentence.
	l.each(currencyAbbrevs, func(w *wordInfo) { w.flags |= fAbbrev })
	for i, v := range vague {
		for _, text := range v.words {
			ids := l.phrase(text)
			if len(ids) == 1 {
				w := &l.words[ids[0]]
				w.vague = int16(i + 1)
				if v.plural {
					w.flags |= fPlural
				}
				continue
			}
			addPhrase(&l.words[ids[0]].vagueP, phrase{ids: ids, vague: int16(i + 1)})
		}
	}
	for _, m := range prefixMods {
		ids := l.phrase(m.text)
		addPhrase(&l.words[ids[0]].prefix, phrase{ids: ids, mod: m.mod})
	}
	for _, m := range postfixMods {
		ids := l.phrase(m.text)
		addPhrase(&l.words[ids[0]].postfix, phrase{ids: ids, mod: m.mod})
	}
	for _, w := range []string{"c", "ca", "est", "approx"} {
		l.word(w).flags |= fAbbrev
	}
	// Whole figures in one word: "полмиллиона", "полтысячи".
	for _, wf := range []struct {
		v, scale float64
		forms    string
	}{{5e2, 1e3, "полтысячи полутысячи"}, {5e5, 1e6, "полмиллиона полумиллиона полумиллионов"}, {5e8, 1e9, "полмиллиарда полумиллиарда"}} {
		l.each(wf.forms, func(w *wordInfo) { w.whole, w.wholeScale = wf.v, wf.scale })
	}
	l.idEqual, l.idPlus, l.idPlusRu, l.idGive, l.idTake = l.id("equal"), l.id("plus"), l.id("плюс"), l.id("give"), l.id("take")
	l.idS, l.idPolovinoy, l.idHalf, l.idNi = l.id("с"), l.id("половиной"), l.id("half"), l.id("ни")
	l.idSo = l.id("со")
	for k, w := range invertedScaleWords {
		l.invScale[k] = l.ids[normalizeKey(w)] // looked up, not added: an unknown word starts nothing
	}
	l.buildTab()
	l.groups = l.compileGroups()
	return l
}

// groupName is one of groupNames as tokens: the text of each and whether
// a space comes before it ("al-Qaeda": "al", "-", "Qaeda", none spaced).
type groupName []nameTok

type nameTok struct {
	w     string
	space bool
}

// compileGroups tokenizes groupNames as a text is (the lexicon is built).
func (l *lexicon) compileGroups() map[string][]groupName {
	groups := make(map[string][]groupName)
	for _, name := range groupNames {
		var g groupName
		for _, t := range l.tokenize(name, nil) {
			g = append(g, nameTok{w: name[t.start:t.end], space: t.space})
		}
		first := g[0].w
		groups[first] = append(groups[first], g)
		if c := capitalised(first); c != first {
			groups[c] = append(groups[c], g)
		}
		if c := strings.ToUpper(first); c != first && c != capitalised(first) {
			groups[c] = append(groups[c], g) // "HAMAS" of a headline in capitals
		}
	}
	for _, gs := range groups {
		slices.SortStableFunc(gs, func(a, b groupName) int { return cmp.Compare(len(b), len(a)) })
	}
	return groups
}

// capitalised returns w with its first letter, an ASCII one, in capitals.
func capitalised(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return w
	}
	return string(w[0]-'a'+'A') + w[1:]
}
