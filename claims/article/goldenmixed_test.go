package article_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// mixedText builds about size bytes of running news text in English and
// Russian: paragraphs of one to six sentences drawn at random from every
// text the package's tests read, a third of their digits changed at
// random, separated by one newline or, one time in four, a blank line.
// The same size gives the same text.
func mixedText(tb testing.TB, size int) string {
	tb.Helper()
	var sents []string
	add := func(t string) {
		for _, s := range strings.SplitAfter(t, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				sents = append(sents, s)
			}
		}
	}
	for _, p := range loadCorpus(tb) {
		add(p.Text)
	}
	for _, name := range []string{"testdata/seed_en.txt", "testdata/ru_report.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			add(l)
		}
	}
	rng := rand.New(rand.NewPCG(11, 12))
	var b strings.Builder
	b.Grow(size + 4096)
	for b.Len() < size {
		for k := range 1 + rng.IntN(6) {
			if k > 0 {
				b.WriteByte(' ')
			}
			s := []byte(sents[rng.IntN(len(sents))])
			for j, c := range s {
				if '0' <= c && c <= '9' && rng.IntN(3) == 0 {
					s[j] = byte('0' + rng.IntN(10))
				}
			}
			b.Write(s)
		}
		if rng.IntN(4) == 0 {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// mixedGoldenSize is the length of the text TestGoldenMixed reads.
const mixedGoldenSize = 2 << 20

// TestGoldenMixed holds the extractor, on 2 MB of mixed English and
// Russian text (mixedText), to the SHA-256 sums recorded in
// testdata/golden_mixed.txt of its output as ScanAll streams it (what
// claimdesk extract prints) and as ExtractAll reads the whole text: every
// candidate and refusal, in order, as encoding/json writes it. Like
// TestGolden it is rewritten with -golden.update; a change made for speed
// leaves it as it is.
func TestGoldenMixed(t *testing.T) {
	t.Parallel()
	text := mixedText(t, mixedGoldenSize)
	x := article.New(nil, nil)
	line := func(h hash.Hash, v any) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		h.Write(b.Bytes())
	}
	scan, n := sha256.New(), 0
	if err := x.ScanAll(strings.NewReader(text), func(c *article.Candidate) error {
		line(scan, c)
		n++
		return nil
	}, func(rf *article.Refusal) error {
		line(scan, rf)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	whole := sha256.New()
	cs, rs := x.ExtractAll(text)
	for i := range cs {
		line(whole, &cs[i])
	}
	for i := range rs {
		line(whole, &rs[i])
	}
	got := fmt.Sprintf("ScanAll %s\nExtractAll %s\n", hex.EncodeToString(scan.Sum(nil)), hex.EncodeToString(whole.Sum(nil)))
	if *updateGolden {
		if err := os.WriteFile("testdata/golden_mixed.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden_mixed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if n < 5000 || len(cs) != n {
		t.Fatalf("ScanAll gave %d candidates, ExtractAll %d: want the same, at least 5,000", n, len(cs))
	}
	if got != string(want) {
		t.Fatalf("the output on %d bytes of mixed text differs from testdata/golden_mixed.txt:\n got: %s\nwant: %s", len(text), got, want)
	}
}
