package article_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/article"
)

// scanLines reads r with x.ScanAll and returns its candidates and
// refusals as JSON lines, in the order ScanAll gave them, and its error.
func scanLines(x *article.Extractor, text string, fail error, stopAfter int) ([]string, error) {
	var lines []string
	add := func(kind string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		lines = append(lines, kind+" "+string(b))
		if stopAfter > 0 && len(lines) == stopAfter {
			return article.ErrStop
		}
		return nil
	}
	var r interface{ Read([]byte) (int, error) } = strings.NewReader(text)
	if fail != nil {
		r = &errAfter{r: strings.NewReader(text), err: fail}
	}
	err := x.ScanAll(r, func(c *article.Candidate) error { return add("c", c) },
		func(rf *article.Refusal) error { return add("r", rf) })
	return lines, err
}

// TestPipelineMatchesSequential holds the streaming reader's pipeline
// (paragraphs prepared on another goroutine, in batches) to the reader that
// prepares and reads each paragraph in turn on one goroutine: the same
// candidates and refusals, in the same order, the same read error and the
// same early stop, on the corpus and the seed texts and on random texts
// made from them, with batches from one paragraph to many.
func TestPipelineMatchesSequential(t *testing.T) {
	t.Parallel()
	var paras []string
	for _, name := range []string{"testdata/seed_en.txt", "testdata/ru_report.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		paras = append(paras, strings.Split(string(b), "\n")...)
	}
	for _, p := range loadCorpus(t) {
		paras = append(paras, p.Text)
	}
	texts := []string{strings.Join(paras, "\n"), strings.Join(paras, "\n\n")}
	rng := rand.New(rand.NewPCG(11, 5000))
	for range 12 {
		texts = append(texts, randomArticle(rng, paras))
	}
	base := article.New(nil, nil)
	seq := article.WithReader(base, false, 0)
	total := 0
	for i, text := range texts {
		want, err := scanLines(seq, text, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		total += len(want)
		for _, batch := range []int{1, 700, 16 << 10, 0} {
			pipe := article.WithReader(base, true, batch)
			got, err := scanLines(pipe, text, nil, 0)
			if err != nil {
				t.Fatalf("text %d, batch %d: %v", i, batch, err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("text %d, batch %d: the pipeline differs (-sequential +pipeline):\n%s", i, batch, d)
			}
		}
		boom := errors.New("disk gone")
		wantErr, errS := scanLines(seq, text, boom, 0)
		stop := max(1, len(want)/3)
		wantStop, stopS := scanLines(seq, text, nil, stop)
		for _, batch := range []int{1, 2000} {
			pipe := article.WithReader(base, true, batch)
			gotErr, errP := scanLines(pipe, text, boom, 0)
			if !errors.Is(errS, boom) || !errors.Is(errP, boom) {
				t.Fatalf("text %d: read errors %v (sequential) and %v (pipeline), want %v", i, errS, errP, boom)
			}
			if d := cmp.Diff(wantErr, gotErr); d != "" {
				t.Fatalf("text %d, batch %d: before a read error the pipeline differs (-sequential +pipeline):\n%s", i, batch, d)
			}
			gotStop, stopP := scanLines(pipe, text, nil, stop)
			if stopS != nil || stopP != nil || len(wantStop) != stop {
				t.Fatalf("text %d: stopped with %v and %v after %d lines, want no error after %d", i, stopS, stopP, len(wantStop), stop)
			}
			if d := cmp.Diff(wantStop, gotStop); d != "" {
				t.Fatalf("text %d, batch %d: stopped early the pipeline differs (-sequential +pipeline):\n%s", i, batch, d)
			}
		}
	}
	if total < 1000 {
		t.Fatalf("only %d lines in all the texts: the comparison says little", total)
	}
}

// randomArticle makes a text from random paragraphs of paras, their
// sentences shuffled across paragraphs, with figures, number words and
// typos put in at random and blank and white-space lines between them.
func randomArticle(rng *rand.Rand, paras []string) string {
	inserts := []string{"1,500", "150,00", "1.500", "350.000", "three", "a dozen", "тысячи", "2,5 млн", "-5", "± 3",
		"about 40", "более 200 человек", "two-thirds", "12%", "$3.4 billion", "between 70 and 80", "с 13 тысяч до 20 тысяч",
		"Об этом сообщил Иван Петров.", "said John Smith, the mayor.", "\"We counted 300,\" he said.", "«Их было 500», — сказал он."}
	var sents []string
	for range 30 {
		p := paras[rng.IntN(len(paras))]
		for s := range strings.SplitSeq(p, ". ") {
			sents = append(sents, s)
		}
	}
	rng.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] })
	var b strings.Builder
	for i, s := range sents {
		words := strings.Fields(s)
		for k := range words {
			if rng.IntN(12) == 0 {
				words[k] = inserts[rng.IntN(len(inserts))]
			}
		}
		b.WriteString(strings.Join(words, " "))
		switch rng.IntN(10) {
		case 0:
			b.WriteString("\n")
		case 1:
			b.WriteString("\n\n")
		case 2:
			b.WriteString("\n \t\n")
		case 3:
			fmt.Fprintf(&b, ". %d\n", i)
		default:
			b.WriteString(". ")
		}
	}
	return b.String()
}
