package article

import "strings"

// set builds a lookup table of folded words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// speechVerbs are the verbs of saying and estimating, by folded form. A
// claimant is the subject before the verb or, in inverted order ("…, said
// Health Minister Jose Temporao"; "— сказал он"), the phrase after it.
var speechVerbs = set(
	"say", "says", "said", "saying", "tell", "tells", "told", "telling", "estimate", "estimates", "estimated",
	"claim", "claims", "claimed", "report", "reports", "reported", "announce", "announces", "announced",
	"stated", "add", "adds", "added", "note", "notes", "noted", "warn", "warns", "warned",
	"insist", "insists", "insisted", "confirm", "confirms", "confirmed", "reveal", "reveals", "revealed",
	"believe", "believes", "cite", "cites", "cited", "counted", "count", "counts", "find", "finds", "found",
	"identified", "identifies", "calculated", "calculates", "put", "puts", "putting", "wrote", "writes",
	"explained", "explains", "acknowledged", "admitted", "argued", "argues", "suggested", "suggests",
	"projects", "projected", "forecast", "forecasts", "predicted", "predicts", "maintained", "maintains", "judged", "judges",
	"сообщил", "сообщила", "сообщило", "сообщили", "сообщает", "сообщают", "сообщал", "сообщала", "сообщали",
	"заявил", "заявила", "заявило", "заявили", "заявляет", "заявляют", "заявлял", "заявляли",
	"сказал", "сказала", "сказали", "отметил", "отметила", "отметили", "подчеркнул", "подчеркнула",
	"уточнил", "уточнила", "уточнили", "пояснил", "пояснила", "пояснили", "добавил", "добавила", "добавили",
	"написал", "написала", "написали", "рассказал", "рассказала", "рассказали", "утверждает", "утверждают",
	"утверждал", "считает", "считают", "оценил", "оценила", "оценили", "оценило", "оценивает", "оценивают",
	"насчитал", "насчитала", "насчитали", "насчитало", "подтвердил", "подтвердила", "подтвердили", "подтверждает",
	"подтверждал", "подтверждала", "подтверждали", "подтверждают", "указал", "указала", "указали", "указывает",
	"говорят", "говорит", "говорил", "настаивают", "настаивает", "уверяют", "уверяет", "заявляли",
	"признал", "признала", "привел", "привела", "привели", "привело", "цитирует", "информирует", "объявил", "объявила",
	"заверил", "заверила", "заверили", "подчеркнули", "проинформировали", "сообщили",
	"озвучил", "озвучила", "озвучили", "озвучило", "полагает", "полагают", "приводит", "приводят", "приводятся",
	"цитируют", "назвал", "назвала", "назвали", "назвало", "называют", "называет", "называл", "называли", "подсчитал", "подсчитала", "подсчитали", "подсчитало",
	"процитировал", "процитировала", "процитировали", "цитировал", "цитировала",
	"опубликовал", "опубликовала", "опубликовали", "опубликовало", "гласят", "гласит", "заявляла", "сообщало",
	"обнародовал", "обнародовала", "обнародовали", "обнародовало",
)

// outletVerbs name the outlet that relays a claim ("передает РИА Новости",
// "пишет газета «Известия»", "Reuters reported").
var outletVerbs = set("передает", "передают", "пишет", "пишут")

// addressees after a speech verb are skipped when looking for the speaker.
var addressees = set("reporters", "journalists", "журналистам", "репортерам", "корреспонденту", "изданию", "агентству", "телеканалу", "газете")

// prepCues introduce the claimant after them: "according to X", "по
// данным X". The value is the number of words of the cue.
var prepCues = [][]string{
	{"according", "to"}, {"citing"}, {"a", "report", "by"}, {"report", "by"}, {"estimates", "from"}, {"estimate", "from"},
	{"figures", "from"}, {"data", "from"}, {"quoted", "by"},
	{"по", "данным"}, {"по", "словам"}, {"по", "оценке"}, {"по", "оценкам"}, {"по", "расчетам"}, {"по", "сведениям"},
	{"по", "информации"}, {"по", "подсчетам"}, {"по", "мнению"}, {"по", "прогнозам"}, {"по", "прогнозу"},
	{"по", "заявлению"}, {"по", "утверждению"}, {"по", "сообщению"}, {"по", "версии"}, {"согласно", "оценке"}, {"согласно", "данным"}, {"согласно"},
	{"со", "ссылкой", "на"}, {"ссылаясь", "на"},
}

// roleWords mark a phrase as a role ("deputy foreign minister", "глава
// МВД"), by stem.
var roleWords = stemSet(
	"minister", "secretary", "president", "spokesman", "spokeswoman", "spokesperson", "director", "head", "chief",
	"official", "superintendent", "general", "commander", "governor", "mayor", "ambassador", "envoy", "reporter",
	"analyst", "expert", "researcher", "chairman", "chairwoman", "deputy", "adviser", "advisor", "aide", "leader",
	"prosecutor", "lt", "gen", "col", "colonel", "captain", "sergeant", "doctor", "dr", "professor", "correspondent", "editor", "senator", "spokesmen", "representative",
	"министр", "министра", "глава", "главы", "директор", "директора", "замдиректора", "заместитель", "заместителя",
	"помощник", "помощника", "руководитель", "руководителя", "представитель", "представителя", "полпред",
	"председатель", "генерал", "губернатор", "мэр", "президент", "пресс-секретарь", "спикер", "эксперт", "депутат",
	"посол", "командующий", "начальник", "замглавы", "замминистра", "первый", "генерала", "армии",
	"полковник", "подполковник", "майор", "лейтенант", "генерал-майор", "генерал-лейтенант", "вице-президент",
	"вице-премьер", "премьер-министр", "активист", "замглавреда", "главред", "лидер", "дипломат",
)

// orgWords mark a phrase as naming an organisation or a group, by stem.
var orgWords = stemSet(
	"police", "ministry", "army", "military", "government", "authorities", "officials", "organisers", "organizers",
	"demonstrators", "protesters", "campaign", "group", "council", "committee", "agency", "office", "department",
	"service", "services", "union", "center", "centre", "institute", "organisation", "organization", "pentagon",
	"command", "commission", "court", "bureau", "administration", "force", "forces", "guard", "coalition",
	"intelligence", "kremlin", "observatory", "monitor", "estimates", "volunteers", "activists", "data", "figures",
	"полиция", "полиции", "министерство", "ведомство", "комитет", "организаторы", "власти", "служба", "пресс-служба",
	"центр", "минздрав", "минфин", "мчс", "мвд", "фсб", "ск", "гумвд", "главк", "управление", "волонтеры", "спецслужбы",
	"портал", "проект", "штаб", "правительство", "администрация", "минобороны", "ведомства", "прокуратура",
	"органы", "органах", "оппозиция", "правозащитники", "полицейские", "силовики", "правоохранители",
	"university", "университет", "палата", "дума", "комиссия", "инспекция", "кремль", "кремле", "кремля",
)

// outletWords mark a phrase as naming a news outlet, by stem.
var outletWords = stemSet(
	"newspaper", "daily", "weekly", "broadcaster", "channel", "tv", "radio", "magazine", "outlet",
	"reuters", "ap", "afp", "bbc", "cnn", "abc", "nbc", "cbs", "efe", "kommersant", "interfax", "tass", "ria",
	"newsweek", "times", "post", "journal", "guardian", "independent", "telegraph", "izvestia", "vedomosti",
	"газета", "издание", "телеканал", "радио", "агентство", "интерфакс", "тасс", "риа", "коммерсант", "известия",
	"ведомости", "новости", "eadaily", "рбк", "media",
)

// pronouns stand for the last person (or, for "they" and "it", the last
// claimant of any kind).
var personPronouns = set("he", "she", "him", "his", "her", "он", "она", "его", "ее", "её", "ему", "ей")
var otherPronouns = set("they", "it", "its", "their", "они", "их", "там", "which", "who", "который", "которая", "которое", "которые")

// timeWords are skipped around a speaker: "said Thursday", "on Monday",
// "в понедельник".
var timeWords = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
	"earlier", "later", "also", "on", "last", "week", "month", "year", "now", "then", "previously", "recently",
	"has", "have", "had", "would", "will", "could", "may", "might", "is", "are", "was", "were", "be", "been",
	"сегодня", "вчера", "ранее", "накануне", "также", "тоже", "позже", "позднее", "в", "во", "понедельник", "вторник", "среду",
	"четверг", "пятницу", "субботу", "воскресенье", "вечером", "утром", "днем",
)

// notNames are capitalised words that do not start or make a name.
var notNames = set(
	"the", "a", "an", "but", "and", "however", "in", "on", "at", "of", "for", "by", "to", "from", "with", "as", "it",
	"this", "that", "these", "those", "there", "he", "she", "they", "we", "i", "his", "her", "their", "our", "if",
	"so", "yet", "meanwhile", "now", "then", "when", "while", "although", "after", "before", "since", "despite",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october", "november", "december", "according",
	"в", "во", "на", "по", "с", "со", "и", "а", "но", "об", "о", "это", "этом", "он", "она", "они", "как", "при",
	"при", "после", "до", "для", "из", "у", "к", "за", "согласно", "ранее", "накануне", "также",
	// What is cited, capitalised only to open a sentence: "Слова
	// Силуанова подтвердил Песков" names Силуанов, not "Слова Силуанова".
	"слова", "данные", "цифры", "оценки", "сведения",
)

func stemSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[stem(w)] = true
	}
	return m
}

// durationWords make a figure a duration ("six-week strike", "3 hours").
var durationWords = stemSet(
	"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
	"year", "years", "decade", "decades", "century", "centuries", "weekend",
	"секунд", "минут", "минуты", "час", "часа", "часов", "день", "дня", "дней", "сутки", "суток", "неделя", "недели",
	"недель", "месяц", "месяца", "месяцев", "год", "года", "лет", "десятилетие",
)

// changeVerbs make a following "до" mean "to" ("возросло до 13") and a
// following "from X to Y" two figures ("grew from $464 million to $824
// million"), by stem.
var changeVerbs = []string{
	"увелич", "возрос", "вырос", "выросл", "сократ", "сниз", "снизил", "упал", "уменьш", "повыс", "поднял", "доведен", "довест", "дорос",
	"grew", "rose", "risen", "fell", "fallen", "jumped", "increased", "decreased", "climbed", "dropped", "declined", "soared", "went", "surged", "plunged", "doubled", "raised", "cut",
}

// smallWords are the number words that may refer rather than count.
var smallWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both")

// determiners before a small number word make it refer ("the two leaders").
var determiners = set("the", "these", "those", "its", "their", "his", "her", "our", "all", "эти", "этих", "оба", "обе", "обоих", "все", "всех")

// ruSpeechStems open the Russian verbs of saying in all their genders,
// numbers and aspects ("заявил", "заявила", "заявило", "заявляет",
// "заявят"; "отметил", "отмечают"): ruSpeechVerb reads a word as one of
// them by its stem and a verb's ending, so that no form is left out of a
// list.
var ruSpeechStems = []string{
	"заяв", "сообщ", "рассказ", "отмет", "отмеч", "подчеркн", "подчеркив", "уточн", "призна", "оцен", "добав",
	"поясн", "сказа", "высказа", "указа", "указыв", "говор", "утвержда", "подтверд", "подтвержд", "объяв", "объявл",
	"озвуч", "завери", "заверя", "увери", "уверя", "напомни", "напомина", "констатир", "цитир", "прогнозир",
	"предупреди", "предупрежда", "настаива", "полага", "опроверг", "опроверга",
	"ожида", "посчита", "назва", "называ",
}

// ruVerbEndings end a Russian verb in the past ("-л", "-ла", "-ло",
// "-ли") or the third person of the present or future ("-ет", "-ит",
// "-ют", "-ят", "-ут", "-ат"); "-ся", "-сь" (reflexive, impersonal:
// "сообщается", "говорилось") and the first person ("напомним") are not
// among them.
var ruVerbEndings = []string{"л", "ла", "ло", "ли", "ет", "ит", "ют", "ят", "ут", "ат"}

// ruSpeechVerb reports whether a folded Russian word is a verb of saying
// in the past or the third person: a speech stem followed by a verb's
// ending ("сказа|л", "заяв|ило", "отмеч|ают").
func ruSpeechVerb(low string) bool {
	if len(low) < 8 || low[0] < 0x80 || strings.Contains(low, "тел") {
		return false // Latin, short, or a noun ("указатели", "заявители")
	}
	for _, st := range ruSpeechStems {
		if !strings.HasPrefix(low, st) {
			continue
		}
		for _, e := range ruVerbEndings {
			if strings.HasSuffix(low[len(st):], e) {
				return true
			}
		}
	}
	return false
}
