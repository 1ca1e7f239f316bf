package article_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestScanMatchesExtract reads the same text whole and paragraph by
// paragraph: the candidates, their offsets and attributions (including an
// "Об этом сообщил" that names the speaker of the paragraph before) agree.
func TestScanMatchesExtract(t *testing.T) {
	t.Parallel()
	var parts []string
	for _, name := range []string{"testdata/seed_en.txt", "testdata/ru_report.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	for _, p := range loadCorpus(t) {
		parts = append(parts, p.Text)
	}
	text := strings.Join(parts, "\n\n")
	x := article.New(nil, nil)
	want := x.Extract(text)
	var got []article.Candidate
	if err := x.Scan(strings.NewReader(text), func(c *article.Candidate) error {
		got = append(got, *c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 150 {
		t.Fatalf("Extract found %d candidates in the whole corpus, want at least 150", len(want))
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if d := cmp.Diff(string(wj), string(gj)); d != "" {
		t.Errorf("Scan and Extract differ (-Extract +Scan):\n%s", d)
	}
	for _, c := range got {
		if text[c.Start:c.End] != c.Text || c.Sentence.Text[c.Sentence.Start:c.Sentence.End] != c.Text {
			t.Fatalf("%q: offsets %d-%d and sentence span %d-%d do not give the text", c.Text, c.Start, c.End, c.Sentence.Start, c.Sentence.End)
		}
	}
	var ru []article.Candidate
	for _, c := range got {
		if c.Text == "14 человек" && c.Start < len(parts[0])+len(parts[1]) { // in the Russian report
			ru = append(ru, c)
		}
	}
	if len(ru) != 1 || ru[0].Claimant == nil || ru[0].Claimant.Name != "Андрей Волков" {
		t.Errorf("14 человек: %+v, want Андрей Волков named in the next paragraph", ru)
	}
}

// errAfter reads r, then fails with err instead of io.EOF.
type errAfter struct {
	r   *strings.Reader
	err error
}

func (e *errAfter) Read(b []byte) (int, error) {
	n, err := e.r.Read(b)
	if err != nil {
		return n, e.err
	}
	return n, nil
}

// TestScanStopsAndFails reads a long stream: a read error after it is
// returned, once the candidates before it are emitted in order; ErrStop
// from the callback ends the reading early without error.
func TestScanStopsAndFails(t *testing.T) {
	t.Parallel()
	var parts []string
	for _, p := range loadCorpus(t) {
		parts = append(parts, p.Text)
	}
	text := strings.Repeat(strings.Join(parts, "\n")+"\n", 8)
	x := article.New(nil, nil)
	want := x.Extract(text)
	var got []article.Candidate
	boom := errors.New("disk gone")
	err := x.Scan(&errAfter{r: strings.NewReader(text), err: boom}, func(c *article.Candidate) error {
		got = append(got, *c)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Scan returned %v, want the read error", err)
	}
	// The last paragraph is held back for "Об этом сообщил" when the read
	// fails: everything before it comes out, as Extract reads it.
	if len(got) < len(want)-20 || len(got) > len(want) {
		t.Fatalf("%d candidates before the error, want about %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Start != want[i].Start || got[i].Text != want[i].Text {
			t.Fatalf("candidate %d: %q at %d, want %q at %d", i, got[i].Text, got[i].Start, want[i].Text, want[i].Start)
		}
	}
	n := 0
	err = x.Scan(strings.NewReader(text), func(*article.Candidate) error {
		n++
		if n == 10 {
			return article.ErrStop
		}
		return nil
	})
	if err != nil || n != 10 {
		t.Fatalf("stopped after %d candidates with %v, want 10 and no error", n, err)
	}
}
