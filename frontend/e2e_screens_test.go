package frontend_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// checkConsensus checks that the comparison draws the consensus band
// exactly when the API reports a consensus, and the timeline never does.
func checkConsensus(t *testing.T, s *session, base, topicID string) {
	t.Helper()
	var cmp struct {
		Summary struct {
			Consensus json.RawMessage `json:"consensus"`
		} `json:"summary"`
	}
	call(t, "GET", base+"/api/v1/topics/"+topicID+"/comparison", nil, &cmp)
	want := len(cmp.Summary.Consensus) > 0 && string(cmp.Summary.Consensus) != "null"
	s.do(t, chromedp.Navigate(base+"/topics/"+topicID))
	s.waitFor(t, "the plot", `document.querySelectorAll('svg.plot .row').length > 0`)
	if got := eval[bool](t, s, `!!document.querySelector('svg.plot .consensus')`); got != want {
		t.Errorf("%s: consensus band drawn = %v, but the API's consensus is %s", topicID, got, cmp.Summary.Consensus)
	}
}

func demoScreens(t *testing.T, s *session, base string) {
	const topic = "topic-russians-is"
	// The comparison scrolled to its plot.
	s.do(t, chromedp.Navigate(base+"/topics/"+topic))
	s.waitFor(t, "the plot", `document.querySelectorAll('svg.plot .conflict').length > 0`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.compare').scrollIntoView()`))
	s.do(t, chromedp.Focus(chromedp.CSS(`svg .conflict`)))
	s.waitFor(t, "the explanation", `!document.querySelector('.plot-tip').hidden`)
	s.screenshot(t, "comparison-demo-plot", false)

	// The timeline: every dated claim with a number is a point, every range a bar.
	s.do(t, chromedp.Navigate(base+"/topics/"+topic+"?view=timeline"))
	s.waitFor(t, "the timeline", `document.querySelectorAll('svg .tl-point').length > 5`)
	var cmp struct {
		Claims []struct {
			Claim struct {
				ID                        string
				SaidOn, AsOf, PublishedOn string `json:"-"`
				Interval                  *struct{ Low, High, Best *float64 }
				SaidOnJ                   string `json:"said_on"`
				AsOfJ                     string `json:"as_of"`
				PublishedOnJ              string `json:"published_on"`
			} `json:"claim"`
		} `json:"claims"`
		Series []struct {
			Entries []struct {
				ClaimID string `json:"claim_id"`
			} `json:"entries"`
		} `json:"series"`
	}
	call(t, "GET", base+"/api/v1/topics/"+topic+"/comparison?limit=500", nil, &cmp)
	dated := map[string]bool{}
	wantPoints, wantBars := 0, 0
	for _, e := range cmp.Claims {
		c := e.Claim
		if c.Interval == nil || c.SaidOnJ+c.AsOfJ+c.PublishedOnJ == "" {
			continue
		}
		dated[c.ID] = true
		wantPoints++
		if iv := c.Interval; iv.Low != nil || iv.High != nil {
			if iv.Low == nil || iv.High == nil || *iv.Low != *iv.High {
				wantBars++
			}
		}
	}
	if got := eval[int](t, s, `document.querySelectorAll('svg .tl-point').length`); got != wantPoints {
		t.Errorf("timeline shows %d points, want %d dated claims", got, wantPoints)
	}
	if got := eval[int](t, s, `document.querySelectorAll('svg .tl-point .tl-range').length`); got != wantBars {
		t.Errorf("timeline draws %d range bars, want %d", got, wantBars)
	}
	wantLines := 0
	for _, sr := range cmp.Series {
		n := 0
		for _, x := range sr.Entries {
			if dated[x.ClaimID] {
				n++
			}
		}
		if n >= 2 {
			wantLines++
		}
	}
	if got := eval[int](t, s, `document.querySelectorAll('svg .series-line').length`); got != wantLines {
		t.Errorf("timeline joins %d series, want %d", got, wantLines)
	}
	if eval[bool](t, s, `!!document.querySelector('svg .consensus')`) {
		t.Error("the timeline draws a consensus band")
	}
	s.do(t, chromedp.Focus(chromedp.CSS(`svg .tl-point`)))
	s.waitFor(t, "the point's note", `!document.querySelector('.plot-tip').hidden`)
	s.screenshot(t, "timeline-demo", false)

	for _, p := range []struct{ path, name, ready string }{
		{"/topics/" + topic + "/series", "series", `document.querySelectorAll('svg .tl-point').length > 0`},
		{"/claims/r4-bogdanov-2014", "claim-relations", `document.querySelectorAll('.rel-list li').length > 1`},
		{"/conflicts?status=open", "conflicts-inbox", `document.querySelectorAll('.conflict-item').length > 0`},
		{"/transfer", "transfer", `!!document.querySelector('#i-file')`},
	} {
		s.do(t, chromedp.Navigate(base+p.path))
		s.waitFor(t, p.name, p.ready)
		s.screenshot(t, p.name, false)
	}

	// A deprecated claim's disagreement is listed but carries no severity:
	// it is no conflict.
	s.do(t, chromedp.Navigate(base+"/claims/r4-bogdanov-2014"))
	s.waitFor(t, "the relations", `document.querySelectorAll('.rel-list li').length > 1`)
	dep := eval[[]bool](t, s, `[...document.querySelectorAll('.rel-list li')].filter(li => [...li.querySelectorAll('.tag')].some(t => t.textContent === 'deprecated')).map(li => !!li.querySelector('.sev-badge'))`)
	if len(dep) == 0 || slices.Contains(dep, true) {
		t.Errorf("relations with a deprecated claim: badges %v, want at least one, none with a severity badge", dep)
	}

	// The inbox offers only the moves that change a conflict's status,
	// each button named after the status it sets.
	s.do(t, chromedp.Navigate(base+"/conflicts?status=open"))
	s.waitFor(t, "the inbox", `document.querySelectorAll('.conflict-item').length > 0`)
	visible := func() []string {
		return eval[[]string](t, s, `[...document.querySelector('.conflict-item .review-actions').querySelectorAll('button')].filter(b => !b.hidden).map(b => b.textContent)`)
	}
	if got := visible(); !slices.Equal(got, []string{"Mark reviewed", "Mark dismissed"}) {
		t.Errorf("an open conflict offers %q, want Mark reviewed and Mark dismissed", got)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`.conflict-item .review-actions button`)))
	s.waitFor(t, "the review saved", `document.querySelector('.conflict-item .review-msg').textContent.includes('reviewed')`)
	if got := visible(); !slices.Equal(got, []string{"Mark dismissed", "Mark open"}) {
		t.Errorf("a reviewed conflict offers %q, want Mark dismissed and Mark open", got)
	}
	if got := eval[string](t, s, `document.querySelector('.conflict-item .review-line').textContent`); !strings.Contains(got, "Reviewed") {
		t.Errorf("review line after saving = %q, want it to say Reviewed", got)
	}
	s.checkClean(t)
}

func importFile(t *testing.T, s *session, from, base string) {
	res, err := http.Get(from + "/api/v1/export?format=json")
	if err != nil {
		t.Fatal(err)
	}
	good, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/export: %d", res.StatusCode)
	}
	var doc map[string]any
	if err := json.Unmarshal(good, &doc); err != nil {
		t.Fatal(err)
	}
	claims, _ := doc["claims"].([]any)
	topics, _ := doc["topics"].([]any)
	if len(claims) < 4 || len(topics) == 0 {
		t.Fatalf("export has %d claims and %d topics", len(claims), len(topics))
	}
	claims[3].(map[string]any)["claimant_id"] = "cl-nobody-at-all"
	bad, _ := json.Marshal(doc)
	dir := t.TempDir()
	goodPath, badPath := filepath.Join(dir, "claimdesk-all.json"), filepath.Join(dir, "claimdesk-bad.json")
	if err := os.WriteFile(goodPath, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(badPath, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var l struct{ Items []any }
		call(t, "GET", base+"/api/v1/topics", nil, &l)
		return len(l.Items)
	}
	out := `document.querySelector('[data-testid=import-out]')`

	// A file with one bad record: the error located, nothing written.
	s.do(t, chromedp.Navigate(base+"/transfer"))
	s.waitFor(t, "the import form", `!!document.querySelector('#i-file')`)
	s.do(t, chromedp.SetUploadFiles(chromedp.CSS("#i-file"), []string{badPath}))
	s.waitFor(t, "the located error", `!!`+out+`.querySelector('[data-testid=import-errors]')`)
	if got := eval[string](t, s, out+`.textContent`); !strings.Contains(got, "$.claims[3]") || !strings.Contains(got, "nothing was written") {
		t.Errorf("error report = %q, want the bad record located at $.claims[3]", got)
	}
	// The one error is said once, in the list under a count, not also in
	// the sentence above it.
	if got := eval[string](t, s, out+`.textContent`); !strings.Contains(got, "One problem:") || strings.Count(got, "$.claims[3]") != 1 || strings.Count(got, "cl-nobody-at-all") != 1 {
		t.Errorf("error report = %q, want one problem, located once", got)
	}
	if eval[bool](t, s, `!document.querySelector('[data-testid=import-commit]').hidden`) {
		t.Error("a bad file can still be imported")
	}
	s.screenshot(t, "import-bad", false)
	if n := count(); n != 0 {
		t.Fatalf("the bad file wrote %d topics", n)
	}

	// The good file: a dry run report, then the real import.
	s.do(t, chromedp.SetUploadFiles(chromedp.CSS("#i-file"), []string{goodPath}))
	s.waitFor(t, "the dry run", `!!`+out+`.querySelector('[data-testid=dry-run-ok]')`)
	cell := func(kind, col string) string {
		return eval[string](t, s, out+`.querySelector('tr[data-kind=`+kind+`] td[data-col=`+col+`]').textContent`)
	}
	if got, want := cell("claims", "created"), len(claims); got != itoa(want) {
		t.Errorf("dry run: %s claims to create, want %d", got, want)
	}
	if got := cell("total", "skipped"); got != "0" {
		t.Errorf("dry run: %s records skipped in an empty database", got)
	}
	if n := count(); n != 0 {
		t.Fatalf("the dry run wrote %d topics", n)
	}
	s.screenshot(t, "import-dry-run", false)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=import-commit]`)))
	s.waitFor(t, "the import", `!!`+out+`.querySelector('[data-testid=import-done]')`)
	if n := count(); n != len(topics) {
		t.Errorf("after the import: %d topics, want %d", n, len(topics))
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=import-out] a[href="/"]`)))
	s.waitFor(t, "the imported topics", `document.querySelectorAll('tbody tr').length === `+itoa(len(topics)))
	if !eval[bool](t, s, `document.body.innerText.includes('Russian nationals fighting with the Islamic State')`) {
		t.Error("the imported topic is not listed")
	}

	// The same file again: everything skipped.
	s.do(t, chromedp.Navigate(base+"/transfer"))
	s.waitFor(t, "the import form", `!!document.querySelector('#i-file')`)
	s.do(t, chromedp.SetUploadFiles(chromedp.CSS("#i-file"), []string{goodPath}))
	s.waitFor(t, "the second dry run", `!!`+out+`.querySelector('[data-testid=dry-run-ok]')`)
	if got := cell("total", "created"); got != "0" {
		t.Errorf("second dry run: %s records to create, want 0", got)
	}
	s.checkClean(t)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// contrastJS lists text whose contrast with its background is below WCAG
// AA (4.5:1, or 3:1 for large text), and controls without a label.
const contrastJS = `(() => {
	const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
	const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
	const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1); };
	const bgOf = (el) => {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
		}
		let base = [255, 255, 255, 1];
		for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
		return base;
	};
	const bad = [];
	for (const el of document.querySelectorAll('header *, main *')) {
		if (el.closest('[hidden], .visually-hidden, title, desc, defs, noscript, option')) continue;
		if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
		if (!el.getClientRects().length) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility === 'hidden' || el.disabled) continue;
		let op = 1;
		for (let e = el; e; e = e.parentElement) op *= Number(getComputedStyle(e).opacity);
		const isSvg = el instanceof SVGElement;
		const fg0 = parse(isSvg ? cs.fill : cs.color);
		if (!fg0) continue;
		const bg = bgOf(el);
		const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * op], bg);
		const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		const ratio = (a + 0.05) / (b + 0.05);
		const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
		const min = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
		if (ratio < min) bad.push(el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).replace(/ /g, '.') + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
	}
	for (const c of document.querySelectorAll('main input, main select, main textarea')) {
		if (c.type === 'hidden' || !c.getClientRects().length) continue;
		const named = c.labels && c.labels.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
		if (!named) bad.push('control without a label: ' + c.outerHTML.slice(0, 80));
	}
	return [...new Set(bad)];
})()`

func accessibility(t *testing.T, s *session, base string) {
	pages := []string{"/", "/topics/topic-russians-is", "/topics/topic-russians-is?view=timeline", "/topics/topic-russians-is/series",
		"/claims/r4-bogdanov-2014", "/conflicts?status=open", "/transfer", "/claims/new"}
	for _, scheme := range []string{"light", "dark"} {
		ctx, cancel := context.WithTimeout(s.ctx, browserWait)
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		cancel()
		if err != nil {
			t.Fatalf("emulate %s: %v", scheme, err)
		}
		for _, p := range pages {
			s.do(t, chromedp.Navigate(base+p))
			s.waitFor(t, p+" rendered", `!!document.querySelector('main h1') && !document.querySelector('main [aria-busy=true]') && !document.querySelector('main > p.muted[role=status]')`)
			s.do(t, chromedp.Sleep(100*time.Millisecond))
			if bad := eval[[]string](t, s, contrastJS); len(bad) > 0 {
				t.Errorf("%s, %s scheme:\n  %s", p, scheme, strings.Join(bad, "\n  "))
			}
			if !eval[bool](t, s, `!!document.querySelector('header nav') && document.querySelectorAll('main').length === 1 && !!document.querySelector('main h1')`) {
				t.Errorf("%s: missing header, nav, main or h1", p)
			}
			if scheme == "dark" && (p == "/topics/topic-russians-is" || p == "/topics/topic-russians-is?view=timeline") {
				name := "dark-comparison"
				if strings.Contains(p, "timeline") {
					name = "dark-timeline"
				}
				s.screenshot(t, name, false)
			}
		}
	}
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	_, _ = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})

	// Focus is visible: a focused link draws an outline.
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", `document.querySelectorAll('tbody tr').length > 0`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
	if got := eval[string](t, s, `getComputedStyle(document.activeElement).outlineStyle`); got == "none" {
		t.Errorf("the focused %s shows no outline", eval[string](t, s, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	s.checkClean(t)
}
