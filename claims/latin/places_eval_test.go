package latin

import (
	"bufio"
	"crypto/sha1"
	"os"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// The evaluation of place recognition: testdata/places_eval.tsv holds
// Russian sentences, from the Russian passages of
// claims/article/testdata/corpus.json and written after Russian news
// pages, with the places each names labelled by hand (the span as
// written, the place's English name in the gazetteer, alternatives
// separated by |; "-" marks a span that names no place, "?" one not
// scored: a river, a dam, a self-proclaimed republic). Each sentence is in
// the tuning half or the held-out half by a hash of its text.

// evalRow is one labelled sentence.
type evalRow struct {
	half, source, sentence string
	labels                 map[string]string // span: names, "-" or "?"
}

func readEval(t *testing.T) []evalRow {
	t.Helper()
	f, err := os.Open("testdata/places_eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []evalRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 4 {
			t.Fatalf("places_eval.tsv: %q has %d fields, want 4", line, len(fields))
		}
		r := evalRow{half: fields[0], source: fields[1], sentence: fields[2], labels: map[string]string{}}
		for _, l := range strings.Split(fields[3], "; ") {
			if span, names, ok := strings.Cut(l, "="); ok {
				r.labels[span] = names
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// tokens returns the words of a sentence's parts (splitKeep's), each the
// part without the punctuation around it, and the part each is.
func tokens(parts []string) (words []string, part []int) {
	for i, p := range parts {
		start := strings.IndexFunc(p, isWordRune)
		if start < 0 {
			continue
		}
		end := strings.LastIndexFunc(p, isWordRune)
		words = append(words, p[start:end+len(string([]rune(p[end:])[0]))])
		part = append(part, i)
	}
	return words, part
}

// recognised returns the places found in a sentence, by the first and
// last of its words (tokens) that name each, as Query reads them: the
// names of several words (phrasesIn), then each other word (placeOf).
func recognised(sentence string, g Places) map[[2]int]string {
	parts := splitKeep(sentence)
	words, partOf := tokens(parts)
	tokenOf := map[int]int{}
	for k, p := range partOf {
		tokenOf[p] = k
	}
	out := map[[2]int]string{}
	covered := map[int]bool{}
	caseless := Caseless(sentence)
	for start, ph := range phrasesIn(parts, g, caseless) {
		out[[2]int{tokenOf[start], tokenOf[ph.end]}] = ph.name
		for p := start; p <= ph.end; p++ {
			covered[p] = true
		}
	}
	for k, w := range words {
		if covered[partOf[k]] || !HasCyrillic(w) {
			continue
		}
		if name, _, ok := placeOf(w, g, caseless); ok {
			out[[2]int{k, k}] = name
		}
	}
	return out
}

// spans returns where a labelled span's words stand among words.
func spans(words []string, span string) [][2]int {
	want := strings.Fields(span)
	var out [][2]int
	for i := 0; i+len(want) <= len(words); i++ {
		if equalWords(words[i:i+len(want)], want) {
			out = append(out, [2]int{i, i + len(want) - 1})
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// score counts a half's true places found (tp), places found that the
// labels do not give there (fp) and labelled places not found (fn).
func score(t *testing.T, rows []evalRow, half string, g Places) (tp, fp, fn int) {
	for _, r := range rows {
		if r.half != half {
			continue
		}
		words, _ := tokens(splitKeep(r.sentence))
		gold := map[[2]int]string{}
		for span, names := range r.labels {
			at := spans(words, span)
			if len(at) == 0 {
				t.Fatalf("places_eval.tsv: %q is not in %q", span, r.sentence)
			}
			for _, s := range at {
				gold[s] = names
			}
		}
		found := recognised(r.sentence, g)
		for s, name := range found {
			unscored := false
			for gs, names := range gold {
				if names == "?" && s[0] <= gs[1] && gs[0] <= s[1] {
					unscored = true
				}
			}
			switch names, ok := gold[s]; {
			case unscored:
			case ok && names != "-" && names != "?" && contains(strings.Split(names, "|"), name):
				tp++
			default:
				fp++
				t.Logf("%s: false place %q for %q in %q", half, name, strings.Join(words[s[0]:s[1]+1], " "), r.sentence)
			}
		}
		for s, names := range gold {
			if names == "-" || names == "?" {
				continue
			}
			if name, ok := found[s]; !ok || !contains(strings.Split(names, "|"), name) {
				fn++
				t.Logf("%s: missed %s for %q in %q", half, names, strings.Join(words[s[0]:s[1]+1], " "), r.sentence)
			}
		}
	}
	return tp, fp, fn
}

// contains reports whether names has name, spelt with or without an
// apostrophe (the gazetteer's Ryazan’ is Ryazan).
func contains(names []string, name string) bool {
	plain := strings.NewReplacer("’", "", "'", "")
	for _, n := range names {
		if plain.Replace(n) == plain.Replace(name) {
			return true
		}
	}
	return false
}

// TestEvalHalvesFollowTheirHash: each sentence is in the half its hash
// gives (the header's rule: held out where the last byte of the SHA-1 of
// its UTF-8 text is odd), so a row moved between halves fails.
func TestEvalHalvesFollowTheirHash(t *testing.T) {
	for _, r := range readEval(t) {
		sum := sha1.Sum([]byte(r.sentence))
		want := "tune"
		if sum[len(sum)-1]%2 == 1 {
			want = "heldout"
		}
		if r.half != want {
			t.Errorf("places_eval.tsv: %q is in %s, its hash puts it in %s", r.sentence, r.half, want)
		}
	}
}

// TestPlaceRecognitionOnHeldOutSentences: the places recognised in the
// held-out half of the hand-labelled Russian sentences reach the
// precision and recall measured when the rules of several words and of
// false places were made (2026-12-04: see cmd/claimdesk-load/RESULTS.md).
func TestPlaceRecognitionOnHeldOutSentences(t *testing.T) {
	g := gazetteer.Builtin()
	rows := readEval(t)
	for _, half := range []string{"tune", "heldout"} {
		tp, fp, fn := score(t, rows, half, g)
		p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		t.Logf("%s: %d true places, %d false, %d missed: precision %.3f, recall %.3f", half, tp, fp, fn, p, r)
		var corpus []evalRow // the corpus's sentences alone, not written around the rules
		for _, row := range rows {
			if strings.HasPrefix(row.source, "corpus:") {
				corpus = append(corpus, row)
			}
		}
		ctp, cfp, cfn := score(t, corpus, half, g)
		t.Logf("%s, corpus sentences: %d true places, %d false, %d missed: precision %.3f, recall %.3f", half, ctp, cfp, cfn,
			float64(ctp)/float64(ctp+cfp), float64(ctp)/float64(ctp+cfn))
		if half == "heldout" && (p < minPrecision || r < minRecall) {
			t.Errorf("held-out precision %.3f, recall %.3f, want at least %.2f and %.2f", p, r, minPrecision, minRecall)
		}
	}
}

// The held-out figures the test asserts, a little under those measured.
const minPrecision, minRecall = 0.90, 0.78
