package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/frontend"
)

// storeFlags are the flags of every command that opens the database.
type storeFlags struct {
	db          string
	logFormat   string
	logLevel    string
	calibration string
}

func (f *storeFlags) register(fs interface {
	StringVar(p *string, name, value, usage string)
}) {
	fs.StringVar(&f.db, "db", env("CLAIMDESK_DB", "claimdesk.db"), "SQLite file, or a postgres:// DSN (env CLAIMDESK_DB)")
	fs.StringVar(&f.logFormat, "log-format", env("CLAIMDESK_LOG_FORMAT", "text"), "log format: text or json (env CLAIMDESK_LOG_FORMAT)")
	fs.StringVar(&f.logLevel, "log-level", env("CLAIMDESK_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env CLAIMDESK_LOG_LEVEL)")
	fs.StringVar(&f.calibration, "calibration", env("CLAIMDESK_CALIBRATION", ""), "JSON file overriding the meaning of vague words (env CLAIMDESK_CALIBRATION)")
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

// open reads the calibration file, then opens and migrates the database
// named by --db.
func (f *storeFlags) open(ctx context.Context, log *slog.Logger) (*gormstore.Store, *quantity.Parser, error) {
	p, err := newParser(f.calibration)
	if err != nil {
		return nil, nil, err
	}
	s, err := gormstore.Open(ctx, f.db, gormstore.WithLogger(log), gormstore.WithParser(p))
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", redact(f.db), err)
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("migrate database %s: %w", redact(f.db), err)
	}
	return s, p, nil
}

// redact hides the password of a DSN for messages.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			if colon := strings.Index(dsn[i+3:at], ":"); colon >= 0 {
				return dsn[:i+3+colon] + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}

func serve(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", env("CLAIMDESK_ADDR", "127.0.0.1:8080"), "address to listen on (env CLAIMDESK_ADDR)")
	loadDemo := fs.Bool("demo", env("CLAIMDESK_DEMO", "") == "1", "load the demo dataset into an empty database (env CLAIMDESK_DEMO=1)")
	maxBody := fs.Int64("max-body", 1<<20, "largest request body in bytes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "claimdesk serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	log, err := sf.logger(stderr)
	if err != nil {
		return err
	}
	store, parser, err := sf.open(ctx, log)
	if err != nil {
		return err
	}
	defer store.Close()

	if *loadDemo {
		if err := loadDemoData(ctx, store, log); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler: api.NewHandler(api.Options{
			Store:        store,
			Parser:       parser,
			Logger:       log,
			Assets:       frontend.FS,
			Version:      version,
			MaxBodyBytes: *maxBody,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "claimdesk %s listening on http://%s (database %s)\n", version, ln.Addr(), redact(sf.db))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// loadDemoData loads the demo dataset unless the database holds data
// already, which is not an error: the second start with --demo just serves.
func loadDemoData(ctx context.Context, store claims.Store, log *slog.Logger) error {
	rep, err := demo.Load(ctx, store)
	if claims.ErrorCode(err) == claims.CodeConflict {
		log.Info("demo dataset not loaded: the database already holds data")
		return nil
	}
	if err != nil {
		return fmt.Errorf("load demo dataset: %w", err)
	}
	log.Info("demo dataset loaded", "report", rep)
	return nil
}
