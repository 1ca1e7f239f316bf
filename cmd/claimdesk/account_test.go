package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRefuseToStartWithoutAdmin checks that serve refuses a non-loopback
// address while no admin exists, saying how to create one, and starts on
// it once an admin exists, answering only with a token.
func TestRefuseToStartWithoutAdmin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claimdesk.db")
	code, _, stderr := runCmd(t, "", "serve", "--addr", "0.0.0.0:0", "--db", db)
	if code != 1 || !strings.Contains(stderr, "refusing to listen on 0.0.0.0:0") || !strings.Contains(stderr, "claimdesk user add --role admin") {
		t.Fatalf("serve on 0.0.0.0 without admin: exit %d, stderr %q; want 1 and how to create an admin", code, stderr)
	}
	// An analyst is not enough.
	if code, _, stderr := runCmd(t, "a long password\n", "user", "add", "--db", db, "--role", "analyst", "ann"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCmd(t, "", "serve", "--addr", ":0", "--db", db); code != 1 {
		t.Fatalf("serve on :0 with only an analyst: exit %d, want 1", code)
	}
	if code, _, stderr := runCmd(t, "short\n", "user", "add", "--db", db, "--role", "admin", "root"); code != 1 || !strings.Contains(stderr, "password: must be at least") {
		t.Fatalf("user add with a short password: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCmd(t, "another long password\n", "user", "add", "--db", db, "--role", "admin", "root"); code != 0 {
		t.Fatalf("user add admin: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "yet another password\n", "user", "add", "--db", db, "--role", "admin", "root"); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("user add twice: exit %d, stderr %q", code, stderr)
	}
	code, out, _ := runCmd(t, "", "user", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "ann") || !strings.Contains(out, "root") || !strings.Contains(out, "admin") {
		t.Fatalf("user list: exit %d:\n%s", code, out)
	}
	code, secret, stderr := runCmd(t, "", "token", "create", "--db", db, "--user", "ann", "--name", "ci")
	secret = strings.TrimSpace(secret)
	if code != 0 || !strings.HasPrefix(secret, "cdk_") || strings.Contains(stderr, secret) {
		t.Fatalf("token create: exit %d, stdout %q, stderr %q", code, secret, stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &syncBuffer{ch: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "0.0.0.0:0", "--db", db, "--log-level", "warn"}, strings.NewReader(""), stdout, io.Discard)
	}()
	var line string
	select {
	case line = <-stdout.ch:
	case code := <-done:
		t.Fatalf("serve with an admin exited %d before listening", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not print its start line")
	}
	_, port, err := net.SplitHostPort(strings.TrimPrefix(strings.Fields(line[strings.Index(line, "http://"):])[0], "http://"))
	if err != nil {
		t.Fatalf("start line %q: %v", line, err)
	}
	url := "http://127.0.0.1:" + port + "/api/v1/topics"
	get := func(auth string) int {
		req, _ := http.NewRequest("GET", url, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(""); got != 401 {
		t.Errorf("GET without a token = %d, want 401", got)
	}
	if got := get("Bearer " + secret); got != 200 {
		t.Errorf("GET with ann's token = %d, want 200", got)
	}
	// Revoked and disabled take effect at once.
	code, out, _ = runCmd(t, "", "token", "list", "--db", db)
	fields := strings.Fields(strings.Split(out, "\n")[1])
	if code != 0 || len(fields) < 2 || fields[1] != "ann" {
		t.Fatalf("token list: exit %d:\n%s", code, out)
	}
	if code, _, stderr := runCmd(t, "", "token", "revoke", "--db", db, fields[0]); code != 0 {
		t.Fatalf("token revoke: exit %d: %s", code, stderr)
	}
	if got := get("Bearer " + secret); got != 401 {
		t.Errorf("GET with a revoked token = %d, want 401", got)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if code, _, _ := runCmd(t, "", "user", "disable", "--db", db, "ann"); code != 0 {
		t.Errorf("user disable: exit %d", code)
	}
	if _, out, _ := runCmd(t, "", "user", "list", "--db", db); !strings.Contains(out, "disabled") {
		t.Errorf("user list after disable:\n%s", out)
	}
}
