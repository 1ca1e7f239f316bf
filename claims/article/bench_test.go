package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// benchArticle builds an article of about n words from the corpus
// passages, one paragraph each, in English and Russian.
func benchArticle(tb testing.TB, n int) string {
	tb.Helper()
	ps := loadCorpus(tb)
	var b strings.Builder
	words := 0
	for words < n {
		for _, p := range ps {
			b.WriteString(p.Text)
			b.WriteString("\n\n")
			words += len(strings.Fields(p.Text))
			if words >= n {
				break
			}
		}
	}
	return b.String()
}

// BenchmarkArticle5000Words extracts claim candidates from a 5,000-word
// article; BenchmarkArticle5000WordsQuantityOnly is the baseline in the
// same run: the quantity parser alone, which the extractor wraps.
func BenchmarkArticle5000Words(b *testing.B) {
	text := benchArticle(b, 5000)
	x := article.New(nil, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Extract(text)
	}
}

func BenchmarkArticle5000WordsQuantityOnly(b *testing.B) {
	text := benchArticle(b, 5000)
	p := quantity.New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		p.Extract(text)
	}
}
