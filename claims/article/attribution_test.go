package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestAttribution checks the attribution constructions one by one, on
// sentences written for the test (not from the corpus).
func TestAttribution(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity, claimant, outlet string
	}{
		{"More than 300 people were arrested, police said.", "More than 300", "police", ""},
		{"Police estimated the crowd at 20,000, while organisers put it at 100,000.", "20,000", "Police", ""},
		{"Police estimated the crowd at 20,000, while organisers put it at 100,000.", "100,000", "organisers", ""},
		{"\"We counted 450 bodies,\" said Anna Lee, a doctor at the city hospital. \"Another 30 are missing.\"", "30", "Anna Lee", ""},
		{"Ivan Petrov, the regional governor, said on Friday that 45 schools had closed.", "45", "Ivan Petrov", ""},
		{"The army's spokesman, Colonel John Smith, told the BBC that about 2,000 troops had left. Smith said another 500 would follow.", "500", "John Smith", ""},
		{"The ministry said 12 people died. According to the Red Cross, the toll is at least 40.", "at least 40", "Red Cross", ""},
		{"At least 40 people died, according to the Red Cross.", "At least 40", "Red Cross", ""},
		{"The city spent $3 million on the parade.", "$3 million", "", ""},
		{"Согласно оценке полиции, в акции участвуют около 3 тыс. человек, сообщает пресс-служба ГУ МВД.", "около 3 тыс.", "полиция", ""},
		{"Волонтеры проекта «Счетчик» насчитали 12,5 тыс. участников.", "12,5 тыс.", "Счетчик", ""},
		{"По данным портала «Медиазона», задержаны 14 человек.", "14 человек", "Медиазона", ""},
		{"Пресс-служба МЧС заявила, что эвакуированы до 300 человек.", "до 300 человек", "МЧС", ""},
		{"Организаторы уверяют, что участников было более 50 тысяч.", "более 50 тысяч", "Организаторы", ""},
		{"По словам Петрова, которые передает «Интерфакс», в отряде служат около 400 человек.", "около 400 человек", "Петров", "Интерфакс"},
		{"Министр обороны Иван Петров выступил в Думе. «В отряде около 400 бойцов», — утверждает Петров. Причем 300 из них, уточнил он, прошли подготовку.", "300", "Иван Петров", ""},
		{"В регионе работают 40 врачей. Об этом заявил в Казани глава ведомства, генерал Иван Сидоров, сообщает ТАСС.", "40 врачей", "Иван Сидоров", "ТАСС"},
		{"Глава МЧС Иван Сидоров прибыл на место. «Сегодня погибли 5 человек. Еще 12 ранены», - сказал он.", "12", "Иван Сидоров", ""},
		{"В МЧС подтвердили информацию. Там также уточнили, что удалось спасти 20 человек.", "20 человек", "МЧС", ""},
		{"Министр финансов Иван Сидоров выступил на форуме. По словам министра, резерв составит 50 млрд рублей.", "50 млрд рублей", "Иван Сидоров", ""},
		{"Как сообщил помощник губернатора Олег Иванов, пострадали 7 человек.", "7 человек", "Олег Иванов", ""},
		{"По словам главы МВД Владимира Смирнова, в розыске находятся 60 человек.", "60 человек", "Владимир Смирнов", ""},
		// A claimant prefixed with "=" must be the name exactly.
		{"В отряде служат до 500 человек. Такие данные озвучил представитель штаба Олег Иванов.", "до 500 человек", "=Олег Иванов", ""},
		{"Министр Иван Петров выступил в Думе. «Их около 200», — приводятся слова Петрова в сообщении ведомства.", "около 200", "=Иван Петров", ""},
		{"Эвакуированы 40 человек, заявил на вечернем брифинге глава МЧС Иван Сидоров.", "40 человек", "=Иван Сидоров", ""},
		{"Пострадали 12 человек. Об этом сообщили ТАСС в пресс-службе МЧС.", "12 человек", "МЧС", "ТАСС"},
		{"В регионе работают 300 наблюдателей. Об этом говорится в докладе Комитета ООН.", "300 наблюдателей", "=Комитет ООН", ""},
		{"Министр Иван Сидоров выступил на форуме. «Потрачено 2 трлн руб.», — цитирует «Интерфакс» господина Сидорова.", "2 трлн руб.", "=Иван Сидоров", "Интерфакс"},
		{"Губернатор Иван Сидоров прибыл на место. «Погибли 3 человека», — цитирует его РИА Новости.", "3 человека", "=Иван Сидоров", "РИА Новости"},
		{"Губернатор прибыл на место. «Погибли 3 человека», — цитирует его РИА Новости.", "3 человека", "", ""},
		{"Ранее мэр Москвы заявил, что пострадали 15 человек.", "15 человек", "=мэр Москвы", ""},
		{"Как отметили в штабе, спасены 8 человек.", "8 человек", "=штаб", ""},
		{"Резервный фонд исчерпан, заявил глава Минфина Иван Сидоров. По его словам, потрачено 1,5 трлн руб. Траты фонда составят около 600 млрд руб., добавил министр.", "1,5 трлн руб.", "=Иван Сидоров", ""},
		{"Резервный фонд исчерпан, заявил глава Минфина Иван Сидоров. По его словам, потрачено 1,5 трлн руб. Траты фонда составят около 600 млрд руб., добавил министр.", "около 600 млрд руб.", "=Иван Сидоров", ""},
		{"Митинг собрал менее 1000 человек. При этом организаторы ждали 5000 человек. Об этом сообщает пресс-служба МВД.", "менее 1000 человек", "МВД", ""},
		{"At the “Peace March” organizers told reporters that 40,000 people came.", "40,000", "=organizers", ""},
	}
	for _, tt := range tests {
		var got *article.Candidate
		cs := x.Extract(tt.text)
		for i := range cs {
			if cs[i].Text == tt.quantity || strings.HasPrefix(cs[i].Text, tt.quantity) {
				got = &cs[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no candidate %q", tt.text, tt.quantity)
			continue
		}
		name := ""
		if got.Claimant != nil {
			name = got.Claimant.Name
		}
		if want, exact := strings.CutPrefix(tt.claimant, "="); exact {
			if name != want {
				t.Errorf("%q: claimant of %q = %q, want exactly %q", tt.text, tt.quantity, name, want)
			}
		} else if tt.claimant == "" && name != "" || tt.claimant != "" && !strings.EqualFold(name, tt.claimant) && !strings.Contains(strings.ToLower(name), strings.ToLower(tt.claimant)) {
			t.Errorf("%q: claimant of %q = %q, want %q", tt.text, tt.quantity, name, tt.claimant)
		}
		if tt.outlet != "" && got.Outlet != tt.outlet {
			t.Errorf("%q: outlet of %q = %q, want %q", tt.text, tt.quantity, got.Outlet, tt.outlet)
		}
	}
}
