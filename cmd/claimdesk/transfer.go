package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// exportCmd writes everything, or one topic, in an exchange format.
func exportCmd(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	var sf storeFlags
	sf.register(fs)
	topic := fs.String("topic", "", "export only this topic (with its ancestors, and the sources, claimants, links and reviews of its claims)")
	format := fs.String("format", "json", "json, ndjson, csv, claimreview, wikidata or quickstatements")
	out := fs.String("out", "", "write to this file instead of stdout")
	var pf publisherFlags
	pf.register(fs)
	excel := fs.Bool("excel", false, "with --format csv: a UTF-8 byte order mark and CRLF line ends, for Microsoft Excel")
	history := fs.Bool("history", false, "with --format json or ndjson: add the history of the records (who, when, why, before and after); import keeps it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "claimdesk export: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	f, err := exchange.ParseFormat(*format)
	if err != nil {
		return err
	}
	pub, err := pf.publisher()
	if err != nil {
		return err
	}
	if *excel && f != exchange.CSV {
		fmt.Fprintf(stderr, "claimdesk export: --excel is for --format csv, not %s\n", f)
		return errUsage
	}
	if *history && f != exchange.JSON && f != exchange.NDJSON {
		fmt.Fprintf(stderr, "claimdesk export: --history is for --format json or ndjson, not %s\n", f)
		return errUsage
	}
	o, err := sf.openExisting(ctx, stderr)
	if err != nil {
		return err
	}
	defer o.store.Close()
	store := o.store

	w := stdout
	var file *os.File
	if *out != "" {
		// Write beside the target and rename at the end, so a failed
		// export never leaves a truncated document under the name.
		file, err = os.CreateTemp(filepath.Dir(*out), ".claimdesk-export-*")
		if err != nil {
			return err
		}
		defer os.Remove(file.Name())
		defer file.Close()
		w = file
	}
	filter := exchange.Filter{TopicID: *topic}
	opts := exchange.ExportOptions{Excel: *excel, Publisher: pub, History: *history}
	if bar := newProgress(stderr, "export"); bar != nil {
		counts, err := store.Count(ctx, filter)
		if err != nil {
			return err
		}
		bar.total = int64(counts.Total())
		opts.OnRecord = func(k exchange.Kind) {
			if k != exchange.KindChange { // the total counts records
				bar.add(1)
			}
		}
		defer bar.finish()
	}
	if err := exchange.Export(ctx, store, w, f, filter, opts); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		return os.Rename(file.Name(), *out)
	}
	return nil
}

// sniffBytes is how much of an import's start is read to tell NDJSON
// from a JSON document when the file's name does not say.
const sniffBytes = 64 << 10

// importCmd loads a document written by export, atomically.
func importCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "", "json, ndjson or csv (default: from the file name, else ndjson when the first line is a record, else json)")
	dryRun := fs.Bool("dry-run", false, "validate and report, write nothing")
	maxBytes := fs.Int64("max-bytes", exchange.DefaultLimits.MaxBytes, "largest file accepted, in bytes")
	server := fs.String("server", "", "import through the API of the claimdesk server at this URL (such as http://127.0.0.1:8080) instead of writing to --db: use it when a server is using the database (env CLAIMDESK_SERVER)")
	applyMemLimit := memoryLimitFlag(fs, "the import's", exchange.ImportMemoryLimit, exchange.ImportGCPercent)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: claimdesk import [--db DSN | --server URL] [--format F] [--dry-run] FILE|-")
		return errUsage
	}
	applyMemLimit()
	name := fs.Arg(0)
	f := exchange.FormatOfName(name)
	if *format != "" {
		var err error
		if f, err = exchange.ParseFormat(*format); err != nil {
			return err
		}
	}
	var in io.Reader = stdin
	var size int64
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return err
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil {
			size = st.Size()
		}
		in = file
	}
	if f == exchange.JSON && *format == "" {
		// The name did not say NDJSON or CSV: an NDJSON export saved as
		// .json reads as NDJSON rather than failing on its first line.
		br := bufio.NewReaderSize(in, sniffBytes)
		if head, _ := br.Peek(sniffBytes); exchange.SniffNDJSON(head) {
			f = exchange.NDJSON
			fmt.Fprintf(stderr, "claimdesk import: %s holds one record a line: reading it as ndjson (--format json to refuse)\n", name)
		}
		in = br
	}
	if *server != "" {
		return importThrough(ctx, *server, in, f, *dryRun, stdout)
	}
	if *dryRun && sf.missing() {
		// A dry run writes nothing, so it does not create --db either: it
		// checks the file against an empty database of its own, removed
		// after. (The new file's first import keeps its rollback journal.)
		// The import itself would create --db: its folder must exist.
		if err := sf.folderExists(); err != nil {
			return err
		}
		dir, err := os.MkdirTemp("", "claimdesk-dry-run-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		fmt.Fprintf(stderr, "claimdesk import: %s does not exist or is empty: checking the file as if into a new database\n", redact(sf.db))
		sf.db = filepath.Join(dir, "empty.db")
	}
	// A file the import creates is written with a rollback journal, then
	// turned to WAL (see gormstore.WithLoadJournal).
	o, err := sf.open(ctx, stderr, gormstore.WithLoadJournal())
	if err != nil {
		return err
	}
	defer o.store.Close()
	writes := o.writes

	if dir := os.Getenv(envImportPause); dir != "" && size > 0 {
		in = &pauseReader{r: in, at: size / 2, dir: dir}
	}
	if bar := newProgress(stderr, "import"); bar != nil {
		bar.total, bar.unit = size, "B"
		in = &countingReader{r: in, bar: bar}
		defer bar.finish()
	}
	rep, err := writes.Import(ctx, in, exchange.ImportOptions{
		Format: f, DryRun: *dryRun,
		Limits: exchange.Limits{MaxBytes: *maxBytes},
	})
	if rep != nil {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if werr := enc.Encode(rep); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		if code := claims.ErrorCode(err); code == claims.CodeInvalid || code == claims.CodeMalformed || code == claims.CodeTooLarge {
			return fmt.Errorf("%s", claims.ErrorMessage(err))
		}
		return err
	}
	return nil
}

// countingReader reports the bytes read to a progress bar.
type countingReader struct {
	r   io.Reader
	bar *progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bar.add(int64(n))
	return n, err
}

// progress draws a one-line bar with the rate and the time left on a
// terminal, at most ten times a second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	unit  string // "" counts records, "B" bytes
	total int64
	done  int64
	start time.Time
	last  time.Time
	now   func() time.Time
}

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a bar drawing on w, or nil when w is not a terminal:
// logs and pipes get no control characters.
func newProgress(w io.Writer, label string) *progress {
	if !isTerminal(w) {
		return nil
	}
	now := time.Now()
	return &progress{w: w, label: label, start: now, now: time.Now}
}

func (p *progress) add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if t := p.now(); t.Sub(p.last) >= 100*time.Millisecond {
		p.last = t
		fmt.Fprint(p.w, "\r"+render(p.label, p.unit, p.done, p.total, t.Sub(p.start), 24)+"\x1b[K")
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r"+render(p.label, p.unit, p.done, max(p.total, p.done), p.now().Sub(p.start), 24)+"\x1b[K\n")
}

// render draws the bar: the label, a bar of width cells when the total is
// known, the count, the rate and the time left.
func render(label, unit string, done, total int64, elapsed time.Duration, width int) string {
	var b strings.Builder
	b.WriteString(label + " ")
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	if total > 0 {
		frac := min(1, float64(done)/float64(total))
		full := int(frac * float64(width))
		b.WriteString("[" + strings.Repeat("=", full) + strings.Repeat(" ", width-full) + "] ")
		fmt.Fprintf(&b, "%3.0f%% %s/%s", frac*100, amount(done, unit), amount(total, unit))
	} else {
		b.WriteString(amount(done, unit))
	}
	fmt.Fprintf(&b, " %s/s", amount(int64(rate), unit))
	if total > 0 && rate > 0 && done < total {
		left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(&b, " ETA %s", left)
	} else if done >= total && total > 0 {
		fmt.Fprintf(&b, " in %s", elapsed.Round(100*time.Millisecond))
	}
	return b.String()
}

// amount formats n records, or n bytes in binary units.
func amount(n int64, unit string) string {
	if unit != "B" {
		switch {
		case n >= 1e6:
			return fmt.Sprintf("%.2fM", float64(n)/1e6)
		case n >= 1e4:
			return fmt.Sprintf("%.1fk", float64(n)/1e3)
		}
		return fmt.Sprint(n)
	}
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
