package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/frontend"
)

func serve(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var sf storeFlags
	sf.register(fs)
	var pf publisherFlags
	pf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (env CLAIMDESK_ADDR)")
	loadDemo := fs.Bool("demo", false, "load the demo dataset into an empty database (env CLAIMDESK_DEMO=1)")
	maxBody := fs.Int64("max-body", api.DefaultMaxBodyBytes, "largest request body in bytes (env CLAIMDESK_MAX_BODY)")
	maxImport := fs.Int64("max-import", api.DefaultMaxImportBytes, "largest file POST /api/v1/import accepts, in bytes (env CLAIMDESK_MAX_IMPORT)")
	maxExports := fs.Int("max-exports", api.DefaultMaxExports, "how many GET /api/v1/export downloads run at once, each holding a database connection while its client reads; others are answered 503 with Retry-After (env CLAIMDESK_MAX_EXPORTS)")
	readSlots := fs.Int("read-slots", 0, "how many GET requests reach the database at once, the others waiting in the order they came; 0 for the store's read connections (SQLite: max(4, cores); PostgreSQL: 15), which more are capped at with a warning in the log; -1 for no limit (env CLAIMDESK_READ_SLOTS)")
	applyMemLimit := memoryLimitFlag(fs, "the server's", api.DefaultMemoryLimit, 0)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "claimdesk serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *maxExports < 1 {
		fmt.Fprintf(stderr, "claimdesk serve: --max-exports %d: want at least 1 (each export holds a database connection while its client reads)\n", *maxExports)
		return errUsage
	}
	applyMemLimit()
	pub, err := pf.publisher()
	if err != nil {
		return err
	}
	created := sf.missing()
	o, err := sf.open(ctx, stderr)
	if err != nil {
		return err
	}
	defer o.store.Close()
	log, store := o.log, o.store
	if created && !*loadDemo {
		// A mistyped --db would otherwise show an empty app, unexplained.
		log.Info("made a new, empty database: check --db if you meant an existing one", slog.String("database", redact(sf.db)))
	}
	if err := warnStaleSummaries(ctx, log, store, sf.db); err != nil {
		return err
	}

	if pub.BaseURL == "" || pub.Name == "" {
		log.Warn("ClaimReview markup lacks the required url or the recommended author: set --public-url and --org-name (CLAIMDESK_PUBLIC_URL, CLAIMDESK_ORG_NAME) on a public deployment")
	}
	// A server reachable from other machines must know who is who before
	// it answers anyone.
	users, admins, err := store.CountUsers(ctx)
	if err != nil {
		return err
	}
	local := isLoopbackAddr(*addr)
	if !local && admins == 0 {
		return fmt.Errorf("refusing to listen on %s: it is not a loopback address and no admin user exists, "+
			"so anyone who can reach it could read, change or delete everything. "+
			"Create an admin first (claimdesk user add --role admin NAME, then type the password), "+
			"or listen on 127.0.0.1 for yourself alone", *addr)
	}

	if *loadDemo {
		if err := loadDemoData(ctx, o.writes, log); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler: api.NewHandler(api.Options{
			Store:          store,
			Parser:         o.writes.Parser(),
			Logger:         log,
			Assets:         frontend.FS,
			Version:        version,
			MaxBodyBytes:   *maxBody,
			MaxImportBytes: *maxImport,
			Publisher:      pub,
			Accounts:       store,
			Local:          local,
			ReadSlots:      *readSlots,
			MaxExports:     *maxExports,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "claimdesk %s listening on http://%s (database %s)\n", version, ln.Addr(), redact(sf.db))
	if local && users == 0 {
		fmt.Fprintln(stdout, "local mode: no user accounts exist, so claimdesk runs open for one analyst on this machine "+
			"(requests addressed to other host names are refused); create a user with 'claimdesk user add' to require log-in")
	}

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

// isLoopbackAddr reports whether a listen address reaches this machine
// only. An empty host (":8080") listens on every interface.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && host != "" && api.IsLoopbackHost(host)
}

// loadDemoData loads the demo dataset unless the database holds data
// already, which is not an error: the second start with --demo just serves.
func loadDemoData(ctx context.Context, store claims.Transactor, log *slog.Logger) error {
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
