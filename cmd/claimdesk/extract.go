package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/quantity"
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

// extractGCPercent is the collector's GOGC while extract runs, unless the
// environment's GOGC is set: what extract keeps live is a few batches of
// paragraphs and candidates and the article's state (about 10 MB, levelling
// off whatever the files' size), so a collection every five times that
// heap costs some RSS (44 MB instead of 40 on a 5 MB file, about 60 MB at
// most) and saves collector CPU (0.95x the wall time on the 5 MB news
// file, RESULTS.md).
const extractGCPercent = 400

// batchSize is how many candidates the reader hands the encoder at once.
const batchSize = 128

func extract(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("extract", "[FILE...]", "Finds every quantity expression in each FILE (or standard input) and\nprints one JSON object a line: its reading and byte offsets, the sentence\n(with the quantity's span in it), the claimant, the outlet, what is counted,\nthe places, and whether it is likely a claim. What reads as a quantity but\ncannot be read right (a source's typo such as \"150,00\") is a line with its\ntext, offsets, sentence and an \"error\" giving the reason. Files are read a\nparagraph (line) at a time, so memory does not grow with their size.", args, stderr)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(extractGCPercent)
	}
	x := article.New(p, nil)
	out := bufio.NewWriterSize(stdout, 64<<10)

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
		var line []byte
		for b := range batches {
			for i := range b {
				if err == nil {
					if b[i].rf != nil {
						line = appendRefusal(line[:0], b[i].file, b[i].rf)
					} else {
						line = appendCandidate(line[:0], b[i].file, &b[i].c)
					}
					if _, err = out.Write(line); err != nil {
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
			err = out.Flush()
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

// appendCandidate appends the JSON line of c found in file, as
// encoding/json writes candidate{file, c} with HTML escaping off (the same
// fields, order and number format), without reflection.
func appendCandidate(b []byte, file string, c *article.Candidate) []byte {
	b = appendFileAndQuantity(b, file, &c.Quantity)
	b = append(b, `,"claimant":`...)
	if c.Claimant == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"name":`...)
		b = quantity.AppendJSONString(b, c.Claimant.Name)
		b = append(b, `,"role":`...)
		b = quantity.AppendJSONString(b, c.Claimant.Role)
		b = append(b, `,"kind":`...)
		b = quantity.AppendJSONString(b, string(c.Claimant.Kind))
		b = append(b, '}')
	}
	b = append(b, `,"outlet":`...)
	b = quantity.AppendJSONString(b, c.Outlet)
	b = append(b, `,"counted":`...)
	b = quantity.AppendJSONString(b, c.Counted)
	b = append(b, `,"places":`...)
	if c.Places == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, pl := range c.Places {
			if i > 0 {
				b = append(b, ',')
			}
			b = quantity.AppendJSONString(b, pl)
		}
		b = append(b, ']')
	}
	b = append(b, `,"sentence":`...)
	b = appendSentence(b, &c.Sentence)
	b = append(b, `,"likely_claim":`...)
	b = strconv.AppendBool(b, c.LikelyClaim)
	if c.Reason != "" {
		b = append(b, `,"reason":`...)
		b = quantity.AppendJSONString(b, c.Reason)
	}
	return append(b, "}\n"...)
}

// appendFileAndQuantity appends the opening of a line: its file, when
// there is one, and the quantity's members, without the closing brace.
func appendFileAndQuantity(b []byte, file string, q *quantity.Quantity) []byte {
	if file == "" {
		b = q.AppendJSON(b)
	} else {
		b = append(b, `{"file":`...)
		b = quantity.AppendJSONString(b, file)
		b = append(b, ',')
		m := len(b)
		b = q.AppendJSON(b)
		b = append(b[:m], b[m+1:]...) // the quantity's own "{"
	}
	return b[:len(b)-1]
}

func appendSentence(b []byte, s *article.Sentence) []byte {
	b = append(b, `{"text":`...)
	b = quantity.AppendJSONString(b, s.Text)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(s.End), 10)
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(s.Offset), 10)
	return append(b, '}')
}

// appendRefusal appends the JSON line of rf found in file, as
// encoding/json writes refusal{file, rf} with HTML escaping off.
func appendRefusal(b []byte, file string, rf *article.Refusal) []byte {
	b = append(b, '{')
	if file != "" {
		b = append(b, `"file":`...)
		b = quantity.AppendJSONString(b, file)
		b = append(b, ',')
	}
	b = append(b, `"text":`...)
	b = quantity.AppendJSONString(b, rf.Text)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(rf.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(rf.End), 10)
	b = append(b, `,"sentence":`...)
	b = appendSentence(b, &rf.Sentence)
	b = append(b, `,"error":`...)
	b = quantity.AppendJSONString(b, rf.Reason)
	return append(b, "}\n"...)
}
