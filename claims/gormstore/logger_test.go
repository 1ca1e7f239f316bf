package gormstore

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// A slow bulk statement is logged cut short, with its length, and the cut
// never splits a character or shows a password hash.
func TestSlowQueryLogIsAbridged(t *testing.T) {
	var out bytes.Buffer
	g := gormLogger{log: slog.New(slog.NewJSONHandler(&out, nil))}
	hash := "$2a$10$" + strings.Repeat("a", 53)
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = `"c-ж` + strings.Repeat("0", i%7) + `"`
	}
	sql := "UPDATE users SET password_hash=\"" + hash + "\" WHERE id IN (" + strings.Join(ids, ",") + ")"
	g.Trace(context.Background(), time.Now().Add(-time.Hour), func() (string, int64) { return sql, 2000 }, nil)
	line := out.String()
	if !strings.Contains(line, "slow query") {
		t.Fatalf("no slow query logged: %q", line)
	}
	if len(line) > 2*loggedSQL {
		t.Errorf("log line is %d bytes long, want under %d", len(line), 2*loggedSQL)
	}
	if want := "bytes in all"; !strings.Contains(line, want) || !strings.Contains(line, "UPDATE users SET") {
		t.Errorf("log line %q: want the statement's start and %q", line, want)
	}
	if strings.Contains(line, hash[:20]) {
		t.Errorf("log line shows the password hash: %q", line)
	}
	if !utf8.ValidString(line) || strings.ContainsRune(line, utf8.RuneError) {
		t.Errorf("log line cut a character in two: %q", line)
	}
	for _, short := range []string{"", "SELECT 1", strings.Repeat("x", loggedSQL)} {
		if got := abridge(short); got != short {
			t.Errorf("abridge(%d bytes) = %q, want it unchanged", len(short), got)
		}
	}
}
