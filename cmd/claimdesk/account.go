package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/service"
)

// userCmd manages accounts: claimdesk user add|list|disable|enable.
func userCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	const usage = "Usage: claimdesk user add --role viewer|analyst|admin NAME   (the password is read from stdin)\n" +
		"       claimdesk user list\n       claimdesk user disable NAME\n       claimdesk user enable NAME\n"
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	verb, args := args[0], args[1:]
	fs := newFlags("user "+verb, stderr)
	var sf storeFlags
	sf.register(fs)
	role := fs.String("role", "analyst", "role of a new user: viewer, analyst or admin")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	want := 1
	if verb == "list" {
		want = 0
	}
	if fs.NArg() != want {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	// A new user is checked before the database is opened: a refused
	// one leaves no new database behind.
	var u *claims.User
	open := sf.openExisting
	if verb == "add" {
		u = &claims.User{Name: fs.Arg(0), Role: claims.Role(*role)}
		if err := u.Validate(); err != nil {
			return errors.New(problemText(err))
		}
		pw, err := readPassword(stdin, stderr, "Password for "+u.Name+": ")
		if err != nil {
			return err
		}
		if err := u.SetPassword(pw); err != nil {
			return errors.New(problemText(err))
		}
		open = sf.open // the first user may come before the database
	}
	created := verb == "add" && sf.missing()
	o, err := open(ctx, stderr)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(stderr, "claimdesk user add: made a new database at %s\n", redact(sf.db))
	}
	defer o.store.Close()
	s := o.store
	switch verb {
	case "add":
		if err := service.NewAccounts(s).CreateUser(ctx, u); err != nil {
			return errors.New(problemText(err))
		}
		fmt.Fprintf(stdout, "user %s added with role %s\n", u.Name, u.Role)
	case "list":
		users, err := s.ListUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tSTATUS\tCREATED")
		for _, u := range users {
			status := "active"
			if u.Disabled {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, status, u.CreatedAt.Format(time.RFC3339))
		}
		return tw.Flush()
	case "disable", "enable":
		u, err := s.FindUser(ctx, fs.Arg(0))
		if err != nil {
			return errors.New(problemText(err))
		}
		u.Disabled = verb == "disable"
		if err := service.NewAccounts(s).UpdateUser(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "user %s %sd\n", u.Name, verb)
	default:
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	return nil
}

// tokenCmd manages API tokens: claimdesk token create|list|revoke.
func tokenCmd(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	const usage = "Usage: claimdesk token create --user NAME [--name LABEL] [--expires 720h]\n" +
		"       claimdesk token list [--user NAME]\n       claimdesk token revoke ID\n"
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	verb, args := args[0], args[1:]
	fs := newFlags("token "+verb, stderr)
	var sf storeFlags
	sf.register(fs)
	user := fs.String("user", "", "the user the token acts as")
	name := fs.String("name", "api token", "a label, to recognise the token in lists")
	expires := fs.Duration("expires", 0, "lifetime, such as 720h; 0 never expires")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	want := 0
	if verb == "revoke" {
		want = 1
	}
	if fs.NArg() != want || (verb == "create" && *user == "") || *expires < 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	o, err := sf.openExisting(ctx, stderr)
	if err != nil {
		return err
	}
	defer o.store.Close()
	s := o.store
	switch verb {
	case "create":
		u, err := s.FindUser(ctx, *user)
		if err != nil {
			return errors.New(problemText(err))
		}
		secret, hash := claims.NewSecret()
		t := &claims.Token{UserID: u.ID, Kind: claims.TokenAPI, Name: *name, Hash: hash}
		if *expires > 0 {
			t.ExpiresAt = time.Now().Add(*expires)
		}
		if err := s.CreateToken(ctx, t); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "token %s created for %s (%s); it is shown only now:\n", t.ID, u.Name, u.Role)
		fmt.Fprintln(stdout, secret)
	case "list":
		ts, err := s.ListTokens(ctx, *user)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tEXPIRES\tSTATUS")
		for _, t := range ts {
			exp, status := "never", "active"
			if !t.ExpiresAt.IsZero() {
				exp = t.ExpiresAt.Format(time.RFC3339)
			}
			switch {
			case t.RevokedAt != nil:
				status = "revoked"
			case !t.Usable(time.Now()):
				status = "expired"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.UserName, t.Name, t.CreatedAt.Format(time.RFC3339), exp, status)
		}
		return tw.Flush()
	case "revoke":
		if err := s.RevokeToken(ctx, fs.Arg(0), time.Now()); err != nil {
			return errors.New(problemText(err))
		}
		fmt.Fprintf(stdout, "token %s revoked\n", fs.Arg(0))
	default:
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	return nil
}

// readPassword reads a password: without echo from a terminal, else the
// first line of stdin (for scripts: printf '%s\n' "$PW" | claimdesk user add …).
func readPassword(stdin io.Reader, stderr io.Writer, prompt string) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// problemText is the user-safe message of a claims error, which names
// each field at fault.
func problemText(err error) string { return claims.ErrorMessage(err) }
