package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// claimCase is a sentence written for a test, a figure in it (the start of
// a candidate's text) and who is expected to claim it: "" for no one, a
// name to be held by the claimant's name, or "=name" for the name exactly.
type claimCase struct{ text, quantity, claimant string }

func checkClaimants(t *testing.T, tests []claimCase) {
	t.Helper()
	x := article.New(nil, nil)
	for _, tt := range tests {
		checkClaimant(t, x.Extract(tt.text), tt.text, tt.quantity, tt.claimant, "")
	}
}

// candidateOf returns the candidate of cs, extracted from text, that
// quantity names: the one whose text is quantity, else the one whose text
// begins with it. No such candidate, or two that begin with it and none
// that is it (an ambiguous case, an error of the test), is an error, and
// nil.
func candidateOf(t *testing.T, cs []article.Candidate, text, quantity string) *article.Candidate {
	t.Helper()
	var got *article.Candidate
	n := 0
	for i := range cs {
		if cs[i].Text == quantity {
			return &cs[i]
		}
		if strings.HasPrefix(cs[i].Text, quantity) {
			got = &cs[i]
			n++
		}
	}
	if got == nil {
		t.Errorf("%q: no candidate %q", text, quantity)
		return nil
	}
	if n > 1 {
		t.Errorf("%q: %d candidates begin with %q", text, n, quantity)
		return nil
	}
	return got
}

// checkClaimant checks the claimant (and, when outlet is not "", the
// outlet) of the candidate of cs, extracted from text, that quantity
// names (candidateOf).
func checkClaimant(t *testing.T, cs []article.Candidate, text, quantity, claimant, outlet string) {
	t.Helper()
	got := candidateOf(t, cs, text, quantity)
	if got == nil {
		return
	}
	name := ""
	if got.Claimant != nil {
		name = got.Claimant.Name
	}
	if want, exact := strings.CutPrefix(claimant, "="); exact {
		if name != want {
			t.Errorf("%q: claimant of %q = %q, want exactly %q", text, quantity, name, want)
		}
	} else if (claimant == "") != (name == "") || !strings.Contains(strings.ToLower(name), strings.ToLower(claimant)) {
		t.Errorf("%q: claimant of %q = %q, want %q", text, quantity, name, claimant)
	}
	if outlet != "" && got.Outlet != outlet {
		t.Errorf("%q: outlet of %q = %q, want %q", text, quantity, got.Outlet, outlet)
	}
}

// TestRussianSpeechVerbs checks that a Russian verb of saying is known in
// any gender, number, tense and aspect, not only in the forms a list
// happens to hold; and that a reflexive (impersonal) form names no one.
func TestRussianSpeechVerbs(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"В МЧС отмечают, что эвакуированы 300 человек.", "300 человек", "=МЧС"},
		{"Росстат уточняет, что в регионе 40 тысяч безработных.", "40 тысяч", "=Росстат"},
		{"Минобороны подчеркнуло, что уничтожены 40 боевиков.", "40 боевиков", "=Минобороны"},
		{"Губернатор Иван Сидоров признает, что пострадали 70 человек.", "70 человек", "=Иван Сидоров"},
		{"Пострадали 15 человек, поясняет пресс-служба МВД.", "15 человек", "МВД"},
		{"Задержаны 20 человек, добавили в полиции.", "20 человек", "=полиция"},
		{"«Пострадали 30 человек», — рассказывает Иван Петров.", "30 человек", "=Иван Петров"},
		{"Ведущий митинга Олег Иванов высказал мнение, что пришли 90 тысяч человек.", "90 тысяч", "=Олег Иванов"},
		{"Прокуратура указывает, что ущерб составил 5 млн рублей.", "5 млн рублей", "=Прокуратура"},
		{"Мэр Анна Петрова констатировала, что затоплены 200 домов.", "200 домов", "=Анна Петрова"},
		{"Росгидромет предупреждает, что осадков выпадет до 40 мм.", "до 40 мм", "=Росгидромет"},
		{"Аналитики Сбербанка ожидают роста ВВП на 2%.", "2%", "=Аналитики Сбербанка"},
		{"В полиции посчитали, что пришли 9 тысяч человек.", "9 тысяч", "=полиция"},
		{"Ожидается, что придут 20 тысяч человек.", "20 тысяч", ""},
		// Not verbs of saying: a noun, a reflexive form.
		{"Указатели стоят через каждые 50 метров.", "50 метров", ""},
		{"Ранее сообщалось о 17 погибших.", "17 погибших", ""},
	})
}

// TestRussianChangeReadings checks two readings of figures the parser
// alone gets wrong: "до" after a verb of change and a factor or a dash is
// the new figure, not a bound; a scale before its figure in a short
// quotation ("«Тут тысяч 50–60»") is a count, not a label.
func TestRussianChangeReadings(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity string
		low, high      float64
		likely         bool
	}{
		{"Число эвакуированных выросло почти в два раза - до 140 человек.", "140 человек", 140, 140, true},
		{"Число раненых увеличилось в три раза до 45.", "45", 45, 45, true},
		{"Количество задержанных выросло на треть — до 120 человек.", "120 человек", 120, 120, true},
		{"«Тут тысяч 20–30, не меньше», — написал Иван Петров.", "тысяч 20–30", 20000, 30000, true},
		// No verb of change: "до" bounds the figure.
		{"На стадионе поместятся до 140 человек.", "до 140 человек", 0, 140, true},
	}
	for _, tt := range tests {
		var got *article.Candidate
		cs := x.Extract(tt.text)
		for i := range cs {
			if cs[i].Text == tt.quantity {
				got = &cs[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no candidate %q", tt.text, tt.quantity)
			continue
		}
		low := 0.0
		if got.Low != nil {
			low = *got.Low
		}
		if low != tt.low || got.High == nil || *got.High != tt.high || got.LikelyClaim != tt.likely {
			t.Errorf("%q: %q reads %v..%v likely %v, want %v..%v likely %v", tt.text, tt.quantity, low, got.High, got.LikelyClaim, tt.low, tt.high, tt.likely)
		}
	}
}

// TestCarryOver checks that reported speech running over several
// sentences keeps its speaker until another attribution is made, an
// attribution closes what it attributes, or the article's own voice
// resumes; and that figures said by no one ("ранее сообщалось о …") stay
// no one's.
func TestCarryOver(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"Представитель МЧС Олег Иванов сообщил, что погибли 12 человек. Еще 30 пострадавших доставлены в больницы.", "30 пострадавших", "=Олег Иванов"},
		{"Представитель МЧС Олег Иванов сообщил, что погибли 12 человек. Кроме того, в больницы доставлены 30 пострадавших.", "30 пострадавших", "=Олег Иванов"},
		// A quotation of several sentences, a dialogue dash opening the
		// next paragraph, an announcement with no figure of its own.
		{"Министр Иван Петров заявил: «Погибли 5 человек. В больницах остаются 12 раненых. Спасены 40 человек»", "40 человек", "=Иван Петров"},
		{"Министр Иван Петров заявил, что погибли 5 человек.\n— В больницах остаются 12 раненых.", "12 раненых", "=Иван Петров"},
		{"Министр Иван Петров заявил, что погибли 5 человек.\n«В больницах остаются 12 раненых.", "12 раненых", "=Иван Петров"},
		{"Оперативный штаб обнародовал новые данные.\nПострадали 43 человека.", "43 человека", "=Оперативный штаб"},
		// The article's own facts after the speech, in the paragraph or
		// after it, are no one's.
		{"Представитель МЧС Олег Иванов сообщил, что погибли 12 человек. В больницы доставлены 30 пострадавших.", "30 пострадавших", ""},
		{"Министр Иван Петров заявил, что в результате обрушения погибли 43 человека. Рядом расположен стадион на 45 тысяч мест.", "45 тысяч", ""},
		// A closed Russian inner quotation („…“) opens nothing: “ closes „.
		{"Глава компании „Ромашка“ Иван Петров заявил, что в результате обрушения погибли 43 человека. Рядом расположен стадион на 45 тысяч мест.", "45 тысяч", ""},
		{"Глава МЧС Владимир Пучков заявил, что погибли 10 человек.\n\nГород с населением 300 тысяч человек расположен на берегу реки. В 2019 году здесь построили 5 школ.\n\nВ прошлом году бюджет региона составил 40 миллиардов рублей.", "300 тысяч", ""},
		{"Глава МЧС Владимир Пучков заявил, что погибли 10 человек.\n\nГород с населением 300 тысяч человек расположен на берегу реки. В 2019 году здесь построили 5 школ.\n\nВ прошлом году бюджет региона составил 40 миллиардов рублей.", "5 школ", ""},
		{"Глава МЧС Владимир Пучков заявил, что погибли 10 человек.\n\nГород с населением 300 тысяч человек расположен на берегу реки. В 2019 году здесь построили 5 школ.\n\nВ прошлом году бюджет региона составил 40 миллиардов рублей.", "40 миллиардов", ""},
		{"Глава МЧС Владимир Пучков заявил, что погибли 10 человек.\nВ городе живут 300 тысяч человек.", "300 тысяч", ""},
		// A paragraph that counts again what the speaker counted goes on
		// with the speech.
		{"Правозащитный центр «Наблюдатель» сообщает о 400 задержанных.\nБольше всего задержанных в Казани – 120 человек, в Самаре – 45.", "45", "Наблюдатель"},
		{"Оперативный штаб обнародовал новые данные. Пострадали 43 человека, передает ТАСС. Число госпитализированных выросло до 20.", "20", "=Оперативный штаб"},
		{"Оперативный штаб обнародовал новые данные. Если ранее сообщалось о 20 пострадавших, то теперь их 31.", "20 пострадавших", ""},
		{"Оперативный штаб обнародовал новые данные. Если ранее сообщалось о 20 пострадавших, то теперь их 31.", "31", "=Оперативный штаб"},
		// A closing attribution, the article's own voice, an unnamed
		// source, an impersonal report: the speech does not run on.
		{"«Погибли 5 человек», — сказал губернатор Иван Петров. Всего в доме жили 40 человек.", "40 человек", ""},
		{"МЧС сообщило, что погибли 5 человек. Напомним, в прошлом году пожар унес жизни 12 человек.", "12 человек", ""},
		{"МЧС сообщило, что погибли 5 человек. Таким образом, число жертв достигло 17.", "17", ""},
		{"МЧС сообщило, что погибли 5 человек. Источник в полиции сообщил, что задержаны 3 человека. В розыске 2 подозреваемых.", "2 подозреваемых", ""},
		{"МЧС сообщило, что погибли 5 человек. Ранее сообщалось о 3 погибших. В больнице остаются 8 человек.", "8 человек", ""},
		{"Police said 300 people were arrested. The march drew 5,000 people.", "5,000", ""},
		{"МЧС сообщило, что погибли 5 человек. По различным данным, в акции приняли участие до 500 человек.", "до 500 человек", ""},
		{"Ранее в минздраве сообщали о 11 погибших. Мост длиной 120 метров был построен в 1976 году.", "120 метров", ""},
		{"Глава МЧС Иван Сидоров заявил, что спасены 12 человек.\n\nЧисло пострадавших составляет от 30 до 40 человек.\nОб этом говорится в докладе Совбеза ООН.", "от 30 до 40", "=Совбез ООН"},
		{"Иван Петров заявил, что пришли 100 тысяч человек. В полиции опровергли эти данные. «Там было около 20 тысяч человек», — издало пресс-релиз ведомство.", "около 20 тысяч", "полиция"},
		// A participial phrase after the subject, closed or not.
		{"Оперативный штаб, работающий на месте пожара в торговом центре обнародовал данные: пострадали 43 человека.", "43 человека", "=Оперативный штаб"},
		{"Оперативный штаб, работающий на месте пожара, сообщил, что пострадали 43 человека.", "43 человека", "=Оперативный штаб"},
	})
}

// TestRussianClauses checks the figures of a "что" clause, of dialogue
// set off by dashes, and of an outlet or a body named as the source.
func TestRussianClauses(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		// "X утверждает, что Y насчитали N": X's claim, reporting Y's count.
		{"Газета «Вечерний город» утверждает, что полицейские насчитали сначала 40 тысяч участников.", "40 тысяч", "=Вечерний город"},
		{"Иван Петров со сцены сообщил, что полиция насчитала 30 тысяч человек.", "30 тысяч", "=Иван Петров"},
		// …but a clause of its own after a comma has its own speaker.
		{"В МЧС настаивают, что погибли 50 человек, СК сообщает о 45 погибших.", "45 погибших", "=СК"},
		{"В МЧС настаивают, что погибли 50 человек, СК сообщает о 45 погибших.", "50 человек", "=МЧС"},
		// Dialogue dashes.
		{"Глава МЧС Иван Сидоров прибыл на место.\n— Погибли 12 человек, еще 40 ранены, — заявил он.", "40 ранены", "=Иван Сидоров"},
		{"Погибли 7 человек, — сказал Иван Петров.", "7 человек", "=Иван Петров"},
		{"— Под завалами остаются 20 человек, — сообщил журналистам мэр города Олег Смирнов. — Еще 5 числятся пропавшими.", "5", "=Олег Смирнов"},
		// An outlet that reports is the source; a body in "по данным" the claimant.
		{"Погибли 7 человек, сообщает РИА Новости.", "7 человек", "=РИА Новости"},
		{"Как сообщает ТАСС, пострадали 8 человек.", "8 человек", "=ТАСС"},
		{"По данным МВД, задержаны 40 человек, сообщает РИА Новости.", "40 человек", "=МВД"},
		// An interlocutor is the one the outlet spoke to, named before;
		// an unnamed source, however described, is no one.
		{"Число погибших выросло до 12, сообщили в экстренных службах.\n«Погибших уже 12, раненых 30», — цитирует собеседника в экстренных службах ТАСС.", "30", "экстренных службах"},
		{"«Погибших уже 12, раненых 30», — цитирует ТАСС собеседника в экстренных службах.", "30", ""},
		{"От 35 до 40 боевиков уничтожены, сообщил сирийский военный источник.", "От 35 до 40", ""},
		{"МЧС сообщило, что погибли 5 человек.\nВ больнице находятся 8 человек, сообщил ТАСС осведомленный источник.", "8 человек", ""},
		// An outlet that learned or gives the figures is their source;
		// what "стало известно" to no one named is the article's own.
		{"Как стало известно «Интерфаксу», погибли 5 человек.", "5 человек", "=Интерфакс"},
		{"Как стало известно РБК, в отставку подали 12 сотрудников.", "12 сотрудников", "=РБК"},
		{"МЧС сообщило о 3 погибших. Как стало известно, погибли 5 человек.", "5 человек", ""},
		{"Данные о 17 погибших приводит ТАСС.", "17 погибших", "=ТАСС"},
		{"Данные о 17 погибших приводит ТАСС со ссылкой на МЧС.", "17 погибших", "=МЧС"},
		// A second source given after a comma and a dash.
		{"По оценкам организаторов, в шествии приняли участие до 30 тысяч человек, по данным полиции — 12 тысяч.", "12 тысяч", "=полиция"},
		// A linking phrase before the subject is no part of it.
		{"В то же время полиция оценивает число митингующих в 7 тыс. человек.", "7 тыс.", "=полиция"},
		{"В тоже время МВД насчитало 9 тысяч человек.", "9 тысяч", "=МВД"},
		// Journalists at large name no one; a named outlet's do.
		{"По оценкам российских журналистов, пришли не менее 15 тысяч человек.", "не менее 15 тысяч", ""},
		{"По оценкам журналистов «Медиазоны», пришли не менее 15 тысяч человек.", "не менее 15 тысяч", "Медиазон"},
	})
}
