package frontend_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestImportPageTakesCSVAndNDJSON imports through the Import/Export screen
// the CSV for Excel the same screen offers and the NDJSON that claimdesk
// export writes: the API imports both, and the page refused them as "not
// JSON". The NDJSON goes into an empty database (every record created);
// the CSV, one row a claim that names its topic, claimant and source, back
// into the demo's (every claim already there, skipped).
func TestImportPageTakesCSVAndNDJSON(t *testing.T) {
	s := startBrowser(t)
	demoSrv := newServer(t, true)
	blank := newServer(t, false)
	dir := t.TempDir()
	download := func(format, name string) string {
		res, err := http.Get(demoSrv.URL + "/api/v1/export?format=" + format)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/export?format=%s: %d", format, res.StatusCode)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var demoClaims struct{ Items []any }
	call(t, "GET", demoSrv.URL+"/api/v1/claims?limit=500", nil, &demoClaims)
	n := len(demoClaims.Items)
	if n == 0 {
		t.Fatal("the demo has no claims")
	}
	out := `document.querySelector('[data-testid=import-out]')`
	cell := func(kind, col string) string {
		return eval[string](t, s, out+`.querySelector('tr[data-kind=`+kind+`] td[data-col=`+col+`]').textContent`)
	}
	for _, c := range []struct {
		format, file, base, col string
	}{
		{"ndjson", "claimdesk-all.ndjson", blank.URL, "created"},
		{"csv&excel=true", "claimdesk-all.csv", demoSrv.URL, "skipped"},
	} {
		path := download(c.format, c.file)
		ext := filepath.Ext(c.file)
		s.do(t, chromedp.Navigate(c.base+"/transfer"))
		s.waitFor(t, "the import form", `!!document.querySelector('#i-file')`)
		if accept := eval[string](t, s, `document.querySelector('#i-file').accept`); !strings.Contains(accept, ext) {
			t.Errorf("the file input accepts %q, not %s", accept, ext)
		}
		s.do(t, chromedp.SetUploadFiles(chromedp.CSS("#i-file"), []string{path}))
		s.waitFor(t, "the dry run of the "+c.file, `!!`+out+`.querySelector('[data-testid=dry-run-ok], [data-testid=import-error]') || document.querySelector('#i-file-err').textContent !== ''`)
		if msg := eval[string](t, s, `document.querySelector('#i-file-err').textContent + ' ' + `+out+`.textContent`); !eval[bool](t, s, `!!`+out+`.querySelector('[data-testid=dry-run-ok]')`) {
			t.Fatalf("%s is not imported: %q", c.file, msg)
		}
		if got := cell("claims", c.col); got != itoa(n) {
			t.Errorf("%s dry run: %s claims %s, want %d", c.file, got, c.col, n)
		}
		s.screenshot(t, "import"+strings.ReplaceAll(ext, ".", "-"), false)
	}
	s.checkClean(t)
}

// TestImportPageReadsTheSeparatorFromTheHeader imports through the
// Import/Export screen the demo's CSV for Excel as Excel saves it in a
// locale whose decimal separator is a comma (semicolons between fields,
// commas and semicolons inside quoted quotes), and as a tab-separated
// file: the dry run finds every claim already there. A file whose header
// separates its names with spaces is refused with the reason, at line 1.
func TestImportPageReadsTheSeparatorFromTheHeader(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, true)
	res, err := http.Get(srv.URL + "/api/v1/export?format=csv&excel=true")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	bom := "\ufeff"
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), bom))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("the demo's CSV: %d rows, %v", len(rows), err)
	}
	quoted := 0
	for _, r := range rows[1:] {
		for _, f := range r {
			if strings.ContainsAny(f, ",;") {
				quoted++
			}
		}
	}
	if quoted == 0 {
		t.Fatal("no field of the demo's CSV holds a comma or a semicolon: the test would prove nothing")
	}
	dir := t.TempDir()
	write := func(name string, sep rune) string {
		var b strings.Builder
		b.WriteString(bom)
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = sep, true
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := `document.querySelector('[data-testid=import-out]')`
	upload := func(path string) {
		s.do(t, chromedp.Navigate(srv.URL+"/transfer"))
		s.waitFor(t, "the import form", `!!document.querySelector('#i-file')`)
		s.do(t, chromedp.SetUploadFiles(chromedp.CSS("#i-file"), []string{path}))
		s.waitFor(t, "the dry run of "+filepath.Base(path), `!!`+out+`.querySelector('[data-testid=dry-run-ok], [data-testid=import-error]')`)
	}
	for _, f := range []struct {
		name string
		sep  rune
	}{{"claimdesk-semicolons.csv", ';'}, {"claimdesk-tabs.csv", '\t'}} {
		upload(write(f.name, f.sep))
		if !eval[bool](t, s, `!!`+out+`.querySelector('[data-testid=dry-run-ok]')`) {
			t.Fatalf("%s is not imported: %q", f.name, eval[string](t, s, out+`.textContent`))
		}
		if got := eval[string](t, s, out+`.querySelector('tr[data-kind=claims] td[data-col=skipped]').textContent`); got != itoa(len(rows)-1) {
			t.Errorf("%s dry run: %s claims skipped, want %d", f.name, got, len(rows)-1)
		}
	}
	s.screenshot(t, "import-semicolons", false)

	bad := filepath.Join(dir, "spaces.csv")
	if err := os.WriteFile(bad, []byte("id topic_id claimant_id source_id\r\nc-1 t-ru bogdanov tass\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	upload(bad)
	msg := eval[string](t, s, out+`.textContent`)
	if !eval[bool](t, s, `!!`+out+`.querySelector('[data-testid=import-error]')`) || !strings.Contains(msg, "line 1") || !strings.Contains(msg, "cannot tell the separator") {
		t.Errorf("a header separated by spaces: %q, want the import refused at line 1, saying the separator cannot be told", msg)
	}
	s.screenshot(t, "import-no-separator", false)
	s.checkClean(t)
}
