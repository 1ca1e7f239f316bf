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

// TestExtractBoundsOwn checks that the bounds of the quantities of one
// Extract, taken from shared slabs, are each a quantity's own: more
// quantities than a slab holds, with ranges, bounds and falls among them,
// each read as Parse reads it alone, and a write through one quantity's
// pointers is seen by no other.
func TestExtractBoundsOwn(t *testing.T) {
	t.Parallel()
	p := New()
	var parts []string
	for k := range 3 * valsSlab {
		switch k % 4 {
		case 0:
			parts = append(parts, strings.Repeat("1", 1+k%5)+" people")
		case 1:
			parts = append(parts, "between 10 and "+strings.Repeat("3", 2+k%3)+" dead")
		case 2:
			parts = append(parts, "more than 4"+strings.Repeat("0", k%4)+" fighters")
		case 3:
			parts = append(parts, "prices fell by "+strings.Repeat("7", 1+k%2)+"%")
		}
	}
	text := strings.Join(parts, ". ") + "."
	qs := p.Extract(text)
	if len(qs) < 2*valsSlab {
		t.Fatalf("%d quantities, want at least %d", len(qs), 2*valsSlab)
	}
	for _, q := range qs {
		alone, err := p.Parse(q.Text)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		if diff := cmp.Diff(alone, q, cmpopts.IgnoreFields(Quantity{}, "Start", "End", "Text", "Explanation")); diff != "" {
			t.Errorf("%q in the text and alone differ (-alone +text):\n%s", q.Text, diff)
		}
	}
	seen := map[*float64]string{}
	for i := range qs {
		for _, v := range []*float64{qs[i].Low, qs[i].High, qs[i].Best} {
			if v == nil {
				continue
			}
			if other, ok := seen[v]; ok {
				t.Fatalf("%q and %q share a bound", other, qs[i].Text)
			}
			seen[v] = qs[i].Text
			*v = float64(-1000 - i)
		}
	}
	for i := range qs {
		for _, v := range []*float64{qs[i].Low, qs[i].High, qs[i].Best} {
			if v != nil && *v != float64(-1000-i) {
				t.Errorf("%q: a bound reads %v after another quantity's write", qs[i].Text, *v)
			}
		}
	}
}
