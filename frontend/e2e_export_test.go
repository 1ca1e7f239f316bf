package frontend_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/frontend"
)

// heldWriter is the response writer of an export whose client reads
// nothing: its first Write says so on started and waits for release.
type heldWriter struct {
	http.ResponseWriter
	once             sync.Once
	started, release chan struct{}
}

func (w *heldWriter) Write(p []byte) (int, error) {
	w.once.Do(func() {
		close(w.started)
		<-w.release
	})
	return w.ResponseWriter.Write(p)
}

func (w *heldWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// TestExportRefusalSaysWhy: with the one export the server runs taken by
// a client that reads nothing, the export link of the page says the
// server's own reason next to it, where the browser's download bar said
// only "Failed - Server problem"; once that export ends, the same link
// has the browser download the file.
func TestExportRefusalSaysWhy(t *testing.T) {
	s := startBrowser(t)
	store := storetest.SQLite(t)
	if _, err := demo.Load(context.Background(), service.New(store, nil)); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	h := api.NewHandler(api.Options{Store: store, Assets: frontend.FS, MaxExports: 1})
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	let := func() { once.Do(func() { close(release) }) }
	// asked lists the page's requests of the export, by method.
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Test-Hold") != "" {
			w = &heldWriter{ResponseWriter: w, started: started, release: release}
		} else if r.URL.Path == "/api/v1/export" {
			mu.Lock()
			asked = append(asked, r.Method)
			mu.Unlock()
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(let)
	base := srv.URL

	held := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/export?format=json", nil)
		req.Header.Set("X-Test-Hold", "1")
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		held <- err
	}()
	<-started

	s.do(t, chromedp.Navigate(base+"/transfer"))
	s.waitFor(t, "the export link", `!!document.querySelector('[data-testid=export-link]')`)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=export-link]`)))
	s.waitFor(t, "the refusal", `!!document.querySelector('[data-testid=export-status] .error-box')`)
	got := eval[string](t, s, `document.querySelector('[data-testid=export-status]').textContent`)
	for _, want := range []string{"Not exported", "as many exports as it allows", "try again in 10 seconds"} {
		if !strings.Contains(got, want) {
			t.Errorf("export status %q does not say %q", got, want)
		}
	}
	// Only a HEAD: a GET sent for the explanation could find the place
	// free, run an export and hold the place the download then needs.
	mu.Lock()
	if !slices.Equal(asked, []string{http.MethodHead}) {
		t.Errorf("the refused link asked the export by %q, want one HEAD", asked)
	}
	mu.Unlock()
	s.screenshot(t, "export-refused", false)
	if files, _ := filepath.Glob(filepath.Join(s.download, "*")); len(files) != 0 {
		t.Errorf("files saved by a refused export: %q", files)
	}

	let()
	if err := <-held; err != nil {
		t.Fatalf("the held export: %v", err)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=export-link]`)))
	s.waitFor(t, "the export downloading", `document.querySelector('[data-testid=export-status]').textContent.startsWith('Downloading claimdesk-all-')`)
	// The server's file name, with the date, as its HEAD gave it.
	name := eval[string](t, s, `document.querySelector('[data-testid=export-status]').textContent.split(' ')[1].replace(/:$/, '')`)
	if want := "claimdesk-all-" + time.Now().UTC().Format("2006-01-02") + ".json"; name != want {
		t.Errorf("saved as %q, want the server's name %q", name, want)
	}
	var saved struct {
		Claims []json.RawMessage `json:"claims"`
	}
	if err := json.Unmarshal(waitFile(t, s.download, name, json.Valid), &saved); err != nil || len(saved.Claims) != 62 {
		t.Errorf("saved export: %v, %d claims; want the demo's 62", err, len(saved.Claims))
	}
	s.checkClean(t)
}
