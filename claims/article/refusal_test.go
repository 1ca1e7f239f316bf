package article_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestExtractAllRefusals checks that what the parser cannot read right in
// running text is listed with its span, sentence and reason, in order,
// and that the candidates stay those of Extract; ScanAll gives the same
// stream paragraph by paragraph.
func TestExtractAllRefusals(t *testing.T) {
	t.Parallel()
	text := "Police said 12,000 people marched. The organisers counted 150,00 people in the square.\n" +
		"\n" +
		"Rebels said 3-400,000 had fled, and 1.500 were missing.\n" +
		"МВД насчитало 150,00 человек, а в Москве от 5 до 7 тысяч."
	x := article.New(nil, nil)
	cands, refused := x.ExtractAll(text)
	want := []struct{ span, sentence, reason string }{
		{"150,00 people", "The organisers counted 150,00 people in the square.", "a thousands group with a digit missing or one too many"},
		{"3-400,000", "Rebels said 3-400,000 had fled, and 1.500 were missing.", "write both ends in full"},
		{"1.500", "Rebels said 3-400,000 had fled, and 1.500 were missing.", "may be 1,500 or 1.5"},
		{"150,00 человек", "МВД насчитало 150,00 человек, а в Москве от 5 до 7 тысяч.", "a thousands group with a digit missing"},
	}
	if len(refused) != len(want) {
		t.Fatalf("ExtractAll refused %+v, want %d refusals", refused, len(want))
	}
	for i, r := range refused {
		w := want[i]
		if text[r.Start:r.End] != w.span || r.Text != w.span {
			t.Errorf("refusal %d: span %q (text %q), want %q", i, text[r.Start:r.End], r.Text, w.span)
		}
		s := r.Sentence
		if s.Text != w.sentence || s.Text[s.Start:s.End] != w.span || text[s.Offset:s.Offset+len(s.Text)] != s.Text {
			t.Errorf("refusal %d: sentence %+v, want %q with the span in it", i, s, w.sentence)
		}
		if !strings.Contains(r.Reason, w.reason) {
			t.Errorf("refusal %d: reason %q, want it to contain %q", i, r.Reason, w.reason)
		}
	}
	if d := cmp.Diff(x.Extract(text), cands); d != "" {
		t.Errorf("ExtractAll's candidates differ from Extract's (-Extract +ExtractAll):\n%s", d)
	}
	var texts []string
	for _, c := range cands {
		texts = append(texts, c.Text)
	}
	if strings.Join(texts, "|") != "12,000 people|от 5 до 7 тысяч" {
		t.Errorf("candidates %q, want 12,000 people and от 5 до 7 тысяч", texts)
	}

	// ScanAll: the same candidates and refusals, merged by offset.
	type item struct {
		C *article.Candidate
		R *article.Refusal
	}
	var stream []item
	err := x.ScanAll(strings.NewReader(text),
		func(c *article.Candidate) error { c2 := *c; stream = append(stream, item{C: &c2}); return nil },
		func(r *article.Refusal) error { r2 := *r; stream = append(stream, item{R: &r2}); return nil })
	if err != nil {
		t.Fatal(err)
	}
	var wantStream []item
	ci, ri := 0, 0
	for ci < len(cands) || ri < len(refused) {
		if ri < len(refused) && (ci == len(cands) || refused[ri].Start < cands[ci].Start) {
			wantStream = append(wantStream, item{R: &refused[ri]})
			ri++
		} else {
			wantStream = append(wantStream, item{C: &cands[ci]})
			ci++
		}
	}
	wj, _ := json.Marshal(wantStream)
	gj, _ := json.Marshal(stream)
	if d := cmp.Diff(string(wj), string(gj)); d != "" {
		t.Errorf("ScanAll differs from ExtractAll (-ExtractAll +ScanAll):\n%s", d)
	}
}
