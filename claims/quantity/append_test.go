package quantity

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAppendExtract reads the test articles paragraph by paragraph into
// one reused buffer, after a quantity already in it, with AppendExtract
// and AppendExtractAll: each paragraph gives what Extract and ExtractAll
// give it on their own, and the quantity before is kept.
func TestAppendExtract(t *testing.T) {
	t.Parallel()
	var paras []string
	for _, name := range []string{"testdata/article_en.txt", "testdata/article_ru.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		paras = append(paras, strings.Split(string(b), "\n")...)
	}
	paras = append(paras, "", "no figure here", "это 150,00 человек и 1.500 рублей", "It cost 1.500 dollars, and (-5) more.")
	p := New()
	head, err := p.Parse("about 800 people")
	if err != nil {
		t.Fatal(err)
	}
	qs := []Quantity{head}
	var rs []Refusal
	found, refused := 0, 0
	for _, para := range paras {
		want := p.Extract(para)
		qs = p.AppendExtract(qs[:1], para)
		if d := cmp.Diff(append([]Quantity{head}, want...), qs); d != "" {
			t.Fatalf("%q: AppendExtract differs from Extract (-want +got):\n%s", para, d)
		}
		wantQs, wantRs := p.ExtractAll(para)
		qs, rs = p.AppendExtractAll(qs[:1], rs[:0], para)
		if d := cmp.Diff(append([]Quantity{head}, wantQs...), qs); d != "" {
			t.Fatalf("%q: AppendExtractAll's quantities differ from ExtractAll's (-want +got):\n%s", para, d)
		}
		if d := cmp.Diff(wantRs, rs, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("%q: AppendExtractAll's refusals differ from ExtractAll's (-want +got):\n%s", para, d)
		}
		found += len(want)
		refused += len(wantRs)
	}
	if found < 50 || refused < 2 {
		t.Fatalf("%d quantities and %d refusals in the test articles: the comparison says little", found, refused)
	}
}
