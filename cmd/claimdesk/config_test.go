package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBadEnvironmentValues: a variable whose value its flag would refuse
// stops the command with an error naming the variable and what it wants,
// instead of running with the default as if it were unset.
func TestBadEnvironmentValues(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	serve := []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}
	tests := []struct {
		name, value string
		args        []string
		want        string
	}{
		{"CLAIMDESK_LOCK_WAIT", "five", serve, `CLAIMDESK_LOCK_WAIT="five": want a duration`},
		{"CLAIMDESK_LOCK_WAIT", "5", serve, `CLAIMDESK_LOCK_WAIT="5": want a duration`},
		{"CLAIMDESK_ROUND_FIGURES", "yes", []string{"parse", "4,000"}, `CLAIMDESK_ROUND_FIGURES="yes": want 1 or 0`},
		{"CLAIMDESK_ROUND_FIGURES", "on", serve, `CLAIMDESK_ROUND_FIGURES="on": want 1 or 0`},
		{"CLAIMDESK_DEMO", "yes", serve, `CLAIMDESK_DEMO="yes": want 1 or 0`},
		{"CLAIMDESK_LOG_FORMAT", "xml", serve, `CLAIMDESK_LOG_FORMAT="xml": want text or json`},
		{"CLAIMDESK_LOG_LEVEL", "loud", serve, `CLAIMDESK_LOG_LEVEL="loud": want debug, info, warn or error`},
		{"CLAIMDESK_LOG_LEVEL", "loud", []string{"export", "--db", db}, `CLAIMDESK_LOG_LEVEL="loud": want debug, info, warn or error`},
		{"CLAIMDESK_READ_SLOTS", "four", serve, `CLAIMDESK_READ_SLOTS="four": want a whole number`},
		{"CLAIMDESK_MAX_BODY", "1MB", serve, `CLAIMDESK_MAX_BODY="1MB": want a whole number of bytes`},
		{"CLAIMDESK_MAX_IMPORT", "lots", serve, `CLAIMDESK_MAX_IMPORT="lots": want a whole number of bytes`},
		{"CLAIMDESK_MAX_EXPORTS", "two", serve, `CLAIMDESK_MAX_EXPORTS="two": want a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			t.Setenv(tt.name, tt.value)
			// A serve that took the value would run until its context
			// ends: it ends at once.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stderr strings.Builder
			code := run(ctx, tt.args, strings.NewReader(""), io.Discard, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("claimdesk %v with %s=%q exited %d: %q; want 1 and %q", tt.args, tt.name, tt.value, code, stderr.String(), tt.want)
			}
		})
	}
}

// TestEnvironmentValues: a good value in a variable works as the flag
// would, and the flag given on the command line wins over it.
func TestEnvironmentValues(t *testing.T) {
	t.Setenv("CLAIMDESK_ROUND_FIGURES", "1")
	_, out, _ := runCmd(t, "", "parse", "4,000")
	if r := decodeLines(t, out)[0]; r["low"] != 3500.0 || r["high"] != 4500.0 {
		t.Errorf("4,000 with CLAIMDESK_ROUND_FIGURES=1 = %v..%v, want 3500..4500", r["low"], r["high"])
	}
	_, out, _ = runCmd(t, "", "parse", "--round-figures=false", "4,000")
	if r := decodeLines(t, out)[0]; r["low"] != 4000.0 || r["high"] != 4000.0 {
		t.Errorf("4,000 with --round-figures=false over CLAIMDESK_ROUND_FIGURES=1 = %v..%v, want 4000", r["low"], r["high"])
	}
	t.Setenv("CLAIMDESK_ROUND_FIGURES", "0")
	_, out, _ = runCmd(t, "", "parse", "4,000")
	if r := decodeLines(t, out)[0]; r["low"] != 4000.0 || r["high"] != 4000.0 {
		t.Errorf("4,000 with CLAIMDESK_ROUND_FIGURES=0 = %v..%v, want 4000", r["low"], r["high"])
	}
	// A bad value in the environment is no error when the command line
	// sets the flag: the variable is not read.
	t.Setenv("CLAIMDESK_ROUND_FIGURES", "yes")
	if code, _, stderr := runCmd(t, "", "parse", "--round-figures", "4,000"); code != 0 {
		t.Errorf("--round-figures over CLAIMDESK_ROUND_FIGURES=yes exited %d: %s", code, stderr)
	}
}

// commandFlags returns the flags of every command, by command, each with
// its usage, as the command's -h prints them (user add's and token
// create's for user and token).
func commandFlags(t *testing.T) map[string]map[string]string {
	t.Helper()
	flagLine := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)[^\n]*\n((?:    \t[^\n]*(?:\n|$))+)`)
	out := map[string]map[string]string{}
	for _, c := range commands() {
		args := []string{c.name, "-h"}
		switch c.name {
		case "user":
			args = []string{c.name, "add", "-h"}
		case "token":
			args = []string{c.name, "create", "-h"}
		case "version":
			continue
		}
		_, _, stderr := runCmd(t, "", args...)
		flags := map[string]string{}
		for _, m := range flagLine.FindAllStringSubmatch(stderr, -1) {
			flags[m[1]] = m[2]
		}
		if len(flags) == 0 {
			t.Fatalf("claimdesk %v printed no flags: %s", args, stderr)
		}
		out[c.name] = flags
	}
	return out
}

// TestEnvironmentVariablesListed: every flag that says it falls back to a
// variable is in envVars under that variable and the other way round, and
// the README's Configuration table gives each with its flag.
func TestEnvironmentVariablesListed(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, config, _ := strings.Cut(string(readme), "\n## Configuration\n")
	config, _, _ = strings.Cut(config, "\n## ")
	rows := map[string]string{} // flag to its table row
	for line := range strings.SplitSeq(config, "\n") {
		if m := regexp.MustCompile("^\\| `--([a-z0-9-]+)`").FindStringSubmatch(line); m != nil {
			rows[m[1]] = line
		}
	}
	seen := map[string]bool{}
	said := regexp.MustCompile(`\(env (CLAIMDESK_[A-Z0-9_]+)`)
	for name, flags := range commandFlags(t) {
		for flag, usage := range flags {
			v, listed := envVars[flag]
			m := said.FindStringSubmatch(usage)
			switch {
			case listed && m == nil:
				t.Errorf("claimdesk %s --%s falls back to %s but its help does not say so", name, flag, v.name)
			case !listed && m != nil:
				t.Errorf("claimdesk %s --%s says it falls back to %s, which envVars lacks", name, flag, m[1])
			case listed && m[1] != v.name:
				t.Errorf("claimdesk %s --%s says it falls back to %s, envVars %s", name, flag, m[1], v.name)
			}
			seen[flag] = true
			if listed && !strings.Contains(rows[flag], "`"+v.name) {
				t.Errorf("README's Configuration table has no row for --%s with %s: %q", flag, v.name, rows[flag])
			}
		}
	}
	for name, v := range envVars {
		if !seen[name] {
			t.Errorf("envVars names --%s (%s), which no command has", name, v.name)
		}
	}
	if !strings.Contains(config, "`GOMEMLIMIT`") {
		t.Errorf("README's Configuration section does not name GOMEMLIMIT")
	}
}
