package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/service"
)

// envVars are the environment variables flags fall back to, by flag: a
// flag not given on the command line takes its variable's value when the
// variable is set and not empty (parseFlags calls fromEnv). The flag
// parses the value as it would its own, and a value it refuses stops the
// command with an error naming the variable and what it wants (want),
// not with the default as if the variable were unset. A flag's help says
// "(env NAME)"; README's Configuration table lists them all (tests check
// both).
var envVars = map[string]struct{ name, want string }{
	"addr":          {"CLAIMDESK_ADDR", "host:port"},
	"db":            {"CLAIMDESK_DB", "a SQLite file or a postgres:// DSN"},
	"demo":          {"CLAIMDESK_DEMO", "1 or 0"},
	"calibration":   {"CLAIMDESK_CALIBRATION", "a JSON file"},
	"round-figures": {"CLAIMDESK_ROUND_FIGURES", "1 or 0"},
	"log-format":    {"CLAIMDESK_LOG_FORMAT", "text or json"},
	"log-level":     {"CLAIMDESK_LOG_LEVEL", "debug, info, warn or error"},
	"lock-wait":     {"CLAIMDESK_LOCK_WAIT", "a duration such as 5s or 1m30s"},
	"read-slots":    {"CLAIMDESK_READ_SLOTS", "a whole number"},
	"max-body":      {"CLAIMDESK_MAX_BODY", "a whole number of bytes"},
	"max-import":    {"CLAIMDESK_MAX_IMPORT", "a whole number of bytes"},
	"max-exports":   {"CLAIMDESK_MAX_EXPORTS", "a whole number"},
	"org-name":      {"CLAIMDESK_ORG_NAME", "a name"},
	"org-url":       {"CLAIMDESK_ORG_URL", "an http(s) URL"},
	"org-logo":      {"CLAIMDESK_ORG_LOGO", "an http(s) URL"},
	"public-url":    {"CLAIMDESK_PUBLIC_URL", "an http(s) URL"},
	"p459":          {"CLAIMDESK_P459", "kind=Qid pairs"},
	"server":        {"CLAIMDESK_SERVER", "an http(s) URL"},
}

// fromEnv sets each flag of fs that the command line left unset from its
// variable in envVars, if set.
func fromEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		v, ok := envVars[f.Name]
		if !ok || given[f.Name] || err != nil {
			return
		}
		s := strings.TrimSpace(os.Getenv(v.name))
		if s == "" {
			return
		}
		if f.Value.Set(s) != nil {
			err = fmt.Errorf("%s=%q: want %s", v.name, s, v.want)
		}
	})
	return err
}

// source names where flag's value came from for messages: the flag and
// its variable, either of which may have set it.
func source(flag string) string {
	if v, ok := envVars[flag]; ok {
		return "--" + flag + " (or " + v.name + ")"
	}
	return "--" + flag
}

// parserFlags choose how quantity text is read: the flags of every command
// that parses.
type parserFlags struct {
	calibration  string
	roundFigures bool
}

func (f *parserFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.calibration, "calibration", "", "JSON file overriding the meaning of vague words (env CLAIMDESK_CALIBRATION)")
	fs.BoolVar(&f.roundFigures, "round-figures", false, "read plain round figures as implying a precision: 4,000 as 3,500-4,500 (env CLAIMDESK_ROUND_FIGURES=1)")
}

// parser returns a parser with the built-in lexicon, or with the
// calibration file, and the round-figure option.
func (f *parserFlags) parser() (*quantity.Parser, error) {
	opts := []quantity.Option{quantity.WithRoundFigurePrecision(f.roundFigures)}
	if f.calibration != "" {
		file, err := os.Open(f.calibration)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source("calibration"), err)
		}
		defer file.Close()
		cal, err := quantity.LoadCalibration(file)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", source("calibration"), f.calibration, err)
		}
		opts = append(opts, quantity.WithCalibration(cal))
	}
	return quantity.New(opts...), nil
}

// parserCommand parses the flags of a command that only reads quantities
// (parse, extract) and returns its flag set, for the arguments, and parser.
func parserCommand(name, operands, doc string, args []string, stderr io.Writer) (*flag.FlagSet, *quantity.Parser, error) {
	fs := newFlags(name, stderr)
	var pf parserFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: claimdesk %s [--calibration FILE] [--round-figures] %s\n\n%s\n", name, operands, doc)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	p, err := pf.parser()
	return fs, p, err
}

// jsonLines returns an encoder writing one JSON value a line to w through
// a buffer, and the function that flushes it.
func jsonLines(w io.Writer) (*json.Encoder, func() error) {
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return enc, out.Flush
}

// storeFlags are the flags of every command that opens the database.
type storeFlags struct {
	parserFlags
	db        string
	logFormat logFormat
	logLevel  logLevel
	lockWait  time.Duration
}

// logFormat is the value of --log-format: text or json.
type logFormat string

func (f *logFormat) String() string { return string(*f) }

func (f *logFormat) Set(s string) error {
	if s != "text" && s != "json" {
		return errors.New("use text or json")
	}
	*f = logFormat(s)
	return nil
}

// logLevel is the value of --log-level: debug, info, warn or error (as
// slog reads them), refused with the words to use rather than slog's own
// message about a "level string".
type logLevel struct{ slog.Level }

func (l *logLevel) Set(s string) error {
	if err := l.Level.UnmarshalText([]byte(s)); err != nil {
		return errors.New("use debug, info, warn or error")
	}
	return nil
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	f.parserFlags.register(fs)
	fs.StringVar(&f.db, "db", "claimdesk.db", "SQLite file, or a postgres:// DSN (env CLAIMDESK_DB)")
	f.logFormat = "text"
	fs.Var(&f.logFormat, "log-format", "log format: text or json (env CLAIMDESK_LOG_FORMAT)")
	f.logLevel = logLevel{slog.LevelInfo}
	fs.Var(&f.logLevel, "log-level", "log level: debug, info (the default), warn or error (env CLAIMDESK_LOG_LEVEL)")
	fs.DurationVar(&f.lockWait, "lock-wait", 5*time.Second, "how long a write waits for the database before it fails with 503 and Retry-After (env CLAIMDESK_LOCK_WAIT)")
}

// logger returns the logger the flags ask for, writing to w.
func (f *storeFlags) logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: f.logLevel.Level}
	if f.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// opened is what a command that uses the database works with.
type opened struct {
	log   *slog.Logger
	store *gormstore.Store
	// writes is the service every write goes through, on store.
	writes *service.Service
}

// open builds the logger (writing to stderr) and the parser, then opens and
// migrates the database named by --db, with the store's options opts. The
// caller closes the store.
func (f *storeFlags) open(ctx context.Context, stderr io.Writer, opts ...gormstore.Option) (*opened, error) {
	log := f.logger(stderr)
	p, err := f.parser()
	if err != nil {
		return nil, err
	}
	if err := f.folderExists(); err != nil {
		return nil, err
	}
	s, err := gormstore.Open(ctx, f.db, append([]gormstore.Option{gormstore.WithLogger(log), gormstore.WithLockWait(f.lockWait)}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redact(f.db), err)
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate database %s: %w", redact(f.db), err)
	}
	return &opened{log: log, store: s, writes: service.New(s, p)}, nil
}

// openExisting is open for a command that works with what a database
// already holds (export, reparse, listing or changing users and tokens): a
// SQLite file that does not exist, or is empty, is refused rather than
// made a new database, since a mistyped --db would otherwise export
// nothing and say nothing.
func (f *storeFlags) openExisting(ctx context.Context, stderr io.Writer, opts ...gormstore.Option) (*opened, error) {
	if f.missing() {
		return nil, fmt.Errorf("no database at %s: check --db (env CLAIMDESK_DB); claimdesk serve, import or user add creates one", redact(f.db))
	}
	return f.open(ctx, stderr, opts...)
}

// folderExists refuses a --db SQLite file whose folder does not exist,
// which SQLite would report as "unable to open database file".
func (f *storeFlags) folderExists() error {
	path := gormstore.SQLiteFile(f.db)
	if path == "" {
		return nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot open or create the database %s: no folder %s", redact(f.db), filepath.Dir(path))
	}
	return nil
}

// missing reports whether --db names a SQLite file, by path or "file:"
// URI, that does not exist or is empty (a database SQLite has not
// written yet).
func (f *storeFlags) missing() bool {
	path := gormstore.SQLiteFile(f.db)
	if path == "" {
		return false
	}
	st, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist) || err == nil && st.Size() == 0
}

// redact hides the password of a DSN for messages.
func redact(dsn string) string { return gormstore.RedactDSN(dsn) }

// publisherFlags say who publishes the deployment's reviews and where it
// is published: the author and url of every ClaimReview.
type publisherFlags struct {
	p             exchange.Publisher
	determination string
}

func (f *publisherFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.p.Name, "org-name", "", "the organisation publishing the reviews: ClaimReview author (env CLAIMDESK_ORG_NAME)")
	fs.StringVar(&f.p.URL, "org-url", "", "the organisation's home page (env CLAIMDESK_ORG_URL)")
	fs.StringVar(&f.p.Logo, "org-logo", "", "URL of the organisation's logo (env CLAIMDESK_ORG_LOGO)")
	fs.StringVar(&f.p.BaseURL, "public-url", "", "public base URL of the frontend, https://claims.example.org: a claim's page is PUBLIC-URL/claims/ID, the ClaimReview url (env CLAIMDESK_PUBLIC_URL)")
	fs.StringVar(&f.determination, "p459", "", "Wikidata items of determination methods (P459) for evidence types and bases, such as official_statistics=Q1234,count=Q5678 (env CLAIMDESK_P459)")
}

// publisher returns the publisher the flags name, or the flag at fault.
func (f *publisherFlags) publisher() (exchange.Publisher, error) {
	m, err := exchange.ParseDetermination(f.determination)
	if err != nil {
		return f.p, fmt.Errorf("%s: %w", source("p459"), err)
	}
	if len(m) > 0 {
		f.p.Determination = m
	}
	if err := f.p.Validate(); err != nil {
		flags := map[string]string{"org_name": "org-name", "org_url": "org-url", "org_logo": "org-logo", "public_url": "public-url"}
		var e *claims.Error
		if errors.As(err, &e) && len(e.Fields) > 0 {
			name := source(flags[e.Fields[0].Field])
			if flags[e.Fields[0].Field] == "" {
				name = source("p459") + " " + strings.TrimPrefix(e.Fields[0].Field, "determination_methods.")
			}
			return f.p, fmt.Errorf("%s: %s", name, e.Fields[0].Detail)
		}
		return f.p, err
	}
	return f.p, nil
}

// memoryLimitFlag registers --memory-limit, a soft limit on the Go
// runtime's memory in MiB (def bytes by default, 0 for none), and returns
// what sets it once the flags are parsed, unless the environment's
// GOMEMLIMIT, which takes precedence, is set. With a limit, gcPercent
// (when above 0) becomes the collector's GOGC unless the environment's
// GOGC is set; --memory-limit 0 leaves the collector as it is.
func memoryLimitFlag(fs *flag.FlagSet, whose string, def int64, gcPercent int) func() {
	mib := fs.Int64("memory-limit", def>>20, "soft limit on "+whose+" Go memory in MiB, 0 for none (the environment's GOMEMLIMIT takes precedence)")
	return func() {
		if *mib <= 0 {
			return
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(*mib << 20)
		}
		if os.Getenv("GOGC") == "" && gcPercent > 0 {
			debug.SetGCPercent(gcPercent)
		}
	}
}
