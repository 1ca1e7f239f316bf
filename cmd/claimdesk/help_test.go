package main

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange"
)

// TestHelpNamesEveryExportFormat reads `claimdesk help`: its line for
// export names every format export writes (it left out quickstatements,
// which the README's command line shows).
func TestHelpNamesEveryExportFormat(t *testing.T) {
	code, out, _ := runCmd(t, "", "help")
	if code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "export" {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("help lists no export command:\n%s", out)
	}
	for _, f := range exchange.Formats {
		if !strings.Contains(line, string(f)) {
			t.Errorf("help's export line %q does not name %s", line, f)
		}
	}
}

// TestHelpFlagListsTheCommands runs `claimdesk --help` (and -h): a
// newcomer's first try lists the commands, where it printed only the flags
// of serve, the default command, under "Usage of claimdesk serve".
func TestHelpFlagListsTheCommands(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"-help"}, {"--help", "extra"}, {"-h", "import"}} {
		code, out, _ := runCmd(t, "", args...)
		if code != 0 || !strings.Contains(out, "Commands:") || !strings.Contains(out, "import") || !strings.Contains(out, "serve") {
			t.Errorf("claimdesk %s: exit %d, stdout %q; want the list of commands", strings.Join(args, " "), code, out)
		}
	}
}
