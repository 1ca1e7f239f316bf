package main

import (
	"bufio"
	"context"
	"io"
	"runtime"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// parseError is the line printed for text that holds no quantity.
type parseError struct {
	Text  string `json:"text"`
	Error string `json:"error"`
}

// parseBatch is how many lines of standard input one worker reads at a time.
const parseBatch = 512

func parse(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, p, err := parserCommand("parse", "[TEXT...]", "Reads each TEXT, or each line of standard input, as a quantity expression\nand prints one JSON object a line: the interval, or {\"text\",\"error\"}.", args, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		enc, flush := jsonLines(stdout)
		defer flush()
		for _, text := range fs.Args() {
			q, err := p.Parse(text)
			if err != nil {
				err = enc.Encode(parseError{Text: text, Error: err.Error()})
			} else {
				err = enc.Encode(q)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return parseLines(p, stdin, stdout)
}

// parseLines reads standard input in batches of lines, parses them on
// every core and prints the results in the order of the input.
func parseLines(p *quantity.Parser, stdin io.Reader, stdout io.Writer) error {
	type batch struct {
		lines []string
		out   []byte
		done  chan struct{}
	}
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *batch, 2*workers)
	order := make(chan *batch, 2*workers)
	for range workers {
		go func() {
			for b := range work {
				for _, text := range b.lines {
					b.out = appendParsed(b.out, p, text)
				}
				close(b.done)
			}
		}()
	}
	stop := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(order)
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		newBatch := func() *batch {
			// About 300 bytes a line of JSON: room enough not to regrow.
			return &batch{lines: make([]string, 0, parseBatch), out: make([]byte, 0, parseBatch*320), done: make(chan struct{})}
		}
		b := newBatch()
		send := func() bool {
			select {
			case order <- b:
			case <-stop:
				return false
			}
			work <- b
			b = newBatch()
			return true
		}
		for sc.Scan() {
			b.lines = append(b.lines, strings.TrimRight(sc.Text(), "\r"))
			if len(b.lines) == parseBatch && !send() {
				readErr <- nil
				return
			}
		}
		if len(b.lines) > 0 {
			send()
		}
		readErr <- sc.Err()
	}()
	out := bufio.NewWriterSize(stdout, 64*1024)
	var werr error
	for b := range order {
		<-b.done
		if werr == nil {
			if _, werr = out.Write(b.out); werr != nil {
				close(stop)
			}
		}
	}
	if werr != nil {
		return werr
	}
	if err := <-readErr; err != nil {
		return err
	}
	return out.Flush()
}

// appendParsed appends the JSON line for one text: its reading, or
// {"text","error"}.
func appendParsed(b []byte, p *quantity.Parser, text string) []byte {
	q, err := p.Parse(text)
	if err != nil {
		b = append(b, `{"text":`...)
		b = quantity.AppendJSONString(b, text)
		b = append(b, `,"error":`...)
		b = quantity.AppendJSONString(b, err.Error())
		return append(b, '}', '\n')
	}
	b = q.AppendJSON(b)
	return append(b, '\n')
}
