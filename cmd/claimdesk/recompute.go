package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// recomputeCmd recomputes every topic's stored summaries under this
// release's cross-referencing rules and gazetteer.
func recomputeCmd(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	fs := newFlags("recompute", stderr)
	var sf storeFlags
	sf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: claimdesk recompute [--db DSN]\n\nRecomputes every topic's conflicts, consensus and grades under this release's\ncross-referencing rules and built-in gazetteer, a batch of topics a\ntransaction, while a server may keep serving. Run it once after upgrading\nto a release that changed them: claimdesk serve says so when it starts.")
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
	if stored, err := o.store.SummaryRules(ctx); err == nil && stored == xref.RulesVersion {
		fmt.Fprintf(stderr, "claimdesk recompute: the summaries are under this release's rules (version %d) already; recomputing them all the same\n", stored)
	}
	start := time.Now()
	bar := newProgress(stderr, "recompute")
	shown, total := 0, 0
	n, err := o.store.RecomputeSummaries(ctx, func(done, all int) {
		total = all
		if bar != nil {
			bar.total = int64(all)
			bar.add(int64(done - shown))
			shown = done
		}
	})
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if n > 0 {
			return fmt.Errorf("%w\n%d of %d topics were recomputed before it stopped: until claimdesk recompute runs to its end (it starts over), some topics' summaries are this release's and some an older one's", err, n, total)
		}
		return err
	}
	fmt.Fprintf(stderr, "recomputed the summaries of %d topics under rules version %d in %s\n", n, xref.RulesVersion, time.Since(start).Round(time.Millisecond))
	return nil
}

// warnStaleSummaries says, when a server starts on the database db, that
// the stored summaries were computed under another release's rules.
func warnStaleSummaries(ctx context.Context, log *slog.Logger, s *gormstore.Store, db string) error {
	stored, err := s.SummaryRules(ctx)
	if err != nil {
		return err
	}
	switch {
	case stored < xref.RulesVersion:
		log.Warn("the stored conflicts, consensus and grades were computed under an older release's cross-referencing rules or gazetteer: once every server on this database runs this release, run claimdesk recompute --db "+redact(db)+" (the servers may keep serving)",
			slog.Int("stored_rules_version", stored), slog.Int("rules_version", xref.RulesVersion))
	case stored > xref.RulesVersion:
		log.Warn("the stored conflicts, consensus and grades were computed by a newer claimdesk: this one's writes recompute their topics under older rules; upgrade it",
			slog.Int("stored_rules_version", stored), slog.Int("rules_version", xref.RulesVersion))
	}
	return nil
}
