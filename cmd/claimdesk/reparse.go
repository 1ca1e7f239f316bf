package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/claimdesk/claimdesk/claims"
)

func reparse(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("reparse", stderr)
	var sf storeFlags
	sf.register(fs)
	dryRun := fs.Bool("dry-run", false, "report what would move and write nothing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: claimdesk reparse [--dry-run] [--db DSN] [--calibration FILE]\n\nReads again the quantity text of every claim that an older lexicon or another\ncalibration read, prints each claim whose interval moves as a JSON line, and\nupdates those in one transaction; a claim read as before only has its\nparser_version restamped (no new version or history line).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o, err := sf.openExisting(ctx, stderr)
	if err != nil {
		return err
	}
	defer o.store.Close()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	rep, err := o.writes.Reparse(ctx, *dryRun, func(m claims.Moved) error { return enc.Encode(m) })
	if err != nil {
		return err
	}
	verb := "updated"
	if *dryRun {
		verb = "would update"
	}
	fmt.Fprintf(stderr, "parser %s: examined %d claims, %d moved, %d restamped, %d unreadable (left as they were); %s %d\n",
		rep.ParserVersion, rep.Examined, rep.Moved, rep.Restamped, rep.Unreadable, verb, rep.Moved+rep.Restamped)
	return nil
}
