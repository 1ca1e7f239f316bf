package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// maxExtractBytes bounds the text read from one file.
const maxExtractBytes = 16 << 20

// candidate is one quantity found in running text, with where it was found.
type candidate struct {
	File string `json:"file,omitempty"`
	quantity.Quantity
	// Context is the sentence around the quantity, for a reader to judge it.
	Context string `json:"context"`
}

func extract(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("extract", "[FILE...]", "Finds every quantity expression in each FILE (or standard input) and\nprints one JSON object a line with its byte offsets and sentence.", args, stderr)
	if err != nil {
		return err
	}
	enc, flush := jsonLines(stdout)
	defer flush()
	scan := func(name string, r io.Reader) error {
		b, err := io.ReadAll(io.LimitReader(r, maxExtractBytes+1))
		if err != nil {
			return err
		}
		if len(b) > maxExtractBytes {
			return fmt.Errorf("%s: larger than %d MiB", name, maxExtractBytes>>20)
		}
		text := string(b)
		for _, q := range p.Extract(text) {
			if err := enc.Encode(candidate{File: name, Quantity: q, Context: sentence(text, q.Start, q.End)}); err != nil {
				return err
			}
		}
		return nil
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

// sentence returns the sentence of text that holds the span [start, end):
// from after the previous sentence end or line break to the next.
func sentence(text string, start, end int) string {
	from := start
	for from > 0 {
		c := text[from-1]
		if c == '\n' || ((c == '.' || c == '!' || c == '?') && from < len(text) && text[from] == ' ') {
			break
		}
		from--
	}
	to := end
	for to < len(text) {
		c := text[to]
		if c == '\n' {
			break
		}
		to++
		if (c == '.' || c == '!' || c == '?') && (to == len(text) || text[to] == ' ' || text[to] == '\n') {
			break
		}
	}
	return strings.TrimSpace(text[from:to])
}
