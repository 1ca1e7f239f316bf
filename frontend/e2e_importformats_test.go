package frontend_test

import (
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
