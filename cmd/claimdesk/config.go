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
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/service"
)

// env returns the value of the environment variable key, or def.
func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// envInt is the integer in the environment variable key, or def when it is
// unset; a value that is no integer is an error naming the variable.
func envInt(key string, def int) (int, error) {
	v := env(key, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def, fmt.Errorf("%s=%q: want a whole number", key, v)
	}
	return n, nil
}

// parserFlags choose how quantity text is read: the flags of every command
// that parses.
type parserFlags struct {
	calibration  string
	roundFigures bool
}

func (f *parserFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.calibration, "calibration", env("CLAIMDESK_CALIBRATION", ""), "JSON file overriding the meaning of vague words (env CLAIMDESK_CALIBRATION)")
	fs.BoolVar(&f.roundFigures, "round-figures", env("CLAIMDESK_ROUND_FIGURES", "") == "1", "read plain round figures as implying a precision: 4,000 as 3,500-4,500 (env CLAIMDESK_ROUND_FIGURES=1)")
}

// parser returns a parser with the built-in lexicon, or with the
// calibration file, and the round-figure option.
func (f *parserFlags) parser() (*quantity.Parser, error) {
	opts := []quantity.Option{quantity.WithRoundFigurePrecision(f.roundFigures)}
	if f.calibration != "" {
		file, err := os.Open(f.calibration)
		if err != nil {
			return nil, fmt.Errorf("calibration: %w", err)
		}
		defer file.Close()
		cal, err := quantity.LoadCalibration(file)
		if err != nil {
			return nil, fmt.Errorf("calibration %s: %w", f.calibration, err)
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
	logFormat string
	logLevel  string
	lockWait  time.Duration
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	f.parserFlags.register(fs)
	fs.StringVar(&f.db, "db", env("CLAIMDESK_DB", "claimdesk.db"), "SQLite file, or a postgres:// DSN (env CLAIMDESK_DB)")
	fs.StringVar(&f.logFormat, "log-format", env("CLAIMDESK_LOG_FORMAT", "text"), "log format: text or json (env CLAIMDESK_LOG_FORMAT)")
	fs.StringVar(&f.logLevel, "log-level", env("CLAIMDESK_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env CLAIMDESK_LOG_LEVEL)")
	wait, err := time.ParseDuration(env("CLAIMDESK_LOCK_WAIT", "5s"))
	if err != nil {
		wait = 5 * time.Second
	}
	fs.DurationVar(&f.lockWait, "lock-wait", wait, "how long a write waits for the database before it fails with 503 and Retry-After (env CLAIMDESK_LOCK_WAIT)")
}

func (f *storeFlags) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level %q: use debug, info, warn or error", f.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch f.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: use text or json", f.logFormat)
}

// opened is what a command that uses the database works with.
type opened struct {
	log   *slog.Logger
	store *gormstore.Store
	// writes is the service every write goes through, on store.
	writes *service.Service
}

// open builds the logger (writing to stderr) and the parser, then opens and
// migrates the database named by --db. The caller closes the store.
func (f *storeFlags) open(ctx context.Context, stderr io.Writer) (*opened, error) {
	log, err := f.logger(stderr)
	if err != nil {
		return nil, err
	}
	p, err := f.parser()
	if err != nil {
		return nil, err
	}
	s, err := gormstore.Open(ctx, f.db, gormstore.WithLogger(log), gormstore.WithLockWait(f.lockWait))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redact(f.db), err)
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate database %s: %w", redact(f.db), err)
	}
	return &opened{log: log, store: s, writes: service.New(s, p)}, nil
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
	fs.StringVar(&f.p.Name, "org-name", env("CLAIMDESK_ORG_NAME", ""), "the organisation publishing the reviews: ClaimReview author (env CLAIMDESK_ORG_NAME)")
	fs.StringVar(&f.p.URL, "org-url", env("CLAIMDESK_ORG_URL", ""), "the organisation's home page (env CLAIMDESK_ORG_URL)")
	fs.StringVar(&f.p.Logo, "org-logo", env("CLAIMDESK_ORG_LOGO", ""), "URL of the organisation's logo (env CLAIMDESK_ORG_LOGO)")
	fs.StringVar(&f.p.BaseURL, "public-url", env("CLAIMDESK_PUBLIC_URL", ""), "public base URL of the frontend, https://claims.example.org: a claim's page is PUBLIC-URL/claims/ID, the ClaimReview url (env CLAIMDESK_PUBLIC_URL)")
	fs.StringVar(&f.determination, "p459", env("CLAIMDESK_P459", ""), "Wikidata items of determination methods (P459) for evidence types and bases, such as official_statistics=Q1234,count=Q5678 (env CLAIMDESK_P459)")
}

// publisher returns the publisher the flags name, or the flag at fault.
func (f *publisherFlags) publisher() (exchange.Publisher, error) {
	m, err := exchange.ParseDetermination(f.determination)
	if err != nil {
		return f.p, fmt.Errorf("--p459: %w", err)
	}
	if len(m) > 0 {
		f.p.Determination = m
	}
	if err := f.p.Validate(); err != nil {
		flags := map[string]string{"org_name": "--org-name", "org_url": "--org-url", "org_logo": "--org-logo", "public_url": "--public-url"}
		var e *claims.Error
		if errors.As(err, &e) && len(e.Fields) > 0 {
			name, ok := flags[e.Fields[0].Field]
			if !ok {
				name = "--p459 " + strings.TrimPrefix(e.Fields[0].Field, "determination_methods.")
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
