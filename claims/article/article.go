package article

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
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
	// caps holds the folded names written in capitals ("US", "U.S.",
	// "ЕС"): abbreviations, read in running text only in capitals, so
	// that "Us" opening a sentence is not the United States.
	caps map[string]bool
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
	x := &Extractor{parser: p, places: g, names: map[string]string{}, prefixes: map[string]bool{}, caps: map[string]bool{}}
	for _, pl := range g.Places() {
		for _, n := range append([]string{pl.Name}, pl.Aliases...) {
			f := gazetteer.Fold(n)
			x.names[f] = pl.Name
			if isAllCaps(n) {
				x.caps[f] = true
			}
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
// people and organisations, not by the length of r. The paragraphs are
// prepared a few ahead on another goroutine (so r is read ahead of emit),
// which has ended, and no longer reads r, when Scan returns or panics;
// emit is called on Scan's goroutine. Where r may wait for input (it is
// not a regular file), the paragraphs that have come are all read, and
// their candidates reported but the last paragraph's (which the next may
// still attribute), before r is read again: a stop never waits for input.
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
	// read reads a prepared paragraph and emits what it can.
	read := func(pp *prep) error {
		held := len(cur)
		cur = d.read(pp, cur, 0)
		return flush(held, pp.base)
	}
	err := d.prepareAhead(r, read)
	if err == nil {
		err = flush(len(cur), noLimit)
	}
	return stopped(err)
}

// A batch is a run of paragraphs prepared together, handed from the
// preparing goroutine to the reader at once: one hand-over for several
// paragraphs. err is the read error that ended the input after them.
type batch struct {
	pps   []*prep
	n     int
	bytes int
	err   error
}

// Batches close at batchParagraphs paragraphs or batchBytes of text, or
// before a read of r that may wait (see prepareAhead), and at most
// batchesInFlight exist: one being prepared, one waiting, one being read.
// So Scan holds at most that many batches of paragraphs (each under
// batchBytes plus one paragraph), whatever the input's size.
const (
	batchParagraphs = 16
	batchBytes      = 32 << 10
	batchesInFlight = 3
	// maxKeptBatch bounds the memory a read batch keeps, in its preps'
	// buffers, for the paragraphs it is prepared with next (see recycle):
	// about twice what 32 KB of news text needs, so that a paragraph of
	// 40,000 words, met once, leaves nothing behind.
	maxKeptBatch = 1 << 20
)

// batches are a scan's batches, kept with the doc's scratch for the next
// scan (see release).
type batches [batchesInFlight]batch

// recycle readies b, its paragraphs read, to be prepared again: it keeps
// the preps it used, and their buffers, up to maxKeptBatch bytes of
// buffers in all, drops the rest, and forgets the paragraphs read.
func (b *batch) recycle() {
	kept, n := 0, 0
	for _, pp := range b.pps[:b.n] {
		if k := pp.keptBytes(); kept+k <= maxKeptBatch {
			kept += k
			pp.forget()
			b.pps[n] = pp
			n++
		}
	}
	clear(b.pps[n:])
	b.pps = b.pps[:n]
	b.n, b.bytes, b.err = 0, 0, nil
}

// prepareAhead reads r's paragraphs, prepares them (x.prepare) on another
// goroutine, a few batches ahead, and calls read for each on the caller's
// goroutine, in order, until read returns an error, which it returns, or
// the input ends (with its read error, if any). The preparing goroutine
// has the doc's word cache while it runs (prepare's only state); the doc
// keeps the rest, read alone touches it. The goroutine has ended when
// prepareAhead returns or panics; a panic of the goroutine (in r's Read,
// or in prepare) is raised again on the caller's.
//
// Before a read of r that may wait for a writer (r is not a regular file,
// and no whole line is buffered), the goroutine hands over what it has
// prepared and waits until read has had all of it: so the candidates of
// what has come are reported before r is read again, as when the
// paragraphs were read in turn, and read never stops (ErrStop, an error)
// while the goroutine waits in a Read that it cannot interrupt.
func (d *doc) prepareAhead(r io.Reader, read func(*prep) error) error {
	if d.batches == nil {
		d.batches = new(batches)
	}
	ready := make(chan *batch, 1)
	free := make(chan *batch, batchesInFlight)
	for i := range d.batches {
		free <- &d.batches[i]
	}
	done := make(chan struct{})
	words := d.words
	d.words = wordCache{}
	var panicked any // the goroutine's, set before it closes ready
	defer func() {
		close(done)
		for range ready { // until the goroutine has ended
		}
		d.words = words
		for i := range d.batches { // those left unread, when read stopped
			if b := &d.batches[i]; b.n > 0 || b.err != nil {
				b.recycle()
			}
		}
		if panicked != nil {
			panic(panicked)
		}
	}()
	go func() {
		defer close(ready)
		defer func() { panicked = recover() }()
		x, refusals := d.x, d.refusals
		stopped := func() bool {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}
		// b is the batch being prepared, spare those back from the
		// reader and not yet taken again.
		b := <-free
		spare := make([]*batch, 0, batchesInFlight)
		next := func() bool {
			if n := len(spare); n > 0 {
				b, spare = spare[n-1], spare[:n-1]
				return true
			}
			select {
			case b = <-free:
				return true
			case <-done:
				return false
			}
		}
		send := func() bool {
			if stopped() {
				return false
			}
			select {
			case ready <- b:
			case <-done:
				return false
			}
			return next()
		}
		var idle func() bool
		if mayWait(r) {
			idle = func() bool {
				if b.n > 0 && !send() {
					return false
				}
				for len(spare) < batchesInFlight-1 {
					select {
					case fb := <-free:
						spare = append(spare, fb)
					case <-done:
						return false
					}
				}
				return true
			}
		}
		ok := readParagraphs(r, func(text string, at int) bool {
			if strings.TrimSpace(text) == "" {
				return true
			}
			if stopped() {
				return false
			}
			if b.n == len(b.pps) {
				b.pps = append(b.pps, &prep{})
			}
			x.prepare(b.pps[b.n], text, at, refusals, &words)
			b.n++
			b.bytes += len(text)
			if b.n < batchParagraphs && b.bytes < batchBytes {
				return true
			}
			return send()
		}, idle, func(e error) { b.err = e })
		if ok && (b.n > 0 || b.err != nil) && !stopped() {
			select {
			case ready <- b:
			case <-done:
			}
		}
	}()
	var err error
	for b := range ready {
		for _, pp := range b.pps[:b.n] {
			if err = read(pp); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
		b.recycle()
		free <- b
	}
	return nil
}

// mayWait reports whether a read of r may wait for a writer (r is a pipe,
// a terminal, a connection, or unknown) rather than for the disk alone
// (r is a regular file).
func mayWait(r io.Reader) bool {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return true
	}
	fi, err := f.Stat()
	return err != nil || !fi.Mode().IsRegular()
}

// readParagraphs reads r a paragraph (line) at a time, a line longer than
// MaxParagraph cut at its last space before the limit, and calls para for
// each, with its offset in r, until para returns false; it calls fail with
// a read error. Before each read of r that may have to wait for more input
// (no whole line is buffered), it calls idle, where not nil, and stops if
// idle returns false. It returns false where para or idle stopped it.
func readParagraphs(r io.Reader, para func(text string, at int) bool, idle func() bool, fail func(error)) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	off := 0
	for {
		if idle != nil && !lineBuffered(br) && !idle() {
			return false
		}
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

// lineBuffered reports whether br holds a whole line, which it can give
// without reading.
func lineBuffered(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Buffered())
	return bytes.IndexByte(b, '\n') >= 0
}
