package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims/exchange"
)

// Importing into a database a server is using
//
// A direct import (claimdesk import --db) is one transaction: on SQLite it
// holds the database's write lock from its first row to its commit, so
// readers never see half of it, and the server answers writes meanwhile
// with 503 and Retry-After once its lock wait runs out (never 500). On
// PostgreSQL only the writes to topics the import touches wait. For a
// server in use, `claimdesk import --server URL` sends the file to the
// server's POST /api/v1/import instead: the server runs it like any other
// import (one at a time, streamed, atomic).

// importMediaTypes are the Content-Types of POST /api/v1/import by format.
var importMediaTypes = map[exchange.Format]string{
	exchange.JSON:   "application/json",
	exchange.NDJSON: "application/x-ndjson",
	exchange.CSV:    "text/csv",
}

// importThrough sends the document in to the import endpoint of the server
// at base and prints its report.
func importThrough(ctx context.Context, base string, in io.Reader, f exchange.Format, dryRun bool, stdout io.Writer) error {
	u, err := url.Parse(strings.TrimSuffix(base, "/") + "/api/v1/import")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("--server %q: give the server's http:// or https:// URL", base)
	}
	if f == "" {
		f = exchange.JSON
	}
	ct, ok := importMediaTypes[f]
	if !ok {
		return fmt.Errorf("cannot import format %q: use json, ndjson or csv", f)
	}
	if dryRun {
		u.RawQuery = "dry_run=true"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), in)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", ct)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("import through %s: %w", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("import through %s: %w", base, err)
	}
	var out bytes.Buffer
	if json.Indent(&out, body, "", "  ") != nil {
		out.Reset()
		out.Write(body)
	}
	out.WriteByte('\n')
	if resp.StatusCode == http.StatusOK {
		_, err := stdout.Write(out.Bytes())
		return err
	}
	var p struct {
		Detail string          `json:"detail"`
		Report json.RawMessage `json:"report"`
	}
	json.Unmarshal(body, &p)
	if len(p.Report) > 0 {
		var rep bytes.Buffer
		if json.Indent(&rep, p.Report, "", "  ") == nil {
			rep.WriteByte('\n')
			stdout.Write(rep.Bytes())
		}
	}
	if p.Detail == "" {
		p.Detail = strings.TrimSpace(out.String())
	}
	return fmt.Errorf("the server answered %s: %s", resp.Status, p.Detail)
}

// envImportPause names a directory for the fault tests: a direct import
// of a file pauses when half of it is read (its transaction open, rows
// written), creates "paused" in the directory and waits until "resume"
// appears there, so a test can act on, or kill -9, an import in the middle.
const envImportPause = "CLAIMDESK_TEST_IMPORT_PAUSE"

type pauseReader struct {
	r      io.Reader
	at     int64
	read   int64
	dir    string
	paused bool
}

func (p *pauseReader) Read(b []byte) (int, error) {
	if !p.paused && p.read >= p.at {
		p.paused = true
		if err := os.WriteFile(filepath.Join(p.dir, "paused"), nil, 0o644); err != nil {
			return 0, err
		}
		for {
			if _, err := os.Stat(filepath.Join(p.dir, "resume")); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if max := p.at - p.read; !p.paused && int64(len(b)) > max && max > 0 {
		b = b[:max]
	}
	n, err := p.r.Read(b)
	p.read += int64(n)
	return n, err
}
