package article

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Kind says what sort of claimant made a claim.
type Kind string

// The kinds of claimant.
const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Outlet       Kind = "outlet"
)

// Claimant is who made a claim, as the article names them: the full name
// and role given at first mention, even where the claim's own sentence
// says only "Bogdanov" or "he".
type Claimant struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Kind Kind   `json:"kind"`
}

// Sentence is the sentence that holds a quantity. Start and End are the
// quantity's byte span in Text; Offset is where Text starts in the
// article.
type Sentence struct {
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Offset int    `json:"offset"`
}

// Candidate is one quantity found in an article, read as a claim. The
// embedded Quantity's Start and End are byte offsets in the article.
type Candidate struct {
	quantity.Quantity
	// Claimant is who made the claim, nil where the article gives the
	// figure in its own voice or names no one.
	Claimant *Claimant `json:"claimant"`
	// Outlet is the outlet the article names as the channel of the claim
	// ("told Kommersant"), or "".
	Outlet string `json:"outlet"`
	// Counted is what the figure counts, a short noun phrase, or "".
	Counted string `json:"counted"`
	// Places are the gazetteer's names of the places the count is for.
	Places   []string `json:"places"`
	Sentence Sentence `json:"sentence"`
	// LikelyClaim is false for a quantity that is probably not a claim
	// (a label, an age, a time…); Reason then says why.
	LikelyClaim bool   `json:"likely_claim"`
	Reason      string `json:"reason,omitempty"`
}

// Extractor reads articles. It is safe for concurrent use.
type Extractor struct {
	parser *quantity.Parser
	places *gazetteer.Gazetteer
	// names maps each place name and alias, folded, to the place's name;
	// prefixes holds the first words of names of several words.
	names    map[string]string
	prefixes map[string]bool
}

// New returns an extractor that reads quantities with p and places with
// g. A nil p uses the parser's built-in lexicon; a nil g the built-in
// gazetteer.
func New(p *quantity.Parser, g *gazetteer.Gazetteer) *Extractor {
	if p == nil {
		p = quantity.New()
	}
	if g == nil {
		g = gazetteer.Builtin()
	}
	x := &Extractor{parser: p, places: g, names: map[string]string{}, prefixes: map[string]bool{}}
	for _, pl := range g.Places() {
		for _, n := range append([]string{pl.Name}, pl.Aliases...) {
			f := gazetteer.Fold(n)
			x.names[f] = pl.Name
			if i := strings.IndexByte(f, ' '); i > 0 {
				x.prefixes[f[:i]] = true
			}
		}
	}
	return x
}

// Extract returns the candidates of text in reading order.
func (x *Extractor) Extract(text string) []Candidate {
	out, _ := x.extract(text, false)
	return out
}

func (x *Extractor) extract(text string, refusals bool) ([]Candidate, []Refusal) {
	d := x.newDoc()
	d.refusals = refusals
	defer d.release()
	var out []Candidate
	off, prev := 0, 0
	for off <= len(text) {
		nl := strings.IndexByte(text[off:], '\n')
		end := len(text)
		if nl >= 0 {
			end = off + nl
		}
		first := len(out)
		out = d.paragraph(text[off:end], off, out, prev)
		if len(out) > first || strings.TrimSpace(text[off:end]) != "" {
			prev = first
		}
		if nl < 0 {
			break
		}
		off = end + 1
	}
	return out, d.refused
}

// MaxParagraph is the longest paragraph Scan reads at once; a longer line
// is cut at the last space before the limit.
const MaxParagraph = 1 << 20

// ErrStop may be returned by Scan's callback to stop reading without error.
var ErrStop = errors.New("article: stop")

// Scan reads r paragraph by paragraph (a paragraph is a line) and calls
// emit for each candidate, with offsets counted from the start of r.
// Memory is bounded by MaxParagraph and the extractor's fixed table of
// people and organisations, not by the length of r.
func (x *Extractor) Scan(r io.Reader, emit func(*Candidate) error) error {
	return x.scan(r, emit, nil)
}

func (x *Extractor) scan(r io.Reader, emit func(*Candidate) error, refused func(*Refusal) error) error {
	d := x.newDoc()
	d.refusals = refused != nil
	defer d.release()
	// cur holds the candidates of the paragraph before (held back, since
	// "Об этом сообщил X" may attribute them) followed by the new ones.
	var cur []Candidate
	// flush emits the first n candidates, each after the refusals before
	// it, then the refusals that start before limit.
	flush := func(n, limit int) error {
		for i := 0; i < n; i++ {
			if err := d.emitRefusals(cur[i].Start, refused); err != nil {
				return err
			}
			if err := emit(&cur[i]); err != nil {
				return err
			}
		}
		cur = append(cur[:0], cur[n:]...)
		return d.emitRefusals(limit, refused)
	}
	var err error
	readParagraphs(r, func(text string, at int) bool {
		if strings.TrimSpace(text) == "" {
			return true
		}
		held := len(cur)
		cur = d.paragraph(text, at, cur, 0)
		err = flush(held, at)
		return err == nil
	}, func(e error) { err = e })
	if err == nil {
		err = flush(len(cur), noLimit)
	}
	return stopped(err)
}

// readParagraphs reads r a paragraph (line) at a time, a line longer than
// MaxParagraph cut at its last space before the limit, and calls para for
// each, with its offset in r, until para returns false; it calls fail with
// a read error. It returns false when para stopped it.
func readParagraphs(r io.Reader, para func(text string, at int) bool, fail func(error)) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	off := 0
	for {
		line, err := br.ReadSlice('\n')
		buf = append(buf, line...)
		if errors.Is(err, bufio.ErrBufferFull) && len(buf) < MaxParagraph {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			fail(err)
			return true
		}
		p, rest := buf, []byte(nil)
		if errors.Is(err, bufio.ErrBufferFull) {
			if i := lastSpace(p); i > 0 {
				p, rest = buf[:i], buf[i:]
			}
		}
		if !para(strings.TrimSuffix(string(p), "\n"), off) {
			return false
		}
		off += len(p)
		buf = append(buf[:0], rest...)
		if errors.Is(err, io.EOF) {
			if len(buf) > 0 {
				return para(string(buf), off)
			}
			return true
		}
	}
}

func stopped(err error) error {
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

func lastSpace(b []byte) int {
	for i := len(b) - 1; i > 0; i-- {
		if b[i] == ' ' {
			return i
		}
	}
	return -1
}
