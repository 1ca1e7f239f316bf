package article

import (
	"io"
	"math"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// Refusal is a span of an article that reads as a quantity but that the
// parser cannot read right, so it is no candidate: a source's typo
// ("150,00"), a dot that may be a decimal point or a thousands separator
// ("1.500" in English), a negative count, a range that may or may not
// share its zero groups ("3-400,000"). Start and End are byte offsets in
// the article; Sentence is the sentence that holds it, with its span;
// Reason says why, so that an analyst can enter the figure by hand.
type Refusal struct {
	Text     string   `json:"text"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Sentence Sentence `json:"sentence"`
	Reason   string   `json:"error"`
}

// ExtractAll is Extract that also returns, in order, what it could not
// read right, rather than leaving it out silently.
func (x *Extractor) ExtractAll(text string) ([]Candidate, []Refusal) {
	return x.extract(text, true)
}

// ScanAll is Scan that also calls refused for each refusal, in order with
// the candidates (by offset).
func (x *Extractor) ScanAll(r io.Reader, emit func(*Candidate) error, refused func(*Refusal) error) error {
	return x.scan(r, emit, refused)
}

// appendRefusals appends to out the parser's refusals rs of paragraph p,
// which starts at byte base of the article and has the sentences sps.
func appendRefusals(out []Refusal, p string, base int, sps []span, rs []quantity.Refusal) []Refusal {
	si := 0
	for _, r := range rs {
		for si+1 < len(sps) && r.Start >= sps[si+1].start {
			si++
		}
		s := Sentence{Text: p, Start: r.Start, End: r.End, Offset: base}
		if len(sps) > 0 && r.Start >= sps[si].start && r.End <= sps[si].end {
			sp := sps[si]
			s = Sentence{Text: p[sp.start:sp.end], Start: r.Start - sp.start, End: r.End - sp.start, Offset: base + sp.start}
		}
		out = append(out, Refusal{Text: strings.Clone(r.Text), Start: base + r.Start, End: base + r.End, Sentence: s, Reason: r.Reason})
	}
	return out
}

// emitRefusals calls refused for the refusals held in d that start before
// limit, and drops them.
func (d *doc) emitRefusals(limit int, refused func(*Refusal) error) error {
	n := 0
	for n < len(d.refused) && d.refused[n].Start < limit {
		if refused != nil {
			if err := refused(&d.refused[n]); err != nil {
				return err
			}
		}
		n++
	}
	d.refused = append(d.refused[:0], d.refused[n:]...)
	return nil
}

const noLimit = math.MaxInt
