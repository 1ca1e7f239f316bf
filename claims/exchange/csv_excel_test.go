package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

func exportOpts(t *testing.T, s exchange.Store, f exchange.Format, opts exchange.ExportOptions) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	opts.Now = func() time.Time { return t0 }
	err := exchange.Export(context.Background(), s, &buf, f, exchange.Filter{}, opts)
	return buf.Bytes(), err
}

func TestCSVExcel(t *testing.T) {
	s := storetest.SQLite(t)
	loadDemo(t, s)
	plain, err := exportOpts(t, s, exchange.CSV, exchange.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	excel, err := exportOpts(t, s, exchange.CSV, exchange.ExportOptions{Excel: true})
	if err != nil {
		t.Fatal(err)
	}
	bom := []byte{0xEF, 0xBB, 0xBF}
	if bytes.HasPrefix(plain, bom) || bytes.Contains(plain, []byte("\r\n")) {
		t.Errorf("plain CSV has a byte order mark or CRLF line ends")
	}
	if !bytes.HasPrefix(excel, bom) {
		t.Errorf("Excel CSV starts with % x, want the UTF-8 byte order mark", excel[:3])
	}
	body := excel[len(bom):]
	// Every LF of the Excel file ends a CRLF pair, and taking the CRs out
	// gives the plain file back: the same rows, only the line ends differ.
	if n, m := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n != m || n == 0 {
		t.Errorf("Excel CSV has %d LF and %d CRLF, want every line end CRLF", n, m)
	}
	if !bytes.Equal(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), plain) {
		t.Errorf("Excel CSV differs from plain CSV by more than the line ends")
	}
	// The Cyrillic of the demo is there as UTF-8, and both files read the
	// same with a CSV reader.
	if !bytes.Contains(excel, []byte("несколько")) && !bytes.Contains(excel, []byte("Россия")) && !bytes.ContainsRune(excel, 'д') {
		t.Errorf("Excel CSV lacks the demo's Cyrillic text")
	}
	rows := func(b []byte) [][]string {
		r, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, bom))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if diff := cmp.Diff(rows(plain), rows(excel)); diff != "" {
		t.Errorf("rows (-plain +excel):\n%s", diff)
	}
	// The importer reads the Excel file as it reads the plain one: into the
	// store they came from, every claim is already there.
	imp := func(b []byte) *exchange.Report {
		rep, err := exchange.Import(context.Background(), s, bytes.NewReader(b), exchange.ImportOptions{Format: exchange.CSV, DryRun: true})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		return rep
	}
	if p, x := imp(plain), imp(excel); p.Skipped.Claims == 0 || !cmp.Equal(p.Skipped, x.Skipped) {
		t.Errorf("import skipped %+v of the plain CSV and %+v of the Excel CSV, want the same, all claims", p.Skipped, x.Skipped)
	}
	if _, err := exportOpts(t, s, exchange.JSON, exchange.ExportOptions{Excel: true}); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("JSON with Excel: err = %v, want invalid", err)
	}
}
