// Package article turns running text (a news article, a wire report) into
// claim candidates: every quantity [quantity.Parser.Extract] finds, with
// the sentence it stands in, who made the claim, what it counts, where, and
// whether it is likely a claim at all.
//
// # What it adds to the parser
//
//   - Sentence: the sentence that holds the quantity, with the quantity's
//     byte span inside it (so a reader can highlight it) and the sentence's
//     offset in the text. Sentences end at ".", "!", "?" or "…" followed by
//     a capital letter, a digit or a quote; abbreviations ("U.S.", "Lt.",
//     "тыс.", initials) do not end them, and a line break always does.
//   - Claimant: {name, role, kind}, or nil where the text gives the figure
//     in its own voice. It is found from attribution: speech verbs ("said",
//     "told", "estimated", "сообщил", "заявил", "— сказал он"), phrases
//     ("according to", "a report by", "citing", "по данным", "по словам",
//     "согласно оценке"), quotations running over several sentences (the
//     speaker named before or after the quote), "Об этом сообщил X" naming
//     the speaker of the sentence before (so does "Такие данные сообщили
//     в пресс-службе X"), "«…», — говорится в сообщении" the body named
//     last, "собеседник агентства" the speaker named last, "заявленная
//     организаторами численность" the organisers whoever reports it, a
//     sentence opening "При этом …" the speaker of the sentence before,
//     a figure followed by "из них" that of the sentence before, even
//     across a paragraph break, an attribution inside the quotation marks between
//     dashes ("«…, — сказал Пучков. — …»"), a speaker ending the paragraph
//     before with a colon, "Такие данные озвучил X", "говорится в докладе
//     X", "приводит ТАСС слова X", "цитирует «Интерфакс» господина X", a
//     fronted topic ("Об уничтожении 200 боевиков сообщило Минобороны"),
//     a headline colon ("Аман Тулеев: …"), a verbless clause ("полиция — о
//     30 тысячах"), a statement's author in the genitive for the figure it
//     is about ("заявления российской стороны о гибели 1600 человек"), a
//     participle's agent ("цифры, озвученные руководством Южной Осетии, —
//     более 2 тысяч"), "по предварительной оценке X" (adjectives before
//     the cue's noun), a bare role as subject ("Дипломат указала") for
//     the last speaker, a sentence opening with a verb of saying and no
//     subject ("Насчитали 74 400 человек") or with "Еще" for the speaker
//     before, "Из сообщения организации «X»: «…»", "данные МВД гласят:",
//     a linking word between subject and verb ("В РИА Новости при этом
//     сообщили"), "сказал источник агентства" for the speaker named
//     before, the attributions inside a quotation no one is said to
//     speak (an article quoted whole), a passive agent ("estimated at 20,000 by police"), a
//     gerund for its clause's subject (", saying …", ", заявив, что …"), an
//     unnamed source ("источник в …", "a source", "со ссылкой на
//     источники") no claimant, and a later surname, role or
//     pronoun ("Bogdanov", "the minister", "he said", "по его словам")
//     resolved to the full name and role given earlier in the article. An
//     outlet the text names as the channel ("told Kommersant", "передает
//     РИА Новости", "сообщили Интерфаксу", "Слова Силуанова приводит ТАСС")
//     is reported as Outlet, not as the claimant; an outlet that makes the claim itself ("The BBC are saying",
//     "a report by The Independent") is the claimant, with kind "outlet".
//     Russian names are matched across case endings ("Сысоева" is
//     "Сысоев") and, where attribution puts them in an oblique case ("по
//     словам главы МВД Владимира Колокольцева"), given in the nominative.
//     A person's name in the genitive after a role in the nominative is
//     whose the role is ("Пресс-секретарь Владимира Путина добавил": the
//     press secretary, unnamed or named before with that role), told from
//     a woman's name ("Пресс-секретарь Мария Захарова добавила") by the
//     verb's gender and the name's case.
//     A hyphenated name that opens with an abbreviation ("ОВД-Инфо") is
//     an organisation; an outlet named by its address ("«Газете.Ru»",
//     "Lenta.ru") is one word and an outlet; a footnote mark glued to a
//     name ("ОВД-инфо*") is ignored; "СМИ" at large is no claimant.
//     Russian verbs of saying are known by stem and ending in every
//     gender, number, tense and aspect ("заявило", "отмечают",
//     "подчеркивает"), not from a list. Russian reported speech runs on:
//     a sentence with no attribution of its own takes the speaker of the
//     last forward attribution ("X заявил, что …", "По словам X, …") when
//     it reads as that speech going on: the speech was announced by a
//     sentence with no figure ("Штаб обнародовал новые данные."), the
//     sentence lies in an open quotation, opens with a word that adds to
//     what was said ("Еще", "Также", "Кроме того", "Из них", "Он"), or
//     counts again what the speaker counted ("о 400 задержанных. …
//     Больше всего задержанных в Казани – 120"). Any other sentence with
//     a claim is the article's own and ends the speech, and so does a
//     paragraph that opens otherwise or with no dialogue dash or
//     quotation mark. It ends as well when another attribution is made,
//     one closes what it attributes ("…, — сказал X."), one names no one
//     ("источник", "по различным данным", "Как стало известно", an
//     impersonal "ранее сообщалось о …" over its clause), or the article's
//     own voice resumes ("Напомним", "Ранее", "Таким образом", "В то же
//     время", "Между тем"). A figure in a "что" clause whose own verb of
//     saying has another subject is the outer speaker's ("издание X
//     утверждает, что полицейские насчитали …").
//   - Counted: a short noun phrase for what is counted: the words after the
//     figure ("800 Russians fighting alongside Islamic State"), or the
//     phrase the figure is the number of ("put the number of Russians
//     fighting alongside the Islamic State in Syria alone at about 800",
//     "how many Russians were fighting", "the death toll … has risen to
//     100", "число граждан РФ … превысило 2400 человек"), or, for the later
//     items of a list ("1,500 troops to California; 1,800 to Texas"), the
//     thing the list counts. The words the parser passed over to its unit
//     open the phrase: an adjective or a noun used as one ("ballistic
//     missiles", "cruise missiles"), a qualifier, a nation's adjective or
//     a group's name ("foreign fighters", "Islamic State fighters"), a
//     model's name and number ("Leopard 2 tanks"). Articles are dropped;
//     place phrases ("in Syria", "near Raqqa") are left to Places. A verb
//     after the figure ("200 погибли", "19 получили
//     ранения") is not what is counted: only a "число X" in the figure's
//     own clause, with no other figure between, stands in for it.
//   - Places: the gazetteer's names for the places the sentence names (in
//     Russian across case endings: "в Сирии" is Syria, "в Южной Осетии"
//     South Ossetia, "в Донецкой области" Donetsk Oblast), or, where it names
//     none, those of the last sentence before it that did. A place of
//     origin ("fighters from Chechnya", "из России") and a country named as
//     an actor ("US strikes", "UK forces", "операции США", "ВС РФ",
//     "Минобороны России") are no place of the count; a sentence that
//     names only an actor has none, not an earlier sentence's.
//   - LikelyClaim and Reason: the parser already leaves out dates, years,
//     times, ordinals, model names and durations. What is left and still
//     not a claim is kept but marked LikelyClaim false with a reason an
//     analyst can read: names and labels ("Apollo 11", "Channel 4", a
//     "48%-er", a short capitalised title in quotes such as «Марш
//     миллионов»), ages ("Jones, 37"), times ("at 4 p.m.", «в 18.30»),
//     statistical parameters ("a 90 percent confidence interval", "a margin
//     of error of 3 points"), distances that place something ("в 28 км от
//     Пальмиры", "30 miles north of"), "несколько" as "somewhat"
//     ("несколько странно"), small number words that refer rather than
//     count ("the two leaders", "these three regions", a sentence that opens
//     "Four regions voted"), figures in a generic statement ("A protest
//     of 50,000 is impressive"), and the sum an outlet asks its readers
//     for ("please support us monthly starting from just $2", «поддержите
//     нас: подписка от 150 рублей в месяц»; "donors gave $2 million" stays
//     a claim).
//
// The parser's reading is corrected where the sentence around it changes
// its meaning: "до" after a verb of change ("возросло до 13 человек") is
// "to", not "up to"; "grew from $464 million to $824 million" (or
// "возросло … с 13 тысяч до 20 тысяч") is two figures, not a range;
// "приближается к пяти тысячам" is nearly five thousand; "увеличилось
// почти в два раза - до 69" is 69.
//
// # Streaming
//
// [Extractor.Extract] reads a whole text; [Extractor.Scan] reads paragraphs
// (lines) from an io.Reader and reports candidates as it goes, so memory
// stays bounded by the longest paragraph and a fixed table of the people
// and organisations met so far, whatever the length of the input. It
// prepares the next paragraphs (sentences, quantities, tokens) on a second
// goroutine, a few batches ahead, while it reads the current one with what
// the article has said so far; callbacks run on the caller's goroutine.
//
// The package imports the standard library, claims/quantity and
// claims/xref/gazetteer; it knows nothing of storage or HTTP.
package article
