// Claimdesk records numeric claims from the media with their sources,
// reads quantity text such as "a few dozen" into intervals, and shows
// analysts which claims conflict and why.
//
// Usage:
//
//	claimdesk [serve] [--addr ADDR] [--db DSN] [--demo]   run the web app and the JSON API (default)
//	claimdesk parse [TEXT...]                            read quantity expressions (stdin: one a line)
//	claimdesk extract [FILE...]                          find quantity expressions in running text
//	claimdesk import [--db DSN] [--format F] [--dry-run] FILE|-   load an exported document
//	claimdesk export [--db DSN] [--topic ID] [--format F] [--out FILE]   write everything, or one topic
//	claimdesk reparse [--db DSN] [--dry-run]             read stored quantity text again with a new lexicon
//	claimdesk recompute [--db DSN]                       recompute the stored conflicts after an upgrade
//	claimdesk user add|list|disable|enable [--role R] [NAME]   manage accounts (password on stdin)
//	claimdesk token create|list|revoke [--user NAME] [ID]     manage API tokens (shown once)
//
// The flags of the database, the server and the parser fall back to
// environment variables: --db to CLAIMDESK_DB, --addr to CLAIMDESK_ADDR,
// and so on (envVars; a value the flag would refuse is an error).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/gin-gonic/gin"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// The api package logs every request with slog; gin's debug banner
	// would only repeat the route table on stderr.
	gin.SetMode(gin.ReleaseMode)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand: it parses its own flags from args.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "run the web app and the JSON API (the default)", serve},
		{"parse", "read quantity expressions and print their intervals as JSON Lines", parse},
		{"extract", "find quantity expressions in running text and print them as JSON Lines", extract},
		{"export", "write everything, or one topic, as json, ndjson, csv, claimreview, wikidata or quickstatements", exportCmd},
		{"import", "load an exported file (json, ndjson or csv) atomically; --dry-run to check it", importCmd},
		{"reparse", "read stored quantity text again after a lexicon or calibration change", reparse},
		{"recompute", "recompute every topic's conflicts after an upgrade changed the cross-referencing rules or gazetteer", recomputeCmd},
		{"user", "add, list, disable or enable user accounts", userCmd},
		{"token", "create, list or revoke API tokens", tokenCmd},
		{"version", "print the version", func(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) error {
			_, err := fmt.Fprintln(stdout, "claimdesk", version)
			return err
		}},
	}
}

// errUsage marks errors already reported with usage text: run exits 2.
var errUsage = errors.New("usage")

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// "claimdesk --help" (with anything after it) lists the commands;
	// "claimdesk serve -h" gives the flags of serve, the default command.
	if len(args) >= 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		args = []string{"help"}
	}
	name := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, args, stdin, stdout, stderr)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "claimdesk %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "claimdesk: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: claimdesk [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'claimdesk COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting, so
// that run can be tested.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("claimdesk "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args and maps a flag error to errUsage (the flag
// package has printed it already), then sets the flags args left unset
// from their environment variables (fromEnv).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return fromEnv(fs)
}
