package main

import (
	"bufio"
	"context"
	"io"
	"strings"
)

// parseError is the line printed for text that holds no quantity.
type parseError struct {
	Text  string `json:"text"`
	Error string `json:"error"`
}

func parse(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("parse", "[TEXT...]", "Reads each TEXT, or each line of standard input, as a quantity expression\nand prints one JSON object a line: the interval, or {\"text\",\"error\"}.", args, stderr)
	if err != nil {
		return err
	}
	enc, flush := jsonLines(stdout)
	defer flush()
	emit := func(text string) error {
		q, err := p.Parse(text)
		if err != nil {
			return enc.Encode(parseError{Text: text, Error: err.Error()})
		}
		return enc.Encode(q)
	}
	if fs.NArg() > 0 {
		for _, text := range fs.Args() {
			if err := emit(text); err != nil {
				return err
			}
		}
		return nil
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := emit(strings.TrimRight(sc.Text(), "\r")); err != nil {
			return err
		}
	}
	return sc.Err()
}
