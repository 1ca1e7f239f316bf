package article_test

import "testing"

// TestRelativeClauseSubject checks that a Russian relative clause between
// commas ("…, которые находились на площадках акции, …") after the
// subject leaves the subject to the verb after it, as a participial
// phrase does.
func TestRelativeClauseSubject(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"Корреспонденты «Медузы», которые находились на разных площадках акции, привели различные данные по количеству участников: от 8 до 20 тысяч человек.", "от 8 до 20 тысяч", "Медуза"},
		{"Наблюдатели «Белого счётчика», которые стояли у рамок, насчитали 25 тысяч человек.", "25 тысяч", "Белый счётчик"},
	})
}

// TestQuotedBodySpeaker checks that a quotation whose own sentence names a
// body or an outlet as the subject of a verb of saying before the figure
// gives the figure to it, not to the one quoting, as it does for a
// person; a quotation that names no one keeps the one quoting.
func TestQuotedBodySpeaker(t *testing.T) {
	t.Parallel()
	checkClaimants(t, []claimCase{
		{"«Корреспонденты «Медузы» оценили число участников в 20 тысяч человек», - отмечают в издании.", "20 тысяч", "Медуза"},
		{"«Полиция оценила число участников в 12 тысяч человек», - отмечают в издании.", "12 тысяч", "Полиция"},
		{"«Владимир Варфоломеев насчитал 25 тысяч человек», - отмечают в издании.", "25 тысяч", "Владимир Варфоломеев"},
		{"«На площади собрались 20 тысяч человек», - отмечают в издании.", "20 тысяч", "издание"},
		// Straight marks nested in straight marks.
		{`"Замглавреда "Эха Москвы" насчитал 25 тысяч. Корреспонденты "Медузы", которые были на площадках, привели данные: от 8 до 20 тысяч человек", - отмечают в издании.`, "от 8 до 20 тысяч", "Медуза"},
	})
}
