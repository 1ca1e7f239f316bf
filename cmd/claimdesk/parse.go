package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// parseError is the line printed for text that holds no quantity.
type parseError struct {
	Text  string `json:"text"`
	Error string `json:"error"`
}

func parse(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("parse", stderr)
	var pf parserFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: claimdesk parse [--calibration FILE] [TEXT...]\n\nReads each TEXT, or each line of standard input, as a quantity expression\nand prints one JSON object a line: the interval, or {\"text\",\"error\"}.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := pf.parser()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
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
