package article_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestCataphor checks that a Russian personal pronoun met before anyone is
// named ("«…», — приводит ТАСС его слова." opening the text) stands for
// the next person named as a speaker, in that paragraph or the next; with
// no one named after it, or in English, the figures stay no one's.
func TestCataphor(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"«К сожалению, число жертв растет. Сейчас их 350 человек», — приводит ТАСС его слова.\nМихаил Мишустин добавил, что ранены еще 40 человек.", "350 человек", "Михаил Мишустин"},
		{"«Сейчас их 350 человек», — приводит ТАСС ее слова. Ранее сообщалось о 300 погибших.\nОльга Любимова добавила, что в больницах 40 человек.", "350 человек", "Ольга Любимова"},
		{"«Сейчас их 350 человек», — цитирует его «Интерфакс».\nМихаил Мишустин добавил, что ранены еще 40 человек.", "350 человек", "Михаил Мишустин"},
		{"«Сейчас их 350 человек», — приводит ТАСС его слова.\nРанее сообщалось о 300 погибших.", "350 человек", ""},
		{"\"There are now 350 dead,\" he told reporters.\nJohn Smith added that 40 were injured.", "350 dead", ""},
	})
}

// TestRussianCitedPronounOutletOfWords checks that "приводит X его
// слова" is read as a verb of saying whatever the number of words in the
// outlet's name: the pronoun stands for the person the text names next,
// and the outlet is kept.
func TestRussianCitedPronounOutletOfWords(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	const next = "\nМихаил Мишустин добавил, что ранены еще 40 человек."
	for _, tt := range []struct{ text, outlet string }{
		{"«Сейчас их 350 человек», — приводит ТАСС его слова." + next, "ТАСС"},
		{"«Сейчас их 350 человек», — приводит РИА Новости его слова." + next, "РИА Новости"},
		{"«Сейчас их 350 человек», — приводит «Российская газета» его слова." + next, "Российская газета"},
	} {
		checkClaimant(t, x.Extract(tt.text), tt.text, "350 человек", "=Михаил Мишустин", tt.outlet)
	}
}
