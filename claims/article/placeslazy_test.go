package article

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestPlacesOracle holds the candidates' places, which the reader looks up
// only for the sentences a candidate needs (placeReader), to the rule read
// the plain way: every sentence of every paragraph read in order with
// placesOf (no cache), a candidate taking its sentence's places or, where
// it names none (and no country as an actor), those of the last sentence
// before it (in any paragraph before) that named some in the locative. The texts are the corpus and
// seed texts as they are, and paragraphs of their sentences drawn at
// random, so that places named in sentences without figures, or in
// paragraphs before, come into play.
func TestPlacesOracle(t *testing.T) {
	t.Parallel()
	var texts, sents []string
	for _, name := range []string{"testdata/seed_en.txt", "testdata/ru_report.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	all := corpusTexts(t)
	for _, p := range all {
		for _, sp := range sentences(p, nil) {
			sents = append(sents, p[sp.start:sp.end])
		}
	}
	texts = append(texts, strings.Join(all, "\n\n"))
	rng := rand.New(rand.NewPCG(11, 12))
	for range 60 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			for k := range 1 + rng.IntN(6) {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(sents[rng.IntN(len(sents))])
			}
			b.WriteString("\n")
			if rng.IntN(3) == 0 {
				b.WriteString("\n")
			}
		}
		texts = append(texts, b.String())
	}
	x := New(nil, nil)
	checked, inherited := 0, 0
	for _, text := range texts {
		got := x.Extract(text)
		want, before := placesByRule(x, text, got)
		inherited += before
		for i := range got {
			if g, w := strings.Join(got[i].Places, "|"), strings.Join(want[i], "|"); g != w {
				t.Fatalf("%q at %d: places %q, the rule gives %q", got[i].Text, got[i].Start, g, w)
			}
			checked++
		}
	}
	t.Logf("%d candidates, %d with places from a sentence before theirs", checked, inherited)
	if checked < 1000 || inherited < 20 {
		t.Fatalf("only %d candidates checked, %d with places from a sentence before: the comparison says little", checked, inherited)
	}
}

// placesByRule returns the places of each candidate of text, read the
// plain way (see TestPlacesOracle), and how many of them come from a
// sentence before the candidate's.
func placesByRule(x *Extractor, text string, cs []Candidate) ([][]string, int) {
	before := 0
	out := make([][]string, len(cs))
	var last []string
	k := 0
	for base := 0; base <= len(text); {
		end := len(text)
		if nl := strings.IndexByte(text[base:], '\n'); nl >= 0 {
			end = base + nl
		}
		p := text[base:end]
		if strings.TrimSpace(p) != "" {
			sps := sentences(p, nil)
			own := make([][]string, len(sps))
			ctx := make([][]string, len(sps))
			for i, sp := range sps {
				s := sent{sp: sp, toks: tokenize(p[sp.start:sp.end], sp.start, nil, nil)}
				places, loc, actor := x.placesOf(&s, nil, nil)
				if loc {
					last = places
				}
				own[i], ctx[i] = places, places
				if len(places) == 0 && !actor {
					ctx[i] = last
				}
			}
			for ; k < len(cs) && cs[k].Start <= end; k++ {
				si := 0
				for si+1 < len(sps) && cs[k].Start-base >= sps[si+1].start {
					si++
				}
				out[k] = ctx[si]
				if len(own[si]) == 0 && len(ctx[si]) > 0 {
					before++
				}
			}
		}
		base = end + 1
	}
	return out, before
}
