package article

import (
	"io"
	"runtime"
	"strings"
)

// The streaming reader's pipeline. A paragraph's preparation (its
// quantities, sentences, tokens and places: see prep) needs no state of
// the article, and is about two thirds of the work; the rest (d.read)
// must see the paragraphs in order. With two cores or more, Scan reads
// and prepares paragraphs on one goroutine while the doc reads those
// prepared before on the caller's: the same calls, in the same order for
// each paragraph, so the output is the sequential reader's.
//
// The paragraphs travel in batches of about pipeBytes of text, so the
// goroutines hand work over a few dozen times a megabyte, not at every
// paragraph (on a loaded machine each hand-over may wait for a core), and
// at most pipeDepth batches are prepared ahead: memory stays bounded.

// pipeBytes is about how much text a batch of the pipeline holds.
const pipeBytes = 32 << 10

// pipeDepth is how many prepared batches may wait for the doc.
const pipeDepth = 2

// readMode says how Scan reads: as it chooses (by the number of cores),
// always on one goroutine, or always through the pipeline. Tests set it to
// compare the two.
type readMode uint8

const (
	readAuto readMode = iota
	readSequential
	readPipelined
)

func (x *Extractor) pipelined() bool {
	switch x.mode {
	case readSequential:
		return false
	case readPipelined:
		return true
	}
	return runtime.GOMAXPROCS(0) >= 2
}

// pbatch is a batch of prepared paragraphs, and the read error after them.
type pbatch struct {
	ps   []*prep // ps[:n] are in use
	n    int
	size int
	err  error
}

// next returns the batch's next prep, to be filled.
func (b *pbatch) next() *prep {
	if b.n == len(b.ps) {
		b.ps = append(b.ps, &prep{})
	}
	b.n++
	return b.ps[b.n-1]
}

// pipeline reads r paragraph by paragraph, prepares each non-blank one on
// a goroutine of its own, and calls read with each, in order, on the
// caller's. It returns read's first error, or the read error of r after
// every paragraph before it is read. The preparing goroutine uses d's
// word cache until pipeline returns.
func (x *Extractor) pipeline(r io.Reader, d *doc, read func(*prep) error) error {
	ready := make(chan *pbatch, pipeDepth)
	free := make(chan *pbatch, pipeDepth+2)
	quit := make(chan struct{})
	refusals, words := d.refusals, &d.words
	go func() {
		defer close(ready)
		b := &pbatch{}
		send := func() bool {
			select {
			case ready <- b:
			case <-quit:
				return false
			}
			select {
			case b = <-free:
				b.n, b.size, b.err = 0, 0, nil
			default:
				b = &pbatch{}
			}
			return true
		}
		ok := readParagraphs(r, func(text string, at int) bool {
			select {
			case <-quit:
				return false
			default:
			}
			if strings.TrimSpace(text) == "" {
				return true
			}
			x.prepare(b.next(), text, at, refusals, words)
			b.size += len(text)
			return b.size < x.batchBytes() || send()
		}, func(e error) { b.err = e })
		if ok && (b.n > 0 || b.err != nil) {
			send()
		}
	}()
	var err error
	for b := range ready {
		if err != nil {
			continue // let the goroutine end
		}
		for _, pp := range b.ps[:b.n] {
			if err = read(pp); err != nil {
				break
			}
			pp.p, pp.qs, pp.sents = "", nil, nil // keep no text or candidates alive
		}
		if err == nil {
			err = b.err
		}
		if err != nil {
			close(quit)
			continue
		}
		select {
		case free <- b:
		default:
		}
	}
	return err
}

func (x *Extractor) batchBytes() int {
	if x.pipeBytes > 0 {
		return x.pipeBytes
	}
	return pipeBytes
}
