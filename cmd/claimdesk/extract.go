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

func extract(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("extract", "[FILE...]", "Finds every quantity expression in each FILE (or standard input) and\nprints one JSON object a line: its reading and byte offsets, the sentence\n(with the quantity's span in it), the claimant, the outlet, what is counted,\nthe places, and whether it is likely a claim. What reads as a quantity but\ncannot be read right (a source's typo such as \"150,00\") is a line with its\ntext, offsets, sentence and an \"error\" giving the reason. Files are read a\nparagraph (line) at a time, so memory does not grow with their size.", args, stderr)
	if err != nil {
		return err
	}
	x := article.New(p, nil)
	enc, flush := jsonLines(stdout)
	defer flush()
	scan := func(name string, r io.Reader) error {
		return x.ScanAll(r, func(c *article.Candidate) error {
			return enc.Encode(candidate{File: name, Candidate: c})
		}, func(rf *article.Refusal) error {
			return enc.Encode(refusal{File: name, Refusal: rf})
		})
	}
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
}
