package main

import (
	"context"
	"io"
	"os"

	"github.com/claimdesk/claimdesk/claims/article"
)

// candidate is one claim candidate found in running text, with the file it
// was found in.
type candidate struct {
	File string `json:"file,omitempty"`
	*article.Candidate
}

// refusal is a span found in running text that reads as a quantity but
// cannot be read right, with the file it was found in: its line has an
// "error" member, as a bad line of parse does.
type refusal struct {
	File string `json:"file,omitempty"`
	*article.Refusal
}

// item is a candidate, or a refusal, copied for the encoder, with its file.
type item struct {
	file string
	c    article.Candidate
	rf   *article.Refusal
}

// batchSize is how many candidates the reader hands the encoder at once.
const batchSize = 128

func extract(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("extract", "[FILE...]", "Finds every quantity expression in each FILE (or standard input) and\nprints one JSON object a line: its reading and byte offsets, the sentence\n(with the quantity's span in it), the claimant, the outlet, what is counted,\nthe places, and whether it is likely a claim. What reads as a quantity but\ncannot be read right (a source's typo such as \"150,00\") is a line with its\ntext, offsets, sentence and an \"error\" giving the reason. Files are read a\nparagraph (line) at a time, so memory does not grow with their size.", args, stderr)
	if err != nil {
		return err
	}
	x := article.New(p, nil)
	enc, flush := jsonLines(stdout)

	// The candidates are encoded on another goroutine (the second core,
	// where there is one) while the reader goes on: the reader hands over
	// batches of copies, at most a few batches ahead, so memory stays
	// bounded; an encoding error stops the reader.
	batches := make(chan []item, 4)
	free := make(chan []item, 6)
	encoded := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		var err error
		for b := range batches {
			for i := range b {
				if err == nil {
					var v any = candidate{File: b[i].file, Candidate: &b[i].c}
					if b[i].rf != nil {
						v = refusal{File: b[i].file, Refusal: b[i].rf}
					}
					if err = enc.Encode(v); err != nil {
						close(stop)
					}
				}
			}
			select {
			case free <- b[:0]:
			default:
			}
		}
		if err == nil {
			err = flush()
		}
		encoded <- err
	}()
	var cur []item
	send := func() error {
		if len(cur) == 0 {
			return nil
		}
		select {
		case batches <- cur:
		case <-stop:
			return article.ErrStop
		}
		select {
		case cur = <-free:
		default:
			cur = make([]item, 0, batchSize)
		}
		return nil
	}
	scan := func(name string, r io.Reader) error {
		add := func(it item) error {
			cur = append(cur, it)
			if len(cur) == batchSize {
				return send()
			}
			return nil
		}
		return x.ScanAll(r, func(c *article.Candidate) error {
			return add(item{file: name, c: *c})
		}, func(rf *article.Refusal) error {
			cp := *rf
			return add(item{file: name, rf: &cp})
		})
	}
	err = func() error {
		if fs.NArg() == 0 {
			return scan("", stdin)
		}
		for _, name := range fs.Args() {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			err = scan(name, f)
			f.Close()
			if err != nil {
				return err
			}
		}
		return nil
	}()
	if err == nil {
		err = send()
	}
	close(batches)
	if eerr := <-encoded; eerr != nil {
		return eerr
	}
	return err
}
