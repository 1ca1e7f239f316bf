package article

import "testing"

// TestQuoteRegionsNestedStraight checks that straight quotation marks nest
// when each reads as opening (a letter after it, none before) or closing
// (a letter or a stop before it, none after), and are paired as they come
// when they do not balance so.
func TestQuoteRegionsNestedStraight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    string
		want []string
	}{
		{`"Корреспонденты "Медузы" привели данные: от 8 до 20 тысяч человек", - отмечают в издании.`,
			[]string{`"Корреспонденты "Медузы" привели данные: от 8 до 20 тысяч человек"`}},
		{`"Замглавреда "Эха Москвы" оценил число в 20 тысяч. Корреспонденты "Медузы", которые там были, насчитали 8 тысяч", - пишет издание.`,
			[]string{`"Замглавреда "Эха Москвы" оценил число в 20 тысяч. Корреспонденты "Медузы", которые там были, насчитали 8 тысяч"`}},
		{`He called it "an international terrorist collective," and said "800 fighters" came.`,
			[]string{`"an international terrorist collective,"`, `"800 fighters"`}},
		// «…» and "…" side by side, in their order.
		{`"Мы видели 300 человек", - сказал он, а полиция «насчитала 200».`,
			[]string{`"Мы видели 300 человек"`, `«насчитала 200»`}},
		// Unbalanced (the third mark is never closed): paired as they
		// come.
		{`Он сказал "100 и 200" потом "300.`, []string{`"100 и 200"`}},
		// Unbalanced straight marks (the first opens, the second opens
		// again and is never closed) with guillemets after the second:
		// paired as they come, the guillemets are outside them and count.
		{`Газета "Новая "Жизнь пишет: «Пришли 40 тысяч человек», - сказал он.`,
			[]string{`"Новая "`, `«Пришли 40 тысяч человек»`}},
		{`Как сообщил "Коммерсант "со ссылкой на источник, «на митинг пришли 40 тысяч человек», - заявил Иван Петров.`,
			[]string{`"Коммерсант "`, `«на митинг пришли 40 тысяч человек»`}},
		// Balanced nested straight marks with guillemets where the
		// toggling would be inside a pair: the nesting holds.
		{`Сотрудник" «видел 300 человек» "Медузы" сказал".`,
			[]string{`«видел 300 человек»`, `"Медузы"`}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range quoteRegions(tt.p, nil) {
			got = append(got, tt.p[sp.start:sp.end])
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: %q, want %q", tt.p, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: %q, want %q", tt.p, got, tt.want)
				break
			}
		}
	}
}
